"""How long a big view takes to become interactive in headless Chromium, and how long writing every view of
a graph the size of 10,000 documents takes.

With --nodes: builds a synthetic graph shaped like the real one (regions, parks, enterprises, industries,
clusters, with evidence sentences), writes it as one page with kg.publish.views, opens it from file:// in headless
Chromium and reports the time from navigation start until the page has laid out and drawn the graph and answers
input (the page sets `kgView.ready`), plus the time a search takes to find and focus a node.

    .venv/bin/python bench/views_bench.py --nodes 2000 --runs 3

With --entities: builds a graph of that many entities shaped like 10,000 documents' (Guangdong's 21 cities and
~120 counties, hundreds of towns and parks, ~500 industries, the 20 clusters, enterprises for the rest, some
counties with thousands of them; ~2.6 relations per enterprise, each with one or two evidence sentences),
times kg.publish.views.write_views on it and reports the bytes written, the largest pages and the peak memory; with
--open it also opens the overview, the largest county page and a shard page in Chromium.

    .venv/bin/python bench/views_bench.py --entities 40000 [--open]

Needs Chromium at /usr/bin/chromium (Debian's `chromium` package) and `pip install playwright`.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg.model import DocumentExtraction, Entity, Evidence, KnowledgeGraph, Mention, Relation, Sentence
from kg.namespaces import ID
from kg.publish.views import whole_graph_view, write_graph_page, write_views

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


# A graph the size of 10,000 documents': fixed numbers of places, industries and clusters, enterprises for the rest.
SCALE_SHAPE = {"City": 21, "County": 122, "Town": 600, "Park": 400, "Industry": 500, "Cluster": 20}
WORDS = ("new energy", "vehicles", "semiconductors", "batteries", "park", "project", "investment", "chain", "智能",
         "制造", "产业链", "新能源汽车", "expand", "capacity", "billion yuan", "production line", "support")


def scale_graph(n_entities: int, seed: int = 1) -> KnowledgeGraph:
    """A graph of `n_entities` entities shaped like the one 10,000 documents give: counties chosen with a
    skew (a few hold thousands of enterprises), every relation with one or two evidence sentences."""
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    by_type: dict[str, list[str]] = {}

    def add(kind: str, i: int) -> str:
        folder = "region" if kind in ("Province", "City", "County", "Town") else kind.lower()
        iri = f"{ID}{folder}/{kind.lower()}-{i}"
        entities[iri] = Entity(iri, kind, f"{kind} {i}", f"{kind}实体{i}", {f"{kind} alias {i}", f"{kind[:3]}{i}"})
        by_type.setdefault(kind, []).append(iri)
        return iri

    province = add("Province", 0)
    for kind, n in SCALE_SHAPE.items():
        for i in range(n):
            add(kind, i)
    for i in range(max(0, n_entities - len(entities))):
        add("Enterprise", i)
    docs = [f"doc-{i:05d}.txt" for i in range(10_000)]
    relations: dict[tuple[str, str, str], Relation] = {}

    def relate(s: str, p: str, o: str) -> None:
        if (s, p, o) in relations or s == o:
            return
        evidence = [Evidence(rng.choice(docs), f"{entities[s].label} {p} {entities[o].label}: "
                             + " ".join(rng.choices(WORDS, k=rng.randint(8, 20))) + ".", 0, 10)
                    for _ in range(rng.choice((1, 1, 2)))]
        relations[(s, p, o)] = Relation(s, p, o, evidence)

    counties = by_type["County"]
    county_weight = [1 / (i + 1) ** 0.9 for i in range(len(counties))]  # the first counties are hubs
    town_of = {t: rng.choices(counties, county_weight)[0] for t in by_type["Town"]}
    park_of = {p: rng.choices(counties, county_weight)[0] for p in by_type["Park"]}
    towns_in, parks_in = {}, {}
    for t, c in town_of.items():
        towns_in.setdefault(c, []).append(t)
    for p, c in park_of.items():
        parks_in.setdefault(c, []).append(p)
    industries, pick = by_type["Industry"], rng.choice
    industry_weight = [1 / (i + 1) ** 0.8 for i in range(len(industries))]
    for city in by_type["City"]:
        relate(city, "locatedIn", province)
    for county in counties:
        relate(county, "locatedIn", pick(by_type["City"]))
        for industry in rng.sample(industries, 3):
            relate(county, "hasIndustry", industry)
    for town, county in town_of.items():
        relate(town, "locatedIn", county)
    for park, county in park_of.items():
        relate(park, "locatedIn", pick(towns_in.get(county, [county])) if rng.random() < 0.3 else county)
        for industry in rng.choices(industries, industry_weight, k=2):
            relate(park, "hasIndustry", industry)
    enterprises = by_type["Enterprise"]
    for enterprise in enterprises:
        county = rng.choices(counties, county_weight)[0]
        where = rng.random()
        place = (pick(parks_in[county]) if where < 0.5 and county in parks_in else
                 pick(towns_in[county]) if where < 0.7 and county in towns_in else county)
        relate(enterprise, "locatedIn", place)
        for industry in rng.choices(industries, industry_weight, k=rng.choice((1, 1, 2))):
            relate(enterprise, "inIndustry", industry)
        if rng.random() < 0.25:
            relate(enterprise, "investsIn", rng.choices(counties, county_weight)[0])
        if rng.random() < 0.15:
            relate(enterprise, "supplies", pick(enterprises))
        if rng.random() < 0.02:
            relate(enterprise, "chainMasterOf", rng.choices(industries, industry_weight)[0])
    for industry in industries:
        for cluster in rng.sample(by_type["Cluster"], rng.choice((1, 1, 2))):
            relate(industry, "partOfCluster", cluster)
    for cluster in by_type["Cluster"]:
        for city in rng.sample(by_type["City"], 5):
            relate(cluster, "clusterCentre", city)
    return KnowledgeGraph({d: "0" * 64 for d in docs}, entities,
                          sorted(relations.values(), key=lambda r: (r.subject, r.predicate, r.object)))


MENTION_KINDS = {"Province": "region", "City": "region", "County": "region", "Town": "region", "Park": "park",
                 "Enterprise": "enterprise", "Industry": "industry"}


def scale_documents(kg: KnowledgeGraph) -> list[DocumentExtraction]:
    """The documents of a scale graph, as the build's per-document extractions: each document's text is a
    title and the sentences its evidence cites, one a line (each sentence once), with the names of the
    relation's ends as mentions. The graph's evidence gets the sentences' real offsets."""
    gc.disable()  # hundreds of thousands of small objects: the cycle collector would walk the graph again and again
    try:
        return _scale_documents(kg)
    finally:
        gc.enable()


