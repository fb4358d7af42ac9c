"""Industries: vocabulary names, longest match from the right (English compounds are head-final), each marked
`salient` where its context marks it as an industry."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part
from kg.model import Mention


def find_industries(ctx: DocumentContext, idx: int) -> list[Mention]:
    """Industry mentions; each says whether its context marks it as an industry (`salient`): a head
    after it ("jade industry", "... chain", "... companies"), a cue before it ("industries of",
    "such as", "focus on"), or a list it shares with such a mention."""
    parts = ctx.parts[idx]
    if ctx.words[idx].isdisjoint(ctx.m.industries.lasts):
        return []
    found = _industry_scan(ctx, parts)
    salient = spread([_industry_salient(ctx, parts, i, j) for i, j, _ in found],
                     [(i, j) for i, j, _ in found], ctx, parts)
    return [ctx.mention("industry", parts, i, j, idx, ref=sorted(hits)[0], cue="vocabulary",
                          detail=(("salient", "1" if sal else ""),))
            for (i, j, hits), sal in zip(found, salient)]


def spread(salient: list[bool], spans: list[tuple[int, int]], ctx: DocumentContext, parts: list[Part]) -> list[bool]:
    """Salience shared along a list: an industry listed with one marked as an industry is one too."""
    salient = list(salient)
    for k in range(1, len(spans)):
        if _coordinated_gap(ctx, parts, spans[k - 1][1], spans[k][0]):
            salient[k] = salient[k] or salient[k - 1]
    for k in range(len(spans) - 2, -1, -1):
        if _coordinated_gap(ctx, parts, spans[k][1], spans[k + 1][0]):
            salient[k] = salient[k] or salient[k + 1]
    return salient


def spread_mentions(ctx: DocumentContext, idx: int, mentions: list[Mention]) -> list[Mention]:
    """The industry mentions of a sentence (in text order) with salience spread along their lists again, after
    other finders marked some of them."""
    parts = ctx.parts[idx]
    at = {p.start: k for k, p in enumerate(parts)}
    ends = {p.end: k + 1 for k, p in enumerate(parts)}
    spans = [(at.get(m.start, 0), ends.get(m.end, 0)) for m in mentions]
    before = [bool(m.get("salient")) for m in mentions]
    after = spread(before, spans, ctx, parts)
    return [replace(m, detail=tuple((k, "1" if k == "salient" else v) for k, v in m.detail)) if now and not was
            else m for m, was, now in zip(mentions, before, after)]


def _industry_scan(ctx: DocumentContext, parts: list[Part]) -> list[tuple[int, int, list]]:
    """Longest matches, scanning from the right: English compounds put their head last, so
    "new energy auto parts" is auto parts (for new energy vehicles), not new energy vehicles + parts."""
    return ctx.m.industries.scan_from_right(parts)


def _industry_salient(ctx: DocumentContext, parts: list[Part], i: int, j: int) -> bool:
    if j < len(parts) and not parts[j].hard_gap and parts[j].key in ctx.lex.industry_cues_after:
        return True
    if _named_industries_after(ctx, parts, j):
        return True
    if i == 0:
        return False
    before = tuple(p.key for p in parts[max(0, i - 4):i])
    for cue in ctx.lex.industry_cues_by_last.get(before[-1], ()):  # longest first
        if len(before) < len(cue) or before[-len(cue):] != cue:
            continue
        if cue in (("such", "as"), ("including",), ("like",), ("namely",)):
            # "platforms such as logistics" is not about industries; "industries such as" is
            head = i - len(cue) - 1
            return head >= 0 and (parts[head].key in ctx.lex.industry_list_heads
                                  or ctx.m.industries.entries.get((parts[head].key,)) is not None)
        return True
    return False


# What an apposition that names the items before it as industries opens with, and the nouns that do so:
# "A, B and C, four of the strategic industrial clusters ...", "..., the city's three pillar industries"
APPOSED_OPENERS = frozenset({"the", "its", "their", "all", "both"})
APPOSED_NOUNS = frozenset({"industry", "cluster", "sector"})
APPOSED_REACH = 6


def _named_industries_after(ctx: DocumentContext, parts: list[Part], j: int) -> bool:
    """Does an apposition right after part j-1 name what comes before it as industries ("..., four of the
    strategic industrial clusters Zhaoqing is developing")? It opens after a comma with a count or a determiner,
    and an industry noun follows within a few words."""
    if j >= len(parts) or not parts[j].hard_gap or ctx.gap_text(parts[j - 1].end, parts[j].start).strip() != ",":
        return False
    first = parts[j]
    if first.key not in APPOSED_OPENERS and first.raw.lower() not in ctx.lex.number_words \
            and not first.raw[:1].isdigit():
        return False
    for k in range(j + 1, min(len(parts), j + 1 + APPOSED_REACH)):
        if parts[k].hard_gap:
            return False
        if parts[k].key in APPOSED_NOUNS:
            return True
    return False


# What a company's project makes, named before its head: "X's (5 GWh) <industry> project", "the <industry> plant
# of X", "an <industry> project by X" (the words between the owner and the industry: a possessive, then a few
# lower-case words or amounts)
OWNER_BEFORE_PRODUCT_RE = re.compile(r"['’]s?\s+(?:[\w,.-]+\s+){0,3}")
OF_OWNER_RE = re.compile(r"\s+(?:of|by)\s+(?:the\s+)?")
# "X will invest 2 billion yuan to build a lithium battery plant": the company that builds it, in its clause
BUILDS_RE = re.compile(r"[^;:]{0,100}?\b(?:build|builds|building|built|set up|sets up|setting up|establish|establishes"
                       r"|established|construct|constructs|constructed|invest|invests|invested|investing"
                       r"(?:\s+[^;:]{0,60}?\s+in)?)\s+(?:a|an|its|their)\s+(?:new\s+)?(?:[\w,.-]+\s+){0,2}",
                       re.IGNORECASE)


def owned_products(ctx: DocumentContext, idx: int, industries: list[Mention], enterprises: list[Mention]) -> set[int]:
    """The start offsets of the industries a company's project is named for ("Ruineng Power's energy storage
    battery project", "the energy storage battery project of Ruineng Power", "X will build a lithium battery
    plant"): industries, where a place's project or facility ("the park's service facilities") is not marked
    so."""
    parts = ctx.parts[idx]
    starts = [p.start for p in parts]
    out: set[int] = set()
    for m in industries:
        j = bisect.bisect_left(starts, m.end)
        if not _project_head_at(ctx, parts, j):
            continue
        head_end = parts[j + (1 if (parts[j].key,) in ctx.lex.project_heads else 2) - 1].end
        owners = [e for e in enterprises if e.end <= m.start]
        before = bool(owners) and (OWNER_BEFORE_PRODUCT_RE.fullmatch(ctx.gap_text(owners[-1].end, m.start))
                                   or BUILDS_RE.fullmatch(ctx.gap_text(owners[-1].end, m.start))) is not None
        after = any(e.start >= head_end and OF_OWNER_RE.fullmatch(ctx.gap_text(head_end, e.start))
                    for e in enterprises)
        if before or after:
            out.add(m.start)
    return out


def _project_head_at(ctx: DocumentContext, parts: list[Part], j: int) -> bool:
    """Does a project's head ("project", "plant", "production line") start at part j?"""
    for size in (2, 1):
        if j + size <= len(parts) and not any(p.hard_gap for p in parts[j:j + size]) and \
                tuple(p.key for p in parts[j:j + size]) in ctx.lex.project_heads:
            return True
    return False


def _coordinated_gap(ctx: DocumentContext, parts: list[Part], end: int, start: int) -> bool:
    """Only list glue between two mentions: a comma, 'and', 'or', quotes."""
    if start < end:
        return False
    words = [p.key for p in parts[end:start]]
    if words not in ([], ["and"], ["or"], ["and", "other"], ["or", "other"]):
        return False
    gap = ctx.gap_text(parts[end - 1].end, parts[start].start)
    return re.sub(r"\b(?:and|or|other)\b|[,\"]", "", gap).strip() == ""
