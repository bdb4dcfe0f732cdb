"""Incremental builds: unchanged files are not rewritten, stale ones go, parses are cached."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import JACK, ROOT, make_project, run_cli

from authorsite.abstracts import ANCHORS, keys
from authorsite.cache import CACHE_DIR, Cache
from authorsite.model import Catalog
from authorsite.names import title_key
from authorsite.output import write_file
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
    assert report.written == len(changed) and report.removed == len(before.keys() - after.keys())
    pages = {p for p in changed if not p.startswith("pagefind/")}  # the search index is made again
    assert 0 < len(pages) < 20  # the paper, its authors', category, year, index and feed pages
    assert "papers/language-models-are-few-shot-learners/index.html" not in pages
    assert {p for p in before.keys() - after.keys() if not p.startswith("pagefind/")} == {
        "papers/regulatory-markets-the-future-of-ai-governance/index.html"}
    assert "pagefind/pagefind-entry.json" in changed


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


@pytest.mark.parametrize("new_folder", [False, True])
def test_a_file_is_written_whether_its_folder_is_there_or_not(tmp_path: Path, new_folder: bool) -> None:
    """`new_folder` only says which to try first: making the folder, or the file."""
    for rel in ("a/b/c/index.html", "a/b/c/feed.xml", "a/d/index.html", "top.txt"):
        assert write_file(tmp_path, rel, rel.encode(), new_folder)
        assert not write_file(tmp_path, rel, rel.encode(), new_folder)  # the same bytes: left alone
        assert write_file(tmp_path, rel, b"changed", new_folder)
        assert (tmp_path / rel).read_bytes() == b"changed"


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


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _replace(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS = {  # edit → whether every page is rendered again
    # one dump: a title (a paper page moves), a header figure (one author page)
    "title": (lambda p: _replace(p, "content/profiles/jack-clark.txt", "The Future of AI Governance", "The Future of AI Oversight"), False),
    "metric": (lambda p: _replace(p, "content/profiles/jack-clark.txt", "h-index54", "h-index55"), False),
    "bio": (lambda p: _replace(p, "content/authors/jack-clark.md", "An example bio", "A sample bio"), False),
    "dump removed": (lambda p: (p / "content/profiles/arxiv-listing.txt").unlink(), False),
    # the site's settings and templates are every page's inputs
    "alias": (lambda p: _replace(p, "site.yaml", "aliases:\n", "aliases:\n  Esin Durmus: Esin D. Durmus\n"), True),
    "template": (lambda p: _replace(p, "templates/partials/badges.html", '<p class="badges">', '<p class="badges row">'), True),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_rebuild_after_an_edit_equals_a_clean_build(tmp_path: Path, edit: str) -> None:
    """Pages whose inputs did not change are not rendered again, yet the result is, byte for
    byte, what a clean build of the edited project gives."""
    project = make_project(tmp_path / "p", full=True)
    out = project / "_site"
    first = build(load(project), out)
    change, everything = EDITS[edit]
    change(project)
    report = build(load(project), out)
    clean = build(load(project), tmp_path / "clean")  # a new folder: nothing to skip
    assert files(out) == files(tmp_path / "clean")
    assert first.rendered > 150
    if everything:
        assert report.rendered == clean.rendered
    else:
        assert 0 < report.rendered < clean.rendered / 4, report


def test_a_rebuild_in_a_new_process_renders_nothing(tmp_path: Path) -> None:
    """Digests do not depend on the process (string hashing differs between processes):
    a dump edited without changing its entries renders no page again."""
    project = make_project(tmp_path, full=True)
    seeds = iter(("1", "2", "3"))

    def cli_build() -> tuple[str, str]:
        result = subprocess.run([sys.executable, "build.py", "--jobs", "1"], cwd=project, capture_output=True, text=True,
                                timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": next(seeds)})
        assert result.returncode == 0, result.stderr
        return result.stdout, result.stderr

    out, warned = cli_build()
    assert "(194 pages rendered); 56 papers, 111 authors; 0 errors, 3 warnings" in out
    files = int(re.search(r"(\d+) files written", out)[1])  # the pages, the search index, the rest
    assert warned.count(": warning: ") == 3
    # nothing changed: known from the inputs alone, and reported as a full build reports it
    again, warned_again = cli_build()
    assert f"0 files written, {files} unchanged, 0 removed (0 pages rendered); 56 papers, 111 authors; 0 errors, 3 warnings" in again
    assert warned_again == warned
    dump = project / "content/profiles/jack-clark.txt"
    dump.write_text(dump.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")  # new bytes, same entries
    assert f"0 files written, {files} unchanged, 0 removed (0 pages rendered)" in cli_build()[0]


def rewrite_ai_index_abstract(tmp_path: Path, project: Path, rewrite: Callable[[str], str]) -> tuple[Catalog, Catalog]:
    """Rewrite the AI Index 2022 abstract in Jack Clark's dump: the catalog merged again in
    the project (with its cache), and one merged in a clean copy."""
    jack = project / JACK
    lines = jack.read_text(encoding="utf-8").split("\n")
    (n,) = [i for i, line in enumerate(lines) if line.startswith("Welcome to the fifth edition of the AI Index")]
    lines[n] = rewrite(lines[n])
    edited = "\n".join(lines)
    jack.write_text(edited, encoding="utf-8")
    return load(project).catalog, load(make_project(tmp_path / "clean", files={JACK: edited})).catalog


def test_a_merge_reuses_arxiv_likenesses_of_the_same_texts_only(tmp_path: Path) -> None:
    """A merge starts from the likenesses the last one measured. After an abstract is
    rewritten, its paper loses its arXiv id, as in a merge with no cache at all."""
    project = make_project(tmp_path / "p")
    load(project)
    assert (project / CACHE_DIR / "arxiv.pickle").is_file()
    again, clean = rewrite_ai_index_abstract(
        tmp_path, project, lambda _: "We rewrite this abstract entirely, so that no listing shares its word triples: " * 3)
    (report,) = [p for p in clean.papers if p.title == "The AI Index 2022 Annual Report"]
    assert report.arxiv_id is None
    assert again == clean


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_keeps_the_catalog_it_merged(tmp_path: Path, jobs: int) -> None:
    """The catalog is pickled on a forked process while the site is built (in-process
    with one job); the next load with the same dumps and site.yaml takes it from there."""
    project = make_project(tmp_path, full=True)
    merged = load(project)
    assert merged.unkept is not None and not (project / CACHE_DIR / "catalog").exists()
    build(merged, project / "_site", jobs=jobs)
    (project / "content/authors/jack-clark.md").write_text("A new bio.\n", encoding="utf-8")
    cached = load(project)
    assert cached.unkept is None
    assert cached.catalog == load(make_project(tmp_path / "clean", full=True, files={"content/authors/jack-clark.md": "A new bio.\n"})).catalog


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_merge_for_a_build_compiles_the_templates_meanwhile(tmp_path: Path, jobs: int) -> None:
    """On another core while the dumps merge (first, with one job), into the cache, where
    the build's environment finds them; a merge for a check compiles nothing."""
    project = make_project(tmp_path, full=True)
    load(project, jobs=jobs)
    assert not any(Cache(project).templates().iterdir())
    shutil.rmtree(project / CACHE_DIR)
    load(project, jobs=jobs, compile_too=True)
    templates = [p for p in (project / "templates").rglob("*") if p.is_file()]
    assert len(list(Cache(project).templates().iterdir())) == len(templates) > 10


