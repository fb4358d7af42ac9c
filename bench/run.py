"""The benchmark of issues 6 and 17 ("Speed and scale") in one command: Markdown tables with PASS/FAIL per target.

    python bench/run.py                                  # sizes 1000, 2000, 10000, 20000 (~40 minutes on 2 cores)
    python bench/run.py --sizes 1000,2000 --quick        # while developing
    python bench/run.py --sizes 1000,10000 --jobs 2 --seed 1 --kb 4 --work bench/.work

For each size it generates a corpus of documents of about `--kb` KB (bench/generate.py; 4 KB, the size of the
reports and news the benchmark stands for: 10,000 documents are ~40 MB; cached in the work directory) and times
`kg build --docs D --out O` as a subprocess, with its defaults (validation included): wall-clock (the median of
timed runs), peak memory (in a separate run: the largest sum of the proportional set sizes of the build and
all its child processes, polled every 20 ms, so that a page a forked worker shares with the build counts once),
the seconds of each stage (`kg build --verbose`), the bytes of each output, and how many of the generated
enterprises and parks the built graph names (truth.json; a sanity check that speed did not cost correctness,
not the gold evaluation). From the stages of the two largest sizes it projects a build of 1,000,000 documents
(time of each stage and memory, each as a + b x documents) and names the stage that would limit it. Then
`kg validate` on the 10,000-document graph (time and memory), a 20,000-row `kg query` from a cold start,
`--jobs 1` against `--jobs 2` and `--engine dask` against a local build (the same kg.ttl and kg.trig), the
example queries on the Oxigraph store against rdflib's in-memory graph (bench/sparql_bench.py, on the 1,000-
document graph), and kg's extraction against a spaCy EntityRuler (bench/baseline_spacy.py).

Targets (issue 17): 10,000 documents (~40 MB) build in under 60 s on 2 cores, with peak memory under 1.5 GB and
output under 400 MB; time(10,000) / time(1,000) at most 11 (and so for any two sizes: 1.1 times their ratio);
the build validates by default, and `kg validate` checks the 10,000-document graph in under 60 s and 2 GB; a
20,000-row answer in under 2 s from a cold start; `--jobs N` and `--engine dask` give the same graph;
extraction at least 3x faster than the spaCy baseline; Oxigraph vs rdflib (informational).

The tables are printed and written to bench/RESULTS.md. Needs `pip install -e '.[bench,dask]'` (psutil; spaCy
for the baseline and Dask for the engine check, each reported as not run without it).
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import re
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
GROWTH_LIMIT = 1.1  # time may grow at most 1.1 times as fast as the documents (11x for 10x)
MEMORY_LIMIT = 1.5 * 1024**3
OUTPUT_LIMIT = 400 * 1000**2
VALIDATE_LIMIT_S = 60.0
VALIDATE_MEMORY_LIMIT = 2 * 1024**3
QUERY_ROWS = 20_000
QUERY_LIMIT_S = 2.0
SPACY_TARGET = 3.0
POLL_S = 0.02
PROJECTED = 1_000_000
STAGES = ("read", "extract", "resolve and relate", "write", "validate")


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


def corpus(work: Path, n: int, seed: int, kb: float = 4.0) -> Path:
    """The generated corpus of `n` documents of about `kb` KB for `seed`, generated once and reused (its
    truth.json marks it complete: generate writes it last)."""
    directory = work / f"corpus-{n}-seed{seed}-kb{kb:g}"
    truth = directory / "truth.json"
    if not truth.exists() or json.loads(truth.read_text(encoding="utf-8")).get("documents") != n:
        shutil.rmtree(directory, ignore_errors=True)
        generate(n, seed, directory, kb)
    return directory


def megabytes(directory: Path) -> float:
    return sum(p.stat().st_size for p in (directory / "docs").glob("*.txt")) / 1e6


# ---------------------------------------------------------------------------------------------- builds


def kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg"]


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
    stages: dict[str, float] = field(default_factory=dict)  # seconds of each stage (`kg build --verbose`)
    output: dict[str, int] = field(default_factory=dict)  # bytes of each output
    validated: bool = False  # the build's summary says the graph conforms

    @property
    def output_bytes(self) -> int:
        return sum(self.output.values())

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


def stages_of(log: str) -> dict[str, float]:
    """The seconds of each stage `kg build --verbose` prints ("stages: read 1.20 s, extract 30.1 s, ...")."""
    line = next((line for line in log.splitlines() if line.startswith("stages: ")), "")
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"([a-z ]+?) ([0-9.]+) s(?:, |$)", line[8:])}


def outputs_of(out: Path) -> dict[str, int]:
    """Bytes of each output: kg.ttl, kg.trig (`--trig` builds only), the store, the per-document cache, and the
    pages (the rest)."""
    sizes: dict[str, int] = {}
    for path in out.rglob("*"):
        if path.is_file():
            top = path.relative_to(out).parts[0]
            key = top if top in ("kg.ttl", "kg.trig", "store", "documents") else "pages"
            sizes[key] = sizes.get(key, 0) + path.stat().st_size
    return sizes


def build_size(work: Path, n: int, seed: int, extra: list[str], runs: int = 1, kb: float = 4.0) -> Build:
    """`runs` timed builds (the median counts), then one that measures memory and stages."""
    directory = corpus(work, n, seed, kb)
    out = work / f"build-{n}"
    times = []
    for _ in range(runs):
        seconds, _, rc, log = timed_build(directory / "docs", out, extra, poll=False)
        times.append(seconds)
        if rc != 0:
            return Build(n, megabytes(directory), seconds, 0, rc, out, log)
    _, peak, rc, log = timed_build(directory / "docs", out, [*extra, "--verbose"], poll=True)
    b = Build(n, megabytes(directory), statistics.median(times), peak, rc, out, log, times=times)
    if b.ok:
        b.stages, b.output = stages_of(log), outputs_of(out)
        b.validated = "validation: the graph conforms" in log
        truth = json.loads((directory / "truth.json").read_text(encoding="utf-8"))
        labels = graph_labels(out)
        b.found = {"enterprises": found(labels["Enterprise"], truth), "parks": found(labels["Park"], truth, "parks")}
    return b


def same_graph(work: Path, n: int, seed: int, kb: float, variants: dict[str, list[str]]) -> tuple[bool | None, str]:
    """Build the `n` corpus once per variant (kg build options, and --trig); identical kg.ttl and kg.trig bytes?"""
    directory = corpus(work, n, seed, kb)
    outs = []
    for name, options in variants.items():
        out = work / f"build-{n}-{name}"
        _, _, rc, log = timed_build(directory / "docs", out, [*options, "--trig"], poll=False)
        if rc != 0:
            return False, f"kg build {' '.join(options)} failed ({rc}): {log.strip().splitlines()[-1:]}"
        outs.append(out)
    same = all(filecmp.cmp(outs[0] / name, other / name, shallow=False) for other in outs[1:]
               for name in ("kg.ttl", "kg.trig"))
    return same, (f"kg.ttl and kg.trig {'identical' if same else 'differ'} for {' / '.join(variants)} "
                  f"({n:,} documents)")


def measured(command: list[str]) -> tuple[float, int, int, str]:
    """Seconds and peak memory (summed PSS of the process tree) of a kg command; its exit code and output."""
    import psutil

    started = time.perf_counter()
    child = subprocess.Popen(kg_command() + command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT)
    proc, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, tree_rss(proc))
        except psutil.NoSuchProcess:
            break
        time.sleep(POLL_S)
    output = child.communicate()[0].decode("utf-8", "replace")
    return time.perf_counter() - started, peak, child.returncode, output


def validate_figures(build: Build) -> dict:
    """`kg validate` on a built graph: seconds, peak memory, verdict."""
    seconds, peak, rc, output = measured(["validate", "--graph", str(build.out)])
    return {"documents": build.size, "seconds": seconds, "peak": peak, "ok": rc == 0,
            "summary": (output.strip().splitlines() or ["?"])[0]}


QUERY = f"""SELECT ?statement ?text WHERE {{ ?statement kg:evidenceText ?text ; rdf:predicate ?p }}
LIMIT {QUERY_ROWS}"""


def query_figures(build: Build, runs: int) -> dict:
    """A 20,000-row `kg query` from a cold start of the process (median of `runs`), written to a pipe."""
    times, rows = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(kg_command() + ["query", QUERY, "--graph", str(build.out), "--format", "tsv"],
                              capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
        rows = done.stdout.count(b"\n") - 1
    return {"rows": rows, "seconds": statistics.median(times)}


# ---------------------------------------------------------------------------------------------- projection


def projection(builds: list[Build]) -> dict | None:
    """Each stage's seconds and the peak memory at PROJECTED documents, as a + b x documents through the two
    largest builds (a stage that grows faster than linearly shows as a steep b); the limiting stage is the
    longest, and the memory is what one machine would need."""
    done = [b for b in builds if b.ok and b.stages]
    if len(done) < 2:
        return None
    small, big = done[-2], done[-1]
    span = big.size - small.size

    def line(a: float, b: float) -> tuple[float, float]:
        slope = (b - a) / span
        return slope, a - slope * small.size

    stages = {}
    for stage in STAGES:
        slope, base = line(small.stages.get(stage, 0.0), big.stages.get(stage, 0.0))
        stages[stage] = {"per_1000": slope * 1000, "projected": base + slope * PROJECTED,
                         "rate": big.size / big.stages[stage] if big.stages.get(stage) else None}
    slope, base = line(small.peak_bytes, big.peak_bytes)
    output_slope, output_base = line(small.output_bytes, big.output_bytes)
    limiting = max(stages, key=lambda name: stages[name]["projected"])
    return {"from": (small.size, big.size), "stages": stages, "limiting": limiting,
            "seconds": sum(s["projected"] for s in stages.values()), "peak": base + slope * PROJECTED,
            "output": output_base + output_slope * PROJECTED}


# ---------------------------------------------------------------------------------------------- the table


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "PASS" if ok else "FAIL"


def builds_table(builds: list[Build]) -> str:
    lines = ["| documents | MB | build time | documents/s | MB/s | peak memory | output | enterprises found | "
             "parks found |", "|---|---|---|---|---|---|---|---|---|"]
    for b in builds:
        if not b.ok:
            last = (b.log.strip().splitlines() or ["?"])[-1][:120]
            lines.append(f"| {b.size:,} | {b.megabytes:.1f} | failed ({b.returncode}) after {b.seconds:.1f} s: {last} "
                         f"| | | {b.peak_bytes / 1024**2:.0f} MiB until then | | | |")
            continue
        ent, parks = b.found.get("enterprises", (0, 0)), b.found.get("parks", (0, 0))
        lines.append(f"| {b.size:,} | {b.megabytes:.1f} | {b.seconds:.1f} s | {b.size / b.seconds:.0f} | "
                     f"{b.megabytes / b.seconds:.2f} | {b.peak_bytes / 1024**2:.0f} MiB | "
                     f"{b.output_bytes / 1e6:.0f} MB | "
                     f"{ent[0]:,} / {ent[1]:,} ({ent[0] / max(ent[1], 1):.0%}) | "
                     f"{parks[0]:,} / {parks[1]:,} ({parks[0] / max(parks[1], 1):.0%}) |")
    return "\n".join(lines)


def stages_table(builds: list[Build]) -> str:
    """Seconds of each stage (the run that measured memory), and the bytes of each output."""
    names = ["kg.ttl", "kg.trig", "store", "documents", "pages"]
    lines = ["| documents | " + " | ".join(STAGES) + " | " + " | ".join(names) + " |",
             "|---|" + "---|" * (len(STAGES) + len(names))]
    for b in builds:
        if b.ok and b.stages:
            lines.append(f"| {b.size:,} | " + " | ".join(f"{b.stages.get(s, 0):.1f} s" for s in STAGES) + " | "
                         + " | ".join(f"{b.output.get(n, 0) / 1e6:.0f} MB" for n in names) + " |")
    return "\n".join(lines)


def projection_table(p: dict) -> str:
    lines = [f"From the builds of {p['from'][0]:,} and {p['from'][1]:,} documents, each as a + b x documents:", "",
             "| stage | seconds per 1,000 more documents | documents/s (largest build) | projected at "
             f"{PROJECTED:,} |", "|---|---|---|---|"]
    for name, s in p["stages"].items():
        rate = f"{s['rate']:.0f}" if s["rate"] else "-"
        lines.append(f"| {name} | {s['per_1000']:.2f} s | {rate} | {s['projected'] / 60:.0f} min |")
    lines.append(f"| the build | | | {p['seconds'] / 3600:.1f} h, peak memory {p['peak'] / 1024**3:.0f} GiB, "
                 f"output {p['output'] / 1e9:.0f} GB |")
    lines.append(f"\nThe limiting stage: **{p['limiting']}**.")
    return "\n".join(lines)


def growth_rows(builds: list[Build]) -> list[tuple[str, bool | None, str]]:
    failed = [b for b in builds if not b.ok]
    if failed:
        return [("build time grows linearly", False,
                 "not measured: the build of " + ", ".join(f"{b.size:,}" for b in failed) + " documents failed")]
    rows = []
    pairs = list(zip(builds, builds[1:]))
    first = next((b for b in builds if b.size == 1000), None)
    tenfold = next((b for b in builds if b.size == 10_000), None)
    if first and tenfold and (first, tenfold) not in pairs:
        pairs.append((first, tenfold))
    for small, big in pairs:
        factor = big.size / small.size
        ratio = big.seconds / small.seconds
        limit = GROWTH_LIMIT * factor
        rows.append((f"build time grows linearly: {factor:g}x the documents ({small.size:,} -> {big.size:,}) "
                     f"costs at most {limit:g}x the time", ratio <= limit, f"{ratio:.1f}x"))
    return rows or [("build time grows linearly (needs two sizes)", None, "not run")]


def targets(builds: list[Build], checks: dict[str, tuple[bool | None, str]], validated: dict | None,
            query: dict | None, spacy: dict | None, sparql: dict | None) -> list[tuple[str, bool | None, str]]:
    big = next((b for b in builds if b.size == 10_000), None)
    rows: list[tuple[str, bool | None, str]] = []
    if big is None:
        rows.append(("10,000 documents build in under 60 s", None, "not run (size 10000 not asked)"))
    elif not big.ok:
        rows.append(("10,000 documents build in under 60 s", False,
                     f"build failed ({big.returncode}) after {big.seconds:.0f} s"))
    else:
        outputs = all((big.out / name).exists() for name in ("kg.ttl", "store", "index.html"))
        rows.append((f"10,000 documents ({big.megabytes:.1f} MB) build, validated, in under 60 s",
                     big.seconds < BUILD_LIMIT_S and outputs, f"{big.seconds:.1f} s" + ("" if outputs else
                                                                                        ", outputs missing")))
        rows.append(("peak memory for 10,000 documents under 1.5 GB", big.peak_bytes < MEMORY_LIMIT,
                     f"{big.peak_bytes / 1024**2:.0f} MiB"))
        rows.append(("output for 10,000 documents under 400 MB", big.output_bytes < OUTPUT_LIMIT,
                     f"{big.output_bytes / 1e6:.0f} MB ("
                     + ", ".join(f"{k} {v / 1e6:.0f}" for k, v in sorted(big.output.items())) + ")"))
        rows.append(("the build validates its graph by default", big.validated,
                     f"validate stage {big.stages.get('validate', 0):.1f} s" if big.validated else "not validated"))
    rows.extend(growth_rows(builds))
    if validated is None:
        rows.append(("kg validate on the 10,000-document graph in under 60 s and 2 GB", None, "not run"))
    else:
        rows.append(("kg validate on the 10,000-document graph in under 60 s and 2 GB",
                     validated["ok"] and validated["seconds"] < VALIDATE_LIMIT_S
                     and validated["peak"] < VALIDATE_MEMORY_LIMIT,
                     f"{validated['seconds']:.1f} s, {validated['peak'] / 1024**2:.0f} MiB: {validated['summary']}"))
    if query is None:
        rows.append(("a 20,000-row answer in under 2 s (cold start)", None, "not run"))
    else:
        rows.append((f"a {QUERY_ROWS:,}-row answer in under 2 s (cold start)",
                     query["seconds"] < QUERY_LIMIT_S and query["rows"] == QUERY_ROWS,
                     f"{query['seconds']:.2f} s, {query['rows']:,} rows"))
    for name, (ok, text) in checks.items():
        rows.append((name, ok, text))
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


def run_spacy(work: Path, sizes: list[int], seed: int, runs: int, kb: float) -> dict | None:
    import importlib.util

    if importlib.util.find_spec("spacy") is None:
        return None
    from baseline_spacy import compare

    from kg.ingest.documents import read_corpus

    n = 1000 if 1000 in sizes else min(sizes)
    documents, _ = read_corpus(corpus(work, n, seed, kb) / "docs")
    return compare(documents, runs)


def load_line() -> str:
    try:
        return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg()) + " (1, 5, 15 min)"
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,2000,10000,20000", help="corpus sizes, comma-separated")
    parser.add_argument("--kb", type=float, default=4.0, help="mean document size in KB")
    parser.add_argument("--jobs", type=int, default=None, help="pass --jobs N to kg build")
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

    extra = ["--quiet"] + (["--jobs", str(args.jobs)] if args.jobs is not None else []) + args.build_args.split()
    print(f"machine: {machine()}; {load_line()}", flush=True)
    loads = [load_line()]
    builds = []
    for n in sizes:
        print(f"building {n:,} documents ...", flush=True)
        builds.append(build_size(work, n, args.seed, extra, runs, args.kb))
        b = builds[-1]
        runs_text = ", ".join(f"{t:.1f}" for t in b.times)
        print(f"  {'ok' if b.ok else 'FAILED'} in {b.seconds:.1f} s (median of {runs_text}), "
              f"peak {b.peak_bytes / 1024**2:.0f} MiB, output {b.output_bytes / 1e6:.0f} MB, stages {b.stages}",
              flush=True)
        loads.append(load_line())
    small = 1000 if 1000 in sizes else min(sizes)
    base = ["--quiet"] + args.build_args.split()
    checks = {"kg build --jobs N: identical results for any N":
              same_graph(work, small, args.seed, args.kb, {"jobs1": [*base, "--jobs", "1"],
                                                           "jobs2": [*base, "--jobs", "2"]})}
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        checks["kg build --engine dask: the same graph"] = (None, "not run (pip install -e '.[dask]')")
    else:
        checks["kg build --engine dask: the same graph"] = same_graph(
            work, small, args.seed, args.kb, {"local": [*base, "--jobs", "2"],
                                              "dask": [*base, "--jobs", "2", "--engine", "dask"]})
    ten = next((b for b in builds if b.size == 10_000 and b.ok), None)
    validated = query = None
    if ten is not None:
        print("kg validate and a 20,000-row kg query on the 10,000-document graph ...", flush=True)
        validated, query = validate_figures(ten), query_figures(ten, runs)
    print("spaCy baseline ...", flush=True)
    spacy = run_spacy(work, sizes, args.seed, runs, args.kb)
    loads.append(load_line())
    graph = next((b for b in builds if b.size == small and b.ok), None)
    sparql, commands = None, []
    largest = next((b for b in reversed(builds) if b.ok), None)
    if graph is not None and largest is not None:
        import sparql_bench

        print(f"SPARQL on the {graph.size:,}-document graph, reading commands on the {largest.size:,} ...", flush=True)
        sparql = sparql_bench.compare(graph.out, runs, budget=args.rdflib_budget)
        commands = sparql_bench.command_figures(largest.out, runs)
    projected = projection(builds)

    parts = [f"# Benchmark results (issues 6 and 17)\n\n`python bench/run.py --sizes {','.join(map(str, sizes))}"
             f"{' --quick' if args.quick else ''} --seed {args.seed} --kb {args.kb:g}`"
             f"{' --jobs ' + str(args.jobs) if args.jobs is not None else ''}\n\n"
             f"Machine: {machine()}\n\nkg build options used: {' '.join(extra)}\n\n"
             "Load of the machine (shared with other work) at the start, after each size and at the end: "
             + "; ".join(x for x in loads if x),
             "## Targets", targets_table(targets(builds, checks, validated, query, spacy, sparql)),
             "## Builds", builds_table(builds),
             "## Stages and outputs", stages_table(builds)]
    if projected is not None:
        parts += [f"## Projection to {PROJECTED:,} documents", projection_table(projected)]
    if spacy is not None:
        from baseline_spacy import report

        parts += ["## Extraction vs spaCy EntityRuler", "```\n" + report(spacy) + "\n```"]
    if sparql is not None and graph is not None and largest is not None:
        import sparql_bench

        parts += [f"## SPARQL on the {graph.size:,}-document graph: Oxigraph store vs rdflib Graph",
                  sparql_bench.table(sparql),
                  f"## Reading commands on the {largest.size:,}-document graph", sparql_bench.command_table(commands)]
    text = "\n\n".join(parts) + "\n"
    print("\n" + text)
    args.results.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
