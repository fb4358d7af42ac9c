"""Stage 6a: the graph as RDF: entities, relations with reified evidence, the merged ontology.

Output is deterministic (statements in the order the graph gives them, blank nodes named by order of
appearance) and written with Oxigraph's strict parsers and serializers, so what we write is what a strict
parser reads. Statements are made as N-Triples text, not as term objects: a province's million statements are
written in seconds (`RdfWriter`: the query store, kg.ttl and kg.trig, beside the build).
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from kg.model import KnowledgeGraph
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


def _literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal: the four characters N-Triples forbids raw are escaped, the rest is UTF-8."""
    quoted = '"' + text.translate(_ESCAPES) + '"'
    if language:
        return f"{quoted}@{language}"
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def statements(kg: KnowledgeGraph, reference: Reference, ontology: bool = True
               ) -> Iterator[tuple[str, str | tuple[str, ...]]]:
    """Every statement of the graph once, as (N-Triples statement without its final " .", the graph term or
    terms it is in): each in the named graph of where it comes from, a relation in the graph of each source
    that states it. A
    document's graph (named by the document's IRI, `doc_iri`) holds the document's description, the entities
    it mentions (`kg:mentionedIn`), the relations it states and their evidence; a reference dataset's graph
    (the dataset's IRI) the relations it supports and their evidence; `ONTOLOGY_GRAPH` the ontology (left
    out with `ontology=False`), and `ENTITIES_GRAPH` what resolution says of each entity across documents
    (type, labels, aliases, kind). A relation stated by two sources is in both their graphs; the union of the
    graphs is the whole graph."""
    a, label = _iri(RDF + "type"), _iri(RDFS + "label")
    if ontology:
        yield from ontology_statements(reference)
    for iri, name in ((GAZETTEER_IRI, "Administrative gazetteer"), (VOCABULARY_IRI, "Industry vocabulary")):
        g = s = _iri(iri)
        yield f"{s} {a} <{KG}ReferenceDataset>", g
        yield f"{s} {label} {_literal(name, 'en')}", g
        if reference.sources.get(iri):
            yield f"{s} <{DCT}source> {_literal(reference.sources[iri])}", g
    doc_terms = {name: _iri(doc_iri(name)) for name in kg.documents}
    for name, sha in kg.documents.items():
        d = doc_terms[name]
        yield f"{d} {a} <{KG}Document>", d
        yield f"{d} {label} {_literal(name, 'en')}", d
        yield f"{d} <{KG}fileName> {_literal(name)}", d
        yield f"{d} <{KG}sha256> {_literal(sha)}", d
        if name in kg.dates:
            yield f"{d} <{DCT}date> {_literal(kg.dates[name], datatype=_date_type(kg.dates[name]))}", d

    entities_graph, mentioned = _iri(ENTITIES_GRAPH), _iri(KG + "mentionedIn")
    for e in kg.entities.values():
        s = _iri(e.iri)
        yield f"{s} {a} <{KG}{e.type}>", entities_graph
        if e.type == "Cluster" and e.attrs.get("clusterKind") in CLUSTER_CLASS:
            yield f"{s} {a} <{KG}{CLUSTER_CLASS[e.attrs['clusterKind']]}>", entities_graph
        yield f"{s} {label} {_literal(e.label, 'en')}", entities_graph
        if e.label_zh:
            yield f"{s} {label} {_literal(e.label_zh, 'zh')}", entities_graph
        for alt in sorted(e.alt_labels - {e.label, e.label_zh}):
            yield f"{s} <{SKOS}altLabel> {_literal(alt, _lang_of(alt))}", entities_graph
        for hidden in sorted(e.hidden_labels - e.alt_labels - {e.label, e.label_zh}):
            yield f"{s} <{SKOS}hiddenLabel> {_literal(hidden, _lang_of(hidden))}", entities_graph
        for key in ("adminKind", "parkKind", "clusterKind"):
            if e.attrs.get(key):
                yield f"{s} <{KG}{key}> {_literal(e.attrs[key])}", entities_graph
        if e.attrs.get("broader"):  # an industry beyond the vocabulary: its nearest vocabulary concept
            yield f"{s} <{SKOS}broader> {_iri(e.attrs['broader'])}", entities_graph
        for doc in sorted(e.docs):
            d = doc_terms.get(doc) or _iri(doc_iri(doc))
            yield f"{s} {mentioned} {d}", d
    for old, new in sorted(kg.same_as.items()):
        yield f"{_iri(old)} <{OWL}sameAs> {_iri(new)}", entities_graph

    derived, kind = _iri(PROV + "wasDerivedFrom"), _iri(KG + "evidenceKind")
    text_kind, reference_kind = _literal("text"), _literal("reference")
    integer, decimal = XSD + "integer", XSD + "decimal"
    for r in kg.relations:
        s, p, o = _iri(r.subject), _iri(KG + r.predicate), _iri(r.object)
        graphs = [(doc_terms.get(ev.source) or _iri(doc_iri(ev.source))) if ev.is_text else _iri(ev.source)
                  for ev in r.evidence]
        yield f"{s} {p} {o}", tuple(dict.fromkeys(graphs))
        for ev, g in zip(r.evidence, graphs):
            st = _iri(statement_iri(r.subject, r.predicate, r.object, ev.source, ev.start))
            yield f"{st} {a} <{RDF}Statement>", g
            yield f"{st} <{RDF}subject> {s}", g
            yield f"{st} <{RDF}predicate> {p}", g
            yield f"{st} <{RDF}object> {o}", g
            yield f"{st} {derived} {g}", g
            if ev.is_text:
                yield f"{st} {kind} {text_kind}", g
                yield f"{st} <{KG}evidenceText> {_literal(ev.text)}", g
                yield f"{st} <{KG}startOffset> {_literal(str(ev.start), datatype=integer)}", g
                yield f"{st} <{KG}endOffset> {_literal(str(ev.end), datatype=integer)}", g
                yield f"{st} <{KG}derivation> {_literal(ev.derivation)}", g
                if ev.confidence is not None:
                    yield f"{st} <{KG}confidence> {_literal(_decimal(ev.confidence), datatype=decimal)}", g
                if r.amount_yuan is not None:
                    yield f"{st} <{KG}amountYuan> {_literal(f'{r.amount_yuan:.0f}', datatype=decimal)}", g
                    yield f"{st} <{KG}amountText> {_literal(r.amount_text)}", g
            else:
                yield f"{st} {kind} {reference_kind}", g


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


