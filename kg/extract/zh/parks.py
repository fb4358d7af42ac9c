"""Parks: a name before a park head (产业园, 高新区, 开发区, 新区, 产业城, 集聚区, 合作区 ...). The name starts where
the clause's words lead into it end (加快, 位于, 选址在); it must say which park it is — a place (云浮高新区), a trade
name (美信 ...产业园) or another word of its own — not only what kind of park (省级高新区, 制造加工科技产业园).

A park mention carries its kind (as the English park heads name it, so both languages' names of one park key
alike) and its English rendering: the place's English name, the modifiers glossed or in Pinyin, the head's
English (云浮高新区 -> "Yunfu High-tech Zone")."""

from __future__ import annotations

from kg.extract.zh.context import ChineseDocument
from kg.extract.zh.names import brand_like, common_word, name_start
from kg.model import Mention


def find_parks(doc: ChineseDocument, idx: int, regions: list[tuple[int, int, Mention]]
               ) -> list[tuple[int, int, Mention]]:
    text = doc.texts[idx]
    out: list[tuple[int, int, Mention]] = []
    for h, e, head, _ in doc.park_heads(idx):
        # a park's name holds no other park's head (X集聚区市管起步区 is two names)
        after = out[-1][1] if out else 0
        start = name_start(doc, idx, max(after, doc.clause_start(idx, h)), h, verbs=True)
        region_end = next((b for a, b, _ in regions if a == start and b <= h), start)
        modifiers = text[region_end:h]
        if not _says_which(doc, text[start:h], [w for w, _, _ in doc.words(idx, region_end, h)], region_end > start):
            continue
        english = doc.render.park(text[start:region_end], modifiers, head)
        kind = doc.m.park_kinds[head]
        out.append((start, e, doc.mention("park", idx, start, e, cue="park-head",
                                          detail=(("kind", kind), ("en", english)))))
    return out


def _says_which(doc: ChineseDocument, name: str, words: list[str], has_region: bool) -> bool:
    """Does the part before the head (its `words` after any place) name a particular park: a place, or a word
    that is not generic?"""
    if not name:
        return False
    if has_region or doc.is_place(name):
        return True
    distinct = [w for w in words if w not in doc.lex.generic_park_modifiers]
    if not distinct:
        return False
    if any(doc.is_place(w) for w in distinct):
        return True
    # a run of words that are neither common nor vocabulary: a trade name or a place the gazetteer lacks
    run = ""
    for w in words:
        if len(w) == 1 or not common_word(doc, w):
            run += w
            if len(run) >= 2 and (len(w) > 1 or brand_like(doc, run)):
                return True
        else:
            run = ""
    return False
