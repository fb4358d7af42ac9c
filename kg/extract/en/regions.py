"""Regions: gazetteer names (longest match), a bare town name only where the document names its county, and
word-by-word machine translations of a county's Chinese name ("the four sessions" for 四会)."""

from __future__ import annotations

from kg.extract.en.context import DocumentContext
from kg.model import Mention


def find_regions(ctx: DocumentContext, idx: int) -> list[Mention]:
    parts, out = ctx.parts[idx], []
    for i, j, hits in ctx.region_hits[idx]:
        if not parts[i].cap:
            continue
        if i > 0 and parts[i - 1].key in ctx.lex.surnames and parts[i - 1].cap and not parts[i].hard_gap:
            continue  # a person's given name ("Xi Jinping"), not the district
        if j < len(parts) and (parts[j].key,) in ctx.lex.enterprise_heads and all(f == "bare" for _, f in hits):
            continue  # "Longfu Electric" is more likely a company than the town
        iri = _pick_region(ctx, hits)
        if iri:
            out.append(ctx.mention("region", parts, i, j, idx, ref=iri, cue="gazetteer"))
    return out + _garbled_regions(ctx, idx)


def _pick_region(ctx: DocumentContext, hits: list[tuple[str, str]]) -> str | None:
    """Resolve a region label to one gazetteer entry; a town needs its county named in the document."""
    candidates = []
    for iri, _ in hits:
        region = ctx.reference.regions[iri]
        if region.type == "Town" and not (set(ctx.reference.ancestors(iri)) & ctx.context_regions):
            continue
        if region.type == "Town" and region.parent not in ctx.context_regions:
            continue
        candidates.append(iri)
    if not candidates:
        return None
    top_rank = min(ctx.reference.regions[c].rank for c in candidates)
    best = sorted(c for c in candidates if ctx.reference.regions[c].rank == top_rank)
    return best[0] if len(best) == 1 else None


def _garbled_regions(ctx: DocumentContext, idx: int) -> list[Mention]:
    """"the four sessions" for Sihui: a word-by-word rendering of a county's Chinese name, accepted only
    where the document is about that county or its city, after "the", and not as "the fourth session
    of (the People's Congress)"."""
    parts, out = ctx.parts[idx], []
    for i, j, hits in ctx.m.garbles.scan(parts):
        iri = hits[0]
        region = ctx.reference.regions[iri]
        if len(hits) != 1 or not ({iri, region.parent} & ctx.context_regions):
            continue
        if i == 0 or parts[i - 1].key != "the" or (j < len(parts) and parts[j].key in ("of",)):
            continue
        out.append(ctx.mention("region", parts, i, j, idx, ref=iri, cue="literal-translation"))
    return out
