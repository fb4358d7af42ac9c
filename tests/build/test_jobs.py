"""kg build --jobs N (kg/workers.py, and the forked first pass of kg/relations.py): the same graph, the same
files, for any number of worker processes; a document whose extraction fails in a worker is reported and the
others go on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import SEEDS, bench_generate
from kg.build import pipeline
from kg.extract import build_matchers
from kg.ingest import read_corpus
from kg.reference import load_lexicon, load_reference


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds and 80 generated documents (reports, news, a cluster plan) in one directory."""
    root = tmp_path_factory.mktemp("jobs")
    bench_generate().generate(80, 7, root / "generated")
    docs = root / "docs"
    shutil.copytree(root / "generated" / "docs", docs)
    for seed in SEEDS.iterdir():
        shutil.copyfile(seed, docs / seed.name)
    return docs


def outputs(out: Path) -> dict[str, bytes]:
    """Every file a build wrote but the store's own (RocksDB names its files as it goes)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "store" not in p.relative_to(out).parts}


def store_quads(out: Path) -> set:
    store = ox.Store.read_only(str(out / "store"))
    return {q for q in store if not isinstance(q.subject, ox.BlankNode)}


def test_any_number_of_jobs_builds_the_same_graph_and_files(corpus, tmp_path):
    built = {}
    for jobs in (1, 2, 3):
        out = tmp_path / f"jobs{jobs}"
        result = pipeline.build(corpus, out, jobs=jobs, validate=False)
        built[jobs] = (result, outputs(out), store_quads(out))
    one, files, quads = built[1]
    assert len(one.graph.relations) > 500 and len(files) > 50
    for jobs in (2, 3):
        result, other_files, other_quads = built[jobs]
        assert result.graph.entities.keys() == one.graph.entities.keys()
        assert [(r.subject, r.predicate, r.object, r.evidence) for r in result.graph.relations] == \
               [(r.subject, r.predicate, r.object, r.evidence) for r in one.graph.relations]
        assert other_files.keys() == files.keys()
        assert [name for name in files if files[name] != other_files[name]] == []
        assert other_quads == quads


def test_a_document_that_fails_in_a_worker_is_skipped_and_the_others_go_on(corpus, tmp_path, monkeypatch):
    from kg.build import engines

    real = engines.extract_document
    victim = sorted(p.name for p in corpus.iterdir())[3]

    def failing(doc, reference, matchers):
        if doc.name == victim:
            raise ValueError("a rule met what it never saw")
        return real(doc, reference, matchers)

    monkeypatch.setattr(engines, "extract_document", failing)  # the forked workers inherit it
    result = pipeline.build(corpus, tmp_path / "out", jobs=2, validate=False)
    assert [(s.name, s.kind) for s in result.skipped] == [(victim, "extraction failed")]
    assert "ValueError: a rule met what it never saw" in result.skipped[0].reason
    assert victim not in result.documents and len(result.documents) == len(list(corpus.iterdir())) - 1


def test_extractions_from_workers_share_the_text_this_process_read(corpus):
    # the workers send each document's text back with its extraction; a build of 10,000 documents held that
    # second copy (40 MB) beside the one it read, to the end
    documents, _ = read_corpus(corpus)
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    extractions = pipeline.extract_documents(documents[:6], reference, matchers, jobs=2)
    assert [x.name for x in extractions] == [d.name for d in documents[:6]]
    assert all(x.text is d.text for x, d in zip(extractions, documents))
    assert all(x.sentences and x.text[s.start:s.end] == s.text for x in extractions for s in x.sentences)
