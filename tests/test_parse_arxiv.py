"""The arXiv listing seed: each identifier belongs to the abstract (and comment) before it."""

from __future__ import annotations

import pytest
from conftest import check_counts, parse_seed, seed_lines

SEED = "arxiv-listing.txt"

# id, line of its abstract, the abstract's first words, comment (read off the dump)
RECORDS = [
    ("2209.11895", 1, '"Induction heads" are attention heads', None),
    ("2209.07858", 2, "We describe our early efforts to red team", None),
    ("2207.05221", 3, "We study whether language models can evaluate", "23+17 pages"),
    ("2205.03468", 5, "Welcome to the fifth edition of the AI Index Report!", None),
    ("2204.05862", 6, "We apply preference modeling", "Data available at https://github.com/anthropics/hh-rlhf"),
    ("2202.07785", 8, "Large-scale pre-training has recently emerged", None),
    ("2112.00861", 9, "Given the broad capabilities of large language models", "26+19 pages"),
    ("2108.12427", 11, "In this paper we outline a proposal", None),
    ("2108.02818", 12, 'Recently, there have been breakthroughs in computer vision ("CV")',
     "arXiv admin note: substantial text overlap with arXiv:2103.00020"),
    ("2103.06312", 14, "Welcome to the fourth edition of the AI Index Report.", None),
]


@pytest.fixture(scope="module")
def dump():
    return parse_seed(SEED)


def test_counts(dump):
    assert (dump.format, dump.header, dump.entries, dump.rejected, dump.diagnostics) == ("arxiv", None, (), 0, ())
    assert [r.arxiv_id for r in dump.arxiv] == [r[0] for r in RECORDS]
    check_counts(dump)


@pytest.mark.parametrize("arxiv_id, line, start, comment", RECORDS, ids=[r[0] for r in RECORDS])
def test_record(dump, arxiv_id, line, start, comment):
    (record,) = [r for r in dump.arxiv if r.arxiv_id == arxiv_id]
    assert (record.pos.file, record.pos.line) == (dump.file, line)
    assert record.abstract.startswith(start)
    assert record.comment == comment


def test_abstract_is_its_line_after_the_previous_id(dump):
    lines = seed_lines(SEED)
    prefixes = [""] + [f"arXiv:{r.arxiv_id}" for r in dump.arxiv[:-1]]
    for prefix, record in zip(prefixes, dump.arxiv, strict=True):
        assert lines[record.pos.line - 1] == prefix + record.abstract
    assert lines[-1] == f"arXiv:{dump.arxiv[-1].arxiv_id}"
