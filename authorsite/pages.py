"""Catalog → the list of pages: each a URL, a template and a small context.

URLs come from authorsite.urls only. Contexts hold records (or tuples of them), never
the whole catalog, so pages can be rendered in any order, in any process.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .categories import category_name
from .config import SiteConfig
from .content import Markdown
from .model import Author, Catalog, Paper
from .search import bundles, site_parts
from .urls import author_url, category_url, collection_url, paper_url, year_url

T = TypeVar("T")

PAGE_SIZE = 50  # papers on one page of a category, year, collection or co-author list
AUTHORS_PAGE_SIZE = 300  # names on one page of the author index
RECENT = 12  # papers on the home page
FEED_SIZE = 50  # entries in a feed


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    template: str
    title: str
    context: Mapping[str, object] = field(default_factory=dict)
    description: str = ""
    paper: str | None = None  # the id of the paper a page is about: it renders with the paper's fragments


@dataclass(frozen=True, slots=True)
class Lister:
    """A profile that lists a paper: what the paper's page shows of it (not its whole paper
    list, so a paper's page is not rendered again when another paper of the profile changes)."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart: a label, a count, and its share of the largest count."""

    label: str
    count: int
    share: float
    url: str | None = None


@dataclass(frozen=True, slots=True)
class YearGroup:
    year: int | None
    papers: tuple[Paper, ...]


