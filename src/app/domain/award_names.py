"""Award names as files write them -> catalogue codes (issue 11, point 3).

Units and the province name titles and forms in many ways: the catalogue's own names and
synonyms ("LĐTT", "BK UBND tỉnh"), a generic form with its issuer in the text ("Bằng khen của
Chủ tịch UBND tỉnh", "BK Bộ TN&MT", "Giấy khen của Giám đốc Sở") or in another column
("Bằng khen" + "Cấp khen: UBND tỉnh"), the names of the province's code sheet (HTKT,
DANHMUC: "Cờ thi đua của UBND tỉnh", "Bằng khen cấp bộ, ban, ngành, tỉnh, đoàn thể trung
ương") and their 10-digit codes ("1668522916"). Everything here is pure: the catalogue, the
province mapping (:class:`ProvinceAwards`, parsed from ``province_awards.json``) and the
workbook's code sheets come in as arguments.

- :func:`parse_issuer` -- "Chủ tịch UBND tỉnh" -> :class:`Issuer` ("TINH").
- :func:`resolve_award_name` -- a name (+ the issuer column) -> :class:`AwardResolution`.
- :func:`resolve_award_code` -- a code of a code column -> :class:`AwardResolution`, through
  the workbook's code sheets, then the province mapping.
- :func:`reconcile` -- several award cells of one row (names and codes) -> one code, or the
  problems naming the columns as the sheet writes them.
- :func:`parse_province_awards` -- the JSON mapping, checked against the catalogue.

A resolution either has a ``code``, or ``candidates`` (a generic name: "Bằng khen" is one of
BK_TTG, BK_TINH, BK_BO until the issuer says which; "Huân chương Lao động" is one of its three
classes), or neither; ``message`` says in Vietnamese what is missing or refused. Two
resolutions agree when they name the same code, or when one is generic and the other is one of
its candidates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from app.domain.catalogue import Catalogue, CatalogueError
from app.domain.vntext import clean, fold_key

__all__ = [
    "FAMILIES",
    "AwardCell",
    "AwardResolution",
    "CodeName",
    "Family",
    "Issuer",
    "ProvinceAward",
    "ProvinceAwards",
    "Reconciled",
    "match_catalogue",
    "normalise_code",
    "parse_issuer",
    "parse_province_awards",
    "reconcile",
    "resolve_award_code",
    "resolve_award_name",
]


# ---------------------------------------------------------------------------
# Issuers
# ---------------------------------------------------------------------------

# Issuer levels: TTG (Thủ tướng, Chính phủ), TINH (UBND tỉnh, its Chairman), BO (a ministry),
# SO (a Sở director, a specialised agency of the UBND tỉnh), HUYEN, XA, DV_BO (a body under a
# ministry: Cục, Tổng cục...). Ministries: NNMT (ours), TNMT and NNPTNT (its predecessors),
# KHAC (another one).
OUR_MINISTRIES: Final = ("NNMT", "TNMT", "NNPTNT")


@dataclass(frozen=True)
class Issuer:
    level: str
    ministry: str = ""


def _has(key: str, *phrases: str) -> bool:
    padded = f" {key} "
    return any(f" {p} " in padded for p in phrases)


_MINISTRY_WORDS: Final = {
    "NNMT": (
        "nong nghiep va moi truong",
        "nong nghiep moi truong",
        "nn mt",
        "nnmt",
        "nn va mt",
        "bnnmt",
    ),
    "TNMT": ("tai nguyen va moi truong", "tai nguyen moi truong", "tn mt", "tnmt", "tn va mt"),
    "NNPTNT": (
        "phat trien nong thon",
        "ptnt",
        "nn ptnt",
        "nnptnt",
        "nn va ptnt",
        "bnnptnt",
    ),
}
_BO_FILLER: Final = frozenset({"bo", "truong", "cua", "cap", "nganh", "ban", "chu", "quan"})


def _ministry(key: str) -> str:
    for ministry, words in _MINISTRY_WORDS.items():
        if _has(key, *words):
            return ministry
    rest = [w for w in key.split() if w not in _BO_FILLER]
    return "NNMT" if not rest else "KHAC"


def parse_issuer(text: str) -> Issuer | None:
    """Who decided an award, from a free text ("Chủ tịch UBND tỉnh", "Giám đốc Sở", "Bộ
    NN&PTNT", "BK Bộ TN&MT" without its "BK"...). None when the text names nobody known.

    A bare "Bộ" / "Bộ trưởng" is our ministry (Nông nghiệp và Môi trường), as the catalogue's
    "BK Bộ" is.
    """
    key = fold_key(text)
    if not key:
        return None
    if _has(key, "thuoc bo", "ngang bo", "thuoc chinh phu", "tong cuc", "cuc", "cuc truong"):
        return Issuer("DV_BO")
    # "cơ sở" (grassroots) is not a Sở.
    no_grassroots = f" {key} ".replace(" co so ", " ").strip()
    if _has(no_grassroots, "co quan chuyen mon", "so", "giam doc so", "gd so") or key in {
        "giam doc",
        "gd",
    }:
        return Issuer("SO")
    if _has(key, "thu tuong", "ttg", "ttcp", "chinh phu"):
        return Issuer("TTG")
    if _has(key, "huyen", "thi xa", "ubnd quan", "cap quan"):
        return Issuer("HUYEN")
    if _has(key, "bo", "bo truong", "bnnmt", "bnnptnt", "btnmt"):
        return Issuer("BO", _ministry(key))
    if any(_has(key, *words) for words in _MINISTRY_WORDS.values()):
        return Issuer("BO", _ministry(key))  # "NN&PTNT", "Nông nghiệp và Môi trường"
    if (
        _has(key, "ubnd xa", "cap xa", "uy ban nhan dan xa", "chu tich xa", "phuong")
        or _has(key, "thi tran", "dac khu", "ubnd phuong")
        or key == "xa"
        or key.startswith("xa ")
    ):
        return Issuer("XA")
    if _has(key, "tinh", "ubnd tinh", "ubt", "uy ban nhan dan tinh"):
        return Issuer("TINH")
    return None


# ---------------------------------------------------------------------------
# Families: a generic form whose issuer picks the code
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Family:
    """A generic form ("Bằng khen") and the code each issuer gives it."""

    key: str
    label: str
    prefixes: tuple[str, ...]  # folded first words of the text
    codes: Mapping[str, str]  # issuer level (or "BO:<ministry>") -> catalogue code
    examples: str
    other: str | None = None  # the code for any other named issuer (a bucket), if any

    @property
    def candidates(self) -> frozenset[str]:
        return frozenset({*self.codes.values(), *((self.other,) if self.other else ())})

    def code_for(self, issuer: Issuer) -> str | None:
        if issuer.level == "BO":
            found = self.codes.get(f"BO:{issuer.ministry}")
            if found is not None:
                return found
            if issuer.ministry in OUR_MINISTRIES and "BO" in self.codes:
                return self.codes["BO"]
            return self.other
        return self.codes.get(issuer.level, self.other)


FAMILIES: Final[dict[str, Family]] = {
    f.key: f
    for f in (
        Family(
            "BK",
            "Bằng khen",
            ("bang khen", "bk"),
            {"TTG": "BK_TTG", "TINH": "BK_TINH", "BO": "BK_BO"},
            "'Bằng khen của Chủ tịch UBND tỉnh', 'Bằng khen của Bộ trưởng Bộ NN&MT'",
        ),
        Family(
            "CO",
            "Cờ thi đua",
            ("co thi dua", "co td"),
            {"TTG": "CO_CP", "TINH": "CO_TINH", "BO": "CO_BO"},
            "'Cờ thi đua của UBND tỉnh', 'Cờ thi đua của Bộ NN&MT'",
        ),
        Family(
            "CSTD",
            "Chiến sĩ thi đua",
            ("chien si thi dua", "chien sy thi dua", "cstd"),
            {"TINH": "CSTD_TINH", "BO": "CSTD_BO"},
            "'Chiến sĩ thi đua cấp tỉnh', 'Chiến sĩ thi đua cấp bộ'",
        ),
        Family(
            "GK",
            "Giấy khen",
            ("giay khen", "gk"),
            {"SO": "GK_SO", "XA": "GK_XA", "HUYEN": "GK_HUYEN", "DV_BO": "GK_BO_DV"},
            "'Giấy khen của Giám đốc Sở', 'Giấy khen của Chủ tịch UBND cấp xã'",
        ),
        Family(
            "KNC",
            "Kỷ niệm chương",
            ("ky niem chuong", "knc", "huy hieu"),
            {"BO:NNMT": "KNC_NNMT", "BO:TNMT": "KNC_TNMT", "BO:NNPTNT": "KNC_NNPTNT"},
            "'Kỷ niệm chương Vì sự nghiệp Nông nghiệp và Môi trường'",
            other="KNC_KHAC",
        ),
    )
}
_FAMILY_OF_CODE: Final = {code: f for f in FAMILIES.values() for code in f.candidates}
_LEADING: Final = ("danh hieu", "hinh thuc", "tang thuong", "tang", "duoc tang")
_ISSUER_LEAD: Final = frozenset({"cua", "cap", "do"})


def _strip_leading(key: str) -> str:
    for prefix in _LEADING:
        if key.startswith(prefix + " "):
            return key[len(prefix) + 1 :]
    return key


def _split_family(key: str) -> tuple[Family, str] | None:
    """("bang khen cua chu tich ubnd tinh") -> (BK, "chu tich ubnd tinh")."""
    key = _strip_leading(key)
    for family in FAMILIES.values():
        for prefix in family.prefixes:
            if key == prefix or key.startswith(prefix + " "):
                words = key[len(prefix) :].split()
                while words and words[0] in _ISSUER_LEAD:
                    words = words[1:]
                return family, " ".join(words)
    return None


# ---------------------------------------------------------------------------
# The province's names and codes
# ---------------------------------------------------------------------------


def normalise_code(value: object) -> str:
    """A code cell as text: 1671247716 / 1671247716.0 / " 1671247716 " -> "1671247716"."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


@dataclass(frozen=True)
class ProvinceAward:
    """One name and code of the province's list, and what the catalogue makes of it.

    ``catalogue_code`` when the name is one catalogue item (or, with ``family``, the code when
    no issuer is given); ``family`` when the issuer picks the code ("Bằng khen cấp bộ, ban,
    ngành, tỉnh..."); ``candidates`` when a more precise name may stand for it (the three
    classes of "Huân chương Lao động"); ``refusal`` says why there is no code.
    """

    province_code: str
    province_name: str
    catalogue_code: str | None = None
    family: str | None = None
    candidates: tuple[str, ...] = ()
    refusal: str = ""
    other_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.province_name, *self.other_names)


