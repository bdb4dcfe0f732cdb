"""Fixtures for the site-level tests: the seed site built once, and a static HTTP server that
serves a built site under its path prefix, as GitHub project pages do.

Test modules import the fixtures they use (`from site_fixtures import seed_site`). pytest gives
each importing module its own copy of an imported fixture, so the work itself (building, starting
a server) is cached here per process: the seed site is built once per session however many
modules ask for it.
"""

from __future__ import annotations

import atexit
import functools
import http.client
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "/authorsite/"  # the path of the bundled site.yaml's base_url
SEED_BASE_URL = "https://example.github.io/authorsite/"
ROOT_BASE_URL = "https://example.org/"  # a deploy URL with no path prefix

T = TypeVar("T")
_cache: dict[str, object] = {}
_lock = threading.RLock()  # re-entrant: one cached thing may be made from another


def _once(key: str, make: Callable[[], T]) -> T:
    with _lock:
        if key not in _cache:
            _cache[key] = make()
        return _cache[key]  # type: ignore[return-value]


# --------------------------------------------------------------------------- building


@dataclass(frozen=True)
class BuiltSite:
    project: Path  # the project copy it was built from
    out: Path  # the output folder
    base_url: str  # the deploy URL it was built for
    base_path: str  # the path part of base_url: every internal link starts with it
    stdout: str
    stderr: str

    def file(self, rel: str) -> Path:
        return self.out / rel

    def read(self, rel: str) -> str:
        return (self.out / rel).read_text(encoding="utf-8")

    def html_files(self) -> list[str]:
        return sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*.html"))


def copy_project(dest: Path, files: dict[str, str] | None = None) -> Path:
    """A throw-away copy of the project (no caches, no output), with some files replaced."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("site.yaml", "build.py"):
        shutil.copyfile(ROOT / name, dest / name)
    for name in ("content", "templates", "static"):
        shutil.copytree(ROOT / name, dest / name, copy_function=shutil.copyfile)
    for rel, text in (files or {}).items():
        (dest / rel).write_text(text, encoding="utf-8")
    return dest


def build_site(project: Path, out: Path, base_url: str | None = None) -> BuiltSite:
    """`python build.py build --out OUT [--base-url URL]` in `project`, as a user runs it."""
    args = [sys.executable, "build.py", "build", "--out", str(out)]
    if base_url is not None:
        args += ["--base-url", base_url]
    run = subprocess.run(args, cwd=project, capture_output=True, text=True, timeout=300,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, f"build failed ({run.returncode}):\n{run.stdout}\n{run.stderr}"
    url = base_url or SEED_BASE_URL
    return BuiltSite(project, out, url, urlsplit(url).path or "/", run.stdout, run.stderr)


def _seed_project(factory: pytest.TempPathFactory) -> Path:
    return _once("project", lambda: copy_project(factory.mktemp("seed-project")))


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The bundled project built by the real CLI, with site.yaml's base_url (prefix /authorsite/)."""
    return _once("seed", lambda: build_site(_seed_project(tmp_path_factory), tmp_path_factory.mktemp("seed-site")))


@pytest.fixture(scope="session")
def root_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The same project built with `--base-url https://example.org/`: no path prefix."""
    return _once("root", lambda: build_site(_seed_project(tmp_path_factory), tmp_path_factory.mktemp("root-site"),
                                            ROOT_BASE_URL))


# --------------------------------------------------------------------------- serving


class PrefixHandler(SimpleHTTPRequestHandler):
    """Serves `directory` at `prefix` only: /authorsite/x → directory/x; anything else → 404
    (with the site's 404.html as body, as GitHub Pages does). A folder asked for without its
    trailing slash is redirected to it, with the prefix kept."""

    def __init__(self, *args, prefix: str, **kwargs) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _route(self) -> bool:
        path = urlsplit(self.path).path
        if self.prefix != "/" and path == self.prefix.rstrip("/"):
            self._redirect(self.prefix)
            return False
        if not path.startswith(self.prefix):
            self._not_found()
            return False
        rel = unquote(path[len(self.prefix):])
        target = Path(self.directory) / rel
        if rel and not path.endswith("/") and target.is_dir():
            self._redirect(path + "/")
            return False
        if (target / "index.html" if not rel or path.endswith("/") else target).is_file():
            self.path = "/" + path[len(self.prefix):]
            return True
        self._not_found()
        return False

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        if self._route():
            super().do_GET()

    def do_HEAD(self) -> None:
        if self._route():
            super().do_HEAD()


@dataclass(frozen=True)
class Server:
    site: BuiltSite
    host: str
    port: int

    @property
    def origin(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base(self) -> str:
        """The site's home, e.g. http://127.0.0.1:PORT/authorsite/."""
        return self.origin + self.site.base_path

    def url(self, rel: str) -> str:
        """`authors/x/` → the full URL of that page on this server."""
        return self.base + rel.lstrip("/")

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) of a GET of `path` (an absolute path), redirects not followed."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            conn.request("GET", path)
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()


def serve(site: BuiltSite) -> Server:
    """Serve `site` under its base path on 127.0.0.1, on a free port, in a daemon thread."""
    handler = functools.partial(PrefixHandler, directory=str(site.out), prefix=site.base_path)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, name=f"serve {site.out}", daemon=True).start()

    def stop() -> None:
        httpd.shutdown()
        httpd.server_close()

    atexit.register(stop)
    host, port = httpd.server_address[:2]
    return Server(site, str(host), int(port))


@pytest.fixture(scope="session")
def seed_server(seed_site: BuiltSite) -> Server:
    """The seed site at http://127.0.0.1:PORT/authorsite/."""
    return _once("seed-server", lambda: serve(seed_site))


@pytest.fixture(scope="session")
def root_server(root_site: BuiltSite) -> Server:
    """The --base-url https://example.org/ build at http://127.0.0.1:PORT/."""
    return _once("root-server", lambda: serve(root_site))
