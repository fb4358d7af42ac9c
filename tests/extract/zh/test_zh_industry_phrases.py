"""Chinese industries named in an industry's place (kg.extract.zh.industry_phrases), on sentences written for these
tests: the items of a list an industry head closes, of a list a cue of developing opens, the objects of a cue of
making and what a project makes. A phrase beyond the vocabulary becomes a new industry (its English rendering and
its nearest vocabulary concept), a vocabulary industry in such a place is marked as one. No name here is one of a
document of the corpus."""

from __future__ import annotations

import pytest

from kg.extract import build_matchers, extract_document, zh
from kg.extract.zh.industry_phrases import NEW_INDUSTRY
from kg.model import Document, Mention
from kg.reference import load_lexicon, load_reference


@pytest.fixture(scope="module")
def found():
    """The Chinese mentions of a text as the finders return them (industries not yet kept by salience)."""
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())

    def run(text: str) -> list[Mention]:
        return zh.find_mentions(zh.split_sentences(Document("doc.txt", text, "0" * 64)), reference, matchers)

    run.reference, run.matchers = reference, matchers  # type: ignore[attr-defined]
    return run


def new(mentions: list[Mention]) -> list[tuple[str, str, str]]:
    """The new industries: (surface, English rendering, nearest vocabulary concept)."""
    return [(m.surface, m.get("en"), m.get("broader").rsplit("/", 1)[-1]) for m in mentions if m.kind == NEW_INDUSTRY]


def salient(mentions: list[Mention]) -> list[str]:
    """The vocabulary industries marked as industries."""
    return [m.surface for m in mentions if m.kind == "industry" and m.get("salient")]


# ------------------------------------------------------------------ a list an industry head closes


def test_the_items_before_an_industry_head_with_its_count_and_qualifiers(found):
    mentions = found("发展储能变流器、电子信息等三大主导产业。")
    assert new(mentions) == [("储能变流器", "energy storage converters", "energy-storage")]
    assert salient(mentions) == ["电子信息"]
    new_industry = next(m for m in mentions if m.kind == NEW_INDUSTRY)
    assert (new_industry.cue, new_industry.get("key")) == ("industry-place", "energy storage converter")


def test_a_chain_names_its_industry_with_a_process_word_in_english(found):
    assert new(found("延伸铝合金型材深加工产业链。")) == [
        ("铝合金型材深加工", "aluminum alloy profiles deep processing", "aluminum")]


def test_the_words_that_lead_into_the_list_are_no_part_of_its_first_item(found):
    mentions = found("下一步,园区将围绕储能变流器、电子信息等重点产业链招商。")
    assert new(mentions) == [("储能变流器", "energy storage converters", "energy-storage")]
    # a cue of developing before the first item ("布局") leads into it too
    mentions = found("加快布局智能锁具、户外家具、电子信息等新兴产业。")
    assert [m[0] for m in new(mentions)] == ["智能锁具", "户外家具"]
    assert new(mentions)[1] == ("户外家具", "huwai furniture", "furniture")  # 户外 beyond the glosses: Pinyin
    assert salient(mentions) == ["电子信息"]


def test_short_items_separated_by_commas(found):
    mentions = found("做强五金,户外用品,电子信息等十大产业链。")
    assert new(mentions) == [("户外用品", "huwai supplies", "electronic-information")]
    assert salient(mentions) == ["五金", "电子信息"]


def test_a_list_a_closer_ends_marks_a_vocabulary_industry(found):
    mentions = found("以储能变流器、电子信息为重点。")
    assert new(mentions) == [("储能变流器", "energy storage converters", "energy-storage")]
    assert salient(mentions) == ["电子信息"]
    # 光伏 is marked by the closer alone: kept in the document's extraction, dropped where nothing marks it
    assert salient(found("以光伏为重点。")) == ["光伏"]
    assert salient(found("以光伏为例。")) == []

    def kept(text: str) -> list[str]:
        extraction = extract_document(Document("doc.txt", text, "0" * 64), found.reference, found.matchers)
        return [m.surface for m in extraction.mentions if m.kind == "industry"]

    assert kept("以光伏为重点。") == ["光伏"]
    assert kept("以光伏为例。") == []


