"""Company and park names resolved (issue 14): one company's names join, different companies stay apart, and
IRIs stay put as the corpus changes. Every name here is invented."""

from __future__ import annotations

import hashlib
import weakref

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.build.pipeline import extract_documents, extract_graph
from kg.extract import build_matchers
from kg.extract.en.parts import PartsCache
from kg.link.resolve import resolver
from kg.link.resolve.enterprises import CompanyGrouping, NameReader
from kg.link.resolve.pinyin import Pinyin
from kg.model import Document, Entity, KnowledgeGraph
from kg.names import phrase_key
from kg.namespaces import ID
from kg.reference import load_lexicon, load_name_data, load_reference


@pytest.fixture(scope="module")
def pinyin() -> Pinyin:
    return Pinyin(load_name_data().syllables)


@pytest.fixture(scope="module")
def read():
    reader = NameReader(load_lexicon(), load_name_data(), build_matchers(load_reference(), load_lexicon()).regions)
    return reader.read


def graph_of(*texts: tuple[str, str]) -> KnowledgeGraph:
    """The graph of documents given as (name, text)."""
    return extract_graph([Document(name, text, hashlib.sha256(text.encode()).hexdigest()) for name, text in texts])


def enterprises(graph: KnowledgeGraph) -> dict[str, set[str]]:
    """Each Enterprise node's IRI (local name) -> its names."""
    return {iri.rsplit("/", 1)[1]: e.all_labels() for iri, e in graph.entities.items() if e.type == "Enterprise"}


def node_of(graph: KnowledgeGraph, name: str) -> str:
    """The local name of the one Enterprise node with that name (case and punctuation aside)."""
    [iri] = [iri.rsplit("/", 1)[1] for iri, e in graph.entities.items()
             if e.type == "Enterprise" and phrase_key(name) in {phrase_key(x) for x in e.all_labels()}]
    return iri


# ------------------------------------------------------------------ syllables, not letters


@pytest.mark.parametrize(("short", "long"), [("xyun", "xiaoyun"), ("qlan", "qiaolan"), ("hngtai", "hengtai"),
                                              ("zhbo", "zhuobo"), ("xiaoy", "xiaoyun")])
def test_a_brand_with_a_syllable_cut_short_shortens_the_pinyin_brand(pinyin, short, long):
    assert pinyin.shortens(short, long)


@pytest.mark.parametrize(("a", "b"), [("xinda", "xiangda"), ("jinda", "jiangda"), ("xinda", "xianda"),
                                      ("xinrui", "xinruian"), ("lanfeng", "lanfang"), ("xyun", "xiaoyu")])
def test_two_pinyin_readings_are_two_brands_however_few_letters_apart(pinyin, a, b):
    assert not pinyin.shortens(a, b) and not pinyin.shortens(b, a)


@pytest.mark.parametrize(("word", "truncations"), [("hengtaida", {"hengtai"}), ("xiaopeng", set()),
                                                    ("ruixinlong", {"ruixin"}), ("xpeng", set())])
def test_a_brand_of_three_syllables_or_more_is_truncated_by_its_last_syllable(pinyin, word, truncations):
    assert pinyin.truncations(word) == truncations


def test_a_word_that_is_no_pinyin_is_no_shortened_form_of_one_with_other_letters(pinyin):
    assert not pinyin.shortens("gordon", "guoyao")
    assert not pinyin.shortens("tcl", "tianchengli")  # every syllable cut: an acronym, not a short form


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["xiao", "heng", "tai", "lan", "qiao", "zhuo", "yun", "bo", "feng", "mei"]),
                min_size=2, max_size=3))
def test_every_shortened_form_keeps_the_consonants_in_order_and_is_no_pinyin(pinyin, syllables):
    brand = "".join(syllables)
    for form in pinyin.shortened_forms(brand):
        assert not pinyin.is_pinyin(form)
        consonants = [ch for ch in brand if ch not in "aeiouv"]
        assert [ch for ch in form if ch not in "aeiouv"] == consonants[:0] + [ch for ch in form if ch in consonants]


@pytest.mark.parametrize(("word", "answer"), [
    ("xiaoheng", True), ("anxi", True), ("xianan", True),  # xia-nan: no syllable after the first starts with a
    ("xheng", False), ("gordon", False), ("aoe", False), ("xi'an", False), ("Xiaoheng", False), ("xin1", False),
    ("", False), ("xian" * 10, True), ("xian" * 10 + "q", False)])  # the last two longer than the pattern takes
