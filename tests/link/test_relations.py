"""Stage 5: relations, each with the sentence that states it (or the reference dataset it comes from).

Each test names a relation the seeds state and checks that the graph holds it with that very sentence as its
evidence; the sentences are copied verbatim from seeds/.
"""

from __future__ import annotations

import pytest

from kg.extract.en.sentences import split_sentences
from kg.model import Relation
from kg.namespaces import GAZETTEER_IRI, ID, VOCABULARY_IRI
from kg.reference import load_reference

REGION_TYPES = {"Province", "City", "County", "Town"}
PLACE_TYPES = REGION_TYPES | {"Park"}


def stated_by(relation: Relation | None) -> set[str]:
    """The sentences given as evidence for a relation (none if the relation is missing)."""
    return {ev.text for ev in relation.evidence if ev.is_text} if relation else set()


@pytest.fixture(scope="module")
def industry(seed_kg):
    """industry("jade") -> the vocabulary concept's entity in the seed graph."""
    return lambda slug: seed_kg.entities[f"{ID}industry/{slug}"]


# ------------------------------------------------------------------ locatedIn


def test_a_park_in_a_park(entity, edge):
    sentence = ("Build the Sihui Industrial Park in Zhaoqing High-tech Zone with high standards, complete the "
                "acquisition and storage of 500 acres of new land within the year, promote the construction of "
                "infrastructure projects such as Commercial Avenue, Xinhuan 1st Road, and Jintian Avenue across the "
                "Erguang Expressway, and accelerate the creation of a high-end copper-based new material industry "
                "base .")
    relation = edge(entity("Sihui Industrial Park"), "locatedIn", entity("Zhaoqing High-tech Zone"))
    assert sentence in stated_by(relation)


def test_a_park_named_after_a_town_is_in_that_town(entity, edge):
    sentence = ("Put into production, accelerate the signing and implementation of the Jinjiang prepared vegetable "
                "project, and support the development of the Longfu Town prepared vegetable industrial park.")
    relation = edge(entity("Longfu Town prepared vegetable industrial park"), "locatedIn", entity("Longfu Town"))
    assert sentence in stated_by(relation)


def test_an_address_places_a_street_in_its_county(entity, edge):
    sentence = "Address: 3F, Administrative Center, Dongcheng Street, Sihui City, Guangdong\xa0Province,China"
    relation = edge(entity("Dongcheng Street"), "locatedIn", entity("Sihui City"))
    assert sentence in stated_by(relation)


def test_a_company_named_after_a_city_is_in_that_city(entity, edge):
    sentence = ("▲ The picture shows the Zhaoqing High-tech Zone Investment Promotion Team visiting Guangzhou Honghui "
                "Mould Co., Ltd.")
    relation = edge(entity("Guangzhou Honghui Mould Co., Ltd", "Enterprise"), "locatedIn", entity("Guangzhou"))
    assert sentence in stated_by(relation)


def test_the_gazetteer_places_every_region_in_its_parent_and_says_so(seed_kg, edge):
    reference = load_reference()
    regions = [e for e in seed_kg.entities.values() if e.type in REGION_TYPES]
    assert len(regions) > 40
    for region in regions:
        parent = reference.regions[region.iri].parent
        if parent is None:
            assert region.type == "Province"
            continue
        relation = edge(region, "locatedIn", seed_kg.entities[parent])
        assert relation is not None, f"{region.label} is not located in its parent"
        assert any(ev.source == GAZETTEER_IRI and not ev.is_text for ev in relation.evidence)


# ------------------------------------------------------------------ hasIndustry


def test_the_industries_of_the_county_a_report_is_about(entity, edge, industry):
    sentence = ('Consolidate and upgrade the four traditional advantageous industries of '
                '"refined copper, jade and aluminum".')
    sihui = entity("Sihui City")
    for slug in ("refined-copper", "jade", "aluminum"):
        assert sentence in stated_by(edge(sihui, "hasIndustry", industry(slug)))


def test_a_citys_industry_named_with_a_possessive(entity, edge, industry):
    sentence = ("Deeply participate in the provincial auto parts industry strong chain project, accelerate integration "
                "into Zhaoqing's new energy auto industry division of labor, promote the construction of Zhuoersheng "
                "new energy auto parts and other projects, and support Feinan Resources, Asia Pacific New Materials "
                "and other enterprises to become bigger and stronger .")
    assert sentence in stated_by(edge(entity("Zhaoqing City"), "hasIndustry", industry("new-energy-vehicles")))


def test_the_industries_of_a_district_in_a_news_report(entity, edge, industry):
    sentence = ("At the meeting, Dongfeng Nissan Passenger Vehicle Company, as representative of chain leader, "
                "delivered a speech; Huadu Cosmetics Industry Association, as industry representative, reported on the "
                "cosmetics industry chain; Autocity Administrative Committee reported on the progress of the industry "
                "chain of intelligent network and new energy automobile; the District Science, Technology, Industry, "
                "Business and Information Bureau reported the progress in the electronic information and new display "
                "industry chain; and the Airport Committee reported on the progress of the airport-related high-tech "
                "industry chain.")
    assert sentence in stated_by(edge(entity("Huadu"), "hasIndustry", industry("cosmetics")))


def test_a_park_hosts_the_industry_it_is_recognised_for(entity, edge, industry):
    sentence = ("Zhaoqing High-tech Zone has been recognized as the national torch new energy vehicle characteristic "
                "industrial base, and has been approved as a national post-doctoral workstation.")
    relation = edge(entity("Zhaoqing High-tech Zone"), "hasIndustry", industry("new-energy-vehicles"))
    assert sentence in stated_by(relation)


def test_a_park_hosts_the_industry_in_its_name_and_the_industries_it_focuses_on(entity, edge, industry):
    sentence = ("With the Fine Chemical Industrial Park as the strategic fulcrum, we will focus on new chemical "
                "materials such as electronic chemicals and high-end resins, promote localized supporting applications "
                "of industrial front-end materials, and continue to build and strengthen the provincial industrial "
                "cluster of polymer synthetic materials.")
    park = entity("Fine Chemical Industrial Park")
    for slug in ("fine-chemicals", "electronic-chemicals", "high-end-resins"):
        assert sentence in stated_by(edge(park, "hasIndustry", industry(slug))), slug


