"""Stage 6a: the graph as RDF: entities, relations with reified evidence, the merged ontology.

Output is deterministic (statements in the order the graph gives them, blank nodes named by order of
appearance) and written with Oxigraph's strict parsers and serializers, so what we write is what a strict
parser reads. Statements are made as N-Triples text, not as term objects: a province's million statements are
written in seconds (`RdfWriter`: the query store, kg.ttl and kg.trig, beside the build).
"""

from __future__ import annotations

import hashlib
import itertools
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from kg.model import Entity, KnowledgeGraph, Relation
from kg.names import slug
from kg.namespaces import DCT, GAZETTEER_IRI, ID, KG, OWL, PROV, RDF, RDFS, SKOS, VOCABULARY_IRI, XSD
from kg.reference import Reference

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


def _escaped(text: str) -> str:
    """The text with the four characters N-Triples forbids raw escaped. They are looked for first: most texts
    have none, and four scans in C cost less than translating every text (rendering the 10,000-document graph's
    N-Triples, 4.6-4.7 s of CPU instead of 5.8 with this alone)."""
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        return text.translate(_ESCAPES)
    return text


def _literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal: the four characters N-Triples forbids raw are escaped, the rest is UTF-8."""
    quoted = '"' + _escaped(text) + '"'
    if language:
        return f"{quoted}@{language}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


# A relation stated in more sentences than this (a town in its county, named in the footer of every page of a
# site) keeps the first EVIDENCE_KEPT of its evidence statements in the default graph (the query store and
# kg.ttl), and the first of them says how many there are in all (kg:evidenceCount); every one is in the named
# graph of its document, in kg.trig. No relation of the bundled documents has more than 30.
EVIDENCE_KEPT = 50

Statement = tuple[str, "str | tuple[str, ...]", bool]


def statements(kg: KnowledgeGraph, reference: Reference, ontology: bool = True, kept: int = EVIDENCE_KEPT,
               reference_layer: bool = True) -> Iterator[Statement]:
    """Every statement of the graph once, as (N-Triples statement without its final " .", the graph term or
    terms it is in, whether it is in the default graph too): each in the named graph of where it comes from,
    a relation in the graph of each source that states it; evidence beyond the first `kept` of a relation in
    its named graph only. A
    document's graph (named by the document's IRI, `doc_iri`) holds the document's description, the entities
    it mentions (`kg:mentionedIn`), the relations it states and their evidence; a reference dataset's graph
    (the dataset's IRI) the relations it supports and their evidence; `ONTOLOGY_GRAPH` the ontology (left
    out with `ontology=False`), and `ENTITIES_GRAPH` what resolution says of each entity across documents
    (type, labels, aliases, kind). A relation stated by two sources is in both their graphs; the union of the
    graphs is the whole graph, and the default graph is the union but for the evidence beyond `kept`.
    `reference_layer=False` leaves out what the reference data alone says (`in_reference_layer`)."""
    a, label = _iri(RDF + "type"), _iri(RDFS + "label")
    if ontology:
        yield from ((statement, graph, True) for statement, graph in ontology_statements(reference))
    for iri, name in ((GAZETTEER_IRI, "Administrative gazetteer"), (VOCABULARY_IRI, "Industry vocabulary")):
        g = s = _iri(iri)
        yield f"{s} {a} <{KG}ReferenceDataset>", g, True
        yield f"{s} {label} {_literal(name, 'en')}", g, True
        if reference.sources.get(iri):
            yield f"{s} <{DCT}source> {_literal(reference.sources[iri])}", g, True
    doc_terms = {name: _iri(doc_iri(name)) for name in kg.documents}
    for name, sha in kg.documents.items():
        d = doc_terms[name]
        yield f"{d} {a} <{KG}Document>", d, True
        yield f"{d} {label} {_literal(name, 'en')}", d, True
        yield f"{d} <{KG}fileName> {_literal(name)}", d, True
        yield f"{d} <{KG}sha256> {_literal(sha)}", d, True
        if name in kg.dates:
            yield f"{d} <{DCT}date> {_literal(kg.dates[name], datatype=_date_type(kg.dates[name]))}", d, True

    entities_graph = _iri(ENTITIES_GRAPH)
    for e in kg.entities.values():
        if reference_layer or not entity_in_reference_layer(e):
            yield from _entity_statements(e, doc_terms)
    for old, new in sorted(kg.same_as.items()):
        yield f"{_iri(old)} <{OWL}sameAs> {_iri(new)}", entities_graph, True
    yield from relation_statements(kg.relations, doc_terms, kept, reference_layer)


def entity_in_reference_layer(e: Entity) -> bool:
    """A cluster no document names: in the graph because an industry of it is (the reference clusters)."""
    return e.type == "Cluster" and not e.docs


def relation_in_reference_layer(r: Relation) -> bool:
    """A cluster's industry that only the vocabulary says is one (no document states it)."""
    return r.predicate == "partOfCluster" and not any(ev.is_text for ev in r.evidence)


