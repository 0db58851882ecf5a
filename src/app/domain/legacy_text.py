"""Vietnamese text typed in the legacy 8-bit encodings TCVN3 (ABC) and VNI: detect, convert.

Older offices typed with Unikey/Vietkey in TCVN3 (fonts ".VnTime", ".VnTimeH", ".VnArial"...)
or VNI (fonts "VNI-Times", "VNI-Helve"...). Excel keeps each byte as the Windows-1252 (here
Latin-1) character of the same value, so in Unicode the text reads as garbage: TCVN3
"NguyÔn V¨n" is "Nguyễn Văn", VNI "Vieät Nam" is "Việt Nam" (domain.md §9.3).

Public API
----------
- :func:`detect` -- ``"TCVN3"``, ``"VNI"`` or ``None`` for one text (and the cell's font).
- :func:`convert` -- the Unicode (NFC) text of a legacy text.
- :func:`plausible` -- whether a text reads at least as well in a given legacy encoding
  (used for the ambiguous cells of a sheet already known to be legacy).
- :func:`decide` -- the encoding of every cell of a sheet, with the whole sheet as context.
- :func:`font_encoding` -- the encoding a font name implies (".VnTime" -> TCVN3).
- :class:`TextConversion` -- one converted cell, for previews and reports.

How detection works
-------------------
Every word holding a Latin-1 character is read three ways: as Unicode, as TCVN3 and as VNI.
A reading is good when each of its syllables is a well-formed Vietnamese syllable (onset,
rhyme, at most one tone, a stop final only with the sắc or nặng tone) written in one case
pattern (lower, Title or UPPER). The text is legacy when a legacy reading has more good
words than the Unicode reading. Text with any Vietnamese letter beyond Latin-1 (ă, đ, ơ, ư,
ạ, ễ...) is real Unicode: legacy text never holds them. So "Nguyễn Văn Hưng", "Đội", English
and numbers are never flagged, while "Hå Lan" (TCVN3 for "Hồ Lan") is.

A word both readings accept ("Vò" is Unicode "Vò" or TCVN3 "Vũ", "Hoà" is Unicode or VNI
"Hồ") stays Unicode, unless the cell's font is a legacy font or the rest of the sheet is
legacy (:func:`decide`). Conversion must be shown to the clerk and accepted, never silent.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal, TypeVar

__all__ = [
    "ENCODING_LABELS",
    "VNI",
    "Encoding",
    "TCVN3",
    "TextConversion",
    "convert",
    "decide",
    "detect",
    "font_encoding",
    "has_vietnamese_unicode",
    "is_caps_font",
    "plausible",
]

Encoding = Literal["TCVN3", "VNI"]
TCVN3: Final[Encoding] = "TCVN3"
VNI: Final[Encoding] = "VNI"

ENCODING_LABELS: Final[Mapping[str, str]] = {TCVN3: "TCVN3 (ABC)", VNI: "VNI"}
"""How the encodings are named to a clerk."""


@dataclass(frozen=True)
class TextConversion:
    """One cell converted from a legacy encoding: where it is, and its text before and after.

    ``column`` is the column letter, ``header`` the sheet's own column header (already
    converted), "" when unknown.
    """

    row: int
    column: str
    header: str
    before: str
    after: str
    encoding: Encoding
    sheet: str = ""


# ---------------------------------------------------------------------------
# Code tables
# ---------------------------------------------------------------------------

# TCVN 5712:1993 VN3 ("ABC"), the set of the .VnTime fonts: byte (read as Latin-1) -> letter.
# 67 lower-case letters and the 7 upper-case letters without a tone. Upper-case letters
# with a tone have no code: the text uses the lower-case codes in an all-capital font
# (.VnTimeH, .VnArialH...), see ``font_name`` in :func:`convert`.
_TCVN3_TABLE: Final[Mapping[str, str]] = {
    # upper case, no tone
    "\u00a1": "Ă", "\u00a2": "Â", "\u00a3": "Ê", "\u00a4": "Ô", "\u00a5": "Ơ", "\u00a6": "Ư",
    "\u00a7": "Đ",
    # lower case, no tone
    "\u00a8": "ă", "\u00a9": "â", "\u00aa": "ê", "\u00ab": "ô", "\u00ac": "ơ", "\u00ad": "ư",
    "\u00ae": "đ",
    # a: huyền, hỏi, ngã, sắc, nặng
    "\u00b5": "à", "\u00b6": "ả", "\u00b7": "ã", "\u00b8": "á", "\u00b9": "ạ",
    # ă
    "\u00bb": "ằ", "\u00bc": "ẳ", "\u00bd": "ẵ", "\u00be": "ắ", "\u00c6": "ặ",
    # â
    "\u00c7": "ầ", "\u00c8": "ẩ", "\u00c9": "ẫ", "\u00ca": "ấ", "\u00cb": "ậ",
    # e
    "\u00cc": "è", "\u00ce": "ẻ", "\u00cf": "ẽ", "\u00d0": "é", "\u00d1": "ẹ",
    # ê
    "\u00d2": "ề", "\u00d3": "ể", "\u00d4": "ễ", "\u00d5": "ế", "\u00d6": "ệ",
    # i
    "\u00d7": "ì", "\u00d8": "ỉ", "\u00dc": "ĩ", "\u00dd": "í", "\u00de": "ị",
    # o
    "\u00df": "ò", "\u00e1": "ỏ", "\u00e2": "õ", "\u00e3": "ó", "\u00e4": "ọ",
    # ô
    "\u00e5": "ồ", "\u00e6": "ổ", "\u00e7": "ỗ", "\u00e8": "ố", "\u00e9": "ộ",
    # ơ
    "\u00ea": "ờ", "\u00eb": "ở", "\u00ec": "ỡ", "\u00ed": "ớ", "\u00ee": "ợ",
    # u
    "\u00ef": "ù", "\u00f1": "ủ", "\u00f2": "ũ", "\u00f3": "ú", "\u00f4": "ụ",
    # ư
    "\u00f5": "ừ", "\u00f6": "ử", "\u00f7": "ữ", "\u00f8": "ứ", "\u00f9": "ự",
    # y
    "\u00fa": "ỳ", "\u00fb": "ỷ", "\u00fc": "ỹ", "\u00fd": "ý", "\u00fe": "ỵ",
}  # fmt: skip

_TCVN3_TRANSLATE: Final = str.maketrans(dict(_TCVN3_TABLE))
_TCVN3_UPPER_CODES: Final = frozenset("\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7")

# VNI-Windows: a letter is its base letter followed by one mark byte (tone alone, or shape
# and tone together); đ, ơ, ư and the toned i and ỵ are single bytes. Lower case here; the
# upper-case letters use the upper-case form of the same bytes ("AÙ" = "Á", "Ñ" = "Đ").
_VNI_LOWER: Final[Mapping[str, str]] = {
    # a: sắc, huyền, hỏi, ngã, nặng
    "a\u00f9": "á", "a\u00f8": "à", "a\u00fb": "ả", "a\u00f5": "ã", "a\u00ef": "ạ",
    # ă
    "a\u00ea": "ă", "a\u00e9": "ắ", "a\u00e8": "ằ", "a\u00fa": "ẳ", "a\u00fc": "ẵ", "a\u00eb": "ặ",
    # â
    "a\u00e2": "â", "a\u00e1": "ấ", "a\u00e0": "ầ", "a\u00e5": "ẩ", "a\u00e3": "ẫ", "a\u00e4": "ậ",
    # e
    "e\u00f9": "é", "e\u00f8": "è", "e\u00fb": "ẻ", "e\u00f5": "ẽ", "e\u00ef": "ẹ",
    # ê
    "e\u00e2": "ê", "e\u00e1": "ế", "e\u00e0": "ề", "e\u00e5": "ể", "e\u00e3": "ễ", "e\u00e4": "ệ",
    # i (single bytes)
    "\u00ed": "í", "\u00ec": "ì", "\u00e6": "ỉ", "\u00f3": "ĩ", "\u00f2": "ị",
    # o
    "o\u00f9": "ó", "o\u00f8": "ò", "o\u00fb": "ỏ", "o\u00f5": "õ", "o\u00ef": "ọ",
    # ô
    "o\u00e2": "ô", "o\u00e1": "ố", "o\u00e0": "ồ", "o\u00e5": "ổ", "o\u00e3": "ỗ", "o\u00e4": "ộ",
    # ơ (ơ itself is one byte)
    "\u00f4": "ơ", "\u00f4\u00f9": "ớ", "\u00f4\u00f8": "ờ", "\u00f4\u00fb": "ở",
    "\u00f4\u00f5": "ỡ", "\u00f4\u00ef": "ợ",
    # u
    "u\u00f9": "ú", "u\u00f8": "ù", "u\u00fb": "ủ", "u\u00f5": "ũ", "u\u00ef": "ụ",
    # ư (ư itself is one byte)
    "\u00f6": "ư", "\u00f6\u00f9": "ứ", "\u00f6\u00f8": "ừ", "\u00f6\u00fb": "ử",
    "\u00f6\u00f5": "ữ", "\u00f6\u00ef": "ự",
    # y (ỵ is one byte)
    "y\u00f9": "ý", "y\u00f8": "ỳ", "y\u00fb": "ỷ", "y\u00f5": "ỹ", "\u00ee": "ỵ",
    # đ
    "\u00f1": "đ",
}  # fmt: skip


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, letter in _VNI_LOWER.items():
        table[code] = letter
        table[code.upper()] = letter.upper()
        if len(code) == 2:
            # The case of the base letter decides: "Aù" (a capital typed before a
            # lower-case mark) is "Á", "aÙ" is "á".
            table[code[0].upper() + code[1]] = letter.upper()
            table[code[0] + code[1].upper()] = letter
    return table


_VNI_TABLE: Final[Mapping[str, str]] = _vni_table()


# ---------------------------------------------------------------------------
# Fonts
# ---------------------------------------------------------------------------

_TCVN3_FONT: Final = re.compile(r"^\s*\.vn", re.IGNORECASE)
_VNI_FONT: Final = re.compile(r"^\s*vni[\s_-]", re.IGNORECASE)


def font_encoding(font_name: str | None) -> Encoding | None:
    """The legacy encoding a font implies: ".VnTime", ".VnTimeH", ".VnArial" -> TCVN3;
    "VNI-Times", "VNI Helve" -> VNI; any other font (or none) -> ``None``."""
    if not font_name:
        return None
    if _TCVN3_FONT.match(font_name):
        return TCVN3
    if _VNI_FONT.match(font_name):
        return VNI
    return None


def is_caps_font(font_name: str | None) -> bool:
    """True for the all-capital TCVN3 fonts (".VnTimeH", ".VnArialH"...): every letter shows
    in upper case whatever its code."""
    return font_encoding(font_name) == TCVN3 and str(font_name).rstrip().endswith("H")


# ---------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------

_WORD: Final = re.compile(r"\S+")


def _ascii_cased(text: str) -> list[str]:
    return [ch for ch in text if ch.isascii() and ch.isalpha()]


def _all_caps(text: str) -> bool:
    letters = _ascii_cased(text)
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _tcvn3(text: str, caps_font: bool) -> str:
    # TCVN3 has no code for a capital with a tone: a word typed in capitals ("NGUYÔN",
    # "PHßNG") holds lower-case codes and must come out in capitals.
    if caps_font or _all_caps(text):
        return text.translate(_TCVN3_TRANSLATE).upper()

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        out = w.translate(_TCVN3_TRANSLATE)
        return out.upper() if _all_caps(w) else out

    return _WORD.sub(word, text)


def _vni(text: str) -> str:
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        pair = text[i : i + 2]
        if len(pair) == 2 and pair in _VNI_TABLE:
            out.append(_VNI_TABLE[pair])
            i += 2
            continue
        ch = text[i]
        out.append(_VNI_TABLE.get(ch, ch))
        i += 1
    return "".join(out)


def convert(text: str, encoding: Encoding, *, font_name: str | None = None) -> str:
    """The Unicode (NFC) text of ``text`` typed in ``encoding``.

    Characters that are not codes of the encoding (ASCII, digits, punctuation) are kept.
    For TCVN3, an all-capital font (``font_name`` ".VnTimeH"...) or a word typed in capitals
    gives capitals: "PHßNG" -> "PHÒNG", "hå" in .VnTimeH -> "HỒ".
    """
    if encoding == TCVN3:
        out = _tcvn3(text, is_caps_font(font_name))
    elif encoding == VNI:
        out = _vni(text)
    else:
        raise ValueError(f"Bảng mã không hỗ trợ: {encoding!r}")
    return unicodedata.normalize("NFC", out)


# ---------------------------------------------------------------------------
# Vietnamese syllables
# ---------------------------------------------------------------------------

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_TONES: Final = frozenset((_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT))
_LETTERS: Final = frozenset("abcdeghiklmnopqrstuvxyăâêôơưđ")

_ONSETS: Final = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip

# Written rhymes (vần) without the tone: open ones, then nucleus + final.
_OPEN_RHYMES: Final = (
    "a e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iu iêu yêu oa oai oao oay oe oeo oi ôi ơi "
    "ua uây uê ui uôi uơ uy uya uyu ưa ưi ươi ươu ưu"
).split()
_CLOSED: Final[Mapping[str, str]] = {
    "a": "c ch m n ng nh p t",
    "ă": "c m n ng p t",
    "â": "c m n ng p t",
    "e": "c m n ng p t",
    "ê": "ch m n nh p t",
    "i": "ch m n nh p t",
    "o": "c m n ng p t",
    "ô": "c m n ng p t",
    "ơ": "m n p t",
    "u": "c m n ng p t",
    "ư": "c m n ng t",
    "iê": "c m n ng p t",
    "yê": "m n ng t",
    "uô": "c m n ng t",
    "ươ": "c m n ng p t",
    "oa": "c ch m n ng nh p t",
    "oă": "c m n ng t",
    "oe": "m n t",
    "uâ": "n ng t",
    "uê": "ch nh n",
    "uy": "ch n nh p t",
    "uyê": "n t",
}
_RHYMES: Final = frozenset(
    _OPEN_RHYMES
    + [nucleus + final for nucleus, finals in _CLOSED.items() for final in finals.split()]
)
_FINALS: Final = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
_STOP_FINALS: Final = ("c", "ch", "p", "t")
_FRONT: Final = ("i", "e", "ê", "y")  # k, gh, ngh go before these; c, g, ng never do
# After c- a rounded glide is written with qu-: "qua", "quyết", never "coa", "cuyết".
_GLIDE_START: Final = ("oa", "oă", "oe", "uâ", "uê", "uy", "uơ")
# Where the tone sits in an open rhyme (index in its vowels); with a final consonant it
# always sits on the last vowel. Both the old ("hòa", "thúy") and new ("hoà", "thuý")
# placements are accepted for oa, oe, uy.
_TONE_AT: Final[Mapping[str, tuple[int, ...]]] = {
    **{v: (0,) for v in "ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu ia ua ưa".split()},
    **{v: (1,) for v in "iêu yêu uôi ươi ươu oai oay oao oeo uây uya uyu uơ uê".split()},
    **{v: (0, 1) for v in ("oa", "oe", "uy")},
}


def _onset_fits(onset: str, rhyme: str) -> bool:
    front = rhyme.startswith(_FRONT)
    if onset in ("k", "gh", "ngh"):
        return front
    if onset == "c":
        return not front and not rhyme.startswith(_GLIDE_START)
    if onset == "ng":
        return not front
    if onset == "g":
        return not front or rhyme.startswith("i")  # "gì", "gìn"
    return True


def _rhyme_ok(onset: str, rhyme: str) -> bool:
    if rhyme in _RHYMES:
        return _onset_fits(onset, rhyme)
    if onset == "gi":  # "giêng", "giữa", "gì": the i of gi- doubles as the vowel
        return rhyme == "" or "i" + rhyme in _RHYMES
    if onset == "qu":  # "quân", "quyết": the u of qu- is the glide
        return "u" + rhyme in _RHYMES
    return False


def _tone_placed(rhyme: str, at: int) -> bool:
    """Is a tone on letter ``at`` of ``rhyme`` where Vietnamese spelling puts it?"""
    final = next((f for f in _FINALS if rhyme.endswith(f) and len(rhyme) > len(f)), "")
    vowels = rhyme[: len(rhyme) - len(final)]
    if at >= len(vowels):
        return False
    if final or len(vowels) == 1:
        return at == len(vowels) - 1
    return at in _TONE_AT.get(vowels, (len(vowels) - 1,))


def _letters_and_tone(word: str) -> tuple[str, str, int] | None:
    """(letters without the tone, the tone mark or "", index of the toned letter)."""
    letters: list[str] = []
    tone, at = "", -1
    for ch in unicodedata.normalize("NFC", word.lower()):
        parts = unicodedata.normalize("NFD", ch)
        marks = [m for m in parts if m in _TONES]
        if marks:
            if tone or len(marks) > 1:
                return None
            tone, at = marks[0], len(letters)
        letters.append(unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES)))
    return "".join(letters), tone, at


@lru_cache(maxsize=8192)
def _is_syllable(word: str) -> bool:
    """Is ``word`` (letters only) one well-formed Vietnamese syllable in one case pattern?

    Onset, rhyme, at most one tone placed where the spelling puts it, and a stop final
    (c, ch, p, t) only with the sắc or nặng tone.
    """
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    split = _letters_and_tone(word)
    if split is None:
        return False
    base, tone, at = split
    if not base or any(ch not in _LETTERS for ch in base):
        return False
    for onset in _ONSETS:
        if not base.startswith(onset):
            continue
        rhyme = base[len(onset) :]
        if not rhyme and onset != "gi":
            continue
        if not _rhyme_ok(onset, rhyme):
            continue
        if rhyme.endswith(_STOP_FINALS) and tone not in (_ACUTE, _DOT):
            continue
        if tone and not rhyme:  # "gì": the tone on the i of gi-
            return at == 1
        if tone and not _tone_placed(rhyme, at - len(onset)):
            continue
        return True
    return False


# ---------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------

_BEYOND_LATIN1: Final = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
_PIECE: Final = re.compile(r"[^\s\d!-/:-@\[-`{-~]+")  # cut at ASCII punctuation and digits
_MICRO_UNIT: Final = re.compile(r"µ(?:m|g|l|L|s|V|A|F|W|M|mol)")  # "5 µm" is not TCVN3 "àm"


def has_vietnamese_unicode(text: str) -> bool:
    """True when ``text`` holds a Vietnamese letter beyond Latin-1 (ă, đ, ơ, ư, ạ, ễ...).
    Legacy text never does, so such text is real Unicode."""
    return _BEYOND_LATIN1.search(unicodedata.normalize("NFC", text)) is not None


def _is_edge_mark(ch: str) -> bool:
    """A sign that may stand before or after a word ("«Hoa»", "Excel®"), unless it is the
    code of a TCVN3 letter ("CST§" is "CSTĐ"): those stay in the word and make it odd."""
    return not ch.isalpha() and ch != "\u00ad" and ch not in _TCVN3_TABLE


def _is_acronym(core: str) -> bool:
    """Initials such as "TĐKT", "CSTĐCS", "UBND": capitals and Đ, at most one vowel."""
    return (
        2 <= len(core) <= 10
        and all(("A" <= ch <= "Z") or ch == "Đ" for ch in core)
        and sum(ch in "AEIOUY" for ch in core) <= 1
    )


def _soft_hyphen_ok(core: str) -> bool:
    """A real soft hyphen marks where a long word may break ("infor\u00admation"); inside
    one syllable or at a word's edge it is the TCVN3 code of "ư" ("Ch\u00ada" = "Chưa")."""
    if core.startswith("\u00ad") or core.endswith("\u00ad"):
        return False
    parts = core.split("\u00ad")
    whole = "".join(parts)
    return all(len(p) >= 2 for p in parts) and not (whole.isalpha() and _is_syllable(whole))


