"""Extraction on documents the project has never seen: new names, new places, other phrasings.

Every name below is invented for these tests; the extractor must find them by its patterns alone.
"""

from __future__ import annotations

import pytest


def triples(graph, predicate):
    """(subject label, object label) pairs of one relation type."""
    return {(graph.entities[r.subject].label, graph.entities[r.object].label)
            for r in graph.relations if r.predicate == predicate}


NEWS = (
    "Shaoguan signs 10 billion yuan battery project\n\n"
    "On March 5, BYD signed a contract with Shaoguan City to build a power battery plant with a total "
    "investment of 10 billion yuan in Wujiang District.\n\n"
    "Meilong Group, the chain master of the smart home appliance industry chain in Shunde District, will set up "
    "a new robot production base in Yunfu High-tech Zone. Shunde's home appliance industry is led by "
    "enterprises such as Meilong, Gelanshi and Wanhe.\n\n"
    "Foshan Xinyuan Battery Technology Co., Ltd. supplies power batteries to Xpeng Motors and GAC Aion. "
    "Xinyuan plans to invest 3.2 billion yuan in the Sanshui Industrial Park to expand its lithium battery "
    "production capacity.\n"
)


def test_an_investor_verb_makes_a_company_and_the_place_after_the_project_is_its_target(extract):
    graph = extract(NEWS)
    assert ("BYD", "Wujiang") in triples(graph, "investsIn")
    assert ("Meilong Group", "Yunfu High-tech Zone") in triples(graph, "investsIn")
    investment = next(r for r in graph.relations
                      if r.predicate == "investsIn" and graph.entities[r.subject].label == "BYD")
    assert investment.amount_yuan == 10e9


def test_a_short_name_and_a_supply_to_every_listed_customer(extract):
    graph = extract(NEWS)
    supplier = "Foshan Xinyuan Battery Technology Co., Ltd"
    assert {(supplier, "Xpeng Motors"), (supplier, "GAC Aion")} <= triples(graph, "supplies")
    assert (supplier, "Sanshui Industrial Park") in triples(graph, "investsIn")  # "Xinyuan plans to invest ..."


def test_the_chain_and_the_place_of_a_chain_master_come_from_its_sentence(extract):
    graph = extract(NEWS)
    assert ("Meilong Group", "smart home appliance") in triples(graph, "inIndustry")
    assert ("Gelanshi", "Shunde") in triples(graph, "locatedIn")  # "Shunde's ... enterprises such as Meilong, Gelanshi"


def test_chain_masters_of_a_named_chain(extract):
    graph = extract(
        'Xinhui District will support "chain master" enterprises such as Guangdong Dongpeng Holdings and '
        "Kinlong Hardware to lead the hardware industry chain. The new energy vehicle industry chain led by "
        "Jiangmen Tengfei Motors has attracted 35 supporting enterprises.")
    masters = triples(graph, "chainMasterOf")
    assert {("Guangdong Dongpeng Holdings", "hardware"), ("Kinlong Hardware", "hardware"),
            ("Jiangmen Tengfei Motors", "new energy vehicles")} <= masters


def test_a_park_referred_back_to_as_the_park(extract):
    graph = extract(
        "Dinghu Industrial Park welcomes new investors\n\n"
        "The Dinghu Industrial Park is located in Yong'an Town, Dinghu District. Major enterprises in the park "
        "include Lianxing Glass, Baotian Packaging and Meiyuan Food. Yuehai Electronics, located in Guangli "
        "Street, produces printed circuit boards for consumer electronics.\n\n"
        "The park focuses on new materials, electronic information and food processing industries.\n")
    located = triples(graph, "locatedIn")
    assert ("Dinghu Industrial Park", "Yong'an Town") in located
    assert {("Lianxing Glass", "Dinghu Industrial Park"), ("Meiyuan Food", "Dinghu Industrial Park")} <= located
    assert ("Yuehai Electronics", "Guangli Street") in located
    assert ("Yuehai Electronics", "printed circuit boards") in triples(graph, "inIndustry")
    assert {("Dinghu Industrial Park", "new materials"), ("Dinghu Industrial Park", "food processing")} <= \
        triples(graph, "hasIndustry")


def test_a_park_in_the_title_receives_the_projects_signed_there(extract):
    graph = extract(
        "Zhaoqing High-tech Zone signs 12 projects worth 6.8 billion yuan\n\n"
        "Among them, Guangdong Huayang Technology Co., Ltd. will invest 2 billion yuan to build a power battery "
        "project, and Shenzhen Kelan Precision Machinery Co., Ltd. plans to invest 500 million yuan in an auto "
        "parts production base.\n\nHuayang Technology is a supplier of Xiaopeng Motors.\n")
    invests = triples(graph, "investsIn")
    assert ("Guangdong Huayang Technology Co., Ltd", "Zhaoqing High-tech Zone") in invests
    assert ("Shenzhen Kelan Precision Machinery Co., Ltd", "Zhaoqing High-tech Zone") in invests
    assert ("Guangdong Huayang Technology Co., Ltd", "Xiaopeng Motors") in triples(graph, "supplies")