@dataclass(frozen=True)
class ProvinceAwards:
    entries: tuple[ProvinceAward, ...] = ()
    _by_code: dict[str, ProvinceAward] = field(default_factory=dict, repr=False, compare=False)
    _by_name: dict[str, ProvinceAward] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            if entry.province_code:
                self._by_code[entry.province_code] = entry
            for name in entry.names:
                self._by_name.setdefault(fold_key(name), entry)

    def by_code(self, code: str) -> ProvinceAward | None:
        return self._by_code.get(normalise_code(code))

    def by_name(self, text: str) -> ProvinceAward | None:
        return self._by_name.get(fold_key(text))

    def extended(self, other: ProvinceAwards) -> ProvinceAwards:
        """These entries, with ``other``'s added; an entry of ``other`` replaces the one with
        the same province code (a data-folder file extends the shipped one)."""
        replaced = {e.province_code for e in other.entries if e.province_code}
        kept = tuple(e for e in self.entries if e.province_code not in replaced)
        return ProvinceAwards((*other.entries, *kept))


def _strings(raw: object, what: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(s, str) for s in raw):
        raise CatalogueError(f"{what}: cần một danh sách chuỗi")
    return tuple(clean(s) for s in raw)


def parse_province_awards(
    data: Mapping[str, Any], catalogue: Catalogue, *, source: str = "province_awards.json"
) -> ProvinceAwards:
    """Build the mapping from the parsed JSON (``{"entries": [{"province_code",
    "province_name", "catalogue_code" | "family" | "refusal", "candidates", "other_names"}]}``).
    Every code must be in the catalogue; every entry must give a code, a family or a reason.
    Raises :class:`CatalogueError` naming ``source`` and the entry."""
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise CatalogueError(f"Tệp {source} không có mục 'entries'")
    entries: list[ProvinceAward] = []
    seen: set[str] = set()
    for number, raw in enumerate(raw_entries, start=1):
        where = f"Tệp {source}, mục thứ {number}"
        if not isinstance(raw, dict):
            raise CatalogueError(f"{where}: không phải một đối tượng JSON")
        code = normalise_code(raw.get("province_code"))
        name = clean(str(raw.get("province_name") or ""))
        if not code and not name:
            raise CatalogueError(f"{where}: thiếu 'province_code' và 'province_name'")
        where = f"Tệp {source}, mục '{name or code}'"
        if code and code in seen:
            raise CatalogueError(f"{where}: mã {code} lặp lại")
        seen.add(code)
        cat_code = raw.get("catalogue_code") or None
        family = raw.get("family") or None
        refusal = clean(str(raw.get("refusal") or ""))
        candidates = _strings(raw.get("candidates"), where)
        if cat_code is not None and not isinstance(cat_code, str):
            raise CatalogueError(f"{where}: 'catalogue_code' phải là chuỗi")
        if family is not None and family not in FAMILIES:
            known = ", ".join(FAMILIES)
            raise CatalogueError(f"{where}: nhóm '{family}' không có (có: {known})")
        for c in (*((cat_code,) if cat_code else ()), *candidates):
            if c not in catalogue:
                raise CatalogueError(f"{where}: mã '{c}' không có trong danh mục")
        if cat_code is None and family is None and not refusal:
            raise CatalogueError(
                f"{where}: cần 'catalogue_code', 'family' hoặc 'refusal' (lý do từ chối)"
            )
        entries.append(
            ProvinceAward(
                province_code=code,
                province_name=name,
                catalogue_code=cat_code,
                family=family,
                candidates=candidates,
                refusal=refusal,
                other_names=_strings(raw.get("other_names"), where),
            )
        )
    return ProvinceAwards(tuple(entries))


