"""Relations read from Chinese sentences written for these tests: each relation carries the Chinese sentence as
its evidence (with the document's offsets), says whether the sentence states it or it was inferred, and how sure
the rule is."""

from __future__ import annotations

import pytest

from kg.model import INFERRED, STATED, KnowledgeGraph, Relation

REPORT = ("近年来，四会市加快发展新能源汽车、电子信息等新兴产业，做精做优新材料、预制菜等特色产业。"
          "作为铜加工龙头企业，广东鑫隆铜业有限公司于2019年落户四会市东城街道，总投资超20亿元建设铜材生产基地。"
          "推进晟川科技、博远电子等一批电子信息企业增资扩产。"
          "四会玉器、兰花闻名全国。")

SIGNING = ("肇庆高新区举行重点项目集中签约仪式，共有12个项目签约。"
           "签约项目主要集中在新能源汽车零部件、新型储能等领域，包括鸿泰汽车一级供应商凯华电源股份有限公司投资的"
           "凯华汽车零部件生产项目，以及总投资额4.5亿元的广东瑞丰新材料有限公司薄膜生产线扩产项目。"
           "近三年引进新能源汽车项目20个，相继引进鸿泰汽车、昊天动力两大龙头链主企业。"
           "高要区智能五金产业集群位于肇庆市高要区金利镇。")


@pytest.fixture(scope="module")
def graph(extract) -> KnowledgeGraph:
    return extract(REPORT, SIGNING)


@pytest.fixture(scope="module")
def rel(graph, entity, edge):
    """rel("鸿泰汽车", "supplies", "凯华电源") -> the relation between the entities of those names, or None."""
    def find(subject: str, predicate: str, obj: str) -> Relation | None:
        return edge(entity(subject, graph=graph), predicate, entity(obj, graph=graph), graph=graph)
    return find


def sentence_of(relation: Relation | None) -> list[str]:
    return [ev.text for ev in relation.evidence if ev.is_text] if relation else []


def test_the_evidence_is_the_chinese_sentence_at_its_offsets(rel):
    relation = rel("广东鑫隆铜业有限公司", "locatedIn", "东城街道")
    (evidence,) = [ev for ev in relation.evidence if ev.is_text]
    assert evidence.source == "doc1.txt" and REPORT[evidence.start:evidence.end] == evidence.text
    assert evidence.text.startswith("作为铜加工龙头企业") and evidence.derivation == STATED and evidence.confidence


def test_a_place_that_opens_a_sentence_develops_its_industries(rel):
    for industry in ("新能源汽车", "电子信息", "新材料", "预制菜"):
        assert sentence_of(rel("四会市", "hasIndustry", industry))[0].startswith("近年来，四会市")


def test_industries_right_after_a_place_are_the_place_s(rel):
    assert sentence_of(rel("四会市", "hasIndustry", "玉器")) == ["四会玉器、兰花闻名全国。"]
    assert rel("四会市", "hasIndustry", "兰花") is not None


def test_a_cluster_located_in_a_place(rel):
    assert rel("金利镇", "hasIndustry", "五金") is not None
    assert rel("金利镇", "locatedIn", "高要区") is not None  # the address


def test_located_by_its_cue_at_the_most_precise_place_of_the_address(rel, graph, entity):
    assert rel("广东鑫隆铜业有限公司", "locatedIn", "东城街道") is not None
    assert rel("广东鑫隆铜业有限公司", "locatedIn", "四会市") is None


def test_an_investment_with_its_amount_and_qualifier(rel):
    relation = rel("广东鑫隆铜业有限公司", "investsIn", "东城街道")
    assert relation.amount_yuan == 2_000_000_000 and relation.amount_text == "超20亿元"