def test_a_town_list_and_a_lead_list_in_a_new_county_report(extract):
    graph = extract(
        "Gaoyao District Government Work Report 2024\n\n"
        "Support Hongwang Metal, Dali Aluminum and other leading enterprises to expand their production "
        "capacity. Accelerate the construction of the Jindu Town hardware industrial park.\n\n"
        "Jindu Town: Kaida Hardware, Yuefeng Locks, hardware industry\n")
    located = triples(graph, "locatedIn")
    assert {("Hongwang Metal", "Gaoyao"), ("Dali Aluminum", "Gaoyao")} <= located
    assert {("Kaida Hardware", "Jindu Town"), ("Jindu Town hardware industrial park", "Jindu Town")} <= located
    assert ("Jindu Town hardware industrial park", "hardware") in triples(graph, "hasIndustry")


@pytest.mark.parametrize(("sentence", "yuan", "written"), [
    ("Guangdong Meixin Chemical Co., Ltd. will invest in a 4.5-billion-yuan polymer project in Yunfu High-tech Zone.",
     4.5e9, "4.5-billion-yuan"),
    ("Guangdong Meixin Chemical Co., Ltd. plans to invest 4.5 billion yuan in Yunfu High-tech Zone.",
     4.5e9, "4.5 billion yuan"),
])
def test_an_amount_written_as_a_compound_adjective_is_kept(extract, sentence, yuan, written):
    graph = extract(sentence)
    (investment,) = [r for r in graph.relations if r.predicate == "investsIn"]
    assert graph.entities[investment.object].label == "Yunfu High-tech Zone"
    assert (investment.amount_yuan, investment.amount_text) == (yuan, written)


@pytest.mark.parametrize("text", [
    "Yunfu High-tech Zone is home to more than 100 enterprises, including Meixin Chemical and Hengda Holdings.",
    "Yunfu High-tech Zone houses Meixin Chemical, Hengda Holdings and Huaxin Electric.",
    "Yunfu High-tech Zone hosts firms such as Meixin Chemical, Hengda Holdings and Huaxin Electric.",
])
def test_a_place_hosts_every_enterprise_of_the_list_it_names(extract, text):
    graph = extract(text)
    hosted = {s for s, o in triples(graph, "locatedIn") if o == "Yunfu High-tech Zone"}
    assert {"Meixin Chemical", "Hengda Holdings"} <= hosted
    assert hosted <= {"Meixin Chemical", "Hengda Holdings", "Huaxin Electric"}


def test_a_host_does_not_take_the_enterprises_after_the_list(extract):
    graph = extract("Yunfu High-tech Zone is home to Meixin Chemical's new plant, which will supply Hengda Motors.")
    assert {s for s, o in triples(graph, "locatedIn") if o == "Yunfu High-tech Zone"} == {"Meixin Chemical"}


@pytest.mark.parametrize("text", [
    "Yunfeng Electronics, a key supplier of display modules for Hengda Auto, opened a new plant in Duanzhou District.",
    "Yunfeng Electronics, one of the suppliers of Hengda Auto, will invest 300 million yuan in Duanzhou District.",
    "Yunfeng Electronics, which supplies Hengda Auto, has built a factory in Duanzhou District.",
])
def test_the_verb_after_an_apposition_is_the_subject_s(extract, text):
    graph = extract(text)
    assert triples(graph, "investsIn") == {("Yunfeng Electronics", "Duanzhou")}


def test_a_company_inside_an_apposition_that_acts_itself_keeps_its_verb(extract):
    graph = extract("Hengda Auto, a maker of electric cars, will invest 2 billion yuan in Duanzhou District.")
    assert triples(graph, "investsIn") == {("Hengda Auto", "Duanzhou")}


def test_each_chain_master_leads_the_chain_its_own_phrase_names(extract):
    graph = extract("Zhaoqing has designated Hengda Auto as the chain leader of its new energy vehicle industry chain, "
                    "and Meixin Battery as the \"chain master\" enterprise of the energy storage industry chain.")
    assert triples(graph, "chainMasterOf") == {("Hengda Auto", "new energy vehicles"),
                                               ("Meixin Battery", "energy storage")}


def test_a_chain_named_before_its_master_still_counts(extract):
    graph = extract("In the energy storage industry chain, with Meixin Battery as the chain master, output doubled.")
    assert triples(graph, "chainMasterOf") == {("Meixin Battery", "energy storage")}
