"""Writing the site: a changed file replaced atomically, unchanged bytes left alone, files no longer built removed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    rendered: int  # pages rendered: those whose inputs changed, or whose file was missing


def _same(path: str, data: bytes) -> bool:
    """Whether the file holds `data`."""
    try:
        if os.stat(path).st_size != len(data):
            return False
    except OSError:
        return False
    try:
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:
        return False


NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _create(path: str, data: bytes) -> None:
    """A new file: written in place (no reader can be holding a file that did not exist).
    Plain os calls: a build creates tens of thousands, and Python's file objects cost more."""
    try:
        fd = os.open(path, NEW_FILE, 0o666)
    except FileNotFoundError:
        folder = os.path.dirname(path)
        try:  # one call when the folder's own folder is there (makedirs would look first)
            os.mkdir(folder)
        except OSError:  # that one is missing too, or another worker made this one first
            os.makedirs(folder, exist_ok=True)
        fd = os.open(path, NEW_FILE, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _replace(path: str, data: bytes) -> None:
    """A changed file: a temporary file renamed over it, so a reader never sees half of it."""
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        os.fchmod(f.fileno(), 0o644)
    os.replace(tmp, path)


def _remove(out_dir: Path, rel: str) -> bool:
    path = out_dir / rel
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    for parent in path.parents:  # empty folders the file leaves behind go too
        if parent == out_dir or any(parent.iterdir()):
            break
        parent.rmdir()
    return True


def write_file(out_dir: Path, rel: str, data: bytes, new_folder: bool = False) -> bool:
    """Write `data` to out_dir/rel unless the file already holds it; whether it was written.
    `new_folder`: its folder is likely missing (as each page's is in a first build): it is
    made first, rather than after a failed attempt to create the file."""
    path = os.path.join(out_dir, rel)
    if new_folder:
        try:
            os.mkdir(os.path.dirname(path))
        except OSError:  # there after all, or its own folder is missing: _create sees to it
            pass
    try:  # a new file first: a first build makes every one (and the rest are few)
        _create(path, data)
        return True
    except FileExistsError:
        pass
    if _same(path, data):
        return False
    _replace(path, data)
    return True


def remove_stale(out_dir: Path, previous: Iterable[str], now: Set[str]) -> int:
    """Remove the files a previous build made that this one did not; how many there were."""
    return sum(_remove(out_dir, rel) for rel in sorted(set(previous) - now))
