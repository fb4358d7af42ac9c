"""Stages 4 and 5, link: the documents' extractions -> a KnowledgeGraph. Mentions are resolved to entities
across the corpus (`resolve`), then relations are read: each document's sentences in a pass of its own
(`relations.sentence_pass`, which `kg.build` maps over processes), then what the corpus implies."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from kg.extract.en import Matchers
from kg.extract.en.parts import PartsCache
from kg.link.relations import (
    DocumentPass,
    LinkContext,
    add_clusters,
    add_new_industries,
    corpus_relations,
    sentence_pass,
)
from kg.link.relations.clusters import drop_unreached_clusters
from kg.link.relations.new_industries import names_as_used
from kg.link.resolve.apart import resolve_apart
from kg.model import DocumentExtraction, KnowledgeGraph
from kg.reference import Reference

# How the sentence passes are mapped over the documents: `mapper(function, documents, shared)` gives
# `function(shared, document)` for each document, in order (`kg.parallel.in_forks` in a build).
Mapper = Callable[[Callable[[Any, str], DocumentPass], list[str], LinkContext], Iterable[DocumentPass]]


def in_order(function: Callable[[Any, str], DocumentPass], items: list[str], shared: LinkContext
             ) -> Iterable[DocumentPass]:
    return (function(shared, item) for item in items)


def link_corpus(extractions: list[DocumentExtraction], reference: Reference, matchers: Matchers,
                mapper: Mapper = in_order, meanwhile: Callable[[], object] | None = None) -> KnowledgeGraph:
    """The corpus-level part of extraction, over the documents' extractions in the order given (`kg build`
    and `kg add` give them in name order): entities resolved across documents (in a process of its own,
    `resolve_apart`), clusters, relations. The graph is the same whatever `mapper` runs the sentence passes.
    `meanwhile`: the caller's own work, which needs the extractions but not the graph, done in this process
    while resolution runs in its own (a build writes the documents' cache then, on a core that would wait);
    it must leave the extractions as they are."""
    doc_sentences = {x.name: x.sentences for x in extractions}
    doc_mentions = {x.name: list(x.mentions) for x in extractions}
    clusters = [c for x in extractions for c in x.clusters]
    parts = PartsCache()
    resolution = resolve_apart(doc_sentences, doc_mentions, reference, matchers, meanwhile)
    add_clusters(resolution, reference, clusters, doc_mentions)
    add_new_industries(resolution, reference, doc_mentions)
    languages = {x.name: x.language for x in extractions}
    ctx = LinkContext(reference, matchers, resolution, doc_sentences, doc_mentions, parts, languages)
    relations = corpus_relations(ctx, mapper(sentence_pass, list(doc_sentences), ctx), clusters)
    drop_unreached_clusters(resolution.entities, list(relations))
    names_as_used(resolution, reference)
    known = [r for r in relations if r.subject in resolution.entities and r.object in resolution.entities]
    known.sort(key=lambda r: (r.subject, r.predicate, r.object))
    dates = {x.name: x.date for x in extractions if x.date}
    return KnowledgeGraph({x.name: x.sha256 for x in extractions}, resolution.entities, known, dates,
                          resolution.same_as)


__all__ = ["Mapper", "in_order", "link_corpus"]
