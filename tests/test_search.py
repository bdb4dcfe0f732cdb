"""The search index: a record per paper and per author, indexed by Pagefind into /pagefind/.

Seed facts (by grep): "Oolong: …" is glued to its authors on alex-tamkin.txt:71, and
"syntactic" is only in its abstract (line 72).
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from helpers import ALEX, make_project, paper, site_yaml

from authorsite.bench.corpus import generate
from authorsite.bench.dumps import write_project
from authorsite.config import SiteConfig, UserError, load_config
from authorsite.pipeline import PROFILES_DIR, build, load
from authorsite.search import bundles, part_count, part_of, parts, records
from authorsite.urls import author_url, output_path, paper_url

OOLONG = "Oolong: Investigating What Makes Transfer Learning Hard with Controlled Studies"


def files(folder: Path) -> dict[str, bytes]:
    """The files of a folder; of /pagefind/, those of its first part only."""
    found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}
    return {rel: p.read_bytes() for rel, p in found.items() if not rel.startswith("parts/")}


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory):
    return load(make_project(tmp_path_factory.mktemp("search-seed")))


def test_a_record_per_paper_and_author_at_its_page(seed) -> None:
    found = dict(records(seed.catalog, seed.config))
    assert len(found) == len(seed.catalog.papers) + len(seed.catalog.authors)
    oolong = found[output_path(paper_url(paper(seed.catalog, OOLONG).id))].decode()
    assert f"<h1>{OOLONG}</h1>" in oolong
    assert "<p>Zhengxuan Wu, Alex Tamkin, Isabel Papadimitriou</p>" in oolong  # split from the title
    assert "syntactic" in oolong and "Feb 24, 2022" in oolong
    assert '<meta data-pagefind-filter="Year[content]" content="2022">' in oolong
    assert '<meta data-pagefind-filter="Type[content]" content="Paper">' in oolong
    jack = found[output_path(author_url("jack-clark"))].decode()
    assert "<h1>Jack Clark</h1>" in jack and "<p>Profile · 23 papers</p>" in jack


def test_titles_mode_leaves_abstracts_out(seed) -> None:
    config = dataclasses.replace(seed.config, search="titles")
    found = dict(records(seed.catalog, config))
    oolong = found[output_path(paper_url(paper(seed.catalog, OOLONG).id))].decode()
    assert OOLONG in oolong and "syntactic" not in oolong


def test_dump_text_is_escaped_in_records(seed) -> None:
    hostile = dataclasses.replace(seed.catalog.papers[0], title='<script>alert(1)</script> & "q"',
                                  authors=("<img src=x onerror=alert(1)>",), category='X" onload="y')
    catalog = dataclasses.replace(seed.catalog, papers=(hostile,), authors=())
    ((_, data),) = records(catalog, seed.config)
    text = data.decode()
    assert "<script>" not in text and "<img" not in text and 'onload="y' not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;q&#34;" in text
    assert 'content="X&#34; onload=&#34;y"' in text  # an unknown code is named by itself


@pytest.mark.parametrize("text, mode", [("search: titles\n", "titles"), ("search: off\n", "off"),
                                        ("search: false\n", "off"), ("title: x\n", "full")])
def test_search_setting(tmp_path: Path, text: str, mode: str) -> None:
    (tmp_path / "site.yaml").write_text(text)
    config, diagnostics = load_config(tmp_path / "site.yaml")
    assert config.search == mode and diagnostics == []


def test_a_wrong_search_setting_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: x\nsearch: everything\n")
    with pytest.raises(UserError, match=r"^site\.yaml:2: error: search: expected one of full, titles, off$"):
        load_config(tmp_path / "site.yaml")


def test_the_site_has_a_search_page_and_index(tmp_path: Path) -> None:
    project = make_project(tmp_path, full=True)
    out = project / "_site"
    build(load(project), out)
    page = (out / "search" / "index.html").read_text()
    assert 'src="/authorsite/pagefind/pagefind-ui.js"' in page and 'data-base="/authorsite/"' in page
    assert '<form class="site-search" role="search" action="/authorsite/search/">' in (out / "index.html").read_text()
    entry = (out / "pagefind" / "pagefind-entry.json").read_text()
    papers_and_authors = len(load(project).catalog.papers) + len(load(project).catalog.authors)
    assert f'"page_count":{papers_and_authors}' in entry
    assert len(list((out / "pagefind" / "fragment").iterdir())) == papers_and_authors


def test_the_index_is_made_again_only_when_a_record_changes(tmp_path: Path) -> None:
    """Pagefind's files differ from run to run on the same records (their names hash what
    its threads did first), so equal bytes mean the kept index was used."""
    project = make_project(tmp_path, full=True)
    out = project / "_site"
    build(load(project), out)
    first = {k: v for k, v in files(out).items() if k.startswith("pagefind/")}
    base = project / "templates" / "base.html"
    base.write_text(base.read_text() + "<!-- edited -->\n")  # every page changes, no record does
    report = build(load(project), out)
    assert report.written > 150
    assert {k: v for k, v in files(out).items() if k.startswith("pagefind/")} == first
    dump = project / ALEX
    dump.write_text(dump.read_text().replace("Oolong:", "Oolong tea:"))
    build(load(project), out)
    again = {k: v for k, v in files(out).items() if k.startswith("pagefind/")}
    assert again["pagefind/pagefind-entry.json"] != first["pagefind/pagefind-entry.json"]
    assert len(list((project / ".authorsite-cache" / "search").iterdir())) == 1  # the last index only


LARGE = 4000  # papers; with their 440 authors, 4,440 records: five parts


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated project whose records make five parts, and its first card dump."""
    root = tmp_path_factory.mktemp("search-large") / "site"
    corpus = generate(LARGE, seed=3)
    write_project(corpus, root)
    return root, root / PROFILES_DIR / next(p.file for p in corpus.profiles if p.format == "card")


