"""Pages rendered by worker processes are the pages one process renders, and the progress
display shows the phases of a build."""

from __future__ import annotations

import io
import os
import shutil
import time
from pathlib import Path

import pytest

from rich.console import Console

from helpers import make_project

from authorsite import catalog
from authorsite.bench.corpus import generate
from authorsite.bench.dumps import write_project
from authorsite.bench.rebuilds import _is_card
from authorsite.bench.run import _edit_title
from authorsite.config import UserError
from authorsite.forking import alongside, take_turns
from authorsite.pipeline import build, load
from authorsite.progress import ConsoleProgress
from authorsite.workers import POOL_MIN_PAGES


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_two_workers_write_what_one_process_writes(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_project(generate(700, seed=3), root)
    one = build(load(root, jobs=1), tmp_path / "one", jobs=1)
    two = build(load(root, jobs=2), tmp_path / "two", jobs=2)
    assert one.rendered == two.rendered > POOL_MIN_PAGES  # enough pages for the pool
    assert files(tmp_path / "one") == files(tmp_path / "two")
    again = build(load(root, jobs=2), tmp_path / "two", jobs=2)
    assert (again.written, again.rendered) == (0, 0)


def test_arxiv_ids_matched_on_two_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The arXiv listings' records shared out over two processes: the catalog one makes."""
    root = tmp_path / "site"
    write_project(generate(700, seed=3), root)
    one = load(root, jobs=1).catalog
    shutil.rmtree(root / ".authorsite-cache")
    monkeypatch.setattr(catalog, "FORK_MIN_RECORDS", 2)
    two = load(root, jobs=2).catalog
    assert sum(1 for p in one.papers if p.arxiv_id) > 100
    assert any("arXiv:" in d.message for d in one.diagnostics)  # decoys, matched to no paper
    assert one == two


@pytest.mark.parametrize("jobs", [2, 3])
def test_dumps_parsed_on_several_processes(tmp_path: Path, jobs: int) -> None:
    """Dumps parsed by this process and forked ones in turn: the catalog one process merges,
    and every parse kept in the cache."""
    root = tmp_path / "site"
    write_project(generate(300, seed=5), root)
    one = load(root, jobs=1).catalog
    shutil.rmtree(root / ".authorsite-cache")
    assert load(root, jobs=jobs).catalog == one
    kept = len(list((root / ".authorsite-cache" / "dumps").glob("*.pickle")))
    assert kept == len(list((root / "content" / "profiles").iterdir())) == len(one.dumps) > jobs


def test_two_workers_rebuild_what_changed(tmp_path: Path) -> None:
    """After one title changes, the pages whose digests the workers find changed are those a
    clean build writes differently: the rebuilt folder equals a clean build."""
    root = tmp_path / "site"
    write_project(generate(700, seed=3), root)
    build(load(root, jobs=2), tmp_path / "two", jobs=2)
    _edit_title(next(p for p in sorted((root / "content/profiles").iterdir()) if _is_card(p)))
    again = build(load(root, jobs=2), tmp_path / "two", jobs=2)
    clean = build(load(root, jobs=1), tmp_path / "clean", jobs=1)
    assert 0 < again.rendered < clean.rendered / 10
    assert files(tmp_path / "two") == files(tmp_path / "clean")


def test_progress_shows_each_phase_on_a_terminal(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_project(generate(50, seed=3), root)
    out = io.StringIO()
    progress = ConsoleProgress(Console(file=out, force_terminal=True, width=100), show_after=0)
    build(load(root, progress=progress), tmp_path / "out", progress=progress)
    progress.close()
    shown = out.getvalue()
    for phase in ("Reading dumps", "Merging", "Rendering pages", "Indexing for search"):
        assert phase in shown
    assert "4/4" in shown  # the corpus's four dumps read


def test_progress_stays_quiet_on_a_short_build_or_off_a_terminal(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_project(generate(50, seed=3), root)
    quiet, piped = io.StringIO(), io.StringIO()
    for progress in (ConsoleProgress(Console(file=quiet, force_terminal=True)),  # done before 2 s
                     ConsoleProgress(Console(file=piped), show_after=0)):  # not a terminal
        build(load(root, progress=progress), tmp_path / "out", progress=progress)
        progress.close()
    assert quiet.getvalue() == piped.getvalue() == ""


def test_a_wait_for_a_task_alongside_can_do_something_meanwhile() -> None:
    ticks: list[int] = []
    with alongside(lambda: time.sleep(0.35) or 7, 2) as result:
        assert result(lambda: ticks.append(1)) == 7
    assert 2 <= len(ticks) <= 4  # every 0.1 s
    with alongside(lambda: 8, 1) as result:  # run first, in this process: nothing to wait for
        assert result(lambda: ticks.append(1)) == 8
    assert len(ticks) <= 4


def test_a_task_alongside_runs_on_a_forked_process_and_raises_there_as_here() -> None:
    with alongside(os.getpid, 2) as pid:
        assert pid() != os.getpid()
    with alongside(os.getpid, 1) as pid:
        assert pid() == os.getpid()
    for jobs in (1, 2):
        with pytest.raises(ZeroDivisionError), alongside(lambda: 1 // 0, jobs) as result:
            result()


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_body_s_end_waits_for_a_task_it_did_not_ask_and_raises_its_error(tmp_path: Path, jobs: int) -> None:
    mark = tmp_path / "done"
    with alongside(lambda: (time.sleep(0.2), mark.write_text(str(os.getpid()))), jobs):
        pass
    assert (int(mark.read_text()) == os.getpid()) == (jobs == 1)  # by a forked process, done when the body ended
    with pytest.raises(ZeroDivisionError), alongside(lambda: 1 // 0, jobs):
        pass


PARENT = os.getpid()


def _waiting_for(marks: Path, count: int) -> None:
    """Wait (10 s at most) until `count` processes have left a mark."""
    deadline = time.monotonic() + 10
    while len(list(marks.iterdir())) < count and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_processes_take_turns_at_spans(tmp_path: Path, jobs: int) -> None:
    """Every span done once, its result received here; every process takes some (each holds
    its first span until all have left a mark)."""
    received: list[tuple[list[int], int]] = []
    started: list[int] = []  # a copy in each process

    def work(span: range) -> tuple[list[int], int]:
        if not started:
            started.append(span.start)
            (tmp_path / str(os.getpid())).touch()
            _waiting_for(tmp_path, jobs)
        return list(span), os.getpid()

    take_turns(work, 1000, 10, jobs, received.append)
    assert sorted(i for numbers, _ in received for i in numbers) == list(range(1000))
    assert len({pid for _, pid in received}) == jobs


def test_an_error_in_a_forked_process_is_raised_here(tmp_path: Path) -> None:
    """The forked process fails on its first span; this one waits on each of its own until it
    has."""
    def work(span: range) -> list[int]:
        if os.getpid() != PARENT:
            (tmp_path / "failed").touch()
            raise ZeroDivisionError(f"span {span} in a forked process")
        _waiting_for(tmp_path, 1)
        return list(span)

    with pytest.raises(ZeroDivisionError, match="forked process"):
        take_turns(work, 100, 10, 2, lambda _: None)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize(("static", "message"), [
    ("static/authors/jack-clark/index.html", "two pages would be written to authors/jack-clark/index.html"),
    ("static/api/papers.json", "two files would be written to api/papers.json"),
])
def test_a_static_file_where_the_build_writes_one_is_an_error(tmp_path: Path, jobs: int, static: str, message: str) -> None:
    project = make_project(tmp_path, full=True, files={static: "mine"})
    with pytest.raises(UserError, match=message):
        build(load(project), project / "_site", jobs=jobs)
