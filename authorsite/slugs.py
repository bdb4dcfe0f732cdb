"""URL slugs: ASCII, lower case, hyphenated, stable for the same text."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from .names import FOLD, title_key

MAX_LENGTH = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    if not text.isascii():  # letters folded to ASCII (ł → l, é → e), the others dropped
        text = unicodedata.normalize("NFKD", text.translate(FOLD)).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:6]


def paper_slug(title: str, key: str) -> str:
    """A title's slug, cut at a word under MAX_LENGTH. A slug that is cut, or that drops
    letters of the title (non-Latin script), ends in a hash of `key` (the title_key): so a
    slug spells one title only, and a new paper never takes an existing paper's slug."""
    # an ASCII title's key is its slug spaced: letters and digits, lower case, the rest one space
    slug = key.replace(" ", "-") if title.isascii() else slugify(title)
    if slug and len(slug) <= MAX_LENGTH and slug.replace("-", " ") == key:
        return slug
    cut = slug if len(slug) <= MAX_LENGTH else slug[: MAX_LENGTH + 1].rsplit("-", 1)[0]
    cut = cut or "paper"
    return f"{cut}-{short_hash(key)}"


@functools.lru_cache(maxsize=1 << 16)  # a name is written on each of its papers
def author_slug(name: str) -> str:
    """A name's slug; one that drops letters of the name (a non-Latin script) ends in a hash
    of it, so that people whose names no ASCII slug spells still get ids of their own."""
    slug, key = slugify(name), title_key(name)
    return slug if slug and slug.replace("-", " ") == key else f"{slug or 'author'}-{short_hash(key)}"
