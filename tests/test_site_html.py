"""The built seed site, read with an HTML parser: card figures, badges, links, grouping.

Expected values were read off the dumps in content/profiles/ by hand (grep, awk) and are
written here as literals; the small dump reader below (a regex, independent of authorsite's
parsers) supplies the per-paper facts (category, date text, Code, authors, abstract) that the
item-by-item checks compare against.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import pytest
from site_fixtures import ROOT, BuiltSite, build_site, copy_project, seed_site  # noqa: F401  (fixture)

PREFIX = "/authorsite/"
PROFILES = ROOT / "content" / "profiles"
DASH = "\u2013"  # an unknown figure: an en dash, never 0
OWNERS = {"jack-clark.txt": "Jack Clark", "alex-tamkin.txt": "Alex Tamkin", "deep-ganguli.txt": "Deep Ganguli"}
PROFILE_IDS = {"jack-clark": "Jack Clark", "alex-tamkin": "Alex Tamkin", "deep-ganguli": "Deep Ganguli"}
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
BADGE = re.compile(rf"^([A-Z]{{2}})((?:{MONTHS}) \d{{1,2}}(?:, (\d{{4}}))?)(Code)?$")

TOWARDS = "Towards Measuring the Representation of Subjective Global Opinions in Language Models"
MOSTLY = "Language Models (Mostly) Know What They Know"


# --------------------------------------------------------------------------- the dumps, read by hand


@dataclass(frozen=True)
class Entry:
    file: str
    line: int  # of the badge
    category: str
    date_text: str
    year: int | None
    code: bool
    title: str | None  # card format only; a compact entry's title is glued to its authors
    rest: str  # the authors line (card) or the title+authors line (compact)
    abstract: str

    def matches(self, title: str) -> bool:
        return self.title == title if self.title is not None else self.rest.startswith(title)

    def byline(self, title: str) -> str:
        return self.rest if self.title is not None else self.rest[len(title):]

    def authors(self, title: str) -> tuple[list[str], bool, list[str]]:
        """(names, et al.?, affiliation slugs) as the dump writes them."""
        names, _, affs = self.byline(title).partition(" · ")
        et_al = names.endswith(" et al.")
        names = names.removesuffix(" et al.")
        return names.split(", "), et_al, affs.split(", ") if affs else []


@lru_cache(maxsize=None)
def dump(name: str) -> tuple[Entry, ...]:
    lines = (PROFILES / name).read_text(encoding="utf-8").split("\n")
    card = not BADGE.match(lines[0])  # the card format opens with the author's name
    out = []
    for i, line in enumerate(lines):
        m = BADGE.match(line)
        if not m:
            continue
        year = int(m[3]) if m[3] else None
        if card:  # badge, title, blank, authors, blank, abstract
            out.append(Entry(name, i + 1, m[1], m[2], year, bool(m[4]), lines[i + 1], lines[i + 3], lines[i + 5]))
        else:  # badge, title+authors, abstract
            out.append(Entry(name, i + 1, m[1], m[2], year, bool(m[4]), None, lines[i + 1], lines[i + 2]))
    return tuple(out)


def entries_for(title: str) -> list[Entry]:
    return [e for name in OWNERS for e in dump(name) if e.matches(title)]


def test_the_dump_reader_agrees_with_hand_counts():
    """The reader above, checked against counts taken with grep/awk."""
    assert [len(dump(n)) for n in OWNERS] == [23, 31, 22]
    assert sum(e.code for e in dump("jack-clark.txt")) == 2
    assert [e.line for e in dump("jack-clark.txt") if e.category == "CV"] == [89, 131]
    assert [e.line for e in dump("alex-tamkin.txt") if e.year is None] == [4, 40]


# --------------------------------------------------------------------------- parsing helpers


@lru_cache(maxsize=None)
def _parse(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_bytes(), parser=lxml.html.HTMLParser(encoding="utf-8"))


def page(site: BuiltSite, rel: str) -> lxml.html.HtmlElement:
    path = site.file(rel)
    assert path.is_file(), f"no page {rel}"
    return _parse(path)


def text(el) -> str:
    return " ".join(el.text_content().split())


def classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def one(el, xpath: str, **variables):
    found = el.xpath(xpath, **variables)
    assert len(found) == 1, f"{xpath}: {len(found)} found"
    return found[0]


def main(doc):
    return one(doc, "//main")


def metrics(doc) -> dict[str, str]:
    """The header card's figures: label (lower case) → value, from the <dl> holding "h-index"."""
    dl = one(main(doc), ".//dl[.//dt[normalize-space()='h-index']]")
    return {text(dt_).lower(): text(dt_.getnext()) for dt_ in dl.xpath(".//dt")}


