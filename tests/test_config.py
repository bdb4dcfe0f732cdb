"""site.yaml → SiteConfig: problems name site.yaml:LINE; what cannot be built on is a UserError."""

from __future__ import annotations

import datetime as dt

import pytest
from helpers import ROOT, diagnostics_at, load_project, site_yaml

from authorsite.config import ProfileSettings, SiteConfig, UserError, load_config


def config_of(tmp_path, text: str):
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def error_of(tmp_path, text: str) -> str:
    with pytest.raises(UserError) as e:
        config_of(tmp_path, text)
    return str(e.value)


def test_the_bundled_site_yaml(tmp_path):
    config, diagnostics = load_config(ROOT / "site.yaml")
    assert diagnostics == []
    assert config.base_url == "https://example.github.io/authorsite/" and config.base_path == "/authorsite/"
    assert config.profiles == {"alex-tamkin.txt": ProfileSettings(owner="Alex Tamkin"),
                               "deep-ganguli.txt": ProfileSettings(owner="Deep Ganguli")}
    assert config.titles == () and config.aliases == {"Noah D. Goodman": "Noah Goodman"}


@pytest.mark.parametrize("text, line, phrase", [
    ("title: ok\ndescription: a: b\n", 2, "mapping values are not allowed"),
    ("title: ok\nprofiles:\n\towner: x\n", 3, "'\\t'"),
    ("title: ok\nprofiles:\n  a.txt:\n    owner: A\n   captured: 2020-01-01\n", 5, "expected <block end>"),
    # an unclosed quote or bracket is found at the end of the file: named where it opens
    ('title: ok\ndescription: "open\nbase_url: https://x.org/\ntitles: []\n', 2, "quoted scalar"),
    ("title: ok\n\ntitles: [a, b\n", 3, "flow sequence"),
])
def test_yaml_syntax_error_names_its_line(tmp_path, text, line, phrase):
    message = error_of(tmp_path, text)
    assert message.startswith(f"site.yaml:{line}: error: ") and phrase in message
    assert "\n" not in message


@pytest.mark.parametrize("text, line, phrase", [
    ("title: ok\n\ntitles: 5\n", 3, "titles: expected a list of texts"),
    ("title: ok\nbase_url: ftp://x\n", 2, "base_url: expected an http(s) URL"),
    ("base_url: user.github.io/repo/\n", 1, "base_url: expected an http(s) URL"),
    ("profiles:\n  a.txt:\n    owner: A\n    captured: yesterday\n", 4, "profiles.a.txt.captured: expected a date"),
    ("profiles:\n  a.txt:\n    captured: 2026-03-01 10:00:00\n", 3, "profiles.a.txt.captured: expected a date"),
    ("profiles:\n  a.txt:\n    owner: [A, B]\n", 3, "profiles.a.txt.owner: expected a non-empty text"),
    ("title:\n", 1, "title: expected a non-empty text"),
    ("aliases:\n  Bob: 5\n", 2, "aliases.Bob: expected a non-empty text"),
    ("aliases: [a, b]\n", 1, "aliases: expected a mapping"),
    ("titles:\n  - Good Title\n  - 7\n", 3, "titles[1]: expected a non-empty text"),
    ("- just\n- a list\n", 1, "expected a mapping"),
])
def test_wrong_type_names_its_line(tmp_path, text, line, phrase):
    message = error_of(tmp_path, text)
    assert message.startswith(f"site.yaml:{line}: error: ") and phrase in message


def test_every_error_is_reported_at_once(tmp_path):
    lines = error_of(tmp_path, "titles: 5\nbase_url: ftp://x\n").split("\n")
    assert [m.split(": error:")[0] for m in lines] == ["site.yaml:1", "site.yaml:2"]


@pytest.mark.parametrize("text, line, phrase", [
    ("title: ok\ncolour: red\n", 2, "unknown setting 'colour'"),
    ("profiles:\n  a.txt:\n    owner: A\n    ownr: B\n", 4, "unknown setting 'ownr'"),
    ("title: one\ntitle: two\n", 2, "'title' is given twice"),
])
def test_doubtful_setting_warns_with_its_line(tmp_path, text, line, phrase):
    config, diagnostics = config_of(tmp_path, text)
    (d,) = diagnostics
    assert (d.pos.file, d.pos.line, d.severity.value) == ("site.yaml", line, "warning") and phrase in d.message


def test_values_read(tmp_path):
    config, diagnostics = config_of(tmp_path, (
        "title: T\nbase_url: https://user.github.io/repo/\ncname: www.example.org\n"
        "profiles:\n  x/a.txt:\n    owner: A B\n    captured: 2026-03-01\n  c.txt:\n    title: Reading list\n"
        "titles:\n  - GPT-4 Technical Report\naffiliations:\n  openai: OpenAI\ncategories:\n  QQ: Quux\n"))
    assert diagnostics == []
    assert (config.title, config.cname, config.titles) == ("T", "www.example.org", ("GPT-4 Technical Report",))
    assert config.profiles == {"x/a.txt": ProfileSettings(owner="A B", captured=dt.date(2026, 3, 1)),
                               "c.txt": ProfileSettings(title="Reading list")}
    assert (config.affiliations, config.categories) == ({"openai": "OpenAI"}, {"QQ": "Quux"})


@pytest.mark.parametrize("text", [None, "", "# only a comment\n"])
def test_missing_or_empty_site_yaml_gives_defaults(tmp_path, text):
    if text is not None:
        (tmp_path / "site.yaml").write_text(text)
    assert load_config(tmp_path / "site.yaml") == (SiteConfig(), [])


@pytest.mark.parametrize("url, path", [
    ("https://user.github.io/repo/", "/repo/"),
    ("https://user.github.io/repo", "/repo/"),
    ("https://example.org", "/"),
    ("https://example.org/", "/"),
    ("http://example.org/a/b/", "/a/b/"),
])
def test_base_path(url, path):
    assert SiteConfig(base_url=url).base_path == path


def test_a_profile_for_a_missing_dump_warns_at_its_line(tmp_path):
    # site.yaml line 9 is "  alex-tamkin.txt:"; a typo there leaves the dump without its owner
    loaded = load_project(tmp_path, site=site_yaml(("  alex-tamkin.txt:", "  alex-tamkn.txt:")))
    (message,) = diagnostics_at(loaded.diagnostics, "site.yaml", 9)
    assert message.startswith("warning:") and "alex-tamkn.txt" in message
    assert any("owner" in m for m in diagnostics_at(loaded.diagnostics, "content/profiles/alex-tamkin.txt", 1))
