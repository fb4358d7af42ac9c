"""Romanised brands read as Hanyu Pinyin syllables.

A brand written in pinyin ("Xiaopeng", "Hengtai") is a sequence of syllables. Companies shorten their
romanised brand by dropping the vowels of a syllable, keeping its initial and its consonants ("XPeng" for
xiao-peng): the short form is then no longer pinyin. Two brands that are both pinyin are two readings, so two
names, however few letters apart ("Xinda" xin-da and "Xiangda" xiang-da; "Xinda" and "Xianda"). So a brand is
a shortened form of another when it is not itself pinyin and is the other's syllables with vowels dropped inside
at most two of them; nothing else about letters counts (no letter budget).

Dropping vowels keeps every consonant in order, so a brand and its shortened forms have the same consonant
skeleton ("xpng"): resolution compares only brands of one skeleton (blocking), never all pairs.
"""

from __future__ import annotations

from functools import cache, lru_cache

VOWELS = frozenset("aeiouv")
MAX_REDUCED_SYLLABLES = 2
MIN_SHORT_LENGTH = 4


def skeleton(brand: str) -> str:
    """The consonants of a brand in order: equal for a brand and its shortened forms."""
    return "".join(ch for ch in brand if ch not in VOWELS)


class Pinyin:
    """Syllable questions about lower-case ASCII brands, answered from a syllable table."""

    def __init__(self, syllables: frozenset[str]) -> None:
        self.syllables = syllables
        self.longest = max(map(len, syllables), default=0)
        self.is_pinyin = lru_cache(maxsize=1 << 16)(self._is_pinyin)
        self.shortens = lru_cache(maxsize=1 << 16)(self._shortens)

    def _syllables_at(self, word: str, i: int) -> list[str]:
        return [word[i:j] for j in range(i + 1, min(len(word), i + self.longest) + 1) if word[i:j] in self.syllables]

    def _is_pinyin(self, word: str) -> bool:
        """Whether the whole word reads as pinyin syllables ("xiaopeng" yes, "xpeng" and "gordon" no)."""
        if not word.isascii() or not word.isalpha():
            return False
        reachable = [True] + [False] * len(word)
        for i in range(len(word)):
            if reachable[i]:
                for s in self._syllables_at(word, i):
                    reachable[i + len(s)] = True
        return reachable[-1]

    def _shortens(self, short: str, long: str) -> bool:
        """Whether `short` is `long` with the vowels of at most two of its syllables dropped, not all of them
        and never a syllable's first letter ("xpeng" of "xiaopeng"), and `short` is itself no pinyin."""
        if (len(short) >= len(long) or len(short) < MIN_SHORT_LENGTH or skeleton(short) != skeleton(long)
                or self.is_pinyin(short) or not self.is_pinyin(long)):
            return False

        @cache
        def fits(i: int, j: int, reduced: int) -> bool:  # short[i:] from long[j:]
            if j == len(long):
                return i == len(short)
            for syllable in self._syllables_at(long, j):
                for form in _reductions(syllable):
                    more = reduced + (form != syllable)
                    if more <= MAX_REDUCED_SYLLABLES and short.startswith(form, i) and \
                            fits(i + len(form), j + len(syllable), more):
                        return True
            return False

        return fits(0, 0, 0)


@lru_cache(maxsize=4096)
def _reductions(syllable: str) -> tuple[str, ...]:
    """The syllable and its forms with some vowels dropped, first letter kept: "xiao" -> xiao, xao, xio, xia,
    xo, xa, xi, x."""
    tail = [(k, ch) for k, ch in enumerate(syllable) if k > 0 and ch in VOWELS]
    forms = set()
    for mask in range(1 << len(tail)):
        dropped = {k for bit, (k, _) in enumerate(tail) if mask >> bit & 1}
        forms.add("".join(ch for k, ch in enumerate(syllable) if k not in dropped))
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))
