"""Profile dumps: bytes → text → the format detected from the text → a Dump.

Three formats exist (see each module); a dump's format is told from its text, never
from its file name. Parsers take text and a file label, never open files, and tag
every entry and diagnostic with its line.
"""

from __future__ import annotations

import codecs
import dataclasses
from collections.abc import Iterable, Sequence

from ..model import Diagnostic, Dump, SourcePos, error, warning
from . import arxiv, card, compact
from .common import is_badge

FORMATS = ("card", "compact", "arxiv")


# what Windows' Notepad calls "Unicode": told by the byte-order mark (UTF-32's first, as
# UTF-32 LE's begins with UTF-16 LE's)
MARKED = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
          (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 with or without BOM, or UTF-16/32 with one; a line that is not UTF-8 is read as
    cp1252 (else Latin-1) with a warning, so one stray byte does not garble the rest of
    the file. None for binary."""
    pos = SourcePos(file, 1)
    for mark, encoding in MARKED:
        if data.startswith(mark):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError as e:
                line = data[: e.start].decode(encoding, "replace").count("\n") + 1
                return None, [error(SourcePos(file, line), f"{encoding} byte-order mark, but not {encoding} here; skipped")]
    if b"\x00" in data[:65536]:
        return None, [error(pos, "binary file (NUL bytes), not a profile dump: if it is UTF-16 text, save it as UTF-8; skipped")]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    lines = [_decode_line(line) for line in data.removeprefix(codecs.BOM_UTF8).split(b"\n")]
    bad = [(number, how) for number, (_, how) in enumerate(lines, 1) if how]
    number, (byte, encoding) = bad[0]
    more = f" (and {len(bad) - 1} more lines)" if len(bad) > 1 else ""
    message = f"not UTF-8 (byte 0x{byte:02x}); read as {encoding}{more}"
    return "\n".join(text for text, _ in lines), [warning(SourcePos(file, number), message)]


def _decode_line(line: bytes) -> tuple[str, tuple[int, str] | None]:
    """A line's text and, when it is not UTF-8, its first bad byte and the encoding it was read in."""
    try:
        return line.decode("utf-8"), None
    except UnicodeDecodeError as e:
        byte = line[e.start]
    try:
        return line.decode("cp1252"), (byte, "cp1252")
    except UnicodeDecodeError:
        return line.decode("latin-1"), (byte, "Latin-1")


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
