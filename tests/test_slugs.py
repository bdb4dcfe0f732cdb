"""URL slugs: an ASCII title's slug is read off its title key, which every paper has already."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from authorsite.names import title_key
from authorsite.slugs import paper_slug, slugify


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_an_ascii_titles_key_hyphenated_is_its_slug(title: str) -> None:
    assert title_key(title).replace(" ", "-") == slugify(title)


def test_paper_slugs() -> None:
    assert paper_slug("GPT-4 Technical Report", title_key("GPT-4 Technical Report")) == "gpt-4-technical-report"
    assert paper_slug("Ünïcödé Tïtle", title_key("Ünïcödé Tïtle")) == "unicode-title"
    long = "A Very Long Title " * 5
    assert paper_slug(long, title_key(long)).startswith("a-very-long-title-a-very-long-title-a-very-long-title-a-very-")