def card(doc):
    """The element holding the author page's <h1> and its figures."""
    return one(main(doc), ".//*[.//h1 and .//dl][not(.//*[.//h1 and .//dl])]")


def items(scope) -> list:
    return scope.xpath(".//article[contains(concat(' ', @class, ' '), ' paper ')]")


def item_title(item) -> str:
    return text(one(item, ".//h3//a | .//h2//a"))


def year_groups(doc) -> list[tuple[str, int, int]]:
    """(heading's first word, count the heading shows, items in the group), in page order."""
    out = []
    for g in main(doc).xpath(".//section[contains(concat(' ', @class, ' '), ' year-group ')]"):
        words = text(one(g, "./h2")).split()
        out.append((words[0], int(words[-1]) if words[-1].isdigit() else -1, len(items(g))))
    return out


def highlighted(doc) -> str | None:
    """The author id the page's head style rule highlights (templates/partials/owner_style.html)."""
    rules = [re.search(r'\.authors a\[data-author="([a-z0-9-]+)"\]', s.text or "") for s in doc.xpath("//head/style")]
    return next((m[1] for m in rules if m), None)


def selves(doc, scope) -> list:
    """The author links the page highlights as its owner."""
    return [a for a in scope.xpath(".//a[@data-author]") if a.get("data-author") == highlighted(doc)]


def author_links(item) -> list:
    return item.xpath(".//*[contains(concat(' ', @class, ' '), ' authors ')]//a[contains(@href, '/authors/')]")


# --------------------------------------------------------------------------- author pages


def test_jack_clark_card(seed_site):
    doc = page(seed_site, "authors/jack-clark/index.html")
    c = card(doc)
    assert text(one(c, ".//h1")) == "Jack Clark"
    assert metrics(doc) == {"h-index": "54", "papers": "23", "citations": "121,302", "novelty": "38%", "ai score": "36"}
    abbr = one(c, ".//abbr[normalize-space()='CL']")
    assert abbr.get("title") == "Computation and Language"
    assert "Computation and Language" in text(c)  # the full name shows, not only in a tooltip
    assert c.xpath(f".//a[@href='{PREFIX}categories/cl/']"), "the category badge links to its index"
    assert one(doc, "//title").text_content().startswith("Jack Clark")


@pytest.mark.parametrize("author", ["alex-tamkin", "deep-ganguli"])
def test_headerless_profile_shows_dashes_never_zero(seed_site, author):
    doc = page(seed_site, f"authors/{author}/index.html")
    assert text(one(card(doc), ".//h1")) == PROFILE_IDS[author]
    figures = metrics(doc)
    assert set(figures) == {"h-index", "papers", "citations", "novelty", "ai score"}
    assert all(v == DASH for v in figures.values()), figures


def test_alex_tamkin_category_is_his_most_frequent(seed_site):
    """No header: the badge is the dump's most frequent category (CL 11, LG 10 by grep)."""
    c = card(page(seed_site, "authors/alex-tamkin/index.html"))
    assert one(c, ".//abbr").text_content().strip() == "CL"


# Papers per year, newest first, undated last: counted with grep on each dump's badges.
GROUPS = {
    "jack-clark": [("2025", 1), ("2024", 2), ("2023", 5), ("2022", 6), ("2021", 6), ("2020", 1), ("2019", 1), ("2018", 1)],
    "alex-tamkin": [("2025", 2), ("2024", 4), ("2023", 10), ("2022", 4), ("2021", 5), ("2020", 3), ("2019", 1),
                    ("Undated", 2)],
    "deep-ganguli": [("2025", 3), ("2024", 5), ("2023", 4), ("2022", 7), ("2021", 3)],
}


