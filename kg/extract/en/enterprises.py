"""Enterprises: the candidates every enterprise finder proposes, kept where the words make a company name.

The finders: company forms (kg.extract.en.company_names), brand + business head (the same), list items
(kg.extract.en.lists), investors and project owners (kg.extract.en.investors), names a role makes companies
(appositions, company nouns, investment agents, owners at the head of a project's name:
kg.extract.en.roles), and the mates of a found enterprise in a list of names (kg.extract.en.lists)."""

from __future__ import annotations

from kg.extract.en.company_names import company_form_names, headed_names, lowercase_form_names
from kg.extract.en.context import DocumentContext
from kg.extract.en.investors import investor_names, project_owner_names
from kg.extract.en.lists import colon_listed_names, list_mates, listed_names
from kg.extract.en.parts import Part, parts_within
from kg.extract.en.roles import (
    appositions,
    bracket_region_end,
    chain_leads,
    investment_agents,
    noun_before_name,
    project_owners,
)
from kg.extract.en.words import PINYIN_RE, is_head_word
from kg.extract.spans import drop_nested
from kg.model import Mention
from kg.names import singular


def find_enterprises(ctx: DocumentContext, idx: int, taken: list[Mention]) -> list[Mention]:
    parts = ctx.parts[idx]
    blocked = {p.start for m in taken if m.kind in ("park", "region") for p in parts_within(parts, m.start, m.end)}
    regions = {p.start for m in taken if m.kind == "region" for p in parts_within(parts, m.start, m.end)}
    found: dict[tuple[int, int], Mention] = {}

    def add(lo: int, hi: int, cue: str, trailing: str = "") -> None:
        lo, hi = _trim_name(ctx, parts, lo, hi)
        if hi <= lo or not _valid_name(ctx, parts, lo, hi, blocked) or _is_person(ctx, parts[lo:hi]):
            return
        if cue != "project-name-owner":  # "<Owner> (Shunde) ... Project": the place is the project's
            hi = bracket_region_end(ctx, parts, hi, regions)
        if _quoted(ctx, parts[lo].start, parts[hi - 1].end):
            return  # a slogan or a programme in quotes ("Fuxian"), not a company
        if any(w[:1].isupper() and singular(w.lower()) in ctx.lex.government_words for w in trailing.split()):
            return
        detail = (("trailing", trailing),) if trailing else ()
        found.setdefault((lo, hi), ctx.mention("enterprise", parts, lo, hi, idx, cue=cue, detail=detail))

    # each finder runs where its sentence holds its cue words
    words, text, lex = ctx.words[idx], ctx.sentences[idx].text, ctx.lex
    if not words.isdisjoint(lex.forms_by_first):
        company_form_names(ctx, parts, add)
    if not words.isdisjoint(lex.legal_form_words):
        lowercase_form_names(ctx, parts, add)
    if not words.isdisjoint(lex.list_nouns_by_first) or "other" in words:
        listed_names(ctx, parts, idx, add, blocked)
    if not words.isdisjoint(lex.head_firsts):
        headed_names(ctx, parts, add, blocked)
    if not words.isdisjoint(ctx.m.project_firsts):
        project_owner_names(ctx, parts, add)
    if not words.isdisjoint(lex.investor_verb_firsts):
        investor_names(ctx, parts, add)
    if ":" in text:
        colon_listed_names(ctx, parts, add, blocked)
    if "," in text:
        appositions(ctx, parts, add, regions)
    if not words.isdisjoint(ctx.lex.company_nouns):
        noun_before_name(ctx, parts, add, regions)
    if not words.isdisjoint(ctx.m.agent_words):
        investment_agents(ctx, parts, add, regions)
    if not words.isdisjoint(ctx.m.project_firsts):
        project_owners(ctx, parts, add, regions)
    if "chain" in words and not words.isdisjoint(lex.chain_lead_verbs):
        chain_leads(ctx, parts, add, regions)
    list_mates(ctx, parts, add, [(m.start, m.end) for m in found.values()])
    return drop_nested(list(found.values()))


def _is_person(ctx: DocumentContext, words: list[Part]) -> bool:
    """"Li Xiaodong", "Cai Qiliang": a surname and a one- or two-syllable given name."""
    if not 2 <= len(words) <= 3 or words[0].key not in ctx.lex.surnames:
        return False
    return all(PINYIN_RE.match(p.key) and not is_head_word(ctx, p) for p in words[1:])


def _quoted(ctx: DocumentContext, start: int, end: int) -> bool:
    before = ctx.gap_text(start - 1, start)
    after = ctx.gap_text(end, end + 1)
    return before in "\"“'‘" and after in "\"”'’" and before != "" and after != ""


def _trim_name(ctx: DocumentContext, parts: list[Part], lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and (parts[lo].raw.lower() in ctx.lex.openers or not parts[lo].cap):
        lo += 1
    while hi > lo and parts[hi - 1].key in ("and", "of", "the"):
        hi -= 1
    return lo, hi


def _valid_name(ctx: DocumentContext, parts: list[Part], lo: int, hi: int, blocked: set[int]) -> bool:
    words = parts[lo:hi]
    if any(p.start in blocked for p in words[:1]) and all(p.start in blocked for p in words):
        return False
    if any(p.raw.lower() in ctx.lex.month_names for p in words[:1]) and len(words) == 1:
        return False  # "In March, the company ..."
    if any(p.key in ctx.lex.government_words for p in words):
        return False
    if not any(p.cap for p in words):
        return False
    key = tuple(p.key for p in words)
    if ctx.m.industries.entries.get(key) or ctx.m.regions.entries.get(key):
        return False
    # a name that is only a region plus industry words is a place's industry, not a company, unless a legal
    # form says it is one ("<City> Pharmaceutical Holdings Limited")
    distinctive = [p for p in words if p.start not in blocked and not is_head_word(ctx, p)]
    legal = any(p.key in ctx.lex.legal_form_words for p in words[-2:]) and any(
        p.start not in blocked and (p.key,) not in ctx.lex.company_forms for p in words)
    if not legal and (not distinctive or all(p.key in ctx.lex.common_capitalised for p in distinctive)):
        return False
    # "Fengkai Gulishan", "Deqing Shicao": a place name followed by a bare word is a village or a sight
    if words[0].start in blocked and not any(is_head_word(ctx, p) for p in words) \
            and not ctx.m.industries.longest_ending_at(words, len(words))[0]:
        return False  # (a name that ends in an industry is a business: "<Place> Guolian Aquatic Products")
    return True
