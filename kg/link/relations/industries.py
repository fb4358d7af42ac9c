"""hasIndustry and inIndustry: what a place hosts and what an enterprise makes."""

from __future__ import annotations

import re

from kg.link.relations.context import (
    REGION_TYPES,
    DocumentPass,
    LinkContext,
    SentenceView,
    industry_of,
    is_free,
    list_after,
    park_referred_to,
    project_word_after,
    sentence_evidence,
    topic_park,
)
from kg.names import phrase_key

# "X, located in Y Street, produces printed circuit boards": what an enterprise makes
PRODUCES_RE = re.compile(r"(?:,[^,;]{0,60},)?\s*(?:mainly |mostly |also )?(?:produces|manufactures|makes|"
                         r"specializes in|specialises in|is engaged in|focuses on|is a (?:leading )?(?:\w+ )?"
                         r"(?:manufacturer|producer|maker|supplier) of)\s+", re.IGNORECASE)


def place_industries(ctx: LinkContext, p: DocumentPass, v: SentenceView, focus: str | None) -> None:
    ev = sentence_evidence(v.sentence)
    industries = v.of_type("Industry")
    # a park's own name says what it hosts ("Fine Chemical Industrial Park")
    for pm, pe in v.of_type("Park"):
        for im, ie in industries:
            if pm.start <= im.start and im.end <= pm.end:
                p.relations.add(pe.iri, "hasIndustry", ie.iri, ev)
    free = [(m, e) for m, e in industries if is_free(v, m)]
    # a province-wide plan names every industry of the province; only a county's or city's own report
    # makes its industries the place's
    if focus and free and ctx.reference.regions[focus].type != "Province":
        for _, ie in free:
            p.relations.add(focus, "hasIndustry", ie.iri, ev)
    # "Zhaoqing's new energy auto industry"
    for rm, re_ in v.of_type(*REGION_TYPES):
        end_k = v.part_index(rm.end) - 1
        if 0 <= end_k < len(v.parts) and v.parts[end_k].possessive:
            for im, ie in free:
                if 0 < im.start - rm.end <= 3:
                    p.relations.add(re_.iri, "hasIndustry", ie.iri, ev)
    # the park a sentence is about hosts the industries named near it
    parks = [(m, e) for m, e in v.of_type("Park")]
    topic = topic_park(v, parks)
    referred = park_referred_to(ctx, p, v) if not parks else None
    if referred:  # "The park focuses on new materials, electronic information and ..."
        for _, ie in free:
            p.relations.add(referred, "hasIndustry", ie.iri, ev)
    if topic:
        pm, pe = topic
        # "Build the Sihui Industrial Park ..., and accelerate the creation of a ... industry base":
        # a sentence that opens with the park is about it throughout
        opens_with_park = v.part_index(pm.start) <= 4
        for im, ie in free:
            distance = (v.part_index(im.start) - v.part_index(pm.end)) if im.start > pm.end else \
                (v.part_index(pm.start) - v.part_index(im.end))
            before = im.start < pm.start
            near = distance <= 6 if before else (distance <= 25 or opens_with_park)
            if near and ";" not in v.between(pm, im):
                p.relations.add(pe.iri, "hasIndustry", ie.iri, ev)


def enterprise_industries(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    ev = sentence_evidence(v.sentence)
    industries = v.of_type("Industry")
    enterprises = v.of_type("Enterprise")
    for k, (em, ee) in enumerate(enterprises):
        # the name itself ("Gordon Aluminum")
        for im, ie in industries:
            if em.start <= im.start and im.end <= em.end:
                p.relations.add(ee.iri, "inIndustry", ie.iri, ev)
        # "Xpeng Motors", "Xiaopeng Auto": a carmaker's name says what it makes
        if phrase_key(em.surface)[-1:] and phrase_key(em.surface)[-1] in ctx.lex.auto_heads:
            automotive = industry_of(ctx, p, "automobile")
            if automotive:
                p.relations.add(ee.iri, "inIndustry", automotive, ev)
        # what its project makes: "Fuji Electronics' ... circuit board expansion projects",
        # "Zhuoersheng new energy auto parts and other projects"
        limit = enterprises[k + 1][0].start if k + 1 < len(enterprises) else v.sentence.end
        project_end = project_word_after(v, em.end, limit)
        if project_end is not None:
            for im, ie in industries:
                if em.end <= im.start and im.end <= project_end and is_free(v, im):
                    p.relations.add(ee.iri, "inIndustry", ie.iri, ev)
    # "Yuehai Electronics ... produces printed circuit boards"
    for em, ee in enterprises:
        after = v.sentence.text[em.end - v.sentence.start:]
        verb = PRODUCES_RE.match(after)
        if verb:
            limit = em.end + verb.end() + 80
            for im, ie in industries:
                if em.end + verb.end() <= im.start < limit and is_free(v, im):
                    p.relations.add(ee.iri, "inIndustry", ie.iri, ev)
                    break
    # "electronic information companies such as X, Y"
    for im, ie in industries:
        k = v.part_index(im.end)
        following = " ".join(p.key for p in v.parts[k:k + 5])
        if re.match(r"(?:industry |industrial )?(?:enterprise|company|firm|manufacturer) (?:such a|including|like)",
                    following):
            for _, ee in list_after(v, im.end, enterprises):
                p.relations.add(ee.iri, "inIndustry", ie.iri, ev)
    # a sentence that opens with an industry ("Increase support for the metal processing industry,
    # support X ...") is about that industry's enterprises
    topic = _topic_industry(v, industries, enterprises)
    if topic:
        for _, ee in enterprises:
            p.relations.add(ee.iri, "inIndustry", topic.iri, ev)


def _topic_industry(v: SentenceView, industries, enterprises):
    free = [(m, e) for m, e in industries if is_free(v, m)]
    if not free or not enterprises or free[0][0].start > enterprises[0][0].start:
        return None
    first, entity = free[0]
    k = v.part_index(first.end)
    if k >= len(v.parts) or v.parts[k].key not in ("industry", "industrial"):
        return None
    clause_end = v.sentence.text.find(",", first.end - v.sentence.start)
    if clause_end == -1 or v.sentence.start + clause_end > enterprises[0][0].start:
        return None
    return entity
