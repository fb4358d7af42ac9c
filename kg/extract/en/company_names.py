"""Enterprises by the words of their name: a company form ("... Co., Ltd.", "... Group") or a brand-like
name before a business head ("<Brand> Copper")."""

from __future__ import annotations

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part
from kg.extract.en.words import cap_run_before, is_brand_like, name_word


def company_form_names(ctx: DocumentContext, parts: list[Part], add) -> None:
    for i in range(len(parts)):
        for form in ctx.lex.forms_by_first.get(parts[i].key, ()):
            n = len(form)
            if tuple(p.key for p in parts[i : i + n]) != form or not parts[i].cap:
                continue
            if form in {("co",), ("company",)} and i + n < len(parts) and parts[i + n].cap:
                continue
            lo = cap_run_before(parts, i)
            if lo < i:
                add(lo, i + n, "company-form")
            break


def headed_names(ctx: DocumentContext, parts: list[Part], add, blocked: set[int]) -> None:
    """Brand-like name + industry head: "Jintian Copper", "Xizhen Circuit", "Ruiqing Shidai"."""
    for i in range(1, len(parts)):
        if parts[i].key not in ctx.lex.head_firsts:
            continue
        head_len = 0
        for n in (2, 1):
            if i + n > len(parts):
                continue
            if tuple(p.key for p in parts[i : i + n]) in ctx.lex.enterprise_heads and all(
                p.cap for p in parts[i : i + n]
            ):
                head_len = n
                break
        if not head_len or parts[i].hard_gap:
            continue
        after = i + head_len
        numbered = after + 1 < len(parts) and parts[after].key == "no" and parts[after + 1].raw[:1].isdigit()
        if after < len(parts) and parts[after].cap and not parts[after].hard_gap and not parts[after - 1].possessive:
            if (parts[after].key,) not in ctx.lex.company_forms and parts[after].start not in blocked \
                    and not numbered:
                continue  # the name goes on ("Zijing Power Transmission Project"), unless "X No. 1 Plant"
        lo = cap_run_before(parts, i, limit=3)
        core = parts[lo:i]
        if core and (all(is_brand_like(p.raw, ctx.lex) for p in core)
                     or lo > 0 and all(name_word(ctx, p) for p in core)):
            add(lo, i + head_len, "brand-head")
