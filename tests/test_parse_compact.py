"""The compact seeds (deep-ganguli.txt, alex-tamkin.txt): every title/author split, and
the name-shape heuristics of authorsite.names that make them.

Each split was decided by reading the dump; test_table_matches_the_dump re-glues every
row and compares it with the line in the file, so the table cannot drift from the dump.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from conftest import check_counts, entry_at, expected_date, parse_seed, seed_lines

from authorsite.dumps.compact import read_glued
from authorsite.names import (_glue_points, glue_keys, is_name, is_name_list, key_id, known_split, known_split_by_id,
                              split_glued, title_key)

# Papers in both compact seeds: title, authors, et al., affiliations
GLOBAL_OPINIONS = ("Towards Measuring the Representation of Subjective Global Opinions in Language Models",
                   ("Esin Durmus", "Karina Nguyen", "Thomas I. Liao"), True, ("openai", "stanford"))
DISCRIMINATION = ("Evaluating and Mitigating Discrimination in Language Model Decisions",
                  ("Alex Tamkin", "Amanda Askell", "Liane Lovitt"), True, ("stanford",))
ECONOMIC_TASKS = ("Which Economic Tasks are Performed with AI? Evidence from Millions of Claude Conversations",
                  ("Kunal Handa", "Alex Tamkin", "Miles McCain"), True, ("stanford",))
CLIO = ("Clio: Privacy-Preserving Insights into Real-World AI Use",
        ("Alex Tamkin", "Miles McCain", "Kunal Handa"), True, ("stanford",))
VALUES = ("Values in the Wild: Discovering and Analyzing Values in Real-World Language Model Interactions",
          ("Saffron Huang", "Esin Durmus", "Miles McCain"), True, ("stanford",))
COLLECTIVE_CAI = ("Collective Constitutional AI: Aligning a Language Model with Public Input",
                  ("Saffron Huang", "Divya Siddarth", "Liane Lovitt"), True, ())
UNDERSTANDING = ("Understanding the Capabilities, Limitations, and Societal Impact of Large Language Models",
                 ("Alex Tamkin", "Miles Brundage", "Jack Clark"), True, ())

# line, category, date, Code, title, authors, et al., affiliations
GANGULI = [
    (1, "CL", "Jun 28, 2023", True, *GLOBAL_OPINIONS),
    (4, "CL", "Jun 9, 2022", False, "Beyond the Imitation Game: Quantifying and extrapolating the capabilities of language models",
     ("Aarohi Srivastava", "Abhinav Rastogi", "Abhishek Rao"), True, ("allen-ai", "amazon-science")),
    (7, "CL", "Dec 15, 2022", False, "Constitutional AI: Harmlessness from AI Feedback",
     ("Yuntao Bai", "Saurav Kadavath", "Sandipan Kundu"), True, ("anthropic", "berkeley")),
    (10, "CL", "Apr 12, 2022", False, "Training a Helpful and Harmless Assistant with Reinforcement Learning from Human Feedback",
     ("Yuntao Bai", "Andy Jones", "Kamal Ndousse"), True, ("berkeley", "openai")),
    (13, "CL", "Jul 11, 2022", False, "Language Models (Mostly) Know What They Know",
     ("Saurav Kadavath", "Tom Conerly", "Amanda Askell"), True, ("berkeley", "openai")),
    (16, "LG", "Sep 24, 2022", False, "In-context Learning and Induction Heads",
     ("Catherine Olsson", "Nelson Elhage", "Neel Nanda"), True, ("openai",)),
    (19, "CL", "Aug 23, 2022", False, "Red Teaming Language Models to Reduce Harms: Methods, Scaling Behaviors, and Lessons Learned",
     ("Deep Ganguli", "Liane Lovitt", "Jackson Kernion"), True, ("berkeley", "openai")),
    (22, "CL", "Dec 19, 2022", False, "Discovering Language Model Behaviors with Model-Written Evaluations",
     ("Ethan Perez", "Sam Ringer", "Kamilė Lukošiūtė"), True, ("anthropic", "berkeley")),
    (25, "CL", "Feb 15, 2023", False, "The Capacity for Moral Self-Correction in Large Language Models",
     ("Deep Ganguli", "Amanda Askell", "Nicholas Schiefer"), True, ("berkeley", "openai")),
    (28, "SI", "Jun 20, 2023", False, "Opportunities and Risks of LLMs for Scalable Deliberation with Polis",
     ("Christopher T. Small", "Ivan Vendrov", "Esin Durmus"), True, ("stanford",)),
    (31, "CY", "Aug 27, 2024", False, "How will advanced AI systems impact democracy?",
     ("Christopher Summerfield", "Lisa Argyle", "Michiel Bakker"), True, ("stanford",)),
    (34, "CL", "Dec 6, 2023", True, *DISCRIMINATION),
    (37, "CR", "Jan 10, 2024", False, "Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training",
     ("Evan Hubinger", "Carson Denison", "Jesse Mu"), True, ()),
    (40, "CY", "Feb 11, 2025", False, *ECONOMIC_TASKS),
    (43, "CY", "Dec 18, 2024", False, *CLIO),
    (46, "CL", "Apr 21, 2025", False, *VALUES),
    (49, "AI", "Mar 7, 2025", False, "Toward an Evaluation Science for Generative AI Systems",
     ("Laura Weidinger", "Inioluwa Deborah Raji", "Hanna Wallach"), True, ()),
    (52, "LG", "Oct 28, 2024", False, "Sabotage Evaluations for Frontier Models",
     ("Joe Benton", "Misha Wagner", "Eric Christiansen"), True, ("stanford",)),
    (55, "AI", "Jun 12, 2024", False, *COLLECTIVE_CAI),
    (58, "CL", "Dec 1, 2021", False, "A General Language Assistant as a Laboratory for Alignment",
     ("Amanda Askell", "Yuntao Bai", "Anna Chen"), True, ()),
    (61, "AI", "Mar 9, 2021", False, "The AI Index 2021 Annual Report",
     ("Daniel Zhang", "Saurabh Mishra", "Erik Brynjolfsson"), True, ()),
    (64, "CL", "Feb 4, 2021", False, *UNDERSTANDING),
]

TAMKIN = [
    (1, "CL", "Jun 28, 2023", True, *GLOBAL_OPINIONS),
    (4, "AI", "May 28", False, "Scaling Monosemanticity: Extracting Interpretable Features from Claude 3 Sonnet",
     ("Adly Templeton", "Tom Conerly", "Jonathan Marcus"), True, ()),
    (7, "LG", "Oct 26, 2023", True, "Codebook Features: Sparse and Discrete Interpretability for Neural Networks",
     ("Alex Tamkin", "Mohammad Taufeeque", "Noah D. Goodman"), False, ("stanford",)),
    (10, "CV", "Apr 17, 2023", True, "BenchMD: A Benchmark for Unified Learning on Medical Images and Sensors",
     ("Kathryn Wantlin", "Chenwei Wu", "Shih-Cheng Huang"), True, ("stanford",)),
    (13, "LG", "Aug 7, 2023", False, "Studying Large Language Model Generalization with Influence Functions",
     ("Roger Grosse", "Juhan Bae", "Cem Anil"), True, ("openai", "stanford")),
    (16, "LG", "Apr 18, 2022", False, "Active Learning Helps Pretrained Models Learn the Intended Task",
     ("Alex Tamkin", "Dat Nguyen", "Salil Deshpande"), True, ("stanford",)),
    (19, "CL", "Dec 20, 2022", False, "Task Ambiguity in Humans and Language Models",
     ("Alex Tamkin", "Kunal Handa", "Avash Shrestha"), True, ("stanford",)),
    (22, "CV", "Feb 11, 2023", True, "Multispectral Contrastive Learning with Viewmaker Networks",
     ("Jasmine Bayrooti", "Noah Goodman", "Alex Tamkin"), False, ("stanford",)),
    (25, "LG", "Dec 16, 2022", False, "Feature Dropout: Revisiting the Role of Augmentations in Contrastive Learning",
     ("Alex Tamkin", "Margalit Glasgow", "Xiluo He"), True, ("stanford",)),
    (28, "LG", "Sep 23, 2023", False,
     "Turbulence in Focus: Benchmarking Scaling Behavior of 3D Volumetric Super-Resolution with BLASTNet 2.0 Data",
     ("Wai Tong Chung", "Bassem Akoush", "Pushan Sharma"), True, ("stanford",)),
    (31, "CL", "Oct 17, 2023", False, "Eliciting Human Preferences with Language Models",
     ("Belinda Z. Li", "Alex Tamkin", "Noah Goodman"), True, ("meta-ai", "mit")),
    (34, "CL", "Oct 26, 2023", False, "Social Contract AI: Aligning AI Assistants with Implicit Group Norms",
     ("Jan-Philipp Fränken", "Sam Kwok", "Peixuan Ye"), True, ("stanford",)),
    (37, "CY", "Jun 5, 2023", False, "Operationalising the Definition of General Purpose AI Systems: Assessing Four Approaches",
     ("Risto Uuk", "Carlos Ignacio Gutierrez", "Alex Tamkin"), False, ("stanford",)),
    (40, "CY", "Jan 28", False, "How AI Impacts Skill Formation", ("Judy Hanwen Shen", "Alex Tamkin"), False, ()),
    (43, "CL", "Dec 6, 2023", True, *DISCRIMINATION),
    (46, "LG", "Nov 23, 2021", True, "DABS: A Domain-Agnostic Benchmark for Self-Supervised Learning",
     ("Alex Tamkin", "Vincent Liu", "Rongfei Lu"), True, ()),
    (49, "LG", "Oct 14, 2020", True, "Viewmaker Networks: Learning Views for Unsupervised Representation Learning",
     ("Alex Tamkin", "Mike Wu", "Noah Goodman"), False, ()),
    (52, "CY", "Feb 11, 2025", False, *ECONOMIC_TASKS),
    (55, "CY", "Dec 18, 2024", False, *CLIO),
    (58, "CL", "Apr 21, 2025", False, *VALUES),
    (61, "CL", "Mar 8, 2024", False, "Bayesian Preference Elicitation with Language Models",
     ("Kunal Handa", "Yarin Gal", "Ellie Pavlick"), True, ("meta-ai", "mit")),
    (64, "AI", "Jun 14, 2024", False, "Sycophancy to Subterfuge: Investigating Reward-Tampering in Large Language Models",
     ("Carson Denison", "Monte MacDiarmid", "Fazl Barez"), True, ()),
    (67, "AI", "Jun 12, 2024", False, *COLLECTIVE_CAI),
    (70, "CL", "Feb 24, 2022", False, "Oolong: Investigating What Makes Transfer Learning Hard with Controlled Studies",
     ("Zhengxuan Wu", "Alex Tamkin", "Isabel Papadimitriou"), False, ()),
    (73, "CV", "Dec 10, 2021", False, "Tradeoffs Between Contrastive and Supervised Learning: An Empirical Study",
     ("Ananya Karthik", "Mike Wu", "Noah Goodman"), True, ()),
    (76, "LG", "Aug 23, 2021", False, "C5T5: Controllable Generation of Organic Molecules with Transformers",
     ("Daniel Rothchild", "Alex Tamkin", "Julie Yu"), True, ()),
    (79, "LG", "Aug 16, 2021", False, "On the Opportunities and Risks of Foundation Models",
     ("Rishi Bommasani", "Drew A. Hudson", "Ehsan Adeli"), True, ()),
    (82, "CL", "Feb 4, 2021", False, *UNDERSTANDING),
    (85, "CL", "Nov 9, 2020", False, "Language Through a Prism: A Spectral Approach for Multiscale Language Representations",
     ("Alex Tamkin", "Dan Jurafsky", "Noah Goodman"), False, ()),
    (88, "CL", "Apr 30, 2020", False, "Investigating Transferability in Pretrained Language Models",
     ("Alex Tamkin", "Trisha Singh", "Davide Giovanardi"), True, ()),
    (91, "LG", "Nov 5, 2019", False, "Being Optimistic to Be Conservative: Quickly Learning a CVaR Policy",
     ("Ramtin Keramati", "Christoph Dann", "Alex Tamkin"), True, ()),
]

TABLES = {"deep-ganguli.txt": GANGULI, "alex-tamkin.txt": TAMKIN}
CASES = [(seed, row) for seed, rows in TABLES.items() for row in rows]


def glue(title: str, authors: tuple[str, ...], et_al: bool, affiliations: tuple[str, ...]) -> str:
    """A row written back the way the compact format writes it."""
    text = title + ", ".join(authors) + (" et al." if et_al else "")
    return text + (" · " + ", ".join(affiliations) if affiliations else "")


@pytest.fixture(scope="module")
def dumps():
    return {seed: parse_seed(seed) for seed in TABLES}


@pytest.mark.parametrize("seed, count", [("deep-ganguli.txt", 22), ("alex-tamkin.txt", 31)])
def test_counts(dumps, seed, count):
    dump = dumps[seed]
    assert (dump.format, dump.header, len(dump.entries), dump.rejected, dump.diagnostics) == ("compact", None, count, 0, ())
    assert len(TABLES[seed]) == count
    check_counts(dump)


@pytest.mark.parametrize("seed", TABLES)
def test_table_matches_the_dump(seed):
    lines = seed_lines(seed)
    for line, cat, date, code, *paper in TABLES[seed]:
        assert lines[line - 1] == f"{cat}{date}{'Code' if code else ''}"
        assert lines[line] == glue(*paper)


@pytest.mark.parametrize("seed, row", CASES, ids=[f"{seed[:-4]}:{row[0]}" for seed, row in CASES])
def test_entry(dumps, seed, row):
    line, cat, date, code, title, authors, et_al, affiliations = row
    entry = entry_at(dumps[seed], line)
    assert entry.title == title
    assert entry.authors == authors
    assert (entry.et_al, entry.affiliations) == (et_al, affiliations)
    assert (entry.category, entry.date, entry.has_code) == (cat, expected_date(date), code)
    assert entry.abstract == seed_lines(seed)[line + 1]
    assert entry.split == "names"


@pytest.mark.parametrize(
    "seed, line, title, first_author",
    [
        ("alex-tamkin.txt", 4, "Scaling Monosemanticity: Extracting Interpretable Features from Claude 3 Sonnet", "Adly Templeton"),
        ("alex-tamkin.txt", 28, "Turbulence in Focus: Benchmarking Scaling Behavior of 3D Volumetric Super-Resolution "
                                "with BLASTNet 2.0 Data", "Wai Tong Chung"),
        ("deep-ganguli.txt", 31, "How will advanced AI systems impact democracy?", "Christopher Summerfield"),
        ("alex-tamkin.txt", 10, "BenchMD: A Benchmark for Unified Learning on Medical Images and Sensors", "Kathryn Wantlin"),
    ],
)
def test_hard_splits(dumps, seed, line, title, first_author):
    """The cases the issue names: a digit, camel case or a question mark just before the glue."""
    entry = entry_at(dumps[seed], line)
    assert (entry.title, entry.authors[0]) == (title, first_author)
    assert entry.glued == title + ", ".join(entry.authors)


@pytest.mark.parametrize("line, text", [(4, "May 28"), (40, "Jan 28")])
def test_yearless_dates(dumps, line, text):
    entry = entry_at(dumps["alex-tamkin.txt"], line)
    assert entry.date.year is None and entry.date.iso is None
    assert (entry.date.text, entry.date) == (text, expected_date(text))


def test_card_titles_give_known_splits(dumps):
    """Titles from the card seed make those splits "known" and leave them unchanged."""
    titles = [e.title for e in parse_seed("jack-clark.txt").entries]
    dump = parse_seed("deep-ganguli.txt", titles=titles)
    known = {title_key(t) for t in titles}
    for entry, plain in zip(dump.entries, dumps["deep-ganguli.txt"].entries, strict=True):
        assert entry.split == ("known" if title_key(entry.title) in known else "names")
        assert (entry.title, entry.authors) == (plain.title, plain.authors)
    assert sum(e.split == "known" for e in dump.entries) == 13


NAMES = ["Thomas I. Liao", "Kamilė Lukošiūtė", "Jan-Philipp Fränken", "Miles McCain", "Monte MacDiarmid",
         "Noah D. Goodman", "Wai Tong Chung", "Inioluwa Deborah Raji", "Shih-Cheng Huang", "Belinda Z. Li",
         "Xiluo He", "Jesse Mu", "Ludwig van Beethoven", "Martin Luther King Jr."]
NOT_NAMES = ["Sonnet", "Claude 3 Sonnet", "in Language Models", "Models (Mostly) Know What They Know",
             "BenchMD: A Benchmark", "3D Volumetric Super-Resolution", "BLASTNet 2.0 Data", "LLMs for Scalable",
             "AI Feedback", "impact democracy?", "Sensors", "LeeBo Chen", "I Systems", ""]


@pytest.mark.parametrize("text", NAMES)
def test_is_name(text):
    assert is_name(text)


@pytest.mark.parametrize("text", NOT_NAMES)
def test_is_not_name(text):
    assert not is_name(text)


def test_is_name_list():
    assert is_name_list("Esin Durmus, Karina Nguyen, Thomas I. Liao")
    assert is_name_list("Carson Denison, Monte MacDiarmid, Fazl Barez")
    assert not is_name_list("ModelsEsin Durmus, Karina Nguyen")
    assert not is_name_list("Sonnet, Adly Templeton")
    assert not is_name_list("Esin Durmus, Karina Nguyen et al.")


def test_split_glued_unique_point():
    split = split_glued("Task Ambiguity in Humans and Language ModelsAlex Tamkin, Kunal Handa")
    assert (split.title, split.authors, split.how, split.sure) == (
        "Task Ambiguity in Humans and Language Models", "Alex Tamkin, Kunal Handa", "names", True)


@pytest.mark.parametrize("title, authors", [
    ("GPT-4 Technical Report", "OpenAI"),
    ("Rethinking Video ViTs: Sparse Video Tubes for Joint Image and Video Learning",
     "AJ Piergiovanni, Weicheng Kuo, Anelia Angelova"),
])
def test_split_glued_known_title_overrides_heuristic(title, authors):
    """Authors that are not name-shaped fool the heuristic into a guess; a known title does not."""
    guess = split_glued(title + authors)
    assert (guess.how, guess.sure) == ("guess", False) and guess.title != title
    known = split_glued(title + authors, {title_key(title)})
    assert (known.title, known.authors, known.how, known.sure) == (title, authors, "known", True)


def test_split_glued_without_glue_point():
    assert split_glued("all lower case").how == "none"


def test_read_glued_strips_et_al_and_affiliations():
    title, authors, et_al, affiliations, glued, how = read_glued(
        "How AI Impacts Skill FormationJudy Hanwen Shen, Alex Tamkin et al. · stanford, mit")
    assert (title, authors, et_al, affiliations, how) == (
        "How AI Impacts Skill Formation", ("Judy Hanwen Shen", "Alex Tamkin"), True, ("stanford", "mit"), "names")
    assert glued == "How AI Impacts Skill FormationJudy Hanwen Shen, Alex Tamkin"


@pytest.mark.parametrize(("glued", "title", "how"), [
    # an inner capital outside the known prefixes: two readings, so never a silent split
    ("Towards Language ModelsJoAnn Smith, Esin Durmus", "Towards Language ModelsJo", "ambiguous"),
    ("Towards ModelsAnna DuBois, Esin Durmus", "Towards Models", "ambiguous"),
    ("Videos on YouTubeJohn Smith, Jane Doe", "Videos on YouTube", "ambiguous"),
    # a second reading after the first comma would end the title in names: not a reading
    ("Towards ModelsSam Nguyen, LaToya Lee", "Towards Models", "names"),
    # punctuation is not a lower-case letter: "(Mostly)" is no name word
    ("Language Models (Mostly) Know What They KnowSaurav Kadavath, Tom Conerly",
     "Language Models (Mostly) Know What They Know", "names"),
])
def test_split_says_when_another_reading_exists(glued, title, how):
    split = split_glued(glued)
    assert (split.title, split.how) == (title, how)


def test_double_barrelled_names_with_o_apostrophe():
    assert is_name("Xin Clark-O'Neil") and is_name("Mary O'Neil-Clark") and is_name("Ana D'Amour")
    assert not is_name("JoAnn Smith") and is_name("JoAnn Smith", relaxed=True)


def glue_points_by_definition(text: str) -> list[int]:
    return [i for i in range(1, len(text))
            if text[i].isupper() and not text[i - 1].isspace() and text[i - 1] not in "-'’"]


@given(st.text(alphabet=st.sampled_from("aZz -'’\u00a0\tÉéǅΣσßİ𐐀\U0001d400Ⅰ1,.ÀÖ×ØÞÿµªĀā"), max_size=30) | st.text(max_size=30))
def test_glue_points_are_capitals_after_a_word_character(text):
    assert _glue_points(text) == glue_points_by_definition(text)


@given(st.text(alphabet=st.sampled_from("aZz -'’.,:()1É"), max_size=40), st.sets(st.integers(0, 40)))
@example("Task OneTask TwoAda Lovelace", {8, 16})  # two known titles: the longer one
def test_known_splits_take_the_last_glue_point_with_a_known_title(text, cuts):
    """By the definition: title_key of the text before each glue point, looked up."""
    known = {title_key(text[:i]) for i in cuts}
    points = [i for i in _glue_points(text) if title_key(text[:i]) in known]
    split = known_split(text, known)
    assert (split.title, split.authors) == (text[: points[-1]].strip(), text[points[-1]:].strip()) if points else split is None
    # as the merge finds it: by the glue keys kept with a parse, and the known titles' key ids
    assert known_split_by_id(text, glue_keys(text), {key_id(k) for k in known}) == split
