"""The "Bình xét" page (to be built: proposals, eligibility, council votes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.screens.page import SectionPage
from app.ui.sections import section_title

_CONTEXT = "ReviewScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class ReviewScreen(SectionPage):
    @classmethod
    def title(cls) -> str:
        return section_title("review")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Mục này sẽ phục vụ bình xét thi đua, khen thưởng cuối năm và theo đợt: nhận đề nghị "
            "của các đơn vị, kiểm tra điều kiện của từng danh hiệu và hình thức khen thưởng theo "
            "Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn, nêu rõ điều kiện chưa "
            "đạt kèm điều khoản căn cứ, rồi ghi kết quả bỏ phiếu của Hội đồng Thi đua - Khen thưởng."
        )

    @classmethod
    def planned(cls) -> list[str]:
        return [
            _tr("Danh sách đề nghị khen thưởng theo đơn vị"),
            _tr("Kiểm tra điều kiện, giải thích bằng tiếng Việt kèm căn cứ pháp lý"),
            _tr("Phiếu bầu, tỷ lệ phiếu đồng ý, biên bản họp Hội đồng"),
        ]
