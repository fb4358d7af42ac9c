"""Words of Chinese text where the finders need them: jieba's segmenter, with the project's own names (regions,
industries, heads of names) added to its dictionary, cuts the few characters around a candidate name, and its
dictionary's word classes say which words are verbs, prepositions or common nouns — never the start of a name.

Only short windows are cut (a name's left edge, a short place name's boundaries): cutting whole documents would
cost more than all the other finders together.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

import jieba

# Word classes of jieba's dictionary (ICTCLAS tags) that never start a name: verbs, adverbs, prepositions,
# conjunctions, particles, pronouns, numerals, measure and time words, adjectives, distinguishing words,
# place-relation and locality words.
NOT_NAME_TAGS = frozenset({"v", "vd", "vn", "vg", "vi", "vq", "d", "dg", "p", "c", "u", "uj", "ul", "uz", "ug", "uv",
                           "ud", "r", "rr", "rz", "rg", "m", "mq", "mg", "q", "qg", "t", "tg", "a", "ad", "an", "ag",
                           "b", "s", "f", "z", "e", "o", "y", "l", "i"})
# Proper-name classes: a frequent word of these classes can still be a trade name (华润, 美的).
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j", "x", "eng"})
# A word used this often (jieba's counts, ~60 million characters of text) is a common word, not a trade name.
COMMON_FREQUENCY = 200
# Texts whose words are remembered (a few megabytes at most); the memory starts over when full.
CACHE_SIZE = 100_000


class Segmenter:
    """jieba's segmenter with the project's vocabulary, and its dictionary's word classes."""

    def __init__(self, words: Iterable[str]) -> None:
        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._cache: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self._tokenizer.initialize()
        self.not_name: dict[str, str] = {}  # word -> its class, for words of NOT_NAME_TAGS
        self.common: set[str] = set()
        self._read_classes(Path(jieba.__file__).resolve().parent / "dict.txt")
        for word in sorted(set(words)):
            if len(word) >= 2:
                self._tokenizer.add_word(word, freq=max(self._tokenizer.FREQ.get(word) or 0, 1000))

    def _read_classes(self, path: Path) -> None:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                parts = line.split()
                if len(parts) != 3 or len(parts[0]) < 2:
                    continue
                word, freq, tag = parts
                if tag in NOT_NAME_TAGS:
                    self.not_name[word] = tag
                if tag not in NAME_TAGS and int(freq) >= COMMON_FREQUENCY:
                    self.common.add(word)

    def words(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """The words of a (short) text with their offsets (remembered: names and their windows recur)."""
        found = self._cache.get(text)
        if found is None:
            out, at = [], 0
            for word in self._tokenizer.cut(text, HMM=True):
                out.append((word, at, at + len(word)))
                at += len(word)
            found = tuple(out)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[text] = found
        return found

    def longest_words(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """The words of a (short) text by maximum matching against the same dictionary: at each place the
        longest word that starts there, else one character. jieba's dictionary holds every prefix of its words,
        so a match stops as soon as no word can go on: an order of magnitude cheaper than `words`, and as good
        where only a name's left edge is sought (remembered too)."""
        key = "\x00" + text
        found = self._cache.get(key)
        if found is None:
            out = []
            i = 0
            freq = self._tokenizer.FREQ
            while i < len(text):
                j = i + 1
                k = i + 2
                while k <= len(text):
                    count = freq.get(text[i:k])
                    if count is None:
                        break
                    if count:
                        j = k
                    k += 1
                out.append((text[i:j], i, j))
                i = j
            found = tuple(out)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = found
        return found

    def known(self, word: str) -> bool:
        return bool(self._tokenizer.FREQ.get(word))

    def boundaries(self, text: str) -> set[int]:
        """Offsets of `text` where a word starts or ends."""
        cuts = {0}
        for _, _, end in self.words(text):
            cuts.add(end)
        return cuts
