"""English relation rules in phrasings of documents the rules were not written on (news of a signing, a county's
work report, a park's page, a company's profile): sentences written for these tests, names invented. Each rule
has phrasings it must read and phrasings it must leave alone."""

from __future__ import annotations

from kg.model import Entity, KnowledgeGraph
from kg.namespaces import ID


def industry(graph: KnowledgeGraph, slug: str) -> Entity:
    return graph.entities[f"{ID}industry/{slug}"]


# ------------------------------------------------------------------ the names of vocabulary industries


def test_a_vocabulary_industry_is_named_as_the_documents_write_it(extract):
    graph = extract("Huaiji County will develop the new energy industry and the tea industry.",
                    "The renewable energy industry of Fengkai County grew by 12% last year.")
    new_energy = industry(graph, "new-energy")
    assert new_energy.label == "new energy"
    assert "renewable energy" in new_energy.alt_labels  # the second document's name for it
    # the vocabulary's synonyms no document used are not names the corpus gave it, but stay searchable as hidden
    assert "renewables" not in new_energy.alt_labels and "renewables" in new_energy.hidden_labels
    assert "clean energy" not in new_energy.alt_labels


def test_low_carbon_energy_is_an_industry_of_its_own_under_new_energy(extract):
    graph = extract("The province will cultivate future industries such as low-carbon energy and future networks.")
    low_carbon = industry(graph, "low-carbon-energy")
    assert low_carbon.label == "low-carbon energy"
    assert f"{ID}industry/new-energy" not in graph.entities or \
        "low-carbon energy" not in industry(graph, "new-energy").all_labels()
