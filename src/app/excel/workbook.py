"""Safe opening of the Excel workbooks that units send (architecture.md, "Excel").

Before openpyxl sees a file we check, from the file itself:

- the extension: only ``.xlsx`` and ``.xlsm``; an ``.xls`` (Excel 97-2003) gets a message
  telling the clerk to save it again as ``.xlsx``;
- the bytes: an ``.xlsx`` is a zip archive; a password-protected workbook or an old ``.xls``
  renamed to ``.xlsx`` is an OLE2 compound file and gets its own message;
- the archive: the sum of the declared uncompressed sizes and the compression ratio of each
  large member, so a zip bomb is refused before anything is decompressed. Python's zipfile
  never inflates a member beyond its declared size, so checking the declared sizes is enough.

XML bombs (entity expansion, external entities) are refused by defusedxml, which openpyxl uses
when it is installed (it is a dependency of the application); its exceptions become our
:class:`ImportFileError`.

The workbook is loaded twice: with ``data_only=False`` to know which cells hold formulas and
with ``data_only=True`` to read the values Excel cached when it last saved the file.

Everything here raises :class:`ImportFileError` with a Vietnamese message naming the file.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeVar
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.vntext import fold_key

__all__ = [
    "DEFAULT_MAX_COMPRESSION_RATIO",
    "DEFAULT_MAX_UNCOMPRESSED_BYTES",
    "RATIO_CHECK_MIN_BYTES",
    "ImportFileError",
    "OpenedWorkbook",
    "check_archive",
    "check_file_name",
    "open_workbook",
]

DEFAULT_MAX_UNCOMPRESSED_BYTES: Final = 200 * 1024 * 1024
"""Largest accepted sum of the uncompressed sizes of the archive members (200 MB)."""

DEFAULT_MAX_COMPRESSION_RATIO: Final = 100.0
"""Largest accepted uncompressed/compressed ratio of a member above :data:`RATIO_CHECK_MIN_BYTES`."""

RATIO_CHECK_MIN_BYTES: Final = 1024 * 1024
"""Members smaller than this (1 MB uncompressed) are not checked for their ratio."""

_ACCEPTED_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
_ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06")  # a member, or an empty archive
_OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class ImportFileError(Exception):
    """A file cannot be imported at all. The message is Vietnamese and names the file."""


def _name(path: Path) -> str:
    return f"'{path.name}'"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


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


def check_archive(
    path: Path,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
) -> None:
    """Refuse a zip archive that would inflate too much, using the declared member sizes.

    - the sum of the uncompressed sizes above ``max_uncompressed_bytes``;
    - a member larger than :data:`RATIO_CHECK_MIN_BYTES` whose uncompressed/compressed ratio
      is above ``max_compression_ratio``.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise ImportFileError(
            f"Tệp {_name(path)} bị hỏng (không đọc được cấu trúc tệp .xlsx)."
        ) from None
    except OSError as exc:
        raise ImportFileError(f"Không đọc được tệp {_name(path)}: {exc.strerror or exc}") from None
    total = 0
    for info in members:
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


_T = TypeVar("_T")


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
        detail = (str(exc).strip().splitlines() or [""])[0].replace(str(path), path.name)
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


_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formulas(file: Path) -> bool:
    """True when any worksheet of the archive holds a formula element (``<f>``)."""
    with zipfile.ZipFile(file) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                if _FORMULA_TAG.search(archive.read(name)):
                    return True
    return False


def open_workbook(
    path: str | Path,
    *,
    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES,
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO,
) -> OpenedWorkbook:
    """Check and open ``path`` (see the module docstring). Raises :class:`ImportFileError`."""
    file = Path(path)
    check_file_name(file)
    _check_magic(file)
    check_archive(
        file,
        max_uncompressed_bytes=max_uncompressed_bytes,
        max_compression_ratio=max_compression_ratio,
    )
    formulas = _load(file, lambda: load_workbook(file, data_only=False, keep_links=False))
    if _has_formulas(file):
        values = _load(file, lambda: load_workbook(file, data_only=True, keep_links=False))
    else:  # nothing to tell apart: one load serves both views (halves the time of big lists)
        values = formulas
    if not values.worksheets:
        raise ImportFileError(f"Tệp {_name(file)} không có trang tính nào.")
    return OpenedWorkbook(file, formulas, values)
