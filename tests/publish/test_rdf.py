"""The graph as RDF: Turtle that strict and lenient parsers agree on, the ontology merged in, labels, and every
relation reified with the sentence (or the reference dataset) that states it, so SPARQL can return it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.namespaces import GAZETTEER_IRI, ID, KG, VOCABULARY_IRI
from kg.publish import rdf

ENTITY_CLASSES = ("Province", "City", "County", "Town", "Park", "Enterprise", "Industry", "Cluster")
RELATIONS = ("locatedIn", "hasIndustry", "inIndustry", "chainMasterOf", "partOfCluster", "clusterCentre",
             "investsIn", "supplies")
PREFIXES = f"""PREFIX kg: <{KG}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
ENTITY_VALUES = "VALUES ?class { " + " ".join(f"kg:{c}" for c in ENTITY_CLASSES) + " }"


@pytest.fixture(scope="module")
def turtle(seed_build):
    return seed_build.outputs["kg.ttl"]


@pytest.fixture(scope="module")
def reference_turtle(seed_build):
    return seed_build.outputs["reference.ttl"]


@pytest.fixture(scope="module")
def store(turtle, reference_turtle):
    """The Turtle output with the reference layer beside it, parsed by Oxigraph into an in-memory store."""
    s = ox.Store()
    s.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    s.load(path=str(reference_turtle), format=ox.RdfFormat.TURTLE)
    return s


def select(store: ox.Store, query: str) -> list[tuple]:
    return [tuple(None if v is None else v.value for v in row) for row in store.query(PREFIXES + query)]


def test_the_turtle_parses_in_rdflib_and_in_oxigraph_with_the_same_number_of_triples(turtle, reference_turtle):
    for path in (turtle, reference_turtle):
        strict = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        lenient = rdflib.Graph().parse(path, format="turtle")
        assert len(strict) == len(lenient) > 0
    assert len(rdflib.Graph().parse(turtle, format="turtle")) > 10_000


def test_the_query_store_holds_the_triples_of_the_turtle_and_the_reference_layer(seed_build, store):
    """In its default graph (what queries read); kg.trig repeats them by source, in named graphs."""
    on_disk = ox.Store.read_only(str(seed_build.outputs["store"]))
    assert len(list(on_disk.quads_for_pattern(None, None, None, ox.DefaultGraph()))) == len(store)


def test_the_ontology_is_merged_with_its_classes_and_relations(store):
    classes = {c for (c,) in select(store, "SELECT ?c WHERE { ?c a owl:Class }")}
    assert {KG + c for c in ENTITY_CLASSES} <= classes
    rows = select(store, "SELECT ?p ?d ?r WHERE { ?p a owl:ObjectProperty ; rdfs:domain ?d ; rdfs:range ?r }")
    assert {KG + p for p in RELATIONS} <= {p for p, _, _ in rows}


def test_every_entity_has_exactly_one_english_label(store):
    rows = select(store, f"""SELECT ?e (COUNT(DISTINCT ?label) AS ?n) WHERE {{
        {ENTITY_VALUES} ?e a ?class .
        OPTIONAL {{ ?e rdfs:label ?label FILTER(langMatches(lang(?label), "en")) }}
    }} GROUP BY ?e""")
    assert len(rows) > 300
    assert [e for e, n in rows if n != "1"] == []


def test_regions_and_clusters_have_a_chinese_label(store):
    rows = select(store, """SELECT ?e ?zh WHERE {
        VALUES ?class { kg:Province kg:City kg:County kg:Town kg:Cluster } ?e a ?class .
        OPTIONAL { ?e rdfs:label ?zh FILTER(lang(?zh) = "zh") }
    }""")
    assert [e for e, zh in rows if zh is None] == []
    labels = dict(rows)
    assert labels[ID + "region/sihui"] == "四会市"
    assert labels[ID + "region/sihui-dasha-town"] == "大沙镇"
    assert labels[ID + "cluster/automotive"] == "汽车产业集群"


def test_other_surface_forms_are_alternative_labels(store):
    rows = select(store, f"""SELECT ?alt WHERE {{ <{ID}enterprise/xpeng-auto> skos:altLabel ?alt }}""")
    assert "Xpeng Motors" in {alt for (alt,) in rows}


def test_clusters_are_typed_pillar_or_emerging(store):
    rows = select(store, "SELECT ?c ?kind WHERE { ?c a kg:Cluster ; a ?kind FILTER(?kind != kg:Cluster) }")
    assert sorted(k.rsplit("#", 1)[1] for _, k in rows) == ["EmergingCluster"] * 10 + ["PillarCluster"] * 10


