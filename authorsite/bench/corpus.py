"""A synthetic corpus as records: N papers, the profiles that list them, and the arXiv
listings that give some of them an id. `generate` is deterministic from its seed;
dumps.py writes the records out as profile dumps.

Shape (DESIGN.md §1, scaled up): authors drawn from a pool of ~N/10 names with weight
1/sqrt(rank) (as shared/bench/make_corpus.py); about N/100 profiles, alternately card and
compact dumps, each listing every paper of its owner; every paper has 1-3 profile owners
among its authors, so it appears in 1-3 dumps; about a quarter of the papers are in an
arXiv listing, beside a few decoy items that match no paper.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass

from ..slugs import slugify
from .vocab import AFFILIATIONS, CATEGORIES, CATEGORY_WEIGHTS, Text, name_pool

CAPTURED = dt.date(2026, 11, 20)  # the day the dumps were "copied": its year's badges have no year
FIRST_DAY = dt.date(2015, 1, 1)
OWNERS_PER_PAPER = ((1, 2, 3), (70, 22, 8))
ARXIV_SHARE = 0.25  # papers listed in some arXiv listing
PAPERS_PER_LISTING = 2000  # one listing per this many papers (at least one)
DECOY_EVERY = 50  # one item matching no paper per this many listed (at least one a listing)


@dataclass(frozen=True, slots=True)
class SynthPaper:
    """One paper as it truly is; dumps show parts of it."""

    key: int
    title: str
    authors: tuple[str, ...]  # all of them; dumps show the first three and "et al."
    affiliations: tuple[str, ...]
    category: str
    date: dt.date
    has_code: bool
    abstract: str
    citations: int
    arxiv_id: str | None


@dataclass(frozen=True, slots=True)
class Profile:
    """A profile dump: its owner's papers, most cited first."""

    file: str  # relative to content/profiles/
    owner: str
    format: str  # "card" (with a header) or "compact" (owner named in site.yaml)
    captured: dt.date | None  # given in site.yaml, or not
    papers: tuple[int, ...]
    h_index: int
    citations: int
    novelty_pct: int
    ai_score: int


@dataclass(frozen=True, slots=True)
class ListingItem:
    arxiv_id: str
    abstract: str  # the paper's, with a word or three changed
    comment: str | None
    paper: int | None  # None for a decoy


@dataclass(frozen=True, slots=True)
class Listing:
    file: str
    items: tuple[ListingItem, ...]


@dataclass(frozen=True)
class Corpus:
    n: int
    seed: int
    papers: tuple[SynthPaper, ...]
    profiles: tuple[Profile, ...]
    listings: tuple[Listing, ...]

    @property
    def entries(self) -> int:
        """Paper entries over all profile dumps."""
        return sum(len(p.papers) for p in self.profiles)

    @property
    def decoys(self) -> int:
        return sum(1 for li in self.listings for item in li.items if item.paper is None)


def _h_index(citations: list[int]) -> int:
    ranked = sorted(citations, reverse=True)
    return sum(1 for i, c in enumerate(ranked, 1) if c >= i)


class _Ids:
    """Unique arXiv ids whose yymm is the paper's month, or the month before."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.taken = rng, set()

    def new(self, day: dt.date) -> str:
        if self.rng.random() < 0.2 and day >= dt.date(2015, 2, 1):
            day = day.replace(day=1) - dt.timedelta(days=1)
        while True:
            arxiv_id = f"{day.year % 100:02d}{day.month:02d}.{self.rng.randint(1, 24999):05d}"
            if arxiv_id not in self.taken:
                self.taken.add(arxiv_id)
                return arxiv_id


def _authors(rng: random.Random, pool: list[str], cum: list[float], owners: list[str]) -> tuple[str, ...]:
    total = max(rng.randint(2, 8), len(owners))
    names: list[str] = []
    while len(names) < total - len(owners):
        for name in rng.choices(pool, cum_weights=cum, k=total):
            if name not in names and len(names) < total - len(owners):
                names.append(name)
    for owner in owners:
        names.insert(rng.randint(0, len(names)), owner)
    return tuple(names)


def generate(n: int, seed: int = 1) -> Corpus:
    """N papers and the dumps that list them; the same (n, seed) gives the same corpus."""
    if n < 1:
        raise ValueError("the corpus needs at least one paper")
    rng = random.Random(seed)
    text = Text(rng)
    n_profiles = max(3, round(n / 100))
    names = name_pool(rng, max(20, n // 10) + n_profiles)
    pool, owners = names[:-n_profiles], names[-n_profiles:]
    cum = list(itertools.accumulate(1 / (i + 1) ** 0.5 for i in range(len(pool))))
    n_listings = max(1, n // PAPERS_PER_LISTING)
    ids = _Ids(rng)
    days = (CAPTURED - FIRST_DAY).days + 1
    titles: set[str] = set()
    papers: list[SynthPaper] = []
    listed_by: list[list[int]] = [[] for _ in range(n_profiles)]
    in_listing: list[list[int]] = [[] for _ in range(n_listings)]
    for key in range(n):
        title = text.title()
        while title.casefold() in titles:
            title = text.title()
        titles.add(title.casefold())
        mine = rng.sample(range(n_profiles), rng.choices(*OWNERS_PER_PAPER)[0])
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
        listed = rng.random() < ARXIV_SHARE
        papers.append(SynthPaper(
            key=key, title=title, authors=_authors(rng, pool, cum, [owners[i] for i in mine]),
            affiliations=tuple(rng.sample(AFFILIATIONS, rng.choices((0, 1, 2), (30, 45, 25))[0])),
            category=rng.choices(CATEGORIES, CATEGORY_WEIGHTS)[0], date=day, has_code=rng.random() < 0.2,
            abstract=text.abstract(), citations=min(200_000, int((rng.paretovariate(1.2) - 1) * 40)),
            arxiv_id=ids.new(day) if listed else None,
        ))
        for i in mine:
            listed_by[i].append(key)
        if listed:
            in_listing[rng.randrange(n_listings)].append(key)
    profiles = []
    for i, (owner, keys) in enumerate(zip(owners, listed_by)):
        keys.sort(key=lambda k: (-papers[k].citations, k))
        cites = [papers[k].citations for k in keys]
        profiles.append(Profile(
            file=f"{i + 1:04d}-{slugify(owner)}.txt", owner=owner, format="card" if i % 2 == 0 else "compact",
            captured=None if i % 5 == 3 else CAPTURED, papers=tuple(keys), h_index=_h_index(cites),
            citations=sum(cites), novelty_pct=rng.randint(15, 70), ai_score=rng.randint(10, 95),
        ))
    listings = []
    for j, keys in enumerate(in_listing):
        items = [ListingItem(papers[k].arxiv_id or "", text.perturb(papers[k].abstract), None, k) for k in keys]
        for _ in range(max(1, len(keys) // DECOY_EVERY)):
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(days))
            items.append(ListingItem(ids.new(day), text.abstract(), None, None))
        rng.shuffle(items)
        items = [ListingItem(it.arxiv_id, it.abstract, text.comment(it.arxiv_id) if rng.random() < 0.3 else None, it.paper)
                 for it in items]
        listings.append(Listing(f"arxiv-{j + 1:03d}.txt", tuple(items)))
    return Corpus(n, seed, tuple(papers), tuple(profiles), tuple(listings))
