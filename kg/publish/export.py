"""Export the graph `kg build` wrote to the formats other tools read.

`EXPORTERS` maps each format name to how it is written: the RDF formats (Turtle, N-Triples, JSON-LD, TriG)
are dumped from the query store by Oxigraph's serializer; GraphML and GEXF (for Gephi, yEd, Cytoscape) and the
CSV pair (for spreadsheets) are written from the entity graph `read_graph` reads from the store: one node per
entity with its labels, type and aliases, one edge per relation with its evidence sentences and documents.

    >>> from kg.read.query import open_store                               # doctest: +SKIP
    >>> export(open_store("output"), "graphml", Path("kg.graphml"))   # doctest: +SKIP
    [PosixPath('kg.graphml')]
"""

from __future__ import annotations

import csv
import dataclasses
import os
import re
import secrets
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from kg.errors import KgError, UsageError
from kg.namespaces import KG
from kg.read.lookup import ENTITY_TYPES, Evidence, evidence_from_rows
from kg.read.query import STANDARD_PREFIXES

if TYPE_CHECKING:
    import networkx as nx

RDF_TYPE = STANDARD_PREFIXES["rdf"] + "type"
# Attributes of an entity written as node attributes, under one name ("kind": county-level city, high-tech
# zone, pillar cluster ...): an entity has at most one of them.
KIND_PROPERTIES = ("adminKind", "parkKind", "clusterKind")
LIST_SEPARATOR = "; "
# XML 1.0 cannot hold C0 control characters other than tab, newline and carriage return (nor surrogates or
# U+FFFE/U+FFFF): networkx writes them as they are and the file no longer parses. Carriage returns go too, as
# an XML parser turns them into newlines anyway.
_NOT_XML_RE = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
# A spreadsheet runs a cell that starts with one of these as a formula ("=HYPERLINK(...)"): CSV cells taken
# from documents that start so are written with a leading apostrophe, which spreadsheets show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Exporter:
    """How one format is written: `write(store, out)` writes to a binary stream, or, for a `directory`
    format, into the directory `out` (and returns the files it wrote)."""

    write: Callable | None
    suffix: str
    description: str
    directory: bool = False
    built: str | None = None  # a file `kg build` wrote in the graph directory, copied as it is


# ---------------------------------------------------------------- RDF, from the store


def triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of the store, once: its default graph, which holds every triple (a store of your own
    loaded with kg.trig has the named graphs too, which repeat them by source)."""
    return (ox.Triple(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))


def _prefixes() -> dict[str, str]:
    from kg.publish.rdf import PREFIXES  # only when writing

    return PREFIXES


def _rdf_writer(fmt: ox.RdfFormat) -> Callable[[ox.Store, BinaryIO], None]:
    def write(store: ox.Store, out: BinaryIO) -> None:
        ox.serialize(triples(store), out, fmt, prefixes=_prefixes())
    return write


# ---------------------------------------------------------------- the entity graph


def _select(store: ox.Store, query: str) -> list[tuple]:
    solutions = store.query(query, prefixes=STANDARD_PREFIXES)
    assert isinstance(solutions, ox.QuerySolutions), "a SELECT query"
    return [tuple(row) for row in solutions]


def read_graph(store: ox.Store) -> nx.MultiDiGraph:
    """The entities and relations of the store as a networkx graph.

    Nodes are entity IRIs with `label` (English where there is one), `label_zh`, `type` (Province ...
    Cluster), `kind`, `aliases` and `documents` (file names) — lists as Python lists. Edges are keyed by the
    relation name, with `relation`, `evidence` (a list of `kg.read.lookup.Evidence`, document sentences first)
    and `amount` (an investment amount as stated, or "").
    """
    import networkx as nx

    g = nx.MultiDiGraph()
    types = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
    for e, t in _select(store, f"SELECT ?e ?t WHERE {{ VALUES ?t {{ {types} }} ?e a ?t }}"):
        kind = t.value[len(KG):]
        if e.value in g and ENTITY_TYPES.index(g.nodes[e.value]["type"]) <= ENTITY_TYPES.index(kind):
            continue
        g.add_node(e.value, type=kind, label="", label_zh="", kind="", aliases=[], documents=[])
    labels: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    for e, label in _select(store, "SELECT ?e ?l WHERE { ?e rdfs:label ?l }"):
        if e.value in g:
            labels[e.value].append(((label.language or "").startswith("zh"), label.value))
    for iri, found in labels.items():
        node = g.nodes[iri]
        english = sorted(text for zh, text in found if not zh)
        chinese = sorted(text for zh, text in found if zh)
        node["label"] = english[0] if english else chinese[0]
        node["label_zh"] = chinese[0] if chinese else ""
    for e, alias in _select(store, "SELECT ?e ?a WHERE { ?e skos:altLabel ?a }"):
        if e.value in g:
            g.nodes[e.value]["aliases"].append(alias.value)
    kinds = " ".join(f"kg:{p}" for p in KIND_PROPERTIES)
    for e, kind in _select(store, f"SELECT ?e ?k WHERE {{ VALUES ?p {{ {kinds} }} ?e ?p ?k }}"):
        if e.value in g:
            g.nodes[e.value]["kind"] = kind.value
    for e, name in _select(store, "SELECT ?e ?f WHERE { ?e kg:mentionedIn ?d . ?d kg:fileName ?f }"):
        if e.value in g:
            g.nodes[e.value]["documents"].append(name.value)
    for iri in g:
        node = g.nodes[iri]
        node["label"] = node["label"] or iri
        node["aliases"] = sorted(set(node["aliases"]) - {node["label"], node["label_zh"]})
        node["documents"] = sorted(set(node["documents"]))

    evidence = _evidence(store)
    for s, p, o in _select(store, """SELECT ?s ?p ?o WHERE {
            ?p a owl:ObjectProperty . FILTER(?p != kg:mentionedIn && STRSTARTS(STR(?p), STR(kg:)))
            ?s ?p ?o }"""):
        if s.value in g and o.value in g:
            stated = evidence.get((s.value, p.value, o.value), [])
            amount = next((ev.amount for ev in stated if ev.amount), "")
            g.add_edge(s.value, o.value, key=p.value[len(KG):], relation=p.value[len(KG):], evidence=stated,
                       amount=amount)
    return g


def _evidence(store: ox.Store) -> dict[tuple[str, str, str], list[Evidence]]:
    rows = _select(store, """SELECT ?s ?p ?o ?kind ?text ?file ?srcLabel ?start ?amount WHERE {
          ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          OPTIONAL { ?st kg:evidenceKind ?kind }
          OPTIONAL { ?st kg:evidenceText ?text }
          OPTIONAL { ?st kg:startOffset ?start }
          OPTIONAL { ?st kg:amountText ?amount }
          OPTIONAL { ?st prov:wasDerivedFrom ?src .
                     OPTIONAL { ?src kg:fileName ?file } OPTIONAL { ?src rdfs:label ?srcLabel } }
        }""")
    return evidence_from_rows(rows)


def _xml_text(value: str) -> str:
    return _NOT_XML_RE.sub("", value)


def flat_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`g` with only string and number attributes that XML can hold, as GraphML and GEXF need: lists joined
    with "; ", evidence sentences one per line (with `documents` and `evidence_count` beside them), control
    characters removed. Each edge gets a unique key (e0, e1 ...), its relation name stays in `relation` and
    `label` (the edge label Gephi shows)."""
    import networkx as nx

    flat = nx.MultiDiGraph()
    for iri, data in sorted(g.nodes(data=True)):
        flat.add_node(_xml_text(iri), **{name: _xml_text(LIST_SEPARATOR.join(value) if isinstance(value, list)
                                                         else value) for name, value in data.items()})
    for n, (s, o, data) in enumerate(sorted(g.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1]))):
        evidence = data["evidence"]
        flat.add_edge(_xml_text(s), _xml_text(o), key=f"e{n}", relation=data["relation"], label=data["relation"],
                      evidence=_xml_text("\n".join(ev.text for ev in evidence if ev.text)),
                      documents=_xml_text(LIST_SEPARATOR.join(dict.fromkeys(ev.source for ev in evidence
                                                                            if ev.source))),
                      evidence_count=len(evidence), amount=_xml_text(data["amount"]))
    return flat


def write_graphml(store: ox.Store, out: BinaryIO) -> None:
    import networkx as nx

    nx.write_graphml(flat_graph(read_graph(store)), out, encoding="utf-8")


def write_gexf(store: ox.Store, out: BinaryIO) -> None:
    import networkx as nx

    nx.write_gexf(flat_graph(read_graph(store)), out, encoding="utf-8")


# ---------------------------------------------------------------- CSV, for spreadsheets

NODE_COLUMNS = ("id", "label", "label_zh", "type", "kind", "aliases", "documents")
EDGE_COLUMNS = ("source", "source_label", "relation", "target", "target_label", "evidence", "document",
                "evidence_kind", "amount")


