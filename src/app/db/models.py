"""SQLAlchemy models of the core tables (issue 2).

Later features add tables through new Alembic revisions. Codes are the ASCII codes of
``app.domain.codes`` and ``resources/data``; names shown to users are looked up from those.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db.base import (
    Audited,
    AuthorMixin,
    Base,
    TimestampMixin,
    UTCDateTime,
    Versioned,
    utcnow,
)


class CatalogueItemRow(Versioned, TimestampMixin, Audited, Base):
    """A title or form of the catalogue, seeded from ``resources/data/catalogue.json``."""

    __tablename__ = "catalogue_item"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    subjects: Mapped[str] = mapped_column(String(60))  # comma-separated SubjectKind codes
    level: Mapped[str] = mapped_column(String(20))
    decided_by: Mapped[str] = mapped_column(String(255))
    rank: Mapped[int] = mapped_column(Integer)
    coef_ca_nhan: Mapped[Decimal | None] = mapped_column(Numeric(8, 3))
    coef_tap_the: Mapped[Decimal | None] = mapped_column(Numeric(8, 3))
    coef_ho_gia_dinh: Mapped[Decimal | None] = mapped_column(Numeric(8, 3))
    history_only: Mapped[bool] = mapped_column(Boolean, default=False)
    once_in_lifetime: Mapped[bool] = mapped_column(Boolean, default=False)
    display_order: Mapped[int] = mapped_column(Integer, default=0)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    # revision 0010: other names the importers accept (JSON list), a form the clerk added
    # (Giấy khen of other issuers, other ministries' medals), and the fields the clerk changed
    # (JSON list of column names: an update of the shipped catalogue leaves them as they are)
    synonyms: Mapped[str | None] = mapped_column(Text)
    local: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    clerk_changed: Mapped[str | None] = mapped_column(Text)


class CatalogueCoefficient(TimestampMixin, AuthorMixin, Audited, Base):
    """The coefficients of a title or form in force from a date (NĐ 152/2025 from 01/7/2025,
    NĐ 98/2023 before): a decision is priced by those in force on its date. ``source``:
    SHIPPED (from resources/data, updated by a new version) or CLERK (kept as entered)."""

    __tablename__ = "catalogue_coefficient"
    __table_args__ = (UniqueConstraint("code", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"), index=True)
    effective_from: Mapped[date] = mapped_column(Date)
    coef_ca_nhan: Mapped[Decimal | None] = mapped_column(Numeric(8, 3))
    coef_tap_the: Mapped[Decimal | None] = mapped_column(Numeric(8, 3))
    coef_ho_gia_dinh: Mapped[Decimal | None] = mapped_column(Numeric(8, 3))
    source: Mapped[str] = mapped_column(String(10), default="SHIPPED")
    legal_basis: Mapped[str | None] = mapped_column(Text)


class RuleSetRow(TimestampMixin, AuthorMixin, Audited, Base):
    """A rule set a clerk loaded from a file (``tdkt import rules``), checked before use: its
    code, dates and the whole set as JSON in the shape of resources/data/rules.json."""

    __tablename__ = "rule_set"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    data: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str | None] = mapped_column(String(255))


class Attachment(TimestampMixin, AuthorMixin, Audited, Base):
    """A file kept in the database (so every clerk of a shared database has it): a dossier's
    tờ trình, biên bản, báo cáo thành tích, a scanned signed decision, a campaign's documents.
    ``owner_kind`` / ``owner_id`` name what it belongs to (DECISION, CAMPAIGN, SESSION, PERSON,
    UNIT, PROPOSAL); ``media_type`` is recognised from the content, not the name."""

    __tablename__ = "attachment"
    __table_args__ = (Index("ix_attachment_owner", "owner_kind", "owner_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    note: Mapped[str | None] = mapped_column(Text)


class Unit(Versioned, TimestampMixin, Audited, Base):
    """An organisational unit. Renames and merges end a row and point to its successor."""

    __tablename__ = "unit"
    __table_args__ = (
        CheckConstraint("successor_id IS NULL OR successor_id <> id", name="successor_not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    short_name: Mapped[str | None] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(255), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    collective_category: Mapped[str | None] = mapped_column(String(30))
    display_order: Mapped[int] = mapped_column(Integer, default=0)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    end_reason: Mapped[str | None] = mapped_column(String(20))  # RENAME, MERGE, DISSOLVE
    note: Mapped[str | None] = mapped_column(Text)
    # lĩnh vực hoạt động; none: the field of the nearest unit above (migration 0011)
    sector: Mapped[str | None] = mapped_column(String(120))

    parent: Mapped[Unit | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    successor: Mapped[Unit | None] = relationship(remote_side=[id], foreign_keys=[successor_id])


class Person(Versioned, TimestampMixin, Audited, Base):
    """One row per human being, across years, units and unit mergers."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    ho_dem: Mapped[str] = mapped_column(String(120), default="")
    ten: Mapped[str] = mapped_column(String(60))
    full_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    gender: Mapped[str | None] = mapped_column(String(3))
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer)
    staff_code: Mapped[str | None] = mapped_column(String(40), unique=True)
    citizen_id: Mapped[str | None] = mapped_column(String(20), unique=True)
    subject_category: Mapped[str | None] = mapped_column(String(30))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    left_date: Mapped[date | None] = mapped_column(Date)
    left_reason: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    # Years in the sector (Kỷ niệm chương, issue 12): the date the person joined the sector,
    # months of interruption since, the longest run of consecutive years worked in mountain or
    # island areas, and the date of death (no posthumous medal).
    sector_start_date: Mapped[date | None] = mapped_column(Date)
    sector_break_months: Mapped[int | None] = mapped_column(Integer)
    remote_area_years: Mapped[int | None] = mapped_column(Integer)
    death_date: Mapped[date | None] = mapped_column(Date)

    assignments: Mapped[list[Assignment]] = relationship(back_populates="person")


