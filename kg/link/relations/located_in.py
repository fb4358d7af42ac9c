"""locatedIn: where a park or an enterprise is, as a sentence states it (or, with "It is located in ...",
as it states it of the enterprise the sentences before were about)."""

from __future__ import annotations

import re

from kg.link.relations.context import (
    PLACE_TYPES,
    REGION_TYPES,
    DocumentPass,
    LinkContext,
    SentenceView,
    is_free,
    list_after,
    may_hold_possessive,
    park_referred_to,
    recent_park,
    subject_referent,
)
from kg.model import Entity, Mention
from kg.names import phrase_key

# Between a place and the company based there: "Foshan-based X".
BASED_RE = re.compile(r"-based\s+")
OPENING_PLACE_RE = re.compile(r"\s*In\s+([A-Z][\w -]*?)\s*,\s*(?:the\s+)?")


# Between a park named after "enterprises in" and the list of them: "Enterprises in the X Park include A, B"
MEMBERS_LIST_RE = re.compile(r"\s*(?:include|includes|including|such as|like|are|:)\s*", re.IGNORECASE)


def park_members(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"Major enterprises in the park include A, B and C", "Enterprises in the X Park include A, B and C"."""
    parks = v.of_type("Park")
    if parks:
        _named_park_members(ctx, p, v, parks)
        return
    park = park_referred_to(ctx, p, v)
    if park and ctx.members_re.search(v.sentence.text):
        for _, e in v.of_type("Enterprise"):
            ctx.relate(p.relations, v.sentence, "park-members", e.iri, "locatedIn", park)


def _named_park_members(ctx: LinkContext, p: DocumentPass, v: SentenceView, parks) -> None:
    """"Enterprises in the X Park include A, B and C": the list after the park the members noun names."""
    s = v.sentence
    for pm, pe in parks:
        start = pm.start - s.start
        members = ctx.members_re.search(s.text, max(0, start - 40), start)
        glue = MEMBERS_LIST_RE.match(s.text, pm.end - s.start)
        if members is None or s.text[members.end():start].strip() or glue is None:
            continue
        for _, e in list_after(v, s.start + glue.end(), v.of_type("Enterprise"), max_gap=2):
            ctx.relate(p.relations, s, "park-members", e.iri, "locatedIn", pe.iri)


def colon_list(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"Dasha Town: Hengda Copper, auto parts manufacturing, nonferrous metal industry": the place's
    enterprises and industries."""
    if not v.mentions:
        return
    head, place = v.mentions[0]
    rest = v.sentence.text[head.end - v.sentence.start:]
    if place.type not in PLACE_TYPES or head.start != v.sentence.start or not rest.lstrip().startswith(":"):
        return
    for m, e in v.mentions[1:]:
        if e.type == "Enterprise":
            ctx.relate(p.relations, v.sentence, "colon-list", e.iri, "locatedIn", place.iri)
        elif e.type == "Industry" and is_free(v, m):
            ctx.relate(p.relations, v.sentence, "colon-list", place.iri, "hasIndustry", e.iri)


def address_chain(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"Dongcheng Street, Sihui City", "Zhaoqing, Guangdong": a place followed by its parent region."""
    places = v.of_type(*PLACE_TYPES)
    for (a, ea), (b, eb) in zip(places, places[1:]):
        if v.between(a, b).strip() not in (",", "，"):
            continue
        if eb.type in REGION_TYPES and (ea.type == "Park" or eb.iri in ctx.reference.ancestors(ea.iri)):
            ctx.relate(p.relations, v.sentence, "address", ea.iri, "locatedIn", eb.iri)


def park_location(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"Dasha Industrial Park in Yunfu High-tech Zone", "Start-up Area (Dasha and Longfu Areas)", "X is located
    in Y"; "It is located in Y" of the enterprise the sentences before were about."""
    items = v.mentions
    for k, (m, e) in enumerate(items):
        # "Foshan-based X": a place, then "-based", then the company
        if e.type in REGION_TYPES and k + 1 < len(items) and items[k + 1][1].type == "Enterprise" \
                and BASED_RE.fullmatch(v.between(m, items[k + 1][0])):
            ctx.relate(p.relations, v.sentence, "located-in", items[k + 1][1].iri, "locatedIn", e.iri)
        if e.type not in ("Park", "Enterprise"):
            continue
        for m2, e2 in items[k + 1:k + 4]:
            gap = v.between(m, m2)
            if e2.type in PLACE_TYPES and (ctx.located_gap_re.fullmatch(gap) or e.type == "Enterprise" and (
                    ctx.apposition_from_re.fullmatch(gap) or ctx.located_past_apposition_re.fullmatch(gap))):
                ctx.relate(p.relations, v.sentence, "located-in", e.iri, "locatedIn", e2.iri)
                break
            if e.type == "Park" and e2.type in REGION_TYPES and re.fullmatch(r"\s*\(\s*(?:\w+ and )?", gap):
                ctx.relate(p.relations, v.sentence, "park-bracket", e.iri, "locatedIn", e2.iri)
                break
        if e.type == "Enterprise":
            at = v.end_of(m) - v.sentence.start
            head = ctx.located_in_the_park_re.match(v.sentence.text, at)
            zone = recent_park(ctx, p, head.group(1)) if head else None
            if zone:  # "X, which is located in the zone"
                ctx.relate(p.relations, v.sentence, "located-in", e.iri, "locatedIn", zone)
    # "In Jiangmen, the Yinhu Bay New Area attracted ...": a park introduced after the place the sentence opens with
    opening = OPENING_PLACE_RE.match(v.sentence.text)
    if opening:
        regions = [(m, e) for m, e in v.of_type(*REGION_TYPES) if m.start - v.sentence.start == opening.start(1)]
        parks = [(m, e) for m, e in v.of_type("Park") if m.start - v.sentence.start == opening.end()]
        for (_, region), (_, park) in zip(regions[:1], parks[:1]):
            if region.iri not in ctx.reference.ancestors(park.iri):
                ctx.relate(p.relations, v.sentence, "opening-place", park.iri, "locatedIn", region.iri)
    referent = subject_referent(ctx, p, v)
    if referent:
        head = ctx.located_head_re.match(v.sentence.text)
        places = [(m, e) for m, e in v.of_type(*PLACE_TYPES) if is_free(v, m)]
        if head and places and places[0][0].start - v.sentence.start <= head.end() + 30:
            ctx.relate(p.relations, v.sentence, "located-in-pronoun", referent, "locatedIn", places[0][1].iri)


def named_location(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """A park or enterprise named after a region lies in it ("Dasha Industrial Park", "Guangzhou X Co.", "X
    (Guangzhou)"); a park named "A-B ..." after two places lies in the second, its host ("Zhuhai-Yangjiang
    Industrial Park": a park Guangzhou builds in Qingyuan)."""
    regions = v.of_type(*REGION_TYPES)
    for m, e in v.of_type("Park", "Enterprise"):
        inner = [(r, er) for r, er in regions if m.start <= r.start and r.end <= m.end]
        if not inner:
            continue
        first, region = inner[0]
        if first.start == m.start and e.type == "Park":
            region = _host(v, inner)  # "Zhuhai-Lianjiang": in Lianjiang
        elif first.start != m.start:
            last, region = inner[-1]
            text = v.sentence.text
            if not (e.type == "Enterprise" and last.end == m.end - 1 and text[m.end - 1 - v.sentence.start] in ")）"):
                continue  # only a place at the start of the name, or in brackets at its end
        if e.type == "Enterprise" and region.type == "Province":
            continue
        ctx.relate(p.relations, v.sentence, "named", e.iri, "locatedIn", region.iri)


def _host(v: SentenceView, inner: list[tuple[Mention, Entity]]) -> Entity:
    """The last place of a hyphenated chain of places at the start of a park's name ("Zhuhai-Yangjiang"), if
    the chain is the whole of the name's place part; else the first place."""
    k = 0
    while k + 1 < len(inner) and v.between(inner[k][0], inner[k + 1][0]).strip() in ("-", "–", "—"):
        k += 1
    after = v.sentence.text[inner[k][0].end - v.sentence.start:][:2]
    if k and not re.match(r"[-–—]\w", after):
        return inner[k][1]
    return inner[0][1]


def hosts(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"the Zone, which houses X's plant", "the park is home to A and B": the place hosts those enterprises;
    "X's Zhaoqing plant", "X's manufacturing base in Guangzhou": a company's own site is where it is."""
    places = [(m, e) for m, e in v.of_type(*PLACE_TYPES) if is_free(v, m)]
    enterprises = v.of_type("Enterprise")
    for pm, pe in places:
        after = v.sentence.text[pm.end - v.sentence.start:]
        cue = ctx.host_after_re.match(after)
        if not cue:
            continue
        start = pm.end + cue.end()
        for _, ee in list_after(v, start, enterprises):  # the first within reach, and its list-mates
            ctx.relate(p.relations, v.sentence, "hosts", ee.iri, "locatedIn", pe.iri)
    if not may_hold_possessive(v):
        return
    for em, ee in enterprises:
        k = v.part_index(em.end) - 1
        if not (0 <= k < len(v.parts) and v.parts[k].possessive):
            continue
        # "X's Zhaoqing plant": a place between the possessive and a site noun
        for pm, pe in places:
            if pm.start <= em.end:
                continue
            between = v.sentence.text[em.end - v.sentence.start:pm.start - v.sentence.start]
            after = v.sentence.text[pm.end - v.sentence.start:]
            site_before = _site_noun(ctx, between)
            if re.fullmatch(r"['’]?s?\s*", between) and _site_noun(ctx, after[:25], at_start=True):
                ctx.relate(p.relations, v.sentence, "own-site", ee.iri, "locatedIn", pe.iri)
            elif site_before and re.search(r"\b(?:in|at)\s+(?:the\s+|its\s+)?$", between, re.IGNORECASE) \
                    and len(between) < 60 and not any(em.end < m.start < pm.start for m, _ in enterprises):
                # (not "X's supplier, Y, opened a plant in ...": the plant is Y's)
                ctx.relate(p.relations, v.sentence, "own-site", ee.iri, "locatedIn", pe.iri)
            break


def _site_noun(ctx: LinkContext, text: str, at_start: bool = False) -> bool:
    """Does the text hold a site noun ("plant", "manufacturing base"), or with `at_start` begin with one?"""
    keys = list(phrase_key(text))
    if at_start:
        keys = keys[:2]
    return any(tuple(keys[i:i + len(n)]) == n for n in ctx.lex.site_nouns for i in range(len(keys)))
