"""Enterprise names found again: a name one document gives in full is found where another writes it short."""

from __future__ import annotations

import hashlib

import pytest

from kg.extract import build_matchers, extract_document
from kg.extract.en.parts import PartsCache
from kg.link.resolve.known_names import link_known_enterprises
from kg.model import Document
from kg.reference import load_lexicon, load_reference

TEXTS = (
    "Qiaolun Precision Mould Co., Ltd. opened a new plant in Sihui last year.",
    "Qiaolun Precision Mould has expanded its press line.",
    "Output at Qiaolun Precision Mould rose by a fifth.",
    "The county built a new road this year.",
)


@pytest.fixture(scope="module")
def tools():
    reference = load_reference()
    return reference, build_matchers(reference, load_lexicon())


def found(tools, texts=TEXTS) -> dict[str, list[tuple[str, str]]]:
    """Each document's enterprise mentions (surface, cue) once the corpus's names are looked for in it."""
    reference, matchers = tools
    extractions = [extract_document(Document(f"doc{i}.txt", t, hashlib.sha256(t.encode()).hexdigest()),
                                    reference, matchers) for i, t in enumerate(texts, 1)]
    sentences, mentions = {x.name: x.sentences for x in extractions}, {x.name: list(x.mentions) for x in extractions}
    link_known_enterprises(matchers, PartsCache(), sentences, mentions)
    return {doc: [(m.surface, m.cue) for m in ms if m.kind == "enterprise"] for doc, ms in mentions.items()}


def test_a_name_given_in_full_is_found_where_other_documents_write_it_short(tools):
    mentions = found(tools)
    assert ("Qiaolun Precision Mould", "known-name") in mentions["doc2.txt"]
    assert ("Qiaolun Precision Mould", "known-name") in mentions["doc3.txt"]


def test_a_document_that_names_no_known_company_gains_no_enterprise(tools):
    assert found(tools)["doc4.txt"] == []


def test_a_short_name_no_document_gives_in_full_is_not_found_again(tools):
    mentions = found(tools, TEXTS[1:])
    assert not any(cue == "known-name" for ms in mentions.values() for _, cue in ms)
