"""Rendering and writing pages on every core.

This process and forked ones take turns at slices of the work; the forked ones inherit the
build's template environment, pages and papers as they are, so nothing but slices of
indices goes to them. First each paper's page is made with its fragments (its list item,
badges, authors), by whichever process takes the paper, and the list items are gathered
here; then processes forked again, holding every item, take slices of the other pages. A
small job, or a system without fork, runs in this process alone, in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from .forking import can_fork, take_turns
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
    made: Container[str]  # the files the last build made there: the others' folders are likely new

    @cached_property
    def own_pages(self) -> dict[str, tuple[str, Page]]:
        """The pages about one paper, by its id: rendered beside the paper's fragments."""
        return {page.paper: (path, page) for path, page in self.pages if page.paper}

    @cached_property
    def about(self) -> list[Paper]:
        """The papers whose own pages are to be made, in the catalog's order."""
        return [p for p in self.papers if p.id in self.own_pages]

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
    written = sum(write_file(job.out_dir, path, render_page(job.env, page), path not in job.made) for path, page in pages)
    return Tally(len(pages), written)


def _papers(span: range) -> tuple[Tally, dict[str, dict[str, Markup]]]:
    """about[span]: their own pages written, then their fragments made (each abstract is
    linkified on both, and found in linkify's cache the second time)."""
    assert _job is not None
    papers = _job.about[span.start : span.stop]
    tally = _write(_job, [_job.own_pages[p.id] for p in papers])
    return tally, render_fragments(_job.env, papers)


def _pages(span: range) -> Tally:
    assert _job is not None
    return _write(_job, _job.other_pages[span.start : span.stop])


def render_and_write(job: Job, jobs: int, advance: Callable[[str, int, int], None]) -> Tally:
    """Render and write every page of `job`; `advance(phase, done, total)` reports progress."""
    global _job
    _job = job
    tally = Tally()
    if not can_fork(jobs, len(job.pages), POOL_MIN_PAGES):
        jobs = 1
    else:
        compile_templates(job.env)  # once, before forking

    def papers_done(result: tuple[Tally, dict[str, dict[str, Markup]]]) -> None:
        add_fragments(job.env, result[1])
        pages_done(result[0])

    def pages_done(part: Tally) -> None:
        tally.add(part)
        advance("pages", tally.pages, len(job.pages))

    try:  # the other pages' processes are forked once the papers' fragments are all here
        take_turns(_papers, len(job.about), CHUNK, jobs, papers_done)
        take_turns(_pages, len(job.other_pages), CHUNK, jobs, pages_done)
        return tally
    finally:
        _job = None
