"""Validation (kg/validate.py, ontology/shapes.ttl): the seeds graph conforms, and deliberately broken graphs
are caught, each with the entity's name, the rule in words and the document it came from."""

from __future__ import annotations

from pathlib import Path

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


def test_memory_a_check_freed_goes_back_after_each_check(sihui, monkeypatch):
    """Validation's threads give back what each check's queries freed, check by check (kg.libc), so that its
    peak is what runs at once, not the sum of each thread's largest query."""
    from kg.read import validate

    released, checked = [], []
    run = validate._run
    monkeypatch.setattr(validate, "release_freed_memory", lambda: released.append(len(checked)))
    monkeypatch.setattr(validate, "_run", lambda store, check: checked.append(check) or run(store, check))
    assert validate_triples(sihui[1]).conforms
    # once per check, each after a check ran (threads finish in any order)
    assert len(checked) > 50 and len(released) == len(checked) and min(released) >= 1


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


@pytest.mark.parametrize("prop", ["evidenceText", "confidence", "evidenceCount"])
def test_evidence_properties_on_a_node_that_is_no_statement_each_found(sihui, prop):
    # one shape targets the subjects of nine properties: a violation through any of them is found
    node = n(str(ID) + "not-a-statement")
    broken = sihui[1] + [ox.Triple(node, n(KG + prop), ox.Literal("1"))]
    messages = {v.message for v in validate_triples(broken).violations if v.focus == node.value}
    assert "carries evidence properties (kg:evidenceText, kg:startOffset ...) but is not an rdf:Statement" in messages


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