def reference_layer_statements(kg: KnowledgeGraph) -> Iterator[tuple[str, str]]:
    """What the reference data alone adds to the graph, as (statement, graph): the clusters no document names
    and the vocabulary's industries of each cluster, for the industries the graph holds. They are in the
    query store and `kg.trig` with the rest, and in `reference.ttl` beside `kg.ttl`, which holds what the
    documents state and the places they lie in: the industry → cluster links (`partOfCluster`) are the
    vocabulary's, whatever the documents, as its industries' other names are."""
    entities = (_entity_statements(e, {}) for e in kg.entities.values() if entity_in_reference_layer(e))
    relations = relation_statements([r for r in kg.relations if relation_in_reference_layer(r)])
    for statement, graphs, _ in itertools.chain(itertools.chain.from_iterable(entities), relations):
        for graph in _graphs(graphs):
            yield statement, graph


def _entity_statements(e: Entity, doc_terms: dict[str, str]) -> Iterator[Statement]:
    """An entity's type, names and kinds (in the entities' graph) and the documents that mention it (each in
    the document's graph)."""
    a, label = _iri(RDF + "type"), _iri(RDFS + "label")
    entities_graph, mentioned = _iri(ENTITIES_GRAPH), _iri(KG + "mentionedIn")
    s = _iri(e.iri)
    yield f"{s} {a} <{KG}{e.type}>", entities_graph, True
    if e.type == "Cluster" and e.attrs.get("clusterKind") in CLUSTER_CLASS:
        yield f"{s} {a} <{KG}{CLUSTER_CLASS[e.attrs['clusterKind']]}>", entities_graph, True
    yield f"{s} {label} {_literal(e.label, 'en')}", entities_graph, True
    if e.label_zh:
        yield f"{s} {label} {_literal(e.label_zh, 'zh')}", entities_graph, True
    for alt in sorted(e.alt_labels - {e.label, e.label_zh}):
        yield f"{s} <{SKOS}altLabel> {_literal(alt, _lang_of(alt))}", entities_graph, True
    for hidden in sorted(e.hidden_labels - e.alt_labels - {e.label, e.label_zh}):
        yield f"{s} <{SKOS}hiddenLabel> {_literal(hidden, _lang_of(hidden))}", entities_graph, True
    for key in ("adminKind", "parkKind", "clusterKind"):
        if e.attrs.get(key):
            yield f"{s} <{KG}{key}> {_literal(e.attrs[key])}", entities_graph, True
    if e.attrs.get("broader"):  # an industry beyond the vocabulary: its nearest vocabulary concept
        yield f"{s} <{SKOS}broader> {_iri(e.attrs['broader'])}", entities_graph, True
    for doc in sorted(e.docs):
        d = doc_terms.get(doc) or _iri(doc_iri(doc))
        yield f"{s} {mentioned} {d}", d, True


