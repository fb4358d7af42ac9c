"""subsidiaryOf: a company that belongs to another, as a sentence says. The subsidiary keeps its own node (its
own name: resolution never merges it with its parent); this relation links the two."""

from __future__ import annotations

import re

from kg.link.relations.context import DocumentPass, LinkContext, SentenceView

_KIND = r"(?:(?:wholly|fully|majority)[- ]owned\s+|holding\s+|controlled\s+|controlling\s+)?"
# what stands between "<Subsidiary>" and "<Parent>": ", a wholly-owned subsidiary of", "(owned by", ", under"
CHILD_THEN_PARENT = re.compile(
    r"^\.?\s*[,(（]?\s*(?:which\s+|that\s+)?(?:is\s+|was\s+|as\s+|being\s+)?(?:now\s+)?"
    r"(?:(?:a|an|the|one)\s+)?" + _KIND + r"(?:subsidiary|affiliate)(?:\s+company|\s+enterprise)?\s+"
    r"(?:of|under|to)\s+(?:the\s+)?$"
    r"|^\.?\s*[,(（]?\s*(?:which\s+|that\s+)?(?:is\s+|was\s+)?(?:wholly\s+|fully\s+)?owned\s+by\s+(?:the\s+)?$"
    r"|^\.?\s*[,(（]?\s*(?:which\s+|that\s+)?belongs?\s+to\s+(?:the\s+)?$",
    re.IGNORECASE)
# between "<Parent>" and "<Subsidiary>": "'s wholly-owned subsidiary", "and its subsidiary"
PARENT_THEN_CHILD = re.compile(
    r"^(?:['’]s|\s*(?:,|and)\s+its)\s+" + _KIND + r"subsidiar(?:y|ies)(?:\s+company)?\s*[,:]?\s*$",
    re.IGNORECASE)


def subsidiaries(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> None:
    """"A, a (wholly-owned) subsidiary of B", "A (owned by B)", "A, which belongs to B", "B's subsidiary A"."""
    enterprises = v.of_type("Enterprise")
    for (a, ea), (b, eb) in zip(enterprises, enterprises[1:]):
        if ea.iri == eb.iri:
            continue
        gap = v.between(a, b)
        if CHILD_THEN_PARENT.match(gap):
            ctx.relate(p.relations, v.sentence, "subsidiary", ea.iri, "subsidiaryOf", eb.iri)
            p.owners.add(eb.iri)
        elif PARENT_THEN_CHILD.match(gap):
            ctx.relate(p.relations, v.sentence, "subsidiary", eb.iri, "subsidiaryOf", ea.iri)
            p.owners.add(ea.iri)