def test_sparql_returns_the_sentence_that_states_an_edge(store):
    rows = select(store, f"""SELECT ?file ?text WHERE {{
        ?st a rdf:Statement ; rdf:subject <{ID}park/sihui-industrial-park> ; rdf:predicate kg:locatedIn ;
            rdf:object <{ID}park/zhaoqing-high-tech-zone> ; kg:evidenceText ?text ; prov:wasDerivedFrom ?doc .
        ?doc kg:fileName ?file .
    }}""")
    assert rows == [("001_7f978b8ab7f78ba4.txt",
                     "Build the Sihui Industrial Park in Zhaoqing High-tech Zone with high standards, complete the "
                     "acquisition and storage of 500 acres of new land within the year, promote the construction of "
                     "infrastructure projects such as Commercial Avenue, Xinhuan 1st Road, and Jintian Avenue across "
                     "the Erguang Expressway, and accelerate the creation of a high-end copper-based new material "
                     "industry base .")]


def test_every_relation_triple_is_reified_with_its_evidence(store):
    edges = {(t.subject.value, t.predicate.value, t.object.value) for p in RELATIONS
             for t in store.quads_for_pattern(None, ox.NamedNode(KG + p), None)}
    stated = set(select(store, "SELECT ?s ?p ?o WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; "
                               "rdf:object ?o ; prov:wasDerivedFrom ?source }"))
    assert len(edges) > 500
    assert edges - stated == set()


def test_text_evidence_in_rdf_is_the_documents_text_at_its_offsets(store, seed_texts):
    rows = select(store, """SELECT ?file ?text ?start ?end WHERE {
        ?st a rdf:Statement ; kg:evidenceKind "text" ; kg:evidenceText ?text ; kg:startOffset ?start ;
            kg:endOffset ?end ; prov:wasDerivedFrom ?doc .
        ?doc a kg:Document ; kg:fileName ?file .
    }""")
    assert len(rows) > 300
    assert [r for r in rows if seed_texts[r[0]][int(r[2]):int(r[3])] != r[1]] == []
    text_statements = select(store, 'SELECT (COUNT(?st) AS ?n) WHERE { ?st kg:evidenceKind "text" }')
    assert int(text_statements[0][0]) == len(rows)


def test_reference_evidence_names_its_dataset(store):
    rows = select(store, """SELECT DISTINCT ?source WHERE {
        ?st a rdf:Statement ; kg:evidenceKind "reference" ; prov:wasDerivedFrom ?source }""")
    assert {s for (s,) in rows} == {GAZETTEER_IRI, VOCABULARY_IRI}
    gazetteer = select(store, f"""SELECT ?st WHERE {{
        ?st rdf:subject <{ID}region/sihui> ; rdf:predicate kg:locatedIn ; rdf:object <{ID}region/zhaoqing> ;
            kg:evidenceKind "reference" ; prov:wasDerivedFrom <{GAZETTEER_IRI}> }}""")
    assert len(gazetteer) == 1


def test_a_stated_investment_amount_is_kept_on_its_statement(store):
    rows = select(store, f"""SELECT ?amount ?text WHERE {{
        ?st rdf:subject <{ID}enterprise/wanhuabao-food> ; rdf:predicate kg:investsIn ;
            rdf:object <{ID}park/zhaoqing-high-tech-zone> ; kg:amountYuan ?amount ; kg:amountText ?text }}""")
    [(amount, text)] = rows
    assert float(amount) == 200e6 and "200 million yuan" in text


def test_entity_iris_are_slugs_in_the_id_namespace(store):
    rows = select(store, f"SELECT DISTINCT ?e WHERE {{ {ENTITY_VALUES} ?e a ?class }}")
    for (iri,) in rows:
        kind, _, local = iri[len(ID):].partition("/")
        assert iri.startswith(ID) and kind in ("region", "park", "enterprise", "industry", "cluster")
        assert local and all(part.isalnum() and part.isascii() and part.lower() == part for part in local.split("-"))


