"""kg serve and kg push against real Oxigraph servers that the tests start on 127.0.0.1 (free ports, temporary
stores) and always stop."""

from __future__ import annotations

import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from kg.publish.endpoint import push, start_server

GRAPH = "https://example.org/graph/guangdong"
# Straight to 127.0.0.1, whatever proxy the environment names.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sparql(url: str, query: str) -> dict:
    request = urllib.request.Request(f"{url}/query?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": "application/sparql-results+json"})
    with OPENER.open(request, timeout=30) as response:
        return json.load(response)


def count(url: str, graph: str | None = None) -> int:
    pattern = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    answer = sparql(url, f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(answer["results"]["bindings"][0]["n"]["value"])


def graph_triples(url: str, graph: str | None) -> set:
    """A graph of the remote store, fetched with the Graph Store Protocol."""
    where = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    request = urllib.request.Request(f"{url}/store?{where}", headers={"Accept": "application/n-triples"})
    with OPENER.open(request, timeout=30) as response:
        return as_triples(ox.parse(response.read(), format=ox.RdfFormat.N_TRIPLES))


def as_triples(quads) -> set:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def local_triples(store) -> set:
    return as_triples(store)


def same_graph(a: set, b: set) -> bool:
    """The same triples, blank nodes aside (a store names them anew when it loads them), and as many."""
    def ground(triples):
        return {t for t in triples if not isinstance(t.subject, ox.BlankNode)
                and not isinstance(t.object, ox.BlankNode)}
    return len(a) == len(b) and ground(a) == ground(b)


# ---------------------------------------------------------------- kg serve


@pytest.fixture
def served(request, seeds_graph):
    """`kg serve` running in its own process on a free port: (process, base URL)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), "--graph",
                                str(seeds_graph)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop():
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()
        process.stderr.close()

    request.addfinalizer(stop)
    line = process.stdout.readline()  # printed once the server accepts connections
    assert line.startswith("SPARQL endpoint: "), (line, process.stderr.read() if process.poll() is not None else "")
    return process, f"http://127.0.0.1:{port}"


def test_serve_answers_sparql_over_http(served, seeds_store):
    process, url = served
    assert count(url) == len(local_triples(seeds_store))
    answer = sparql(url, "SELECT ?label WHERE { ?c a <https://w3id.org/industry-kg/ontology#Cluster> ; "
                         "<http://www.w3.org/2000/01/rdf-schema#label> ?label . FILTER(LANG(?label) = 'en') }")
    labels = {b["label"]["value"] for b in answer["results"]["bindings"]}
    assert len(labels) == 20 and "Automotive industry cluster" in labels


def test_serve_is_read_only(served):
    _, url = served
    request = urllib.request.Request(f"{url}/update", data=b"INSERT DATA { <http://a> <http://b> <http://c> }",
                                     headers={"Content-Type": "application/sparql-update"}, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        OPENER.open(request, timeout=30)
    assert refused.value.code == 403


def test_stopping_kg_serve_stops_the_server(served):
    process, url = served
    port = int(url.rsplit(":", 1)[1])
    process.terminate()
    assert process.wait(10) == 0
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        except OSError:
            return
        time.sleep(0.1)
    pytest.fail("the Oxigraph server still listens after kg serve stopped")


def test_cross_origin_queries_only_with_cors(seeds_graph):
    """`kg serve --cors` lets a web page of another origin (YASGUI in a browser) read the answers."""
    from kg.publish.endpoint import serve

    for cors in (False, True):
        with serve(seeds_graph, free_port(), cors=cors) as server:
            request = urllib.request.Request(
                f"{server.query_url}?{urllib.parse.urlencode({'query': 'ASK { ?s ?p ?o }'})}",
                headers={"Accept": "application/sparql-results+json", "Origin": "https://yasgui.example.org"})
            with OPENER.open(request, timeout=30) as response:
                allowed = response.headers.get("Access-Control-Allow-Origin")
                assert json.load(response)["boolean"] is True
        assert (allowed is not None) == cors


def test_serve_on_a_port_in_use_says_so(kg_cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = kg_cli("serve", "--port", str(taken.getsockname()[1]))
    assert result.exit_code == 1 and "is in use" in result.stderr


def test_serve_without_a_graph_is_a_usage_error(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    result = CliRunner().invoke(main, ["serve", "--port", str(free_port()), "--graph", str(tmp_path)])
    assert result.exit_code == 2 and "kg build" in result.stderr


# ---------------------------------------------------------------- kg push


@pytest.fixture
def remote(request, tmp_path):
    """A writable Oxigraph server of its own (a temporary store), stopped after the test: its base URL."""
    server = start_server(tmp_path / "remote-store", free_port(), read_only=False)
    request.addfinalizer(server.stop)
    return server.url


def test_push_to_a_named_graph_then_again_replaces_it(kg_cli, remote, seeds_store):
    expected = local_triples(seeds_store)
    for status in (201, 204):  # created, then replaced
        result = kg_cli("push", "--endpoint", f"{remote}/store", "--named-graph", GRAPH)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith(f"pushed {len(expected):,} triples to <{GRAPH}> at {remote}/store "
                                        f"(HTTP {status})")
        assert count(remote, GRAPH) == len(expected)
    assert same_graph(graph_triples(remote, GRAPH), expected)
    assert graph_triples(remote, None) == set()


def test_push_replaces_what_was_there(kg_cli, remote, tmp_path):
    small = ox.Store()
    small.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"), ox.Literal("c")))
    push(small, f"{remote}/store", GRAPH)
    assert kg_cli("push", "--endpoint", f"{remote}/store", "--named-graph", GRAPH).exit_code == 0
    push(small, f"{remote}/store", GRAPH)
    assert graph_triples(remote, GRAPH) == local_triples(small)


def test_push_in_batches_replaces_the_graph_then_adds_the_rest(kg_cli, remote, seeds_store):
    """--batch 1000: a PUT of the first thousand triples (replacing what was there), a POST of each next."""
    stale = ox.Store()
    stale.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b"), ox.Literal("c")))
    push(stale, f"{remote}/store", GRAPH)
    expected = local_triples(seeds_store)
    result = kg_cli("push", "--endpoint", f"{remote}/store", "--named-graph", GRAPH, "--batch", "1000")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"pushed {len(expected):,} triples to <{GRAPH}> at {remote}/store (HTTP 204)")
    assert len(expected) > 10_000 and same_graph(graph_triples(remote, GRAPH), expected)


def test_push_to_the_default_graph(kg_cli, remote, seeds_store):
    result = kg_cli("push", "--endpoint", f"{remote}/store")
    assert result.exit_code == 0 and "to the default graph" in result.stdout
    assert same_graph(graph_triples(remote, None), local_triples(seeds_store))


def test_push_refused_by_a_read_only_server(kg_cli, served):
    _, url = served
    result = kg_cli("push", "--endpoint", f"{url}/store", "--named-graph", GRAPH)
    assert result.exit_code == 1 and "refused the graph: HTTP 403" in result.stderr


def test_push_to_nowhere_says_so(kg_cli):
    result = kg_cli("push", "--endpoint", f"http://127.0.0.1:{free_port()}/store")
    assert result.exit_code == 1 and "cannot reach" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("--endpoint", "ftp://example.org/store"), "http:// or https:// URL"),
    (("--endpoint", "http://127.0.0.1:1/store", "--named-graph", "not an iri"), "absolute IRI"),
    (("--endpoint", "http://127.0.0.1:1/store", "--named-graph", "relative/graph"), "absolute IRI"),
])
def test_push_usage_errors(kg_cli, args, message):
    result = kg_cli("push", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_push_sends_n_triples_with_basic_authentication(kg_cli, monkeypatch, seeds_store):
    """Against a stand-in store that records the request, as Fuseki or GraphDB would receive it."""
    seen = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):
            seen.update(path=self.path, headers=dict(self.headers),
                        body=self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("KG_ENDPOINT_PASSWORD", "s3cret")
        endpoint = f"http://127.0.0.1:{httpd.server_address[1]}/kg/data"
        result = kg_cli("push", "--endpoint", endpoint, "--named-graph", GRAPH, "--user", "admin")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert result.exit_code == 0, result.stderr
    assert seen["path"] == "/kg/data?graph=" + urllib.parse.quote(GRAPH, safe="")
    assert seen["headers"]["Content-Type"] == "application/n-triples"
    assert seen["headers"]["Authorization"] == "Basic YWRtaW46czNjcmV0"  # admin:s3cret
    assert as_triples(ox.parse(seen["body"], format=ox.RdfFormat.N_TRIPLES)) == local_triples(seeds_store)