def relation_statements(relations: Iterable[Relation], doc_terms: dict[str, str] | None = None,
                        kept: int = EVIDENCE_KEPT, reference_layer: bool = True) -> Iterator[Statement]:
    """The statements of these relations and their evidence (`statements`), on their own: a slice of a graph's
    relations gives the slice of its statements (a distributed build renders them in shards). `doc_terms`:
    documents' IRIs as N-Triples terms, made from their names where not given."""
    doc_terms = doc_terms or {}
    # the terms every piece of evidence repeats, made once: the predicates, and the literals of the few
    # derivations and confidences (rendering the 10,000-document graph's N-Triples, 4.1-4.3 s instead of 4.6-4.7)
    a_statement = f"{_iri(RDF + 'type')} <{RDF}Statement>"
    subject, predicate, object_ = _iri(RDF + "subject"), _iri(RDF + "predicate"), _iri(RDF + "object")
    derived, kind, count = _iri(PROV + "wasDerivedFrom"), _iri(KG + "evidenceKind"), _iri(KG + "evidenceCount")
    evidence_text, start_offset, end_offset = _iri(KG + "evidenceText"), _iri(KG + "startOffset"), \
        _iri(KG + "endOffset")
    text_kind, reference_kind = _literal("text"), _literal("reference")
    integer, decimal = XSD + "integer", XSD + "decimal"
    derivation: dict[str, str] = {}  # derivation -> its statement's predicate and object
    confidence: dict[float, str] = {}
    for r in relations:
        if not reference_layer and relation_in_reference_layer(r):
            continue
        s, p, o = _iri(r.subject), _iri(KG + r.predicate), _iri(r.object)
        graphs = [(doc_terms.get(ev.source) or _iri(doc_iri(ev.source))) if ev.is_text else _iri(ev.source)
                  for ev in r.evidence]
        yield f"{s} {p} {o}", tuple(dict.fromkeys(graphs)), True
        for k, (ev, g) in enumerate(zip(r.evidence, graphs)):
            shared = k < kept
            st = _iri(statement_iri(r.subject, r.predicate, r.object, ev.source, ev.start))
            yield f"{st} {a_statement}", g, shared
            if k == 0 and len(r.evidence) > kept:
                yield f"{st} {count} {_literal(str(len(r.evidence)), datatype=integer)}", g, True
            yield f"{st} {subject} {s}", g, shared
            yield f"{st} {predicate} {p}", g, shared
            yield f"{st} {object_} {o}", g, shared
            yield f"{st} {derived} {g}", g, shared
            if ev.is_text:
                yield f"{st} {kind} {text_kind}", g, shared
                yield f"{st} {evidence_text} {_literal(ev.text)}", g, shared
                yield f'{st} {start_offset} "{ev.start}"^^<{integer}>', g, shared  # a number: nothing to escape
                yield f'{st} {end_offset} "{ev.end}"^^<{integer}>', g, shared
                if ev.derivation not in derivation:
                    derivation[ev.derivation] = f"<{KG}derivation> {_literal(ev.derivation)}"
                yield f"{st} {derivation[ev.derivation]}", g, shared
                if ev.confidence is not None:
                    if ev.confidence not in confidence:
                        value = _literal(_decimal(ev.confidence), datatype=decimal)
                        confidence[ev.confidence] = f"<{KG}confidence> {value}"
                    yield f"{st} {confidence[ev.confidence]}", g, shared
                if r.amount_yuan is not None:
                    yield f"{st} <{KG}amountYuan> {_literal(f'{r.amount_yuan:.0f}', datatype=decimal)}", g, shared
                    yield f"{st} <{KG}amountText> {_literal(r.amount_text)}", g, shared
            else:
                yield f"{st} {kind} {reference_kind}", g, shared


def _decimal(x: float) -> str:
    """A confidence as a canonical xsd:decimal, two places at most ("0.7", "0.85", "1"): as a store keeps it."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _date_type(date: str) -> str:
    """xsd:gYear, xsd:gYearMonth or xsd:date, by how much of the date a document states."""
    return XSD + {4: "gYear", 7: "gYearMonth"}.get(len(date), "date")


def ontology_statements(reference: Reference) -> Iterator[tuple[str, str]]:
    """The ontology's statements, its blank nodes named by order of appearance (`_stable_blank_nodes`)."""
    graph = _iri(ONTOLOGY_GRAPH)
    for t in _stable_blank_nodes(reference.ontology_triples):
        yield f"{t.subject} {t.predicate} {t.object}", graph


