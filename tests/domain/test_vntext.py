"""Tests for app.domain.vntext (domain.md §9.1-§9.3).

Expected values are derived from the rules (alphabet order, tone order, TCVN3/VNI code
tables), not copied from the implementation's output.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.vntext import (
    clean,
    fold,
    fold_key,
    is_nfc,
    join_name,
    looks_like_legacy_encoding,
    split_full_name,
    vi_sort_key,
)

# ---------------------------------------------------------------------------
# Reference data built from the rules
# ---------------------------------------------------------------------------

# domain.md §9.1: the 29 letters, in order.
ALPHABET_29 = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
VOWELS = "aăâeêioôơuưy"
# Tone marks in collation order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def toned(letter: str, tone: int) -> str:
    """NFC letter with a tone (0 = ngang ... 5 = nặng)."""
    return nfc(nfd(letter) + TONE_MARKS[tone])


# Every lower-case Vietnamese letter with every tone it can carry: (char, rank, tone).
VI_CHARS: list[tuple[str, int, int]] = [
    (toned(letter, tone), rank, tone)
    for rank, letter in enumerate(ALPHABET_29)
    for tone in (range(6) if letter in VOWELS else range(1))
]
VI_CHAR_STRINGS = [c for c, _, _ in VI_CHARS]
REFERENCE = {c: (rank, tone) for c, rank, tone in VI_CHARS}


def reference_key(word: str) -> tuple[list[int], list[int]]:
    """domain.md §9.1: compare all letters first, then the tones."""
    return [REFERENCE[c][0] for c in word], [REFERENCE[c][1] for c in word]


def assert_strictly_increasing(words: list[str]) -> None:
    for a, b in pairwise(words):
        assert vi_sort_key(a) < vi_sort_key(b), f"expected {a!r} < {b!r}"
    shuffled = words[:]
    random.Random(1234).shuffle(shuffled)
    assert sorted(shuffled, key=vi_sort_key) == words
    assert sorted(reversed(words), key=vi_sort_key) == words


SAMPLES = [
    "Nguyễn Văn Á",
    "Đỗ Thị Hồng Ánh",
    "Phòng Kế hoạch – Tài chính",
    "Sở Nông nghiệp và Môi trường",
    "Chi cục Thủy lợi",
    "  Trần\u00a0Thị\tBích\nNgọc  ",
    "Lê Hoàng Phúc",
    "Ưng Hoàng Phúc",
    "ĐẶNG THỊ THU HƯỜNG",
    "Tổ 10, Đội 2",
    "",
]

vi_text = st.text(
    alphabet=st.sampled_from(
        VI_CHAR_STRINGS
        + [c.upper() for c in VI_CHAR_STRINGS]
        + list("fjwzFJWZ0123456789 -–—.,()/\u00a0\t\n\u200b")
    ),
    max_size=30,
)
any_text = st.text(max_size=40)


# ---------------------------------------------------------------------------
# clean()
# ---------------------------------------------------------------------------


class TestClean:
    def test_none_is_empty(self) -> None:
        assert clean(None) == ""

    def test_trims_and_collapses_whitespace(self) -> None:
        assert clean("  Nguyễn   Văn  A ") == "Nguyễn Văn A"

    @pytest.mark.parametrize("space", ["\u00a0", "\t", "\n", "\r\n", "\u2003", "\u202f", "\u3000"])
    def test_odd_spaces_become_one_space(self, space: str) -> None:
        assert clean(f"Văn{space}{space}Phòng") == "Văn Phòng"

    def test_zero_width_characters_are_removed(self) -> None:
        assert clean("\ufeffNgu\u200byễn\u200d Văn\u2060") == "Nguyễn Văn"

    def test_control_characters_become_spaces(self) -> None:
        assert clean("Hà\x00Nội\x1f") == "Hà Nội"

    def test_nfd_becomes_nfc(self) -> None:
        result = clean(nfd("Nguyễn Thị Ánh"))
        assert result == "Nguyễn Thị Ánh"
        assert is_nfc(result)

    def test_soft_hyphen_is_kept_for_tcvn3_detection(self) -> None:
        # In TCVN3 the soft hyphen byte is the letter "ư" ("tr\xadêng" = "trường").
        assert "\u00ad" in clean("tr\u00adêng")

    @given(any_text)
    def test_idempotent(self, s: str) -> None:
        assert clean(clean(s)) == clean(s)

    @given(any_text)
    def test_result_is_nfc_and_tidy(self, s: str) -> None:
        out = clean(s)
        assert is_nfc(out)
        assert out == out.strip()
        assert "  " not in out
        assert not any(ch in out for ch in "\t\n\r\u00a0\u200b")

    @given(any_text)
    def test_nfd_input_same_as_nfc(self, s: str) -> None:
        assert clean(nfd(s)) == clean(nfc(s))


# ---------------------------------------------------------------------------
# fold() and fold_key()
# ---------------------------------------------------------------------------


class TestFold:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Nguyễn Văn Á", "nguyen van a"),
            ("Đỗ", "do"),
            ("đ", "d"),
            ("ĐẶNG THỊ THU HƯỜNG", "dang thi thu huong"),
            ("Ưng Ơn Ân Ăn Êm Ô", "ung on an an em o"),
            ("  Trần\u00a0Thị   Bích ", "tran thi bich"),
            ("Kế hoạch – Tài chính", "ke hoach - tai chinh"),
            ("Kế hoạch — Tài chính", "ke hoach - tai chinh"),
            ("A\u2010B\u2011C\u2212D\u2012E", "a-b-c-d-e"),
            ("Ｔｏ　１", "to 1"),  # full-width letters, digits and space
            (None, ""),
        ],
    )
    def test_examples(self, text: str | None, expected: str) -> None:
        assert fold(text) == expected

    def test_nfd_input(self) -> None:
        assert fold(nfd("Nguyễn Văn Á")) == "nguyen van a"
        assert fold(nfd("Đỗ Thị Hồng")) == "do thi hong"

    def test_d_matches_dj(self) -> None:
        assert fold("Đinh") == fold("dinh") == fold("DINH")
        assert fold("dinh") in fold("Phòng Đinh Văn")

    def test_every_vietnamese_letter_folds_to_ascii(self) -> None:
        for char in VI_CHAR_STRINGS:
            folded = fold(char)
            assert folded.isascii() and len(folded) == 1, char
            assert fold(char.upper()) == folded

    @given(any_text)
    def test_idempotent(self, s: str) -> None:
        assert fold(fold(s)) == fold(s)

    @given(vi_text)
    def test_vietnamese_text_folds_to_ascii(self, s: str) -> None:
        folded = fold(s)
        assert all(ch.isascii() for ch in folded)
        assert folded == folded.lower()

    @given(any_text)
    def test_nfd_input_same_as_nfc(self, s: str) -> None:
        assert fold(nfd(s)) == fold(nfc(s))


class TestFoldKey:
    def test_unit_name_variants_match(self) -> None:
        variants = [
            "Phòng Kế hoạch – Tài chính",
            "phong ke hoach - tai chinh",
            "Phòng Kế hoạch-Tài chính",
            "PHÒNG KẾ HOẠCH - TÀI CHÍNH",
            nfd("Phòng  Kế hoạch —  Tài chính."),
        ]
        assert {fold_key(v) for v in variants} == {"phong ke hoach tai chinh"}

    def test_header_variants_match(self) -> None:
        assert fold_key("Họ và tên (*)") == fold_key("HỌ VÀ TÊN") == "ho va ten"
        assert fold_key("Ngày/tháng/năm sinh") == "ngay thang nam sinh"

    def test_keeps_digits(self) -> None:
        assert fold_key("Tổ số 10") == "to so 10"

    @given(any_text)
    def test_only_letters_digits_and_single_spaces(self, s: str) -> None:
        key = fold_key(s)
        assert all(ch.isalnum() for ch in key.replace(" ", ""))
        assert "  " not in key and key == key.strip()
        assert fold_key(key) == key

    @given(any_text)
    def test_nfd_input_same_as_nfc(self, s: str) -> None:
        assert fold_key(nfd(s)) == fold_key(nfc(s))


# ---------------------------------------------------------------------------
# vi_sort_key()
# ---------------------------------------------------------------------------


class TestViSortKey:
    def test_alphabet_order(self) -> None:
        assert_strictly_increasing(list(ALPHABET_29))

    @pytest.mark.parametrize(
        "chain",
        [
            ["a", "ă", "â", "b"],
            ["c", "d", "đ", "e"],
            ["e", "ê", "g"],
            ["o", "ô", "ơ", "p"],
            ["u", "ư", "v"],
        ],
    )
    def test_tailored_letters(self, chain: list[str]) -> None:
        assert_strictly_increasing(chain)

    @pytest.mark.parametrize("base", list(VOWELS))
    def test_tone_order(self, base: str) -> None:
        # ngang < huyền < hỏi < ngã < sắc < nặng
        assert_strictly_increasing([toned(base, t) for t in range(6)])

    def test_tone_order_spelled_out(self) -> None:
        assert_strictly_increasing(["a", "à", "ả", "ã", "á", "ạ"])

    def test_tone_is_weaker_than_any_letter(self) -> None:
        # The strongest tone on the smallest letter still sorts before the next letter.
        assert_strictly_increasing(["ạ", "ă"])
        assert_strictly_increasing(["ặ", "â"])
        assert_strictly_increasing(["ợ", "p"])

    def test_letters_of_the_whole_word_before_tones(self) -> None:
        # Primary "aa" < "ab", so the tones (sắc vs nặng) never matter here.
        assert_strictly_increasing(["áa", "ạb"])
        assert_strictly_increasing(["ạa", "áb"])
        # Equal letters: the first tone difference decides.
        assert_strictly_increasing(["ab", "àb", "ạb"])
        assert_strictly_increasing(["ba", "bà", "bá"])
        # A tone on an early letter loses to a different later letter.
        assert_strictly_increasing(["ạb", "ac"])

    def test_names(self) -> None:
        assert_strictly_increasing(["Anh", "Ánh", "Bình"])
        assert_strictly_increasing(["An", "Anh", "Ánh", "Ăn", "Ân", "Bình"])
        assert_strictly_increasing(["Dũng", "Dương", "Đào", "Đức", "Em"])
        assert_strictly_increasing(["Hoa", "Hòa", "Hỏa", "Hóa", "Hùng", "Hưng", "Hương"])
        assert_strictly_increasing(["Ô", "Ơn", "Uyên", "Ưng"])

    def test_space_separates_words_first(self) -> None:
        # A space sorts before every letter: "An Bình" (a n ␠ ...) < "Anh" (a n h).
        assert_strictly_increasing(["An", "An Bình", "Anh"])

    def test_case_is_weaker_than_tone(self) -> None:
        assert_strictly_increasing(["an", "An"])
        assert_strictly_increasing(["An", "àn"])
        assert_strictly_increasing(["anh", "ANH", "ánh", "Ánh"])

    def test_upper_case_letters_sort_with_lower_case(self) -> None:
        assert_strictly_increasing(["a", "Ă", "â", "Đ", "e"])

    def test_digits_before_letters(self) -> None:
        assert_strictly_increasing(["0", "9", "a"])
        assert_strictly_increasing(["Tổ 9", "Tổ A"])

    def test_numbers_compared_by_value(self) -> None:
        assert_strictly_increasing(["Tổ 1", "Tổ 2", "Tổ 9", "Tổ 10", "Tổ 11", "Tổ 100"])

    def test_foreign_letters_in_latin_position(self) -> None:
        # CLDR vi keeps f, j, w, z at their Latin places.
        assert_strictly_increasing(["e", "ê", "f", "g"])
        assert_strictly_increasing(["i", "j", "k"])
        assert_strictly_increasing(["v", "w", "x", "y", "z"])

    def test_other_characters_after_letters_by_code_point(self) -> None:
        assert_strictly_increasing(["z", "(", "*", "Ω", "中"])
        assert_strictly_increasing(["y", "Ω"])

    def test_cleaned_before_comparing(self) -> None:
        assert vi_sort_key("  An   Bình ")[:3] == vi_sort_key("An Bình")[:3]

    @pytest.mark.parametrize("text", SAMPLES)
    def test_nfd_equals_nfc(self, text: str) -> None:
        assert vi_sort_key(nfd(text)) == vi_sort_key(nfc(text))

    def test_reference_on_every_letter_pair(self) -> None:
        for a in VI_CHAR_STRINGS:
            for b in VI_CHAR_STRINGS:
                expected = reference_key(a) < reference_key(b)
                assert (vi_sort_key(a) < vi_sort_key(b)) == expected, (a, b)

    @given(st.lists(st.text(alphabet=st.sampled_from(VI_CHAR_STRINGS), max_size=6), max_size=12))
    def test_matches_reference_collation(self, words: list[str]) -> None:
        assert sorted(words, key=vi_sort_key) == sorted(words, key=reference_key)

    @given(st.lists(vi_text, max_size=12))
    def test_sorting_stable_under_nfc_nfd(self, words: list[str]) -> None:
        by_nfc = [nfc(w) for w in sorted((nfc(w) for w in words), key=vi_sort_key)]
        by_nfd = [nfc(w) for w in sorted((nfd(w) for w in words), key=vi_sort_key)]
        assert by_nfc == by_nfd

    @given(any_text)
    def test_nfd_input_same_as_nfc(self, s: str) -> None:
        assert vi_sort_key(nfd(s)) == vi_sort_key(nfc(s))

    @given(any_text, any_text)
    def test_total_order(self, a: str, b: str) -> None:
        ka, kb = vi_sort_key(a), vi_sort_key(b)
        assert (ka == kb) == (nfc(a) == nfc(b))
        assert (ka < kb) + (ka > kb) + (ka == kb) == 1


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


class TestNames:
    @pytest.mark.parametrize(
        ("full", "expected"),
        [
            ("Nguyễn Thị Minh Anh", ("Nguyễn Thị Minh", "Anh")),
            ("Lê Văn Tám", ("Lê Văn", "Tám")),
            ("Trần Hùng", ("Trần", "Hùng")),
            ("Anh", ("", "Anh")),
            ("", ("", "")),
            ("   ", ("", "")),
            ("  Đỗ\u00a0 Thị\tHồng  ", ("Đỗ Thị", "Hồng")),
            (nfd("Nguyễn Ánh"), ("Nguyễn", "Ánh")),
        ],
    )
    def test_split(self, full: str, expected: tuple[str, str]) -> None:
        assert split_full_name(full) == expected

    def test_split_returns_nfc(self) -> None:
        ho_dem, ten = split_full_name(nfd("Nguyễn Thị Ánh"))
        assert is_nfc(ho_dem) and is_nfc(ten)

    @pytest.mark.parametrize(
        ("ho_dem", "ten", "expected"),
        [
            ("Nguyễn Thị Minh", "Anh", "Nguyễn Thị Minh Anh"),
            ("", "Anh", "Anh"),
            ("Nguyễn", "", "Nguyễn"),
            ("", "", ""),
            (" Lê  Văn ", " Tám ", "Lê Văn Tám"),
        ],
    )
    def test_join(self, ho_dem: str, ten: str, expected: str) -> None:
        assert join_name(ho_dem, ten) == expected

    @given(vi_text)
    def test_split_then_join_round_trip(self, full: str) -> None:
        ho_dem, ten = split_full_name(full)
        assert " " not in ten
        assert join_name(ho_dem, ten) == clean(full)

    @given(vi_text)
    def test_nfd_input_same_as_nfc(self, full: str) -> None:
        assert split_full_name(nfd(full)) == split_full_name(nfc(full))


class TestIsNfc:
    def test_examples(self) -> None:
        assert is_nfc("Nguyễn")
        assert not is_nfc(nfd("Nguyễn"))
        assert is_nfc("Nguyen")
        assert is_nfc("")

    @given(any_text)
    def test_agrees_with_normalisation(self, s: str) -> None:
        assert is_nfc(nfc(s))
        assert is_nfc(s) == (nfc(s) == s)


# ---------------------------------------------------------------------------
# Legacy encodings
# ---------------------------------------------------------------------------

# TCVN3 (ABC, .VnTime) code table: Unicode letter -> the byte read as Latin-1.
# Upper-case toned letters do not exist in .VnTime (they need the .VnTimeH font).
TCVN3 = {
    "Ă": "¡", "Â": "¢", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦", "Đ": "§",
    "ă": "¨", "â": "©", "ê": "ª", "ô": "«", "ơ": "¬", "ư": "\u00ad", "đ": "®",
    "à": "µ", "ả": "¶", "ã": "·", "á": "¸", "ạ": "¹",
    "ằ": "»", "ẳ": "¼", "ẵ": "½", "ắ": "¾", "ặ": "Æ",
    "ầ": "Ç", "ẩ": "È", "ẫ": "É", "ấ": "Ê", "ậ": "Ë",
    "è": "Ì", "ẻ": "Î", "ẽ": "Ï", "é": "Ð", "ẹ": "Ñ",
    "ề": "Ò", "ể": "Ó", "ễ": "Ô", "ế": "Õ", "ệ": "Ö",
    "ì": "×", "ỉ": "Ø", "ĩ": "Ü", "í": "Ý", "ị": "Þ",
    "ò": "ß", "ỏ": "á", "õ": "â", "ó": "ã", "ọ": "ä",
    "ồ": "å", "ổ": "æ", "ỗ": "ç", "ố": "è", "ộ": "é",
    "ờ": "ê", "ở": "ë", "ỡ": "ì", "ớ": "í", "ợ": "î",
    "ù": "ï", "ủ": "ñ", "ũ": "ò", "ú": "ó", "ụ": "ô",
    "ừ": "õ", "ử": "ö", "ữ": "÷", "ứ": "ø", "ự": "ù",
    "ỳ": "ú", "ỷ": "û", "ỹ": "ü", "ý": "ý", "ỵ": "þ",
}  # fmt: skip


def to_tcvn3(text: str) -> str:
    return "".join(TCVN3.get(ch, ch) if not ch.isascii() else ch for ch in nfc(text))


# VNI-Windows: base letter + one mark byte (tone alone, or shape and tone together).
_VNI_TONE = ("", "ø", "û", "õ", "ù", "ï")  # none, huyền, hỏi, ngã, sắc, nặng
_VNI_CIRCUMFLEX = ("â", "à", "å", "ã", "á", "ä")
_VNI_BREVE = ("ê", "è", "ú", "ü", "é", "ë")
_VNI_I = ("i", "ì", "æ", "ó", "í", "ò")


def _vni_char(ch: str) -> str:
    if ch.isascii():
        return ch
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    upper = ch.isupper()
    parts = nfd(ch.lower())
    base, marks = parts[0], parts[1:]
    tone = next((TONE_MARKS.index(m) for m in marks if m in TONE_MARKS[1:]), 0)
    if "\u0302" in marks:
        out = base + _VNI_CIRCUMFLEX[tone]
    elif "\u0306" in marks:
        out = base + _VNI_BREVE[tone]
    elif "\u031b" in marks:
        out = {"o": "ô", "u": "ö"}[base] + _VNI_TONE[tone]
    elif base == "i":
        out = _VNI_I[tone]
    elif base == "y" and tone == 5:
        out = "î"
    else:
        out = base + _VNI_TONE[tone]
    return out.upper() if upper else out


def to_vni(text: str) -> str:
    return "".join(_vni_char(ch) for ch in nfc(text))


PHRASES = [
    "Nguyễn Văn An",
    "Trần Thị Bích Ngọc",
    "Lê Hoàng Phúc",
    "Phạm Đức Thắng",
    "Sở Nông nghiệp và Môi trường",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Quản lý đất đai",
    "Chi cục Thủy lợi",
    "Văn phòng Sở",
    "Trung tâm Khuyến nông",
    "Lao động tiên tiến",
    "Chiến sĩ thi đua cơ sở",
    "Bằng khen của Chủ tịch",
    "Việt Nam",
    "Tuyên Quang",
]


class TestLegacyEncoding:
    def test_brief_examples(self) -> None:
        assert looks_like_legacy_encoding("NguyÔn V¨n")
        assert looks_like_legacy_encoding("Vieät Nam")

    def test_encoders_agree_with_known_samples(self) -> None:
        # Guards the test tables themselves (samples from domain.md §9.3).
        assert to_tcvn3("Nguyễn Văn") == "NguyÔn V¨n"
        assert to_vni("Việt Nam") == "Vieät Nam"
        assert to_vni("Nguyễn Văn") == "Nguyeãn Vaên"
        assert to_vni("Trường") == "Tröôøng"

    @pytest.mark.parametrize("phrase", PHRASES)
    def test_tcvn3_detected(self, phrase: str) -> None:
        assert looks_like_legacy_encoding(to_tcvn3(phrase))

    @pytest.mark.parametrize("phrase", PHRASES)
    def test_vni_detected(self, phrase: str) -> None:
        assert looks_like_legacy_encoding(to_vni(phrase))

    @pytest.mark.parametrize(
        "text",
        [
            "Tr\u00adêng",  # trường: the soft hyphen byte is "ư"
            "Thñy lîi",  # thủy lợi: only letters Vietnamese never uses, in two syllables
            "Hµ Néi",  # Hà Nội
            "Phßng Qu¶n lý ®Êt ®ai",  # Phòng Quản lý đất đai
            "Phoøng Quaûn lyù ñaát ñai",  # the same in VNI
        ],
    )
    def test_hand_encoded_samples(self, text: str) -> None:
        assert looks_like_legacy_encoding(text)

    def test_tcvn3_capitals_font(self) -> None:
        # .VnTimeH text typed in capitals: Ă = ¡, Đ = §.
        assert looks_like_legacy_encoding("V¡N PHßNG")
        assert looks_like_legacy_encoding("§oµn")

    @pytest.mark.parametrize("phrase", PHRASES)
    def test_correct_unicode_not_flagged(self, phrase: str) -> None:
        assert not looks_like_legacy_encoding(phrase)
        assert not looks_like_legacy_encoding(nfd(phrase))
        assert not looks_like_legacy_encoding(phrase.upper())

    @pytest.mark.parametrize(
        "text",
        [
            "Nguyễn Thị Hồng Ánh",
            "Phòng Quản lý đất đai",
            # Vietnamese that fits in Latin-1: no letter beyond U+00FF to rule it out.
            "Hoà Bình",
            "Bùi Xuân Phái",
            "Thái Bình, Cà Mau, Hà Giang",
            "QUÝ THUÝ HOÀ KHOÈ",
            "Nguyen Van A",
            "",
            # Symbols and foreign words that share bytes with TCVN3/VNI.
            "Copyright © 2024 Microsoft® Excel",
            "Kích thước 5 µm",
            "5 µm",
            "£100, ½ kg, § 5, 3 × 4",
            "Müller",
            "François Müller",
            "José Peña",
            "Gaétan Müller, Björn Søren",
            "infor\u00admation",
            "Raphaël, Zoë, naïve",
            "«Tên đơn vị»",
            "«Hoa»",
        ],
    )
    def test_not_flagged(self, text: str) -> None:
        assert not looks_like_legacy_encoding(text)

    @given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=60))
    def test_ascii_never_flagged(self, s: str) -> None:
        assert not looks_like_legacy_encoding(s)

    @given(vi_text.filter(lambda s: any(ch.isalpha() and ord(ch) > 0xFF for ch in nfc(s))))
    def test_unicode_vietnamese_never_flagged(self, s: str) -> None:
        assert not looks_like_legacy_encoding(s)


# ---------------------------------------------------------------------------
# Every function: NFD input behaves like NFC input
# ---------------------------------------------------------------------------

FUNCTIONS: list[Callable[[str], object]] = [
    clean,
    fold,
    fold_key,
    vi_sort_key,
    split_full_name,
    looks_like_legacy_encoding,
    lambda s: join_name(s, s),
]


@pytest.mark.parametrize("func", FUNCTIONS)
@pytest.mark.parametrize("text", SAMPLES)
def test_every_function_nfd_equals_nfc(func: Callable[[str], object], text: str) -> None:
    assert func(nfd(text)) == func(nfc(text))
