"""Award names with their issuer, the province's names and codes (issue 11, point 3)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.award_names import (
    AwardCell,
    AwardResolution,
    CodeName,
    Issuer,
    ProvinceAwards,
    normalise_code,
    parse_issuer,
    parse_province_awards,
    reconcile,
    resolve_award_code,
    resolve_award_name,
)
from app.domain.catalogue import CatalogueError
from app.services.reference import catalogue, province_awards

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "province-award-codes.json"


def resolve(text: str, issuer: str = "", header: str | None = None) -> AwardResolution:
    return resolve_award_name(
        text, catalogue(), issuer=issuer, issuer_header=header, province=province_awards()
    )


# ---------------------------------------------------------------- issuers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chủ tịch UBND tỉnh", Issuer("TINH")),
        ("UBND tỉnh Quảng Bình", Issuer("TINH")),
        ("Ủy ban nhân dân tỉnh", Issuer("TINH")),
        ("Giám đốc Sở", Issuer("SO")),
        ("Giám đốc Sở Nông nghiệp và Môi trường tỉnh Quảng Bình", Issuer("SO")),
        ("Sở Tài chính", Issuer("SO")),
        ("Thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh", Issuer("SO")),
        ("Thủ tướng Chính phủ", Issuer("TTG")),
        ("Bộ trưởng", Issuer("BO", "NNMT")),
        ("Bộ", Issuer("BO", "NNMT")),
        ("Bộ NN&MT", Issuer("BO", "NNMT")),
        ("Bộ TN&MT", Issuer("BO", "TNMT")),
        ("Bộ Tài nguyên và Môi trường", Issuer("BO", "TNMT")),
        ("Bộ Nông nghiệp và PTNT", Issuer("BO", "NNPTNT")),
        ("NN&PTNT", Issuer("BO", "NNPTNT")),
        ("Bộ Tài chính", Issuer("BO", "KHAC")),
        ("Chủ tịch UBND huyện Lệ Thủy", Issuer("HUYEN")),
        ("UBND thị xã Ba Đồn", Issuer("HUYEN")),
        ("UBND xã Quảng Hòa", Issuer("XA")),
        ("Chủ tịch UBND phường Đồng Phú", Issuer("XA")),
        ("Cục trưởng Cục Thủy lợi", Issuer("DV_BO")),
        ("Hội đồng TĐKT cơ sở", None),
        ("Tổng Liên đoàn Lao động Việt Nam", None),
        ("", None),
    ],
)
def test_parse_issuer(text: str, expected: Issuer | None) -> None:
    assert parse_issuer(text) == expected


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"),
        ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "BK_TINH"),
        ("Bằng khen UBND tỉnh", "BK_TINH"),
        ("Cờ thi đua của UBND tỉnh", "CO_TINH"),
        ("Giấy khen của Giám đốc Sở", "GK_SO"),
        ("BK Bộ TN&MT", "BK_BO"),
        ("Bằng khen Bộ Nông nghiệp và PTNT", "BK_BO"),
        ("Bằng khen của Bộ trưởng Bộ Nông nghiệp và Môi trường", "BK_BO"),
        ("Bằng khen Thủ tướng", "BK_TTG"),
        ("Cờ thi đua của Bộ NN&MT", "CO_BO"),
        ("Chiến sĩ thi đua cấp tỉnh", "CSTD_TINH"),
        ("Giấy khen của Chủ tịch UBND xã", "GK_XA"),
        ("Giấy khen của Chủ tịch UBND huyện", "GK_HUYEN"),
        ("Kỷ niệm chương vì sự nghiệp NN&PTNT", "KNC_NNPTNT"),
        ("Kỷ niệm chương Vì sự nghiệp Giáo dục", "KNC_KHAC"),
        ("Danh hiệu Lao động tiên tiến", "LDTT"),
        ("LĐTT", "LDTT"),
        ("Huân chương Độc lập hạng Ba", "HC_DOC_LAP_3"),
        ("Nhà giáo ưu tú", "NHA_GIAO_UT"),
    ],
)
def test_issuer_inside_the_text(text: str, code: str) -> None:
    res = resolve(text)
    assert res.code == code, res.message


@pytest.mark.parametrize(
    ("text", "issuer", "code"),
    [
        ("Bằng khen", "UBND tỉnh", "BK_TINH"),
        ("Bằng khen", "Chủ tịch UBND tỉnh Quảng Bình", "BK_TINH"),
        ("Bằng khen", "Bộ trưởng Bộ NN&PTNT", "BK_BO"),
        ("Bằng khen", "Thủ tướng Chính phủ", "BK_TTG"),
        ("Giấy khen", "Giám đốc Sở", "GK_SO"),
        ("Giấy khen", "UBND xã Quảng Hòa", "GK_XA"),
        ("Giấy khen", "Cục trưởng Cục Thủy lợi", "GK_BO_DV"),
        ("Cờ thi đua", "Bộ TN&MT", "CO_BO"),
        ("Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung ương", "UBND tỉnh", "BK_TINH"),
        ("Chiến sĩ thi đua cấp Bộ, ngành, tỉnh, đoàn thể trung ương", "Bộ NN&MT", "CSTD_BO"),
        ("Kỷ niệm chương, Huy hiệu", "", "KNC_KHAC"),
        ("Kỷ niệm chương, Huy hiệu", "Bộ TN&MT", "KNC_TNMT"),
        # The issuer of a precise name that agrees: fine; for a title it does not matter.
        ("BK UBND tỉnh", "Chủ tịch UBND tỉnh", "BK_TINH"),
        ("Lao động tiên tiến", "Giám đốc Sở", "LDTT"),
        ("Bằng khen của Chủ tịch UBND tỉnh", "UBND tỉnh", "BK_TINH"),
    ],
)
def test_issuer_in_its_own_column(text: str, issuer: str, code: str) -> None:
    res = resolve(text, issuer, "Cấp khen")
    assert res.code == code, res.message


def test_generic_form_without_issuer_asks_for_it() -> None:
    res = resolve("Bằng khen")
    assert res.code is None
    assert res.candidates == {"BK_TTG", "BK_TINH", "BK_BO"}
    assert "chưa rõ cấp khen" in res.message
    assert "thêm cột 'Cấp khen'" in res.message
    res = resolve("Giấy khen", "", "Cơ quan quyết định")
    assert "ghi cấp khen ở cột 'Cơ quan quyết định'" in res.message


def test_issuer_problems_are_explained() -> None:
    res = resolve("Bằng khen", "Bộ Tài chính", "Cấp khen")
    assert res.code is None and "Bộ Tài chính" in res.message
    assert "Bộ Nông nghiệp và Môi trường" in res.message
    res = resolve("Bằng khen", "Tổng Liên đoàn Lao động Việt Nam", "Cấp khen")
    assert "Không nhận ra cấp khen 'Tổng Liên đoàn Lao động Việt Nam' ở cột 'Cấp khen'" in (
        res.message
    )
    res = resolve("Bằng khen", "Giám đốc Sở", "Cấp khen")
    assert res.code is None and "Danh mục không có Bằng khen của 'Giám đốc Sở'" in res.message
    res = resolve("BK UBND tỉnh", "Bộ NN&MT", "Cấp khen")
    assert res.code is None and "không khớp với cấp khen 'Bộ NN&MT' ở cột 'Cấp khen'" in (
        res.message
    )
    res = resolve("Bằng khen của Chủ tịch UBND tỉnh", "Bộ NN&MT", "Cấp khen")
    assert res.code is None and "không khớp" in res.message


def test_unknown_and_refused_names() -> None:
    assert resolve("Huy chương vàng Olympic").message.startswith("Không nhận ra danh hiệu")
    refused = resolve("Chiến sĩ tiên tiến")
    assert refused.code is None and "lực lượng vũ trang" in refused.message
    classless = resolve("Huân chương Lao động")
    assert classless.code is None and "ba hạng" in classless.message
    assert classless.candidates == {"HCLD_1", "HCLD_2", "HCLD_3"}


# ---------------------------------------------------------------- codes


def test_codes_through_the_workbook_sheets_first() -> None:
    sheets = {
        "1650360499": CodeName("1650360499", "Giấy khen", "DANHMUC"),
        "1668522916": CodeName("1668522916", "Cờ thi đua của UBND tỉnh", "HTKT"),
    }
    cat, prov = catalogue(), province_awards()
    assert resolve_award_code(1668522916, cat, sheets=sheets, province=prov).code == "CO_TINH"
    # In a DANHMUC sheet 1650360499 is any "Giấy khen"; in HTKT (the shipped mapping) GK huyện.
    local = resolve_award_code("1650360499", cat, sheets=sheets, province=prov)
    assert local.code is None and "Mã 1650360499 là 'Giấy khen' (trang 'DANHMUC')" in local.message
    assert "chưa rõ cấp khen" in local.message
    with_issuer = resolve_award_code(
        "1650360499", cat, sheets=sheets, province=prov, issuer="Giám đốc Sở"
    )
    assert with_issuer.code == "GK_SO"
    assert resolve_award_code("1650360499", cat, province=prov).code == "GK_HUYEN"
    assert resolve_award_code(1671246455.0, cat, province=prov).code == "HCLD_3"
    assert resolve_award_code("BK_TINH", cat).code == "BK_TINH"
    missing = resolve_award_code("1234567890", cat, sheets=sheets, province=prov)
    assert missing.code is None
    assert "Không tìm thấy mã '1234567890'" in missing.message and "'DANHMUC'" in missing.message


def test_normalise_code() -> None:
    assert normalise_code(1671247716) == "1671247716"
    assert normalise_code(1671247716.0) == "1671247716"
    assert normalise_code(" 0001 ") == "0001"
    assert normalise_code(None) == "" and normalise_code(True) == ""


# ---------------------------------------------------------------- several cells of a row


def _cell(field: str, header: str, res: AwardResolution, is_code: bool = False) -> AwardCell:
    return AwardCell(field, header, is_code, res)


def test_reconcile_name_and_code() -> None:
    cat = catalogue()
    ldtt = AwardResolution("Lao động tiên tiến", code="LDTT")
    ldtt_code = AwardResolution("1647933042", code="LDTT")
    cstdcs_code = AwardResolution("1647933380", code="CSTDCS")
    name, code = "Danh hiệu thi đua/Hình thức khen thưởng", "Mã Danh hiệu thi đua"
    assert reconcile(
        [_cell("title", name, ldtt), _cell("title_code", code, ldtt_code, True)], cat
    ) == (reconcile([_cell("title", name, ldtt)], cat))
    found = reconcile(
        [_cell("title", name, ldtt), _cell("title_code", code, cstdcs_code, True)], cat
    )
    assert found.code is None
    ((field, message),) = found.problems
    assert field == "title_code"
    assert f"Cột '{code}' ghi mã 1647933380 (Chiến sĩ thi đua cơ sở)" in message
    assert f"không khớp với cột '{name}' ghi 'Lao động tiên tiến'" in message


def test_reconcile_generic_settled_by_a_precise_cell() -> None:
    cat = catalogue()
    generic = resolve("Huân chương Lao động")
    precise = AwardResolution("1671246455", code="HCLD_3")
    found = reconcile(
        [_cell("title", "Hình thức", generic), _cell("form_code", "Mã", precise, True)], cat
    )
    assert found.code == "HCLD_3" and found.problems == ()
    bk = resolve("Bằng khen")
    bk_code = resolve_award_code(
        "1650360491", cat, sheets={"1650360491": CodeName("1650360491", "Bằng khen", "DANHMUC")}
    )
    alone = reconcile(
        [_cell("title", "Hình thức", bk), _cell("form_code", "Mã", bk_code, True)], cat
    )
    assert alone.code is None and len(alone.problems) == 1  # one message, not two
    assert alone.problems[0][0] == "title"


def test_reconcile_two_names_are_two_awards() -> None:
    cat = catalogue()
    found = reconcile(
        [
            _cell("title", "Hình thức khen thưởng", resolve("BK UBND tỉnh")),
            _cell("title_alt", "Danh hiệu thi đua", resolve("LĐTT")),
        ],
        cat,
    )
    assert found.code is None
    assert "tách thành hai dòng" in found.problems[0][1]
    assert "'Danh hiệu thi đua' là 'LĐTT' (Lao động tiên tiến)" in found.problems[0][1]


# ---------------------------------------------------------------- the province's lists


def _fixture() -> dict[str, list[list[str]]]:
    data: dict[str, list[list[str]]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return data


def test_every_htkt_name_maps_or_is_refused_with_a_reason() -> None:
    """The 89 names and codes of the province's HTKT sheet (copied in tests/data)."""
    htkt = _fixture()["HTKT"]
    assert len(htkt) == 89
    cat, prov = catalogue(), province_awards()
    sheets = {code: CodeName(code, name, "HTKT") for name, code in htkt}
    outcome = {"ok": 0, "issuer": 0, "refused": 0}
    for name, code in htkt:
        by_name = resolve_award_name(name, cat, province=prov)
        by_code = resolve_award_code(code, cat, sheets=sheets, province=prov)
        by_shipped_code = resolve_award_code(code, cat, province=prov)
        assert prov.by_code(code) is not None, f"{code} {name}: not in province_awards.json"
        if by_name.ok:
            outcome["ok"] += 1
            assert by_name.code in cat
            assert by_code.code == by_name.code, name
            assert by_shipped_code.agrees_with(by_name), name
        else:
            assert by_name.message, name  # refused with a reason
            assert by_code.message.endswith(by_name.message), name
            if "cấp khen" in by_name.message:
                outcome["issuer"] += 1
                # ... and settled by an issuer.
                assert resolve_award_name(name, cat, issuer="UBND tỉnh", province=prov).ok
            else:
                outcome["refused"] += 1
                message = by_name.message
                assert "danh mục" in message.lower() or "ghi rõ hạng" in message, name
    assert outcome == {"ok": 55, "issuer": 3, "refused": 31}


