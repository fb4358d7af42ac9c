"""`kg path` and name resolution on the seeds graph: names as people type them, chains with their evidence."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import NameNotFound, NoPath
from kg.read.lookup import ENTITY_TYPES, find_entity
from kg.read.paths import cluster_paths, find_paths, load_graph
from kg.read.query import STANDARD_PREFIXES

HOP_KEYS = {"from", "relation", "to", "evidence", "doc", "kind"}


def resolve(store, name: str) -> str:
    return find_entity(store, name).label


# ---------------------------------------------------------------- name resolution


@pytest.mark.parametrize("typed,meant", [
    ("jintian copper", "Jintian Copper"),          # case
    ("JINTIAN", "Jintian Copper"),                 # an alias, any case
    ("Xpeng Motors", "Xiaopeng"),                  # another alias of the same enterprise
    ("四会", "Sihui"),                              # a Chinese alias
    ("Sihui City", "Sihui"),
    ("zhaoqing hi-tech zone", "Zhaoqing High-tech Zone"),
])
def test_labels_and_aliases_any_case(seeds_store, typed, meant):
    assert resolve(seeds_store, typed) == resolve(seeds_store, meant)


@pytest.mark.parametrize("typed,meant", [
    ("Jintain Coper", "Jintian Copper"),
    ("Xiaopen", "Xiaopeng"),
    ("Sihiu", "Sihui"),
    ("Gordon Aluminium", "Gordon Aluminum"),
])
def test_small_typos(seeds_store, typed, meant):
    assert resolve(seeds_store, typed) == resolve(seeds_store, meant)


def test_missing_or_extra_suffix(seeds_store):
    assert resolve(seeds_store, "advanced materials cluster") == "Advanced materials industry cluster"
    assert resolve(seeds_store, "automotive cluster") == "Automotive industry cluster"
    assert find_entity(seeds_store, "Wanhuabao").type == "Enterprise"
    assert resolve(seeds_store, "Wanhuabao") == resolve(seeds_store, "Guangzhou Wanhuabao Food Co., Ltd.")
    assert resolve(seeds_store, "Jintian Copper Co., Ltd.") == "Jintian Copper"


def test_exact_names_win_over_longer_ones(seeds_store):
    assert find_entity(seeds_store, "Zhaoqing").type == "City"
    assert find_entity(seeds_store, "automotive").type == "Industry"
    assert find_entity(seeds_store, "Sihui").type == "County"


def test_iris_name_entities_exactly(seeds_store):
    sihui = find_entity(seeds_store, "Sihui")
    assert find_entity(seeds_store, sihui.iri) == sihui
    assert find_entity(seeds_store, f"<{sihui.iri}>") == sihui
    assert find_entity(seeds_store, "region:" + sihui.iri.rsplit("/", 1)[1]) == sihui


def test_ambiguous_name_lists_the_candidates(seeds_store, kg_cli):
    with pytest.raises(NameNotFound) as caught:
        find_entity(seeds_store, "Zhaoqing new")
    labels = [label for label, _, _ in caught.value.candidates]
    assert len(labels) >= 2 and "Zhaoqing New Area" in labels
    result = kg_cli("path", "Zhaoqing new", "Sihui")
    assert result.exit_code == 2
    assert "matches several entities" in result.stderr and "Zhaoqing New Area (Park, park:" in result.stderr


def test_typos_and_company_forms_together(seeds_store):
    assert resolve(seeds_store, "Jintyan Kopper Holdings") == "Jintian Copper"


def test_unknown_name_lists_the_closest(seeds_store, kg_cli):
    result = kg_cli("path", "Zhaoqingg Hightech Zonne Park Authority", "Sihui")
    assert result.exit_code == 2 and 'no entity is called "Zhaoqingg' in result.stderr
    assert "the closest names are:\n  Zhaoqing High-tech Zone (Park, park:" in result.stderr
    with pytest.raises(NameNotFound) as caught:
        find_entity(seeds_store, "Jintian Brass Works")
    assert [label for label, _, _ in caught.value.candidates][:1] == ["Jintian Copper"]


@pytest.mark.parametrize("name", ["", "   ", "!!!", "—"])
def test_a_name_needs_letters_or_digits(seeds_store, name):
    with pytest.raises(NameNotFound) as caught:
        find_entity(seeds_store, name)
    assert caught.value.candidates == []


def test_entity_types_match_the_build():
    from kg.model import ENTITY_TYPES as BUILD_TYPES

    assert ENTITY_TYPES == BUILD_TYPES


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_text_resolves_or_says_why(seeds_store, text):
    try:
        ref = find_entity(seeds_store, text)
    except NameNotFound as exc:
        assert str(exc)
    else:
        assert ref.type in ENTITY_TYPES and ref.label


# ---------------------------------------------------------------- chains and their evidence


def assert_chain(path, source: str, target: str):
    """Hops link up from source to target, each a statement of the graph read one way or the other."""
    here = source
    for hop in path:
        assert here in (hop.subject.label, hop.object.label)
        here = hop.end().label
        assert hop.start().label in (hop.subject.label, hop.object.label)
    assert path[0].start().label == source and here == target


def test_jintian_copper_reaches_advanced_materials_through_its_industries(seeds_store, kg_cli, seed_texts):
    result = kg_cli("path", "jintian copper", "advanced materials cluster", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["from"], doc["to"]) == ("Jintian Copper", "Advanced materials industry cluster")
    (path,) = doc["paths"]
    assert all(HOP_KEYS <= set(hop) <= HOP_KEYS | {"start", "end", "derivation", "confidence", "page"}
               for hop in path)
    first, last = path[0], path[-1]
    assert first["from"] == "Jintian Copper" and first["relation"] in ("inIndustry", "chainMasterOf")
    assert last == {**last, "from": first["to"], "relation": "partOfCluster", "to": doc["to"]}
    # The evidence is a sentence of the document named, verbatim, and it names the enterprise.
    assert first["kind"] == "text" and "Jintian" in first["evidence"]
    assert first["evidence"] in seed_texts[first["doc"]]


def test_text_output_shows_each_hop_with_sentence_and_document(kg_cli):
    result = kg_cli("path", "Jintian Copper", "advanced materials cluster")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Jintian Copper (Enterprise) \u2192 Advanced materials industry cluster (Cluster)")
    assert any(line.startswith("  Jintian Copper \u2014inIndustry\u2192 ") for line in lines)
    assert any("\u2014partOfCluster\u2192 Advanced materials industry cluster" in line for line in lines)
    assert any(line.strip().startswith("\u2014 0") and ".txt" in line for line in lines)
    assert any(line.strip().startswith("\u201c") for line in lines)


def test_a_hop_walked_backwards_keeps_the_statement_direction(kg_cli, seed_texts):
    text = kg_cli("path", "Zhaoqing", "automotive cluster").stdout
    assert "  Zhaoqing \u2190clusterCentre\u2014 Automotive industry cluster" in text.splitlines()
    doc = json.loads(kg_cli("path", "Zhaoqing", "automotive cluster", "--format", "json").stdout)
    (hop,) = doc["paths"][0]
    assert (hop["from"], hop["relation"], hop["to"]) == ("Automotive industry cluster", "clusterCentre", "Zhaoqing")
    assert hop["doc"].startswith("002_") and hop["evidence"] in seed_texts[hop["doc"]]


def test_reference_hops_name_their_dataset(kg_cli):
    doc = json.loads(kg_cli("path", "Dasha Town", "Sihui", "--format", "json").stdout)
    (hop,) = doc["paths"][0]
    assert (hop["from"], hop["relation"], hop["to"]) == ("Dasha Town", "locatedIn", "Sihui")
    assert hop["kind"] == "reference" and hop["evidence"] is None and hop["doc"] == "Administrative gazetteer"


def industry_routes(store) -> dict[tuple[str, str], set[str]]:
    """(enterprise, cluster) -> industries through which the enterprise reaches the cluster, by SPARQL."""
    rows = store.query("""
        SELECT ?e ?c ?i WHERE {
          VALUES ?p { kg:inIndustry kg:chainMasterOf }
          ?e a kg:Enterprise ; ?p ?i . ?i kg:partOfCluster ?c }""", prefixes=STANDARD_PREFIXES)
    routes: dict[tuple[str, str], set[str]] = {}
    for e, c, i in rows:
        routes.setdefault((e.value, c.value), set()).add(i.value)
    return routes


def test_industry_chains_come_before_chains_that_only_share_a_place(seeds_store):
    graph = load_graph(seeds_store)
    routes = industry_routes(seeds_store)
    assert routes
    shares_a_place_too = 0
    for (e, c), industries in routes.items():
        source, target = find_entity(seeds_store, e), find_entity(seeds_store, c)
        answer = find_paths(seeds_store, source, target, all_paths=True, graph=graph)
        first = answer.paths[: len(industries)]
        assert {p[0].object.iri for p in first} == industries
        assert all([h.relation for h in p][1:] == ["partOfCluster"] for p in first)
        rest = answer.paths[len(industries):]
        shares_a_place_too += any(h.relation in ("locatedIn", "clusterCentre", "investsIn")
                                  for p in rest for h in p)
        best = find_paths(seeds_store, source, target, graph=graph).paths
        assert best == answer.paths[:1]
    assert shares_a_place_too, "the seeds should hold at least one enterprise linked to a cluster both ways"


def test_to_cluster_lists_every_cluster_reached_through_industries(seeds_store, kg_cli):
    routes = industry_routes(seeds_store)
    jintian = find_entity(seeds_store, "Jintian Copper")
    expected = {c for (e, c) in routes if e == jintian.iri}
    answer = cluster_paths(seeds_store, jintian)
    assert {c.iri for c in answer.clusters()} == expected
    assert "Advanced materials industry cluster" in {c.label for c in answer.clusters()}
    doc = json.loads(kg_cli("path", "jintian copper", "--to-cluster", "--format", "json").stdout)
    assert doc["from"] == "Jintian Copper" and set(doc["to"]) == {c.label for c in answer.clusters()}
    assert len(doc["paths"]) == len(doc["to"])
    for path in doc["paths"]:
        assert path[0]["from"] == "Jintian Copper" and path[-1]["relation"] == "partOfCluster"
    every = json.loads(kg_cli("path", "jintian copper", "--to-cluster", "--all", "--format", "json").stdout)
    assert len(every["paths"]) == sum(len(i) for (e, _), i in routes.items() if e == jintian.iri)


def test_to_cluster_from_a_city_includes_the_clusters_that_name_it_a_centre(seeds_store):
    clusters = {c.label for c in cluster_paths(seeds_store, find_entity(seeds_store, "Zhaoqing")).clusters()}
    assert {"Automotive industry cluster", "Advanced materials industry cluster"} <= clusters


def test_all_lists_every_shortest_chain(seeds_store, kg_cli):
    one = json.loads(kg_cli("path", "Zhuoersheng", "Guangdong", "--format", "json").stdout)["paths"]
    every = json.loads(kg_cli("path", "Zhuoersheng", "Guangdong", "--all", "--format", "json").stdout)["paths"]
    assert len(one) == 1 and one[0] in every
    assert len({len(p) for p in every}) == 1 and len({json.dumps(p) for p in every}) == len(every)
    for path in find_paths(seeds_store, find_entity(seeds_store, "Zhuoersheng"),
                           find_entity(seeds_store, "Guangdong"), all_paths=True).paths:
        assert_chain(path, resolve(seeds_store, "Zhuoersheng"), "Guangdong")


def test_max_hops_limits_the_search(kg_cli):
    result = kg_cli("path", "Jintian Copper", "advanced materials cluster", "--max-hops", "1")
    assert result.exit_code == 1 and "within 1 hops" in result.stderr


def test_no_cluster_reached(kg_cli, seeds_store):
    rows = seeds_store.query("""SELECT ?l WHERE { ?e a kg:Enterprise ; rdfs:label ?l .
        FILTER NOT EXISTS { VALUES ?p { kg:inIndustry kg:chainMasterOf } ?e ?p ?i . ?i kg:partOfCluster ?c } }
        ORDER BY ?l LIMIT 1""", prefixes=STANDARD_PREFIXES)
    (label,) = [row[0].value for row in rows]
    result = kg_cli("path", find_entity(seeds_store, label).iri, "--to-cluster")
    assert result.exit_code == 1 and "reaches no strategic cluster" in result.stderr


@pytest.mark.parametrize("args", [("Sihui",), ("Sihui", "Zhaoqing", "--to-cluster"), ("Sihui", "Sihui")])
def test_usage_errors(kg_cli, args):
    assert kg_cli("path", *args).exit_code == 2


# ---------------------------------------------------------------- how sure the evidence is, where to read it


@pytest.fixture(scope="module")
def unsure_store(tmp_path_factory):
    """A small graph whose evidence carries confidences: an enterprise in two industries of one cluster, one
    relation read with confidence 0.4 (inferred), the other 0.9 (stated)."""
    from kg.model import Entity, Evidence, KnowledgeGraph, Relation
    from kg.namespaces import GAZETTEER_IRI, ID
    from kg.publish.rdf import graph_triples, write_store
    from kg.read.query import open_store
    from kg.reference import load_reference

    e, i1, i2, c = (ID + "enterprise/acme", ID + "industry/copper", ID + "industry/alloys", ID + "cluster/metals")
    entities = {e: Entity(e, "Enterprise", "Acme Metals"), i1: Entity(i1, "Industry", "copper"),
                i2: Entity(i2, "Industry", "alloys"), c: Entity(c, "Cluster", "Metals cluster")}
    sentence = "Acme Metals makes copper and alloys."
    relations = [
        Relation(e, "inIndustry", i1, [Evidence("a.txt", sentence, 0, len(sentence), "inferred", 0.4)]),
        Relation(e, "inIndustry", i2, [Evidence("a.txt", sentence, 0, len(sentence), "stated", 0.9)]),
        Relation(i1, "partOfCluster", c, [Evidence(GAZETTEER_IRI)]),
        Relation(i2, "partOfCluster", c, [Evidence(GAZETTEER_IRI)]),
    ]
    graph = KnowledgeGraph({"a.txt": "0" * 64}, entities, relations)
    out = tmp_path_factory.mktemp("unsure")
    write_store(graph_triples(graph, load_reference()), out / "store")
    return open_store(out)


def test_min_confidence_follows_only_sure_relations(unsure_store):
    acme = find_entity(unsure_store, "Acme Metals")
    metals = find_entity(unsure_store, "Metals cluster")
    every = find_paths(unsure_store, acme, metals, all_paths=True)
    assert {p[0].object.label for p in every.paths} == {"copper", "alloys"}
    sure = find_paths(unsure_store, acme, metals, all_paths=True, min_confidence=0.5)
    assert {p[0].object.label for p in sure.paths} == {"alloys"}
    assert sure.paths[0][0].evidence.confidence == 0.9
    reached = cluster_paths(unsure_store, acme, all_paths=True, min_confidence=0.5)
    assert [p[0].object.label for p in reached.paths] == ["alloys"]
    copper = find_entity(unsure_store, "copper")
    with pytest.raises(NoPath):
        find_paths(unsure_store, acme, copper, min_confidence=0.95)


def test_derivation_and_confidence_are_in_both_outputs(unsure_store):
    from kg.read.paths import as_json, as_text

    acme = find_entity(unsure_store, "Acme Metals")
    answer = find_paths(unsure_store, acme, find_entity(unsure_store, "copper"))
    assert "\u2014 a.txt (inferred, confidence 0.4)" in as_text(answer)
    (hop,) = json.loads(as_json(answer))["paths"][0]
    assert (hop["derivation"], hop["confidence"], hop["start"], hop["end"]) == ("inferred", 0.4, 0, 36)


def test_each_hop_links_to_its_sentence(kg_cli, seeds_graph):
    doc = json.loads(kg_cli("path", "Jintian Copper", "advanced materials cluster", "--format", "json").stdout)
    first = doc["paths"][0][0]
    file, _, anchor = first["page"].partition("#")
    assert anchor == f"c{first['start']}" and first["start"] in sentence_starts(seeds_graph / file)
    text = kg_cli("path", "Jintian Copper", "advanced materials cluster").stdout
    assert f"{(seeds_graph / file).resolve().as_uri()}#{anchor}" in text


def sentence_starts(page) -> set[int]:
    """The sentences a document's page marks (its page script gives each the id c<start>)."""
    import re

    data = re.search(r'<script type="application/json" id="kg-doc">(.*?)</script>', page.read_text(encoding="utf-8"))
    return {s[0] for s in json.loads(data.group(1))["sentences"]}