def test_a_word_is_pinyin_when_it_reads_as_syllables_and_nothing_else(pinyin, word, answer):
    assert pinyin.is_pinyin(word) is answer


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["xiao", "heng", "an", "e", "ou", "zhuang", "ng", "xi", "n", "g"]),
                          st.text("abceghinoqruxz", min_size=1, max_size=3)), min_size=1, max_size=6))
def test_the_syllable_pattern_answers_as_the_walk_over_the_table(pinyin, pieces):
    word = "".join(pieces)
    assert (pinyin._pattern.fullmatch(word) is not None) is pinyin._walks_as_syllables(word)


def test_shortened_forms_cut_one_or_two_syllables_and_never_all(pinyin):
    assert pinyin.shortened_forms("xiaoheng") == {"xheng", "xiaoh", "xiaohng"}
    assert {"htaida", "hngtaid", "htda"} <= pinyin.shortened_forms("hengtaida")  # one cut, two cuts
    assert "htd" not in pinyin.shortened_forms("hengtaida")


# ------------------------------------------------------------------ what a name says


def test_a_registered_name_is_a_brand_and_a_business(read):
    name = read("Guangdong Hengtai New Energy Technology Co., Ltd.")
    assert (name.brand, name.business, name.generic) == (("hengtai",), "new energy", frozenset({"technology"}))
    assert read("Hengtai New Energy").key == name.key
    assert read("Shanwei Hengtai New Energies Company Limited").key == name.key
    assert read("China Hengtai New Energy Corporation").key == name.key


@pytest.mark.parametrize("variant", ["Qiaolan Motors", "Qiaolan Automobile", "Qiaolan Automotive", "Qiaolan Auto",
                                     "Guangdong Qiaolan Automobile Co., Ltd.", "Qiaolan's auto"])
def test_synonymous_businesses_are_one_business(read, variant):
    assert read(variant).key == (("qiaolan",), "auto")


def test_different_businesses_are_different(read):
    assert read("Lanfeng Copper").key != read("Lanfeng Food").key != read("Lanfeng Auto Parts").key


# ------------------------------------------------------------------ companies in a corpus


XYUN = [("a.txt", "Xiaoyun Automobile plans to invest 3 billion yuan in a new production base in Shanwei."),
        ("b.txt", "Last year XYun Motors signed an agreement with Shanwei to build a research centre."),
        ("c.txt", "XYun said the plant will open next year. Leading enterprises such as XYun and Lanfeng Copper "
                  "have settled in Shanwei.")]


def test_a_shortened_brand_its_pinyin_and_the_brand_alone_are_one_company():
    graph = graph_of(*XYUN)
    node = node_of(graph, "Xiaoyun Automobile")
    assert node_of(graph, "XYun Motors") == node_of(graph, "XYun") == node
    assert node_of(graph, "Lanfeng Copper") != node


def test_a_short_form_of_two_pinyin_brands_of_one_business_joins_neither():
    graph = graph_of(
        ("a.txt", "Xiaoyun Automobile plans to invest 3 billion yuan in a new production base in Shanwei."),
        ("b.txt", "Xinyun Automobile plans to invest 2 billion yuan in a new production base in Shanwei."),
        ("c.txt", "Leading enterprises such as XYun Automobile and Lanfeng Copper have settled in Shanwei."))
    assert len({node_of(graph, n) for n in ("Xiaoyun Automobile", "Xinyun Automobile", "XYun Automobile")}) == 3


def test_a_brand_written_in_two_ways_is_one_brand_its_short_form_shortens():
    graph = graph_of(
        ("a.txt", "Leading enterprises such as Heng Tai Copper and Lanfeng Food have settled in Shanwei."),
        ("b.txt", "Hengtai Copper plans to invest 2 billion yuan in a copper foil project in Shanwei."),
        ("c.txt", "Leading enterprises such as HTai Copper and Xiaoyun Automobile have settled in Shanwei."))
    assert node_of(graph, "Heng Tai Copper") == node_of(graph, "Hengtai Copper") == node_of(graph, "HTai Copper")


