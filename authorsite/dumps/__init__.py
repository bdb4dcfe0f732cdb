"""Profile dumps: bytes → text → the format detected from the text → a Dump.

Three formats exist (see each module); a dump's format is told from its text, never
from its file name. Parsers take text and a file label, never open files, and tag
every entry and diagnostic with its line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from ..model import Diagnostic, Dump, SourcePos, error, warning
from . import arxiv, card, compact
from .common import is_badge

FORMATS = ("card", "compact", "arxiv")


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 with or without BOM, else cp1252/Latin-1 with a warning; None for binary."""
    pos = SourcePos(file, 1)
    if b"\x00" in data[:65536]:
        return None, [error(pos, "binary file (NUL bytes), not a profile dump; skipped")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            text, encoding = data.decode("latin-1"), "Latin-1"
        return text, [warning(SourcePos(file, line), f"not UTF-8 (byte 0x{data[e.start]:02x}); read as {encoding}")]
    return text, []


def detect(lines: Sequence[str]) -> str | None:
    """"card", "compact" or "arxiv" from the text's shape; None when none fits."""
    badges = [i for i, line in enumerate(lines) if is_badge(line)]
    if not badges:
        return "arxiv" if any(arxiv.ARXIV_ID.match(line.strip()) for line in lines) else None
    if card.has_header(lines):
        return "card"
    # card: a badge, its title, then a blank line; compact: no blank lines at all
    spaced = sum(1 for i in badges if i + 2 < len(lines) and lines[i + 1].strip() and not lines[i + 2].strip())
    return "card" if 2 * spaced >= len(badges) else "compact"


def parse_text(text: str, file: str, titles: Iterable[str] = ()) -> Dump:
    """Parse one dump's text; `titles` are known titles for splitting glued lines."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fmt = detect(lines)
    if fmt == "card":
        return card.parse(lines, file)
    if fmt == "compact":
        return compact.parse(lines, file, titles)
    if fmt == "arxiv":
        return arxiv.parse(lines, file)
    if not text.strip():
        return _empty(file, warning(SourcePos(file, 1), "empty file: no entries"))
    return _empty(file, error(SourcePos(file, 1), "not a profile dump: no badge line (e.g. 'CLJun 28, 2023') and no arXiv id found; skipped"))


def parse_bytes(data: bytes, file: str, titles: Iterable[str] = ()) -> Dump:
    text, diagnostics = decode(data, file)
    dump = _empty(file) if text is None else parse_text(text, file, titles)
    return dataclasses.replace(dump, diagnostics=tuple(diagnostics) + dump.diagnostics)


def _empty(file: str, *diagnostics: Diagnostic) -> Dump:
    return Dump(file, None, None, (), (), 0, diagnostics)
