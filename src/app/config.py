"""Paths, settings file and database URL.

The data folder is, in order: the folder named by ``TDKT_DATA_DIR``; in portable mode
``data/`` in the program folder; else the platform's user data folder (``%LOCALAPPDATA%\\TDKT``
on Windows). Portable mode (for a USB stick) is on when a file ``portable.txt`` sits in the
program folder (next to ``tdkt.exe``) or when ``TDKT_PORTABLE=1``; ``TDKT_PORTABLE=0`` turns it
off. The database is, in order: ``--db``, ``TDKT_DB`` (a file path or an SQLAlchemy URL), then
``tdkt.sqlite`` in the data folder.

Settings of this machine that must not live in the database (the backup folder and how many
copies to keep: they must survive a restore and be known before the database opens) are kept in
``tdkt-cai-dat.json`` in the data folder.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "TDKT"
ENV_DB = "TDKT_DB"
ENV_DATA_DIR = "TDKT_DATA_DIR"
ENV_PORTABLE = "TDKT_PORTABLE"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA_DIR = "data"
DEFAULT_DB_NAME = "tdkt.sqlite"
DEMO_DB_NAME = "demo.sqlite"
LOCAL_SETTINGS_NAME = "tdkt-cai-dat.json"
BACKUP_SUBDIR = "backups"

log = logging.getLogger(__name__)


def is_frozen() -> bool:
    """True in the packaged program (PyInstaller), False when run from Python."""
    return bool(getattr(sys, "frozen", False))


def program_dir() -> Path:
    """The program folder: the executable's folder when packaged, else the Python environment's
    folder (``sys.prefix``, e.g. the ``.venv`` a developer runs from)."""
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(sys.prefix).resolve()


def portable_mode() -> bool:
    """Data beside the program: ``TDKT_PORTABLE`` (1/0) decides; else a ``portable.txt`` file."""
    flag = os.environ.get(ENV_PORTABLE, "").strip().lower()
    if flag:
        return flag not in {"0", "false", "no", "off", "khong", "không"}
    return (program_dir() / PORTABLE_MARKER).is_file()


def data_dir() -> Path:
    """The folder holding the database, logs, backups and user overrides (created if needed)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        path = Path(override).expanduser()
    elif portable_mode():
        path = program_dir() / PORTABLE_DATA_DIR
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OSError(
            f"Không tạo được thư mục dữ liệu {path}: {exc.strerror or exc}. "
            "Với bản di động (portable), thư mục chương trình phải ghi được."
        ) from exc
    return path


def log_file() -> Path:
    return data_dir() / "tdkt.log"


# --- settings of this machine (a small JSON file in the data folder) -------------------------


def local_settings_file() -> Path:
    return data_dir() / LOCAL_SETTINGS_NAME


def read_local_settings() -> dict[str, Any]:
    """The settings file as a dict; a missing or unreadable file gives ``{}`` (logged)."""
    path = local_settings_file()
    try:
        with path.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("Cannot read %s, using defaults: %s", path, exc)
        return {}
    return data if isinstance(data, dict) else {}