def _reading_ok(word: str) -> bool:
    """Does every piece of ``word`` that holds a non-ASCII letter read as Vietnamese?"""
    for piece in _PIECE.findall(word):
        start, end = 0, len(piece)
        while start < end and _is_edge_mark(piece[start]):
            start += 1
        while end > start and _is_edge_mark(piece[end - 1]):
            end -= 1
        core = piece[start:end]
        if "\u00ad" in core:
            if not _soft_hyphen_ok(core):
                return False
            core = core.replace("\u00ad", "")
        if core.isascii():
            continue
        if not core.isalpha() or not (_is_syllable(core) or _is_acronym(core)):
            return False
    return True


def _considered(word: str) -> bool:
    if word.isascii() or not any(ch.isascii() and ch.isalpha() for ch in word):
        return False
    return _MICRO_UNIT.fullmatch(word.strip("\"'()[]{},.;:!?")) is None


@dataclass(frozen=True)
class _Scores:
    words: int  # words that can differ between readings
    unicode: int  # of them, how many read well as Unicode
    tcvn3: int
    vni: int
    tcvn3_changes: bool
    vni_changes: bool

    def of(self, encoding: Encoding) -> int:
        return self.tcvn3 if encoding == TCVN3 else self.vni

    def changes(self, encoding: Encoding) -> bool:
        return self.tcvn3_changes if encoding == TCVN3 else self.vni_changes


