"""How long a big view takes to become interactive in headless Chromium.

Builds a synthetic graph shaped like the real one (regions, parks, enterprises, industries, clusters, with
evidence sentences), writes it as one page with kg.views, opens it from file:// in headless Chromium and
reports the time from navigation start until the page has laid out and drawn the graph and answers input
(the page sets `kgView.ready`), plus the time a search takes to find and focus a node.

    .venv/bin/python bench/views_bench.py --nodes 2000 --runs 3

Needs Chromium at /usr/bin/chromium (Debian's `chromium` package) and `pip install playwright`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.graph import KnowledgeGraph
from kg.reference import ID
from kg.relations import Evidence, Relation
from kg.resolve import Entity
from kg.views import whole_graph_view, write_graph_page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Share of each entity type, roughly as in the seed documents' graph.
SHAPE = {"City": 0.01, "County": 0.06, "Town": 0.12, "Park": 0.10, "Enterprise": 0.45, "Industry": 0.25,
         "Cluster": 0.01}


def synthetic_graph(n_nodes: int, seed: int = 1) -> KnowledgeGraph:
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    by_type: dict[str, list[str]] = {}

    def add(kind: str, i: int) -> str:
        iri = f"{ID}{kind.lower()}/{kind.lower()}-{i}"
        entities[iri] = Entity(iri, kind, f"{kind} {i}", f"实体{i}", {f"{kind} alias {i}"})
        by_type.setdefault(kind, []).append(iri)
        return iri

    province = add("Province", 0)
    for kind, share in SHAPE.items():
        for i in range(max(1, round(share * (n_nodes - 1)))):
            add(kind, i)
    relations: dict[tuple[str, str, str], Relation] = {}

    def relate(s: str, p: str, o: str) -> None:
        ev = Evidence(f"doc-{rng.randrange(50)}.txt", f"{entities[s].label} {p} {entities[o].label}.", 0, 10)
        relations.setdefault((s, p, o), Relation(s, p, o, [ev]))

    pick = rng.choice
    for city in by_type["City"]:
        relate(city, "locatedIn", province)
    for county in by_type["County"]:
        relate(county, "locatedIn", pick(by_type["City"]))
    for town in by_type["Town"]:
        relate(town, "locatedIn", pick(by_type["County"]))
    for park in by_type["Park"]:
        relate(park, "locatedIn", pick(by_type["County"] + by_type["Town"]))
        relate(park, "hasIndustry", pick(by_type["Industry"]))
    for enterprise in by_type["Enterprise"]:
        relate(enterprise, "locatedIn", pick(by_type["County"] + by_type["Park"]))
        relate(enterprise, "inIndustry", pick(by_type["Industry"]))
        if rng.random() < 0.3:
            relate(enterprise, "investsIn", pick(by_type["City"] + by_type["County"]))
    for industry in by_type["Industry"]:
        relate(industry, "partOfCluster", pick(by_type["Cluster"]))
    for cluster in by_type["Cluster"]:
        for city in rng.sample(by_type["City"], min(5, len(by_type["City"]))):
            relate(cluster, "clusterCentre", city)
    return KnowledgeGraph({}, entities, sorted(relations.values(), key=lambda r: (r.subject, r.predicate, r.object)))


def measure(page: Path, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            tab.goto(page.as_uri())
            tab.wait_for_function("window.kgView && window.kgView.ready", timeout=120_000)
            marks = tab.evaluate("""() => Object.fromEntries(performance.getEntriesByType('mark')
                                                              .map(m => [m.name, m.startTime]))""")
            search_ms = tab.evaluate("""() => { const t = performance.now(); kgView.search('Enterprise alias 7');
                                                return performance.now() - t; }""")
            drawn = tab.evaluate("[kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]")
            results.append({"script": marks["kg-script"], "layout": marks["kg-layout"], "network": marks["kg-network"],
                            "ready": marks["kg-ready"], "search": search_ms, "nodes": drawn[0], "edges": drawn[1]})
            tab.close()
        browser.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install chromium", file=sys.stderr)
        return 1
    kg = synthetic_graph(args.nodes)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "bench.html"
        started = time.perf_counter()
        write_graph_page(kg, page)
        written = time.perf_counter() - started
        view = whole_graph_view(kg)
        print(f"{len(view.entities)} nodes, {len(view.relations)} edges; page {page.stat().st_size / 1e6:.1f} MB "
              f"written in {written:.2f} s")
        results = measure(page, args.runs)
    for r in results:
        print(f"script start {r['script']:6.0f} ms  layout done {r['layout']:6.0f} ms  "
              f"network built {r['network']:6.0f} ms  interactive {r['ready']:6.0f} ms  search {r['search']:5.0f} ms  drawn {r['nodes']}/{r['edges']}")
    print(f"median time to interactive: {statistics.median(r['ready'] for r in results) / 1000:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
