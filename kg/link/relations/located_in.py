"""locatedIn: where a park or an enterprise is, as a sentence states it."""

from __future__ import annotations

import re

from kg.link.relations.context import (
    PLACE_TYPES,
    REGION_TYPES,
    DocumentPass,
    LinkContext,
    SentenceView,
    is_free,
    park_referred_to,
    sentence_evidence,
)


def park_members(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"Major enterprises in the park include A, B and C"."""
    if v.of_type("Park"):
        return
    park = park_referred_to(ctx, p, v)
    if park and re.search(r"\b(?:enterprises|companies|firms) (?:in|of) the", v.sentence.text, re.IGNORECASE):
        for _, e in v.of_type("Enterprise"):
            p.relations.add(e.iri, "locatedIn", park, sentence_evidence(v.sentence))


def colon_list(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"Dasha Town: Jintian Copper, auto parts manufacturing, nonferrous metal industry": the place's
    enterprises and industries."""
    if not v.mentions:
        return
    head, place = v.mentions[0]
    rest = v.sentence.text[head.end - v.sentence.start:]
    if place.type not in PLACE_TYPES or head.start != v.sentence.start or not rest.lstrip().startswith(":"):
        return
    ev = sentence_evidence(v.sentence)
    for m, e in v.mentions[1:]:
        if e.type == "Enterprise":
            p.relations.add(e.iri, "locatedIn", place.iri, ev)
        elif e.type == "Industry" and is_free(v, m):
            p.relations.add(place.iri, "hasIndustry", e.iri, ev)


def address_chain(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"Dongcheng Street, Sihui City", "Zhaoqing, Guangdong": a place followed by its parent region."""
    places = v.of_type(*PLACE_TYPES)
    for (a, ea), (b, eb) in zip(places, places[1:]):
        if v.between(a, b).strip() not in (",", "，"):
            continue
        if eb.type in REGION_TYPES and (ea.type == "Park" or eb.iri in ctx.reference.ancestors(ea.iri)):
            p.relations.add(ea.iri, "locatedIn", eb.iri, sentence_evidence(v.sentence))


def park_location(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"Sihui Industrial Park in Zhaoqing High-tech Zone", "Start-up Area (Dasha and Fuxi Areas)"."""
    items = v.mentions
    for k, (m, e) in enumerate(items):
        if e.type not in ("Park", "Enterprise"):
            continue
        for m2, e2 in items[k + 1:k + 4]:
            gap = v.between(m, m2)
            if e2.type in PLACE_TYPES and re.fullmatch(
                    r"\s*,?\s*(?:(?:is|are|was|were) )?(?:(?:located|based|situated) )?in (?:the )?\s*", gap):
                p.relations.add(e.iri, "locatedIn", e2.iri, sentence_evidence(v.sentence))
                break
            if e.type == "Park" and e2.type in REGION_TYPES and re.fullmatch(r"\s*\(\s*(?:\w+ and )?", gap):
                p.relations.add(e.iri, "locatedIn", e2.iri, sentence_evidence(v.sentence))
                break


def named_location(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """A park or enterprise named after a region lies in it ("Sihui Industrial Park", "Guangzhou X Co.")."""
    regions = v.of_type(*REGION_TYPES)
    for m, e in v.of_type("Park", "Enterprise"):
        inner = [(r, er) for r, er in regions if r.start == m.start and r.end < m.end]
        if not inner:
            continue
        region = inner[0][1]
        if e.type == "Enterprise" and region.type == "Province":
            continue
        p.relations.add(e.iri, "locatedIn", region.iri, sentence_evidence(v.sentence))
