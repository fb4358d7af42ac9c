"""Enterprises: the spans every finder proposes, kept where the characters make a company name.

A registered Chinese name is place + trade name + business + legal form (企业名称登记管理规定): 广州市 + 江丰 + 实业
+ 股份有限公司. The finders:

- legal forms (有限公司, 股份有限公司, 集团 ...) end a name; it starts where the clause's words lead into it end;
- a trade name + a business head (恒达铜业, 美信汽车, 华信电源), where the trade name looks like one;
- lists of enterprises (A、B等一批电子信息企业, A、B两大龙头链主企业, 链主企业A、B);
- owners of projects (B汽车零部件生产项目, C华南基地), where the owner looks like a trade name.

Then, per document (`name_mentions`): every other occurrence of a name found, and of its short forms (广东恒达铜业
有限公司 -> 恒达铜业); each mention rendered in English, the short forms as their full name.
"""

from __future__ import annotations

import re
from collections import defaultdict

import ahocorasick

from kg.extract.zh.context import CLAUSE_MARKS, HAN_RE, ChineseDocument
from kg.extract.zh.matchers import longest
from kg.extract.zh.names import brand_like, common_word, name_like, name_start, strip_leading
from kg.extract.zh.render import alternative_readings
from kg.model import Mention
from kg.reference.lexicon_zh import ChineseLexicon

Span = tuple[int, int, str]  # start, end (normalised offsets), cue

# After an industry that ends a name: what the industry is of (a project: "汽车零部件生产项目"), or that it is an
# industry (产业, 行业).
_PROJECT_AFTER_RE = re.compile(r"(?:研发|生产|制造|加工|深加工)*(?:项目|基地|工厂|生产线|产线)")
_INDUSTRY_HEADS = ("产业", "行业", "产业链", "领域")
# How far back a project's owner may be named before the project word (B + what the project makes + 项目).
PROJECT_REACH = 32
_LIST_GLUE = ("以及", "和", "及", "与")


def find_enterprise_spans(doc: ChineseDocument, idx: int, taken: list[tuple[int, int, Mention]]) -> list[Span]:
    text = doc.texts[idx]
    places = [(a, b) for a, b, m in taken if m.kind in ("region", "park")]
    regions = {(a, b) for a, b, m in taken if m.kind == "region"}
    industries = [(a, b) for a, b, m in taken if m.kind == "industry"]
    found: dict[tuple[int, int], str] = {}

    def add(a: int, b: int, cue: str) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        name = text[a:b]
        if cue in ("brand-head", "project-owner") and any(x == a and _all_heads(doc, text[y:b]) for x, y in regions):
            return  # a place and what it makes ("金利五金"), not a company
        if b - a < 2 or any(pa <= a and b <= pb for pa, pb in places) or doc.is_place(name) \
                or name in doc.m.industry_names or "\n" in name:
            return
        found.setdefault((a, b), cue)

    legal_form_names(doc, idx, add)
    headed_names(doc, idx, add, industries)
    listed_names(doc, idx, add)
    project_owner_names(doc, idx, add)
    return _outermost([(a, b, cue) for (a, b), cue in found.items()])


