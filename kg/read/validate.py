"""Check the graph against its SHACL shapes (`ontology/shapes.ttl`) and say what is wrong in words.

Each violation names the entity (its English label), the rule it breaks (the shape's `sh:message`) and the
documents it came from, so a reader can go from a line of the report to the sentence at fault:

    >>> report = validate_graph_dir("output")                         # doctest: +SKIP
    >>> print(report.render())                                         # doctest: +SKIP
    the graph conforms to ontology/shapes.ttl (26 shapes, 12,080 triples checked in 2.6 s)

pySHACL runs on an in-memory rdflib graph made once from the triples (from the build's triples, or from the
query store's default graph, which holds every triple); the shapes use SHACL-SPARQL targets for the rules
that join a relation with its evidence, so pySHACL runs with its advanced features on.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.errors import ReferenceDataError
from kg.namespaces import KG
from kg.read.query import compact, open_store
from kg.reference import ontology_dir

if TYPE_CHECKING:
    import rdflib

SHAPES_FILE = "shapes.ttl"
SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


@lru_cache(maxsize=2)
def load_shapes(directory: Path | None = None) -> rdflib.Graph:
    import rdflib

    path = (directory or ontology_dir()) / SHAPES_FILE
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as exc:
        raise ReferenceDataError(f"cannot read the shapes in {path}: {exc}") from None


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


def validate_triples(triples: Iterable[ox.Triple], shapes_dir: Path | None = None) -> ValidationReport:
    """Validate a graph given as Oxigraph triples (what `kg.publish.rdf.graph_triples` returns)."""
    started = time.perf_counter()
    return _validate(to_rdflib(triples), shapes_dir, started)


def validate_graph_dir(graph_dir: Path | str, shapes_dir: Path | None = None) -> ValidationReport:
    """Validate the graph `kg build --out DIR` wrote (read from DIR/store/, whose default graph holds every
    triple)."""
    started = time.perf_counter()
    store = open_store(graph_dir)
    triples = (ox.Triple(q.subject, q.predicate, q.object)
               for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    return _validate(to_rdflib(triples), shapes_dir, started)


def _validate(data: rdflib.Graph, shapes_dir: Path | None, started: float) -> ValidationReport:
    import pyshacl
    import rdflib

    shapes = load_shapes(shapes_dir)
    _, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, inplace=True)
    if not isinstance(results, rdflib.Graph):  # the shapes themselves are wrong
        raise ReferenceDataError(f"cannot check the graph against ontology/{SHAPES_FILE}: {text}")
    sh = rdflib.Namespace(SH)
    violations = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
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
        parts = [data.value(node, rdflib.RDF[p]) for p in ("subject", "predicate", "object")]
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
