"""What an incremental build remembers between runs, in .authorsite-cache/ of the project:
parsed dumps by content hash, and the files each output folder was last given.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable
from pathlib import Path

from .model import Dump

CACHE_DIR = ".authorsite-cache"


def _code_version() -> str:
    """A hash of this package's source: a cached parse is only reused by the same code."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


CODE_VERSION = _code_version()


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


class ParseCache:
    """Parsed dumps keyed by a hash of their bytes, their parse options and the code."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR / "dumps"
        self.used: set[str] = set()

    def parse(self, data: bytes, file: str, titles: tuple[str, ...], parse: Callable[[], Dump]) -> Dump:
        key = hashlib.sha256("\0".join((CODE_VERSION, file, *titles)).encode() + b"\0" + data).hexdigest()
        self.used.add(key)
        path = self.folder / f"{key}.pickle"
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            dump = parse()
            _atomic_write(path, pickle.dumps(dump, protocol=pickle.HIGHEST_PROTOCOL))
            return dump

    def prune(self) -> None:
        """Forget parses of dumps that no longer exist or changed."""
        for path in self.folder.glob("*.pickle") if self.folder.is_dir() else ():
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


def _manifest_path(root: Path, out_dir: Path) -> Path:
    name = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return root / CACHE_DIR / "outputs" / f"{name}.json"


def read_manifest(root: Path, out_dir: Path) -> set[str]:
    """The files the last build wrote into out_dir (empty if unknown)."""
    try:
        return set(json.loads(_manifest_path(root, out_dir).read_text()))
    except (OSError, ValueError):
        return set()


def write_manifest(root: Path, out_dir: Path, files: Iterable[str]) -> None:
    _atomic_write(_manifest_path(root, out_dir), json.dumps(sorted(files)).encode())