@dataclass(frozen=True)
class CodeName:
    """A code of one of the workbook's own code sheets (HTKT, DANHMUC...) and its name."""

    code: str
    name: str
    sheet: str


# ---------------------------------------------------------------------------
# Resolving
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardResolution:
    """What a cell names: a ``code``; or ``candidates`` (generic); ``message`` when no code."""

    text: str
    code: str | None = None
    candidates: frozenset[str] = frozenset()
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.code is not None

    def compatible(self) -> frozenset[str]:
        return frozenset({self.code}) if self.code is not None else self.candidates

    def agrees_with(self, other: AwardResolution) -> bool:
        mine, theirs = self.compatible(), other.compatible()
        if self.code is not None and other.code is not None:
            return self.code == other.code
        return bool(mine & theirs)


def match_catalogue(text: str, catalogue: Catalogue) -> str | None:
    """Catalogue code from a code, full name, short form or synonym ("LĐTT", "BK UBND tỉnh",
    "Danh hiệu Lao động tiên tiến", "GK_SO"), ignoring case and diacritics."""
    item = catalogue.match(text)
    if item is None:
        key = fold_key(text)
        stripped = _strip_leading(key)
        if stripped != key:
            item = catalogue.match(stripped)
    if item is None:
        item = catalogue.match(clean(text).replace("_", " ").replace(" ", "_"))
    return item.code if item is not None else None


