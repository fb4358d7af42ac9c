"""How a build runs its per-document work: the documents' extraction, each document's sentence pass and the
rendering of the graph's statements. The stages are the same whichever engine runs them, and so is the graph,
byte for byte (tests/build/test_engines.py):

- `Engine` (`--engine local`, the default): forked worker processes on this machine (`kg.parallel`), and a
  thread of the build's process that renders the statements beside the pages;
- `kg.build.engines.dask.DaskEngine` (`--engine dask [--scheduler ADDRESS]`): the tasks of a Dask cluster, a
  local one or any by address, for corpora one machine cannot extract in time.

What needs the whole corpus (resolution, the rules that look across documents, the pages, the store) runs in
the build's own process in both.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from kg import parallel
from kg.extract import Matchers, extract_document
from kg.link import Mapper
from kg.link.relations import DocumentPass, LinkContext
from kg.model import Document, DocumentExtraction, KnowledgeGraph
from kg.publish.rdf import Chunk
from kg.reference import Reference

ENGINES = ("local", "dask")
# Documents per batch of the local engine's sentence pass: enough that sending a batch costs little, few enough
# to share the work evenly.
DOCUMENTS_PER_BATCH = 16


class ExtractionFailed(Exception):
    """A worker's exception that could not be sent back as itself: its type name and message."""


def extract_one(shared: tuple[Reference, Matchers], doc: Document) -> DocumentExtraction | Exception:
    """One document's extraction, or the exception it raised (to report; the other documents go on)."""
    try:
        return extract_document(doc, *shared)
    except Exception as exc:  # noqa: BLE001 - one document's failure is reported, the others go on
        try:
            pickle.dumps(exc)  # it may have to go back from a worker
        except Exception:  # noqa: BLE001
            return ExtractionFailed(f"{type(exc).__name__}: {exc}")
        return exc


class Engine:
    """The local engine: `jobs` forked worker processes (the same graph for any number), forked when the first
    documents are extracted and kept for the sentence pass (`kg.parallel.Workers`), then closed: they hold
    what they are sent, not a share of the corpus the build holds by then. Close it (`close`, or `with`) if a
    sentence pass may not have run."""

    name = "local"

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs
        self._workers: parallel.Workers | None = None

    def extract(self, documents: list[Document], reference: Reference, matchers: Matchers
                ) -> Iterator[DocumentExtraction | Exception]:
        """Each document's extraction (or the exception it raised), in the documents' order."""
        if self.jobs <= 1 or len(documents) <= 1:
            return parallel.in_forks(extract_one, documents, (reference, matchers), 1)
        if self._workers is None:
            self._workers = parallel.Workers(self.jobs, (reference, matchers))
        return self._workers.map(extract_one, documents)

    @property
    def mapper(self) -> Mapper:
        """How `kg.link.link_corpus` maps the sentence pass over the documents: in this process with one job;
        in batches sent to the workers that extracted the documents (`kg.build.engines.passes`); else in
        workers forked now."""
        return self._map_passes

    def _map_passes(self, function: Callable[[Any, str], DocumentPass], documents: list[str], ctx: LinkContext
                    ) -> Iterator[DocumentPass]:
        workers = self._workers
        if self.jobs <= 1 or workers is None or workers.inherited[0] is not ctx.reference \
                or workers.inherited[1] is not ctx.m:
            yield from parallel.in_forks(function, documents, ctx, self.jobs)
            return
        from kg.build.engines import passes

        with tempfile.NamedTemporaryFile(prefix="kg-resolved-", suffix=".pickle") as resolved:
            passes.write_resolved(passes.resolved_of(ctx), resolved)
            resolved.flush()
            tasks = [(function, resolved.name, batch)
                     for batch in passes.payloads(ctx, documents, DOCUMENTS_PER_BATCH)]
            for done in workers.map(passes.local_pass_batch, tasks):
                yield from done
        # the last per-document work of a build: the workers' memory goes now, not after the pages and validation
        self.close()

    def rdf_chunks(self, graph: KnowledgeGraph, reference: Reference, quads: bool = True
                   ) -> Iterable[Chunk] | None:
        """The graph's statements rendered as text (`kg.publish.rdf.render`; N-Quads too with `quads`), or
        None: the writer renders them itself."""
        return None

    def close(self) -> None:
        if self._workers is not None:
            self._workers.close()
            self._workers = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_engine(name: str = "local", jobs: int = 1, scheduler: str | None = None) -> Engine:
    """The engine called `name` (ENGINES): `jobs` local workers, or the Dask cluster at `scheduler` (a local one
    of `jobs` workers without)."""
    if name == "dask":
        from kg.build.engines.dask import DaskEngine

        return DaskEngine(jobs, scheduler)
    return Engine(jobs)


__all__ = ["ENGINES", "Engine", "ExtractionFailed", "extract_one", "open_engine"]
