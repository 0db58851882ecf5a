"""TĐKT - Thi đua, Khen thưởng."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tdkt")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+src"

APP_TITLE = "TĐKT - Thi đua, Khen thưởng"
