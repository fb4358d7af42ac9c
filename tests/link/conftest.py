"""Fixtures of the linking tests: the reference data and matchers, and small corpora of written sentences
extracted as a build extracts them, ready for resolution."""

from __future__ import annotations

import hashlib

import pytest


@pytest.fixture(scope="session")
def tools():
    """(reference, matchers), as a build loads them."""
    from kg.extract import build_matchers
    from kg.reference import load_lexicon, load_reference

    reference = load_reference()
    return reference, build_matchers(reference, load_lexicon())


@pytest.fixture(scope="session")
def extracted(tools):
    """extracted(*texts) -> ({document: sentences}, {document: mentions}), one document per text (doc1.txt ...):
    what resolution starts from."""
    from kg.extract import extract_document
    from kg.model import Document

    def run(*texts: str):
        extractions = [extract_document(Document(f"doc{i}.txt", t, hashlib.sha256(t.encode()).hexdigest()), *tools)
                       for i, t in enumerate(texts, 1)]
        return {x.name: x.sentences for x in extractions}, {x.name: list(x.mentions) for x in extractions}
    return run
