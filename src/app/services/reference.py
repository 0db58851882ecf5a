"""Reference data shipped in ``resources/data``: the catalogue, the code tables and the
province's award names and codes (extended by a file of the same name in the data folder)."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.config import data_dir, load_json_resource
from app.db.models import CatalogueItemRow
from app.domain.award_names import ProvinceAwards, parse_province_awards
from app.domain.catalogue import (
    Catalogue,
    CatalogueError,
    CodeTables,
    parse_catalogue,
    parse_codes,
)
from app.domain.codes import SubjectKind

PROVINCE_AWARDS = "province_awards.json"


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    return parse_catalogue(load_json_resource("data", "catalogue.json"))


@lru_cache(maxsize=1)
def codes() -> CodeTables:
    return parse_codes(load_json_resource("data", "codes.json"))


def province_awards() -> ProvinceAwards:
    """The province's award names and 10-digit codes -> catalogue codes: the shipped
    ``resources/data/province_awards.json``, extended by ``province_awards.json`` in the data
    folder when there is one (its entries replace shipped ones with the same code). Read on
    each call, so a clerk's edit counts at the next import. A malformed file raises
    :class:`~app.domain.catalogue.CatalogueError` (Vietnamese, naming the file)."""
    shipped = parse_province_awards(
        load_json_resource("data", PROVINCE_AWARDS), catalogue(), source=PROVINCE_AWARDS
    )
    extra = data_dir() / PROVINCE_AWARDS
    if not extra.is_file():
        return shipped
    try:
        with extra.open(encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise CatalogueError(f"Không đọc được tệp {extra}: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"Tệp {extra} không đúng dạng (cần một đối tượng JSON)")
    return shipped.extended(parse_province_awards(data, catalogue(), source=str(extra)))


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
