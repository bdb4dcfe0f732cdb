"""The one source of truth for site URLs: site-relative, with a leading slash, no base path."""

from __future__ import annotations

from .slugs import slugify


def author_url(author_id: str) -> str:
    return f"/authors/{author_id}/"


def paper_url(paper_id: str) -> str:
    return f"/papers/{paper_id}/"


def under(base_path: str, url: str) -> str:
    """A site-relative URL (`/papers/x/`) under the base path (`/repo/papers/x/`)."""
    return base_path + url.lstrip("/")


def output_path(url: str) -> str:
    """Where a page's file goes: `/papers/x/` → `papers/x/index.html`."""
    path = url.lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def collection_url(file: str) -> str:
    """An owner-less dump's page, named after its file: `content/profiles/x.txt` → `/collections/x/`."""
    return f"/collections/{slugify(file.rsplit('/', 1)[-1].rsplit('.', 1)[0])}/"


def category_url(code: str) -> str:
    return f"/categories/{code.lower()}/"


def year_url(year: int | None) -> str:
    return f"/years/{year if year is not None else 'undated'}/"