def test_a_wrong_value_shared_by_two_nodes_is_a_violation_of_each(sihui):
    """Values are tested once each (a property's distinct values), then every node holding a failing one is
    reported: two pieces of evidence whose confidence is the same word, not a number, are two violations."""
    graph, triples = sihui
    confidence = n(KG + "confidence")
    nodes = sorted({t.subject for t in triples if t.predicate == confidence}, key=str)[:2]
    word = ox.Literal("high")
    broken = [t for t in triples if not (t.subject in nodes and t.predicate == confidence)]
    broken += [ox.Triple(node, confidence, word) for node in nodes]
    report = validate_triples(broken)
    assert sorted((v.focus, v.path, v.value) for v in report.violations) == [
        (node.value, KG + "confidence", "high") for node in nodes]


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
    log = tmp_path / "checked.txt"

    def validate_staged(staging):
        """The store as staged, before it replaces anything, is what the build validates (in a process of its
        own: it leaves a line in a file, not in this process's memory)."""
        assert (staging / "store" / "CURRENT").is_file() and staging.parent in (tmp_path / "other", out)
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{staging}\n")
        return ValidationReport([wrong], 10, 1, 0.1)

    monkeypatch.setattr(pipeline, "validate_graph_dir", validate_staged)
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
    checked = [Path(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(checked) == 2 and not any(path.exists() for path in checked)  # the staging went


# ---------------------------------------------------------------- the SPARQL engine against pySHACL, the reference

XSD = "http://www.w3.org/2001/XMLSchema#"
RELATIONS = ("locatedIn", "hasIndustry", "inIndustry", "chainMasterOf", "partOfCluster", "clusterCentre",
             "investsIn", "supplies")


def findings(report) -> set:
    """What a report says, without the shape's node (whose blank node label depends on the parser)."""
    return {(v.focus, v.label, v.message, v.documents, v.path, v.value) for v in report.violations}


def _first_iri(text: str, after: str = "") -> ox.NamedNode:
    """The first property of a path in a compiled query (after `after`), or the first of the properties its
    target lists (a shape with several sh:targetSubjectsOf)."""
    import re

    found = re.search(re.escape(after) + r"\?this \(?<([^>]+)>", text) or re.search(r"VALUES \?_tp \{ <([^>]+)>", text)
    return n(found.group(1))


class Planter:
    """Breaks each compiled check of the shapes once, on a focus node of its own: the graph then holds a
    violation of every constraint, and `expected` says which (focus node, message) each must give."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self.triples = set(triples)
        self.store = ox.Store()
        self.store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
        self.used: set = set()
        self.expected: set = set()
        self.fresh = 0

    def new_node(self) -> ox.NamedNode:
        self.fresh += 1
        return n(f"{ID}planted/{self.fresh}")

    def objects(self, s, p) -> list:
        return sorted((t.object for t in self.triples if t.subject == s and t.predicate == p), key=str)

    def focus_nodes(self, check) -> list:
        from kg.read.validate import _select

        return sorted({row["this"] for q in check.focus for row in _select(self.store, q.replace("VALUES_THIS", ""),
                                                                            check)}, key=str)

    def pick(self, check, having: ox.NamedNode | None = None):
        """An unused focus node of the check (with a value of `having`, when given), or None."""
        for node in self.focus_nodes(check):
            if node not in self.used and (having is None or self.objects(node, having)):
                self.used.add(node)
                return node
        return None

    def plant(self, check) -> None:
        message = check.messages[0]
        path = n(check.path) if check.path else None
        component = check.component
        if component == "sparql":
            self.plant_sparql(message)
            return
        if check.path is None and component in ("class", "or"):  # a node of no class, subject of the property
            prop = _first_iri(check.focus[0])
            value = next((t.object for t in sorted(self.triples, key=str) if t.predicate == prop), ox.Literal("x"))
            node = self.new_node()
            self.triples.add(ox.Triple(node, prop, value))
            self.expected.add((node.value, message))
            return
        if component == "xone":
            node = self.pick(check)
            kinds = {t.value for t in self.objects(node, n(RDF + "type"))}
            other = "EmergingCluster" if KG + "PillarCluster" in kinds else "PillarCluster"
            self.triples.add(ox.Triple(node, n(RDF + "type"), n(KG + other)))
            self.expected.add((node.value, message))
            return
        if component == "qualifiedMinCount":
            prop = path or _first_iri(check.queries[0], "MINUS { ")
            node = self.pick(check, prop)
            dropped = {t for t in self.triples if t.subject == node and t.predicate == prop
                       and (path is None or getattr(t.object, "language", None) == "en")}
            self.triples -= dropped
            self.expected.add((node.value, message))
            return
        node = self.pick(check, path) or self.pick(check)
        if node is None:  # nothing in the graph has the property: a node that has it
            node = self.new_node()
        if component == "minCount":
            self.triples -= {t for t in self.triples if t.subject == node and t.predicate == path}
        elif component == "uniqueLang":
            for name in ("Planted name", "Another planted name"):
                self.triples.add(ox.Triple(node, path, ox.Literal(name, language="en")))
        elif component == "maxCount":
            values = self.objects(node, path) or [ox.Literal("1", datatype=n(XSD + "decimal"))]
            self.triples |= {ox.Triple(node, path, v) for v in values}
            self.triples.add(ox.Triple(node, path, self.another(values[0])))
        else:
            values = self.objects(node, path)
            self.triples -= {ox.Triple(node, path, v) for v in values}
            self.triples.add(ox.Triple(node, path, self.wrong(component, values[0] if values else None)))
        self.expected.add((node.value, message))

    def another(self, value):
        if isinstance(value, ox.NamedNode):
            return self.new_node()
        if value.datatype.value in (XSD + "integer", XSD + "decimal"):
            return ox.Literal("0.5" if "decimal" in value.datatype.value else "7", datatype=value.datatype)
        return ox.Literal(value.value + " (again)", language=value.language) if value.language else \
            ox.Literal(value.value + " (again)", datatype=value.datatype)

    def wrong(self, component: str, value):
        if component in ("class", "or"):
            return self.new_node()
        if component == "datatype":
            if value is not None and value.language:
                return ox.Literal(value.value)
            return ox.Literal("true", datatype=n(XSD + "boolean"))
        language = getattr(value, "language", None)
        datatype = None if language else getattr(value, "datatype", None)
        return {
            "nodeKind": ox.Literal("not a node"),
            "in": ox.Literal("planted"),
            "minLength": ox.Literal("", language=language) if language else ox.Literal("", datatype=datatype),
            "pattern": ox.Literal("not a hash"),
            "minInclusive": ox.Literal("-1", datatype=datatype),
            "maxInclusive": ox.Literal("2", datatype=datatype),
        }[component]

    def plant_sparql(self, message: str) -> None:
        relation = sorted((t for t in self.triples if t.predicate.value in {KG + r for r in RELATIONS}
                           and t.subject not in self.used), key=str)[0]
        self.used.add(relation.subject)
        statements = {t.subject for t in self.triples if t.predicate.value == RDF + "subject"
                      and t.object == relation.subject} & {t.subject for t in self.triples
                                                           if t.predicate.value == RDF + "object"
                                                           and t.object == relation.object} & {
            t.subject for t in self.triples if t.predicate.value == RDF + "predicate" and t.object == relation.predicate}
        if "no evidence" in message:  # the relation stays, its statements go
            self.triples -= {t for t in self.triples if t.subject in statements}
            self.expected.add((relation.subject.value, message))
        else:  # the statements stay, the relation goes
            self.triples.discard(relation)
            self.expected |= {(s.value, message) for s in statements}


def test_a_violation_of_every_constraint_is_found_as_pyshacl_finds_it(seeds_store, monkeypatch):
    """Every constraint of ontology/shapes.ttl broken once, on a node of its own (a relation without
    evidence, a statement of nothing, a label in no language, an offset below zero, a cluster both pillar
    and emerging ...): the compiled SPARQL checks find each, and find exactly what pySHACL finds, whether
    their candidates are looked up as focus nodes or joined with the targets in the store."""
    from kg.read import validate
    from kg.read.shacl import compile_shapes
    from kg.read.validate import read_shapes

    base = [q.triple for q in seeds_store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    planter = Planter(base)
    checks = compile_shapes(read_shapes(), planter.store)
    assert len(checks) > 80
    for check in checks:
        planter.plant(check)
    broken = sorted(planter.triples, key=str)
    ours, reference = validate_triples(broken), validate_triples(broken, engine="pyshacl")
    assert planter.expected <= {(v.focus, v.message) for v in ours.violations}
    assert {v.message for v in ours.violations} == {c.messages[0] for c in checks}  # every rule, in words
    assert findings(ours) == findings(reference)
    monkeypatch.setattr(validate, "BOUND_FOCUS", 0)
    assert findings(validate_triples(broken)) == findings(reference)


SYNTHETIC_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:Named a sh:NodeShape ; sh:targetNode ex:a, ex:b ;
    sh:property [ sh:path ( ex:knows ex:name ) ; sh:minCount 1 ; sh:maxLength 5 ; sh:message "name of a friend"@en ] ,
                [ sh:path [ sh:inversePath ex:knows ] ; sh:minCount 2 ; sh:message "known by two"@en ] ,
                [ sh:path [ sh:alternativePath ( ex:age ex:years ) ] ; sh:minExclusive 0 ; sh:maxExclusive 150 ;
                  sh:message "an age in range"@en ] ,
                [ sh:path [ sh:zeroOrMorePath ex:knows ] ; sh:qualifiedValueShape [ sh:hasValue ex:c ] ;
                  sh:qualifiedMaxCount 0 ; sh:message "never reaches c"@en ] ,
                [ sh:path ex:tag ; sh:languageIn ( "en" "fr" ) ; sh:message "tags in English or French"@en ] .
ex:Known a sh:NodeShape ; sh:targetObjectsOf ex:knows ;
    sh:and ( [ sh:nodeKind sh:IRI ] [ sh:not [ sh:hasValue ex:nobody ] ] ) ; sh:message "a proper friend"@en ;
    sh:property [ sh:path ex:name ; sh:node ex:ShortName ; sh:message "a short name"@en ] .
ex:ShortName a sh:NodeShape ; sh:maxLength 4 .
ex:Everyone a sh:NodeShape ; sh:targetClass rdfs:Resource ; sh:hasValue ex:a ; sh:message "is a"@en .
"""

SYNTHETIC_DATA = """
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:a a rdfs:Resource ; ex:knows ex:b, ex:nobody ; ex:age 200 ; ex:tag "tag"@de .
ex:b a rdfs:Resource ; ex:knows ex:c, ex:a ; ex:years 30 ; ex:tag "balise"@fr .
ex:c ex:name "Christopher" ; ex:knows ex:a .
ex:nobody ex:name "Nobody" .
"""


def test_features_the_shapes_do_not_use_yet_agree_with_pyshacl(tmp_path):
    """Paths (sequence, inverse, alternative, zero or more), exclusive ranges, maxLength, languageIn, and/not/
    node, qualifiedMaxCount, targets by node and by object: the compiler and pySHACL find the same."""
    (tmp_path / "shapes.ttl").write_text(SYNTHETIC_SHAPES, encoding="utf-8")
    data = [q.triple for q in ox.parse(SYNTHETIC_DATA, ox.RdfFormat.TURTLE)]
    ours = validate_triples(data, tmp_path)
    reference = validate_triples(data, tmp_path, engine="pyshacl")
    assert findings(ours) == findings(reference)
    assert {v.message for v in ours.violations} == {
        "name of a friend", "known by two", "an age in range", "never reaches c", "tags in English or French",
        "a proper friend", "a short name", "is a"}


def test_a_shape_the_compiler_cannot_translate_is_refused_not_skipped(tmp_path):
    from kg.errors import ReferenceDataError

    (tmp_path / "shapes.ttl").write_text(SYNTHETIC_SHAPES.replace("sh:languageIn", "sh:equals ex:name ; sh:languageIn"),
                                         encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="sh:equals is not supported"):
        validate_triples([q.triple for q in ox.parse(SYNTHETIC_DATA, ox.RdfFormat.TURTLE)], tmp_path)


MAX_COUNT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .

ex:OneFriendName a sh:NodeShape ; sh:targetSubjectsOf ex:knows ;
    sh:property [ sh:path ( ex:knows ex:name ) ; sh:maxCount 1 ; sh:message "one friend's name"@en ] .
ex:OneAge a sh:NodeShape ; sh:targetSubjectsOf ex:age ;
    sh:property [ sh:path ex:age ; sh:maxCount 1 ; sh:message "one age"@en ] .
ex:NoNickname a sh:NodeShape ; sh:targetSubjectsOf ex:knows ;
    sh:property [ sh:path ex:nickname ; sh:maxCount 0 ; sh:message "no nickname"@en ] .
"""


@pytest.mark.parametrize("data, expected", [
    # two friends of one name: two rows of the path, one value -- no violation
    ("ex:a ex:knows ex:b, ex:c . ex:b ex:name \"Li\" . ex:c ex:name \"Li\" .", set()),
    # two friends of two names
    ("ex:a ex:knows ex:b, ex:c . ex:b ex:name \"Li\" . ex:c ex:name \"Wu\" .", {("a", "one friend's name")}),
    # one age each: the count alone says the graph conforms
    ("ex:a ex:age 30 . ex:b ex:age 40 .", set()),
    ("ex:a ex:age 30, 31 . ex:b ex:age 40 .", {("a", "one age")}),
    # sh:maxCount 0: a single value breaks it
    ("ex:a ex:knows ex:b ; ex:nickname \"A\" .", {("a", "no nickname")}),
])
def test_max_count_found_as_pyshacl_finds_it(tmp_path, data, expected):
    """sh:maxCount counts distinct values: a node with several rows of a path but one value conforms, one with
    two values does not, and sh:maxCount 0 is broken by any value."""
    (tmp_path / "shapes.ttl").write_text(MAX_COUNT_SHAPES, encoding="utf-8")
    triples = [q.triple for q in ox.parse("@prefix ex: <http://example.org/> . " + data, ox.RdfFormat.TURTLE)]
    ours = validate_triples(triples, tmp_path)
    assert {(v.focus.rsplit("/", 1)[1], v.message) for v in ours.violations} == expected
    assert findings(ours) == findings(validate_triples(triples, tmp_path, engine="pyshacl"))


def test_a_sparql_constraint_that_is_not_sparql_is_said_to_be_a_fault_of_the_shapes(tmp_path):
    from kg.errors import ReferenceDataError

    (tmp_path / "shapes.ttl").write_text("""
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Broken a sh:NodeShape ; sh:targetSubjectsOf ex:knows ;
    sh:sparql [ sh:select "SELECT $this WHERE { $this ex:knows ?x FILTER( }" ; sh:message "broken"@en ] .
""", encoding="utf-8")
    triples = [q.triple for q in ox.parse(SYNTHETIC_DATA, ox.RdfFormat.TURTLE)]
    with pytest.raises(ReferenceDataError, match=r"not valid SPARQL .*Broken> sparql") as raised:
        validate_triples(triples, tmp_path)
    assert "\n" not in str(raised.value) and len(str(raised.value)) < 300  # one line for the user


def _evidence_predicates() -> list[str]:
    """The relations evidence may be for: the sh:in list of ksh:Statement's rdf:predicate, in shapes.ttl."""
    from rdflib.collection import Collection

    from kg.read.validate import load_shapes

    shapes = load_shapes()
    [allowed] = [listed for prop in shapes.subjects(SH.path, rdflib.RDF.predicate)
                 for listed in shapes.objects(prop, SH["in"])]
    return [str(p) for p in Collection(shapes, allowed)]


def test_relation_and_evidence_disagreeing_is_found_for_every_relation_of_the_ontology(sihui):
    """The targets of ksh:RelationEvidence and ksh:StatedRelation take one relation at a time: for each
    relation evidence may be for, a relation with no statement of it, and a statement of a relation the
    graph does not hold, are both found; a statement of a predicate outside the ontology is too."""
    _, triples = sihui
    predicates = _evidence_predicates()
    assert len(predicates) == 9 and KG + "locatedIn" in predicates
    planted, expected = list(triples), set()
    for k, predicate in enumerate([*predicates, KG + "madeUpRelation"]):
        subject, object_, statement = (n(f"{ID}planted/{what}-{k}") for what in ("subject", "object", "statement"))
        if predicate != KG + "madeUpRelation":
            planted.append(ox.Triple(subject, n(predicate), object_))  # stated, with no evidence
            expected.add((subject.value, "no evidence"))
        planted += [ox.Triple(statement, n(RDF + "type"), n(RDF + "Statement")),  # evidence of nothing stated
                    ox.Triple(statement, n(RDF + "subject"), object_),
                    ox.Triple(statement, n(RDF + "predicate"), n(predicate)),
                    ox.Triple(statement, n(RDF + "object"), subject)]
        expected.add((statement.value, "does not state"))
    found = {(v.focus, "no evidence" if "with no evidence" in v.message else "does not state")
             for v in validate_triples(planted).violations
             if "with no evidence" in v.message or v.message == "is evidence for a relation the graph does not state"}
    assert found == expected
