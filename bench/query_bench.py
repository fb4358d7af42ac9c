"""Speed of the reading commands (issue 3), measured rather than asserted in a test.

Targets: on the seeds graph, `kg query`, `kg path` and `kg show` each return in under 0.5 s wall-clock from a
cold start of the process; on a synthetic graph of one million triples, each example query of
notebooks/queries/ answers in under 100 ms inside the process, and `kg path` takes under 1 s end to end.

The synthetic graph has the seeds graph's shape: the seed documents' enterprises and parks are copied under
new names ("Jintian Copper 17") with their relations and evidence, attached to the same regions, industries
and clusters, until the store holds the number of triples asked for. A bigger corpus means more enterprises
and parks, spread over the province (copy k moves k places along the gazetteer's towns, counties and cities);
the provincial facts (cluster scopes and centres, administrative divisions) stay as they are.

    python bench/query_bench.py                       # seeds + 1M triples, prints a Markdown table
    python bench/query_bench.py --triples 200000 --runs 3
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build.outputs import write_outputs
from kg.build.pipeline import extract_graph  # noqa: E402
from kg.ingest.documents import read_corpus  # noqa: E402
from kg.model import (  # noqa: E402
    Entity,  # noqa: E402
    Evidence,
    KnowledgeGraph,  # noqa: E402
    Relation,
)
from kg.namespaces import GAZETTEER_IRI
from kg.publish import rdf  # noqa: E402
from kg.read.query import open_store, run_query  # noqa: E402
from kg.reference import load_reference  # noqa: E402

QUERIES = ROOT / "notebooks" / "queries"
COPIED_TYPES = ("Enterprise", "Park")
MOVED_REGION_TYPES = ("City", "County", "Town")


def kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


def cold_start(args: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of `kg ARGS` in a fresh process, once per run."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(kg_command() + args, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(f"kg {' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return times


def in_process(store, query: str, runs: int) -> tuple[list[float], int]:
    """Seconds to answer `query` (rows materialised, as `kg query` gets them), once per run; and the rows."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = run_query(store, query)
        times.append(time.perf_counter() - started)
    return times, len(result.rows)


def copy_graph(seed: KnowledgeGraph, copies: int, reference) -> KnowledgeGraph:
    """The seed graph plus `copies` renamed copies of its enterprises and parks, each with the relations and
    evidence of the original (the copies' documents are copies of the seed documents). Copy k is moved k
    places along the gazetteer's towns, counties and cities, as if it came from a report on another place,
    so that places grow as they would in a province-wide corpus rather than all in Sihui."""
    entities = dict(seed.entities)
    documents = dict(seed.documents)
    relations = list(seed.relations)
    copied = {iri for iri, e in seed.entities.items() if e.type in COPIED_TYPES}
    by_type = {t: sorted(i for i, r in reference.regions.items() if r.type == t) for t in MOVED_REGION_TYPES}
    placed: set[str] = set()

    def place(iri: str) -> str:
        """Add a gazetteer region and the chain of regions holding it, as `kg build` does."""
        for child, parent in zip([iri] + reference.ancestors(iri), reference.ancestors(iri)):
            for region in (child, parent):
                if region not in entities:
                    r = reference.regions[region]
                    entities[region] = Entity(region, r.type, r.label, r.label_zh,
                                              set(r.alt_labels) | set(r.alt_labels_zh), {"adminKind": r.kind})
            if child not in placed:
                placed.add(child)
                relations.append(Relation(child, "locatedIn", parent, [Evidence(GAZETTEER_IRI)]))
        return iri

    def moved(iri: str, k: int) -> str:
        e = seed.entities[iri]
        if e.type not in by_type or iri not in by_type[e.type]:
            return iri
        regions = by_type[e.type]
        return place(regions[(regions.index(iri) + k) % len(regions)])

    for k in range(1, copies + 1):
        rename = {iri: f"{iri}-copy{k}" for iri in copied}
        doc = {name: f"copy{k}/{name}" for name in seed.documents}
        documents.update({doc[name]: sha for name, sha in seed.documents.items()})
        for iri in copied:
            e = seed.entities[iri]
            entities[rename[iri]] = replace(
                e, iri=rename[iri], label=f"{e.label} {k}", label_zh=f"{e.label_zh}{k}" if e.label_zh else "",
                alt_labels={f"{a} {k}" for a in e.alt_labels}, docs={doc[d] for d in e.docs if d in doc})
        for r in seed.relations:
            if r.subject not in copied and r.object not in copied:
                continue  # a fact about regions, industries and clusters only: stated once, as in the seeds
            evidence = [Evidence(doc[ev.source], ev.text, ev.start, ev.end) for ev in r.evidence
                        if ev.is_text and ev.source in doc]
            if evidence:
                subject = rename.get(r.subject) or moved(r.subject, k)
                obj = rename.get(r.object) or moved(r.object, k)
                relations.append(Relation(subject, r.predicate, obj, evidence, r.amount_yuan, r.amount_text))
    return KnowledgeGraph(documents, entities, relations)