def test_a_towns_industries_listed_after_its_name(entity, edge, industry):
    sentence = ("Longfu Town: electronic information industry, electronic components industry, "
                "ceramic building materials,")
    assert sentence in stated_by(edge(entity("Longfu Town"), "hasIndustry", industry("electronic-information")))


# ------------------------------------------------------------------ inIndustry


def test_the_industry_named_before_a_list_of_its_companies(entity, edge, industry):
    sentence = ("Give full play to the demonstration and leading role of electronic information companies such as Fuji "
                "Electronics, support the listing of companies such as Tongyu New Materials, and guide local companies "
                "to transform and develop in fields such as automotive electronics, energy electronics, and consumer "
                "electronics.")
    assert sentence in stated_by(edge(entity("Fuji Electronics"), "inIndustry", industry("electronic-information")))


def test_the_industry_in_a_company_name_and_the_industry_a_sentence_is_about(entity, edge, industry):
    sentence = ("Increase special support for the metal processing industry, support Jintian Copper to start the "
                "construction of the second phase of high-end copper-based new materials projects, support Jintian "
                "Copper, Gordon Aluminum and other leading companies to expand their local R&D, production and sales "
                "links to promote large-scale development")
    gordon = entity("Gordon Aluminum")
    assert sentence in stated_by(edge(gordon, "inIndustry", industry("aluminum")))
    assert sentence in stated_by(edge(gordon, "inIndustry", industry("metal-processing")))


# ------------------------------------------------------------------ chainMasterOf


CHAIN_MASTERS = ('Strengthen the "hard constraints per mu + industrial chain orientation", focusing on the upstream '
                 'and downstream of chain master enterprises such as Ruiqing Times, Xpeng Motors, Jintian Copper, and '
                 'GCL Group, and strive to attract chain masters, science and technology innovation, supporting, and '
                 'growth For large-scale projects, do a good job in tax benefit assessment at different stages of the '
                 'project.')


@pytest.mark.parametrize("company", ["Ruiqing Times", "Xpeng Motors", "Jintian Copper", "GCL Group"])
def test_chain_masters_of_the_county_when_no_chain_is_named(entity, edge, company):
    assert CHAIN_MASTERS in stated_by(edge(entity(company, "Enterprise"), "chainMasterOf", entity("Sihui City")))


def test_a_chain_leader_of_a_district(entity, edge):
    sentence = ("At the meeting, Dongfeng Nissan Passenger Vehicle Company, as representative of chain leader, "
                "delivered a speech; Huadu Cosmetics Industry Association, as industry representative, reported on the "
                "cosmetics industry chain; Autocity Administrative Committee reported on the progress of the industry "
                "chain of intelligent network and new energy automobile; the District Science, Technology, Industry, "
                "Business and Information Bureau reported the progress in the electronic information and new display "
                "industry chain; and the Airport Committee reported on the progress of the airport-related high-tech "
                "industry chain.")
    relation = edge(entity("Dongfeng Nissan Passenger Vehicle Company"), "chainMasterOf", entity("Huadu"))
    assert sentence in stated_by(relation)


# ------------------------------------------------------------------ investsIn


def test_a_company_invests_in_the_park_it_builds(entity, edge):
    sentence = ("Promote the signing and settlement of the Provincial Construction Engineering Group's Construction "
                "Technology Intelligent Manufacturing Industrial Park, and plan to reserve a number of upstream and "
                "downstream industrial projects such as construction machinery and green building materials.")
    relation = edge(entity("Provincial Construction Engineering Group"), "investsIn",
                    entity("Construction Technology Intelligent Manufacturing Industrial Park"))
    assert sentence in stated_by(relation)


def test_a_company_invests_in_the_county_whose_report_names_its_project(entity, edge):
    sentence = ("Establish and improve the capital increase and production expansion project library, encourage "
                "high-quality enterprises to increase capital and expand production, promote the acceleration of the "
                "construction of Fuji Electronics' annual output of 1.5 million square meters of high-reliability "
                "circuit board expansion projects, Shengkai musical instruments and other capital increase and "
                "production expansion projects, and promote the addition of 5 million yuan There are 36 "
                "above-mentioned capital increase and production expansion projects, more than 7 more than 30 million "
                "yuan capital increase and production expansion projects, 65 industrial enterprises have carried out "
                "technological "
                "transformation, 50 industrial enterprises above the designated size have implemented digital "
                "transformation, and 30 new industrial enterprises have been added to create more business A key "
                "enterprise with revenue exceeding 100 million yuan.")
    assert sentence in stated_by(edge(entity("Fuji Electronics"), "investsIn", entity("Sihui City")))


INVESTMENTS = ("Among them, Wanhuabao Food plans to invest 200 million yuan in the construction of high-end food "
               "projects in Zhaoqing High-tech Zone, and Honghui Mould plans to invest 350 million yuan in the "
               "construction of new energy auto parts production and assembly manufacturing, intelligent industrial "
               "equipment projects in Zhaoqing High-tech Zone, as a supporting project for Xiaopeng Auto.")


@pytest.mark.parametrize(("company", "yuan"), [("Wanhuabao Food", 200e6), ("Honghui Mould", 350e6)])
def test_an_investment_keeps_its_stated_amount(entity, edge, company, yuan):
    relation = edge(entity(company, "Enterprise"), "investsIn", entity("Zhaoqing High-tech Zone"))
    assert INVESTMENTS in stated_by(relation)
    assert relation.amount_yuan == yuan
    assert relation.amount_text in INVESTMENTS


# ------------------------------------------------------------------ supplies


def test_a_supporting_project_for_another_company_supplies_it(seed_kg, entity, edge):
    relation = edge(entity("Honghui Mould", "Enterprise"), "supplies", entity("Xiaopeng Auto", "Enterprise"))
    assert INVESTMENTS in stated_by(relation)
    # Wanhuabao Food, in the same sentence, invests but supplies no one
    wanhuabao = entity("Wanhuabao Food", "Enterprise")
    assert not [r for r in seed_kg.relations if r.predicate == "supplies" and wanhuabao.iri in (r.subject, r.object)]