def test_a_relation_stated_in_many_sentences_keeps_the_first_in_the_store_and_all_in_the_trig(tmp_path, monkeypatch,
                                                                                            seed_kg):
    """Past kg.publish.rdf.EVIDENCE_KEPT statements of one relation (3 here; 50 in a build), the query store and
    kg.ttl hold the first ones and their count (kg:evidenceCount on the first), kg.trig every one."""
    from conftest import SEEDS
    from kg.build.pipeline import build
    from kg.publish import rdf

    monkeypatch.setattr(rdf, "EVIDENCE_KEPT", 3)
    result = build(SEEDS, tmp_path / "out", trig=True)
    assert result.validation is not None and result.validation.conforms
    many = max(result.graph.relations, key=lambda r: len(r.evidence))
    assert len(many.evidence) > 10
    store = ox.Store.read_only(str(tmp_path / "out" / "store"))
    query = f"""SELECT ?st ?n WHERE {{ ?st rdf:subject <{many.subject}> ; rdf:predicate kg:{many.predicate} ;
                rdf:object <{many.object}> . OPTIONAL {{ ?st kg:evidenceCount ?n }} }}"""
    rows = select(store, query)
    assert len(rows) == 3 and sorted(n for _, n in rows if n) == [str(len(many.evidence))]
    named = ox.Store()
    named.load(path=str(tmp_path / "out" / "kg.trig"), format=ox.RdfFormat.TRIG)
    in_graphs = select(named, f"""SELECT DISTINCT ?st WHERE {{ GRAPH ?g {{ ?st rdf:subject <{many.subject}> ;
                           rdf:predicate kg:{many.predicate} ; rdf:object <{many.object}> }} }}""")
    assert len(in_graphs) == len(many.evidence)
    assert sum(1 for r in result.graph.relations if len(r.evidence) <= 3) == len(
        {(s, p, o) for s, p, o in select(store, "SELECT ?s ?p ?o WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; "
                                                "rdf:object ?o FILTER NOT EXISTS { ?x kg:evidenceCount [] ; "
                                                "rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o } }")})


def test_kg_ttl_holds_what_the_documents_state_and_reference_ttl_what_the_vocabulary_alone_adds(
        turtle, reference_turtle):
    """An industry's cluster that only the vocabulary gives, and a cluster no document names, are in
    reference.ttl; the clusters the provincial plan names, and the scopes it states, stay in kg.ttl."""
    documents, layer = ox.Store(), ox.Store()
    documents.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
    layer.load(path=str(reference_turtle), format=ox.RdfFormat.TURTLE)
    vocabulary_only = """SELECT ?i ?c WHERE { ?i kg:partOfCluster ?c .
        FILTER NOT EXISTS { ?st rdf:subject ?i ; rdf:predicate kg:partOfCluster ; rdf:object ?c ;
                                kg:evidenceKind "text" } }"""
    assert select(documents, vocabulary_only) == []
    moved = select(layer, vocabulary_only)
    assert moved and len(moved) == len(select(layer, "SELECT ?i ?c WHERE { ?i kg:partOfCluster ?c }"))
    assert select(layer, "SELECT ?s WHERE { ?s kg:mentionedIn ?d }") == []
    assert not select(layer, 'SELECT ?st WHERE { ?st kg:evidenceKind "text" }')
    named = select(documents, "SELECT DISTINCT ?c WHERE { ?c a kg:Cluster ; kg:mentionedIn ?d }")
    assert len(named) == 20  # the provincial plan among the seeds names every cluster
    stated = select(documents, """SELECT ?i ?c WHERE { ?st rdf:subject ?i ; rdf:predicate kg:partOfCluster ;
                                                        rdf:object ?c ; kg:evidenceKind "text" }""")
    assert stated


def test_a_writer_closed_before_it_is_done_stops_feeding_its_programs(tmp_path, seed_kg):
    """The build failed elsewhere: `close` stops the statements going to the store's loader and the
    serializers, however many are still to come, and returns once the programs have ended."""
    import itertools
    import threading
    import time

    from kg.publish import rdf
    from kg.reference import load_reference

    taken, feeding = [0], threading.Event()

    def endless():
        for k in itertools.count():
            taken[0] = k + 1
            if k == 1000:
                feeding.set()
            yield f"<https://example.org/s{k}> <https://example.org/p> \"{k}\" .\n".encode(), b""

    writer = rdf.RdfWriter(tmp_path, load_reference(), seed_kg, endless(), trig=False)
    writer.start()
    assert feeding.wait(timeout=60)
    closer = threading.Thread(target=writer.close)
    closer.start()
    closer.join(timeout=60)
    assert not closer.is_alive()
    stopped = taken[0]
    time.sleep(0.2)
    assert taken[0] == stopped  # nothing takes from the generator any more


