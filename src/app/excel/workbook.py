"""Safe opening of the Excel workbooks that units send (architecture.md, "Excel").

Before openpyxl sees a file we check, from the file itself:

- the extension: only ``.xlsx`` and ``.xlsm``; an ``.xls`` (Excel 97-2003) gets a message
  telling the clerk to save it again as ``.xlsx``;
- the bytes: an ``.xlsx`` is a zip archive; a password-protected workbook or an old ``.xls``
  renamed to ``.xlsx`` is an OLE2 compound file and gets its own message;
- the archive (:func:`check_archive`): the number of members, the sum of the declared
  uncompressed sizes and the compression ratio of each large member, so a zip bomb is refused
  before anything is decompressed. Python's zipfile never inflates a member beyond its
  declared size (a member that lies about it fails its CRC check), so the declared sizes
  bound everything that follows;
- the parts (:func:`scan_parts`): every member is read once, streaming and bounded by the
  checks above, and refused when it holds a ``<!DOCTYPE`` or ``<!ENTITY`` declaration (XML
  bombs, "billion laughs", external entities: Excel never writes a DTD) or when its merged
  cells, hyperlinks and comments cover more cells than :data:`MAX_EXPANDED_CELLS` (openpyxl
  creates one object per cell of such a range: a three-line ``A1:XFD1048576`` would hang
  it). UTF-16 and UTF-32 parts are decoded first, so the declarations cannot hide there.
  The same pass notes whether any worksheet holds a formula.

defusedxml, when installed, is a second line: openpyxl then parses with it, and its
exceptions become our :class:`ImportFileError` too.

The workbook is loaded twice: with ``data_only=False`` to know which cells hold formulas and
with ``data_only=True`` to read the values Excel cached when it last saved the file.

Everything here raises :class:`ImportFileError` with a Vietnamese message naming the file.
"""

from __future__ import annotations

import codecs
import re
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Final, TypeVar
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.vntext import fold_key

__all__ = [
    "DEFAULT_MAX_COMPRESSION_RATIO",
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_UNCOMPRESSED_BYTES",
    "MAX_EXPANDED_CELLS",
    "RATIO_CHECK_MIN_BYTES",
    "ImportFileError",
    "OpenedWorkbook",
    "PartsScan",
    "check_archive",
    "check_file_name",
    "open_workbook",
    "scan_parts",
]

DEFAULT_MAX_UNCOMPRESSED_BYTES: Final = 200 * 1024 * 1024
"""Largest accepted sum of the uncompressed sizes of the archive members (200 MB)."""

DEFAULT_MAX_COMPRESSION_RATIO: Final = 100.0
"""Largest accepted uncompressed/compressed ratio of a member above :data:`RATIO_CHECK_MIN_BYTES`."""

RATIO_CHECK_MIN_BYTES: Final = 1024 * 1024
"""Members smaller than this (1 MB uncompressed) are not checked for their ratio."""

DEFAULT_MAX_MEMBERS: Final = 10_000
"""Largest accepted number of archive members (a workbook of 200 sheets has about 500)."""

MAX_EXPANDED_CELLS: Final = 200_000
"""Largest accepted number of cells covered by merged ranges, hyperlinks and comments.

openpyxl creates one Python object for every cell of such a range when it loads the file
(about 10 microseconds each): 200,000 cells cost a couple of seconds, a whole-sheet range
would never finish."""

_ACCEPTED_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
_ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06")  # a member, or an empty archive
_OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAX_ROW: Final = 1_048_576
_MAX_COL: Final = 16_384


class ImportFileError(Exception):
    """A file cannot be imported at all. The message is Vietnamese and names the file."""


def _name(path: Path) -> str:
    return f"'{path.name}'"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _broken(path: Path) -> ImportFileError:
    return ImportFileError(f"Tệp {_name(path)} bị hỏng (không đọc được cấu trúc tệp .xlsx).")


