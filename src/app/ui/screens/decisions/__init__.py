"""Quyết định khen thưởng: award decisions, money, corrections and revocations."""

from app.ui.screens.decisions.screen import DecisionsScreen

__all__ = ["DecisionsScreen"]
