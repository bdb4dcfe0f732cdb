"""Writing the site: atomic per file, and a file whose bytes did not change is left alone."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    unchanged: int


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_files(out_dir: Path, files: Iterable[tuple[str, bytes]]) -> WriteReport:
    """Write each (posix path, bytes) under out_dir through a temp file and os.replace."""
    written = unchanged = 0
    for rel, data in files:
        path = out_dir / rel
        if _same(path, data):
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            os.fchmod(f.fileno(), 0o644)
        os.replace(tmp, path)
        written += 1
    return WriteReport(written, unchanged)
