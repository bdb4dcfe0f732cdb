"""Corpus records → a project folder: site.yaml, content/profiles/*.txt in the three dump
formats (DESIGN.md §1), and copies of the repository's templates/ and static/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..model import MONTHS
from .corpus import CAPTURED, Corpus, Listing, Profile, SynthPaper

REPO = Path(__file__).resolve().parents[2]  # the project root holding templates/ and static/
SHOWN_AUTHORS = 3  # dumps list three authors, then "et al."


def badge(p: SynthPaper) -> str:
    """`CLJun 28, 2023Code`; papers of the capture year are year-less: `AIMay 28`."""
    year = "" if p.date.year == CAPTURED.year else f", {p.date.year}"
    return f"{p.category}{MONTHS[p.date.month - 1]} {p.date.day}{year}{'Code' if p.has_code else ''}"


def author_text(p: SynthPaper) -> str:
    """`Esin Durmus, Karina Nguyen, Thomas I. Liao et al. · openai, stanford`."""
    names = ", ".join(p.authors[:SHOWN_AUTHORS]) + (" et al." if len(p.authors) > SHOWN_AUTHORS else "")
    return names + (" · " + ", ".join(p.affiliations) if p.affiliations else "")


def card_text(profile: Profile, papers: tuple[SynthPaper, ...]) -> str:
    listed = [papers[k] for k in profile.papers]
    counts: dict[str, int] = {}
    for p in listed:
        counts[p.category] = counts.get(p.category, 0) + 1
    category = max(sorted(counts), key=lambda c: counts[c]) if counts else "CL"
    lines = [profile.owner, "", category, f"h-index{profile.h_index}", f"{len(listed)}papers",
             f"{profile.citations:,}citations", f"Novelty{profile.novelty_pct}%", f"AI Score{profile.ai_score}",
             "", f"{len(listed)} Papers", ""]
    for p in listed:
        lines += [badge(p), p.title, "", author_text(p), "", p.abstract, ""]
    return "\n".join(lines)


def compact_text(profile: Profile, papers: tuple[SynthPaper, ...]) -> str:
    lines = []
    for k in profile.papers:
        p = papers[k]
        lines += [badge(p), p.title + author_text(p), p.abstract]
    return "\n".join(lines) + "\n"


def listing_text(listing: Listing) -> str:
    """Abstract, optional comment, then `arXiv:ID` glued to the next abstract; a bare id last."""
    lines: list[str] = []
    prefix = ""
    for item in listing.items:
        lines.append(prefix + item.abstract)
        if item.comment:
            lines.append(item.comment)
        prefix = f"arXiv:{item.arxiv_id}"
    lines.append(prefix)
    return "\n".join(lines) + "\n"


def site_yaml(corpus: Corpus) -> str:
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 - a JSON string is a YAML string
    lines = [
        f"title: {q(f'Synthetic profiles ({corpus.n:,} papers, seed {corpus.seed})')}",
        "description: A generated corpus for the build benchmark (python -m authorsite.bench).",
        "base_url: https://example.github.io/bench/",
        "profiles:",
    ]
    for p in corpus.profiles:
        settings = ([f"    owner: {q(p.owner)}"] if p.format == "compact" else []) + (
            [f"    captured: {p.captured.isoformat()}"] if p.captured else [])
        if settings:
            lines += [f"  {p.file}:", *settings]
    return "\n".join(lines) + "\n"


def write_project(corpus: Corpus, dest: Path, assets_from: Path = REPO) -> int:
    """Write the project folder (dest must not hold one yet); return the files written."""
    profiles = dest / "content" / "profiles"
    profiles.mkdir(parents=True)
    for name in ("templates", "static"):
        if not (assets_from / name).is_dir():
            raise FileNotFoundError(f"{assets_from / name}: the corpus needs the project's {name}/ (an editable install)")
        shutil.copytree(assets_from / name, dest / name)
    (dest / "site.yaml").write_text(site_yaml(corpus), encoding="utf-8")
    for p in corpus.profiles:
        text = card_text(p, corpus.papers) if p.format == "card" else compact_text(p, corpus.papers)
        (profiles / p.file).write_text(text, encoding="utf-8")
    for li in corpus.listings:
        (profiles / li.file).write_text(listing_text(li), encoding="utf-8")
    return len(corpus.profiles) + len(corpus.listings) + 1
