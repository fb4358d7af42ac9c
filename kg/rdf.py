"""Stage 6a: the graph as RDF: entities, relations with reified evidence, the merged ontology.

Output is deterministic (sorted triples, no random blank nodes) and written with Oxigraph's strict
serializer, so what we write is what a strict parser reads.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
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


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _iri(iri: str) -> str:
    return f"<{iri}>"


def _literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal: the four characters N-Triples forbids raw are escaped, the rest is UTF-8."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    if language:
        return f"{quoted}@{language}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


@dataclass
class Dump:
    """The graph as sorted, duplicate-free N-Quads text: `quads` holds each statement in the named graph of
    its source, `triples` their union (the whole graph, as N-Triples). Made as text, not as term objects, so
    a graph of millions of statements is sorted and handed to Oxigraph's parsers (store, Turtle) in seconds."""

    quads: bytes
    triples: bytes
    quad_count: int
    triple_count: int

    def quad_objects(self) -> list[ox.Quad]:
        return list(ox.parse(self.quads, ox.RdfFormat.N_QUADS))

    def triple_objects(self) -> list[ox.Triple]:
        return [q.triple for q in ox.parse(self.triples, ox.RdfFormat.N_TRIPLES)]


def graph_dump(kg: KnowledgeGraph, reference: Reference) -> Dump:
    """Every statement of the graph, in the named graph of where it comes from. A document's graph (named by
    the document's IRI, `doc_iri`) holds the document's description, the entities it mentions
    (`kg:mentionedIn`), the relations it states and their evidence; a reference dataset's graph (the dataset's
    IRI) the relations it supports and their evidence; `ONTOLOGY_GRAPH` the ontology, and `ENTITIES_GRAPH`
    what resolution says of each entity across documents (type, labels, aliases, kind). A relation stated by
    two sources is in both their graphs; the union of the graphs is the whole graph (`Dump.triples`)."""
    out: set[tuple[str, str]] = set()  # (N-Triples statement, graph term)
    add = out.add
    a, label = _iri(RDF + "type"), _iri(RDFS + "label")

    for t in _stable_blank_nodes(reference.ontology_triples):
        add((f"{t.subject} {t.predicate} {t.object} .", _iri(ONTOLOGY_GRAPH)))
    for iri, name in ((GAZETTEER_IRI, "Administrative gazetteer"), (VOCABULARY_IRI, "Industry vocabulary")):
        g, s = _iri(iri), _iri(iri)
        add((f"{s} {a} <{KG}ReferenceDataset> .", g))
        add((f"{s} {label} {_literal(name, 'en')} .", g))
        if reference.sources.get(iri):
            add((f"{s} <{DCT}source> {_literal(reference.sources[iri])} .", g))
    doc_terms = {name: _iri(doc_iri(name)) for name in kg.documents}
    for name, sha in kg.documents.items():
        d = doc_terms[name]
        add((f"{d} {a} <{KG}Document> .", d))
        add((f"{d} {label} {_literal(name, 'en')} .", d))
        add((f"{d} <{KG}fileName> {_literal(name)} .", d))
        add((f"{d} <{KG}sha256> {_literal(sha)} .", d))

    entities_graph, mentioned = _iri(ENTITIES_GRAPH), _iri(KG + "mentionedIn")
    for e in kg.entities.values():
        s = _iri(e.iri)
        add((f"{s} {a} <{KG}{e.type}> .", entities_graph))
        if e.type == "Cluster" and e.attrs.get("clusterKind") in CLUSTER_CLASS:
            add((f"{s} {a} <{KG}{CLUSTER_CLASS[e.attrs['clusterKind']]}> .", entities_graph))
        add((f"{s} {label} {_literal(e.label, 'en')} .", entities_graph))
        if e.label_zh:
            add((f"{s} {label} {_literal(e.label_zh, 'zh')} .", entities_graph))
        for alt in e.alt_labels - {e.label, e.label_zh}:
            add((f"{s} <{SKOS}altLabel> {_literal(alt, _lang_of(alt))} .", entities_graph))
        for key in ("adminKind", "parkKind", "clusterKind"):
            if e.attrs.get(key):
                add((f"{s} <{KG}{key}> {_literal(e.attrs[key])} .", entities_graph))
        for doc in e.docs:
            d = doc_terms.get(doc) or _iri(doc_iri(doc))
            add((f"{s} {mentioned} {d} .", d))

    derived, kind = _iri(PROV + "wasDerivedFrom"), _iri(KG + "evidenceKind")
    integer, decimal = XSD + "integer", XSD + "decimal"
    for r in kg.relations:
        s, p, o = _iri(r.subject), _iri(KG + r.predicate), _iri(r.object)
        for ev in r.evidence:
            g = (doc_terms.get(ev.source) or _iri(doc_iri(ev.source))) if ev.is_text else _iri(ev.source)
            add((f"{s} {p} {o} .", g))
            st = _iri(statement_iri(r.subject, r.predicate, r.object, ev.source, ev.start))
            add((f"{st} {a} <{RDF}Statement> .", g))
            add((f"{st} <{RDF}subject> {s} .", g))
            add((f"{st} <{RDF}predicate> {p} .", g))
            add((f"{st} <{RDF}object> {o} .", g))
            add((f"{st} {derived} {g} .", g))
            if ev.is_text:
                add((f"{st} {kind} {_literal('text')} .", g))
                add((f"{st} <{KG}evidenceText> {_literal(ev.text)} .", g))
                add((f"{st} <{KG}startOffset> {_literal(str(ev.start), datatype=integer)} .", g))
                add((f"{st} <{KG}endOffset> {_literal(str(ev.end), datatype=integer)} .", g))
                if r.amount_yuan is not None:
                    add((f"{st} <{KG}amountYuan> {_literal(f'{r.amount_yuan:.0f}', datatype=decimal)} .", g))
                    add((f"{st} <{KG}amountText> {_literal(r.amount_text)} .", g))
            else:
                add((f"{st} {kind} {_literal('reference')} .", g))
    quads = sorted(f"{statement[:-1]}{graph} .\n" for statement, graph in out)
    triples = sorted({statement + "\n" for statement, _ in out})
    return Dump("".join(quads).encode(), "".join(triples).encode(), len(quads), len(triples))


