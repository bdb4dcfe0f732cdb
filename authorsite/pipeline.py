"""The build, stage by stage: site.yaml and content/ → dumps → catalog → files."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
from collections.abc import Container, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from itertools import chain, count, takewhile
from pathlib import Path

from jinja2 import Environment

from .cache import Cache, Manifest, digest, read_manifest, stable_pickle, write_manifest
from .catalog import build_catalog
from .config import BASE_URL_EXPECTED, ProfileSettings, SiteConfig, UserError, is_base_url, load_config
from .content import Markdown, apply_overrides, load_markdown
from .dumps import parse_bytes
from .export import export_files
from .model import Catalog, Diagnostic, Dump, Severity, SourcePos, warning
from .digests import Digests, page_digest, site_digest
from .output import WriteReport, remove_stale, write_file
from .pages import Page, Unit, build_units
from .progress import Progress
from .search import page_diagnostics, search_files, search_index, site_parts
from .render import make_env, navigation, precompile, render_template, site_view, static_files, static_paths
from .urls import output_path
from .forking import alongside, collector_paused, take_turns
from .workers import Job, render_and_write

PROFILES_DIR = "content/profiles"


def _quiet(phase: str, done: int, total: int) -> None:
    pass


@dataclass(frozen=True)
class Loaded:
    root: Path
    config: SiteConfig
    catalog: Catalog
    markdown: Markdown
    diagnostics: tuple[Diagnostic, ...]  # site.yaml's, the catalog's, the Markdown's, the search page's
    key: str  # a digest of all that was read: equal keys, equal sites
    unkept: tuple[str, Catalog] | None = None  # a catalog just merged, and its key: for keep()


def discover(root: Path) -> list[Path]:
    """Every visible file under content/profiles/, sorted: its format is read from its text."""
    folder = root / PROFILES_DIR
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _parse(task: tuple[Path, str, str, bytes, tuple[str, ...]]) -> tuple[Dump, bytes]:
    """Parse one dump and keep it in the cache: the dump, and the pickle kept."""
    root, key, label, data, titles = task
    dump = parse_bytes(data, label, titles)
    return dump, Cache(root).keep(key, dump)


@dataclass(frozen=True)
class Inputs:
    """What a build reads before it merges anything: quick to gather, and enough to tell
    whether the last build's output is still what these inputs make."""

    root: Path
    config: SiteConfig
    settings: dict[str, ProfileSettings]  # by dump file
    sources: tuple[tuple[str, bytes], ...]  # (dump file, its bytes)
    keys: tuple[str, ...]  # each dump's cache key
    markdown: Markdown
    diagnostics: tuple[Diagnostic, ...]  # site.yaml's
    merged_key: str  # a digest of the dumps and site.yaml
    key: str  # ... and of the Markdown: equal keys, equal catalogs


def read_inputs(root: Path, base_url: str | None = None) -> Inputs:
    """site.yaml, the dumps' bytes and the Markdown content; raises UserError only for site.yaml."""
    config, diagnostics = load_config(root / "site.yaml")
    if base_url is not None:
        if not is_base_url(base_url):
            raise UserError("--base-url: " + BASE_URL_EXPECTED.format(base_url))
        config = dataclasses.replace(config, base_url=base_url)
    files = discover(root)
    names = {p.relative_to(root / PROFILES_DIR).as_posix(): p.relative_to(root).as_posix() for p in files}
    settings: dict[str, ProfileSettings] = {}
    for name, given in config.profiles.items():
        if name in names:
            settings[names[name]] = given
        else:
            diagnostics.append(warning(SourcePos("site.yaml", given.line), f"profiles: no file {PROFILES_DIR}/{name}; its settings are unused"))
    for link in static_paths(root / "static")[1]:
        diagnostics.append(warning(SourcePos(link.relative_to(root).as_posix(), 1),
                                   "a link to a file outside static/: not published (copy the file into static/ to publish it)"))
    sources = tuple((path.relative_to(root).as_posix(), path.read_bytes()) for path in files)
    keys = tuple(Cache.dump_key(data, label, config.titles) for label, data in sources)
    markdown = load_markdown(root, config.base_path)
    merged_key = digest(*(k.encode() for k in keys), stable_pickle(config))
    key = digest(merged_key.encode(), stable_pickle(markdown))
    return Inputs(root, config, settings, sources, keys, markdown, tuple(diagnostics), merged_key, key)


