"""The per-document part of extraction in worker processes (`kg build --jobs N`).

Each document is extracted on its own (kg.pipeline.extract_document), so documents are shared out among
processes and their results gathered back in the documents' order: the graph is the same for any number of
workers. `in_forks` is the mechanism, also used by the sentence pass of kg/relations.py. Workers are forked from the building process and so start with its reference data and matchers
already loaded (and the same string hashing, so nothing that iterates a set can differ between them).
A document whose extraction raises comes back as the exception, for the caller to report, and the others go
on; where processes cannot be forked, documents are extracted in this process.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Callable, Iterator
from typing import TypeVar

from kg.cache import DocumentExtraction
from kg.documents import Document
from kg.mentions import Matchers
from kg.reference import Reference

# What forked workers inherit: the function they run and what it needs (`in_forks`).
_shared: tuple[Callable, object] | None = None
# Items per task: enough to keep the cost of sending them small, few enough to share the work evenly.
MAX_CHUNK = 32

T = TypeVar("T")
R = TypeVar("R")


def in_forks(function: Callable[[object, T], R], items: list[T], jobs: int, shared: object) -> Iterator[R]:
    """`function(shared, item)` for each item, in order: in `jobs` forked processes, which inherit `shared`
    (only the items and the results are sent between processes), or in this one when one job is asked for or
    processes cannot be forked. `function` must be defined at module level."""
    jobs = min(jobs, len(items))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (function(shared, item) for item in items)
        return
    global _shared
    _shared = (function, shared)
    chunk = max(1, min(MAX_CHUNK, len(items) // (jobs * 8)))
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_call, items, chunksize=chunk)
    finally:
        _shared = None


def _call(item):
    assert _shared is not None, "worker started without the build's state"
    function, shared = _shared
    return function(shared, item)


class ExtractionFailed(Exception):
    """A worker's exception that could not be sent back as itself: its type name and message."""


def extract_all(documents: list[Document], reference: Reference, matchers: Matchers, jobs: int = 1
                ) -> Iterator[tuple[Document, DocumentExtraction | Exception]]:
    """Each document with its extraction, or with the exception its extraction raised, in order."""
    return zip(documents, in_forks(_extract, documents, jobs, (reference, matchers)))


def _extract(shared: tuple[Reference, Matchers], doc: Document) -> DocumentExtraction | Exception:
    from kg.pipeline import extract_document

    try:
        return extract_document(doc, *shared)
    except Exception as exc:  # noqa: BLE001 - one document's failure is reported, the others go on
        try:
            pickle.dumps(exc)  # it may have to go back from a worker
        except Exception:  # noqa: BLE001
            return ExtractionFailed(f"{type(exc).__name__}: {exc}")
        return exc