def test_an_investment_in_the_park_the_title_names_is_inferred(rel):
    relation = rel("广东瑞丰新材料有限公司", "investsIn", "肇庆高新区")
    assert relation.amount_yuan == 450_000_000 and relation.amount_text == "4.5亿元"
    assert [ev.derivation for ev in relation.evidence] == [INFERRED]
    assert rel("凯华电源股份有限公司", "investsIn", "肇庆高新区") is not None


def test_a_supplier(rel):
    assert sentence_of(rel("凯华电源股份有限公司", "supplies", "鸿泰汽车"))[0].startswith("签约项目主要集中在")


def test_an_enterprise_s_industries_by_its_list_its_lead_and_its_project(rel):
    assert rel("晟川科技", "inIndustry", "电子信息") is not None
    assert rel("博远电子", "inIndustry", "电子信息") is not None
    assert rel("广东鑫隆铜业有限公司", "inIndustry", "铜加工") is not None
    assert rel("凯华电源股份有限公司", "inIndustry", "汽车零部件") is not None


def test_chain_masters_lead_the_chain_the_sentence_names(rel):
    for master in ("鸿泰汽车", "昊天动力"):
        assert rel(master, "chainMasterOf", "新能源汽车") is not None


def test_industries_of_a_sentence_without_a_place_are_the_title_park_s(rel):
    relation = rel("肇庆高新区", "hasIndustry", "新型储能")
    assert relation is not None and relation.evidence[0].derivation == INFERRED


def test_places_listed_as_a_sentence_s_subject_each_develop_its_industries(extract, entity, edge):
    graph = extract("顺德区发展智能家电产业。其中，北滘镇、容桂街道的智能家电、机器人项目推进较快。")
    for town in ("北滘镇", "容桂街道"):
        for industry in ("智能家电", "机器人"):
            assert edge(entity(town, graph=graph), "hasIndustry", entity(industry, graph=graph), graph=graph)


def test_an_investment_in_the_place_the_sentence_locates_its_project(extract, entity, edge):
    graph = extract("顺德区重点项目通报。项目选址容桂街道，由佛山鑫泰电器集团投资建设，计划投资8.5亿元。")
    relation = edge(entity("佛山鑫泰电器集团", graph=graph), "investsIn", entity("容桂街道", graph=graph), graph=graph)
    assert relation is not None and relation.amount_text == "8.5亿元"


def test_an_industry_beyond_the_vocabulary_is_named_in_english_and_in_chinese(extract):
    """Its English name is the rendering of the Chinese (glosses, else Pinyin), tagged English; the Chinese
    name is its Chinese label, not an English one."""
    graph = extract("华信科技位于四会市，园区重点发展储能变流器、电子信息等三大主导产业。")
    (industry,) = [e for e in graph.entities.values() if e.type == "Industry" and e.label_zh == "储能变流器"]
    assert industry.label == "energy storage converters" and industry.attrs["broader"].endswith("energy-storage")


def supplied(graph: KnowledgeGraph) -> set[tuple[str, str]]:
    """(supplier, customer) by their Chinese names."""
    return {(graph.entities[r.subject].label_zh, graph.entities[r.object].label_zh)
            for r in graph.relations if r.predicate == "supplies"}


@pytest.mark.parametrize("text", [
    "广东恒锐新能源科技有限公司是领先的电池材料供应商，主要为宁远汽车、华彩光电等整车企业提供动力电池模组。",
    "广东恒锐新能源科技有限公司成立于2015年，长期向宁远汽车和华彩光电供应动力电池模组。",
    "广东恒锐新能源科技有限公司总部位于惠州，为宁远汽车、华彩光电提供配套。",
])
def test_customers_listed_after_the_supplier_s_own_clause(extract, text):
    supplier = "广东恒锐新能源科技有限公司"
    assert supplied(extract(text)) == {(supplier, "宁远汽车"), (supplier, "华彩光电")}