def test_the_index_is_one_up_to_4000_records_then_parts_of_about_a_thousand() -> None:
    counts = (0, 1, 1000, 4000, 4001, 5000, 5001, 11_100, 16_000, 16_001, 10**6)
    assert [part_count(n) for n in counts] == [1, 1, 1, 1, 5, 5, 6, 12, 16, 16, 16]
    assert bundles(1) == ("/pagefind/",)
    assert bundles(3) == ("/pagefind/", "/pagefind/parts/1/", "/pagefind/parts/2/")


def test_each_record_is_in_one_part_which_its_page_picks(large: tuple[Path, Path]) -> None:
    loaded = load(large[0])
    found = records(loaded.catalog, loaded.config)
    split = parts(found)
    assert len(found) == 4440 and len(split) == 5
    assert sorted(r for part in split for r in part) == sorted(found)
    assert all(780 < len(part) < 1000 for part in split)  # a hash shares them about evenly
    where = {path: i for i, part in enumerate(split) for path, _ in part}
    fewer = parts(found[1:])  # one record fewer: every other stays where it was
    assert all(where[path] == i for i, part in enumerate(fewer) for path, _ in part)


def test_a_large_index_is_made_in_parts_and_only_a_changed_part_again(large: tuple[Path, Path]) -> None:
    from authorsite.bench.run import _edit_title

    project, dump = large
    out = project / "_site"
    loaded = load(project)
    told: list[tuple[int, int]] = []
    build(loaded, out, jobs=2, progress=lambda phase, done, total: phase == "search" and told.append((done, total)))
    assert told[-1] == (5, 5) and told == sorted(told)  # counted by the process that made them
    everything = len(loaded.catalog.papers) + len(loaded.catalog.authors)
    first = out / "pagefind"
    folders = [first] + [first / "parts" / str(i) for i in range(1, 5)]
    assert (first / "pagefind-ui.js").is_file() and (first / "wasm.en.pagefind").is_file()
    for other in folders[1:]:
        assert sorted(p.name for p in other.iterdir() if p.is_file())[0] == "pagefind-entry.json"
        assert not any(p.suffix in (".js", ".css") or p.name.startswith("wasm.") for p in other.rglob("*"))
    assert not (first / "parts" / "5").exists()
    counts = [json.loads((folder / "pagefind-entry.json").read_text())["languages"]["en"]["page_count"] for folder in folders]
    assert sum(counts) == everything and min(counts) > 780
    listed = " ".join(f"/bench/pagefind/parts/{i}/" for i in range(1, 5))
    assert f'data-parts="{listed}"' in (out / "search" / "index.html").read_text()
    before = [files(folder) for folder in folders]
    _edit_title(dump)  # its first paper gets another title, so another page
    edited = load(project)
    moved = set(records(loaded.catalog, loaded.config)) ^ set(records(edited.catalog, edited.config))
    changed = {part_of(path, 5) for path, _ in moved}
    assert len(moved) == 2 and 1 <= len(changed) <= 2  # the old page's part, and the new one's
    build(edited, out, jobs=2)
    after = [files(folder) for folder in folders]
    assert [i for i in range(5) if after[i] != before[i]] == sorted(changed)
    assert len(list((project / ".authorsite-cache" / "search").iterdir())) == 5
    kept = next(i for i in range(5) if i not in changed)
    lost = sorted((folders[kept] / "fragment").iterdir())[0]
    lost.unlink()  # a file of a part kept whole: the part is written out again
    report = build(edited, out, jobs=2)
    assert report.written == 1 and files(folders[kept]) == after[kept]


