"""URL slugs: ASCII, lower case, hyphenated, stable for the same text."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_LENGTH = 60


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:6]


def paper_slug(title: str, key: str) -> str:
    """A title's slug, cut at a word under MAX_LENGTH; a cut slug ends in a hash of `key`."""
    slug = slugify(title)
    if len(slug) <= MAX_LENGTH and slug:
        return slug
    cut = slug[: MAX_LENGTH + 1].rsplit("-", 1)[0] if slug else "paper"
    return f"{cut}-{short_hash(key)}"
