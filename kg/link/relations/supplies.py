"""supplies: an enterprise supplies another."""

from __future__ import annotations

import re

from kg.link.relations.context import (
    DocumentPass,
    LinkContext,
    SentenceView,
    list_after,
    sentence_evidence,
)


def supplies(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"A supplies B", "A ... as a supporting project for B", "A, a supplier of B"."""
    enterprises = v.of_type("Enterprise")
    for (a, ea), (b, _) in zip(enterprises, enterprises[1:]):
        gap = v.between(a, b).lower()
        cue = ctx.supply_re.search(gap)
        if len(gap) < 240 and cue and not re.search(r";|, and ", gap[:cue.start()]):
            for _, customer in list_after(v, b.start, enterprises):
                p.relations.add(ea.iri, "supplies", customer.iri, sentence_evidence(v.sentence))
                p.customers.add(customer.iri)
