"""The 20 strategic clusters: reference data (ontology/clusters.ttl), in a graph where a document names them or
an enterprise reaches them, named in prose by any document, and read from the provincial plan (seeds/002) itself:
its numbered "... industry cluster" headings, the industries each lists and the cities it names."""

from __future__ import annotations

import pytest

from kg.extract.en import build_matchers, find_mentions
from kg.extract.en.clusters import read_clusters
from kg.extract.en.sentences import split_sentences
from kg.model import Document
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
    assert plan_clusters["New energy industry cluster"].kind == "emerging"
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


def test_every_cluster_the_plan_defines_has_the_plan_among_its_sources(seed_kg):
    clusters = [e for e in seed_kg.entities.values() if e.type == "Cluster"]
    assert all(PLAN in e.docs for e in clusters)


def test_the_seed_graph_has_the_twenty_clusters_with_their_kind(seed_kg):
    clusters = [e for e in seed_kg.entities.values() if e.type == "Cluster"]
    assert len(clusters) == 20
    assert sorted(e.attrs["clusterKind"] for e in clusters) == ["emerging"] * 10 + ["pillar"] * 10


def test_a_clusters_own_industry_is_stated_by_its_heading(seed_kg, entity, edge):
    cluster = entity("Automotive industry cluster")
    relation = edge(seed_kg.entities[f"{ID}industry/automotive"], "partOfCluster", cluster)
    texts = [ev.text for ev in relation.evidence if ev.is_text]
    assert "4. Automotive industry cluster." in texts


# ------------------------------------------------------------------ reference data


def test_the_reference_data_holds_ten_pillar_and_ten_emerging_clusters_with_their_sector():
    reference = load_reference()
    kinds = sorted(c.kind for c in reference.clusters.values())
    assert kinds == ["emerging"] * 10 + ["pillar"] * 10
    for c in reference.clusters.values():
        assert c.label.endswith("industry cluster") and c.label_zh.endswith("产业集群")
        # the cluster's IRI is the slug of its sector concept, whose kg:sectorOf names the cluster in Chinese
        assert c.iri == f"{ID}cluster/{c.sector.rsplit('/', 1)[1]}"
        assert reference.concepts[c.sector].sector_of == c.label_zh


def test_an_industry_reaches_the_clusters_above_its_concept():
    reference = load_reference()
    assert reference.clusters_of(f"{ID}industry/auto-parts") == [f"{ID}cluster/automotive"]
    assert reference.clusters_of(f"{ID}industry/real-estate") == []


# ------------------------------------------------------------------ clusters named in prose


def cluster_mentions(text: str) -> list[tuple[str, str]]:
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    sentences = split_sentences(Document("doc.txt", text, "0" * 64))
    return [(m.surface, m.ref.rsplit("/", 1)[1]) for m in find_mentions(sentences, reference, matchers)
            if m.kind == "cluster"]


def test_a_clusters_name_before_a_cluster_head_names_it():
    assert cluster_mentions("The province will build a world-class new energy industry cluster by 2027.") == [
        ("new energy industry cluster", "new-energy")]
    assert cluster_mentions("Guangdong's intelligent robotics industrial clusters grew fast.") == [
        ("intelligent robotics industrial clusters", "intelligent-robotics")]


def test_a_citys_own_cluster_or_a_narrower_industrys_cluster_is_not_a_strategic_cluster():
    assert cluster_mentions("The Jiangmen new energy industry cluster signed ten projects.") == []
    assert cluster_mentions("It hosts a new energy vehicle industry cluster.") == []


def test_the_items_of_a_list_of_the_strategic_clusters_name_clusters():
    text = ("The ten strategic emerging industries include semiconductors and integrated circuits; smart robots; "
            "safety, emergency response and environmental protection; and new energy.")
    assert [slug for _, slug in cluster_mentions(text)] == [
        "semiconductor-and-integrated-circuit", "intelligent-robotics",
        "safety-emergency-and-environmental-protection", "new-energy"]


def test_a_list_of_pillar_clusters_names_only_pillar_clusters():
    # "new energy" is an emerging cluster: in a list of the pillar clusters it is an industry, not a cluster
    text = "The strategic pillar industry clusters such as automobiles, advanced materials and new energy grew."
    assert [slug for _, slug in cluster_mentions(text)] == ["automotive", "advanced-materials"]


def test_industries_in_other_lists_are_not_clusters():
    assert cluster_mentions("The park focuses on new energy, advanced materials and smart robots.") == []
    assert cluster_mentions("Future industries cover future networks, new energy and quantum technology.") == []


def test_a_graph_holds_the_clusters_its_documents_name_and_a_document_that_names_one_is_its_source(extract):
    graph = extract("Guangdong will strengthen its Digital Creativity Industry Clusters in 2025.",
                    "The ten strategic emerging industries cover lasers and additive manufacturing; digital creativity.")
    clusters = {e.iri.rsplit("/", 1)[1]: e for e in graph.entities.values() if e.type == "Cluster"}
    assert set(clusters) == {"digital-creative", "laser-and-additive-manufacturing"}
    assert clusters["digital-creative"].docs == {"doc1.txt", "doc2.txt"}
    assert clusters["laser-and-additive-manufacturing"].docs == {"doc2.txt"}
    # a full name as written is a name of the cluster; a short form ("digital creativity") names the industry too
    assert "Digital Creativity Industry Clusters" in clusters["digital-creative"].alt_labels
    assert "digital creativity" not in clusters["digital-creative"].alt_labels


def test_an_enterprise_reaches_its_industrys_cluster_on_any_corpus(extract, entity, edge):
    graph = extract("Sihui focuses on the auto parts industry. Hengrun Auto Parts Co., Ltd. produces auto parts.")
    parts = entity("auto parts", "Industry", graph)
    relation = edge(parts, "partOfCluster", entity("Automotive industry cluster", "Cluster", graph), graph)
    assert relation is not None and not any(ev.is_text for ev in relation.evidence)


def test_a_cluster_no_document_names_and_no_enterprise_reaches_stays_out_of_the_graph(extract):
    graph = extract("Sihui focuses on the auto parts industry.")
    assert not [e for e in graph.entities.values() if e.type == "Cluster"]


def test_a_places_own_strategic_industries_are_its_industries_not_the_provinces_clusters():
    assert cluster_mentions("The city's strategic emerging industries include new energy and biomedicine.") == []
    assert cluster_mentions("Dongguan's strategic emerging industries include new energy.") == []
    assert [slug for _, slug in cluster_mentions("Guangdong's ten strategic emerging industries include new "
                                                 "energy.")] == ["new-energy"]
