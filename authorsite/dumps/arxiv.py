"""The arXiv listing: abstracts one a line, an optional comment line after each, and
`arXiv:NNNN.NNNNN` glued to the start of the next abstract. Each identifier belongs to
the abstract (and comment) before it; the last line is a bare identifier.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..abstracts import keys
from ..model import ArxivRecord, Diagnostic, Dump, SourcePos, error

ARXIV_ID = re.compile(r"arXiv:(?P<id>\d{4}\.\d{4,5})(?:v\d+)?")
COMMENT_MAX = 250  # a line this short after an abstract is its comment ("23+17 pages")


@dataclass
class _Pending:
    number: int
    abstract: str
    comment: str | None = None


def parse(lines: Sequence[str], file: str) -> Dump:
    records: list[ArxivRecord] = []
    diagnostics: list[Diagnostic] = []
    pending: _Pending | None = None

    def orphan(p: _Pending, why: str) -> None:
        diagnostics.append(error(SourcePos(file, p.number), f"abstract {p.abstract[:50]!r} {why}; skipped"))

    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text:
            continue
        m = ARXIV_ID.match(text)
        if m:
            rest = text[m.end():].strip()
            if pending is None:
                diagnostics.append(error(SourcePos(file, number), f"arXiv:{m['id']} has no abstract before it; skipped"))
            else:
                records.append(ArxivRecord(SourcePos(file, pending.number), m["id"], pending.abstract,
                                           keys(pending.abstract), pending.comment))
            pending = _Pending(number, rest) if rest else None
        elif pending is None:
            pending = _Pending(number, text)
        elif pending.comment is None and len(text) <= COMMENT_MAX:
            pending.comment = text
        else:
            orphan(pending, "has no arXiv id after it")
            pending = _Pending(number, text)
    if pending is not None:
        orphan(pending, "has no arXiv id after it (the file may be cut off)")
    # every diagnostic here is one rejected item
    return Dump(file, "arxiv", None, (), tuple(records), len(diagnostics), tuple(diagnostics))
