"""chainMasterOf: the leading (链主) enterprise of an industry chain, or of a region's chains."""

from __future__ import annotations

import re

from kg.link.relations.context import (
    DocumentPass,
    LinkContext,
    SentenceView,
    is_free,
    list_after,
    names_a_chain,
    subject_referent,
)

# Between a chain-master cue and the chain it names after it: '" enterprise of the ', " of its "
OF_CHAIN_RE = re.compile(
    r"[\"”’']?\s*(?:enterprises?|company)?\s*(?:of|for|in)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+['’]s\s+)?")


# An apposition right after a name, which says what the company is: "X, a home appliance maker based in Y, ..."
APPOSITION_RE = re.compile(r"\s*,[^,;]{0,100},")
# How far a name may come before the cue it is the subject of, in characters (an apposition left out)
SUBJECT_REACH = 60


# A sentence that opens with what its subject is: "As a chain master enterprise of ..., X ..."
AS_A_RE = re.compile(r"\s*as (?:a|an|the|one of the)\b")


def chain_masters(ctx: LinkContext, p: DocumentPass, v: SentenceView, focus: str | None) -> None:
    text = v.sentence.text.lower()
    cues = [(m.start(), m.end()) for m in ctx.chain_master_re.finditer(text)]
    if not cues:
        return
    enterprises = v.of_type("Enterprise")
    for cs, ce in cues:
        cue_start, cue_end = v.sentence.start + cs, v.sentence.start + ce
        # "chain master enterprises such as A, B and C", "the chain master enterprise A"
        lead = re.match(r"[\"”’']?\s*(?:enterprises?|companies|company|firms?)?\s*(?:such as|including|like|:)?\s*",
                        text[ce:])
        masters = [ee.iri for _, ee in list_after(v, cue_end + (lead.end() if lead else 0), enterprises, max_gap=2)]
        before = [(em, ee) for em, ee in enterprises
                  if em.end <= cue_start and _near_before(text, em.end - v.sentence.start, cs)]
        if before:
            masters.append(before[-1][1].iri)
        elif referent := subject_referent(ctx, p, v):
            masters.append(referent)  # "The company is the chain leader of ...": the one named before
        elif AS_A_RE.match(text) and (comma := text.find(",", ce)) > 0:
            # "As a chain master enterprise of the X industry, Y will ...": the subject after the opening clause
            masters.extend(ee.iri for _, ee in list_after(v, v.sentence.start + comma + 1, enterprises, max_gap=2))
        if not masters:
            continue
        # the chain is an industry named at the cue ("new energy vehicle chain master"), else a region
        near = named_before = None
        for im, ie in v.of_type("Industry"):
            if not is_free(v, im) or im.end > cue_start:
                continue
            if cue_start - im.end < 25:  # "new energy vehicle chain master"
                near = ie.iri
            elif names_a_chain(v, im):  # "the X industry chain with Y as the chain master"
                named_before = ie.iri
        # "Y as the chain master of the X industry chain", "Y, the chain leader of Zhaoqing's X industry": the cue
        # says it is a chain
        of_chain = next((ie.iri for im, ie in v.of_type("Industry") if is_free(v, im)
                         and im.start >= cue_end and OF_CHAIN_RE.fullmatch(text[ce:im.start - v.sentence.start])),
                        None)
        chain = near or of_chain or named_before
        if chain is None:
            # "... enterprises such as A and B to lead the hardware industry chain"
            chain = next((ie.iri for im, ie in v.of_type("Industry") if 0 <= im.start - cue_end < 120
                          and ";" not in v.sentence.text[cs:im.start - v.sentence.start]
                          and is_free(v, im) and names_a_chain(v, im)), None)
        if chain is None:
            regions = [e for m, e in v.of_type("County", "City") if is_free(v, m)]
            chain = regions[0].iri if regions else focus
        if chain is None:
            continue
        for master in masters:
            ctx.relate(p.relations, v.sentence, "chain-master", master, "chainMasterOf", chain)


def _near_before(text: str, name_end: int, cue: int) -> bool:
    """Is a name that ends at `name_end` near enough before the cue at `cue` to be its subject, an apposition
    after the name left out ("X, a home appliance maker based in Shunde District of Foshan, has been named the
    chain master of ...")?"""
    apposition = APPOSITION_RE.match(text, name_end, cue)
    return cue - (apposition.end() if apposition else name_end) < SUBJECT_REACH


def chains_led_by(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"the new energy vehicle industry chain led by X", "X and Y lead the smartphone chain": X is the chain's
    master."""
    enterprises = v.of_type("Enterprise")
    s = v.sentence
    for im, ie in v.of_type("Industry"):
        if not names_a_chain(v, im) or not is_free(v, im):
            continue
        verb = ctx.lead_the_re.search(s.text[:im.start - s.start])
        if verb:  # "X and Y lead the smartphone chain"
            leaders = [(em, ee) for em, ee in enterprises if em.end <= s.start + verb.start()]
            for em, ee in leaders:
                between = s.text[v.end_of(em) - s.start:verb.start()]
                if re.fullmatch(r"\s*(?:(?:,|and)\s*(?:[^,;]*?))*", between) and len(between) < 80:
                    ctx.relate(p.relations, s, "chain-leads", ee.iri, "chainMasterOf", ie.iri)
    for im, ie in v.of_type("Industry"):
        led = re.match(r"\s*(?:industry |industrial )?chains? (?:is |are )?led by\s+",
                       v.sentence.text[im.end - v.sentence.start:])
        if led and is_free(v, im):
            for _, ee in list_after(v, im.end + led.end(), enterprises, max_gap=2):
                ctx.relate(p.relations, v.sentence, "chain-led-by", ee.iri, "chainMasterOf", ie.iri)
