"""Compare what authorsite read (a Loaded project) with the corpus it was written from:
nothing lost, one page per paper, and each field as the generator meant it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Paper
from ..pipeline import PROFILES_DIR, Loaded
from .corpus import CAPTURED, Corpus, SynthPaper
from .dumps import SHOWN_AUTHORS

EXAMPLES = 3  # mismatches quoted per field


@dataclass(frozen=True)
class Verification:
    read: int
    merged: int
    rejected: int
    expected_read: int
    expected_rejected: int  # the decoy arXiv items
    papers: int  # distinct papers in the catalog
    expected_papers: int
    undated: int
    expected_undated: int
    errors: int  # error diagnostics
    mismatches: tuple[tuple[str, int, tuple[str, ...]], ...]  # (field, count, examples)

    @property
    def ok(self) -> bool:
        return (self.read == self.expected_read and self.rejected == self.expected_rejected
                and self.papers == self.expected_papers and self.undated == self.expected_undated
                and self.errors == 0 and not self.mismatches)

    def lines(self) -> list[str]:
        mark = lambda good: "ok" if good else "MISMATCH"  # noqa: E731
        out = [
            f"entries: {self.read:,} read = {self.merged:,} merged + {self.rejected:,} rejected "
            f"(expected {self.expected_read:,} read, {self.expected_rejected:,} rejected: the decoy arXiv items) "
            f"{mark(self.read == self.expected_read and self.rejected == self.expected_rejected)}",
            f"distinct papers: {self.papers:,} (expected {self.expected_papers:,}) {mark(self.papers == self.expected_papers)}",
            f"undated papers: {self.undated:,} (expected {self.expected_undated:,}: capture-year papers listed only in "
            f"dumps without 'captured:' and not on arXiv) {mark(self.undated == self.expected_undated)}",
            f"error diagnostics: {self.errors} {mark(self.errors == 0)}",
        ]
        for name, count, examples in self.mismatches:
            out.append(f"field {name}: {count:,} papers differ from the generator's, e.g.")
            out += [f"    {e}" for e in examples]
        if not self.mismatches:
            out.append("fields: title, authors, et al., affiliations, category, date, Code, arXiv id all as generated ok")
        return out


def _expected_undated(p: SynthPaper, owned: dict[str, bool]) -> bool:
    """A capture-year paper (year-less badge) with no arXiv id and no dump giving 'captured:'."""
    return p.date.year == CAPTURED.year and p.arxiv_id is None and not any(owned.get(a, False) for a in p.authors)


def _fields(p: Paper, t: SynthPaper) -> dict[str, tuple[object, object]]:
    """field → (read, generated)."""
    date = (p.date.year, p.date.month, p.date.day)
    want = (t.date.year if p.date.year is not None else None, t.date.month, t.date.day)
    return {
        "title": (p.title, t.title),
        "authors": (p.authors, t.authors[:SHOWN_AUTHORS]),
        "et_al": (p.et_al, len(t.authors) > SHOWN_AUTHORS),
        "affiliations": (p.affiliations, t.affiliations),
        "category": (p.category, t.category),
        "date": (date, want),
        "has_code": (p.has_code, t.has_code),
        "arxiv_id": (p.arxiv_id, t.arxiv_id),
    }


def verify(corpus: Corpus, loaded: Loaded) -> Verification:
    c = loaded.catalog
    by_abstract = {t.abstract: t for t in corpus.papers}
    owned = {prof.owner: prof.captured is not None for prof in corpus.profiles}
    bad: dict[str, list[str]] = {}
    counts: Counter[str] = Counter()
    seen: Counter[int] = Counter()
    for p in c.papers:
        t = by_abstract.get(p.abstract)
        if t is None:
            counts["abstract"] += 1
            if len(bad.setdefault("abstract", [])) < EXAMPLES:
                bad["abstract"].append(f"{p.sources[0]}: {p.title!r}: its abstract matches no generated paper")
            continue
        seen[t.key] += 1
        for name, (got, want) in _fields(p, t).items():
            if got != want:
                counts[name] += 1
                if len(bad.setdefault(name, [])) < EXAMPLES:
                    bad[name].append(f"{p.sources[0]}: read {got!r}, generated {want!r}")
    split = sum(n - 1 for n in seen.values() if n > 1)
    if split:
        counts["one page per paper"] = split
        bad["one page per paper"] = [f"generated paper {k} became {n} papers" for k, n in seen.items() if n > 1][:EXAMPLES]
    read = sum(d.read for d in c.dumps)
    merged = sum(d.merged for d in c.dumps)
    listed = sum(len(li.items) for li in corpus.listings)
    files = {d.file for d in c.dumps}
    missing = [f for f in (p.file for p in corpus.profiles) if f"{PROFILES_DIR}/{f}" not in files]
    if missing:
        counts["dump files"] = len(missing)
        bad["dump files"] = missing[:EXAMPLES]
    return Verification(
        read=read, merged=merged, rejected=read - merged, expected_read=corpus.entries + listed,
        expected_rejected=corpus.decoys, papers=len(c.papers), expected_papers=corpus.n,
        undated=sum(1 for p in c.papers if p.date.year is None),
        expected_undated=sum(1 for t in corpus.papers if _expected_undated(t, owned)),
        errors=sum(1 for d in loaded.diagnostics if d.severity.value == "error"),
        mismatches=tuple((name, counts[name], tuple(bad[name])) for name in counts),
    )
