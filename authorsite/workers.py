"""Rendering and writing pages on every core.

Worker processes are forked, so they inherit the build's template environment, pages and
papers as they are: nothing but slices of indices goes to them. First each paper's
fragments (its list item, badges, authors) are rendered once, by whichever worker gets
the paper, and gathered; then workers forked again, holding every fragment, render and
write a slice of the pages each. A small job, or a system without fork, runs in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from .model import Paper
from .output import write_file
from .pages import Page
from .render import add_fragments, render_fragments, render_page

POOL_MIN_PAGES = 500  # fewer pages than this render in-process: forking would cost more
CHUNK = 64  # pages or papers a task: small enough to share the work out evenly


@dataclass(frozen=True)
class Job:
    env: Environment
    papers: Sequence[Paper]
    pages: Sequence[tuple[str, Page]]  # (output path, page)
    out_dir: Path


_job: Job | None = None  # set in the parent just before forking; the workers' copy is theirs


def cpu_count() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _fragments(span: range) -> tuple[int, dict[str, dict[str, Markup]]]:
    assert _job is not None
    return len(span), render_fragments(_job.env, _job.papers[span.start : span.stop])


def _pages(span: range) -> tuple[int, int]:
    """Render and write pages[span]: (pages, files written)."""
    assert _job is not None
    written = 0
    for path, page in _job.pages[span.start : span.stop]:
        written += write_file(_job.out_dir, path, render_page(_job.env, page))
    return len(span), written


def _spans(count: int) -> list[range]:
    return [range(i, min(i + CHUNK, count)) for i in range(0, count, CHUNK)]


def render_and_write(job: Job, jobs: int, advance: Callable[[str, int, int], None]) -> int:
    """Render and write every page of `job`; how many files were written (the others held
    the same bytes). `advance(phase, done, total)` reports progress."""
    if jobs < 2 or len(job.pages) < POOL_MIN_PAGES or "fork" not in multiprocessing.get_all_start_methods():
        return _in_process(job, advance)
    global _job
    _job = job
    context = multiprocessing.get_context("fork")
    try:
        done = 0
        with context.Pool(jobs) as pool:
            for papers, fragments in pool.imap_unordered(_fragments, _spans(len(job.papers))):
                add_fragments(job.env, fragments)
                done += papers
                advance("fragments", done, len(job.papers))
        done = written = 0
        with context.Pool(jobs) as pool:
            for pages, files in pool.imap_unordered(_pages, _spans(len(job.pages))):
                done, written = done + pages, written + files
                advance("pages", done, len(job.pages))
        return written
    finally:
        _job = None


def _in_process(job: Job, advance: Callable[[str, int, int], None]) -> int:
    written = 0
    for done, (path, page) in enumerate(job.pages, 1):
        written += write_file(job.out_dir, path, render_page(job.env, page))
        if done % CHUNK == 0 or done == len(job.pages):
            advance("pages", done, len(job.pages))
    return written
