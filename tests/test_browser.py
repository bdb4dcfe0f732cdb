"""The seed site in a real browser: Playwright driving Debian's chromium (/usr/bin/chromium).

The site is served under its path prefix (http://127.0.0.1:PORT/authorsite/). The tests load
Jack Clark's page, see the card, use the filter, and require no console error, no page error,
no failed or 4xx/5xx request and no request leaving the server. Without /usr/bin/chromium (or
the playwright package) they are skipped, except under CI=true, where they fail.

Expected counts come from content/profiles/jack-clark.txt, by grep on its badge lines:
23 papers; CV on lines 89 and 131; "Code" on lines 12 and 89; 6 papers of 2022.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from site_fixtures import Server, root_server, root_site, seed_server, seed_site  # noqa: F401  (fixtures)

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

JACK = "authors/jack-clark/"
ALL = 23
CV = {"Learning Transferable Visual Models From Natural Language Supervision",  # jack-clark.txt:89, Code
      "Evaluating CLIP: Towards Characterization of Broader Capabilities and Downstream Implications"}  # :131
CODE = {"Towards Measuring the Representation of Subjective Global Opinions in Language Models",  # :12
        "Learning Transferable Visual Models From Natural Language Supervision"}  # :89
YEAR_2022 = 6  # lines 19, 33, 40, 47, 54, 61

VISIBLE_PAPERS = "#papers article.paper:visible"


def _unavailable(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true: the browser tests must run, but {why}. Install Debian's chromium "
                    "(apt-get install chromium) and the test extras (pip install -e '.[test]').", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        _unavailable(f"the playwright package is missing ({e})")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} is missing")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=60_000)
        try:
            yield b
        finally:
            b.close()


class Watched:
    """A page whose console errors, page errors and failed requests are recorded."""

    def __init__(self, page, server: Server) -> None:
        self.page, self.server, self.problems = page, server, []
        origin = urlsplit(server.origin).netloc
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text} ({m.location})"))
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))

        def outside(route) -> None:  # the site must not reach beyond its own server
            self.problems.append(f"request outside the site: {route.request.url}")
            route.abort()

        page.route(lambda url: urlsplit(url).netloc != origin and not url.startswith(("data:", "blob:")), outside)

    def goto(self, rel: str) -> None:
        response = self.page.goto(self.server.url(rel), wait_until="load")
        assert response is not None and response.status == 200, rel

    def titles(self) -> list[str]:
        return [t.strip() for t in self.page.locator(f"{VISIBLE_PAPERS} h3").all_inner_texts()]


@pytest.fixture
def watched(browser, seed_server) -> Iterator[Watched]:  # noqa: F811
    context = browser.new_context()
    w = Watched(context.new_page(), seed_server)
    yield w
    context.close()
    assert w.problems == [], "\n".join(w.problems)


def test_author_page_card(watched):
    from playwright.sync_api import expect

    watched.goto(JACK)
    page = watched.page
    expect(page.locator("h1")).to_have_text("Jack Clark")
    h_index = page.locator("main dt:text-is('h-index') + dd")
    expect(h_index).to_be_visible()
    expect(h_index).to_have_text("54")
    expect(page.locator("main dd", has_text="121,302")).to_be_visible()
    expect(page.locator("main abbr", has_text="CL").first).to_be_visible()
    expect(page.locator(VISIBLE_PAPERS)).to_have_count(ALL)


def test_filter(watched):
    from playwright.sync_api import expect

    watched.goto(JACK)
    page = watched.page
    form = page.locator("form#filters")
    expect(form).to_be_visible()  # the script shows it
    papers = page.locator(VISIBLE_PAPERS)
    expect(papers).to_have_count(ALL)

    form.locator("select[name=category]").select_option("CV")
    expect(papers).to_have_count(len(CV))
    assert set(watched.titles()) == CV
    assert all(c == "CV" for c in page.locator(VISIBLE_PAPERS).evaluate_all("els => els.map(e => e.dataset.category)"))
    expect(page.locator("#papers .year-group:visible")).to_have_count(1)  # both are of 2021; empty years hide
    expect(page.locator("#papers .year-group:visible h2")).to_contain_text("2021")
    expect(page.locator("#shown")).to_have_text(str(len(CV)))

    form.locator("input[name=code]").check()
    expect(papers).to_have_count(len(CV & CODE))
    assert set(watched.titles()) == CV & CODE

    form.locator("select[name=category]").select_option("")
    expect(papers).to_have_count(len(CODE))
    assert set(watched.titles()) == CODE

    form.locator("input[name=code]").uncheck()
    form.locator("select[name=year]").select_option("2022")
    expect(papers).to_have_count(YEAR_2022)
    expect(page.locator("#papers .year-group:visible")).to_have_count(1)

    form.locator("select[name=category]").select_option("CV")
    expect(papers).to_have_count(0)  # no CV paper of 2022

    # back to no filter: everything shows again
    form.locator("select[name=category]").select_option("")
    form.locator("select[name=year]").select_option("")
    expect(papers).to_have_count(ALL)
    expect(page.locator("#shown")).to_have_text(str(ALL))
    expect(page.locator("#papers .year-group:visible")).to_have_count(8)


def test_without_javascript_everything_shows_and_the_form_hides(browser, seed_server):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    try:
        w = Watched(context.new_page(), seed_server)
        w.goto(JACK)
        expect(w.page.locator("h1")).to_have_text("Jack Clark")
        expect(w.page.locator(VISIBLE_PAPERS)).to_have_count(ALL)
        expect(w.page.locator("form#filters")).to_be_hidden()
        assert w.problems == [], "\n".join(w.problems)
    finally:
        context.close()


@pytest.mark.parametrize("rel", ["", "papers/language-models-mostly-know-what-they-know/", "categories/",
                                 "years/undated/", "authors/noah-goodman/", "about/", "404.html"])
def test_other_pages_load_cleanly(watched, rel):
    """No console error, failed request or outside request on the other kinds of page either."""
    from playwright.sync_api import expect

    watched.goto(rel)
    expect(watched.page.locator("h1")).to_be_visible()
    assert watched.page.evaluate(
        "Array.from(document.styleSheets).some(s => s.href && s.href.includes('/css/') && s.cssRules.length > 0)"
    ), "the stylesheet loaded"


OOLONG = "Oolong: Investigating What Makes Transfer Learning Hard with Controlled Studies"  # alex-tamkin.txt:71
SEARCH_INPUT = "#search input[type=text], #search input[type=search]"
RESULT_LINKS = "#search .pagefind-ui__result-link"


def _hrefs(page) -> list[str]:
    return page.locator(RESULT_LINKS).evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_search_finds_a_paper_by_a_word_of_its_abstract_and_opens_it(watched):
    """"syntactic" is in one abstract only (alex-tamkin.txt:72), Oolong's; no other has a word of its stem."""
    from playwright.sync_api import expect

    watched.goto("search/")
    page = watched.page
    expect(page.get_by_label("Papers and authors")).to_be_focused()  # the box, by its visible label
    page.locator(SEARCH_INPUT).fill("syntactic")
    links = page.locator(RESULT_LINKS)
    expect(links).to_have_count(1)
    expect(links).to_have_text(OOLONG)
    (href,) = _hrefs(page)
    assert href.startswith("/authorsite/papers/oolong-")  # under the site's path prefix
    links.click()
    expect(page.locator("h1")).to_have_text(OOLONG)
    assert page.url == watched.server.origin + href


