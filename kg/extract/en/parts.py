"""English word parts: the unit English phrases are matched on, with their offsets into the document."""

from __future__ import annotations

import bisect
import re

from kg.model import Sentence
from kg.names import fold, singular

HARD_GAP_RE = re.compile(r"[,;:.!?()\[\]\"“”<>{}|\n]")
PART_RE = re.compile(r"[^\W_]+(?:['’]s\b)?", re.UNICODE)


class Part:
    """A word part of a sentence: the unit phrases are matched on. A plain class with slots, not a frozen
    dataclass: extraction makes one per word and a frozen dataclass costs several times more to create."""

    __slots__ = ("key", "raw", "start", "end", "hard_gap", "possessive", "cap")

    def __init__(self, key: str, raw: str, start: int, end: int, hard_gap: bool, possessive: bool) -> None:
        self.key = key  # lower-case singular form
        self.raw = raw
        self.start = start
        self.end = end
        self.hard_gap = hard_gap  # punctuation between the previous part and this one
        self.possessive = possessive  # followed by 's or a closing apostrophe
        self.cap = raw[:1].isupper()

    def __repr__(self) -> str:
        return f"Part({self.raw!r}, {self.start}, {self.end})"


# raw word -> its key (lower-case singular): the same few thousand words recur in every sentence
_KEYS: dict[str, str] = {}
_MAX_KEYS = 1 << 17


def sentence_parts(sentence: Sentence) -> list[Part]:
    """The word parts of a sentence, with their offsets into the document. Callers that read a sentence's
    parts more than once keep them (`DocumentContext.parts`, `kg.link.context.LinkContext.parts`)."""
    parts: list[Part] = []
    append = parts.append
    text = fold(sentence.text)
    size = len(text)
    base = sentence.start
    prev_end = 0
    keys = _KEYS
    if len(keys) > _MAX_KEYS:
        keys.clear()
    hard = HARD_GAP_RE.search
    for m in PART_RE.finditer(text):
        raw = m.group()
        start, end = m.span()
        possessive = False
        if raw[-2:] in ("'s", "’s") and len(raw) > 2:
            possessive = True
            raw = raw[:-2]
        elif end < size and text[end] in "'’" and not text[end + 1:end + 2].isalnum():
            possessive = True
        if start == prev_end or start == prev_end + 1 and text[prev_end] == " ":
            hard_gap = False
        else:
            hard_gap = hard(text, prev_end, start) is not None
        key = keys.get(raw)
        if key is None:
            key = keys[raw] = singular(raw.lower())
        append(Part(key, raw, base + start, base + start + len(raw), hard_gap, possessive))
        prev_end = end
    return parts


def sentence_keys(sentence: Sentence) -> set[str]:
    """The keys of a sentence's word parts (`sentence_parts`), without the parts: for a rule that asks only
    whether a word is in the sentence, at a fifth of the cost of its parts."""
    keys = _KEYS
    if len(keys) > _MAX_KEYS:
        keys.clear()
    found = set()
    for raw in PART_RE.findall(fold(sentence.text)):
        if raw[-2:] in ("'s", "’s") and len(raw) > 2:
            raw = raw[:-2]
        key = keys.get(raw)
        if key is None:
            key = keys[raw] = singular(raw.lower())
        found.add(key)
    return found


def parts_within(parts: list[Part], start: int, end: int) -> list[Part]:
    """The parts that start within [start, end) (parts are in text order)."""
    lo = bisect.bisect_left(parts, start, key=lambda p: p.start)
    hi = bisect.bisect_left(parts, end, lo, key=lambda p: p.start)
    return parts[lo:hi]


class PartsCache:
    """The word parts of each sentence, made once however often they are read (resolution reads every
    sentence, then the relation rules read it again), and let go of a document once its sentences are read
    for the last time (`forget`): a corpus's parts are millions of objects."""

    def __init__(self) -> None:
        self._parts: dict[str, dict[int, list[Part]]] = {}

    def __call__(self, sentence: Sentence) -> list[Part]:
        of_doc = self._parts.get(sentence.doc)
        if of_doc is None:
            of_doc = self._parts[sentence.doc] = {}
        parts = of_doc.get(sentence.index)
        if parts is None:
            parts = of_doc[sentence.index] = sentence_parts(sentence)
        return parts

    def forget(self, doc: str) -> None:
        self._parts.pop(doc, None)
