"""Parks: a name before a park head ("... Industrial Park", "... High-tech Zone")."""

from __future__ import annotations

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part
from kg.model import Mention


def find_parks(ctx: DocumentContext, idx: int, taken: list[Mention]) -> list[Mention]:
    parts, out = ctx.parts[idx], []
    spans = {(p.start): m for m in taken for p in parts if m.start <= p.start < m.end}
    i = 0
    while i < len(parts):
        n, kinds = ctx.m.parks.longest_at(parts, i)
        if not n:
            i += 1
            continue
        kind = kinds[0]
        first = _park_name_start(ctx, parts, i, kind, spans)
        if first is not None:
            surface_end = i + n
            out.append(
                ctx.mention("park", parts, first, surface_end, idx, cue="park-head", detail=(("kind", kind),))
            )
        i += n
    return out


def _bracket_gap(ctx: DocumentContext, parts: list[Part], k: int) -> bool:
    """"Guangzhou-Foshan-Zhao (Huaiji) Economic Cooperation Zone": brackets inside a park's name."""
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
        elif not (prev.cap or prev.start in spans or prev.key in ("industrial", "transfer", "agricultural")):
            break
        k -= 1
    # drop a sentence-initial verb or article ("Build Sihui Industrial Park", "The ...")
    while k < head and parts[k].raw.lower() in ctx.lex.openers:
        k += 1
    # "Sihui Maker Space and Innovation and Entrepreneurship Science Park": the name starts after the
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