def estimated_triples(kg: KnowledgeGraph) -> int:
    """About how many triples the graph has, without making them: five an entity, ten an evidence."""
    return 5 * len(kg.entities) + 10 * sum(len(r.evidence) for r in kg.relations)


def graph_triples(kg: KnowledgeGraph, reference: Reference) -> list[ox.Triple]:
    """The whole graph (entities, relations with their evidence, documents, the merged ontology), each triple
    once, for graphs small enough to hold as objects (validation, tests); a build writes `statements` to files
    instead (`RdfWriter`)."""
    text = "".join(sorted({f"{statement} .\n" for statement, _ in statements(kg, reference)}))
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
# Statements the store's loader takes at a time: its memory grows with a batch (≈1 KB a statement), and
# fewer, larger batches load faster. 500,000 keeps it under a gigabyte.
STORE_BATCH = 500_000


class RdfWriter:
    """Writes the query store, kg.ttl and kg.trig beside the build, which meanwhile writes the pages.

    A forked process writes the graph's statements once, as text: N-Triples (every triple once: what the
    store's default graph, which every query reads, and kg.ttl hold) and N-Quads (each statement in the named
    graph of its source: kg.trig); then three programs of this module, with Oxigraph's bulk loader and
    serializers, make the store (in batches, so its memory stays bounded), kg.ttl and kg.trig from them, side
    by side. The files keep the order in which the graph gives its statements (entities, then relations with
    their evidence), so the same graph gives the same files, however it was built. The ontology goes first
    into the store, through the parser that keeps blank node labels (the bulk loader renames them at random:
    the store would differ from build to build); nothing else has blank nodes."""

    def __init__(self, out_dir: Path, reference: Reference, graph: KnowledgeGraph) -> None:
        self.out_dir, self.reference, self.graph = out_dir, reference, graph
        self._errors = tempfile.TemporaryFile()
        self._process: multiprocessing.process.BaseProcess | None = None

    def start(self) -> None:
        """Begin writing; where processes cannot be forked, write everything now."""
        if "fork" not in multiprocessing.get_all_start_methods():
            self._write_all()
            return
        process = multiprocessing.get_context("fork").Process(target=self._run, daemon=False)
        process.start()
        self._process = process

    def _run(self) -> None:
        """The forked process: its own process group, so that `close` stops the programs it starts too."""
        os.setpgrp()
        try:
            self._write_all()
        except OSError as exc:
            self._errors.write(f"cannot write the graph's files: {exc.strerror or exc}\n".encode())
            self._errors.flush()
            os._exit(1)
        os._exit(0)

    def _write_all(self) -> None:
        triples_path, quads_path = self.out_dir / "graph.nt", self.out_dir / "graphs.nq"
        ontology_path = self.out_dir / "ontology.nt"
        try:
            # the ontology (with its blank nodes) apart from the other triples, the quads all in one file
            with open(ontology_path, "w", encoding="utf-8") as ontology, \
                    open(triples_path, "w", encoding="utf-8") as triples, \
                    open(quads_path, "w", encoding="utf-8") as quads:
                _write_text(ontology_statements(self.reference), ontology, quads)
                _write_text(statements(self.graph, self.reference, ontology=False), triples, quads)
            children = [subprocess.Popen([*RDF_WRITER, *map(str, args)], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=self._errors)
                        for args in (("store", ontology_path, triples_path, self.out_dir / "store"),
                                     ("turtle", ontology_path, triples_path, self.out_dir / "kg.ttl"),
                                     ("trig", quads_path, self.out_dir / "kg.trig"))]
            codes = [child.wait() for child in children]
            if any(codes):
                raise OSError(f"the RDF writers stopped (exit codes {codes})")
        finally:
            for path in (triples_path, quads_path, ontology_path):
                path.unlink(missing_ok=True)

    def finish(self) -> None:
        """Wait for the store, kg.ttl and kg.trig; OSError (with the reason) if they could not be written."""
        if self._process is not None:
            self._process.join()
            code = self._process.exitcode
            self._process = None
            if code != 0:
                self._errors.seek(0)
                lines = self._errors.read().decode("utf-8", "replace").strip().splitlines()
                raise OSError(lines[0] if lines else f"the RDF writer stopped (exit code {code})")

    def close(self) -> None:
        """Stop the writing if it still runs (the build failed elsewhere)."""
        if self._process is not None and self._process.is_alive() and self._process.pid is not None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._process.join()
        self._errors.close()


