"""The benchmark of issue 6 ("Speed and scale") in one command: a Markdown table with PASS/FAIL per target.

    python bench/run.py                                  # sizes 100, 1000, 10000
    python bench/run.py --sizes 100,1000 --quick         # while developing
    python bench/run.py --sizes 100,1000,10000 --jobs 2 --seed 1 --work bench/.work

For each size it generates a corpus (bench/generate.py; cached in the work directory) and times
`kg build --docs D --out O` as a subprocess: wall-clock, peak memory (the largest sum of the proportional set
sizes of the build and all its child processes, polled every 20 ms: a page a forked worker shares with the
build counts once), documents/s and MB/s, and how many of the
generated enterprises and parks the built graph names (truth.json; a sanity check that speed did not cost
correctness, not the gold evaluation). Then, on the largest graph, kg's reading commands and the example
queries on Oxigraph vs rdflib (bench/sparql_bench.py), and kg's extraction vs a spaCy EntityRuler
(bench/baseline_spacy.py) on the 1,000-document corpus.

Targets (issue 6): 10,000 documents (~10 MB) build into Turtle + query store + overview page in under 60 s
on a 2-core machine; 10x the documents costs at most 12x the time; peak memory for 10,000 documents under
2 GB; `kg build --jobs N` gives identical results for any N (kg.ttl and kg.trig bytes, jobs 1 vs 2, 1,000
documents);
extraction at least 3x faster than the spaCy baseline; Oxigraph vs rdflib (informational).

The table is printed and written to bench/RESULTS.md. Needs `pip install -e '.[bench]'` (psutil; spaCy for
the baseline, which is reported as not run without it).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from generate import found, generate  # noqa: E402

BUILD_LIMIT_S = 60.0
GROWTH_LIMIT = 12.0
MEMORY_LIMIT = 2 * 1024**3
SPACY_TARGET = 3.0
POLL_S = 0.02


# ---------------------------------------------------------------------------------------------- machine


def machine() -> str:
    """CPU model, cores, RAM, Python and OS: the numbers mean little without them."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        import psutil

        ram = f"{psutil.virtual_memory().total / 1024**3:.1f} GiB RAM"
    except ImportError:
        pass
    return (f"{cpu}; {os.cpu_count()} cores; {ram}; Python {platform.python_version()}; "
            f"{platform.system()} {platform.release()} ({platform.platform()})")


# ---------------------------------------------------------------------------------------------- corpora


def corpus(work: Path, n: int, seed: int) -> Path:
    """The generated corpus of `n` documents for `seed`, generated once and reused (its truth.json marks it
    complete: generate writes it last)."""
    directory = work / f"corpus-{n}-seed{seed}"
    truth = directory / "truth.json"
    if not truth.exists() or json.loads(truth.read_text(encoding="utf-8")).get("documents") != n:
        shutil.rmtree(directory, ignore_errors=True)
        generate(n, seed, directory)
    return directory


def megabytes(directory: Path) -> float:
    return sum(p.stat().st_size for p in (directory / "docs").glob("*.txt")) / 1e6


# ---------------------------------------------------------------------------------------------- builds


def kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


def build_options() -> set[str]:
    """The options this kg build has (`--jobs` and others are being added while this harness is written)."""
    done = subprocess.run(kg_command() + ["build", "--help"], capture_output=True, text=True, cwd=ROOT)
    return {word.rstrip(",") for word in done.stdout.split() if word.startswith("--")}


@dataclass
class Build:
    size: int
    megabytes: float
    seconds: float
    peak_bytes: int
    returncode: int
    out: Path
    log: str = ""
    found: dict[str, tuple[int, int]] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)  # every timed run; `seconds` is their median

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def tree_rss(proc) -> int:
    """Memory of a process and all its descendants, in bytes (processes that end meanwhile count 0): the sum
    of their proportional set sizes (PSS), where the system can tell it, so that pages a forked worker shares
    with its parent count once, not once per process as a sum of resident sizes would; else resident sizes."""
    import psutil

    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            pass
    return total


