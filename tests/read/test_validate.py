"""Validation (kg/validate.py, ontology/shapes.ttl): the seeds graph conforms, and deliberately broken graphs
are caught, each with the entity's name, the rule in words and the document it came from."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from conftest import SEEDS
from kg.namespaces import ID, KG
from kg.read.validate import validate_graph_dir, validate_triples
from kg.reference import ontology_dir

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
SIHUI_REPORT = "001_7f978b8ab7f78ba4.txt"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


@pytest.fixture(scope="module")
def sihui():
    """The graph of the Sihui work report alone (parks, towns, enterprises, relations with evidence): its
    in-memory form and its triples."""
    from kg.build.pipeline import extract_graph
    from kg.ingest.documents import read_document
    from kg.publish.rdf import graph_triples
    from kg.reference import load_reference

    graph = extract_graph([read_document(SEEDS / SIHUI_REPORT, SIHUI_REPORT)])
    return graph, graph_triples(graph, load_reference())


def entity_named(graph, label: str, type: str):
    return next(e for e in graph.entities.values() if e.label == label and e.type == type)


def statements_of(triples, s: str, p: str, o: str) -> set:
    """The evidence nodes of one relation."""
    by_node: dict = {}
    for t in triples:
        if t.predicate.value in (RDF + "subject", RDF + "predicate", RDF + "object"):
            by_node.setdefault(t.subject, set()).add((t.predicate.value, t.object.value))
    wanted = {(RDF + "subject", s), (RDF + "predicate", KG + p), (RDF + "object", o)}
    return {node for node, facts in by_node.items() if wanted <= facts}


def messages_about(report, label: str) -> list[str]:
    return [v.message for v in report.violations if v.label == label]


def test_the_seeds_graph_conforms(seeds_graph):
    report = validate_graph_dir(seeds_graph)
    assert report.conforms, report.render()
    assert report.triples > 10_000 and report.shapes >= 20
    assert report.render().startswith("the graph conforms to ontology/shapes.ttl")


def test_the_sihui_graph_conforms(sihui):
    assert validate_triples(sihui[1]).conforms


def test_an_entity_without_an_english_name(sihui):
    graph, triples = sihui
    jintian = entity_named(graph, "Jintian Copper", "Enterprise")
    broken = [t for t in triples if not (t.subject.value == jintian.iri and t.predicate.value == RDFS_LABEL)]
    report = validate_triples(broken)
    [violation] = report.violations
    assert violation.message == "has no English name (rdfs:label in English)"
    assert violation.focus == jintian.iri and violation.documents == (SIHUI_REPORT,)
    assert violation.line() == (f"enterprise:{jintian.iri.rsplit('/', 1)[1]} (enterprise:"
                                f"{jintian.iri.rsplit('/', 1)[1]}): has no English name (rdfs:label in English)"
                                f" — from {SIHUI_REPORT}")


def test_two_english_names(sihui):
    graph, triples = sihui
    sihui_city = entity_named(graph, "Sihui", "County")
    broken = triples + [ox.Triple(n(sihui_city.iri), n(RDFS_LABEL), ox.Literal("Four Sessions", language="en"))]
    report = validate_triples(broken)
    assert [v.message for v in report.violations] == [
        "has more than one preferred label (rdfs:label) in one language"]
    assert report.violations[0].label in ("Sihui", "Four Sessions")
    assert report.violations[0].documents == (SIHUI_REPORT,)


def test_a_relation_without_evidence(sihui):
    graph, triples = sihui
    relation = next(r for r in graph.relations if r.predicate == "inIndustry")
    dropped = statements_of(triples, relation.subject, relation.predicate, relation.object)
    assert dropped
    report = validate_triples([t for t in triples if t.subject not in dropped])
    [violation] = report.violations
    subject = graph.entities[relation.subject]
    assert violation.label == subject.label and violation.documents == (SIHUI_REPORT,)
    assert violation.message.startswith("has a relation") and "with no evidence" in violation.message
    assert violation.value is not None and graph.entities[relation.object].label in violation.line()


def test_evidence_without_its_sentence(sihui):
    graph, triples = sihui
    relation = next(r for r in graph.relations if r.predicate == "investsIn")
    node = sorted(statements_of(triples, relation.subject, relation.predicate, relation.object), key=str)[0]
    broken = [t for t in triples if not (t.subject == node and t.predicate.value == KG + "evidenceText")]
    [violation] = validate_triples(broken).violations
    assert violation.message == "is evidence from text without its quoted sentence (kg:evidenceText)"
    subject, obj = graph.entities[relation.subject], graph.entities[relation.object]
    assert violation.label == f"evidence for {subject.label} investsIn {obj.label}"
    assert violation.documents == (SIHUI_REPORT,)


def test_a_cluster_that_is_neither_pillar_nor_emerging(sihui):
    cluster = ID + "cluster/jade"
    broken = sihui[1] + [ox.Triple(n(cluster), n(RDF + "type"), n(KG + "Cluster")),
                         ox.Triple(n(cluster), n(RDFS_LABEL), ox.Literal("Jade industry cluster", language="en"))]
    report = validate_triples(broken)
    assert sorted(messages_about(report, "Jade industry cluster")) == [
        'is not exactly one of a pillar cluster (kg:PillarCluster, kind "pillar") or an emerging cluster '
        '(kg:EmergingCluster, kind "emerging")',
        'must have exactly one cluster kind (kg:clusterKind), "pillar" or "emerging"',
    ]
    assert all(v.documents == () for v in report.violations)
    assert "— from reference data" in report.render()


def test_a_cluster_that_is_both(sihui):
    cluster = ID + "cluster/jade"
    broken = sihui[1] + [ox.Triple(n(cluster), n(RDF + "type"), n(KG + t))
                         for t in ("Cluster", "PillarCluster", "EmergingCluster")] + [
        ox.Triple(n(cluster), n(RDFS_LABEL), ox.Literal("Jade industry cluster", language="en")),
        ox.Triple(n(cluster), n(KG + "clusterKind"), ox.Literal("pillar"))]
    assert messages_about(validate_triples(broken), "Jade industry cluster") == [
        'is not exactly one of a pillar cluster (kg:PillarCluster, kind "pillar") or an emerging cluster '
        '(kg:EmergingCluster, kind "emerging")']


def test_a_park_with_no_chain_to_the_province(sihui):
    graph, triples = sihui
    park = entity_named(graph, "Zhaoqing High-tech Zone", "Park")
    located = {r.object for r in graph.relations if r.subject == park.iri and r.predicate == "locatedIn"}
    assert located
    evidence = set().union(*(statements_of(triples, park.iri, "locatedIn", o) for o in located))
    broken = [t for t in triples if t.subject not in evidence
              and not (t.subject.value == park.iri and t.predicate.value == KG + "locatedIn")]
    report = validate_triples(broken)
    assert messages_about(report, "Zhaoqing High-tech Zone") == [
        "does not chain up to a province through kg:locatedIn"]
    assert [v.documents for v in report.violations] == [(SIHUI_REPORT,)]


def test_a_town_whose_county_is_cut_off(sihui):
    """Without the county's link to its city, neither the county nor its towns reach the province."""
    graph, triples = sihui
    town = next(e for e in graph.entities.values() if e.type == "Town")
    county = next(r.object for r in graph.relations if r.subject == town.iri and r.predicate == "locatedIn")
    cities = [r.object for r in graph.relations if r.subject == county and r.predicate == "locatedIn"]
    evidence = set().union(*(statements_of(triples, county, "locatedIn", city) for city in cities))
    broken = [t for t in triples if t.subject not in evidence
              and not (t.subject.value == county and t.predicate.value == KG + "locatedIn")]
    report = validate_triples(broken)
    cut_off = {v.label for v in report.violations
               if v.message == "does not chain up to a province through kg:locatedIn"}
    assert {town.label, graph.entities[county].label} <= cut_off


