"""Markdown content: author bios (content/authors/<id>.md) and pages (content/pages/*.md).

Each file may start with YAML front matter between `---` lines. Raw HTML is off, and
only http(s), mailto and site-relative links become links.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from markupsafe import Markup

from .model import Catalog, Diagnostic, Metrics, SourcePos, warning
from .safety import is_web_url

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

METRIC_FIELDS = tuple(f.name for f in dataclasses.fields(Metrics))


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Bio:
    html: Markup
    links: tuple[Link, ...]
    avatar: str | None  # a site-relative path under static/, or an http(s) URL
    metrics: Metrics | None  # overrides for a profile whose dump has no header


@dataclass(frozen=True, slots=True)
class MdPage:
    title: str
    html: Markup


@dataclass(frozen=True)
class Markdown:
    authors: dict[str, Bio]
    pages: dict[str, MdPage]
    diagnostics: tuple[Diagnostic, ...] = ()


def markdown_renderer(base_path: str = "/") -> MarkdownIt:
    """CommonMark without raw HTML; site-relative links (`/api/x.json`) put under `base_path`."""
    from markdown_it import MarkdownIt  # loaded only for a site with Markdown: 15 ms

    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": True}).enable(["linkify", "table"])
    md.validateLink = lambda url: is_web_url(url) or url.startswith(("mailto:", "/", "#"))
    md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})

    def under_base_path(state: StateCore) -> None:
        for token in state.tokens:
            for child in token.children or ():
                for attr in ("href", "src"):
                    value = child.attrGet(attr)
                    if isinstance(value, str) and value.startswith("/") and not value.startswith("//"):
                        child.attrSet(attr, base_path + value[1:])

    md.core.ruler.push("base_path", under_base_path)
    return md


def _front_matter(text: str, label: str, diagnostics: list[Diagnostic]) -> tuple[dict[str, object], str]:
    """(front matter, body)."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        diagnostics.append(warning(SourcePos(label, 1), "front matter opened with '---' is never closed; read as text"))
        return {}, text
    head, body = text[4:end], text[end + 4 :].lstrip("-").lstrip("\n")
    try:
        data = yaml.safe_load(head) or {}
    except yaml.YAMLError as e:
        line = getattr(getattr(e, "problem_mark", None), "line", 0) + 2
        diagnostics.append(warning(SourcePos(label, line), f"front matter is not valid YAML ({getattr(e, 'problem', e)}); ignored"))
        data = {}
    if not isinstance(data, dict):
        diagnostics.append(warning(SourcePos(label, 2), "front matter must be a mapping of keys to values; ignored"))
        data = {}
    return data, body


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _bio(data: dict[str, object], html: Markup, label: str, diagnostics: list[Diagnostic]) -> Bio:
    links = []
    for item in data.get("links") or []:
        if isinstance(item, dict) and isinstance(item.get("url"), str) and is_web_url(item["url"]):
            links.append(Link(str(item.get("label") or item["url"]), item["url"]))
        else:
            diagnostics.append(warning(SourcePos(label, 1), f"link {item!r} needs an http(s) 'url' (and a 'label'); ignored"))
    given = data.get("metrics")
    metrics = Metrics(**{k: _int_or_none(given.get(k)) for k in METRIC_FIELDS}) if isinstance(given, dict) else None
    avatar = data.get("avatar") if isinstance(data.get("avatar"), str) else None
    return Bio(html, tuple(links), avatar, metrics)


def load_markdown(root: Path, base_path: str) -> Markdown:
    md = cache(partial(markdown_renderer, base_path))  # made for the first file, if there is one
    diagnostics: list[Diagnostic] = []
    found: dict[str, dict[str, tuple[dict[str, object], Markup, str]]] = {"authors": {}, "pages": {}}
    for kind in found:
        for path in sorted((root / "content" / kind).glob("*.md")):
            label = path.relative_to(root).as_posix()
            data, body = _front_matter(path.read_text(encoding="utf-8-sig", errors="replace"), label, diagnostics)
            found[kind][path.stem] = (data, Markup(md().render(body)), label)
    authors = {name: _bio(data, html, label, diagnostics) for name, (data, html, label) in found["authors"].items()}
    pages = {name: MdPage(str(data.get("title") or name.replace("-", " ").title()), html)
             for name, (data, html, _) in found["pages"].items()}
    return Markdown(authors, pages, tuple(diagnostics))


def apply_overrides(catalog: Catalog, markdown: Markdown) -> Catalog:
    """Metrics from an author's front matter fill what their dump's header lacked."""
    authors = []
    for a in catalog.authors:
        bio = markdown.authors.get(a.id)
        if a.profile and bio and bio.metrics and a.metrics is not None:
            merged = {k: getattr(a.metrics, k) if getattr(a.metrics, k) is not None else getattr(bio.metrics, k) for k in METRIC_FIELDS}
            a = dataclasses.replace(a, metrics=Metrics(**merged))
        authors.append(a)
    return dataclasses.replace(catalog, authors=tuple(authors))
