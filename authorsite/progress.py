"""A build's progress on the terminal: one bar a phase (reading dumps, merging, rendering),
shown only once the build has run for a while, so small builds print just their summary.
rich is imported only then: a quick build does not pay for it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as Bars, TaskID

Progress = Callable[[str, int, int], None]  # (phase, done, total): what a build reports as it goes

SHOW_AFTER_S = 2.0

PHASES = {"read": "Reading dumps", "merge": "Merging", "pages": "Rendering pages", "search": "Indexing for search"}


class ConsoleProgress:
    """Called as progress(phase, done, total); a bar appears after `show_after` seconds, on
    a terminal only (stderr unless `console` is given), and is cleared when the build ends."""

    def __init__(self, console: Console | None = None, show_after: float = SHOW_AFTER_S) -> None:
        self.console = console
        self.deadline = time.perf_counter() + show_after
        self.bars: Bars | None = None
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.bars is None:
            if time.perf_counter() < self.deadline or not self._start():
                return
        assert self.bars is not None
        if phase not in self.tasks:
            self.tasks[phase] = self.bars.add_task(PHASES.get(phase, phase), total=total)
        self.bars.update(self.tasks[phase], completed=done, total=total)

    def _start(self) -> bool:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bars, TextColumn, TimeElapsedColumn

        self.console = self.console or Console(stderr=True)
        if not self.console.is_terminal:
            self.deadline = float("inf")  # never: not a terminal
            return False
        self.bars = Bars(TextColumn("{task.description:<26}"), BarColumn(), MofNCompleteColumn(),
                         TimeElapsedColumn(), console=self.console, transient=True)
        self.bars.start()
        return True

    def close(self) -> None:
        if self.bars is not None:
            self.bars.stop()
