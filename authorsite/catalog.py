"""Dumps → one catalog: papers merged across dumps, arXiv ids matched, dates resolved,
profile owners and co-authors. Every step is linear in the number of entries.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import attrgetter
from collections.abc import Iterable, Mapping, Sequence

from .abstracts import anchors, likeness, pair_key
from .config import ProfileSettings, SiteConfig
from .forking import fork_map, shared
from .model import (
    AbstractKeys,
    ArxivRecord,
    Author,
    Catalog,
    Diagnostic,
    Dump,
    DumpSummary,
    Entry,
    Metrics,
    Paper,
    PaperDate,
    SourcePos,
    warning,
)
from .names import SURE_SPLITS, key_id, known_split_by_id, split_names
from .names import title_key as _title_key
from .slugs import author_slug, paper_slug

ARXIV_MIN_SIMILARITY = 0.5  # shared word 3-grams / the listing abstract's 3-grams
COMMON_SHINGLE = 50  # an anchor in more abstracts than this picks no paper
FORK_MIN_RECORDS = 1000  # fewer arXiv records than this are matched in-process

# an entry's title is keyed for the known titles, for grouping and for its paper's id: once
title_key = lru_cache(maxsize=1 << 17)(_title_key)


def resplit(entries: Iterable[Entry], known: frozenset[str]) -> tuple[list[Entry], list[Diagnostic]]:
    """Split glued compact entries again with the titles card dumps give; report doubtful splits."""
    result, diagnostics = [], []
    ids = {key_id(key) for key in known}
    for e in entries:
        if e.glued is not None and e.glue_keys is not None and e.split != "known":
            s = known_split_by_id(e.glued, e.glue_keys, ids)
            if s:
                e = dataclasses.replace(e, title=s.title, authors=split_names(s.authors)[0], split=s.how)
            elif e.split not in SURE_SPLITS:
                diagnostics.append(warning(e.pos, (
                    f"title and authors run together and no rule splits them surely ({e.split}): read the title "
                    f"as {e.title!r}. If that is wrong, add the exact title under 'titles:' in site.yaml")))
        result.append(e)
    return result, diagnostics


def _group(entries: Sequence[Entry]) -> list[list[Entry]]:
    """Entries of one paper together: same normalised title, or the same abstract."""
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, e in enumerate(entries):
        keys: list[object] = [title_key(e.title)]
        if e.abstract_keys.id:
            keys.append(e.abstract_keys.id)  # bytes: never equal to a title's key
        for key in keys:
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[Entry]] = defaultdict(list)
    for i, e in enumerate(entries):
        groups[find(i)].append(e)
    return list(groups.values())


def _merge_order(e: Entry) -> tuple[bool, str, int]:
    """Entries with title and authors on their own lines first, then file order."""
    return e.glued is not None, e.pos.file, e.pos.line


def _merge(group: list[Entry]) -> tuple[Paper, AbstractKeys, list[Diagnostic]]:
    """The richest value of each field, and the keys of the abstract kept; a real conflict
    becomes a warning."""
    first = group[0]
    diagnostics: list[Diagnostic] = []
    if len(group) == 1:  # most papers: nothing to choose
        return _paper(first, first.date, first.authors, first.et_al, first.affiliations, first.has_code,
                      first.abstract, (first.pos,)), first.abstract_keys, diagnostics
    group = sorted(group, key=_merge_order)
    first = group[0]
    for e in group[1:]:
        if e.category != first.category:
            diagnostics.append(warning(e.pos, f"category {e.category} here but {first.category} at {first.pos}: kept {first.category}"))
    dated = [e for e in group if e.date.year is not None] or group
    date = dated[0].date
    for e in group:
        if (e.date.month, e.date.day) != (date.month, date.day) or e.date.year not in (None, date.year):
            diagnostics.append(warning(e.pos, f"date {e.date.text!r} here but {date.text!r} at {dated[0].pos}: kept {date.text!r}"))
    fullest = max(group, key=lambda e: (len(e.authors), not e.et_al))
    abstract = next((e for e in group if e.abstract), first)
    paper = _paper(first, date, fullest.authors, fullest.et_al, max((e.affiliations for e in group), key=len),
                   any(e.has_code for e in group), abstract.abstract, tuple(sorted(e.pos for e in group)))
    return paper, abstract.abstract_keys, diagnostics


def _paper(first: Entry, date: PaperDate, authors: tuple[str, ...], et_al: bool, affiliations: tuple[str, ...],
           has_code: bool, abstract: str, sources: tuple[SourcePos, ...]) -> Paper:
    """A paper titled as its first entry is; no arXiv id yet."""
    # the slug of the title: papers are merged by title key, so no two share one, and
    # paper_slug's slug spells a single key: ids are unique without looking at each other
    return Paper(paper_slug(first.title, title_key(first.title)), first.title, authors, et_al, affiliations,
                 first.category, date, has_code, abstract, None, None, sources)


def _candidates(papers: Sequence[AbstractKeys], records: Sequence[AbstractKeys]) -> list[Counter[int]]:
    """For each record, how many anchors each paper shares with it; an anchor in more than
    COMMON_SHINGLE abstracts ("in this paper") counts for none. The papers' anchors are met
    with one set operation each, and only those a record has are kept; each record's
    counts are then made in one go."""
    wanted = [anchors(r) for r in records]
    known = set(chain.from_iterable(wanted))
    papers_with: dict[int, list[int]] = defaultdict(list)
    for i, keyed in enumerate(papers):
        for anchor in known.intersection(anchors(keyed)):
            found = papers_with[anchor]
            found.append(i)
            if len(found) > COMMON_SHINGLE:  # counts for none already: not met again
                known.discard(anchor)
    postings = ([papers_with.get(anchor, ()) for anchor in mine] for mine in wanted)
    return [Counter(chain.from_iterable(p for p in found if len(p) <= COMMON_SHINGLE)) for found in postings]


@dataclass(frozen=True)
class ArxivMemo:
    """What a match measured, for the next: the candidate paper of each listing record,
    known by a digest of every abstract's anchors in order (all that picks candidates), and
    the likenesses of (listing, abstract) pairs, by pair_key."""

    anchors: bytes = b""
    best: tuple[int | None, ...] = ()
    likenesses: Mapping[bytes, float] = field(default_factory=dict)


def _anchors_digest(keyed: Sequence[AbstractKeys], records: Sequence[ArxivRecord]) -> bytes:
    h = hashlib.blake2b(len(keyed).to_bytes(8, "little") + len(records).to_bytes(8, "little"), digest_size=16)
    for keys in chain(keyed, (r.abstract_keys for r in records)):
        h.update(len(keys.anchors).to_bytes(4, "little") + keys.anchors)
    return h.digest()


def _scored(record: ArxivRecord, best: int | None, papers: Sequence[Paper],
            likenesses: Mapping[bytes, float]) -> tuple[int | None, float, bytes]:
    """The record's candidate paper, how alike their abstracts are (from `likenesses` if
    known there), and what that likeness is known by."""
    if best is None:
        return None, 0.0, b""
    key = pair_key(record.abstract, papers[best].abstract)
    score = likenesses.get(key)
    return best, (likeness(record.abstract, papers[best].abstract) if score is None else score), key


def _closest(span: range) -> list[tuple[int | None, float, bytes]]:
    """For each of records[span] (in a fork_map worker): its candidate, the first paper of
    those sharing most anchors with it; their likeness and its key."""
    papers, keyed, records, likenesses = shared()
    mine = records[span.start : span.stop]
    found: list[tuple[int | None, float, bytes]] = []
    for r, hits in zip(mine, _candidates(keyed, [r.abstract_keys for r in mine])):
        most = max(hits.values(), default=0)
        found.append(_scored(r, min((i for i, n in hits.items() if n == most), default=None), papers, likenesses))
    return found


def match_arxiv(papers: list[Paper], keyed: Sequence[AbstractKeys], records: Sequence[ArxivRecord], jobs: int = 1,
                memo: ArxivMemo = ArxivMemo()) -> tuple[list[Paper], set[ArxivRecord], list[Diagnostic], ArxivMemo]:
    """Give papers (`keyed`: their abstracts' keys) the arXiv id of the listing abstract
    most like theirs. Candidates share anchors with the listing abstract; the one sharing
    most is checked on all its word 3-grams. Candidates are found on `jobs` processes, or
    taken from `memo` when no abstract's anchors changed; so are likenesses measured before.
    Also returns the memo of this match."""
    matched: set[ArxivRecord] = set()
    taken: dict[int, ArxivRecord] = {}
    diagnostics = []
    anchors = _anchors_digest(keyed, records)
    if anchors == memo.anchors:
        candidates = [_scored(r, best, papers, memo.likenesses) for r, best in zip(records, memo.best)]
    else:
        jobs = jobs if len(records) >= FORK_MIN_RECORDS else 1
        candidates = fork_map(_closest, (papers, keyed, records, memo.likenesses), len(records), jobs)
    memo = ArxivMemo(anchors, tuple(best for best, _, _ in candidates), {key: score for _, score, key in candidates if key})
    for r, (best, score, _) in zip(records, candidates):
        if best is None or score < ARXIV_MIN_SIMILARITY:
            closest = f" (closest: {papers[best].title!r}, {score:.0%} alike)" if best is not None else ""
            diagnostics.append(warning(r.pos, f"arXiv:{r.arxiv_id} matches no paper's abstract{closest}; not used"))
            continue
        if best in taken:
            diagnostics.append(warning(r.pos, f"arXiv:{r.arxiv_id} matches {papers[best].title!r}, which already has arXiv:{taken[best].arxiv_id} from {taken[best].pos}; not used"))
            continue
        taken[best] = r
        matched.add(r)
        p = papers[best]
        papers[best] = dataclasses.replace(p, arxiv_id=r.arxiv_id, comment=r.comment, sources=tuple(sorted(p.sources + (r.pos,))))
    return papers, matched, diagnostics, memo


def arxiv_year(date: PaperDate, arxiv_id: str) -> int:
    """The year of a year-less date, from the arXiv id's yymm: the first such day not before it."""
    year, month = 2000 + int(arxiv_id[:2]), int(arxiv_id[2:4])
    return year + 1 if date.month < month else year


def resolve_dates(papers: list[Paper], settings: Mapping[str, ProfileSettings]) -> tuple[list[Paper], list[Diagnostic]]:
    """Year-less dates get a year from the arXiv id, else the dump's capture date, else a warning."""
    result, diagnostics = [], []
    for p in papers:
        if p.date.year is None:
            captured = [settings[s.file].captured for s in p.sources if s.file in settings and settings[s.file].captured]
            if p.arxiv_id:
                p = dataclasses.replace(p, date=p.date.with_year(arxiv_year(p.date, p.arxiv_id)))
            elif captured:
                p = dataclasses.replace(p, date=p.date.with_year(p.date.latest_year_until(captured[0])))
            else:
                diagnostics.append(warning(p.sources[0], (
                    f"date {p.date.text!r} of {p.title[:50]!r} has no year: no arXiv id matched it and site.yaml "
                    f"gives no 'captured:' date for {p.sources[0].file}; listed as undated")))
        result.append(p)
    return result, diagnostics


def author_id(name: str, aliases: Mapping[str, str]) -> str:
    """The id of the author a name as written stands for (after site.yaml's aliases)."""
    return author_slug(aliases.get(name, name))


def build_authors(
    dumps: Sequence[Dump], papers: Sequence[Paper], listed: Mapping[str, tuple[str, ...]],
    settings: Mapping[str, ProfileSettings], config: SiteConfig,
) -> tuple[list[Author], dict[str, str | None], list[Diagnostic]]:
    """Profile owners (from headers or site.yaml) and every named co-author; `papers` are
    newest first, `listed` gives each dump's paper ids."""
    rank = {p.id: i for i, p in enumerate(papers)}

    def _newest_first(ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(ids), key=rank.__getitem__))

    def canonical(name: str) -> str:
        return config.aliases.get(name, name)

    names: dict[str, str] = {}
    ids: dict[str, str] = {}  # name as written → author id
    written: dict[str, list[str]] = defaultdict(list)  # newest first, as papers come
    for p in papers:
        for name in p.authors:
            aid = ids.get(name)
            if aid is None:
                aid = ids[name] = author_id(name, config.aliases)
                names.setdefault(aid, canonical(name))
            written[aid].append(p.id)
    owners: dict[str, str | None] = {}
    profiles: dict[str, Author] = {}
    diagnostics = []
    for d in dumps:
        if d.format == "arxiv" or d.format is None:
            continue
        given = settings.get(d.file, ProfileSettings())
        name = d.header.name if d.header and d.header.name else given.owner
        if name is None:
            owners[d.file] = None
            diagnostics.append(warning(SourcePos(d.file, 1), (
                "header-less dump with no owner: add 'owner:' for it under 'profiles:' in site.yaml; "
                "listed as a collection meanwhile")))
            continue
        aid = author_id(name, config.aliases)
        owners[d.file] = aid
        category = d.header.category if d.header else None
        if category is None and d.entries:  # header-less: the dump's most frequent category
            category = Counter(e.category for e in d.entries).most_common(1)[0][0]
        metrics = d.header.metrics if d.header else Metrics()
        if aid in profiles:
            old = profiles[aid]
            if old.metrics != Metrics() and metrics != Metrics() and old.metrics != metrics:
                diagnostics.append(warning(SourcePos(d.file, 1), f"{name}'s metrics differ from those in {old.source}: kept those"))
            profiles[aid] = dataclasses.replace(
                old,
                papers=old.papers + listed[d.file],
                metrics=old.metrics if old.metrics != Metrics() else metrics,
                category=old.category or category,
            )
        else:
            profiles[aid] = Author(aid, canonical(name), category, metrics, listed[d.file], True, d.file)
    authors = []
    for aid in sorted(names.keys() | profiles.keys()):
        if aid in profiles:
            a = profiles[aid]
            authors.append(dataclasses.replace(a, papers=_newest_first(a.papers + tuple(written[aid]))))
        else:
            authors.append(Author(aid, names[aid], None, None, tuple(dict.fromkeys(written[aid])), False, None))
    return authors, owners, diagnostics