def test_a_company_that_supplies_another(extract):
    # synthetic: the seeds only say "a supporting project for"; this is the plain verb form of the rule
    sentence = "Zhaoqing Hengtai Packaging Co., Ltd. supplies Guangdong Meiyuan Food Co., Ltd. with paper cartons."
    graph = extract(sentence)
    [relation] = [r for r in graph.relations if r.predicate == "supplies"]
    supplier, customer = graph.entities[relation.subject], graph.entities[relation.object]
    assert (supplier.type, customer.type) == ("Enterprise", "Enterprise")
    assert "Hengtai" in supplier.label and "Meiyuan" in customer.label
    assert stated_by(relation) == {sentence}


def test_two_companies_in_one_sentence_do_not_supply_each_other(extract):
    graph = extract("Zhaoqing Hengtai Packaging Co., Ltd. and Guangdong Meiyuan Food Co., Ltd. signed a cooperation "
                    "agreement in Sihui City.")
    assert not [r for r in graph.relations if r.predicate == "supplies"]


# ------------------------------------------------------------------ clusters


def test_an_industry_in_a_clusters_scope_is_part_of_the_cluster(entity, edge, industry):
    sentence = ("Consolidate and expand the world-leading position of home appliances such as air conditioners, "
                "refrigerators, rice cookers, and microwave ovens, and strengthen and optimize advantageous industries "
                "like televisions and lighting fixtures.")
    relation = edge(industry("air-conditioners"), "partOfCluster", entity("Smart home appliance industry cluster"))
    assert sentence in stated_by(relation)
    assert any(ev.source == VOCABULARY_IRI for ev in relation.evidence)


def test_the_cities_a_cluster_is_laid_out_on_are_its_centres(entity, edge):
    sentence = ("Based on existing automotive industrial parks and new trends in domestic and international automotive "
                "industries, optimize the regional layout of the automotive industry focusing on Guangzhou, Shenzhen, "
                "Zhuhai, Foshan, and Zhaoqing, and build an internationally influential automotive industry cluster.")
    cluster = entity("Automotive industry cluster")
    for city in ("Guangzhou", "Shenzhen", "Zhuhai", "Foshan", "Zhaoqing"):
        assert sentence in stated_by(edge(cluster, "clusterCentre", entity(city, "City"))), city


def test_an_enterprise_reaches_a_cluster_through_its_industry(seed_kg, entity):
    jintian, cluster = entity("Jintian Copper"), entity("Advanced materials industry cluster")
    industries = {r.object for r in seed_kg.relations if r.subject == jintian.iri and r.predicate == "inIndustry"}
    assert any(r.subject in industries and r.predicate == "partOfCluster" and r.object == cluster.iri
               for r in seed_kg.relations)


# ------------------------------------------------------------------ every relation


def test_relations_connect_the_types_the_ontology_allows(seed_kg):
    allowed = {
        "locatedIn": (PLACE_TYPES | {"Enterprise"}, PLACE_TYPES),
        "hasIndustry": (PLACE_TYPES, {"Industry"}),
        "inIndustry": ({"Enterprise"}, {"Industry"}),
        "chainMasterOf": ({"Enterprise"}, {"Industry"} | REGION_TYPES),
        "partOfCluster": ({"Industry"}, {"Cluster"}),
        "clusterCentre": ({"Cluster"}, {"City"}),
        "investsIn": ({"Enterprise"}, PLACE_TYPES),
        "supplies": ({"Enterprise"}, {"Enterprise"}),
    }
    types = {iri: e.type for iri, e in seed_kg.entities.items()}
    wrong = [(types[r.subject], r.predicate, types[r.object]) for r in seed_kg.relations
             if types[r.subject] not in allowed[r.predicate][0] or types[r.object] not in allowed[r.predicate][1]]
    assert wrong == []


def test_every_relation_type_is_found_in_the_seeds(seed_kg):
    assert set(seed_kg.relation_counts()) == {"locatedIn", "hasIndustry", "inIndustry", "chainMasterOf",
                                              "partOfCluster", "clusterCentre", "investsIn", "supplies"}


def test_every_text_evidence_is_a_whole_sentence_of_its_document_at_its_offsets(seed_kg, seed_documents):
    documents = {d.name: d for d in seed_documents}
    sentences = {name: {(s.start, s.end) for s in split_sentences(d)} for name, d in documents.items()}
    checked = 0
    for relation in seed_kg.relations:
        assert relation.evidence, f"{relation} has no evidence"
        for ev in relation.evidence:
            if not ev.is_text:
                assert ev.source in (GAZETTEER_IRI, VOCABULARY_IRI)
                continue
            assert documents[ev.source].text[ev.start:ev.end] == ev.text
            assert (ev.start, ev.end) in sentences[ev.source]
            checked += 1
    assert checked > 300



# ------------------------------------------------------------------ phrasings beyond the seeds (sentences written
# for these tests; names invented)


def relation(graph, subject: str, predicate: str, obj: str) -> Relation | None:
    def iri(name: str) -> str:
        found = [e.iri for e in graph.entities.values() if name.casefold() in {x.casefold() for x in e.all_labels()}]
        assert len(found) == 1, f"{name}: {found}"
        return found[0]

    s, o = iri(subject), iri(obj)
    return next((r for r in graph.relations if (r.subject, r.predicate, r.object) == (s, predicate, o)), None)


def derivations(r: Relation | None) -> set[str]:
    return {ev.derivation for ev in r.evidence if ev.is_text} if r else set()


