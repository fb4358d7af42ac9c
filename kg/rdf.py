"""Stage 6a: the graph as RDF: entities, relations with reified evidence, the merged ontology.

Output is deterministic (sorted triples, no random blank nodes) and written with Oxigraph's strict
serializer, so what we write is what a strict parser reads.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyoxigraph as ox

from kg.graph import KnowledgeGraph
from kg.names import slug
from kg.reference import GAZETTEER_IRI, ID, KG, VOCABULARY_IRI, Reference

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES = {
    "kg": KG, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "prov": PROV, "xsd": XSD, "dct": DCT, "owl": OWL,
    "region": ID + "region/", "industry": ID + "industry/", "park": ID + "park/", "enterprise": ID + "enterprise/",
    "cluster": ID + "cluster/", "doc": ID + "doc/", "stmt": ID + "statement/", "dataset": ID + "dataset/",
}
CLUSTER_CLASS = {"pillar": "PillarCluster", "emerging": "EmergingCluster"}


# Named graphs of the store and of `kg export --format trig` (besides one per document and per dataset).
ONTOLOGY_GRAPH = ID + "graph/ontology"
ENTITIES_GRAPH = ID + "graph/entities"


def doc_iri(name: str) -> str:
    return f"{ID}doc/{slug(name)}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"


def statement_iri(s: str, p: str, o: str, source: str, start: int) -> str:
    digest = hashlib.sha1("\x1f".join([s, p, o, source, str(start)]).encode()).hexdigest()[:20]
    return f"{ID}statement/{digest}"


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def _lang_of(text: str) -> str:
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def _stable_blank_nodes(triples: list[ox.Triple]) -> list[ox.Triple]:
    """Blank nodes from a parse get random ids; rename them by order of first appearance."""
    names: dict[str, ox.BlankNode] = {}

    def fix(term):
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term.value, ox.BlankNode(f"o{len(names)}"))
        return term

    return [ox.Triple(fix(t.subject), t.predicate, fix(t.object)) for t in triples]


def graph_quads(kg: KnowledgeGraph, reference: Reference) -> list[ox.Quad]:
    """Every statement of the graph, in the named graph of where it comes from. A document's graph (named by
    the document's IRI, `doc_iri`) holds the document's description, the entities it mentions
    (`kg:mentionedIn`), the relations it states and their evidence; a reference dataset's graph (the dataset's
    IRI) the relations it supports and their evidence; `ONTOLOGY_GRAPH` the ontology, and `ENTITIES_GRAPH`
    what resolution says of each entity across documents (type, labels, aliases, kind). A relation stated by
    two sources is in both their graphs; the union of the graphs is the whole graph (`graph_triples`)."""
    out: list[ox.Quad] = []

    def add(graph: str, s, p: str, o) -> None:
        out.append(ox.Quad(s if not isinstance(s, str) else _n(s), _n(p), o, _n(graph)))

    for t in _stable_blank_nodes(reference.ontology_triples):
        add(ONTOLOGY_GRAPH, t.subject, t.predicate.value, t.object)
    for iri, label in ((GAZETTEER_IRI, "Administrative gazetteer"), (VOCABULARY_IRI, "Industry vocabulary")):
        add(iri, iri, RDF + "type", _n(KG + "ReferenceDataset"))
        add(iri, iri, RDFS + "label", _en(label))
        if reference.sources.get(iri):
            add(iri, iri, DCT + "source", ox.Literal(reference.sources[iri]))
    for name, sha in sorted(kg.documents.items()):
        d = doc_iri(name)
        add(d, d, RDF + "type", _n(KG + "Document"))
        add(d, d, RDFS + "label", _en(name))
        add(d, d, KG + "fileName", ox.Literal(name))
        add(d, d, KG + "sha256", ox.Literal(sha))

    for e in kg.entities.values():
        add(ENTITIES_GRAPH, e.iri, RDF + "type", _n(KG + e.type))
        if e.type == "Cluster" and e.attrs.get("clusterKind") in CLUSTER_CLASS:
            add(ENTITIES_GRAPH, e.iri, RDF + "type", _n(KG + CLUSTER_CLASS[e.attrs["clusterKind"]]))
        add(ENTITIES_GRAPH, e.iri, RDFS + "label", _en(e.label))
        if e.label_zh:
            add(ENTITIES_GRAPH, e.iri, RDFS + "label", ox.Literal(e.label_zh, language="zh"))
        for alt in sorted(e.alt_labels - {e.label, e.label_zh}):
            add(ENTITIES_GRAPH, e.iri, SKOS + "altLabel", ox.Literal(alt, language=_lang_of(alt)))
        for key in ("adminKind", "parkKind", "clusterKind"):
            if e.attrs.get(key):
                add(ENTITIES_GRAPH, e.iri, KG + key, ox.Literal(e.attrs[key]))
        for doc in sorted(e.docs):
            add(doc_iri(doc), e.iri, KG + "mentionedIn", _n(doc_iri(doc)))

    for r in kg.relations:
        for ev in r.evidence:
            g = doc_iri(ev.source) if ev.is_text else ev.source
            add(g, r.subject, KG + r.predicate, _n(r.object))
            st = statement_iri(r.subject, r.predicate, r.object, ev.source, ev.start)
            add(g, st, RDF + "type", _n(RDF + "Statement"))
            add(g, st, RDF + "subject", _n(r.subject))
            add(g, st, RDF + "predicate", _n(KG + r.predicate))
            add(g, st, RDF + "object", _n(r.object))
            if ev.is_text:
                add(g, st, PROV + "wasDerivedFrom", _n(g))
                add(g, st, KG + "evidenceKind", ox.Literal("text"))
                add(g, st, KG + "evidenceText", ox.Literal(ev.text))
                add(g, st, KG + "startOffset", ox.Literal(str(ev.start), datatype=_n(XSD + "integer")))
                add(g, st, KG + "endOffset", ox.Literal(str(ev.end), datatype=_n(XSD + "integer")))
            else:
                add(g, st, PROV + "wasDerivedFrom", _n(g))
                add(g, st, KG + "evidenceKind", ox.Literal("reference"))
            if r.amount_yuan is not None and ev.is_text:
                add(g, st, KG + "amountYuan", ox.Literal(f"{r.amount_yuan:.0f}", datatype=_n(XSD + "decimal")))
                add(g, st, KG + "amountText", ox.Literal(r.amount_text))
    return sorted(set(out), key=lambda q: (q.graph_name.value, str(q.subject), str(q.predicate), str(q.object)))


def union(quads: list[ox.Quad]) -> list[ox.Triple]:
    """The triples of all the graphs, each once, in a stable order."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def graph_triples(kg: KnowledgeGraph, reference: Reference) -> list[ox.Triple]:
    """The whole graph: entities, relations with their evidence, documents, and the merged ontology."""
    return union(graph_quads(kg, reference))


def write_turtle(triples: list[ox.Triple], path: Path) -> None:
    ox.serialize(triples, str(path), ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_store(triples: list[ox.Triple], directory: Path, quads: list[ox.Quad] = ()) -> None:
    """An on-disk Oxigraph store beside the Turtle, so queries never re-parse it. Its default graph holds
    every triple (what every query reads); `quads` (`graph_quads`) add the named graph of each source."""
    store = ox.Store(str(directory))
    store.clear()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    store.bulk_extend(quads)
    store.flush()
    store.optimize()