def _outermost(spans: list[Span]) -> list[Span]:
    """The longest of overlapping spans (ties: the earliest), in text order."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


# ------------------------------------------------------------------------------------------------ finders


def legal_form_names(doc: ChineseDocument, idx: int, add) -> None:
    """"广州市恒达实业股份有限公司", "美信集团": a name before a legal form. After a weak form (集团, 公司) the name
    must look like one (a trade name, perhaps with business heads), and 子公司, 该公司 are no names."""
    text, lex = doc.texts[idx], doc.lex
    for f, g, form, _ in longest(doc.m.legal_forms, text):
        weak = form not in lex.strong_legal_forms
        if weak and any(text.endswith(blocker, 0, f) for blocker in lex.form_blockers):
            continue
        clause = doc.clause_start(idx, f)
        start = name_start(doc, idx, clause, f)
        if start >= f:
            continue
        region, brand, _ = split_name(doc, text[start:f])
        if not (brand and brand_like(doc, brand)):
            start, brand = _trade_name_cut_at_a_particle(doc, idx, clause, start, f) or (start, brand)
        if not brand or (weak and not brand_like(doc, brand)):
            continue
        add(start, g, "legal-form")


def _trade_name_cut_at_a_particle(doc: ChineseDocument, idx: int, clause: int, start: int, end: int
                                  ) -> tuple[int, str] | None:
    """A trade name the segmenter cut into single characters one of which is a particle a name never runs
    across (佳和 as 佳 + 和, 同和 as 同 + 和): where the name found after the particle has no trade name of its own
    (深圳市佳和新能源科技有限公司 read as 新能源科技有限公司), the single characters before it and the place before
    them belong to the name, if they make a trade name. The start and the trade name, or None."""
    words = doc.words(idx, clause, start)
    k = len(words)
    while k > 0 and len(words[k - 1][0]) == 1 and HAN_RE.match(words[k - 1][0]) and len(words) - k < 3:
        k -= 1
    if k == len(words):
        return None
    if k > 0 and doc.is_place(words[k - 1][0]):
        k -= 1
    wider = clause + words[k][1]
    _, brand, _ = split_name(doc, doc.texts[idx][wider:end])
    return (wider, brand) if brand and brand_like(doc, brand) else None


def headed_names(doc: ChineseDocument, idx: int, add, industries: list[tuple[int, int]]) -> None:
    """"恒达铜业", "美信汽车", "华信高科": a trade name right before a business head (and the heads after it)."""
    text = doc.texts[idx]
    heads = longest(doc.m.business_heads, text)
    park_heads = [(a, b) for a, b, _, _ in doc.park_heads(idx)]
    for k, (h, e, _, _) in enumerate(heads):
        if k and heads[k - 1][1] == h:
            continue  # a head after a head continues a name started before it
        if any(a <= h < b for a, b in park_heads) or any(a <= h and b > e for a, b in industries):
            continue  # 科技 in 科技园, 电子 in 电子信息: not a name's head
        end = e
        for h2, e2, _, _ in heads[k + 1:]:
            if h2 != end or any(a <= h2 < b for a, b in park_heads):
                break
            end = e2
        heads_text = text[h:end]
        if heads_text in doc.m.industry_names and (_PROJECT_AFTER_RE.match(text, end) or _industry_list_after(
                text, end, industries) or any(text.startswith(c, end) for c in _INDUSTRY_HEADS)):
            continue  # "B汽车零部件生产项目", "新材料、食品饮料": an industry, of a project or a list
        clause = doc.clause_start(idx, h)
        if not any(brand_like(doc, text[x:h]) for x in range(max(clause, h - 5), h - 1)):
            continue  # no trade name can end right before the head: no need to find where a name starts
        start = name_start(doc, idx, clause, h)
        if start >= h:
            continue
        _, brand, rest = split_name(doc, text[start:h])
        if brand and not rest and brand_like(doc, brand):
            add(start, end, "brand-head")


def _industry_list_after(text: str, end: int, industries: list[tuple[int, int]]) -> bool:
    """Is the name followed, after list glue, by an industry ("新材料、食品饮料")?"""
    k = end
    while k < len(text) and (text[k].isspace() or text[k] in "、,和及与"):
        k += 1
    return k > end and any(a == k for a, _ in industries)


def listed_names(doc: ChineseDocument, idx: int, add) -> None:
    """Items of a list of enterprises: "A、B等一批电子信息企业", "A、B两大龙头链主企业" (the items before),
    "链主企业A、B", "引进A、B" (after; here each item must look like a trade name or end with a head)."""
    text = doc.texts[idx]
    ends, cues, _ = _patterns(doc.lex)
    closers = [(m.start(), m.end()) for m in ends.finditer(text)]
    for end, _ in closers:
        items = _items_before(doc, idx, end)
        good = [(a, b) for a, b in items if _enterprise_item(doc, text[a:b], strict=False)]
        if items and len(good) * 2 > len(items):
            for a, b in good:
                add(a, b, "list")
    for m in cues.finditer(text):
        if any(a < m.start() < b for a, b in closers):
            continue  # "A、B等龙头企业" closes a list; what follows it ("延链补链") is no item
        for a, b in _items_after(text, m.end()):
            if _enterprise_item(doc, text[a:b], strict=True):
                add(a, b, "list-cue")


def project_owner_names(doc: ChineseDocument, idx: int, add) -> None:
    """"B汽车零部件生产项目", "C华南基地": a trade name that opens a clause ending with a project word, followed by
    what the project is (an industry, a place, a business word)."""
    text = doc.texts[idx]
    for m in _patterns(doc.lex)[2].finditer(text):
        p = m.start()
        clause = _clause_start_in_list(doc, idx, p)
        if p - clause < 3:
            continue
        start = strip_leading(doc, idx, clause, p)
        if not 0 < p - start <= PROJECT_REACH:
            continue
        brand = ""
        for w, _, _ in doc.words(idx, start, p):
            if common_word(doc, w) or doc.is_place(w) or w in doc.lex.business_heads:
                break
            brand += w
        if brand and len(brand) < p - start and brand_like(doc, brand):
            add(start, start + len(brand), "project-owner")


# ------------------------------------------------------------------------------------------------ lists


_compiled: dict[int, tuple[ChineseLexicon, tuple[re.Pattern, re.Pattern, re.Pattern]]] = {}


def _patterns(lex: ChineseLexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The end of a list of enterprises (before 等 or a count that a noun of enterprises follows), the cues a
    list of enterprises follows, and the project words (compiled once per lexicon)."""
    if id(lex) not in _compiled or _compiled[id(lex)][0] is not lex:
        _compiled[id(lex)] = (lex, _compile(lex))
    return _compiled[id(lex)][1]


