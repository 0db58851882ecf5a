"""Reference data shipped in ``resources/data``: the catalogue and the code tables."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import load_json_resource
from app.db.models import CatalogueItemRow
from app.domain.catalogue import Catalogue, CodeTables, parse_catalogue, parse_codes
from app.domain.codes import SubjectKind


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return parse_catalogue(load_json_resource("data", "catalogue.json"))


@lru_cache(maxsize=1)
def codes() -> CodeTables:
    return parse_codes(load_json_resource("data", "codes.json"))


def ensure_catalogue(session: Session) -> int:
    """Insert catalogue items missing from the database. Existing rows (a clerk's edits) are kept.

    Returns how many items were added.
    """
    present = set(session.scalars(select(CatalogueItemRow.code)))
    added = 0
    for item in catalogue().items:
        if item.code in present:
            continue
        coef: dict[SubjectKind, Decimal] = item.coefficients
        session.add(
            CatalogueItemRow(
                code=item.code,
                name=item.name,
                short_name=item.short,
                kind=item.kind,
                subjects=",".join(item.subjects),
                level=item.level,
                decided_by=item.decided_by,
                rank=item.rank,
                coef_ca_nhan=coef.get(SubjectKind.CA_NHAN),
                coef_tap_the=coef.get(SubjectKind.TAP_THE),
                coef_ho_gia_dinh=coef.get(SubjectKind.HO_GIA_DINH),
                history_only=item.history_only,
                once_in_lifetime=item.once_in_lifetime,
                display_order=item.order,
                legal_basis=item.legal_basis,
            )
        )
        added += 1
    return added
