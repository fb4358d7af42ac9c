"""The whole build: documents -> text -> mentions -> entities -> relations -> graph -> RDF / views.

Ingest (`kg.ingest`), extract each document (`kg.extract`, in worker processes), link the corpus (`kg.link`),
write the outputs (`kg.build.outputs`) and validate them (`kg.read.validate`, on the store as it is staged,
before it replaces the previous one).

`build()` is the library entry point the CLI and notebooks call.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.build.engines import Engine, open_engine
from kg.build.outputs import open_staging, stage_cache, write_outputs
from kg.errors import StrictBuildError, one_line
from kg.extract import Matchers, any_chinese, build_matchers
from kg.ingest import read_corpus
from kg.link import link_corpus
from kg.model import ClusterDef, Document, DocumentExtraction, KnowledgeGraph, Mention, Sentence, Skipped
from kg.parallel import in_a_fork
from kg.read.validate import ValidationReport, validate_graph_dir
from kg.reference import Reference, load_lexicon, load_reference, seeds_dir


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    documents: list[str]
    skipped: list[Skipped]
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)
    # What graph validation (kg.read.validate, ontology/shapes.ttl) found wrong, one line each: `kg build --strict`
    # fails on any.
    problems: list[str] = field(default_factory=list)
    validation: ValidationReport | None = None  # None: not validated (`validate=False`)
    read: list[Document] = field(default_factory=list, repr=False)
    not_validated: str = ""  # why the graph was not validated
    # Seconds spent in each stage (read, extract, resolve and relate, write, validate), for `kg build
    # --verbose` and the benchmark (bench/run.py).
    stages: dict[str, float] = field(default_factory=dict)


# Told after each document: the document, how many are done (it included) out of how many, and what was found
# in it (sentences, mentions of each kind, clusters; empty when its extraction failed).
DocumentCallback = Callable[[Document, int, int, dict[str, int]], None]


def skipping_into(skipped: list[Skipped]) -> Callable[[Document, Exception], None]:
    """The `on_error` of `extract_documents` that lists a document whose extraction raised among `skipped`, with
    what it raised on one line (`kg build` and `kg add` alike)."""

    def extraction_failed(doc: Document, exc: Exception) -> None:
        detail = one_line(f"{type(exc).__name__}: {exc}")
        skipped.append(Skipped(doc.name, f"extraction failed ({detail})", "extraction failed"))

    return extraction_failed


def document_counts(sentences: list[Sentence], mentions: list[Mention], clusters: list[ClusterDef]) -> dict[str, int]:
    counts = {"sentences": len(sentences)}
    for kind in ("region", "industry", "park", "enterprise"):
        counts[f"{kind} mentions"] = sum(1 for m in mentions if m.kind == kind)
    if clusters:
        counts["clusters"] = len(clusters)
    return counts


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def link_documents(extractions: list[DocumentExtraction], reference: Reference, matchers: Matchers,
                   jobs: int = 1, engine: Engine | None = None, meanwhile: Callable[[], object] | None = None
                   ) -> KnowledgeGraph:
    """`kg.link.link_corpus`, with each document's sentence pass run by `engine` (default: `jobs` local
    worker processes), and `meanwhile` done as it resolves."""
    if engine is None:
        with Engine(jobs) as own:
            return link_corpus(extractions, reference, matchers, own.mapper, meanwhile)
    return link_corpus(extractions, reference, matchers, engine.mapper, meanwhile)


def extract_documents(documents: list[Document], reference: Reference, matchers: Matchers,
                      on_error: Callable[[Document, Exception], None] | None = None,
                      on_document: DocumentCallback | None = None, jobs: int = 1,
                      engine: Engine | None = None) -> list[DocumentExtraction]:
    """`extract_document` over each document, run by `engine` (default: `jobs` local worker processes,
    `kg.parallel`); the result is the same for any engine and any number of workers, in the order of
    `documents`. With `on_error`, a document whose extraction raises is reported to it and left out, and the
    others go on; without, the exception propagates. `on_document` is told after each document (progress)."""
    if engine is None:
        with Engine(jobs) as own:
            return extract_documents(documents, reference, matchers, on_error, on_document, engine=own)
    extractions: list[DocumentExtraction] = []
    outcomes = engine.extract(documents, reference, matchers)
    for done, (doc, outcome) in enumerate(zip(documents, outcomes), 1):
        if isinstance(outcome, Exception):
            if on_error is None:
                raise outcome
            on_error(doc, outcome)
            if on_document is not None:
                on_document(doc, done, len(documents), {})
            continue
        if outcome.text == doc.text:  # the text this process holds, not a copy back from a worker (40 MB at 10k)
            outcome.text = doc.text
        extractions.append(outcome)
        if on_document is not None:
            on_document(doc, done, len(documents), document_counts(outcome.sentences, outcome.mentions,
                                                                   outcome.clusters))
    return extractions


def extract_graph(documents: list[Document], reference: Reference | None = None,
                  on_error: Callable[[Document, Exception], None] | None = None,
                  on_document: DocumentCallback | None = None) -> KnowledgeGraph:
    """Run extraction over decoded documents and return the graph (no files written); `on_error` and
    `on_document` as for `extract_documents`."""
    reference = reference or load_reference()
    matchers = build_matchers(reference, load_lexicon(), chinese=any_chinese(documents))
    return link_corpus(extract_documents(documents, reference, matchers, on_error, on_document), reference,
                       matchers)


@contextmanager
def paused_gc():
    """Python's cycle collector paused: a build makes millions of small objects that live until its end, and
    the collector would walk them again and again (a quarter of the time of resolution at 10,000 documents).
    The graph holds no reference cycles worth collecting meanwhile; collection resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def staged(out_dir: Path) -> Iterator[Path]:
    """A staging directory for the build's outputs (`kg.build.outputs.open_staging`), removed at the end
    whatever happens (`write_outputs` removes it once it has moved the outputs into place), and the output
    directory with it if the build made it and wrote nothing there (a strict build that failed)."""
    made = not out_dir.exists()
    staging = open_staging(out_dir)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if made and out_dir.is_dir() and not any(out_dir.iterdir()):
            out_dir.rmdir()