def timed_build(docs: Path, out: Path, extra: list[str], poll: bool = True) -> tuple[float, int, int, str]:
    """Run `kg build`, polling its process tree's memory every POLL_S when `poll`: (seconds, peak bytes (0
    without polling), exit code, log). Reading a process's proportional set size makes the kernel walk its
    pages, which on 2 cores slows a large build by a sixth: time and memory are measured in separate runs."""
    import psutil

    shutil.rmtree(out, ignore_errors=True)
    log = out.with_name(out.name + ".log")
    with open(log, "w", encoding="utf-8") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(kg_command() + ["build", "--docs", str(docs), "--out", str(out), *extra],
                                 stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)
        proc, peak = psutil.Process(child.pid), 0
        while poll and child.poll() is None:
            try:
                peak = max(peak, tree_rss(proc))
            except psutil.NoSuchProcess:
                break
            time.sleep(POLL_S)
        child.wait()
        seconds = time.perf_counter() - started
    return seconds, peak, child.returncode, log.read_text(encoding="utf-8", errors="replace")


def graph_labels(out: Path) -> dict[str, list[str]]:
    """English labels and aliases of the built graph's enterprises and parks, from its query store."""
    from kg.read.query import open_store, run_query

    store = open_store(out)
    labels = {}
    for kind in ("Enterprise", "Park"):
        rows = run_query(store, f"SELECT ?l WHERE {{ ?e a kg:{kind} ; rdfs:label|skos:altLabel ?l }}").rows
        labels[kind] = [r[0].value for r in rows]
    return labels


def build_size(work: Path, n: int, seed: int, extra: list[str], runs: int = 1) -> Build:
    """`runs` timed builds (the median counts), then one that measures memory."""
    directory = corpus(work, n, seed)
    out = work / f"build-{n}"
    times = []
    for _ in range(runs):
        seconds, _, rc, log = timed_build(directory / "docs", out, extra, poll=False)
        times.append(seconds)
        if rc != 0:
            return Build(n, megabytes(directory), seconds, 0, rc, out, log)
    _, peak, rc, log = timed_build(directory / "docs", out, extra, poll=True)
    b = Build(n, megabytes(directory), statistics.median(times), peak, rc, out, log, times=times)
    if b.ok:
        truth = json.loads((directory / "truth.json").read_text(encoding="utf-8"))
        labels = graph_labels(out)
        b.found = {"enterprises": found(labels["Enterprise"], truth), "parks": found(labels["Park"], truth, "parks")}
    return b


def jobs_identical(work: Path, n: int, seed: int, extra: list[str]) -> tuple[bool, str]:
    """Build the `n` corpus with --jobs 1 and --jobs 2; identical kg.ttl bytes?"""
    directory = corpus(work, n, seed)
    outs = []
    for jobs in (1, 2):
        out = work / f"build-{n}-jobs{jobs}"
        _, _, rc, log = timed_build(directory / "docs", out, [*extra, "--jobs", str(jobs)], poll=False)
        if rc != 0:
            return False, f"kg build --jobs {jobs} failed ({rc}): {log.strip().splitlines()[-1:]}"
        outs.append(out)
    same = all(filecmp.cmp(outs[0] / name, outs[1] / name, shallow=False) for name in ("kg.ttl", "kg.trig"))
    return same, f"kg.ttl and kg.trig {'identical' if same else 'differ'} for --jobs 1 and 2 ({n} documents)"


# ---------------------------------------------------------------------------------------------- the table


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "PASS" if ok else "FAIL"