@pytest.mark.parametrize("text", [
    # a clause with a subject of its own: the park gives, not the company
    "广东恒锐新能源科技有限公司落户高新区，园区为宁远汽车、华彩光电提供土地。",
    # no supplying verb after the list
    "广东恒锐新能源科技有限公司是行业龙头，主要为宁远汽车、华彩光电等企业所熟知。",
    # the company does not open its clause
    "据介绍广东恒锐新能源科技有限公司已投产，为宁远汽车、华彩光电提供电池。",
])
def test_no_supplier_where_the_clause_is_not_the_company_s(extract, text):
    assert supplied(extract(text)) == set()


def investments_of(graph: KnowledgeGraph) -> dict[str, tuple[str, float | None]]:
    """Investor (Chinese name) -> (target's Chinese name, amount in yuan)."""
    return {graph.entities[r.subject].label_zh: (graph.entities[r.object].label_zh, r.amount_yuan)
            for r in graph.relations if r.predicate == "investsIn"}


@pytest.mark.parametrize("text", [
    "恒瑞新材料科技有限公司年产5万吨铝型材项目、华腾锂电池储能生产基地项目在江门高新区动工建设。",
    "恒瑞新材料科技有限公司铝型材项目、华腾储能电池生产基地项目落户江门高新区，总投资分别达18亿元和25亿元。",
])
def test_the_projects_of_a_list_are_each_where_the_list_says(extract, text):
    found = investments_of(extract(text))
    assert found["恒瑞新材料科技有限公司"][0] == found["华腾"][0] == "江门高新区"
    assert found["恒瑞新材料科技有限公司"][1] is None and found["华腾"][1] in (None, 2.5e9)  # never the other's


def test_a_project_apart_from_the_list_keeps_its_own_place(extract):
    found = investments_of(extract("恒瑞新材料科技有限公司在肇庆高新区投资建设铝型材项目，华腾储能电池项目在江门高新区动工。"))
    assert found["恒瑞新材料科技有限公司"][0] == "肇庆高新区" and found["华腾"][0] == "江门高新区"


def located(graph: KnowledgeGraph) -> set[tuple[str, str]]:
    """(enterprise, place) by their Chinese names, stated or inferred from a sentence."""
    return {(graph.entities[r.subject].label_zh, graph.entities[r.object].label_zh) for r in graph.relations
            if r.predicate == "locatedIn" and graph.entities[r.subject].type == "Enterprise"
            and any(ev.is_text and ev.confidence and ev.confidence >= 0.7 for ev in r.evidence)}


@pytest.mark.parametrize("text", [
    "位于江门高新区的广东恒锐新能源科技有限公司是领先的电池制造商。",
    "地处江门高新区的广东恒锐新能源科技有限公司加快扩产。",
    "坐落于江门高新区内的广东恒锐新能源科技有限公司今年投产。",
])
def test_a_place_that_describes_the_company_before_its_name(extract, text):
    assert ("广东恒锐新能源科技有限公司", "江门高新区") in located(extract(text))


def test_a_place_the_company_is_not_described_by_is_not_its_place(extract):
    graph = extract("位于江门高新区的展馆里，广东恒锐新能源科技有限公司展出了新品。")
    assert ("广东恒锐新能源科技有限公司", "江门高新区") not in located(graph)


def test_enterprises_in_the_park_are_in_the_park_the_document_named(extract):
    graph = extract("江门高新区电子信息产业加速成形。园区内的华锐电子、天成精密等企业加快扩产。")
    assert {("华锐电子", "江门高新区"), ("天成精密", "江门高新区")} <= located(graph)
    assert not any(c == "江门高新区" for _, c in located(extract("园区内的华锐电子、天成精密等企业加快扩产。")))


def test_customers_after_a_supplying_verb(extract):
    graph = extract("位于江门高新区的广东恒锐新能源科技有限公司是显示模组制造商，产品主要供应给华星科技、美信通信等整机企业。")
    assert supplied(graph) == {("广东恒锐新能源科技有限公司", "华星科技"), ("广东恒锐新能源科技有限公司", "美信通信")}


