"""Tổng quan: the year's figures, deadlines and award charts at a glance."""

from app.ui.screens.home.screen import HomeScreen

__all__ = ["HomeScreen"]