def _graphs(graphs: str | tuple[str, ...]) -> tuple[str, ...]:
    return (graphs,) if isinstance(graphs, str) else graphs


def graph_triples(kg: KnowledgeGraph, reference: Reference) -> list[ox.Triple]:
    """The whole graph (entities, relations with their evidence, documents, the merged ontology), each triple
    once, as the query store holds it, for graphs small enough to hold as objects (tests); a build writes
    `statements` as text instead (`RdfWriter`)."""
    text = "".join(sorted({f"{statement} .\n" for statement, _, shared in statements(kg, reference) if shared}))
    return [q.triple for q in ox.parse(text.encode(), ox.RdfFormat.N_TRIPLES)]


def write_store(triples: list[ox.Triple], directory: Path) -> None:
    """An on-disk Oxigraph store of these triples, in its default graph (as `kg build` writes one): for a
    graph made otherwise than by a build (tests, benchmarks)."""
    store = ox.Store(str(directory))
    store.clear()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    store.flush()


# ------------------------------------------------- the store, kg.ttl and kg.trig, written beside the build


# The child processes of RdfWriter: this module run as a program (see `_main`).
RDF_WRITER = [sys.executable, "-m", "kg.publish.rdf"]
# Bytes of N-Triples the store's loader takes at a time (≈250,000 statements): its memory grows with a batch, and
# fewer, larger batches load faster. This keeps it under half a gigabyte.
STORE_BATCH_BYTES = 40 << 20


class RdfWriter:
    """Writes the query store, kg.ttl and (with `trig`) kg.trig beside the build, which meanwhile writes the pages.

    The graph's statements are made once, as text, and streamed through pipes to programs of this module:
    N-Triples (every triple of the default graph once: what the query store, which every query reads, and
    kg.ttl hold) to the store's loader, which loads them in batches (its memory stays bounded), and to the
    Turtle serializer; N-Quads (each statement in the named graph of its source) to the TriG serializer, when
    kg.trig is asked for (`kg build --trig`; `kg export --format trig` derives it otherwise).
    Nothing but the ontology (a few kilobytes) is written to a temporary file, whatever the size of the graph.
    A thread of this process makes the statements (`render` of `statements`), or takes them already rendered
    (`chunks`: a distributed build renders shards of them on its workers), and feeds the pipes. A thread, not a
    forked process: a fork that reads every relation of the graph ends up holding a private copy of the pages
    it reads (CPython writes an object's reference count when it reads it), 1.4 GB at 10,000 documents, at the
    build's peak; the loader and the serializers, which do most of the work, are other processes anyway.
    The files keep the order in which the graph gives its statements (entities, then relations with their
    evidence), so the same graph gives the same files, however it was built. The ontology goes first into
    the store, through the parser that keeps blank node labels (the bulk loader renames them at random: the
    store would differ from build to build); nothing else has blank nodes."""

    def __init__(self, out_dir: Path, reference: Reference, graph: KnowledgeGraph,
                 chunks: Iterable[Chunk] | None = None, trig: bool = True) -> None:
        self.out_dir, self.reference, self.graph, self.chunks = out_dir, reference, graph, chunks
        self.trig = trig
        self._errors = tempfile.TemporaryFile()
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._stop = threading.Event()

    def start(self) -> None:
        """Begin writing, in a thread."""
        self._thread = threading.Thread(target=self._feed, name="kg-rdf-writer", daemon=True)
        self._thread.start()

    def _feed(self) -> None:
        chunks = self.chunks
        if chunks is None:
            lines = statements(self.graph, self.reference, ontology=False, kept=EVIDENCE_KEPT,
                               reference_layer=False)
            chunks = render(lines, quads=self.trig)
        try:
            write_graph(itertools.takewhile(lambda _: not self._stop.is_set(), chunks),
                        ontology_statements(self.reference), self.out_dir, self._errors,
                        reference_layer_statements(self.graph), self.trig)
        except BaseException as exc:  # noqa: BLE001 - handed to `finish`
            self._failure = exc

    def finish(self) -> None:
        """Wait for the store, kg.ttl and kg.trig; OSError (with the reason) if they could not be written."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            if isinstance(self._failure, OSError):
                raise OSError(self._reason() or str(self._failure))
            if self._failure is not None:
                raise self._failure

    def _reason(self) -> str:
        self._errors.seek(0)
        lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
        return lines[0] if lines else ""

    def close(self) -> None:
        """Stop the writing if it still runs (the build failed elsewhere): no more statements are fed, and the
        programs end with what they have (in the staging directory, which the caller removes)."""
        if self._thread is not None:
            self._stop.set()
            self._thread.join()
            self._thread = None
        self._errors.close()


# Rendered statements: N-Triples of the default graph, N-Quads of the named graphs, in UTF-8.
Chunk = tuple[bytes, bytes]


def render(lines: Iterable[Statement], batch: int = 20_000, quads: bool = True) -> Iterator[Chunk]:
    """Statements (`statements`) as text, about `batch` statements at a time: N-Triples (each statement of the
    default graph once) and N-Quads (each in each of its graphs; empty with `quads` False: no kg.trig is
    written). The chunks of a graph's parts, one after the other, are the text of the whole."""
    t: list[str] = []
    q: list[str] = []
    n = 0
    for statement, graphs, shared in lines:
        if shared:
            t.append(statement)
        if quads:
            q.extend(f"{statement} {graph}" for graph in _graphs(graphs))
        n += 1
        if n >= batch:
            yield _lines(t), _lines(q)
            t.clear()
            q.clear()
            n = 0
    if n:
        yield _lines(t), _lines(q)


