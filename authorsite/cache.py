"""What an incremental build remembers between runs, in .authorsite-cache/ of the project:
parsed dumps by content hash, the merged catalog, compiled templates, and the files each
output folder was last given, each with the digest of what it was made from.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from .catalog import ArxivMemo
from .model import Catalog, Dump

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


def stable_pickle(obj: object) -> bytes:
    """Equal values give equal bytes, whatever objects they share: pickled without a memo."""
    buffer = io.BytesIO()
    p = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    p.fast = True
    p.dump(obj)
    return buffer.getvalue()


def _load(path: Path) -> object | None:
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None


class Cache:
    """What a build keeps for the next: parsed dumps, keyed by a hash of their bytes, parse
    options and the code; the last merged catalog, keyed by those keys and site.yaml; and
    what its arXiv match measured."""

    def __init__(self, root: Path) -> None:
        self.folder = root / CACHE_DIR

    @staticmethod
    def dump_key(data: bytes, file: str, titles: tuple[str, ...]) -> str:
        return hashlib.sha256("\0".join((CODE_VERSION, file, *titles)).encode() + b"\0" + data).hexdigest()

    def dump(self, key: str) -> Dump | None:
        dump = _load(self.folder / "dumps" / f"{key}.pickle")
        return dump if isinstance(dump, Dump) else None

    def keep(self, key: str, dump: Dump) -> bytes:
        """Cache a parsed dump; its pickle."""
        data = pickle.dumps(dump, protocol=pickle.HIGHEST_PROTOCOL)
        _atomic_write(self.folder / "dumps" / f"{key}.pickle", data)
        return data

    def arxiv(self) -> ArxivMemo:
        """What the last merge's arXiv match measured."""
        found = _load(self.folder / "arxiv.pickle")
        return found[1] if isinstance(found, tuple) and found[0] == CODE_VERSION else ArxivMemo()

    def keep_arxiv(self, memo: ArxivMemo) -> None:
        _atomic_write(self.folder / "arxiv.pickle", pickle.dumps((CODE_VERSION, memo), protocol=pickle.HIGHEST_PROTOCOL))

    def catalog(self, key: str) -> Catalog | None:
        """The catalog kept under `key`, if it is."""
        cached = _load(self.folder / "catalog" / f"{key}.pickle")
        return cached if isinstance(cached, Catalog) else None

    def keep_catalog(self, key: str, catalog: Catalog) -> None:
        """Keep the catalog in place of the last: named by its key, so a stale one is known
        without reading it."""
        folder = self.folder / "catalog"
        for old in folder.glob("*.pickle") if folder.is_dir() else ():
            old.unlink(missing_ok=True)
        _atomic_write(folder / f"{key}.pickle", pickle.dumps(catalog, protocol=pickle.HIGHEST_PROTOCOL))

    def templates(self) -> Path:
        """The folder for Jinja's compiled templates. Jinja checks a template's source, not
        the options it was compiled with: the folder is per code version, and others go."""
        folder = self.folder / "templates"
        for old in folder.iterdir() if folder.is_dir() else ():
            if old.name != CODE_VERSION:
                shutil.rmtree(old, ignore_errors=True)
        (folder / CODE_VERSION).mkdir(parents=True, exist_ok=True)
        return folder / CODE_VERSION

    def search(self, make: Mapping[str, Callable[[Path], None]], run: Callable[..., Iterable[None]] = map,
               ready: Callable[[], None] = lambda: None) -> dict[str, Path]:
        """The folder of each search index part kept under its key in `make`; one not kept
        is made by its function (the functions run through `run`: a map, which may run
        several at once). ready() is called as each part is there. Folders of other keys go."""
        folder = self.folder / "search"
        folder.mkdir(parents=True, exist_ok=True)
        kept = {key: folder / key for key in make}
        missing = [key for key, path in kept.items() if not path.is_dir()]
        for _ in range(len(kept) - len(missing)):
            ready()

        def made(key: str) -> None:
            fresh = folder / f".{key}.{os.getpid()}"
            shutil.rmtree(fresh, ignore_errors=True)
            make[key](fresh)
            os.replace(fresh, kept[key])

        for _ in run(made, missing):
            ready()
        for old in folder.iterdir():
            if old.name not in make:
                shutil.rmtree(old, ignore_errors=True)
        return kept

    def prune(self, used: Iterable[str]) -> None:
        """Forget parses of dumps that no longer exist or changed."""
        keep = set(used)
        folder = self.folder / "dumps"
        for path in folder.glob("*.pickle") if folder.is_dir() else ():
            if path.stem not in keep:
                path.unlink(missing_ok=True)


def digest(*parts: bytes) -> str:
    """A short hash of byte strings, each length-prefixed so none runs into the next."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(len(part).to_bytes(8, "little") + part)
    return h.hexdigest()


def _manifest_path(root: Path, out_dir: Path) -> Path:
    name = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return root / CACHE_DIR / "outputs" / f"{name}.json"


@dataclass(frozen=True)
class Manifest:
    """What the last build into an output folder was made from: the key of all its inputs;
    the files it made, each with the digest of its inputs; the URL of each page the
    sitemap lists, by file; and what it reported (JSON: counts and diagnostics)."""

    build: str = ""
    files: dict[str, str] = field(default_factory=dict)
    sitemap: dict[str, str] = field(default_factory=dict)
    summary: dict[str, object] = field(default_factory=dict)


def read_manifest(root: Path, out_dir: Path) -> Manifest:
    try:
        data = orjson.loads(_manifest_path(root, out_dir).read_bytes())
        return Manifest(str(data["build"]), dict(data["files"]), dict(data["sitemap"]), dict(data["summary"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()


def write_manifest(root: Path, out_dir: Path, manifest: Manifest) -> None:
    data = {"build": manifest.build, "files": manifest.files, "sitemap": manifest.sitemap, "summary": manifest.summary}
    _atomic_write(_manifest_path(root, out_dir), orjson.dumps(data))