def check_file_name(path: Path) -> None:
    """Refuse names that are not ``.xlsx``/``.xlsm``, with a message fit for a clerk."""
    suffix = path.suffix.lower()
    if suffix in _ACCEPTED_SUFFIXES:
        return
    if suffix == ".xls":
        raise ImportFileError(
            f"Tệp {_name(path)}: định dạng .xls (Excel 97-2003) chưa được hỗ trợ: "
            "mở trong Excel rồi Lưu thành .xlsx (Excel Workbook) và chọn lại tệp mới."
        )
    if suffix in {".ods", ".csv", ".txt"}:
        raise ImportFileError(
            f"Tệp {_name(path)}: định dạng {suffix} chưa được hỗ trợ: "
            "mở trong Excel hoặc LibreOffice rồi Lưu thành .xlsx."
        )
    shown = suffix or "(không có phần mở rộng)"
    raise ImportFileError(
        f"Tệp {_name(path)} không phải tệp Excel .xlsx hoặc .xlsm (phần mở rộng {shown})."
    )


def _check_magic(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise ImportFileError(f"Không tìm thấy tệp {_name(path)}.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{_name(path)} là một thư mục, không phải tệp Excel.") from None
    except PermissionError:
        raise ImportFileError(
            f"Không đọc được tệp {_name(path)}: không có quyền đọc hoặc tệp đang bị "
            "chương trình khác khóa. Đóng tệp rồi thử lại."
        ) from None
    except OSError as exc:
        raise ImportFileError(f"Không đọc được tệp {_name(path)}: {exc.strerror or exc}") from None
    if not head:
        raise ImportFileError(f"Tệp {_name(path)} rỗng (0 byte).")
    if head.startswith(_OLE2_MAGIC):
        raise ImportFileError(
            f"Tệp {_name(path)} không phải tệp .xlsx thật: có thể tệp được đặt mật khẩu, "
            "hoặc là tệp .xls đổi tên. Mở trong Excel, bỏ mật khẩu rồi Lưu thành .xlsx."
        )
    if not head.startswith(_ZIP_MAGIC):
        raise ImportFileError(
            f"Tệp {_name(path)} không phải tệp Excel hợp lệ (nội dung không phải định dạng "
            ".xlsx): có thể tệp bị hỏng hoặc chỉ được đổi tên."
        )


def _members(path: Path) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # "zip file version 6.4": a damaged or exotic header
        ValueError,
        EOFError,
        struct.error,
    ):
        raise _broken(path) from None
    except OSError as exc:
        raise ImportFileError(f"Không đọc được tệp {_name(path)}: {exc.strerror or exc}") from None


