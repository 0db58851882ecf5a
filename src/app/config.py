"""Paths, settings file and database URL.

The data folder is the platform's user data folder (``%LOCALAPPDATA%\\TDKT`` on Windows), or the
folder named by ``TDKT_DATA_DIR``. The database is, in order: ``--db``, ``TDKT_DB`` (a file path
or an SQLAlchemy URL), then ``tdkt.sqlite`` in the data folder.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "TDKT"
ENV_DB = "TDKT_DB"
ENV_DATA_DIR = "TDKT_DATA_DIR"
DEFAULT_DB_NAME = "tdkt.sqlite"
DEMO_DB_NAME = "demo.sqlite"


def data_dir() -> Path:
    """The folder holding the database, logs, backups and user overrides (created if needed)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        path = Path(override)
    elif getattr(sys, "frozen", False) and (Path(sys.executable).parent / "portable.txt").exists():
        # Portable mode: a file named portable.txt next to the program keeps data beside it.
        path = Path(sys.executable).parent / "data"
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_file() -> Path:
    return data_dir() / "tdkt.log"


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


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


def display_db(url: str) -> str:
    """The database as shown to the user: a file path, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url


def resources_root() -> Path:
    """The installed ``resources/`` folder (package ``app.resources``)."""
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