@pytest.mark.parametrize("author", GROUPS)
def test_papers_grouped_by_year_newest_first(seed_site, author):
    doc = page(seed_site, f"authors/{author}/index.html")
    groups = year_groups(doc)
    assert [(y, n) for y, n, _ in groups] == GROUPS[author], "headings and their counts"
    assert [(y, n) for y, _, n in groups] == GROUPS[author], "items in each group"
    for g in main(doc).xpath(".//section[contains(concat(' ', @class, ' '), ' year-group ')]"):
        dates = [t.get("datetime") for t in g.xpath(".//time[@datetime]")]
        assert dates == sorted(dates, reverse=True), "newest first within a year"


@pytest.mark.parametrize("file", list(OWNERS))
def test_every_paper_item_against_the_dump(seed_site, file):
    """Each item of an author page: category chip, date as written, a Code chip exactly when a
    dump says Code, the title linking to its page, authors as written with profile owners
    linked and marked and the page owner highlighted, the abstract folded in <details>."""
    owner = OWNERS[file]
    owner_id = file.removesuffix(".txt")
    doc = page(seed_site, f"authors/{owner_id}/index.html")
    found = items(main(doc))
    assert len(found) == len(dump(file))
    unmatched = list(dump(file))
    for item in found:
        title = item_title(item)
        mine = [e for e in unmatched if e.matches(title)]
        assert len(mine) == 1, f"{title!r} matches {len(mine)} entries of {file}"
        entry = mine[0]
        unmatched.remove(entry)
        everywhere = entries_for(title)

        # badges
        chip = one(item, f".//a[@href='{PREFIX}categories/{entry.category.lower()}/']")
        assert entry.category in text(chip)
        date = one(item, ".//*[contains(concat(' ', @class, ' '), ' date ')]")
        assert text(date) == entry.date_text
        if entry.year is None:
            assert date.tag != "time" or not date.get("datetime"), "a year-less date gets no datetime"
        else:
            iso = dt.datetime.strptime(entry.date_text, "%b %d, %Y").date().isoformat()
            assert (date.tag, date.get("datetime")) == ("time", iso)
        code_chips = item.xpath(".//*[normalize-space(text())='Code']")
        assert len(code_chips) == (1 if any(e.code for e in everywhere) else 0), title
        assert any(e.code for e in everywhere) == entry.code  # the seeds agree on Code across dumps

        # title
        link = one(item, ".//h3//a | .//h2//a")
        href = link.get("href")
        assert re.fullmatch(rf"{PREFIX}papers/[a-z0-9]+(-[a-z0-9]+)*/", href), href
        assert seed_site.file(href[len(PREFIX):] + "index.html").is_file(), href

        # authors
        names, et_al, _ = entry.authors(title)
        links = author_links(item)
        assert [text(a) for a in links] == names, title
        assert bool(item.xpath(".//*[normalize-space()='et al.']")) == et_al, title
        for a in links:
            target = a.get("href")
            assert re.fullmatch(rf"{PREFIX}authors/[a-z0-9-]+/", target), target
            assert seed_site.file(target[len(PREFIX):] + "index.html").is_file(), target
            is_profile = target.split("/")[-2] in PROFILE_IDS
            assert ("profile" in classes(a)) == is_profile, (title, text(a))
            assert (a.get("data-author") == highlighted(doc)) == (text(a) == owner), (title, text(a))
            if is_profile:
                assert PROFILE_IDS[target.split("/")[-2]] == text(a)

        # abstract, folded
        details = one(item, ".//details")
        assert details.xpath("./summary")
        assert text(details).removeprefix(text(one(details, "./summary"))).strip().startswith(entry.abstract[:80])
    assert unmatched == []


@pytest.mark.parametrize(("author", "expected"), [("jack-clark", 6), ("alex-tamkin", 19), ("deep-ganguli", 2)])
def test_owner_highlighted_where_named(seed_site, author, expected):
    """Entries naming the owner, by grep: Jack Clark 6 (7 lines less the header), Alex Tamkin 19
    (as DESIGN.md says), Deep Ganguli 2."""
    doc = page(seed_site, f"authors/{author}/index.html")
    assert highlighted(doc) == author
    owners = selves(doc, main(doc))
    assert len(owners) == expected
    assert {(text(a), a.get("href")) for a in owners} == {(PROFILE_IDS[author], f"{PREFIX}authors/{author}/")}


