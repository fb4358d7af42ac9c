"""Enterprises by what they do: a name that acts like a company ("<Name> signed ...", "<Name> plans to
invest ...") or owns a project ("<Name>'s ... project")."""

from __future__ import annotations

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part
from kg.extract.en.words import is_brand_like, is_head_word, name_word


def investor_names(ctx: DocumentContext, parts: list[Part], add) -> None:
    """A name that acts like a company: "BYD signed a contract ...", "Xinyuan plans to invest ..."."""
    keys = [p.key for p in parts]
    for i, part in enumerate(parts):
        if not part.cap or (i > 0 and parts[i - 1].cap and not part.hard_gap):
            continue
        end = i + 1
        while end < len(parts) and parts[end].cap and not parts[end].hard_gap and end - i < 4:
            end += 1
        if end >= len(parts) or parts[end].hard_gap:
            continue
        if keys[end] not in ctx.lex.investor_verb_firsts or not any(
                tuple(keys[end:end + len(v)]) == v for v in ctx.lex.investor_verbs):
            continue
        core = parts[i:end]
        if all(is_brand_like(p.raw, ctx.lex) or (i > 0 and name_word(ctx, p)) or is_head_word(ctx, p)
               for p in core) and not is_head_word(ctx, core[0]):
            add(i, end, "investor-verb")


def project_owner_names(ctx: DocumentContext, parts: list[Part], add) -> None:
    """A brand-like name that owns a project: "GCL's ... project", "Hengda prepared vegetable project"."""
    for i, part in enumerate(parts):
        if not part.cap:
            continue
        if i > 0 and parts[i - 1].cap and not parts[i].hard_gap:
            continue  # only the start of a capitalised run
        if not is_brand_like(part.raw, ctx.lex) and not (part.possessive and name_word(ctx, part)):
            continue  # a brand, or any name that owns something ("ExxonMobil's ... complex")
        if i > 0 and parts[i - 1].raw[:1].isdigit():
            continue  # a unit ("20 GW")
        end = i + 1
        while end < len(parts) and parts[end].cap and not parts[end].hard_gap and not parts[end - 1].possessive:
            end += 1
        window = parts[end : end + 8]
        for k, p in enumerate(window):
            if p.hard_gap:
                break
            if tuple(x.key for x in window[k : k + 2]) in ctx.lex.project_words or (p.key,) in ctx.lex.project_words:
                if p.cap:
                    break  # a named project ("Zijing Power Transmission Project"), not its owner
                trailing = " ".join(x.raw for x in window[:k])
                described = _leading_industry_words(ctx, window[:k])
                if parts[end - 1].possessive or described:
                    add(i, end, "project-owner", trailing)
                break


def _leading_industry_words(ctx: DocumentContext, words: list[Part]) -> bool:
    return any(ctx.m.industries.entries.get(tuple(p.key for p in words[a:b]))
               for a in range(len(words)) for b in range(a + 1, len(words) + 1))
