"""Guangdong's 20 strategic clusters in the graph. They are reference data (ontology/clusters.ttl): a graph holds
a cluster when a document names it (a document that names one is among its sources) or when an enterprise of the
graph falls in it through an industry (`partOfCluster`, evidence: the vocabulary), as it holds the regions its
places lie in; a provincial plan adds its own evidence (the heading, the scope sentences, the cities it names as
centres)."""

from __future__ import annotations

from kg.link.relations.context import LinkContext
from kg.link.resolve import Resolution
from kg.model import ClusterDef, Entity, Evidence, Mention, RelationSet, Sentence
from kg.names import phrase_key
from kg.namespaces import VOCABULARY_IRI
from kg.reference import Reference


def add_clusters(resolution: Resolution, reference: Reference, plan_clusters: list[ClusterDef],
                 doc_mentions: dict[str, list[Mention]]) -> None:
    """The 20 clusters as entities; the documents that name one (a mention of kind "cluster", a plan's heading)
    are its sources, and the forms a document writes it in are its alternative names."""
    entities = resolution.entities
    for c in sorted(reference.clusters.values(), key=lambda c: c.iri):
        if c.iri not in entities:
            names = {n for n in (*c.alt_labels, *c.alt_labels_zh) if _full_name(n)}
            entities[c.iri] = Entity(c.iri, "Cluster", c.label, c.label_zh, names, attrs={"clusterKind": c.kind})
    for plan in plan_clusters:
        if plan.iri in entities:
            entities[plan.iri].docs.add(plan.heading.doc)
    for m in (m for mentions in doc_mentions.values() for m in mentions if m.kind == "cluster"):
        if m.ref not in entities:
            continue
        entity = entities[m.ref]
        resolution.mention_entity[m] = m.ref
        entity.docs.add(m.doc)
        known = {phrase_key(x) for x in entity.all_labels()}
        if phrase_key(m.surface) not in known and _full_name(m.surface):
            entity.alt_labels.add(" ".join(m.surface.split()))


def _full_name(name: str) -> bool:
    """A cluster's name that says it is a cluster ("new energy industry cluster", "新能源产业集群"): a short
    form ("new energy") names the industry as well, and would make the cluster one of two entities of that name
    for a reader looking it up."""
    return "cluster" in phrase_key(name) or "集群" in name


# The relations by which an enterprise is in an industry: its way to a cluster.
ENTERPRISE_INDUSTRY = ("inIndustry", "chainMasterOf")


def cluster_relations(ctx: LinkContext, rels: RelationSet, clusters: list[ClusterDef]) -> None:
    """Industries in the clusters their vocabulary concept falls under, where it answers a question the corpus
    raises: an industry of an enterprise (so every enterprise reaches its clusters, on any corpus), or any
    industry of a cluster a document names. A plan's cluster centres and the industries its scope names."""
    of_enterprises = {r.object for r in rels if r.predicate in ENTERPRISE_INDUSTRY
                      and ctx.entities.get(r.subject, _NONE).type == "Enterprise"}
    for e in ctx.entities.values():
        if e.type != "Industry":
            continue
        for cluster in ctx.reference.clusters_of(industry_concept(ctx, e)):
            if e.iri in of_enterprises or ctx.entities[cluster].docs:
                rels.add(e.iri, "partOfCluster", cluster, Evidence(VOCABULARY_IRI))
    for c in clusters:
        if c.sector and c.sector in ctx.entities:
            ctx.relate(rels, c.heading, "plan-heading", c.sector, "partOfCluster", c.iri)
        for m in c.centres:
            if m.ref and m.ref in ctx.entities:
                ctx.relate(rels, _sentence_of(ctx, m), "plan-centre", c.iri, "clusterCentre", m.ref)
        for m in c.scope:
            if m.ref and m.ref in ctx.entities:
                ctx.relate(rels, _sentence_of(ctx, m), "plan-scope", m.ref, "partOfCluster", c.iri)


def drop_unreached_clusters(entities: dict[str, Entity], relations: list) -> None:
    """The reference clusters no document names and no relation reaches leave the graph: a graph holds the
    clusters its documents name or its enterprises fall in, as it holds the regions its places lie in."""
    reached = {r.object for r in relations if r.predicate == "partOfCluster"}
    for iri in [iri for iri, e in entities.items() if e.type == "Cluster" and not e.docs and iri not in reached]:
        del entities[iri]


_NONE = Entity("", "", "")


def industry_concept(ctx: LinkContext, e: Entity) -> str:
    """The vocabulary concept of an industry: itself, or for an industry beyond the vocabulary the nearest
    concept it was placed under."""
    return e.attrs.get("broader", e.iri)


def _sentence_of(ctx: LinkContext, m: Mention) -> Sentence:
    return ctx.doc_sentences[m.doc][m.sentence]
