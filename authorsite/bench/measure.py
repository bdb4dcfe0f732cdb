"""Timing a whole child process (wall clock, CPU time and peak RSS), counting pages, and the write floor."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Child:
    wall_s: float
    cpu_s: float  # user + system time of the child and every process it waited for
    peak_mb: float  # the largest RSS of the child or any process it waited for
    returncode: int
    stdout: str
    stderr: str  # the last 4,000 characters

    @property
    def ok(self) -> bool:
        return self.returncode == 0


TIME = "/usr/bin/time"


def _peak_kb(report: Path) -> int | None:
    """The %M line /usr/bin/time wrote (after a "Command exited …" line on failure)."""
    try:
        lines = report.read_text().split()
        return int(lines[-1]) if lines and lines[-1].isdigit() else None
    except OSError:
        return None


def run_child(argv: Sequence[str], env: Mapping[str, str] | None = None, timeout: float | None = None) -> Child:
    """Run argv to its end, timing it whole. Peak RSS comes from /usr/bin/time when present: the
    rusage of a child forked from this process would count this process's own peak too (Linux
    keeps the parent's high-water mark across fork and exec); wait4's figure is the fallback."""
    full_env = {**os.environ, **(env or {})}
    timed = os.access(TIME, os.X_OK)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".rss") as report:
        command = [TIME, "-f", "%M", "-o", report.name, *argv] if timed else list(argv)
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err, env=full_env, start_new_session=True)
        timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL)) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # interrupted: the child is in its own session, so end it here
            os.killpg(proc.pid, signal.SIGKILL)
            os.waitpid(proc.pid, 0)
            raise
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        peak = _peak_kb(Path(report.name)) if timed else None
        return Child(wall, usage.ru_utime + usage.ru_stime, (peak if peak is not None else usage.ru_maxrss) / 1024, proc.returncode,
                     out.read().decode(errors="replace"), err.read().decode(errors="replace")[-4000:])


def count_files(root: Path) -> tuple[int, int]:
    """(HTML files, all files) under root."""
    html = total = 0
    for _, _, names in os.walk(root):
        total += len(names)
        html += sum(1 for n in names if n.endswith(".html"))
    return html, total


def read_tree(root: Path) -> list[tuple[str, bytes]]:
    """Every file under root as (relative path, bytes)."""
    files = []
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                files.append((os.path.relpath(path, root), f.read()))
    return files


def write_floor(files: list[tuple[str, bytes]], dest: Path) -> float:
    """Seconds to write these files afresh under dest (a new folder): the I/O floor."""
    made: set[str] = set()
    start = time.perf_counter()
    for rel, data in files:
        path = os.path.join(dest, rel)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "wb") as f:
            f.write(data)
    return time.perf_counter() - start


def cpu_seconds() -> tuple[float, float]:
    """(user CPU seconds every process of the machine has used since boot, those this
    process and the children it waited for have used): their growth over a span of runs,
    less ours, is other work's. User time only: the kernel's own threads, which write a
    build's files back to disk, count as system time. NaN without /proc/stat."""
    try:
        with open("/proc/stat") as f:
            user, nice = f.readline().split()[1:3]
        machine = (int(user) + int(nice)) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        machine = float("nan")
    own = os.times()
    return machine, own.user + own.children_user
