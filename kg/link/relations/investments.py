"""investsIn: an enterprise invests, builds or expands a project in a place, with the amount stated (in yuan
and as written).

Three phrasings: the enterprise acts ("X plans to invest 200 million yuan in ... in Zhaoqing High-tech
Zone", "support X to start the construction of ... projects"); the enterprise is the agent of a project ("a
base funded by X", "with investment from X", "co-launched by X and Y"); the sentence refers to the enterprise
the sentences before were about ("It established the base in B area of Lubao industry park, with total
investment 1.1 billion yuan"). The place is the one the sentence names for the project, else the park the
enterprise is in, the park the title names, or the place the document is about (inferred)."""

from __future__ import annotations

import re

from kg.link.relations.amounts import parse_amount
from kg.link.relations.context import (
    LIST_GAP_RE,
    PLACE_TYPES,
    DocumentPass,
    LinkContext,
    SentenceView,
    agents,
    is_free,
    may_hold_possessive,
    recent_park,
    subject_referent,
)
from kg.model import Mention, Sentence
from kg.names import phrase_key

# the list is the subject: its verb follows it ("..., have settled in", " will invest")
LIST_VERB_RE = re.compile(r"\s*,?\s*(?:(?:have|has|had|will|all|also|jointly|plan to|plans to|to)\s+)*(?:been\s+)?")


# "X, a key supplier of modules for Y, opened ...": an apposition that opens after a name
APPOSITION_RE = re.compile(r"\s*,\s*(?:a|an|the|one of|its|which|whose)\b[^,;]*$", re.IGNORECASE)


def _appositions(s: Sentence, enterprises: list, ends: list[int], windows: list[str]) -> None:
    """"X, a supplier for Y, opened a plant in Z": the verb after the apposition is X's, and Y's window ends
    where the apposition does. The windows (each enterprise's words from where its name ends, `ends`, up to the
    next one) are changed in place."""
    for idx in range(len(enterprises) - 1):
        if not APPOSITION_RE.match(windows[idx]):
            continue
        inner = idx + 1
        closing = s.text.find(",", ends[inner] - s.start)
        if closing < 0:
            continue
        for k in range(inner, len(enterprises)):
            if enterprises[k][0].start - s.start > closing:
                break
            windows[k] = s.text[ends[k] - s.start:closing]
            last = k
        after_end = enterprises[last + 1][0].start - s.start if last + 1 < len(enterprises) else len(s.text)
        start = ends[idx] - s.start
        # the apposition blanked out, not cut: a window's offsets count from the end of its name
        windows[idx] = (" " * (closing - start) + s.text[closing:after_end])[:240 + closing - start]


def investments(ctx: LinkContext, p: DocumentPass, v: SentenceView, focus: str | None) -> None:
    s = v.sentence
    enterprises = v.of_type("Enterprise")
    done: set[str] = set()
    windows = []
    ends = [v.end_of(em) for em, _ in enterprises]  # where each name ends, its "Ltd." and all
    for idx, (em, _) in enumerate(enterprises):
        nxt = enterprises[idx + 1][0].start if idx + 1 < len(enterprises) else s.end
        end = nxt if em.cue != "list-and-other" else s.end
        windows.append(re.split(r";|, and (?=[A-Z])", s.text[ends[idx] - s.start: end - s.start])[0][:240])
    _appositions(s, enterprises, ends, windows)
    reach = [end + len(window) for end, window in zip(ends, windows)]  # where each window ends in the text
    # "enterprises including A, B and C have settled in the zone": a list's verb is each item's
    for idx in range(len(enterprises) - 2, -1, -1):
        verb = LIST_VERB_RE.match(windows[idx + 1])
        if LIST_GAP_RE.fullmatch(windows[idx]) and verb and ctx.invest_re.match(windows[idx + 1], verb.end()):
            windows[idx], reach[idx] = windows[idx + 1], reach[idx + 1]
    for idx, (em, ee) in enumerate(enterprises):
        window = windows[idx]
        cue = ctx.invest_re.search(window)
        if not (em.cue == "project-owner" or cue):
            continue
        if cue and _own_site(ctx, v, em, window, cue):
            continue  # "X's Zhaoqing plant": where X is (locatedIn), not an investment the sentence reports
        target = _investment_place(ctx, p, v, em, reach[idx]) or _default_place(ctx, p, ee.iri, focus)
        if target:
            ctx.relate(p.relations, s, "invests", ee.iri, "investsIn", target, parse_amount(window, ctx.lex))
            done.add(ee.iri)
            if cue and _site_in(ctx, v, window, cue, target):
                # "will establish a base in Jiangmen", "have settled in the zone": the company is there too
                ctx.relate(p.relations, s, "site-in", ee.iri, "locatedIn", target)
    for em, ee, clause in agents(ctx, v):
        if ee.iri in done:
            continue
        text = s.text[clause - s.start:em.start - s.start]
        clause_end = s.text.find(";", em.end - s.start)
        clause_end = s.end if clause_end < 0 else s.start + clause_end
        # the place the clause gives the project, before the agent or after it ("..., will be built in P")
        places = [pe.iri for pm, pe in v.of_type(*PLACE_TYPES)
                  if clause <= pm.start < clause_end and not em.start <= pm.start < em.end and is_free(v, pm)
                  and _introduced(s.text[:pm.start - s.start])]
        target = places[0] if places else _default_place(ctx, p, ee.iri, focus)
        p.investors.add(ee.iri)
        if target:
            ctx.relate(p.relations, s, "invest-agent", ee.iri, "investsIn", target, parse_amount(text, ctx.lex))
            done.add(ee.iri)
    referent = subject_referent(ctx, p, v)
    if referent and referent not in done and ctx.invest_re.search(s.text):
        places = [pe.iri for pm, pe in v.of_type(*PLACE_TYPES)
                  if is_free(v, pm) and _introduced(s.text[:pm.start - s.start], reach=30)]
        target = places[0] if places else _default_place(ctx, p, referent, focus)
        if target:
            ctx.relate(p.relations, s, "invests-pronoun", referent, "investsIn", target,
                       parse_amount(s.text, ctx.lex))
            if _site_in(ctx, v, s.text, ctx.invest_re.search(s.text), target):
                ctx.relate(p.relations, s, "site-in", referent, "locatedIn", target)


