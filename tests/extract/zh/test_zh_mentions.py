"""Chinese mentions on sentences written for these tests: regions and industries by the Chinese names of the
gazetteer and the vocabulary, parks and enterprises by the parts of their names, each with its English
rendering. No name here is one of a document of the corpus."""

from __future__ import annotations

import pytest

from kg.extract import build_matchers, extract_document
from kg.model import Document, Mention
from kg.namespaces import ID
from kg.reference import load_lexicon, load_reference


@pytest.fixture(scope="module")
def found():
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())

    def run(text: str, kind: str) -> list[Mention]:
        extraction = extract_document(Document("doc.txt", text, "0" * 64), reference, matchers)
        assert extraction.language == "zh"
        return [m for m in extraction.mentions if m.kind == kind]

    return run


def refs(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.surface, (m.ref or "").rsplit("/", 1)[-1]) for m in mentions]


def names(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.surface, m.name_en) for m in mentions]


# ------------------------------------------------------------------ regions


def test_regions_by_their_official_and_usual_names(found):
    text = "广东省肇庆市四会市和高要区、广州白云区的企业"
    assert refs(found(text, "region")) == [("广东省", "guangdong"), ("肇庆市", "zhaoqing"), ("四会市", "sihui"),
                                         ("高要区", "gaoyao"), ("广州", "guangzhou"), ("白云区", "baiyun")]


def test_a_short_name_inside_another_word_is_no_place(found):
    # 大湾 (大湾镇), 新兴 (新兴县) and 中山 (中山市) are parts of other words here
    text = "四会市融入粤港澳大湾区，发展新兴产业，与中山大学合作。"
    assert refs(found(text, "region")) == [("四会市", "sihui")]


def test_a_town_counts_where_its_county_is_named(found):
    assert refs(found("大沙镇的企业增资扩产。", "region")) == []
    assert refs(found("四会市大沙镇的企业增资扩产。", "region")) == [("四会市", "sihui"), ("大沙镇", "sihui-dasha-town")]
    # the town without its suffix, in an address
    assert ("大沙", "sihui-dasha-town") in refs(found("四会市介绍了四会大沙片区的规划。", "region"))


def test_towns_of_every_county_with_their_county_named(found):
    # gazetteer_towns.ttl: the township-level units of the counties gazetteer.ttl lists without them
    assert ("江高镇", "baiyun-jianggao-town") in refs(found("广州市白云区江高镇举行签约仪式。", "region"))
    assert refs(found("江高镇举行签约仪式。", "region")) == []


def test_a_town_and_what_it_makes_is_no_company(found):
    # a town's short name before a business head: the place's industry, not a trade name
    text = "高要区金利镇五金产品远销海外，金利五金享誉国内外。"
    assert found(text, "enterprise") == []


def test_traditional_script_and_scraped_readings_are_read_as_simplified(found):
    text = "廣東省肇(zhào)慶(qìng)市四會(huì)市的產(chǎn)業(yè)發展"
    regions = found(text, "region")
    assert refs(regions) == [("广东省", "guangdong"), ("肇庆市", "zhaoqing"), ("四会市", "sihui")]
    # offsets are the document's: the mention spans the characters as written, readings included
    assert text[regions[1].start:regions[1].end] == "肇(zhào)慶(qìng)市"


# ------------------------------------------------------------------ industries


def test_industries_by_the_vocabulary_longest_match(found):
    text = "重点发展新能源汽车零部件、电子信息和精细化工等产业。"
    assert refs(found(text, "industry")) == [("新能源汽车零部件", "new-energy-auto-parts"),
                                           ("电子信息", "electronic-information"), ("精细化工", "fine-chemicals")]


def test_a_modifier_and_a_process_word_belong_to_the_industry(found):
    text = "支持发展先进有色金属材料和铜加工产业，打造现代物流基地。"
    assert refs(found(text, "industry")) == [("先进有色金属材料", "non-ferrous-metals"), ("铜加工", "copper"),
                                           ("现代物流", "logistics")]


def test_an_industry_word_must_be_marked_as_an_industry_somewhere(found):
    # 食品 only inside a company's name: not an industry of the document
    assert refs(found("支持凯华食品等企业发展。", "industry")) == []
    assert refs(found("四会玉器、兰花闻名全国。", "industry")) == [("玉器", "jade"), ("兰花", "flowers")]


# ------------------------------------------------------------------ parks