@pytest.mark.parametrize("subject", ["https://example.org/a b", "https://example.org/a{b}", "relative"])
def test_a_statement_with_a_malformed_iri_fails_the_writing_though_the_store_loads_leniently(tmp_path, subject):
    """The store's loader does not check IRIs again (its time is the build's); the Turtle writer, sent the same
    statements, parses them strictly, so the writing fails and says why."""
    from kg.publish import rdf

    good = b'<https://example.org/s> <https://example.org/p> "fine" .\n'
    bad = f'<{subject}> <https://example.org/p> "not an IRI" .\n'.encode()
    errors = tmp_path / "errors.txt"
    with errors.open("wb") as sink, pytest.raises(OSError, match="exit codes"):
        rdf.write_graph([(good, b""), (bad, b"")], [], tmp_path, sink, trig=False)
    assert "cannot write the turtle" in errors.read_text(encoding="utf-8")


def test_the_lenient_loader_keeps_well_formed_statements_as_they_are(tmp_path):
    from kg.publish import rdf

    text = ('<https://example.org/s> <https://example.org/p> "caf\\u00e9"@fr .\n'
            '<https://example.org/s> <https://example.org/n> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .\n')
    rdf.write_graph([(text.encode(), b"")], [], tmp_path, trig=False)
    strict = set(ox.parse(text.encode(), ox.RdfFormat.N_TRIPLES))
    loaded = {q.triple for q in ox.Store.read_only(str(tmp_path / "store"))}
    assert loaded == {q.triple for q in strict}


def test_the_store_is_loaded_in_batches_of_whole_lines(tmp_path, monkeypatch):
    """The loader reads its statements a batch of bytes at a time, each batch cut where a line ends, so no
    statement is split however the sizes fall; the store holds every statement, loaded in several batches."""
    import io

    from kg.publish import rdf

    lines = [f'<https://example.org/s{k}> <https://example.org/p> "{"x" * (k % 37)}" .\n'.encode()
             for k in range(500)]
    text = b"".join(lines)
    for size in (1, 50, 64, 1000, len(text), 10 * len(text)):
        pieces = list(rdf.whole_lines(io.BytesIO(text), size))
        assert b"".join(pieces) == text and all(piece.endswith(b"\n") for piece in pieces)
        assert all(len(piece) >= size for piece in pieces[:-1])  # a batch is at least `size`, to its line's end
    assert list(rdf.whole_lines(io.BytesIO(b""), 64)) == []
    assert list(rdf.whole_lines(io.BytesIO(b"a\nb"), 1)) == [b"a\n", b"b"]

    batches: list[bytes] = []
    original = rdf.whole_lines

    def recorded(stream, size):
        for batch in original(stream, size):
            batches.append(batch)
            yield batch

    monkeypatch.setattr(rdf, "STORE_BATCH_BYTES", 4096)
    monkeypatch.setattr(rdf, "whole_lines", recorded)
    ontology = tmp_path / "ontology.nt"
    ontology.write_text("")
    rdf._load_store(str(ontology), str(tmp_path / "store"), io.BytesIO(text))
    assert len(batches) > 5 and all(b.endswith(b"\n") for b in batches)
    assert len(ox.Store.read_only(str(tmp_path / "store"))) == 500


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('ab "\\\n\r\t四会’'), max_size=30) | st.text(max_size=40))
def test_a_literal_escapes_what_n_triples_forbids_raw_whatever_the_text(text):
    """The texts with none of the four characters skip the escaping: every other text is escaped whole, and
    the literal reads back as the text."""
    literal = rdf._literal(text)
    assert literal == '"' + text.translate(rdf._ESCAPES) + '"'
    [quad] = ox.parse(f"<http://e/s> <http://e/p> {literal} .".encode(), ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == text


def test_the_rendered_lines_end_each_statement_once():
    statements = [("<http://e/s> <http://e/p> \"a\"", "<http://e/g>", True),
                  ("<http://e/s> <http://e/q> \"b\"", ("<http://e/g>", "<http://e/h>"), False)]
    [(triples, quads)] = rdf.render(statements)
    assert triples == b'<http://e/s> <http://e/p> "a" .\n'
    assert quads.decode().splitlines() == ['<http://e/s> <http://e/p> "a" <http://e/g> .',
                                           '<http://e/s> <http://e/q> "b" <http://e/g> .',
                                           '<http://e/s> <http://e/q> "b" <http://e/h> .']
    assert list(rdf.render([statements[1]], quads=False)) == [(b"", b"")]
