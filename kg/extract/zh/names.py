"""Where a Chinese name starts, and whether a word looks like a trade name.

Chinese writes no spaces: "推进恒达精工、..." holds the name 恒达精工 after the verb 推进. A name starts after the
last word it never runs across (a preposition, a conjunction, a particle, a numeral, a role such as 供应商), and
after the verbs and adverbs that lead into it. Words come from the segmenter; their classes from its dictionary
and the lexicon.
"""

from __future__ import annotations

from kg.extract.zh.context import HAN_RE, ChineseDocument

# Word classes a name never runs across (jieba's tags): prepositions, conjunctions, particles, pronouns,
# numerals, measure words.
_HARD_TAGS = ("p", "c", "u", "r", "m", "q")
# Word classes that lead into a name and are never its first word: those and verbs, adverbs.
_LEADING_TAGS = (*_HARD_TAGS, "v", "d")
# Single characters that are words of their own between names (from the lexicon's left-edge words).
_HARD_CHARS = frozenset("的之与和及或等由对向在于从到至自把被让使给跟为以同了着过是")
# "Already": words of their own that no name runs across, and after which a list of what a place has drawn starts
# (园区已引进A、B等企业, 全区已集聚A、B等企业: not "园区已引进A").
_ALREADY = frozenset({"已", "已经"})
# After a number, the unit of a date ("2023年") is no part of a name either.
_DATE_UNITS = frozenset("年月日号")


def _hard(doc: ChineseDocument, word: str, verbs: bool = False) -> bool:
    """A word a name never runs across; with `verbs`, a verb too (a park's name holds none: 投资, 建设)."""
    memo = doc.m.memo.get(("hard-v" if verbs else "hard", word))
    if memo is None:
        memo = doc.m.remembered("hard-v" if verbs else "hard", word, lambda w: _is_hard(doc, w, verbs))
    return bool(memo)


def _is_hard(doc: ChineseDocument, word: str, verbs: bool) -> bool:
    if word.startswith("("):
        return False  # a bracketed place (肇庆)
    tag = doc.m.segmenter.not_name.get(word, "")
    if verbs and (tag.startswith("v") or len(word) > 1 and word in doc.lex.left_edge_words) \
            and word not in doc.lex.park_name_verbs and not doc.m.names_a_thing(word):
        return True
    if doc.m.names_a_thing(word) or word in doc.lex.name_glosses:
        return False  # a word of the project's vocabulary (零部件 is no numeral)
    if word in _HARD_CHARS or word in _ALREADY or word in doc.lex.role_nouns:
        return True
    if word.isdigit() or (not HAN_RE.search(word) and not word.isalpha()):
        return True
    return tag.startswith(_HARD_TAGS) and not doc.is_place(word)


def _leading(doc: ChineseDocument, word: str) -> bool:
    memo = doc.m.memo.get(("leading", word))
    if memo is None:
        memo = doc.m.remembered("leading", word, lambda w: _is_leading(doc, w))
    return bool(memo)


def _is_leading(doc: ChineseDocument, word: str) -> bool:
    if word.startswith("(") or doc.is_place(word) or word in doc.lex.business_heads:
        return False
    if (word in doc.lex.left_edge_words or _hard(doc, word)
            or doc.m.segmenter.not_name.get(word, "").startswith(_LEADING_TAGS)):
        return True
    # a phrase the dictionary holds as one word, made of two leading words (全力支持 = 全力 + 支持)
    return len(word) >= 3 and any(_leading(doc, word[:k]) and _leading(doc, word[k:]) for k in range(1, len(word)))


def hard_word(doc: ChineseDocument, word: str) -> bool:
    """A word a name never runs across (a preposition, a particle, a numeral, a role)."""
    return _hard(doc, word)


def leading_word(doc: ChineseDocument, word: str) -> bool:
    """A word that leads into a name and is never its first word (a verb, an adverb, a preposition)."""
    return _leading(doc, word)


