"""The per-document part of extraction in worker processes (`kg build --jobs N`).

Each document is extracted on its own (kg.pipeline.extract_document), so documents are shared out among
processes and their results gathered back in the documents' order: the graph is the same for any number of
workers. Workers are forked from the building process and so start with its reference data and matchers
already loaded (and the same string hashing, so nothing that iterates a set can differ between them).
A document whose extraction raises comes back as the exception, for the caller to report, and the others go
on; where processes cannot be forked, documents are extracted in this process.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator

from kg.cache import DocumentExtraction
from kg.documents import Document
from kg.mentions import Matchers
from kg.reference import Reference

# What forked workers inherit: the reference data and matchers of the build that started them.
_shared: tuple[Reference, Matchers] | None = None
# Documents per task: enough to keep the cost of sending them small, few enough to share the work evenly.
MAX_CHUNK = 32


class ExtractionFailed(Exception):
    """A worker's exception that could not be sent back as itself: its type name and message."""


def extract_all(documents: list[Document], reference: Reference, matchers: Matchers, jobs: int = 1
                ) -> Iterator[tuple[Document, DocumentExtraction | Exception]]:
    """Each document with its extraction, or with the exception its extraction raised, in order."""
    jobs = min(jobs, len(documents))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for doc in documents:
            yield doc, _extract(doc, reference, matchers)
        return
    global _shared
    _shared = (reference, matchers)
    chunk = max(1, min(MAX_CHUNK, len(documents) // (jobs * 8)))
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from zip(documents, pool.imap(_extract_in_worker, documents, chunksize=chunk))
    finally:
        _shared = None


def _extract(doc: Document, reference: Reference, matchers: Matchers) -> DocumentExtraction | Exception:
    from kg.pipeline import extract_document

    try:
        return extract_document(doc, reference, matchers)
    except Exception as exc:  # noqa: BLE001 - one document's failure is reported, the others go on
        return exc


def _extract_in_worker(doc: Document) -> DocumentExtraction | Exception:
    assert _shared is not None, "worker started without the build's reference data"
    outcome = _extract(doc, *_shared)
    if isinstance(outcome, Exception):
        try:
            pickle.dumps(outcome)
        except Exception:  # noqa: BLE001
            return ExtractionFailed(f"{type(outcome).__name__}: {outcome}")
    return outcome