def test_vocabulary_industries_side_by_side(found):
    # one a compound of its own: two industries; short words: one compound industry beyond the vocabulary
    mentions = found("重点发展智能家居家用电器、电子信息等产业。")
    assert new(mentions) == []
    assert salient(mentions) == ["智能家居", "家用电器", "电子信息"]
    assert [m[0] for m in new(found("发展食品药品、电子信息等产业。"))] == ["食品药品"]


def test_an_industry_head_inside_another_word_closes_no_list(found):
    assert new(found("推动储能变流器产业园建设。")) == []
    assert new(found("承接储能变流器产业转移。")) == []
    assert new(found("加快发展上下游配套产业。")) == []
    assert new(found("形成以电子信息为主导的产业体系。")) == []


def test_a_cluster_or_a_chain_before_the_next_item_is_no_industry(found):
    """"A产业集群和B产业集群": the first head closes A's list, and what is left of it (集群) names no industry."""
    for text in ("加快推进现代轻工纺织产业集群和新能源汽车产业集群建设。", "推动智能家电产业链和储能电池产业链发展。"):
        assert new(found(text)) == []


def test_a_park_is_no_industry_of_a_list(found):
    # a cue of developing before "X产业园": the park names no industry
    mentions = found("培育发展光伏产业园。")
    assert new(mentions) == []
    assert salient(mentions) == ["光伏"]


# ------------------------------------------------------------------ a list a cue of developing opens


def test_the_items_after_a_cue_of_developing(found):
    mentions = found("园区重点发展储能变流器、电子信息和精细化工。")
    assert new(mentions) == [("储能变流器", "energy storage converters", "energy-storage")]
    assert salient(mentions) == ["电子信息", "精细化工"]


def test_new_industries_after_a_cue_of_developing_under_the_vocabulary_they_hold(found):
    mentions = found("大力发展光伏组件、锂电池隔膜和电子信息。")
    assert new(mentions) == [("光伏组件", "photovoltaics modules", "photovoltaics"),
                             ("锂电池隔膜", "lithium batteries separators", "lithium-batteries")]
    assert salient(mentions) == ["电子信息"]


def test_a_list_after_a_cue_without_a_head(found):
    mentions = found("聚焦智能家居、户外家具。")
    assert new(mentions) == [("户外家具", "huwai furniture", "furniture")]
    assert salient(mentions) == ["智能家居"]


def test_a_list_after_a_cue_must_hold_the_vocabulary(found):
    # nothing the vocabulary knows anchors the list: the cue takes parks and bases as often
    assert new(found("重点发展门窗配件、钛合金型材。")) == []
    assert new(found("大力发展产品配套。")) == []


# ------------------------------------------------------------------ the object of a cue of making


def test_the_objects_of_a_cue_of_making_before_a_noun_that_names_no_industry(found):
    mentions = found("恒达公司主营铝合金型材、门窗配件等产品。")
    # 铝合金 is the vocabulary's aluminum: the list's items are placed under it
    assert new(mentions) == [("铝合金型材", "aluminum alloy profiles", "aluminum"),
                             ("门窗配件", "menchuang accessories", "aluminum")]
    mentions = found("恒达公司主营储能变流器、光伏逆变器等产品。")
    assert new(mentions) == [("储能变流器", "energy storage converters", "energy-storage"),
                             ("光伏逆变器", "photovoltaics inverters", "inverters")]


def test_the_object_of_a_cue_of_making_before_its_stages(found):
    assert new(found("美信公司专业从事储能变流器的研发与生产。")) == [
        ("储能变流器", "energy storage converters", "energy-storage")]
    assert new(found("华信公司专注于医疗器械耗材。")) == [
        ("医疗器械耗材", "medical devices consumables", "medical-devices")]


def test_the_noun_after_a_list_of_products_names_them(found):
    mentions = found("华信公司主要生产空调、冰箱等家用电器。")
    assert new(mentions) == []
    assert salient(mentions) == ["空调", "冰箱", "家用电器"]
    # a list-mate in the vocabulary is the nearest concept of one beyond it
    assert new(found("恒达公司主营不锈钢管材、门窗配件等产品。")) == [
        ("不锈钢管材", "stainless steel pipes", "stainless-steel"),
        ("门窗配件", "menchuang accessories", "stainless-steel")]