@pytest.mark.parametrize("text", [
    "2024年6月，深圳美信通信有限公司与江门高新区签约，投资20亿元建设智能终端生产基地。",
    "深圳美信通信有限公司与江门高新区正式签署协议，计划投资20亿元建设生产基地。",
])
def test_a_company_invests_in_the_place_it_signs_with(extract, text):
    (relation,) = [r for r in extract(text).relations if r.predicate == "investsIn"]
    assert relation.amount_yuan == 2e9
    assert relation.evidence[0].derivation == "stated"


def test_signing_with_another_company_is_no_place(extract):
    graph = extract("2024年6月，深圳美信通信有限公司与华腾科技签约，投资20亿元建设生产基地。")
    assert not any(graph.entities[r.object].type == "Enterprise" for r in graph.relations if r.predicate == "investsIn")


@pytest.mark.parametrize("text", [
    "宝丰钢铁、华通铝业被授予链主企业称号。两家企业均位于曲江区白土镇。",
    "宝丰钢铁和华通铝业今年扩产。上述企业都落户曲江区白土镇。",
])
def test_a_clause_that_refers_back_to_the_enterprises_named_before(extract, text):
    assert {("宝丰钢铁", "白土镇"), ("华通铝业", "白土镇")} <= located(extract(text))


def test_a_clause_that_refers_back_to_the_company_the_text_is_about(extract):
    graph = extract("广东恒锐新能源科技有限公司今年扩产。该公司位于曲江区白土镇。")
    assert ("广东恒锐新能源科技有限公司", "白土镇") in located(graph)


@pytest.mark.parametrize("text", [
    "宝丰钢铁、华通铝业被授予链主企业称号。企业均位于工业园区。",  # no word that refers back
    "宝丰钢铁、华通铝业被授予链主企业称号。今年全市经济增长。工业稳步发展。两家企业均位于曲江区白土镇。",  # too far
])
def test_no_referent_without_a_word_that_refers_back_or_when_the_names_are_far(extract, text):
    assert not any(place == "白土镇" for _, place in located(extract(text)))


def related(graph: KnowledgeGraph, predicate: str) -> set[tuple[str, str, str]]:
    """(subject, object, derivation) of a predicate's relations, by the entities' Chinese names (or labels)."""
    def name(iri: str) -> str:
        return graph.entities[iri].label_zh or graph.entities[iri].label
    return {(name(r.subject), name(r.object), ev.derivation) for r in graph.relations if r.predicate == predicate
            for ev in r.evidence if ev.is_text}


def test_a_clause_without_a_subject_of_its_own_is_the_company_s_the_sentence_opens_with(extract):
    """"X位于Y，主要从事Z", "X成立于2008年，总部位于Y，主营Z": Chinese leaves out the subject the first clause gave."""
    graph = extract("广东嘉信精密制造有限公司位于鹤山市共和镇，主要从事汽车零部件的研发与生产。"
                    "江门市华通电子有限公司成立于2008年，总部位于江门市蓬江区，主营印制电路板。")
    assert ("广东嘉信精密制造有限公司", "汽车零部件", STATED) in related(graph, "inIndustry")
    assert ("江门市华通电子有限公司", "印制电路板", STATED) in related(graph, "inIndustry")
    assert ("江门市华通电子有限公司", "蓬江区", STATED) in related(graph, "locatedIn")


def test_a_clause_with_a_subject_of_its_own_is_not_the_company_s(extract):
    graph = extract("广东嘉信精密制造有限公司位于鹤山市共和镇，园区主要从事汽车零部件的研发与生产。"
                    "据介绍，鹤山市引进了江门市华通电子有限公司，主营印制电路板。")
    assert related(graph, "inIndustry") == set()