def merge(inputs: Inputs, progress: Progress = _quiet, jobs: int = 1, compile_too: bool = False) -> Loaded:
    """Parse the dumps the cache lacks (on `jobs` processes) and merge them all, or take the
    merged catalog from the cache when neither the dumps nor site.yaml changed (keep() or
    build() caches a catalog merged here). With `compile_too`, the templates are compiled
    for the build to come, on a core the merge leaves idle."""
    root, config, cache = inputs.root, inputs.config, Cache(inputs.root)

    def merged() -> Catalog:
        dumps = [cache.dump(key) for key in inputs.keys]
        unread = [i for i, dump in enumerate(dumps) if dump is None]
        tasks = [(root, inputs.keys[i], *inputs.sources[i], config.titles) for i in unread]
        here = os.getpid()

        def parsed(span: range) -> tuple[int, list[Dump | bytes]]:
            """tasks[span] parsed and kept in the cache: the dumps; on a forked process, the
            pickles kept, which it sends back (each dump is pickled once)."""
            forked = os.getpid() != here
            return span.start, [kept if forked else dump for dump, kept in map(_parse, tasks[span.start : span.stop])]

        def received(part: tuple[int, list[Dump | bytes]]) -> None:
            nonlocal done
            start, found = part
            for i, dump in enumerate(found, start):
                dumps[unread[i]] = pickle.loads(dump) if isinstance(dump, bytes) else dump
            done += len(found)
            progress("read", done, len(tasks))

        done = 0
        take_turns(parsed, len(tasks), 1, jobs, received)
        progress("merge", 0, 1)
        with alongside(partial(precompile, root / "templates", cache.templates()), jobs) if compile_too else nullcontext():
            catalog, memo = build_catalog([d for d in dumps if d is not None], config, inputs.settings, jobs, cache.arxiv())
        cache.keep_arxiv(memo)
        return catalog

    with collector_paused():
        cached = cache.catalog(inputs.merged_key)
        unkept = None if cached else (inputs.merged_key, merged())
        catalog = apply_overrides(cached or unkept[1], inputs.markdown)  # type: ignore[index]
    cache.prune(inputs.keys)
    diagnostics = (inputs.diagnostics + catalog.diagnostics + inputs.markdown.diagnostics
                   + tuple(page_diagnostics(root, catalog, config)))
    return Loaded(root, config, catalog, inputs.markdown, diagnostics, inputs.key, unkept)


def keep(loaded: Loaded) -> None:
    """Cache the catalog `loaded` merged, if it did: the next build with the same dumps and
    site.yaml takes it from there."""
    if loaded.unkept:
        Cache(loaded.root).keep_catalog(*loaded.unkept)


def load(root: Path, base_url: str | None = None, progress: Progress = _quiet, jobs: int = 1,
         compile_too: bool = False) -> Loaded:
    """Read site.yaml and every dump, and merge them; raises UserError only for site.yaml."""
    return merge(read_inputs(root, base_url), progress, jobs, compile_too)


def listed(page: Page) -> bool:
    """Whether the sitemap lists the page: HTML pages do, but the 404 page."""
    return page.template.endswith(".html") and page.template != "404.html"


