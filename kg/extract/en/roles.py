"""Enterprises by the role their context gives a capitalised name:

- apposition with a company noun: "Ruida, a key supplier of body components for ...";
- a company noun right before the name: "Chinese automaker Meixin Motors", "battery maker HDT";
- the agent of an investment: "a base funded by X", "co-launched by X and Y", "with investment from X";
- the owner at the head of a project's name: "<Owner> Big Health Green Industry Project", "<Owner> (Shunde)
  Electronic Information Industry Base Project" (not a place's works: "<Place> Flood Control Project").

Every word these rules read (company nouns, agent cues, descriptive words) is in the lexicon."""

from __future__ import annotations

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part
from kg.extract.en.words import is_brand_like, name_word

# How many words may describe the company noun of an apposition ("a leading Chinese electric vehicle maker").
MAX_NOUN_MODIFIERS = 4
# How many names an agent cue introduces at most ("co-launched by A and B").
MAX_AGENTS = 4


def bracket_region_end(ctx: DocumentContext, parts: list[Part], k: int, regions: set[int]) -> int:
    """A place in brackets right after a name ("... Gas Turbine (Guangzhou)", "corporation(Jiangmen)"): the
    index after it, or `k` when there is none."""
    if k >= len(parts) or parts[k].start not in regions:
        return k
    if ctx.gap_text(parts[k - 1].end, parts[k].start).strip() not in ("(", "（"):
        return k
    j = k + 1
    while j < len(parts) and parts[j].start in regions and not parts[j].hard_gap:
        j += 1
    close = ctx.gap_text(parts[j - 1].end, parts[j].start if j < len(parts) else parts[j - 1].end + 1)
    return j if close.strip()[:1] in (")", "）") else k


def name_from(ctx: DocumentContext, parts: list[Part], k: int, regions: set[int], limit: int = 8) -> int:
    """The end of the company name that starts at parts[k]: its capitalised words, then lower-case business
    words that end in a legal form ("Meixin automobile corporation"), then a place in brackets."""
    if k >= len(parts) or not parts[k].cap:
        return k
    j = k + 1
    while (j < len(parts) and j - k < limit and parts[j].cap and not parts[j].hard_gap
           and not parts[j - 1].possessive and parts[j].key not in ctx.lex.list_stop_words):
        j += 1
    # "Hengda laser intelligent equipment corporation": lower-case words of the business, then a legal form
    e = j
    while e < len(parts) and e - j < 5 and not parts[e].hard_gap and not parts[e].cap and (
            parts[e].key in ctx.m.vocabulary_words or (parts[e].key,) in ctx.lex.enterprise_heads):
        e += 1
    if e < len(parts) and not parts[e].hard_gap and parts[e].key in ctx.lex.legal_form_words:
        j = e + 1
    return bracket_region_end(ctx, parts, j, regions)


def appositions(ctx: DocumentContext, parts: list[Part], add, regions: set[int]) -> None:
    """"X, a key supplier of ...", "X, a Chinese electric vehicle maker": a name followed by a comma and a
    noun phrase whose head is a company noun."""
    for k in range(1, len(parts)):
        if not parts[k].hard_gap or ctx.gap_text(parts[k - 1].end, parts[k].start).strip() != ",":
            continue
        if parts[k].key not in ("a", "an", "the", "one"):
            continue
        j = k + 1
        if parts[k].key == "one" and [p.key for p in parts[j:j + 2]] == ["of", "the"]:
            j += 2
        head = next((x for x in range(j, min(j + MAX_NOUN_MODIFIERS + 1, len(parts)))
                     if parts[x].key in ctx.lex.company_nouns and not parts[x].cap), None)
        if head is None or any(p.hard_gap or p.key in ctx.lex.list_stop_words or p.key in ("a", "an", "the")
                               for p in parts[j:head + 1]):
            continue  # "X, a representative of a supplier" is a person
        if head + 1 < len(parts) and not parts[head + 1].hard_gap and parts[head + 1].key not in (
                "of", "for", "in", "to", "that", "which", "with", "based", "headquartered", "specializing"):
            continue  # "a supplier network", not "a supplier of"
        lo = _name_start(parts, k)
        if lo is not None:
            add(lo, k, "apposition")


def noun_before_name(ctx: DocumentContext, parts: list[Part], add, regions: set[int]) -> None:
    """"Chinese automaker Meixin Motors", "headlamp maker X": a company noun right before a capitalised name."""
    for k in range(1, len(parts)):
        noun = parts[k - 1]
        if noun.cap or noun.key not in ctx.lex.company_nouns or parts[k].hard_gap or not parts[k].cap:
            continue
        if noun.raw.lower().endswith("s") and noun.key != noun.raw.lower():
            continue  # "companies X and Y ..." reads as a list cue elsewhere
        hi = name_from(ctx, parts, k, regions)
        if hi > k and not _is_place_only(parts, k, hi, regions):
            add(k, hi, "company-noun")


