"""The whole build: documents -> text -> mentions -> entities -> relations -> graph -> RDF / views.

`build()` is the library entry point the CLI and notebooks call.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.clusters import ClusterDef, read_clusters
from kg.documents import Document, Skipped, read_corpus
from kg.errors import OutputError, StrictBuildError, UsageError
from kg.graph import KnowledgeGraph
from kg.cache import DocumentExtraction
from kg.mentions import Matchers, Mention, build_matchers, find_mentions, keep_salient_industries, load_lexicon
from kg.reference import Reference, load_reference
from kg.relations import extract_relations
from kg.resolve import Entity, resolve_corpus
from kg.text import Sentence, split_sentences
from kg.validate import ValidationReport, validate_triples
from kg import cache, rdf, views, workers


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    documents: list[str]
    skipped: list[Skipped]
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)
    # What graph validation (kg.validate, ontology/shapes.ttl) found wrong, one line each: `kg build --strict`
    # fails on any.
    problems: list[str] = field(default_factory=list)
    validation: ValidationReport | None = None  # None: not validated (see validate_graph)
    read: list[Document] = field(default_factory=list, repr=False)
    not_validated: str = ""  # why the graph was not validated
    # Seconds spent in each stage (read, extract, resolve and relate, validate, write), for `kg build
    # --verbose` and the benchmark (bench/run.py).
    stages: dict[str, float] = field(default_factory=dict)


# Told after each document: the document, how many are done (it included) out of how many, and what was found
# in it (sentences, mentions of each kind, clusters; empty when its extraction failed).
DocumentCallback = Callable[[Document, int, int, dict[str, int]], None]


def document_counts(sentences: list[Sentence], mentions: list[Mention], clusters: list[ClusterDef]) -> dict[str, int]:
    counts = {"sentences": len(sentences)}
    for kind in ("region", "industry", "park", "enterprise"):
        counts[f"{kind} mentions"] = sum(1 for m in mentions if m.kind == kind)
    if clusters:
        counts["clusters"] = len(clusters)
    return counts


def extract_document(doc: Document, reference: Reference, matchers: Matchers) -> DocumentExtraction:
    """The per-document part of extraction: sentences, mentions (industries kept where the document marks
    them as industries) and the clusters a plan defines. What `kg build` caches for `kg add` (kg/cache.py)."""
    sentences = split_sentences(doc)
    mentions = find_mentions(sentences, reference, matchers)
    clusters = read_clusters(doc.text, sentences, mentions, reference, matchers)
    scope = {m for c in clusters for m in c.scope}
    return DocumentExtraction(doc.name, doc.sha256, doc.text, sentences, keep_salient_industries(mentions, scope),
                              clusters)


def default_jobs() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extract_documents(documents: list[Document], reference: Reference, matchers: Matchers,
                      on_error: Callable[[Document, Exception], None] | None = None,
                      on_document: DocumentCallback | None = None, jobs: int = 1) -> list[DocumentExtraction]:
    """`extract_document` over each document, in `jobs` worker processes (kg/workers.py) when more than
    one; the result is the same for any `jobs`, in the order of `documents`. With `on_error`, a document
    whose extraction raises is reported to it and left out, and the others go on; without, the exception
    propagates. `on_document` is told after each document (progress)."""
    extractions: list[DocumentExtraction] = []
    for done, (doc, outcome) in enumerate(workers.extract_all(documents, reference, matchers, jobs), 1):
        if isinstance(outcome, Exception):
            if on_error is None:
                raise outcome
            on_error(doc, outcome)
            if on_document is not None:
                on_document(doc, done, len(documents), {})
            continue
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
    matchers = build_matchers(reference, load_lexicon())
    return assemble_graph(extract_documents(documents, reference, matchers, on_error, on_document), reference,
                          matchers)


def assemble_graph(extractions: list[DocumentExtraction], reference: Reference, matchers: Matchers,
                   jobs: int = 1) -> KnowledgeGraph:
    """The corpus-level part of extraction, over the documents' extractions in the order given (`kg build`
    and `kg add` give them in name order): entities resolved across documents, clusters, relations (what
    sentences state found in `jobs` processes; the graph is the same for any number)."""
    doc_sentences = {x.name: x.sentences for x in extractions}
    doc_mentions = {x.name: list(x.mentions) for x in extractions}
    clusters = [c for x in extractions for c in x.clusters]
    resolution = resolve_corpus(doc_sentences, doc_mentions, reference, matchers)
    for c in clusters:
        entity = resolution.entities.setdefault(
            c.iri, Entity(c.iri, "Cluster", c.label, c.label_zh, attrs={"clusterKind": c.kind}))
        entity.docs.add(c.heading.doc)
    relations = extract_relations(reference, matchers, resolution, doc_sentences, doc_mentions, clusters, jobs)
    known = [r for r in relations if r.subject in resolution.entities and r.object in resolution.entities]
    known.sort(key=lambda r: (r.subject, r.predicate, r.object))
    return KnowledgeGraph({x.name: x.sha256 for x in extractions}, resolution.entities, known)


STAGING_PREFIX = ".build-"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where the system or file
    system cannot."""
    renameat2 = getattr(_libc(), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


@functools.lru_cache(maxsize=1)
def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def _replace(new: Path, final: Path) -> None:
    """Put `new` at `final`, so that a reader of `final` finds either the old version or the new one, whole,
    even if the process is killed meanwhile. The old version ends up at `new`, for the caller to delete.
    A file is replaced by rename; a directory is swapped with its replacement in one step where the system
    can (Linux), and elsewhere renamed away just before the new one is renamed in."""
    if not os.path.lexists(final):
        os.rename(new, final)
    elif not final.is_dir() or final.is_symlink():
        os.replace(new, final)
    elif not _exchange(new, final):
        old = new.with_name(new.name + ".old")
        final.rename(old)
        new.rename(final)
        old.rename(new)


def write_outputs(graph: KnowledgeGraph, out_dir: Path, reference: Reference | None = None,
                  extractions: list[DocumentExtraction] | None = None) -> dict[str, Path]:
    """Write kg.ttl (every triple), the query store (the same, in its default graph), kg.trig (each statement in
    the named graph of its source: a document, a reference dataset, the ontology, the entities) and the HTML
    views (index.html, kg.html and a folder per kind of page).

    Everything is written into a staging directory inside `out_dir` first, then each output replaces its
    previous version in one step (`_replace`): a build that fails or is killed at any moment leaves every
    output of the previous build complete and readable. Staging left by a killed build is removed by the
    next one."""
    reference = reference or load_reference()
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"output directory is a file: {out_dir}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for leftover in out_dir.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}") from None
    writer = None
    try:
        # the store and kg.ttl are written by child processes while this one writes the pages and the cache
        writer = rdf.RdfWriter(staging, reference, graph)
        writer.start()
        pages = views.write_views(graph, staging)
        names = ["kg.ttl", "store", "kg.trig", *pages]
        # The per-document cache `kg add` and `kg remove` work from (kg/cache.py); without the documents'
        # extractions, a cache left by an earlier build no longer matches the graph and goes.
        if extractions is not None:
            cache.write_cache(extractions, staging / cache.DOCUMENTS, out_dir / cache.DOCUMENTS)
            names.insert(2, cache.DOCUMENTS)
        else:
            shutil.rmtree(out_dir / cache.DOCUMENTS, ignore_errors=True)
        writer.finish()
        for name in [*names[1:], names[0]]:  # kg.ttl, the graph itself, last
            _replace(staging / name, out_dir / name)
        return {name: out_dir / name for name in names}
    except OSError as exc:
        raise OutputError(f"cannot write to {out_dir}: {exc.strerror or exc} (the previous output is kept)"
                          ) from None
    finally:
        if writer is not None:
            writer.close()
        shutil.rmtree(staging, ignore_errors=True)


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


