"""The sentence pass in batches (kg/build/engines/passes.py): the resolved entities a local worker reads from a
file, one when a pass asks for it, and the passes that give what they give on the whole corpus."""

from __future__ import annotations

import dataclasses
import hashlib
import pickle

import pytest

from kg.build.engines import passes
from kg.extract import extract_document
from kg.link import link_corpus
from kg.model import Document, Entity

ENTITIES = {
    "ex:guangdong": Entity("ex:guangdong", "Region", "Guangdong", "广东", docs={"a.txt", "b.txt"}),
    "ex:park": Entity("ex:park", "Park", "Riverside Industrial Park", alt_labels={"Riverside Park"},
                      attrs={"parkKind": "industrial park"}, docs={"a.txt"}),
    "ex:maker": Entity("ex:maker", "Enterprise", "Lanting Battery Co., Ltd.", docs={"b.txt"}),
}


@pytest.fixture
def stored(tmp_path):
    """The three entities and one owl:sameAs, written as the local engine writes them for its workers."""
    path = tmp_path / "resolved.pickle"
    with open(path, "wb") as out:
        passes.write_resolved(passes.Resolved(ENTITIES, {"ex:lanting": "ex:maker"}), out)
    entities, same_as = passes.read_resolved(str(path))
    yield entities, same_as
    entities.close()


def test_the_file_gives_back_every_entity_in_order_and_the_same_as_table(stored):
    entities, same_as = stored
    assert list(entities) == list(ENTITIES) and len(entities) == 3
    assert {iri: dataclasses.replace(entities[iri], docs=set()) for iri in entities} == \
        {iri: dataclasses.replace(e, docs=set()) for iri, e in ENTITIES.items()}
    assert "ex:park" in entities and "ex:nowhere" not in entities
    assert entities.get("ex:nowhere") is None
    with pytest.raises(KeyError):
        entities["ex:nowhere"]
    assert same_as == {"ex:lanting": "ex:maker"}


def test_an_entity_comes_without_its_documents_and_reading_them_fails_loudly(stored):
    entities, _ = stored
    guangdong = entities["ex:guangdong"]
    assert (guangdong.label, guangdong.label_zh, guangdong.type) == ("Guangdong", "广东", "Region")
    for read in (bool, len, list, lambda docs: "a.txt" in docs):
        with pytest.raises(RuntimeError, match="not sent to the sentence passes"):
            read(guangdong.docs)
    assert ENTITIES["ex:guangdong"].docs == {"a.txt", "b.txt"}  # the build's own entities keep theirs


def test_an_entity_is_read_when_asked_for_once_a_batch(stored, monkeypatch):
    loads = []

    def counting(data, *args, **kwargs):
        loads.append(len(data))
        return real(data, *args, **kwargs)
    real = pickle.loads
    monkeypatch.setattr(passes.pickle, "loads", counting)

    entities, _ = stored
    batch = entities.batch()
    assert "ex:maker" in batch and len(batch) == 3 and loads == []  # the index answers these
    first = batch["ex:maker"]
    assert batch["ex:maker"] is first and len(loads) == 1  # one object for the batch, read once
    following = entities.batch()
    assert following["ex:maker"] == first and following["ex:maker"] is not first and len(loads) == 2


TEXTS = [
    "Sihui's Riverside Industrial Park hosts Lanting Battery Co., Ltd., which makes lithium batteries.",
    "Lanting Battery Co., Ltd. plans to invest 2 billion yuan in the Zhaoqing High-tech Zone.",
    "Zhaoqing is building its new energy vehicle cluster; Lanting Battery supplies Meiling Motors.",
]


def test_workers_reading_the_file_give_the_graph_of_the_whole_corpus(tools, tmp_path):
    """The sentence passes run batch by batch on entities read from the file (as `local_pass_batch` runs
    them in a worker) give the graph the passes give on the build's own entities."""
    reference, matchers = tools
    extractions = [extract_document(Document(f"doc{i}.txt", t, hashlib.sha256(t.encode()).hexdigest()), *tools)
                   for i, t in enumerate(TEXTS, 1)]
    path = str(tmp_path / "resolved.pickle")

    def from_the_file(function, documents, ctx):
        with open(path, "wb") as out:
            passes.write_resolved(passes.resolved_of(ctx), out)
        for batch in passes.payloads(ctx, documents, 2):
            yield from passes.local_pass_batch((reference, matchers), (function, path, batch))

    whole = link_corpus(extractions, reference, matchers)
    batched = link_corpus(extractions, reference, matchers, from_the_file)
    assert len(whole.relations) >= 4 and batched.relations == whole.relations
    assert batched.entities == whole.entities
