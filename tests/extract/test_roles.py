"""Enterprises a name's role makes companies, and the parks and projects around them: sentences written for
these tests (names invented), each rule with phrasings it must find and phrasings it must leave alone."""

from __future__ import annotations

from kg.extract.en import build_matchers, find_mentions
from kg.extract.en.sentences import split_sentences
from kg.model import Document
from kg.reference import load_lexicon, load_reference


def found(text: str, kind: str = "enterprise") -> list[str]:
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    sentences = split_sentences(Document("doc.txt", text, "0" * 64))
    return [m.surface for m in find_mentions(sentences, reference, matchers) if m.kind == kind]


# ------------------------------------------------------------------ appositions and company nouns


def test_a_name_in_apposition_with_a_company_noun_is_an_enterprise():
    assert found("Quanfeng, a key supplier of seat frames for the plant, opened a workshop.") == ["Quanfeng"]
    assert found("Rongtai, a Chinese battery maker, will expand.") == ["Rongtai"]
    assert found("Talks went well, said Haoyu, one of the leading chip developers in the city.") == ["Haoyu"]


def test_a_person_or_a_date_in_apposition_is_not_an_enterprise():
    assert found("said Lu Qiming, a representative of a lamp supplier of the carmaker.") == []
    assert found("In March, the company broke ground on a new line.") == []
    assert found("Haoyu, a supplier network of the district, grew.") == []


def test_a_company_noun_before_a_name_makes_it_an_enterprise():
    assert found("Electric automaker Weilan Motors opened a plant.") == ["Weilan Motors"]
    assert found("The deal was signed by battery maker Rongtai yesterday.") == ["Rongtai"]
    assert found("Local enterprises Development is a priority.") == []


# ------------------------------------------------------------------ investment agents


def test_the_agent_of_an_investment_is_an_enterprise_with_its_place_in_brackets():
    text = ("The three projects are a test base funded by Kestrel Heavy Industries Turbine (Guangzhou); a park "
            "with investment from Starlight Health Technology (Foshan); and a fund co-launched by Northgate "
            "Alliance and Guangzhou Medicine Holdings Limited.")
    assert found(text) == ["Kestrel Heavy Industries Turbine (Guangzhou)", "Starlight Health Technology (Foshan)",
                           "Northgate Alliance", "Guangzhou Medicine Holdings Limited"]


def test_the_investor_named_after_its_project():
    assert found("The investor of the rooftop solar project is Tianrun Energy Group.") == ["Tianrun Energy Group"]


def test_a_government_or_a_place_funding_a_project_is_not_an_enterprise():
    assert found("The road was funded by Zhaoqing and built by the Municipal Government.") == []


# ------------------------------------------------------------------ legal forms and project names


def test_a_lower_case_business_and_legal_form_continue_a_name():
    assert found("Chongming Kaida automobile corporation will build a base in Jiangmen.") == [
        "Chongming Kaida automobile corporation"]
    assert found("The winner is Ruixin laser intelligent equipment corporation(Jiangmen).") == [
        "Ruixin laser intelligent equipment corporation(Jiangmen)"]


def test_a_city_and_industry_words_with_a_legal_form_are_a_company():
    assert found("It signed with Foshan Pharmaceutical Holdings Limited.") == ["Foshan Pharmaceutical Holdings Limited"]
    assert found("Foshan Pharmaceutical grew fast.") == []


def test_the_owner_at_the_head_of_a_projects_name():
    text = ("The projects include Jinhai New Economy Supply Chain Center Project, Ruifeng Big Health Green Industry "
            "Project and KTL (Shunde) Electronic Information Industry Base Project.")
    assert found(text) == ["Jinhai", "Ruifeng", "KTL"]
    # the project is not a park
    assert found(text, "park") == []


def test_works_named_after_their_site_have_no_owner():
    text = ("Build the 110 kV Jinxi Power Transmission and Transformation Project, the Fengkai Flood Control "
            "Project and the International Green Hydrogen Industry Demonstration Project.")
    assert found(text) == []


# ------------------------------------------------------------------ lists


def test_brands_listed_after_a_cue_are_enterprises():
    assert found("Brands like Kaiyue, Hualin, Mona Vista have become household names.") == [
        "Kaiyue", "Hualin", "Mona Vista"]


def test_the_mates_of_a_known_enterprise_in_a_list_of_names_are_enterprises():
    text = "Ruifeng Technology Co., Ltd., Jinhai and Kaiyue signed contracts."
    assert found(text) == ["Ruifeng Technology Co., Ltd", "Jinhai", "Kaiyue"]
    # places listed with a company are not companies
    assert found("Ruifeng Technology Co., Ltd., Zhaoqing and Foshan signed contracts.") == [
        "Ruifeng Technology Co., Ltd"]


# ------------------------------------------------------------------ parks


def test_a_lower_case_park_name_and_a_shared_head():
    assert found("It is located in Jinsha new city industry park in the district.", "park") == [
        "Jinsha new city industry park"]
    assert found("Build the Zhuhai-Yangjiang, Zhuhai-Lianjiang and Zhuhai-Xinyi industrial parks.",
                 "park") == ["Zhuhai-Yangjiang", "Zhuhai-Lianjiang", "Zhuhai-Xinyi"]
    assert found("There are many industrial parks in the city.", "park") == []
    assert found("It learns from the Guangzhou Development District.", "park") == ["Guangzhou Development District"]
