"""hasIndustry and inIndustry: what a place hosts and what an enterprise makes.

An industry a sentence gives an enterprise (its name, its project, what it makes or supplies, the kind of company
it is said to be, alone or with the other companies of its list, the project it funds) is that enterprise's; one
a sentence gives a park (its name, "the park focuses on ...", a sentence about the park) is the park's, not its
city's; only what is left is the industry of the place the document is about (inferred, since the sentence does
not name that place)."""

from __future__ import annotations

import re

from kg.link.relations.context import (
    LIST_GAP_RE,
    REGION_TYPES,
    DocumentPass,
    LinkContext,
    SentenceView,
    agents,
    industry_of,
    is_free,
    list_after,
    park_referred_to,
    project_word_after,
    subject_referent,
    topic_park,
)
from kg.model import Mention
from kg.names import phrase_key

# How far after "produces" / "a supplier of" the industry may start, in characters.
PRODUCT_REACH = 80
# Before a company named as another's owner, in an apposition: "X, a (wholly-owned) subsidiary of Y".
OWNER_BEFORE_RE = re.compile(r"\b(?:subsidiary|affiliate|owned)\s+(?:of|by|under)\s+(?:the\s+)?$", re.IGNORECASE)
# Between what a project makes and its head: "battery project", "battery expansion project"
PRODUCT_BEFORE_HEAD_RE = re.compile(r"\s+(?:[a-z-]+\s+){0,2}")
# Between a project's head and the company whose project it is: "a battery project by X", "the plant of X"
PROJECT_OWNER_RE = re.compile(r"\s+(?:by|of)\s+(?:the\s+)?", re.IGNORECASE)
# Between a project's head and what it makes: "a production base for X", "the project of X"
PROJECT_OF_RE = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?", re.IGNORECASE)
# "Zhaoqing's new energy auto industry", "Jiangmen traditional motorbike industry": between region and industry
REGION_INDUSTRY_GAP_RE = re.compile(r"(?:['’]s?)?\s+(?:[a-z]+\s+){0,2}")


def industries(ctx: LinkContext, p: DocumentPass, v: SentenceView, focus: str | None) -> None:
    claimed = enterprise_industries(ctx, p, v)
    place_industries(ctx, p, v, focus, claimed)


