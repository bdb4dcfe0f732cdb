"""Pieces the card and compact formats share: badges and author lines."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from ..categories import NAMES as CATEGORY_NAMES
from ..model import MONTHS, Diagnostic, PaperDate, SourcePos, error, warning
from ..names import split_names

_MONTH = "|".join(MONTHS)
BADGE = re.compile(
    rf"(?P<cat>[A-Z]{{2}})(?P<mon>{_MONTH}) ?(?P<day>\d{{1,2}})(?:, ?(?P<year>[1-9]\d{{3}}))?(?P<code> ?Code)?"
)
# What a badge starts with: used to see a garbled badge as one, not as text.
BADGE_START = re.compile(rf"[A-Z]{{2,3}}(?:{_MONTH})")
AFFILIATION_SEP = " · "


def is_badge(line: str) -> bool:
    return BADGE.fullmatch(line.strip()) is not None


def looks_like_badge(line: str) -> bool:
    """A short line that starts like a badge, whole or garbled."""
    line = line.strip()
    return len(line) < 40 and BADGE_START.match(line) is not None


@dataclass(frozen=True, slots=True)
class Badge:
    category: str
    date: PaperDate
    has_code: bool


def parse_badge(line: str, pos: SourcePos) -> tuple[Badge | None, list[Diagnostic]]:
    """`CLJun 28, 2023Code` → Badge; None with an error when it is not one."""
    m = BADGE.fullmatch(line.strip())
    if m is None:
        return None, [error(pos, f"unreadable badge {line.strip()[:40]!r}: expected e.g. 'CLJun 28, 2023Code'; entry skipped")]
    month = MONTHS.index(m["mon"]) + 1
    day = int(m["day"])
    year = int(m["year"]) if m["year"] else None
    last_day = calendar.monthrange(year or 2000, month)[1]  # 2000: Feb 29 allowed without a year
    if not 1 <= day <= last_day:
        return None, [error(pos, f"badge date {line.strip()!r} has no such day; entry skipped")]
    text = f"{m['mon']} {day}" + (f", {year}" if year else "")
    diagnostics = []
    if m["cat"] not in CATEGORY_NAMES:
        diagnostics.append(warning(pos, f"unknown category code {m['cat']!r}: shown as the bare code"))
    return Badge(m["cat"], PaperDate(month, day, year, text), bool(m["code"])), diagnostics


def split_affiliations(text: str) -> tuple[str, tuple[str, ...]]:
    """`Esin Durmus, … et al. · openai, stanford` → (author part, affiliations)."""
    if AFFILIATION_SEP not in text:
        return text.strip(), ()
    names, _, affs = text.rpartition(AFFILIATION_SEP)
    return names.strip(), tuple(a.strip() for a in affs.split(",") if a.strip())


def parse_author_line(text: str) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """An author line → (authors, et_al, affiliations)."""
    names, affiliations = split_affiliations(text)
    authors, et_al = split_names(names)
    return authors, et_al, affiliations
