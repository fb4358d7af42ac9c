"""Industries: the vocabulary's Chinese names (and the strategic clusters' names, which name their sector), longest
match. A mention takes in the words that make it one industry's name in the text — a modifier before it (先进 in
先进有色金属材料, 新能源 in 新能源智能网联汽车) and a process word after it (加工 in 铜加工) — and is marked `salient`
where its context marks it as an industry: a head after it (产业, 产业链, 企业, 等), a cue before it (发展, 聚焦),
or a list it shares with such a mention."""

from __future__ import annotations

import re

from kg.extract.zh.context import ChineseDocument
from kg.extract.zh.matchers import longest
from kg.model import Mention

# What lies between two items of one list: list glue (、 , 和 及 与 以及, white space where a line was broken),
# perhaps around a few short items the vocabulary lacks ("轨道交通、现代物流,都市消费品智造,文旅服务,机械智造").
_GLUE = r"\s*(?:以及|[、,和及与或])\s*"
LIST_GAP_RE = re.compile(rf"(?:{_GLUE})?(?:[^、,。;:!?\s]{{1,8}}{_GLUE}){{0,3}}|{_GLUE}")


def find_industries(doc: ChineseDocument, idx: int,
                    regions: list[tuple[int, int, Mention]] | None = None) -> list[tuple[int, int, Mention]]:
    text = doc.texts[idx]
    lex = doc.lex
    spans: list[list] = []  # [start, end, iris]
    for a, b, label, iris in longest(doc.m.industries, text):
        process = next((p for p in lex.industry_process_heads if text.startswith(p, b)), "") \
            if text.startswith(lex.industry_process_heads, b) else ""
        if len(label) == 1 and not (process or _cue_after(doc, text, b)):
            continue  # 铜 alone is a character of many words (铜业, 铜箔); 铜加工, 铜产业 are the industry
        spans.append([a, b + len(process), iris])
    # a modifier before the name: another vocabulary word that only qualifies it (新能源 + 智能网联汽车), or a
    # lexicon modifier (先进, 现代)
    merged: list[list] = []
    for span in spans:
        if merged and merged[-1][1] == span[0] and text[merged[-1][0]:merged[-1][1]] in lex.industry_modifiers:
            span[0] = merged.pop()[0]
        else:
            modifier = next((w for w in lex.industry_modifiers if text.endswith(w, 0, span[0])), "") \
                if text.endswith(lex.industry_modifiers, 0, span[0]) else ""
            if modifier and (not merged or merged[-1][1] <= span[0] - len(modifier)):
                span[0] -= len(modifier)
        merged.append(span)
    # "四会玉器": an industry right after a place is the place's
    region_ends = {b for _, b, _ in regions or ()}
    salient = [_salient(doc, text, a, b) or a in region_ends for a, b, _ in merged]
    for k in range(1, len(merged)):
        if _glued(text, merged[k - 1][1], merged[k][0]):
            salient[k] = salient[k] or salient[k - 1]
    for k in range(len(merged) - 2, -1, -1):
        if _glued(text, merged[k][1], merged[k + 1][0]):
            salient[k] = salient[k] or salient[k + 1]
    return [(a, b, doc.mention("industry", idx, a, b, ref=sorted(iris)[0], cue="vocabulary",
                               detail=(("salient", "1" if sal else ""),)))
            for (a, b, iris), sal in zip(merged, salient)]


def _cue_after(doc: ChineseDocument, text: str, b: int) -> bool:
    return text[b:b + 6].lstrip().startswith(doc.lex.industry_cues_after)


def _salient(doc: ChineseDocument, text: str, a: int, b: int) -> bool:
    if _cue_after(doc, text, b):
        return True
    return text[max(0, a - 8):a].rstrip().endswith(doc.lex.industry_cues_before)


def _glued(text: str, end: int, start: int) -> bool:
    """Are two mentions items of one list: nothing but list glue between them, or a few short items?"""
    return start >= end and (start == end or LIST_GAP_RE.fullmatch(text, end, start) is not None)
