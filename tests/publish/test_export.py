"""kg export: the RDF formats read back by a strict parser, GraphML and GEXF read back by networkx (as Gephi
reads them), the CSV pair read back as a spreadsheet would."""

from __future__ import annotations

import csv
import hashlib
import io

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build.corpus import write_named_graphs
from kg.cli import main
from kg.errors import KgError
from kg.namespaces import ID
from kg.publish.export import EXPORTERS, export, read_graph, triples
from kg.read.query import open_store

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
               "trig": ox.RdfFormat.TRIG}
SIHUI = ID + "region/sihui"


def store_triples(store) -> set:
    return {(q.subject, q.predicate, q.object) for q in store}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_rdf_formats_hold_every_triple_of_the_store(fmt, seeds_store, seeds_graph, tmp_path):
    out = tmp_path / f"kg{EXPORTERS[fmt].suffix}"
    # trig: derived from the build's per-document cache (kg export does so where the build wrote no kg.trig)
    assert export(seeds_store, fmt, out, graph_dir=seeds_graph, derive=write_named_graphs) == [out]

    def named(term):  # blank nodes are named anew by each parse
        return None if isinstance(term, ox.BlankNode) else term

    parsed = {(named(q.subject), q.predicate, named(q.object))
              for q in ox.parse(path=str(out), format=RDF_FORMATS[fmt])}
    assert parsed == {(named(s), p, named(o)) for s, p, o in store_triples(seeds_store)}
    assert len(parsed) > 10_000


def test_trig_is_the_file_the_build_wrote_or_derived_when_it_wrote_none(seeds_store, tmp_path):
    with pytest.raises(KgError, match=r"no kg.trig in .*kg build --trig"):
        export(seeds_store, "trig", tmp_path / "kg.trig", graph_dir=tmp_path)
    asked = []
    export(seeds_store, "trig", tmp_path / "derived.trig", graph_dir=tmp_path,
           derive=lambda where, out: (asked.append(where), out.write(b"# derived\n")))
    assert asked == [tmp_path] and (tmp_path / "derived.trig").read_bytes() == b"# derived\n"
    (tmp_path / "kg.trig").write_bytes(b"# built\n")
    export(seeds_store, "trig", tmp_path / "copied.trig", graph_dir=tmp_path, derive=lambda *_: asked.append(1))
    assert (tmp_path / "copied.trig").read_bytes() == b"# built\n" and len(asked) == 1


def test_triples_come_once_whichever_graph_holds_them():
    store = ox.Store()
    s, p, o = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal("o")
    store.add(ox.Quad(s, p, o))
    store.add(ox.Quad(s, p, o, ox.NamedNode("http://example.org/doc")))
    assert list(triples(store)) == [ox.Triple(s, p, o)]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_gephi_formats_read_back_with_labels_types_and_relations(fmt, seeds_store, seed_kg, tmp_path):
    out = tmp_path / f"kg.{fmt}"
    export(seeds_store, fmt, out)
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert g.is_directed() and g.is_multigraph()
    assert set(g) == set(seed_kg.entities)
    for iri, entity in seed_kg.entities.items():
        assert (g.nodes[iri]["label"], g.nodes[iri]["type"]) == (entity.label, entity.type)
    assert sorted((s, d["relation"], o) for s, o, d in g.edges(data=True)) == sorted(
        (r.subject, r.predicate, r.object) for r in seed_kg.relations)
    sihui = g.nodes[SIHUI]
    assert sihui["label_zh"] == "四会市" and sihui["kind"] == "county-level city"
    assert "Sihui City" in sihui["aliases"].split("; ")
    # An edge carries its relation as the label Gephi shows, and its evidence and documents.
    jintian = next(iri for iri, e in seed_kg.entities.items() if e.label == "Jintian Copper")
    edges = [d for s, o, d in g.edges(data=True) if s == jintian and d["relation"] == "inIndustry"]
    assert edges and all(d["label"] == "inIndustry" and d["evidence"] and d["documents"].endswith(".txt")
                         and int(d["evidence_count"]) >= 1 for d in edges)


def test_csv_pair_has_a_node_per_entity_and_an_edge_row_per_piece_of_evidence(seeds_store, seed_kg, tmp_path):
    written = export(seeds_store, "csv", tmp_path / "sheets")
    assert [p.name for p in written] == ["nodes.csv", "edges.csv"]
    assert written[0].read_bytes().startswith(b"\xef\xbb\xbf")  # spreadsheets then read Chinese right
    nodes = list(csv.DictReader(written[0].open(encoding="utf-8-sig", newline="")))
    edges = list(csv.DictReader(written[1].open(encoding="utf-8-sig", newline="")))
    assert {n["id"] for n in nodes} == set(seed_kg.entities)
    assert next(n for n in nodes if n["id"] == SIHUI)["label_zh"] == "四会市"
    assert {(e["source"], e["relation"], e["target"]) for e in edges} == {
        (r.subject, r.predicate, r.object) for r in seed_kg.relations}
    assert len(edges) == sum(len(r.evidence) for r in seed_kg.relations)
    for r in seed_kg.relations:
        rows = [e for e in edges if (e["source"], e["relation"], e["target"]) == (r.subject, r.predicate, r.object)]
        assert sorted(e["evidence"] for e in rows if e["evidence_kind"] == "text") == sorted(
            ev.text for ev in r.evidence if ev.is_text)
        assert {e["document"] for e in rows if e["evidence_kind"] == "text"} == {
            ev.source for ev in r.evidence if ev.is_text}
    invested = [e for e in edges if e["relation"] == "investsIn" and e["amount"]]
    assert invested and all("yuan" in e["amount"].lower() or "亿" in e["amount"] for e in invested)


