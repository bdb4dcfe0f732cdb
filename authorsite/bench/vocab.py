"""Words and names for the synthetic corpus: titles, abstracts and authors shaped like the
seed dumps' (camel-case coinages, acronyms, digits, question marks; initials, hyphens,
particles, non-ASCII letters). Every generator takes a `random.Random`, so a seed fixes all.
"""

from __future__ import annotations

import random

from ..slugs import slugify

FIRST = (
    "Ada Alan Alice Amir Ana Andrea Anna Arjun Ben Bruno Carla Chen Chiara Daniel David Deepa "
    "Diego Elena Emma Eric Esin Fatima Felix Grace Hana Hiroshi Igor Ines Ivan Jack Jakob James "
    "Jia Jorge Julia Kai Karina Kenji Lars Laura Lei Leon Lina Luca Maria Marta Mei Michael Mina "
    "Nadia Noah Olga Omar Pablo Paul Priya Quentin Rafael Ravi Rosa Sam Sara Sofia Tariq Thomas "
    "Uma Victor Wei Xin Yara Yuki Zoe Saffron Kunal Miles Liane Ethan Roger Cem Judy Wai Risto "
    "José Zoë Søren Łukasz Chloé Renée Kamilė Élodie Ömer Çağla Jan-Philipp Shih-Cheng "
    "Jean-Baptiste Mary-Kate"
).split()
# A capital inside: a second place a glued title could end. Not JoAnn, DuBois, VanDyke: names.py
# does not read those as names yet (a card author line becomes abstract; a compact split goes wrong).
FIRST_RARE = ("DeAndre", "LaToya")
MIDDLE = "Hanwen Wook Ignacio Tong Marie Anne Luis Shane Kumar Joon".split()
LAST = (
    "Abbott Adams Ahmed Akhtar Alvarez Anderson Bauer Becker Bianchi Brown Chen Clark Cohen "
    "Costa Das Dubois Durmus Edwards Evans Fischer Garcia Gupta Hall Hansen Hoffmann Huang "
    "Ivanova Jensen Johnson Kato Khan Kim Klein Kowalski Kumar Larsen Lee Li Liao Lopez Martin "
    "Meyer Moreau Nguyen Novak Okafor Olsen Park Patel Petrov Quinn Rahman Ricci Rossi Sato "
    "Schmidt Silva Singh Smith Suzuki Tanaka Taylor Thompson Wagner Wang Weber Wilson Wu Xu "
    "Yamamoto Yang Zhang Zhou Askell Ganguli Tamkin Brundage Shrestha Wantlin Keramati "
    "Müller Núñez Pérez Gómez Sørensen Lukošiūtė Fränken Özdemir Šimić Dvořák "
    "McCain MacDiarmid O'Neil D'Amour LeCun DiCaprio"
).split()
# Second halves of double-barrelled names. Not O'Neil or D'Amour: names.py does not read
# "Clark-O'Neil" as a name yet (the same failure as JoAnn, below).
SECOND = [name for name in LAST if "'" not in name]
PARTICLES = ("van", "van der", "de", "de la", "dos", "von", "ter", "bin")
INITIALS = "ABCDEFGHIJKLMNOPRSTWZ"

AFFILIATIONS = (
    "openai anthropic stanford berkeley mit meta-ai allen-ai amazon-science salesforce google "
    "google-deepmind microsoft cmu oxford eth-zurich tsinghua"
).split()
CATEGORIES = ("CL", "LG", "CV", "AI", "CY", "CR", "SI", "HC", "RO", "IR", "ML")
CATEGORY_WEIGHTS = (24, 22, 14, 12, 7, 6, 5, 3, 3, 2, 2)

