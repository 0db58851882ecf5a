"""Nhật ký thay đổi: who changed which record, when, before and after."""

from app.ui.screens.audit.screen import AuditScreen

__all__ = ["AuditScreen"]
