"""Regions: gazetteer names (longest match), a bare town name only where the document names its county,
word-by-word machine translations of a county's Chinese name ("the four sessions" for 四会), and a district's
name misspelt by one letter before its admin word ("Nanhia District"), in a city the document names."""

from __future__ import annotations

from kg.extract.en.context import DocumentContext
from kg.extract.gazetteer import pick_region
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
        iri = pick_region(ctx.reference, ctx.context_regions, (iri for iri, _ in hits))
        if iri:
            out.append(ctx.mention("region", parts, i, j, idx, ref=iri, cue="gazetteer"))
    return out + _garbled_regions(ctx, idx) + _misspelt_districts(ctx, idx, out)


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


ADMIN_WORDS = ("district", "county")
MIN_MISSPELT = 6  # shorter names are one letter away from too many words
MAX_CITIES = 2


def _misspelt_districts(ctx: DocumentContext, idx: int, found: list[Mention]) -> list[Mention]:
    """A capitalised word the gazetteer lacks, right before "District"/"County", one edit away from the name
    of exactly one county-level division of a city a local document names: that division, misspelt."""
    parts, out = ctx.parts[idx], []
    candidates = [i for i in range(len(parts) - 1) if parts[i].cap and parts[i + 1].key in ADMIN_WORDS
                  and len(parts[i].key) >= MIN_MISSPELT
                  and not any(m.start <= parts[i].start < m.end for m in found)]
    districts = _districts_of_named_cities(ctx) if candidates else []
    for i in candidates:
        near = {r.iri for r in districts if any(_one_edit(parts[i].key, name) for name in _bare_names(r))}
        if len(near) == 1:
            out.append(ctx.mention("region", parts, i, i + 2, idx, ref=near.pop(), cue="misspelt"))
    return out


def _districts_of_named_cities(ctx: DocumentContext) -> list:
    """The county-level divisions of the cities a local document names (one or two): in a document about
    the whole province, a county of another province is as likely one letter away from one of Guangdong's
    ("Fuchuan", "Wuchuan") as a misspelling is."""
    regions = ctx.reference.regions
    cities = {iri for iri in ctx.context_regions if iri in regions and regions[iri].type == "City"}
    if len(cities) > MAX_CITIES:
        return []
    return [r for r in regions.values() if r.type == "County" and r.parent in cities]


def _bare_names(region) -> set[str]:
    """A division's English names without their admin word, in lower case ("pengjiang")."""
    names = {region.label, *(a for a in region.alt_labels if a.isascii())}
    return {n.lower().removesuffix(" district").removesuffix(" county") for n in names}


def _one_edit(a: str, b: str) -> bool:
    """a and b differ by exactly one letter replaced, added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[k + 1:] == b[k + 1:] if len(a) == len(b) else a[k:] == b[k + 1:]