def test_the_company_a_sentence_refers_back_to_leads_a_chain_and_supplies_customers(extract):
    graph = extract("江门市华通电子有限公司主营印制电路板。该公司是鹤山市电子信息产业链的链主企业。"
                    "公司为宁远汽车、华彩光电等整车企业提供配套。")
    assert ("江门市华通电子有限公司", "电子信息", INFERRED) in related(graph, "chainMasterOf")
    assert {("江门市华通电子有限公司", customer, INFERRED) for customer in ("宁远汽车", "华彩光电")} \
        == related(graph, "supplies")


def test_a_company_that_is_the_chain_master_its_sentence_names(extract):
    graph = extract("广东嘉信精密制造有限公司是鹤山市汽车零部件产业链的链主企业。")
    assert related(graph, "chainMasterOf") == {("广东嘉信精密制造有限公司", "汽车零部件", STATED)}


def test_the_enterprises_a_list_represents_are_in_its_industry(extract):
    graph = extract("以宏达铜业、金鑫铝材为代表的金属加工企业加快转型升级。")
    assert {(company, "金属加工", STATED) for company in ("宏达铜业", "金鑫铝材")} == related(graph, "inIndustry")


def test_the_enterprises_right_after_a_park_and_inside_it_are_in_it(extract):
    graph = extract("四会高新区内的宏达铜业、金鑫铝材年产值超过50亿元。四会高新区的宏达铜业扩产。")
    assert {("宏达铜业", "四会高新区", STATED), ("金鑫铝材", "四会高新区", STATED)} <= related(graph, "locatedIn")
    assert len([r for r in graph.relations if r.predicate == "locatedIn"
                and graph.entities[r.subject].type == "Enterprise" and graph.entities[r.object].type == "Park"
                for ev in r.evidence if ev.is_text and ev.text.startswith("四会高新区的")]) == 0


def test_the_region_a_title_names_is_what_a_short_report_is_about(extract):
    """A city's report that names one of its counties and a town of it once each is still the city's: its
    industries go to the city, not the county (the county and its town make up a good share of a short report)."""
    graph = extract("云浮市2024年政府工作报告\n"
                    "过去一年，我市坚持工业立市。\n"
                    "先进制造业增加值增长12%。\n"
                    "石材、不锈钢、氢能三大产业加快发展。\n"
                    "郁南县都城镇的金利丰不锈钢有限公司入选省级专精特新企业。")
    places = {place for place, _, _ in related(graph, "hasIndustry")}
    assert places == {"云浮市"}


def test_the_lines_under_a_heading_that_announces_chain_masters_name_each_chain_s_masters(extract):
    """"…链主企业名单" then "新能源汽车产业链：A、B。": each line's companies lead its chain (inferred: the line does
    not say 链主); the list ends with a sentence that names companies otherwise, and without a heading a chain's
    line names no master."""
    graph = extract("江门市公布重点产业链链主企业名单\n"
                    "近日，江门市公布了首批重点产业链“链主”企业名单。\n"
                    "新能源汽车产业链：江门市宁远汽车有限公司、广东华彩电池有限公司。\n"
                    "（二）电子信息产业链：江门市华通电子有限公司。\n"
                    "据介绍，广东嘉信精密制造有限公司年产值超过10亿元。\n"
                    "金属加工产业链：广东宏达铜业有限公司。",
                    "鹤山市产业发展\n"
                    "汽车零部件产业链：广东金鑫铝材有限公司。")
    assert related(graph, "chainMasterOf") == {
        ("江门市宁远汽车有限公司", "新能源汽车", INFERRED), ("广东华彩电池有限公司", "新能源汽车", INFERRED),
        ("江门市华通电子有限公司", "电子信息", INFERRED)}


def test_what_the_base_a_company_builds_makes_is_its_industry(extract):
    """"X投资10亿元建设铝合金型材生产基地": the base's product is X's industry (铝合金 is the vocabulary's aluminum)."""
    graph = extract("广东润丰科技有限公司投资10亿元建设铝合金型材生产基地。")
    assert related(graph, "inIndustry") == {("广东润丰科技有限公司", "铝合金型材", STATED)}


