"""Industries a Chinese sentence names in an industry's place, in or beyond the vocabulary.

Four places mark a phrase as an industry:

- an item of a list an industry head closes ("发展A、B等三大主导产业", "X产业链", "以A、B为重点");
- an item of a list a cue of developing opens ("重点发展A、B和C");
- the object of a cue of making ("主营A、B等产品", "专业从事X的研发与生产");
- what a project makes, between its owner and the project word ("<公司>PET光学薄膜生产线扩产项目",
  "建设年产20GWh储能电池生产基地"); before a base word, only right after its owner or after the verb by which
  the company that opens the clause builds it ("<公司>投资10亿元建设光学薄膜生产基地").

The phrase (the words that lead into it stripped: "重点发展", "园区将围绕") is then a vocabulary industry, now
marked as one (`salient`); or, where it holds words the vocabulary lacks, a new industry: a mention of kind
"new-industry" with its English rendering ("en": glosses, else Pinyin), its key and its nearest vocabulary
concept ("broader": the last vocabulary industry it holds, else that of a list-mate). A phrase the vocabulary
does not anchor must end in a word that names a product or a trade (型材, 模组, 深加工) or share a list with a
vocabulary industry; words that never name an industry alone (产品, 配套) are none. Vocabulary industries side
by side make one compound where they are short words (食品药品), several where one is a compound already
(智能家居家用电器).

Speed matters here (every sentence of a report has an industry head): the checks that only depend on a
phrase's characters are remembered by text, and a sentence's industries and names are read as coverage
arrays.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.extract.zh.context import CLAUSE_MARKS, HAN_RE, ChineseDocument
from kg.extract.zh.matchers import longest
from kg.extract.zh.names import hard_word, leading_word
from kg.model import Mention
from kg.names import phrase_key
from kg.reference.lexicon_zh import ChineseLexicon

NEW_INDUSTRY = "new-industry"
MIN_PHRASE, MAX_PHRASE = 2, 12
# What separates the items of a list inside a clause (和 及 与 only between words of two characters or more); a
# comma separates short items only ("A,B,C等十大产业链").
_GLUE_RE = re.compile("以及|[、和及与或]")
_SHORT_ITEM = 8
_COUNT = r"(?:[一二两三四五六七八九十百几]+|\d+)\s*[大个类项种]?"
# An ASCII word inside a product's name: letters (BOPP, LED), or a digit and one capital (5G, 4K, 3D); digits
# with a unit (20GWh, 3000万) are an amount.
_ASCII_WORD_RE = re.compile(r"[A-Za-z][A-Za-z0-9+\-]*|\d[A-Z]")
_LATIN_RE = re.compile(r"[A-Za-z0-9+\-]+")
_HARD_MARKS = "".join(sorted(CLAUSE_MARKS - {"、"}))
_HARD_MARK_RE = re.compile("[" + re.escape(_HARD_MARKS) + "]")
_OBJECT_END_RE = re.compile("[" + re.escape(_HARD_MARKS) + "]|的|等")
_ITEMS_END_RE = re.compile("[" + re.escape(_HARD_MARKS) + "]|的")
# Project words that name a place's base as often as a company's project ("打造现代五金制造基地"): what comes
# before them is a product only right after its owner's name.
_BASE_WORDS = frozenset({"基地", "中心", "研发中心", "总部", "厂区"})
# Verbs of building a base, between the company that builds it and what the base makes, and how far apart
# ("X投资10亿元建设", "X拟在大沙镇新建年产5万吨")
_BUILDS_RE = re.compile("建设|新建|兴建|扩建|投建|建成|打造")
_OWNER_REACH = 24
# Cues of developing that open a list of industries; the others (引进, 带动, 打造 ...) take companies, parks and
# bases as often.
_OPENERS = ("重点发展", "大力发展", "加快发展", "积极发展", "培育发展", "优先发展", "发展壮大", "聚焦", "主攻", "布局",
            "深耕", "涵盖", "覆盖", "集中在", "主要集中在", "切入", "瞄准", "培育", "壮大", "做强", "做优", "做精",
            "转型升级", "延伸", "拓展")


@dataclass
class PhraseFindings:
    """What the industry places of one sentence say (normalised offsets)."""

    new: list[tuple[int, int, Mention]] = field(default_factory=list)
    salient: set[int] = field(default_factory=set)  # starts of vocabulary mentions marked as industries
    replaced: set[int] = field(default_factory=set)  # starts of vocabulary mentions inside a new industry
    items: list[tuple[int, int]] = field(default_factory=list)  # industry places (a place + its industry too)


@dataclass
class _Patterns:
    ends: re.Pattern  # the end of a list an industry head closes (with the count and qualifiers before it)
    list_heads: re.Pattern  # an industry head alone (found first: cheaper), or a closer ("为重点")
    qualifiers: tuple[str, ...]
    openers: re.Pattern  # cues of developing that open a list
    makes: re.Pattern  # cues of making
    projects: re.Pattern  # project words
    stages: tuple[str, ...]  # stage words between a product and its project word
    heads: tuple[str, ...]  # the words a product's or a trade's name ends with
    known: frozenset[str]  # words of a product's name whatever their class: modifiers, heads, process words
    cues: frozenset[str]  # cues of developing and making, which lead into an item ("布局" of "加快布局X")
    head_in_word: re.Pattern  # an industry head inside another word (产业园, 产业转移): no industry's name


_compiled: dict[int, tuple[ChineseLexicon, _Patterns]] = {}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _patterns(lex: ChineseLexicon) -> _Patterns:
    if id(lex) not in _compiled or _compiled[id(lex)][0] is not lex:
        heads = _alternation(lex.industry_list_heads)
        not_after = _alternation(lex.not_after_industry_head)
        qualifiers = _alternation(lex.industry_list_qualifiers)
        ends = re.compile(rf"(?:等\s*)?(?:{_COUNT})?\s*(?:\"[^\"]{{1,6}}\"\s*)?(?:(?:{qualifiers})\s*)*(?:{heads})"
                          rf"(?!{not_after})|{_alternation(lex.industry_list_closers)}")
        ends_of_names = (*lex.product_heads, *lex.business_heads, *lex.industry_process_heads)
        known = frozenset((*ends_of_names, *lex.industry_modifiers))
        list_heads = re.compile(rf"(?:{heads})(?!{not_after})|{_alternation(lex.industry_list_closers)}")
        _compiled[id(lex)] = (lex, _Patterns(ends, list_heads, lex.industry_list_qualifiers,
                                             re.compile(_alternation(_OPENERS)),
                                             re.compile(_alternation(lex.produce_cues)),
                                             re.compile(_alternation(lex.project_words)), lex.product_stage_words,
                                             tuple(sorted(set(ends_of_names), key=len, reverse=True)), known,
                                             frozenset((*_OPENERS, *lex.industry_cues_before, *lex.produce_cues)),
                                             re.compile(rf"(?:{heads})(?:{not_after})")))
    return _compiled[id(lex)][1]


def find_industry_phrases(doc: ChineseDocument, idx: int, industries: list[tuple[int, int, Mention]],
                          names: list[tuple[int, int]], companies: Sequence[tuple[int, int]] = ()) -> PhraseFindings:
    """The industry places of sentence `idx`; `industries` are its vocabulary mentions, `names` the spans of
    the places, parks and enterprises it names (a phrase never runs into one), `companies` those of its
    enterprises (owners of the bases they build)."""
    text = doc.texts[idx]
    out = PhraseFindings()
    if len(text) < 4:
        return out
    pats = _patterns(doc.lex)
    reader: _Reader | None = None
    for m in pats.list_heads.finditer(text):
        reader = reader or _Reader(doc, idx, industries, names, out, companies)
        reader.list_before(m.start() if m.group().startswith("为") else _list_end(text, m.start(), pats))
    for m in pats.openers.finditer(text):
        reader = reader or _Reader(doc, idx, industries, names, out, companies)
        if reader.free(m.start(), m.end()):
            reader.list_after(m.end(), anchored_only=True)
    for m in pats.makes.finditer(text):
        reader = reader or _Reader(doc, idx, industries, names, out, companies)
        if reader.free(m.start(), m.end()):
            reader.list_after(m.end(), anchored_only=False, objects=True)
    for m in pats.projects.finditer(text):
        reader = reader or _Reader(doc, idx, industries, names, out, companies)
        reader.product_before(m.start(), pats.stages, owned=m.group() in _BASE_WORDS)
    return out


_COUNT_CHARS = frozenset("一二两三四五六七八九十百几0123456789")


def _list_end(text: str, k: int, pats: _Patterns) -> int:
    """Where the items end before an industry head at `k`: before its qualifiers, a quoted name, a count and
    等 ("等"双新"产业", "等四大主导产业") — what `_Patterns.ends` matches, read backwards."""
    qualifiers = pats.qualifiers
    while True:
        while k > 0 and text[k - 1] == " ":
            k -= 1
        if not text.endswith(qualifiers, 0, k):
            break
        k -= next(len(q) for q in qualifiers if text.endswith(q, 0, k))
    if k > 0 and text[k - 1] == '"':
        opening = text.rfind('"', max(0, k - 8), k - 1)
        if opening >= 0:
            k = opening
            while k > 0 and text[k - 1] == " ":
                k -= 1
    j = k - 1 if k > 0 and text[k - 1] in "大个类项种" else k
    while j > 0 and text[j - 1] == " ":
        j -= 1
    i = j
    while i > 0 and text[i - 1] in _COUNT_CHARS:
        i -= 1
    if i < j:
        k = i
    while k > 0 and text[k - 1] == " ":
        k -= 1
    return k - 1 if k > 0 and text[k - 1] == "等" else k


class _Reader:
    def __init__(self, doc: ChineseDocument, idx: int, industries: list[tuple[int, int, Mention]],
                 names: list[tuple[int, int]], out: PhraseFindings, companies: Sequence[tuple[int, int]] = ()) -> None:
        self.doc, self.idx, self.text = doc, idx, doc.texts[idx]
        self.lex = doc.lex
        self.pats = _patterns(doc.lex)
        self.industries = industries
        self.names = names
        self.name_ends = {b for _, b in names}
        self.company_ends = sorted(b for _, b in companies)
        self.out = out
        n = len(self.text)
        self.covering = [-1] * n  # the industry covering each character
        for i, (a, b, _) in enumerate(industries):
            self.covering[a:b] = [i] * (b - a)
        self.named = bytearray(n)
        for a, b in names:
            self.named[a:b] = b"\x01" * (b - a)
        self.hard_marks = [m.start() for m in _HARD_MARK_RE.finditer(self.text)]
        self.seen: set[tuple[int, int]] = set()

    def free(self, a: int, b: int) -> bool:
        """Is text[a:b] outside the sentence's industries and names (制造 of 高端装备制造 is no cue)?"""
        return all(c < 0 for c in self.covering[a:b]) and self.named.find(1, a, b) < 0

    def _may_end_industry(self, end: int) -> bool:
        """Can an industry's name end at `end`: a vocabulary industry or a product's or trade's word does?"""
        while end > 0 and self.text[end - 1] in " \"'":
            end -= 1
        return end > 0 and (self.covering[end - 1] >= 0 or self.text.endswith(self.pats.heads, 0, end))

    def _clause_start(self, at: int) -> int:
        k = bisect.bisect_left(self.hard_marks, at)
        return self.hard_marks[k - 1] + 1 if k else 0

    def _clause_end(self, at: int) -> int:
        k = bisect.bisect_left(self.hard_marks, at)
        return self.hard_marks[k] if k < len(self.hard_marks) else len(self.text)

    # ------------------------------------------------------------------------------------------- places

    def list_before(self, end: int) -> None:
        """The items of the list that ends at `end`, right to left, while they read as industries."""
        if not self._may_end_industry(end):
            return  # the last item is no industry: the list is none
        items = self._items_left(end)
        if items:
            self._take_list(items)

    def list_after(self, start: int, anchored_only: bool, objects: bool = False) -> None:
        """The items of the list that starts at `start`, to the end of the clause (for the object of a cue of
        making: before 的, "X的研发与生产"); after "等", the noun that names them all is an item too."""
        text = self.text
        k = start
        while k < len(text) and text[k].isspace():
            k += 1
        found = (_OBJECT_END_RE if objects else _ITEMS_END_RE).search(text, k)
        stop = found.start() if found else len(text)
        head = self.pats.ends.search(text, k, stop)
        if head:
            stop = head.start()
        if anchored_only and all(c < 0 for c in self.covering[k:stop]):
            return  # no vocabulary industry anchors the list
        items = self._split(k, stop)
        if objects and not head and text.startswith("等", stop):
            # "空调、冰箱等家用电器": the noun after 等 names what the items are
            # ("主营A、B等产品": a noun that names no industry is no item, and the items before it still are)
            found = _ITEMS_END_RE.search(text, stop + 1)
            tail = found.start() if found else len(text)
            if tail - stop - 1 <= MAX_PHRASE and self._phrase(stop + 1, tail, strict=False, listed=True):
                items.append((stop + 1, tail))
        if items:
            self._take_list(items, anchored_only=anchored_only, strict=not objects)

    def product_before(self, word: int, stages: tuple[str, ...], owned: bool) -> None:
        """What a project makes: the words before the project word, its stage words ("生产线扩产") left out,
        back to its owner, a verb, an amount or the clause's start."""
        text = self.text
        end = word
        stripped = True
        while stripped:
            stripped = False
            while end > 0 and text[end - 1].isspace():
                end -= 1
            for stage in stages:
                if text.endswith(stage, 0, end) and end - len(stage) > 0:
                    end -= len(stage)
                    stripped = True
                    break
        if end < MIN_PHRASE or self.named[end - 1] or not self._may_end_industry(end):
            return
        start = self._phrase_start(end)
        if end - start < MIN_PHRASE or owned and start not in self.name_ends and not self._built_by_a_company(start):
            return
        phrase = self._phrase(start, end, strict=True)
        if phrase:
            self._take(*phrase, mates=[])

    # ------------------------------------------------------------------------------------------- lists

    def _items_left(self, end: int) -> list[tuple[int, int]]:
        """The items before `end`, separated by list glue, leftmost first. A comma separates items only between
        short ones that need no words to lead into them ("...,智能家居,户外用品,文旅服务等十大产业链"):
        before a clause that opens with its subject or verb ("下一步,园区将围绕X产业链"), the list stops."""
        text = self.text
        items: list[tuple[int, int]] = []
        b = end
        while b > 0:
            a = self._clause_start(b)
            parts = self._split(a, b)
            items[:0] = parts
            if a > 0 and text[a - 1] == "," and parts \
                    and all(y - x <= _SHORT_ITEM and self._lead_in(x, y) == x for x, y in parts):
                b = a - 1
                continue
            break
        return items

    def _split(self, a: int, b: int) -> list[tuple[int, int]]:
        """text[a:b] cut at list glue."""
        out: list[tuple[int, int]] = []
        start = a
        for m in _GLUE_RE.finditer(self.text, a, b):
            k = m.start()
            if k < start:
                continue
            if m.group() == "、" or k - start >= 2 and b - m.end() >= 2:
                out.append((start, k))
                start = m.end()
        out.append((start, b))
        return [(x, y) for x, y in (self._strip(x, y) for x, y in out) if y > x]

    def _strip(self, a: int, b: int) -> tuple[int, int]:
        text = self.text
        while a < b and (text[a].isspace() or text[a] in "\"'"):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in "\"'"):
            b -= 1
        return a, b

    def _take_list(self, items: list[tuple[int, int]], anchored_only: bool = False, strict: bool = True) -> None:
        """Read the items right to left (each after the words that lead into it) and stop at the first that is
        no industry; those the vocabulary does not anchor count only in a list it anchors (or, `anchored_only`
        False, where they name a product)."""
        read: list[tuple[int, int, str]] = []
        for a, b in reversed(items):
            phrase = self._phrase(self._lead_in(self._after_places(a, b), b), b, strict=strict, listed=True)
            if not phrase:
                break
            read.append(phrase)
        if not read:
            return
        anchored = any(kind != "new" or self._vocabulary_inside(a, b) for a, b, kind in read)
        for a, b, kind in read:
            if kind == "new" and not (anchored or not anchored_only and self._named_as_product(a, b)):
                continue
            self._take(a, b, kind, mates=read)

    def _after_places(self, a: int, b: int) -> int:
        """An item that opens with a place ("开平市水暖卫浴") names the place's industry after it."""
        if not self.named[a]:
            return a
        for x, y in self.names:
            if x == a and y < b and self.doc.is_place(self.text[x:y]):
                self.out.items.append((a, b))
                return y
        return a

    def _lead_in(self, a: int, b: int) -> int:
        """`a` moved past the words that lead into an item — the sentence's subject and its verbs and adverbs
        ("园区将围绕", "重点发展", "以", "千亿级") — to after the last of them."""
        if b - a <= 2:
            return a
        return a + self.doc.m.remembered("industry-lead", self.text[a:b], self._lead_in_text)

    def _lead_in_text(self, item: str) -> int:
        words = self.doc.m.segmenter.longest_words(item)
        vocabulary = {x for x, _, _, _ in longest(self.doc.m.industries, item)}
        covered: set[int] = set()
        for x, y, _, _ in longest(self.doc.m.industries, item):
            covered.update(range(x, y))
        k = 0
        for i in range(len(words) - 1):
            word, x, _ = words[i]
            if x not in covered and x not in vocabulary and self._leading(word):
                k = i + 1
        return _ascii_edge(item, words[k][1], 0) if words else 0

    def _leading(self, word: str) -> bool:
        lex = self.lex
        if word in self.pats.known:
            return False
        return (leading_word(self.doc, word) or word in self.pats.cues or word in lex.count_words or word.isdigit()
                or word.endswith("级") or word in lex.generic_park_modifiers or word in lex.park_heads
                or hard_word(self.doc, word))

    # ------------------------------------------------------------------------------------------- phrases

    def _built_by_a_company(self, start: int) -> bool:
        """Does a company build what starts at `start`: the subject of its clause, a verb of building right
        before it ("X投资10亿元建设铝合金型材生产基地", "X新建年产5万吨…")? A place's base ("打造现代五金制造基地")
        has no company before it."""
        k = bisect.bisect_right(self.company_ends, start)
        if not k:
            return False
        owner = self.company_ends[k - 1]
        between = self.text[owner:start]
        return len(between) <= _OWNER_REACH and self._clause_start(start) <= owner \
            and self.named.find(1, owner, start) < 0 and _BUILDS_RE.search(between) is not None

    def _phrase_start(self, end: int) -> int:
        """Where a product's name that ends at `end` starts: after the last word it never holds — a clause
        mark, a function word, a verb, a number, a place, park or company name — and after a trade name that
        opens it (the owner of "恒达汽车零部件")."""
        lo = max(self._clause_start(end), end - MAX_PHRASE - 8)
        named = self.named.rfind(1, lo, end)
        if named >= 0:
            lo = named + 1
        words = self.doc.words(self.idx, lo, end)
        k = len(words)
        while k > 0:
            word, x, _ = words[k - 1]
            if not self._inside_word(word, lo + x):
                break
            k -= 1
        if k == len(words):
            return end
        start = _ascii_edge(self.text, lo + words[k][1], lo)
        # an owner's trade name before the product: unknown Chinese words before the vocabulary's
        first_known = next((lo + x for w, x, _ in words[k:] if self._known_at(w, lo + x)), None)
        if start not in self.name_ends and first_known is not None and first_known > start \
                and not self._known_at(words[k][0], start) and HAN_RE.match(words[k][0]):
            start = first_known
        return start

    def _inside_word(self, word: str, at: int) -> bool:
        """Can `word` (at `at`) be a word of a product's name?"""
        if self.covering[at] >= 0 or self._known_at(word, at):
            return True
        if _LATIN_RE.fullmatch(word):
            return bool(_ASCII_WORD_RE.fullmatch(word))
        if not HAN_RE.match(word) or hard_word(self.doc, word) or leading_word(self.doc, word):
            return False
        # a place, or a park referred to by its kind alone ("完善高新区新能源汽车产业链": the zone's chain)
        return not self.doc.is_place(word) and word not in self.lex.park_heads

    def _known_at(self, word: str, at: int) -> bool:
        i = self.covering[at]
        return i >= 0 and self.industries[i][0] == at or word in self.pats.known

    def _phrase(self, a: int, b: int, strict: bool, listed: bool = False) -> tuple[int, int, str] | None:
        """text[a:b] as an industry: (a, b, "vocabulary") where it is one vocabulary mention, (a, b, "new")
        where it is a name of its own; None where it is no industry's name."""
        a, b = self._strip(a, b)
        if not MIN_PHRASE <= b - a <= MAX_PHRASE:
            return None
        first, last = self.covering[a], self.covering[b - 1]
        if first >= 0 and first == last and self.industries[first][:2] == (a, b):
            return a, b, "vocabulary"
        if first >= 0 and self.industries[first][0] < a or last >= 0 and self.industries[last][1] > b:
            return None  # cuts across a vocabulary industry
        if self.named.find(1, a, b) >= 0:
            return None  # a place, park or company
        verdict = self.doc.m.remembered("industry-phrase", self.text[a:b], self._verdict)
        if not verdict or verdict == "weak" and strict and not listed and not self._vocabulary_inside(a, b):
            return None
        return a, b, "new"

    def _verdict(self, phrase: str) -> str:
        """What a phrase's characters and words say: "" (no industry's name), "named" (it ends with the
        vocabulary or a product's or trade's word), "weak" (it may name one, in a list of industries)."""
        lex, pats = self.lex, self.pats
        if phrase in lex.not_industries or phrase in lex.product_heads or phrase in lex.business_heads \
                or pats.ends.fullmatch(phrase) or pats.head_in_word.search(phrase):
            # a kind of product alone (终端, 材料), a kind of industry (新兴产业), a park or a move of industries
            # (光伏产业园, 产业转移) names no industry
            return ""
        if any(ch in CLAUSE_MARKS or ch in "的()" or not (HAN_RE.match(ch) or ch.isascii() and ch.isalnum())
               for ch in phrase):
            return ""
        words = self.doc.m.segmenter.longest_words(phrase)
        vocabulary = longest(self.doc.m.industries, phrase)
        starts = {x for x, _, _, _ in vocabulary}
        if any(hard_word(self.doc, w) and x not in starts and w not in pats.known for w, x, _ in words):
            return ""
        first, last = words[0][0], words[-1][0]
        if 0 not in starts and first not in pats.known and leading_word(self.doc, first):
            return ""
        named = any(y == len(phrase) for _, y, _, _ in vocabulary) or phrase.endswith(pats.heads)
        if not named and (last in lex.not_industries or self._not_noun(last)):
            return ""
        return "named" if named else "weak"

    def _not_noun(self, word: str) -> bool:
        """A word a name does not end with: a verb, adverb, adjective ... by the dictionary's classes."""
        tag = self.doc.m.segmenter.not_name.get(word, "")
        return bool(tag) and not tag.startswith("n")

    def _named_as_product(self, a: int, b: int) -> bool:
        return self.text[a:b].endswith(self.pats.heads) or self._vocabulary_inside(a, b)

    def _vocabulary_inside(self, a: int, b: int) -> bool:
        return any(a <= x and y <= b for x, y, _ in self.industries)

    # ------------------------------------------------------------------------------------------- results

    def _take(self, a: int, b: int, kind: str, mates: list[tuple[int, int, str]]) -> None:
        if (a, b) in self.seen:
            return
        self.seen.add((a, b))
        inside = [(x, y, m) for x, y, m in self.industries if a <= x and y <= b]
        self.out.items.append((a, b))
        if kind == "vocabulary" or len(inside) == 1 and inside[0][:2] == (a, b) or self._juxtaposed(a, b, inside):
            self.out.salient.update(x for x, _, _ in inside)
            return
        if not inside and self.covering[a] >= 0:
            return  # inside a vocabulary industry
        doc = self.doc
        phrase = self.text[a:b]
        if inside:
            broader = inside[-1][2].ref or ""
        else:
            broader = next((r for x, y, _ in mates if (x, y) != (a, b) and (r := self._vocabulary_ref(x, y))), "")
        english = render_industry(doc, phrase)
        self.out.replaced.update(x for x, _, _ in inside)
        self.out.new.append((a, b, doc.mention(NEW_INDUSTRY, self.idx, a, b, cue="industry-place", detail=(
            ("key", " ".join(phrase_key(english))), ("broader", broader), ("en", english)))))

    @staticmethod
    def _juxtaposed(a: int, b: int, inside: list[tuple[int, int, Mention]]) -> bool:
        """Vocabulary industries side by side with no glue, one of them a compound of its own ("智能家居家用电器"):
        items of a list written without its marks. Short words make one compound industry ("食品药品")."""
        if len(inside) < 2 or inside[0][0] != a or inside[-1][1] != b:
            return False
        joined = all(p[1] == q[0] for p, q in zip(inside, inside[1:]))
        return joined and any(y - x > 3 for x, y, _ in inside)

    def _vocabulary_ref(self, a: int, b: int) -> str:
        inside = [m for x, y, m in self.industries if a <= x and y <= b]
        return inside[-1].ref or "" if inside else ""


def _is_latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "+-")


def _ascii_edge(text: str, start: int, lo: int) -> int:
    """A name that would start at `start` inside a run of Latin letters and digits starts at the run's start
    where the run is a word of a name (BOPP, 5G), else after it: digits with a unit ("20GWh") are an amount."""
    if start <= lo or start >= len(text) or not _is_latin(text[start - 1]) or not _is_latin(text[start]):
        return start
    a = start
    while a > lo and _is_latin(text[a - 1]):
        a -= 1
    b = start
    while b < len(text) and _is_latin(text[b]):
        b += 1
    return a if _ASCII_WORD_RE.fullmatch(text, a, b) else b


def render_industry(doc: ChineseDocument, phrase: str) -> str:
    """A new industry's name in English: the vocabulary's and the lexicon's words glossed, the rest in Pinyin,
    lower case as the vocabulary writes industries ("储能变流器" -> "energy storage converters")."""
    return doc.m.remembered("industry-en", phrase,
                            lambda t: " ".join(doc.render.words(t, doc.render.industry_words)).lower())
