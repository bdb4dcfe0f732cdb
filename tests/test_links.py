"""Every internal link of the built site works when it is served under its path prefix.

The seed site is built for https://example.github.io/authorsite/ and served at
http://127.0.0.1:PORT/authorsite/ (anything outside the prefix is a 404); a second build with
`--base-url https://example.org/` is served at the root. Each HTML page (and the sitemap and
feeds) is fetched over HTTP; each href/src of <a>, <link>, <script> and <img> that points into
the site (by path, or by the deploy URL, as canonical links do) must answer 200 with no redirect,
and each #fragment must be an id on the page it points to.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest
from site_fixtures import Server, root_server, root_site, seed_server, seed_site  # noqa: F401  (fixtures)

LINK_XPATH = "//a[@href]/@href | //link[@href]/@href | //script[@src]/@src | //img[@src]/@src"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Crawl:
    server: Server
    pages: list[str] = field(default_factory=list)  # the HTML pages fetched, as URLs
    links: int = 0  # internal links checked
    broken: list[str] = field(default_factory=list)
    linked: set[str] = field(default_factory=set)  # every internal URL some page links to
    duplicate_ids: list[str] = field(default_factory=list)
    _fetched: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)
    _ids: dict[str, set[str]] = field(default_factory=dict)

    def fetch(self, url: str) -> tuple[int, str, bytes]:
        """(status, content type, body) of a URL on the server, cached."""
        if url not in self._fetched:
            parts = urlsplit(url)
            status, headers, body = self.server.get(parts.path + (f"?{parts.query}" if parts.query else ""))
            self._fetched[url] = (status, headers.get("content-type", ""), body)
        return self._fetched[url]

    def ids(self, url: str) -> set[str]:
        if url not in self._ids:
            _, kind, body = self.fetch(url)
            doc = lxml.html.document_fromstring(body) if "html" in kind and body.strip() else None
            self._ids[url] = set() if doc is None else set(doc.xpath("//@id")) | set(doc.xpath("//a/@name"))
        return self._ids[url]

    def internal(self, url: str) -> str | None:
        """The server URL a link means, or None for a link out of the site."""
        deploy = self.server.site.base_url
        if url.startswith(deploy):  # an absolute link to the deployed site (canonical, feeds)
            return self.server.base + url[len(deploy):]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == urlsplit(self.server.origin).netloc:
            return url
        return None

    def check(self, source: str, href: str, base: str) -> None:
        href = href.strip()
        if not href or href.startswith(("mailto:", "tel:", "data:")):
            return
        target = self.internal(urljoin(base, href))
        if target is None:
            return
        self.links += 1
        page, fragment = urldefrag(target)
        self.linked.add(page)
        status, kind, _ = self.fetch(page)
        if status != 200:
            self.broken.append(f"{source}: {href} → HTTP {status}")
        elif fragment and unquote(fragment) not in self.ids(page):
            self.broken.append(f"{source}: {href} → no id {unquote(fragment)!r} on {page}" +
                               ("" if "html" in kind else f" ({kind})"))

    def run(self) -> Crawl:
        site = self.server.site
        for rel in site.html_files():
            url = self.server.url(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
            self.pages.append(url)
            status, kind, body = self.fetch(url)
            if status != 200 or "html" not in kind:
                self.broken.append(f"{url}: the page itself answers {status} {kind}")
                continue
            doc = lxml.html.document_fromstring(body)
            counts = Counter(doc.xpath("//@id"))
            self.duplicate_ids += [f"{url}: id {i!r} ×{n}" for i, n in counts.items() if n > 1]
            base = urljoin(url, (doc.xpath("//base/@href") or [url])[0])
            for href in doc.xpath(LINK_XPATH):
                self.check(url, str(href), base)
        # the sitemap's and the feeds' links point into the site too
        for rel in ["sitemap.xml", "feed.xml", *(p.relative_to(site.out).as_posix() for p in site.out.glob("authors/*/feed.xml"))]:
            url = self.server.url(rel)
            status, _, body = self.fetch(url)
            if status != 200:
                self.broken.append(f"{url}: answers {status}")
                continue
            tree = lxml.etree.fromstring(body)
            hrefs = tree.findall(f".//{SITEMAP}loc") + tree.findall(f".//{ATOM}link") + tree.findall(f".//{ATOM}id")
            for el in hrefs:
                value = el.get("href") if el.tag == f"{ATOM}link" else el.text
                if value and not value.startswith("urn:") and not value.startswith("tag:"):
                    self.check(url, value, url)
        return self


@pytest.fixture(scope="module")
def seed_crawl(seed_server: Server) -> Crawl:  # noqa: F811
    return Crawl(seed_server).run()


@pytest.fixture(scope="module")
def root_crawl(root_server: Server) -> Crawl:  # noqa: F811
    return Crawl(root_server).run()


def test_the_server_serves_only_under_the_prefix(seed_server):  # noqa: F811
    """The fixture itself: pages under /authorsite/, a 404 outside, folders redirected to their slash."""
    assert seed_server.get("/authorsite/")[0] == 200
    assert seed_server.get("/authorsite/authors/jack-clark/")[0] == 200
    assert seed_server.get("/authors/jack-clark/")[0] == 404
    assert seed_server.get("/")[0] == 404
    assert seed_server.get("/authorsite/no-such-page/")[0] == 404
    status, headers, _ = seed_server.get("/authorsite/authors/jack-clark")
    assert (status, headers["location"]) == (301, "/authorsite/authors/jack-clark/")


def test_the_crawl_covers_the_site(seed_crawl):
    """Guard against a crawl that checks nothing: every page fetched, thousands of links."""
    assert len(seed_crawl.pages) == len(seed_crawl.server.site.html_files()) > 150
    assert seed_crawl.links > 2000


def test_no_broken_links_under_a_path_prefix(seed_crawl):
    assert seed_crawl.broken == [], f"{len(seed_crawl.broken)} broken:\n" + "\n".join(seed_crawl.broken[:50])


def test_no_broken_links_at_the_root(root_crawl):
    assert root_crawl.server.site.base_path == "/"
    assert len(root_crawl.pages) > 150
    assert root_crawl.broken == [], f"{len(root_crawl.broken)} broken:\n" + "\n".join(root_crawl.broken[:50])


def test_root_build_has_no_prefix_in_its_links(root_site):  # noqa: F811
    for rel in ("index.html", "authors/jack-clark/index.html", "404.html"):
        doc = lxml.html.document_fromstring(root_site.file(rel).read_bytes())
        internal = [h for h in map(str, doc.xpath(LINK_XPATH)) if not h.startswith(("#", "http://", "https://"))]
        assert internal and all(h.startswith("/") and not h.startswith("/authorsite/") for h in internal), rel
        assert doc.xpath("//link[@rel='canonical']/@href")[0].startswith("https://example.org/"), rel


def test_internal_links_are_absolute_paths_under_the_prefix(seed_site):  # noqa: F811
    """Page-relative links would break in 404.html, which the host serves at any depth: every
    internal href/src is written as /authorsite/…"""
    bad = []
    for rel in seed_site.html_files():
        doc = lxml.html.document_fromstring(seed_site.file(rel).read_bytes())
        for href in doc.xpath(LINK_XPATH):
            href = str(href)
            if href.startswith(("#", "http://", "https://", "mailto:")):
                continue
            if not href.startswith("/authorsite/"):
                bad.append(f"{rel}: {href}")
    assert bad == []


def test_no_duplicate_ids(seed_crawl):
    """A #fragment must name one element."""
    assert seed_crawl.duplicate_ids == []


def test_every_page_is_linked_from_another(seed_crawl):
    """No orphan page: each (but the 404 page) is reachable by some link of the site."""
    orphans = [u for u in seed_crawl.pages if u not in seed_crawl.linked and not u.endswith("/404.html")]
    assert orphans == []
