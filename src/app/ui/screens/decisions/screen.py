"""The "Quyết định khen thưởng" page (to be built: decisions and money)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.screens.page import SectionPage
from app.ui.sections import section_title

_CONTEXT = "DecisionsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class DecisionsScreen(SectionPage):
    @classmethod
    def title(cls) -> str:
        return section_title("decisions")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Mục này sẽ lập quyết định khen thưởng của Giám đốc Sở và ghi nhận quyết định của cấp "
            "trên: số, ngày ký, người ký, danh sách được khen thưởng và tiền thưởng tính theo hệ số "
            "và mức lương cơ sở tại ngày ký. Quyết định đã ban hành được khóa; mọi đính chính, "
            "hủy bỏ đều phải có lý do và được lưu vết."
        )

    @classmethod
    def planned(cls) -> list[str]:
        return [
            _tr("Soạn quyết định từ kết quả bình xét, cấp số quyết định"),
            _tr("Tính tiền thưởng, in danh sách kèm theo quyết định"),
            _tr("Đính chính, hủy bỏ quyết định và thu hồi tiền thưởng"),
        ]
