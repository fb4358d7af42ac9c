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

import functools
import pickle
from collections.abc import Iterable, Iterator

from kg import parallel
from kg.extract import Matchers, extract_document
from kg.link import Mapper
from kg.model import Document, DocumentExtraction, KnowledgeGraph
from kg.publish.rdf import Chunk
from kg.reference import Reference

ENGINES = ("local", "dask")


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
    """The local engine: `jobs` forked worker processes (the same graph for any number)."""

    name = "local"

    def __init__(self, jobs: int = 1) -> None:
        self.jobs = jobs

    def extract(self, documents: list[Document], reference: Reference, matchers: Matchers
                ) -> Iterator[DocumentExtraction | Exception]:
        """Each document's extraction (or the exception it raised), in the documents' order."""
        return parallel.in_forks(extract_one, documents, (reference, matchers), self.jobs)

    @property
    def mapper(self) -> Mapper:
        """How `kg.link.link_corpus` maps the sentence pass over the documents."""
        return functools.partial(parallel.in_forks, jobs=self.jobs)

    def rdf_chunks(self, graph: KnowledgeGraph, reference: Reference, quads: bool = True
                   ) -> Iterable[Chunk] | None:
        """The graph's statements rendered as text (`kg.publish.rdf.render`; N-Quads too with `quads`), or
        None: the writer renders them in a process of its own."""
        return None

    def close(self) -> None:
        pass

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
