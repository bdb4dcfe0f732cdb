"""The card seed (jack-clark.txt): header, and every entry field by field.

The table was read off the dump with sed/awk: badge line number, badge, title (the next
line), author line (two lines on) and abstract (four lines on).
"""

from __future__ import annotations

import pytest
from conftest import check_counts, entry_at, expected_date, parse_seed, seed_lines

from authorsite.model import Metrics

SEED = "jack-clark.txt"

# line, category, date, Code, title, first author, last author, et al., affiliations, abstract start
ENTRIES = [
    (12, "CL", "Jun 28, 2023", True, "Towards Measuring the Representation of Subjective Global Opinions in Language Models",
     "Esin Durmus", "Thomas I. Liao", True, ("openai", "stanford"), "Large language models (LLMs) may not equ"),
    (19, "CL", "Apr 12, 2022", False, "Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback",
     "Yuntao Bai", "Kamal Ndousse", True, ("berkeley", "openai"), "We apply preference modeling and reinfor"),
    (26, "AI", "Oct 5, 2023", False, "Artificial Intelligence Index Report 2023",
     "Nestor Maslej", "Erik Brynjolfsson", True, ("salesforce", "stanford"), "Welcome to the sixth edition of the AI I"),
    (33, "CL", "Jul 11, 2022", False, "Language Models (Mostly) Know What They Know",
     "Saurav Kadavath", "Amanda Askell", True, ("berkeley", "openai"), "We study whether language models can eva"),
    (40, "LG", "Sep 24, 2022", False, "In-context Learning and Induction Heads",
     "Catherine Olsson", "Neel Nanda", True, ("openai",), '"Induction heads" are attention heads th'),
    (47, "AI", "May 2, 2022", False, "The AI Index 2022 Annual Report",
     "Daniel Zhang", "Erik Brynjolfsson", True, ("salesforce", "stanford"), "Welcome to the fifth edition of the AI I"),
    (54, "CL", "Aug 23, 2022", False, "Red Teaming Language Models to Reduce Harms: Methods, Scaling Behaviors, and Lessons Learned",
     "Deep Ganguli", "Jackson Kernion", True, ("berkeley", "openai"), "We describe our early efforts to red tea"),
    (61, "CL", "Dec 19, 2022", False, "Discovering Language Model Behaviors with Model-Written Evaluations",
     "Ethan Perez", "Kamilė Lukošiūtė", True, ("anthropic", "berkeley"), "As language models (LMs) scale, they dev"),
    (68, "CL", "Feb 15, 2023", False, "The Capacity for Moral Self-Correction in Large Language Models",
     "Deep Ganguli", "Nicholas Schiefer", True, ("berkeley", "openai"), "We test the hypothesis that language mod"),
    (75, "AI", "Apr 11, 2023", False, "Regulatory Markets: The Future of AI Governance",
     "Gillian K. Hadfield", "Jack Clark", False, (), "Appropriately regulating artificial inte"),
    (82, "CR", "Jan 10, 2024", False, "Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training",
     "Evan Hubinger", "Jesse Mu", True, (), "Humans are capable of strategically dece"),
    (89, "CV", "Feb 26, 2021", True, "Learning Transferable Visual Models From Natural Language Supervision",
     "Alec Radford", "Chris Hallacy", True, (), "State-of-the-art computer vision systems"),
    (96, "CY", "Feb 11, 2025", False, "Which Economic Tasks are Performed with AI? Evidence from Millions of Claude Conversations",
     "Kunal Handa", "Miles McCain", True, ("stanford",), "Despite widespread speculation about art"),
    (103, "CY", "Dec 18, 2024", False, "Clio: Privacy-Preserving Insights into Real-World AI Use",
     "Alex Tamkin", "Kunal Handa", True, ("stanford",), "How are AI assistants being used in the "),
    (110, "AI", "May 24, 2023", False, "Model evaluation for extreme risks",
     "Toby Shevlane", "Ben Garfinkel", True, (), "Current approaches to building general-p"),
    (117, "CL", "Dec 1, 2021", False, "A General Language Assistant as a Laboratory for Alignment",
     "Amanda Askell", "Anna Chen", True, (), "Given the broad capabilities of large la"),
    (124, "CY", "Aug 28, 2021", False, "Why and How Governments Should Monitor AI Development",
     "Jess Whittlestone", "Jack Clark", False, (), "In this paper we outline a proposal for "),
    (131, "CV", "Aug 5, 2021", False, "Evaluating CLIP: Towards Characterization of Broader Capabilities and Downstream Implications",
     "Sandhini Agarwal", "Jack Clark", True, (), "Recently, there have been breakthroughs "),
    (138, "AI", "Mar 9, 2021", False, "The AI Index 2021 Annual Report",
     "Daniel Zhang", "Erik Brynjolfsson", True, (), "Welcome to the fourth edition of the AI "),
    (145, "CL", "Feb 4, 2021", False, "Understanding the Capabilities, Limitations, and Societal Impact of Large Language Models",
     "Alex Tamkin", "Jack Clark", True, (), "On October 14th, 2020, researchers from "),
    (152, "CL", "May 28, 2020", False, "Language Models are Few-Shot Learners",
     "Tom B. Brown", "Nick Ryder", True, (), "Recent work has demonstrated substantial"),
    (159, "CL", "Aug 24, 2019", False, "Release Strategies and the Social Impacts of Language Models",
     "Irene Solaiman", "Jack Clark", True, (), "Large language models have a range of be"),
    (166, "AI", "Feb 20, 2018", False, "The Malicious Use of Artificial Intelligence: Forecasting, Prevention, and Mitigation",
     "Miles Brundage", "Jack Clark", True, (), "This report surveys the landscape of pot"),
]