def synthetic_store(seed: KnowledgeGraph, reference, target: int, directory: Path) -> tuple[int, int]:
    """Write a store of at least `target` triples to `directory`; returns its size and the number of copies."""
    base = len(rdf.graph_triples(seed, reference))
    per_copy = len(rdf.graph_triples(copy_graph(seed, 1, reference), reference)) - base
    copies = max(0, math.ceil((target - base) / per_copy))
    triples = rdf.graph_triples(copy_graph(seed, copies, reference), reference)
    while len(triples) < target:  # later copies share the regions earlier ones added
        copies += math.ceil((target - len(triples)) / per_copy)
        triples = rdf.graph_triples(copy_graph(seed, copies, reference), reference)
    rdf.write_store(triples, directory / "store")
    return len(triples), copies


def row(name: str, times: list[float], target: float) -> str:
    median, worst = statistics.median(times), max(times)
    verdict = "yes" if median < target else "no"
    return f"| {name} | {median * 1000:.0f} ms | {worst * 1000:.0f} ms | < {target * 1000:.0f} ms | {verdict} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic graph")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement")
    parser.add_argument("--keep", type=Path, help="write the graphs here and keep them (default: a temp dir)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-query-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        reference = load_reference()
        documents, _ = read_corpus(ROOT / "seeds")
        seed = extract_graph(documents, reference)
        seeds_dir, big_dir = work / "seeds", work / "synthetic"
        write_outputs(seed, seeds_dir, reference)
        big_dir.mkdir(exist_ok=True)
        started = time.perf_counter()
        size, copies = synthetic_store(seed, reference, args.triples, big_dir)
        built = time.perf_counter() - started
        seeds_size = len(rdf.graph_triples(seed, reference))

        lines = [f"Seeds graph: {seeds_size:,} triples. Synthetic graph: {size:,} triples "
                 f"({copies} copies of the seeds' enterprises and parks, built in {built:.0f} s). "
                 f"{args.runs} runs each; Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average "
                 f"{os.getloadavg()[0]:.1f} at the start.", "",
                 "| measurement | median | worst | target | met (median) |", "|---|---|---|---|---|"]
        commands = {
            "query chain_masters.rq": ["query", str(QUERIES / "chain_masters.rq")],
            "path jintian copper -> advanced materials cluster": ["path", "jintian copper",
                                                                  "advanced materials cluster"],
            "show Jintian Copper": ["show", "Jintian Copper"],
        }
        for name, cmd in commands.items():
            lines.append(row(f"seeds, cold start: kg {name}", cold_start(cmd + ["--graph", str(seeds_dir)],
                                                                         args.runs), 0.5))
        store = open_store(big_dir)
        for path in sorted(QUERIES.glob("*.rq")):
            times, rows = in_process(store, path.read_text(encoding="utf-8"), args.runs)
            lines.append(row(f"1M, in process: {path.name} ({rows:,} row{'s' if rows != 1 else ''})", times, 0.1))
        jintian, zhuoersheng = f"Jintian Copper {max(copies // 2, 1)}", f"Zhuoersheng {max(copies, 1)}"
        far = ["path", jintian, zhuoersheng]
        big = {
            f"path {jintian} -> Advanced materials industry cluster (names as labelled)":
                ["path", jintian, "Advanced materials industry cluster"],
            f"path {jintian.lower()} -> advanced materials cluster (names as typed)":
                ["path", jintian.lower(), "advanced materials cluster"],
            f"path {jintian} -> {zhuoersheng}": far,
            f"path --all {jintian} -> {zhuoersheng}": far + ["--all"],
            f"path {jintian} --to-cluster": ["path", jintian, "--to-cluster"],
            f"show {jintian}": ["show", jintian],
            "query chain_masters.rq": ["query", str(QUERIES / "chain_masters.rq")],
        }
        for name, cmd in big.items():
            lines.append(row(f"1M, cold start: kg {name}", cold_start(cmd + ["--graph", str(big_dir)], args.runs),
                             1.0))
        print("\n".join(lines))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