def test_investments_in_agent_and_pronoun_forms_with_their_amounts(extract):
    graph = extract(
        "Heshan district signs projects\n\n"
        "The district signed three projects: a test base for gas turbines funded by Kestrel Turbine Co., Ltd.; "
        "and a drug fund co-launched by Northgate Alliance and Lianhe Pharmaceutical Holdings Limited.\n"
        "Ruifeng Motor Corporation will establish a south China base in Heshan. It established the base in A area "
        "of Jinsha Industrial Park, with total investment RMB 1.1 billion and 0.2 billion yuan of planned "
        "investment this year.")
    for investor in ("Kestrel Turbine Co., Ltd", "Northgate Alliance", "Lianhe Pharmaceutical Holdings Limited"):
        assert derivations(relation(graph, investor, "investsIn", "Heshan")) == {"inferred"}
    park = relation(graph, "Ruifeng Motor Corporation", "investsIn", "Jinsha Industrial Park")
    assert derivations(park) == {"inferred"}  # "It" names the company only by reference
    assert (park.amount_yuan, park.amount_text) == (1.1e9, "RMB 1.1 billion")
    assert derivations(relation(graph, "Ruifeng Motor Corporation", "investsIn", "Heshan")) == {"stated"}
    # the project a company funds is what it makes
    assert relation(graph, "Kestrel Turbine Co., Ltd", "inIndustry", "gas turbines") is not None


def test_an_amount_in_another_currency_or_without_an_investment_word_is_not_kept(extract):
    graph = extract("Jiangmen news\n\nKaida Technology plans to invest over 10 billion in Jiangmen, about $1.4 "
                    "billion. Its output reached 3 billion yuan.")
    r = relation(graph, "Kaida Technology", "investsIn", "Jiangmen")
    assert (r.amount_yuan, r.amount_text) == (10e9, "over 10 billion")


def test_a_dummy_it_refers_to_no_company(extract):
    graph = extract("Kaida Technology opened a plant in Jiangmen.\n"
                    "It is hoped that enterprises will invest more in Heshan.")
    assert relation(graph, "Kaida Technology", "investsIn", "Heshan") is None


def test_supplier_phrasings(extract):
    graph = extract(
        "Quanfeng, a key supplier of seat frames for Weilan Motors, is situated near the plant.\n"
        "Weilan Motors' supplier Haoyu Technology delivers within an hour.\n"
        "Suppliers of Weilan Motors such as Rongtai Battery Co., Ltd. expanded.")
    for supplier in ("Quanfeng", "Haoyu Technology", "Rongtai Battery Co., Ltd"):
        assert derivations(relation(graph, supplier, "supplies", "Weilan Motors")) == {"stated"}
    assert relation(graph, "Weilan Motors", "supplies", "Quanfeng") is None


def test_chain_leader_phrasings(extract):
    graph = extract(
        "Sihui supports the new energy vehicle chain leader Weilan Motors.\n"
        "Kaida Technology serves as the chain leader of the lithium battery industry chain.\n"
        "The Sihui home appliance industry chain led by Hualin Electric grew.")
    assert relation(graph, "Weilan Motors", "chainMasterOf", "new energy vehicles") is not None
    assert relation(graph, "Kaida Technology", "chainMasterOf", "lithium batteries") is not None
    assert relation(graph, "Hualin Electric", "chainMasterOf", "home appliances") is not None


def test_the_company_a_sentence_refers_to_is_the_chain_leader_it_names(extract):
    """"The company is the chain leader of ...": the company the sentences before named, inferred (the sentence
    does not name it); a sentence about no company before it gives none."""
    graph = extract(
        "Sihui companies\n\n"
        "Jinhe Copper Co., Ltd. is a major producer of copper foil. The company is the chain leader of the copper "
        "foil industry chain.\n"
        "Weixin Technology makes lithium batteries. It is regarded as a chain master enterprise of Sihui.")
    assert derivations(relation(graph, "Jinhe Copper Co., Ltd", "chainMasterOf", "copper foil")) == {"inferred"}
    assert derivations(relation(graph, "Weixin Technology", "chainMasterOf", "Sihui")) == {"inferred"}
    alone = extract("Sihui report\n\nThe company is the chain leader of the copper foil industry chain.")
    assert not [r for r in alone.relations if r.predicate == "chainMasterOf"]


def test_a_parks_industries_stay_the_parks_when_the_park_is_the_subject(extract):
    graph = extract(
        "Zhaoqing report\n\nZhaoqing builds roads. Zhaoqing promotes trade.\n"
        "Today, the Zhaoqing High-tech Zone is home to more than 100 auto parts companies.\n"
        "With the Jinli Industrial Park as a fulcrum, we will focus on industries such as electronic chemicals.")
    assert relation(graph, "Zhaoqing High-tech Zone", "hasIndustry", "auto parts") is not None
    assert relation(graph, "Zhaoqing", "hasIndustry", "auto parts") is None
    # a park in an adverbial phrase shares the sentence's industries with the place the report is about
    assert relation(graph, "Zhaoqing", "hasIndustry", "electronic chemicals") is not None


def test_where_a_company_is_stated_and_inferred(extract):
    graph = extract(
        "Jiangmen projects\n\nJiangmen signs projects. Jiangmen builds roads.\n"
        "Another project is the laser equipment project: Ruixin laser intelligent equipment corporation.\n"
        "It is located in Jinsha new city industry park in the city.\n"
        "Weilan Motors' Zhaoqing plant started production.")
    park = relation(graph, "Ruixin laser intelligent equipment corporation", "locatedIn",
                    "Jinsha new city industry park")
    assert derivations(park) == {"inferred"}
    assert derivations(relation(graph, "Weilan Motors", "locatedIn", "Zhaoqing")) == {"stated"}
    assert relation(graph, "Weilan Motors", "investsIn", "Zhaoqing") is None
    # a park named without a place is in the place the report is about: inferred
    assert derivations(relation(graph, "Jinsha new city industry park", "locatedIn", "Jiangmen")) == {"inferred"}


def test_an_a_b_park_lies_in_its_host(extract):
    graph = extract("Build the Zhuhai-Yangjiang, Zhuhai-Lianjiang and Zhuhai-Xinyi industrial parks.")
    assert derivations(relation(graph, "Zhuhai-Lianjiang", "locatedIn", "Lianjiang")) == {"stated"}
    assert relation(graph, "Zhuhai-Lianjiang", "locatedIn", "Zhuhai") is None