@pytest.fixture
def hostile_store(tmp_path):
    """A store whose names and evidence hold control characters and spreadsheet formulas."""
    from kg.model import Entity, Evidence, KnowledgeGraph, Relation
    from kg.publish.rdf import graph_triples, write_store
    from kg.reference import load_reference

    sentence = "Acme\x0b Corp supplies =Beta\x1b[31m Ltd\x00."
    a, b = ID + "enterprise/acme", ID + "enterprise/beta"
    graph = KnowledgeGraph(
        {"doc1.txt": hashlib.sha256(sentence.encode()).hexdigest()},
        {a: Entity(a, "Enterprise", "Acme\x0b Corp", alt_labels={"=HYPERLINK(\"http://x\")"}, docs={"doc1.txt"}),
         b: Entity(b, "Enterprise", "@Beta\x1b[31m Ltd", docs={"doc1.txt"})},
        [Relation(a, "supplies", b, [Evidence("doc1.txt", sentence, 0, len(sentence))])])
    write_store(graph_triples(graph, load_reference()), tmp_path / "store")
    return open_store(tmp_path)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_control_characters_are_left_out_of_xml(fmt, hostile_store, tmp_path):
    out = tmp_path / f"kg.{fmt}"
    export(hostile_store, fmt, out)
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert g.nodes[ID + "enterprise/acme"]["label"] == "Acme Corp"
    assert g.nodes[ID + "enterprise/beta"]["label"] == "@Beta[31m Ltd"
    (_, _, data), = g.edges(data=True)
    assert data["evidence"] == "Acme Corp supplies =Beta[31m Ltd." and data["documents"] == "doc1.txt"


def test_csv_cells_never_start_a_formula(hostile_store, tmp_path):
    nodes_csv, edges_csv = export(hostile_store, "csv", tmp_path)
    nodes = {n["id"]: n for n in csv.DictReader(nodes_csv.open(encoding="utf-8-sig", newline=""))}
    assert nodes[ID + "enterprise/acme"]["aliases"] == "'=HYPERLINK(\"http://x\")"
    assert nodes[ID + "enterprise/beta"]["label"] == "'@Beta\x1b[31m Ltd"
    (edge,) = csv.DictReader(edges_csv.open(encoding="utf-8-sig", newline=""))
    assert edge["target_label"] == "'@Beta\x1b[31m Ltd" and edge["evidence"].startswith("Acme")


def test_read_graph_keeps_lists_and_evidence_for_programs(seeds_store):
    g = read_graph(seeds_store)
    sihui = g.nodes[SIHUI]
    assert isinstance(sihui["aliases"], list) and "Sihui City" in sihui["aliases"]
    assert all(isinstance(d["evidence"], list) for _, _, d in g.edges(data=True))


# ---------------------------------------------------------------- the command


def run(*args: str):
    return CliRunner().invoke(main, ["export", *args], catch_exceptions=False)


def test_export_to_standard_output(seeds_graph, seeds_store):
    result = run("--format", "ntriples", "--graph", str(seeds_graph))
    assert result.exit_code == 0, result.output
    parsed = set(ox.parse(io.BytesIO(result.stdout_bytes), format=ox.RdfFormat.N_TRIPLES))
    assert {(t.subject, t.predicate, t.object) for t in parsed} == store_triples(seeds_store)


def test_export_to_a_file_names_it_on_stderr(seeds_graph, tmp_path):
    out = tmp_path / "deep" / "kg.gexf"
    result = run("--format", "gexf", "--out", str(out), "--graph", str(seeds_graph))
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == f"wrote {out}\n"
    assert nx.read_gexf(out).number_of_nodes() > 300
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_csv_needs_a_directory(seeds_graph, tmp_path):
    result = run("--format", "csv", "--graph", str(seeds_graph))
    assert result.exit_code == 2 and "give the directory with --out" in result.stderr
    (tmp_path / "file").write_text("x")
    result = run("--format", "csv", "--out", str(tmp_path / "file"), "--graph", str(seeds_graph))
    assert result.exit_code == 2 and "is a file" in result.stderr


def test_unknown_format_and_missing_graph_are_usage_errors(tmp_path):
    assert run("--format", "xlsx", "--graph", str(tmp_path)).exit_code == 2
    result = run("--format", "turtle", "--graph", str(tmp_path))
    assert result.exit_code == 2 and "kg build" in result.stderr


def test_a_reader_that_stops_early_ends_the_export_quietly(seeds_graph):
    """`kg export | head -1`: no error message, no traceback."""
    import subprocess
    import sys

    process = subprocess.Popen([sys.executable, "-m", "kg", "export", "--format", "ntriples", "--graph",
                                str(seeds_graph)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read()
    process.stderr.close()
    assert process.wait(60) in (0, 1)  # 0 if it had written everything before the reader stopped
    assert first.endswith(b" .\n") and stderr == b""