@pytest.fixture(scope="module")
def dump():
    return parse_seed(SEED)


def test_file_label(dump, root):
    assert dump.file == "content/profiles/jack-clark.txt"
    assert (root / dump.file).is_file()


def test_header(dump):
    h = dump.header
    assert dump.format == "card"
    assert (h.pos.line, h.name, h.category, h.listed) == (1, "Jack Clark", "CL", 23)
    assert h.metrics == Metrics(h_index=54, papers=23, citations=121302, novelty_pct=38, ai_score=36)


def test_counts(dump):
    assert (len(dump.entries), dump.rejected, dump.diagnostics, dump.arxiv) == (23, 0, (), ())
    check_counts(dump)


def test_table_matches_the_dump():
    """Guards the table itself: each row's badge is on its line, its title on the next."""
    lines = seed_lines(SEED)
    assert len(ENTRIES) == 23
    for line, cat, date, code, title, *_ in ENTRIES:
        assert lines[line - 1] == f"{cat}{date}{'Code' if code else ''}"
        assert lines[line] == title


@pytest.mark.parametrize(
    "line, cat, date, code, title, first, last, et_al, affiliations, abstract", ENTRIES, ids=[str(e[0]) for e in ENTRIES]
)
def test_entry(dump, line, cat, date, code, title, first, last, et_al, affiliations, abstract):
    entry = entry_at(dump, line)
    assert entry.pos.file == dump.file
    assert (entry.category, entry.date, entry.has_code) == (cat, expected_date(date), code)
    assert entry.title == title
    assert (entry.authors[0], entry.authors[-1], entry.et_al) == (first, last, et_al)
    assert entry.affiliations == affiliations
    assert entry.abstract.startswith(abstract)
    assert (entry.glued, entry.split) == (None, "given")


def test_entries_keep_file_order(dump):
    assert [e.pos.line for e in dump.entries] == [e[0] for e in ENTRIES]


def test_an_author_line_without_affiliations_with_an_inner_capital_name():
    """jack-clark.txt line 78 is `Gillian K. Hadfield, Jack Clark` (no affiliations)."""
    lines = seed_lines("jack-clark.txt")
    lines[77] = "JoAnn Smith, Jack Clark"
    dump = parse_seed("jack-clark.txt", "\n".join(lines).encode())
    entry = next(e for e in dump.entries if e.pos.line == 75)
    assert entry.authors == ("JoAnn Smith", "Jack Clark") and entry.abstract.startswith("Appropriately regulating")
