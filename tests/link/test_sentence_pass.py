"""The sentence pass splits a sentence into word parts (`kg.extract.en.parts`) only where a rule needs their
order or offsets: a rule that asks whether a word is in the sentence reads its keys (`SentenceView.keys`), and a
possessive needs an apostrophe. The relations are those of reading every sentence's parts; the tests write
their own sentences, with invented names."""

from __future__ import annotations

import pytest

import kg.link
from kg.extract.en.parts import PartsCache
from kg.model import KnowledgeGraph, Sentence


@pytest.fixture
def linked(extract, monkeypatch):
    """linked(*texts) -> (graph, texts of the sentences whose words the sentence pass read): `extract`, with
    the sentence pass's parts cache noting each sentence it splits."""
    read: list[str] = []

    class CountingParts(PartsCache):
        def __call__(self, sentence: Sentence):
            read.append(sentence.text)
            return super().__call__(sentence)
    monkeypatch.setattr(kg.link, "PartsCache", CountingParts)

    def run(*texts: str) -> tuple[KnowledgeGraph, set[str]]:
        read.clear()
        return extract(*texts), set(read)
    return run


def located(graph: KnowledgeGraph, company: str, place: str) -> set[str]:
    """How the graph places the company in the place: the derivations of its evidence (none: not placed)."""
    def iri(name: str) -> str:
        return next(e.iri for e in graph.entities.values() if name in e.all_labels())
    s, o = iri(company), iri(place)
    return {ev.derivation for r in graph.relations if (r.subject, r.predicate, r.object) == (s, "locatedIn", o)
            for ev in r.evidence if ev.is_text}


PLAIN = "Qiaolun Precision Mould Co., Ltd. and Hengxin Auto Parts Co., Ltd. opened offices in the county last year."


def test_a_sentence_without_any_rules_cue_is_not_split_into_words(linked):
    _, read = linked(f"Huaiji County news\n\n{PLAIN}")
    assert PLAIN not in read


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_possessive_site_is_read_whichever_apostrophe_writes_it(linked, apostrophe):
    sentence = f"Hengxin Auto Parts{apostrophe}s Zhaoqing plant began production in May."
    graph, read = linked(f"Guangdong industry news\n\nGuangdong grows.\n{sentence}")
    assert sentence in read
    assert located(graph, "Hengxin Auto Parts", "Zhaoqing") == {"stated"}


def test_without_a_possessive_the_company_is_not_placed_by_its_site(linked):
    sentence = "Hengxin Auto Parts and a Zhaoqing plant began production in May."
    graph, read = linked(f"Guangdong industry news\n\nGuangdong grows.\n{sentence}")
    assert "stated" not in located(graph, "Hengxin Auto Parts", "Zhaoqing")
    assert sentence not in read  # no apostrophe: no possessive to look for


def test_the_companies_of_the_park_a_sentence_refers_back_to(linked):
    members = "Major enterprises in the park include Qiaolun Precision Mould and Hengxin Auto Parts."
    graph, read = linked(f"Sihui news\n\nThe Hongyan Industrial Park opened in 2020. {members}")
    assert members not in read  # "enterprises" looked up among the sentence's keys; its parts never made
    # the park is the one the sentence refers back to: inferred, not stated
    assert located(graph, "Hengxin Auto Parts", "Hongyan Industrial Park") == {"inferred"}
