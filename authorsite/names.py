"""The shape of a person's name, and telling a title from the author list glued to it.

The compact dump format writes `…in Language ModelsEsin Durmus, Karina Nguyen`: the
title runs into the first author's name with no separator. A split point is a capital
letter right after a non-space character; the right one is the earliest whose rest
reads as a list of names, unless a known title (from a card-format dump of the same
paper, or `titles:` in site.yaml) says otherwise.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from collections.abc import Set
from dataclasses import dataclass
from functools import lru_cache

from .model import GlueKeys

PARTICLES = frozenset(
    "van von de der den da das di del della dos du le la bin ibn al el ter ten zu".split()
)
SUFFIXES = frozenset({"Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV"})
# Surname prefixes after which a capital letter may follow: McCain, MacDiarmid, DeVries.
CAPITAL_PREFIXES = ("Mc", "Mac", "De", "Di", "La", "Le", "Fitz")
INITIALS = re.compile(r"(?:[^\W\d_]\.-?)+")
ET_AL = re.compile(r"\s*\bet al\.?$")


def _caseless(token: str) -> bool:
    """Letters of a script without case (Chinese, Japanese, Arabic, …): no shape to check."""
    return token.isalpha() and token.lower() == token.upper()


def _capitalised(part: str) -> bool:
    return len(part) > 1 and part.isalpha() and part[0].isupper() and part[1:].islower()


def _is_word_part(part: str, relaxed: bool) -> bool:
    """Durmus; McCain after a known prefix; with `relaxed`, any one inner capital (JoAnn)."""
    if _caseless(part) or _capitalised(part):
        return True
    if not part.isalpha():
        return False
    inner = [i for i in range(1, len(part)) if part[i].isupper()]
    if len(inner) != 1 or not _capitalised(part[inner[0]:]) or not _capitalised(part[: inner[0]]):
        return False
    return relaxed or part[: inner[0]] in CAPITAL_PREFIXES


def _is_word(token: str, relaxed: bool = False) -> bool:
    """A capitalised name word: Durmus, Jan-Philipp, Lukošiūtė, O'Neil, Clark-O'Neil, McCain."""
    parts = [re.sub(r"^[ODd]['’](?=.)", "", part) for part in token.split("-")]
    return all(_is_word_part(p, relaxed) for p in parts)


@lru_cache(maxsize=1 << 16)  # the same names come back in entry after entry
def is_name(text: str, relaxed: bool = False) -> bool:
    """Whether `text` has the shape of one person's name: "Thomas I. Liao". `relaxed` also
    takes name words with an inner capital after any prefix (JoAnn, DuBois), which title
    words have too (YouTube, GitHub)."""
    tokens = text.split()
    if not 1 <= len(tokens) <= 6:
        return False
    if len(tokens) == 1:
        return _caseless(tokens[0])  # 王小明
    first, last = tokens[0], tokens[-1]
    if last in SUFFIXES and len(tokens) > 2:
        last = tokens[-2]
        tokens = tokens[:-1]
    if not (_is_word(first, relaxed) or INITIALS.fullmatch(first)) or not _is_word(last, relaxed):
        return False
    return all(
        _is_word(t, relaxed) or INITIALS.fullmatch(t) or t in PARTICLES for t in tokens[1:-1]
    )


def is_name_list(text: str, relaxed: bool = False) -> bool:
    """Whether `text` is a comma-separated list of names (no "et al.")."""
    return all(is_name(part.strip(), relaxed) for part in text.split(","))


def split_names(text: str) -> tuple[tuple[str, ...], bool]:
    """An author list as written → (names, et_al)."""
    et_al = bool(ET_AL.search(text))
    text = ET_AL.sub("", text)
    names = tuple(n for n in (part.strip() for part in text.split(",")) if n)
    return names, et_al


# Latin letters that Unicode does not decompose into a base letter and an accent
FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE",
                      "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ı": "i"})


COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
NOT_ALNUM = re.compile(r"[\W_]+")


# ASCII bytes → lower case, everything but letters and digits → space
ASCII_KEY = bytes(ord(chr(b).lower()) if chr(b).isalnum() else 32 for b in range(128)) + bytes(range(128, 256))
SPACES = re.compile(rb"  +")  # only runs of spaces are left to fold: quicker than splitting every word


def title_key(title: str) -> str:
    """A title normalised for comparison: case, accents, punctuation and spacing folded."""
    if title.isascii():  # the common case, by byte table: abstracts are keyed too
        return SPACES.sub(b" ", title.encode().translate(ASCII_KEY)).strip().decode()
    text = COMBINING.sub("", unicodedata.normalize("NFKD", title.translate(FOLD)).casefold())
    return NOT_ALNUM.sub(" ", text).strip()


SURE_SPLITS = frozenset({"known", "names"})


@dataclass(frozen=True, slots=True)
class Split:
    """A title told apart from its authors, and how sure that is.

    `how` is "known" (a known title), "names" (exactly one split point leaves a list of
    names), "ambiguous" (several do: the earliest was taken), "guess" (none does: the
    last glue point before the first comma was taken) or "none" (no glue point at all).
    """

    title: str
    authors: str
    how: str

    @property
    def sure(self) -> bool:
        return self.how in SURE_SPLITS


ASCII_GLUE = re.compile(r"(?<=[^\s\-'’])[A-Z]")
MAYBE_CAPITAL = re.compile(r"[A-Z\xc0-\xd6\xd8-\xde]|[^\x00-\xff]")  # no other Latin-1 letter is a capital


def _glue_points(text: str) -> list[int]:
    """Capitals right after a character that is neither a space nor inside a word (- ')."""
    if text.isascii():  # the common case, by regex
        return [m.start() for m in ASCII_GLUE.finditer(text, 1)]
    # a capital is A-Z, a Latin-1 capital or beyond Latin-1: only those are looked at in Python
    return [i for i in (m.start() for m in MAYBE_CAPITAL.finditer(text, 1))
            if text[i].isupper() and not text[i - 1].isspace() and text[i - 1] not in "-'’"]


def glue_prefixes(text: str) -> list[tuple[int, str]]:
    """Each glue point, with the title_key of the text before it."""
    if text.isascii():  # title_key letter by letter: the text's keyed once, then cut
        folded = text.encode().translate(ASCII_KEY).decode()
        return [(i, " ".join(folded[:i].split())) for i in _glue_points(text)]
    return [(i, title_key(text[:i])) for i in _glue_points(text)]


def key_id(key: str) -> bytes:
    """A title_key's 16-byte digest: what a glued line's prefixes are known by in a parse."""
    return hashlib.blake2b(key.encode(), digest_size=16).digest()


def glue_keys(text: str) -> GlueKeys:
    """What `text`'s known splits are found by, once the known titles are all read."""
    prefixes = glue_prefixes(text)
    return GlueKeys(array("I", (i for i, _ in prefixes)).tobytes(), b"".join(key_id(key) for _, key in prefixes))


def _known(text: str, i: int) -> Split:
    return Split(text[:i].strip(), text[i:].strip(), "known")


def known_split(text: str, known: Set[str]) -> Split | None:
    """The split at the last glue point whose title is known (by title_key), if any."""
    if not known:
        return None
    matches = [i for i, key in glue_prefixes(text) if key in known]
    return _known(text, matches[-1]) if matches else None


def known_split_by_id(text: str, keys: GlueKeys, known: Set[bytes]) -> Split | None:
    """known_split, with `text`'s glue_keys and the key_id of each known title."""
    points = array("I", keys.points)
    for j in range(len(points) - 1, -1, -1):
        if keys.ids[16 * j : 16 * j + 16] in known:
            return _known(text, points[j])
    return None


def split_glued(text: str, known: Set[str] = frozenset()) -> Split:
    """Split `…Language ModelsEsin Durmus, Karina Nguyen` into title and authors.

    `known` holds the title_key of titles known to be right. Without one, the earliest
    split point after which the rest reads as names wins; it is "ambiguous" when another
    reading exists or when only relaxed name shapes (JoAnn) read as names.
    """
    split = known_split(text, known)
    if split:
        return split
    points = _glue_points(text)
    relaxed = [i for i in points if is_name_list(text[i:], relaxed=True)]
    strict = [i for i in relaxed if is_name_list(text[i:])]  # a strict name is a relaxed one too
    if relaxed:
        i = (strict or relaxed)[0]
        comma = text.find(",", i)
        # another reading: a split inside the first name (JoAnn | Ann), or a relaxed-only one;
        # a split after the first comma would end the title in a list of names: not a reading
        others = [j for j in relaxed if j != i and (comma < 0 or j < comma)]
        sure = bool(strict) and not others
        return Split(text[:i].strip(), text[i:].strip(), "names" if sure else "ambiguous")
    if not points:
        return Split(text.strip(), "", "none")
    comma = text.find(",")
    before = [i for i in points if comma < 0 or i < comma]
    i = before[-1] if before else points[-1]
    return Split(text[:i].strip(), text[i:].strip(), "guess")
