"""Enterprise names found again: a name one document gives in full is found where another writes it short."""

from __future__ import annotations

from kg.extract.en.parts import PartsCache
from kg.link.resolve.known_names import link_known_enterprises

TEXTS = (
    "Qiaolun Precision Mould Co., Ltd. opened a new plant in Sihui last year.",
    "Qiaolun Precision Mould has expanded its press line.",
    "Output at Qiaolun Precision Mould rose by a fifth.",
    "The county built a new road this year.",
)


def found(tools, extracted, texts=TEXTS, jobs: int = 1) -> dict[str, list[tuple[str, str]]]:
    """Each document's enterprise mentions (surface, cue) once the corpus's names are looked for in it by
    `jobs` processes."""
    sentences, mentions = extracted(*texts)
    link_known_enterprises(tools[1], PartsCache(), sentences, mentions, jobs)
    return {doc: [(m.surface, m.cue) for m in ms if m.kind == "enterprise"] for doc, ms in mentions.items()}


def test_a_name_given_in_full_is_found_where_other_documents_write_it_short(tools, extracted):
    mentions = found(tools, extracted)
    assert ("Qiaolun Precision Mould", "known-name") in mentions["doc2.txt"]
    assert ("Qiaolun Precision Mould", "known-name") in mentions["doc3.txt"]


def test_a_document_that_names_no_known_company_gains_no_enterprise(tools, extracted):
    assert found(tools, extracted)["doc4.txt"] == []


def test_a_short_name_no_document_gives_in_full_is_not_found_again(tools, extracted):
    mentions = found(tools, extracted, TEXTS[1:])
    assert not any(cue == "known-name" for ms in mentions.values() for _, cue in ms)


def test_the_names_found_again_are_the_same_whatever_number_of_processes_look(tools, extracted):
    texts = (*TEXTS, "Suppliers such as Qiaolun Precision Mould, Hengxin and others met in Gaoyao.",
             "Hengxin Auto Parts Co., Ltd. signed a contract.", "Qiaolun Precision Mould and Hengxin both grew.")
    one = found(tools, extracted, texts)
    assert found(tools, extracted, texts, jobs=2) == found(tools, extracted, texts, jobs=3) == one
    assert sum(cue == "known-name" for ms in one.values() for _, cue in ms) >= 4