def test_danhmuc_names_map_or_are_refused() -> None:
    data = _fixture()
    cat, prov = catalogue(), province_awards()
    for name, code in data["DANHMUC_forms"] + data["DANHMUC_titles"]:
        assert prov.by_code(code) is not None, f"{code} {name}: not in province_awards.json"
        res = resolve_award_name(name, cat, province=prov)
        assert res.ok or res.message, name


def test_shipped_mapping_codes_are_in_the_catalogue_and_history_only() -> None:
    cat = catalogue()
    added = [
        "HC_SAO_VANG", "HC_HO_CHI_MINH", "HC_DOC_LAP_1", "HC_QUAN_CONG_2", "HC_BVTQ_3",
        "HC_CHIEN_CONG_1", "HC_DDKDT", "HC_DUNG_CAM", "HC_HUU_NGHI", "HCH_QKQT", "HCH_VANTQ",
        "HCH_CSVV_1", "HCH_HUU_NGHI", "GT_HO_CHI_MINH", "GT_NHA_NUOC", "AH_LLVTND", "AH_BA_ME",
        "NHA_GIAO_ND", "THAY_THUOC_UT", "NGHE_SI_ND", "NGHE_NHAN_UT", "GK_BO_DV", "KNC_KHAC",
    ]  # fmt: skip
    for code in added:
        assert cat.get(code).history_only, code
    # Coefficients only where domain.md gives one (NĐ 152/2025 Điều 52: 12.5 / 9.0 / 15.5).
    assert cat.get("NHA_GIAO_ND").coefficients == {"CA_NHAN": Decimal("12.5")}
    assert cat.get("NGHE_NHAN_UT").coefficients == {"CA_NHAN": Decimal("9.0")}
    assert cat.get("AH_LLVTND").coefficients["CA_NHAN"] == Decimal("15.5")
    assert cat.get("HC_SAO_VANG").coefficients == {}
    for entry in province_awards().entries:
        for code in (entry.catalogue_code, *entry.candidates):
            assert code is None or code in cat


