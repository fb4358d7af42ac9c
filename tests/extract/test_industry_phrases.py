"""Industries a sentence names in an industry's place, in or beyond the vocabulary; sentences written for
these tests."""

from __future__ import annotations

from kg.extract.en import build_matchers, find_mentions
from kg.extract.en.sentences import split_sentences
from kg.model import Document
from kg.namespaces import ID
from kg.reference import load_lexicon, load_reference


def industries(text: str) -> dict[str, str]:
    """surface -> vocabulary concept (for a vocabulary industry) or "new:<nearest concept>" (beyond it)."""
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    sentences = split_sentences(Document("doc.txt", text, "0" * 64))
    out = {}
    for m in find_mentions(sentences, reference, matchers):
        if m.kind == "industry" and m.get("salient"):
            out[m.surface] = m.ref.rsplit("/", 1)[1]
        elif m.kind == "new-industry":
            out[m.surface] = "new:" + m.get("broader").rsplit("/", 1)[-1]
    return out


def test_a_phrase_before_an_industry_head_is_an_industry():
    assert industries("The county supports its traditional kite industry.") == {"kite": "new:"}
    assert industries("There are 200 bamboo enterprises in the town.") == {"bamboo": "new:wood-processing"}


def test_the_owner_of_an_industry_is_no_part_of_its_name():
    assert industries("The province's kite industry grew.") == {"kite": "new:"}
    assert industries("The town's bamboo enterprises grew.") == {"bamboo": "new:wood-processing"}


def test_words_that_are_not_an_industry_before_a_head_are_not_one():
    text = ("We will cultivate strategic emerging industries, help four traditional advantageous industries and "
            "support mostly leading enterprises and big enterprises.")
    assert industries(text) == {}


def test_the_items_of_an_industry_list_are_industries():
    text = "The city has featured industries such as smart lighting, smart door locks and furniture."
    assert industries(text) == {"smart lighting": "new:lighting-fixtures", "smart door locks": "new:lighting-fixtures",
                                "furniture": "furniture"}
    text = "Future industries: quantum sensing, general intelligence and life and health."
    assert industries(text) == {"quantum sensing": "quantum-precision-measurement",
                                "general intelligence": "new:artificial-intelligence",
                                "life and health": "life-and-health"}


def test_the_items_an_apposition_names_as_industries_are_industries():
    """"A, B and C, four of the strategic clusters ...", "A and B, the city's two pillar industries": the list is
    of industries; an apposition that names no industry, or is not a count or a determiner, makes none."""
    text = ("The projects cover new energy storage, furniture and biomedicine, three of the strategic industrial "
            "clusters that the city is developing.")
    assert industries(text) == {"new energy storage": "new-energy-storage", "furniture": "furniture",
                                "biomedicine": "biomedicine"}
    assert industries("The town sells ceramics and furniture, its two pillar industries.") == {
        "ceramics": "ceramics", "furniture": "furniture"}
    assert industries("The town sells ceramics and furniture, the mayor said.") == {}
    assert industries("The town sells ceramics and furniture, which industry experts praise.") == {}


def test_the_items_an_industry_noun_is_said_to_be_are_industries():
    """"The county's pillar industries are A, B and C": a list the vocabulary anchors; "industries are growing"
    names none."""
    assert industries("The county's pillar industries are cement, stone processing and food processing.") == {
        "cement": "cement", "stone processing": "stone-materials", "food processing": "food-processing"}
    assert industries("Its industries are growing fast and strong.") == {}


def test_a_list_that_is_not_about_industries_names_none():
    assert industries("Promote the division of labor, trade and services.") == {}
    assert industries("The industrial added-value of the zone rose.") == {}


def test_a_narrower_name_around_a_vocabulary_industry_is_placed_under_it():
    assert industries("It makes products in the fields of laser intelligent equipment.") == {
        "laser intelligent equipment": "new:intelligent-manufacturing-equipment"}
    # two vocabulary industries side by side stay two
    assert set(industries("Develop industries such as food and beverage prepared dishes.").values()) == {
        "food-and-beverage", "prepared-dishes"}


def test_the_object_of_a_supplier_is_an_industry():
    assert industries("Kaida, a key supplier of automotive seat frames for the carmaker, expanded.") == {
        "automotive seat frames": "new:automotive"}
    assert industries("It builds a base for thermal components of gas turbines.") == {
        "gas turbines": "new:wind-power-equipment"}


def test_a_short_form_of_a_vocabulary_industry_is_that_industry():
    assert industries("The paper industry is the largest in the county.") == {"paper": "papermaking"}
    assert f"{ID}industry/papermaking" in load_reference().concepts
