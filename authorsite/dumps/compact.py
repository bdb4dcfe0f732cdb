"""The compact format: no header, three lines an entry, title glued to the authors.

    CLJun 28, 2023Code
    Towards Measuring … in Language ModelsEsin Durmus, Karina Nguyen et al. · openai, stanford
    Large language models (LLMs) may not …
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set

from ..abstracts import keys
from ..model import Diagnostic, Dump, Entry, SourcePos, error, warning
from ..names import ET_AL, glue_keys, split_glued, split_names, title_key
from .common import looks_like_badge, parse_badge, split_affiliations


def read_glued(line: str, known: Set[str] = frozenset()) -> tuple[str, tuple[str, ...], bool, tuple[str, ...], str, str]:
    """A title+authors line → (title, authors, et_al, affiliations, glued text, how split)."""
    names, affiliations = split_affiliations(line)
    et_al = bool(ET_AL.search(names))
    glued = ET_AL.sub("", names)
    split = split_glued(glued, known)
    authors, _ = split_names(split.authors)
    return split.title, authors, et_al, affiliations, glued, split.how


def _entry(file: str, block: list[tuple[int, str]], known: Set[str], last: bool) -> tuple[Entry | None, list[Diagnostic]]:
    (number, badge_line), rest = block[0], block[1:]
    pos = SourcePos(file, number)
    badge, diagnostics = parse_badge(badge_line, pos)
    if badge is None:
        return None, diagnostics
    if not rest:
        return None, diagnostics + [error(pos, "entry has only a badge, no title line" + (" (the file may be cut off)" if last else "") + "; entry skipped")]
    title, authors, et_al, affiliations, glued, how = read_glued(rest[0][1], known)
    if not title:
        return None, diagnostics + [error(SourcePos(file, rest[0][0]), f"no title before the authors in {rest[0][1][:50]!r}; entry skipped")]
    abstract = [text for _, text in rest[1:]]
    if not abstract:
        cut = " (the file may be cut off)" if last else ""
        diagnostics.append(warning(pos, f"entry {title[:50]!r} has no abstract{cut}"))
    elif len(abstract) > 1:
        diagnostics.append(warning(SourcePos(file, rest[2][0]), f"{len(abstract)} lines after the title line: read as one abstract"))
    joined = "\n\n".join(abstract)
    entry = Entry(pos, badge.category, badge.date, badge.has_code, title, authors, et_al, affiliations,
                  joined, keys(joined), glued=glued, split=how, glue_keys=glue_keys(glued))
    return entry, diagnostics


def parse(lines: Sequence[str], file: str, titles: Iterable[str] = ()) -> Dump:
    numbered = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]
    blocks: list[list[tuple[int, str]]] = []
    diagnostics: list[Diagnostic] = []
    for number, text in numbered:
        if looks_like_badge(text):
            blocks.append([(number, text)])
        elif blocks:
            blocks[-1].append((number, text))
        else:
            diagnostics.append(warning(SourcePos(file, number), f"text before the first badge is not part of any entry: {text[:50]!r}"))
    entries: list[Entry] = []
    known = frozenset(title_key(t) for t in titles)
    for i, block in enumerate(blocks):
        entry, found = _entry(file, block, known, last=i == len(blocks) - 1)
        diagnostics += found
        if entry:
            entries.append(entry)
    return Dump(file, "compact", None, tuple(entries), (), len(blocks) - len(entries), tuple(diagnostics))
