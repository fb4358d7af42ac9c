"""The sentence pass of each document, sent to workers in batches rather than read by them from a fork of the
whole linked corpus.

Each batch carries what its documents' passes read (their sentences, mentions, what resolution says of them,
each document's focus and language); the resolved entities reach each worker once (`Resolved`). A batch's
passes run on a `LinkContext` that holds its documents only, and give what they give on the whole corpus
(tests/build/test_engines.py and test_jobs.py compare the graphs byte for byte). Both engines send the same
batches: the local one to workers forked before resolution (`kg.parallel.Workers`, `local_pass_batch`), the
Dask one to its cluster.
"""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Callable, Iterator
from typing import Any

from kg.extract.en import Matchers
from kg.extract.en.parts import PartsCache
from kg.link.relations import DocumentPass, LinkContext
from kg.link.resolve import Resolution
from kg.model import Entity
from kg.reference import Reference

# A document's part of a batch: name, sentences, mentions, {mention: entity IRI}, focus, language.
Payload = tuple
PassFunction = Callable[[Any, str], DocumentPass]


@dataclasses.dataclass
class Resolved:
    """What every sentence pass reads of the corpus as resolved: its entities (sent to each worker once)."""

    entities: dict[str, Entity]
    same_as: dict[str, str]


def resolved_of(ctx: LinkContext) -> Resolved:
    return Resolved(ctx.entities, ctx.res.same_as)


def payloads(ctx: LinkContext, documents: list[str], size: int) -> Iterator[list[Payload]]:
    """The documents in batches of `size`, each document with what its sentence pass reads."""
    for k in range(0, len(documents), size):
        batch = []
        for doc in documents[k:k + size]:
            mentions = ctx.doc_mentions[doc]
            found = {m: ctx.res.mention_entity[m] for m in mentions if m in ctx.res.mention_entity}
            batch.append((doc, ctx.doc_sentences[doc], mentions, found, ctx.res.focus.get(doc),
                          ctx.languages.get(doc, "en")))
        yield batch


def pass_batch(function: PassFunction, resolved: Resolved, batch: list[Payload],
               tools: tuple[Reference, Matchers]) -> list[DocumentPass]:
    """The sentence pass of each document of the batch, on a context that holds these documents only."""
    reference, matchers = tools
    mention_entity = {m: iri for *_, found, _, _ in batch for m, iri in found.items()}
    resolution = Resolution(resolved.entities, mention_entity, {doc: focus for doc, *_, focus, _ in batch},
                            resolved.same_as)
    ctx = LinkContext(reference, matchers, resolution, {doc: sentences for doc, sentences, *_ in batch},
                      {doc: mentions for doc, _, mentions, *_ in batch}, PartsCache(),
                      {doc: language for doc, *_, language in batch})
    return [function(ctx, doc) for doc, *_ in batch]


# In a local worker: the file the resolved entities were read from, and what it holds.
_read: tuple[str, Resolved] | None = None


def local_pass_batch(tools: tuple[Reference, Matchers], task: tuple[PassFunction, str, list[Payload]]
                     ) -> list[DocumentPass]:
    """`pass_batch` in a local worker (`kg.parallel.Workers`, which inherited `tools`): the task names the
    file of the pickled resolved entities, read once per worker."""
    global _read
    function, path, batch = task
    if _read is None or _read[0] != path:
        with open(path, "rb") as f:
            _read = (path, pickle.load(f))
    return pass_batch(function, _read[1], batch, tools)


__all__ = ["Payload", "Resolved", "local_pass_batch", "pass_batch", "payloads", "resolved_of"]