def check_archive(
    path: Path,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
    max_members: int = DEFAULT_MAX_MEMBERS,
) -> None:
    """Refuse a zip archive that would inflate too much, using the declared member sizes.

    - more than ``max_members`` members;
    - the sum of the uncompressed sizes above ``max_uncompressed_bytes``;
    - a member larger than :data:`RATIO_CHECK_MIN_BYTES` whose uncompressed/compressed ratio
      is above ``max_compression_ratio``;
    - an encrypted member, or one compressed with a method Excel does not use.
    """
    members = _members(path)
    if len(members) > max_members:
        raise ImportFileError(
            f"Tệp {_name(path)} có {len(members)} thành phần (nhiều hơn {max_members}): "
            "không phải tệp Excel bình thường, không nhập."
        )
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise ImportFileError(
                f"Tệp {_name(path)} được mã hóa (đặt mật khẩu): mở trong Excel, bỏ mật khẩu "
                "rồi Lưu thành .xlsx."
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ImportFileError(
                f"Tệp {_name(path)} có thành phần '{info.filename}' nén theo cách Excel không "
                "dùng: có thể tệp được tạo bằng chương trình khác; mở và lưu lại bằng Excel."
            )
        total += info.file_size
        if total > max_uncompressed_bytes:
            raise ImportFileError(
                f"Tệp {_name(path)} quá lớn khi giải nén (trên {_mb(max_uncompressed_bytes)}): "
                "không nhập để tránh treo máy. Hãy tách danh sách thành nhiều tệp nhỏ hơn."
            )
        if info.file_size > RATIO_CHECK_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > max_compression_ratio:
                raise ImportFileError(
                    f"Tệp {_name(path)} có thành phần '{info.filename}' nén bất thường "
                    f"(tỉ lệ {ratio:.0f}:1): có thể là tệp độc hại, không nhập."
                )


# ---------------------------------------------------------------------------
# Scanning the parts
# ---------------------------------------------------------------------------

_CHUNK: Final = 1024 * 1024
_OVERLAP: Final = 64  # bytes kept between chunks so a pattern cut in two is still found
_MAX_TAG: Final = 64 * 1024  # a <mergeCell>, <hyperlink> or <comment> tag longer is refused

_DTD: Final = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?f[\s>/]")
_RANGE_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(mergeCell|hyperlink|comment)[\s/>]")
_REF_ATTR: Final = re.compile(rb"""\bref\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CHAR_REF: Final = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")
_NAMED_REF: Final = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&"}
_NO_FORMULA_FOLDERS: Final = ("xl/charts/", "xl/drawings/", "xl/media/")

# XML 1.0, appendix F: the encoding of an entity from its first four bytes.
_BOMS: Final = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)


@dataclass(frozen=True)
class PartsScan:
    """What :func:`scan_parts` learnt: whether a worksheet holds a formula, and how many
    cells the merged ranges, hyperlinks and comments cover."""

    has_formulas: bool
    expanded_cells: int


def _wide_encoding(head: bytes) -> str | None:
    for prefix, encoding in _BOMS:
        if head.startswith(prefix):
            return encoding
    return None


def _utf8_chunks(stream: IO[bytes]) -> Iterator[bytes]:
    """The member's bytes, UTF-16/32 transcoded to UTF-8 so the byte patterns apply."""
    first = stream.read(_CHUNK)
    encoding = _wide_encoding(first[:4])
    if encoding is None:
        chunk = first
        while chunk:
            yield chunk
            chunk = stream.read(_CHUNK)
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    chunk = first
    while chunk:
        yield decoder.decode(chunk).encode("utf-8", "surrogatepass")
        chunk = stream.read(_CHUNK)
    yield decoder.decode(b"", final=True).encode("utf-8", "surrogatepass")


def _unescape(value: str) -> str:
    """An XML attribute value as the parser sees it (character and predefined references)."""

    def char(m: re.Match[str]) -> str:
        code = m.group(1)
        try:
            return chr(int(code[1:], 16) if code[0] == "x" else int(code))
        except (ValueError, OverflowError):
            return "?"

    value = _CHAR_REF.sub(char, value)
    for ref, ch in _NAMED_REF.items():
        value = value.replace(ref, ch)
    return value


def _range_cells(ref: str) -> int:
    """Cells a ``ref`` attribute covers ("B2:D4" -> 9, "A:A" -> a whole column). 0 when
    openpyxl itself cannot read it (it then fails cleanly)."""
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref.strip().upper())
    except (ValueError, TypeError):
        return 0
    cols = (max_col or _MAX_COL) - (min_col or 1) + 1
    rows = (max_row or _MAX_ROW) - (min_row or 1) + 1
    return max(cols, 1) * max(rows, 1)


class _PartScanner:
    """Streams one member through the checks; raises :class:`ImportFileError`."""

    def __init__(self, path: Path, member: str, want_formulas: bool, budget: int) -> None:
        self.path, self.member = path, member
        self.want_formulas = want_formulas
        self.has_formulas = False
        self.budget = budget  # cells still allowed
        self.used = 0
        self._buf = b""
        self._scanned = 0  # self._buf[: self._scanned] already searched for DTD and formulas
        self._tags_from = 0  # range tags before this offset of self._buf are counted

    def feed(self, data: bytes, final: bool = False) -> None:
        buf = self._buf + data
        start = max(self._scanned - _OVERLAP, 0)
        if _DTD.search(buf, start):
            raise ImportFileError(
                f"Tệp {_name(self.path)} chứa cấu trúc XML không an toàn (khai báo "
                f"<!DOCTYPE>/<!ENTITY> trong thành phần '{self.member}'): không nhập. "
                "Tệp do Excel lưu không bao giờ có khai báo này."
            )
        if self.want_formulas and not self.has_formulas and _FORMULA_TAG.search(buf, start):
            self.has_formulas = True
        pending = self._count_ranges(buf, final)
        keep = len(buf) - _OVERLAP if pending is None else pending
        keep = max(min(keep, len(buf)), 0)
        self._buf = buf[keep:]
        self._scanned = len(self._buf)
        self._tags_from = max(self._tags_from - keep, 0)

    def _count_ranges(self, buf: bytes, final: bool) -> int | None:
        """Count the cells of complete range tags; the offset of an incomplete one, if any."""
        for m in _RANGE_TAG.finditer(buf, self._tags_from):
            end = buf.find(b"<", m.end())
            if end < 0:
                if len(buf) - m.start() > _MAX_TAG:
                    self._too_long(m.group(1))
                if not final:
                    return m.start()
                end = len(buf)
            elif end - m.start() > _MAX_TAG:
                self._too_long(m.group(1))
            self._tags_from = end
            ref = _REF_ATTR.search(buf, m.end() - 1, end)
            cells = 1
            if ref is not None:
                raw = (ref.group(1) if ref.group(1) is not None else ref.group(2)) or b""
                cells = max(_range_cells(_unescape(raw.decode("utf-8", "replace"))), 1)
            self.used += cells
            if self.used > self.budget:
                raise ImportFileError(
                    f"Tệp {_name(self.path)} có vùng gộp ô, liên kết hoặc ghi chú phủ quá nhiều "
                    f"ô (trên {MAX_EXPANDED_CELLS:,} ô".replace(",", ".")
                    + f", thành phần '{self.member}'): không nhập để tránh treo máy. "
                    "Hãy bỏ gộp ô (Merge & Center) ở các vùng lớn rồi lưu lại."
                )
        return None

    def _too_long(self, tag: bytes) -> None:
        raise ImportFileError(
            f"Tệp {_name(self.path)} có thẻ <{tag.decode('ascii', 'replace')}> dài bất thường "
            f"trong thành phần '{self.member}': tệp bị hỏng hoặc độc hại, không nhập."
        )


def scan_parts(path: Path, *, max_expanded_cells: int = MAX_EXPANDED_CELLS) -> PartsScan:
    """Read every member once (see the module docstring). Call :func:`check_archive` first:
    its limits bound this pass."""
    has_formulas = False
    used = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.is_dir():
                    continue
                want = not has_formulas and not info.filename.startswith(_NO_FORMULA_FOLDERS)
                scanner = _PartScanner(path, info.filename, want, max_expanded_cells - used)
                with archive.open(info) as stream:
                    for chunk in _utf8_chunks(stream):
                        scanner.feed(chunk)
                scanner.feed(b"", final=True)
                has_formulas = has_formulas or scanner.has_formulas
                used += scanner.used
    except ImportFileError:
        raise
    except NotImplementedError:
        raise ImportFileError(
            f"Tệp {_name(path)} nén theo cách Excel không dùng: mở và lưu lại bằng Excel."
        ) from None
    except RuntimeError as exc:  # "File ... is encrypted, password required for extraction"
        if "encrypt" in str(exc) or "password" in str(exc):
            raise ImportFileError(
                f"Tệp {_name(path)} được mã hóa (đặt mật khẩu): mở trong Excel, bỏ mật khẩu "
                "rồi Lưu thành .xlsx."
            ) from None
        raise _broken(path) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError):
        raise _broken(path) from None
    except struct.error:
        raise _broken(path) from None
    except OSError as exc:
        raise ImportFileError(f"Không đọc được tệp {_name(path)}: {exc.strerror or exc}") from None
    return PartsScan(has_formulas=has_formulas, expanded_cells=used)


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------

