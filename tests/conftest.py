"""Shared fixtures: the graph of the bundled seed documents, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
QUERIES = ROOT / "notebooks" / "queries"


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory) -> Path:
    """The directory `kg build --docs seeds --out DIR` writes (kg.ttl, store/, views)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-graph")
    build(SEEDS, out)
    return out


@pytest.fixture(scope="session")
def seeds_store(seeds_graph):
    """The seeds graph's query store, opened read-only."""
    from kg.query import open_store

    return open_store(seeds_graph)


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Each seed document's text by file name, as `kg build` reads it."""
    from kg.documents import read_corpus

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
