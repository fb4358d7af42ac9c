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

from functools import lru_cache

VOWELS = frozenset("aeiouv")
MIN_SHORT_LENGTH = 3


class Pinyin:
    """Syllable questions about lower-case ASCII brands, answered from a syllable table."""

    def __init__(self, syllables: frozenset[str]) -> None:
        self.syllables = syllables
        self.longest = max(map(len, syllables), default=0)
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
        if not word.isascii() or not word.isalpha():
            return False
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
        their consonants, that are not pinyin themselves: "xiaoheng" -> xheng, xhng, xiaoh, xiaohng."""
        forms: set[str] = set()
        for syllables in self._readings(long):
            if len(syllables) < 2:
                continue
            options = [_cuts(s) for s in syllables]
            for first in range(len(syllables)):
                for second in range(first, len(syllables)):
                    cut = {first, second}
                    if len(cut) == len(syllables):
                        continue
                    partial = [""]
                    for k, s in enumerate(syllables):
                        partial = [p + f for p in partial for f in (options[k] if k in cut else (s,))]
                    forms.update(partial)
        return frozenset(f for f in forms if len(f) >= MIN_SHORT_LENGTH and f != long and not self.is_pinyin(f))

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


def _cuts(syllable: str) -> tuple[str, ...]:
    """A syllable cut short: to its initial ("xiao" -> x, "zhang" -> zh), or to its consonants ("peng" -> png)."""
    consonants = syllable[0] + "".join(ch for ch in syllable[1:] if ch not in VOWELS)
    initial = syllable[:2] if syllable[:2] in ("zh", "ch", "sh") else syllable[0]
    return tuple(sorted({initial, consonants} - {syllable}))
