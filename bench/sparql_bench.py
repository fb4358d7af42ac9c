"""SPARQL on the embedded Oxigraph store vs rdflib's in-memory Graph, and kg's reading commands, on a built
graph (issue 6).

`kg build` writes the same triples twice: kg.ttl and an Oxigraph store. This times each example query of
notebooks/queries/ on both — the store through kg.read.query.run_query (as `kg query` runs it, rows materialised),
and an rdflib Graph parsed from kg.ttl (`graph.query` with the same pre-bound prefixes) — and says how many
rows each returned, so a difference in answers shows. rdflib runs in a child process with a time budget: on
a large graph one of its queries may take minutes, and the benchmark must end.

It also times kg's reading commands from a cold start of the process on the graph (as bench/query_bench.py
does on the seeds): `kg query`, `kg path` (between two enterprises, and from an enterprise to its clusters)
and `kg show`, with names picked from the graph itself.

    python bench/sparql_bench.py --graph bench/.work/build-1000 --runs 3
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.read.query import STANDARD_PREFIXES, open_store, run_query  # noqa: E402

QUERIES = ROOT / "notebooks" / "queries"


def example_queries() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}


def oxigraph_times(graph_dir: Path, runs: int) -> dict[str, dict]:
    """Median seconds and rows of each example query on the store, in this process (one warm-up run)."""
    store = open_store(graph_dir)
    out = {}
    for name, query in example_queries().items():
        run_query(store, query)
        times, rows = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            rows = len(run_query(store, query).rows)
            times.append(time.perf_counter() - started)
        out[name] = {"seconds": statistics.median(times), "rows": rows}
    return out


def rdflib_child(graph_dir: Path, runs: int) -> None:
    """Child process: load kg.ttl into rdflib, then one JSON line per query as soon as it is answered."""
    import rdflib

    started = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(graph_dir / "kg.ttl", format="turtle")
    print(json.dumps({"load": time.perf_counter() - started, "triples": len(graph)}), flush=True)
    for name, query in example_queries().items():
        times, rows = [], 0
        for _ in range(runs):
            started = time.perf_counter()
            rows = len(list(graph.query(query, initNs=STANDARD_PREFIXES)))
            times.append(time.perf_counter() - started)
        print(json.dumps({"query": name, "seconds": statistics.median(times), "rows": rows}), flush=True)


def rdflib_times(graph_dir: Path, runs: int, budget: float) -> tuple[dict, dict[str, dict]]:
    """Run `rdflib_child` in a child process for at most `budget` seconds; queries it did not answer by then
    are missing from the result."""
    child = subprocess.Popen([sys.executable, __file__, "--rdflib-child", "--graph", str(graph_dir),
                              "--runs", str(runs)], stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + budget
    load: dict = {}
    answers: dict[str, dict] = {}
    try:
        import selectors

        selector = selectors.DefaultSelector()
        selector.register(child.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                break
            line = child.stdout.readline()
            if not line:
                break
            record = json.loads(line)
            if "load" in record:
                load = record
            else:
                answers[record["query"]] = record
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
    return load, answers


def compare(graph_dir: Path, runs: int = 3, budget: float = 600.0) -> dict:
    """Per query: Oxigraph and rdflib seconds and rows, and rdflib / Oxigraph; overall: total time ratio over
    the queries both answered, and the geometric mean of the per-query ratios."""
    ox = oxigraph_times(graph_dir, runs)
    load, rd = rdflib_times(graph_dir, runs, budget)
    rows = []
    for name, o in ox.items():
        r = rd.get(name)
        ratio = r["seconds"] / o["seconds"] if r and o["seconds"] > 0 else None
        rows.append({"query": name, "oxigraph": o["seconds"], "oxigraph_rows": o["rows"],
                     "rdflib": r["seconds"] if r else None, "rdflib_rows": r["rows"] if r else None, "ratio": ratio})
    both = [x for x in rows if x["ratio"]]
    total = (sum(x["rdflib"] for x in both) / sum(x["oxigraph"] for x in both)) if both else None
    geomean = math.exp(statistics.fmean(math.log(x["ratio"]) for x in both)) if both else None
    return {"rows": rows, "total_ratio": total, "geomean_ratio": geomean, "rdflib_load": load.get("load"),
            "triples": load.get("triples"), "budget": budget}


def table(result: dict) -> str:
    lines = ["| query | Oxigraph | rows | rdflib | rows | rdflib / Oxigraph |", "|---|---|---|---|---|---|"]
    for x in result["rows"]:
        rd = f"{x['rdflib'] * 1000:.0f} ms" if x["rdflib"] is not None else f"not done in {result['budget']:.0f} s"
        ratio = f"{x['ratio']:.0f}x" if x["ratio"] else "-"
        lines.append(f"| {x['query']} | {x['oxigraph'] * 1000:.1f} ms | {x['oxigraph_rows']} | {rd} | "
                     f"{x['rdflib_rows'] if x['rdflib_rows'] is not None else '-'} | {ratio} |")
    if result["total_ratio"]:
        lines.append(f"| all answered by both (total time; geometric mean of ratios) | | | | | "
                     f"{result['total_ratio']:.0f}x; {result['geomean_ratio']:.0f}x |")
    if result["rdflib_load"] is not None:
        lines.append(f"\nrdflib parsed kg.ttl ({result['triples']:,} triples) in {result['rdflib_load']:.1f} s; "
                     "the Oxigraph store is opened, not loaded.")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ reading commands

PICK = """
SELECT ?name ?cluster WHERE {
  ?e a kg:Enterprise ; rdfs:label ?name ; kg:chainMasterOf ?i .
  ?i kg:partOfCluster ?c . ?c rdfs:label ?cluster .
  FILTER(lang(?name) = "en" && lang(?cluster) = "en")
} ORDER BY ?name LIMIT 1
"""
# Another enterprise of the same cluster: a path of up to four hops through industries and the cluster.
PICK_OTHER = """
SELECT ?name WHERE {
  ?c a kg:Cluster ; rdfs:label ?cluster . ?i kg:partOfCluster ?c .
  ?e a kg:Enterprise ; kg:chainMasterOf|kg:inIndustry ?i ; rdfs:label ?name .
  FILTER(lang(?name) = "en" && STR(?cluster) = ?wanted && STR(?name) != ?first)
} ORDER BY DESC(?name) LIMIT 1
"""


def command_figures(graph_dir: Path, runs: int = 3) -> list[dict]:
    """Cold-start seconds (median of `runs`) of kg query, path and show on the graph."""
    from query_bench import cold_start  # bench/ is on sys.path when run as a script

    store = open_store(graph_dir)
    picked = run_query(store, PICK).rows
    other = []
    if picked:
        first, cluster = (json.dumps(picked[0][0].value), json.dumps(picked[0][1].value))
        other = run_query(store, PICK_OTHER.replace("?wanted", cluster).replace("?first", first)).rows
    del store
    commands = {"query chain_masters.rq": ["query", str(QUERIES / "chain_masters.rq")]}
    if picked:
        name, cluster = picked[0][0].value, picked[0][1].value
        commands[f"path '{name}' '{cluster}'"] = ["path", name, cluster]
        commands[f"path '{name}' --to-cluster"] = ["path", name, "--to-cluster"]
        commands[f"show '{name}'"] = ["show", name]
        if other:
            commands[f"path '{name}' '{other[0][0].value}'"] = ["path", name, other[0][0].value]
    figures = []
    for label, args in commands.items():
        try:
            times = cold_start(args + ["--graph", str(graph_dir)], runs)
            figures.append({"command": f"kg {label}", "seconds": statistics.median(times), "ok": True})
        except SystemExit as exc:  # no path between them is an answer too, but not a timing
            figures.append({"command": f"kg {label}", "seconds": None, "ok": False, "error": str(exc)[:200]})
    return figures


def command_table(figures: list[dict]) -> str:
    lines = ["| command (cold start) | median |", "|---|---|"]
    for f in figures:
        lines.append(f"| {f['command']} | {f['seconds'] * 1000:.0f} ms |" if f["ok"]
                     else f"| {f['command']} | failed: {f['error']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, required=True, help="a directory `kg build --out` wrote")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget", type=float, default=600.0, help="seconds rdflib may take in all")
    parser.add_argument("--rdflib-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rdflib_child:
        rdflib_child(args.graph, args.runs)
        return 0
    print(table(compare(args.graph, args.runs, args.budget)))
    print()
    print(command_table(command_figures(args.graph, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
