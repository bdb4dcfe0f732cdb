"""Bad input, one kind per test: each gets a diagnostic naming file, line and severity, and
the rest of the dump still parses. Every input is a real seed with a small change."""

from __future__ import annotations

import pytest
from conftest import SEEDS, entry_at, label, only_diagnostic, parse_seed, seed_bytes, seed_lines

from authorsite.dumps import parse_bytes, parse_text
from authorsite.model import Metrics, Severity

CARD, COMPACT = "jack-clark.txt", "alex-tamkin.txt"
ERROR, WARNING = Severity.ERROR, Severity.WARNING


def edit(name: str, number: int, new: str | None) -> bytes:
    """The seed with line `number` replaced by `new`, or deleted when `new` is None."""
    lines = seed_lines(name)
    lines[number - 1 : number] = [] if new is None else [new]
    return "\n".join(lines).encode()


def without(dump, line: int):
    """The dump's entries but the one whose badge is on `line`."""
    return tuple(e for e in dump.entries if e.pos.line != line)


@pytest.mark.parametrize("name", SEEDS)
def test_bom_changes_nothing(name):
    assert parse_seed(name, b"\xef\xbb\xbf" + seed_bytes(name)) == parse_seed(name)


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("end", [b"\r\n", b"\r"])
def test_line_ends_change_nothing(name, end):
    assert parse_seed(name, seed_bytes(name).replace(b"\n", end)) == parse_seed(name)


def test_cp1252_file():
    """A whole file in cp1252: read right, with one warning at the first byte that is not UTF-8."""
    text = seed_bytes(COMPACT).decode().replace("AI assistance produces", "\u201cAI\u201d assistance, caf\u00e9, produces")
    dump = parse_seed(COMPACT, text.encode("cp1252"))
    only_diagnostic(dump, 2, WARNING, "not UTF-8 (byte 0xb7); read as cp1252")  # the " · " on line 2
    assert dump.entries == parse_text(text, label(COMPACT)).entries
    assert entry_at(dump, 40).abstract.startswith("\u201cAI\u201d assistance, caf\u00e9, produces")
    assert entry_at(dump, 34).authors[0] == "Jan-Philipp Fr\u00e4nken"


def test_one_cp1252_line_in_a_utf8_file():
    """A stray cp1252 line is read as cp1252; the UTF-8 around it stays UTF-8."""
    text = seed_bytes(CARD).decode().replace('"Induction heads"', "\u201cInduction heads\u201d")
    data = seed_bytes(CARD).replace(b'"Induction heads"', b"\x93Induction heads\x94")
    dump = parse_seed(CARD, data)
    only_diagnostic(dump, 45, WARNING, "not UTF-8 (byte 0x93); read as cp1252")
    assert dump.entries == parse_text(text, label(CARD)).entries
    assert entry_at(dump, 40).abstract.startswith("\u201cInduction heads\u201d")
    assert entry_at(dump, 61).authors[-1] == "Kamil\u0117 Luko\u0161i\u016bt\u0117"
    assert entry_at(dump, 61).affiliations == ("anthropic", "berkeley")


@pytest.mark.parametrize("data", [b"", b"\n \n\t\n", b"\xef\xbb\xbf"])
def test_empty_file(data):
    dump = parse_seed(CARD, data)
    only_diagnostic(dump, 1, WARNING, "empty file")
    assert (dump.format, dump.read) == (None, 0)


def test_binary_file():
    data = seed_bytes(CARD)
    dump = parse_seed(CARD, data[:500] + b"\x00\x01\x02" + data[500:])
    only_diagnostic(dump, 1, ERROR, "binary file")
    assert (dump.format, dump.read) == (None, 0)


@pytest.mark.parametrize("name", SEEDS)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_change_nothing(name, encoding):
    """As Windows' Notepad saves "Unicode" text (utf-16 and utf-32 write a byte-order mark)."""
    data = seed_bytes(name).decode().encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert parse_seed(name, data) == parse_seed(name)


def test_utf16_cut_in_a_character():
    data = "\n".join(seed_lines(CARD)).encode("utf-16")
    dump = parse_seed(CARD, data[:-1])
    only_diagnostic(dump, len(seed_lines(CARD)), ERROR, "UTF-16 byte-order mark, but not UTF-16 here; skipped")
    assert (dump.format, dump.read) == (None, 0)


def test_not_a_dump():
    dump = parse_seed(CARD, b"Just some notes.\nNo badges, no ids.\n")
    only_diagnostic(dump, 1, ERROR, "not a profile dump")
    assert (dump.format, dump.read) == (None, 0)


