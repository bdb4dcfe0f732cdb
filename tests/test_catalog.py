"""The catalog built from the real seeds: merging, arXiv ids, dates, owners, aliases,
reconciliation and slug stability. Every expected value was read off the dumps by hand
(badge lines, titles, the listing's id-after-abstract layout), not taken from a build.
"""

from __future__ import annotations

import pytest
from helpers import (
    ALEX, ARXIV, BADGE, DEEP, JACK, PAPER_DUMPS, PROFILES, at, diagnostics_at, edited, load_project,
    paper, seed_lines, site_yaml,
)

from authorsite.model import Metrics, Severity

GLOBAL = "Towards Measuring the Representation of Subjective Global Opinions in Language Models"
CLIO = "Clio: Privacy-Preserving Insights into Real-World AI Use"
DISCRIMINATION = "Evaluating and Mitigating Discrimination in Language Model Decisions"
VALUES = "Values in the Wild: Discovering and Analyzing Values in Real-World Language Model Interactions"
MONOSEMANTICITY = "Scaling Monosemanticity: Extracting Interpretable Features from Claude 3 Sonnet"
SKILLS = "How AI Impacts Skill Formation"
GOVERNMENTS = "Why and How Governments Should Monitor AI Development"
CAPTURED = ("    owner: Alex Tamkin", "    captured: 2026-03-01\n    owner: Alex Tamkin")

# Papers listed by more than one dump: title → badge lines (same abstract text in each).
MERGED = {
    GLOBAL: (f"{JACK}:12", f"{DEEP}:1", f"{ALEX}:1"),
    "Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback": (f"{JACK}:19", f"{DEEP}:10", f"{ARXIV}:6"),
    "Language Models (Mostly) Know What They Know": (f"{JACK}:33", f"{DEEP}:13", f"{ARXIV}:3"),
    "In-context Learning and Induction Heads": (f"{JACK}:40", f"{DEEP}:16", f"{ARXIV}:1"),
    "Red Teaming Language Models to Reduce Harms: Methods, Scaling Behaviors, and Lessons Learned": (f"{JACK}:54", f"{DEEP}:19", f"{ARXIV}:2"),
    "Discovering Language Model Behaviors with Model-Written Evaluations": (f"{JACK}:61", f"{DEEP}:22"),
    "The Capacity for Moral Self-Correction in Large Language Models": (f"{JACK}:68", f"{DEEP}:25"),
    "Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training": (f"{JACK}:82", f"{DEEP}:37"),
    "Which Economic Tasks are Performed with AI? Evidence from Millions of Claude Conversations": (f"{JACK}:96", f"{DEEP}:40", f"{ALEX}:52"),
    CLIO: (f"{JACK}:103", f"{DEEP}:43", f"{ALEX}:55"),
    "A General Language Assistant as a Laboratory for Alignment": (f"{JACK}:117", f"{DEEP}:58", f"{ARXIV}:9"),
    "The AI Index 2021 Annual Report": (f"{JACK}:138", f"{DEEP}:61", f"{ARXIV}:14"),
    "Understanding the Capabilities, Limitations, and Societal Impact of Large Language Models": (f"{JACK}:145", f"{DEEP}:64", f"{ALEX}:82"),
    DISCRIMINATION: (f"{DEEP}:34", f"{ALEX}:43"),
    VALUES: (f"{DEEP}:46", f"{ALEX}:58"),
    "Collective Constitutional AI: Aligning a Language Model with Public Input": (f"{DEEP}:55", f"{ALEX}:67"),
}

