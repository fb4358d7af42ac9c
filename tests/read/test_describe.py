"""`kg show`: one entity's types, labels, aliases and every relation in and out with its evidence."""

from __future__ import annotations

import json

from kg.read.describe import describe
from kg.read.lookup import find_entity
from kg.read.query import STANDARD_PREFIXES


def relations_in_store(store, iri: str) -> set[tuple[str, str, str]]:
    rows = store.query(f"""SELECT ?s ?p ?o WHERE {{
        ?p a owl:ObjectProperty . FILTER(?p != kg:mentionedIn)
        {{ BIND(<{iri}> AS ?s) ?s ?p ?o }} UNION {{ BIND(<{iri}> AS ?o) ?s ?p ?o }} }}""",
                       prefixes=STANDARD_PREFIXES)
    return {(s.value, p.value.rsplit("#", 1)[1], o.value) for s, p, o in rows}


def test_sihui_labels_aliases_and_kind(kg_cli):
    doc = json.loads(kg_cli("show", "sihui", "--format", "json").stdout)
    assert (doc["label"], doc["type"]) == ("Sihui", "County")
    assert doc["labels"]["en"] == ["Sihui"] and doc["labels"]["zh"] == ["四会市"]
    assert {"Sihui City", "四会"} <= set(doc["aliases"])
    assert doc["attributes"]["adminKind"] == ["county-level city"]
    assert any(doc_name.startswith("001_") for doc_name in doc["documents"])


def test_every_relation_in_and_out_is_shown(seeds_store):
    for name in ("Jintian Copper", "Sihui", "Automotive industry cluster", "Zhaoqing High-tech Zone"):
        entity = find_entity(seeds_store, name)
        d = describe(seeds_store, entity)
        shown = {(entity.iri, k.relation, k.other.iri) if k.direction == "out" else
                 (k.other.iri, k.relation, entity.iri) for k in d.links}
        assert shown == relations_in_store(seeds_store, entity.iri)
        assert all(k.evidence for k in d.links)


def test_relations_carry_their_sentences(kg_cli, seed_texts):
    doc = json.loads(kg_cli("show", "automotive cluster", "--format", "json").stdout)
    assert doc["types"] == ["kg:Cluster", "kg:PillarCluster"]
    assert doc["labels"]["zh"] == ["汽车产业集群"]
    centre = next(r for r in doc["relations"] if r["relation"] == "clusterCentre" and r["other"] == "Zhaoqing")
    assert centre["direction"] == "out" and centre["other_type"] == "City"
    (ev,) = [e for e in centre["evidence"] if e["doc"].startswith("002_")]
    text = seed_texts[ev["doc"]]
    assert text[ev["start"]:ev["start"] + len(ev["evidence"])] == ev["evidence"]
    assert "Zhaoqing" in ev["evidence"]


def test_relations_in_point_back(kg_cli, seeds_store):
    jintian = find_entity(seeds_store, "Jintian Copper").label
    doc = json.loads(kg_cli("show", "Zhaoqing", "--format", "json").stdout)
    incoming = {(r["relation"], r["other"]) for r in doc["relations"] if r["direction"] == "in"}
    assert ("clusterCentre", "Automotive industry cluster") in incoming
    assert any(rel in ("locatedIn", "investsIn") for rel, other in incoming if other != jintian)


def test_investment_amounts_are_shown(kg_cli):
    text = kg_cli("show", "Wanhuabao Food").stdout
    assert "\u2014investsIn\u2192 Zhaoqing High-tech Zone  (Park)" in text
    assert any("(amount: " in line and "200 million yuan)" in line for line in text.splitlines())


def test_text_output_layout(kg_cli):
    result = kg_cli("show", "Jintian Copper")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Jintian Copper  (Enterprise)  enterprise:")
    assert "  label (en): Jintian Copper" in lines
    aliases = kg_cli("show", "Xpeng Motors").stdout.splitlines()
    assert any(line.startswith("  aliases: ") and "Xiaopeng" in line for line in aliases)
    out_header = next(i for i, line in enumerate(lines) if line.startswith("relations out ("))
    assert lines[out_header + 1].startswith("  \u2014")
    assert any(line.startswith("      \u201c") and "Jintian" in line for line in lines)
    assert any(line.startswith("relations in (") for line in lines)


def test_unknown_and_ambiguous_names_exit_2(kg_cli):
    unknown = kg_cli("show", "Nonexistent Widget Factory")
    assert unknown.exit_code == 2 and "no entity is called" in unknown.stderr
    ambiguous = kg_cli("show", "Zhaoqing new")
    assert ambiguous.exit_code == 2 and "Zhaoqing New Area" in ambiguous.stderr


def test_every_command_is_documented_with_an_example():
    from kg.cli import main

    for name in ("query", "path", "show"):
        command = main.commands[name]
        assert "Example:" in command.help and f"kg {name} " in command.help