def test_a_search_page_that_cannot_merge_parts_is_warned_of(large: tuple[Path, Path], tmp_path: Path) -> None:
    """A project whose search page files predate an index in parts (as authorsite's own
    did) still builds, and is told which file would search only the first part."""
    project = tmp_path / "site"
    shutil.copytree(large[0], project, ignore=shutil.ignore_patterns("_site", ".authorsite-cache"))
    assert [d for d in load(project).diagnostics if "search index is made in" in d.message] == []
    template, script = project / "templates" / "search.html", project / "static" / "js" / "search.js"
    template.write_text(re.sub(r"\{% if bundles.*?\{% endif %\}", "", template.read_text()))
    script.write_text(re.sub(r"\n *mergeIndex:.*", "", script.read_text()))
    found = [d for d in load(project).diagnostics if "search index is made in" in d.message]
    assert [str(d.pos) for d in found] == ["templates/search.html:1", "static/js/search.js:1"]
    assert "made in 5 parts, and this file does not list the parts for the search box" in found[0].message
    assert "search would find only the records of the first part" in found[1].message
    seed = make_project(tmp_path / "seed", full=True)  # 167 records: one part, nothing to merge
    (seed / "templates" / "search.html").write_text(template.read_text())
    assert [d for d in load(seed).diagnostics if "search index is made in" in d.message] == []


def test_search_off_makes_neither_page_nor_index(tmp_path: Path) -> None:
    project = make_project(tmp_path, site=site_yaml(("titles: []", "titles: []\nsearch: off")), full=True)
    out = project / "_site"
    build(load(project), out)
    assert not (out / "pagefind").exists() and not (out / "search").exists()
    assert "/search/" not in (out / "index.html").read_text()
    assert SiteConfig().search == "full"


def test_without_pagefind_the_build_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pagefind_bin

    def missing() -> Path:
        raise FileNotFoundError("no pagefind here")

    monkeypatch.setattr(pagefind_bin, "get_executable", missing)
    project = make_project(tmp_path, full=True)
    with pytest.raises(UserError, match=r"search needs Pagefind \(pip install pagefind-bin\), or 'search: off'"):
        build(load(project), project / "_site")
