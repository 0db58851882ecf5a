"""Initiatives named in a cell of an award list ("Sáng kiến", "Đề tài" column).

A cell names one or more initiatives by their exact title, compared after NFC, case and
spaces are normalised (:func:`title_key`), separated by ";" or new lines. The Excel reader
turns a line break into a space, so a part that is no title as a whole is also tried as a
run of known titles one after the other ("Số hóa hồ sơ Bản đồ số" -> both); numbering
("1.", "2)", "-") before a title is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from app.domain.vntext import clean

__all__ = ["TitleSplit", "split_titles", "title_key"]

_SEPARATORS = re.compile(r"[;\n\r]+")
_NUMBERING = re.compile(r"^(?:\d{1,3}[.)/]|[-–•+*])$")
_LEADING_NUMBER = re.compile(r"^\s*(?:\d{1,3}[.)/]|[-–•+*])\s+")


def title_key(text: str) -> str:
    """The form two titles are compared in: NFC, no case, single spaces."""
    return " ".join(clean(text).casefold().split())


@dataclass(frozen=True)
class TitleSplit:
    found: tuple[str, ...]  # keys of the known titles named, in the cell's order, once each
    unknown: tuple[str, ...]  # the parts that name no known title, as written


def _runs(words: list[str], known: Collection[str], longest: int) -> list[list[str]]:
    """Every way ``words`` is a sequence of known titles (numbering allowed before each)."""
    ways: list[list[list[str]]] = [[] for _ in range(len(words) + 1)]
    ways[len(words)] = [[]]
    for start in range(len(words) - 1, -1, -1):
        first = start + 1 if _NUMBERING.match(words[start]) else start
        for end in range(first + 1, min(len(words), first + longest) + 1):
            key = " ".join(words[first:end])
            if key in known:
                ways[start] += [[key, *rest] for rest in ways[end]][:2]
        ways[start] = ways[start][:2]  # two ways are enough to know it is ambiguous
    return ways[0]


def split_titles(text: str, known: Collection[str]) -> TitleSplit:
    """The known titles (``known``: their :func:`title_key`) a cell names, and the parts it
    names that are not known. A part readable as two different runs of titles is unknown."""
    longest = max((len(k.split()) for k in known), default=0)
    found: list[str] = []
    unknown: list[str] = []
    for raw in _SEPARATORS.split(text or ""):
        part = clean(_LEADING_NUMBER.sub("", clean(raw))).strip(" .,")
        if not part:
            continue
        key = title_key(part)
        if key in known:
            keys = [key]
        else:
            runs = _runs(key.split(), known, longest) if longest else []
            if len(runs) != 1:
                unknown.append(part)
                continue
            keys = runs[0]
        found += [k for k in keys if k not in found]
    return TitleSplit(tuple(found), tuple(unknown))
