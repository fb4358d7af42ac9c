"""Stage 3: mentions of regions and industries (linked to reference data) and of parks and enterprises
(discovered by patterns), on sentences copied from the seeds."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pyoxigraph as ox

from conftest import ROOT
from kg.extract.en import build_matchers, find_mentions
from kg.extract.en.sentences import split_sentences
from kg.model import Document
from kg.names import phrase_key
from kg.namespaces import ID
from kg.reference import load_lexicon, load_reference


def mentions(text: str, kind: str) -> list[tuple[str, str | None]]:
    """(surface, reference IRI) of the mentions of one kind in a document made of `text`."""
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    sentences = split_sentences(Document("doc.txt", text, "0" * 64))
    return [(m.surface, m.ref) for m in find_mentions(sentences, reference, matchers) if m.kind == kind]


def surfaces(text: str, kind: str) -> list[str]:
    return [surface for surface, _ in mentions(text, kind)]


def region(slug: str) -> str:
    return f"{ID}region/{slug}"


# ------------------------------------------------------------------ regions


def test_regions_are_linked_to_the_gazetteer_at_every_level():
    # seeds/004
    text = "Address: 6/F, No. 18, Jiangbin West Road, Duanzhou District, Zhaoqing City, Guangdong Province"
    assert mentions(text, "region") == [("Duanzhou District", region("duanzhou")),
                                        ("Zhaoqing City", region("zhaoqing")),
                                        ("Guangdong Province", region("guangdong"))]


def test_a_county_level_city_is_found_but_the_session_of_its_congress_is_not_a_place():
    # seeds/001: "the fourth session" must not be read as a word-by-word translation of 四会 (Sihui)
    text = "On February 27, 2024, the fourth session of the 17th People's Congress of Sihui City opened."
    assert mentions(text, "region") == [("Sihui City", region("sihui"))]


def test_a_town_is_recognised_where_its_county_is_named_in_the_document():
    # seeds/004
    town_line = "Dasha Town: Jintian Copper, auto parts manufacturing, nonferrous metal industry,"
    heading = "Sihui is a new industrial city in China, with five major industrial clusters:"
    assert mentions(town_line, "region") == []
    assert mentions(f"{heading}\n\n{town_line}", "region") == [("Sihui", region("sihui")),
                                                             ("Dasha Town", region("sihui-dasha-town"))]


def test_a_word_by_word_translation_of_a_county_name_is_that_county_in_a_document_about_its_city():
    # seeds/004: 四会 (Sihui) rendered as "the Fourth National Congress" in a Zhaoqing report
    sentence = 'The Fourth National Congress will become a national demonstration county of "Four Good Rural Roads".'
    assert mentions(sentence, "region") == []
    assert mentions(f"Xu Xiaoxiong, Mayor of Zhaoqing City\n\n{sentence}", "region") == [
        ("Zhaoqing City", region("zhaoqing")), ("Fourth National Congress", region("sihui"))]


def test_a_persons_name_is_not_a_place_or_a_company():
    # seeds/003: District leaders; "Xing", "Li", "Chen" ... are surnames
    text = ("The meeting was presented by District leaders, including Xing Xiang, Li Xiaodong, Li Bo, Chen Jiafei, "
            "Yao Hanzhong, Chen Fujun, and Cai Qiliang, and was attended by representatives from the District Party "
            "Committee office, District Government office, District Autocity Administrative Committee, District Bureau "
            "of Science, Industry, Commerce and Information Technology and other relevant functional departments, as "
            "well as those of chain leaders and industries in the District.")
    assert mentions(text, "region") == []
    assert mentions(text, "enterprise") == []


def test_a_district_misspelt_by_one_letter_is_that_district_in_a_document_about_its_city():
    about_foshan = "Foshan plans new factories. "
    for misspelt in ("Nanhei District", "Shunda District", "Sanshu District", "Nanhaii District", "Shunde District"):
        assert mentions(about_foshan + f"The plant is in {misspelt}.", "region")[-1] == (misspelt, region(
            {"Nanh": "nanhai", "Shun": "shunde", "Sans": "sanshui"}[misspelt[:4]]))
    # not without its admin word, not in a document that does not name the city, not two letters away
    assert mentions(about_foshan + "Nanhei is growing.", "region") == [("Foshan", region("foshan"))]
    assert mentions("The plant is in Nanhei District.", "region") == []
    province_wide = "Foshan, Zhaoqing and Jiangmen plan new factories. "  # a county elsewhere, as likely
    assert [s for s, _ in mentions(province_wide + "The plant is in Nanhei District.", "region")] == [
        "Foshan", "Zhaoqing", "Jiangmen"]
    assert mentions(about_foshan + "The plant is in Nanhia District.", "region") == [("Foshan", region("foshan"))]


# ------------------------------------------------------------------ industries


def test_industries_are_linked_to_the_vocabulary():
    # seeds/001
    text = ('Consolidate and upgrade the four traditional advantageous industries of '
            '"refined copper, jade and aluminum".')
    assert [ref.rsplit("/", 1)[1] for _, ref in mentions(text, "industry")] == ["refined-copper", "jade", "aluminum"]


def test_an_english_compound_is_read_from_its_head():
    # seeds/001: "new energy auto parts" are auto parts (for new energy vehicles), not new energy vehicles
    text = ("Deeply participate in the provincial auto parts industry strong chain project, accelerate integration "
            "into Zhaoqing's new energy auto industry division of labor, promote the construction of Zhuoersheng new "
            "energy auto parts and other projects, and support Feinan Resources, Asia Pacific New Materials and other "
            "enterprises to become bigger and stronger .")
    found = dict(mentions(text, "industry"))
    assert f"{ID}industry/auto-parts" in load_reference().broader_closure(found["new energy auto parts"])


# ------------------------------------------------------------------ parks


def test_parks_are_found_by_their_heads_without_the_verb_before_them():
    # seeds/001
    text = ("Build the Sihui Industrial Park in Zhaoqing High-tech Zone with high standards, complete the acquisition "
            "and storage of 500 acres of new land within the year, promote the construction of infrastructure projects "
            "such as Commercial Avenue, Xinhuan 1st Road, and Jintian Avenue across the Erguang Expressway, and "
            "accelerate the creation of a high-end copper-based new material industry base .")
    assert surfaces(text, "park") == ["Sihui Industrial Park", "Zhaoqing High-tech Zone"]


def test_an_industrial_new_city_is_a_park():
    assert surfaces("Meixin plans a factory in Taishan Industrial New City.", "park") == ["Taishan Industrial New City"]
    assert surfaces("The Heshan Industry New City hosts 40 firms.", "park") == ["Heshan Industry New City"]
    assert surfaces("Taishan is building a new city for industry.", "park") == []


def test_a_lower_case_park_with_a_place_in_its_name_is_a_park():
    # seeds/001
    text = ("Put into production, accelerate the signing and implementation of the Jinjiang prepared vegetable "
            "project, and support the development of the Longfu Town prepared vegetable industrial park.")
    assert surfaces(text, "park") == ["Longfu Town prepared vegetable industrial park"]


def test_the_long_form_of_a_high_tech_zone_is_a_park():
    # seeds/001
    text = "Address: 15/F, Fumin Building, Zhaoqing Hi-tech Industrial Development Zone, Zhaoqing, Guangdong,China"
    assert surfaces(text, "park") == ["Zhaoqing Hi-tech Industrial Development Zone"]


PARKS_SENTENCE = (  # seeds/004
    'Scientific planning and construction of characteristic industrial parks, in accordance with the requirements of '
    '"one county, one park", distinct main business and functional integration, support the local construction of '
    'characteristic parks and development of characteristic industries, promote the quality improvement construction '
    'of Sihui River Valley Fine Chemical Park, Guangning Renewable Resources Industrial Park, and better play the role '
    'of Guangdong-Guangxi Cooperation Special Experimental Zone (Zhaoqing), Guangzhou-Foshan-Zhao (Huaiji) Economic '
    'Cooperation Zone, and Deqing Industrial Transfer Industrial Park,')


def test_named_parks_of_a_list_are_found_and_generic_plurals_are_not():
    found = surfaces(PARKS_SENTENCE, "park")
    for park in ("Guangning Renewable Resources Industrial Park", "Guangdong-Guangxi Cooperation Special Experimental "
                 "Zone", "Deqing Industrial Transfer Industrial Park"):
        assert park in found
    assert not any("characteristic" in p for p in found)


def test_an_economic_cooperation_zone_with_a_parenthesised_county_is_a_park():
    assert any(p.endswith("(Huaiji) Economic Cooperation Zone") for p in surfaces(PARKS_SENTENCE, "park"))


# ------------------------------------------------------------------ enterprises


def test_a_company_form_marks_an_enterprise():
    # seeds/004
    text = ("In addition, Guangzhou Puhua Smart Robot Technology Co., Ltd. plans to invest 1 billion yuan to build an "
            "intelligent logistics unmanned vehicle project in the high-tech zone.")
    assert surfaces(text, "enterprise") == ["Guangzhou Puhua Smart Robot Technology Co., Ltd"]


def test_the_mates_of_a_company_in_a_list_are_companies_but_an_adverb_before_it_is_none():
    """"A, B and C": the mates of a name found as a company are companies; a sentence's opening adverb, set off by
    its comma, is no mate."""
    listed = "Kaixin Technology Co., Ltd., Ruida and Baoxin signed agreements with the district."
    assert surfaces(listed, "enterprise") == ["Kaixin Technology Co., Ltd", "Ruida", "Baoxin"]
    for adverb in ("Meanwhile", "Recently", "However"):
        assert surfaces(f"{adverb}, {listed}", "enterprise") == ["Kaixin Technology Co., Ltd", "Ruida", "Baoxin"]
    alone = "Meanwhile, Hengtai Precision Machinery Co., Ltd. plans to invest 800 million yuan in the zone."
    assert surfaces(alone, "enterprise") == ["Hengtai Precision Machinery Co., Ltd"]


def test_the_items_of_a_chain_master_list_are_enterprises():
    # seeds/001
    text = ('Strengthen the "hard constraints per mu + industrial chain orientation", focusing on the upstream and '
            'downstream of chain master enterprises such as Ruiqing Times, Xpeng Motors, Jintian Copper, and GCL '
            'Group, and strive to attract chain masters, science and technology innovation, supporting, and growth For '
            'large-scale projects, do a good job in tax benefit assessment at different stages of the project.')
    assert surfaces(text, "enterprise") == ["Ruiqing Times", "Xpeng Motors", "Jintian Copper", "GCL Group"]


def test_names_before_and_other_enterprises_or_projects_are_enterprises():
    # seeds/001
    text = ("Deeply participate in the provincial auto parts industry strong chain project, accelerate integration "
            "into Zhaoqing's new energy auto industry division of labor, promote the construction of Zhuoersheng new "
            "energy auto parts and other projects, and support Feinan Resources, Asia Pacific New Materials and other "
            "enterprises to become bigger and stronger .")
    assert surfaces(text, "enterprise") == ["Zhuoersheng", "Feinan Resources", "Asia Pacific New Materials"]


def test_a_pinyin_brand_before_an_industry_head_is_an_enterprise():
    # seeds/004
    text = ("The electronic information manufacturing industry such as components and components has accelerated its "
            "development, and projects such as Xizhen Circuit and Taihe Electronics have been put into operation and "
            "reached production capacity, with the output value of the electronic information industry exceeding 35 "
            "billion yuan.")
    assert surfaces(text, "enterprise") == ["Xizhen Circuit", "Taihe Electronics"]


def test_a_brand_before_several_head_words_is_an_enterprise_named_by_all_of_them():
    """"<Brand> Display Technology": the name does not stop at its first head word, nor is it lost because a head
    word follows that one; a park named so stays a park."""
    text = ("Kaiwei Display Technology makes panels for Ruixin Semiconductor Technology, and Hongtai Smart Home "
            "Appliances builds a plant in the Hengda Copper Industrial Park.")
    assert surfaces(text, "enterprise") == ["Kaiwei Display Technology", "Ruixin Semiconductor Technology",
                                            "Hongtai Smart Home Appliances"]
    assert surfaces(text, "park") == ["Hengda Copper Industrial Park"]


def test_a_brand_before_a_petrochemical_head_is_an_enterprise():
    text = "Huizhou has attracted Zhongyuan Refining and Huaxin Petrochemical, and petrochemical parks grow."
    assert surfaces(text, "enterprise") == ["Zhongyuan Refining", "Huaxin Petrochemical"]


def test_a_brand_that_owns_a_project_is_an_enterprise():
    # seeds/001
    text = ("Implement new energy storage industry development actions, urge GCL's 100,000-ton new deep eutectic "
            "electrolyte project to be completed and put into operation, promote GCL's waste power lithium battery "
            "recycling and other projects to accelerate the construction of waste battery precision recycling "
            "demonstration project bases, and continue to enrich New energy storage large-scale application scenarios")
    assert "GCL" in surfaces(text, "enterprise")


def test_associations_and_committees_are_not_enterprises():
    # seeds/003
    text = ("At the meeting, Dongfeng Nissan Passenger Vehicle Company, as representative of chain leader, delivered a "
            "speech; Huadu Cosmetics Industry Association, as industry representative, reported on the cosmetics "
            "industry chain; Autocity Administrative Committee reported on the progress of the industry chain of "
            "intelligent network and new energy automobile; the District Science, Technology, Industry, Business and "
            "Information Bureau reported the progress in the electronic information and new display industry chain; "
            "and the Airport Committee reported on the progress of the airport-related high-tech industry chain.")
    assert surfaces(text, "enterprise") == ["Dongfeng Nissan Passenger Vehicle Company"]


def test_a_brand_with_a_pinyin_head_before_a_numbered_plant_is_an_enterprise():
    # seeds/004
    text = ("Xiaopeng's auto production line has been upgraded smoothly, with an annual output of 200000 vehicles and "
            "130000 vehicles; Ruiqing Shidai No. 1 Plant was put into operation, with the output of nearly 10GWh; "
            "Putai, Jiyang and other projects have been put into operation, and the output value of the new energy "
            "automobile industry has exceeded 70 billion yuan, up 50.6%.")
    assert "Ruiqing Shidai" in surfaces(text, "enterprise")


# ------------------------------------------------------------------ names are found by the method, not listed


def python_code_strings(path: Path) -> str:
    """What a module can use: its string constants and identifiers, not its comments or docstrings (examples in
    documentation do not feed the method)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant) and isinstance(node.body[0].value.value, str)}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            out.append(node.value)
        elif isinstance(node, ast.Name):
            out.append(node.id)
        elif isinstance(node, ast.Attribute):
            out.append(node.attr)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append(node.name)
    return "\n".join(out)