def _introduced(before: str, reach: int = 0) -> bool:
    """Is a place introduced as where something is, by in/at/into (up to `reach` characters before it: "in A
    area of <park>")?"""
    middle = f"[^,;]{{0,{reach}}}" if reach else ""
    return re.search(r"\b(?:in|at|into)\s+(?:the\s+|its\s+|their\s+)?" + middle + r"$", before,
                     re.IGNORECASE) is not None


def _own_site(ctx: LinkContext, v: SentenceView, em: Mention, window: str, cue: re.Match) -> bool:
    """"X's Zhaoqing plant", "X's manufacturing base in Guangzhou": a possessive, then (a place and) a site noun
    as the only investment word."""
    if cue.start() > 40 or not may_hold_possessive(v):
        return False
    k = v.part_index(em.end) - 1
    if not (0 <= k < len(v.parts) and v.parts[k].possessive):
        return False
    return phrase_key(cue.group()) in ctx.lex.site_nouns and not ctx.invest_re.search(window, cue.end())


def _site_in(ctx: LinkContext, v: SentenceView, text: str, cue: re.Match | None, target: str) -> bool:
    """"establish a base in <place>", "set up a plant in <park>": a site noun, then the place it is in."""
    if cue is None or ctx.entities[target].type not in PLACE_TYPES:
        return False
    sites = [m for m in ctx.invest_re.finditer(text)
             if phrase_key(m.group()) in ctx.lex.site_nouns or m.group().lower().startswith("settl")]
    return any(re.match(r"\s+(?:\w+\s+){0,2}?(?:in|at)\s+", text[m.end():]) for m in sites)


def _default_place(ctx: LinkContext, p: DocumentPass, enterprise: str, focus: str | None) -> str | None:
    """Where an investment the sentence gives no place for goes: the park the document placed the enterprise
    in (or saw it invest in), the park its title names, or the county or city it is about."""
    parks = sorted(o for predicate in ("locatedIn", "investsIn") for o in p.relations.objects(enterprise, predicate)
                   if ctx.entities[o].type == "Park")
    if parks:
        return parks[0]
    if p.title_park:
        return p.title_park
    if focus and ctx.reference.regions[focus].type in ("County", "City", "Town"):
        return focus
    return None


def _investment_place(ctx: LinkContext, p: DocumentPass, v: SentenceView, em: Mention, window_end: int) -> str | None:
    """The place of the project: right after the name ("X Longfu Town ... Power Station"), else the
    first place introduced by in/at after the investment word, else the first one before it, else the park of
    that kind the document named last ("in the high-tech zone")."""
    s = v.sentence
    text = s.text[em.end - s.start: window_end - s.start]
    cue = ctx.invest_re.search(text)
    cue_at = em.end + (cue.start() if cue else 0)
    candidates = []
    for pm, pe in v.mentions:
        if pe.type not in PLACE_TYPES or not (em.end <= pm.start < window_end) or not is_free(v, pm):
            continue
        gap = s.text[em.end - s.start: pm.start - s.start]
        if re.fullmatch(r"(?:'s?|’s?)?\s*\(?\s*", gap):  # "X Longfu Town ...", "<Owner> (Shunde) ... Project"
            return pe.iri
        if re.search(r"\b(?:in|at|into|to)\s+(?:the\s+|its\s+|their\s+)?$", gap, re.IGNORECASE):
            candidates.append((pm.start < cue_at, pm.start, pe.iri))
    if candidates:
        return min(candidates)[2]
    back = ctx.back_park_re.search(text)
    if back:
        return recent_park(ctx, p, back.group(1))
    return None