class Assignment(Versioned, TimestampMixin, Audited, Base):
    """A person's position in a unit over a period (quá trình công tác)."""

    __tablename__ = "assignment"
    __table_args__ = (
        CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    position_title: Mapped[str] = mapped_column(String(120), default="")
    position_rank: Mapped[int] = mapped_column(Integer, default=100)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="assignments")
    unit: Mapped[Unit] = relationship()


class PersonGrade(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A person's grade for one year (xếp loại chất lượng)."""

    __tablename__ = "person_grade"
    __table_args__ = (
        UniqueConstraint("person_id", "year"),
        CheckConstraint(
            "months_worked IS NULL OR (months_worked >= 0 AND months_worked <= 12)",
            name="months_range",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(10))
    months_worked: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class UnitGrade(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A collective's grade for one year."""

    __tablename__ = "unit_grade"
    __table_args__ = (UniqueConstraint("unit_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    grade: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)


class Discipline(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A disciplinary penalty or a hold (under review, under investigation...)."""

    __tablename__ = "discipline"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    decision_number: Mapped[str | None] = mapped_column(String(60))
    conclusion: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    # How a hold (đang xem xét kỷ luật, điều tra, thanh tra, kiểm tra) ended: None while open,
    # KHONG_VI_PHAM (no violation: it never bars) or CO_VI_PHAM (the penalty is ``penalty_id``).
    outcome: Mapped[str | None] = mapped_column(String(20))
    concluded_on: Mapped[date | None] = mapped_column(Date)
    penalty_id: Mapped[int | None] = mapped_column(
        ForeignKey("discipline.id", ondelete="SET NULL"), index=True
    )


class Initiative(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A recognised initiative, research topic, scheme or scientific work."""

    __tablename__ = "initiative"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    decision_number: Mapped[str | None] = mapped_column(String(60))
    decision_date: Mapped[date | None] = mapped_column(Date)
    recognized_by: Mapped[str | None] = mapped_column(String(255))
    summary: Mapped[str | None] = mapped_column(Text)

    authors: Mapped[list[InitiativeAuthor]] = relationship(
        back_populates="initiative",
        cascade="all, delete-orphan",
        order_by="InitiativeAuthor.author_order",
    )


class InitiativeAuthor(Audited, Base):
    __tablename__ = "initiative_author"

    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True, index=True)
    author_order: Mapped[int] = mapped_column(Integer, default=1)

    initiative: Mapped[Initiative] = relationship(back_populates="authors")


class Household(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A household awarded a title or form (hộ gia đình): one row per household, identified by
    its name, address and commune as written (``identity_key``: NFC, no case, single spaces;
    see :func:`app.domain.collectives.household_key`), never by a look-alike spelling."""

    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    address: Mapped[str | None] = mapped_column(String(255))
    commune: Mapped[str | None] = mapped_column(String(120))
    identity_key: Mapped[str] = mapped_column(String(640), unique=True)
    note: Mapped[str | None] = mapped_column(Text)


class AwardRecord(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A title or form received by a person, a unit or a household. A household's record keeps
    the name as written on the decision (``recipient_name``) and, when known, the household
    (``household_id``; records made before revision 0006 have none)."""

    __tablename__ = "award_record"
    __table_args__ = (
        CheckConstraint(
            "(subject_kind = 'CA_NHAN' AND person_id IS NOT NULL)"
            " OR (subject_kind = 'TAP_THE' AND unit_id IS NOT NULL)"
            " OR (subject_kind = 'HO_GIA_DINH' AND recipient_name IS NOT NULL)",
            name="subject_present",
        ),
        CheckConstraint(
            "period_from_year IS NULL OR period_to_year IS NULL OR period_to_year >= period_from_year",
            name="period_ordered",
        ),
        Index("ix_award_record_year_code", "year", "catalogue_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(15))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    recipient_name: Mapped[str | None] = mapped_column(String(255))
    catalogue_code: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"))
    award_type: Mapped[str] = mapped_column(String(20), default="CONG_TRANG")
    year: Mapped[int | None] = mapped_column(Integer)
    period_from_year: Mapped[int | None] = mapped_column(Integer)
    period_to_year: Mapped[int | None] = mapped_column(Integer)
    decision_number: Mapped[str | None] = mapped_column(String(60))
    decision_date: Mapped[date | None] = mapped_column(Date)
    authority: Mapped[str | None] = mapped_column(String(255))
    subject_category: Mapped[str | None] = mapped_column(String(30))
    unit_text: Mapped[str | None] = mapped_column(String(255))
    posthumous: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(12), default="MANUAL")
    note: Mapped[str | None] = mapped_column(Text)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    household_id: Mapped[int | None] = mapped_column(ForeignKey("household.id"), index=True)
    # a revocation recorded with the history (imported, or a superior's decision)
    revocation_number: Mapped[str | None] = mapped_column(String(60))
    revocation_date: Mapped[date | None] = mapped_column(Date)


class InitiativeUse(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """An initiative supporting an award (one initiative, one use: domain.md X6).

    Chosen by the clerk on a proposal in Bình xét (``award_record_id`` empty), kept and linked
    to the award record when the decision is issued, or imported with award history."""

    __tablename__ = "initiative_use"
    __table_args__ = (
        CheckConstraint("(person_id IS NULL) <> (unit_id IS NULL)", name="one_subject"),
        UniqueConstraint("initiative_id", "year", "person_id", "unit_id", "catalogue_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    catalogue_code: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    award_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("award_record.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)


class Cluster(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """An emulation cluster or bloc (cụm, khối thi đua) of one year, with who organises it
    (UBND_TINH, BO, SO: domain.md §15); Cờ thi đua tỉnh reads only the province's."""

    __tablename__ = "cluster"
    __table_args__ = (UniqueConstraint("year", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(10), default="CUM")  # CUM or KHOI
    organiser: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)

    members: Mapped[list[ClusterMember]] = relationship(
        back_populates="cluster", cascade="all, delete-orphan"
    )


class ClusterMember(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A unit in a cluster and its result in the year: DAN_DAU (dẫn đầu), SUY_TON (suy tôn),
    KHONG (neither), or None while not entered."""

    __tablename__ = "cluster_member"
    __table_args__ = (UniqueConstraint("cluster_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("cluster.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    result: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)

    cluster: Mapped[Cluster] = relationship(back_populates="members")


class AuditLog(Base):
    """Who changed which record, when, with the values before and after (JSON)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(10))  # INSERT, UPDATE, DELETE, or a service verb
    table_name: Mapped[str] = mapped_column(String(60))
    record_id: Mapped[str | None] = mapped_column(String(60))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(String(255))


class AppMeta(Base):
    """Key-value facts about the database itself (which program version created it...)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AppSetting(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A setting a clerk can change (agency names, signer, rule parameters...), stored as JSON."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# ---------------------------------------------------------------- campaigns and registration (issue 4)


class Campaign(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A campaign (phong trào thi đua): regular yearly (PT_THUONG_XUYEN) or thematic (PT_CHUYEN_DE).

    ``scope`` and ``launch_level`` are the row and column codes of statistics form 0601
    (``app.domain.campaigns``). ``year`` is the year whose titles the registrations aim for.
    """

    __tablename__ = "campaign"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="dates_ordered"),
        Index("ix_campaign_year_kind", "year", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(30))
    year: Mapped[int] = mapped_column(Integer)
    launch_number: Mapped[str | None] = mapped_column(String(60))
    launch_date: Mapped[date | None] = mapped_column(Date)
    launch_level: Mapped[str | None] = mapped_column(String(30))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    registration_deadline: Mapped[date | None] = mapped_column(Date)
    review_until: Mapped[date | None] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    for_collectives: Mapped[bool] = mapped_column(Boolean, default=True)
    for_individuals: Mapped[bool] = mapped_column(Boolean, default=True)
    subjects_text: Mapped[str | None] = mapped_column(Text)
    criteria: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    awards: Mapped[list[CampaignAward]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="CampaignAward.id"
    )
    attachments: Mapped[list[CampaignAttachment]] = relationship(
        back_populates="campaign", cascade="all, delete-orphan", order_by="CampaignAttachment.id"
    )


class CampaignAward(TimestampMixin, AuthorMixin, Audited, Base):
    """A planned award of a campaign: a title or form of the catalogue and how many."""

    __tablename__ = "campaign_award"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    catalogue_code: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"))
    subject_kind: Mapped[str | None] = mapped_column(String(15))
    quantity: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)

    campaign: Mapped[Campaign] = relationship(back_populates="awards")


class CampaignAttachment(TimestampMixin, AuthorMixin, Audited, Base):
    """A file attached to a campaign, copied to ``<data folder>/attachments/<campaign id>/``."""

    __tablename__ = "campaign_attachment"
    __table_args__ = (UniqueConstraint("campaign_id", "file_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    campaign: Mapped[Campaign] = relationship(back_populates="attachments")


class Registration(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A person's sign-up (đăng ký thi đua) for a title or form in a campaign.

    ``unit_id`` is the person's unit when registered (kept for old lists). ``flags`` is a JSON
    list of warnings ({"code", "message"}) from ``app.domain.registration_checks``.
    """

    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("campaign_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    catalogue_code: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"))
    note: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(12), default="MANUAL")


class UnitRegistration(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A unit in a campaign: its collective target (none = "Không đăng ký") and the state of
    its submission (chưa gửi, đã nộp, trả lại bổ sung, đã duyệt) with dates and notes."""

    __tablename__ = "unit_registration"
    __table_args__ = (UniqueConstraint("campaign_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    catalogue_code: Mapped[str | None] = mapped_column(ForeignKey("catalogue_item.code"))
    note: Mapped[str | None] = mapped_column(Text)
    flags: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(15), default="CHUA_GUI")
    submitted_on: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
    return_reason: Mapped[str | None] = mapped_column(Text)
    approved_on: Mapped[date | None] = mapped_column(Date)
    status_note: Mapped[str | None] = mapped_column(Text)


class CouncilSession(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A meeting of the Hội đồng TĐKT that votes on the year's candidates."""

    __tablename__ = "council_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    meeting_date: Mapped[date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(255))
    members_total: Mapped[int] = mapped_column(Integer)
    present: Mapped[int] = mapped_column(Integer)
    written_opinions: Mapped[int] = mapped_column(Integer, default=0)
    chair: Mapped[str | None] = mapped_column(String(120))
    secretary: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    # the minutes (TT 62/2025 Mẫu 03): when the meeting began and ended, and the outcome of
    # the public comment on the candidates (công khai, lấy ý kiến)
    started_at: Mapped[time | None] = mapped_column(Time)
    ended_at: Mapped[time | None] = mapped_column(Time)
    public_comment: Mapped[str | None] = mapped_column(Text)


class CouncilMember(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A member of the Council at one session: name, role (CHU_TICH, PHO_CHU_TICH, THU_KY,
    UY_VIEN), present or absent, and whether an absent member sent a written opinion."""

    __tablename__ = "council_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("council_session.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    full_name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="UY_VIEN")
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    written_opinion: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str | None] = mapped_column(Text)


class CouncilListApproval(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A title the Council approves as a list in one action (no ballot per candidate): the
    members in favour of the whole list out of the total membership, and the outcome."""

    __tablename__ = "council_list_approval"
    __table_args__ = (UniqueConstraint("session_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("council_session.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"))
    in_favour: Mapped[int] = mapped_column(Integer)
    members_total: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)


class CouncilCandidate(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A candidate put before a session for a title, in the list's order (``position``, the
    STT of the tally sheet): stored with the session so ballots typed against it survive
    switching sessions and restarts. ``list_approval_id``: approved with its title's list."""

    __tablename__ = "council_candidate"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id", "unit_id", "title"),
        CheckConstraint("(person_id IS NULL) <> (unit_id IS NULL)", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("council_session.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    title: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    list_approval_id: Mapped[int | None] = mapped_column(
        ForeignKey("council_list_approval.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    # revision 0010: the day the candidate's dossier was received (a rule set may keep the old
    # rules for dossiers received before its date unless the new ones are more favourable)
    received_on: Mapped[date | None] = mapped_column(Date)


class CouncilVote(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """The ballots for one candidate and title in a session, with the threshold used and the result."""

    __tablename__ = "council_vote"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id", "unit_id", "title"),
        CheckConstraint(
            "in_favour >= 0 AND in_favour <= valid AND valid <= returned AND returned <= issued",
            name="counts_ordered",
        ),
        CheckConstraint("(person_id IS NULL) <> (unit_id IS NULL)", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("council_session.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    title: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"))
    issued: Mapped[int] = mapped_column(Integer)
    returned: Mapped[int] = mapped_column(Integer)
    valid: Mapped[int] = mapped_column(Integer)
    in_favour: Mapped[int] = mapped_column(Integer)
    threshold_pct: Mapped[Decimal] = mapped_column(Numeric(5, 2))
    majority_rule: Mapped[bool] = mapped_column(Boolean, default=False)
    passed: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)


class ReviewOverride(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """The clerk's choice of proposed title for a person or unit in a year's review (bình xét),
    replacing the computed proposal; ``proposed_title`` None means "not proposed". A reason is
    required."""

    __tablename__ = "review_override"
    __table_args__ = (
        UniqueConstraint("year", "person_id", "unit_id"),
        CheckConstraint("(person_id IS NULL) <> (unit_id IS NULL)", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    proposed_title: Mapped[str | None] = mapped_column(ForeignKey("catalogue_item.code"))
    reason: Mapped[str] = mapped_column(Text)


class ConditionMark(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """A condition only a person can judge ("gương mẫu", "đoàn kết"...) marked unmet for a
    person or unit in a year (``condition_key`` as in the rule set), with the clerk's note."""

    __tablename__ = "condition_mark"
    __table_args__ = (
        UniqueConstraint("year", "person_id", "unit_id", "condition_key"),
        CheckConstraint("(person_id IS NULL) <> (unit_id IS NULL)", name="one_subject"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    condition_key: Mapped[str] = mapped_column(String(60))
    note: Mapped[str | None] = mapped_column(Text)
    # False: marked unmet (the default, as before revision 0007); True: a fact the clerk
    # entered as met (a condition that is "needs review" until somebody says so)
    met: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())


class Decision(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """An award decision (quyết định khen thưởng): the agency's own (numbered in a series,
    ``seq`` unique within year and series) or a superior's recorded by hand or from imported
    history (``origin``). ``status``: DRAFT, ISSUED (content locked), CORRECTED, REVOKED."""

    __tablename__ = "decision"
    __table_args__ = (
        UniqueConstraint("year", "series", "seq"),
        Index("ix_decision_number_date", "number", "decision_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    series: Mapped[str | None] = mapped_column(String(40))
    seq: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(60))
    decision_date: Mapped[date | None] = mapped_column(Date)
    authority: Mapped[str] = mapped_column(String(255))
    signer_authority_line: Mapped[str | None] = mapped_column(String(255))
    signer_title: Mapped[str | None] = mapped_column(String(120))
    signer_name: Mapped[str | None] = mapped_column(String(120))
    award_type: Mapped[str] = mapped_column(String(20), default="CONG_TRANG")
    summary: Mapped[str | None] = mapped_column(Text)
    catalogue_code: Mapped[str | None] = mapped_column(ForeignKey("catalogue_item.code"))
    period_from_year: Mapped[int | None] = mapped_column(Integer)
    period_to_year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="DRAFT")
    origin: Mapped[str] = mapped_column(String(12), default="OWN")
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    correction_document: Mapped[str | None] = mapped_column(String(255))
    correction_date: Mapped[date | None] = mapped_column(Date)
    correction_note: Mapped[str | None] = mapped_column(Text)
    revoke_document: Mapped[str | None] = mapped_column(String(255))
    revoke_date: Mapped[date | None] = mapped_column(Date)
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class DecisionRecipient(TimestampMixin, AuthorMixin, Audited, Base):
    """One line of a decision: a person, unit or household with the title or form awarded,
    in the clerk's order (``position``), its golden-book number once issued and the award
    record it created (or came from, for imported history)."""

    __tablename__ = "decision_recipient"
    __table_args__ = (
        CheckConstraint(
            "(subject_kind = 'CA_NHAN' AND person_id IS NOT NULL)"
            " OR (subject_kind = 'TAP_THE' AND unit_id IS NOT NULL)"
            " OR (subject_kind = 'HO_GIA_DINH' AND recipient_name IS NOT NULL)",
            name="subject_present",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    subject_kind: Mapped[str] = mapped_column(String(15))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    recipient_name: Mapped[str | None] = mapped_column(String(255))
    catalogue_code: Mapped[str] = mapped_column(ForeignKey("catalogue_item.code"))
    job_title: Mapped[str | None] = mapped_column(String(255))
    unit_text: Mapped[str | None] = mapped_column(String(255))
    golden_book_no: Mapped[int | None] = mapped_column(Integer)
    award_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("award_record.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)


class BaseSalary(Versioned, TimestampMixin, AuthorMixin, Audited, Base):
    """The statutory base salary (lương cơ sở) from a date, with its legal source."""

    __tablename__ = "base_salary"

    id: Mapped[int] = mapped_column(primary_key=True)
    effective_from: Mapped[date] = mapped_column(Date, unique=True)
    amount: Mapped[int] = mapped_column(Integer)
    legal_basis: Mapped[str | None] = mapped_column(String(255))
    verified: Mapped[bool] = mapped_column(Boolean, default=True)
