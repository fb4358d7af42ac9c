"""Shared fixtures: the graph of the bundled seed documents, built once per test session; small corpora
made of real sentences; helpers that look entities and relations up by the names a reader sees."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

if TYPE_CHECKING:
    from kg.model import Entity, KnowledgeGraph, Relation

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUERIES = ROOT / "notebooks" / "queries"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """`kg.build.pipeline.build` over seeds/, once per session: the BuildResult (graph, documents, outputs)."""
    from kg.build.pipeline import build

    return build(SEEDS, tmp_path_factory.mktemp("seeds-graph"))


@pytest.fixture(scope="session")
def seeds_graph(seed_build) -> Path:
    """The directory `kg build --docs seeds --out DIR` writes (kg.ttl, store/, views)."""
    return seed_build.outputs["kg.ttl"].parent


@pytest.fixture(scope="session")
def seeds_store(seeds_graph):
    """The seeds graph's query store, opened read-only."""
    from kg.read.query import open_store

    return open_store(seeds_graph)


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Each seed document's text by file name, as `kg build` reads it."""
    from kg.ingest.documents import read_corpus

    documents, _ = read_corpus(SEEDS)
    return {d.name: d.text for d in documents}


@pytest.fixture
def kg_cli(seeds_graph):
    """Run `kg ARGS... --graph <seeds graph>` in-process; returns click's Result (stdout and stderr apart)."""
    from kg.cli import main

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(main, [*args, "--graph", str(seeds_graph)], input=input, catch_exceptions=False)

    return run


# ------------------------------------------------------------------ extraction tests: entities and relations


def norm(surface: str) -> str:
    """A name as a reader compares it: case, a possessive 's and spacing do not matter."""
    return " ".join(re.sub(r"['’]s\b", "", surface.casefold()).split())


def entities_named(graph: KnowledgeGraph, surface: str, type: str | None = None) -> list[Entity]:
    key = norm(surface)
    return sorted((e for e in graph.entities.values()
                   if (type is None or e.type == type) and key in {norm(x) for x in e.all_labels() | {e.label_zh}}),
                  key=lambda e: e.iri)


@pytest.fixture(scope="session")
def seed_documents():
    """The decoded seed documents (none of them is skipped)."""
    from kg.ingest.documents import read_corpus

    documents, skipped = read_corpus(SEEDS)
    assert not skipped
    return documents


@pytest.fixture(scope="session")
def seed_kg(seed_build) -> KnowledgeGraph:
    """The in-memory graph of the seeds (entities, relations with evidence) from the session build."""
    return seed_build.graph


@pytest.fixture(scope="session")
def entity(seed_kg):
    """entity("Xpeng Motors", "Enterprise") -> the one entity with that label or alias (seed graph by default)."""
    def find(surface: str, type: str | None = None, graph: KnowledgeGraph | None = None) -> Entity:
        found = entities_named(graph or seed_kg, surface, type)
        assert len(found) == 1, f"expected one {type or 'entity'} named {surface!r}, found {[e.iri for e in found]}"
        return found[0]
    return find


@pytest.fixture(scope="session")
def edge(seed_kg):
    """edge(subject, "locatedIn", object) -> the relation between two entities (seed graph by default), or None."""
    def find(subject: Entity, predicate: str, obj: Entity, graph: KnowledgeGraph | None = None) -> Relation | None:
        return next((r for r in (graph or seed_kg).relations
                     if (r.subject, r.predicate, r.object) == (subject.iri, predicate, obj.iri)), None)
    return find


@pytest.fixture(scope="session")
def extract():
    """extract(text, ...) -> the graph of a small corpus, one document per text (doc1.txt, doc2.txt ...)."""
    from kg.build.pipeline import extract_graph
    from kg.model import Document

    def run(*texts: str) -> KnowledgeGraph:
        documents = [Document(f"doc{i}.txt", t, hashlib.sha256(t.encode("utf-8")).hexdigest())
                     for i, t in enumerate(texts, 1)]
        return extract_graph(documents)
    return run


@pytest.fixture(scope="session")
def tools():
    """(reference, matchers), as a build loads them."""
    from kg.extract import build_matchers
    from kg.reference import load_lexicon, load_reference

    reference = load_reference()
    return reference, build_matchers(reference, load_lexicon())


@pytest.fixture(scope="session")
def extracted(tools):
    """extracted(*texts) -> ({document: sentences}, {document: mentions}), one document per text (doc1.txt ...),
    extracted as a build extracts them: what resolution starts from."""
    from kg.extract import extract_document
    from kg.model import Document

    def run(*texts: str):
        extractions = [extract_document(Document(f"doc{i}.txt", t, hashlib.sha256(t.encode()).hexdigest()), *tools)
                       for i, t in enumerate(texts, 1)]
        return {x.name: x.sentences for x in extractions}, {x.name: list(x.mentions) for x in extractions}
    return run


@functools.lru_cache(maxsize=1)
def bench_generate():
    """bench/generate.py (the benchmark's corpus generator: not part of the package), loaded as a module."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def running_processes() -> dict[int, list[str]]:
    """The processes that run (a zombie, ended and waiting to be reaped, does not), each with the fields of its
    /proc stat after the command's name: state, parent, process group, session ..."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text(encoding="ascii").rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            found[int(stat.parent.name)] = fields
    return found
