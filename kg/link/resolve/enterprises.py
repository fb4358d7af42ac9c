"""Enterprise names compared: the comparable core of a name (its key), romanisation variants of a brand, and
the groups of keys that name one company."""

from __future__ import annotations

from collections import defaultdict

from kg.extract.en.phrases import PhraseIndex
from kg.names import phrase_key, word_parts
from kg.reference import Lexicon


def enterprise_key(surface: str, lexicon: Lexicon, reference_index: PhraseIndex) -> tuple[str, ...]:
    """The comparable core of a company name: "Sihui Shatangji Technology Co., Ltd." -> ("shatangji",)."""
    words = [lexicon.pinyin_english.get(w, w) for w in word_parts(surface)]
    key = list(phrase_key(" ".join(words)))
    key = _strip_endings(key, lexicon.company_forms, 0)
    # a leading place name is where the company is, not who it is ("Sihui Shatangji Technology"), unless
    # nothing but industry words would be left ("Guanxu Electronics")
    for n in range(min(3, len(key) - 1), 0, -1):
        if reference_index.entries.get(tuple(key[:n])):
            if any((w,) not in lexicon.enterprise_heads for w in key[n:]):
                key = key[n:]
            break
    core = _strip_endings(key, lexicon.enterprise_heads, 1)
    return tuple(core or key)


def _strip_endings(words: list[str], endings: set[tuple[str, ...]], keep: int) -> list[str]:
    """`words` without the endings it ends with, longest ending first, again and again, keeping at least
    `keep` words and never taking all of them ("Technology Co., Ltd." -> ["technology"])."""
    longest = max(map(len, endings), default=0)
    stripped = True
    while stripped and len(words) > keep:
        stripped = False
        for n in range(min(longest, len(words) - 1), 0, -1):
            if tuple(words[-n:]) in endings:
                words = words[:-n]
                stripped = True
                break
    return words


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


# A shortened romanisation drops a syllable's vowels ("xpeng" / "xiaopeng": 3 letters), not a whole syllable:
# two brands further apart are different brands ("xinrui" / "xinruian").
MAX_DROPPED_LETTERS = 3



def same_brand(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Romanisations of one brand: equal keys, or first words where one is a subsequence of the other
    with the same first and last letters ("xpeng" / "xiaopeng")."""
    if a == b:
        return True
    if a[1:] != b[1:]:
        return False
    x, y = sorted((a[0], b[0]), key=len)
    return (len(x) >= 4 and x[0] == y[0] and x[-1] == y[-1] and len(y) - len(x) <= MAX_DROPPED_LETTERS
            and len(x) / len(y) >= 0.5 and is_subsequence(x, y))


def _letters(word: str) -> int:
    """The set of a word's characters as bits: a word is a subsequence of another only if its bits are."""
    bits = 0
    for ch in word:
        bits |= 1 << (ord(ch) & 63)
    return bits


def brand_variants(words: set[str]) -> dict[str, list[str]]:
    """For each word, the other words that are romanisations of the same brand by `same_brand` (one word a
    subsequence of the other, same first and last letters, at least half as long). Only words of the same
    ends and a length in range are compared, after a test of their letters, so this stays near-linear in the
    number of words where comparing every pair would be quadratic."""
    by_shape: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for word in sorted(words):
        by_shape[(word[:1], word[-1:], len(word))].append(word)
    bits = {word: _letters(word) for word in words}
    variants: dict[str, list[str]] = defaultdict(list)
    for short in sorted(words):
        if len(short) < 4:
            continue
        for length in range(len(short) + 1, min(2 * len(short), len(short) + MAX_DROPPED_LETTERS) + 1):
            for long in by_shape.get((short[:1], short[-1:], length), ()):
                if bits[short] & ~bits[long] == 0 and same_brand((short,), (long,)):
                    variants[short].append(long)
                    variants[long].append(short)
    return variants


def _blocks(keys: list[tuple[str, ...]], block_of) -> dict:
    """Keys grouped by `block_of`, each group in the order of `keys`."""
    blocks: dict = defaultdict(list)
    for key in keys:
        blocks[block_of(key)].append(key)
    return blocks


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
