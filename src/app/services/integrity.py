"""`tdkt check`: integrity and schema version of a database, without modifying it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError

from app.config import display_db, mask_secrets, sqlite_path
from app.db.engine import make_engine
from app.db.faults import describe_fault
from app.db.file_check import problems_of, read_facts
from app.db.migrate import DatabaseError, current_revision, head_revision, script_directory
from app.db.models import AwardRecord, Person, Unit


@dataclass
class CheckReport:
    database: str
    revision: str | None = None
    head: str = ""
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _unit_cycles(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        parents = dict(conn.execute(select(Unit.id, Unit.parent_id)).all())
    cycles: list[str] = []
    for start in parents:
        seen: set[int] = set()
        node: int | None = start
        while node is not None:
            if node in seen:
                cycles.append(f"Cây đơn vị có vòng lặp tại đơn vị id={start}")
                break
            seen.add(node)
            node = parents.get(node)
    return cycles[:5]


def check_database(url: str) -> CheckReport:
    """Check a database read-only. A missing, damaged or newer file is reported, never changed."""
    path = sqlite_path(url)
    report = CheckReport(database=str(path) if path else display_db(url), head=head_revision())
    if path is not None and not path.is_file():
        report.problems.append(f"Không tìm thấy tệp cơ sở dữ liệu: {path}")
        return report
    try:
        engine = make_engine(url, read_only=path is not None)
    except ModuleNotFoundError as exc:  # the PostgreSQL driver is not installed
        report.problems.append(
            describe_fault(exc, path=path, url=url) or mask_secrets(str(exc), url)
        )
        return report
    try:
        _run_checks(engine, report, is_sqlite=path is not None)
    except DBAPIError as exc:
        known = describe_fault(exc, path=path, url=url) if path is None else None
        report.problems.append(
            known
            or mask_secrets(
                f"Không đọc được cơ sở dữ liệu (tệp hỏng hoặc không phải CSDL TĐKT): {exc.orig}",
                url,
            )
        )
    finally:
        engine.dispose()
    if path is not None:  # the checks a restore makes: TĐKT's file, its exact schema
        try:
            found = problems_of(read_facts(path))[0]
        except DatabaseError as exc:
            found = [str(exc)]
        report.problems.extend(
            problem
            for problem in found
            if report.ok or any(w in problem for w in ("thiếu", "thừa", "chương trình khác"))
        )
    return report


def _run_checks(engine: Engine, report: CheckReport, *, is_sqlite: bool) -> None:
    if is_sqlite:
        with engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check")).all()]
            if rows != ["ok"]:
                report.problems.extend(f"Lỗi toàn vẹn: {r}" for r in rows[:20])
                return
            fk = conn.execute(text("PRAGMA foreign_key_check")).all()
            for table, rowid, parent, _ in fk[:20]:
                report.problems.append(
                    f"Khóa ngoại hỏng: bảng {table}, dòng {rowid} trỏ tới {parent}"
                )
    report.revision = current_revision(engine)
    if report.revision is None:
        report.problems.append("Không phải cơ sở dữ liệu TĐKT (chưa có phiên bản lược đồ)")
        return
    known = {rev.revision for rev in script_directory().walk_revisions()}
    if report.revision not in known:
        report.problems.append(f"Lược đồ '{report.revision}' thuộc một phiên bản TĐKT mới hơn")
        return
    if report.revision != report.head:
        report.problems.append(
            f"Lược đồ '{report.revision}' cũ hơn phiên bản hiện tại '{report.head}' (sẽ được nâng cấp khi mở)"
        )
        return
    with engine.connect() as conn:
        for label, model in (("don_vi", Unit), ("can_bo", Person), ("khen_thuong", AwardRecord)):
            report.counts[label] = int(
                conn.execute(select(func.count()).select_from(model)).scalar_one()
            )
    report.problems.extend(_unit_cycles(engine))
