"""The records that flow through a build: dump entries, papers, authors, diagnostics.

Every record is a frozen dataclass; none does I/O.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from enum import Enum
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass_transform(frozen_default=True)
def record(cls: type[T] | None = None, /, **options: bool) -> Any:
    """A frozen, slotted dataclass that pickles as the arguments of its constructor: twice
    as quick to pickle as the state dataclasses give slotted classes, which walk
    `fields()` in Python (parsed dumps and the catalog are cached as pickles)."""

    def make(cls: type[T]) -> type[T]:
        cls = dataclasses.dataclass(frozen=True, slots=True, **options)(cls)
        names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
        assert len(names) > 1, "attrgetter gives a tuple for two names or more"
        values: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
        cls.__reduce__ = lambda self: (type(self), values(self))  # type: ignore[method-assign,assignment]
        return cls

    return make if cls is None else make(cls)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@record(order=True)
class SourcePos:
    """A line of an input file; `file` is a posix path relative to the project."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@record
class Diagnostic:
    """A problem in the input, said so that a person can find and fix it."""

    pos: SourcePos
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.pos}: {self.severity.value}: {self.message}"


def error(pos: SourcePos, message: str) -> Diagnostic:
    return Diagnostic(pos, Severity.ERROR, message)


def warning(pos: SourcePos, message: str) -> Diagnostic:
    return Diagnostic(pos, Severity.WARNING, message)


@record
class PaperDate:
    """A badge date: day precision, the year possibly unknown ("May 28")."""

    month: int
    day: int
    year: int | None
    text: str

    @property
    def iso(self) -> str | None:
        return None if self.year is None else "%04d-%02d-%02d" % (self.year, self.month, self.day)  # twice the f-string's speed

    @property
    def label(self) -> str:
        """`Jun 28, 2023`, with a resolved year added to a year-less badge's text."""
        return f"{MONTHS[self.month - 1]} {self.day}, {self.year}" if self.year else self.text

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month, self.day)

    def with_year(self, year: int) -> PaperDate:
        return PaperDate(self.month, self.day, year, self.text)

    def latest_year_until(self, day: dt.date) -> int:
        """The year of the latest such month/day that is not after `day`."""
        year = day.year
        if (self.month, self.day) > (day.month, day.day):
            year -= 1
        if self.month == 2 and self.day == 29:
            while not _is_leap(year):
                year -= 1
        return year


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


@record
class Metrics:
    """A profile's header figures; None where the header lacks or garbles one."""

    h_index: int | None = None
    papers: int | None = None
    citations: int | None = None
    novelty_pct: int | None = None
    ai_score: int | None = None


@record
class Header:
    """The card format's profile header."""

    pos: SourcePos
    name: str | None
    category: str | None
    metrics: Metrics
    listed: int | None  # the "23 Papers" heading above the list


@record
class AbstractKeys:
    """What an abstract is compared by (see authorsite.abstracts)."""

    id: bytes  # a digest of its normalised opening; b"" when too short to merge by
    anchors: bytes  # its anchors' CRC-32s, 4 bytes each


@record
class GlueKeys:
    """A glued line's glue points (see authorsite.names), each as a 4-byte offset in
    `points`, with the 16-byte key_id of the title before it in `ids`: known titles are met
    by these without keying the line again."""

    points: bytes
    ids: bytes


@record
class Entry:
    """One paper as one dump lists it."""

    pos: SourcePos
    category: str
    date: PaperDate
    has_code: bool
    title: str
    authors: tuple[str, ...]
    et_al: bool
    affiliations: tuple[str, ...]
    abstract: str
    abstract_keys: AbstractKeys
    glued: str | None = None  # compact format: title and authors as written, run together
    split: str = "given"  # how title and authors were told apart (see names.Split)
    glue_keys: GlueKeys | None = None  # compact format: the glued text's known splits are found by these


@record
class ArxivRecord:
    """An arXiv listing item: an identifier with the abstract and comment before it."""

    pos: SourcePos
    arxiv_id: str
    abstract: str
    abstract_keys: AbstractKeys
    comment: str | None


@record
class Dump:
    """Everything read from one input file."""

    file: str
    format: str | None  # "card", "compact", "arxiv"; None when unrecognised
    header: Header | None
    entries: tuple[Entry, ...]
    arxiv: tuple[ArxivRecord, ...]
    rejected: int  # entries seen but not kept; each has an error diagnostic
    diagnostics: tuple[Diagnostic, ...]

    @property
    def read(self) -> int:
        return len(self.entries) + len(self.arxiv) + self.rejected


@record
class Paper:
    id: str
    title: str
    authors: tuple[str, ...]
    et_al: bool
    affiliations: tuple[str, ...]
    category: str
    date: PaperDate
    has_code: bool
    abstract: str
    arxiv_id: str | None
    comment: str | None
    sources: tuple[SourcePos, ...]

    @property
    def year(self) -> int | None:
        return self.date.year


@record
class Author:
    id: str
    name: str
    category: str | None
    metrics: Metrics | None  # None for co-authors without a profile
    papers: tuple[str, ...]  # paper ids, newest first
    profile: bool
    source: str | None  # the dump that holds the profile


@record
class DumpSummary:
    """A dump's place in the catalog and its reconciliation: read = merged + rejected."""

    file: str
    format: str | None
    owner: str | None  # author id of the profile owner
    title: str  # the owner's name, or the collection's title
    papers: tuple[str, ...]  # ids of the papers its entries merged into, in dump order
    read: int
    merged: int
    rejected: int


@record
class Catalog:
    papers: tuple[Paper, ...]
    authors: tuple[Author, ...]
    dumps: tuple[DumpSummary, ...]
    diagnostics: tuple[Diagnostic, ...]