def test_every_statement_of_the_seeds_has_a_confidence_and_a_derivation(seed_kg):
    evidence = [ev for r in seed_kg.relations for ev in r.evidence if ev.is_text]
    assert evidence and all(0 < ev.confidence <= 1 and ev.derivation in ("stated", "inferred") for ev in evidence)
    located = [r for r in seed_kg.relations if r.predicate == "locatedIn"
               and seed_kg.entities[r.subject].type in ("Enterprise", "Park")]
    inferred = [r for r in located if derivations(r) == {"inferred"}]
    assert len(inferred) > len(located) / 3  # a report's companies are in its place by inference


def test_the_stronger_evidence_of_one_sentence_is_kept():
    from kg.model import Evidence, RelationSet

    rels = RelationSet()
    rels.add("a", "locatedIn", "b", Evidence("d", "s", 0, 5, "inferred", 0.5))
    rels.add("a", "locatedIn", "b", Evidence("d", "s", 0, 5, "stated", 0.4))
    rels.add("a", "locatedIn", "b", Evidence("d", "s", 0, 5, "inferred", 0.9))
    [r] = list(rels)
    assert [(ev.derivation, ev.confidence) for ev in r.evidence] == [("stated", 0.4)]


def test_companies_that_lead_a_chain(extract):
    graph = extract("Among them, Weilan and Kaiyue lead the smartphone chain, and the city grows.")
    for company in ("Weilan", "Kaiyue"):
        assert derivations(relation(graph, company, "chainMasterOf", "mobile phones")) == {"stated"}


def test_a_list_of_companies_shares_its_verb_and_the_zone_is_the_last_zone_named(extract):
    graph = extract(
        "Jinsha Economic and Technological Development Zone report\n\n"
        "The Jinsha Economic and Technological Development Zone signed 30 projects, and the Haibin industrial park "
        "signed two.\n"
        "More than 100 enterprises, including Ruifeng Aquatic Products, Kaiyue Feed and Haoyu Feed, have settled in "
        "the zone.")
    for company in ("Ruifeng Aquatic Products", "Kaiyue Feed", "Haoyu Feed"):
        assert derivations(relation(graph, company, "locatedIn", "Jinsha Economic and Technological Development "
                                                                 "Zone")) == {"inferred"}
        assert relation(graph, company, "locatedIn", "Haibin industrial park") is None


def test_a_list_that_is_an_object_does_not_share_the_verb_after_it(extract):
    graph = extract("Zhaoqing report\n\nZhaoqing builds roads. Zhaoqing signs deals.\n"
                    "Serve chain master enterprises such as Kaiyue Feed, Haoyu Feed, and Weilan Motors, and attract "
                    "projects.")
    assert relation(graph, "Kaiyue Feed", "investsIn", "Zhaoqing") is None


def test_what_the_company_referred_to_produces_is_its_industry_not_the_citys(extract):
    graph = extract("Zhanjiang report\n\nZhanjiang builds roads. Zhanjiang signs deals.\n"
                    "A hydrogen project invested by Kaixuan Energy Co., Ltd. broke ground in the Donghai industrial "
                    "park. The project will produce fuel cells.")
    assert derivations(relation(graph, "Kaixuan Energy Co., Ltd", "inIndustry", "fuel cells")) == {"inferred"}
    assert relation(graph, "Zhanjiang", "hasIndustry", "fuel cells") is None
    assert relation(graph, "Kaixuan Energy Co., Ltd", "investsIn", "Donghai industrial park") is not None


def test_an_agent_invests_in_the_place_its_clause_names_after_it(extract):
    graph = extract("Huizhou report\n\nHuizhou signs deals. Huizhou builds roads.\n"
                    "A resin plant funded by Sinolong Chemical Group will be built in the Dayawan Industrial Park.")
    assert derivations(relation(graph, "Sinolong Chemical Group", "investsIn", "Dayawan Industrial Park")) == {
        "stated"}


def test_each_parks_clause_names_its_industries(extract):
    graph = extract("Gaoming report\n\nGaoming builds roads. Gaoming signs deals.\n"
                    "The Cangjiang Industrial Park will focus on new materials, and the Gaoming Hi-tech Zone will "
                    "develop electronic components.")
    assert relation(graph, "Cangjiang Industrial Park", "hasIndustry", "new materials") is not None
    assert relation(graph, "Gaoming Hi-tech Zone", "hasIndustry", "electronic components") is not None
    assert relation(graph, "Gaoming", "hasIndustry", "electronic components") is None


def test_a_park_after_the_place_a_sentence_opens_with_is_there(extract):
    graph = extract("Province news\n\nGuangdong grows. Guangdong builds.\n"
                    "In Jiangmen, the Yinhu Bay New Area attracted projects.")
    assert derivations(relation(graph, "Yinhu Bay New Area", "locatedIn", "Jiangmen")) == {"stated"}


def test_a_name_that_owns_a_site_is_a_company_there(extract):
    graph = extract("Huizhou news\n\nExxonMobil's Huizhou chemical complex began operation.")
    assert relation(graph, "ExxonMobil", "locatedIn", "Huizhou") is not None


def test_a_registered_name_s_abbreviation_stop_does_not_end_what_the_sentence_says_of_it(extract):
    """"X Co., Ltd. is located in ...": the mention leaves out the stop of "Ltd.", which the rules read past as they
    read past a name without one."""
    graph = extract(
        "Sihui companies\n\n"
        "Hengfa Electronics Co., Ltd. is located in Dasha Town.\n"
        "Ruitai Electronics Co., Ltd. is a leading manufacturer of LED chips.\n"
        "Weixin Technology Co., Ltd. makes lithium batteries.\n"
        "Jiali Copper Co., Ltd., Boyuan Aluminum Co., Ltd. and Huateng Co., Ltd. have settled in the Sihui "
        "Economic Development Zone.\n"
        "Kaida Co., Ltd. is the chain leader of the copper foil industry chain. It made 2 billion yuan last year.")
    assert derivations(relation(graph, "Hengfa Electronics Co., Ltd", "locatedIn", "Dasha Town")) == {"stated"}
    assert derivations(relation(graph, "Ruitai Electronics Co., Ltd", "inIndustry", "LED chips")) == {"stated"}
    assert derivations(relation(graph, "Weixin Technology Co., Ltd", "inIndustry", "lithium batteries")) == {"stated"}
    # each item of the list shares its verb and its zone, the first (whose stop a comma follows) too
    for company in ("Jiali Copper Co., Ltd", "Boyuan Aluminum Co., Ltd", "Huateng Co., Ltd"):
        assert relation(graph, company, "investsIn", "Sihui Economic Development Zone") is not None
    assert derivations(relation(graph, "Kaida Co., Ltd", "chainMasterOf", "copper foil")) == {"stated"}