def test_parks_by_their_heads_with_a_clean_left_edge_and_an_english_rendering(found):
    text = "加快鸿泰新能源智能汽车产业城和高要区电子信息产业园建设，项目选址在肇庆高新区。"
    parks = found(text, "park")
    assert names(parks) == [("鸿泰新能源智能汽车产业城", "Hongtai New Energy Intelligent Automobile Industrial City"),
                            ("高要区电子信息产业园", "Gaoyao Electronic Information Industrial Park"),
                            ("肇庆高新区", "Zhaoqing High-tech Zone")]
    assert [m.get("kind") for m in parks] == ["industrial city", "industrial park", "high-tech zone"]


def test_an_industrial_city_is_a_park_as_in_english(found):
    for text in ("项目选址鹤山工业城。", "公司总部位于鹤山工业城。"):
        assert names(found(text, "park")) == [("鹤山工业城", "Heshan Industrial City")]


def test_a_petrochemical_zone_and_a_chemical_park_are_parks(found):
    """石化区 and 化工园区 end parks' names ("大亚湾石化区"), as Petrochemical Zone and Chemical Park do in English."""
    assert names(found("瑞通塑料已落户大亚湾石化区。", "park")) == [("大亚湾石化区", "Dayawan Petrochemical Zone")]
    assert names(found("项目选址高栏化工园区。", "park")) == [("高栏化工园区", "Gaolan Chemical Park")]


def test_a_kind_of_park_is_no_park(found):
    assert found("金利镇(省级高新区)规划建设制造加工科技产业园。", "park") == []


def test_a_place_in_brackets_belongs_to_the_park(found):
    parks = found("广东省(肇庆)大型产业集聚区加快建设。", "park")
    assert names(parks) == [("广东省(肇庆)大型产业集聚区",
                             "Guangdong (Zhaoqing) Large-scale Industrial Agglomeration Area")]


# ------------------------------------------------------------------ enterprises


def test_registered_names_end_with_a_legal_form(found):
    text = "为佛山市恒达实业股份有限公司、广东瑞丰新材料(肇庆)有限公司和华耀集团颁发牌匾。"
    assert names(found(text, "enterprise")) == [
        ("佛山市恒达实业股份有限公司", "Foshan Hengda Industrial Co., Ltd."),
        ("广东瑞丰新材料(肇庆)有限公司", "Guangdong Ruifeng New Materials (Zhaoqing) Co., Ltd."),
        ("华耀集团", "Huayao Group")]


def test_a_trade_name_that_is_also_a_verb_stays_in_a_registered_name(found):
    """A name is never its business words and legal form alone: the word before them is its trade name, even
    one that leads into names elsewhere (飞驰 speed, 前进 advance)."""
    for text, name in (("飞驰科技有限公司在肇庆投资。", "飞驰科技有限公司"), ("前进电子有限公司落户四会。", "前进电子有限公司"),
                       ("奔腾动力有限公司计划扩产。", "奔腾动力有限公司")):
        assert [m.surface for m in found(text, "enterprise")] == [name]
    assert [m.surface for m in found("大力支持华信科技有限公司扩产。", "enterprise")] == ["华信科技有限公司"]


def test_a_trade_name_the_segmenter_cut_at_a_particle_stays_whole(found):
    """佳和 cut as 佳 + 和, 同和 as 同 + 和: the particle is part of the trade name where the name after it would
    have none of its own; a conjunction between two registered names stays one."""
    for text, name in (("深圳市佳和新能源科技有限公司与市政府签约。", "深圳市佳和新能源科技有限公司"),
                       ("广东同和新材料有限公司位于鹤山市。", "广东同和新材料有限公司")):
        assert [m.surface for m in found(text, "enterprise")] == [name]
    two = "恒达科技有限公司与新能源科技有限公司签约。"
    assert [m.surface for m in found(two, "enterprise")] == ["恒达科技有限公司", "新能源科技有限公司"]


def test_a_place_that_brings_a_company_in_is_no_part_of_its_name(found):
    """"新兴县引进X有限公司": the county is the clause's subject, the verb leads into the name; a place right before
    a trade name that is also a verb stays the name's (广东飞驰科技有限公司)."""
    for text, name in (("新兴县签约引进温氏食品集团股份有限公司等一批重点企业。", "温氏食品集团股份有限公司"),
                       ("高要区成功引进佛山市联发机电有限公司。", "佛山市联发机电有限公司"),
                       ("广东飞驰科技有限公司在肇庆投资。", "广东飞驰科技有限公司")):
        assert [m.surface for m in found(text, "enterprise")] == [name]


def test_a_subsidiary_is_no_name(found):
    assert found("该公司的子公司增资扩产。", "enterprise") == []


def test_a_trade_name_before_a_business_head_after_the_verb_that_leads_into_it(found):
    text = "支持鸿泰汽车产能提升，推动鑫隆铜业产值迈上新台阶，推进凯华电源扩产。"
    assert names(found(text, "enterprise")) == [("鸿泰汽车", "Hongtai Auto"), ("鑫隆铜业", "Xinlong Copper"),
                                               ("凯华电源", "Kaihua Power")]