def test_what_a_cue_of_making_takes_that_names_no_industry(found):
    assert new(found("美信公司主营产品远销海外。")) == []
    assert new(found("华信公司从事配套服务。")) == []
    # a noun after 等 that names no industry, with words after it: the items before it still are
    mentions = found("美信公司主要生产电池隔膜等产品出口业务。")
    assert (new(mentions), salient(mentions)) == ([], ["电池隔膜"])


# ------------------------------------------------------------------ what a project makes


def test_a_product_between_its_owner_and_the_project_word(found):
    mentions = found("美信公司PET光学薄膜生产线项目投产。")
    assert new(mentions) == [("PET光学薄膜", "pet optical films", "")]
    assert [m.surface for m in mentions if m.kind == "enterprise"] == ["美信公司"]
    assert new(found("广东恒达新材料有限公司高端铝合金型材技改项目开工。")) == [
        ("高端铝合金型材", "high-end aluminum alloy profiles", "aluminum")]
    assert new(found("恒达公司光伏组件二期项目开工。")) == [("光伏组件", "photovoltaics modules", "photovoltaics")]


def test_latin_words_of_a_product_s_name_are_kept_in_its_rendering(found):
    assert new(found("华信公司5G通信模组项目开工。")) == [("5G通信模组", "5g communication modules", "5g")]
    (surface, english, _), = new(found("华信公司3000万只LED灯具项目开工。"))
    assert surface == "LED灯具"
    assert english.startswith("led ")


def test_a_vocabulary_product_of_a_project_is_marked(found):
    mentions = found("推进恒达储能电池生产线扩产项目建设。")
    assert new(mentions) == []
    assert salient(mentions) == ["储能电池"]
    assert [m.surface for m in mentions if m.kind == "enterprise"] == ["恒达"]


def test_an_amount_before_the_product_is_no_part_of_its_name(found):
    for text in ("推进华信公司20GWh储能电池项目。", "建设年产20GWh储能电池生产基地。"):
        mentions = found(text)
        assert new(mentions) == [], text
        assert salient(mentions) == ["储能电池"], text
    assert new(found("推进华信公司年产20GWh项目。")) == []
    # in a list too
    mentions = found("重点发展20GWh储能电池、电子信息。")
    assert (new(mentions), salient(mentions)) == ([], ["储能电池", "电子信息"])


def test_a_base_names_its_product_only_after_its_owner(found):
    assert new(found("华信公司光学薄膜制造基地投产。")) == [("光学薄膜制造", "optical films manufacturing", "")]
    # a place's base: the verb, a place or the clause's start before it
    assert new(found("打造光学薄膜制造基地。")) == []
    assert new(found("园区打造光学薄膜制造基地。")) == []
    assert new(found("华信公司打造光学薄膜制造基地。")) == []
    assert new(found("肇庆市打造光学薄膜制造基地。")) == []


def test_a_base_a_company_builds_names_its_product_after_the_verb(found):
    """"X投资10亿元建设光学薄膜生产基地": the company that opens the clause builds the base, so what comes before
    the base word is its product, as right after its name; not in a clause of its own that names no company."""
    assert new(found("广东润丰科技有限公司投资10亿元建设光学薄膜生产基地。")) == [("光学薄膜", "optical films", "")]
    assert new(found("润丰公司拟新建年产5万吨光学薄膜生产基地。")) == [("光学薄膜", "optical films", "")]
    assert new(found("润丰公司成立于2010年，园区建设光学薄膜生产基地。")) == []


def test_a_park_referred_to_by_its_kind_is_no_part_of_an_industry_s_name(found):
    """"完善高新区新能源汽车产业链": the zone's chain of new energy vehicles, not an industry '高新区新能源汽车'; the
    same before a project's product."""
    mentions = found("将进一步完善高新区新能源汽车产业链。")
    assert (new(mentions), salient(mentions)) == ([], ["新能源汽车"])
    assert new(found("推进开发区光学薄膜生产线项目建设。")) == [("光学薄膜", "optical films", "")]
