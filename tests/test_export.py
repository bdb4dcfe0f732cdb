"""The data export's contract (DESIGN.md §5): keys, types and meanings of api/*.json."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from helpers import ARXIV, BADGE, JACK, load_project, seed_lines

from authorsite.export import export_files
from authorsite.names import title_key

OPT_STR, OPT_INT = (str, type(None)), (int, type(None))
PAPER_SCHEMA = {
    "id": str, "url": str, "title": str, "authors": [str], "et_al": bool, "affiliations": [str], "category": str,
    "date": OPT_STR, "date_text": str, "year": OPT_INT, "has_code": bool, "abstract": str, "arxiv_id": OPT_STR,
    "comment": OPT_STR, "sources": [{"file": str, "line": int}],
}
METRICS_SCHEMA = {"h_index": OPT_INT, "papers": OPT_INT, "citations": OPT_INT, "novelty_pct": OPT_INT, "ai_score": OPT_INT}
AUTHOR_SCHEMA = {
    "id": str, "url": str, "name": str, "category": OPT_STR, "metrics": (METRICS_SCHEMA, type(None)), "papers": [str],
    "profile": bool, "source": OPT_STR,
}


def conforms(value, schema) -> bool:
    """A JSON value against a small schema: a type or tuple of alternatives, [item schema],
    or {key: schema} (every key present; extra keys allowed, as the contract lets fields be added)."""
    if isinstance(schema, tuple):
        return any(conforms(value, s) for s in schema)
    if isinstance(schema, list):
        return isinstance(value, list) and all(conforms(v, schema[0]) for v in value)
    if isinstance(schema, dict):
        return isinstance(value, dict) and all(k in value and conforms(value[k], s) for k, s in schema.items())
    return isinstance(value, schema) and not (schema is int and isinstance(value, bool))


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return dict(export_files(load_project(tmp_path_factory.mktemp("seeds")).catalog))


@pytest.fixture(scope="module")
def export(files):
    assert set(files) == {"api/papers.json", "api/authors.json"}
    papers, authors = (json.loads(files[f"api/{n}.json"]) for n in ("papers", "authors"))
    assert set(papers) == {"papers"} and set(authors) == {"authors"}
    return papers["papers"], authors["authors"]


@pytest.fixture(scope="module")
def papers(export):
    return export[0]


@pytest.fixture(scope="module")
def authors(export):
    return export[1]


def test_the_schema_checker_itself():
    assert conforms({"a": [1], "b": None}, {"a": [int], "b": OPT_STR})
    assert not conforms({"a": [True]}, {"a": [int]}) and not conforms({}, {"a": int}) and not conforms(1, str)


def test_every_paper_and_author_conforms(papers, authors):
    assert len(papers) == 56
    assert [p["id"] for p in papers if not conforms(p, PAPER_SCHEMA)] == []
    assert [a["id"] for a in authors if not conforms(a, AUTHOR_SCHEMA)] == []


def test_ids_are_unique_slugs_and_urls_are_site_relative(papers, authors):
    for kind, records in (("papers", papers), ("authors", authors)):
        ids = [r["id"] for r in records]
        assert len(set(ids)) == len(ids)
        for r in records:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r["id"]) and r["url"] == f"/{kind}/{r['id']}/"


def test_dates(papers):
    for p in papers:
        if p["date"] is None:
            assert p["year"] is None and "," not in p["date_text"]
            continue
        day = dt.date.fromisoformat(p["date"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", p["date"]) and day.year == p["year"]
        # date_text is the badge's, which may lack the year that was found elsewhere
        written = dt.datetime.strptime(p["date_text"] if "," in p["date_text"] else f"{p['date_text']}, {day.year}", "%b %d, %Y")
        assert written.date() == day


def test_yearless_dates_of_the_seeds(papers):
    undated = {p["title"]: (p["date"], p["date_text"], p["year"]) for p in papers if p["date"] is None}
    assert undated == {
        "Scaling Monosemanticity: Extracting Interpretable Features from Claude 3 Sonnet": (None, "May 28", None),
        "How AI Impacts Skill Formation": (None, "Jan 28", None),
    }


def test_sources_point_at_their_lines(papers):
    for p in papers:
        assert p["sources"] == sorted(p["sources"], key=lambda s: (s["file"], s["line"]))
        for s in p["sources"]:
            lines = seed_lines(s["file"])
            if s["file"] == ARXIV:
                # the abstract line; its id starts the next line, or the one after a comment
                text = re.sub(r"^arXiv:\d{4}\.\d{4,5}", "", lines[s["line"] - 1])
                after = lines[s["line"] :][:2]
                assert len(text) > 250 and after[0 if p["comment"] is None else 1].startswith(f"arXiv:{p['arxiv_id']}")
                assert p["comment"] is None or after[0] == p["comment"]
            else:
                badge = lines[s["line"] - 1]
                assert BADGE.fullmatch(badge) and p["category"] == badge[:2]
                assert title_key(lines[s["line"]]).startswith(title_key(p["title"]))  # title, or title+authors
        assert p["date_text"] in {seed_lines(s["file"])[s["line"] - 1][2:].removesuffix("Code") for s in p["sources"]
                                  if s["file"] != ARXIV}
        assert p["has_code"] == any(seed_lines(s["file"])[s["line"] - 1].endswith("Code") for s in p["sources"])
        assert (p["arxiv_id"] is None) == all(s["file"] != ARXIV for s in p["sources"])


def test_author_papers_exist_and_name_them(papers, authors):
    by_id = {p["id"]: p for p in papers}
    aliases = {"Noah D. Goodman": "Noah Goodman"}
    for a in authors:
        assert a["papers"] and all(pid in by_id for pid in a["papers"])
        named = [pid for pid in a["papers"] if a["name"] in {aliases.get(n, n) for n in by_id[pid]["authors"]}]
        if not a["profile"]:
            assert named == a["papers"]
    # newest first
    for a in authors:
        keys = [by_id[pid]["date"] or "" for pid in a["papers"]]
        assert [k for k in keys if k] == sorted([k for k in keys if k], reverse=True)


def test_every_named_author_has_a_record(papers, authors):
    names = {a["name"] for a in authors}
    assert {n for p in papers for n in p["authors"]} - names == {"Noah D. Goodman"}


def test_profiles(authors):
    profiles = {a["id"]: (a["name"], a["source"], a["category"], a["metrics"]) for a in authors if a["profile"]}
    unknown = dict.fromkeys(METRICS_SCHEMA)
    assert profiles == {
        "jack-clark": ("Jack Clark", JACK, "CL",
                       {"h_index": 54, "papers": 23, "citations": 121302, "novelty_pct": 38, "ai_score": 36}),
        "deep-ganguli": ("Deep Ganguli", "content/profiles/deep-ganguli.txt", "CL", unknown),
        "alex-tamkin": ("Alex Tamkin", "content/profiles/alex-tamkin.txt", "CL", unknown),
    }
    for a in authors:
        if not a["profile"]:
            assert (a["metrics"], a["source"], a["category"]) == (None, None, None)


def test_export_is_utf8_with_names_as_written(files):
    assert "Kamilė Lukošiūtė".encode() in files["api/papers.json"]
    assert "Kamilė Lukošiūtė".encode() in files["api/authors.json"]


def test_metrics_wider_than_64_bits_are_exported_as_written(tmp_path):
    lines = seed_lines(JACK)
    assert lines[5] == "121,302citations"
    lines[5] = "123456789012345678901234567890citations"
    loaded = load_project(tmp_path, files={JACK: "\n".join(lines)})
    authors = json.loads(dict(export_files(loaded.catalog))["api/authors.json"])["authors"]
    (jack,) = [a for a in authors if a["id"] == "jack-clark"]
    assert jack["metrics"]["citations"] == 123456789012345678901234567890
