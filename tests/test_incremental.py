"""Incremental builds: unchanged files are not rewritten, stale ones go, parses are cached."""

from __future__ import annotations

from pathlib import Path

from helpers import make_project

from authorsite.cache import CACHE_DIR
from authorsite.pipeline import build, load


def snapshot(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_no_change_rebuild_writes_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path, full=True)
    out = project / "_site"
    first = build(load(project), out)
    before = snapshot(out)
    again = build(load(project), out)
    assert first.written == len(before) > 150
    assert (again.written, again.removed, again.unchanged) == (0, 0, first.written)
    assert snapshot(out) == before  # not one file touched


def test_one_changed_dump_rewrites_only_what_shows_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, full=True)
    out = project / "_site"
    build(load(project), out)
    before = snapshot(out)
    dump = project / "content/profiles/jack-clark.txt"
    # line 76: the title of a paper only this dump lists (Regulatory Markets, with Gillian K. Hadfield)
    dump.write_text(dump.read_text().replace("The Future of AI Governance", "The Future of AI Oversight"))
    report = build(load(project), out)
    after = snapshot(out)
    assert "papers/regulatory-markets-the-future-of-ai-governance/index.html" not in after  # removed
    assert "papers/regulatory-markets-the-future-of-ai-oversight/index.html" in after
    changed = {p for p in after if before.get(p) != after[p]}
    assert report.removed == 1 and report.written == len(changed)
    assert 0 < report.written < 20  # the paper, its authors', category, year, index and feed pages
    assert "papers/language-models-are-few-shot-learners/index.html" not in changed


def test_files_a_build_did_not_make_are_left_alone(tmp_path: Path) -> None:
    project = make_project(tmp_path, full=True)
    out = project / "_site"
    mine = out / "notes.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("kept")
    build(load(project), out)
    (project / "content/profiles/arxiv-listing.txt").unlink()
    build(load(project), out)
    assert mine.read_text() == "kept"


def test_parses_are_cached_by_content(tmp_path: Path) -> None:
    project = make_project(tmp_path, full=True)
    load(project)
    cache = project / CACHE_DIR / "dumps"
    before = snapshot(cache)
    assert len(before) == 4  # one parse a dump
    dump = project / "content/profiles/alex-tamkin.txt"
    dump.write_text(dump.read_text().replace("Oolong", "Oolong!"))
    load(project)
    after = snapshot(cache)
    assert len(after) == 4 and len(set(after) & set(before)) == 3  # three reused, one parsed anew
