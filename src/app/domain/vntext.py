"""Vietnamese text helpers: cleaning, search folding, collation, names, legacy encodings.

Pure standard library. Every function accepts NFC or NFD input and gives the same result
for both (domain.md §9.3: normalise to NFC before comparing or sorting).

Public API
----------
- :func:`clean` -- NFC, invisible characters removed, whitespace trimmed and collapsed.
- :func:`fold` -- accent- and case-insensitive form for search ("Đỗ Văn Á" -> "do van a").
- :func:`fold_key` -- :func:`fold` without punctuation, for matching unit names and headers.
- :func:`vi_sort_key` -- Vietnamese collation key (domain.md §9.1).
- :func:`split_full_name` / :func:`join_name` -- họ đệm + tên (domain.md §9.2).
- :func:`is_nfc` -- whether a string is already NFC.
- :func:`looks_like_legacy_encoding` -- heuristic for TCVN3/ABC and VNI mojibake.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final, TypeAlias

from app.domain.legacy_text import detect as _detect_legacy

__all__ = [
    "ViSortKey",
    "clean",
    "fold",
    "fold_key",
    "is_nfc",
    "join_name",
    "looks_like_legacy_encoding",
    "split_full_name",
    "vi_sort_key",
]

# ---------------------------------------------------------------------------
# clean()
# ---------------------------------------------------------------------------

# Invisible format characters that are deleted outright (not turned into a space): they
# show up inside words after copy-paste from web pages and PDFs ("Ngu\u200byễn"), where
# a space would split the word. The soft hyphen (U+00AD) is deliberately NOT listed: in
# TCVN3 text it encodes the letter "ư" and must survive until legacy detection/conversion.
_ZERO_WIDTH: Final = "\u200b\u200c\u200d\u2060\ufeff\u180e"

# C0/C1 control characters (tabs, newlines, form feeds, NUL, ...) become spaces. Other
# Unicode whitespace (NBSP, thin spaces, ideographic space...) is handled by str.split().
_CLEAN_TABLE: Final[dict[int, str | None]] = {
    **{cp: " " for cp in range(0x00, 0x20)},
    **{cp: " " for cp in range(0x7F, 0xA0)},
    **{ord(ch): None for ch in _ZERO_WIDTH},
}


def clean(s: str | None) -> str:
    """Normalise user or imported text.

    NFC; zero-width characters removed; control characters, tabs, newlines, NBSP and all
    other Unicode spaces turned into plain spaces; trimmed; runs of spaces collapsed to one.
    ``None`` gives ``""``. Idempotent.
    """
    if s is None:
        return ""
    return _clean(s)


@lru_cache(maxsize=4096)
def _clean(s: str) -> str:
    # imported lists repeat their units and positions: each such text is cleaned once (a
    # small cache: names mostly differ, and 50,000 of them would only be kept for nothing)
    text = unicodedata.normalize("NFC", s.translate(_CLEAN_TABLE))
    return " ".join(text.split())


# ---------------------------------------------------------------------------
# fold() / fold_key()
# ---------------------------------------------------------------------------

_DASHES: Final = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"

# After casefolding: đ (and its look-alikes Icelandic eth "ð" and African "ɖ", which legacy
# converters sometimes produce for "Đ") -> d; every dash variant -> "-".
_FOLD_TABLE: Final[dict[int, str]] = {
    ord("đ"): "d",
    ord("ð"): "d",
    ord("ɖ"): "d",
    **{ord(ch): "-" for ch in _DASHES},
}


def _strip_marks(text: str) -> str:
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))


@lru_cache(maxsize=65536)  # names and labels repeat: a staff list folds the same few thousand
def fold(s: str | None) -> str:
    """Return the search form of ``s``: no case, no diacritics, "đ" -> "d".

    Steps: :func:`clean`; full case folding with compatibility decomposition (NFKD, so
    full-width letters and ligatures fold too); all combining marks removed; đ/Đ -> d;
    dash variants (– — ‐ ‑ − …) -> "-"; whitespace collapsed. Idempotent.

    >>> fold("Nguyễn Văn Á")
    'nguyen van a'
    >>> fold("Đỗ")
    'do'
    """
    text = clean(s)
    # Unicode's NFKC_Casefold recipe (casefold, NFKD, casefold, NFKD) makes the result
    # stable, so fold(fold(x)) == fold(x).
    text = unicodedata.normalize("NFKD", text.casefold())
    text = unicodedata.normalize("NFKD", text.casefold())
    text = _strip_marks(text).translate(_FOLD_TABLE)
    return " ".join(text.split())


def fold_key(s: str | None) -> str:
    """Return a matching key: :func:`fold`, then every character that is not a letter or
    digit becomes a space, and spaces are collapsed.

    "Phòng Kế hoạch – Tài chính", "phong ke hoach - tai chinh" and
    "Phòng Kế hoạch-Tài chính" all give "phong ke hoach tai chinh".
    """
    text = fold(s)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


# ---------------------------------------------------------------------------
# vi_sort_key()
# ---------------------------------------------------------------------------

ViSortKey: TypeAlias = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], str]
"""(primary letters, secondary tones, tertiary case, NFC text as final tie-breaker)."""

# The 29 Vietnamese letters with f, j, w, z at their Latin positions, as CLDR's `vi`
# collation does (they occur in foreign words and names: "Fansipan", "Jrai").
_ALPHABET: Final = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

_W_SPACE: Final = 0  # word separator sorts first: "An Bình" < "Anh"
_W_NUMBER: Final = 10  # a run of digits, compared by numeric value
_W_LETTER: Final = 100  # letters: 100 + position in _ALPHABET
_W_OTHER: Final = 1000  # anything else: 1000 + code point, after all letters

_LETTER_WEIGHT: Final[dict[str, int]] = {
    **{ch: _W_LETTER + i for i, ch in enumerate(_ALPHABET)},
    "ð": _W_LETTER + _ALPHABET.index("đ"),  # legacy look-alike of "đ"
}

# Secondary weights: ngang (none) 0 < huyền 1 < hỏi 2 < ngã 3 < sắc 4 < nặng 5.
_TONE: Final[dict[str, int]] = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}


def _clusters(nfd: str) -> list[tuple[str, str]]:
    """Split NFD text into (base character, following combining marks)."""
    out: list[tuple[str, str]] = []
    for ch in nfd:
        if out and unicodedata.combining(ch):
            base, marks = out[-1]
            out[-1] = (base, marks + ch)
        else:
            out.append((ch, ""))
    return out


def _letter_weights(base: str, marks: str) -> tuple[int, int, int]:
    """(primary, secondary, tertiary) weights of one non-digit character cluster."""
    if base == " ":
        return _W_SPACE, 0, 0
    tone = 0
    shape = ""
    for mark in marks:
        value = _TONE.get(mark)
        if value is not None and tone == 0:
            tone = value
        else:
            shape += mark  # breve, circumflex, horn, or a foreign diacritic
    case = 0 if base.lower() == base else 1  # lower case first
    lower = base.casefold()
    primary = None
    if len(lower) == 1:
        # "ư" = u + horn, "ặ" = a + breve (+ dot below as the tone) ...
        primary = _LETTER_WEIGHT.get(unicodedata.normalize("NFC", lower + shape))
        if primary is None:
            # Foreign diacritic on a known letter ("ü", "ç"): sort with the base letter;
            # the final tie-breaker keeps the order total.
            primary = _LETTER_WEIGHT.get(lower)
    if primary is None:
        primary = _W_OTHER + ord(lower[0] if len(lower) == 1 else base)
    return primary, tone, case


def vi_sort_key(s: str) -> ViSortKey:
    """Vietnamese collation key (domain.md §9.1, standard CLDR-style, not "traditional").

    - Text is cleaned first (NFC, spaces trimmed/collapsed), so NFD input sorts like NFC.
    - Primary: letters in the order a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t
      u ư v (w) x y (z); all letters of both strings are compared before any tone.
      A space sorts before everything ("An Bình" < "Anh"); a run of digits sorts before
      letters and is compared by numeric value ("Tổ 2" < "Tổ 10"); any other character
      (punctuation, other scripts) sorts after the letters by code point.
    - Secondary: tones, ngang < huyền < hỏi < ngã < sắc < nặng (a < à < ả < ã < á < ạ).
    - Tertiary: lower case before upper case.
    - Finally the NFC form of the input itself, so the order is total: two strings get
      equal keys only when they are canonically equivalent.
    """
    raw = unicodedata.normalize("NFC", s)
    clusters = _clusters(unicodedata.normalize("NFD", clean(raw)))
    primary: list[int] = []
    secondary: list[int] = []
    tertiary: list[int] = []
    i = 0
    while i < len(clusters):
        if unicodedata.decimal(clusters[i][0], -1) >= 0:
            digits: list[int] = []
            while i < len(clusters) and (d := unicodedata.decimal(clusters[i][0], -1)) >= 0:
                digits.append(d)
                secondary.append(0)
                tertiary.append(0)
                i += 1
            first = next((k for k, d in enumerate(digits) if d != 0), len(digits))
            significant = digits[first:]
            primary.extend((_W_NUMBER, len(significant), *significant))
            continue
        p, t, c = _letter_weights(*clusters[i])
        primary.append(p)
        secondary.append(t)
        tertiary.append(c)
        i += 1
    return tuple(primary), tuple(secondary), tuple(tertiary), raw


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------


def split_full_name(full: str) -> tuple[str, str]:
    """Split a full name into (họ đệm, tên): the last word is the tên.

    "Nguyễn Thị Minh Anh" -> ("Nguyễn Thị Minh", "Anh"); "Anh" -> ("", "Anh");
    "" -> ("", ""). The input is cleaned first. Compound family names and some minority
    names break the rule (domain.md §9.2): the user must be able to correct the split.
    """
    words = clean(full).split(" ")
    return " ".join(words[:-1]), words[-1]


def join_name(ho_dem: str, ten: str) -> str:
    """Join họ đệm and tên with one space, cleaning both and skipping empty parts."""
    return " ".join(part for part in (clean(ho_dem), clean(ten)) if part)


def is_nfc(s: str) -> bool:
    """True when ``s`` is already in Unicode NFC."""
    return unicodedata.is_normalized("NFC", s)


# ---------------------------------------------------------------------------
# Legacy 8-bit encodings (TCVN3/ABC, VNI) read as Windows-1252
# ---------------------------------------------------------------------------


def looks_like_legacy_encoding(s: str) -> bool:
    """Does ``s`` look like TCVN3/ABC or VNI text shown as Unicode (mojibake)?

    TCVN3 "NguyÔn V¨n" and VNI "Nguyeãn Vaên" (for "Nguyễn Văn") give True; correct
    Unicode Vietnamese and plain ASCII give False. The detector, the code tables and the
    conversion are in :mod:`app.domain.legacy_text` (:func:`~app.domain.legacy_text.detect`).
    Conversion must be offered with a preview, never done silently (domain.md §9.3).
    """
    return _detect_legacy(s) is not None
