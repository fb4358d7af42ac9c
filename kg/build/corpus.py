"""A living corpus: add documents to a built graph, or remove them, without re-reading the others.

`add` reads and extracts only the files it is given (a file whose content the graph already has under the same
name is skipped; one whose content changed replaces the old version), `remove` drops documents; both then
rerun the corpus-level part of extraction (resolution across documents, relations) over every document's
cached per-document result (kg/build/cache.py) and rewrite the outputs. So after any sequence of adds and removes the
graph is the one a fresh `kg build` of the same documents writes — byte for byte — by construction: what a
document alone stated goes with it, facts stated elsewhere too keep their remaining evidence, and entities no
document mentions any more disappear.

    >>> update = add([Path("new-report.txt")], "output")              # doctest: +SKIP
    >>> update.added, update.graph.entity_counts()                     # doctest: +SKIP
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.build import cache
from kg.build.outputs import stage_cache, write_outputs
from kg.build.pipeline import (
    DocumentCallback,
    default_jobs,
    extract_documents,
    link_documents,
    paused_gc,
    skipping_into,
    staged,
    validation,
)
from kg.errors import DocumentError, GraphNotFound, UsageError
from kg.extract import build_matchers
from kg.ingest import corpus_files, read_document
from kg.model import Document, DocumentExtraction, KnowledgeGraph, Skipped
from kg.publish import rdf
from kg.read.validate import ValidationReport
from kg.reference import load_lexicon, load_reference


@dataclass
class CorpusUpdate:
    """What `add` or `remove` did: documents added, replaced (new content under a known name), unchanged
    (skipped: same content), removed, and files skipped (unreadable, or extraction failed); the new graph,
    its validation and the outputs written (no graph and no outputs when nothing changed)."""

    graph: KnowledgeGraph | None = None
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    read: list[Document] = field(default_factory=list, repr=False)
    reextracted: bool = False  # the extractor or reference data changed: every cached text was extracted again
    validation: ValidationReport | None = None
    problems: list[str] = field(default_factory=list)
    not_validated: str = ""  # why the graph was not validated
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.replaced or self.removed or self.reextracted)


def _open(graph_dir: Path) -> cache.Manifest:
    try:
        return cache.read_manifest(graph_dir / cache.DOCUMENTS)
    except cache.CacheError as exc:
        if not (graph_dir / "kg.ttl").exists():
            raise GraphNotFound(f"no graph in {graph_dir}/ (run `kg build --out {graph_dir}` first)") from None
        raise GraphNotFound(f"{graph_dir}/ holds no record of its documents ({exc}); run `kg build --out "
                            f"{graph_dir}` once to make one") from None


def _files(paths: list[Path]) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """The files to add with their document names: a file is named by its file name, the files of a
    directory by their path under it (as `kg build --docs DIR` names them)."""
    files: list[tuple[Path, str]] = []
    refused: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            found, skipped = corpus_files(path)
            files.extend(found)
            refused.extend(skipped)
        elif path.is_file():
            files.append((path, path.name))
        else:
            raise UsageError(f"no such file or directory: {path}")
    names = [name for _, name in files]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise UsageError(f"two files would be named {twice[0]} in the graph: add them one at a time")
    return files, refused


def _cached(graph_dir: Path, documents: dict[str, str]) -> list[DocumentExtraction]:
    try:
        return [cache.read_extraction(graph_dir / cache.DOCUMENTS, name, sha) for name, sha in documents.items()]
    except cache.CacheError as exc:
        raise GraphNotFound(f"{exc}: run `kg build --out {graph_dir}` to rebuild the graph from its documents"
                            ) from None


def _rebuild(update: CorpusUpdate, extractions: list[DocumentExtraction], graph_dir: Path,
             reference, matchers, validate: bool | None = None) -> CorpusUpdate:
    """The corpus-level part over every document, in name order as `kg build` reads them; then validation
    and the outputs."""
    extractions = sorted(extractions, key=lambda x: x.name)
    with staged(graph_dir) as staging:
        with paused_gc():
            # the cache is written as the graph is resolved, as in `kg build`
            update.graph = link_documents(extractions, reference, matchers, jobs=default_jobs(),
                                          meanwhile=lambda: stage_cache(extractions, staging, graph_dir))
        update.outputs = write_outputs(update.graph, graph_dir, reference, extractions, validation(update, validate),
                                       staging=staging)
    return update


def add(paths: list[Path | str], graph_dir: Path | str = "output",
        on_document: DocumentCallback | None = None, jobs: int | None = None,
        validate: bool | None = None) -> CorpusUpdate:
    """Add documents (files, or every file of a directory) to the graph in `graph_dir`; `jobs` and
    `validate` as for `kg.build.pipeline.build`."""
    started = time.perf_counter()
    graph_dir = Path(graph_dir)
    manifest = _open(graph_dir)
    files, skipped = _files([Path(p) for p in paths])
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    update = CorpusUpdate(skipped=skipped)
    documents: list[Document] = []
    for path, name in files:
        try:
            doc = read_document(path, name)
        except DocumentError as exc:
            update.skipped.append(Skipped(name, str(exc), exc.kind))
            continue
        if manifest.documents.get(name) == doc.sha256:
            update.unchanged.append(name)
        else:
            documents.append(doc)

    new = extract_documents(documents, reference, matchers, on_error=skipping_into(update.skipped),
                            on_document=on_document, jobs=jobs or default_jobs())
    update.read = [d for d in documents if d.name in {x.name for x in new}]
    for x in new:
        (update.replaced if x.name in manifest.documents else update.added).append(x.name)
    update.skipped.sort(key=lambda s: s.name)
    kept = {name: sha for name, sha in manifest.documents.items() if name not in update.replaced}
    update.reextracted = not manifest.current and bool(kept)
    if not update.changed:  # the graph stays as it is
        update.seconds = time.perf_counter() - started
        return update
    extractions = _refreshed(_cached(graph_dir, kept), update.reextracted, reference, matchers) + new
    _rebuild(update, extractions, graph_dir, reference, matchers, validate)
    update.seconds = time.perf_counter() - started
    return update


def remove(names: list[str], graph_dir: Path | str = "output", validate: bool | None = None) -> CorpusUpdate:
    """Remove documents (by their name in the graph, as `kg show` and the index page list them) from the
    graph in `graph_dir`."""
    started = time.perf_counter()
    graph_dir = Path(graph_dir)
    manifest = _open(graph_dir)
    unknown = [n for n in names if n not in manifest.documents]
    if unknown:
        known = sorted(manifest.documents)
        listed = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
        raise UsageError(f"no document named {unknown[0]} in {graph_dir}/ (its documents: {listed or 'none'})")
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    update = CorpusUpdate(removed=sorted(set(names)))
    kept = {name: sha for name, sha in manifest.documents.items() if name not in update.removed}
    update.reextracted = not manifest.current and bool(kept)
    extractions = _refreshed(_cached(graph_dir, kept), update.reextracted, reference, matchers)
    _rebuild(update, extractions, graph_dir, reference, matchers, validate)
    update.seconds = time.perf_counter() - started
    return update


def write_named_graphs(graph_dir: Path | str, out: BinaryIO) -> None:
    """The graph in `graph_dir` as TriG, each statement in the named graph of its source (`kg export --format
    trig`), to a binary stream: derived from the per-document cache as `kg remove` rebuilds a graph (the
    corpus-level part over every cached extraction), so it is the kg.trig `kg build --trig` writes. A graph
    whose cache another version of the extractor or reference data made is refused: the named graphs would
    not be those of its store."""
    graph_dir = Path(graph_dir)
    manifest = _open(graph_dir)
    if not manifest.current:
        raise GraphNotFound(f"{graph_dir}/ was built by another version of kg or of its reference data: run `kg "
                            f"build --out {graph_dir}` again to derive its named graphs")
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    extractions = sorted(_cached(graph_dir, manifest.documents), key=lambda x: x.name)
    with paused_gc():
        graph = link_documents(extractions, reference, matchers, jobs=default_jobs())
    rdf.write_trig(graph, reference, out)


def _refreshed(extractions: list[DocumentExtraction], stale: bool, reference, matchers
               ) -> list[DocumentExtraction]:
    """The cached extractions, extracted again from their cached text when the extractor or the reference
    data changed since they were made."""
    if not stale:
        return extractions
    documents = [Document(x.name, x.text, x.sha256) for x in extractions]
    return extract_documents(documents, reference, matchers, jobs=default_jobs())