def builds_table(builds: list[Build]) -> str:
    lines = ["| documents | MB | build time | documents/s | MB/s | peak memory | enterprises found | parks found |",
             "|---|---|---|---|---|---|---|---|"]
    for b in builds:
        if not b.ok:
            last = (b.log.strip().splitlines() or ["?"])[-1][:120]
            lines.append(f"| {b.size:,} | {b.megabytes:.1f} | failed ({b.returncode}) after {b.seconds:.1f} s: {last} "
                         f"| | | {b.peak_bytes / 1024**2:.0f} MiB until then | | |")
            continue
        ent, parks = b.found.get("enterprises", (0, 0)), b.found.get("parks", (0, 0))
        lines.append(f"| {b.size:,} | {b.megabytes:.1f} | {b.seconds:.1f} s | {b.size / b.seconds:.0f} | "
                     f"{b.megabytes / b.seconds:.2f} | {b.peak_bytes / 1024**2:.0f} MiB | "
                     f"{ent[0]:,} / {ent[1]:,} ({ent[0] / max(ent[1], 1):.0%}) | "
                     f"{parks[0]:,} / {parks[1]:,} ({parks[0] / max(parks[1], 1):.0%}) |")
    return "\n".join(lines)


def growth_rows(builds: list[Build]) -> list[tuple[str, bool | None, str]]:
    failed = [b for b in builds if not b.ok]
    if failed:
        return [("build time grows linearly: 10x the documents costs at most 12x the time", False,
                 "not measured: the build of " + ", ".join(f"{b.size:,}" for b in failed) + " documents failed")]
    ok = builds
    rows = []
    for small, big in zip(ok, ok[1:]):
        factor = big.size / small.size
        ratio = big.seconds / small.seconds
        limit = GROWTH_LIMIT * factor / 10
        rows.append((f"build time grows linearly: {factor:g}x the documents ({small.size:,} -> {big.size:,}) "
                     f"costs at most {limit:g}x the time", ratio <= limit, f"{ratio:.1f}x"))
    return rows or [("build time grows linearly (needs two sizes)", None, "not run")]


def targets(builds: list[Build], jobs: tuple[bool | None, str], spacy: dict | None, sparql: dict | None
            ) -> list[tuple[str, bool | None, str]]:
    big = next((b for b in builds if b.size == 10_000), None)
    rows = []
    if big is None:
        rows.append(("10,000 documents build in under 60 s", None, "not run (size 10000 not asked)"))
        rows.append(("peak memory for 10,000 documents under 2 GB", None, "not run"))
    elif not big.ok:
        rows.append(("10,000 documents build in under 60 s", False,
                     f"build failed ({big.returncode}) after {big.seconds:.0f} s"))
        rows.append(("peak memory for 10,000 documents under 2 GB", False,
                     f"build failed; {big.peak_bytes / 1024**2:.0f} MiB until then"))
    else:
        outputs = all((big.out / name).exists() for name in ("kg.ttl", "store", "index.html"))
        rows.append((f"10,000 documents ({big.megabytes:.1f} MB) build into kg.ttl + store + index.html in under "
                     "60 s", big.seconds < BUILD_LIMIT_S and outputs,
                     f"{big.seconds:.1f} s" + ("" if outputs else ", outputs missing")))
        rows.append(("peak memory for 10,000 documents under 2 GB", big.peak_bytes < MEMORY_LIMIT,
                     f"{big.peak_bytes / 1024**2:.0f} MiB"))
    rows.extend(growth_rows(builds))
    rows.append(("kg build --jobs N: identical results for any N", jobs[0], jobs[1]))
    if spacy is None:
        rows.append(("extraction at least 3x faster than the spaCy EntityRuler baseline", None,
                     "not run (pip install -e '.[bench]')"))
    else:
        rows.append((f"extraction at least 3x faster than the spaCy EntityRuler baseline ({spacy['documents']:,} "
                     "documents)", spacy["ratio"] >= SPACY_TARGET,
                     f"{spacy['ratio']:.1f}x (kg {spacy['kg_seconds']:.2f} s, spaCy {spacy['spacy_seconds']:.2f} s)"))
    if sparql is None or not sparql.get("total_ratio"):
        rows.append(("SPARQL: Oxigraph vs rdflib (informational)", None, "not run"))
    else:
        rows.append(("SPARQL: Oxigraph vs rdflib (informational)", None,
                     f"rdflib {sparql['total_ratio']:.0f}x slower in total, {sparql['geomean_ratio']:.0f}x "
                     "geometric mean"))
    return rows


