"""The preview server, run for real in a subprocess on a copy of the sample project."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import make_project
from test_browser import browser  # noqa: F401  (fixture: Debian's chromium through Playwright)

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "/authorsite/"  # the path of the bundled site.yaml's base_url
WAIT = 15.0  # seconds a rebuild may take to show


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_project(dest: Path) -> Path:
    return make_project(dest, full=True)


def get(port: int, path: str) -> tuple[int, str, str]:
    """(status, body, Location) of a GET sent with the path exactly as given."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body, response.getheader("Location") or ""


def wait_for(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"not within {WAIT} s: {what}")


class Running:
    def __init__(self, project: Path, port: int, process: subprocess.Popen[str]) -> None:
        self.project, self.port, self.process = project, port, process

    def get(self, path: str) -> tuple[int, str, str]:
        return get(self.port, path)

    def page(self, path: str) -> str:
        status, body, _ = self.get(PREFIX + path)
        assert status == 200, (path, status)
        return body

    def log(self) -> str:
        return (self.project / "serve.log").read_text()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Running]:
    project = copy_project(tmp_path)
    port = _free_port()
    log = open(project / "serve.log", "w")
    process = subprocess.Popen([sys.executable, "build.py", "serve", "--port", str(port)], cwd=project,
                               stdout=log, stderr=subprocess.STDOUT, text=True)
    running = Running(project, port, process)

    def up() -> bool:
        try:
            return running.get(PREFIX)[0] == 200
        except OSError:
            return False

    try:
        wait_for(up, "the server answers")
        yield running
    finally:
        process.terminate()
        process.wait(10)
        log.close()


def test_serves_the_site_under_the_deployed_prefix(server: Running) -> None:
    assert "Jack Clark" in server.page("authors/jack-clark/")
    status, _, location = server.get("/")
    assert status == 302 and location == PREFIX
    status, _, location = server.get(PREFIX + "categories")
    assert status == 301 and location == PREFIX + "categories/"
    assert "Serving the site at http://127.0.0.1:%d%s" % (server.port, PREFIX) in server.log()


def test_missing_pages_get_the_404_page(server: Running) -> None:
    status, body, _ = server.get(PREFIX + "papers/no-such-paper/")
    assert status == 404 and "Page not found" in body
    status, _, _ = server.get("/papers/")  # outside the prefix
    assert status == 404


@pytest.mark.parametrize("path", [
    PREFIX + "../site.yaml",
    PREFIX + "%2e%2e/site.yaml",
    PREFIX + "%2E%2E%2Fsite.yaml",
    PREFIX + "..%2f..%2f..%2fetc/passwd",
    PREFIX + "static/../../site.yaml",
    "/../../etc/passwd",
    PREFIX + "%00",
])
def test_requests_outside_the_site_get_404(server: Running, path: str) -> None:
    status, body, _ = server.get(path)
    assert status == 404
    assert "base_url" not in body and "root:" not in body


def test_a_symlink_out_of_static_is_not_served_and_said_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "static" / "leak.txt").symlink_to(project / "site.yaml")
    done = subprocess.run([sys.executable, "build.py"], cwd=project, check=True, capture_output=True, text=True)
    assert not (project / "_site" / "leak.txt").exists()
    assert "static/leak.txt:1: warning: a link to a file outside static/: not published" in done.stderr
    again = subprocess.run([sys.executable, "build.py"], cwd=project, check=True, capture_output=True, text=True)
    assert "0 files written" in again.stdout and "static/leak.txt:1: warning" in again.stderr  # said on every build


def test_an_edited_dump_shows_after_a_rebuild(server: Running) -> None:
    dump = server.project / "content/profiles/jack-clark.txt"
    dump.write_text(dump.read_text().replace("h-index54", "h-index55"))
    wait_for(lambda: "55" in _h_index(server.page("authors/jack-clark/")), "the new h-index is served")


def _h_index(page: str) -> str:
    start = page.index("h-index")
    return page[start : start + 120]


def test_a_broken_template_keeps_the_last_good_site_and_reports_the_error(server: Running) -> None:
    template = server.project / "templates/paper.html"
    good = template.read_text()
    template.write_text(good.replace("{% endblock %}", "{% endblok %}", 1))
    wait_for(lambda: "authorsite-error" in server.page("authors/jack-clark/"), "the error shows in the page")
    page = server.page("authors/jack-clark/")
    assert "templates/paper.html:" in page and "Jack Clark" in page  # the old page, with the error on top
    assert server.process.poll() is None
    template.write_text(good)
    wait_for(lambda: "authorsite-error" not in server.page("authors/jack-clark/"), "the fix recovers")


def test_bad_site_yaml_is_reported_and_recovered(server: Running) -> None:
    config = server.project / "site.yaml"
    good = config.read_text()
    config.write_text(good + "\ntitles: [unclosed\n")
    wait_for(lambda: "site.yaml:" in server.page(""), "the YAML error shows")
    config.write_text(good)
    wait_for(lambda: "authorsite-error" not in server.page(""), "the fix recovers")


def test_a_burst_of_saves_gives_one_rebuild(server: Running) -> None:
    dump = server.project / "content/profiles/alex-tamkin.txt"
    text = dump.read_text()
    before = server.log().count("rebuilt:")
    for n in range(8):
        dump.write_text(text.replace("Oolong", f"Oolong{n}"))
        time.sleep(0.1)
    wait_for(lambda: server.log().count("rebuilt:") > before, "a rebuild")
    time.sleep(3)  # the watcher's next polls see the burst too
    assert server.log().count("rebuilt:") == before + 1


def test_the_built_site_has_no_live_reload_script(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    subprocess.run([sys.executable, "build.py"], cwd=project, check=True, capture_output=True)
    pages = list((project / "_site").rglob("*.html"))
    assert len(pages) > 100
    assert not [p for p in pages if "livereload" in p.read_text()]


def test_the_preview_does_carry_the_live_reload_script(server: Running) -> None:
    assert "livereload.js" in server.page("authors/jack-clark/")


def test_a_stylesheet_change_is_swapped_in_without_a_reload(server: Running, browser) -> None:  # noqa: F811
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{server.port}{PREFIX}authors/jack-clark/")
    page.wait_for_function("() => window.LiveReload !== undefined")  # livereload.js is connected
    # livereload reloads connected pages once, up to about 3 s after it starts: let that pass
    page.wait_for_timeout(3500)
    page.wait_for_function("() => window.LiveReload !== undefined")
    page.evaluate("window.marker = 42")  # gone if the page reloads
    css = server.project / "static/css/site.css"
    css.write_text(css.read_text() + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n")
    page.wait_for_function("() => getComputedStyle(document.body).outlineWidth === '7px'", timeout=WAIT * 1000)
    assert page.evaluate("window.marker") == 42
    page.close()
