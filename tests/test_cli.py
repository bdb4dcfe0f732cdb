"""`python build.py …` as a user runs it: a subprocess in a throw-away copy of the project."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ALEX, ARXIV, DEEP, JACK, PROFILES, ROOT, make_project, run_cli, seed_lines

RECONCILIATION = re.compile(r"(\S+)\s+(card|compact|arxiv|unknown)\s+(\d+) read =\s+(\d+) merged \+ (\d+) rejected")
DIAGNOSTIC = re.compile(r"(\S+):(\d+): (warning|error): .+")
SEED_WARNINGS = {(ALEX, 4, "warning"), (ALEX, 40, "warning"), (ARXIV, 8, "warning")}
GARBLED = "CLJun 31, 2023\nA Paper Dated the 31st of JuneJane Doe, John Smith\nAn abstract."
GARBLED_LINE = 67  # deep-ganguli.txt: 22 entries of 3 lines, no newline at the end


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project", full=True)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    """A pristine copy, for commands that write nothing."""
    return make_project(tmp_path_factory.mktemp("seeds"), full=True)


def check_rows(stdout: str) -> dict[str, tuple[str, int, int, int]]:
    return {m[1]: (m[2], int(m[3]), int(m[4]), int(m[5])) for m in map(RECONCILIATION.fullmatch, stdout.splitlines()) if m}


def diagnostics(text: str) -> set[tuple[str, int, str]]:
    return {(m[1], int(m[2]), m[3]) for m in map(DIAGNOSTIC.fullmatch, text.splitlines()) if m}


def exported(out) -> tuple[dict, dict]:
    return tuple(json.loads((out / "api" / f"{name}.json").read_text(encoding="utf-8")) for name in ("papers", "authors"))


def test_build_writes_the_export(project):
    r = run_cli(project)
    assert r.returncode == 0, r.stderr
    papers, authors = exported(project / "_site")
    assert len(papers["papers"]) == 56 and {a["id"] for a in authors["authors"] if a["profile"]} == {
        "jack-clark", "deep-ganguli", "alex-tamkin"}
    assert diagnostics(r.stderr) == SEED_WARNINGS  # the build shows its warnings too
    assert r.stdout.startswith("built ")


def test_build_is_the_default_command(project):
    assert run_cli(project, "--out", "elsewhere").returncode == 0
    assert (project / "elsewhere" / "api" / "papers.json").is_file()


def test_out_writes_elsewhere(project, tmp_path):
    r = run_cli(project, "build", "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "api" / "papers.json").is_file() and (tmp_path / "out" / "api" / "authors.json").is_file()
    assert not (project / "_site").exists()


def test_root_builds_another_folder(project, tmp_path):
    r = run_cli(ROOT, "build", "--root", str(project), "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert len(exported(tmp_path / "out")[0]["papers"]) == 56


def test_base_url(project, tmp_path):
    assert run_cli(project, "build", "--out", str(tmp_path / "a")).returncode == 0
    r = run_cli(project, "build", "--base-url", "https://user.github.io/repo/", "--out", str(tmp_path / "b"))
    assert r.returncode == 0 and diagnostics(r.stderr) == SEED_WARNINGS, r.stderr
    # the export's URLs are site-relative, without the base path (DESIGN.md §5)
    assert exported(tmp_path / "a") == exported(tmp_path / "b")
    index = (tmp_path / "b" / "index.html").read_text(encoding="utf-8")
    assert 'href="/repo/' in index and 'href="/authorsite/' not in index


def test_a_bad_base_url_is_refused(project):
    r = run_cli(project, "build", "--base-url", "user.github.io/repo")
    assert r.returncode == 1 and r.stderr.startswith("--base-url: expected an http(s) URL")
    assert not (project / "_site").exists()


def test_check_prints_formats_reconciliation_and_diagnostics(seeds):
    r = run_cli(seeds, "check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert check_rows(r.stdout) == {
        JACK: ("card", 23, 23, 0), DEEP: ("compact", 22, 22, 0), ALEX: ("compact", 31, 31, 0), ARXIV: ("arxiv", 10, 9, 1),
    }
    assert re.search(r"^total\s+86 read =\s+85 merged \+ 1 rejected$", r.stdout, re.M)
    assert diagnostics(r.stdout) == SEED_WARNINGS
    assert not (seeds / "_site").exists()


def test_check_strict_fails_on_warnings(seeds):
    assert run_cli(seeds, "check", "--strict").returncode == 1


def test_a_garbled_entry_fails_check_but_build_still_writes(project):
    (project / DEEP).write_text("\n".join(seed_lines(DEEP)) + "\n" + GARBLED, encoding="utf-8")
    r = run_cli(project, "check")
    assert r.returncode == 1
    assert check_rows(r.stdout)[DEEP] == ("compact", 23, 22, 1)
    assert (DEEP, GARBLED_LINE, "error") in diagnostics(r.stdout)
    r = run_cli(project, "build")
    assert r.returncode == 1 and (DEEP, GARBLED_LINE, "error") in diagnostics(r.stderr)
    assert len(exported(project / "_site")[0]["papers"]) == 56


def test_strict_build_writes_nothing(project):
    r = run_cli(project, "build", "--strict")
    assert r.returncode == 1 and "--strict" in r.stderr
    assert not (project / "_site").exists()


@pytest.mark.parametrize("command, options", [
    ("build", ("--out", "--base-url", "--strict", "--root")),
    ("check", ("--strict", "--root")),
])
def test_help_mentions_each_option(seeds, command, options):
    r = run_cli(seeds, command, "--help")
    assert r.returncode == 0
    assert all(option in r.stdout for option in options), r.stdout


@pytest.mark.parametrize("site, line", [
    ("title: ok\ntitles: 5\n", 2),
    ("title: ok\nprofiles:\n  alex-tamkin.txt:\n    owner: [Alex\n", 4),
    ('title: "unclosed\n', 1),
])
def test_bad_site_yaml_is_one_line_without_traceback(project, site, line):
    (project / "site.yaml").write_text(site, encoding="utf-8")
    for command in ("build", "check"):
        r = run_cli(project, command)
        assert r.returncode == 1 and "Traceback" not in r.stderr
        (message,) = r.stderr.splitlines()
        assert message.startswith(f"site.yaml:{line}: error: ")
    assert not (project / "_site").exists()


def test_a_dropped_in_dump_is_built_without_site_yaml(project):
    copy = f"{PROFILES}/renamed-profile.dump"  # a copy of jack-clark.txt, under another name
    (project / copy).write_bytes((project / JACK).read_bytes())
    r = run_cli(project, "check")
    assert r.returncode == 0 and check_rows(r.stdout)[copy] == ("card", 23, 23, 0)
    assert run_cli(project, "build").returncode == 0
    papers = exported(project / "_site")[0]["papers"]
    assert len(papers) == 56
    # jack-clark.txt's first entry (badge on line 12) is at the same line of the copy
    (first,) = [p for p in papers if {"file": JACK, "line": 12} in p["sources"]]
    assert {"file": copy, "line": 12} in first["sources"]
