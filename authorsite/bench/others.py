"""The same papers as Hugo and Pelican inputs, as shared/bench/make_corpus.py writes them:
taken from authorsite's own catalog (so all three tools build the same papers, authors,
categories and years), one Markdown file a paper, with the taxonomies tags (the
category), authors and years. The small layouts and theme are in assets/.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..affiliations import display_name
from ..categories import category_name
from ..config import SiteConfig
from ..model import Catalog
from ..render import hue

ASSETS = Path(__file__).resolve().parent / "assets"
UNDATED_YEAR = 1970  # Pelican needs a date: an undated paper gets its month/day in this year


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    title: str
    date: str | None  # YYYY-MM-DD, None when undated
    month_day: str  # MM-DD
    category: str
    authors: tuple[str, ...]  # as listed, then profile owners the dump's "et al." hid
    abstract: str
    et_al: bool
    affiliations: tuple[str, ...]  # display names
    arxiv_id: str | None
    has_code: bool


def records(catalog: Catalog, config: SiteConfig) -> list[Record]:
    """One record per paper; its authors are those whose author page lists it."""
    owners: dict[str, list[str]] = defaultdict(list)
    for a in catalog.authors:
        for pid in a.papers:
            owners[pid].append(a.name)
    result = []
    for p in catalog.papers:
        names = list(dict.fromkeys(owners[p.id]))
        listed = [n for n in p.authors if n in names]
        ordered = tuple(dict.fromkeys(listed + names))
        result.append(Record(p.id, p.title, p.date.iso, f"{p.date.month:02d}-{p.date.day:02d}", p.category,
                             ordered, p.abstract, p.et_al, tuple(display_name(a, config.affiliations) for a in p.affiliations),
                             p.arxiv_id, p.has_code))
    return result


def _toml(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a TOML basic string


def hugo_text(r: Record) -> str:
    return (
        "+++\n"
        f"title = {_toml(r.title)}\n"
        + (f"date = {r.date}\n" if r.date else "")
        + f"tags = [{_toml(r.category)}]\n"
        f"authors = [{', '.join(_toml(a) for a in r.authors)}]\n"
        f"years = [{_toml(r.date[:4] if r.date else 'undated')}]\n"
        f"et_al = {'true' if r.et_al else 'false'}\n"
        f"affiliations = [{', '.join(_toml(a) for a in r.affiliations)}]\n"
        + (f"arxiv = {_toml(r.arxiv_id)}\n" if r.arxiv_id else "")
        + f"code = {'true' if r.has_code else 'false'}\n"
        "+++\n\n"
        f"{r.abstract}\n"
    )


def pelican_text(r: Record) -> str:
    return (
        f"Title: {r.title}\n"
        f"Date: {r.date or f'{UNDATED_YEAR}-{r.month_day}'}\n"
        f"Slug: {r.id}\n"
        f"Tags: {r.category}\n"
        f"Authors: {', '.join(r.authors)}\n"
        "\n"
        f"{r.abstract}\n"
    )


def write_hugo(recs: list[Record], content: Path) -> None:
    """content/papers/*.md: the content both Hugo sites in assets/ build (--contentDir)."""
    folder = content / "papers"
    folder.mkdir(parents=True)
    for r in recs:
        (folder / f"{r.id}.md").write_text(hugo_text(r), encoding="utf-8")


def write_pelican(recs: list[Record], dest: Path) -> Path:
    """dest/ gets pelicanconf.py, theme/ and content/*.md; returns the content dir."""
    shutil.copytree(ASSETS / "pelican-site", dest)
    content = dest / "content"
    content.mkdir()
    for r in recs:
        (content / f"{r.id}.md").write_text(pelican_text(r), encoding="utf-8")
    return content


def write_hugo_data(catalog: Catalog, config: SiteConfig, site: Path) -> None:
    """site/data/ gets what hugo-full's pages show beyond the papers: each profile's figures,
    by name, and each category's name and hue, by code."""
    profiles = {a.name: {"h_index": m.h_index, "papers": m.papers, "citations": m.citations,
                         "novelty": m.novelty_pct, "ai_score": m.ai_score}
                for a in catalog.authors if a.profile and (m := a.metrics) is not None}
    codes = {p.category for p in catalog.papers}
    categories = {c: {"name": category_name(c, config.categories), "hue": hue(c)} for c in codes}
    (site / "data").mkdir(exist_ok=True)
    (site / "data" / "profiles.json").write_text(json.dumps(profiles, ensure_ascii=False), encoding="utf-8")
    (site / "data" / "categories.json").write_text(json.dumps(categories, ensure_ascii=False), encoding="utf-8")
