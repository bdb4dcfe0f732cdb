"""Work shared out over forked processes: they inherit the parent's objects as they are, so
only small tasks and results cross between processes. A small job, or a system without
fork, runs in-process."""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_shared: Any = None  # what fork_map's workers inherit; set in the parent just before forking


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile (nor in processes forked meanwhile). Reading
    and merging dumps, planning pages and rendering them make millions of objects and no
    cycles, and each pass of the collector would walk them all again: 40% of the time to
    load 500 cached dumps, a third of the time to plan 58k pages. Forked workers, which
    never walk the heap they inherit, never copy it either."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


WAIT_TICK_S = 0.1  # how often a wait for a task alongside calls its `meanwhile`


@contextmanager
def alongside(task: Callable[[], R], jobs: int) -> Iterator[Callable[..., R]]:
    """task() on a forked process while the body runs; the body calls what this yields for
    the task's result (which waits for it, calling meanwhile() if given every tick, and
    raises what the task raised), or its end waits. The task sees this process's objects
    as they were when it began. With one job, or no fork, the task runs first, in this
    process."""
    if not can_fork(jobs, 2, 2):
        done = task()
        yield lambda meanwhile=None: done
        return
    receiving, sending = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=_send_result, args=(task, sending))
    process.start()
    sending.close()
    received: list[tuple[bool, Any]] = []

    def receive() -> tuple[bool, Any]:
        try:
            received.append(receiving.recv())
        except EOFError:
            received.append((False, RuntimeError("a forked process ended without a result")))
        return received[-1]

    def result(meanwhile: Callable[[], None] | None = None) -> R:
        while meanwhile is not None and not received and not receiving.poll(WAIT_TICK_S):
            meanwhile()
        ok, value = received[0] if received else receive()
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    try:
        yield result
    finally:
        if not received:  # the body did not ask (or failed first): the task still finishes, and is joined
            receive()
        process.join()
        receiving.close()
    result()  # a failed task fails the body, asked or not


def _send_result(task: Callable[[], object], sending: Any) -> None:
    """The task's result, or the error it raised (raised again in the parent)."""
    try:
        sending.send((True, task()))
    except Exception as error:
        sending.send((False, error))


def cpu_count() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork(jobs: int, tasks: int, least: int) -> bool:
    return jobs > 1 and tasks >= least and "fork" in multiprocessing.get_all_start_methods()


def _spans_taken(count: int, size: int, next_start: Any) -> Iterator[range]:
    """Spans of 0..count, each taken in turn from a counter every process shares."""
    while True:
        with next_start.get_lock():
            start = next_start.value
            next_start.value = start + size
        if start >= count:
            return
        yield range(start, min(start + size, count))


def _take_spans(function: Callable[[range], R], count: int, size: int, next_start: Any, results: Any) -> None:
    """A forked process's part: function over the spans it takes, each result queued as it is
    made (a thread of the queue's sends it, so this process goes on), then None; or the error
    it raised."""
    try:
        for span in _spans_taken(count, size, next_start):
            results.put((True, function(span)))
        results.put((True, None))
    except Exception as error:  # raised again in the parent
        results.put((False, error))


def take_turns(function: Callable[[range], R], count: int, size: int, jobs: int, receive: Callable[[R], None]) -> None:
    """function(span) over 0..count in spans of `size`, on this process and jobs - 1 forked
    ones, each taking the next span when done with its last (so a slow span holds up no
    one); receive(result) gets every result, in this process, as it comes. This process
    does its share of the work: forked processes copy each page of memory they touch, so
    the fewer they are, the less is copied."""
    forked = min(jobs, -(-count // size)) - 1 if can_fork(jobs, 2, 2) else 0  # none with no span to take
    if forked < 1:  # no shared counter or queue either (a system may lack their semaphores)
        for start in range(0, count, size):
            receive(function(range(start, min(start + size, count))))
        return
    context = multiprocessing.get_context("fork")
    next_start = context.Value("q", 0)
    results = context.Queue()
    processes = [context.Process(target=_take_spans, args=(function, count, size, next_start, results))
                 for _ in range(forked)]
    for process in processes:
        process.start()
    running = len(processes)

    def take(block: bool) -> None:
        nonlocal running
        while running:
            try:
                ok, value = results.get(timeout=1) if block else results.get_nowait()
            except queue.Empty:
                if not block:
                    return
                if not any(p.is_alive() for p in processes) and results.empty():
                    raise RuntimeError("a forked process ended without its results") from None
                continue
            if not ok:
                raise value
            if value is None:
                running -= 1
            else:
                receive(value)

    try:
        for span in _spans_taken(count, size, next_start):
            receive(function(span))
            take(block=False)
        take(block=True)
    finally:
        for process in processes:
            if running:  # an error: the others' results are not wanted
                process.kill()
            process.join()


def fork_map(function: Callable[[range], list[R]], shared: object, count: int, jobs: int) -> list[R]:
    """function(span) over 0..count, cut in `jobs` spans, each taken by this process or a
    forked one, which reads `shared` (inherited, not pickled) with shared(); the results in
    order."""
    global _shared
    _shared = shared
    parts: dict[int, list[R]] = {}
    try:
        take_turns(lambda span: (span.start, function(span)), count, -(-count // jobs) or 1, jobs,
                   lambda part: parts.__setitem__(*part))
        return [r for start in sorted(parts) for r in parts[start]]
    finally:
        _shared = None


def shared() -> Any:
    """What the running fork_map shares with its workers."""
    return _shared