def test_a_sentence_that_names_whose_project_it_is_refers_to_no_company_before(extract):
    """"The project of X, ..., will produce ...": X's project and X's industry, not the company named before."""
    graph = extract(
        "Zhaoqing High-tech Zone signs projects\n\n"
        "Hongyu New Energy Co., Ltd. signed an agreement to build a plant in the zone.\n"
        "The project of Lanxin Semiconductor Technology Co., Ltd., with a total investment of 1.8 billion yuan, will "
        "produce silicon carbide power devices.")
    assert relation(graph, "Lanxin Semiconductor Technology Co., Ltd", "inIndustry",
                    "third-generation semiconductors") is not None
    hongyu = [r for r in graph.relations if graph.entities[r.subject].label == "Hongyu New Energy Co., Ltd"]
    assert not [r for r in hongyu if any("Lanxin" in ev.text for ev in r.evidence)]


def test_a_relative_clause_places_the_company_in_the_park_it_names_or_refers_to(extract):
    """"X, which is located in <park>": stated; "... in the zone": the zone the document named last, inferred."""
    graph = extract(
        "Zhaoqing High-tech Zone news\n\n"
        "Ruijie Auto Parts Co., Ltd., which is located in the Zhaoqing High-tech Zone, plans to expand.\n"
        "Baoli Electric Co., Ltd., which is located in the zone, employs 300 people.\n"
        "Weixin Technology Co., Ltd., which is famous in the zone, employs 200 people.")
    zone = "Zhaoqing High-tech Zone"
    assert derivations(relation(graph, "Ruijie Auto Parts Co., Ltd", "locatedIn", zone)) == {"stated"}
    assert derivations(relation(graph, "Baoli Electric Co., Ltd", "locatedIn", zone)) == {"inferred"}
    assert relation(graph, "Weixin Technology Co., Ltd", "locatedIn", zone) is None


def test_a_registered_name_s_stop_before_a_capital_may_end_a_sentence(extract):
    """"... for X Co., Ltd. Y supplies ...": a stop the sentence splitter kept inside the sentence, before a capital,
    ends what is said of X: Y is no customer listed after X."""
    graph = extract("Sihui companies\n\nWeixin Technology plans a project as a supporting project for Jinhe Copper "
                    "Co., Ltd. Kaida Electronics supplies copper foil to Hengtai.")
    assert relation(graph, "Weixin Technology", "supplies", "Kaida Electronics") is None


def test_an_owner_named_in_a_subsidiary_s_apposition_gets_neither_its_plant_nor_its_place(extract):
    """"X, a subsidiary of Y, produces ... at its Jiangmen plant": what follows the apposition is X's; Y, named as
    X's owner, need not be where the report is about."""
    graph = extract(
        "Jiangmen's energy storage industry\n\n"
        "Haisheng Energy, a subsidiary of Tianjin Haisheng Group, produces lithium iron phosphate batteries at its "
        "Jiangmen plant.")
    assert relation(graph, "Haisheng Energy", "subsidiaryOf", "Tianjin Haisheng Group") is not None
    owner = [r for r in graph.relations if graph.entities[r.subject].label == "Tianjin Haisheng Group"]
    assert [r.predicate for r in owner] == []
    assert [r for r in graph.relations if graph.entities[r.subject].label == "Haisheng Energy"
            and r.predicate == "inIndustry"]


def test_the_chain_a_chain_leader_of_an_industry_leads(extract):
    """"X, the chain leader of Zhaoqing's new energy vehicle industry", "... of the province's semiconductor
    industry": the cue says it is a chain, whether or not the industry is followed by "chain"."""
    graph = extract(
        "Zhaoqing industry news\n\n"
        "Xinda Motors, the chain leader of Zhaoqing's new energy vehicle industry, delivered 10,000 cars.\n"
        "Kaiwei Technology has been named a chain leader enterprise of the province's semiconductor industry.")
    assert relation(graph, "Xinda Motors", "chainMasterOf", "new energy vehicles") is not None
    assert relation(graph, "Kaiwei Technology", "chainMasterOf", "semiconductors") is not None
    assert relation(graph, "Xinda Motors", "chainMasterOf", "Zhaoqing") is None


def test_a_sentence_that_opens_with_what_its_subject_is(extract):
    """"As a chain master enterprise of the X industry, Y will ...": Y leads X's chain; an opening clause that is
    not about a chain leader gives none."""
    graph = extract(
        "Zhaoqing industry news\n\n"
        "As a chain master enterprise of the electronic information industry, Ruike Electronics Co., Ltd. will expand.\n"
        "As a result of the new policy, Jinhe Copper Co., Ltd. will expand.")
    assert relation(graph, "Ruike Electronics Co., Ltd", "chainMasterOf", "electronic information") is not None
    assert not [r for r in graph.relations if r.predicate == "chainMasterOf"
                and graph.entities[r.subject].label == "Jinhe Copper Co., Ltd"]


def test_what_a_company_makes_after_the_activity_its_cue_names(extract):
    """"specializes in the production of X", "is engaged in the research, development and production of X": X;
    "the production of X" in a sentence about a city marks no industry of its own."""
    graph = extract(
        "Zhaoqing industry news\n\n"
        "Huaxing Glass Co., Ltd. specializes in the production of photovoltaic glass.\n"
        "Hengtai Auto Parts Co., Ltd. is engaged in the research, development and production of new energy vehicle "
        "parts.")
    assert relation(graph, "Huaxing Glass Co., Ltd", "inIndustry", "photovoltaic glass") is not None
    assert relation(graph, "Hengtai Auto Parts Co., Ltd", "inIndustry", "new energy vehicle parts") is not None
    city = extract("Sihui report\n\nExpand the use of solid waste in the production of new building materials.")
    assert not [r for r in city.relations if r.predicate == "hasIndustry"]


