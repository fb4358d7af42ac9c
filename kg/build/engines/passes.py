"""The sentence pass of each document, sent to workers in batches rather than read by them from a fork of the
whole linked corpus.

Each batch carries what its documents' passes read (their sentences, mentions, what resolution says of them,
each document's focus and language); the resolved entities reach each worker once (`Resolved`): the Dask
engine's as a whole, the local engine's as a file each worker reads an entity from when a pass asks for it
(`write_resolved`, `read_resolved`), so a worker holds a batch's entities, not the corpus's. A batch's
passes run on a `LinkContext` that holds its documents only, and give what they give on the whole corpus
(tests/build/test_engines.py and test_jobs.py compare the graphs byte for byte). Both engines send the same
batches: the local one to workers forked before resolution (`kg.parallel.Workers`, `local_pass_batch`), the
Dask one to its cluster.
"""

from __future__ import annotations

import dataclasses
import mmap
import pickle
import struct
from array import array
from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any, cast

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

    entities: Mapping[str, Entity]
    same_as: dict[str, str]


def resolved_of(ctx: LinkContext) -> Resolved:
    return Resolved(ctx.entities, ctx.res.same_as)


# The last bytes of a file of `write_resolved`: where its index starts.
_TRAILER = struct.Struct("<Q")


class NotStored:
    """In place of an entity's documents in a file of `write_resolved`: no sentence pass reads them (resolution
    and the corpus-level rules, which do, run in the build's process), and a rule that came to read them in a
    worker would fail here rather than find none."""

    def _unread(self, *_: object) -> Any:
        raise RuntimeError("an entity's documents are not sent to the sentence passes (kg.build.engines.passes)")

    __bool__ = __iter__ = __len__ = __contains__ = _unread

    def __reduce__(self) -> str:
        return "_NOT_STORED"  # pickled as a reference to the one instance: entities read back compare equal


_NOT_STORED = NotStored()


def write_resolved(resolved: Resolved, out: IO[bytes]) -> None:
    """The resolved entities to a new file, each pickled on its own, then their IRIs, where each starts and the
    `same_as` table, then where those start (`read_resolved`). At 10,000 documents each worker held every
    entity, 127 MB, for the ~30 a document's pass reads. An entity is stored without the documents that
    mention it (`NotStored`): a place or an industry is named by thousands of documents, and each batch read
    them all again (about a tenth of the workers' time in the passes)."""
    offsets = array("Q", [out.tell()])
    for entity in resolved.entities.values():
        stored = dataclasses.replace(entity, docs=cast(set, _NOT_STORED))
        out.write(pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
        offsets.append(out.tell())
    start = out.tell()
    pickle.dump((list(resolved.entities), offsets, resolved.same_as), out, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(_TRAILER.pack(start))


class StoredEntities(Mapping[str, Entity]):
    """The entities of a file of `write_resolved`, each read (5 microseconds) when it is first asked for and
    then kept: a batch's passes get one object for an entity however often they ask. `batch()` gives a view
    that has read none yet, for the next batch, so that what a worker holds does not grow with the batches
    it runs."""

    def __init__(self, data: mmap.mmap, index: dict[str, int], offsets: array) -> None:
        self._data, self._index, self._offsets = data, index, offsets
        self._read: dict[str, Entity] = {}

    def batch(self) -> StoredEntities:
        return StoredEntities(self._data, self._index, self._offsets)

    def close(self) -> None:
        self._data.close()

    def __getitem__(self, iri: str) -> Entity:
        entity = self._read.get(iri)
        if entity is None:
            k = self._index[iri]  # KeyError for an IRI that is not an entity, as a dict's
            entity = self._read[iri] = pickle.loads(self._data[self._offsets[k]:self._offsets[k + 1]])
        return entity

    def __contains__(self, iri: object) -> bool:
        return iri in self._index

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def read_resolved(path: str) -> tuple[StoredEntities, dict[str, str]]:
    """What `write_resolved` wrote to `path`: the entities (their index read now, each entity when asked for,
    from the file mapped into memory, read-only) and the `same_as` table."""
    with open(path, "rb") as file:
        data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    (start,) = _TRAILER.unpack_from(data, len(data) - _TRAILER.size)
    iris, offsets, same_as = pickle.loads(data[start:len(data) - _TRAILER.size])
    return StoredEntities(data, {iri: k for k, iri in enumerate(iris)}, offsets), same_as


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
    # the passes only read the entities (what one wrote would go with the worker): a mapping that reads them
    # from a file (`StoredEntities`) serves them as the dict of the build's process does
    resolution = Resolution(cast(dict, resolved.entities), mention_entity, {doc: focus for doc, *_, focus, _ in batch},
                            resolved.same_as)
    ctx = LinkContext(reference, matchers, resolution, {doc: sentences for doc, sentences, *_ in batch},
                      {doc: mentions for doc, _, mentions, *_ in batch}, PartsCache(),
                      {doc: language for doc, *_, language in batch})
    return [function(ctx, doc) for doc, *_ in batch]


# In a local worker: the file of the resolved entities (`write_resolved`), its entities and its `same_as`.
_read: tuple[str, StoredEntities, dict[str, str]] | None = None


def local_pass_batch(tools: tuple[Reference, Matchers], task: tuple[PassFunction, str, list[Payload]]
                     ) -> list[DocumentPass]:
    """`pass_batch` in a local worker (`kg.parallel.Workers`, which inherited `tools`): the task names the
    file of the resolved entities (`write_resolved`); its index is read once per worker, the entities a batch
    reads for that batch."""
    global _read
    function, path, batch = task
    if _read is None or _read[0] != path:
        if _read is not None:
            _read[1].close()
        _read = (path, *read_resolved(path))
    _, entities, same_as = _read
    return pass_batch(function, Resolved(entities.batch(), same_as), batch, tools)


__all__ = ["NotStored", "Payload", "Resolved", "StoredEntities", "local_pass_batch", "pass_batch", "payloads",
           "read_resolved", "resolved_of", "write_resolved"]