def test_the_header_search_box_opens_the_results(watched):
    """Every page's header has a search box: Enter opens /search/ with the words searched."""
    from playwright.sync_api import expect

    watched.goto("years/")
    page = watched.page
    page.get_by_role("search").get_by_label("Search").fill("syntactic")
    page.keyboard.press("Enter")
    expect(page.locator(RESULT_LINKS)).to_have_text(OOLONG)
    assert page.url == watched.server.origin + "/authorsite/search/?q=syntactic"
    expect(page.locator(SEARCH_INPUT)).to_have_value("syntactic")


def test_search_on_a_site_without_a_path_prefix(browser, root_server):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context()
    try:
        w = Watched(context.new_page(), root_server)
        w.goto("search/?q=syntactic")
        expect(w.page.locator(RESULT_LINKS)).to_have_text(OOLONG)
        assert _hrefs(w.page)[0].startswith("/papers/oolong-")
        assert w.problems == [], "\n".join(w.problems)
    finally:
        context.close()


def test_search_from_the_address_finds_authors_too(watched):
    from playwright.sync_api import expect

    watched.goto("search/?q=Jack%20Clark")
    expect(watched.page.locator(RESULT_LINKS).first).to_be_visible()
    assert "/authorsite/authors/jack-clark/" in _hrefs(watched.page)
    expect(watched.page.locator(SEARCH_INPUT)).to_have_value("Jack Clark")


