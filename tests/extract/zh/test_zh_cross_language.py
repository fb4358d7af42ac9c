"""One node per real entity across languages: a Chinese document's names and an English document's names of the
same enterprises and parks resolve to one entity, with its English label and its Chinese label — by the English
rendering of the Chinese names (the trade name in Pinyin, the business head and the park head by their usual
English, the place by the gazetteer), not by a table of names. Sentences written for this test."""

from __future__ import annotations

import pytest

from kg.model import KnowledgeGraph

ENGLISH = ("Hongtai Auto signed a contract to build a new energy vehicle plant in Zhaoqing High-tech Zone. "
           "Kaihua Power, a supplier of Hongtai Auto, will invest 500 million yuan in the zone. "
           "Xinlong Copper settled in Dongcheng Street, Sihui City, and the Dawang New Energy Industrial City "
           "attracted Haotian Technology.")
CHINESE = ("鸿泰汽车在肇庆高新区签约建设新能源汽车整车项目。凯华电源是鸿泰汽车的一级供应商。"
           "广东鑫隆铜业有限公司落户四会市东城街道，昊天科技投资大旺新能源产业城。")


@pytest.fixture(scope="module")
def graph(extract) -> KnowledgeGraph:
    return extract(ENGLISH, CHINESE)


@pytest.mark.parametrize(("english", "chinese"), [("Hongtai Auto", "鸿泰汽车"), ("Kaihua Power", "凯华电源"),
                                                  ("Xinlong Copper", "广东鑫隆铜业有限公司"),
                                                  ("Haotian Technology", "昊天科技")])
def test_an_enterprise_named_in_both_languages_is_one_node(graph, entity, english, chinese):
    node = entity(english, "Enterprise", graph=graph)
    assert entity(chinese, "Enterprise", graph=graph) is node
    assert node.label_zh == chinese and node.docs == {"doc1.txt", "doc2.txt"}


@pytest.mark.parametrize(("english", "chinese"), [("Zhaoqing High-tech Zone", "肇庆高新区"),
                                                  ("Dawang New Energy Industrial City", "大旺新能源产业城")])
def test_a_park_named_in_both_languages_is_one_node(graph, entity, english, chinese):
    node = entity(english, "Park", graph=graph)
    assert entity(chinese, "Park", graph=graph) is node
    assert node.label == english and node.label_zh == chinese


def test_relations_from_both_languages_meet_on_the_one_node(graph, entity, edge):
    hongtai, kaihua = entity("Hongtai Auto", graph=graph), entity("Kaihua Power", graph=graph)
    supplies = edge(kaihua, "supplies", hongtai, graph=graph)
    assert {ev.source for ev in supplies.evidence} == {"doc1.txt", "doc2.txt"}


def test_a_chinese_only_enterprise_gets_an_english_label_from_pinyin_and_glosses(extract, entity):
    graph = extract("推进华耀电子、鸿泰汽车等一批企业增资扩产。")
    assert entity("华耀电子", graph=graph).label == "Huayao Electronics"


# ------------------------------------------------------------- names the two languages write differently


def enterprise_nodes(graph: KnowledgeGraph) -> dict[str, set[str]]:
    """Each Enterprise node's IRI (local name) -> its documents."""
    return {iri.rsplit("/", 1)[1]: e.docs for iri, e in graph.entities.items() if e.type == "Enterprise"}


def test_a_name_found_again_before_a_hyphenated_business_word_is_read_with_it(extract, entity):
    """"Kaiyuan" found again in "... of Kaiyuan Hi-Tech" is that company ("Hi" alone would read as a brand word), so
    the English report's Kaiyuan is the Chinese report's 凯元高科 (高科 Hi-Tech); the IRI the cut name had stays."""
    graph = extract("Accelerate the construction and production of Kaiyuan high-end capacitor base, Huateng "
                    "Electronics and other projects. Support the National Key Laboratory of Kaiyuan Hi-Tech.",
                    "推进凯元高科、华腾电子等一批电子信息企业增资扩产。")
    node = entity("凯元高科", "Enterprise", graph=graph)
    assert node.docs == {"doc1.txt", "doc2.txt"} and node.iri.endswith("/kaiyuan-technology")
    assert graph.same_as[node.iri.replace("kaiyuan-technology", "kaiyuan-hi")] == node.iri


ENGLISH_SHORT = "The new energy industry grew: Hengtai, Jinyu and other projects have been put into operation."


def test_an_english_brand_without_the_last_syllable_of_a_chinese_trade_name_is_that_company(extract, entity):
    graph = extract(ENGLISH_SHORT, "推进恒泰达华南基地等一批配套产业项目建设。")
    node = entity("恒泰达", "Enterprise", graph=graph)
    assert node.docs == {"doc1.txt", "doc2.txt"} and "Hengtai" in node.all_labels()


