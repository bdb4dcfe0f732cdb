"""Writing the site: atomic per file, unchanged bytes left alone, files no longer built removed."""

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


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
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


def write_file(out_dir: Path, rel: str, data: bytes) -> bool:
    """Write `data` to out_dir/rel unless the file already holds it; whether it was written."""
    path = out_dir / rel
    if _same(path, data):
        return False
    _write(path, data)
    return True


def remove_stale(out_dir: Path, previous: Iterable[str], now: Set[str]) -> int:
    """Remove the files a previous build made that this one did not; how many there were."""
    return sum(_remove(out_dir, rel) for rel in sorted(set(previous) - now))
