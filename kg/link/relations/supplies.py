"""supplies: an enterprise supplies another: "A supplies B", "A provides B with X", "A ... as a supporting project
for B", "A, a key supplier of body components for B", "B's supplier A", "suppliers of B such as A"."""

from __future__ import annotations

import re

from kg.link.relations.context import (
    DocumentPass,
    LinkContext,
    SentenceView,
    list_after,
)

# "A provides B with windshields": the verb right after the supplier, "with" right after its customers
PROVIDES_BEFORE_RE = re.compile(r"\s+(?:(?:also|mainly|has|have|will|now)\s+)*(?:provides?|provided|providing)\s+")
WITH_AFTER_RE = re.compile(r"\s+with\b")


def supplies(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    enterprises = v.of_type("Enterprise")
    s = v.sentence
    for (a, ea), (b, _) in zip(enterprises, enterprises[1:]):
        gap = v.between(a, b).lower()
        cue = ctx.supply_re.search(gap)
        if cue and cue.group().startswith("provide") and gap[cue.end():].strip() not in ("", "the"):
            cue = None  # "provides services for the county with support from B": not for B
        if len(gap) < 240 and cue and not re.search(r";|, and ", gap[:cue.start()]) \
                or _provides_with(v, gap, b, enterprises):
            for _, customer in list_after(v, b.start, enterprises):
                ctx.relate(p.relations, s, "supplies", ea.iri, "supplies", customer.iri)
                p.customers.add(customer.iri)
    # "B's (key) supplier A", "suppliers of B such as A"
    for (b, eb), (a, ea) in zip(enterprises, enterprises[1:]):
        gap = v.between(b, a).lower()
        possessive = re.fullmatch(r"['’]s?\s+(?:[\w-]+\s+){0,3}suppliers?,?\s*", gap)
        listed = re.fullmatch(r",?\s+(?:such as|including|like)\s+", gap) and re.search(
            r"\bsuppliers?\s+(?:of|to|for)\s+$", s.text[:b.start - s.start].lower())
        if possessive or listed:
            for _, supplier in [(a, ea), *list_after(v, a.end, enterprises)[1:]]:
                ctx.relate(p.relations, s, "supplier-of", supplier.iri, "supplies", eb.iri)
            p.customers.add(eb.iri)


def _provides_with(v: SentenceView, gap: str, b, enterprises) -> bool:
    """"A provides B (and C) with windshields": the verb right after the supplier, "with" right after the
    customers."""
    if not PROVIDES_BEFORE_RE.fullmatch(gap):
        return False
    customers = list_after(v, b.start, enterprises)
    return bool(customers) and WITH_AFTER_RE.match(v.sentence.text, v.end_of(customers[-1][0]) - v.sentence.start) \
        is not None
