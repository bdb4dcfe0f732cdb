"""Pages → bytes through Jinja2: one environment per build, autoescaped, strict."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .affiliations import display_name
from .bibtex import bibtex
from .catalog import author_id
from .categories import category_name
from .config import SiteConfig
from .content import Markdown
from .model import Catalog, Paper
from .pages import Page
from .safety import is_web_url, linkify
from .urls import author_url, category_url, collection_url, output_path, paper_url

FINGERPRINTED = (".css", ".js")


def static_files(static_dir: Path, fingerprint: bool = True) -> tuple[dict[str, str], list[tuple[str, bytes]]]:
    """static/ → (logical name → output path, files); CSS and JS get a content hash in their name
    (not when serving: livereload then swaps a changed stylesheet in place)."""
    names, files = {}, []
    inside = static_dir.resolve()
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()) if static_dir.is_dir() else ():
        if not path.resolve().is_relative_to(inside):  # a symlink out of static/ is not published
            continue
        rel = path.relative_to(static_dir).as_posix()
        data = path.read_bytes()
        out = rel
        if fingerprint and path.suffix in FINGERPRINTED:
            out = f"{rel[: -len(path.suffix)]}.{hashlib.sha256(data).hexdigest()[:10]}{path.suffix}"
        names[rel] = out
        files.append((out, data))
    return names, files


@dataclass(frozen=True, slots=True)
class AuthorLink:
    id: str
    url: str  # site-relative
    profile: bool


@dataclass(frozen=True)
class SiteView:
    """What every template may ask of the site as a whole: URLs, names, profile links."""

    config: SiteConfig
    assets: Mapping[str, str]
    links: Mapping[str, AuthorLink]  # every author name as written → its page
    author_count: int
    paper_count: int
    nav: tuple[tuple[str, str], ...]  # (URL, title) of the Markdown pages
    def url(self, path: str) -> str:
        """A site-relative URL (`/papers/x/`) under the base path (`/repo/papers/x/`)."""
        return self.config.base_path + path.lstrip("/")

    def absolute(self, path: str) -> str:
        """An absolute URL, for feeds, the sitemap and canonical links."""
        return self.config.base_url.rstrip("/") + "/" + path.lstrip("/")

    def asset(self, name: str) -> str:
        return self.url(self.assets[name])

    def category_name(self, code: str) -> str:
        return category_name(code, self.config.categories)

    def affiliation(self, slug: str) -> str:
        return display_name(slug, self.config.affiliations)

    def author(self, name: str) -> AuthorLink:
        """Where a name as written links to."""
        return self.links[name]


def thousands(value: int | None) -> str:
    """121302 → "121,302"; an unknown figure → "–" (never 0)."""
    return "–" if value is None else f"{value:,}"


def hue(code: str) -> int:
    """A category's own colour hue, the same in every build."""
    return zlib.crc32(code.encode()) * 47 % 360


def make_env(templates: Path, site: SiteView) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(thousands=thousands, linkify=linkify, bibtex=bibtex, hue=hue)
    env.globals["paper_item"] = _cached_items(env)
    env.globals.update(site=site, url=site.url, asset=site.asset, is_web_url=is_web_url,
                       author_url=author_url, paper_url=paper_url, category_url=category_url,
                       collection_url=collection_url)
    return env


def _cached_items(env: Environment) -> Callable[[Paper], Markup]:
    """partials/paper_item.html rendered once per paper: a paper shows in many lists."""
    done: dict[str, Markup] = {}

    def paper_item(paper: Paper) -> Markup:
        if paper.id not in done:
            done[paper.id] = Markup(env.get_template("partials/paper_item.html").render(paper=paper))
        return done[paper.id]

    return paper_item


def site_view(config: SiteConfig, catalog: Catalog, assets: Mapping[str, str], markdown: Markdown) -> SiteView:
    profiles = frozenset(a.id for a in catalog.authors if a.profile)
    links = {}
    for name in {name for p in catalog.papers for name in p.authors}:
        aid = author_id(name, config.aliases)
        links[name] = AuthorLink(aid, author_url(aid), aid in profiles)
    nav = tuple((f"/{name}/", page.title) for name, page in markdown.pages.items())
    return SiteView(config, assets, links, len(catalog.authors), len(catalog.papers), nav)


def render_pages(env: Environment, pages: Iterable[Page]) -> Iterator[tuple[str, bytes]]:
    for page in pages:
        html = env.get_template(page.template).render(page=page, **page.context)
        yield output_path(page.url), html.encode()