def test_a_place_based_company(extract):
    graph = extract("Zhaoqing industry news\n\nFoshan-based Meiling Electric will build a plant in Zhaoqing.\n"
                    "The Foshan office of Jiayu Technology opened.")
    assert derivations(relation(graph, "Meiling Electric", "locatedIn", "Foshan")) == {"stated"}
    assert relation(graph, "Jiayu Technology", "locatedIn", "Foshan") is None


def test_what_a_company_s_project_makes_is_its_industry_named_before_the_head_or_after_for_or_of(extract):
    """"X will build a production base for Y": Y is what X's project makes, as in "X's Y project"; not when Y
    is named further on, nor when the base is another company's."""
    graph = extract(
        "Sihui signs projects\n\n"
        "Hongfa Electric will set up a production base for energy storage batteries in Sihui.\n"
        "Ruida Power will build a plant of lithium batteries in Dasha Town.\n"
        "Kangli Motors will build a base in Sihui, which is famous for energy storage batteries.\n"
        "Tianyi Materials, a subsidiary of Boyuan Group, will build a production base for lithium batteries.")
    assert derivations(relation(graph, "Hongfa Electric", "inIndustry", "energy storage batteries")) == {"stated"}
    assert relation(graph, "Ruida Power", "inIndustry", "lithium batteries") is not None
    assert relation(graph, "Kangli Motors", "inIndustry", "energy storage batteries") is None
    assert relation(graph, "Boyuan Group", "inIndustry", "lithium batteries") is None


def test_the_kind_of_company_a_name_is_said_to_be_is_its_industry(extract):
    """"X, a home appliance maker" and "X is a leading biomedicine company": the industry is X's, not the city's;
    not where the company noun is another's ("a partner of the new energy company Y")."""
    graph = extract(
        "Foshan companies\n\n"
        "Meixin Appliances, a home appliance maker, employs 3,000 people.\n"
        "Lanshan Pharmaceutical is a leading biomedicine company.\n"
        "Ruida Electronics, one of the largest LED display producers, opened a plant.\n"
        "Hongtai Logistics, a partner of the new energy company Kaiyuan Power, grew.")
    assert derivations(relation(graph, "Meixin Appliances", "inIndustry", "home appliances")) == {"stated"}
    assert derivations(relation(graph, "Lanshan Pharmaceutical", "inIndustry", "biomedicine")) == {"stated"}
    assert relation(graph, "Ruida Electronics", "inIndustry", "LED display") is not None
    assert relation(graph, "Hongtai Logistics", "inIndustry", "new energy") is None
    assert relation(graph, "Foshan", "hasIndustry", "home appliances") is None


def test_a_company_named_chain_master_after_an_apposition_about_it_is_the_master(extract):
    """"X, a <what it is> based in <where>, has been named the chain master of ...": the apposition is left out
    when measuring how far the name is from the cue; a name as far before it without one is not its subject."""
    graph = extract(
        "Foshan news\n\n"
        "Meixin Appliances, a home appliance maker based in Shunde District of Foshan, has been named the chain "
        "master of Foshan's smart home industry chain.\n"
        "Kaiwei Electric signed a deal with the Nanhai government to build three plants in the district before it "
        "was named the chain master of the lighting industry chain.")
    assert derivations(relation(graph, "Meixin Appliances", "chainMasterOf", "smart home")) == {"stated"}
    assert relation(graph, "Kaiwei Electric", "chainMasterOf", "lighting fixtures") is None


def test_where_a_company_comes_from_in_an_apposition_about_it_is_where_it_is(extract):
    """"X, a biomedicine company from Guangzhou, will build a plant in Deqing County": X is in Guangzhou (and has a
    plant in Deqing); "a partner from Foshan" is no company noun, and says nothing of where X is."""
    graph = extract(
        "Zhaoqing signs projects\n\n"
        "Lanshan Pharmaceutical, a biomedicine company from Guangzhou, will build a plant in Deqing County.\n"
        "Kelin Biotech, a drug maker headquartered in Shunde District, grew.\n"
        "Hongtai Logistics, with a partner from Foshan, grew.")
    assert derivations(relation(graph, "Lanshan Pharmaceutical", "locatedIn", "Guangzhou")) == {"stated"}
    assert relation(graph, "Lanshan Pharmaceutical", "investsIn", "Deqing County") is not None
    assert derivations(relation(graph, "Kelin Biotech", "locatedIn", "Shunde District")) == {"stated"}
    assert relation(graph, "Hongtai Logistics", "locatedIn", "Foshan") is None


def test_a_sentence_about_the_projects_refers_to_no_one_company(extract):
    """"The projects will be built in Gaoyao District" after a sentence about one company's: several projects,
    not that company's; "The project will be built ..." is its."""
    graph = extract(
        "Zhaoqing signs projects\n\n"
        "Kelin Biotech signed an agreement with Zhaoqing. The projects will be built in Gaoyao District.\n"
        "Hongtai Foods signed an agreement with Zhaoqing. The project will be built in Deqing County.")
    assert relation(graph, "Kelin Biotech", "investsIn", "Gaoyao District") is None
    assert derivations(relation(graph, "Hongtai Foods", "investsIn", "Deqing County")) == {"inferred"}


def test_the_enterprises_a_named_park_is_said_to_include_are_in_it(extract):
    """"Enterprises in the X Park include A, B and C" and "Key companies of the X Park are A and B": each is in the
    park; a list after a park that no members noun names ("The X Park, A and B signed ...") is not."""
    graph = extract(
        "Gaoyao report\n\n"
        "Enterprises in the Jindu Industrial Park include Kangda Hardware, Baiyi Electric and Wanfeng Packaging.\n"
        "Key companies of the Baisha Industrial Park are Hengli Copper and Ruitai Glass.\n"
        "The Lianhe Industrial Park, Dongrun Technology and Meixin Foods signed an agreement.")
    for company in ("Kangda Hardware", "Baiyi Electric", "Wanfeng Packaging"):
        assert derivations(relation(graph, company, "locatedIn", "Jindu Industrial Park")) == {"stated"}
    for company in ("Hengli Copper", "Ruitai Glass"):
        assert derivations(relation(graph, company, "locatedIn", "Baisha Industrial Park")) == {"stated"}
    assert relation(graph, "Dongrun Technology", "locatedIn", "Lianhe Industrial Park") is None


