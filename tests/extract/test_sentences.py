"""Sentences and word parts with character offsets into the document text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.en.parts import PartsCache, sentence_keys, sentence_parts
from kg.extract.en.sentences import split_sentences
from kg.model import Document, Sentence
from kg.names import fold


def doc(text: str) -> Document:
    return Document("doc.txt", text, "0" * 64)


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(doc(text))]


def test_a_paragraph_is_cut_at_full_stops():
    # seeds/004
    paragraph = ("Zhaoqing High-tech Zone has been recognized as the national torch new energy vehicle characteristic "
                 "industrial base, and has been approved as a national post-doctoral workstation. The construction of "
                 "Xijiang Laboratory is a")
    assert texts(paragraph) == [
        "Zhaoqing High-tech Zone has been recognized as the national torch new energy vehicle characteristic "
        "industrial base, and has been approved as a national post-doctoral workstation.",
        "The construction of Xijiang Laboratory is a",
    ]


def test_a_run_on_sentence_of_the_machine_translation_is_cut_before_its_capitalised_opener():
    # seeds/001: "... large-scale development The integrated development ..." has lost its full stop
    paragraph = ("support Jintian Copper, Gordon Aluminum and other leading companies to expand their local R&D, "
                 "production and sales links to promote large-scale development The integrated development of small "
                 "and medium-sized enterprises will comprehensively improve the level of industrial material products.")
    assert texts(paragraph) == [
        "support Jintian Copper, Gordon Aluminum and other leading companies to expand their local R&D, "
        "production and sales links to promote large-scale development",
        "The integrated development of small and medium-sized enterprises will comprehensively improve the level of "
        "industrial material products.",
    ]


def test_a_company_form_s_full_stop_ends_a_sentence_only_before_a_new_one():
    """"Co." before "Ltd.", "Ltd." before the name in brackets or the quoted name of its project go on; before a
    capitalised word that is not a legal form, the name has ended its sentence."""
    for line in ("Kaida Co. Ltd. is in Sihui.", "Hengda Inc. (Hengda) signed the deal.",
                 'The investor of Huaxin Co., Ltd. "Green Energy +" Project is Huaxin.'):
        assert texts(line) == [line]
    assert texts("The deal was signed with Kaida Co., Ltd. The project will cost 1 billion yuan.") == [
        "The deal was signed with Kaida Co., Ltd.", "The project will cost 1 billion yuan."]
    # seeds/004: a photograph's caption, then its credit
    line = ("▲ The picture shows the Zhaoqing High-tech Zone Investment Promotion Team visiting Guangzhou Honghui "
            "Mould Co., Ltd. Photographed by Wang Zhenyu")
    assert texts(line) == [line[:line.index(" Photographed")], "Photographed by Wang Zhenyu"]


def test_every_line_is_at_least_one_sentence():
    # seeds/004: a list under a heading, one line each
    lines = ("Dasha Town: Jintian Copper, auto parts manufacturing, nonferrous metal industry,\n\n"
             "Jianggu Town: Seiko Ink\n\n"
             "Xiamao Town: cosmetics, chemical products, resource recycling industry")
    assert texts(lines) == ["Dasha Town: Jintian Copper, auto parts manufacturing, nonferrous metal industry,",
                            "Jianggu Town: Seiko Ink",
                            "Xiamao Town: cosmetics, chemical products, resource recycling industry"]


def parts_point_into(text: str, sentence: Sentence) -> bool:
    return all(fold(text[p.start:p.end]) == p.raw for p in sentence_parts(sentence))


def test_sentence_and_word_part_offsets_point_into_the_seed_text(seed_documents):
    for document in seed_documents:
        sentences = split_sentences(document)
        assert [s.index for s in sentences] == list(range(len(sentences)))
        for s in sentences:
            assert document.text[s.start:s.end] == s.text
            assert parts_point_into(document.text, s)


def test_word_parts_mark_possessives_and_punctuation():
    text = "Build the Lotus Industrial Park in Hilltop High-tech Zone, urge ABC's project"
    parts = sentence_parts(Sentence("doc.txt", 0, 10, 10 + len(text), text))
    assert [p.raw for p in parts] == ["Build", "the", "Lotus", "Industrial", "Park", "in", "Hilltop", "High", "tech",
                                      "Zone", "urge", "ABC", "project"]
    assert [p.raw for p in parts if p.possessive] == ["ABC"]
    assert [p.raw for p in parts if p.hard_gap] == ["urge"]
    assert parts[0].start == 10 and parts[-1].end == 10 + len(text)


def test_a_sentences_keys_are_its_parts_keys_without_the_parts():
    text = "Ｑｉａｏｌｕｎ’s factories and ABC's companies’ investors, led by two Industries"
    sentence = Sentence("doc.txt", 0, 0, len(text), text)
    keys = sentence_keys(sentence)
    assert keys == {p.key for p in sentence_parts(sentence)}
    assert {"qiaolun", "factory", "abc", "company", "investor", "by", "industry"} <= keys
    assert "s" not in keys and "factories" not in keys


@given(st.text(alphabet=st.sampled_from(list("Abys1 .,;'’＇ｓ-四")), max_size=80))
def test_keys_and_parts_agree_on_any_text(text):
    sentence = Sentence("doc.txt", 0, 0, len(text), text)
    assert sentence_keys(sentence) == {p.key for p in sentence_parts(sentence)}


@given(st.text(alphabet=st.sampled_from(list("Ab1 .,;:!?\n\r\t'’-()\"“”四会市")), max_size=300))
def test_offsets_hold_for_any_text(text):
    document = doc(text)
    previous_end = 0
    for s in split_sentences(document):
        assert s.text == text[s.start:s.end] and s.text.strip() == s.text and s.text
        assert s.start >= previous_end
        previous_end = s.end
        assert parts_point_into(text, s)


def test_a_sentence_s_parts_are_made_once_until_its_document_is_forgotten():
    cache = PartsCache()
    one, other = Sentence("a.txt", 0, 0, 12, "Sihui grows."), Sentence("b.txt", 0, 0, 12, "Sihui grows.")
    first = cache(one)
    assert cache(one) is first and cache(other) is not first
    cache.forget("a.txt")
    again = cache(one)
    assert again is not first and [p.raw for p in again] == [p.raw for p in first]
    assert cache(other) is cache(other)  # another document's parts stay
