"""Catalog → the search index in /pagefind/: Pagefind indexes a small HTML record per paper
and per author (what a result shows and is found by), not the pages themselves, which
are several times larger and mostly lists. The index is made again only when a record
changed: the last one is kept in the cache under the digest of all records.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from markupsafe import escape

from .affiliations import display_name
from .cache import Cache, digest
from .categories import category_name
from .config import SiteConfig, UserError
from .model import Author, Catalog, Paper
from .output import write_file
from .urls import author_url, output_path, paper_url

FOLDER = "pagefind"  # in the site: the bundle Pagefind writes, and its UI


def _record(title: str, lines: list[str], filters: dict[str, str]) -> bytes:
    """What Pagefind reads of one result: the title, lines of text, and filter values."""
    meta = "".join(f'<meta data-pagefind-filter="{name}[content]" content="{escape(value)}">'
                   for name, value in filters.items())
    body = "".join(f"<p>{escape(line)}</p>" for line in lines if line)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>{meta}</head>'
            f"<body data-pagefind-body><h1>{escape(title)}</h1>{body}</body></html>").encode()


def _paper(p: Paper, config: SiteConfig) -> bytes:
    category = category_name(p.category, config.categories)
    lines = [", ".join(p.authors) + (" et al." if p.et_al else ""),
             ", ".join(display_name(a, config.affiliations) for a in p.affiliations),
             f"{category} · {p.date.text}", p.arxiv_id and f"arXiv:{p.arxiv_id}"]
    if config.search == "full":
        lines.append(p.abstract)
    return _record(p.title, lines, {"Type": "Paper", "Category": category, "Year": str(p.date.year or "undated")})


def _author(a: Author, config: SiteConfig) -> bytes:
    what = "Profile" if a.profile else "Co-author"
    category = category_name(a.category, config.categories) if a.category else ""
    return _record(a.name, [f"{what} · {len(a.papers)} papers", category], {"Type": "Author"})


def records(catalog: Catalog, config: SiteConfig) -> list[tuple[str, bytes]]:
    """Each result's page (its output path) and what Pagefind reads of it."""
    return ([(output_path(paper_url(p.id)), _paper(p, config)) for p in catalog.papers]
            + [(output_path(author_url(a.id)), _author(a, config)) for a in catalog.authors])


def _pagefind() -> Path:
    """The Pagefind program the pagefind-bin package installs."""
    try:
        from pagefind_bin import get_executable
        return Path(get_executable())
    except (ImportError, FileNotFoundError) as e:
        raise UserError(f"error: search needs Pagefind (pip install pagefind-bin), or 'search: off' in site.yaml: {e}") from None


def _index(program: Path, found: list[tuple[str, bytes]], into: Path) -> None:
    """Pagefind's bundle of these records, written into `into`."""
    with tempfile.TemporaryDirectory(dir=into.parent, prefix=".records-") as site:
        for path, data in found:
            write_file(Path(site), path, data)
        result = subprocess.run([str(program), "--site", site, "--output-path", str(into), "--force-language", "en", "--silent"],
                                capture_output=True, text=True)
    if result.returncode:
        raise UserError(f"error: Pagefind failed to index the search records: {(result.stdout + result.stderr).strip()}")


def search_index(root: Path, catalog: Catalog, config: SiteConfig) -> Path | None:
    """The folder of Pagefind's bundle for this catalog (None with 'search: off'): indexed
    now, or kept from the last build that had the same records."""
    if not config.searched:
        return None
    found = records(catalog, config)
    program = _pagefind()
    stat = program.stat()  # another Pagefind, another index
    key = digest(f"{program}\0{stat.st_size}\0{stat.st_mtime_ns}".encode(), *(path.encode() + b"\0" + data for path, data in found))
    return Cache(root).search(key, lambda into: _index(program, found, into))


def search_files(folder: Path | None) -> Iterator[tuple[str, bytes]]:
    """The site's files of /pagefind/, from the bundle's folder."""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()) if folder else ():
        yield f"{FOLDER}/{path.relative_to(folder).as_posix()}", path.read_bytes()
