"""Shared helpers: the project root, the seed dumps, and checks every parser test makes.

Test modules import the plain helpers (`from conftest import parse_seed`): hypothesis
strategies and parametrize tables need them at import time, where fixtures do not reach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pytest

from authorsite.dumps import parse_bytes
from authorsite.model import Diagnostic, Dump, Entry, PaperDate, Severity

ROOT = Path(__file__).resolve().parents[1]
PROFILES = ROOT / "content" / "profiles"
SEEDS = ("jack-clark.txt", "deep-ganguli.txt", "alex-tamkin.txt", "arxiv-listing.txt")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def label(name: str) -> str:
    """The file label the build gives a seed: its posix path relative to the project root."""
    return (PROFILES / name).relative_to(ROOT).as_posix()


def seed_bytes(name: str) -> bytes:
    return (PROFILES / name).read_bytes()


def seed_lines(name: str) -> list[str]:
    return seed_bytes(name).decode("utf-8").split("\n")


def parse_seed(name: str, data: bytes | None = None, titles: Iterable[str] = ()) -> Dump:
    """Parse a seed, or `data` (a variant of it) under the seed's label."""
    return parse_bytes(seed_bytes(name) if data is None else data, label(name), titles)


def entry_at(dump: Dump, line: int) -> Entry:
    """The dump's one entry whose badge is on `line`."""
    (entry,) = [e for e in dump.entries if e.pos.line == line]
    return entry


def expected_date(text: str) -> PaperDate:
    """What a badge's date text means, read with strptime rather than the parser."""
    has_year = "," in text
    d = dt.datetime.strptime(text if has_year else f"{text}, 2000", "%b %d, %Y")
    return PaperDate(d.month, d.day, d.year if has_year else None, text)


def check_counts(dump: Dump) -> None:
    """Nothing lost: every item read is kept or rejected, and each rejection has an error."""
    assert dump.read == len(dump.entries) + len(dump.arxiv) + dump.rejected
    assert dump.rejected <= sum(d.severity is Severity.ERROR for d in dump.diagnostics)


def only_diagnostic(dump: Dump, line: int, severity: Severity, phrase: str) -> Diagnostic:
    """The dump's one diagnostic, checked for file, line, severity and a phrase of its message;
    and the dump's counts reconcile."""
    check_counts(dump)
    assert len(dump.diagnostics) == 1, [str(d) for d in dump.diagnostics]
    (d,) = dump.diagnostics
    assert (d.pos.file, d.pos.line, d.severity) == (dump.file, line, severity), str(d)
    assert phrase in d.message, str(d)
    return d
