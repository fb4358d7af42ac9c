"""What the corpus implies beyond single sentences: where a report's parks and enterprises are (the place
it is about, unless a sentence anywhere locates them), the gazetteer's hierarchy, and the clusters
(`kg.link.relations.clusters`)."""

from __future__ import annotations

from collections.abc import Iterable

from kg.link.relations.clusters import cluster_relations
from kg.link.relations.context import REGION_TYPES, DocumentPass, LinkContext
from kg.link.resolve import ensure_industry
from kg.model import ClusterDef, Evidence, RelationSet
from kg.namespaces import GAZETTEER_IRI


def corpus_relations(ctx: LinkContext, passes: Iterable[DocumentPass], clusters: list[ClusterDef]) -> RelationSet:
    """Every document's sentence pass taken in, in the order given (the documents' order: the result is the
    same whichever process made each pass), then what documents imply, reference data and clusters."""
    found = RelationSet()
    taken: list[DocumentPass] = []
    for passed in passes:
        found.update(passed.relations)
        # taken in: the pass's own copy of its relations would otherwise be held to the end of the stage beside
        # the corpus's (what follows reads the pass's other fields only)
        passed.relations = RelationSet()
        for iri in passed.industries:
            ensure_industry(ctx.entities, ctx.reference, iri)
        taken.append(passed)
    elsewhere = set().union(*(p.customers | p.owners for p in taken))
    for passed in taken:
        document_relations(ctx, found, passed, elsewhere)
    reference_relations(ctx, found)
    cluster_relations(ctx, found, clusters)
    return found


def document_relations(ctx: LinkContext, rels: RelationSet, passed: DocumentPass, elsewhere: set[str]) -> None:
    """Parks and enterprises a report names without a place are in the place the report is about."""
    doc = passed.doc
    focus = ctx.res.focus.get(doc)
    if not focus:
        return
    focus_line = {focus, *ctx.reference.ancestors(focus)}
    sentences = ctx.doc_sentences[doc]
    # the owner at the head of a project's name ("<Owner> ... Industry Base Project") invests; it may be anywhere
    owners = {ctx.res.mention_entity.get(m) for m in ctx.doc_mentions[doc] if m.cue == "project-name-owner"}
    for iri, index in sorted(passed.first_sentence.items(), key=lambda kv: (kv[1], kv[0])):
        s = sentences[index]
        if rels.objects(iri, "locatedIn"):
            continue
        e = ctx.entities[iri]
        if e.type == "Park":
            ctx.relate(rels, s, "park-focus", iri, "locatedIn", focus)
        elif e.type == "Enterprise":
            invests = rels.objects(iri, "investsIn")
            if invests - {focus} or iri in passed.investors or iri in owners:
                continue  # an investor from elsewhere: where it invests is not where it is
            if iri in elsewhere and not invests:
                continue  # a customer named by its supplier, an owner named by its subsidiary, may be anywhere
            # "<County>'s home appliance industry is led by enterprises such as X": a county or town named
            # close to the enterprise is where it is
            at = passed.first_mention[iri]
            others = sorted({r for start, r in passed.regions.get(s.index, ())
                             if r not in focus_line and abs(start - at) < 90})
            home = others[0] if len(others) == 1 else None if others else focus
            if home and ctx.reference.regions[home].type != "Province":
                ctx.relate(rels, s, "enterprise-focus" if home == focus else "nearby-region", iri, "locatedIn", home)


def reference_relations(ctx: LinkContext, rels: RelationSet) -> None:
    """Each region in its parent, from the gazetteer."""
    for e in list(ctx.entities.values()):
        if e.type in REGION_TYPES:
            parent = ctx.reference.regions[e.iri].parent
            if parent and parent in ctx.entities:
                rels.add(e.iri, "locatedIn", parent, Evidence(GAZETTEER_IRI))
