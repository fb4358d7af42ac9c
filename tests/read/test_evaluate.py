"""Measuring extraction (kg/evaluate.py, `kg eval`) against the gold annotations in tests/gold/: the scores
the project reaches today are a floor the tests keep."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from kg.errors import UsageError
from kg.read.evaluate import GraphEntity, GraphView, evaluate, graph_view, load_gold, parse_gold, store_view

GOLD = ROOT / "tests" / "gold"
HUADU = "003_d3940567e1aa418c.txt"

# F1 measured when the gold was written (see the README), less a margin: a change that loses a correct entity
# or relation of these documents fails here.
FLOORS = {
    "huadu.json": {"entities": {"all": 0.93, "Industry": 0.97, "Enterprise": 0.97, "County": 0.97},
                   "relations": {"all": 0.87, "hasIndustry": 0.9, "chainMasterOf": 0.97}},
    "cluster_plan.json": {"entities": {"all": 0.97, "Cluster": 0.97, "City": 0.97, "Province": 0.97},
                          "relations": {"all": 0.97, "clusterCentre": 0.97}},
    "sihui_report.json": {"entities": {"all": 0.95, "Park": 0.93, "Enterprise": 0.97},
                          "relations": {"all": 0.97, "chainMasterOf": 0.97, "investsIn": 0.97}},
}


@pytest.mark.parametrize("gold_file", sorted(FLOORS))
def test_scores_on_the_shipped_gold_stay_above_today(gold_file, seed_kg):
    report = evaluate(load_gold(GOLD / gold_file), graph_view(seed_kg))
    assert not report.absent
    below = {(part, kind): round(report.scores[part][kind].f1 or 0.0, 3)
             for part, floors in FLOORS[gold_file].items() for kind, floor in floors.items()
             if (report.scores[part][kind].f1 or 0.0) < floor}
    assert below == {}, report.render()


@pytest.mark.parametrize("gold_file", sorted(FLOORS))
def test_the_store_and_the_in_memory_graph_score_alike(gold_file, seed_kg, seeds_store):
    gold = load_gold(GOLD / gold_file)
    assert evaluate(gold, store_view(seeds_store)).as_dict() == evaluate(gold, graph_view(seed_kg)).as_dict()


def test_the_gold_evidence_is_verbatim_text_of_its_document(seed_texts):
    for path in sorted(GOLD.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        [document] = data["documents"]
        for item in data["entities"] + data["relations"]:
            assert item.get("evidence", "") in seed_texts[document], (path.name, item)


# ---------------------------------------------------------------- how scoring counts, on a small example


def small_gold(**overrides) -> dict:
    gold = {
        "format": "industry-kg gold 1",
        "documents": ["a.txt"],
        "types": ["County", "Enterprise"],
        "predicates": ["locatedIn", "inIndustry"],
        "entities": [{"id": "sihui", "type": "County", "name": "Sihui", "aliases": ["Sihui City"]},
                     {"id": "jintian", "type": "Enterprise", "name": "Jintian Copper"},
                     {"id": "honghui", "type": "Enterprise", "name": "Honghui Mould",
                      "evidence": "Honghui Mould moved in."}],
        "relations": [{"subject": "jintian", "predicate": "locatedIn", "object": "sihui",
                       "evidence": "Jintian Copper in Sihui."},
                      {"subject": "Honghui Mould", "predicate": "locatedIn", "object": "Sihui"}],
    }
    gold.update(overrides)
    return gold


def small_view() -> GraphView:
    view = GraphView(documents={"a.txt", "b.txt"})
    for iri, type, labels, docs in [
        ("r:sihui", "County", {"Sihui", "四会"}, {"a.txt"}),
        ("e:jintian", "Enterprise", {"Jintian Copper"}, {"a.txt"}),
        ("e:jintian-2", "Enterprise", {"Jintian copper"}, {"a.txt"}),  # the same company, split
        ("e:other", "Enterprise", {"Guangning Paper"}, {"b.txt"}),  # not in a gold document
        ("i:copper", "Industry", {"copper"}, {"a.txt"}),  # a type the gold does not annotate
    ]:
        view.entities[iri] = GraphEntity(iri, type, labels, docs)
    view.relations[("e:jintian", "locatedIn", "r:sihui")] = [("a.txt", "Jintian Copper in Sihui.")]
    view.relations[("e:jintian-2", "inIndustry", "i:copper")] = [("a.txt", "Jintian copper rolls.")]
    view.relations[("e:other", "locatedIn", "r:sihui")] = [("b.txt", "Guangning Paper in Sihui.")]
    view.relations[("r:sihui", "locatedIn", "r:zhaoqing")] = []  # reference data only
    return view


def test_counting_entities_and_relations():
    report = evaluate(parse_gold(small_gold()), small_view())
    entities, relations = report.scores["entities"], report.scores["relations"]
    assert (entities["County"].gold, entities["County"].found, entities["County"].correct) == (1, 1, 1)
    # the split company is one correct entity and one false positive; Honghui Mould is missed
    assert (entities["Enterprise"].gold, entities["Enterprise"].found, entities["Enterprise"].correct) == (2, 2, 1)
    assert "Industry" not in entities
    assert (relations["locatedIn"].gold, relations["locatedIn"].found, relations["locatedIn"].correct) == (2, 1, 1)
    assert (relations["inIndustry"].gold, relations["inIndustry"].found) == (0, 1)
    assert relations["all"].precision == 0.5 and relations["all"].recall == 0.5
    assert entities["all"].precision == entities["all"].recall == entities["all"].f1 == pytest.approx(2 / 3)
    assert [(f.kind, f.text, f.sentence) for f in report.misses] == [
        ("Enterprise", "Honghui Mould", "Honghui Mould moved in."),
        ("locatedIn", "Honghui Mould —locatedIn→ Sihui", ""),
    ]
    assert [(f.kind, f.text, f.document, f.sentence) for f in report.false_positives] == [
        ("Enterprise", "Jintian copper", "a.txt", "Jintian copper rolls."),
        ("inIndustry", "Jintian copper —inIndustry→ copper", "a.txt", "Jintian copper rolls."),
    ]
    text = report.render()
    assert "  Enterprise         2      2        1       0.50    0.50  0.50" in text
    assert "misses (in the gold, not in the graph): 2" in text and "      “Honghui Mould moved in.”" in text


def test_a_relation_counts_only_with_evidence_from_its_document():
    view = small_view()
    view.relations[("e:jintian", "locatedIn", "r:sihui")] = [("b.txt", "Jintian Copper in Sihui.")]
    report = evaluate(parse_gold(small_gold()), view)
    assert report.scores["relations"]["locatedIn"].correct == 0


def test_a_document_missing_from_the_graph_is_said():
    report = evaluate(parse_gold(small_gold(documents=["c.txt"])), small_view())
    assert report.absent == ["c.txt"]
    assert "warning: the graph holds no document named c.txt" in report.render()


@pytest.mark.parametrize("change, message", [
    ({"format": "something else"}, '"format": "industry-kg gold 1"'),
    ({"documents": []}, '"documents" must list'),
    ({"types": ["Company"]}, "unknown entity type 'Company'"),
    ({"entities": [{"name": "Sihui"}]}, 'entity #1 needs a "name" and a "type"'),
    ({"relations": [{"subject": "Nowhere", "predicate": "locatedIn", "object": "sihui"}]},
     "relation #1: subject 'Nowhere' is not the id or name of an entity of the gold"),
    ({"relations": [{"subject": "jintian", "predicate": "near", "object": "sihui"}]},
     "relation #1: predicate 'near' is not one of"),
])
def test_a_malformed_gold_says_what_is_wrong(change, message):
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_gold(small_gold(**change), "gold.json")


def test_kg_eval(seeds_graph):
    from kg.cli import main

    runner = CliRunner()
    text = runner.invoke(main, ["eval", "--gold", str(GOLD / "huadu.json"), "--graph", str(seeds_graph)])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert lines[0] == f"gold: {GOLD / 'huadu.json'} (1 document: {HUADU})"
    assert any(line.startswith("  Enterprise ") for line in lines)
    assert any(line.startswith("misses (in the gold, not in the graph): ") for line in lines)

    as_json = runner.invoke(main, ["eval", "--gold", str(GOLD / "cluster_plan.json"), "--graph", str(seeds_graph),
                                   "--format", "json"])
    scores = json.loads(as_json.stdout)["scores"]
    assert scores["relations"]["clusterCentre"]["gold"] == 100

    both = runner.invoke(main, ["eval", "--gold", str(GOLD / "huadu.json"), "--docs", "seeds",
                                "--graph", str(seeds_graph)])
    assert both.exit_code == 2 and "not both" in both.stderr
