"""Writing the site: atomic per file, unchanged bytes left alone, files no longer built removed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Set
from dataclasses import dataclass
from pathlib import Path


class DuplicatePath(ValueError):
    """Two outputs of one build want the same file."""


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int
    paths: frozenset[str]  # every file this build produced


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


def write_files(out_dir: Path, files: Iterable[tuple[str, bytes]], previous: Set[str] = frozenset()) -> WriteReport:
    """Write each (posix path, bytes) under out_dir; remove the `previous` files not written now."""
    written = unchanged = 0
    seen: set[str] = set()
    for rel, data in files:
        if rel in seen:
            raise DuplicatePath(rel)
        seen.add(rel)
        path = out_dir / rel
        if _same(path, data):
            unchanged += 1
        else:
            _write(path, data)
            written += 1
    removed = sum(_remove(out_dir, rel) for rel in sorted(previous - seen))
    return WriteReport(written, unchanged, removed, frozenset(seen))