_T = TypeVar("_T")
_MISSING_MEMBER: Final = re.compile(r"There is no item named '([^']*)' in the archive")


def _load(path: Path, loader: Callable[[], _T]) -> _T:
    """Run an openpyxl load and turn every failure into :class:`ImportFileError`."""
    try:
        with warnings.catch_warnings():
            # "Data Validation extension is not supported", "Unknown extension"...: harmless.
            warnings.simplefilter("ignore", UserWarning)
            return loader()
    except ImportFileError:
        raise
    except MemoryError:
        raise ImportFileError(f"Tệp {_name(path)} quá lớn, không đủ bộ nhớ để mở.") from None
    except PermissionError:
        raise ImportFileError(
            f"Không đọc được tệp {_name(path)}: tệp đang bị chương trình khác khóa."
        ) from None
    except ParseError as exc:
        raise ImportFileError(
            f"Tệp {_name(path)} bị hỏng (nội dung XML không hợp lệ: {exc})."
        ) from None
    except Exception as exc:  # openpyxl raises many types for malformed files
        unsafe = _defused_cause(exc)
        if unsafe is not None:
            raise ImportFileError(
                f"Tệp {_name(path)} chứa cấu trúc XML không an toàn "
                f"({type(unsafe).__name__}): không nhập."
            ) from None
        missing = _MISSING_MEMBER.search(str(exc)) if isinstance(exc, KeyError) else None
        if missing is not None:
            raise ImportFileError(
                f"Tệp {_name(path)} bị hỏng: thiếu thành phần '{missing.group(1)}' của tệp .xlsx."
            ) from None
        detail = (str(exc).strip().splitlines() or [""])[0].replace(str(path), path.name)
        if len(detail) > 200:
            detail = detail[:200] + "…"
        raise ImportFileError(
            f"Không mở được tệp {_name(path)}: tệp bị hỏng hoặc không đúng định dạng .xlsx "
            f"({type(exc).__name__}: {detail})."
        ) from None