class _Stopwatch:
    """Seconds per stage, each lap from the end of the previous one."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = now - self._last
        self._last = now


class StagedValidation:
    """Validation of a graph as `write_outputs` stages it (`check`): the staged store against the shapes,
    before it replaces the previous one. The report, its lines, and how long it took are kept for the
    caller; with `strict`, a violation raises `StrictBuildError(result)` and nothing is replaced."""

    def __init__(self, result, strict: bool = False) -> None:
        self.result, self.strict = result, strict
        self.seconds = 0.0

    def __call__(self, staging: Path) -> None:
        # in a process of its own: the store's caches and the queries' buffers (1.3 GB at 10,000 documents in
        # this process, whose freed memory they could not reuse) go when it ends
        report = in_a_fork(validate_graph_dir, staging)
        self.seconds = report.seconds
        self.result.validation, self.result.problems = report, report.lines()
        if self.strict and self.result.problems:
            raise StrictBuildError(self.result)


def validation(result, validate: bool | None, strict: bool = False) -> StagedValidation | None:
    """The check `write_outputs` runs on the staged outputs (`StagedValidation`), or None with `validate`
    False (`--no-validate`), and the result then says why it was not validated."""
    if validate is False:
        result.not_validated = "--no-validate"
        return None
    return StagedValidation(result, strict)


def build(docs_dir: Path | str | None = None, out_dir: Path | str = "output", strict: bool = False,
          on_document: DocumentCallback | None = None, jobs: int | None = None,
          validate: bool | None = None, engine: str = "local", scheduler: str | None = None,
          trig: bool = False) -> BuildResult:
    """Read, extract and write. A document that cannot be read or extracted is skipped (listed in the
    result's `skipped`) and the others go on; with `strict`, a skipped document (or a validation problem)
    raises StrictBuildError instead, and nothing is written: the previous output stays. `on_document` is
    told after each document is extracted (see DocumentCallback). Without `docs_dir`, the bundled documents
    are read. `jobs` worker processes extract documents
    (default: one per core; the graph is the same for any number), or the workers of a Dask cluster with
    `engine="dask"` (`kg.build.engines`: a local cluster of `jobs` workers, or the one at `scheduler`; the same
    graph again). The graph is validated as it is written (`StagedValidation`), unless `validate` is False.
    With `trig`, kg.trig is written too (each statement in the named graph of its source; `kg export --format
    trig` derives it on demand otherwise)."""
    started = time.perf_counter()
    clock = _Stopwatch()
    reference = load_reference()
    documents, skipped = read_corpus(Path(docs_dir) if docs_dir is not None else seeds_dir())
    clock.lap("read")

    matchers = build_matchers(reference, load_lexicon(), chinese=any_chinese(documents))
    out = Path(out_dir)
    with open_engine(engine, jobs or default_jobs(), scheduler) as runner, paused_gc(), staged(out) as staging:
        extractions = extract_documents(documents, reference, matchers, skipping_into(skipped), on_document,
                                        engine=runner)
        clock.lap("extract")
        # the documents' cache is written as the graph is resolved in another process
        graph = link_documents(extractions, reference, matchers, engine=runner,
                               meanwhile=lambda: stage_cache(extractions, staging, out))
        clock.lap("resolve and relate")
        skipped.sort(key=lambda s: s.name)
        read = [d for d in documents if d.name in graph.documents]
        result = BuildResult(graph, [d.name for d in read], skipped, read=read, stages=clock.stages)
        if strict and result.skipped:
            raise StrictBuildError(result)
        check = validation(result, validate, strict)
        result.outputs = write_outputs(graph, out, reference, extractions, check,
                                       runner.rdf_chunks(graph, reference, quads=trig), trig, staging)
        clock.lap("write")
        if check is not None:
            clock.stages["write"] -= check.seconds
            clock.stages["validate"] = check.seconds
    result.seconds = time.perf_counter() - started
    return result