def name_start(doc: ChineseDocument, idx: int, start: int, end: int, verbs: bool = False) -> int:
    """Where a name that ends at `end` starts, looking no further back than `start`: after the last word it never
    runs across (with `verbs`, verbs too), then past the words that lead into it (推进, 支持, 位于)."""
    words = doc.words(idx, start, end)
    k = 0
    for i in range(len(words) - 1, -1, -1):
        word = words[i][0]
        if _hard(doc, word, verbs) or word in _DATE_UNITS and i and words[i - 1][0][-1:].isdigit():
            k = i + 1
            break
    first = k
    while k < len(words):
        if _leading(doc, words[k][0]):
            k += 1
        elif k + 2 < len(words) and doc.is_place(words[k][0]) and _leading(doc, words[k + 1][0]) \
                and not (_headless(doc, words[k + 2][0]) and _trade_name_sized(words[k + 1][0])):
            k += 1  # a place the words that lead into the name follow is the clause's subject ("新兴县引进X")
        else:
            break
    if first < k < len(words) and _headless(doc, words[k][0]) and _trade_name_sized(words[k - 1][0]):
        k -= 1  # a trade name that is also a verb (飞驰, 前进): a name is never its business words alone
    return start + words[k][1] if k < len(words) else end


def _headless(doc: ChineseDocument, word: str) -> bool:
    """A name that starts with this word has no trade name: a business head or a legal form."""
    return word in doc.lex.business_heads or word in doc.lex.legal_forms


def _trade_name_sized(word: str) -> bool:
    return 2 <= len(word) <= 4 and all(HAN_RE.match(ch) for ch in word)


def strip_leading(doc: ChineseDocument, idx: int, start: int, end: int) -> int:
    """`start` moved past the words that lead into a name (verbs, adverbs, prepositions), none inside it."""
    words = doc.words(idx, start, end)
    k = 0
    while k < len(words) and _leading(doc, words[k][0]):
        k += 1
    return start + words[k][1] if k < len(words) else end


def common_word(doc: ChineseDocument, word: str) -> bool:
    """A frequent word of the language or of the project's vocabulary, or a role (供应商): not a trade name."""
    return word in doc.m.not_trade_names


def brand_like(doc: ChineseDocument, text: str) -> bool:
    return doc.m.remembered("brand", text, lambda t: _brand_like(doc, t))


def _brand_like(doc: ChineseDocument, text: str) -> bool:
    """Can `text` be a trade name (字号): two to five characters that are neither a common word nor a place or
    industry, and hold no common word (恒达, 美信, 瑞泰隆 yes; 重点, 国内, 新能源 no). Latin capitals (TCL) are."""
    if text.isascii():
        return text.isalnum() and text[:1].isalpha() and text.upper() == text and 2 <= len(text) <= 6
    if not 2 <= len(text) <= 5 or not all(HAN_RE.match(ch) for ch in text):
        return False
    # neither a common word nor one holding a common word, however its characters are grouped (新工艺 holds 工艺)
    words = doc.m.not_trade_names
    return not any(text[a:b] in words for a in range(len(text)) for b in range(a + 2, len(text) + 1))


def name_like(doc: ChineseDocument, text: str) -> bool:
    return doc.m.remembered("name", text, lambda t: _name_like(doc, t))


def _name_like(doc: ChineseDocument, text: str) -> bool:
    """Can `text` be a name in a list of enterprises: not a common word, place or industry as a whole, and not
    made of such words only (华信筑美 yes: 筑美 is no word; 科研院所 no)."""
    if text.isascii():
        return text.isalnum() and len(text) >= 2
    if len(text) < 2 or common_word(doc, text) or doc.is_place(text):
        return False
    if any(_hard(doc, text[a:b]) for a in range(len(text)) for b in range(a + 2, min(len(text), a + 4) + 1)):
        return False
    return not made_of_common_words(doc, text)


def made_of_common_words(doc: ChineseDocument, text: str) -> bool:
    """Can `text` be cut into common words only (灯光 + 音响), however the segmenter grouped it?"""
    covered = [True] + [False] * len(text)
    for b in range(1, len(text) + 1):
        covered[b] = any(covered[a] and common_word(doc, text[a:b]) for a in range(max(0, b - 8), b - 1))
    return covered[-1]
