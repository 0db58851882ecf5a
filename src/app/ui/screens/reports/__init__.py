"""Báo cáo & biểu mẫu: official forms and statistics exported to Excel."""

from app.ui.screens.reports.screen import ReportsScreen

__all__ = ["ReportsScreen"]