def build_catalog(dumps: Sequence[Dump], config: SiteConfig, settings: Mapping[str, ProfileSettings],
                  jobs: int = 1, memo: ArxivMemo = ArxivMemo()) -> tuple[Catalog, ArxivMemo]:
    """Merge parsed dumps; `settings` maps a dump's file to what site.yaml says of it; arXiv
    ids are matched on `jobs` processes, with the last match's `memo`. Also returns this
    match's memo."""
    diagnostics = [d for dump in dumps for d in dump.diagnostics]
    entries = [e for dump in dumps for e in dump.entries]
    known = frozenset(title_key(t) for t in config.titles) | {title_key(e.title) for e in entries if e.glued is None}
    entries, found = resplit(entries, known)
    diagnostics += found
    papers, keyed = [], []
    for group in _group(entries):
        paper, keys, found = _merge(group)
        papers.append(paper)
        keyed.append(keys)
        diagnostics += found
    records = [r for dump in dumps for r in dump.arxiv]
    papers, matched, found, memo = match_arxiv(papers, keyed, records, jobs, memo)
    diagnostics += found
    papers, found = resolve_dates(papers, settings)
    diagnostics += found
    papers.sort(key=attrgetter("id"))  # then newest first: a stable sort keeps ids in order
    papers.sort(key=lambda p: p.date.sort_key, reverse=True)
    paper_of = {s: p.id for p in papers for s in p.sources}
    listed = {d.file: tuple(dict.fromkeys(paper_of[e.pos] for e in d.entries)) for d in dumps}
    authors, owners, found = build_authors(dumps, papers, listed, settings, config)
    diagnostics += found
    by_author = {a.id: a for a in authors}
    summaries = []
    for d in dumps:
        kept = sum(1 for r in d.arxiv if r in matched) + len(d.entries)
        owner = owners.get(d.file)
        given = settings.get(d.file, ProfileSettings())
        title = by_author[owner].name if owner else given.title or d.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        summaries.append(DumpSummary(d.file, d.format, owner, title, listed[d.file], d.read, kept, d.read - kept))
    diagnostics.sort(key=lambda d: d.pos)
    return Catalog(tuple(papers), tuple(authors), tuple(summaries), tuple(diagnostics)), memo
