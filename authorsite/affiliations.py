"""Display names of the affiliation slugs dumps carry; site.yaml adds to and overrides these."""

from __future__ import annotations

NAMES: dict[str, str] = {
    "openai": "OpenAI",
    "anthropic": "Anthropic",
    "stanford": "Stanford University",
    "berkeley": "UC Berkeley",
    "mit": "MIT",
    "meta-ai": "Meta AI",
    "allen-ai": "Allen Institute for AI",
    "amazon-science": "Amazon Science",
    "salesforce": "Salesforce",
    "google": "Google",
    "google-deepmind": "Google DeepMind",
    "deepmind": "DeepMind",
    "microsoft": "Microsoft",
    "oxford": "University of Oxford",
    "cambridge": "University of Cambridge",
    "cmu": "Carnegie Mellon University",
    "harvard": "Harvard University",
    "princeton": "Princeton University",
    "nyu": "New York University",
}


def display_name(slug: str, extra: dict[str, str]) -> str:
    """The configured or known name; else the slug made readable (`allen-ai` → `Allen Ai`)."""
    return extra.get(slug) or NAMES.get(slug) or slug.replace("-", " ").title()
