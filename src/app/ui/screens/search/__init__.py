"""Tra cứu khen thưởng: awards across years (issue 26)."""

from app.ui.screens.search.screen import SearchScreen

__all__ = ["SearchScreen"]