def _names(codes: Iterable[str], catalogue: Catalogue) -> str:
    return ", ".join(f"'{catalogue.get(c).name}'" for c in sorted(codes, key=str) if c in catalogue)


def _issuer_hint(issuer_header: str | None) -> str:
    if issuer_header:
        return f", hoặc ghi cấp khen ở cột '{issuer_header}'"
    return ", hoặc thêm cột 'Cấp khen' (ai quyết định khen thưởng)"


def _by_family(
    text: str,
    family: Family,
    inline: str,
    issuer: str,
    issuer_header: str | None,
    catalogue: Catalogue,
    default: str | None = None,
) -> AwardResolution:
    """The code of a generic form from the issuer in its text (``inline``) or its column."""
    candidates = frozenset(c for c in family.candidates if c in catalogue)
    where = f" ở cột '{issuer_header}'" if issuer_header else ""
    found_inline = parse_issuer(inline) if inline else None
    found_column = parse_issuer(issuer) if issuer else None
    if inline and found_inline is None:
        if family.other is None:
            return AwardResolution(
                text,
                candidates=candidates,
                message=(
                    f"Không nhận ra cấp khen trong '{text}': danh mục chỉ có "
                    f"{_names(candidates, catalogue)}"
                ),
            )
        found_inline = Issuer("KHAC")  # "Kỷ niệm chương Vì sự nghiệp Giáo dục"
    chosen = found_inline or found_column
    said = inline if found_inline is not None else issuer
    if found_inline is not None and found_column is not None:
        a, b = family.code_for(found_inline), family.code_for(found_column)
        if a != b:
            return AwardResolution(
                text,
                candidates=candidates,
                message=f"'{text}' không khớp với cấp khen '{issuer}'{where}",
            )
    if chosen is None:
        if issuer and family.other is None:
            return AwardResolution(
                text,
                candidates=candidates,
                message=(
                    f"Không nhận ra cấp khen '{issuer}'{where} cho '{text}': danh mục chỉ có "
                    f"{_names(candidates, catalogue)}"
                ),
            )
        if issuer and family.other is not None:
            chosen = Issuer("KHAC")
        elif default is not None:
            return AwardResolution(text, code=default, candidates=candidates)
        else:
            return AwardResolution(
                text,
                candidates=candidates,
                message=(
                    f"'{text}' chưa rõ cấp khen (ai quyết định): ghi rõ, ví dụ "
                    f"{family.examples}{_issuer_hint(issuer_header)}"
                ),
            )
    code = family.code_for(chosen)
    if code is None or code not in catalogue:
        if chosen.level == "BO" and chosen.ministry == "KHAC":
            lack = (
                f"danh mục chỉ có {family.label} của Bộ Nông nghiệp và Môi trường (và Bộ "
                "TN&MT, Bộ NN&PTNT trước đây)"
            )
        else:
            lack = f"danh mục chỉ có {_names(candidates, catalogue)}"
        return AwardResolution(
            text,
            candidates=candidates,
            message=f"Danh mục không có {family.label} của '{said}': {lack}",
        )
    return AwardResolution(text, code=code, candidates=candidates)


