"""TCVN3 (ABC) and VNI text: code tables, detection (and its false positives), conversion.

The encoders below are written from the code charts in another shape than the module's
tables (TCVN3 one row of five toned codes per vowel, VNI base letter + mark rules), so the
round trips check one against the other.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.legacy_text import (
    TCVN3,
    VNI,
    Encoding,
    TextConversion,
    convert,
    decide,
    detect,
    font_encoding,
    has_vietnamese_unicode,
    is_caps_font,
    plausible,
)

TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền hỏi ngã sắc nặng
VOWELS = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def split_letter(ch: str) -> tuple[str, str]:
    """("ễ") -> ("ê", hook index): the letter without its tone, and the tone ("" if none)."""
    parts = unicodedata.normalize("NFD", ch)
    tone = next((m for m in parts if m in TONES), "")
    return nfc("".join(m for m in parts if m not in TONES)), tone


def all_letters() -> list[str]:
    """The 134 Vietnamese letters outside ASCII... and the plain vowels: every vowel with
    every tone, the shaped vowels, đ; both cases."""
    lower = [nfc(v + t) for v in VOWELS for t in ("", *TONES)] + ["đ"]
    lower = [ch for ch in lower if not ch.isascii()]
    return lower + [ch.upper() for ch in lower]


# TCVN3 (VN3): for each vowel, the codes of its five toned forms (huyền hỏi ngã sắc nặng).
TCVN3_TONED = {
    "a": "µ¶·¸¹",
    "ă": "»¼½¾Æ",
    "â": "ÇÈÉÊË",
    "e": "ÌÎÏÐÑ",
    "ê": "ÒÓÔÕÖ",
    "i": "×ØÜÝÞ",
    "o": "ßáâãä",
    "ô": "åæçèé",
    "ơ": "êëìíî",
    "u": "ïñòóô",
    "ư": "õö÷øù",
    "y": "úûüýþ",
}
TCVN3_PLAIN = {
    "ă": "¨", "â": "©", "ê": "ª", "ô": "«", "ơ": "¬", "ư": "\u00ad", "đ": "®",
    "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§",
}  # fmt: skip


def to_tcvn3(text: str) -> str:
    """Encode as a TCVN3 typist would in .VnTime: a capital with a tone has no code, so it
    takes the lower-case code (the word then needs the capital font or reads in lower case)."""
    out = []
    for ch in nfc(text):
        if ch.isascii():
            out.append(ch)
        elif ch in TCVN3_PLAIN:
            out.append(TCVN3_PLAIN[ch])
        else:
            base, tone = split_letter(ch.lower())
            out.append(TCVN3_TONED[base][TONES.index(tone)])
    return "".join(out)


# VNI: base letter + a mark byte. Lower-case marks; capitals use the upper-case bytes.
VNI_TONE = {"": "", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0301": "ù", "\u0323": "ï"}
VNI_CIRCUMFLEX = {
    "": "â",
    "\u0300": "à",
    "\u0309": "å",
    "\u0303": "ã",
    "\u0301": "á",
    "\u0323": "ä",
}
VNI_BREVE = {"": "ê", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0301": "é", "\u0323": "ë"}
VNI_I = {"": "i", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0301": "í", "\u0323": "ò"}


def to_vni(text: str) -> str:
    out = []
    for ch in nfc(text):
        if ch.isascii():
            out.append(ch)
            continue
        upper = ch != ch.lower()
        base, tone = split_letter(ch.lower())
        if base == "đ":
            code = "ñ"
        elif base in ("â", "ê", "ô"):
            code = {"â": "a", "ê": "e", "ô": "o"}[base] + VNI_CIRCUMFLEX[tone]
        elif base == "ă":
            code = "a" + VNI_BREVE[tone]
        elif base in ("ơ", "ư"):
            code = {"ơ": "ô", "ư": "ö"}[base] + VNI_TONE[tone]
        elif base == "i":
            code = VNI_I[tone]
        elif base == "y" and tone == "\u0323":
            code = "î"
        else:
            code = base + VNI_TONE[tone]
        out.append(code.upper() if upper else code)
    return "".join(out)


# ---------------------------------------------------------------------------
# Code tables and conversion
# ---------------------------------------------------------------------------


def test_encoders_agree_with_the_known_samples() -> None:
    # domain.md §9.3 and the issue: guards the test encoders themselves.
    assert to_tcvn3("Nguyễn Văn") == "NguyÔn V¨n"
    assert to_tcvn3("Hồ Lan") == "Hå Lan"
    assert to_vni("Việt Nam") == "Vieät Nam"
    assert to_vni("Trường") == "Tröôøng"


def test_every_letter_round_trips_through_tcvn3() -> None:
    for letter in all_letters():
        encoded = to_tcvn3(letter)
        if letter.islower() or letter in TCVN3_PLAIN:
            assert convert(encoded, TCVN3) == letter, letter
        else:
            # A toned capital: the lower-case code in the capital font (.VnTimeH).
            assert convert(encoded, TCVN3, font_name=".VnTimeH") == letter, letter


def test_every_letter_round_trips_through_vni() -> None:
    for letter in all_letters():
        assert convert(to_vni(letter), VNI) == letter, letter


def test_tcvn3_table_is_complete() -> None:
    codes = [c for row in TCVN3_TONED.values() for c in row] + list(TCVN3_PLAIN.values())
    assert len(set(codes)) == 60 + 14
    converted = {convert(c, TCVN3) for c in codes}
    assert len(converted) == 74
    assert all(not ch.isascii() for ch in converted)


def test_tcvn3_capitals() -> None:
    # In .VnTime a word typed in capitals holds lower-case codes for the toned letters.
    assert convert("NGUYÔN V¡N HïNG", TCVN3) == "NGUYỄN VĂN HÙNG"
    assert convert("V¡N PHßNG", TCVN3) == "VĂN PHÒNG"
    assert convert("§oµn", TCVN3) == "Đoàn"
    # In .VnTimeH every letter shows in capitals, whatever was typed.
    assert convert("hå lan", TCVN3, font_name=".VnTimeH") == "HỒ LAN"
    assert convert("Hå Lan", TCVN3, font_name=".VnTime") == "Hồ Lan"
    # One capital alone is the first letter of a word, not a word in capitals.
    assert convert("Hå", TCVN3) == "Hồ"


def test_vni_capitals_and_mixed_case() -> None:
    assert convert("VIEÄT NAM", VNI) == "VIỆT NAM"
    assert convert("NGUYEÃN VAÊN HÖNG", VNI) == "NGUYỄN VĂN HƯNG"
    assert convert("AÙnh", VNI) == "Ánh"
    assert convert("Aùnh", VNI) == "Ánh"  # a capital typed before a lower-case mark
    assert convert("ÑOÄI", VNI) == "ĐỘI"


def test_conversion_is_nfc_and_keeps_ascii() -> None:
    for text, encoding in (("Tr\u00adêng 12/3 (A-1)", TCVN3), ("Tröôøng 12/3 (A-1)", VNI)):
        out = convert(text, encoding)
        assert out == "Trường 12/3 (A-1)"
        assert unicodedata.is_normalized("NFC", out)


def test_unknown_encoding() -> None:
    with pytest.raises(ValueError):
        convert("x", "VISCII")  # type: ignore[arg-type]


def test_fonts() -> None:
    assert font_encoding(".VnTime") == TCVN3
    assert font_encoding(".VnTimeH") == TCVN3
    assert font_encoding(".VnArial NarrowH") == TCVN3
    assert font_encoding("VNI-Times") == VNI
    assert font_encoding("VNI Helve") == VNI
    assert font_encoding("Times New Roman") is None
    assert font_encoding("VNTimes") is None
    assert font_encoding(None) is None
    assert is_caps_font(".VnTimeH") and is_caps_font(".VnArialH")
    assert not is_caps_font(".VnTime") and not is_caps_font("VNI-Times")


# ---------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------

NAMES = [
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Phúc",
    "Phạm Đức Thắng",
    "Hoàng Khánh Hiền",
    "Lê Thị Thanh",
    "Nguyễn Văn Hưng",
    "Nguyễn Văn Hùng",
    "Đặng Thu Trang",
    "Vũ Quang Huyền",
    "Bùi Thị Thu Hà",
    "Đỗ Quốc Khánh",
    "Phan Thị Quỳnh Như",
    "Trương Minh Tuấn",
    "Lưu Đức Hòa",
    "Ngô Thị Yến",
    "Dương Văn Trường",
    "Huỳnh Thị Diệu",
    "Tôn Nữ Thảo Vy",
]
UNITS = [
    "Sở Nông nghiệp và Môi trường",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Quản lý đất đai",
    "Chi cục Thủy lợi",
    "Văn phòng Sở",
    "Trung tâm Khuyến nông",
    "Ban Giám đốc",
    "Khoa Dược",
    "Uỷ ban nhân dân tỉnh Tuyên Quang",
    "Bệnh viện Đa khoa tỉnh",
]
WORDS = [
    "Họ và tên",
    "Ngày sinh",
    "Chức vụ",
    "Đơn vị công tác",
    "Giới tính",
    "Chuyên viên",
    "Kỹ sư",
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Hoàn thành tốt nhiệm vụ",
    "Việt Nam",
]
# Every text here holds a word that reads well in one encoding only. Words that read well
# both ways ("Vũ Lan" is TCVN3 "Vò Lan", Unicode "Vò Lan") are in the ambiguous tests.
UNICODE_TEXTS = NAMES + UNITS + WORDS


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_tcvn3_is_detected_and_converted_back(text: str) -> None:
    legacy = to_tcvn3(text)
    assert detect(legacy) == TCVN3, legacy
    assert convert(legacy, TCVN3) == text


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_vni_is_detected_and_converted_back(text: str) -> None:
    legacy = to_vni(text)
    assert detect(legacy) == VNI, legacy
    assert convert(legacy, VNI) == text


@pytest.mark.parametrize("text", [t.upper() for t in UNICODE_TEXTS[:20]])
def test_capitals_are_detected(text: str) -> None:
    assert detect(to_vni(text)) == VNI
    assert convert(to_vni(text), VNI) == text
    legacy = to_tcvn3(text)
    assert detect(legacy) == TCVN3
    assert convert(legacy, TCVN3) == text


@pytest.mark.parametrize(
    ("legacy", "encoding", "unicode"),
    [
        ("NguyÔn V¨n", TCVN3, "Nguyễn Văn"),
        ("Hå Lan", TCVN3, "Hồ Lan"),  # a short name: one word holds one code
        ("Lª Thu", TCVN3, "Lê Thu"),
        ("Kü s\u00ad", TCVN3, "Kỹ sư"),
        ("Hµ", TCVN3, "Hà"),
        ("Ch\u00ada", TCVN3, "Chưa"),  # the soft hyphen byte is "ư"
        ("Tr\u00adêng", TCVN3, "Trường"),
        ("L§TT", TCVN3, "LĐTT"),  # initials
        ("CST§CS", TCVN3, "CSTĐCS"),
        ("Uû ban nh©n d©n", TCVN3, "Uỷ ban nhân dân"),
        ("Vieät Nam", VNI, "Việt Nam"),
        ("Leâ Thu", VNI, "Lê Thu"),
        ("Ñoäi", VNI, "Đội"),
        ("Caù", VNI, "Cá"),
        ("LÑTT", VNI, "LĐTT"),
    ],
)
def test_short_samples(legacy: str, encoding: Encoding, unicode: str) -> None:
    assert detect(legacy) == encoding
    assert convert(legacy, encoding) == unicode


FALSE_POSITIVES = [
    # Unicode Vietnamese, including text that fits in Latin-1 (no letter to rule it out).
    "Nguyễn Văn Hưng",
    "Đội",
    "Hoà Bình",
    "Hòa Bình",
    "Bùi Xuân Phái",
    "Lê Thu Hà",
    "Thái Bình, Cà Mau, Hà Giang",
    "QUÝ THUÝ HOÀ KHOÈ",
    "Thuý",
    "Quý",
    "Khoá",
    "Giàu",
    "Gì",
    "Tô Hoài",
    "Tô Lâm",
    "Hồ Chí Minh",
    "Ê Đê",
    "H'Mông",
    "Lô 12, Khu A",
    "Chuyên viên",
    "Kế toán viên",
    "Phó Giám đốc",
    "Sáu",
    "Bà Rịa - Vũng Tàu",
    "Đắk Lắk",
    "Krông Pắc",
    "Thị xã Phú Thọ",
    # English, numbers, codes
    "Staff list 2025",
    "Department of Finance",
    "STT",
    "CB001",
    "001080012345",
    "12/03/1980",
    "1.234.567 đồng",
    "",
    # Foreign names and symbols sharing bytes with TCVN3/VNI
    "Müller",
    "François Müller",
    "José Peña",
    "Señor Muñoz",
    "ESPAÑA",
    "Gaétan Müller, Björn Søren",
    "Raphaël, Zoë, naïve",
    "café",
    "infor\u00admation",
    "Copyright © 2024 Microsoft® Excel",
    "5 µm",
    "Kích thước 5 µm",
    "£100, ½ kg, § 5, 3 × 4",
    "«Tên đơn vị»",
    "«Hoa»",
    "Hà Nội – 2025",
]


@pytest.mark.parametrize("text", FALSE_POSITIVES)
def test_not_flagged(text: str) -> None:
    assert detect(text) is None
    assert detect(unicodedata.normalize("NFD", text)) is None


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_real_unicode_is_never_flagged(text: str) -> None:
    for form in (text, text.upper(), text.lower(), unicodedata.normalize("NFD", text)):
        assert detect(form) is None
        assert detect(form, ".VnTime") is None  # Unicode typed into a cell with an old font


def test_ambiguous_words_need_the_font() -> None:
    # "Vò" is Unicode "Vò" or TCVN3 "Vũ"; "Hoà" is Unicode "Hoà" or VNI "Hồ".
    assert detect("Vò Lan") is None
    assert detect("Vò Lan", ".VnTime") == TCVN3
    assert convert("Vò Lan", TCVN3) == "Vũ Lan"
    assert detect("Hoà") is None
    assert detect("Hoà", "VNI-Times") == VNI
    assert plausible("Vò Lan", TCVN3)
    assert not plausible("Hoà Bình", TCVN3)
    assert not plausible("Nguyễn Văn", TCVN3)


def test_font_does_not_flag_unicode_that_reads_better() -> None:
    assert detect("Chuyên viên", ".VnTime") is None
    assert detect("Hoà Bình", ".VnTime") is None
    assert detect("Lª Thu", ".VnTime") == TCVN3


def test_has_vietnamese_unicode() -> None:
    assert has_vietnamese_unicode("Đội")
    assert has_vietnamese_unicode(unicodedata.normalize("NFD", "Nguyễn"))
    assert not has_vietnamese_unicode("Hoà Bình")
    assert not has_vietnamese_unicode("NguyÔn V¨n")


SYLLABLES = sorted(
    {w for text in UNICODE_TEXTS + FALSE_POSITIVES[:30] for w in text.split() if w.isalpha()}
)


@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=6))
def test_unicode_words_are_never_flagged(words: list[str]) -> None:
    text = " ".join(words)
    assert detect(text) is None


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60))
def test_ascii_is_never_flagged(text: str) -> None:
    assert detect(text) is None
    assert detect(text, ".VnTime") is None


@given(st.lists(st.sampled_from(NAMES), min_size=1, max_size=3))
def test_legacy_names_round_trip(names: list[str]) -> None:
    text = ", ".join(names)
    for encoder, encoding in ((to_tcvn3, TCVN3), (to_vni, VNI)):
        legacy = encoder(text)
        assert detect(legacy) == encoding
        assert convert(legacy, encoding) == text


# ---------------------------------------------------------------------------
# A whole sheet
# ---------------------------------------------------------------------------


def test_decide_a_tcvn3_sheet_converts_its_ambiguous_cells() -> None:
    cells = {
        (1, 1): ("Hä vµ tªn", None),
        (2, 1): ("NguyÔn V¨n An", None),
        (3, 1): ("Vò Lan", None),  # alone it could be Unicode
        (4, 1): ("Hå Lan", None),
        (5, 1): ("Nam", None),
    }
    assert decide(cells) == {(1, 1): TCVN3, (2, 1): TCVN3, (3, 1): TCVN3, (4, 1): TCVN3}


def test_decide_a_unicode_sheet_with_one_legacy_cell() -> None:
    cells = {
        (1, 1): ("Họ và tên", None),
        (2, 1): ("Nguyễn Văn An", None),
        (3, 1): ("Vò Lan", None),  # Unicode here: the sheet is Unicode
        (4, 1): ("Hå Lan", None),
        (5, 1): ("Trần Thị Bình", None),
    }
    assert decide(cells) == {(4, 1): TCVN3}


def test_decide_a_vni_sheet() -> None:
    cells = {
        (1, 1): ("Hoï vaø teân", None),
        (2, 1): ("Nguyeãn Vaên An", None),
        (3, 1): ("Hoà Lan", None),  # "Hồ Lan" in VNI; alone it could be Unicode "Hoà"
        (4, 1): ("Chöa", None),  # "Chưa" in VNI, "Chửa" in TCVN3
    }
    assert decide(cells) == {key: VNI for key in cells}
    assert decide({}) == {}


def test_text_conversion_record() -> None:
    item = TextConversion(2, "B", "Họ và tên", "Hå Lan", "Hồ Lan", TCVN3)
    assert (item.row, item.column, item.header, item.sheet) == (2, "B", "Họ và tên", "")


def test_decide_unicode_kept_in_an_old_font() -> None:
    # Unicode typed into cells that keep .VnTime: "Lê" would read "Lờ" in TCVN3. Alone, the
    # font tips the tie; in a Unicode sheet it does not.
    assert detect("Lê Thu Hà", ".VnTime") == TCVN3
    cells = {
        (1, 1): ("Họ và tên", None),
        (2, 1): ("Nguyễn Văn An", None),
        (3, 1): ("Lê Thu Hà", ".VnTime"),
        (4, 1): ("Lª Thu", ".VnTime"),
    }
    assert decide(cells) == {(4, 1): TCVN3}
    assert decide({(1, 1): ("Vò Lan", ".VnTime")}) == {(1, 1): TCVN3}