TECH = (
    "model models language learning neural network networks training data dataset benchmark "
    "evaluation task tasks transformer attention large method methods approach results "
    "performance robust robustness graph representation representations inference reasoning "
    "agent agents policy reward vision image images text generation retrieval safety alignment "
    "privacy security adversarial attack defense federated distributed optimization gradient "
    "loss sparse efficient scalable multimodal social causal probabilistic embedding embeddings "
    "fine-tuning pretraining prompt human feedback bias fairness interpretability uncertainty "
    "calibration real-world self-supervised privacy-preserving domain-agnostic"
).split()
FILLER = (
    "the a of and to in for on with we our that this is are by from as these which can using "
    "across while both show propose study find present"
).split()
TITLE_SMALL = ("of", "for", "in", "with", "and", "from", "via", "on", "to", "the")
SMALL = frozenset(TITLE_SMALL + ("a", "an", "by", "as", "at"))
ACRONYMS = "LLMs RLHF NLP GANs VAEs CNNs RL AI GPT-4 BERT CVaR MoE LoRA SAEs ViT".split()
NUMERIC = "2.0 3D 1B 100K C5T5 T5 v2 4-bit 70B".split()
COINAGE_SUFFIXES = "QA MD Net Bench GPT LM Eval X".split()
QUESTION_STARTS = ("Can", "How Do", "Which", "What Makes", "Are", "Do", "When Do")
OPENERS = (
    "In this paper, we", "We show that", "Our results suggest that", "Experiments on",
    "To address this,", "We find that", "Large language models",
)
COMMENTS = (
    "{a}+{b} pages", "{a} pages, {b} figures", "Accepted at NeurIPS {y}", "Data available at https://example.org/{w}",
    "arXiv admin note: substantial text overlap with arXiv:{id}", "Code at https://github.com/{w}/{w2}",
)
SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me "
    "mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve "
    "vi vo za ze zi zo tra tri pro pre con dis ex in un lex nor vel quan spec"
).split()


def pseudo_words(rng: random.Random, count: int) -> list[str]:
    """`count` distinct made-up lower-case words of 2-4 syllables."""
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def person(rng: random.Random) -> str:
    """One name: "Thomas I. Liao", "J. Marie Durmus", "Anna van der Berg", "Ines Kato-Wu Jr."."""
    r = rng.random()
    if r < 0.03:
        parts = [f"{rng.choice(INITIALS)}. {rng.choice(MIDDLE)}"]
    else:
        parts = [rng.choice(FIRST_RARE if r < 0.034 else FIRST)]
    r = rng.random()
    if r < 0.2:
        parts.append(rng.choice(INITIALS) + ".")
    elif r < 0.28:
        parts.append(rng.choice(MIDDLE))
    if rng.random() < 0.05:
        parts.append(rng.choice(PARTICLES))
    last = rng.choice(LAST)
    if rng.random() < 0.1:
        last += "-" + rng.choice(SECOND)
    parts.append(last)
    if rng.random() < 0.01:
        parts.append("Jr.")
    return " ".join(parts)


def name_pool(rng: random.Random, size: int) -> list[str]:
    """`size` distinct names whose slugs are distinct too."""
    names: list[str] = []
    slugs: set[str] = set()
    while len(names) < size:
        name = person(rng)
        slug = slugify(name)
        if slug not in slugs:
            slugs.add(slug)
            names.append(name)
    return names


def _table(words: list[str], weights: list[float]) -> list[str]:
    """2**16 slots, each word in as many as its share of the weight (at least one)."""
    total = sum(weights)
    table: list[str] = []
    acc = 0.0
    for w, weight in zip(words, weights):
        acc += weight
        table.extend([w] * max(1, round(acc / total * 65536) - len(table)))
    return table[:65536] + [words[-1]] * (65536 - len(table))


