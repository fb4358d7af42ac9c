"""`kg query`: SPARQL on the seeds graph, every output format, the refusals, and the example queries' answers
checked against what the seed documents say."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import threading

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import QUERIES, ROOT
from kg.errors import QueryRefused, QuerySyntaxError
from kg.read.query import DISPLAY_PREFIXES, STANDARD_PREFIXES, check_query, run_query

CLUSTERS = "SELECT ?c ?label WHERE { ?c a kg:Cluster ; rdfs:label ?label } ORDER BY ?c ?label"


def count_triples(store) -> int:
    return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0].value)


def example(name: str, store) -> list[dict[str, str]]:
    """Run notebooks/queries/NAME.rq; rows as {variable: value} ('' when unbound)."""
    result = run_query(store, (QUERIES / f"{name}.rq").read_text(encoding="utf-8"))
    return [{v: (t.value if t is not None else "") for v, t in zip(result.variables, row)} for row in result.rows]


def label_of(store, name: str) -> str:
    from kg.read.lookup import find_entity

    return find_entity(store, name).label


# ---------------------------------------------------------------- formats


def test_table_is_aligned_with_compact_iris(kg_cli):
    result = kg_cli("query", CLUSTERS)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["c", "label"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    label_column = lines[0].index("label")
    assert lines[1][label_column - 2:label_column + 1] == "  -"
    assert "cluster:automotive" in result.stdout
    assert all(line[label_column - 2:label_column] == "  " for line in lines[2:])
    rows = [line for line in lines[2:] if line.startswith("cluster:automotive ")]
    assert {r[label_column:] for r in rows} == {"Automotive industry cluster", "汽车产业集群"}


def test_csv_follows_sparql_results_csv(kg_cli, seeds_store):
    result = kg_cli("query", CLUSTERS, "--format", "csv")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["c", "label"]
    expected = [[c.value, label.value] for c, label in seeds_store.query(CLUSTERS, prefixes=STANDARD_PREFIXES)]
    assert rows[1:] == expected
    assert ["https://w3id.org/industry-kg/id/cluster/automotive", "Automotive industry cluster"] in rows


@pytest.mark.parametrize("fmt", ["json", "tsv"])
def test_json_and_tsv_read_back_with_a_strict_parser(kg_cli, seeds_store, fmt):
    result = kg_cli("query", CLUSTERS, "--format", fmt)
    assert result.exit_code == 0
    parsed = ox.parse_query_results(result.stdout.encode(), format=getattr(ox.QueryResultsFormat, fmt.upper()))
    assert [v.value for v in parsed.variables] == ["c", "label"]
    got = [tuple(row) for row in parsed]
    expected = [tuple(row) for row in seeds_store.query(CLUSTERS, prefixes=STANDARD_PREFIXES)]
    assert got == expected
    assert ox.Literal("汽车产业集群", language="zh") in {row[1] for row in got}


def test_json_has_the_sparql_results_shape(kg_cli):
    doc = json.loads(kg_cli("query", CLUSTERS + " LIMIT 1", "--format", "json").stdout)
    assert doc["head"] == {"vars": ["c", "label"]}
    (binding,) = doc["results"]["bindings"]
    assert binding["c"]["type"] == "uri"
    assert binding["label"]["type"] == "literal" and binding["label"]["xml:lang"] in ("en", "zh")


@pytest.mark.parametrize("fmt,expected", [("table", "true"), ("csv", "true"), ("tsv", "true"),
                                          ("json", '{"head": {}, "boolean": true}')])
def test_ask_in_every_format(kg_cli, fmt, expected):
    query = 'ASK { ?z rdfs:label "Zhaoqing"@en . ?c kg:clusterCentre ?z }'
    result = kg_cli("query", query, "--format", fmt)
    assert result.exit_code == 0 and result.stdout.strip() == expected


def test_construct_as_turtle_parses_back(kg_cli):
    query = "CONSTRUCT { ?c kg:clusterCentre ?city } WHERE { ?c kg:clusterCentre ?city }"
    turtle = kg_cli("query", query, "--format", "turtle").stdout
    triples = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    table = kg_cli("query", query).stdout.splitlines()
    assert len(triples) == len(table) - 2 > 0
    assert all(t.predicate.value.endswith("#clusterCentre") for t in triples)
    assert "@prefix cluster:" in turtle and "kg:clusterCentre" in turtle


def test_turtle_needs_a_graph_query(kg_cli):
    result = kg_cli("query", CLUSTERS, "--format", "turtle")
    assert result.exit_code == 2 and "CONSTRUCT" in result.stderr


def test_query_from_rq_file_and_stdin(kg_cli):
    from_file = kg_cli("query", str(QUERIES / "clusters_centred_on_zhaoqing.rq"), "--format", "csv")
    from_stdin = kg_cli("query", "-", "--format", "csv",
                        input=(QUERIES / "clusters_centred_on_zhaoqing.rq").read_text(encoding="utf-8"))
    assert from_file.exit_code == from_stdin.exit_code == 0
    assert from_file.stdout == from_stdin.stdout
    assert "Automotive industry cluster" in from_file.stdout


def test_missing_query_file_and_missing_graph(kg_cli, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    missing = kg_cli("query", str(tmp_path / "nothing.rq"))
    assert missing.exit_code == 2 and "cannot read query file" in missing.stderr
    no_graph = CliRunner().invoke(main, ["query", "ASK {}", "--graph", str(tmp_path)])
    assert no_graph.exit_code == 2 and "kg build --out" in no_graph.stderr


def test_display_prefixes_are_the_ones_kg_build_writes():
    from kg.publish import rdf

    assert DISPLAY_PREFIXES.items() <= rdf.PREFIXES.items()


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize("update", [
    'INSERT DATA { <https://example.org/a> <https://example.org/b> "c" }',
    "DELETE WHERE { ?s ?p ?o }",
    "delete { ?s ?p ?o } where { ?s ?p ?o }",
    "LOAD <https://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP DEFAULT",
    "WITH <https://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_update_is_refused_and_changes_nothing(kg_cli, seeds_store, update):
    before = count_triples(seeds_store)
    result = kg_cli("query", update)
    assert result.exit_code == 2
    assert "SPARQL UPDATE is refused" in result.stderr and "read-only" in result.stderr
    assert count_triples(seeds_store) == before


@pytest.fixture
def listener():
    """A local TCP port that records every connection made to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    connections: list[bytes] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            connections.append(conn.recv(200))
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join()
    server.close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ service silent <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    "PREFIX remote: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{\n  ?s ?p ?o .\n  SERVICE remote:sparql {{ ?s ?p ?o }}\n}}",
    r"SELECT * WHERE {{ \u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_before_any_network_request(kg_cli, listener, template):
    port, connections = listener
    result = kg_cli("query", template.format(port=port))
    assert result.exit_code == 2
    assert "SERVICE is refused" in result.stderr and "network" in result.stderr
    assert connections == []