def _defused_cause(exc: BaseException) -> BaseException | None:
    """The defusedxml exception in the chain of ``exc`` (openpyxl wraps it), if any."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if type(current).__module__.startswith("defusedxml"):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


@dataclass(frozen=True)
class OpenedWorkbook:
    """A workbook loaded twice: ``formulas`` (formula text) and ``values`` (cached values)."""

    path: Path
    formulas: Workbook
    values: Workbook

    @property
    def sheet_names(self) -> list[str]:
        """Names of the worksheets (chart sheets excluded), in workbook order."""
        return [ws.title for ws in self.values.worksheets]

    def sheet_pair(self, name: str) -> tuple[Worksheet, Worksheet]:
        """(formula sheet, value sheet) of the worksheet ``name``; unknown name -> error."""
        names = self.sheet_names
        if name not in names:
            # Be lenient about case, spaces and diacritics typed by the clerk.
            matches = [n for n in names if fold_key(n) == fold_key(name)]
            if len(matches) != 1:
                listed = ", ".join(f"'{n}'" for n in names)
                raise ImportFileError(
                    f"Tệp {_name(self.path)} không có trang '{name}'. Các trang có: {listed}."
                )
            name = matches[0]
        formulas = self.formulas[name]
        values = self.values[name]
        assert isinstance(formulas, Worksheet) and isinstance(values, Worksheet)
        return formulas, values

    def close(self) -> None:
        for wb in (self.formulas, self.values):
            try:
                wb.close()
            except Exception:  # closing never matters to the user
                pass


def open_workbook(
    path: str | Path,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_expanded_cells: int = MAX_EXPANDED_CELLS,
) -> OpenedWorkbook:
    """Check and open ``path`` (see the module docstring). Raises :class:`ImportFileError`."""
    file = Path(path)
    check_file_name(file)
    _check_magic(file)
    check_archive(
        file,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_compression_ratio=max_compression_ratio,
        max_members=max_members,
    )
    scan = scan_parts(file, max_expanded_cells=max_expanded_cells)
    formulas = _load(file, lambda: load_workbook(file, data_only=False, keep_links=False))
    if scan.has_formulas:
        values = _load(file, lambda: load_workbook(file, data_only=True, keep_links=False))
    else:  # nothing to tell apart: one load serves both views (halves the time of big lists)
        values = formulas
    if not values.worksheets:
        raise ImportFileError(f"Tệp {_name(file)} không có trang tính nào.")
    return OpenedWorkbook(file, formulas, values)
