"""TĐKT - Thi đua, Khen thưởng."""

# The single source of the version: pyproject.toml reads it from here (setuptools dynamic).
__version__ = "0.1.0"

APP_TITLE = "TĐKT - Thi đua, Khen thưởng"
