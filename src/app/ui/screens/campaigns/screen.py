"""The "Phong trào & đăng ký" page (to be built: campaigns and registrations)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.screens.page import SectionPage
from app.ui.sections import section_title

_CONTEXT = "CampaignsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class CampaignsScreen(SectionPage):
    @classmethod
    def title(cls) -> str:
        return section_title("campaigns")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Mục này sẽ quản lý các phong trào thi đua thường xuyên và theo chuyên đề, các đợt "
            "thi đua do Sở phát động, cùng bản đăng ký thi đua đầu năm của từng tập thể và cá "
            "nhân: danh hiệu đăng ký, chỉ tiêu, ngày nộp; theo dõi đơn vị nào đã nộp, chưa nộp."
        )

    @classmethod
    def planned(cls) -> list[str]:
        return [
            _tr("Phát động phong trào, đợt thi đua; thời gian và đối tượng tham gia"),
            _tr("Bản đăng ký thi đua của từng đơn vị và cá nhân theo năm"),
            _tr("Tổng hợp đăng ký, danh sách đơn vị chưa nộp"),
            _tr("Nhập bản đăng ký từ tệp Excel của đơn vị"),
        ]
