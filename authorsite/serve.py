"""`python build.py serve`: build into a temporary folder, serve it under the deployed
site's path prefix, and rebuild and reload the browser when a source changes.

livereload watches the sources and injects its script into pages as they are served;
the built files never contain it. A failed rebuild keeps the last good site served,
with the error shown on every page until a fix builds.
"""

from __future__ import annotations

import html
import mimetypes
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Iterable
from pathlib import Path
from wsgiref.types import StartResponse, WSGIEnvironment

from livereload import Server
from livereload.handlers import LiveReloadHandler

from .config import UserError
from .pipeline import build, load

WATCHED = ("content", "templates", "static", "site.yaml")
QUIET = 0.3  # seconds without a change before a burst of saves is built once
# livereload ignores changes for 3 s after a reload; a writer saves more often than that
LiveReloadHandler.DEFAULT_RELOAD_TIME = 0.5


def _snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, mtime and size of every watched file: what a rebuild would read."""
    files = []
    for name in WATCHED:
        top = root / name
        for path in [top] if top.is_file() else sorted(top.rglob("*")) if top.is_dir() else ():
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                files.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


def resolve(out_dir: Path, rel: str) -> Path | None:
    """The file a request path names inside out_dir; None for anything outside it."""
    if "\0" in rel or "\\" in rel or any(part in ("..", ".") for part in rel.split("/")):
        return None
    target = out_dir / rel
    if rel == "" or rel.endswith("/"):
        target = target / "index.html"
    try:
        real = target.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_relative_to(out_dir.resolve()) and real.is_file() else None


class Preview:
    """The preview's state: the output folder, the path prefix, and the last build error."""

    def __init__(self, root: Path, base_url: str | None, jobs: int = 1) -> None:
        self.root = root
        self.base_url = base_url
        self.jobs = jobs
        self.out = Path(tempfile.mkdtemp(prefix="authorsite-serve-"))
        self.prefix = "/"
        self.error: str | None = None
        self.built: tuple[tuple[str, int, int], ...] | None = None

    def rebuild(self) -> None:
        """Build once the sources are quiet; skip if nothing changed since the last build."""
        state = _snapshot(self.root)
        while True:
            time.sleep(QUIET)
            now = _snapshot(self.root)
            if now == state:
                break
            state = now
        if state == self.built:
            return
        self.built = state
        started = time.perf_counter()
        try:
            loaded = load(self.root, self.base_url, jobs=self.jobs, compile_too=True)
            report = build(loaded, self.out, fingerprint=False, jobs=self.jobs)
        except UserError as e:
            self.error = str(e)
        except Exception:  # a bug must not stop the preview either: show it, keep serving
            self.error = traceback.format_exc()
        else:
            self.error = None
            self.prefix = loaded.config.base_path
            for d in loaded.diagnostics:
                print(d, file=sys.stderr)
            print(f"rebuilt: {report.written} written, {report.unchanged} unchanged, {report.removed} removed "
                  f"({report.rendered} pages rendered) in {time.perf_counter() - started:.2f} s", file=sys.stderr)
        if self.error:
            print(f"build failed; still serving the last good site:\n{self.error}", file=sys.stderr)

    def _error_banner(self) -> bytes:
        return (
            '<div role="alert" id="authorsite-error" style="position:sticky;top:0;z-index:9;margin:0;padding:1rem;'
            'background:#8b0000;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap">'
            f"Build failed; this is the last good site.\n{html.escape(self.error or '')}</div>"
        ).encode()

    def app(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        if path in ("/", self.prefix.rstrip("/")) and path != self.prefix:
            start_response("302 Found", [("Location", self.prefix)])
            return [b""]
        rel = path[len(self.prefix):] if path.startswith(self.prefix) else None
        file = resolve(self.out, rel) if rel is not None else None
        if file is None and rel is not None and resolve(self.out, rel + "/") is not None:
            start_response("301 Moved Permanently", [("Location", path + "/")])
            return [b""]
        status = "200 OK"
        if file is None:
            status, file = "404 Not Found", resolve(self.out, "404.html")
        body = file.read_bytes() if file else b"<!doctype html><title>Not found</title><body><h1>Not found</h1>"
        kind = (mimetypes.guess_type(file.name)[0] if file else "text/html") or "application/octet-stream"
        if kind == "text/html" and self.error:
            body = body.replace(b"<body>", b"<body>" + self._error_banner(), 1)
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "json")) else ""
        start_response(status, [("Content-Type", kind + charset), ("Cache-Control", "no-store")])
        return [body]


def serve(root: Path, host: str, port: int, open_browser: bool, base_url: str | None, jobs: int = 1) -> None:
    preview = Preview(root, base_url, jobs)
    preview.rebuild()
    server = Server(preview.app)
    for name in WATCHED:
        server.watch(str(root / name), preview.rebuild)
    print(f"Serving the site at http://{host}:{port}{preview.prefix} (Ctrl-C stops)", flush=True)
    try:
        server.serve(host=host, port=port, debug=False, open_url_delay=1 if open_browser else None)
    finally:
        shutil.rmtree(preview.out, ignore_errors=True)