def _write_text(lines: Iterable[tuple[str, str | tuple[str, ...]]], triples: TextIO, quads: TextIO,
                batch: int = 20_000) -> None:
    """Statements (`statements`) as N-Triples (each once) and N-Quads (each in each of its graphs)."""
    t: list[str] = []
    q: list[str] = []
    for statement, graphs in lines:
        t.append(f"{statement} .\n")
        q.extend(f"{statement} {graph} .\n" for graph in _graphs(graphs))
        if len(t) >= batch:
            triples.write("".join(t))
            quads.write("".join(q))
            t.clear()
            q.clear()
    triples.write("".join(t))
    quads.write("".join(q))


def _load_store(ontology_path: str, triples_path: str, store_dir: str) -> None:
    """The ontology, then the other N-Triples STORE_BATCH at a time -> the default graph of the store."""
    store = ox.Store(store_dir)
    store.bulk_extend(ox.parse(path=ontology_path, format=ox.RdfFormat.N_TRIPLES))
    with open(triples_path, "rb") as lines:
        while batch := list(itertools.islice(lines, STORE_BATCH)):
            store.bulk_load(b"".join(batch), ox.RdfFormat.N_TRIPLES)
    store.flush()


def _serialize(sources: list[str], target: str, fmt: ox.RdfFormat) -> None:
    source_format = ox.RdfFormat.N_QUADS if fmt == ox.RdfFormat.TRIG else ox.RdfFormat.N_TRIPLES
    parsed = itertools.chain.from_iterable(ox.parse(path=source, format=source_format) for source in sources)
    ox.serialize(parsed, target, fmt, prefixes=PREFIXES)


def _main(args: list[str]) -> None:
    try:
        if args[0] == "store":
            _load_store(*args[1:4])
        elif args[0] == "turtle":
            _serialize(args[1:3], args[3], ox.RdfFormat.TURTLE)
        elif args[0] == "trig":
            _serialize(args[1:2], args[2], ox.RdfFormat.TRIG)
    except (OSError, ValueError, SyntaxError) as exc:
        sys.exit(f"cannot write the {args[0]}: {getattr(exc, 'strerror', None) or exc}")


if __name__ == "__main__":
    _main(sys.argv[1:])