# arXiv listing: each id belongs to the abstract on the line before it (and the comment between).
ARXIV_MATCHES = {
    "2209.11895": ("In-context Learning and Induction Heads", None),
    "2209.07858": ("Red Teaming Language Models to Reduce Harms: Methods, Scaling Behaviors, and Lessons Learned", None),
    "2207.05221": ("Language Models (Mostly) Know What They Know", "23+17 pages"),
    "2205.03468": ("The AI Index 2022 Annual Report", None),
    "2204.05862": ("Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback",
                   "Data available at https://github.com/anthropics/hh-rlhf"),
    "2112.00861": ("A General Language Assistant as a Laboratory for Alignment", "26+19 pages"),
    "2108.12427": (GOVERNMENTS, None),
    "2108.02818": ("Evaluating CLIP: Towards Characterization of Broader Capabilities and Downstream Implications",
                   "arXiv admin note: substantial text overlap with arXiv:2103.00020"),
    "2103.06312": ("The AI Index 2021 Annual Report", None),
}


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    return load_project(tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def catalog(seeds):
    return seeds.catalog


def entries_of(file: str) -> list[tuple[int, str]]:
    """(line, abstract) of each entry in a paper dump, read with a regex of our own."""
    lines = seed_lines(file)
    skip = 5 if file == JACK else 2  # card: badge, title, -, authors, -, abstract; compact: badge, glued, abstract
    return [(i + 1, lines[i + skip].strip()) for i, line in enumerate(lines) if BADGE.fullmatch(line)]


def test_56_distinct_papers(catalog):
    entries = [e for f in PAPER_DUMPS for e in entries_of(f)]
    assert [len(entries_of(f)) for f in PAPER_DUMPS] == [23, 22, 31]
    assert len({abstract for _, abstract in entries}) == 56
    assert len(catalog.papers) == 56
    assert len({p.id for p in catalog.papers}) == 56


@pytest.mark.parametrize("title", MERGED)
def test_merged_across_dumps(catalog, title):
    assert paper(catalog, title).sources == at(*MERGED[title])


def test_every_entry_lands_in_exactly_one_paper(catalog):
    sources = [s for p in catalog.papers for s in p.sources if s.file != ARXIV]
    assert sorted(sources) == sorted(at(*(f"{f}:{n}" for f in PAPER_DUMPS for n, _ in entries_of(f))))
    multi = {p.title for p in catalog.papers if len([s for s in p.sources if s.file != ARXIV]) > 1}
    assert multi == set(MERGED)


def test_fields_of_a_merged_paper(catalog):
    p = paper(catalog, GLOBAL)
    assert (p.category, p.date.iso, p.date.text, p.has_code) == ("CL", "2023-06-28", "Jun 28, 2023", True)
    assert p.authors == ("Esin Durmus", "Karina Nguyen", "Thomas I. Liao") and p.et_al
    assert p.affiliations == ("openai", "stanford")
    assert p.arxiv_id is None and p.comment is None


def test_has_code_and_richest_date_win(tmp_path):
    # deep-ganguli.txt loses the year of "Values in the Wild" and the Code of "Discrimination";
    # alex-tamkin.txt still has both (Apr 21, 2025 at 58; Dec 6, 2023Code at 43)
    deep = edited(DEEP, {46: "CLApr 21", 34: "CLDec 6, 2023"})
    c = load_project(tmp_path, files={DEEP: deep}).catalog
    values = paper(c, VALUES)
    assert (values.date.iso, values.date.text) == ("2025-04-21", "Apr 21, 2025")
    assert paper(c, DISCRIMINATION).has_code
    assert not diagnostics_at(c.diagnostics, DEEP, 46) and not diagnostics_at(c.diagnostics, DEEP, 34)


def test_conflicting_dates_warn(tmp_path):
    c = load_project(tmp_path, files={DEEP: edited(DEEP, {46: "CLApr 22, 2025"})}).catalog
    assert paper(c, VALUES).date.text in ("Apr 21, 2025", "Apr 22, 2025")
    assert any("date" in m for m in diagnostics_at(c.diagnostics, DEEP, 46) + diagnostics_at(c.diagnostics, ALEX, 58))


@pytest.mark.parametrize("arxiv_id", ARXIV_MATCHES)
def test_arxiv_id_goes_to_the_abstract_before_it(catalog, arxiv_id):
    title, comment = ARXIV_MATCHES[arxiv_id]
    p = paper(catalog, title)
    assert (p.arxiv_id, p.comment) == (arxiv_id, comment)
    (line,) = [s.line for s in p.sources if s.file == ARXIV]
    assert seed_lines(ARXIV)[line].startswith(f"arXiv:{arxiv_id}") or seed_lines(ARXIV)[line + 1].startswith(f"arXiv:{arxiv_id}")


def test_only_nine_ids_match(catalog):
    assert sorted(p.arxiv_id for p in catalog.papers if p.arxiv_id) == sorted(ARXIV_MATCHES)


def test_unmatched_arxiv_id_warns_and_is_rejected(catalog):
    # "Predictability and Surprise…" (arXiv:2202.07785): its abstract, on line 8, is in no dump
    assert "2202.07785" not in {p.arxiv_id for p in catalog.papers}
    (message,) = diagnostics_at(catalog.diagnostics, ARXIV, 8)
    assert message.startswith("warning: arXiv:2202.07785 matches no paper")
    listing = next(d for d in catalog.dumps if d.file == ARXIV)
    assert (listing.read, listing.merged, listing.rejected) == (10, 9, 1)


def test_yearless_dates_stay_yearless_without_captured(catalog):
    for title, line, text in ((MONOSEMANTICITY, 4, "May 28"), (SKILLS, 40, "Jan 28")):
        p = paper(catalog, title)
        assert (p.date.year, p.date.iso, p.date.text, p.sources) == (None, None, text, at(f"{ALEX}:{line}"))
        (message,) = diagnostics_at(catalog.diagnostics, ALEX, line)
        assert message.startswith("warning:") and "has no year" in message


def test_yearless_dates_take_the_captured_year(tmp_path):
    c = load_project(tmp_path, site=site_yaml(CAPTURED)).catalog
    assert paper(c, MONOSEMANTICITY).date.iso == "2025-05-28"  # latest May 28 not after 2026-03-01
    assert paper(c, SKILLS).date.iso == "2026-01-28"
    assert paper(c, SKILLS).date.text == "Jan 28"
    assert not diagnostics_at(c.diagnostics, ALEX, 4) and not diagnostics_at(c.diagnostics, ALEX, 40)


def test_yearless_date_takes_the_arxiv_year(tmp_path):
    # "Why and How Governments…" is only in jack-clark.txt (badge line 124) and is arXiv:2108.12427
    c = load_project(tmp_path, files={JACK: edited(JACK, {124: "CYAug 28"})}).catalog
    p = paper(c, GOVERNMENTS)
    assert (p.arxiv_id, p.date.iso, p.date.text) == ("2108.12427", "2021-08-28", "Aug 28")
    assert not diagnostics_at(c.diagnostics, JACK, 124)


def test_the_arxiv_year_beats_the_captured_year(tmp_path):
    site = site_yaml(("  deep-ganguli.txt:", "  jack-clark.txt:\n    captured: 2026-03-01\n  deep-ganguli.txt:"))
    c = load_project(tmp_path, site=site, files={JACK: edited(JACK, {124: "CYAug 28"})}).catalog
    assert paper(c, GOVERNMENTS).date.iso == "2021-08-28"


def test_card_owner_from_its_header(catalog):
    (jack,) = [a for a in catalog.authors if a.id == "jack-clark"]
    assert (jack.name, jack.category, jack.profile, jack.source) == ("Jack Clark", "CL", True, JACK)
    assert jack.metrics == Metrics(h_index=54, papers=23, citations=121302, novelty_pct=38, ai_score=36)


@pytest.mark.parametrize("aid, name, file", [("alex-tamkin", "Alex Tamkin", ALEX), ("deep-ganguli", "Deep Ganguli", DEEP)])
def test_compact_owner_from_site_yaml(catalog, aid, name, file):
    (a,) = [a for a in catalog.authors if a.id == aid]
    assert (a.name, a.profile, a.source, a.metrics) == (name, True, file, Metrics())
    assert a.category == "CL"  # the dump's most frequent category: alex 11 CL of 31, deep 12 CL of 22


@pytest.mark.parametrize("file", PAPER_DUMPS)
def test_owner_lists_every_paper_of_their_dump(catalog, file):
    owner = next(d.owner for d in catalog.dumps if d.file == file)
    (a,) = [a for a in catalog.authors if a.id == owner]
    listed = {p.id for p in catalog.papers if any(s.file == file for s in p.sources)}
    # every paper naming them is in their own dump (checked with grep)
    assert set(a.papers) == listed and len(a.papers) == len(entries_of(file))


def test_no_owner_in_site_yaml_warns_and_makes_no_profile(tmp_path):
    site = site_yaml(("    owner: Deep Ganguli", ""))
    c = load_project(tmp_path, site=site).catalog
    (message,) = diagnostics_at(c.diagnostics, DEEP, 1)
    assert message.startswith("warning:") and "owner" in message
    summary = next(d for d in c.dumps if d.file == DEEP)
    assert (summary.owner, summary.title) == (None, "deep-ganguli")
    (deep,) = [a for a in c.authors if a.id == "deep-ganguli"]  # still a co-author, named in 2 entries
    assert (deep.profile, deep.metrics, deep.source, len(deep.papers)) == (False, None, None, 2)


def test_aliases_make_one_author(catalog):
    (noah,) = [a for a in catalog.authors if "Noah" in a.name]
    # alex-tamkin.txt lines 7 (as "Noah D. Goodman"), 22, 31, 49, 73, 85
    assert (noah.id, noah.name, len(noah.papers)) == ("noah-goodman", "Noah Goodman", 6)
    assert "Noah D. Goodman" in paper(catalog, "Codebook Features: Sparse and Discrete Interpretability for Neural Networks").authors


def test_without_the_alias_two_authors(tmp_path):
    c = load_project(tmp_path, site=site_yaml(("  Noah D. Goodman: Noah Goodman", ""))).catalog
    noahs = {a.id: len(a.papers) for a in c.authors if "Noah" in a.name}
    assert noahs == {"noah-goodman": 5, "noah-d-goodman": 1}


def test_reconciliation_per_dump(catalog):
    rows = {d.file: (d.format, d.owner, d.read, d.merged, d.rejected) for d in catalog.dumps}
    assert rows == {
        JACK: ("card", "jack-clark", 23, 23, 0),
        DEEP: ("compact", "deep-ganguli", 22, 22, 0),
        ALEX: ("compact", "alex-tamkin", 31, 31, 0),
        ARXIV: ("arxiv", None, 10, 9, 1),
    }


def test_the_seeds_warn_three_times_and_never_err(catalog):
    found = sorted((d.pos.file, d.pos.line, d.severity) for d in catalog.diagnostics)
    assert found == [(ALEX, 4, Severity.WARNING), (ALEX, 40, Severity.WARNING), (ARXIV, 8, Severity.WARNING)]


NEW_ENTRY = ("CYMar 3, 2024\nA Made-Up Study of Profile Dump MergingJane Doe, John Smith · stanford\n"
             "We invent this abstract to add a paper that no other dump lists, and check that adding it "
             "leaves the identifier of every paper already in the catalog unchanged.")


def test_adding_a_dump_keeps_every_paper_id(tmp_path, catalog):
    extra = "\n".join(seed_lines(DEEP)[:6]) + "\n" + NEW_ENTRY
    c = load_project(tmp_path, files={f"{PROFILES}/zz-extra.txt": extra}).catalog
    before = {p.title: p.id for p in catalog.papers}
    after = {p.title: p.id for p in c.papers}
    assert after == before | {"A Made-Up Study of Profile Dump Merging": "a-made-up-study-of-profile-dump-merging"}
    assert f"{PROFILES}/zz-extra.txt:1" in map(str, paper(c, GLOBAL).sources)
    assert f"{PROFILES}/zz-extra.txt:4" in map(str, paper(c, "Beyond the Imitation Game: Quantifying and "
                                                             "extrapolating the capabilities of language models").sources)


def test_a_title_whose_slug_equals_an_existing_one_keeps_that_id(tmp_path, catalog):
    # a bilingual title: its slug drops the Chinese and so spells an existing paper's slug
    title = "In-context Learning and Induction Heads (归纳头)"
    extra = NEW_ENTRY.replace("A Made-Up Study of Profile Dump Merging", title)
    c = load_project(tmp_path, files={f"{PROFILES}/zz-extra.txt": extra}).catalog
    old = paper(catalog, "In-context Learning and Induction Heads").id
    assert old == "in-context-learning-and-induction-heads"
    assert paper(c, "In-context Learning and Induction Heads").id == old
    assert paper(c, title).id.startswith(old + "-")  # its own, with a hash of its title


def test_names_no_ascii_slug_spells_are_different_authors(tmp_path):
    card = ("CLMar 3, 2024\nA Made-Up Paper\n\n张伟, 李娜, Иван Петров · stanford\n\n"
            "An invented abstract, long enough to be read as one, about people whose names are not in Latin letters.")
    c = load_project(tmp_path, files={f"{PROFILES}/zz-extra.txt": card}).catalog
    ids = {a.name: a.id for a in c.authors if a.papers == ("a-made-up-paper",)}
    assert set(ids) == {"张伟", "李娜", "Иван Петров"}
    assert len(set(ids.values())) == 3 and all(ids.values())


GPT4 = "LGMar 15, 2023\nGPT-4 Technical ReportOpenAI\nWe report the development of GPT-4, a large-scale, multimodal model."


@pytest.mark.parametrize("titles", [None, "titles:\n  - GPT-4 Technical Report"])
def test_titles_fix_a_split_the_rule_gets_wrong(tmp_path, titles):
    # "OpenAI" is no person's name: no split leaves a list of names, and the rule's guess
    # (the last glue point) cuts inside "OpenAI"
    line = len(seed_lines(ALEX)) + 1
    assert line == 94  # 31 entries of 3 lines, no newline at the end
    site = site_yaml(("titles: []", titles)) if titles else None
    c = load_project(tmp_path, site=site, files={ALEX: "\n".join(seed_lines(ALEX)) + "\n" + GPT4}).catalog
    (p,) = [p for p in c.papers if p.sources == at(f"{ALEX}:{line}")]
    messages = diagnostics_at(c.diagnostics, ALEX, line)
    if titles:
        assert (p.title, p.authors, messages) == ("GPT-4 Technical Report", ("OpenAI",), [])
    else:
        assert p.title != "GPT-4 Technical Report"
        (message,) = messages
        assert message.startswith("warning:") and "titles:" in message