@lru_cache(maxsize=16384)
def _scores(text: str, caps_font: bool) -> _Scores:
    words = [w for w in text.split() if _considered(w)]
    caps_text = caps_font or _all_caps(text)
    u = t = v = 0
    t_changes = v_changes = False
    for w in words:
        u += _reading_ok(w)
        tw = w.translate(_TCVN3_TRANSLATE)
        if caps_text or _all_caps(w):
            tw = tw.upper()
        tw = unicodedata.normalize("NFC", tw)
        vw = unicodedata.normalize("NFC", _vni(w))
        t_changes = t_changes or tw != w
        v_changes = v_changes or vw != w
        t += _reading_ok(tw)
        v += _reading_ok(vw)
    return _Scores(len(words), u, t, v, t_changes, v_changes)


def _prepare(text: str) -> str | None:
    """NFC text worth scoring, or ``None`` when it is ASCII or real Unicode Vietnamese."""
    if not isinstance(text, str) or text.isascii():
        return None
    nfc = unicodedata.normalize("NFC", text)
    if _BEYOND_LATIN1.search(nfc):
        return None
    return nfc


def detect(text: str, font_name: str | None = None) -> Encoding | None:
    """The legacy encoding ``text`` was typed in, or ``None`` for Unicode (and ASCII) text.

    "NguyÔn V¨n", "Hå Lan" -> "TCVN3"; "Vieät Nam" -> "VNI"; "Nguyễn Văn Hưng", "Hoà Bình",
    "Müller", "5 µm" -> ``None``. ``font_name`` is the cell's font: a TCVN3 or VNI font
    tips a tie towards its encoding (what the clerk sees on screen is that reading).
    """
    return _judge(text, font_name)[0]