# ---------------------------------------------------------------- the mapping file


def test_parse_province_awards_checks_entries() -> None:
    cat = catalogue()
    with pytest.raises(CatalogueError, match="'NOPE' không có trong danh mục"):
        parse_province_awards(
            {"entries": [{"province_code": "1", "province_name": "X", "catalogue_code": "NOPE"}]},
            cat,
        )
    with pytest.raises(CatalogueError, match="cần 'catalogue_code', 'family' hoặc 'refusal'"):
        parse_province_awards({"entries": [{"province_code": "1", "province_name": "X"}]}, cat)
    with pytest.raises(CatalogueError, match="lặp lại"):
        parse_province_awards(
            {
                "entries": [
                    {"province_code": "1", "province_name": "X", "catalogue_code": "LDTT"},
                    {"province_code": "1", "province_name": "Y", "catalogue_code": "LDTT"},
                ]
            },
            cat,
        )
    with pytest.raises(CatalogueError, match="nhóm 'XX'"):
        parse_province_awards(
            {"entries": [{"province_code": "1", "province_name": "X", "family": "XX"}]}, cat
        )
    with pytest.raises(CatalogueError, match="entries"):
        parse_province_awards({}, cat)


def test_extended_mapping_replaces_by_code() -> None:
    cat = catalogue()
    base = parse_province_awards(
        {
            "entries": [
                {"province_code": "1", "province_name": "Một", "catalogue_code": "LDTT"},
                {"province_code": "2", "province_name": "Hai", "refusal": "Không"},
            ]
        },
        cat,
    )
    extra = parse_province_awards(
        {"entries": [{"province_code": "2", "province_name": "Hai", "catalogue_code": "GK_SO"}]},
        cat,
    )
    merged = base.extended(extra)
    assert isinstance(merged, ProvinceAwards)
    assert merged.by_code("2") is not None and merged.by_code("2").catalogue_code == "GK_SO"  # type: ignore[union-attr]
    assert merged.by_name("một").catalogue_code == "LDTT"  # type: ignore[union-attr]