def test_service_would_otherwise_reach_the_network(seeds_store, listener):
    """Why the refusal matters: pyoxigraph itself federates SERVICE with no way to turn it off."""
    port, connections = listener
    solutions = seeds_store.query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}")
    with pytest.raises(OSError):  # the listener hangs up without answering
        list(solutions)
    del solutions  # pyoxigraph objects must be freed in the thread that made them, not by a later collection
    assert connections


@pytest.mark.parametrize("query", [
    "SELECT * FROM <https://example.org/remote.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <https://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
])
def test_from_is_refused(kg_cli, query):
    result = kg_cli("query", query)
    assert result.exit_code == 2 and "FROM / FROM NAMED is refused" in result.stderr


def test_refused_words_inside_strings_iris_and_comments_are_text(kg_cli):
    query = ('# a comment may say SERVICE, INSERT or FROM\n'
             'SELECT ?x WHERE { BIND("insert service from \'delete\'" AS ?x) '
             'FILTER(?x != <https://example.org/SERVICE>) }')
    result = kg_cli("query", query, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["x", "insert service from 'delete'"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_literal_text_passes_the_check_and_parses(text):
    query = f"SELECT ?x WHERE {{ BIND({ox.Literal(text)} AS ?x) }}"
    check_query(query)
    assert [row[0].value for row in ox.Store().query(query)] == [text]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["SERVICE", "service", "Service", "INSERT", "Delete", "LOAD", "FROM", "drop"]),
       st.text(alphabet=" \n\t", min_size=1, max_size=3))
def test_refused_keywords_are_found_in_any_case_and_spacing(word, space):
    with pytest.raises(QueryRefused):
        check_query(f"SELECT *{space}WHERE {{{space}{word}{space}<https://example.org/x> {{ }} }}")


# ---------------------------------------------------------------- malformed queries


