"""Danh mục & cài đặt: the catalogue, parameters by effective date, backups."""

from app.ui.screens.settings.screen import SettingsScreen

__all__ = ["SettingsScreen"]
