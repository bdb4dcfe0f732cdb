"""Links in untrusted text: only http(s) URLs become links, found as linkify-it finds them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from authorsite.safety import _LINKIFY, is_web_url, linkify, links

PARTS = ["http://", "https://", "HTTPS://", "www.", "a.com", "x.org/p?q=1&r=2", "(", ")", ".", ",", " ", "\n",
         "\t", "mailto:a@b.c", "ftp://x.y", "javascript:alert(1)", "<", ">", "&", "'", '"', "https://a.b/c_(d)",
         "httpx", "xhttps://q.r", "[", "]", "'https://s.t'", "http://[::1]/", "https://例え.jp/パス", "…", "—", "word"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PARTS), max_size=14).map("".join))
def test_links_are_those_linkify_it_finds_in_the_whole_text(text):
    whole = [(m.index, m.last_index, m.url, m.text) for m in _LINKIFY.match(text) or () if is_web_url(m.url)]
    assert list(links(text)) == whole


def test_only_web_urls_are_links_and_the_rest_is_escaped():
    html = linkify("See https://example.org/a?b=1&c=2, javascript:alert(1) or <b>ftp://x.y</b>.")
    assert html == ('See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow noopener">'
                    'https://example.org/a?b=1&amp;c=2</a>, javascript:alert(1) or &lt;b&gt;ftp://x.y&lt;/b&gt;.')
