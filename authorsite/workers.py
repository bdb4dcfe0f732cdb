"""Rendering and writing pages on every core.

Worker processes are forked, so they inherit the build's template environment, pages and
papers as they are: nothing but slices of indices goes to them. First each paper's
fragments (its list item, badges, authors) are made once, by whichever
worker gets the paper, together with the paper's own page, and its list item gathered; then
workers forked again, holding every item, render and write a slice of the other pages each.
A small job, or a system without fork, runs in-process in the same order: papers' pages with
their fragments, then the other pages.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from .forking import can_fork, spans
from .model import Paper
from .output import write_file
from .pages import Page
from .render import add_fragments, compile_templates, render_fragments, render_page

POOL_MIN_PAGES = 500  # fewer pages than this render in-process: forking would cost more
CHUNK = 64  # pages or papers a task: small enough to share the work out evenly


@dataclass(frozen=True)
class Job:
    env: Environment
    papers: Sequence[Paper]
    pages: Sequence[tuple[str, Page]]  # (output path, page) to render and write
    out_dir: Path

    @cached_property
    def own_pages(self) -> dict[str, tuple[str, Page]]:
        """The pages about one paper, by its id: rendered beside the paper's fragments."""
        return {page.paper: (path, page) for path, page in self.pages if page.paper}

    @cached_property
    def other_pages(self) -> list[tuple[str, Page]]:
        return [(path, page) for path, page in self.pages if not page.paper]


_job: Job | None = None  # set in the parent just before forking; the workers' copy is theirs


@dataclass
class Tally:
    """Pages rendered, and files written (the others held the same bytes)."""

    pages: int = 0
    written: int = 0

    def add(self, other: Tally) -> None:
        self.pages += other.pages
        self.written += other.written


def _write(job: Job, pages: Sequence[tuple[str, Page]]) -> Tally:
    written = sum(write_file(job.out_dir, path, render_page(job.env, page)) for path, page in pages)
    return Tally(len(pages), written)


def _with_fragments(job: Job, papers: Sequence[Paper]) -> tuple[Tally, dict[str, dict[str, Markup]]]:
    """The papers' own pages written, then their fragments made (each abstract is linkified
    on both, and found in linkify's cache the second time)."""
    tally = _write(job, [job.own_pages[p.id] for p in papers if p.id in job.own_pages])
    return tally, render_fragments(job.env, papers)


def _papers(span: range) -> tuple[Tally, dict[str, dict[str, Markup]]]:
    assert _job is not None
    return _with_fragments(_job, _job.papers[span.start : span.stop])


def _pages(span: range) -> Tally:
    assert _job is not None
    return _write(_job, _job.other_pages[span.start : span.stop])


def render_and_write(job: Job, jobs: int, advance: Callable[[str, int, int], None]) -> Tally:
    """Render and write every page of `job`; `advance(phase, done, total)` reports progress."""
    tally = Tally()
    if not can_fork(jobs, len(job.pages), POOL_MIN_PAGES):
        about = [p for p in job.papers if p.id in job.own_pages]
        for start in range(0, len(about), CHUNK):
            tally.add(_with_fragments(job, about[start : start + CHUNK])[0])
            advance("pages", tally.pages, len(job.pages))
        for start in range(0, len(job.other_pages), CHUNK):
            tally.add(_write(job, job.other_pages[start : start + CHUNK]))
            advance("pages", tally.pages, len(job.pages))
        return tally
    global _job
    _job = job
    compile_templates(job.env)
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(jobs) as pool:
            for part, fragments in pool.imap_unordered(_papers, spans(len(job.papers), CHUNK)):
                add_fragments(job.env, fragments)
                tally.add(part)
                advance("pages", tally.pages, len(job.pages))
        with context.Pool(jobs) as pool:
            for part in pool.imap_unordered(_pages, spans(len(job.other_pages), CHUNK)):
                tally.add(part)
                advance("pages", tally.pages, len(job.pages))
        return tally
    finally:
        _job = None
