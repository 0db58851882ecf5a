"""Certificate layouts as data: the shipped file parses, mistakes are named in Vietnamese,
templates are filled line by line, offsets are bounded."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from app.config import resources_root
from app.domain.certificate_layout import (
    Calibration,
    LayoutError,
    fill,
    parse_layouts,
    placeholders_of,
    validate_calibration,
)


def shipped() -> dict[str, Any]:
    path = resources_root() / "data" / "certificate_layouts.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_shipped_layouts_cover_the_three_blanks() -> None:
    layouts = parse_layouts(shipped(), source="certificate_layouts.json")
    assert list(layouts) == ["GK_SO", "BK_TINH", "BK_BO"]
    gk = layouts["GK_SO"]
    assert gk.awards == ("GK_SO",) and gk.landscape
    assert (gk.page_width_mm, gk.page_height_mm) == (297, 210)  # NĐ 98/2023 Điều 104: A4
    keys = {f.key for f in gk.fields}
    assert {"recipient", "position", "unit", "achievement", "decision", "golden_book"} <= keys
    assert {"place_date", "signer", "signer_name", "issuer", "award"} <= keys
    golden = gk.field("golden_book")
    assert golden.bold and golden.italic and golden.align == "left"  # §7.4: italic bold
    assert gk.field("issuer").color == "#C00000" and gk.field("issuer").uppercase  # red capitals
    assert not gk.field("award").printed  # "GIẤY KHEN" is on the blank
    assert not layouts["BK_TINH"].field("issuer").printed  # the province's blank has it
    assert "{period}" in gk.achievement
    for layout in layouts.values():
        for box in layout.fields:
            assert box.min_size_pt <= box.size_pt
            assert box.x_mm + box.width_mm <= layout.page_width_mm
            assert box.y_mm + box.height_mm <= layout.page_height_mm


def broken(change) -> str:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(shipped())
    change(data["layouts"][0])
    with pytest.raises(LayoutError) as caught:
        parse_layouts(data, source="x.json")
    return str(caught.value)


def field(layout: dict[str, Any], key: str) -> dict[str, Any]:
    return next(f for f in layout["fields"] if f["key"] == key)  # type: ignore[no-any-return]


def test_mistakes_are_named_with_the_layout_and_the_field() -> None:
    text = broken(lambda lay: field(lay, "recipient").update(text="{ho_ten}"))
    assert "mẫu GK_SO" in text and "'recipient'" in text and "{ho_ten}" in text
    assert "{recipient}" in text  # says which names exist
    text = broken(lambda lay: field(lay, "unit").update(x_mm=200))
    assert "'unit'" in text and "ngoài trang" in text
    assert "align" in broken(lambda lay: field(lay, "unit").update(align="giữa"))
    assert "#RRGGBB" in broken(lambda lay: field(lay, "issuer").update(color="đỏ"))
    assert "min_size_pt" in broken(lambda lay: field(lay, "unit").update(min_size_pt=40))
    assert "lặp lại" in broken(lambda lay: lay["fields"].append(dict(field(lay, "unit"))))
    assert "phải là một số" in broken(lambda lay: field(lay, "unit").update(y_mm="10"))
    assert "true hoặc false" in broken(lambda lay: field(lay, "unit").update(wrap="có"))
    assert "chỉ viết" in broken(lambda lay: field(lay, "unit").update(text="{unit!r}"))
    assert "'layouts'" in str(pytest.raises(LayoutError, parse_layouts, {}, source="x.json").value)


def test_fill_leaves_out_lines_whose_values_are_all_empty() -> None:
    values = {"signer_authority": "", "signer_title": "GIÁM ĐỐC", "golden_book_no": ""}
    assert fill("{signer_authority}\n{signer_title}", values) == "GIÁM ĐỐC"
    assert fill("Số sổ vàng: {golden_book_no}", values) == ""
    assert fill("Số sổ vàng: {golden_book_no}", {"golden_book_no": "7"}) == "Số sổ vàng: 7"
    assert fill("TẶNG", {}) == "TẶNG"  # a fixed text stays
    assert fill("{salutation} {name}", {"salutation": "", "name": "Chi cục"}) == "Chi cục"
    wording = "Đã có thành tích xuất sắc {period}"
    assert fill(wording, {"period": ""}, keep_empty=True) == "Đã có thành tích xuất sắc"
    assert placeholders_of("{a_b} và {c}") == ["a_b", "c"]


def test_offsets_are_bounded() -> None:
    assert validate_calibration(Calibration(1.5, -30)) == []
    problems = validate_calibration(Calibration(31, float("nan")))
    assert len(problems) == 2 and "ngang" in problems[0] and "dọc" in problems[1]