def enterprise_industries(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> set[tuple[int, int]]:
    """inIndustry; returns the spans of the industry mentions given to an enterprise (not to the place)."""
    industries = v.of_type("Industry")
    enterprises = v.of_type("Enterprise")
    claimed: set[tuple[int, int]] = set()
    s = v.sentence

    def give(rule: str, enterprise: str, m: Mention | None, industry: str) -> None:
        ctx.relate(p.relations, s, rule, enterprise, "inIndustry", industry)
        if m is not None:
            claimed.add((m.start, m.end))

    for k, (em, ee) in enumerate(enterprises):
        # the name itself ("Hengda Aluminum")
        for im, ie in industries:
            if em.start <= im.start and im.end <= em.end:
                give("name-words", ee.iri, im, ie.iri)
        # "Meixin Motors", "Meixin Auto": a carmaker's name says what it makes; "Chinese automaker X" too
        key = phrase_key(em.surface)
        before = phrase_key(s.text[max(0, em.start - s.start - 24):em.start - s.start])
        glossed = ctx.lex.industry_nouns.get(before[-2:]) or ctx.lex.industry_nouns.get(before[-1:])
        if key[-1:] and key[-1] in ctx.lex.auto_heads:
            glossed = "automobile"
        industry = industry_of(ctx, p, glossed) if glossed else None
        if industry:
            give("name-words", ee.iri, None, industry)
        # what its project makes: "Hengda Electronics' ... circuit board expansion projects", "<Owner> (Shunde)
        # Electronic Information Industry Base Project"
        limit = enterprises[k + 1][0].start if k + 1 < len(enterprises) else s.end
        project_end = project_word_after(ctx, v, em.end, limit)
        if project_end is not None and k + 1 < len(enterprises) and _owned_by_next(ctx, v, project_end, limit):
            project_end = None  # "X ..., an auto parts plant by Y": Y's project, not X's
        if project_end is not None:
            # "X, a subsidiary of Y, produces ... at its plant": the plant is X's, not its owner's
            owner = OWNER_BEFORE_RE.search(s.text, 0, em.start - s.start)
            made = _made_at(ctx, v, project_end)  # "a production base for energy storage batteries"
            for im, ie in industries if owner is None else ():
                if (em.end <= im.start and im.end <= project_end or im.start == made) and is_free(v, im):
                    give("own-project", ee.iri, im, ie.iri)
        # "the 5 GWh energy storage battery project of X": what the project named before X makes
        owned = ctx.project_of_re.search(s.text, 0, em.start - s.start)
        head = owned.start() if owned else -1
        for im, ie in industries if owned else ():
            if im.end - s.start <= head and PRODUCT_BEFORE_HEAD_RE.fullmatch(s.text, im.end - s.start, head) \
                    and is_free(v, im):
                give("own-project", ee.iri, im, ie.iri)
        # "X produces printed circuit boards", "X, a key supplier of automotive body components for Y"
        end = v.end_of(em)
        after = s.text[end - s.start:]
        verb = ctx.produces_re.match(after) or ctx.apposition_of_re.match(after)
        if verb:
            reach = end + verb.end()
            for im, ie in industries:
                if reach <= im.start < reach + PRODUCT_REACH and is_free(v, im):
                    give("produces", ee.iri, im, ie.iri)
                    break
        # "X, a home appliance maker", "X is a leading biomedicine company"
        for im, ie in industries:
            if end <= im.start < end + 60 and ctx.kind_before_re.fullmatch(s.text, end - s.start, im.start - s.start) \
                    and ctx.company_noun_after_re.match(s.text, im.end - s.start) and is_free(v, im):
                give("produces", ee.iri, im, ie.iri)
    # "A, B and C, three leading enterprises in the food processing industry": each member's industry
    for members in _lists(v, enterprises):
        end = v.end_of(members[-1][0])
        industry = _listed_kind(ctx, v, industries, end)
        for _, ee in members if industry else ():
            give("produces", ee.iri, industry[0], industry[1].iri)
    # "It will produce fuel cells", "The project mainly produces ...": what the company referred to makes
    referent = subject_referent(ctx, p, v)
    verb = ctx.produce_re.search(s.text) if referent else None
    if referent and verb:
        reach = s.start + verb.end()
        for im, ie in industries:
            if reach <= im.start < reach + PRODUCT_REACH and is_free(v, im):
                give("produces", referent, im, ie.iri)
    # "electronic information companies such as X, Y"
    for im, ie in industries:
        following = v.sentence.text[im.end - v.sentence.start:].lstrip()
        if ctx.companies_listed_re.match(following):
            for _, ee in list_after(v, im.end, enterprises):
                give("industry-list", ee.iri, None, ie.iri)  # the place's companies: the place's industry too
    # "a production base for thermal components of gas turbines, funded by X": the project X funds
    for em, ee, clause in agents(ctx, v):
        for im, ie in industries:
            if clause <= im.start and im.end <= em.start and is_free(v, im):
                give("funded-project", ee.iri, im, ie.iri)
    # a sentence about an industry names its enterprises ("Increase support for the metal processing industry,
    # support X ...", "... to a smart home industrial cluster, when emerging enterprises (including X, Y) ...")
    topic = _topic_industry(ctx, v, industries, enterprises)
    if topic:
        for _, ee in enterprises:
            ctx.relate(p.relations, s, "topic-industry", ee.iri, "inIndustry", topic.iri)
    return claimed


def place_industries(ctx: LinkContext, p: DocumentPass, v: SentenceView, focus: str | None,
                     claimed: set[tuple[int, int]]) -> None:
    """hasIndustry of parks (their names, the park a sentence is about) and regions (named before the industry,
    or the one the document is about)."""
    s = v.sentence
    industries = v.of_type("Industry")
    # a park's own name says what it hosts ("Marine Biology Industrial Park")
    for pm, pe in v.of_type("Park"):
        for im, ie in industries:
            if pm.start <= im.start and im.end <= pm.end:
                ctx.relate(p.relations, s, "park-name", pe.iri, "hasIndustry", ie.iri)
    free = [(m, e) for m, e in industries if (m.start, m.end) not in claimed and is_free(v, m)]
    # "Zhaoqing's new energy auto industry", "Jiangmen traditional motorbike industry"
    for rm, region in v.of_type(*REGION_TYPES):
        if not is_free(v, rm):
            continue
        for im, ie in free:
            if not 0 < im.start - rm.end <= 30:
                continue
            gap = s.text[rm.end - s.start:im.start - s.start]
            if REGION_INDUSTRY_GAP_RE.fullmatch(gap) and _industry_head_after(ctx, v, im):
                ctx.relate(p.relations, s, "region-industry", region.iri, "hasIndustry", ie.iri)
    # the park a sentence is about hosts the industries named near it; then they are not the city's
    parks = v.of_type("Park")
    topic = topic_park(v, parks)
    referred = park_referred_to(ctx, p, v) if not parks else None
    if len(parks) > 1 and topic is None:
        # "The A Park will focus on X, and the B Zone will develop Y": each park's clause names its industries
        rest = []
        for im, ie in free:
            before = [(pm, pe) for pm, pe in parks if pm.end <= im.start]
            gap = s.text[before[-1][0].end - s.start:im.start - s.start] if before else ""
            if before and len(gap) < 60 and not re.search(r"[,;]", gap) and is_free(v, before[-1][0]):
                ctx.relate(p.relations, s, "park-clause", before[-1][1].iri, "hasIndustry", ie.iri)
            else:
                rest.append((im, ie))
        free = rest
    if referred:  # "The park focuses on new materials, electronic information and ..."
        for _, ie in free:
            ctx.relate(p.relations, s, "park-referred", referred, "hasIndustry", ie.iri)
        return
    if topic and free:  # (no industry left to place: nothing to read)
        pm, pe = topic
        # "Build the Dasha Industrial Park ..., and accelerate the creation of a ... industry base":
        # a sentence that opens with the park is about it throughout
        opens_with_park = v.part_index(pm.start) <= 4
        hosted = False
        subject = _subject(ctx, v, pm)
        for im, ie in free:
            distance = (v.part_index(im.start) - v.part_index(pm.end)) if im.start > pm.end else \
                (v.part_index(pm.start) - v.part_index(im.end))
            before = im.start < pm.start
            near = distance <= 6 if before else (distance <= 25 or opens_with_park)
            if near and ";" not in v.between(pm, im):
                ctx.relate(p.relations, s, "park-topic", pe.iri, "hasIndustry", ie.iri)
                hosted = True
        if hosted and subject:
            return  # "Today, the zone ... is home to ...": the park's industries, not its city's
    # a province-wide plan names every industry of the province; only a county's or city's own report
    # makes its industries the place's
    if focus and free and ctx.reference.regions[focus].type != "Province":
        for _, ie in free:
            ctx.relate(p.relations, s, "focus", focus, "hasIndustry", ie.iri)


def _lists(v: SentenceView, enterprises):
    """The runs of two or more enterprises a sentence lists ("A, B and C"), in text order."""
    runs, run, base = [], enterprises[:1], v.sentence.start
    for prev, cur in zip(enterprises, enterprises[1:]):
        if LIST_GAP_RE.fullmatch(v.sentence.text, v.end_of(prev[0]) - base, cur[0].start - base):
            run.append(cur)
        else:
            runs.append(run)
            run = [cur]
    runs.append(run)
    return [r for r in runs if len(r) > 1]


def _listed_kind(ctx: LinkContext, v: SentenceView, industries, end: int):
    """The industry an apposition after a list names for its members: ", three leading enterprises in the X
    industry" or ", two X companies"."""
    s = v.sentence
    of = ctx.list_apposition_re.match(s.text, end - s.start)
    for im, ie in industries:
        if not is_free(v, im) or im.start < end:
            continue
        if of and im.start - s.start == of.end():
            return im, ie
        if ctx.list_kind_re.fullmatch(s.text, end - s.start, im.start - s.start) \
                and ctx.company_noun_after_re.match(s.text, im.end - s.start):
            return im, ie
    return None


def _owned_by_next(ctx: LinkContext, v: SentenceView, project: int, owner: int) -> bool:
    """Is the project whose head starts at `project` the one of the company named at `owner`, right after the
    head and "by"/"of"?"""
    head = ctx.project_re.match(v.sentence.text, project - v.sentence.start)
    return head is not None and PROJECT_OWNER_RE.fullmatch(v.sentence.text, head.end(),
                                                            owner - v.sentence.start) is not None


def _made_at(ctx: LinkContext, v: SentenceView, project: int) -> int | None:
    """Where what a project makes is named after its head: "a production base for X", "a plant of X"."""
    text = v.sentence.text[project - v.sentence.start:]
    head = ctx.project_re.match(text)
    of = PROJECT_OF_RE.match(text, head.end()) if head else None
    return project + of.end() if of else None


def _subject(ctx: LinkContext, v: SentenceView, m: Mention) -> bool:
    """Is the mention the subject of its sentence: among its first words, after no verb or preposition ("Today,
    the zone is ..."; not "With the park as a fulcrum, we ..." nor "Build the park ...")?"""
    k = v.part_index(m.start)
    return k <= 4 and all(q.raw.lower() not in ctx.lex.openers or q.key in ("the", "this", "a", "an")
                          for q in v.parts[:k])


def _industry_head_after(ctx: LinkContext, v: SentenceView, m: Mention) -> bool:
    k = v.part_index(m.end)
    return k < len(v.parts) and not v.parts[k].hard_gap and v.parts[k].key in ctx.lex.industry_cues_after


def _topic_industry(ctx: LinkContext, v: SentenceView, industries, enterprises):
    """The industry a sentence opens with, where its first clause names it as an industry ("Increase support
    for the metal processing industry, ..."); for enterprises listed after a list noun ("emerging enterprises
    (including X, Y)"), the last industry named before the list."""
    free = [(m, e) for m, e in industries if is_free(v, m)]
    if not free or not enterprises or free[0][0].start > enterprises[0][0].start:
        return None
    first, entity = free[0]
    clause_end = v.sentence.text.find(",", first.end - v.sentence.start)
    if clause_end == -1 or v.sentence.start + clause_end > enterprises[0][0].start:
        return None
    if "industr" not in v.folded[first.end - v.sentence.start:].lower():
        return None  # the words are read only where "industry" may follow
    k = v.part_index(first.end)
    if k >= len(v.parts) or v.parts[k].key not in ("industry", "industrial"):
        return None
    listed = enterprises[0][0].cue == "list-such-as"
    if listed:
        before = [(m, e) for m, e in free if m.end <= enterprises[0][0].start and _industry_head_after(ctx, v, m)]
        if before:
            return before[-1][1]
    return entity