def _cell(value) -> str:
    text = LIST_SEPARATOR.join(value) if isinstance(value, list) else "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(store: ox.Store, out_dir: Path) -> list[Path]:
    """`nodes.csv` (one row per entity) and `edges.csv` (one row per relation and piece of evidence: the
    sentence and its document, or the reference dataset) in `out_dir`, UTF-8 with a byte order mark so that
    spreadsheets read Chinese names right."""
    g = read_graph(store)
    nodes = [[iri, *(g.nodes[iri][c] for c in NODE_COLUMNS[1:])] for iri in sorted(g)]
    edges = []
    for s, o, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[2]["relation"], e[1])):
        for ev in data["evidence"] or [None]:
            edges.append([s, g.nodes[s]["label"], data["relation"], o, g.nodes[o]["label"],
                          ev.text if ev else "", ev.source if ev else "", ev.kind if ev else "",
                          (ev.amount or "") if ev else ""])
    written = []
    for name, header, rows in (("nodes.csv", NODE_COLUMNS, nodes), ("edges.csv", EDGE_COLUMNS, edges)):
        with _replacing(out_dir / name, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows([_cell(v) for v in row] for row in rows)
        written.append(out_dir / name)
    return written


EXPORTERS: dict[str, Exporter] = {
    "turtle": Exporter(_rdf_writer(ox.RdfFormat.TURTLE), ".ttl", "Turtle: every triple"),
    "ntriples": Exporter(_rdf_writer(ox.RdfFormat.N_TRIPLES), ".nt", "N-Triples: every triple, one a line"),
    "jsonld": Exporter(_rdf_writer(ox.RdfFormat.JSON_LD), ".jsonld", "JSON-LD: every triple"),
    # The named graphs are not in the query store (its default graph holds every triple: what queries read):
    # `kg build --trig` writes them to kg.trig beside it, and without it they are derived when asked for.
    "trig": Exporter(None, ".trig", "TriG: each statement in the named graph of its source", built="kg.trig"),
    "graphml": Exporter(write_graphml, ".graphml", "GraphML: entities and relations (Gephi, yEd, Cytoscape)"),
    "gexf": Exporter(write_gexf, ".gexf", "GEXF: entities and relations (Gephi)"),
    "csv": Exporter(write_csv, "", "nodes.csv and edges.csv in the --out directory", directory=True),
}


# ---------------------------------------------------------------- writing


# Makes a file a build may not have written (kg.trig) from the graph directory, to a binary stream.
Deriver = Callable[[Path, BinaryIO], None]


def _copier(graph_dir: Path | None, name: str, derive: Deriver | None = None) -> Callable[[ox.Store, BinaryIO], None]:
    """A writer that copies the file `name` of the graph directory, or, where the build did not write it, has
    `derive` make it."""
    path = (graph_dir or Path("output")) / name
    if not path.is_file():
        if derive is not None:
            return lambda store, out: derive(path.parent, out)
        raise KgError(f"no {name} in {path.parent}/: run `kg build --trig --out {path.parent}`")

    def copy(store: ox.Store, out: BinaryIO) -> None:
        with open(path, "rb") as source:
            shutil.copyfileobj(source, out, 1 << 20)
    return copy



class _replacing:
    """Open a temporary file beside `path`, and put it at `path` only once it is written whole."""

    def __init__(self, path: Path, mode: str = "wb", **kwargs) -> None:
        self.path, self.mode, self.kwargs = path, mode, kwargs

    def __enter__(self):
        # Opened by name ("x": never an existing file) rather than with mkstemp, so the file gets the usual
        # permissions (mkstemp's are 0600).
        self.tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(6)}.tmp")
        self.file = open(self.tmp, self.mode.replace("w", "x"), **self.kwargs)
        return self.file

    def __exit__(self, kind, exc, tb) -> None:
        self.file.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def export(store: ox.Store, fmt: str, out: Path | None, stream: BinaryIO | None = None,
           graph_dir: Path | None = None, derive: Deriver | None = None) -> list[Path]:
    """Write the graph in `fmt` (a name in EXPORTERS) to the file `out`, or to `stream` when `out` is None;
    a directory format (csv) needs `out`, the directory; a format `kg build` may write (trig) is copied from
    `graph_dir`, or made by `derive(graph_dir, stream)` where the build did not write it (`kg export` derives
    kg.trig from the per-document cache: `kg.build.corpus.write_named_graphs`). Returns the files written."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise UsageError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORTERS)})")
    if exporter.built:
        exporter = dataclasses.replace(exporter, write=_copier(graph_dir, exporter.built, derive))
    write = exporter.write
    assert write is not None, f"{fmt} has a writer or is copied from the build"
    try:
        if exporter.directory:
            if out is None:
                raise UsageError(f"--format {fmt} writes several files: give the directory with --out")
            if out.exists() and not out.is_dir():
                raise UsageError(f"--format {fmt} writes into a directory, and {out} is a file")
            out.mkdir(parents=True, exist_ok=True)
            return write(store, out)
        if out is None:
            if stream is None:
                raise UsageError("give a file (--out) or a stream to write to")
            write(store, stream)
            return []
        if out.is_dir():
            raise UsageError(f"--out {out} is a directory: give a file name, such as {out / 'kg'}{exporter.suffix}")
        out.parent.mkdir(parents=True, exist_ok=True)
        with _replacing(out) as f:
            write(store, f)
        return [out]
    except BrokenPipeError:  # the reader of the stream stopped (`kg export | head`): for the caller to end
        raise
    except OSError as exc:
        raise KgError(f"cannot write {out or 'the export'}: {exc.strerror or exc}") from None