class Text:
    """Titles and abstracts from a fixed mix: filler 35%, technical 30%, made-up words 35%
    (Zipf-like). Abstract words are drawn in bulk, so 50,000 abstracts take seconds."""

    def __init__(self, rng: random.Random, vocab_size: int = 3000) -> None:
        self.rng = rng
        self.vocab = pseudo_words(rng, vocab_size)
        zipf = [1 / (i + 1) ** 0.8 for i in range(vocab_size)]
        z = sum(zipf)
        weights = ([0.35 / len(FILLER)] * len(FILLER) + [0.30 / len(TECH)] * len(TECH)
                   + [0.35 * w / z for w in zipf])
        self.words = FILLER + TECH + self.vocab
        self.table = _table(self.words, weights)
        self.title_table = _table(self.words, [0.0] * len(FILLER) + weights[len(FILLER):])

    def draw(self, k: int, table: list[str] | None = None) -> list[str]:
        """k words: 16 random bits each, looked up in a table (C speed, unlike rng.choices)."""
        return list(map((table or self.table).__getitem__, memoryview(self.rng.randbytes(2 * k)).cast("H")))

    def coinage(self) -> str:
        """GlobalOpinionQA, BenchMD, BLASTNet, TradiVelEval."""
        rng = self.rng
        a, b = self.vocab[int(rng.random() * 600)], self.vocab[int(rng.random() * 600)]
        if rng.random() < 0.3:
            return a.upper()[: rng.randint(3, 5)] + rng.choice(("Net", "Bench", "Eval"))
        word = a[: rng.randint(3, 6)].capitalize() + b[: rng.randint(3, 6)].capitalize()
        return word + rng.choice(COINAGE_SUFFIXES) if rng.random() < 0.6 else word

    def special(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self.coinage()
        return self.rng.choice(ACRONYMS if r < 0.8 else NUMERIC)

    def title(self) -> str:
        rng = self.rng
        rand = rng.random
        words = [w.title() for w in self.draw(6 + int(rand() * 6), self.title_table)]
        for i in range(len(words) - 1, 0, -1):
            if rand() < 0.25:
                words.insert(i, TITLE_SMALL[int(rand() * len(TITLE_SMALL))])
        for _ in range(int(rand() * 2.5)):
            words[int(rand() * len(words))] = self.special()
        r = rand()
        if r < 0.12:  # ends in a coinage, acronym or number: glued straight to the first author
            words[-1] = self.special()
        elif r < 0.22:
            words = rng.choice(QUESTION_STARTS).split() + words[1:]
            words[-1] += "?"
        if rand() < 0.3:  # "Clio: Privacy-Preserving …", "Feature Dropout: Revisiting …"
            if rand() < 0.5 or words[1] in SMALL:
                words.insert(0, self.coinage() + ":")
            else:
                words[1] += ":"
        elif rand() < 0.03:
            words[rng.randint(3, max(3, len(words) - 3))] += "?"
        return " ".join(words)

    def abstract(self) -> str:
        """150-210 words in sentences of 10-26, with commas, percentages, acronyms, stock openers."""
        rng = self.rng
        rand = rng.random
        words = self.draw(150 + int(rand() * 61))
        i, n = 0, len(words)
        while i < n:
            end = min(i + 10 + int(rand() * 17), n) - 1
            first = words[i]
            words[i] = (rng.choice(OPENERS) + " " + first) if rand() < 0.1 else first[:1].upper() + first[1:]
            span = end - i
            if span > 1:
                if rand() < 0.25:
                    words[i + 1 + int(rand() * (span - 1))] += ","
                if rand() < 0.12:
                    words[i + 1 + int(rand() * (span - 1))] += f" {2 + int(rand() * 98)}%"
                if rand() < 0.08:
                    words[i + 1 + int(rand() * (span - 1))] += f" ({rng.choice(ACRONYMS)})"
            words[end] += "."
            i = end + 1
        if rand() < 0.05:
            words.append(f"Our code is at https://github.com/{rng.choice(self.vocab)}/{rng.choice(self.vocab)}.")
        return " ".join(words)

    def perturb(self, abstract: str) -> str:
        """The same abstract with one to three words changed, as arXiv's copy often is."""
        words = abstract.split(" ")
        for _ in range(self.rng.randint(1, 3)):
            i = self.rng.randrange(1, len(words))
            words[i] = self.rng.choice(TECH)
        return " ".join(words)

    def comment(self, arxiv_id: str) -> str:
        rng = self.rng
        return rng.choice(COMMENTS).format(a=rng.randint(8, 40), b=rng.randint(2, 30), y=rng.randint(2019, 2026),
                                           w=rng.choice(self.vocab), w2=rng.choice(self.vocab), id=arxiv_id)
