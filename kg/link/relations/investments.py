"""investsIn: an enterprise invests, builds or expands a project in a place, with the amount stated."""

from __future__ import annotations

import re

from kg.link.relations.amounts import parse_amount
from kg.link.relations.context import (
    PLACE_TYPES,
    DocumentPass,
    LinkContext,
    SentenceView,
    is_free,
    recent_park,
    sentence_evidence,
)
from kg.model import Mention


def investments(ctx: LinkContext, p: DocumentPass, v: SentenceView, focus: str | None) -> None:
    """An enterprise followed, in its own stretch of the sentence, by an investment or a project it owns:
    "X plans to invest 200 million yuan in ... in Zhaoqing High-tech Zone", "support X to start the
    construction of ... projects". The place is the one the stretch names (or the park it refers back to
    as "the high-tech zone"), else the place the document is about."""
    ev = sentence_evidence(v.sentence)
    enterprises = v.of_type("Enterprise")
    for idx, (em, ee) in enumerate(enterprises):
        nxt = enterprises[idx + 1][0].start if idx + 1 < len(enterprises) else v.sentence.end
        end = nxt if em.cue != "list-and-other" else v.sentence.end
        window = v.sentence.text[em.end - v.sentence.start: end - v.sentence.start]
        window = re.split(r";|, and (?=[A-Z])", window)[0][:240]
        if not (em.cue == "project-owner" or ctx.invest_re.search(window)):
            continue
        target = _investment_place(ctx, p, v, em, em.end + len(window))
        if target is None:
            target = p.title_park
        if target is None and focus and ctx.reference.regions[focus].type in ("County", "City", "Town"):
            target = focus
        if target:
            p.relations.add(ee.iri, "investsIn", target, ev, parse_amount(window, ctx.lex.amount_units))


def _investment_place(ctx: LinkContext, p: DocumentPass, v: SentenceView, em: Mention, window_end: int) -> str | None:
    """The place of the project: right after the name ("X Longfu Town ... Power Station"), else the
    first place introduced by in/at after the investment word, else the first one before it."""
    text = v.sentence.text[em.end - v.sentence.start: window_end - v.sentence.start]
    cue = ctx.invest_re.search(text)
    cue_at = em.end + (cue.start() if cue else 0)
    candidates = []
    for pm, pe in v.mentions:
        if pe.type not in PLACE_TYPES or not (em.end <= pm.start < window_end) or not is_free(v, pm):
            continue
        gap = v.sentence.text[em.end - v.sentence.start: pm.start - v.sentence.start]
        if re.fullmatch(r"(?:'s?|’s?)?\s*", gap):
            return pe.iri
        if re.search(r"\b(?:in|at|into|to)\s+(?:the\s+)?$", gap):
            candidates.append((pm.start < cue_at, pm.start, pe.iri))
    if candidates:
        return min(candidates)[2]
    text = v.sentence.text[em.end - v.sentence.start: window_end - v.sentence.start].lower()
    back = re.search(r"\bin the (high-tech zone|hi-tech zone|development zone|new area|industrial park|park|zone)\b",
                     text)
    if back:
        return recent_park(ctx, p, back.group(1))
    return None