def _from_entry(
    text: str,
    entry: ProvinceAward,
    issuer: str,
    issuer_header: str | None,
    catalogue: Catalogue,
) -> AwardResolution:
    if entry.family is not None:
        return _by_family(
            text,
            FAMILIES[entry.family],
            "",
            issuer,
            issuer_header,
            catalogue,
            default=entry.catalogue_code,
        )
    if entry.catalogue_code is not None:
        return AwardResolution(
            text, code=entry.catalogue_code, candidates=frozenset(entry.candidates)
        )
    return AwardResolution(text, candidates=frozenset(entry.candidates), message=entry.refusal)


def _unknown(text: str) -> AwardResolution:
    return AwardResolution(
        text,
        message=(
            f"Không nhận ra danh hiệu/hình thức: '{text}' (ghi mã như LDTT, CSTDCS, BK_TINH, "
            "GK_SO hoặc tên như 'Lao động tiên tiến', 'Bằng khen của Chủ tịch UBND tỉnh')"
        ),
    )


def _check_issuer(
    res: AwardResolution, issuer: str, issuer_header: str | None, catalogue: Catalogue
) -> AwardResolution:
    """A precise name ("BK UBND tỉnh") contradicted by the issuer column ("Bộ NN&MT")."""
    if res.code is None or not issuer:
        return res
    family = _FAMILY_OF_CODE.get(res.code)
    found = parse_issuer(issuer)
    if family is None or found is None:
        return res
    other = family.code_for(found)
    if other is None or other == res.code or other not in catalogue:
        return res
    where = f" ở cột '{issuer_header}'" if issuer_header else ""
    return AwardResolution(
        res.text,
        candidates=frozenset({res.code, other}),
        message=(
            f"'{res.text}' ({catalogue.get(res.code).name}) không khớp với cấp khen "
            f"'{issuer}'{where} ({catalogue.get(other).name})"
        ),
    )


