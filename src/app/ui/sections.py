"""The sections of the main window, in navigation order, loaded only when a database is open.

Titles are known before any screen module is imported, so the window can paint its frame
while the database is still being opened (screens import the services, and so SQLAlchemy).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from app.ui.screens.page import SectionPage

# key: (title, class name in app.ui.screens.<key>)
_SECTIONS: dict[str, tuple[str, str]] = {
    "home": ("Tổng quan", "HomeScreen"),
    "units": ("Đơn vị & cán bộ", "UnitsScreen"),
    "campaigns": ("Phong trào & đăng ký", "CampaignsScreen"),
    "review": ("Bình xét", "ReviewScreen"),
    "decisions": ("Quyết định khen thưởng", "DecisionsScreen"),
    "search": ("Tra cứu khen thưởng", "SearchScreen"),
    "reports": ("Báo cáo & biểu mẫu", "ReportsScreen"),
    "settings": ("Danh mục & cài đặt", "SettingsScreen"),
    "audit": ("Nhật ký thay đổi", "AuditScreen"),
}
SECTION_KEYS: tuple[str, ...] = tuple(_SECTIONS)


def section_title(key: str) -> str:
    return QCoreApplication.translate("Sections", _SECTIONS[key][0])


def screen_class(key: str) -> type[SectionPage]:
    module = importlib.import_module(f"app.ui.screens.{key}")
    cls: type[SectionPage] = getattr(module, _SECTIONS[key][1])
    return cls
