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