def other_files(loaded: Loaded, env: Environment, urls: Iterable[str], static: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Every file of the site that is neither a page nor the export, as (output path, bytes);
    `urls` are those of the pages the sitemap lists."""
    site, config = env.globals["site"], loaded.config
    yield "sitemap.xml", render_template(env, "sitemap.xml", locations=[site.absolute(url) for url in urls])
    yield "robots.txt", f"User-agent: *\nAllow: /\nSitemap: {site.absolute('/sitemap.xml')}\n".encode()
    yield ".nojekyll", b""
    if config.cname:
        yield "CNAME", config.cname.encode() + b"\n"
    yield from static


def _write_all(out_dir: Path, files: Iterable[tuple[str, bytes]], pages: Container[str]) -> tuple[int, list[str]]:
    """Write files that are not pages: how many changed, and all their paths."""
    written, paths = 0, []
    for path, data in files:
        if path in pages:
            raise UserError(f"error: two pages would be written to {path}")
        paths.append(path)
        written += write_file(out_dir, path, data)
    return written, paths


@dataclass(frozen=True)
class Summary:
    """What a build tells its user besides the files: counts, and every diagnostic."""

    papers: int
    authors: int
    diagnostics: tuple[Diagnostic, ...]

    def to_json(self) -> dict[str, object]:
        return {"papers": self.papers, "authors": self.authors,
                "diagnostics": [[d.pos.file, d.pos.line, d.severity.value, d.message] for d in self.diagnostics]}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Summary:
        found = [Diagnostic(SourcePos(f, line), Severity(s), m) for f, line, s, m in data["diagnostics"]]  # type: ignore[attr-defined]
        return cls(int(data["papers"]), int(data["authors"]), tuple(found))  # type: ignore[arg-type]


def _output_key(root: Path, inputs_key: str, config: SiteConfig, markdown: Markdown,
                fingerprint: bool) -> tuple[str, str, dict[str, str], list[tuple[str, bytes]]]:
    """(the build's key: every input; the digest of what every page shows; asset names; static files)."""
    assets, static = static_files(root / "static", fingerprint)
    shared = site_digest(root / "templates", config, assets, navigation(markdown))
    key = digest(inputs_key.encode(), shared.encode(), *(path.encode() + b"\0" + data for path, data in static))
    return key, shared, assets, static


@dataclass(frozen=True)
class Plan:
    """The site's pages against the last build's files: a unit whose inputs are unchanged
    is not made into pages again (the last build's files say where they went)."""

    made: dict[str, str]  # output path → digest, of every page
    sitemap: dict[str, str]  # output path → URL, of the pages the sitemap lists
    fresh: list[tuple[str, Page]]  # the pages of units whose inputs changed
    kept: list[tuple[Unit, list[str]]]  # units the last build made from these very inputs, and their files

    def missing(self, gone: set[str]) -> list[tuple[str, Page]]:
        """The pages of kept units whose file is gone: rendered again too."""
        return [(path, page) for unit, paths in self.kept if gone.intersection(paths)
                for page in unit.pages() if (path := output_path(page.url)) in gone]


def plan_pages(units: Iterable[Unit], hasher: Digests, last: Manifest) -> Plan:
    """Every page's file and digest; raises UserError if two pages share a file."""
    last_pages = {d: path for path, d in last.files.items() if d}  # a page digest → its file
    made: dict[str, str] = {}
    sitemap: dict[str, str] = {}
    fresh: list[tuple[str, Page]] = []
    kept: list[tuple[Unit, list[str]]] = []

    def add(path: str, made_from: str) -> None:
        if path in made:
            raise UserError(f"error: two pages would be written to {path}")
        made[path] = made_from

    for unit in units:
        unit_digest = hasher.unit(unit)
        paths = list(takewhile(bool, (last_pages.get(page_digest(unit_digest, i)) for i in count())))
        if paths:
            kept.append((unit, paths))
            for i, path in enumerate(paths):
                add(path, page_digest(unit_digest, i))
                if path in last.sitemap:
                    sitemap[path] = last.sitemap[path]
            continue
        for i, page in enumerate(unit.pages()):
            path = output_path(page.url)
            add(path, page_digest(unit_digest, i))
            fresh.append((path, page))
            if listed(page):
                sitemap[path] = page.url
    return Plan(made, sitemap, fresh, kept)


def _made_by(last: Manifest, key: str, out_dir: Path) -> bool:
    """Whether out_dir holds every file of the last build, and that build had this key."""
    return key == last.build and all(os.path.isfile(os.path.join(out_dir, path)) for path in last.files)


def up_to_date(inputs: Inputs, out_dir: Path, fingerprint: bool = True) -> Summary | None:
    """The last build's summary if out_dir holds what these very inputs make (same key, no
    file missing): then there is nothing to do, not even to merge."""
    key = _output_key(inputs.root, inputs.key, inputs.config, inputs.markdown, fingerprint)[0]
    last = read_manifest(inputs.root, out_dir)
    if not _made_by(last, key, out_dir):
        return None
    try:
        return Summary.from_json(last.summary)
    except (KeyError, TypeError, ValueError):
        return None


def build(loaded: Loaded, out_dir: Path, fingerprint: bool = True, jobs: int = 1, progress: Progress = _quiet) -> WriteReport:
    """Write the site into out_dir: render only pages whose inputs changed (or whose file is
    gone), write only files whose bytes changed, remove files the last build made and this
    one does not. CSS/JS names are hashed if `fingerprint`; `jobs` processes render."""
    with collector_paused():
        return _build(loaded, out_dir, fingerprint, jobs, progress)


def _build(loaded: Loaded, out_dir: Path, fingerprint: bool, jobs: int, progress: Progress) -> WriteReport:
    root, config, catalog = loaded.root, loaded.config, loaded.catalog
    key, shared, assets, static = _output_key(root, loaded.key, config, loaded.markdown, fingerprint)
    site = site_view(config, catalog, assets, loaded.markdown)
    last = read_manifest(root, out_dir)
    previous = last.files
    if _made_by(last, key, out_dir):
        keep(loaded)
        return WriteReport(0, len(previous), 0, 0)

    def catalog_files() -> tuple[set[str], int, list[str]]:
        """Which files of the last build are gone; the export written; the catalog kept. One
        core's work while this one plans pages and renders those whose inputs changed (it
        is forked before pages are made, so as not to share their memory)."""
        gone = {path for path in previous if not os.path.isfile(os.path.join(out_dir, path))}
        exported = _write_all(out_dir, export_files(catalog), ())
        keep(loaded)
        return gone, *exported

    parts = site_parts(catalog, config)
    parts_ready = multiprocessing.RawValue("i", 0)  # shared memory: a process forked to index them counts here

    def part_ready() -> None:  # one thread of that process calls it
        parts_ready.value += 1

    with (alongside(catalog_files, jobs) as catalog_done,
          alongside(lambda: search_index(root, catalog, config, jobs, part_ready), jobs if parts else 1) as indexed):
        env = make_env(root / "templates", site, Cache(root).templates())
        plan = plan_pages(build_units(catalog, loaded.markdown, config), Digests(shared, site.links), last)
        progress("pages", 0, len(plan.fresh))
        tally = render_and_write(Job(env, catalog.papers, plan.fresh, out_dir, previous), jobs, progress)
        gone, export_written, export_paths = catalog_done()
        missing = plan.missing(gone)
        if missing:
            progress("pages", 0, len(missing))
            tally.add(render_and_write(Job(env, catalog.papers, missing, out_dir, previous), jobs, progress))
        if parts:  # parts made: Pagefind tells no progress within one
            indexed(lambda: progress("search", parts_ready.value, parts))
            progress("search", parts_ready.value, parts)
        searched, search_written = search_files(indexed(), previous, out_dir)
        others = chain(other_files(loaded, env, plan.sitemap.values(), static), search_written)
        written, other_paths = _write_all(out_dir, others, plan.made)
    clash = set(export_paths) & (plan.made.keys() | set(other_paths) | searched.keys())
    if clash:
        raise UserError(f"error: two files would be written to {min(clash)}")
    made = {**plan.made, **dict.fromkeys(other_paths + export_paths, ""), **searched}
    written += export_written + tally.written
    removed = remove_stale(out_dir, previous, made.keys())
    summary = Summary(len(catalog.papers), len(catalog.authors), loaded.diagnostics)
    write_manifest(root, out_dir, Manifest(key, made, plan.sitemap, summary.to_json()))
    return WriteReport(written, len(made) - written, removed, tally.pages)
