"""Page digests: whatever a page shows changes its digest, and equal pages have equal
digests in any process."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

from helpers import ROOT, load_project, paper

from authorsite.digests import Digests, page_digest
from authorsite.model import Paper, PaperDate, SourcePos
from authorsite.pages import Page, Unit, list_units, single
from authorsite.render import AuthorLink, site_view


def other_value(value: object) -> object:
    """A value of the same kind that differs."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, tuple):
        return value[:-1] if value else ("x",)
    if isinstance(value, PaperDate):
        return dataclasses.replace(value, day=value.day % 28 + 1)
    return "x" if value is None else None


def test_every_field_of_a_paper_changes_its_digest(tmp_path) -> None:
    """The paper digest names the fields it hashes: this fails for a field it leaves out."""
    p = paper(load_project(tmp_path).catalog, "The Capacity for Moral Self-Correction in Large Language Models")
    links = {name: AuthorLink(name, f"/authors/{len(name)}/", f"/authors/{len(name)}/", False)
             for name in p.authors + ("x",)}
    base = Digests("site", links).paper(p)
    for field in dataclasses.fields(p):
        if field.name == "id":  # a paper's digest is kept by its id: a new id is a new paper
            continue
        changed = dataclasses.replace(p, **{field.name: other_value(getattr(p, field.name))})
        assert Digests("site", links).paper(changed) != base, field.name
    moved = dataclasses.replace(p, sources=(SourcePos(p.sources[0].file, p.sources[0].line + 1), *p.sources[1:]))
    assert Digests("site", links).paper(moved) != base
    elsewhere = {**links, p.authors[0]: dataclasses.replace(links[p.authors[0]], profile=True)}
    assert Digests("site", elsewhere).paper(p) != base
    assert Digests("site", links).paper(dataclasses.replace(p)) == base


def digest_of(context: dict[str, object]) -> str:
    return Digests("site", {}).unit(Unit(single, (Page("/x/", "page.html", "X", context),)))


def test_pages_with_wide_integers_are_digested() -> None:
    assert digest_of({"n": 1 << 70}) == digest_of({"n": 1 << 70})
    assert digest_of({"n": 1 << 70}) != digest_of({"n": (1 << 70) + 1})
    assert digest_of({"n": 1}) != digest_of({"n": "1"})


def test_a_page_of_a_list_changes_with_its_own_papers(tmp_path) -> None:
    """A co-author list of 120 papers is three pages, each a unit: a paper replaced on the
    last page changes that page's digest only; one added on the first moves them all."""
    loaded = load_project(tmp_path)
    catalog = loaded.catalog
    links = site_view(loaded.config, catalog, {}, loaded.markdown).links
    papers = (catalog.papers * 3)[:120]
    context = {"author": catalog.authors[0], "bio": None}

    def digests(listed: tuple[Paper, ...]) -> dict[str, str]:
        hasher = Digests("site", links)
        return {page.url: page_digest(hasher.unit(unit), i)
                for unit in list_units("/authors/x/", "coauthor.html", "X", listed, context) for i, page in enumerate(unit.pages())}

    made = digests(papers)
    assert list(made) == ["/authors/x/", "/authors/x/page/2/", "/authors/x/page/3/"] and len(set(made.values())) == 3
    replaced = digests(papers[:-1] + (catalog.papers[-1],))
    assert [replaced[url] == made[url] for url in made] == [True, True, False]
    added = digests(catalog.papers[-1:] + papers)
    assert added.keys() == made.keys() and not set(added.values()) & set(made.values())


SCRIPT = """
import sys
from pathlib import Path
from authorsite.digests import Digests
from authorsite.pages import build_units
from authorsite.pipeline import load
from authorsite.render import site_view
loaded = load(Path(sys.argv[1]))
digests = Digests("site", site_view(loaded.config, loaded.catalog, {}, loaded.markdown).links)
for unit in build_units(loaded.catalog, loaded.markdown, loaded.config):
    print(unit.make.__qualname__, digests.unit(unit))
"""


def test_digests_are_the_same_in_another_process(tmp_path) -> None:
    """String hashing and interning differ between processes; digests must not."""
    load_project(tmp_path, full=True)

    def digests(seed: str) -> str:
        result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, check=True,
                                timeout=120, env={"PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed})
        return result.stdout

    first = digests("1")
    assert first.count("\n") > 150
    assert digests("2") == first
