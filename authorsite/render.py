"""Pages → bytes through Jinja2: one environment per build, autoescaped, strict."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from .affiliations import display_name
from .bibtex import bibtex
from .catalog import author_id
from .categories import category_name
from .config import SiteConfig, UserError
from .content import Markdown
from .export import to_json
from .model import Catalog, Paper
from .pages import Page
from .safety import is_web_url, linkify
from .templating import SiteEnvironment
from .urls import author_url, category_url, collection_url, paper_url, under

FINGERPRINTED = (".css", ".js")
# fragments rendered once per paper, by the name of the filter that gives them: {{ paper | badges }}
# (filters, not functions: Jinja calls a filter directly, a function through its context)
PER_PAPER = {"item": "partials/paper_item.html", "badges": "partials/badges.html",
             "author_links": "partials/authors.html"}


def static_paths(static_dir: Path) -> tuple[list[Path], list[Path]]:
    """The files under static/, sorted: (those published, symlinks out of static/, which are not)."""
    inside = static_dir.resolve()
    published: list[Path] = []
    outside: list[Path] = []
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()) if static_dir.is_dir() else ():
        (published if path.resolve().is_relative_to(inside) else outside).append(path)
    return published, outside


def static_files(static_dir: Path, fingerprint: bool = True) -> tuple[dict[str, str], list[tuple[str, bytes]]]:
    """static/ → (logical name → output path, files); CSS and JS get a content hash in their name
    (not when serving: livereload then swaps a changed stylesheet in place)."""
    names, files = {}, []
    for path in static_paths(static_dir)[0]:
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
    href: str  # under the base path, for links
    profile: bool


@dataclass(frozen=True)
class SiteView:
    """What every template may ask of the site as a whole: URLs, names, profile links."""

    config: SiteConfig
    assets: Mapping[str, str]
    links: Mapping[str, AuthorLink]  # every author name as written → its page
    nav: tuple[tuple[str, str], ...]  # (URL, title) of the Markdown pages

    @cached_property
    def base_path(self) -> str:
        return self.config.base_path

    def url(self, path: str) -> str:
        return under(self.base_path, path)

    def absolute(self, path: str) -> str:
        """An absolute URL, for feeds, the sitemap and canonical links."""
        return self.config.base_url.rstrip("/") + "/" + path.lstrip("/")

    def asset(self, name: str) -> str:
        return self.url(self.assets[name])

    def category_name(self, code: str) -> str:
        return category_name(code, self.config.categories)

    def affiliation(self, slug: str) -> str:
        return display_name(slug, self.config.affiliations)

    def article(self, paper: Paper) -> dict[str, object] | None:
        """A paper's schema.org ScholarlyArticle, for JSON-LD. Only claimed when its core
        fields are known (Google Scholar requires a date): none for an undated paper or one
        without authors, rather than a guessed date."""
        if not paper.date.iso or not paper.authors:
            return None
        page = self.absolute(paper_url(paper.id))
        ld: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "ScholarlyArticle",
            "@id": page,
            "url": page,
            "headline": paper.title,
            "name": paper.title,
            "author": [{"@type": "Person", "name": name, "url": self.absolute(self.links[name].url)} for name in paper.authors],
            "datePublished": paper.date.iso,
            "about": self.category_name(paper.category),
        }
        if paper.abstract:
            ld["abstract"] = paper.abstract
        if paper.affiliations:
            ld["sourceOrganization"] = [{"@type": "Organization", "name": self.affiliation(a)} for a in paper.affiliations]
        if paper.arxiv_id:
            ld["sameAs"] = f"https://arxiv.org/abs/{paper.arxiv_id}"
            ld["identifier"] = {"@type": "PropertyValue", "propertyID": "arXiv", "value": paper.arxiv_id}
        return ld


def thousands(value: int | None) -> str:
    """121302 → "121,302"; an unknown figure → "–" (never 0)."""
    return "–" if value is None else f"{value:,}"


def hue(code: str) -> int:
    """A category's own colour hue, the same in every build."""
    return zlib.crc32(code.encode()) * 47 % 360


