"""Dossiers (hồ sơ): files kept in the database, so every clerk of a shared database has them.

Entry points:

- :func:`add_file` / :func:`add_content` -- attach a file to a decision, a Council session, a
  person or a collective (the dossier of a proposal), or a campaign: at most
  :attr:`DocumentSettings.max_attachment_mb` (20 MB unless changed), and only PDF, Word (.docx,
  .doc), Excel (.xlsx), JPEG or PNG, told by the content (:mod:`app.domain.file_types`).
- :func:`list_attachments` (without the content), :func:`attachment_content`,
  :func:`remove_attachment`.
- :func:`decision_dossier` / :func:`owner_dossier` -- the files of one owner with a title, and
  :func:`export_dossier` -- written as one folder or one ZIP file, with a list of its contents.
- :func:`adopt_campaign_files` -- the start-up step that moves the campaign attachments of
  TĐKT before 0.x (files copied into ``<data folder>/attachments/<campaign id>/`` and a row in
  ``campaign_attachment``) into the same store; see its docstring for why this is not done by a
  migration.
"""

from __future__ import annotations

import hashlib
import io
import logging
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import data_dir
from app.db.models import (
    Attachment,
    Campaign,
    CampaignAttachment,
    CouncilSession,
    Decision,
    Person,
    Unit,
)
from app.domain import file_types
from app.domain.errors import NotFoundError, ValidationError
from app.domain.vnformat import format_date
from app.domain.vntext import clean
from app.services.document_settings import get_document_settings
from app.services.output_files import OutputFileError, describe_write_error, write_atomically

log = logging.getLogger(__name__)

__all__ = [
    "CAMPAIGN",
    "DECISION",
    "OWNER_KINDS",
    "PERSON",
    "PROPOSAL",
    "SESSION",
    "UNIT",
    "AttachmentInfo",
    "Dossier",
    "add_content",
    "add_file",
    "adopt_campaign_files",
    "adopt_files_at_start",
    "attachment_content",
    "decision_dossier",
    "export_dossier",
    "list_attachments",
    "max_attachment_bytes",
    "owner_dossier",
    "owner_title",
    "remove_attachment",
]

DECISION = "DECISION"
CAMPAIGN = "CAMPAIGN"
SESSION = "SESSION"
PERSON = "PERSON"
UNIT = "UNIT"
PROPOSAL = "PROPOSAL"
OWNER_KINDS = {
    DECISION: "Quyết định",
    CAMPAIGN: "Phong trào thi đua",
    SESSION: "Phiên họp Hội đồng",
    PERSON: "Cá nhân",
    UNIT: "Tập thể",
    PROPOSAL: "Đề nghị khen thưởng",
}
UNKNOWN_MEDIA_TYPE = "application/octet-stream"  # only files kept from before (campaigns)
_MAX_FILE_NAME = 255
_MB = 1024 * 1024
LIST_FILE = "DANH-MUC-HO-SO.txt"


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    owner_kind: str
    owner_id: int
    file_name: str
    media_type: str
    size: int
    sha256: str
    note: str
    created_at: datetime | None
    created_by: str

    @property
    def kind_name(self) -> str:
        kind = file_types.by_media_type(self.media_type)
        return kind.name if kind is not None else "Tệp khác"

    @property
    def size_text(self) -> str:
        if self.size >= _MB:
            return f"{self.size / _MB:.1f} MB".replace(".", ",")
        return f"{max(1, round(self.size / 1024))} KB"


@dataclass(frozen=True)
class Dossier:
    """The files of one owner, in the order attached, with what they belong to."""

    owner_kind: str
    owner_id: int
    title: str  # "Hồ sơ Quyết định số 05/QĐ-SNNMT ngày 20/12/2025"
    files: tuple[AttachmentInfo, ...]

    @property
    def folder_name(self) -> str:
        return _safe_name(self.title) or "ho-so"


_COLUMNS = (
    Attachment.id,
    Attachment.owner_kind,
    Attachment.owner_id,
    Attachment.file_name,
    Attachment.media_type,
    Attachment.size,
    Attachment.sha256,
    Attachment.note,
    Attachment.created_at,
    Attachment.created_by,
)


