"""subsidiaryOf: a company that belongs to another, as a sentence says. The subsidiary keeps its own node (its
own name: resolution never merges it with its parent); this relation links the two."""

from __future__ import annotations

from kg.link.relations.context import DocumentPass, LinkContext, SentenceView
from kg.link.resolve.ownership import CHILD_THEN_PARENT, PARENT_THEN_CHILD


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