@dataclass(frozen=True, slots=True)
class Pager:
    number: int
    count: int
    urls: tuple[str, ...]  # the URL of each page, first to last

    @property
    def prev(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None


def bars(counts: Mapping[str, int], urls: Mapping[str, str] | None = None) -> tuple[Bar, ...]:
    top = max(counts.values(), default=0) or 1
    return tuple(Bar(k, n, n / top, (urls or {}).get(k)) for k, n in counts.items())


def by_year(papers: Sequence[Paper]) -> tuple[YearGroup, ...]:
    """Papers grouped by year, newest first, the undated last (papers come newest first)."""
    groups: dict[int | None, list[Paper]] = defaultdict(list)
    for p in papers:
        groups[p.date.year].append(p)
    order = sorted((y for y in groups if y is not None), reverse=True) + ([None] if None in groups else [])
    return tuple(YearGroup(y, tuple(groups[y])) for y in order)


def year_chart(papers: Sequence[Paper]) -> tuple[Bar, ...]:
    """Papers per year, oldest to newest, with empty years between shown as zero."""
    counts = Counter(p.year for p in papers if p.year is not None)
    if not counts:
        return ()
    years = range(min(counts), max(counts) + 1)
    return bars({str(y): counts.get(y, 0) for y in years}, {str(y): year_url(y) for y in counts})


def category_chart(papers: Sequence[Paper]) -> tuple[Bar, ...]:
    counts = Counter(p.category for p in papers).most_common()
    return bars(dict(counts), {c: category_url(c) for c, _ in counts})


def pages_of(url: str, items: Sequence[T], size: int = PAGE_SIZE) -> Iterator[tuple[Pager, tuple[T, ...]]]:
    """A long list cut into pages of `size` items, at url, url/page/2/, …"""
    count = max(1, -(-len(items) // size))
    urls = tuple(url if n == 1 else f"{url}page/{n}/" for n in range(1, count + 1))
    for n in range(1, count + 1):
        yield Pager(n, count, urls), tuple(items[(n - 1) * size : n * size])


def list_page(template: str, title: str, pager: Pager, items: tuple[Any, ...], total: int,
              context: Mapping[str, object], papers: bool) -> tuple[Page]:
    """A page of a long list (context: items, total, pager; and groups by year, of `papers`)."""
    suffix = f" (page {pager.number} of {pager.count})" if pager.count > 1 else ""
    page = {**context, "items": items, "total": total, "pager": pager}
    if papers:
        page["groups"] = by_year(items)
    return (Page(pager.urls[pager.number - 1], template, title + suffix, page),)


def list_units(url: str, template: str, title: str, items: Sequence[Any], context: Mapping[str, object],
               papers: bool = True, size: int = PAGE_SIZE) -> Iterator[Unit]:
    """A unit a page of a long list (of papers, unless not `papers`): a page shows only its
    own items."""
    for pager, mine in pages_of(url, items, size):
        yield Unit(list_page, (template, title, pager, mine, len(items), context, papers))


@dataclass(frozen=True, slots=True)
class Unit:
    """Pages made by one module-level function from these inputs alone: equal inputs,
    equal pages. A rebuild renders a unit's pages again only when its inputs changed."""

    make: Callable[..., Iterable[Page]]
    inputs: tuple[object, ...]

    def pages(self) -> Iterable[Page]:
        return self.make(*self.inputs)


def single(page: Page) -> tuple[Page]:
    return (page,)


def profile_pages(a: Author, mine: tuple[Paper, ...], bio: object) -> tuple[Page, Page]:
    """A profile's page, and its feed."""
    groups = by_year(mine)
    return (Page(author_url(a.id), "author.html", a.name, {
        "author": a, "papers": mine, "groups": groups, "bio": bio,
        "years": year_chart(mine), "categories": category_chart(mine),
        "filter_categories": tuple(sorted({p.category for p in mine})),
        "filter_years": tuple(g.year for g in groups),
    }, description=f"{a.name}: {len(mine)} papers, metrics and co-authors."),
        Page(author_url(a.id) + "feed.xml", "atom.xml", a.name, {"papers": mine[:FEED_SIZE], "home": author_url(a.id)}))


def paper_page(p: Paper, listed_by: tuple[Lister, ...]) -> tuple[Page]:
    return (Page(paper_url(p.id), "paper.html", p.title, {"paper": p, "listed_by": listed_by},
                 description=p.abstract[:155], paper=p.id),)


def build_units(catalog: Catalog, markdown: Markdown, config: SiteConfig) -> Iterator[Unit]:
    """Every HTML page of the site, in units."""
    papers = {p.id: p for p in catalog.papers}
    profiles = tuple(a for a in catalog.authors if a.profile)
    listed_by: dict[str, list[Lister]] = defaultdict(list)
    for a in profiles:
        for pid in a.papers:
            listed_by[pid].append(Lister(a.id, a.name))

    collections = tuple(d for d in catalog.dumps if d.owner is None and d.format in ("card", "compact"))
    yield Unit(single, (Page("/", "home.html", "Home", {
        "profiles": profiles, "recent": catalog.papers[:RECENT], "collections": collections,
        "paper_count": len(catalog.papers), "author_count": len(catalog.authors)}),))
    others = sorted((a for a in catalog.authors if not a.profile), key=lambda a: (a.name.split()[-1].casefold(), a.name))
    yield from list_units("/authors/", "authors.html", "Authors", others, {"profiles": profiles}, False, AUTHORS_PAGE_SIZE)
    for d in collections:
        yield from list_units(collection_url(d.file), "collection.html", d.title, [papers[i] for i in d.papers], {"dump": d})
    for a in catalog.authors:
        mine = tuple(papers[i] for i in a.papers)
        bio = markdown.authors.get(a.id)
        if a.profile:
            yield Unit(profile_pages, (a, mine, bio))
        else:
            yield from list_units(author_url(a.id), "coauthor.html", a.name, mine, {"author": a, "bio": bio})
    for p in catalog.papers:
        yield Unit(paper_page, (p, tuple(listed_by[p.id])))
    by_category: dict[str, list[Paper]] = defaultdict(list)
    by_year_: dict[int | None, list[Paper]] = defaultdict(list)
    for p in catalog.papers:
        by_category[p.category].append(p)
        by_year_[p.date.year].append(p)
    codes = sorted(by_category, key=lambda c: (-len(by_category[c]), c))
    yield Unit(single, (Page("/categories/", "categories.html", "Categories", {
        "chart": bars({c: len(by_category[c]) for c in codes}, {c: category_url(c) for c in codes})}),))
    for c in codes:
        yield from list_units(category_url(c), "category.html", category_name(c, config.categories), by_category[c], {"code": c})
    years = sorted((y for y in by_year_ if y is not None), reverse=True) + ([None] if None in by_year_ else [])
    yield Unit(single, (Page("/years/", "years.html", "Years", {
        "chart": bars({str(y) if y else "undated": len(by_year_[y]) for y in years},
                      {str(y) if y else "undated": year_url(y) for y in years})}),))
    for y in years:
        yield from list_units(year_url(y), "year.html", str(y) if y else "Undated", by_year_[y], {"year": y})
    for name, page in markdown.pages.items():
        yield Unit(single, (Page(f"/{name}/", "page.html", page.title, {"doc": page}),))
    yield Unit(single, (Page("/feed.xml", "atom.xml", config.title, {"papers": catalog.papers[:FEED_SIZE], "home": "/"}),))
    if config.searched:
        yield Unit(single, (Page("/search/", "search.html", "Search", {"bundles": bundles(site_parts(catalog, config))},
                                 description=f"Search the papers and authors of {config.title}."),))
    yield Unit(single, (Page("/404.html", "404.html", "Page not found"),))