def _info(row: Sequence[Any]) -> AttachmentInfo:
    values = tuple(row)
    return AttachmentInfo(
        id=values[0],
        owner_kind=values[1],
        owner_id=values[2],
        file_name=values[3],
        media_type=values[4],
        size=values[5],
        sha256=values[6],
        note=values[7] or "",
        created_at=values[8],
        created_by=values[9] or "",
    )


def max_attachment_bytes(session: Session) -> int:
    return get_document_settings(session).max_attachment_mb * _MB


def _check_owner(session: Session, owner_kind: str, owner_id: int) -> None:
    model = {
        DECISION: Decision,
        CAMPAIGN: Campaign,
        SESSION: CouncilSession,
        PERSON: Person,
        UNIT: Unit,
    }.get(owner_kind)
    if owner_kind not in OWNER_KINDS:
        raise ValidationError(f"Loại hồ sơ không hợp lệ: '{owner_kind}'")
    if model is not None and session.get(model, owner_id) is None:
        raise NotFoundError(f"Không tìm thấy {OWNER_KINDS[owner_kind].lower()} id={owner_id}")


def _check_file_name(name: str) -> str:
    name = clean(name)
    if not name or name in (".", "..") or any(ch in name for ch in '/\\:*?"<>|'):
        raise ValidationError(f"Tên tệp đính kèm không hợp lệ: '{name}'")
    if len(name) > _MAX_FILE_NAME:
        raise ValidationError(f"Tên tệp đính kèm dài quá {_MAX_FILE_NAME} ký tự")
    return name


def _too_big(name: str, size: int, limit: int) -> ValidationError:
    return ValidationError(
        f"Tệp '{name}' nặng {size / _MB:.1f} MB, quá giới hạn {limit // _MB} MB một tệp "
        "(đổi giới hạn ở Thiết lập văn bản, hoặc quét lại với độ phân giải thấp hơn)".replace(
            ".", ",", 1
        )
    )


def _unique_name(session: Session, owner_kind: str, owner_id: int, name: str) -> str:
    taken = {
        n.casefold()
        for n in session.scalars(
            select(Attachment.file_name).where(
                Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id
            )
        )
    }
    if name.casefold() not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    n = 2
    while True:
        candidate = f"{stem} ({n}){'.' + ext if ext else ''}"
        if candidate.casefold() not in taken:
            return candidate
        n += 1


def add_content(
    session: Session,
    owner_kind: str,
    owner_id: int,
    file_name: str,
    content: bytes,
    *,
    note: str | None = None,
) -> AttachmentInfo:
    """Keep ``content`` as a file of the owner's dossier. Refused (nothing written) when it is
    too big or not a PDF, Word, Excel, JPEG or PNG file; a name already in the dossier gets
    " (2)" before its extension."""
    _check_owner(session, owner_kind, owner_id)
    name = _check_file_name(file_name)
    limit = max_attachment_bytes(session)
    if len(content) > limit:
        raise _too_big(name, len(content), limit)
    if not content:
        raise ValidationError(f"Tệp '{name}' rỗng (0 byte): không đính kèm")
    kind = file_types.sniff(content)
    if kind is None:
        raise ValidationError(
            f"Tệp '{name}' không phải loại được nhận vào hồ sơ (nhận: "
            f"{file_types.accepted_names()}; loại tệp được nhận biết theo nội dung, không theo "
            "tên)"
        )
    return _store(session, owner_kind, owner_id, name, content, kind.media_type, note)


def _store(
    session: Session,
    owner_kind: str,
    owner_id: int,
    name: str,
    content: bytes,
    media_type: str,
    note: str | None,
) -> AttachmentInfo:
    row = Attachment(
        owner_kind=owner_kind,
        owner_id=owner_id,
        file_name=_unique_name(session, owner_kind, owner_id, name),
        media_type=media_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        note=clean(note) or None,
    )
    session.add(row)
    session.flush()
    return AttachmentInfo(
        row.id,
        row.owner_kind,
        row.owner_id,
        row.file_name,
        row.media_type,
        row.size,
        row.sha256,
        row.note or "",
        row.created_at,
        row.created_by or "",
    )


