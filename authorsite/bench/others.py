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

from ..model import Catalog

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


def records(catalog: Catalog) -> list[Record]:
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
                             ordered, p.abstract))
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


def write_hugo(recs: list[Record], dest: Path) -> Path:
    """dest/ gets the Hugo site (hugo.toml, layouts/) and content/papers/*.md; returns the content dir."""
    shutil.copytree(ASSETS / "hugo-site", dest)
    content = dest / "content" / "papers"
    content.mkdir(parents=True)
    for r in recs:
        (content / f"{r.id}.md").write_text(hugo_text(r), encoding="utf-8")
    return dest / "content"


def write_pelican(recs: list[Record], dest: Path) -> Path:
    """dest/ gets pelicanconf.py, theme/ and content/*.md; returns the content dir."""
    shutil.copytree(ASSETS / "pelican-site", dest)
    content = dest / "content"
    content.mkdir()
    for r in recs:
        (content / f"{r.id}.md").write_text(pelican_text(r), encoding="utf-8")
    return content
