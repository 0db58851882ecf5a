"""What the GUI holds of the database: a way to run one service call per user action.

The GUI never touches sessions: it passes a service function and gets DTOs back.

Optimistic locking: records several clerks edit (registrations, votes, decisions...) carry a
``version`` (``app.db.base.Versioned``). A save that finds the row changed by someone else since
it was read raises :class:`app.domain.errors.ConflictError` out of :meth:`AppContext.write`,
whether the service noticed it (an ``expected_version`` that no longer matches) or the database
did (SQLAlchemy's ``StaleDataError``: the ``UPDATE ... WHERE version = ?`` matched no row).
Nothing is written then; the screen shows the message and reads the record again. Two clerks
writing the same unique value at once (the same decision number, the same CCCD) end the same
way: the database's unique constraint refuses the second, and the refusal says what was taken.

Faults of the file or the server (a full disk, a read-only folder, a file another program
holds, a server that stopped answering) come out as :class:`app.db.faults.StorageError`, a
domain error with one Vietnamese line: nothing was written.

Read-only: when another program holds an SQLite file (``app.db.lock``), the GUI may open it
with :func:`open_read_only`; every :meth:`AppContext.write` then raises ``ReadOnlyError``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from app.db.faults import describe_integrity_error, storage_error
from app.domain.errors import ConflictError, ReadOnlyError
from app.services.accounts import Permission, can, my_roles

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class AppContext:
    url: str
    display_name: str
    file: Path | None
    session_factory: sessionmaker[Session]
    read_only: bool = False
    # the groups the signed-in clerk acts with (read once, on first use); tests may set them
    roles: frozenset[str] | None = field(default=None, compare=False)

    def permission(self, action: str) -> Permission:
        """May the signed-in clerk do ``action`` (:data:`app.services.accounts.ACTIONS`)? On a
        file database every action is allowed (one clerk); read-only allows none."""
        if self.read_only:
            return Permission(False, str(ReadOnlyError()))
        if self.roles is None:
            self.roles = self.read(my_roles)
        return can(self.roles, action)

    def write(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run ``fn(session, ...)`` in one transaction: committed if it returns, rolled back if it raises.

        A record changed by another clerk meanwhile raises :class:`ConflictError` (rolled back);
        a read-only context raises :class:`ReadOnlyError` before anything runs.
        """
        if self.read_only:
            raise ReadOnlyError()
        try:
            with self.session_factory.begin() as session:
                return fn(session, *args, **kwargs)
        except StaleDataError as exc:
            raise ConflictError() from exc
        except IntegrityError as exc:
            message = describe_integrity_error(exc)
            if message is None:
                raise
            raise ConflictError(message) from exc
        except (OperationalError, OSError) as exc:
            fault = storage_error(exc, path=self.file, url=self.url)
            if fault is None:
                raise
            raise fault from exc

    def read(
        self, fn: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run a read-only ``fn(session, ...)``; nothing is committed."""
        with self.session_factory() as session:
            try:
                return fn(session, *args, **kwargs)
            finally:
                session.rollback()


def open_read_only(url: str, *, user: str | None = None) -> tuple[AppContext, Engine]:
    """Open an SQLite file only for reading (another program holds it for writing).

    Nothing is created, upgraded or seeded: the file must already be at this program's schema
    version. Returns the context (writes refused) and the engine to dispose at the end. Raises
    ``app.db.migrate.DatabaseError`` (Vietnamese message) when the file cannot be read so.
    """
    from app.config import display_db, sqlite_path
    from app.db.engine import make_engine, make_session_factory
    from app.db.migrate import HEAD_REVISION, DatabaseError, check_not_newer, current_revision

    path = sqlite_path(url)
    if path is None or not path.is_file():
        raise DatabaseError(f"Không có tệp cơ sở dữ liệu {display_db(url)} để mở chỉ đọc.")
    engine = make_engine(url, read_only=True)
    try:
        revision = current_revision(engine)
        check_not_newer(revision)
        if revision != HEAD_REVISION:
            raise DatabaseError(
                f"Cơ sở dữ liệu {display_db(url)} cần nâng cấp lược đồ (từ '{revision or '-'}' "
                f"lên '{HEAD_REVISION}') nên không mở chỉ đọc được khi chương trình khác đang "
                "dùng nó. Hãy đóng chương trình kia rồi mở lại."
            )
    except Exception:
        engine.dispose()
        raise
    factory = make_session_factory(engine, user=user)
    name = f"{display_db(url)} (chỉ đọc)"
    return AppContext(url, name, path, factory, read_only=True), engine
