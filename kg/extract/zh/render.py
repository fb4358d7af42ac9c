"""English renderings of Chinese names, so that a Chinese and an English document's names of one enterprise or
park can be compared: the trade name in Pinyin (syllables written together, capitalised: 美信 -> Meixin), the
words after it by their usual English (汽车 -> Auto, 铜业 -> Copper, 高新区 -> High-tech Zone), places by the
gazetteer's English names. Nothing here knows any enterprise: 华信时代 becomes "Huaxin Times", not an English
brand the company may use — translations of meaning and brand names are beyond sound.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

from kg.reference.lexicon_zh import ChineseLexicon

MAX_READINGS = 4
_LONGEST_WORD = 10
_LATIN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.&+\-]*")


_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ", "aaaaeeeeiiiioooouuuuuuuuunnnm")
# Words whose reading pypinyin's dictionary gives as a whole (重庆 chong qing, 银行 yin hang), longest looked for.
_LONGEST_PHRASE = 4


@lru_cache(maxsize=65536)
def _char_readings(ch: str) -> tuple[str, ...]:
    """A character's readings without tones, the usual one first (pypinyin's dictionary)."""
    found = PINYIN_DICT.get(ord(ch))
    if not found:
        return ()
    return tuple(dict.fromkeys(r.translate(_TONES) for r in found.split(",")))


@lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    """The reading of `text` in context: the readings pypinyin's dictionary gives its words (longest match from
    the left), else each character's usual reading. pypinyin's own converter reads the same dictionaries; this
    looks them up directly, which matters at the rate extraction runs (a name in tens of microseconds)."""
    out: list[str] = []
    k = 0
    while k < len(text):
        for n in range(min(_LONGEST_PHRASE, len(text) - k), 1, -1):
            phrase = PHRASES_DICT.get(text[k:k + n])
            if phrase:
                out.extend(r[0].translate(_TONES) for r in phrase)
                k += n
                break
        else:
            readings = _char_readings(text[k])
            if readings:
                out.append(readings[0])
            k += 1
    return tuple(out)


def _written(syllables: list[str] | tuple[str, ...]) -> str:
    """Syllables written as a name: together and capitalised (GB/T 16159), four as two words of two."""
    words = [syllables[:2], syllables[2:]] if len(syllables) == 4 else [syllables]
    joined = ["".join(w) for w in words if "".join(w)]
    return " ".join(w[:1].upper() + w[1:] for w in joined)


def pinyin_name(text: str) -> str:
    """A trade name or an unknown word in Pinyin (美信 -> Meixin, 恒达精工 -> Hengda Jinggong); Latin letters
    and digits stay as written."""
    if _LATIN_RE.fullmatch(text):
        return text
    if not _LATIN_RE.search(text):
        return _written(_syllables(text))
    # Latin letters and digits amid Chinese ("LED灯具"): kept as written, the Chinese around them in Pinyin
    parts: list[str] = []
    at = 0
    for m in _LATIN_RE.finditer(text):
        parts.extend((_written(_syllables(text[at:m.start()])), m.group()))
        at = m.end()
    parts.append(_written(_syllables(text[at:])))
    return " ".join(p for p in parts if p)


def alternative_readings(text: str) -> list[str]:
    """The trade name read with the other readings of its polyphonic characters (晟 sheng / cheng), besides the
    reading in context that `pinyin_name` gives: at most MAX_READINGS, in a stable order."""
    if _LATIN_RE.fullmatch(text):
        return []
    per_char = [_char_readings(ch) for ch in text]
    if not all(per_char) or all(len(r) == 1 for r in per_char):
        return []
    default = pinyin_name(text)
    out: list[str] = []
    for combination in itertools.product(*per_char):
        written = _written(combination)
        if written != default and written not in out:
            out.append(written)
            if len(out) >= MAX_READINGS:
                break
    return out


class Renderer:
    """Renders the parts of Chinese names in English, from the lexicon, the gazetteer and the vocabulary."""

    def __init__(self, lex: ChineseLexicon, places: dict[str, str], vocabulary: dict[str, str]) -> None:
        """`places`: Chinese place names -> English (the gazetteer's, the lexicon's macro-regions and provinces);
        `vocabulary`: industry names -> English (the vocabulary's labels)."""
        self.lexicon = lex
        self.places = places
        # words of names after the trade name: an enterprise's business heads take their registered English
        # (汽车 Auto), a park's words their general gloss (汽车 Automobile)
        vocabulary = {zh: _title(en) for zh, en in vocabulary.items()}
        self.enterprise_words = {**vocabulary, **lex.name_glosses, **lex.business_heads, **lex.legal_forms}
        self.park_words = {**vocabulary, **lex.business_heads, **lex.name_glosses}
        # words of an industry's name: the vocabulary's, then the nouns products are named by (电池 batteries) and
        # the process words after them (深加工 deep processing)
        self.industry_words = {**lex.business_heads, **lex.name_glosses, **vocabulary, **lex.product_heads,
                               **lex.industry_process_glosses}

    def words(self, text: str, glossary: dict[str, str]) -> list[str]:
        """`text` in English word by word: the longest known word at each point (a place, a glossed word), and
        each run of unknown characters in Pinyin."""
        out: list[str] = []
        unknown = ""
        k = 0
        while k < len(text):
            ch = text[k]
            if ch in "()":
                if unknown:
                    out.append(pinyin_name(unknown))
                    unknown = ""
                k += 1
                continue
            hit = None
            for n in range(min(_LONGEST_WORD, len(text) - k), 0, -1):
                word = text[k:k + n]
                english = self.places.get(word) or glossary.get(word)
                if english and (n > 1 or not unknown):
                    hit = (n, english)
                    break
            if hit:
                if unknown:
                    out.append(pinyin_name(unknown))
                    unknown = ""
                bracketed = k > 0 and text[k - 1] == "(" and text[k + hit[0]:k + hit[0] + 1] == ")"
                out.append(f"({hit[1]})" if bracketed else hit[1])
                k += hit[0]
            else:
                unknown += ch
                k += 1
        if unknown:
            out.append(pinyin_name(unknown))
        return out

    def brand(self, text: str) -> str:
        return pinyin_name(text)

    def enterprise(self, region: str, brand: str, rest: str, form: str) -> str:
        """"<Region> <Brand> <business words> <legal form>": 广州市 + 江丰 + 实业 + 股份有限公司 -> "Guangzhou
        Jiangfeng Industrial Co., Ltd."."""
        parts = self.words(region, self.enterprise_words) if region else []
        if brand:
            parts.append(pinyin_name(brand))
        if rest:
            parts.extend(self.words(rest, self.enterprise_words))
        if form:
            parts.append(self.lexicon.legal_forms.get(form, ""))
        return _joined(parts)

    def park(self, region: str, modifiers: str, head: str) -> str:
        """"<Region> <modifiers> <park head>": 云浮 + 高新区 -> "Yunfu High-tech Zone"."""
        parts = self.words(region, self.park_words) if region else []
        parts.extend(self.words(modifiers, self.park_words))
        parts.append(self.lexicon.park_heads[head][0])
        return _joined(parts)


def _title(english: str) -> str:
    """"new energy vehicles" -> "New Energy Vehicles" (acronyms and capitals as they are)."""
    return " ".join(w[:1].upper() + w[1:] for w in english.split())


def _joined(parts: list[str]) -> str:
    return re.sub(r"\s+", " ", " ".join(p for p in parts if p)).replace(" ,", ",").strip()
