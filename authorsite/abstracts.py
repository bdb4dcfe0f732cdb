"""How abstracts are compared. Each abstract is keyed once, as its dump is parsed (on every
core, and cached with the parse): an id of its opening, which merges the entries of one
paper, and its anchors, which find the papers an arXiv listing's abstract may belong to.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array

from .model import AbstractKeys
from .names import title_key

KEY_CHARS = 400  # equal abstracts (normalised, this long) mean the same paper
MIN_KEY_CHARS = 100  # a shorter abstract merges nothing
# Anchors are the 3-grams (not overlapping) that start with a word whose first letter is one
# of a few, about one word in seven; the regex engine finds them fast, in the key's UTF-8
# (a key is words of letters and digits, one space apart). Each is kept as its CRC-32: a
# rare collision only adds a candidate, and every candidate is checked on its 3-grams.
# The pattern begins with the letter, and only then looks back for a space (or the start),
# so that the engine's quick scan for a first character applies: twice as fast as looking
# back first.
ANCHORS = re.compile(rb"[fgkvwy](?<![^ ][fgkvwy])[^ ]* [^ ]+ [^ ]+")


def keys(abstract: str) -> AbstractKeys:
    key = title_key(abstract)
    opening = key[:KEY_CHARS]
    ident = hashlib.blake2b(opening.encode(), digest_size=16).digest() if len(opening) >= MIN_KEY_CHARS else b""
    return AbstractKeys(ident, array("I", map(zlib.crc32, ANCHORS.findall(key.encode()))).tobytes())


def anchors(keyed: AbstractKeys) -> array[int]:
    return array("I", keyed.anchors)


def shingles(abstract: str) -> set[tuple[str, str, str]]:
    """The word 3-grams of an abstract's title_key."""
    words = title_key(abstract).split()
    return set(zip(words, words[1:], words[2:]))


def likeness(listing: str, abstract: str) -> float:
    """The share of a listing abstract's word 3-grams that another abstract has."""
    mine = shingles(listing)
    return len(mine & shingles(abstract)) / max(len(mine), 1)


def pair_key(listing: str, abstract: str) -> bytes:
    """What a likeness is known by across builds: a hash of both texts."""
    first = listing.encode()
    h = hashlib.blake2b(len(first).to_bytes(8, "little") + first, digest_size=16)
    h.update(abstract.encode())
    return h.digest()