def add_file(
    session: Session,
    owner_kind: str,
    owner_id: int,
    source: Path | str,
    *,
    note: str | None = None,
    file_name: str | None = None,
) -> AttachmentInfo:
    """:func:`add_content` with the bytes of ``source`` (its size checked before reading)."""
    path = Path(source)
    if not path.is_file():
        raise ValidationError(f"Không tìm thấy tệp '{path}'")
    name = _check_file_name(file_name or path.name)
    limit = max_attachment_bytes(session)
    size = path.stat().st_size
    if size > limit:
        raise _too_big(name, size, limit)
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp '{path}': {exc.strerror or exc}") from None
    return add_content(session, owner_kind, owner_id, name, content, note=note)


def list_attachments(session: Session, owner_kind: str, owner_id: int) -> list[AttachmentInfo]:
    """The owner's files in the order attached (their content is not read)."""
    rows = session.execute(
        select(*_COLUMNS)
        .where(Attachment.owner_kind == owner_kind, Attachment.owner_id == owner_id)
        .order_by(Attachment.id)
    )
    return [_info(row) for row in rows]


def attachment_content(session: Session, attachment_id: int) -> tuple[AttachmentInfo, bytes]:
    row = session.execute(select(*_COLUMNS).where(Attachment.id == attachment_id)).first()
    if row is None:
        raise NotFoundError(f"Không tìm thấy tệp đính kèm id={attachment_id}")
    content = session.scalar(select(Attachment.content).where(Attachment.id == attachment_id))
    return _info(row), bytes(content or b"")


def remove_attachment(
    session: Session, attachment_id: int, *, owner: tuple[str, int] | None = None
) -> AttachmentInfo:
    """Remove a file from its dossier (audited); with ``owner``, refused when the file
    belongs to another dossier."""
    row = session.get(Attachment, attachment_id)
    if row is None or (owner is not None and (row.owner_kind, row.owner_id) != owner):
        raise NotFoundError(f"Không tìm thấy tệp đính kèm id={attachment_id}")
    info, _content = attachment_content(session, attachment_id)
    session.delete(row)
    session.flush()
    return info


# --------------------------------------------------------------------------- dossiers


def _decision_title(decision: Decision) -> str:
    number = clean(decision.number) or "(chưa có số)"
    when = f" ngày {format_date(decision.decision_date)}" if decision.decision_date else ""
    return f"Hồ sơ Quyết định số {number}{when}"


def owner_title(session: Session, owner_kind: str, owner_id: int) -> str:
    """ "Hồ sơ Quyết định số 05/QĐ-SNNMT ngày 20/12/2025", "Hồ sơ của Nguyễn Văn An"..."""
    if owner_kind == DECISION:
        decision = session.get(Decision, owner_id)
        if decision is not None:
            return _decision_title(decision)
    if owner_kind == PERSON:
        person = session.get(Person, owner_id)
        if person is not None:
            return f"Hồ sơ của {person.full_name}"
    if owner_kind == UNIT:
        unit = session.get(Unit, owner_id)
        if unit is not None:
            return f"Hồ sơ của {unit.full_name}"
    if owner_kind == SESSION:
        meeting = session.get(CouncilSession, owner_id)
        if meeting is not None:
            return f"Hồ sơ phiên họp Hội đồng ngày {format_date(meeting.meeting_date)}"
    if owner_kind == CAMPAIGN:
        campaign = session.get(Campaign, owner_id)
        if campaign is not None:
            return f"Hồ sơ {campaign.name}"
    return f"Hồ sơ {OWNER_KINDS.get(owner_kind, owner_kind).lower()} số hiệu {owner_id}"


def owner_dossier(session: Session, owner_kind: str, owner_id: int) -> Dossier:
    _check_owner(session, owner_kind, owner_id)
    return Dossier(
        owner_kind,
        owner_id,
        owner_title(session, owner_kind, owner_id),
        tuple(list_attachments(session, owner_kind, owner_id)),
    )


def decision_dossier(session: Session, decision_id: int) -> Dossier:
    return owner_dossier(session, DECISION, decision_id)


def _safe_name(text: str) -> str:
    out = "".join("-" if ch in '/\\:*?"<>|' else ch for ch in clean(text))
    return out.strip(" .")[:120]