@pytest.mark.parametrize("predicate, subject_type, object_type, message", [
    ("investsIn", "Industry", "Park", "invests (kg:investsIn) but is not an enterprise"),
    ("inIndustry", "Enterprise", "County", "is in an industry (kg:inIndustry) that is not an industry"),
    ("clusterCentre", "Park", "City", "has a centre (kg:clusterCentre) but is not a cluster"),
    ("locatedIn", "Enterprise", "Industry", "is located in (kg:locatedIn) something that is not a place"),
    ("supplies", "Enterprise", "Industry", "supplies (kg:supplies) something that is not an enterprise"),
])
def test_wrong_domain_or_range(sihui, predicate, subject_type, object_type, message):
    graph, triples = sihui
    subject = sorted(e.iri for e in graph.entities.values() if e.type == subject_type)[0]
    obj = sorted(e.iri for e in graph.entities.values() if e.type == object_type)[0]
    statement = n(ID + "statement/broken")
    broken = triples + [
        ox.Triple(n(subject), n(KG + predicate), n(obj)),
        ox.Triple(statement, n(RDF + "type"), n(RDF + "Statement")),
        ox.Triple(statement, n(RDF + "subject"), n(subject)),
        ox.Triple(statement, n(RDF + "predicate"), n(KG + predicate)),
        ox.Triple(statement, n(RDF + "object"), n(obj)),
        ox.Triple(statement, n("http://www.w3.org/ns/prov#wasDerivedFrom"), n(ID + "dataset/gazetteer")),
        ox.Triple(statement, n(KG + "evidenceKind"), ox.Literal("reference")),
    ]
    report = validate_triples(broken)
    assert [(v.label, v.message) for v in report.violations] == [(graph.entities[subject].label, message)]


