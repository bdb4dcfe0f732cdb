"""Untrusted text made safe for HTML: escaped, with only http(s) URLs turned into links."""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

from linkify_it import LinkifyIt
from markupsafe import Markup, escape

_LINKIFY = LinkifyIt(options={"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})


def is_web_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@functools.lru_cache(maxsize=4096)  # an abstract shows on several pages of a build
def linkify(text: str) -> Markup:
    """Escape `text`, making each http(s) URL in it a link."""
    if "http" not in text.lower():
        return escape(text)
    out, start = [], 0
    for m in _LINKIFY.match(text) or ():
        if not is_web_url(m.url):
            continue
        out += [escape(text[start : m.index]), Markup('<a href="{}" rel="nofollow noopener">{}</a>').format(m.url, m.text)]
        start = m.last_index
    out.append(escape(text[start:]))
    return Markup("").join(out)