def write_local_settings(values: dict[str, Any]) -> Path:
    """Replace the settings file atomically (a crash leaves the old or the new file, whole)."""
    path = local_settings_file()
    partial = path.with_name(path.name + ".dang-ghi")
    try:
        partial.write_text(
            json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        partial.replace(path)
    except BaseException:  # a full disk: no half-written file stays
        partial.unlink(missing_ok=True)
        raise
    return path


# --- backups ----------------------------------------------------------------------------------


def default_backup_dir() -> Path:
    """``backups/`` in the data folder (created if needed)."""
    path = data_dir() / BACKUP_SUBDIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def configured_backup_dir() -> Path | None:
    """The backup folder chosen in the settings (a USB drive, a share), or None for the default.

    A relative path is taken from the data folder, so a portable copy keeps working when the
    stick gets another drive letter.
    """
    section = read_local_settings().get("backup")
    folder = section.get("folder") if isinstance(section, dict) else None
    if not isinstance(folder, str) or not folder.strip():
        return None
    path = Path(folder.strip()).expanduser()
    return path if path.is_absolute() else data_dir() / path


def backup_dir() -> Path:
    """Where backups go: the configured folder if it can be used, else ``backups/`` in the data
    folder (an unplugged USB drive must never stop a backup or the program's start)."""
    configured = configured_backup_dir()
    if configured is not None:
        try:
            configured.mkdir(parents=True, exist_ok=True)
            if configured.is_dir():
                return configured
        except OSError as exc:
            log.warning("Backup folder %s unusable, using the default: %s", configured, exc)
    return default_backup_dir()


def is_url(value: str) -> bool:
    return "://" in value


def sqlite_url(path: Path) -> str:
    return "sqlite:///" + path.resolve().as_posix()


def resolve_db_url(cli_value: str | None = None, *, demo: bool = False) -> str:
    """The SQLAlchemy URL of the database to open."""
    if demo and not cli_value:
        return sqlite_url(data_dir() / DEMO_DB_NAME)
    value = cli_value or os.environ.get(ENV_DB)
    if not value:
        return sqlite_url(data_dir() / DEFAULT_DB_NAME)
    if is_url(value):
        return value
    return sqlite_url(Path(value).expanduser())


def sqlite_path(url: str) -> Path | None:
    """The file behind an SQLite URL, or None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite"):
        return None
    _, _, rest = url.partition(":///")
    rest = rest.split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    if rest.startswith("file:"):
        rest = rest[len("file:") :]
    return Path(rest)


_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][\w+.-]*://[^\s:/@]*):[^\s@]*@")
_QUERY_PASSWORD = re.compile(r"(?P<head>\b(?:password|passwd|pwd)=)[^\s&;'\"]*", re.IGNORECASE)


def _password_of(url: str) -> str | None:
    if "://" not in url or "@" not in url:
        return None
    creds = url.split("://", 1)[1].rsplit("@", 1)[0]
    return creds.split(":", 1)[1] if ":" in creds else None


def mask_secrets(text: str, url: str | None = None) -> str:
    """``text`` (a message, a log line, an error) with the passwords of database URLs replaced
    by ``***``: ``user:***@host``, ``password=***``, and the password of ``url`` wherever it
    appears (a driver's message may repeat it)."""
    password = _password_of(url) if url else None
    if password:
        from urllib.parse import unquote

        for spelling in {password, unquote(password)}:
            if len(spelling) >= 6:  # a short one would garble the words of the message
                text = text.replace(spelling, "***")
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}:***@", text)
    return _QUERY_PASSWORD.sub(lambda m: f"{m['head']}***", text)


def display_db(url: str) -> str:
    """The database as shown to the user: a file path, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return mask_secrets(f"{scheme}://{user}@{host}")
    return mask_secrets(url)


def resources_root() -> Path:
    """The installed ``resources/`` folder (package ``app.resources``)."""
    if is_frozen():
        # PyInstaller: packaging/tdkt.spec bundles resources/ as files under app/resources.
        bundle = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
        return bundle / "app" / "resources"
    try:
        root = Path(str(importlib_resources.files("app.resources")))
        if root.is_dir():
            return root
    except ModuleNotFoundError:
        pass
    # Running from a source tree without installation.
    return Path(__file__).resolve().parents[2] / "resources"


def resource_file(*parts: str, allow_override: bool = True) -> Path:
    """A resource file; a file of the same name in the data folder overrides the shipped one."""
    if allow_override:
        override = data_dir().joinpath(*parts[-1:])
        if override.is_file():
            return override
    return resources_root().joinpath(*parts)


def load_json_resource(*parts: str, allow_override: bool = False) -> Any:
    with resource_file(*parts, allow_override=allow_override).open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class AppPaths:
    data: Path
    log: Path
    backups: Path

    @classmethod
    def current(cls) -> AppPaths:
        return cls(data=data_dir(), log=log_file(), backups=backup_dir())
