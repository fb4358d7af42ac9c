"""Check the graph against its SHACL shapes (`ontology/shapes.ttl`) and say what is wrong in words.

Each violation names the entity (its English label), the rule it breaks (the shape's `sh:message`) and the
documents it came from, so a reader can go from a line of the report to the sentence at fault:

    >>> report = validate_graph_dir("output")                         # doctest: +SKIP
    >>> print(report.render())                                         # doctest: +SKIP
    the graph conforms to ontology/shapes.ttl (26 shapes, 12,080 triples checked in 0.4 s)

The shapes are compiled to SPARQL (`kg.read.shacl`: a query per constraint that lists what breaks it) and run
on an Oxigraph store: the one `kg build` writes (its default graph holds every triple), or an in-memory one
made from the triples given. The queries run side by side in threads (Oxigraph evaluates without holding the
interpreter), so a graph of millions of triples is checked in seconds to a minute, in the store's memory.
pySHACL, the reference implementation, checks the same shapes node by node in Python (`engine="pyshacl"`,
`kg validate --engine pyshacl`): the tests require both engines to find the same violations.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import ReferenceDataError, one_line
from kg.libc import release_freed_memory
from kg.namespaces import KG
from kg.read.query import compact, open_store
from kg.read.shacl import Check, ShapesGraph, UnsupportedShape, compile_shapes
from kg.reference import ontology_dir

if TYPE_CHECKING:
    import rdflib

SHAPES_FILE = "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
ENGINES = ("sparql", "pyshacl")


@dataclass(frozen=True)
class Violation:
    """One broken rule: the entity (or evidence node) `focus`, as a reader names it (`label`), the rule in
    words (`message`), the property and value at fault when there is one, and the documents it came from
    (empty for reference data)."""

    focus: str
    label: str
    message: str
    documents: tuple[str, ...] = ()
    path: str | None = None
    value: str | None = None
    severity: str = "Violation"
    shape: str = ""

    def line(self) -> str:
        where = "from " + ", ".join(self.documents) if self.documents else "from reference data"
        value = ""
        if self.value and self.value not in self.message:
            value = f" [{compact(self.path)} {self.value}]" if self.path else f" [value: {self.value}]"
        return f"{self.label} ({compact(self.focus)}): {self.message}{value} — {where}"


@dataclass
class ValidationReport:
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0
    shapes: int = 0
    seconds: float = 0.0

    @property
    def conforms(self) -> bool:
        return not self.violations

    def lines(self) -> list[str]:
        return [v.line() for v in self.violations]

    def render(self) -> str:
        checked = f"{self.shapes} shapes, {self.triples:,} triples checked in {self.seconds:.1f} s"
        if self.conforms:
            return f"the graph conforms to ontology/{SHAPES_FILE} ({checked})"
        n = len(self.violations)
        head = f"{n} violation{'s' if n != 1 else ''} of ontology/{SHAPES_FILE} ({checked}):"
        return "\n".join([head, *(f"- {line}" for line in self.lines())])


def shapes_path(directory: Path | None = None) -> Path:
    return (directory or ontology_dir()) / SHAPES_FILE


@lru_cache(maxsize=2)
def read_shapes(directory: Path | None = None) -> ShapesGraph:
    path = shapes_path(directory)
    try:
        return ShapesGraph.parse(path)
    except (OSError, SyntaxError, ValueError) as exc:
        raise ReferenceDataError(f"cannot read the shapes in {path}: {exc}") from None


@lru_cache(maxsize=2)
def load_shapes(directory: Path | None = None) -> rdflib.Graph:
    """The shapes as an rdflib graph, for pySHACL."""
    import rdflib

    path = shapes_path(directory)
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise ReferenceDataError(f"cannot read the shapes in {path}: {exc}") from None


def validate_store(store: ox.Store, shapes_dir: Path | None = None, threads: int | None = None) -> ValidationReport:
    """Validate the default graph of an Oxigraph store against the shapes, with the compiled SPARQL checks run
    in `threads` threads (default: one per core)."""
    started = time.perf_counter()
    shapes = read_shapes(shapes_dir)
    try:
        checks = compile_shapes(shapes, store)
    except UnsupportedShape as exc:
        raise ReferenceDataError(f"cannot check the graph against ontology/{SHAPES_FILE}: {exc}") from None
    with ThreadPoolExecutor(max_workers=threads or min(len(os.sched_getaffinity(0)), 4)) as pool:
        found = list(pool.map(lambda check: _run_and_release(store, check), checks))
    violations = _describe(store, [(check, row) for check, rows in zip(checks, found) for row in rows])
    return ValidationReport(violations, len(store), _shape_count(shapes), time.perf_counter() - started)


def _run_and_release(store: ox.Store, check: Check) -> list[dict]:
    """`_run`, then what its queries freed given back to the system (`release_freed_memory`): each thread
    keeps what it frees for itself otherwise, and two threads that met large queries in turn hold both peaks
    (validating the 10,000-document graph of the benchmark in two threads: a peak of 575-597 MB instead of
    699-728, in the same time)."""
    rows = _run(store, check)
    release_freed_memory()
    return rows


def _run(store: ox.Store, check: Check) -> list[dict]:
    """The violations one check finds (see `Check`)."""
    if check.unless is not None and _ask(store, check.unless, check):
        return []
    if check.filtered:
        rows = _select(store, f"{check.queries[0]} LIMIT {BOUND_FOCUS + 1}", check)
        if len(rows) > BOUND_FOCUS:  # many candidates (nodes the shape does not target): join them with the targets
            rows = [row for query in check.joined for row in _select(store, query, check)]
        elif rows:  # look up whether each is a focus node
            blocks = [query.replace("VALUES_THIS", values) for query in check.focus for values in _values(rows)]
            focus = {row["this"] for query in blocks for row in _select(store, query, check)}
            rows = [row for row in rows if row["this"] in focus]
    else:
        rows = [row for query in check.queries for row in _select(store, query, check)]
    if rows and check.bound is not None:
        rows = [row for values in _values(rows) for row in _select(store, check.bound.replace("VALUES_THIS", values),
                                                                   check)]
    return rows


# Up to this many candidates of a check are looked up as focus nodes (bound by VALUES, a query per 2,000);
# beyond, the candidates are joined with the targets in the store.
BOUND_FOCUS = 10_000


def _values(rows: list[dict], chunk: int = 2000) -> Iterator[str]:
    """VALUES blocks binding ?this to the focus nodes of the rows, `chunk` at a time."""
    nodes = sorted({str(row["this"]) for row in rows})
    for start in range(0, len(nodes), chunk):
        yield "VALUES ?this { " + " ".join(nodes[start:start + chunk]) + " }"


def _select(store: ox.Store, query: str, check: Check) -> list[dict]:
    """A check's query's rows as plain terms (the results are freed in the thread that made them)."""
    with _compiled_from_shapes(check):
        return _rows(store, query)


def _ask(store: ox.Store, query: str, check: Check) -> bool:
    """A check's ASK query's answer."""
    with _compiled_from_shapes(check):
        return bool(store.query(query))


@contextmanager
def _compiled_from_shapes(check: Check) -> Iterator[None]:
    """A check's query that is not valid SPARQL is a fault of the shapes it was compiled from: said so, on one
    line (the parser's own message spans several, listing every character it expected)."""
    try:
        yield
    except SyntaxError as exc:
        reason = one_line(str(exc), 120)
        raise ReferenceDataError(f"a check compiled from ontology/{SHAPES_FILE} is not valid SPARQL ({reason}): "
                                 f"{check.shape} {check.component}") from None


def _shape_count(shapes: ShapesGraph) -> int:
    node_shape = ox.NamedNode(SH + "NodeShape")
    return sum(1 for s in shapes.subjects() if node_shape in shapes.values(s, "type", RDF))


def _describe(store: ox.Store, found: list[tuple[Check, dict]]) -> list[Violation]:
    """Violations in words: each focus node's label and documents, read from the store in one query."""
    nodes = {row[name] for _, row in found for name in ("this", "value")
             if isinstance(row.get(name), (ox.NamedNode, ox.BlankNode))}
    labels, documents = _labels_and_documents(store, nodes)
    violations = set()
    for check, row in found:
        focus, value, path = row["this"], row.get("value"), row.get("path")
        if value is None and check.value_is_focus:
            value = focus
        path_iri = path.value if isinstance(path, ox.NamedNode) else check.path
        violations.add(Violation(
            focus=focus.value, label=labels.get(focus) or compact(focus.value),
            message="; ".join(check.messages) or "breaks a rule of the shapes",
            documents=documents.get(focus, ()), path=path_iri,
            value=None if value is None else (labels.get(value) or compact(value.value)) if isinstance(
                value, ox.NamedNode) else value.value,
            severity=check.severity, shape=check.shape))
    return sorted(violations, key=lambda v: (v.message, v.label, v.focus, v.value or ""))


def _labels_and_documents(store: ox.Store, nodes: set) -> tuple[dict, dict]:
    """How a reader names each node (its label; for evidence, the relation it supports) and the file names of
    the documents it came from (an entity's documents, a statement's source)."""
    if not nodes:
        return {}, {}
    values = " ".join(str(n) for n in nodes if isinstance(n, ox.NamedNode))
    parts: dict = {}  # statement -> {"subject": value, ...}, the first of several by IRI or lexical form
    query = f"""SELECT ?n ?part ?x WHERE {{ VALUES ?n {{ {values} }} ?n a <{RDF}Statement> .
        VALUES ?part {{ <{RDF}subject> <{RDF}predicate> <{RDF}object> }} ?n ?part ?x }}"""
    for row in _rows(store, query):
        part = parts.setdefault(row["n"], {})
        name = row["part"].value[len(RDF):]
        if name not in part or row["x"].value < part[name].value:
            part[name] = row["x"]
    ends = {x for part in parts.values() for x in part.values() if isinstance(x, ox.NamedNode)}
    labels = _labels(store, nodes | ends)
    for node, part in parts.items():
        if node not in labels:
            s, p, o = (part.get(name) for name in ("subject", "predicate", "object"))
            word = compact(p.value).removeprefix("kg:") if p is not None else "?"
            subject, obj = (labels.get(x) or compact(x.value) if x is not None else "?" for x in (s, o))
            labels[node] = f"evidence for {subject} {word} {obj}"
    documents: dict = {}
    query = f"""SELECT DISTINCT ?n ?name WHERE {{ VALUES ?n {{ {values} }}
        {{ ?n <{KG}mentionedIn>|<{PROV_DERIVED}> ?source }} UNION {{ ?n a <{KG}Document> BIND(?n AS ?source) }}
        ?source <{KG}fileName> ?name }}"""
    for row in _rows(store, query):
        documents.setdefault(row["n"], set()).add(row["name"].value)
    return labels, {node: tuple(sorted(names)) for node, names in documents.items()}


def _labels(store: ox.Store, nodes: set) -> dict:
    """Each node's label: in English where it has one."""
    values = " ".join(str(n) for n in nodes if isinstance(n, ox.NamedNode))
    found: dict = {}
    for row in _rows(store, f"SELECT ?n ?l WHERE {{ VALUES ?n {{ {values} }} ?n <{RDFS_LABEL}> ?l }}"):
        found.setdefault(row["n"], []).append(row["l"])
    return {node: sorted(labels, key=lambda lit: (lit.language != "en", lit.value))[0].value
            for node, labels in found.items()}


def _rows(store: ox.Store, query: str) -> list[dict]:
    solutions = store.query(query)
    variables = [v.value for v in solutions.variables]  # type: ignore[union-attr]
    rows = [{name: term for name, term in zip(variables, row) if term is not None}
            for row in solutions]  # type: ignore[union-attr]
    del solutions  # freed in the thread that made it
    return rows


def validate_triples(triples: Iterable[ox.Triple], shapes_dir: Path | None = None, engine: str = "sparql"
                     ) -> ValidationReport:
    """Validate a graph given as Oxigraph triples (what `kg.publish.rdf.graph_triples` returns)."""
    if engine == "pyshacl":
        started = time.perf_counter()
        return _validate(to_rdflib(triples), shapes_dir, started)
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return validate_store(store, shapes_dir)


def validate_graph_dir(graph_dir: Path | str, shapes_dir: Path | None = None, engine: str = "sparql"
                       ) -> ValidationReport:
    """Validate the graph `kg build --out DIR` wrote (read from DIR/store/, whose default graph holds every
    triple)."""
    store = open_store(graph_dir)
    if engine == "pyshacl":
        started = time.perf_counter()
        triples = (ox.Triple(q.subject, q.predicate, q.object)
                   for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return _validate(to_rdflib(triples), shapes_dir, started)
    return validate_store(store, shapes_dir)


def _rdflib_term(term):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def to_rdflib(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    import rdflib

    graph = rdflib.Graph()
    for t in triples:
        graph.add((_rdflib_term(t.subject), _rdflib_term(t.predicate), _rdflib_term(t.object)))
    return graph


def _validate(data: rdflib.Graph, shapes_dir: Path | None, started: float) -> ValidationReport:
    import pyshacl
    import rdflib

    shapes = load_shapes(shapes_dir)
    _, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, inplace=True)
    if not isinstance(results, rdflib.Graph):  # the shapes themselves are wrong
        raise ReferenceDataError(f"cannot check the graph against ontology/{SHAPES_FILE}: {text}")
    sh = rdflib.Namespace(SH)
    violations = []
    # the report's results, not the details nested in them (sh:detail: why a value failed sh:node)
    for result in results.objects(None, sh.result):
        focus = results.value(result, sh.focusNode)
        path = results.value(result, sh.resultPath)
        value = results.value(result, sh.value)
        messages = sorted(str(m) for m in results.objects(result, sh.resultMessage))
        severity = results.value(result, sh.resultSeverity)
        violations.append(Violation(
            focus=str(focus),
            label=_label(data, focus),
            message="; ".join(messages) or "breaks a rule of the shapes",
            documents=_documents(data, focus),
            path=str(path) if isinstance(path, rdflib.URIRef) else None,
            value=_label(data, value) if isinstance(value, rdflib.URIRef) else None if value is None else str(value),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            shape=str(results.value(result, sh.sourceShape) or ""),
        ))
    violations = sorted(set(violations), key=lambda v: (v.message, v.label, v.focus, v.value or ""))
    shape_count = len(set(shapes.subjects(rdflib.RDF.type, sh.NodeShape)))
    return ValidationReport(violations, len(data), shape_count, time.perf_counter() - started)


def _english_label(data: rdflib.Graph, node) -> str | None:
    import rdflib

    labels = sorted(data.objects(node, rdflib.RDFS.label),
                    key=lambda lit: (getattr(lit, "language", None) != "en", str(lit)))
    return str(labels[0]) if labels else None


def _label(data: rdflib.Graph, node) -> str:
    """How a reader names a node: its label; for evidence, the relation it supports; else its short IRI."""
    import rdflib

    label = _english_label(data, node)
    if label:
        return label
    if (node, rdflib.RDF.type, rdflib.RDF.Statement) in data:
        # the first of several values (a broken statement may have two subjects), by IRI or lexical form
        parts = [min(data.objects(node, rdflib.RDF[p]), key=str, default=None)
                 for p in ("subject", "predicate", "object")]
        words = [compact(str(parts[1])).removeprefix("kg:") if parts[1] is not None else "?"]
        names = [(_english_label(data, x) or compact(str(x))) if x is not None else "?" for x in (parts[0], parts[2])]
        return f"evidence for {names[0]} {words[0]} {names[1]}"
    return compact(str(node))


def _documents(data: rdflib.Graph, node) -> tuple[str, ...]:
    """The file names of the documents a node came from: an entity's documents, a statement's source."""
    import rdflib

    kg = rdflib.Namespace(KG)
    sources = set(data.objects(node, kg.mentionedIn)) | set(data.objects(node, rdflib.URIRef(PROV_DERIVED)))
    if (node, rdflib.RDF.type, kg.Document) in data:
        sources.add(node)
    names = {str(name) for source in sources for name in data.objects(source, kg.fileName)}
    return tuple(sorted(names))