def _judge(text: str, font_name: str | None) -> tuple[Encoding | None, bool]:
    """(encoding, sure): ``sure`` is false when only the font tipped a tie."""
    nfc = _prepare(text)
    if nfc is None:
        return None, False
    scores = _scores(nfc, is_caps_font(font_name))
    if scores.words == 0:
        return None, False
    best: Encoding | None = None
    for encoding in (TCVN3, VNI):
        if scores.changes(encoding) and scores.of(encoding) > scores.unicode:
            if best is None or scores.of(encoding) > scores.of(best):
                best = encoding
    hint = font_encoding(font_name)
    if hint is not None and scores.changes(hint) and scores.of(hint) >= scores.unicode:
        if best is None or scores.of(hint) >= scores.of(best):
            return hint, best is not None
    return best, best is not None


def plausible(text: str, encoding: Encoding, font_name: str | None = None) -> bool:
    """True when ``text`` changes when read in ``encoding`` and reads at least as well so
    as it does as Unicode ("Vò Lan" in TCVN3 is "Vũ Lan"). Only meaningful when other
    evidence says the text is legacy: the cell's font, or the rest of its sheet."""
    nfc = _prepare(text)
    if nfc is None:
        return False
    scores = _scores(nfc, is_caps_font(font_name))
    return (
        scores.words > 0
        and scores.changes(encoding)
        and scores.of(encoding) >= scores.unicode
        and scores.of(encoding) > 0
    )