def test_search_page_without_javascript_points_elsewhere(browser, seed_server):  # noqa: F811
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False)
    try:
        w = Watched(context.new_page(), seed_server)
        w.goto("search/")
        expect(w.page.locator("main")).to_contain_text("Search runs in your browser, with JavaScript")
        assert w.problems == [], "\n".join(w.problems)
    finally:
        context.close()


HOSTILE = '<img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> zyxwvut'


def test_search_results_show_hostile_dump_text_as_text(browser, tmp_path):  # noqa: F811
    """An abstract of markup (jack-clark.txt:17, replaced) is found as words, and shown as
    the characters it is: no element of it is made, no script of it runs."""
    from playwright.sync_api import expect
    from site_fixtures import ROOT, build_site, copy_project, serve

    lines = (ROOT / "content/profiles/jack-clark.txt").read_text(encoding="utf-8").split("\n")
    assert lines[16].startswith("Large language models (LLMs) may not equitably")
    lines[16] = HOSTILE
    project = copy_project(tmp_path / "project", {"content/profiles/jack-clark.txt": "\n".join(lines)})
    server = serve(build_site(project, tmp_path / "out"))
    context = browser.new_context()
    try:
        w = Watched(context.new_page(), server)
        w.goto("search/?q=zyxwvut")
        result = w.page.locator("#search .pagefind-ui__result")
        expect(result).to_have_count(1)
        expect(result).to_contain_text('onerror="window.pwned=1"')
        expect(result).to_contain_text("<script>")
        assert result.locator("img, script").count() == 0
        assert w.page.evaluate("window.pwned") is None
        assert w.problems == [], "\n".join(w.problems)  # nor a request for the img's src
    finally:
        context.close()


def test_search_finds_papers_in_every_part_of_a_large_index(browser, tmp_path):  # noqa: F811
    """4,000 generated papers and 440 authors: the index is made in five parts, and the
    search page searches them all; none asks for Pagefind's program of a part but the first."""
    import shutil
    from urllib.parse import quote

    from playwright.sync_api import expect
    from site_fixtures import ROOT, build_site, serve

    from authorsite.bench.corpus import generate
    from authorsite.bench.dumps import write_project
    from authorsite.pipeline import load
    from authorsite.search import part_of
    from authorsite.urls import output_path, paper_url

    project = tmp_path / "project"
    write_project(generate(4000, seed=3), project)
    shutil.copyfile(ROOT / "build.py", project / "build.py")
    server = serve(build_site(project, tmp_path / "out", "https://example.github.io/bench/"))
    papers = load(project).catalog.papers
    context = browser.new_context()
    try:
        w = Watched(context.new_page(), server)
        for part in (0, 4):
            paper = next(p for p in papers if part_of(output_path(paper_url(p.id)), 5) == part)
            w.goto(f"search/?q={quote(paper.title)}")
            first = w.page.locator(RESULT_LINKS).first
            expect(first).to_have_text(paper.title)
            w.page.wait_for_load_state("networkidle")  # leaving before the favicon came would abort it
            first.click()
            expect(w.page.locator("h1")).to_have_text(paper.title)
            w.page.wait_for_load_state("networkidle")
        assert w.problems == [], "\n".join(w.problems)
    finally:
        context.close()