def make_env(templates: Path, site: SiteView | None, compiled: Path | None = None) -> Environment:
    """The build's environment; templates compiled once are kept in `compiled`, if given.
    Without a site it compiles templates but renders none."""
    env = SiteEnvironment(
        loader=FileSystemLoader(templates),
        bytecode_cache=FileSystemBytecodeCache(str(compiled)) if compiled else None,
        auto_reload=False,  # one environment per build: no stat of each template at each use
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(thousands=thousands, linkify=linkify, bibtex=bibtex, hue=hue)
    # tojson (JSON-LD) through to_json; Jinja still escapes <, >, & and ' in what it gives
    env.policies.update({"json.dumps_function": lambda value: to_json(value).decode(), "json.dumps_kwargs": {}})
    per_paper = {name: PerPaper(env, template) for name, template in PER_PAPER.items()}
    env.filters.update(per_paper, once=_once(env), items=lambda papers: Markup("".join(map(per_paper["item"], papers))))
    if site is not None:
        env.globals.update(site=site, url=site.url, asset=site.asset, is_web_url=is_web_url,
                           author_url=author_url, paper_url=paper_url, category_url=category_url,
                           collection_url=collection_url)
    return env


def _once(env: Environment) -> Callable[[Context, str], Markup]:
    """A fragment that is the same on every page (the site's header), rendered once per build:
    {{ "partials/site_header.html" | once }}."""
    done: dict[str, Markup] = {}

    @pass_context  # so that Jinja does not render it while compiling (a constant argument):
    def once(context: Context, template: str) -> Markup:  # compiled templates are cached
        if template not in done:
            done[template] = Markup(env.get_template(template).render())
        return done[template]

    return once


class PerPaper:
    """A fragment about one paper (its list item, its badges) rendered once per build: a
    paper shows on its own page and in many lists. `done` maps paper ids to fragments."""

    def __init__(self, env: Environment, template: str) -> None:
        self.env, self.template = env, template
        self.done: dict[str, Markup] = {}

    def __call__(self, paper: Paper) -> Markup:
        if paper.id not in self.done:
            self.done[paper.id] = Markup(self.env.get_template(self.template).render(paper=paper))
        return self.done[paper.id]


def site_view(config: SiteConfig, catalog: Catalog, assets: Mapping[str, str], markdown: Markdown) -> SiteView:
    profiles = frozenset(a.id for a in catalog.authors if a.profile)
    base, links = config.base_path, {}
    for name in {name for p in catalog.papers for name in p.authors}:
        aid = author_id(name, config.aliases)
        url = author_url(aid)
        links[name] = AuthorLink(aid, url, under(base, url), aid in profiles)
    return SiteView(config, assets, links, navigation(markdown))


def navigation(markdown: Markdown) -> tuple[tuple[str, str], ...]:
    """(URL, title) of each Markdown page, for the site's menu."""
    return tuple((f"/{name}/", page.title) for name, page in markdown.pages.items())


@contextmanager
def _template_errors() -> Iterator[None]:
    """A template's error, as a UserError naming the template and line."""
    try:
        yield
    except TemplateSyntaxError as e:
        raise UserError(f"templates/{e.name}:{e.lineno}: error: {e.message}") from None
    except TemplateError as e:
        raise UserError(f"templates: error: {e}") from None


def render_template(env: Environment, template: str, **context: object) -> bytes:
    with _template_errors():
        return env.get_template(template).render(**context).encode()


def render_page(env: Environment, page: Page) -> bytes:
    return render_template(env, page.template, page=page, **page.context)


def render_fragments(env: Environment, papers: Iterable[Paper]) -> dict[str, dict[str, Markup]]:
    """The fragments of `papers` that other pages show, by fragment name and paper id: their
    list items (their badges and authors are made too, but only inside an item or on the
    paper's own page)."""
    item = env.filters["item"]
    with _template_errors():
        return {"item": {paper.id: item(paper) for paper in papers}}


def compile_templates(env: Environment) -> None:
    """Compile every template now, so that forked workers inherit them compiled. One that
    does not compile is left for its first use to report."""
    for name in env.list_templates():
        try:
            env.get_template(name)
        except TemplateError:
            pass


def precompile(templates: Path, compiled: Path) -> None:
    """Compile every template into `compiled`, where a build's environment finds them."""
    compile_templates(make_env(templates, None, compiled))


def add_fragments(env: Environment, fragments: Mapping[str, Mapping[str, Markup]]) -> None:
    """Fragments rendered elsewhere (by another process), so they are not rendered again."""
    for name, done in fragments.items():
        env.filters[name].done.update(done)
