"""The rebuilds a writer makes while editing, on a copy of a project (the seed site by
default): a cold build, then no change, one dump changed, one template changed."""

from __future__ import annotations

import shutil
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from ..dumps import detect
from ..pipeline import PROFILES_DIR
from .dumps import REPO
from .measure import run_child
from .run import Rebuild, _edit_title, _rebuild


def _copy_project(root: Path, dest: Path) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in ("content", "templates", "static"):
        shutil.copytree(root / name, dest / name, copy_function=shutil.copyfile)
    shutil.copyfile(root / "site.yaml", dest / "site.yaml")
    return dest


def _is_card(path: Path) -> bool:
    """A card dump: its titles stand on their own lines, so appending to one changes just that title."""
    return detect(path.read_text(encoding="utf-8", errors="replace").split("\n")) == "card"


def _edit_template(project: Path) -> None:
    """A change every page shows: one more comment at the end of base.html."""
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")


def rebuild_table(root: Path, work: Path, runs: int) -> list[str]:
    """Markdown rows: median (min-max) wall time and files written, removed, per case."""
    project = _copy_project(root, work / "project")
    out = work / "out"
    shutil.rmtree(out, ignore_errors=True)
    build = [sys.executable, str(REPO / "build.py"), "--root", str(project), "--out", str(out)]
    dump = next(p for p in sorted((project / PROFILES_DIR).iterdir()) if _is_card(p))
    cases: list[tuple[str, Callable[[], None]]] = [
        ("cold build (no cache)", lambda: None),
        ("no change", lambda: None),
        (f"one dump changed (a title in {dump.name})", lambda: _edit_title(dump)),
        ("one template changed (base.html)", lambda: _edit_template(project)),
    ]
    rows = ["| case | wall s, median (min-max) | files written / unchanged / removed (last run) |", "|---|---|---|"]
    for n, (name, edit) in enumerate(cases):
        found: list[Rebuild] = []
        for _ in range(1 if n == 0 else runs):
            edit()
            if r := _rebuild(run_child(build)):
                found.append(r)
        walls = [r.wall_s for r in found]
        figures = f"{statistics.median(walls):.2f} ({min(walls):.2f}-{max(walls):.2f})" if walls else "failed"
        last = f"{found[-1].written} / {found[-1].unchanged} / {found[-1].removed}" if found else "-"
        rows.append(f"| {name} | {figures} | {last} |")
    return rows
