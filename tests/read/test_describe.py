"""`kg show`: one entity's types, labels, aliases and every relation in and out with its evidence."""

from __future__ import annotations

import json
import re
from collections import Counter

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
    # "(confidence 0.89; amount: 200 million yuan)": the sum as written, after the statement's confidence
    assert any("amount: 200 million yuan)" in line for line in text.splitlines())


def test_text_output_layout(kg_cli):
    result = kg_cli("show", "Jintian Copper")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Jintian Copper  (Enterprise)  enterprise:")
    assert "  label (en): Jintian Copper" in lines
    aliases = kg_cli("show", "Xpeng Motors").stdout.splitlines()
    assert any(line.startswith("  aliases: ") and "Xiaopeng" in line for line in aliases)
    out_header = next(i for i, line in enumerate(lines) if line.startswith("relations out ("))
    assert re.fullmatch(r"  \w+ \(\d+\):", lines[out_header + 1])  # a group: the relation and its count
    assert lines[out_header + 2].startswith("    \u2014")
    assert any(line.startswith("        \u201c") and "Jintian" in line for line in lines)
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


def groups_of(text: str) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """(direction, relation) -> (the count in its header, the relation lines under it)."""
    found, direction, current = {}, "", None
    for line in text.splitlines():
        if line.startswith("relations out"):
            direction = "out"
        elif line.startswith("relations in"):
            direction = "in"
        elif m := re.fullmatch(r"  (\w+) \((\d+)\)(?:, the first \d+)?:", line):
            current = (direction, m.group(1))
            found[current] = (int(m.group(2)), [])
        elif current and line.startswith(("    \u2014", "    \u2190")):
            found[current][1].append(line)
    return found


def test_relations_are_grouped_by_kind_with_counts_and_limited(kg_cli, seeds_store):
    sihui = find_entity(seeds_store, "Sihui")
    links = describe(seeds_store, sihui).links
    counts = Counter((k.direction, k.relation) for k in links)
    full = kg_cli("show", "Sihui", "--limit", "0").stdout
    groups = groups_of(full)
    assert {key: n for key, (n, _) in groups.items()} == dict(counts)
    assert all(len(shown) == n for n, shown in groups.values())
    limited = kg_cli("show", "Sihui", "--limit", "3").stdout
    for key, (n, shown) in groups_of(limited).items():
        assert n == counts[key] and len(shown) == min(n, 3)
    assert any(n > 3 for n in counts.values())
    assert len(limited.splitlines()) < len(full.splitlines()) / 3
    default = kg_cli("show", "Sihui").stdout
    assert len(default.splitlines()) < 250 and "[" in default and "more sentence" in default


def sentence_blocks(text: str) -> list[str]:
    """Each quoted sentence printed under a relation, its wrapped lines joined."""
    lines, blocks = text.splitlines(), []
    for i, line in enumerate(lines):
        if line.startswith("        \u201c"):
            block = [line]
            for nxt in lines[i + 1:]:
                if not nxt.startswith("         "):
                    break
                block.append(nxt)
            blocks.append(" ".join(x.strip() for x in block))
    return blocks


def test_a_sentence_recorded_twice_is_printed_once(kg_cli, seeds_store):
    """A photo caption repeated in a report is recorded at two offsets as the evidence of Honghui's locatedIn
    Guangzhou: printed once (JSON keeps one too)."""
    from kg.read.lookup import evidence_for

    honghui = find_entity(seeds_store, "Honghui")
    guangzhou = find_entity(seeds_store, "Guangzhou")
    key = (honghui.iri, "https://w3id.org/industry-kg/ontology#locatedIn", guangzhou.iri)
    recorded = evidence_for(seeds_store, [key])[key]
    captions = [ev for ev in recorded if ev.text and ev.text.startswith("\u25b2 The picture shows")]
    assert len(captions) == 2 and captions[0].start != captions[1].start
    text = kg_cli("show", "Honghui", "--limit", "0").stdout
    assert sum(b.startswith("\u201c\u25b2 The picture shows") for b in sentence_blocks(text)) == 1
    doc = json.loads(kg_cli("show", "Honghui", "--format", "json").stdout)
    located = next(r for r in doc["relations"] if r["relation"] == "locatedIn" and r["other_iri"] == guangzhou.iri)
    assert sum((ev["evidence"] or "").startswith("\u25b2 The picture") for ev in located["evidence"]) == 1


