"""Parks: a name before a park head ("... Industrial Park", "... High-tech Zone", "Tanjiang new town industry
park"), and each name of a list that shares one plural head ("A, B and C industrial parks"). A park head
followed by a project word names a project, not a park ("<Owner> ... Industry Base Project")."""

from __future__ import annotations

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part, parts_within
from kg.model import Mention


def find_parks(ctx: DocumentContext, idx: int, taken: list[Mention]) -> list[Mention]:
    parts = ctx.parts[idx]
    out: list[Mention] = []
    if ctx.words[idx].isdisjoint(ctx.m.parks.firsts):
        return out
    spans = {p.start: m for m in taken for p in parts_within(parts, m.start, m.end)}
    i = 0
    firsts = ctx.m.parks.firsts
    while i < len(parts):
        if parts[i].key not in firsts:
            i += 1
            continue
        n, kinds = ctx.m.parks.longest_at(parts, i)
        if not n:
            i += 1
            continue
        kind = kinds[0]
        if i + n < len(parts) and not parts[i + n].hard_gap and (parts[i + n].key,) in ctx.lex.project_heads:
            i += n
            continue  # "... Industry Base Project" is a project's name
        shared = _shared_head_list(ctx, parts, i, spans)
        if shared:
            out.extend(ctx.mention("park", parts, a, b, idx, cue="park-list", detail=(("kind", kind),))
                       for a, b in shared)
            i += n
            continue
        first = _park_name_start(ctx, parts, i, kind, spans)
        if first is not None:
            surface_end = i + n
            out.append(
                ctx.mention("park", parts, first, surface_end, idx, cue="park-head", detail=(("kind", kind),))
            )
        i += n
    return out


def _bracket_gap(ctx: DocumentContext, parts: list[Part], k: int) -> bool:
    """"Guangzhou-Foshan (Huaiji) Economic Cooperation Zone": brackets inside a park's name."""
    return ctx.gap_text(parts[k - 1].end, parts[k].start).strip() in ("(", ")", ") (", "（", "）")


def _park_name_start(ctx: DocumentContext, parts: list[Part], head: int, kind: str, spans: dict) -> int | None:
    capital_head = parts[head].cap
    if not capital_head and kind not in ctx.lex.lowercase_park_kinds:
        return None
    k = head
    while k > 0 and (not parts[k].hard_gap or capital_head and _bracket_gap(ctx, parts, k)):
        prev = parts[k - 1]
        if prev.possessive:
            break
        if capital_head:
            joiner = (prev.key == "and" and k >= 2 and parts[k - 2].cap and not parts[k - 1].hard_gap
                      and parts[k - 2].start not in spans)
            if not (prev.cap or joiner):
                break
        elif not (prev.cap or prev.start in spans or prev.key in ctx.lex.lowercase_park_name_words):
            break
        k -= 1
    # drop a sentence-initial verb or article ("Build Dasha Industrial Park", "The ...")
    while k < head and parts[k].raw.lower() in ctx.lex.openers:
        k += 1
    # "Dasha Maker Space and Youth Innovation Science Park": the name starts after the
    # last organisation word and the 'and' that follows it
    for x in range(head - 1, k - 1, -1):
        if parts[x].key in ctx.lex.organisation_words:
            nxt = next((y for y in range(x + 1, head) if parts[y].key == "and"), None)
            k = nxt + 1 if nxt is not None else head
            break
    modifiers = [p for p in parts[k:head] if p.key not in ctx.lex.generic_park_modifiers]
    if not modifiers:
        return None
    if not capital_head:
        plural = parts[head + 0].raw.lower().endswith("s") or any(
            p.raw.lower().endswith(("parks", "zones")) for p in parts[head : head + 4]
        )
        if plural and not (k > 0 and parts[k - 1].key == "the"):
            return None
        if any(p.key in ctx.lex.organisation_words for p in modifiers):
            return None
    if any(p.key in ctx.lex.organisation_words for p in parts[k:head]):
        return None
    return k


def _shared_head_list(ctx: DocumentContext, parts: list[Part], head: int, spans: dict) -> list[tuple[int, int]]:
    """"Zhuhai-Yangjiang, Zhuhai-Lianjiang and Zhuhai-Xinyi industrial parks": capitalised names joined by
    commas and 'and' before one plural head, each the name of a park of that kind."""
    if not parts[head].raw.lower().endswith("s") or parts[head].key == parts[head].raw.lower():
        plural = any(p.raw.lower().endswith(("parks", "zones", "areas", "bases")) for p in parts[head:head + 3])
        if not plural:
            return []
    items: list[tuple[int, int]] = []
    end = head
    while end > 0:
        start = end
        while start > 0 and parts[start - 1].cap and (start == end or not parts[start].hard_gap):
            start -= 1
        if start == end:
            break
        items.append((start, end))
        if start > 1 and parts[start - 1].key == "and" and not parts[start - 1].hard_gap:
            end = start - 1
        elif start > 0 and parts[start].hard_gap and \
                ctx.gap_text(parts[start - 1].end, parts[start].start).strip() == ",":
            end = start
        else:
            break
    if len(items) < 2:
        return []
    items = [(a + 1 if parts[a].raw.lower() in ctx.lex.openers else a, b) for a, b in items]
    return sorted((a, b) for a, b in items if a < b)