def _compile(lex: ChineseLexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    nouns = "|".join(re.escape(n) for n in lex.enterprise_list_nouns)
    counts = "|".join(re.escape(c) for c in lex.count_words)
    units = "|".join(re.escape(u) for u in lex.count_units)
    ends = re.compile(rf"(?:等|(?:{counts}|\d+)(?:{units}))[^,，。；;:：、]{{0,14}}?(?:{nouns})(?!家)")
    cues = re.compile("|".join(re.escape(c) for c in lex.enterprise_list_cues_before))
    projects = re.compile("|".join(re.escape(w) for w in lex.project_words))
    return ends, cues, projects


def _items_before(doc: ChineseDocument, idx: int, end: int) -> list[tuple[int, int]]:
    """The items of the list that ends at `end`, separated by 、 (white space around it, where a line was
    broken), the last one perhaps by 和/及/与."""
    text = doc.texts[idx]
    items: list[tuple[int, int]] = []
    b = end
    while True:
        a = b
        while a > 0 and text[a - 1] not in CLAUSE_MARKS:
            a -= 1
        items.append((a, b))
        k = a
        while k > 0 and text[k - 1].isspace():
            k -= 1
        if k == 0 or text[k - 1] != "、":
            break
        b = k - 1
        while b > 0 and text[b - 1].isspace():
            b -= 1
    items.reverse()
    # the first item starts after the words that lead into the list (推进, 支持, 以及)
    a, b = items[0]
    items[0] = (name_start(doc, idx, a, b), b)
    out = []
    for a, b in items:
        out.extend(_split_glued(doc, text, a, b))
    return [(a, b) for a, b in out if b > a]


def _items_after(text: str, start: int) -> list[tuple[int, int]]:
    """The items of a list that starts at `start`: up to the end of the clause, separated by 、."""
    end = start
    while end < len(text) and (text[end] not in CLAUSE_MARKS or text[end] == "、"):
        end += 1
    items, a = [], start
    for k in range(start, end + 1):
        if k == end or text[k] == "、":
            items.append((a, k))
            a = k + 1
    return items if len(items) > 1 or end - start <= 12 else []


def _split_glued(doc: ChineseDocument, text: str, a: int, b: int) -> list[tuple[int, int]]:
    """"B和C" as two items where both sides can be names."""
    for glue in _LIST_GLUE:
        k = text.find(glue, a + 2, b - 2)
        if k > 0 and name_like(doc, text[a:k]) and name_like(doc, text[k + len(glue):b]):
            return [(a, k), (k + len(glue), b)]
    while a < b and text[a:a + 2] in _LIST_GLUE or text[a:a + 1] in _LIST_GLUE:
        a += 2 if text[a:a + 2] in _LIST_GLUE else 1
    return [(a, b)]


def _enterprise_item(doc: ChineseDocument, item: str, strict: bool) -> bool:
    """Can a list item be an enterprise: a name-like word (in a list that says it lists enterprises), or, when
    `strict`, a trade name alone or before business heads / a legal form."""
    item = item.strip()
    if not 2 <= len(item) <= 30 or item in doc.m.industry_names or doc.is_place(item):
        return False
    region, brand, rest = split_name(doc, item)
    if strict:
        # a trade name before business heads, or a word the dictionary does not know (not 新工艺)
        return bool(brand) and brand_like(doc, brand) and (
            _all_heads(doc, rest) if rest else not doc.m.segmenter.known(item))
    return name_like(doc, item) and (not rest or bool(brand)) and not _an_activity(doc, item)


def _an_activity(doc: ChineseDocument, item: str) -> bool:
    """Does the item end in a verb after other words, not a business word: a step of a chain ("电芯制造",
    "模组封装", "电池回收" before 等上下游企业), where a company's name ends in its trade name or its business words
    (a trade name that is a verb alone, 飞驰, is no such item). Verbs only: a verbal noun ends names (XX投资)."""
    for n in range(min(4, len(item) - 1), 1, -1):
        word = item[-n:]
        if doc.m.segmenter.not_name.get(word) == "v" and word not in doc.lex.business_heads:
            return True
    return False


def _all_heads(doc: ChineseDocument, rest: str) -> bool:
    return all(w in doc.lex.business_heads or w in doc.lex.legal_forms for w in _head_words(doc, rest))


def _clause_start_in_list(doc: ChineseDocument, idx: int, end: int) -> int:
    return doc.clause_start(idx, end, limit=PROJECT_REACH + 8)


# ------------------------------------------------------------------------------------------------ parts


def split_name(doc: ChineseDocument, core: str) -> tuple[str, str, str]:
    return doc.m.remembered("split", core, lambda t: _split_name(doc, t))


def _split_name(doc: ChineseDocument, core: str) -> tuple[str, str, str]:
    """A name without its legal form as (place, trade name, business words): 广州白云机电设备 -> 广州 + 白云 +
    电器设备. The business words are the heads, glossed words, industries and bracketed places it ends with; the
    place the longest place name the rest starts with, where two characters of trade name follow it (白云机电 is
    the trade name 白云 + 电器)."""
    k = len(core)
    while k > 2:
        word = _ending_word(doc, core[:k])
        if not word or k - len(word) < 2:
            break
        k -= len(word)
    front = core[:k]
    place = next((front[:n] for n in range(min(8, len(front) - 2), 1, -1) if doc.is_place(front[:n])), "")
    return place, front[len(place):], core[k:]


def _ending_word(doc: ChineseDocument, text: str) -> str:
    """The longest business head, glossed word, industry name, legal form or bracketed place `text` ends with."""
    if text.endswith(")"):
        opening = text.rfind("(")
        if opening >= 0 and doc.is_place(text[opening + 1:-1]):
            return text[opening:]
    for n in range(min(8, len(text)), 1, -1):
        word = text[-n:]
        if (word in doc.lex.business_heads or word in doc.lex.name_glosses or word in doc.lex.legal_forms
                or word in doc.m.industry_names):
            return word
    return ""


def _head_words(doc: ChineseDocument, rest: str) -> list[str]:
    words, k = [], len(rest)
    while k > 0:
        word = _ending_word(doc, rest[:k])
        if not word:
            return [rest[:k]]
        words.append(word)
        k -= len(word)
    return words


def strip_form(doc: ChineseDocument, name: str) -> tuple[str, str]:
    """(name without its legal form, the legal form)."""
    for form in doc.lex.legal_forms:
        if name.endswith(form) and len(name) > len(form) + 1:
            return name[: -len(form)], form
    return name, ""


# ------------------------------------------------------------------------------------------------ per document


def name_mentions(doc: ChineseDocument, spans: dict[int, list[Span]],
                  blocked: dict[int, list[tuple[int, int]]]) -> list[Mention]:
    """The enterprise mentions of a document: the spans found, every other occurrence of their names and short
    forms (outside places), each with its English rendering — a short form that stands for one full name in the
    document is rendered as that name, so the two resolve to one enterprise."""
    full_of: dict[str, set[str]] = defaultdict(set)  # form -> the names it is a form of
    for idx, found in spans.items():
        for a, b, _ in found:
            name = doc.texts[idx][a:b]
            for form in short_forms(doc, name):
                full_of[form].add(name)
    canonical: dict[str, str] = {}
    for form, names in full_of.items():
        longest_names = sorted(names, key=lambda n: (-len(n), n))
        # a form stands for its longest name when every name it is a form of is a form of that one
        if all(n in short_forms(doc, longest_names[0]) for n in names):
            canonical[form] = longest_names[0]
    auto = ahocorasick.Automaton()
    for form in canonical:
        auto.add_word(form, form)
    if len(auto):
        auto.make_automaton()
    out: list[Mention] = []
    for idx in range(len(doc.sentences)):
        cues = {(a, b): cue for a, b, cue in spans.get(idx, ())}
        text = doc.texts[idx]
        if len(auto):
            for end, form in auto.iter_long(text):
                a, b = end + 1 - len(form), end + 1
                if any(not (b <= x or a >= y) for x, y in cues) or any(x <= a and b <= y for x, y in blocked[idx]):
                    continue
                cues[(a, b)] = "known-name"
        for (a, b), cue in sorted(cues.items()):
            name = text[a:b]
            full = canonical.get(name, name)
            out.append(doc.mention("enterprise", idx, a, b, cue=cue, detail=_rendering(doc, full)))
    return out


def short_forms(doc: ChineseDocument, name: str) -> list[str]:
    return doc.m.remembered("forms", name, lambda t: _short_forms(doc, t))


def _short_forms(doc: ChineseDocument, name: str) -> list[str]:
    """A name and the forms later sentences write it in: without its legal form, without the place in front,
    and the trade name with its first business word (广东恒达铜业有限公司 -> 广东恒达铜业, 恒达铜业)."""
    core, _ = strip_form(doc, name)
    place, brand, rest = split_name(doc, core)
    forms = [name, core, core[len(place):]]
    words = _head_words(doc, rest)[::-1] if rest else []
    if brand and words:
        forms.append(brand + words[0])
    if brand and brand_like(doc, brand) and not common_word(doc, brand):
        forms.append(brand)
    return [f for f in dict.fromkeys(forms) if len(f) >= 2]


def _rendering(doc: ChineseDocument, name: str) -> tuple[tuple[str, str], ...]:
    return doc.m.remembered("rendering", name, lambda t: _render(doc, t))


def _render(doc: ChineseDocument, name: str) -> tuple[tuple[str, str], ...]:
    core, form = strip_form(doc, name)
    place, brand, rest = split_name(doc, core)
    english = doc.render.enterprise(place, brand, rest, form)
    detail = [("en", english)]
    others = alternative_readings(brand) if brand else []
    if others:
        detail.append(("en_alt", "|".join(english.replace(doc.render.brand(brand), o, 1) for o in others)))
    return tuple(detail)