def test_a_trade_name_before_a_material_or_products_head_is_rendered_by_its_words(found):
    """铜材 and 五金制品 end trade names and read as words ("Copper", "Hardware Products"), not as Pinyin."""
    text = "支持鑫源铜材扩产，推动恒光五金制品和广东华泰金属制品有限公司做大做强。"
    assert names(found(text, "enterprise")) == [
        ("鑫源铜材", "Xinyuan Copper"), ("恒光五金制品", "Hengguang Hardware Products"),
        ("广东华泰金属制品有限公司", "Guangdong Huatai Metal Products Co., Ltd.")]


def test_common_words_before_a_head_are_no_trade_name(found):
    text = "加快发展新能源汽车，打造国内一流的汽车电子产业，进入数字时代，引入新技术、新工艺。"
    assert found(text, "enterprise") == []


def test_the_items_of_a_list_of_enterprises(found):
    text = "推进晟川科技、博远、昊天动力等一批电子信息企业增资扩产，相继引进华晟、泰丰两大龙头链主企业。"
    assert [m.surface for m in found(text, "enterprise")] == ["晟川科技", "博远", "昊天动力", "华晟", "泰丰"]


def test_a_list_starts_after_already_and_the_verb_that_leads_into_it(found):
    for text in ("园区已引进恒达科技、博远等企业。", "园区已经引进恒达科技、博远等企业。"):
        assert [m.surface for m in found(text, "enterprise")] == ["恒达科技", "博远"]


def test_the_steps_of_a_chain_before_its_enterprises_are_no_enterprises(found):
    """"电芯制造、电池回收等上下游企业": what the upstream and downstream enterprises do, not their names."""
    assert found("全区已集聚电池材料、电芯制造、电池回收等上下游企业60余家。", "enterprise") == []
    assert found("目前已集聚电芯制造、模组封装、电池回收等上下游企业30余家。", "enterprise") == []


def test_a_noun_that_closes_a_list_does_not_open_another(found):
    """"龙头企业" opens a list ("龙头企业恒达、美信") unless it closes one ("恒达、美信等龙头企业延链补链")."""
    closing = "支持美达机电、金宇五金等龙头企业延链补链，推动产业集群发展。"
    assert [m.surface for m in found(closing, "enterprise")] == ["美达机电", "金宇五金"]
    opening = "支持龙头企业恒达科技、美信电子扩产。"
    assert [m.surface for m in found(opening, "enterprise")] == ["恒达科技", "美信电子"]


def test_a_list_of_industries_is_no_list_of_enterprises(found):
    assert found("做精做优新材料、食品饮料等特色产业。", "enterprise") == []


def test_the_owner_of_a_project(found):
    text = "包括博远汽车零部件生产项目、粤海华南基地等项目。"
    assert [m.surface for m in found(text, "enterprise")] == ["博远", "粤海"]


def test_a_name_found_again_in_its_short_forms_is_rendered_as_the_full_name(found):
    text = "广东鑫隆铜业有限公司落户四会。鑫隆铜业产值超百亿。"
    mentions = found(text, "enterprise")
    assert [m.surface for m in mentions] == ["广东鑫隆铜业有限公司", "鑫隆铜业"]
    assert {m.name_en for m in mentions} == {"Guangdong Xinlong Copper Co., Ltd."}


def test_a_polyphonic_trade_name_carries_its_other_readings(found):
    (mention,) = found("支持晟川科技扩产。", "enterprise")
    assert mention.name_en in ("Chengchuan Technology", "Shengchuan Technology")
    readings = {mention.name_en, *mention.get("en_alt").split("|")}
    assert {"Chengchuan Technology", "Shengchuan Technology"} <= readings


# ------------------------------------------------------------------ clusters


def test_the_strategic_clusters_by_their_chinese_names(found):
    text = "培育新一代电子信息、绿色石化、汽车等十大战略性支柱产业集群，壮大汽车产业集群。"
    assert refs(found(text, "cluster")) == [("新一代电子信息", "new-generation-electronic-information"),
                                          ("绿色石化", "green-petrochemical"), ("汽车", "automotive"),
                                          ("汽车产业集群", "automotive")]


def test_a_county_s_own_cluster_and_a_narrower_one_are_not_strategic_clusters(found):
    text = "高要区智能五金产业集群和四会市新能源智能网联汽车产业集群入选。"
    assert found(text, "cluster") == []
    assert ID + "industry/hardware" in {m.ref for m in found(text, "industry")}