def test_what_a_company_is_said_to_be_gives_its_industry(extract):
    """"X是一家专注于Y研发和生产的高新技术企业", "X是国内领先的Y企业", "X作为一家Y企业": Y is X's industry; not where
    what X is names no industry before its company noun, nor another company's chain."""
    graph = extract("广东瑞能动力科技有限公司是一家专注于储能电池研发和生产的高新技术企业。"
                    "广东嘉信精密制造有限公司是国内领先的汽车零部件企业。"
                    "江门市华通电子有限公司作为一家锂电池企业，落户鹤山。"
                    "广东宏达铜业有限公司是鹤山市新能源汽车产业链的重要一环。")
    assert related(graph, "inIndustry") == {
        ("广东瑞能动力科技有限公司", "储能电池", STATED), ("广东嘉信精密制造有限公司", "汽车零部件", STATED),
        ("江门市华通电子有限公司", "锂电池", STATED)}


def test_a_later_clause_about_the_project_of_the_sentence_s_one_company_gives_its_industry(extract):
    """"A区与X签约，项目总投资20亿元，主要建设年产10GWh储能电池生产线": X's project builds batteries; not where the
    sentence names two companies, nor where the clause builds no project."""
    graph = extract("12月1日，鹤山工业城与广东瑞能动力科技有限公司签约，项目总投资20亿元，主要建设年产10GWh储能电池生产线。"
                    "江门市华通电子有限公司与广东嘉信精密制造有限公司签约，主要建设锂电池生产线。"
                    "广东宏达铜业有限公司签约落户鹤山，主要发展储能电池产业。")
    assert related(graph, "inIndustry") == {("广东瑞能动力科技有限公司", "储能电池", STATED)}


def test_a_company_that_opens_its_sentence_is_the_supplier_a_later_clause_names(extract):
    """"B地处X，是A的重要供应商": Chinese leaves out the later clause's subject, the company the sentence opens with;
    not where the sentence opens with another company's clause ("A与C签约，是D的供应商" names two before it)."""
    graph = extract("鹤山市瑞鑫电子有限公司地处鹤山工业城，是广东凯源汽车有限公司的重要供应商。"
                    "江门市华通电子有限公司与广东嘉信精密制造有限公司签约，是广东宏达铜业有限公司的供应商。")
    assert related(graph, "supplies") == {("鹤山市瑞鑫电子有限公司", "广东凯源汽车有限公司", STATED)}


def test_a_photo_s_credit_does_not_part_a_sentence_from_the_place_the_one_before_names(extract):
    """"△鹤山工业城。张明 摄" then "三年来引进汽车零部件项目25个": the industries are the park's, the place the sentence
    before (past the credit) names."""
    graph = extract("鹤山市产业发展报告\n鹤山市加快发展。\n△鹤山工业城。张明 摄\n三年来引进\n汽车零部件项目25个。")
    assert ("鹤山工业城", "汽车零部件", INFERRED) in related(graph, "hasIndustry")


def test_a_second_build_reads_the_places_of_its_own_document_of_the_same_name(extract):
    """The places of a document's sentences were remembered by its name across builds: a notebook's second corpus
    (or the next test) with a doc1.txt of another text was read with the first one's places."""
    extract("鹤山市产业发展报告\n△鹤山工业城。\n三年来引进\n汽车零部件项目25个。")
    graph = extract("开平市产业发展报告\n△开平翠山湖新区。\n三年来引进\n水暖卫浴项目17个。")
    assert {place for place, _, _ in related(graph, "hasIndustry")} <= {"开平翠山湖新区", "开平市"}
    assert ("开平翠山湖新区", "卫浴", INFERRED) in related(graph, "hasIndustry")