def test_every_property_of_the_ontology_has_a_domain_shape():
    ontology = rdflib.Graph().parse(ontology_dir() / "kg.ttl")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    properties = {p for kind in (rdflib.OWL.ObjectProperty, rdflib.OWL.DatatypeProperty)
                  for p in ontology.subjects(rdflib.RDF.type, kind)}
    targeted = set(shapes.objects(None, SH.targetSubjectsOf))
    assert len(properties) > 15 and properties <= targeted


def test_every_rule_is_said_in_words():
    """Each shape that checks something (a targeted shape with node-level constraints, each of its property
    shapes, each SPARQL constraint) has an English sh:message."""
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.target)
    node_constraints = (SH["class"], SH["or"], SH.xone, SH.node)
    unsaid = []
    for shape in {s for t in targets for s in shapes.subjects(t, None)}:
        if any(shapes.value(shape, c) is not None for c in node_constraints) and not shapes.value(shape, SH.message):
            unsaid.append(shape)
        for part in [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]:
            message = shapes.value(part, SH.message)
            if message is None or message.language != "en":
                unsaid.append((shape, part))
    assert unsaid == []


def test_kg_validate_exit_codes(seeds_graph, sihui, tmp_path):
    from kg.cli import main
    from kg.publish.rdf import write_store

    runner = CliRunner()
    ok = runner.invoke(main, ["validate", "--graph", str(seeds_graph)])
    assert ok.exit_code == 0 and ok.stdout.startswith("the graph conforms")

    graph, triples = sihui
    jintian = entity_named(graph, "Jintian Copper", "Enterprise")
    write_store([t for t in triples if not (t.subject.value == jintian.iri and t.predicate.value == RDFS_LABEL)],
                tmp_path / "store")
    bad = runner.invoke(main, ["validate", "--graph", str(tmp_path)])
    assert bad.exit_code == 1
    lines = bad.stdout.splitlines()
    assert lines[0].startswith("1 violation of ontology/shapes.ttl")
    assert lines[1].endswith(f"has no English name (rdfs:label in English) — from {SIHUI_REPORT}")

    missing = runner.invoke(main, ["validate", "--graph", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2 and "run `kg build" in missing.stderr


def test_kg_build_says_how_many_violations_and_strict_fails_on_them(tmp_path, monkeypatch):
    import shutil

    from kg.build import pipeline
    from kg.cli import main
    from kg.read.validate import ValidationReport, Violation

    docs, out = tmp_path / "docs", tmp_path / "out"
    docs.mkdir()
    shutil.copy(SEEDS / "003_d3940567e1aa418c.txt", docs)
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--docs", str(docs), "--out", str(out)])
    assert built.exit_code == 0 and built.stderr == ""
    assert built.stdout.splitlines()[-1].startswith("validation: the graph conforms to ontology/shapes.ttl (")
    before = (out / "kg.ttl").read_bytes()

    wrong = Violation(ID + "region/huadu", "Huadu", "has no English name (rdfs:label in English)",
                      ("003_d3940567e1aa418c.txt",))
    monkeypatch.setattr(pipeline, "validate_triples", lambda triples: ValidationReport([wrong], 10, 1, 0.1))
    warned = runner.invoke(main, ["build", "--docs", str(docs), "--out", str(tmp_path / "other")])
    assert warned.exit_code == 0
    assert warned.stderr == ("warning: invalid: Huadu (region:huadu): has no English name (rdfs:label in English)"
                             " — from 003_d3940567e1aa418c.txt\n")
    assert warned.stdout.splitlines()[-1] == (
        f"validation: 1 violation of ontology/shapes.ttl (`kg validate --graph {tmp_path / 'other'}` lists them all)")

    strict = runner.invoke(main, ["build", "--docs", str(docs), "--out", str(out), "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[-1] == ("Error: 1 validation problem with --strict: nothing written, the "
                                              "previous output is kept")
    assert (out / "kg.ttl").read_bytes() == before