def graph_quads(kg: KnowledgeGraph, reference: Reference) -> list[ox.Quad]:
    """Every statement of the graph in the named graph of its source, as Oxigraph quads (see `graph_dump`)."""
    return graph_dump(kg, reference).quad_objects()


def union(quads: list[ox.Quad]) -> list[ox.Triple]:
    """The triples of all the graphs, each once, in a stable order."""
    triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
    return sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def graph_triples(kg: KnowledgeGraph, reference: Reference) -> list[ox.Triple]:
    """The whole graph: entities, relations with their evidence, documents, and the merged ontology."""
    return graph_dump(kg, reference).triple_objects()


def write_turtle(triples: list[ox.Triple] | Dump, path: Path) -> None:
    if isinstance(triples, Dump):
        triples = (q.triple for q in ox.parse(triples.triples, ox.RdfFormat.N_TRIPLES))
    ox.serialize(triples, str(path), ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_store(triples: list[ox.Triple] | Dump, directory: Path, quads: list[ox.Quad] = ()) -> None:
    """An on-disk Oxigraph store beside the Turtle, so queries never re-parse it. Its default graph holds
    every triple (what every query reads); `quads` (`graph_quads`) add the named graph of each source. Given a
    `Dump`, both come from it in one pass of Oxigraph's parser, keeping blank node labels (the bulk loader
    would rename them at random: the store would differ from build to build)."""
    store = ox.Store(str(directory))
    store.clear()
    if isinstance(triples, Dump):
        store.bulk_extend(ox.parse(triples.triples + triples.quads, ox.RdfFormat.N_QUADS))
    else:
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
        store.bulk_extend(quads)
    store.flush()
    store.optimize()
