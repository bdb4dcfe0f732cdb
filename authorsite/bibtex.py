"""A BibTeX entry for a paper."""

from __future__ import annotations

import re

from .model import Paper
from .slugs import slugify


_DROPPED = re.compile(r"[{}\\]")
_SPECIAL = re.compile(r"([&%$#_])")
_EITHER = re.compile(r"[{}\\&%$#_]")


def _braced(text: str) -> str:
    """Text safe inside a BibTeX {…} value: braces and backslashes dropped, specials escaped."""
    if not _EITHER.search(text):  # most text: one search is quicker than two substitutions
        return text
    return _SPECIAL.sub(r"\\\1", _DROPPED.sub("", text))


def cite_key(p: Paper) -> str:
    surname = slugify(p.authors[0].split()[-1]) if p.authors else "anon"
    word = next((w for w in slugify(p.title).split("-") if len(w) > 3), "paper")
    return f"{surname}{p.year or ''}{word}"


def bibtex(p: Paper) -> str:
    authors = " and ".join(p.authors) + (" and others" if p.et_al else "")
    fields = [("title", "{" + _braced(p.title) + "}"), ("author", _braced(authors))]
    if p.year:
        fields.append(("year", str(p.year)))
    if p.arxiv_id:
        fields += [("eprint", p.arxiv_id), ("archivePrefix", "arXiv"),
                   ("url", f"https://arxiv.org/abs/{p.arxiv_id}")]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{'article' if p.arxiv_id else 'misc'}{{{cite_key(p)},\n{body}\n}}"
