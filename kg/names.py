"""Name normalisation shared by matching, resolution and IRI minting.

A phrase is compared as a tuple of lower-case, singular word parts: "High-end Resins" and "high end resin"
are the same key. IRIs are minted from slugs of canonical names, never from counters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD_PART_RE = re.compile(r"[^\W_]+", re.UNICODE)

# Endings that look plural but are not, and words that end in -s in the singular.
_KEEP_S = ("ss", "us", "is", "ics")
_INVARIANT = frozenset({"news", "series", "species"})


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def fold(text: str) -> str:
    """Fold compatibility forms (full-width letters, non-breaking spaces) and typographic quotes so matching
    sees one spelling. Character by character and length-preserving, so offsets into the folded text are
    offsets into the original."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch) if not ch.isascii() else ch
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out).translate(_QUOTES)


@lru_cache(maxsize=65536)
def singular(word: str) -> str:
    """The singular of a lower-case English word, by its ending (cached: the same few thousand words recur)."""
    if len(word) <= 3 or not word.isascii() or word in _INVARIANT:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("ics"):
        return word[:-1]
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def word_parts(text: str) -> list[str]:
    return WORD_PART_RE.findall(fold(text).lower())


@lru_cache(maxsize=1 << 18)
def phrase_key(text: str) -> tuple[str, ...]:
    """The matching key of a phrase: singular lower-case word parts (cached: resolution asks again and again
    for the names of the enterprises it has seen)."""
    return tuple(singular(w) for w in word_parts(text))


def slug(text: str) -> str:
    """An IRI-safe slug: ASCII letters and digits joined by hyphens; non-Latin text is kept percent-free
    by hex-encoding it, so every name gets a valid, stable local name."""
    folded = unicodedata.normalize("NFKD", fold(text))
    ascii_text = folded.encode("ascii", "ignore").decode().lower()
    parts = re.findall(r"[a-z0-9]+", ascii_text)
    non_ascii = "".join(ch for ch in text if ord(ch) > 127 and ch.isalnum())
    if non_ascii:
        parts.append("u" + non_ascii.encode("utf-8").hex()[:24])
    return "-".join(parts)[:80].strip("-") or "x"