def test_author_page_charts_and_filter_markup(seed_site):
    """Charts by year and category, and the filter form (hidden until the script shows it)."""
    doc = page(seed_site, "authors/jack-clark/index.html")
    descs = [text(d) for d in main(doc).xpath(".//svg//desc | .//*[local-name()='desc']")]
    assert "2018: 1; 2019: 1; 2020: 1; 2021: 6; 2022: 6; 2023: 5; 2024: 2; 2025: 1" in descs
    assert "CL: 10; AI: 6; CY: 3; CV: 2; CR: 1; LG: 1" in descs  # grep -c per category code
    form = one(main(doc), ".//form")
    assert form.get("hidden") is not None, "without JavaScript the filter form stays hidden"
    assert [o.get("value") for o in form.xpath(".//select[@name='category']/option")] == ["", "AI", "CL", "CR", "CV", "CY", "LG"]
    assert form.xpath(".//input[@type='checkbox']")
    scripts = doc.xpath("//script/@src")
    assert any(re.search(r"/js/filter(\.[0-9a-f]+)?\.js$", s) for s in scripts), scripts


# --------------------------------------------------------------------------- paper pages


def paper_page(site: BuiltSite, title: str):
    """The page of the paper titled `title`, found through the site's own links (home → years)."""
    for rel in site.html_files():
        if not rel.startswith("papers/"):
            continue
        doc = page(site, rel)
        if text(one(main(doc), ".//h1")) == title:
            return doc, rel
    raise AssertionError(f"no page for {title!r}")


def abstract_of(doc, start: str):
    return one(main(doc), ".//p[starts-with(normalize-space(), $start)]", start=start)


def listed_by(doc) -> list[tuple[str, str]]:
    heading = one(main(doc), ".//*[self::h2 or self::h3][normalize-space()='Listed by']")
    return [(text(a), a.get("href")) for a in heading.getnext().xpath(".//a")]


def test_paper_page_towards_measuring(seed_site):
    doc, rel = paper_page(seed_site, TOWARDS)
    m = main(doc)
    # badges: CL chip linked to its index, the date, Code
    assert "CL" in text(one(m, f".//a[@href='{PREFIX}categories/cl/']"))
    assert one(m, ".//time").get("datetime") == "2023-06-28"
    assert text(one(m, ".//time")) == "Jun 28, 2023"
    assert len(m.xpath(".//*[normalize-space(text())='Code']")) == 1
    # authors, linked; affiliations by display name
    authors = one(m, ".//*[contains(concat(' ', @class, ' '), ' authors ')]")
    assert [(text(a), a.get("href")) for a in authors.xpath(".//a")] == [
        ("Esin Durmus", f"{PREFIX}authors/esin-durmus/"),
        ("Karina Nguyen", f"{PREFIX}authors/karina-nguyen/"),
        ("Thomas I. Liao", f"{PREFIX}authors/thomas-i-liao/"),
    ]
    assert "et al." in text(authors)
    assert "OpenAI" in text(m) and "Stanford University" in text(m)
    assert not re.search(r"\b(openai|stanford)\b", text(authors)), "slugs are shown by their display names"
    # the abstract: its two URLs are links, and nothing else in it is
    abstract = abstract_of(doc, "Large language models (LLMs) may not equitably")
    assert [a.get("href") for a in abstract.xpath(".//a")] == [
        "https://huggingface.co/datasets/Anthropic/llm_global_opinions",
        "https://llmglobalvalues.anthropic.com",
    ]
    assert [text(a) for a in abstract.xpath(".//a")] == [
        "https://huggingface.co/datasets/Anthropic/llm_global_opinions",
        "https://llmglobalvalues.anthropic.com",
    ]
    assert text(abstract).endswith("at https://llmglobalvalues.anthropic.com."), "the full stop is not part of the link"
    # no arXiv id is known for it (no abstract of arxiv-listing.txt is this one): no arXiv links
    assert not m.xpath(".//a[contains(@href, 'arxiv.org')]")
    # BibTeX
    bib = text(one(m, ".//pre"))
    assert re.match(r"@\w+\{\w+,", bib) and f"{{{TOWARDS}}}" in bib and "Esin Durmus and Karina Nguyen" in bib
    assert "year = {2023}" in bib
    # listed by the three profiles (it is in all three dumps)
    assert sorted(listed_by(doc)) == [(n, f"{PREFIX}authors/{i}/") for i, n in sorted(PROFILE_IDS.items())]
    assert [e.file for e in entries_for(TOWARDS)] == ["jack-clark.txt", "alex-tamkin.txt", "deep-ganguli.txt"]