def investment_agents(ctx: DocumentContext, parts: list[Part], add, regions: set[int]) -> None:
    """"funded by X", "co-launched by X and Y", "with investment from X", "the investor of ... is X": the
    names an investment cue introduces."""
    keys = [p.key for p in parts]
    by_first = ctx.lex.agent_cues_by_first
    for i in range(len(parts)):
        for cue in by_first.get(keys[i], ()):
            if tuple(keys[i:i + len(cue)]) != cue:
                continue
            k = i + len(cue)
            if cue[-1] == "of":  # "the investor of <project> is X"
                k = next((x + 1 for x in range(k, min(k + 25, len(parts) - 1))
                          if keys[x] in ("is", "are", "was", "were") and not parts[x].cap), len(parts))
            for _ in range(MAX_AGENTS):
                hi = name_from(ctx, parts, k, regions)
                if hi == k:
                    break
                if not _is_place_only(parts, k, hi, regions):
                    add(k, hi, "investor-agent")
                if hi < len(parts) and keys[hi] == "and" and not parts[hi].hard_gap:
                    k = hi + 1
                elif hi < len(parts) and ctx.gap_text(parts[hi - 1].end, parts[hi].start).strip() == ",":
                    k = hi
                else:
                    break
            break


def project_owners(ctx: DocumentContext, parts: list[Part], add, regions: set[int]) -> None:
    """"<Owner> New Economy Supply Chain Innovation Center Project": a capitalised project name whose first
    words are a name and whose rest describes the business (an industry or a descriptive word). A project
    named after its site ("110 kV <Place> Power Transmission Project", "<Place> Flood Control Project") has no
    owner in its name."""
    for k in range(1, len(parts)):
        if not (parts[k].cap and (parts[k].key,) in ctx.lex.project_heads and not parts[k].hard_gap):
            continue
        lo = k
        while lo > 0 and (parts[lo - 1].cap and not parts[lo].hard_gap or _bracketed(ctx, parts, lo, regions)):
            lo -= 1
        if lo == k or (lo > 0 and parts[lo - 1].raw[:1].isdigit()):
            continue
        end = lo
        while end < k and _owner_word(ctx, parts[end]) and not (end > lo and _bracketed(ctx, parts, end, regions)):
            end += 1
        if end == lo or end == k or parts[lo].start in regions:
            continue
        rest = tuple(p.key for p in parts[end:k])
        if any(rest[a:a + len(w)] == w for w in ctx.lex.site_project_words for a in range(len(rest))):
            continue
        if any(p.key in ctx.m.vocabulary_words or p.key in ctx.lex.descriptive_name_words for p in parts[end:k]):
            add(lo, end, "project-name-owner")


def chain_leads(ctx: DocumentContext, parts: list[Part], add, regions: set[int]) -> None:
    """"Vivo and Oppo lead the smartphone chain": the names before "lead(s) the ... chain" are its companies."""
    for k in range(1, len(parts) - 1):
        if parts[k].raw.lower() not in ctx.lex.chain_lead_verbs or parts[k + 1].key != "the" or parts[k].hard_gap:
            continue
        if not any(p.key == "chain" for p in parts[k + 2:k + 8]):
            continue
        end = k
        for _ in range(MAX_AGENTS):
            lo = _name_start(parts, end)
            if lo is None:
                break
            if not _is_place_only(parts, lo, end, regions):
                add(lo, end, "chain-lead")
            if lo > 1 and parts[lo - 1].key == "and" and not parts[lo - 1].hard_gap:
                end = lo - 1
            elif lo > 0 and parts[lo].hard_gap and ctx.gap_text(parts[lo - 1].end, parts[lo].start).strip() == ",":
                end = lo
            else:
                break


def _owner_word(ctx: DocumentContext, part: Part) -> bool:
    return part.cap and part.key not in ctx.lex.descriptive_name_words and part.key not in ctx.m.vocabulary_words \
        and part.key not in ctx.lex.government_words and (name_word(ctx, part) or is_brand_like(part.raw, ctx.lex)
                                                          or part.raw.lower() in ctx.lex.common_capitalised)


def _bracketed(ctx: DocumentContext, parts: list[Part], k: int, regions: set[int]) -> bool:
    """Is parts[k] inside or right after a bracketed place ("TCL (Shunde) Electronic ...")?"""
    gap = ctx.gap_text(parts[k - 1].end, parts[k].start).strip()
    return gap in ("(", ")", "（", "）") and (parts[k].start in regions or parts[k - 1].start in regions)


def _name_start(parts: list[Part], end: int) -> int | None:
    """The start of the capitalised name that ends at parts[end] (exclusive), counting a bracketed place at its
    end; None if the words before are not a name."""
    k = end
    while k > 0 and end - k < 8 and parts[k - 1].cap and (k == end or not parts[k].hard_gap):
        k -= 1
    return k if k < end else None


def _is_place_only(parts: list[Part], lo: int, hi: int, regions: set[int]) -> bool:
    return all(p.start in regions for p in parts[lo:hi])
