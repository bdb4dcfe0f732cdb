"""How abstracts are keyed: anchors are exactly the 3-grams their definition names."""

from __future__ import annotations

import zlib
from array import array

from hypothesis import given
from hypothesis import strategies as st

from authorsite.abstracts import keys
from authorsite.names import title_key


def anchor_grams(key: str) -> list[str]:
    """The definition: from the left, each word starting with f, g, k, v, w or y begins a
    3-gram of it and the next two words; the words after that 3-gram may begin the next."""
    words, found, i = key.split(" "), [], 0
    while i + 2 < len(words):
        if words[i][:1] in set("fgkvwy"):
            found.append(" ".join(words[i : i + 3]))
            i += 3
        else:
            i += 1
    return found


# accents fold away in a key; Greek, Cyrillic and CJK letters stay, in and around words
WORDS = st.sampled_from(["for", "fish", "für", "Vögel", "gęś", "w1", "a", "the", "x-ray", "g.", "—", "(we)", "k",
                         "fяx", "wω", "яk", "kόσμος", "мир", "日本", "y日"])


@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_anchors_are_the_3_grams_of_the_definition(text):
    expected = [zlib.crc32(gram.encode()) for gram in anchor_grams(title_key(text))]
    assert array("I", keys(text).anchors).tolist() == expected


def test_the_opening_keys_abstracts_of_at_least_100_characters():
    long = "We study how language models " * 5
    assert keys(long).id == keys(long.upper().replace(" ", "  ")).id != b""
    assert keys("Too short to merge anything.").id == b""


@given(st.text(st.characters(max_codepoint=127)))
def test_an_ascii_text_is_keyed_as_the_unicode_path_keys_it(text):
    """title_key's quick path for ASCII folds as its general path does: a non-ASCII word
    after the text sends the text through the general path."""
    assert title_key(text + " é") == " ".join(filter(None, [title_key(text), "e"]))
