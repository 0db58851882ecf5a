"""Phong trào & đăng ký: emulation campaigns and the yearly registrations."""

from app.ui.screens.campaigns.screen import CampaignsScreen

__all__ = ["CampaignsScreen"]
