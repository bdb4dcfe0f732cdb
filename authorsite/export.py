"""The JSON data export (DESIGN.md §5): a stable contract; fields may be added, never renamed."""

from __future__ import annotations

import json
from dataclasses import asdict

from .model import Author, Catalog, Paper
from .urls import author_url, paper_url


def paper_record(p: Paper) -> dict[str, object]:
    return {
        "id": p.id,
        "url": paper_url(p.id),
        "title": p.title,
        "authors": list(p.authors),
        "et_al": p.et_al,
        "affiliations": list(p.affiliations),
        "category": p.category,
        "date": p.date.iso,
        "date_text": p.date.text,
        "year": p.date.year,
        "has_code": p.has_code,
        "abstract": p.abstract,
        "arxiv_id": p.arxiv_id,
        "comment": p.comment,
        "sources": [{"file": s.file, "line": s.line} for s in p.sources],
    }


def author_record(a: Author) -> dict[str, object]:
    return {
        "id": a.id,
        "url": author_url(a.id),
        "name": a.name,
        "category": a.category,
        "metrics": asdict(a.metrics) if a.metrics is not None else None,
        "papers": list(a.papers),
        "profile": a.profile,
        "source": a.source,
    }


def _dump(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False) + "\n").encode()  # no indent: the C encoder


def export_files(catalog: Catalog) -> list[tuple[str, bytes]]:
    """The export's files, as (output path, bytes)."""
    return [
        ("api/papers.json", _dump({"papers": [paper_record(p) for p in catalog.papers]})),
        ("api/authors.json", _dump({"authors": [author_record(a) for a in catalog.authors]})),
    ]
