"""`kg build --engine dask [--scheduler ADDRESS]`: the per-document work of a build as tasks of a Dask cluster.

Documents are extracted in batches on the workers, each document's sentence pass too (the mapper of
`kg.link.link_corpus`: each batch carries its documents' sentences, mentions and what resolution says of them;
the entities go to every worker once), and the graph's relations are rendered as N-Triples/N-Quads in shards
that come back in order, a few at a time, to the writer of the store, kg.ttl and (`--trig`) kg.trig. Resolution, the
corpus-level rules, the pages and the store stay in the build's process. Workers load the reference data and
matchers themselves, once each, from the kg installed where they run: the build refuses workers whose
extractor code or reference data differ from its own (`kg.build.cache.fingerprint`), as they would make
another graph.

Without `--scheduler` a local cluster of `--jobs` worker processes is started on 127.0.0.1 and stopped after;
with it, the workers of that scheduler (on any number of machines) do the work. Every result is taken back in
the documents' order, so the graph is byte for byte the one a local build makes, for any number of workers.
Needs `pip install 'industry-kg[dask]'`.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from kg.build import cache
from kg.build.engines import Engine, extract_one, passes
from kg.errors import EngineError
from kg.extract import Matchers, build_matchers
from kg.link import Mapper
from kg.link.relations import DocumentPass, LinkContext
from kg.model import Document, DocumentExtraction, KnowledgeGraph, Relation
from kg.publish import rdf
from kg.reference import Reference, load_lexicon, load_reference

# Documents per extraction or sentence-pass task, relations per rendered shard: tasks large enough that
# scheduling costs little, small enough to share the work evenly.
DOCUMENTS_PER_TASK = 64
RELATIONS_PER_SHARD = 5_000
# How long to try reaching a scheduler given by address.
SCHEDULER_TIMEOUT = "20s"


@functools.lru_cache(maxsize=1)
def _tools() -> tuple[Reference, Matchers]:
    """The reference data and matchers, loaded once in each worker process."""
    reference = load_reference()
    return reference, build_matchers(reference, load_lexicon())


def _fingerprint() -> str:
    return cache.fingerprint()


def _extract_batch(documents: list[Document]) -> list[DocumentExtraction | Exception]:
    tools = _tools()
    return [extract_one(tools, doc) for doc in documents]


def _pass_batch(function: Callable[[Any, str], DocumentPass], resolved: passes.Resolved,
                batch: list[passes.Payload]) -> list[DocumentPass]:
    return passes.pass_batch(function, resolved, batch, _tools())


def _render_shard(relations: list[Relation], kept: int, with_quads: bool) -> rdf.Chunk:
    triples, quads = [], []
    for t, q in rdf.render(rdf.relation_statements(relations, kept=kept, reference_layer=False), quads=with_quads):
        triples.append(t)
        quads.append(q)
    return b"".join(triples), b"".join(quads)


def _batches(items: list, size: int) -> list[list]:
    return [items[k:k + size] for k in range(0, len(items), size)]


@contextmanager
def _ctrl_c_left_to_this_process() -> Iterator[None]:
    """SIGINT ignored while the local cluster's worker processes start, which keep it so: Ctrl-C reaches every
    process of the command, and each worker printed the traceback of where it was interrupted; the build's
    process, interrupted too, closes the cluster and its workers with it. (Ignored, not handled: only an ignored
    signal stays so in a program started afresh; a Ctrl-C in the seconds the cluster takes to start is lost.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class DaskEngine(Engine):
    name = "dask"

    def __init__(self, jobs: int = 1, scheduler: str | None = None) -> None:
        super().__init__(jobs)
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError("--engine dask needs Dask: pip install 'industry-kg[dask]'") from None
        self.cluster = None
        try:
            if scheduler is None:
                with _ctrl_c_left_to_this_process():
                    self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                                host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
            else:
                self.client = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            self.close()
            where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
            raise EngineError(f"cannot start or reach {where}: {exc}") from None
        try:
            ours, theirs = cache.fingerprint(), self.client.run(_fingerprint)
        except Exception as exc:  # noqa: BLE001 - a worker that cannot even import kg
            self.close()
            raise EngineError(f"the Dask workers cannot run kg: {type(exc).__name__}: {exc}") from None
        if not theirs:
            self.close()
            raise EngineError(f"the Dask scheduler at {scheduler} has no workers")
        other = sorted(worker for worker, print_ in theirs.items() if print_ != ours)
        if other:
            self.close()
            raise EngineError(f"Dask workers {', '.join(other)} run another version of kg or of its reference data "
                              "(install the same industry-kg there)")
        self.workers = len(theirs)

    def extract(self, documents: list[Document], reference: Reference, matchers: Matchers
                ) -> Iterator[DocumentExtraction | Exception]:
        futures = self.client.map(_extract_batch, _batches(documents, DOCUMENTS_PER_TASK), pure=False)
        for future in futures:
            yield from future.result()

    @property
    def mapper(self) -> Mapper:
        return self._map_passes

    def _map_passes(self, function: Callable[[Any, str], DocumentPass], documents: list[str], ctx: LinkContext
                    ) -> Iterator[DocumentPass]:
        resolved = self.client.scatter(passes.resolved_of(ctx), broadcast=True)
        futures = [self.client.submit(_pass_batch, function, resolved, batch, pure=False)
                   for batch in passes.payloads(ctx, documents, DOCUMENTS_PER_TASK)]
        for future in futures:
            yield from future.result()

    def rdf_chunks(self, graph: KnowledgeGraph, reference: Reference, quads: bool = True) -> Iterable[rdf.Chunk]:
        """The statements of the entities and documents rendered here, those of the relations in shards on
        the workers, a few shards in flight at a time (memory stays bounded), taken back in order."""
        kept = rdf.EVIDENCE_KEPT
        yield from rdf.render(rdf.statements(dataclasses.replace(graph, relations=[]), reference, ontology=False,
                                             kept=kept, reference_layer=False), quads=quads)
        shards = iter(_batches(graph.relations, RELATIONS_PER_SHARD))
        window: list = []
        for shard in shards:
            window.append(self.client.submit(_render_shard, shard, kept, quads, pure=False))
            if len(window) > 2 * self.workers:
                yield window.pop(0).result()
        for future in window:
            yield future.result()

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            client.close()
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


__all__ = ["DaskEngine"]
