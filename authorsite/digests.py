"""What each page is made from, hashed: a rebuild renders only the pages whose digest changed.

A page's digest covers what every page shows (code, templates, site.yaml, asset names,
the site's counts and navigation) and the page's own URL, title and context. Papers and
authors in a context count by their own digest, computed once each, so the hashing of
a whole site stays linear in its size.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Mapping
from pathlib import Path

from .cache import CODE_VERSION, digest, stable_pickle
from .model import Author, Paper
from .pages import Page
from .render import AuthorLink, SiteView


def site_digest(templates: Path, site: SiteView) -> bytes:
    """What every page depends on."""
    files = sorted(p for p in templates.rglob("*") if p.is_file()) if templates.is_dir() else []
    sources = b"".join(p.relative_to(templates).as_posix().encode() + b"\0" + p.read_bytes() for p in files)
    state = (site.config, sorted(site.assets.items()), site.author_count, site.paper_count, site.nav)
    return digest(CODE_VERSION.encode(), sources, stable_pickle(state)).encode()


class _RecordsByDigest(pickle.Pickler):
    def __init__(self, file: io.BytesIO, protocol: int, digests: Digests) -> None:
        super().__init__(file, protocol)
        self.digests = digests

    def reducer_override(self, obj: object) -> object:
        """Papers and authors as their digests (pickle asks this only of objects that are
        not of a built-in type, so strings and tuples cost no call)."""
        if type(obj) is Paper:
            return str, (self.digests.paper(obj),)
        if type(obj) is Author:
            return str, (self.digests.author(obj),)
        return NotImplemented


class Digests:
    """Page digests for one build; `links` (every name → its author page) is what a paper's
    rendering adds to the paper itself: who links where, and which authors have a profile."""

    def __init__(self, site: bytes, links: Mapping[str, AuthorLink]) -> None:
        self.site = site
        self.links = links
        self._papers: dict[str, str] = {}
        self._authors: dict[str, str] = {}

    def paper(self, p: Paper) -> str:
        if p.id not in self._papers:
            self._papers[p.id] = digest(stable_pickle((p, tuple(self.links[n] for n in p.authors))))
        return self._papers[p.id]

    def author(self, a: Author) -> str:
        if a.id not in self._authors:
            self._authors[a.id] = digest(stable_pickle(a))
        return self._authors[a.id]

    def page(self, page: Page) -> str:
        return digest(self.site, stable_pickle(page, _RecordsByDigest, digests=self))
