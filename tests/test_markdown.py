"""Markdown bios and pages: front matter, escaped raw HTML, only web links, metric overrides."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import make_project, site_yaml

from authorsite.pipeline import build, load

BIO = """---
links:
  - label: Home page
    url: https://example.org/alex
  - label: Bad
    url: javascript:alert(1)
metrics:
  h_index: 41
  citations: 12345
---
Works on <script>alert(1)</script> *machine learning*; see [the export](/api/papers.json)
and [this](javascript:alert(2)).
"""


def built(tmp_path: Path, site: str | None = None) -> tuple[Path, list[str]]:
    project = make_project(tmp_path, full=True, site=site, files={"content/authors/alex-tamkin.md": BIO})
    loaded = load(project)
    build(loaded, project / "_site")
    return project / "_site", [str(d) for d in loaded.diagnostics]


def test_a_bio_is_markdown_without_raw_html_or_unsafe_links(tmp_path: Path) -> None:
    out, diagnostics = built(tmp_path)
    page = (out / "authors/alex-tamkin/index.html").read_text()
    assert "<em>machine learning</em>" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert 'href="/authorsite/api/papers.json"' in page  # site links under the base path
    assert 'href="https://example.org/alex"' in page
    assert any("content/authors/alex-tamkin.md" in d and "javascript:alert(1)" in d for d in diagnostics)


def test_front_matter_metrics_fill_a_headerless_profile(tmp_path: Path) -> None:
    out, _ = built(tmp_path)
    authors = {a["id"]: a for a in json.loads((out / "api/authors.json").read_text())["authors"]}
    assert authors["alex-tamkin"]["metrics"] == {"h_index": 41, "papers": None, "citations": 12345,
                                                 "novelty_pct": None, "ai_score": None}
    page = (out / "authors/alex-tamkin/index.html").read_text()
    assert "12,345" in page


def test_an_about_page_and_a_cname(tmp_path: Path) -> None:
    out, _ = built(tmp_path, site_yaml(("title: Research profiles", "title: Research profiles\ncname: www.example.org")))
    assert (out / "CNAME").read_text() == "www.example.org\n"
    assert (out / ".nojekyll").exists()
    about = (out / "about/index.html").read_text()
    assert "<h1>About</h1>" in about and 'href="/authorsite/about/"' in about