def resolve_award_name(
    text: str,
    catalogue: Catalogue,
    *,
    issuer: str = "",
    issuer_header: str | None = None,
    province: ProvinceAwards | None = None,
) -> AwardResolution:
    """The catalogue code a name stands for.

    In order: the catalogue's names and synonyms; the province's names (``province``); a
    generic form with its issuer in the text ("Bằng khen của Chủ tịch UBND tỉnh") or in
    ``issuer`` (the issuer column's cell, headed ``issuer_header`` in the sheet). A generic
    form without any issuer is an error saying the issuer is needed.
    """
    text = clean(text)
    if not text:
        return AwardResolution(text, message="Thiếu danh hiệu / hình thức khen thưởng")
    issuer = clean(issuer)
    code = match_catalogue(text, catalogue)
    if code is not None:
        return _check_issuer(AwardResolution(text, code=code), issuer, issuer_header, catalogue)
    entry = province.by_name(text) if province is not None else None
    if entry is not None:
        return _check_issuer(
            _from_entry(text, entry, issuer, issuer_header, catalogue),
            issuer,
            issuer_header,
            catalogue,
        )
    split = _split_family(fold_key(text))
    if split is not None:
        family, inline = split
        return _by_family(text, family, inline, issuer, issuer_header, catalogue)
    return _unknown(text)


def resolve_award_code(
    value: object,
    catalogue: Catalogue,
    *,
    sheets: Mapping[str, CodeName] | None = None,
    province: ProvinceAwards | None = None,
    issuer: str = "",
    issuer_header: str | None = None,
) -> AwardResolution:
    """The catalogue code a code cell stands for: a catalogue code itself ("BK_TINH"); else the
    name the workbook's own code sheets give it (``sheets``: code -> :class:`CodeName`),
    resolved as a name; else the province mapping's entry for the code."""
    code = normalise_code(value)
    if not code:
        return AwardResolution(code, message="Ô mã để trống")
    if code in catalogue:
        return _check_issuer(AwardResolution(code, code=code), issuer, issuer_header, catalogue)
    local = (sheets or {}).get(code)
    if local is not None:
        res = resolve_award_name(
            local.name,
            catalogue,
            issuer=issuer,
            issuer_header=issuer_header,
            province=province,
        )
        if res.ok:
            return AwardResolution(code, code=res.code, candidates=res.candidates)
        return AwardResolution(
            code,
            candidates=res.candidates,
            message=f"Mã {code} là '{local.name}' (trang '{local.sheet}'): {res.message}",
        )
    entry = province.by_code(code) if province is not None else None
    if entry is not None:
        res = _check_issuer(
            _from_entry(entry.province_name, entry, issuer, issuer_header, catalogue),
            issuer,
            issuer_header,
            catalogue,
        )
        if res.ok:
            return AwardResolution(code, code=res.code, candidates=res.candidates)
        return AwardResolution(
            code,
            candidates=res.candidates,
            message=f"Mã {code} là '{entry.province_name}': {res.message}",
        )
    places = sorted({c.sheet for c in (sheets or {}).values()})
    where = (
        "các trang mã của tệp (" + ", ".join(f"'{s}'" for s in places) + ") và "
        if places
        else "tệp (không có trang mã) và "
    )
    return AwardResolution(
        code,
        message=f"Không tìm thấy mã '{code}' trong {where}bảng mã khen thưởng của tỉnh",
    )


