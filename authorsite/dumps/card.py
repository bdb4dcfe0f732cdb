"""The card format: a profile header, then entries separated by blank lines.

    Jack Clark / CL / h-index54 / 23papers / 121,302citations / Novelty38% / AI Score36
    23 Papers
    CLJun 28, 2023Code          badge
    Towards Measuring …         title
    Esin Durmus, … et al. · openai, stanford
    Large language models …     abstract
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..abstracts import keys
from ..model import Diagnostic, Dump, Entry, Header, Metrics, SourcePos, error, warning
from ..names import is_name_list, split_names
from .common import AFFILIATION_SEP, is_badge, looks_like_badge, parse_author_line, parse_badge, split_affiliations

LISTED = re.compile(r"(?P<v>\S+) Papers?")
METRICS = {  # field: (label as the source shows it, pattern)
    "h_index": ("h-index", re.compile(r"h-index\s*(?P<v>.*)", re.I)),
    "papers": ("papers", re.compile(r"(?P<v>.*?)\s*papers", re.I)),
    "citations": ("citations", re.compile(r"(?P<v>.*?)\s*citations", re.I)),
    "novelty_pct": ("novelty", re.compile(r"novelty\s*(?P<v>.*?)\s*%?", re.I)),
    "ai_score": ("AI score", re.compile(r"ai score\s*(?P<v>.*)", re.I)),
}
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
CATEGORY = re.compile(r"[A-Z]{2}")

Paragraph = tuple[int, list[str]]  # (line number of its first line, its lines)


def paragraphs(lines: Sequence[str]) -> list[Paragraph]:
    """Runs of non-blank lines, each with the number of its first line."""
    result: list[Paragraph] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        if result and result[-1][0] + len(result[-1][1]) == number:
            result[-1][1].append(line.strip())
        else:
            result.append((number, [line.strip()]))
    return result


def has_header(lines: Sequence[str]) -> bool:
    """Whether a metric line (`h-index54`, `121,302citations`) comes before the first badge."""
    for line in lines:
        if is_badge(line):
            return False
        if any(p.fullmatch(line.strip()) for _, p in (METRICS["h_index"], METRICS["citations"])):
            return True
    return False


def _number(text: str) -> int | None:
    return int(text.replace(",", "")) if NUMBER.fullmatch(text) else None


def _header(file: str, paras: list[Paragraph], found: int) -> tuple[Header | None, list[Diagnostic]]:
    """The header paragraphs; `found` is the number of entries below, checked against the heading."""
    if not paras:
        return None, []
    diagnostics: list[Diagnostic] = []
    name = category = listed = None
    metrics: dict[str, int | None] = {}
    for start, lines in paras:
        for number, line in enumerate(lines, start):
            pos = SourcePos(file, number)
            if m := LISTED.fullmatch(line):
                listed = _number(m["v"])
                if listed is None:
                    diagnostics.append(warning(pos, f"paper-list heading {line!r} has no readable count"))
                elif listed != found:
                    diagnostics.append(warning(pos, f"header lists {listed} papers but {found} entries were found"))
                continue
            for field, (label, pattern) in METRICS.items():
                if (m := pattern.fullmatch(line)) and field not in metrics:
                    metrics[field] = _number(m["v"])
                    if metrics[field] is None:
                        diagnostics.append(warning(pos, f"{label} value {m['v']!r} is not a number: shown as unknown"))
                    break
            else:
                if CATEGORY.fullmatch(line) and category is None:
                    category = line
                elif name is None:
                    name = line
                else:
                    diagnostics.append(warning(pos, f"unrecognised header line {line[:60]!r} ignored"))
    pos = SourcePos(file, paras[0][0])
    missing = [label for field, (label, _) in METRICS.items() if field not in metrics]
    if missing:
        diagnostics.append(warning(pos, f"profile header lacks {', '.join(missing)}: shown as unknown"))
    if name is None:
        diagnostics.append(warning(pos, "profile header has no name line"))
    return Header(pos, name, category, Metrics(**metrics), listed), diagnostics


def _is_author_line(text: str) -> bool:
    if AFFILIATION_SEP in text:
        return True
    names, _ = split_names(split_affiliations(text)[0])
    return bool(names) and is_name_list(", ".join(names), relaxed=True)


def _entry(file: str, group: list[Paragraph], last: bool) -> tuple[Entry | None, list[Diagnostic]]:
    (start, first), rest = group[0], group[1:]
    pos = SourcePos(file, start)
    badge, diagnostics = parse_badge(first[0], pos)
    if badge is None:
        return None, diagnostics
    title = " ".join(first[1:])
    if not title:
        return None, diagnostics + [error(pos, "entry has no title on the line after its badge; entry skipped")]
    authors: tuple[str, ...] = ()
    et_al = False
    affiliations: tuple[str, ...] = ()
    abstract: list[str] = []
    for number, lines in rest:
        text = " ".join(lines)
        if not authors and not abstract and _is_author_line(text):
            authors, et_al, affiliations = parse_author_line(text)
        else:
            abstract.append(text)
    cut = " (the file may be cut off)" if last else ""
    if not authors:
        diagnostics.append(warning(pos, f"entry {title[:50]!r} has no author line{cut}"))
    if not abstract:
        diagnostics.append(warning(pos, f"entry {title[:50]!r} has no abstract{cut}"))
    elif len(abstract) > 1:
        diagnostics.append(warning(SourcePos(file, rest[-1][0]), "more than one paragraph after the author line: kept as one abstract"))
    joined = "\n\n".join(abstract)
    entry = Entry(pos, badge.category, badge.date, badge.has_code, title, authors, et_al, affiliations, joined, keys(joined))
    return entry, diagnostics


def parse(lines: Sequence[str], file: str) -> Dump:
    paras = paragraphs(lines)
    first = next((i for i, (_, p) in enumerate(paras) if looks_like_badge(p[0])), len(paras))
    groups: list[list[Paragraph]] = []
    for para in paras[first:]:
        if looks_like_badge(para[1][0]) or not groups:
            groups.append([para])
        else:
            groups[-1].append(para)
    header, diagnostics = _header(file, paras[:first], len(groups))
    entries: list[Entry] = []
    for i, group in enumerate(groups):
        entry, found = _entry(file, group, last=i == len(groups) - 1)
        diagnostics += found
        if entry:
            entries.append(entry)
    rejected = len(groups) - len(entries)
    return Dump(file, "card", header, tuple(entries), (), rejected, tuple(diagnostics))