def targets_table(rows: list[tuple[str, bool | None, str]]) -> str:
    lines = ["| target | measured | result |", "|---|---|---|"]
    lines += [f"| {name} | {measured} | {verdict(ok)} |" for name, ok, measured in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------- main


def run_spacy(work: Path, sizes: list[int], seed: int, runs: int) -> dict | None:
    import importlib.util

    if importlib.util.find_spec("spacy") is None:
        return None
    from baseline_spacy import compare

    from kg.ingest.documents import read_corpus

    n = 1000 if 1000 in sizes else min(sizes)
    documents, _ = read_corpus(corpus(work, n, seed) / "docs")
    return compare(documents, runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs N to kg build (if it has it)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=BENCH / ".work", help="corpora and builds (cached)")
    parser.add_argument("--quick", action="store_true", help="one run per measurement instead of three")
    parser.add_argument("--rdflib-budget", type=float, default=600.0,
                        help="seconds rdflib may take to load kg.ttl and answer the queries")
    parser.add_argument("--build-args", default="", help="more options for kg build, e.g. '--no-validate' "
                        "(default: as a user runs it)")
    parser.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    args = parser.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    runs = 1 if args.quick else 3
    args.work.mkdir(parents=True, exist_ok=True)
    work = args.work.resolve()

    options = build_options()
    extra = [flag for flag in ("--quiet",) if flag in options]
    if args.jobs is not None and "--jobs" in options:
        extra += ["--jobs", str(args.jobs)]
    extra += args.build_args.split()
    print(f"machine: {machine()}", flush=True)
    builds = []
    for n in sizes:
        print(f"building {n:,} documents ...", flush=True)
        builds.append(build_size(work, n, args.seed, extra, runs))
        b = builds[-1]
        runs_text = ", ".join(f"{t:.1f}" for t in b.times)
        print(f"  {'ok' if b.ok else 'FAILED'} in {b.seconds:.1f} s (median of {runs_text}), "
              f"peak {b.peak_bytes / 1024**2:.0f} MiB", flush=True)
    if "--jobs" in options:
        base = [f for f in extra if f == "--quiet"] + args.build_args.split()
        jobs = jobs_identical(work, 1000 if 1000 in sizes else min(sizes), args.seed, base)
    else:
        jobs = (False, "kg build has no --jobs option yet")
    print("spaCy baseline ...", flush=True)
    spacy = run_spacy(work, sizes, args.seed, runs)
    largest = next((b for b in reversed(builds) if b.ok), None)
    sparql, commands = None, []
    if largest is not None:
        import sparql_bench

        print(f"SPARQL and reading commands on the {largest.size:,}-document graph ...", flush=True)
        sparql = sparql_bench.compare(largest.out, runs, budget=args.rdflib_budget)
        commands = sparql_bench.command_figures(largest.out, runs)

    parts = [f"# Benchmark results (issue 6)\n\n`python bench/run.py --sizes {','.join(map(str, sizes))}"
             f"{' --quick' if args.quick else ''} --seed {args.seed}`"
             f"{' --jobs ' + str(args.jobs) if args.jobs is not None else ''}\n\n"
             f"Machine: {machine()}\n\nkg build options used: {' '.join(extra) or '(none)'}",
             "## Targets", targets_table(targets(builds, jobs, spacy, sparql)),
             "## Builds", builds_table(builds)]
    if spacy is not None:
        from baseline_spacy import report

        parts += ["## Extraction vs spaCy EntityRuler", "```\n" + report(spacy) + "\n```"]
    if sparql is not None:
        import sparql_bench

        parts += [f"## SPARQL on the {largest.size:,}-document graph: Oxigraph store vs rdflib Graph",
                  sparql_bench.table(sparql),
                  f"## Reading commands on the {largest.size:,}-document graph", sparql_bench.command_table(commands)]
    text = "\n\n".join(parts) + "\n"
    print("\n" + text)
    args.results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
