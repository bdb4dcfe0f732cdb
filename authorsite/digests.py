"""What each page is made from, hashed: a rebuild renders only the pages whose digest changed.

A page's digest covers what every page shows (code, templates, site.yaml, asset names,
the menu), its URL, and the inputs of its unit: the pages one function makes from them
alone (pages.Unit). Papers and authors among those count by their own digest, computed
once each, so the hashing of a whole site stays linear in its size, and a paper counts
once in a list however many pages show it. Digests are the same in every process (no
hash()).
"""

from __future__ import annotations

import dataclasses
import marshal
from collections.abc import Callable, Mapping
from hashlib import blake2b
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson

from .cache import CODE_VERSION, digest, stable_pickle
from .model import Author, Paper
from .pages import Unit
from .config import SiteConfig
from .render import AuthorLink


def site_digest(templates: Path, config: SiteConfig, assets: Mapping[str, str], nav: tuple[tuple[str, str], ...]) -> str:
    """What every page depends on: the code, the templates, site.yaml, asset names, the menu."""
    files = sorted(p for p in templates.rglob("*") if p.is_file()) if templates.is_dir() else []
    sources = b"".join(p.relative_to(templates).as_posix().encode() + b"\0" + p.read_bytes() for p in files)
    state = (config, sorted(assets.items()), nav)
    return digest(CODE_VERSION.encode(), sources, stable_pickle(state))


def page_digest(unit: str, place: int) -> str:
    """A page's digest: its unit's, and its place among the unit's pages."""
    return f"{unit}-{place}" if place else unit


MARSHAL_VERSION = 2  # the last that writes equal values as equal bytes: no references, no interning


class Digests:
    """Page digests for one build; `links` (every name → its author page) is what a paper's
    rendering adds to the paper itself: who links where, and which authors have a profile.

    A unit of pages is hashed by its inputs as orjson writes them, papers and authors
    standing as their own digests, and any other record as its type's name and its fields.
    A value orjson cannot write counts by its repr: at worst (an address in it) its pages
    are always rendered."""

    def __init__(self, site: str, links: Mapping[str, AuthorLink]) -> None:
        self.site = site.encode()
        self.links = {name: (link.id, link.url, link.href, link.profile) for name, link in links.items()}
        self.papers: dict[str, str] = {}  # by id, each made once
        self._authors: dict[str, str] = {}
        self._fields: dict[type, Callable[[Any], tuple[Any, ...]]] = {}

    def paper(self, p: Paper) -> str:
        """The paper's fields (each of them: a test changes each and checks the digest
        changes), and its authors' links."""
        found = self.papers.get(p.id)
        if found is None:
            d = p.date
            state = (p.id, p.title, p.authors, p.et_al, p.affiliations, p.category, d.month, d.day, d.year, d.text,
                     p.has_code, p.abstract, p.arxiv_id, p.comment, [(s.file, s.line) for s in p.sources],
                     [self.links[n] for n in p.authors])
            found = self.papers[p.id] = blake2b(marshal.dumps(state, MARSHAL_VERSION), digest_size=16).hexdigest()
        return found

    def author(self, a: Author) -> str:
        found = self._authors.get(a.id)
        if found is None:
            found = self._authors[a.id] = digest(stable_pickle(a))
        return found

    def unit(self, unit: Unit) -> str:
        """What a unit's pages are made from: its function, its inputs, what every page shows."""
        state = (unit.make.__qualname__, unit.inputs)
        try:
            data = orjson.dumps(state, default=self._default, option=orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS)
        except orjson.JSONEncodeError as error:
            if error.__cause__ is not None:  # raised by _default: a fault, not a value orjson refuses
                raise error.__cause__ from None
            data = stable_pickle(state)  # an integer wider than 64 bits
        return blake2b(self.site + data, digest_size=16).hexdigest()  # the site's digest is of fixed length

    def _default(self, value: Any) -> object:
        """What orjson writes for a value it does not know: a record as its fields."""
        kind = type(value)
        if kind is Paper:
            return self.papers.get(value.id) or self.paper(value)
        if kind is Author:
            return self.author(value)
        fields = self._fields.get(kind)
        if fields is None:
            if not dataclasses.is_dataclass(value):
                return repr(value)
            fields = self._fields[kind] = attrgetter(*[f.name for f in dataclasses.fields(value)])
        return (kind.__name__, fields(value))