def test_every_company_of_a_list_that_settles_in_a_park_is_in_it(extract):
    """"A、B等企业已落户Y" (和 too): each company of the list, not only the last; a company of another clause is not."""
    graph = extract("瑞通塑料、金龙化工等企业已落户大亚湾石化区。"
                    "宏达铜业和金鑫铝材落户鹤山工业城。"
                    "鹤山工业城引进华通电子，嘉信精密已落户开平翠山湖新区。")
    located = {(company, place) for company, place, _ in related(graph, "locatedIn")}
    assert {("瑞通塑料", "大亚湾石化区"), ("金龙化工", "大亚湾石化区"), ("宏达铜业", "鹤山工业城"),
            ("金鑫铝材", "鹤山工业城"), ("嘉信精密", "开平翠山湖新区")} <= located
    assert ("华通电子", "开平翠山湖新区") not in located


def test_the_companies_a_clause_says_the_zone_has_are_in_the_zone_named_before(extract):
    """"四会高新区发展迅速。区内有A、B等龙头企业。": 区内 (in the zone) is no part of A's name, and A and B are in the
    zone the document named last (inferred); "辖区内" (the jurisdiction) is no zone."""
    graph = extract("鹤山工业城发展迅速。区内有广东宏达铝业有限公司、江门市金源铜材有限公司等龙头企业。"
                    "鹤山市发展迅速。辖区内有广东华通电子有限公司等企业。")
    located = related(graph, "locatedIn")
    assert {("广东宏达铝业有限公司", "鹤山工业城", INFERRED), ("江门市金源铜材有限公司", "鹤山工业城", INFERRED)} <= located
    assert not [c for c, place, _ in located if c == "广东华通电子有限公司" and place == "鹤山工业城"]


def test_a_project_named_before_the_company_that_builds_it_is_its_industry(extract):
    """"铜箔项目由X投资建设" and "该项目由X投资建设，主要生产锂电铜箔": X's industry; not "由X主持召开" (no building),
    nor an industry named before a project of another clause."""
    graph = extract("年产5万吨铜箔项目由广东金源新能源有限公司投资建设，总投资15亿元。"
                    "该项目由广东瑞能动力科技有限公司投资建设，主要生产储能电池。"
                    "锂电池项目推介会由江门市华通电子有限公司主持召开。")
    assert related(graph, "inIndustry") == {("广东金源新能源有限公司", "铜箔", STATED),
                                            ("广东瑞能动力科技有限公司", "储能电池", STATED)}


def test_a_subsidiary_is_linked_to_its_parent(extract):
    """"X是Y的全资子公司", "Y旗下的X": X subsidiaryOf Y; "X是Y的供应商" is no ownership."""
    graph = extract("广东华彩科技有限公司是广东凯源集团有限公司的全资子公司。"
                    "广东宏达控股集团有限公司旗下的江门市华通电子有限公司投产。"
                    "广东嘉信精密制造有限公司是广东瑞能动力科技有限公司的供应商。")
    assert related(graph, "subsidiaryOf") == {("广东华彩科技有限公司", "广东凯源集团有限公司", STATED),
                                              ("江门市华通电子有限公司", "广东宏达控股集团有限公司", STATED)}


def test_a_sentence_about_the_whole_county_gives_its_industries_to_the_county(extract):
    """"官圩镇：…。全县…水泥、石材、食品三大支柱产业…": 全县 is the county the report is about, not the town the
    sentence before named; 石材 ends a trade name (泰和石材)."""
    graph = extract("德庆县2025年政府工作报告\n"
                    "德庆县加快发展。支持泰和石材扩产增效。\n"
                    "官圩镇：重点发展石材加工和食品加工产业。\n"
                    "全县规上工业增加值增长8.5%，水泥、石材、食品三大支柱产业产值突破百亿元。")
    by_place = {(place, industry) for place, industry, _ in related(graph, "hasIndustry")}
    assert {("德庆县", "水泥"), ("德庆县", "石材")} <= by_place
    assert ("官圩镇", "水泥") not in by_place
    assert ("泰和石材", "石材", STATED) in related(graph, "inIndustry")
