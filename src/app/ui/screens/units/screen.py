"""The "Đơn vị & cán bộ" page: what the database holds now; the unit tree and people to come."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from app.services.context import AppContext
from app.services.overview import DatabaseOverview, database_overview
from app.ui.screens.page import SectionPage
from app.ui.sections import section_title

_CONTEXT = "UnitsScreen"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _count(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class UnitsScreen(SectionPage):
    """Shows real figures of the database (``database_overview``), refreshed when shown."""

    def __init__(self, ctx: AppContext, year: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, year, parent)
        self.overview: DatabaseOverview | None = None
        self._stale = True

        self.figures_box = QGroupBox(_tr("Số liệu hiện có trong cơ sở dữ liệu"))
        form = QFormLayout(self.figures_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.units_value = QLabel()
        self.people_value = QLabel()
        self.awards_value = QLabel()
        self.years_value = QLabel()
        for label, field in (
            (_tr("Đơn vị đang hoạt động:"), self.units_value),
            (_tr("Cán bộ đang công tác:"), self.people_value),
            (_tr("Khen thưởng đã ghi nhận:"), self.awards_value),
            (_tr("Năm có xếp loại, khen thưởng:"), self.years_value),
        ):
            field.setWordWrap(True)
            form.addRow(label, field)
        self.empty_label = QLabel(
            _tr(
                "Cơ sở dữ liệu chưa có đơn vị và cán bộ nào. Để xem thử chương trình với dữ liệu "
                "mẫu, hãy mở bằng lệnh: tdkt --demo"
            )
        )
        self.empty_label.setWordWrap(True)
        self.body.addWidget(self.figures_box)
        self.body.addWidget(self.empty_label)
        self.refresh()

    @classmethod
    def title(cls) -> str:
        return section_title("units")

    @classmethod
    def description(cls) -> str:
        return _tr(
            "Mục này sẽ quản lý cây đơn vị trực thuộc Sở (văn phòng, phòng, chi cục, trung tâm, "
            "ban quản lý) với lịch sử đổi tên, sáp nhập, giải thể, và hồ sơ cán bộ, công chức, "
            "viên chức, người lao động: quá trình công tác, xếp loại chất lượng hằng năm, sáng "
            "kiến, kỷ luật và các danh hiệu, hình thức khen thưởng đã nhận."
        )

    @classmethod
    def planned(cls) -> list[str]:
        return [
            _tr("Cây đơn vị; đổi tên, sáp nhập, giải thể mà vẫn giữ tên cũ cho hồ sơ cũ"),
            _tr("Danh sách cán bộ theo đơn vị, tìm theo tên có dấu hoặc không dấu"),
            _tr("Hồ sơ một cán bộ: quá trình công tác, xếp loại, sáng kiến, khen thưởng"),
            _tr("Nhập danh sách cán bộ và kết quả xếp loại từ tệp Excel"),
        ]

    def refresh(self) -> None:
        """Read the figures again (one short read-only session)."""
        overview = self.ctx.read(database_overview)
        self.overview = overview
        self._stale = False
        self.units_value.setText(
            _tr(
                "{current} (tổng cộng {total}, kể cả đơn vị đã đổi tên, sáp nhập, giải thể)"
            ).format(current=_count(overview.units_current), total=_count(overview.units_total))
        )
        self.people_value.setText(
            _tr("{active} (tổng cộng {total}, kể cả người đã nghỉ hưu, chuyển công tác)").format(
                active=_count(overview.people_active), total=_count(overview.people_total)
            )
        )
        self.awards_value.setText(_count(overview.awards))
        if overview.first_year is None:
            self.years_value.setText(_tr("chưa có"))
        elif overview.first_year == overview.last_year:
            self.years_value.setText(str(overview.first_year))
        else:
            self.years_value.setText(f"{overview.first_year} – {overview.last_year}")
        self.figures_box.setVisible(not overview.is_empty)
        self.empty_label.setVisible(overview.is_empty)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._stale = True  # other sections may change the data meanwhile

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
