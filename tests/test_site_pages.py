"""The author index and collection pages, on the seed site and an owner-less variant."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from helpers import make_project, site_yaml

from authorsite.pipeline import build, load


def built(dest: Path, site: str | None = None) -> Path:
    project = make_project(dest, site=site, full=True)
    build(load(project), project / "_site")
    return project / "_site"


def links(path: Path) -> list[tuple[str, str]]:
    doc = lxml.html.parse(str(path)).getroot()
    return [(a.get("href"), a.text_content().strip()) for a in doc.xpath("//main//a")]


def test_the_author_index_lists_profiles_then_every_coauthor(tmp_path: Path) -> None:
    out = built(tmp_path)
    found = links(out / "authors/index.html")
    profiles = [name for href, name in found[:3]]
    assert sorted(profiles) == ["Alex Tamkin", "Deep Ganguli", "Jack Clark"]
    coauthors = {href for href, _ in found[3:]}
    pages = {f"/authorsite/authors/{p.parent.name}/" for p in (out / "authors").glob("*/index.html")}
    assert coauthors | {href for href, _ in found[:3]} == pages  # every author page is reachable
    assert ("/authorsite/authors/noah-goodman/", "Noah Goodman") in found


def test_an_ownerless_dump_becomes_a_collection_page(tmp_path: Path) -> None:
    text = site_yaml(("  deep-ganguli.txt:\n    owner: Deep Ganguli", "  deep-ganguli.txt:\n    title: A reading list"))
    out = built(tmp_path, text)
    assert "no profile of their own" in (out / "authors/deep-ganguli/index.html").read_text()  # a co-author now
    page = out / "collections/deep-ganguli/index.html"
    doc = lxml.html.parse(str(page)).getroot()
    assert doc.xpath("//h1")[0].text_content() == "A reading list"
    assert len(doc.xpath("//article[@class='paper']")) == 22  # deep-ganguli.txt has 22 entries, one paper each
    assert ("/authorsite/collections/deep-ganguli/", "A reading list") in links(out / "index.html")