K = TypeVar("K", bound=Hashable)


def decide(cells: Mapping[K, tuple[str, str | None]]) -> dict[K, Encoding]:
    """The encoding of each legacy cell of one sheet: ``{key: (text, font name)}`` in,
    ``{key: encoding}`` out (cells missing from the result are Unicode or ASCII).

    Each cell is first judged alone (:func:`detect`). When the legacy cells outnumber the
    cells that are certainly Unicode (a Vietnamese letter beyond Latin-1), the sheet was
    typed in the legacy encoding most of its cells use, and the ambiguous cells that read
    at least as well in it (:func:`plausible`) are converted too. Otherwise the sheet is
    Unicode: a cell is converted only when it reads better in a legacy encoding, not merely
    as well with the help of its legacy font (Unicode typed into a cell kept in .VnTime).
    """
    sure: dict[K, Encoding] = {}
    by_font: dict[K, Encoding] = {}
    unicode_cells = 0
    for key, (text, font) in cells.items():
        if not isinstance(text, str) or text.isascii():
            continue
        encoding, certain = _judge(text, font)
        if encoding is not None:
            (sure if certain else by_font)[key] = encoding
        elif has_vietnamese_unicode(text):
            unicode_cells += 1
    if len(sure) + len(by_font) <= unicode_cells:
        return sure
    found = {**by_font, **sure}
    dominant = Counter(found.values()).most_common(1)[0][0]
    for key, (text, font) in cells.items():
        if key in found:
            own = found[key]
            if own != dominant and plausible(text, dominant, font):
                nfc = unicodedata.normalize("NFC", text)
                scores = _scores(nfc, is_caps_font(font))
                if scores.of(dominant) >= scores.of(own):
                    found[key] = dominant
            continue
        if isinstance(text, str) and plausible(text, dominant, font):
            found[key] = dominant
    return found
