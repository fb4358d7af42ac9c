"""Outputs replaced, never broken: a build writes everything into a staging directory inside the output
directory, then moves each output into place in one step. A build that fails, or is killed at any moment,
leaves every output of the previous build complete and readable."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from kg.build import cache
from kg.errors import OutputError, UsageError
from kg.libc import exchange, release_freed_memory
from kg.model import DocumentExtraction, KnowledgeGraph
from kg.publish import rdf, views
from kg.reference import Reference, load_reference

STAGING_PREFIX = ".build-"
# The graph with each statement in the named graph of its source (`kg build --trig`, `kg export --format trig`).
TRIG = "kg.trig"


def _replace(new: Path, final: Path) -> None:
    """Put `new` at `final`, so that a reader of `final` finds either the old version or the new one, whole,
    even if the process is killed meanwhile. The old version ends up at `new`, for the caller to delete.
    A file is replaced by rename; a directory is swapped with its replacement in one step where the system
    can (Linux), and elsewhere renamed away just before the new one is renamed in."""
    if not os.path.lexists(final):
        os.rename(new, final)
    elif not final.is_dir() or final.is_symlink():
        os.replace(new, final)
    elif not exchange(new, final):
        old = new.with_name(new.name + ".old")
        final.rename(old)
        new.rename(final)
        old.rename(new)


def _hand_over(extractions: list[DocumentExtraction] | None) -> None:
    """Let the extractions go, once written, and give the memory back to the system (`write_outputs`)."""
    if extractions:
        extractions.clear()
        release_freed_memory()


def open_staging(out_dir: Path) -> Path:
    """A new staging directory inside `out_dir` (made if need be), for `write_outputs`; what a killed build
    staged there is removed. The caller removes the directory when done with it (`write_outputs` does)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"output directory is a file: {out_dir}")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for leftover in out_dir.glob(STAGING_PREFIX + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    except OSError as exc:
        raise unwritable(out_dir, exc) from None


def unwritable(out_dir: Path, exc: OSError, note: str = "") -> OutputError:
    """What a build says when the system refuses a write into `out_dir`, on one line."""
    return OutputError(f"cannot write to {out_dir}: {exc.strerror or exc}{note}")


def stage_cache(extractions: list[DocumentExtraction], staging: Path, out_dir: Path) -> None:
    """The per-document cache of these extractions, written into the staging directory ahead of the other
    outputs (`write_outputs` then leaves it as it is): a build writes it while its graph is resolved in
    another process (`kg.link.link_corpus`'s `meanwhile`), on a core that would wait, not in the write
    stage, whose work keeps both cores busy (2.7 s of this process's time at 10,000 documents)."""
    try:
        cache.write_cache(extractions, staging / cache.DOCUMENTS, out_dir / cache.DOCUMENTS)
    except OSError as exc:
        raise unwritable(out_dir, exc) from None


def write_outputs(graph: KnowledgeGraph, out_dir: Path, reference: Reference | None = None,
                  extractions: list[DocumentExtraction] | None = None,
                  check: Callable[[Path], None] | None = None,
                  chunks: Iterable[rdf.Chunk] | None = None, trig: bool | None = None,
                  staging: Path | None = None) -> dict[str, Path]:
    """Write kg.ttl (what the documents state, the places they lie in, the ontology), reference.ttl (what the
    reference data alone adds: `rdf.reference_layer_statements`), the query store (both, in its default graph),
    with `trig` kg.trig (each statement in the named graph of its source: a document, a reference dataset, the
    ontology, the entities; `kg export --format trig` derives it from the per-document cache otherwise, so a
    build does not write a second copy of the graph no query reads) and the HTML views (index.html, kg.html and
    a folder per kind of page). `trig` None: kg.trig is written if the previous output has one (`kg add`
    keeps what the build was asked for); a kg.trig that is not written again goes, as it no longer matches.

    Everything is written into a staging directory inside `out_dir` first, then each output replaces its
    previous version in one step (`_replace`): a build that fails or is killed at any moment leaves every
    output of the previous build complete and readable. Staging left by a killed build is removed by the
    next one. `check` is called with the staging directory once everything is written there, before anything
    is replaced (validation reads the staged store): if it raises, nothing is. `chunks`: the graph's
    statements already rendered (`kg.publish.rdf.RdfWriter`), by a distributed engine. `staging`: the staging
    directory (`open_staging`; one is made without), which may already hold the cache of `extractions`
    (`stage_cache`); it is removed, whatever happens.

    `extractions` is handed over: the list is emptied once the per-document cache is written from it, and the
    memory it held given back, before the pages are made (the pages of the documents read each one back from
    the cache as they are written: 2 s at 10,000 documents). The pages' indexes are then made in the memory
    the extractions held, not beside it: with the extractions kept until after the pages, writing them was
    the build's peak at 10,000 documents (1.45-1.54 GB; 1.2-1.3 GB now). What the pages make and let go is
    given back before validation forks this process. `kg build` and `kg add` need the extractions no
    further."""
    reference = reference or load_reference()
    if staging is None:
        staging = open_staging(out_dir)
    writer = None
    try:
        # the store and kg.ttl are written by child processes while this one writes the pages (and the cache,
        # unless a build staged it while resolving)
        if trig is None:
            trig = (out_dir / TRIG).is_file()
        writer = rdf.RdfWriter(staging, reference, graph, chunks, trig)
        writer.start()
        names = ["kg.ttl", "store", *([TRIG] if trig else []), "reference.ttl"]
        # The per-document cache `kg add` and `kg remove` work from (kg/cache.py); without the documents'
        # extractions, a cache left by an earlier build no longer matches the graph and goes.
        documents: Mapping[str, DocumentExtraction] = {}
        if extractions is not None:
            if not (staging / cache.DOCUMENTS / cache.MANIFEST).is_file():  # written last: a whole cache
                cache.write_cache(extractions, staging / cache.DOCUMENTS, out_dir / cache.DOCUMENTS)
            names.insert(2, cache.DOCUMENTS)
            documents = cache.CachedExtractions(staging / cache.DOCUMENTS, {x.name: x.sha256 for x in extractions})
            _hand_over(extractions)
        else:
            shutil.rmtree(out_dir / cache.DOCUMENTS, ignore_errors=True)
        names += views.write_views(graph, staging, documents)
        release_freed_memory()  # what the pages made and let go, before validation forks this process
        writer.finish()
        if check is not None:
            check(staging)
        for name in [*names[1:], names[0]]:  # kg.ttl, the graph itself, last
            _replace(staging / name, out_dir / name)
        if not trig:
            (out_dir / TRIG).unlink(missing_ok=True)
        return {name: out_dir / name for name in names}
    except OSError as exc:
        raise unwritable(out_dir, exc, " (the previous output is kept)") from None
    finally:
        if writer is not None:
            writer.close()
        shutil.rmtree(staging, ignore_errors=True)
