"""Helpers for the catalog, config, CLI and export tests: throw-away copies of the project.

Expected values in those tests were read off the seed dumps by hand; the regex here is
deliberately independent of authorsite's parsers, for cross-checks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from authorsite.model import Catalog, Paper, SourcePos
from authorsite.pipeline import Loaded, load

ROOT = Path(__file__).resolve().parents[1]
PROFILES = "content/profiles"
JACK, DEEP, ALEX, ARXIV = (f"{PROFILES}/{n}.txt" for n in ("jack-clark", "deep-ganguli", "alex-tamkin", "arxiv-listing"))
PAPER_DUMPS = (JACK, DEEP, ALEX)
BADGE = re.compile(r"[A-Z]{2}(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}(, \d{4})?(Code)?")


def seed_lines(file: str) -> list[str]:
    """A seed's lines; line N is item N - 1."""
    return (ROOT / file).read_text(encoding="utf-8").split("\n")


def edited(file: str, changes: dict[int, str]) -> str:
    """A seed's text with some lines (1-based) replaced."""
    lines = seed_lines(file)
    for number, text in changes.items():
        lines[number - 1] = text
    return "\n".join(lines)


def make_project(dest: Path, site: str | None = None, files: dict[str, str | None] | None = None,
                 full: bool = False) -> Path:
    """A copy of the project at `dest`: content/ and site.yaml (and build.py, templates/,
    static/ when `full`). `site` replaces site.yaml's text; `files` maps a path relative to
    the project to new text, or to None to delete it."""
    dest.mkdir(parents=True, exist_ok=True)
    names = ["content", "site.yaml"] + (["build.py", "templates", "static"] if full else [])
    for name in names:
        src = ROOT / name
        if src.is_dir():  # copyfile, not copy2: the seeds are read-only and the copies get edited
            shutil.copytree(src, dest / name, copy_function=shutil.copyfile)
        elif src.exists():
            shutil.copyfile(src, dest / name)
    if site is not None:
        (dest / "site.yaml").write_text(site, encoding="utf-8")
    for rel, text in (files or {}).items():
        if text is None:
            (dest / rel).unlink()
        else:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            (dest / rel).write_text(text, encoding="utf-8")
    return dest


def site_yaml(*changes: tuple[str, str]) -> str:
    """The bundled site.yaml with (old, new) text replacements, each of which must apply."""
    text = (ROOT / "site.yaml").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


def load_project(dest: Path, **kwargs) -> Loaded:
    return load(make_project(dest, **kwargs))


def paper(catalog: Catalog, title: str) -> Paper:
    (found,) = [p for p in catalog.papers if p.title == title]
    return found


def at(*positions: str) -> tuple[SourcePos, ...]:
    """`"content/profiles/x.txt:12"` → SourcePos, sorted as Paper.sources are."""
    return tuple(sorted(SourcePos(f, int(n)) for f, n in (p.rsplit(":", 1) for p in positions)))


def diagnostics_at(diagnostics, file: str, line: int) -> list[str]:
    return [f"{d.severity.value}: {d.message}" for d in diagnostics if (d.pos.file, d.pos.line) == (file, line)]


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`python build.py ARGS` in `cwd`, as a user runs it."""
    return subprocess.run([sys.executable, "build.py", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