def _listing(dossier: Dossier) -> str:
    lines = [dossier.title, "", f"Gồm {len(dossier.files)} tệp:"]
    for n, f in enumerate(dossier.files, start=1):
        when = format_date(f.created_at.date()) if f.created_at else ""
        note = f" - {f.note}" if f.note else ""
        lines.append(f"{n}. {f.file_name} ({f.kind_name}, {f.size_text}, đính kèm {when}){note}")
    return "\r\n".join(lines) + "\r\n"


def export_dossier(session: Session, dossier: Dossier, target: Path | str) -> Path:
    """Write the dossier's files into the folder ``target`` (created when missing) or, when it
    ends in ``.zip``, into one ZIP file; a list of the files (:data:`LIST_FILE`) goes with
    them. Returns the folder or file written."""
    target = Path(target).expanduser().absolute()
    if not dossier.files:
        raise ValidationError(f"{dossier.title}: chưa có tệp đính kèm nào để xuất")
    if target.suffix.lower() == ".zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for info in dossier.files:
                _info_, content = attachment_content(session, info.id)
                archive.writestr(f"{dossier.folder_name}/{info.file_name}", content)
            archive.writestr(f"{dossier.folder_name}/{LIST_FILE}", _listing(dossier))
        return write_atomically(target, buffer.getvalue())
    if target.exists() and not target.is_dir():
        raise OutputFileError(f"'{target}' là một tệp: hãy chọn một thư mục, hoặc tên tệp .zip")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFileError(describe_write_error(exc, target)) from None
    for info in dossier.files:
        _info_, content = attachment_content(session, info.id)
        write_atomically(target / info.file_name, content)
    write_atomically(target / LIST_FILE, _listing(dossier).encode("utf-8-sig"))
    return target


# --------------------------------------------------------------------------- campaigns of before


def adopt_campaign_files(session: Session, root: Path) -> int:
    """Move the campaign attachments kept as files (``<root>/<campaign id>/<name>``, one row in
    ``campaign_attachment`` each) into the database; returns how many were moved.

    A start-up step, not a migration: the files are on the disk of the clerk who attached
    them, and on a shared PostgreSQL database the first program to upgrade the schema is not
    necessarily that clerk's. So every program, at each start, moves the files it has, and a
    row whose file is not on this machine stays until the machine that has it starts. Files
    are kept as they were (any type and size: they were accepted before); the copies on disk
    are deleted once the move is committed.
    """
    rows = session.scalars(select(CampaignAttachment).order_by(CampaignAttachment.id)).all()
    moved = 0
    done: list[Path] = []
    for row in rows:
        path = root / str(row.campaign_id) / row.file_name
        try:
            content = path.read_bytes()
        except OSError:
            continue  # on another clerk's machine, or lost: the row stays
        kind = file_types.sniff(content)
        info = _store(
            session,
            CAMPAIGN,
            row.campaign_id,
            row.file_name,
            content,
            kind.media_type if kind is not None else UNKNOWN_MEDIA_TYPE,
            row.note,
        )
        created = session.get(Attachment, info.id)
        if created is not None:  # the attachment keeps who added it and when
            created.created_at = row.created_at
            created.created_by = row.created_by
        session.delete(row)
        done.append(path)
        moved += 1
    if moved:
        session.flush()

        def remove_copies(_session: Session) -> None:
            for path in done:
                try:
                    path.unlink(missing_ok=True)
                    if path.parent.is_dir() and not any(path.parent.iterdir()):
                        shutil.rmtree(path.parent, ignore_errors=True)
                except OSError:
                    log.warning("Could not remove %s after moving it into the database", path)

        event.listen(session, "after_commit", remove_copies, once=True)
        log.info("Moved %d campaign attachments into the database", moved)
    return moved


def adopt_files_at_start(session_factory: sessionmaker[Session]) -> int:
    """:func:`adopt_campaign_files` from ``<data folder>/attachments`` in its own transaction;
    a failure is logged and the program opens all the same (the files stay where they are)."""
    root = data_dir() / "attachments"
    try:
        with session_factory.begin() as session:
            return adopt_campaign_files(session, root)
    except Exception:  # never keep the clerk from his database for this
        log.exception("Could not move the campaign attachments of %s into the database", root)
        return 0