def _lines(statements: list[str]) -> bytes:
    """Statements as N-Triples or N-Quads lines: joined with their ends, not each copied with its own first."""
    return (" .\n".join(statements) + " .\n").encode() if statements else b""


def write_graph(chunks: Iterable[Chunk], ontology: Iterable[tuple[str, str]], out_dir: Path,
                errors: BinaryIO | int | None = None, reference_layer: Iterable[tuple[str, str]] = (),
                trig: bool = True) -> None:
    """The store (out_dir/store), kg.ttl and, with `trig`, kg.trig of these statements and this ontology, by
    programs fed through pipes (see `RdfWriter`); OSError if one of them fails (its message in `errors`). The
    `reference_layer` (`reference_layer_statements`, a few hundred statements) goes into the store and kg.trig
    and into reference.ttl, not kg.ttl."""
    ontology, reference_layer = list(ontology), list(reference_layer)
    ontology_path, context_path = out_dir / "ontology.nt", out_dir / "context.nt"
    ontology_triples = "".join(f"{statement} .\n" for statement, _ in ontology)
    layer_triples = "".join(f"{statement} .\n" for statement in dict.fromkeys(st for st, _ in reference_layer))
    ontology_path.write_text(ontology_triples, encoding="utf-8")
    context_path.write_text(ontology_triples + layer_triples, encoding="utf-8")
    ox.serialize(ox.parse(layer_triples.encode(), ox.RdfFormat.N_TRIPLES), str(out_dir / "reference.ttl"),
                 ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    jobs: list[tuple] = [("store", context_path, out_dir / "store"), ("turtle", ontology_path, out_dir / "kg.ttl")]
    if trig:
        jobs.append(("trig", out_dir / "kg.trig"))
    children = [subprocess.Popen([*RDF_WRITER, *map(str, args)], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                 stderr=errors) for args in jobs]
    pipes = [cast(BinaryIO, child.stdin) for child in children]
    store, turtle = pipes[:2]
    named = pipes[2] if trig else None
    try:
        if named is not None:
            named.write("".join(f"{statement} {graph} .\n" for statement, graph in ontology + reference_layer
                                ).encode())
        for triples, quads in chunks:
            store.write(triples)
            turtle.write(triples)
            if named is not None:
                named.write(quads)
    except BrokenPipeError:
        pass  # a program stopped: its exit code says so
    finally:
        for pipe in pipes:
            try:
                pipe.close()
            except BrokenPipeError:
                pass
        codes = [child.wait() for child in children]
        ontology_path.unlink(missing_ok=True)
        context_path.unlink(missing_ok=True)
    if any(codes):
        raise OSError(f"the RDF writers stopped (exit codes {codes})")


def trig_text(graph: KnowledgeGraph, reference: Reference) -> Iterator[bytes]:
    """The graph as N-Quads, each statement in the named graph of its source, in the order `write_graph` sends
    them to kg.trig's writer: the ontology and the reference layer, then the graph's statements."""
    context = [*ontology_statements(reference), *reference_layer_statements(graph)]
    yield "".join(f"{statement} {g} .\n" for statement, g in context).encode()
    lines = statements(graph, reference, ontology=False, kept=EVIDENCE_KEPT, reference_layer=False)
    for _, quads in render(lines):
        yield quads


def write_trig(graph: KnowledgeGraph, reference: Reference, out: BinaryIO) -> None:
    """kg.trig of the graph, to a binary stream: what `kg build --trig` writes, byte for byte."""
    quads = (ox.parse(chunk, ox.RdfFormat.N_QUADS) for chunk in trig_text(graph, reference))
    ox.serialize(itertools.chain.from_iterable(quads), out, ox.RdfFormat.TRIG, prefixes=PREFIXES)


def _load_store(ontology_path: str, store_dir: str, lines: BinaryIO) -> None:
    """The ontology, then the N-Triples of `lines` in batches (`whole_lines`) -> the default graph of the store.
    Leniently (IRIs not checked again: 15% of the loader's time): the Turtle writer is sent the same text and
    parses it strictly, so a statement the store would take but should not fails the build there."""
    store = ox.Store(store_dir)
    store.bulk_extend(ox.parse(path=ontology_path, format=ox.RdfFormat.N_TRIPLES))
    for batch in whole_lines(lines, STORE_BATCH_BYTES):
        store.bulk_load(batch, ox.RdfFormat.N_TRIPLES, lenient=True)
    store.flush()
    # the batches' files compacted into one sorted run per index: the checks of validation then took 32 s
    # instead of 42 on the 10,000-document graph, 68 instead of 110 on the 20,000 (6 and 10 s to compact)
    store.optimize()


def whole_lines(stream: BinaryIO, size: int) -> Iterator[bytes]:
    """The stream's bytes about `size` at a time, each piece ending where a line does: one bytes object a
    batch, not one a statement (a list of 250,000 lines and their joined copy were 90 MB of the loader's peak
    beside the batch it loads)."""
    while piece := stream.read(size):
        if not piece.endswith(b"\n"):
            piece += stream.readline()
        yield piece


def _serialize(sources: list, target: str, fmt: ox.RdfFormat) -> None:
    source_format = ox.RdfFormat.N_QUADS if fmt == ox.RdfFormat.TRIG else ox.RdfFormat.N_TRIPLES
    parsed = itertools.chain.from_iterable(
        ox.parse(path=source, format=source_format) if isinstance(source, str) else
        ox.parse(source, format=source_format) for source in sources)
    ox.serialize(parsed, target, fmt, prefixes=PREFIXES)


def _main(args: list[str]) -> None:
    """`store ONTOLOGY DIR`, `turtle ONTOLOGY FILE` or `trig FILE`: the statements come on standard input."""
    lines = sys.stdin.buffer
    try:
        if args[0] == "store":
            _load_store(args[1], args[2], lines)
        elif args[0] == "turtle":
            _serialize([args[1], lines], args[2], ox.RdfFormat.TURTLE)
        elif args[0] == "trig":
            _serialize([lines], args[1], ox.RdfFormat.TRIG)
    except (OSError, ValueError, SyntaxError) as exc:
        sys.exit(f"cannot write the {args[0]}: {getattr(exc, 'strerror', None) or exc}")


if __name__ == "__main__":
    _main(sys.argv[1:])