def test_check_keeps_the_catalog_it_merged(tmp_path: Path) -> None:
    project = make_project(tmp_path, full=True)
    assert run_cli(project, "check").returncode == 0
    assert load(project).unkept is None


def test_a_merge_reuses_arxiv_candidates_while_no_anchor_changes(tmp_path: Path) -> None:
    """An abstract rewritten in every word outside its anchors keeps its anchors, so the
    last match's candidates are reused; its likeness is measured again all the same, and
    its paper loses its arXiv id, as in a merge with no cache."""
    project = make_project(tmp_path / "p")
    load(project)
    before = Cache(project).arxiv()

    def outside_anchors(abstract: str) -> str:
        key = title_key(abstract).encode()
        covered = {i for m in ANCHORS.finditer(key) for i in range(m.start(), m.end())}
        words, start = [], 0
        for word in key.split(b" "):
            words.append(word.decode() if start in covered else "qq")
            start += len(word) + 1
        rewritten = " ".join(words)
        assert keys(rewritten).anchors == keys(abstract).anchors
        return rewritten

    again, clean = rewrite_ai_index_abstract(tmp_path, project, outside_anchors)
    assert Cache(project).arxiv().anchors == before.anchors  # the candidates were reused
    (report,) = [p for p in clean.papers if p.title == "The AI Index 2022 Annual Report"]
    assert report.arxiv_id is None
    assert again == clean


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_page_deleted_from_the_output_is_written_again(tmp_path: Path, jobs: int) -> None:
    project = make_project(tmp_path, full=True)
    out = project / "_site"
    build(load(project), out, jobs=jobs)
    page = out / "papers" / next(p.name for p in (out / "papers").iterdir()) / "index.html"
    feed = out / "authors" / "jack-clark" / "feed.xml"  # the second page of a profile's unit
    kept = {path: path.read_bytes() for path in (page, feed)}
    for path in (page, feed, out / "api" / "papers.json"):
        path.unlink()
    report = build(load(project), out, jobs=jobs)
    assert {path: path.read_bytes() for path in kept} == kept and (out / "api" / "papers.json").is_file()
    assert (report.written, report.rendered, report.removed) == (3, 2, 0)
