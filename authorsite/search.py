"""Catalog → the search index in /pagefind/: Pagefind indexes a small HTML record per paper
and per author (what a result shows and is found by), not the pages themselves, which
are several times larger and mostly lists.

Pagefind cannot update an index in part, and its time and memory grow with the records,
so a large site's index is made in parts: each record goes to the part its page's path
hashes to, each part is a Pagefind bundle of its own, and the search page merges them
(Pagefind's mergeIndex). A part is made again only when one of its records changed: it
is kept in the cache under the digest of its records. A retitled paper (a new page) makes
one or two parts again; a new paper, its own and those of its authors (their records
count their papers).
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import zlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from markupsafe import escape

from .affiliations import display_name
from .cache import Cache, digest
from .categories import category_name
from .config import SiteConfig, UserError
from .model import Author, Catalog, Diagnostic, Paper, SourcePos, warning
from .output import write_file
from .urls import author_url, output_path, paper_url

FOLDER = "pagefind"  # in the site: the first part's bundle, with Pagefind's UI and program
# Up to ONE_PART records, one index: Pagefind makes it in a few seconds, and parts have a
# cost (see part_count). Above, a part for each PART_RECORDS records, up to MAX_PARTS.
ONE_PART = 4000
PART_RECORDS = 1000
MAX_PARTS = 16  # the search page loads every part: a few more requests a search for each
# what every bundle has, and the search page takes from the first: Pagefind's program and UI
PROGRAM_FILES = re.compile(r"pagefind[-.\w]*\.(?:js|css)|wasm\.[\w-]+\.pagefind")


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


def part_count(records: int) -> int:
    """How many parts an index of this many records is made in. Parts cost some precision:
    Pagefind answers a word that is in no record of a part with the records of the longest
    start of the word that is (its guess at a typo), so a rare word brings weak matches
    from the parts that lack it, listed after the real ones."""
    return 1 if records <= ONE_PART else min(MAX_PARTS, -(-records // PART_RECORDS))


def site_parts(catalog: Catalog, config: SiteConfig) -> int:
    """How many parts this site's index is made in: none with 'search: off'."""
    return part_count(len(catalog.papers) + len(catalog.authors)) if config.searched else 0


def bundles(count: int) -> tuple[str, ...]:
    """The URL path of each of `count` parts' bundles in the site, the first part's first."""
    return tuple(f"/{FOLDER}/" if i == 0 else f"/{FOLDER}/parts/{i}/" for i in range(count))


def part_of(path: str, count: int) -> int:
    """The part of the record of the page at `path`, among `count`: a hash of the path, so
    a record stays in its part while the number of parts does."""
    return zlib.crc32(path.encode()) % count


def parts(found: Sequence[tuple[str, bytes]]) -> list[list[tuple[str, bytes]]]:
    """The records of each part."""
    split: list[list[tuple[str, bytes]]] = [[] for _ in range(part_count(len(found)))]
    for record in found:
        split[part_of(record[0], len(split))].append(record)
    return split


# what the search page needs to search every part: each file of the project's, and a word it has then
MERGES = (("templates/search.html", "bundles", "list the parts for the search box (data-parts, from `bundles`)"),
          ("static/js/search.js", "mergeIndex", "give the parts to the search box (Pagefind's mergeIndex)"))


def page_diagnostics(root: Path, catalog: Catalog, config: SiteConfig) -> list[Diagnostic]:
    """A warning for each of the project's search page files that predates an index in
    parts (by a word it lacks), when this site's index has several: its search would find
    only the first part's records."""
    count = site_parts(catalog, config)
    found = []
    for rel, word, what in MERGES if count > 1 else ():
        path = root / rel
        if path.is_file() and word not in path.read_text(encoding="utf-8", errors="replace"):
            found.append(warning(SourcePos(rel, 1), (
                f"this site's search index is made in {count} parts, and this file does not {what}: search would "
                f"find only the records of the first part. Update it from authorsite's own (see Search in the README)")))
    return found


def _index(program: Path, found: Sequence[tuple[str, bytes]], into: Path) -> None:
    """Pagefind's bundle of these records, written into `into`."""
    with tempfile.TemporaryDirectory(dir=into.parent, prefix=".records-") as site:
        for path, data in found:
            write_file(Path(site), path, data)
        result = subprocess.run([str(program), "--site", site, "--output-path", str(into), "--force-language", "en", "--silent"],
                                capture_output=True, text=True)
    if result.returncode:
        raise UserError(f"error: Pagefind failed to index the search records: {(result.stdout + result.stderr).strip()}")


def search_index(root: Path, catalog: Catalog, config: SiteConfig, jobs: int = 1,
                 ready: Callable[[], None] = lambda: None) -> list[tuple[str, Path]]:
    """Each part's key (a digest of its records) and the folder of its bundle, the first
    part's first (none with 'search: off'): kept from the last build if its records are the
    same, else made now, `jobs` parts at a time; ready() is called as each part is there."""
    if not config.searched:
        return []
    program = _pagefind()
    stat = program.stat()  # another Pagefind, another index
    made_by = f"{program}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
    split = parts(records(catalog, config))
    keys = [digest(made_by, b"%d" % len(split), *(path.encode() + b"\0" + data for path, data in part)) for part in split]
    with ThreadPoolExecutor(jobs) as pool:  # each thread waits for a Pagefind process
        kept = Cache(root).search({key: partial(_index, program, part) for key, part in zip(keys, split)}, pool.map, ready)
    return [(key, kept[key]) for key in keys]


def search_files(index: Sequence[tuple[str, Path]], last: Mapping[str, str], out_dir: Path) -> tuple[dict[str, str], list[tuple[str, bytes]]]:
    """The site's files of /pagefind/, each with its part's key; and those to write, from
    the parts' bundles: all of the first, only the index of the others (the search page
    runs the first part's program for all). A part the last build wrote into out_dir
    (`last`: its files, each with its key), from the same records, is not read again."""
    before: dict[str, list[str]] = {}
    for path, key in last.items():
        if path.startswith(FOLDER + "/"):
            before.setdefault(key, []).append(path)
    made: dict[str, str] = {}
    files: list[tuple[str, bytes]] = []
    for i, ((key, folder), url) in enumerate(zip(index, bundles(len(index)))):
        there = before.get(key)
        if there and all(os.path.isfile(os.path.join(out_dir, path)) for path in there):
            made.update(dict.fromkeys(there, key))
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if i == 0 or not PROGRAM_FILES.fullmatch(path.name):
                rel = f"{url[1:]}{path.relative_to(folder).as_posix()}"
                made[rel] = key
                files.append((rel, path.read_bytes()))
    return made, files