def test_relations_stated_by_one_sentence_share_its_printing(kg_cli):
    """One sentence names three of Sihui's chain masters and nothing else of theirs: listed together above it."""
    text = kg_cli("show", "Sihui", "--limit", "0").stdout
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if "Ruiqing Times, Xpeng Motors" in line)
    while not lines[at].startswith("        \u201c"):
        at -= 1
    at -= 1
    above = []
    while lines[at].startswith("    \u2190chainMasterOf"):
        above.append(lines[at])
        at -= 1
    assert len(above) >= 2


def test_min_confidence_leaves_out_unsure_evidence(seeds_store):
    from kg.read.lookup import Evidence

    assert Evidence("text", "s", "d.txt", 0, confidence=0.5).passes(0.6) is False
    assert Evidence("text", "s", "d.txt", 0, confidence=0.7).passes(0.6) is True
    assert Evidence("text", "s", "d.txt", 0).passes(0.99) is True  # none recorded: kept
    assert Evidence("reference", None, "Gazetteer").passes(1.0) is True
    sihui = find_entity(seeds_store, "Sihui")
    everything, sure = describe(seeds_store, sihui).links, describe(seeds_store, sihui, 0.5).links
    # the seeds' statements carry their confidence: some of Sihui's are below 0.5, and only those go
    assert 0 < len(sure) < len(everything)
    assert all(ev.passes(0.5) for link in sure for ev in link.evidence)
    assert all(any(ev.passes(0.5) for ev in link.evidence) == (link in sure) for link in everything)


def test_derivation_and_confidence_are_shown():
    from kg.read.describe import evidence_lines
    from kg.read.lookup import Evidence

    inferred = Evidence("text", "Sihui hosts the park.", "a.txt", 10, derivation="inferred", confidence=0.62)
    stated = Evidence("text", "Sihui hosts the park.", "b.txt", 10, derivation="stated", confidence=0.9)
    lines = evidence_lines([inferred, stated], 100, None)
    assert "      \u2014 a.txt (inferred, confidence 0.62)" in lines
    assert "      \u2014 b.txt (confidence 0.9)" in lines


def test_each_sentence_links_to_its_place_in_its_document(kg_cli, seeds_graph, seed_texts):
    doc = json.loads(kg_cli("show", "Jintian Copper", "--format", "json").stdout)
    pages = [ev for r in doc["relations"] for ev in r["evidence"] if ev["kind"] == "text"]
    assert pages and all(ev["page"].startswith("doc/") and ev["page"].endswith(f"#c{ev['start']}") for ev in pages)
    for ev in pages:
        file, _, anchor = ev["page"].partition("#")
        assert int(anchor[1:]) in sentence_starts(seeds_graph / file)
    text = kg_cli("show", "Jintian Copper").stdout
    assert (seeds_graph / "doc").resolve().as_uri() in text


def sentence_starts(page) -> set[int]:
    """The sentences a document's page marks (its page script gives each the id c<start>)."""
    import re

    data = re.search(r'<script type="application/json" id="kg-doc">(.*?)</script>', page.read_text(encoding="utf-8"))
    return {s[0] for s in json.loads(data.group(1))["sentences"]}


def test_hidden_labels_are_neither_shown_nor_found(kg_cli, seeds_store):
    """Sihui's garbled machine translations are kept as skos:hiddenLabel: evidence of a mention, not names."""
    from kg.errors import NameNotFound

    rows = seeds_store.query("SELECT ?h WHERE { region:sihui skos:hiddenLabel ?h }", prefixes=STANDARD_PREFIXES)
    hidden = [row[0].value for row in rows]
    assert "Fourth National Congress" in hidden
    shown = kg_cli("show", "Sihui", "--limit", "0").stdout + kg_cli("show", "Sihui", "--format", "json").stdout
    for name in hidden:
        assert name not in shown
        try:
            assert find_entity(seeds_store, name).iri != "https://w3id.org/industry-kg/id/region/sihui"
        except NameNotFound:
            pass