def _scale_documents(kg: KnowledgeGraph) -> list[DocumentExtraction]:
    by_doc: dict[str, dict[str, list[tuple[Relation, int]]]] = {}
    for r in kg.relations:
        for i, ev in enumerate(r.evidence):
            by_doc.setdefault(ev.source, {}).setdefault(ev.text, []).append((r, i))
    extractions = []
    for name in sorted(by_doc):
        text, sentences, mentions = f"{name}: a report\n", [], []
        for n, (sentence, uses) in enumerate(by_doc[name].items()):
            start = len(text)
            sentences.append(Sentence(name, n, start, start + len(sentence), sentence))
            for r, i in uses:
                r.evidence[i] = Evidence(name, sentence, start, start + len(sentence))
            r = uses[0][0]
            for iri, at in ((r.subject, 0), (r.object, sentence.find(" " + kg.entities[r.object].label + ":") + 1)):
                e = kg.entities[iri]
                if e.type in MENTION_KINDS and at >= 0:
                    mentions.append(Mention(MENTION_KINDS[e.type], e.label, start + at, start + at + len(e.label),
                                            name, n, iri if MENTION_KINDS[e.type] in ("region", "industry") else None))
            text += sentence + "\n"
        extractions.append(DocumentExtraction(name, "0" * 64, text, sentences, mentions, []))
    return extractions