class _Stopwatch:
    """Seconds per stage, each lap from the end of the previous one."""

    def __init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = now - self._last
        self._last = now


# Above this many triples `kg build` does not validate unless asked to (`validate=True`, `kg build
# --validate`): pySHACL checks each node in Python, ≈0.2 ms a triple, so the seeds' 12,000 triples take 2-3 s
# but a province's million take minutes. `kg validate` checks a built graph at any size.
VALIDATE_AUTO_LIMIT = 50_000


def validate_graph(graph: KnowledgeGraph, reference: Reference, validate: bool | None
                   ) -> tuple[ValidationReport | None, str]:
    """Validation of the graph when asked for (`validate=True`), or by default (`None`) when it has no more
    than VALIDATE_AUTO_LIMIT triples (by `rdf.estimated_triples`); else no report, and why not in words."""
    if validate is False:
        return None, "--no-validate"
    size = rdf.estimated_triples(graph)
    if validate is None and size > VALIDATE_AUTO_LIMIT:
        return None, f"about {size:,} triples, more than the {VALIDATE_AUTO_LIMIT:,} checked by default"
    return validate_triples(rdf.graph_triples(graph, reference)), ""


def build(docs_dir: Path | str = "seeds", out_dir: Path | str = "output", strict: bool = False,
          on_document: DocumentCallback | None = None, jobs: int | None = None,
          validate: bool | None = None) -> BuildResult:
    """Read, extract and write. A document that cannot be read or extracted is skipped (listed in the
    result's `skipped`) and the others go on; with `strict`, a skipped document (or a validation problem)
    raises StrictBuildError instead, and nothing is written: the previous output stays. `on_document` is
    told after each document is extracted (see DocumentCallback). `jobs` worker processes extract documents
    (default: one per core; the graph is the same for any number). `validate`: see `validate_graph`."""
    started = time.perf_counter()
    clock = _Stopwatch()
    reference = load_reference()
    documents, skipped = read_corpus(Path(docs_dir))
    clock.lap("read")

    def extraction_failed(doc: Document, exc: Exception) -> None:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        skipped.append(Skipped(doc.name, f"extraction failed ({detail})", "extraction failed"))

    matchers = build_matchers(reference, load_lexicon())
    with paused_gc():
        extractions = extract_documents(documents, reference, matchers, extraction_failed, on_document,
                                        jobs=jobs or default_jobs())
        clock.lap("extract")
        graph = assemble_graph(extractions, reference, matchers, jobs=jobs or default_jobs())
        clock.lap("resolve and relate")
        skipped.sort(key=lambda s: s.name)
        read = [d for d in documents if d.name in graph.documents]
        result = BuildResult(graph, [d.name for d in read], skipped, read=read, stages=clock.stages)
        result.validation, result.not_validated = validate_graph(graph, reference, validate)
        result.problems = result.validation.lines() if result.validation else []
        clock.lap("validate")
        if strict and (result.skipped or result.problems):
            raise StrictBuildError(result)
        result.outputs = write_outputs(graph, Path(out_dir), reference, extractions)
        clock.lap("write")
    result.seconds = time.perf_counter() - started
    return result
