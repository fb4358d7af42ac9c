"""The whole build: documents -> text -> mentions -> entities -> relations -> graph -> RDF / views.

`build()` is the library entry point the CLI and notebooks call.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kg.clusters import ClusterDef, read_clusters
from kg.documents import Document, Skipped, read_corpus
from kg.graph import KnowledgeGraph
from kg.mentions import Mention, build_matchers, find_mentions, keep_salient_industries, load_lexicon
from kg.reference import Reference, load_reference
from kg.relations import extract_relations
from kg.resolve import Entity, resolve_corpus
from kg.text import Sentence, split_sentences
from kg import rdf, views


@dataclass
class BuildResult:
    graph: KnowledgeGraph
    documents: list[str]
    skipped: list[Skipped]
    seconds: float = 0.0
    outputs: dict[str, Path] = field(default_factory=dict)


# Told after each document: the document, how many are done (it included) out of how many, and what was found
# in it (sentences, mentions of each kind, clusters; empty when its extraction failed).
DocumentCallback = Callable[[Document, int, int, dict[str, int]], None]


def document_counts(sentences: list[Sentence], mentions: list[Mention], clusters: list[ClusterDef]) -> dict[str, int]:
    counts = {"sentences": len(sentences)}
    for kind in ("region", "industry", "park", "enterprise"):
        counts[f"{kind} mentions"] = sum(1 for m in mentions if m.kind == kind)
    if clusters:
        counts["clusters"] = len(clusters)
    return counts


def extract_graph(documents: list[Document], reference: Reference | None = None,
                  on_document: DocumentCallback | None = None) -> KnowledgeGraph:
    """Run extraction over decoded documents and return the graph (no files written). `on_document` is told
    after each document (progress)."""
    reference = reference or load_reference()
    matchers = build_matchers(reference, load_lexicon())
    doc_sentences: dict[str, list[Sentence]] = {}
    doc_mentions: dict[str, list[Mention]] = {}
    clusters: list[ClusterDef] = []
    for done, doc in enumerate(documents, 1):
        sentences = split_sentences(doc)
        mentions = find_mentions(sentences, reference, matchers)
        doc_clusters = read_clusters(doc.text, sentences, mentions, reference, matchers)
        scope = {m for c in doc_clusters for m in c.scope}
        doc_sentences[doc.name] = sentences
        doc_mentions[doc.name] = keep_salient_industries(mentions, scope)
        clusters.extend(doc_clusters)
        if on_document is not None:
            on_document(doc, done, len(documents), document_counts(sentences, doc_mentions[doc.name], doc_clusters))
    resolution = resolve_corpus(doc_sentences, doc_mentions, reference, matchers)
    for c in clusters:
        entity = resolution.entities.setdefault(
            c.iri, Entity(c.iri, "Cluster", c.label, c.label_zh, attrs={"clusterKind": c.kind}))
        entity.docs.add(c.heading.doc)
    relations = extract_relations(reference, matchers, resolution, doc_sentences, doc_mentions, clusters)
    kept = [r for r in relations if r.subject in resolution.entities and r.object in resolution.entities]
    kept.sort(key=lambda r: (r.subject, r.predicate, r.object))
    return KnowledgeGraph({d.name: d.sha256 for d in documents}, resolution.entities, kept)


def _replace(tmp: Path, final: Path) -> None:
    if final.is_dir():
        old = final.with_name(final.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
        tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, final)


def write_outputs(graph: KnowledgeGraph, out_dir: Path, reference: Reference | None = None) -> dict[str, Path]:
    """Write kg.ttl, the query store and the HTML views (index.html, kg.html and a folder per kind of page);
    each appears whole or not at all."""
    reference = reference or load_reference()
    out_dir.mkdir(parents=True, exist_ok=True)
    triples = rdf.graph_triples(graph, reference)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        rdf.write_turtle(triples, staging / "kg.ttl")
        rdf.write_store(triples, staging / "store")
        pages = views.write_views(graph, staging)
        outputs = {}
        for name in ("kg.ttl", "store", *pages):
            _replace(staging / name, out_dir / name)
            outputs[name] = out_dir / name
        return outputs
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build(docs_dir: Path | str = "seeds", out_dir: Path | str = "output",
          on_document: DocumentCallback | None = None) -> BuildResult:
    """Read, extract and write. `on_document` is told after each document is extracted (see DocumentCallback)."""
    started = time.perf_counter()
    reference = load_reference()
    documents, skipped = read_corpus(Path(docs_dir))
    graph = extract_graph(documents, reference, on_document=on_document)
    outputs = write_outputs(graph, Path(out_dir), reference)
    return BuildResult(graph, [d.name for d in documents], skipped, time.perf_counter() - started, outputs)