@pytest.mark.parametrize("name, keep, line, severity, phrase, kept", [
    (CARD, 169, 166, WARNING, "has no abstract (the file may be cut off)", 23),  # ends after the author line
    (CARD, 166, 166, ERROR, "no title", 22),  # ends after the badge
    (COMPACT, 92, 91, WARNING, "has no abstract (the file may be cut off)", 31),  # ends after the title line
    (COMPACT, 91, 91, ERROR, "only a badge, no title line (the file may be cut off)", 30),
])
def test_entry_cut_off_at_the_end(name, keep, line, severity, phrase, kept):
    dump = parse_seed(name, "\n".join(seed_lines(name)[:keep]).encode())
    only_diagnostic(dump, line, severity, phrase)
    assert len(dump.entries) == kept and dump.read == len(parse_seed(name).entries)
    assert without(dump, line) == without(parse_seed(name), line)


@pytest.mark.parametrize("name, deleted, badge_line, phrase, part", [
    (CARD, 24, 19, "has no abstract", "abstract"),
    (COMPACT, 6, 4, "has no abstract", "abstract"),
    (CARD, 22, 19, "has no author line", "authors"),
])
def test_entry_missing_a_part(name, deleted, badge_line, phrase, part):
    """The entry is kept without it, with a warning that does not blame a cut-off file."""
    dump = parse_seed(name, edit(name, deleted, None))
    d = only_diagnostic(dump, badge_line, WARNING, phrase)
    assert "cut off" not in d.message
    entry, before = entry_at(dump, badge_line), entry_at(parse_seed(name), badge_line)
    assert entry.title == before.title and not getattr(entry, part)
    assert [e.title for e in dump.entries] == [e.title for e in parse_seed(name).entries]


@pytest.mark.parametrize("line, new, diagnostic_line, phrase, metrics", [
    (4, "h-indexfifty", 4, "h-index value 'fifty' is not a number", Metrics(None, 23, 121302, 38, 36)),
    (6, "121.302citations", 6, "citations value '121.302' is not a number", Metrics(54, 23, None, 38, 36)),
    (7, None, 1, "profile header lacks novelty", Metrics(54, 23, 121302, None, 36)),
])
def test_header_metric_missing_or_garbled(line, new, diagnostic_line, phrase, metrics):
    dump = parse_seed(CARD, edit(CARD, line, new))
    only_diagnostic(dump, diagnostic_line, WARNING, phrase)
    assert (dump.header.name, dump.header.metrics, dump.header.listed) == ("Jack Clark", metrics, 23)
    assert [e.title for e in dump.entries] == [e.title for e in parse_seed(CARD).entries]


def test_unknown_category_code():
    dump = parse_seed(CARD, edit(CARD, 12, "ZZJun 28, 2023Code"))
    only_diagnostic(dump, 12, WARNING, "unknown category code 'ZZ'")
    assert entry_at(dump, 12).category == "ZZ"
    assert without(dump, 12) == without(parse_seed(CARD), 12)


def test_declared_paper_count_differs():
    dump = parse_seed(CARD, edit(CARD, 10, "25 Papers"))
    only_diagnostic(dump, 10, WARNING, "lists 25 papers but 23 entries were found")
    assert dump.header.listed == 25
    assert dump.entries == parse_seed(CARD).entries


@pytest.mark.parametrize("name, line, badge, phrase", [
    (CARD, 19, "CLApr 1x, 2022", "unreadable badge 'CLApr 1x, 2022'"),
    (CARD, 19, "CLApr 12, 0000", "unreadable badge"),  # no year 0
    (CARD, 19, "CLFeb 30, 2022", "has no such day"),
    (COMPACT, 19, "CLDec 20, 2O22", "unreadable badge"),
])
def test_garbled_badge(name, line, badge, phrase):
    """The entry is rejected with an error; the entries after it are kept."""
    dump = parse_seed(name, edit(name, line, badge))
    only_diagnostic(dump, line, ERROR, phrase)
    assert dump.rejected == 1
    assert dump.entries == without(parse_seed(name), line)


def test_compact_title_line_with_no_title():
    dump = parse_seed(COMPACT, edit(COMPACT, 41, "et al. · stanford"))
    only_diagnostic(dump, 41, ERROR, "no title before the authors")
    assert dump.rejected == 1
    assert dump.entries == without(parse_seed(COMPACT), 40)


@pytest.mark.parametrize("file", ["content/profiles/jack-clark.md", "content/profiles/jack-clark",
                                  "content/arxiv-listing.txt", "notes.yaml"])
def test_format_detected_from_text_not_name(file):
    dump = parse_bytes(seed_bytes(CARD), file)
    assert (dump.format, dump.file, len(dump.entries), dump.diagnostics) == ("card", file, 23, ())
    assert [e.title for e in dump.entries] == [e.title for e in parse_seed(CARD).entries]


def test_card_without_header_is_still_card():
    """Detection does not need the header: blank lines between badge, title and authors say "card"."""
    dump = parse_seed(CARD, "\n".join(seed_lines(CARD)[11:]).encode())
    assert (dump.format, dump.header, len(dump.entries), dump.diagnostics) == ("card", None, 23, ())
