"""Romanised brands read as Hanyu Pinyin syllables.

A brand written in pinyin ("Meixin", "Hengtai") is a sequence of syllables. Companies shorten their
romanised brand by cutting a syllable to its initial, or to its consonants ("XHeng" for xiao-heng): the short
form is then no longer pinyin. Two brands that are both pinyin are two readings, so two names, however few
letters apart ("Xinda" xin-da and "Xiangda" xiang-da; "Xinda" and "Xianda"). So a brand is a shortened form of
another when it is not itself pinyin and is the other's syllables with at most two of them cut, not all; nothing
else about letters counts (no letter budget).

Each pinyin brand has few shortened forms (three ways to write each syllable, at most two cut), so resolution
looks a short brand up among the shortened forms of the brands it has (blocking), never compares all pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

VOWELS = frozenset("aeiouv")
MIN_SHORT_LENGTH = 3
# Words up to this long are matched against one compiled pattern of the syllables; a longer one (no brand is)
# is read by the table walk, whose time grows with its length alone whatever its letters.
PATTERN_MAX_LENGTH = 32


class Pinyin:
    """Syllable questions about lower-case ASCII brands, answered from a syllable table."""

    def __init__(self, syllables: frozenset[str]) -> None:
        self.syllables = syllables
        self.longest = max(map(len, syllables), default=0)
        self._pattern = _syllables_pattern(syllables)
        self.is_pinyin = lru_cache(maxsize=1 << 16)(self._is_pinyin)
        self.shortens = lru_cache(maxsize=1 << 16)(self._shortens)
        self.shortened_forms = lru_cache(maxsize=1 << 18)(self._shortened_forms)
        self.truncations = lru_cache(maxsize=1 << 16)(self._truncations)
        self.readings = lru_cache(maxsize=1 << 16)(lambda word: tuple(self._readings(word)))

    def _syllables_at(self, word: str, i: int) -> list[str]:
        """The syllables `word` has at `i`; after the first, none that starts with a, o or e (pinyin writes an
        apostrophe there: "Xi'an"), so "xiaoheng" is xiao-heng and not xi-a-o-heng."""
        if i > 0 and word[i] in "aoe":
            return []
        return [word[i:j] for j in range(i + 1, min(len(word), i + self.longest) + 1) if word[i:j] in self.syllables]

    def _is_pinyin(self, word: str) -> bool:
        """Whether the whole word reads as pinyin syllables ("xiaoheng" yes, "xheng" and "gordon" no)."""
        return word.isascii() and word.isalpha() and self._reads_as_syllables(word)

    def _reads_as_syllables(self, word: str) -> bool:
        """Whether a word of ASCII letters is a sequence of syllables (`_syllables_at`)."""
        if len(word) <= PATTERN_MAX_LENGTH:
            return self._pattern.fullmatch(word) is not None
        return self._walks_as_syllables(word)

    def _walks_as_syllables(self, word: str) -> bool:
        """`_reads_as_syllables` by a walk over the word and the table, in time linear in the word's length."""
        reachable = [True] + [False] * len(word)
        for i in range(len(word)):
            if reachable[i]:
                for s in self._syllables_at(word, i):
                    reachable[i + len(s)] = True
        return reachable[-1]

    def _shortens(self, short: str, long: str) -> bool:
        """Whether `short` is a shortened form of the pinyin brand `long` ("xheng" of "xiaoheng")."""
        return short in self.shortened_forms(long)

    def _shortened_forms(self, long: str) -> frozenset[str]:
        """The forms of a pinyin brand with one or two of its syllables (not all) cut to their initial or
        their consonants, that are not pinyin themselves: "xiaoheng" -> xheng, xiaoh, xiaohng.
        Resolution asks this of every brand of the corpus (83,544 at 10,000 documents): each form is the
        syllables before, between and after the cut ones, joined once."""
        forms: set[str] = set()
        for syllables in self._readings(long):
            n = len(syllables)
            if n < 2:
                continue
            for first in range(n):
                before = "".join(syllables[:first])
                for second in range(first, n):
                    if second != first and n == 2:
                        continue  # both syllables cut: nothing of the brand is left written out
                    after = "".join(syllables[second + 1:])
                    if second == first:
                        forms.update(before + c + after for c in _cuts(syllables[first]))
                        continue
                    between = "".join(syllables[first + 1:second])
                    forms.update(before + c + between + d + after
                                 for c in _cuts(syllables[first]) for d in _cuts(syllables[second]))
        return frozenset(f for f in forms
                         if len(f) >= MIN_SHORT_LENGTH and f != long and not self._reads_as_syllables(f))

    def _truncations(self, word: str) -> frozenset[str]:
        """A brand of three or more syllables without its last one ("hengtaida" -> hengtai), in each of its
        readings."""
        return frozenset("".join(syllables[:-1]) for syllables in self._readings(word) if len(syllables) >= 3)

    def _readings(self, word: str) -> list[tuple[str, ...]]:
        """Every way of reading the word as syllables (few: "xian" is xian or xi-an)."""
        if not word.isascii() or not word.isalpha():
            return []
        ways: list[list[tuple[str, ...]]] = [[] for _ in range(len(word) + 1)]
        ways[0] = [()]
        for i in range(len(word)):
            if ways[i]:
                for s in self._syllables_at(word, i):
                    ways[i + len(s)].extend(w + (s,) for w in ways[i][:8])
        return ways[-1]


def _syllables_pattern(syllables: frozenset[str]) -> re.Pattern[str]:
    """One pattern for "the word is a sequence of these syllables, none after the first starting with a, o or e"
    (`Pinyin._syllables_at`), answered as the walk over the table answers it, in C: 0.3 s instead of 2.2 s for the
    661,000 words resolution asks about at 10,000 documents."""
    later = [s for s in syllables if s[0] not in "aoe"]
    return re.compile(f"{_letter_tree(syllables)}(?:{_letter_tree(later)})*")


def _letter_tree(words: Iterable[str]) -> str:
    """A pattern matching exactly `words`, shaped as the tree of their letters ("a(?:i|n(?:g)?)?" for a, ai, an,
    ang): `re` tries an alternation's branches one by one, so a flat list of 400 syllables costs up to 400 tries
    at each position of a word, the tree a few (4.5x faster over the same words). A longer word is tried before
    its prefix."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if "" in node else group

    return pattern(tree) or "(?!)"


@cache
def _cuts(syllable: str) -> tuple[str, ...]:
    """A syllable cut short: to its initial ("xiao" -> x, "zhang" -> zh), or to its consonants ("peng" -> png)."""
    consonants = syllable[0] + "".join(ch for ch in syllable[1:] if ch not in VOWELS)
    initial = syllable[:2] if syllable[:2] in ("zh", "ch", "sh") else syllable[0]
    return tuple(sorted({initial, consonants} - {syllable}))