def test_paper_page_with_arxiv_id(seed_site):
    """arxiv-listing.txt line 3 is this abstract, its comment "23+17 pages" on line 4, and
    "arXiv:2207.05221" starts line 5."""
    doc, _ = paper_page(seed_site, MOSTLY)
    m = main(doc)
    hrefs = m.xpath(".//a/@href")
    assert "https://arxiv.org/abs/2207.05221" in hrefs
    assert "https://arxiv.org/pdf/2207.05221" in hrefs
    assert "23+17 pages" in text(m)
    assert "2207.05221" in text(one(m, ".//pre"))
    assert sorted(listed_by(doc)) == [("Deep Ganguli", f"{PREFIX}authors/deep-ganguli/"),
                                      ("Jack Clark", f"{PREFIX}authors/jack-clark/")]
    assert one(m, ".//time").get("datetime") == "2022-07-11"


def test_arxiv_comment_urls_are_links(seed_site):
    """arxiv-listing.txt line 7: "Data available at https://github.com/anthropics/hh-rlhf"."""
    doc, _ = paper_page(seed_site, "Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback")
    m = main(doc)
    assert "https://github.com/anthropics/hh-rlhf" in m.xpath(".//a/@href")
    assert "https://arxiv.org/abs/2204.05862" in m.xpath(".//a/@href")


def test_undated_paper_page(seed_site):
    doc, _ = paper_page(seed_site, "How AI Impacts Skill Formation")
    m = main(doc)
    assert not m.xpath(".//time[@datetime]")
    assert "Jan 28" in text(one(m, ".//*[contains(concat(' ', @class, ' '), ' badges ')]"))
    assert [text(a) for a in author_links(m)] == ["Judy Hanwen Shen", "Alex Tamkin"]
    assert listed_by(doc) == [("Alex Tamkin", f"{PREFIX}authors/alex-tamkin/")]


# --------------------------------------------------------------------------- indexes


# Distinct papers per category and per year over the three paper dumps (56 in all), counted
# by hand: a paper listed by several dumps counted once.
CATEGORY_COUNTS = {"CL": 21, "LG": 12, "AI": 10, "CY": 6, "CV": 5, "CR": 1, "SI": 1}
YEAR_COUNTS = {"2025": 3, "2024": 7, "2023": 15, "2022": 12, "2021": 10, "2020": 4, "2019": 2, "2018": 1, "Undated": 2}


def index_rows(doc) -> dict[str, tuple[str, int]]:
    """label → (href, count) of an index page's list."""
    rows = {}
    for li in main(doc).xpath(".//li[a]"):
        a = li.xpath(".//a")[0]
        label = (a.xpath(".//abbr/text()") or [text(a)])[0].strip()
        count = re.search(r"(\d+) papers?", text(li))
        rows[label] = (a.get("href"), int(count[1]) if count else -1)
    return rows


def test_categories_index(seed_site):
    rows = index_rows(page(seed_site, "categories/index.html"))
    assert rows == {c: (f"{PREFIX}categories/{c.lower()}/", n) for c, n in CATEGORY_COUNTS.items()}
    assert list(rows) == list(CATEGORY_COUNTS), "most papers first"
    assert sum(CATEGORY_COUNTS.values()) == 56