def test_the_grouping_of_names_is_let_go_before_the_companies_are_made(monkeypatch):
    """Its tables and the cache of every brand's shortened forms go once the companies' mentions are grouped:
    held on, they were 0.2 GB of resolution's peak at 10,000 documents."""
    groupings: list[weakref.ref] = []
    pinyins: list[Pinyin] = []

    class Watched(CompanyGrouping):
        def __init__(self, named, pinyin, *args) -> None:
            super().__init__(named, pinyin, *args)
            groupings.append(weakref.ref(self))
            pinyins.append(pinyin)

    held_when_made: list[bool] = []

    def entity(iri: str, type: str, *args) -> Entity:
        if type == "Enterprise":
            held_when_made.append(any(ref() is not None for ref in groupings)
                                  or any(p.shortened_forms.cache_info().currsize for p in pinyins))
        return Entity(iri, type, *args)

    monkeypatch.setattr(resolver, "CompanyGrouping", Watched)
    monkeypatch.setattr(resolver, "Entity", entity)
    reference, lexicon = load_reference(), load_lexicon()
    docs = [Document(name, text, hashlib.sha256(text.encode()).hexdigest()) for name, text in XYUN]
    extractions = extract_documents(docs, reference, build_matchers(reference, lexicon))
    res = resolver.resolve_corpus({x.name: x.sentences for x in extractions},
                                  {x.name: list(x.mentions) for x in extractions}, reference,
                                  build_matchers(reference, lexicon), PartsCache())
    assert len(held_when_made) == 2 and not any(held_when_made)  # two companies: Xiaoyun's and Lanfeng's
    assert len({iri for iri in res.mention_entity.values() if "/enterprise/" in iri}) == 2


def test_the_same_brand_in_different_businesses_is_different_companies():
    graph = graph_of(
        ("a.txt", "Guangdong Lanfeng Copper Co., Ltd. plans to invest 2 billion yuan in a copper foil project."),
        ("b.txt", "Lanfeng Food signed an agreement to build a central kitchen in Shanwei."),
        ("c.txt", "Leading enterprises such as Lanfeng Auto Parts and Qiaolan Motors have settled in Shanwei."))
    nodes = {node_of(graph, n) for n in ("Guangdong Lanfeng Copper Co., Ltd.", "Lanfeng Food", "Lanfeng Auto Parts")}
    assert len(nodes) == 3


def test_near_twin_brands_stay_apart():
    graph = graph_of(("a.txt", "Leading enterprises such as Xinda Electronics, Xiangda Electronics, Jinda Copper "
                               "and Jiangda Copper have settled in Shanwei."))
    assert len({node_of(graph, n) for n in ("Xinda Electronics", "Xiangda Electronics", "Jinda Copper",
                                            "Jiangda Copper")}) == 4


def test_the_brand_alone_joins_the_company_its_document_names_when_the_corpus_has_two():
    graph = graph_of(
        ("a.txt", "Lanfeng Food signed an agreement to build a central kitchen in Shanwei. Lanfeng plans to "
                  "hire 300 workers."),
        ("b.txt", "Lanfeng Copper plans to invest 2 billion yuan in a copper foil project in Shanwei."),
        ("c.txt", "Lanfeng plans to invest 1 billion yuan in Shanwei."))
    food, copper = node_of(graph, "Lanfeng Food"), node_of(graph, "Lanfeng Copper")
    assert food != copper
    assert graph.entities[f"{ID}enterprise/{food}"].docs == {"a.txt"}
    assert graph.entities[f"{ID}enterprise/{copper}"].docs == {"b.txt"}  # c.txt could mean either


def test_a_subsidiary_is_its_own_company_linked_to_its_parent(edge):
    graph = graph_of(("a.txt", "Guangdong Lanfeng Battery Co., Ltd., a wholly-owned subsidiary of Qiaolan New "
                               "Energy Technology Co., Ltd., will build a plant in Shanwei."),
                     ("b.txt", "Qiaolan New Energy's subsidiary, Zhuobo Materials Co., Ltd., settled in Shanwei."))
    child, parent = (graph.entities[f"{ID}enterprise/{node_of(graph, n)}"]
                     for n in ("Guangdong Lanfeng Battery Co., Ltd.", "Qiaolan New Energy Technology Co., Ltd."))
    assert child.iri != parent.iri
    assert edge(child, "subsidiaryOf", parent, graph)
    other = graph.entities[f"{ID}enterprise/{node_of(graph, 'Zhuobo Materials Co., Ltd.')}"]
    assert edge(other, "subsidiaryOf", parent, graph)


# ------------------------------------------------------------------ parks


