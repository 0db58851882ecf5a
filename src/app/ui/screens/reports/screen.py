"""The "Báo cáo & biểu mẫu" page (to be built: forms and statistics)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.screens.page import SectionPage
from app.ui.sections import section_title

_CONTEXT = "ReportsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class ReportsScreen(SectionPage):
    @classmethod
    def title(cls) -> str:
        return section_title("reports")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Mục này sẽ xuất ra Excel các biểu mẫu hồ sơ khen thưởng (tờ trình, danh sách đề "
            "nghị, báo cáo thành tích, biên bản họp) và các báo cáo thống kê thi đua, khen "
            "thưởng, trình bày theo thể thức văn bản của Nghị định 30/2020/NĐ-CP."
        )

    @classmethod
    def planned(cls) -> list[str]:
        return [
            _tr("Tờ trình và danh sách đề nghị khen thưởng"),
            _tr("Thống kê khen thưởng theo năm, theo đơn vị, theo hình thức"),
            _tr("Mẫu riêng của Sở: đặt tệp cùng tên vào thư mục dữ liệu để thay mẫu có sẵn"),
        ]