def json_data(path: Path) -> str:
    """Keys and values of a JSON file except its `_comment` entries."""
    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if not k.startswith("_comment"):
                    yield k
                    yield from walk(v)
        elif isinstance(value, list):
            for v in value:
                yield from walk(v)
        elif isinstance(value, str):
            yield value
    return "\n".join(walk(json.loads(path.read_text(encoding="utf-8"))))


def turtle_data(path: Path) -> str:
    """Every IRI and literal of a Turtle file."""
    return "\n".join(term.value for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
                     for term in (t.subject, t.predicate, t.object) if not isinstance(term, ox.BlankNode))


def test_no_enterprise_or_park_found_in_the_seeds_is_written_into_the_code_or_the_data(seed_kg):
    reference = load_reference()
    reference_names = {phrase_key(x) for r in reference.regions.values() for x in (r.label, *r.alt_labels)}
    reference_names |= {phrase_key(x) for c in reference.concepts.values() for x in (c.label, *c.alt_labels)}
    names = {label for e in seed_kg.entities.values() if e.type in ("Enterprise", "Park")
             for label in e.all_labels() if phrase_key(label) not in reference_names}
    assert len(names) > 20
    sources = {p: python_code_strings(p) for p in sorted((ROOT / "kg").glob("*.py"))}
    sources |= {p: json_data(p) for p in sorted((ROOT / "ontology").glob("*.json"))}
    sources |= {p: turtle_data(p) for p in sorted((ROOT / "ontology").glob("*.ttl"))}

    lowered = {path: text.lower() for path, text in sources.items()}
    written = sorted((name, path.relative_to(ROOT).as_posix()) for name in names for path, text in lowered.items()
                     if name.lower() in text and re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text))
    assert written == []
