"""Bình xét: proposals, eligibility checks and the council's votes."""

from app.ui.screens.review.screen import ReviewScreen

__all__ = ["ReviewScreen"]
