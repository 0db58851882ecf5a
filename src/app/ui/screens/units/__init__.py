"""Đơn vị & cán bộ: the organisation tree and the people in it."""

from app.ui.screens.units.screen import UnitsScreen

__all__ = ["UnitsScreen"]