def test_malformed_query_reports_the_parser_message_and_position(kg_cli):
    result = kg_cli("query", "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?s = ) }")
    assert result.exit_code == 2
    assert "malformed SPARQL at line 3, column" in result.stderr
    assert "expected" in result.stderr
    assert "FILTER(?s = ) }" in result.stderr and "^" in result.stderr


def test_malformed_query_position_in_the_library():
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(ox.Store(), "SELECT ?s WHERE { ?s ?p }")
    assert caught.value.line == 1 and caught.value.column > 1


def test_unknown_prefix_is_named(kg_cli):
    result = kg_cli("query", "SELECT * WHERE { ?s foo:bar ?o }")
    assert result.exit_code == 2
    assert "unknown prefix 'foo:'" in result.stderr and "pre-bound: kg, rdf, rdfs" in result.stderr
    assert "region, industry, park, enterprise, cluster" in result.stderr


def test_a_time_limit_frees_results_in_the_thread_that_made_them(seeds_store, monkeypatch):
    # pyoxigraph results may only be freed by the thread that made them; garbage made here must not be
    # collected by the query's worker thread.
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    cycle: list = [seeds_store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1")]
    cycle.append(cycle)
    del cycle
    result = run_query(seeds_store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", timeout=60)
    assert len(result.rows) == count_triples(seeds_store)
    assert unraisable == []


def test_time_limit_stops_a_runaway_query(seeds_graph):
    # In a separate process: the abandoned query thread ends with that process.
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    done = subprocess.run([sys.executable, "-m", "kg", "query", runaway, "--graph", str(seeds_graph),
                           "--timeout", "0.5"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    assert "still running after 0.5 s" in done.stderr


# ---------------------------------------------------------------- example queries answer what the seeds say


def test_every_example_query_is_documented_and_runs(seeds_store):
    files = sorted(QUERIES.glob("*.rq"))
    assert len(files) >= 7
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# ") and "?" in text.splitlines()[0], f"{path.name}: first line asks a question"
        result = run_query(seeds_store, text)
        assert result.kind == "select" and result.rows, f"{path.name} has no answer on the seeds"
        assert result.warnings == [], f"{path.name} names terms the graph does not know"


def test_chain_masters_of_sihui_report(seeds_store):
    # 001 (Sihui): "chain master enterprises such as Ruiqing Times, Xpeng Motors, Jintian Copper, and GCL Group"
    rows = example("chain_masters", seeds_store)
    masters = {r["enterprise"] for r in rows}
    for name in ("Jintian Copper", "Ruiqing Times", "Xpeng Motors", "GCL Group"):
        assert label_of(seeds_store, name) in masters
    jintian = [r for r in rows if r["enterprise"] == label_of(seeds_store, "Jintian Copper")]
    assert any(r["chain"] == "Sihui" and r["chainKind"] == "chains of a region" and r["doc"].startswith("001_")
               and "chain master" in r["evidence"] and "Jintian Copper" in r["evidence"] for r in jintian)


def test_zhaoqing_is_a_centre_of_the_automotive_and_advanced_materials_clusters(seeds_store):
    # 002: "... the automotive industry focusing on Guangzhou, Shenzhen, Zhuhai, Foshan, and Zhaoqing ..."
    rows = {r["cluster"]: r for r in example("clusters_centred_on_zhaoqing", seeds_store)}
    assert {"Automotive industry cluster", "Advanced materials industry cluster"} <= set(rows)
    automotive = rows["Automotive industry cluster"]
    assert automotive["kind"] == "pillar" and automotive["doc"].startswith("002_")
    assert "Zhaoqing" in automotive["evidence"] and "automotive" in automotive["evidence"]


def test_fine_chemical_park_industries(seeds_store):
    # 001: "With the Fine Chemical Industrial Park as the strategic fulcrum, we will focus on new chemical
    # materials such as electronic chemicals and high-end resins"
    rows = {r["park"]: r for r in example("industries_of_each_park", seeds_store)}
    park = rows[label_of(seeds_store, "Fine Chemical Industrial Park")]
    industries = set(park["industries"].split(", "))
    assert {"electronic chemicals", "high-end resins"} <= industries
    assert int(park["count"]) == len(industries)


def test_enterprises_reaching_the_automotive_cluster(seeds_store):
    # 001: "promote the construction of Zhuoersheng new energy auto parts and other projects"
    rows = example("enterprises_reaching_automotive_cluster", seeds_store)
    zhuoersheng = [r for r in rows if r["enterprise"] == label_of(seeds_store, "Zhuoersheng")]
    assert zhuoersheng and all(r["relation"] in ("inIndustry", "chainMasterOf") for r in zhuoersheng)
    assert any("Zhuoersheng" in r["evidence"] for r in zhuoersheng)


def test_investments_in_zhaoqing_high_tech_zone_with_amounts(seeds_store):
    # 004: "Wanhuabao Food plans to invest 200 million yuan ... in Zhaoqing High-tech Zone, and Honghui Mould
    # plans to invest 350 million yuan ... in Zhaoqing High-tech Zone"; "Guangzhou Puhua Smart Robot
    # Technology Co., Ltd. plans to invest 1 billion yuan ... in the high-tech zone"
    rows = {r["enterprise"]: r for r in example("investments_in_zhaoqing_high_tech_zone", seeds_store)}
    expected = {"Wanhuabao Food": 200_000_000, "Honghui Mould": 350_000_000, "Puhua Smart Robot": 1_000_000_000}
    for name, yuan in expected.items():
        row = rows[label_of(seeds_store, name)]
        assert float(row["yuan"]) == yuan
        assert row["doc"].startswith("004_") and row["amount"].split()[-1] == "yuan"
    amounts = [float(r["yuan"]) for r in rows.values() if r["yuan"]]
    assert amounts == sorted(amounts, reverse=True)


def test_enterprises_per_town_of_sihui(seeds_store):
    # 001: "Guangdong Zhaoneng Smart Electric Longfu Town Electrochemical Energy Storage Power Station"
    rows = {r["place"]: r for r in example("enterprises_per_town_of_sihui", seeds_store)}
    assert rows["Longfu Town"]["kind"] == "Town"
    assert label_of(seeds_store, "Zhaoneng Smart Electric") in rows["Longfu Town"]["names"].split(", ")
    assert all(int(r["enterprises"]) == len(r["names"].split(", ")) > 0 for r in rows.values())
    sihui_places = run_query(seeds_store, 'SELECT ?l WHERE { ?s rdfs:label "Sihui"@en . ?p kg:locatedIn+ ?s ; '
                             'rdfs:label ?l ; a ?t FILTER(?t IN (kg:Town, kg:Park)) }')
    assert set(rows) <= {row[0].value for row in sihui_places.rows}


def test_jintian_copper_is_in_dasha_town(seeds_store):
    rows = {r["place"]: r for r in example("enterprises_per_town_of_sihui", seeds_store)}
    assert "Jintian Copper" in rows.get("Dasha Town", {"names": ""})["names"].split(", ")


def test_evidence_of_an_edge_is_the_verbatim_sentence(seeds_store, seed_texts):
    rows = example("evidence_of_an_edge", seeds_store)
    (row,) = [r for r in rows if r["relation"] == "clusterCentre"]
    assert (row["subject"], row["object"]) == ("Automotive industry cluster", "Zhaoqing")
    start = int(row["start"])
    assert seed_texts[row["source"]][start:start + len(row["evidence"])] == row["evidence"]


def test_evidence_of_an_edge_for_another_pair(seeds_store, seed_texts):
    text = (QUERIES / "evidence_of_an_edge.rq").read_text(encoding="utf-8")
    wanhuabao = label_of(seeds_store, "Wanhuabao Food")
    text = text.replace('("Zhaoqing"@en "Automotive industry cluster"@en)',
                        f'("Zhaoqing High-tech Zone"@en {ox.Literal(wanhuabao, language="en")})')
    result = run_query(seeds_store, text)
    rows = [dict(zip(result.variables, [t.value if t is not None else "" for t in row])) for row in result.rows]
    invest = [r for r in rows if r["relation"] == "investsIn"]
    assert invest and all(r["subject"] == wanhuabao for r in invest)
    for r in invest:
        start = int(r["start"])
        assert seed_texts[r["source"]][start:start + len(r["evidence"])] == r["evidence"]
        assert "200 million yuan" in r["evidence"]


# ---------------------------------------------------------------- answers people can read


def test_every_prefix_an_answer_shows_can_be_typed_back(kg_cli):
    shown = kg_cli("query", "SELECT ?e WHERE { ?e kg:locatedIn ?p . ?p rdfs:label \"Sihui\"@en }").stdout
    names = [line.strip() for line in shown.splitlines()[2:]]
    assert names and all(re.fullmatch(r"(enterprise|park|region):[\w.-]+", n) for n in names)
    for name in names[:3]:
        again = kg_cli("query", f"ASK {{ {name} kg:locatedIn region:sihui }}")
        assert again.exit_code == 0 and again.stdout.strip() == "true", name
    assert set(DISPLAY_PREFIXES) <= set(STANDARD_PREFIXES)


def test_select_star_columns_come_in_the_query_order(kg_cli):
    result = kg_cli("query", "SELECT * WHERE { ?s kg:clusterCentre ?city . ?city rdfs:label ?name } LIMIT 2")
    assert result.stdout.splitlines()[0].split() == ["s", "city", "name"]
    spelled = kg_cli("query", "SELECT ?name ?s WHERE { ?s kg:clusterCentre ?city . ?city rdfs:label ?name } LIMIT 1")
    assert spelled.stdout.splitlines()[0].split() == ["name", "s"]
    csv_header = kg_cli("query", "SELECT DISTINCT * { ?z ?y ?x } LIMIT 1", "--format", "csv").stdout.splitlines()[0]
    assert csv_header == "z,y,x"


def test_a_parse_error_is_short_and_points_at_the_spot(kg_cli):
    result = kg_cli("query", "SELECT ?s WHERE { ?s region:sihui foo:bar }")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: malformed SPARQL at line 1, column") and "unknown prefix 'foo:'" in lines[0]
    assert lines[1] == "  SELECT ?s WHERE { ?s region:sihui foo:bar }"
    assert lines[2].strip() == "^" and len(lines) == 3
    assert "Usage:" not in result.stderr and "\\u{" not in result.stderr
    grammar = kg_cli("query", "SELECT ?x WHERE { ?x a kg:Cluster . FILTER( }")
    first = grammar.stderr.splitlines()[0]
    assert "expected one of" in first and len(first) < 200 and "[" not in first


def test_a_long_line_is_shown_around_the_error():
    from kg.read.query import QuerySyntaxError

    patterns = [f"?s kg:locatedIn ?p{i} ." for i in range(40)]
    query = "SELECT ?s WHERE { " + " ".join(patterns[:20]) + " FILTER(?s = ) " + " ".join(patterns[20:]) + " }"
    with pytest.raises(QuerySyntaxError) as caught:
        run_query(ox.Store(), query)
    shown, caret = str(caught.value).splitlines()[1:3]
    assert len(shown) < 110 and shown.strip().startswith("\u2026") and shown.strip().endswith("\u2026")
    column = caught.value.column
    assert 400 < column < 600  # the error is in the middle of the line: both ends are cut
    assert shown[caret.index("^")] == query[column - 1]
    assert shown[caret.index("^") - 20:caret.index("^") + 20] == query[column - 21:column + 19]


def test_a_misspelt_class_property_or_entity_gets_a_warning(kg_cli, seeds_store):
    result = kg_cli("query", "SELECT ?c WHERE { ?c a kg:Clustr ; kg:clusterCentr region:zhaoqing }")
    assert result.exit_code == 0
    warnings = result.stderr.splitlines()
    assert "warning: the ontology defines no kg:Clustr (did you mean kg:Cluster?): it matches nothing" in warnings
    assert any("kg:clusterCentr (did you mean kg:clusterCentre?)" in w for w in warnings)
    assert len(warnings) == 2  # region:zhaoqing is in the graph
    entity = kg_cli("query", "ASK { region:sihuii kg:locatedIn ?x }")
    assert entity.stderr.strip() == "warning: the graph has no region:sihuii: it matches nothing"
    fine = kg_cli("query", "PREFIX ex: <https://example.org/> SELECT ?c WHERE { ?c a kg:Cluster ; rdfs:label ?l }")
    assert fine.stderr == ""
    assert run_query(seeds_store, "ASK { ?x a kg:Cluster }").warnings == []


def test_width_cuts_long_cells(kg_cli):
    query = "SELECT ?st ?text WHERE { ?st kg:evidenceText ?text } LIMIT 20"
    full = kg_cli("query", query, "--width", "0").stdout.splitlines()
    assert max(len(line) for line in full) > 150
    cut = kg_cli("query", query, "--width", "80").stdout.splitlines()
    assert max(len(line) for line in cut) <= 80 and len(cut) == len(full)
    assert any(line.endswith("\u2026") for line in cut)
    ids = [line.split()[0] for line in cut[2:]]
    assert ids == [line.split()[0] for line in full[2:]]  # the short column is whole
    assert kg_cli("query", query).stdout.splitlines() == full  # not a terminal: nothing cut