def test_a_parks_rank_qualifiers_and_province_do_not_make_another_park():
    graph = graph_of(
        ("a.txt", "Qiaolan Motors plans to invest 3 billion yuan in the Shanwei National Hi-tech Industrial "
                  "Development Zone."),
        ("b.txt", "Lanfeng Copper settled in the Guangdong Shanwei High-tech Zone."),
        ("c.txt", "Zhuobo Glass settled in the Shanwei Hi-tech Zone. The Shanwei Lanfeng Provincial Industrial "
                  "Park added 12 projects. The Shanwei Qiaolan Industrial Park added 8 projects."))
    parks = {iri.rsplit("/", 1)[1] for iri, e in graph.entities.items() if e.type == "Park"}
    assert parks == {"shanwei-high-tech-zone", "shanwei-lanfeng-industrial-park", "shanwei-qiaolan-industrial-park"}
    # the IRI the ranked name had stays resolvable
    assert graph.same_as[f"{ID}park/shanwei-national-high-tech-zone"] == f"{ID}park/shanwei-high-tech-zone"


# ------------------------------------------------------------------ IRIs that stay


UNRELATED = ("z.txt", "Qiaolan Glass plans to invest 1 billion yuan in a float glass line in Shanwei. "
                      "Zhuobo Textiles settled in the Shanwei Qiaolan Industrial Park.")


def test_iris_do_not_change_when_unrelated_documents_are_added_or_removed():
    before = graph_of(*XYUN)
    after = graph_of(*XYUN, UNRELATED)
    assert set(before.entities) <= set(after.entities)
    removed = graph_of(*XYUN[:2], UNRELATED)
    assert node_of(removed, "XYun Motors") == node_of(before, "XYun Motors")


def test_an_iri_does_not_change_when_a_new_alias_appears():
    alone = graph_of(XYUN[1])
    assert node_of(alone, "XYun Motors") == "xyun-auto"
    for more in (XYUN[0], ("d.txt", "Guangdong Xiaoyun Automotive Co., Ltd. supplies batteries to Lanfeng Copper.")):
        assert node_of(graph_of(XYUN[1], more), "XYun Motors") == "xyun-auto"


def test_where_two_entities_are_found_to_be_one_the_old_iri_stays_resolvable():
    alone = graph_of(XYUN[0])
    old = f"{ID}enterprise/{node_of(alone, 'Xiaoyun Automobile')}"
    both = graph_of(*XYUN)
    new = f"{ID}enterprise/{node_of(both, 'Xiaoyun Automobile')}"
    assert old != new and both.same_as[old] == new
    # owl:sameAs never says two entities of the graph are one
    assert not set(both.same_as) & set(both.entities)
    assert set(both.same_as.values()) <= set(both.entities)


def test_an_iri_two_companies_could_claim_is_no_same_as():
    graph = graph_of(("a.txt", "Lanfeng Copper and Lanfeng Food settled in Shanwei."))
    assert f"{ID}enterprise/lanfeng" not in graph.same_as


def test_kg_show_answers_an_old_iri(tmp_path):
    from kg.build.pipeline import build
    from kg.read.lookup import find_entity
    from kg.read.query import open_store

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in XYUN:
        (docs / name).write_text(text, encoding="utf-8")
    build(docs, tmp_path / "out", jobs=1, validate=False)
    store = open_store(tmp_path / "out")
    assert find_entity(store, "enterprise:xiaoyun-auto").iri == f"{ID}enterprise/xyun-auto"
    assert find_entity(store, f"{ID}enterprise/xiaoyun").iri == f"{ID}enterprise/xyun-auto"


def test_a_parent_and_its_subsidiary_that_share_a_brand_stay_two_companies():
    """"X New Materials Co., Ltd., a subsidiary of X Group" ("X集团全资子公司X新材料有限公司"): the group is no short
    name of the one company of its brand the document names, in the document or across the corpus (and each
    language's names of the two join their own); a short name that no sentence names as an owner still joins the
    one company of its brand."""
    graph = graph_of(
        ("a.txt", "Sihui news\n\nKaida New Materials Co., Ltd., a subsidiary of Kaida Group, settled in Sihui."),
        ("b.txt", "Sihui news\n\nKaida Group expanded in Gaoyao District."),
        ("c.txt", "广东凯达集团全资子公司广东凯达新材料有限公司落户四会。"),
        ("d.txt", "Sihui news\n\nHengtai Copper Co., Ltd. settled in Sihui. Hengtai expanded."))
    group, company = node_of(graph, "Kaida Group"), node_of(graph, "Kaida New Materials Co., Ltd")
    assert group != company
    assert node_of(graph, "广东凯达集团") == group and node_of(graph, "广东凯达新材料有限公司") == company
    assert node_of(graph, "Hengtai") == node_of(graph, "Hengtai Copper Co., Ltd")
    owned = {(r.subject.rsplit("/", 1)[1], r.object.rsplit("/", 1)[1])
             for r in graph.relations if r.predicate == "subsidiaryOf"}
    assert owned == {(company, group)}