def test_category_page(seed_site):
    doc = page(seed_site, "categories/cv/index.html")
    m = main(doc)
    assert "Computer Vision and Pattern Recognition" in text(one(m, ".//h1"))
    titles = [item_title(i) for i in items(m)]
    assert titles == [  # the five CV badges of the dumps, newest first
        "BenchMD: A Benchmark for Unified Learning on Medical Images and Sensors",  # Apr 17, 2023
        "Multispectral Contrastive Learning with Viewmaker Networks",  # Feb 11, 2023
        "Tradeoffs Between Contrastive and Supervised Learning: An Empirical Study",  # Dec 10, 2021
        "Evaluating CLIP: Towards Characterization of Broader Capabilities and Downstream Implications",  # Aug 5, 2021
        "Learning Transferable Visual Models From Natural Language Supervision",  # Feb 26, 2021
    ]
    assert all(i.get("data-category", "CV") == "CV" for i in items(m))


def test_years_index(seed_site):
    rows = index_rows(page(seed_site, "years/index.html"))
    expected = {y: (f"{PREFIX}years/{y.lower()}/", n) for y, n in YEAR_COUNTS.items()}
    assert rows == expected
    assert list(rows) == list(YEAR_COUNTS), "newest first, undated last"


def test_year_page(seed_site):
    titles = [item_title(i) for i in items(main(page(seed_site, "years/2019/index.html")))]
    assert titles == [
        "Being Optimistic to Be Conservative: Quickly Learning a CVaR Policy",  # alex-tamkin.txt:91, Nov 5, 2019
        "Release Strategies and the Social Impacts of Language Models",  # jack-clark.txt:159, Aug 24, 2019
    ]


def test_undated_page_lists_the_two_yearless_papers(seed_site):
    """alex-tamkin.txt:4 "AIMay 28" and :40 "CYJan 28": no year anywhere, no arXiv id."""
    m = main(page(seed_site, "years/undated/index.html"))
    found = items(m)
    assert [item_title(i) for i in found] == [
        "Scaling Monosemanticity: Extracting Interpretable Features from Claude 3 Sonnet",
        "How AI Impacts Skill Formation",
    ]
    dates = [text(one(i, ".//*[contains(concat(' ', @class, ' '), ' date ')]")) for i in found]
    assert dates == ["May 28", "Jan 28"], "shown as written, no year guessed"
    assert not m.xpath(".//time[@datetime]")


# --------------------------------------------------------------------------- other pages


def test_home_lists_the_three_profiles(seed_site):
    doc = page(seed_site, "index.html")
    m = main(doc)
    profile_links = [(text(a), a.get("href")) for a in m.xpath(".//a[@href]")
                     if re.fullmatch(rf"{PREFIX}authors/[a-z-]+/", a.get("href")) and a.getparent().tag in ("h2", "h3")]
    assert sorted(profile_links) == [(n, f"{PREFIX}authors/{i}/") for i, n in sorted(PROFILE_IDS.items())]
    cards = m.xpath(".//*[.//dl and .//h3][not(.//*[.//dl and .//h3])]")
    assert len(cards) == 3
    figures = {text(one(c, ".//h3")): {text(d).lower(): text(d.getnext()) for d in c.xpath(".//dt")} for c in cards}
    assert figures["Jack Clark"]["citations"] == "121,302"
    assert figures["Jack Clark"]["h-index"] == "54"
    assert set(figures["Alex Tamkin"].values()) == {DASH}
    assert set(figures["Deep Ganguli"].values()) == {DASH}
    listed = {text(one(c, ".//h3")): re.search(r"(\d+) papers", text(c))[1] for c in cards}
    assert listed == {"Jack Clark": "23", "Alex Tamkin": "31", "Deep Ganguli": "22"}
    assert "56 papers by 111 authors." in text(m)  # `build.py check`'s counts, 56 checked by hand
    recent = [i.xpath(".//time/@datetime") for i in items(m)]
    assert recent and recent[0] == ["2025-04-21"], "newest first: Values in the Wild, Apr 21, 2025"


def test_404_page(seed_site):
    doc = page(seed_site, "404.html")
    assert "not found" in text(one(main(doc), ".//h1")).lower()
    hrefs = doc.xpath("//a/@href | //link/@href | //script/@src")
    assert f"{PREFIX}" in hrefs, "links home"
    internal = [h for h in hrefs if not h.startswith(("http://", "https://", "#"))]
    assert internal and all(h.startswith(PREFIX) for h in internal), "absolute paths: it is served at any depth"


