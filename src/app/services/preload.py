"""Load the database layer ahead of need, in a thread: the GUI's start-up.

The main window paints its frame first and opens the database after that first paint. What the
opening then waits for is mostly loading code: SQLAlchemy, the models and the services that open
a database, and the mappers' configuration at the first query. :func:`preload_in_background`
does that work in a thread started while Qt builds and paints the window, on the other core.

Call it once the main thread has imported what it needs for the window (the ``app.ui`` modules):
from then on the main thread imports these modules only from the event loop, holding no other
import lock, so the two threads never wait for each other's half-imported modules.
"""

from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)


def _load() -> None:
    try:
        from sqlalchemy.orm import configure_mappers

        import app.db.lock
        import app.services.database  # noqa: F401

        configure_mappers()
    except Exception:  # the main thread loads them again and reports what fails
        log.debug("Preloading the database layer failed", exc_info=True)


def preload_in_background() -> threading.Thread:
    thread = threading.Thread(target=_load, name="tdkt-preload", daemon=True)
    thread.start()
    return thread
