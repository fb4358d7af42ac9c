"""The strategic clusters, read from the provincial plan (seeds/002) itself: its numbered "... industry cluster"
headings, their pillar / emerging section, the industries each lists and the cities it names."""

from __future__ import annotations

import pytest

from kg.extract.en import build_matchers, find_mentions
from kg.extract.en.clusters import read_clusters
from kg.extract.en.sentences import split_sentences
from kg.namespaces import ID
from kg.reference import load_lexicon, load_reference

PLAN = "002_831f5dcfe800046f.txt"


def clusters_of(document):
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    sentences = split_sentences(document)
    return read_clusters(document.text, sentences, find_mentions(sentences, reference, matchers), reference, matchers)


@pytest.fixture(scope="module")
def plan_clusters(seed_documents):
    [plan] = [d for d in seed_documents if d.name == PLAN]
    return {c.label: c for c in clusters_of(plan)}


def test_the_plan_names_ten_pillar_and_ten_emerging_clusters(plan_clusters):
    kinds = [c.kind for c in plan_clusters.values()]
    assert (kinds.count("pillar"), kinds.count("emerging")) == (10, 10)


def test_a_heading_gives_the_clusters_name_and_its_section_gives_its_kind(plan_clusters):
    # "(1) Ten strategic pillar industry clusters." ... "4. Automotive industry cluster. Adhere to ..."
    # "(2) Ten strategic emerging industry clusters." ... "6. New Energy Industry Cluster. Vigorously develop ..."
    assert plan_clusters["Automotive industry cluster"].kind == "pillar"
    assert plan_clusters["New Energy industry cluster"].kind == "emerging"
    assert plan_clusters["Automotive industry cluster"].iri == f"{ID}cluster/automotive"


def test_clusters_have_their_public_chinese_names(plan_clusters):
    assert plan_clusters["Automotive industry cluster"].label_zh == "汽车产业集群"
    assert plan_clusters["Smart home appliance industry cluster"].label_zh == "智能家电产业集群"
    assert all(c.label_zh.endswith("产业集群") for c in plan_clusters.values())


def test_the_industries_a_clusters_paragraph_lists_are_its_scope(plan_clusters):
    # "3. Smart home appliance industry cluster. Consolidate and expand the world-leading position of home appliances
    # such as air conditioners, refrigerators, rice cookers, and microwave ovens, ..."
    scope = {m.ref for m in plan_clusters["Smart home appliance industry cluster"].scope}
    assert f"{ID}industry/air-conditioners" in scope


def test_the_cities_a_clusters_paragraph_names_are_its_centres(plan_clusters):
    # "... optimize the regional layout of the automotive industry focusing on Guangzhou, Shenzhen, Zhuhai, Foshan,
    # and Zhaoqing, and build an internationally influential automotive industry cluster."
    centres = {m.ref.rsplit("/", 1)[1] for m in plan_clusters["Automotive industry cluster"].centres}
    assert {"guangzhou", "shenzhen", "zhuhai", "foshan", "zhaoqing"} <= centres


def test_a_report_that_mentions_a_cluster_is_not_a_plan(seed_documents):
    # seeds/001 speaks of "the provincial industrial cluster of polymer synthetic materials" and of "a 100 billion
    # level jade industry cluster", but has no numbered cluster headings
    assert clusters_of(seed_documents[0]) == []


def test_every_cluster_of_the_seed_graph_comes_from_the_plan(seed_kg):
    assert {doc for e in seed_kg.entities.values() if e.type == "Cluster" for doc in e.docs} == {PLAN}


def test_the_seed_graph_has_the_twenty_clusters_with_their_kind(seed_kg):
    clusters = [e for e in seed_kg.entities.values() if e.type == "Cluster"]
    assert len(clusters) == 20
    assert sorted(e.attrs["clusterKind"] for e in clusters) == ["emerging"] * 10 + ["pillar"] * 10


def test_a_clusters_own_industry_is_stated_by_its_heading(seed_kg, entity, edge):
    cluster = entity("Automotive industry cluster")
    relation = edge(seed_kg.entities[f"{ID}industry/automotive"], "partOfCluster", cluster)
    texts = [ev.text for ev in relation.evidence if ev.is_text]
    assert "4. Automotive industry cluster." in texts
