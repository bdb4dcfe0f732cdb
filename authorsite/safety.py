"""Untrusted text made safe for HTML: escaped, with only http(s) URLs turned into links."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from linkify_it import LinkifyIt
from markupsafe import Markup, escape

_LINKIFY = LinkifyIt(options={"fuzzy_link": False, "fuzzy_email": False, "fuzzy_ip": False})


def is_web_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


# runs of non-space text: a link never spans a space, and linkify-it reads the start of a
# run as it reads a space, so it finds the same links in the runs that hold "http" as in the
# whole text, several times quicker than over a whole abstract
_RUNS = re.compile(r"\S+")


def links(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, url, text) of each http(s) link linkify-it finds in `text`."""
    if "http" not in text.lower():
        return
    for run in _RUNS.finditer(text):
        if "http" not in run.group().lower():
            continue
        for m in _LINKIFY.match(run.group()) or ():
            if is_web_url(m.url):
                yield run.start() + m.index, run.start() + m.last_index, m.url, m.text


@functools.lru_cache(maxsize=4096)  # an abstract shows on several pages of a build
def linkify(text: str) -> Markup:
    """Escape `text`, making each http(s) URL in it a link."""
    out, start = [], 0
    for begin, end, url, shown in links(text):
        out += [escape(text[start:begin]), Markup('<a href="{}" rel="nofollow noopener">{}</a>').format(url, shown)]
        start = end
    out.append(escape(text[start:]))
    return out[0] if len(out) == 1 else Markup("".join(out))  # each part escaped already
