"""Chinese text as the finders read it: simplified characters, half-width letters, digits and punctuation, and no
Pinyin that a scraper left in brackets after each character (`產(chǎn)業(yè)` -> 产业).

Finders match the normalised text; mentions and evidence keep the offsets of the document as written. So a
normalised text knows, for each of its offsets, the original offset it came from. Traditional -> simplified
and the width folding change no lengths; only removed glosses do, and most texts have none (then the map is the
identity and costs nothing).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

# A Pinyin syllable in brackets right after a Chinese character: a reading gloss, not text. Tone marks, or a
# bare syllable of Pinyin's shape (so "(BOPP)", "(二期)" and "(2024)" stay).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
             r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|ia|ie|iu|ua|uo"
             r"|ui|ue|ve|a|o|e|i|u|v)[1-5]?")
GLOSS_RE = re.compile(rf"(?<=[\u4e00-\u9fff])\((?:[a-z{_TONED}]{{1,7}})\)")
_PLAIN_SYLLABLE_RE = re.compile(rf"^{_SYLLABLE}$")
_STRIP_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuvvvvvnnnm")


# Full-width forms -> ASCII, the ideographic space -> a space, typographic quotes -> ASCII quotes: what
# kg.names.fold does character by character with NFKC, as one translation table (the rate matters here).
_HALF_WIDTH = {0xFF01 + k: 0x21 + k for k in range(0x5E)}
_HALF_WIDTH.update({0x3000: 0x20, ord("’"): ord("'"), ord("‘"): ord("'"), ord("“"): ord('"'), ord("”"): ord('"')})


def _is_reading(bracketed: str) -> bool:
    return bool(_PLAIN_SYLLABLE_RE.match(bracketed[1:-1].translate(_STRIP_TONES)))


class Normalised:
    """A text normalised for matching, with the map back to the text it came from."""

    __slots__ = ("text", "_original", "_starts")

    def __init__(self, text: str, original: list[int] | None) -> None:
        self.text = text
        # _original[i]: offset in the original text of character i (None: the same offset)
        self._original = original
        self._starts: list[int] | None = None

    def to_original(self, i: int) -> int:
        """The original offset of normalised offset `i` (an end offset maps past its character)."""
        if self._original is None:
            return i
        if i >= len(self.text):
            return self._original[-1]
        return self._original[i]

    def to_normal(self, j: int) -> int:
        """The normalised offset of original offset `j` (inside a removed gloss: the character after it)."""
        if self._original is None:
            return j
        return bisect.bisect_left(self._original, j)


class Normaliser:
    """Traditional -> simplified (OpenCC: only a text that has characters that exist in traditional script alone
    is converted, so a simplified text is never touched), full-width -> half-width, reading glosses removed."""

    def __init__(self, table: dict[str, str], traditional_only: frozenset[str]) -> None:
        self._t2s = str.maketrans(table)
        self._traditional_only = traditional_only
        self._phrases: OpenCC | None = None

    def _simplified(self, text: str) -> str:
        """OpenCC's conversion, which reads phrases (乾隆 stays, 乾燥 -> 干燥), where it keeps the length; else
        character by character."""
        if self._phrases is None:
            self._phrases = OpenCC("t2s")
        converted = self._phrases.convert(text)
        return converted if len(converted) == len(text) else text.translate(self._t2s)

    def normalise(self, text: str) -> Normalised:
        text = text.translate(_HALF_WIDTH)
        original: list[int] | None = None
        if "(" in text:
            spans = [m.span() for m in GLOSS_RE.finditer(text) if _is_reading(m.group())]
            if spans:
                kept: list[str] = []
                original, last = [], 0
                for a, b in spans:
                    kept.append(text[last:a])
                    original.extend(range(last, a))
                    last = b
                kept.append(text[last:])
                original.extend(range(last, len(text) + 1))
                text = "".join(kept)
        if not self._traditional_only.isdisjoint(text):
            text = self._simplified(text)
        return Normalised(text, original)


def _opencc_dictionary() -> Path:
    import opencc

    return Path(opencc.__file__).resolve().parent / "dictionary"


def warm(n: Normaliser) -> Normaliser:
    """The normaliser with OpenCC's dictionaries read (before worker processes fork)."""
    n._simplified("繁體")
    return n


@lru_cache(maxsize=1)
def normaliser() -> Normaliser:
    """The normaliser, its table read once from OpenCC's TSCharacters (traditional character -> its first
    simplified reading). A text is converted only where it has a character that exists in traditional script
    alone (產, 廣); 於 or 乾, which simplified text also writes, are converted only along with them."""
    table: dict[str, str] = {}
    traditional_only: set[str] = set()
    for line in (_opencc_dictionary() / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        candidates = targets.split()
        if len(source) == 1 and candidates and len(candidates[0]) == 1 and candidates[0] != source:
            table[source] = candidates[0]
            if source not in candidates:
                traditional_only.add(source)
    return Normaliser(table, frozenset(traditional_only))


def normalise(text: str) -> Normalised:
    return normaliser().normalise(text)
