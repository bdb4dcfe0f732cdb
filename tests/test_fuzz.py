"""Property tests: no input makes the parsers raise, and nothing read is ever lost."""

from __future__ import annotations

import datetime as dt

from conftest import SEEDS, check_counts, parse_seed, seed_lines
from hypothesis import given, settings
from hypothesis import strategies as st

from authorsite.dumps import FORMATS, parse_bytes, parse_text
from authorsite.model import MONTHS, Dump

FILE = "content/profiles/fuzz.txt"
LINES = sorted({line for seed in SEEDS for line in seed_lines(seed) if line})
TITLES = [e.title for e in parse_seed("jack-clark.txt").entries]
FUZZ = settings(max_examples=250, deadline=None)

fragments = st.builds(lambda line, a, b: line[a:b], st.sampled_from(LINES), st.integers(0, 60), st.integers(0, 400))
badges = st.builds(
    lambda cat, mon, day, year, code: f"{cat}{mon} {day}{'' if year is None else f', {year:04d}'}{code}",
    st.from_regex(r"[A-Z]{2,3}", fullmatch=True), st.sampled_from(MONTHS), st.integers(0, 99),
    st.none() | st.integers(0, 9999), st.sampled_from(["", "Code", " Code"]))
arxiv = st.builds(lambda n, rest: f"arXiv:{n}{rest}", st.from_regex(r"\d{4}\.\d{4,5}(v\d)?", fullmatch=True),
                  st.sampled_from(LINES) | st.just(""))
glue = st.sampled_from([" · ", "et al.", " et al. · openai, stanford", "h-index54", "121,302citations", "23 Papers", ""])
line = st.one_of(st.sampled_from(LINES), fragments, badges, arxiv, glue, st.text(max_size=40),
                 st.builds(str.__add__, fragments, fragments))


def mutate(lines: list[str], edits: list[tuple[int, str | None]]) -> list[str]:
    """A seed's lines with a few lines replaced or (None) deleted."""
    lines = list(lines)
    for i, new in edits:
        lines[i % len(lines) : i % len(lines) + 1] = [] if new is None else [new]
    return lines


mutated = st.builds(mutate, st.sampled_from(SEEDS).map(seed_lines),
                    st.lists(st.tuples(st.integers(0, 200), st.none() | line), max_size=6))
dumps = st.builds(lambda lines, end: end.join(lines), st.lists(line, max_size=40) | mutated,
                  st.sampled_from(["\n", "\r\n", "\r"]))


def check(dump: Dump, source: str | bytes) -> None:
    """What holds for every dump: counts reconcile, positions are in the file, dates are real."""
    check_counts(dump)
    assert dump.format in (*FORMATS, None)
    positions = [x.pos for x in (*dump.entries, *dump.arxiv, *dump.diagnostics)]
    assert all(p.file == dump.file and 1 <= p.line <= len(source.splitlines()) + 1 for p in positions)
    for entry in dump.entries:
        assert entry.title
        if entry.date.year is not None:
            dt.date.fromisoformat(entry.date.iso)  # raises unless a real day


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes(data):
    check(parse_bytes(data, FILE), data)


@FUZZ
@given(st.text(max_size=3000))
def test_any_text(text):
    check(parse_text(text, FILE, TITLES), text)


@FUZZ
@given(dumps)
def test_dump_like_text(text):
    check(parse_text(text, FILE, TITLES), text)


@FUZZ
@given(dumps, st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1"]))
def test_dump_like_bytes(text, encoding):
    data = text.encode(encoding, errors="replace")
    check(parse_bytes(data, FILE), data)