# ---------------------------------------------------------------------------
# Several award cells of one row
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardCell:
    """One non-empty award cell of a row: its field, the sheet's header, name or code."""

    field: str
    header: str
    is_code: bool
    resolution: AwardResolution


@dataclass(frozen=True)
class Reconciled:
    """The row's award: ``code`` (None when a problem remains), the field it was read from,
    and the problems as (field, Vietnamese message)."""

    code: str | None
    field: str | None
    problems: tuple[tuple[str, str], ...]


def _shown(cell: AwardCell, catalogue: Catalogue) -> str:
    res = cell.resolution
    name = catalogue.get(res.code).name if res.code and res.code in catalogue else ""
    if cell.is_code:
        return f"mã {res.text}" + (f" ({name})" if name else "")
    if name and fold_key(name) != fold_key(res.text):
        return f"'{res.text}' ({name})"
    return f"'{res.text}'"


def reconcile(cells: Sequence[AwardCell], catalogue: Catalogue) -> Reconciled:
    """One award from the row's award cells (names first, then codes, in the sheet's order).

    Every cell that names something must agree with the first one that resolves: a name and a
    code that disagree are an error naming both headers; two names (or two codes) that
    disagree are two awards on one row. A generic cell ("Bằng khen", a class-less "Huân chương Lao động") is
    settled by a precise one it agrees with; alone, its message says what is missing.
    """
    if not cells:
        return Reconciled(None, None, ())
    resolved = [c for c in cells if c.resolution.ok]
    if not resolved:
        # Each cell's own message; a generic cell agreeing with one already reported ("Bằng
        # khen" and the code of "Bằng khen") adds nothing.
        reported: list[AwardCell] = []
        for cell in cells:
            res = cell.resolution
            if not res.message or any(
                (res.candidates and res.agrees_with(r.resolution))
                or res.message.endswith(r.resolution.message)
                or r.resolution.message.endswith(res.message)
                for r in reported
            ):
                continue
            reported.append(cell)
        return Reconciled(None, None, tuple((c.field, c.resolution.message) for c in reported))
    first = resolved[0]
    problems: list[tuple[str, str]] = []
    for cell in cells:
        if cell is first:
            continue
        if cell.resolution.agrees_with(first.resolution):
            continue
        if cell.is_code == first.is_code:
            problems.append(
                (
                    cell.field,
                    f"Một dòng ghi hai khen thưởng khác nhau: '{first.header}' là "
                    f"{_shown(first, catalogue)}, '{cell.header}' là {_shown(cell, catalogue)}: "
                    "tách thành hai dòng (mỗi dòng một khen thưởng)",
                )
            )
        elif not cell.resolution.ok and not cell.resolution.candidates:
            problems.append(
                (
                    cell.field,
                    f"{cell.resolution.message} (cột '{first.header}' ghi "
                    f"{_shown(first, catalogue)})",
                )
            )
        else:
            problems.append(
                (
                    cell.field,
                    f"Cột '{cell.header}' ghi {_shown(cell, catalogue)}, không khớp với "
                    f"cột '{first.header}' ghi {_shown(first, catalogue)}",
                )
            )
    if problems:
        return Reconciled(None, first.field, tuple(problems))
    return Reconciled(first.resolution.code, first.field, ())