def test_coauthor_light_page(seed_site):
    """Noah Goodman has no profile: a light page of his six papers (all in alex-tamkin.txt, two
    ways of writing him: "Noah D. Goodman" on line 8, "Noah Goodman" elsewhere, one person by
    site.yaml's aliases)."""
    doc = page(seed_site, "authors/noah-goodman/index.html")
    m = main(doc)
    assert text(one(m, ".//h1")) == "Noah Goodman"
    assert not m.xpath(".//dt[normalize-space()='h-index']"), "no metrics card"
    assert not m.xpath(".//form"), "no filters"
    assert [(y, n) for y, n, _ in year_groups(doc)] == [("2023", 3), ("2021", 1), ("2020", 2)]
    owners = selves(doc, m)
    assert sorted(text(a) for a in owners) == ["Noah D. Goodman"] + ["Noah Goodman"] * 5
    assert all(a.get("href") == f"{PREFIX}authors/noah-goodman/" for a in owners)
    assert "6 papers" in text(m)


def test_every_page_has_title_lang_and_main(seed_site):
    for rel in seed_site.html_files():
        doc = page(seed_site, rel)
        assert doc.get("lang") == "en", rel
        assert text(one(doc, "//title")), rel
        assert len(doc.xpath("//main")) == 1, rel
        assert len(doc.xpath("//h1")) == 1, rel


# --------------------------------------------------------------------------- hostile input


HOSTILE_TITLE = 'The Malicious Use of <script>alert(1)</script> AI "onmouseover="alert(2)" x="'
HOSTILE_ABSTRACT = ('"onmouseover="alert(3)" <img src=x onerror=alert(4)> This report surveys javascript:alert(5) and '
                    '<a href="javascript:alert(6)">click</a>, then https://example.com/a"onmouseover="alert(7) and '
                    'JaVaScRiPt:alert(8) and data:text/html,<script>alert(9)</script> end.')
NON_LATIN = "\u0414\u043c\u0438\u0442\u0440\u0438\u0439 \u0418\u0432\u0430\u043d\u043e\u0432"  # Дмитрий Иванов: no ASCII slug spells it


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> BuiltSite:
    """The project with jack-clark.txt's last entry (badge on line 166) made hostile: markup and
    an attribute breakout in its title (line 167), a non-Latin co-author (line 169), and
    markup, an attribute breakout and javascript:/data: URLs in its abstract (line 171)."""
    lines = (PROFILES / "jack-clark.txt").read_text(encoding="utf-8").split("\n")
    assert lines[165] == "AIFeb 20, 2018" and lines[168] == "Miles Brundage, Shahar Avin, Jack Clark et al."
    lines[166] = HOSTILE_TITLE
    lines[168] = f"Miles Brundage, {NON_LATIN}, Jack Clark et al."
    lines[170] = HOSTILE_ABSTRACT + " " + lines[170]
    project = copy_project(tmp_path_factory.mktemp("hostile-project"),
                           {"content/profiles/jack-clark.txt": "\n".join(lines)})
    return build_site(project, tmp_path_factory.mktemp("hostile-site"))


def test_hostile_text_is_escaped_everywhere(hostile_site):
    raw_bad = ["<script>alert", "<img src=x", 'href="javascript:', "<a href=\"javascript", '"onmouseover="alert']
    pages = hostile_site.html_files()
    for rel in pages:
        raw = hostile_site.file(rel).read_text(encoding="utf-8")
        for bad in raw_bad:
            assert bad not in raw, f"{rel}: raw {bad!r}"
        doc = lxml.html.document_fromstring(raw)
        handlers = [(el.tag, name) for el in doc.iter() if isinstance(el.tag, str) for name in el.attrib
                    if name.lower().startswith("on")]
        assert handlers == [], f"{rel}: event handler attributes {handlers}"
        for el in doc.xpath("//script[not(@src)]"):
            body = el.text or ""
            if el.get("type") == "application/ld+json":  # data: must still be whole, valid JSON
                json.loads(body)
            else:
                assert "alert(" not in body, f"{rel}: the dump's text in an inline script"
        assert not doc.xpath("//img[@src='x']"), rel
        for url in doc.xpath("//@href | //@src | //@action | //@formaction"):
            scheme = urlsplit(url.strip()).scheme.lower()
            assert scheme in ("", "http", "https", "mailto"), f"{rel}: a {scheme}: URL {url!r}"
    for rel in ["feed.xml", "sitemap.xml", "authors/jack-clark/feed.xml"]:
        raw = hostile_site.read(rel)
        lxml.etree.fromstring(raw.encode())  # still well-formed XML
        assert "<script>" not in raw, rel
    data = json.loads(hostile_site.read("api/papers.json"))
    assert any(p["title"] == HOSTILE_TITLE for p in data["papers"]), "the title is kept as written"