def test_an_apposition_after_a_list_of_companies_gives_each_its_industry(extract):
    """"A, B and C, three leading enterprises in the food processing industry" and "A and B, two lithium battery
    makers": every member's industry, not only the last one's; a list before a clause that is not about its
    members ("A and B, with the support of the new energy industry fund") gives none."""
    graph = extract(
        "Gaoyao report\n\n"
        "Jiahe Foods, Meijia Beverage and Xiangyun Foods, three leading enterprises in the food processing industry, "
        "expanded their production lines.\n"
        "Hengli Technology and Ruitai Electric, two lithium battery makers, opened plants.\n"
        "Dongrun Logistics and Kaiyuan Trading, with the support of the new energy industry fund, grew.")
    for company in ("Jiahe Foods", "Meijia Beverage", "Xiangyun Foods"):
        assert derivations(relation(graph, company, "inIndustry", "food processing")) == {"stated"}
    for company in ("Hengli Technology", "Ruitai Electric"):
        assert derivations(relation(graph, company, "inIndustry", "lithium batteries")) == {"stated"}
    assert relation(graph, "Dongrun Logistics", "inIndustry", "new energy") is None


def test_the_industry_a_company_s_project_is_named_for_is_its_own(extract):
    """"X's lithium battery project", "the 5 GWh energy storage battery project of X", "X will build a copper foil
    plant": the words before the project
    head are an industry, X's, though nothing else in the document calls them one; a place's facilities are no
    industry ("the park's service facilities")."""
    graph = extract(
        "Sihui news\n\n"
        "Construction started on Dongrun Technology's lithium battery project in Sihui.\n"
        "The 5 GWh energy storage battery project of Ruineng Power started construction.\n"
        "Baofeng Materials will invest 500 million yuan to build a copper foil plant in Sihui.\n"
        "Tianyi Chemical is investing 1.5 billion yuan ($210 million) in an electrolyte plant in Deqing County.\n"
        "The city will improve the park's producer services facilities.")
    assert derivations(relation(graph, "Dongrun Technology", "inIndustry", "lithium batteries")) == {"stated"}
    assert derivations(relation(graph, "Ruineng Power", "inIndustry", "energy storage batteries")) == {"stated"}
    assert derivations(relation(graph, "Baofeng Materials", "inIndustry", "copper foil")) == {"stated"}
    assert derivations(relation(graph, "Tianyi Chemical", "inIndustry", "electrolytes")) == {"stated"}
    assert not [e for e in graph.entities.values() if e.label == "producer services"]


def test_a_company_that_provides_another_with_a_product_supplies_it(extract):
    """"A provides B with windshields" (and "A provides B and C with ..."); not "A provides jobs with B's help"."""
    graph = extract(
        "Suppliers\n\n"
        "Baolong Glass provides Weilai Motors and Kaiyuan Motors with windshields.\n"
        "Hengtong Logistics provides services for the county with support from Ruida Power.")
    for customer in ("Weilai Motors", "Kaiyuan Motors"):
        assert derivations(relation(graph, "Baolong Glass", "supplies", customer)) == {"stated"}
    assert relation(graph, "Hengtong Logistics", "supplies", "Ruida Power") is None


def test_the_plant_a_customer_s_supplier_opens_is_the_supplier_s(extract):
    """"B's battery supplier, A, opened a plant in the zone": A's plant, so A is in the zone and B is not."""
    graph = extract(
        "Suppliers\n\n"
        "Kaiyuan Motors' battery supplier, Liyuan Power, opened a plant in the Zhaoqing High-tech Zone.")
    assert derivations(relation(graph, "Liyuan Power", "supplies", "Kaiyuan Motors")) == {"stated"}
    assert relation(graph, "Kaiyuan Motors", "locatedIn", "Zhaoqing High-tech Zone") is None
    assert relation(graph, "Liyuan Power", "locatedIn", "Zhaoqing High-tech Zone") is not None


def test_a_list_of_companies_guided_to_settle_in_a_park_shares_the_verb(extract):
    """"Guide A and B to settle in the X Park": both invest there (the first took nothing: 'to' before the verb
    was no auxiliary)."""
    graph = extract(
        "Deqing report\n\n"
        "Guide Meiya Furniture and Huasheng Wood to settle in the Deqing Industrial Park.")
    for company in ("Meiya Furniture", "Huasheng Wood"):
        assert derivations(relation(graph, company, "investsIn", "Deqing Industrial Park")) == {"stated"}


def test_each_project_of_a_list_named_by_its_company_is_that_company_s(extract):
    """"They include a new energy storage project by A, an auto parts plant by B and an LED lighting base by C":
    each industry is its own company's, not the company named before it; "X, founded in 2015, is headquartered
    in Y" places X in Y past the apposition."""
    graph = extract(
        "Jiangmen signs projects\n\n"
        "They include a 1.2-billion-yuan energy storage battery project by Hengyuan Power, an 800-million-yuan auto "
        "parts plant by Jinlong Precision, and a 500-million-yuan LED lighting base by Ruiguang Lighting.\n"
        "Hengyuan Power, founded in 2015, is headquartered in Shenzhen and has plants in Jiangmen.")
    assert derivations(relation(graph, "Hengyuan Power", "inIndustry", "energy storage batteries")) == {"stated"}
    assert derivations(relation(graph, "Jinlong Precision", "inIndustry", "auto parts")) == {"stated"}
    assert relation(graph, "Hengyuan Power", "inIndustry", "auto parts") is None
    assert relation(graph, "Jinlong Precision", "inIndustry", "semiconductor lighting") is None
    assert derivations(relation(graph, "Hengyuan Power", "locatedIn", "Shenzhen")) == {"stated"}