def write_at_scale(n_entities: int, open_pages: bool) -> int:
    """Time write_views on a graph of `n_entities` entities and its documents; report bytes, largest pages
    and peak memory."""
    started = time.perf_counter()
    kg = scale_graph(n_entities)
    documents = scale_documents(kg)
    print(f"graph: {len(kg.entities):,} entities, {len(kg.relations):,} relations, "
          f"{sum(len(r.evidence) for r in kg.relations):,} evidence sentences, {len(documents):,} documents of "
          f"{sum(len(d.text) for d in documents) / 1e6:.1f} MB (made in {time.perf_counter() - started:.1f} s)")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as tmp:
        seconds, cpu, _ = timed_write(kg, Path(tmp) / "without", ())
        print(f"write_views without the documents' pages: {seconds:.2f} s ({cpu:.2f} s of CPU)")
        out = Path(tmp) / "with"
        seconds, cpu, names = timed_write(kg, out, documents)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        files = [p for p in out.rglob("*") if p.is_file()]
        pages = sorted((p for p in files if p.suffix == ".html"), key=lambda p: p.stat().st_size, reverse=True)
        total = sum(p.stat().st_size for p in files)
        print(f"write_views: {seconds:.2f} s ({cpu:.2f} s of CPU: the figure to trust on a busy machine; cycle collector "
              f"paused); wrote {', '.join(names)}: {len(files):,} files, {total / 1e6:.1f} MB "
              f"({sum(p.stat().st_size for p in pages) / 1e6:.1f} MB of pages, "
              f"{sum(p.stat().st_size for p in files if p.parent.name == 'assets') / 1e6:.1f} MB of assets)")
        print(f"peak memory: {peak:,.0f} MB (graph built: {before:,.0f} MB)")
        for kind in ("kg.html", "index.html", "region/", "cluster/", "entity/", "doc/"):
            group = [p for p in pages if p.relative_to(out).as_posix().startswith(kind)]
            if group:
                print(f"  {kind:11} {len(group):5,} pages, largest {group[0].stat().st_size / 1e3:7.1f} kB "
                      f"({group[0].relative_to(out)}), median {group[len(group) // 2].stat().st_size / 1e3:6.1f} kB")
        print(f"  search data {(out / 'assets' / 'search-data.js').stat().st_size / 1e6:.1f} MB")
        docs = [p for p in files if p.parent.name == "doc"]
        print(f"  without the document pages: {len(files) - len(docs):,} files, "
              f"{(total - sum(p.stat().st_size for p in docs)) / 1e6:.1f} MB")
        if open_pages:
            largest_region = next(p for p in pages if p.parent.name == "region")
            shard = next(p for p in pages if p.parent.name == "entity")
            for page in (out / "kg.html", largest_region, shard):
                r = measure(page, 1)[0]
                print(f"  open {page.relative_to(out)}: interactive {r['ready']:.0f} ms, drawn {r['nodes']}/{r['edges']}")
    return 0


def timed_write(kg: KnowledgeGraph, out: Path, documents) -> tuple[float, float, list[str]]:
    """write_views with the cycle collector paused, as in kg build (kg.build.pipeline pauses it while it builds
    and writes): wall-clock and CPU seconds, and the names written."""
    gc.collect()
    gc.disable()
    try:
        started, cpu = time.perf_counter(), time.process_time()
        names = write_views(kg, out, {x.name: x for x in documents})
        return time.perf_counter() - started, time.process_time() - cpu, names
    finally:
        gc.enable()


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
    parser.add_argument("--entities", type=int, help="time write_views on a synthetic graph of this many entities")
    parser.add_argument("--open", action="store_true", help="with --entities: open the largest pages in Chromium")
    args = parser.parse_args(argv)
    if args.entities:
        return write_at_scale(args.entities, args.open)
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