def test_hostile_text_shows_as_text(hostile_site):
    doc, rel = paper_page(hostile_site, HOSTILE_TITLE)
    m = main(doc)
    assert one(doc, "//title").text_content().startswith(HOSTILE_TITLE)
    abstract = abstract_of(doc, '"onmouseover="alert(3)"')
    shown = text(abstract)
    for piece in ("<img src=x onerror=alert(4)>", "javascript:alert(5)", '<a href="javascript:alert(6)">click</a>',
                  "JaVaScRiPt:alert(8)", "data:text/html,<script>alert(9)</script>"):
        assert piece in shown, piece
    hrefs = abstract.xpath(".//a/@href")
    assert all(h.startswith("https://example.com/") for h in hrefs), hrefs  # only the http(s) URL may be a link
    assert not any("javascript" in h.lower() for h in m.xpath(".//a/@href"))
    # the title is text in the author's list, too
    jack = page(hostile_site, "authors/jack-clark/index.html")
    assert HOSTILE_TITLE in [item_title(i) for i in items(main(jack))]


def test_non_latin_coauthor_link_reaches_their_page(hostile_site):
    """A name no ASCII slug spells still gets a page, and every link to it works. (Found broken:
    templates linked by slugify(name) → /authors//, while the catalog's id is author_slug(name).)"""
    doc, _ = paper_page(hostile_site, HOSTILE_TITLE)
    link = one(main(doc), ".//a[normalize-space()=$name]", name=NON_LATIN)
    href = link.get("href")
    assert re.fullmatch(rf"{PREFIX}authors/[a-z0-9]+(-[a-z0-9]+)*/", href), f"{href!r}: no slug"
    target = hostile_site.file(href[len(PREFIX):] + "index.html")
    assert target.is_file(), f"{href} links to no page"
    assert text(one(main(page(hostile_site, href[len(PREFIX):] + "index.html")), ".//h1")) == NON_LATIN


def test_a_paper_page_describes_its_paper_as_json_ld(seed_site: BuiltSite) -> None:
    """jack-clark.txt lines 12-16: CLJun 28, 2023Code, the title, "Esin Durmus, Karina Nguyen,
    Thomas I. Liao et al. · openai, stanford", the abstract."""
    (rel,) = [r for r in seed_site.html_files() if r.startswith("papers/towards-measuring-the-representation")]
    scripts = lxml.html.fromstring(seed_site.read(rel)).xpath('//script[@type="application/ld+json"]')
    (ld,) = [json.loads(s.text) for s in scripts]
    page = f"https://example.github.io{PREFIX}{rel.removesuffix('index.html')}"
    assert (ld["@type"], ld["@id"], ld["url"]) == ("ScholarlyArticle", page, page)
    assert ld["headline"] == ld["name"] == "Towards Measuring the Representation of Subjective Global Opinions in Language Models"
    assert [a["name"] for a in ld["author"]] == ["Esin Durmus", "Karina Nguyen", "Thomas I. Liao"]
    assert ld["author"][2]["url"] == f"https://example.github.io{PREFIX}authors/thomas-i-liao/"
    assert (ld["datePublished"], ld["about"]) == ("2023-06-28", "Computation and Language")
    assert [o["name"] for o in ld["sourceOrganization"]] == ["OpenAI", "Stanford University"]
    assert ld["abstract"].startswith("Large language models (LLMs) may not equitably represent diverse global")
    assert ld["abstract"].endswith("interactive visualization at https://llmglobalvalues.anthropic.com.")
