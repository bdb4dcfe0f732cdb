"""What each page is made from, hashed: a rebuild renders only the pages whose digest changed.

A page's digest covers what every page shows (code, templates, site.yaml, asset names,
the menu) and the page's own URL, title and context. Papers and
authors in a context count by their own digest, computed once each, so the hashing of
a whole site stays linear in its size. Digests are the same in every process (no hash()).
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Mapping
from pathlib import Path

from .cache import CODE_VERSION, digest, stable_pickle
from .model import Author, Paper
from .pages import Page
from .config import SiteConfig
from .render import AuthorLink


def site_digest(templates: Path, config: SiteConfig, assets: Mapping[str, str], nav: tuple[tuple[str, str], ...]) -> str:
    """What every page depends on: the code, the templates, site.yaml, asset names, the menu."""
    files = sorted(p for p in templates.rglob("*") if p.is_file()) if templates.is_dir() else []
    sources = b"".join(p.relative_to(templates).as_posix().encode() + b"\0" + p.read_bytes() for p in files)
    state = (config, sorted(assets.items()), nav)
    return digest(CODE_VERSION.encode(), sources, stable_pickle(state))


ATOMS = (str, int, float, bool, type(None))


class Digests:
    """Page digests for one build; `links` (every name → its author page) is what a paper's
    rendering adds to the paper itself: who links where, and which authors have a profile.

    A value is hashed by its key, pickled: atoms as they are, tuples, lists and dicts item by
    item, dataclasses field by field, papers and authors by their own digests. Any other
    value counts by its repr: at worst (an address in it) its page is always rendered."""

    def __init__(self, site: str, links: Mapping[str, AuthorLink]) -> None:
        self.site = site.encode()
        self.links = {name: repr(link).encode() for name, link in links.items()}
        self.papers: dict[str, str] = {}  # by id, each made once (workers send theirs back)
        self._authors: dict[str, str] = {}
        self._fields: dict[type, tuple[str, ...]] = {}

    def paper(self, p: Paper) -> str:
        """The paper as pickled (a record of atoms, tuples and records: its constructor's
        arguments say it all, and equal bytes mean equal papers), and its authors' links."""
        if p.id not in self.papers:
            self.papers[p.id] = digest(pickle.dumps(p, 5), *[self.links[n] for n in p.authors])
        return self.papers[p.id]

    def author(self, a: Author) -> str:
        if a.id not in self._authors:
            self._authors[a.id] = digest(repr(a).encode())
        return self._authors[a.id]

    def page(self, page: Page) -> str:
        return digest(self.site, stable_pickle(self._key(page)))

    def _record(self, value: object) -> tuple[object, ...]:
        names = self._fields.get(type(value))
        if names is None:
            names = self._fields[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return (type(value).__name__, *[self._key(getattr(value, name)) for name in names])

    def _key(self, value: object) -> object:
        kind = type(value)
        if kind in ATOMS:
            return value
        if kind is Paper:
            return self.paper(value)
        if kind is Author:
            return self.author(value)
        if kind is tuple or kind is list:
            return tuple([self._key(v) for v in value])
        if kind is dict:
            return tuple([(k, self._key(v)) for k, v in value.items()])
        if dataclasses.is_dataclass(value):
            return self._record(value)
        return repr(value)
