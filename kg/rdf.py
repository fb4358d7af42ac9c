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


def graph_triples(kg: KnowledgeGraph, reference: Reference) -> list[ox.Triple]:
    out: list[ox.Triple] = []
    add = lambda s, p, o: out.append(ox.Triple(s if not isinstance(s, str) else _n(s), _n(p), o))  # noqa: E731

    out.extend(_stable_blank_nodes(reference.ontology_triples))
    for iri, label in ((GAZETTEER_IRI, "Administrative gazetteer"), (VOCABULARY_IRI, "Industry vocabulary")):
        add(iri, RDF + "type", _n(KG + "ReferenceDataset"))
        add(iri, RDFS + "label", _en(label))
        if reference.sources.get(iri):
            add(iri, DCT + "source", ox.Literal(reference.sources[iri]))
    for name, sha in sorted(kg.documents.items()):
        d = doc_iri(name)
        add(d, RDF + "type", _n(KG + "Document"))
        add(d, RDFS + "label", _en(name))
        add(d, KG + "fileName", ox.Literal(name))
        add(d, KG + "sha256", ox.Literal(sha))

    for e in kg.entities.values():
        add(e.iri, RDF + "type", _n(KG + e.type))
        if e.type == "Cluster" and e.attrs.get("clusterKind") in CLUSTER_CLASS:
            add(e.iri, RDF + "type", _n(KG + CLUSTER_CLASS[e.attrs["clusterKind"]]))
        add(e.iri, RDFS + "label", _en(e.label))
        if e.label_zh:
            add(e.iri, RDFS + "label", ox.Literal(e.label_zh, language="zh"))
        for alt in sorted(e.alt_labels - {e.label, e.label_zh}):
            add(e.iri, SKOS + "altLabel", ox.Literal(alt, language=_lang_of(alt)))
        for key in ("adminKind", "parkKind", "clusterKind"):
            if e.attrs.get(key):
                add(e.iri, KG + key, ox.Literal(e.attrs[key]))
        for doc in sorted(e.docs):
            add(e.iri, KG + "mentionedIn", _n(doc_iri(doc)))

    for r in kg.relations:
        add(r.subject, KG + r.predicate, _n(r.object))
        for ev in r.evidence:
            st = statement_iri(r.subject, r.predicate, r.object, ev.source, ev.start)
            add(st, RDF + "type", _n(RDF + "Statement"))
            add(st, RDF + "subject", _n(r.subject))
            add(st, RDF + "predicate", _n(KG + r.predicate))
            add(st, RDF + "object", _n(r.object))
            if ev.is_text:
                add(st, PROV + "wasDerivedFrom", _n(doc_iri(ev.source)))
                add(st, KG + "evidenceKind", ox.Literal("text"))
                add(st, KG + "evidenceText", ox.Literal(ev.text))
                add(st, KG + "startOffset", ox.Literal(str(ev.start), datatype=_n(XSD + "integer")))
                add(st, KG + "endOffset", ox.Literal(str(ev.end), datatype=_n(XSD + "integer")))
            else:
                add(st, PROV + "wasDerivedFrom", _n(ev.source))
                add(st, KG + "evidenceKind", ox.Literal("reference"))
            if r.amount_yuan is not None and ev.is_text:
                add(st, KG + "amountYuan", ox.Literal(f"{r.amount_yuan:.0f}", datatype=_n(XSD + "decimal")))
                add(st, KG + "amountText", ox.Literal(r.amount_text))
    return sorted(set(out), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def write_turtle(triples: list[ox.Triple], path: Path) -> None:
    ox.serialize(triples, str(path), ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_store(triples: list[ox.Triple], directory: Path) -> None:
    """An on-disk Oxigraph store beside the Turtle, so queries never re-parse it."""
    store = ox.Store(str(directory))
    store.clear()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    store.flush()
    store.optimize()
