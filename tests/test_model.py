"""The data model: what a build holds millions of, and sends between processes, stays small and survives the trip."""

import pickle

import pytest

from kg.model import INFERRED, Entity, Evidence, Mention, Relation, RelationSet, Sentence

SENTENCE = Sentence("report.txt", 3, 120, 171, "Acme Robotics will build a plant in Dasha Town.")
MENTION = Mention("enterprise", "Acme Robotics", 120, 133, "report.txt", 3, None, "company-form",
                  (("en", "Acme Robotics"),))
EVIDENCE = Evidence("report.txt", SENTENCE.text, 120, 171, INFERRED, 0.55)


@pytest.mark.parametrize("item", [
    SENTENCE,
    MENTION,
    Mention("region", "Dasha Town", 156, 166, "report.txt", 3, "https://example.org/region/dasha"),
    EVIDENCE,
    Evidence("https://example.org/dataset/gazetteer"),
    Entity("https://example.org/enterprise/acme", "Enterprise", "Acme Robotics", alt_labels={"Acme"},
           docs={"report.txt"}),
    Relation("https://example.org/enterprise/acme", "locatedIn", "https://example.org/region/dasha", [EVIDENCE],
             2.0e8, "200 million yuan"),
], ids=lambda item: type(item).__name__)
def test_survives_pickling_between_processes(item):
    back = pickle.loads(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == item
    assert type(back) is type(item)


def test_evidence_keeps_what_equality_ignores():
    # two pieces of evidence citing one sentence are equal however derived, so == alone would not notice a
    # derivation or confidence lost on the way
    back = pickle.loads(pickle.dumps(EVIDENCE))
    assert (back.derivation, back.confidence) == (INFERRED, 0.55)
    assert back != Evidence("report.txt", SENTENCE.text, 0, 51)


def test_mention_keeps_its_details_and_stays_hashable():
    back = pickle.loads(pickle.dumps(MENTION))
    assert back.name_en == "Acme Robotics" and back.cue == "company-form"
    assert {MENTION: 1}[back] == 1


@pytest.mark.parametrize("item", [SENTENCE, MENTION, EVIDENCE], ids=lambda item: type(item).__name__)
def test_holds_no_dictionary_per_object(item):
    # a corpus of 10,000 documents holds half a million mentions and a third of a million sentences: a
    # dictionary each cost 100 bytes more per object
    assert not hasattr(item, "__dict__")
    with pytest.raises((AttributeError, TypeError)):
        item.note = "no room for attributes that are not fields"


def test_relation_set_merges_evidence_of_one_sentence():
    rels = RelationSet()
    rels.add("a", "locatedIn", "b", EVIDENCE)
    rels.add("a", "locatedIn", "b", Evidence("report.txt", SENTENCE.text, 120, 171, "stated", 0.9))
    (rel,) = rels
    assert [(ev.derivation, ev.confidence) for ev in rel.evidence] == [("stated", 0.9)]


def test_a_field_added_to_a_pickled_class_goes_through_pickling_too():
    from dataclasses import dataclass, field

    from kg import model

    @model._pickled_as_arguments
    @dataclass(frozen=True, slots=True)
    class Later:
        a: str
        b: int = 0
        note: str = field(default="", compare=False)

    # a class made inside a function cannot be found by name: pickle its reduction as pickle would
    cls, args = Later("x", 2, "kept").__reduce__()
    assert cls is Later and cls(*args).note == "kept" and cls(*args) == Later("x", 2)
