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
            end = _before_bracket(ctx, parts, i) if parts[i].hard_gap else i
            if end is not None and cap_run_before(parts, end) < end:
                add(cap_run_before(parts, end), i + n, "company-form")
            break


def _before_bracket(ctx: DocumentContext, parts: list[Part], i: int) -> int | None:
    """"Hengda Technology (Guangdong) Co., Ltd": where the name before a bracketed place ends, for a legal
    form right after the bracket (None if there is no such bracket)."""
    if ctx.gap_text(parts[i - 1].end, parts[i].start).strip() not in (")", "）") if i else True:
        return None
    for b in range(i - 1, max(0, i - 5), -1):
        if ctx.gap_text(parts[b - 1].end, parts[b].start).strip() in ("(", "（"):
            return b
        if parts[b].hard_gap:
            return None
    return None


def headed_names(ctx: DocumentContext, parts: list[Part], add, blocked: set[int]) -> None:
    """Brand-like name + industry head: "Hengda Copper", "Meixin Circuit", "Ruilong Shidai"; the head may be
    several such words ("Hengda Display Technology")."""
    for i in range(1, len(parts)):
        if parts[i].key not in ctx.lex.head_firsts:
            continue
        head_len = _head_at(ctx, parts, i)
        if not head_len or parts[i].hard_gap:
            continue
        while more := _head_at(ctx, parts, i + head_len):  # "<Brand> Display Technology"
            if parts[i + head_len].hard_gap:
                break
            head_len += more
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


def _head_at(ctx: DocumentContext, parts: list[Part], i: int) -> int:
    """How many capitalised words of a business head start at part i ("Copper", "New Energy"), 0 for none."""
    for n in (2, 1):
        if i + n <= len(parts) and tuple(p.key for p in parts[i:i + n]) in ctx.lex.enterprise_heads and all(
                p.cap for p in parts[i:i + n]):
            return n
    return 0


def lowercase_form_names(ctx: DocumentContext, parts: list[Part], add) -> None:
    """"Chongqing Meixin automobile corporation", "Hengda laser intelligent equipment corporation": a
    capitalised name, lower-case words of its business and a lower-case legal form."""
    for i in range(1, len(parts)):
        if parts[i].cap or parts[i].key not in ctx.lex.legal_form_words or parts[i].hard_gap:
            continue
        k = i
        while k > 0 and i - k < 5 and not parts[k].hard_gap and not parts[k - 1].cap and (
                parts[k - 1].key in ctx.m.vocabulary_words or (parts[k - 1].key,) in ctx.lex.enterprise_heads):
            k -= 1
        if k == 0 or parts[k].hard_gap or not parts[k - 1].cap:
            continue
        lo = cap_run_before(parts, k, limit=4)
        if lo < k:
            add(lo, i + 1, "company-form")