@pytest.mark.parametrize("chinese", [
    "推进恒泰达华南基地、恒泰隆华南基地等一批配套产业项目建设。",  # two trade names it could shorten
    "推进恒泰达华南基地等一批配套产业项目建设。恒泰电子在肇庆高新区签约。",  # a company of the shorter brand
])
def test_a_shorter_english_brand_stays_apart_where_it_could_be_another_company(extract, chinese):
    nodes = enterprise_nodes(extract(ENGLISH_SHORT, chinese))
    assert nodes["hengtaida"] == {"doc2.txt"}


def test_two_brands_written_in_english_never_join_by_a_last_syllable(extract):
    nodes = enterprise_nodes(extract(ENGLISH_SHORT, "Hengtaida signed a contract in Zhaoqing High-tech Zone."))
    assert nodes["hengtai"] == {"doc1.txt"} and nodes["hengtaida"] == {"doc2.txt"}


def test_another_reading_of_a_polyphonic_character_meets_the_english_name(extract, entity):
    """长 is zhang or chang: read as the English name writes it where its usual reading meets no name."""
    graph = extract("Changxin Electronics signed a contract in Zhaoqing High-tech Zone.", "长鑫电子在肇庆高新区签约。")
    node = entity("长鑫电子", "Enterprise", graph=graph)
    assert node.docs == {"doc1.txt", "doc2.txt"} and node.label == "Changxin Electronics"
    assert graph.same_as[node.iri.replace("changxin", "zhangxin")] == node.iri


def test_the_usual_reading_comes_first_where_it_meets_a_name(extract, entity):
    graph = extract("Changxin Electronics signed a contract in Zhaoqing High-tech Zone.",
                    "Zhangxin Electronics signed a contract in Foshan.", "长鑫电子在肇庆高新区签约。")
    assert entity("长鑫电子", "Enterprise", graph=graph).docs == {"doc2.txt", "doc3.txt"}
    assert entity("Changxin Electronics", "Enterprise", graph=graph).docs == {"doc1.txt"}


def test_a_business_word_english_renders_otherwise_is_one_business(extract, entity):
    graph = extract("Guangdong Kaihua Power Supply Co., Ltd. signed a contract in Zhaoqing High-tech Zone.",
                    "凯华电源在肇庆高新区签约。")
    assert entity("凯华电源", "Enterprise", graph=graph).docs == {"doc1.txt", "doc2.txt"}


ENGLISH_CITY = "Build Zhaoqing Longxing New Energy Intelligent Automobile Industrial City and attract investment."
CHINESE_CITY = "加快龙兴新能源智能汽车产业城建设。"  # a document about no one place: it names none


def test_a_park_named_without_a_place_joins_the_one_park_of_its_name_the_corpus_places(extract, entity):
    graph = extract(ENGLISH_CITY, CHINESE_CITY)
    node = entity("龙兴新能源智能汽车产业城", "Park", graph=graph)
    assert node.docs == {"doc1.txt", "doc2.txt"} and node.iri.endswith("/zhaoqing-longxing-new-energy-intelligent-"
                                                                      "automobile-industrial-city")
    assert node.attrs["region"].endswith("/zhaoqing")


def test_a_park_named_without_a_place_stays_apart_where_two_places_have_a_park_of_its_name(extract, entity):
    graph = extract(ENGLISH_CITY, ENGLISH_CITY.replace("Zhaoqing", "Foshan"), CHINESE_CITY)
    assert entity("龙兴新能源智能汽车产业城", "Park", graph=graph).docs == {"doc3.txt"}


@pytest.mark.parametrize("english", ["Hengtai Smart Vehicle Supporting Parts Industrial Park",
                                     "HTai Intelligent Automobile Supporting Components Industrial Park"])
def test_a_park_whose_words_english_renders_otherwise_is_one_park(extract, entity, english):
    graph = extract(f"Zhaoqing will build the {english}.", "肇庆市加快建设恒泰智能汽车配套零部件产业园。")
    node = entity("恒泰智能汽车配套零部件产业园", "Park", graph=graph)
    assert node.docs == {"doc1.txt", "doc2.txt"} and node.label == english


def test_parks_of_one_name_in_two_cities_stay_two_parks(extract, entity):
    graph = extract("Zhaoqing will build the Hengtai Smart Vehicle Industrial Park.", "佛山市加快建设恒泰智能汽车产业园。")
    assert entity("恒泰智能汽车产业园", "Park", graph=graph).docs == {"doc2.txt"}


def test_a_park_whose_chinese_name_brackets_its_city_after_the_province_is_in_that_city(extract, entity):
    """广东省(云浮)…: the park is in the city in brackets, as the English name that starts with the city says."""
    graph = extract("Accelerate the construction of the Yunfu Large New Materials Industrial Agglomeration Area.",
                    "广东省(云浮)大型新材料产业集聚区加快建设。")
    node = entity("广东省(云浮)大型新材料产业集聚区", "Park", graph=graph)
    assert node.docs == {"doc1.txt", "doc2.txt"} and node.attrs["region"].endswith("/yunfu")
