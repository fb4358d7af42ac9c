"""What each document yields on its own, kept beside the graph so the corpus can change without re-reading it.

Extraction has a per-document part — decode, cut into sentences, find mentions, read a plan's cluster definitions —
and a corpus-level part: resolution (aliases merged, known names found again across documents), relations and
outputs. `kg build` keeps each document's per-document result (a `DocumentExtraction`) in `DIR/documents/<sha256 of
the file>.json.gz` (JSON, compressed: a fifth of the size), and `DIR/documents/manifest.json` names the documents of
the graph with their content hashes. The folder is written and moved into place whole, like every output. `kg add`
and `kg remove` (kg/build/corpus.py) extract only the new documents, then rerun the corpus-level part over every
cached document: the graph is the one a fresh `kg build` of the same documents writes, by construction.

A cached result holds the decoded text and everything extraction found in it, exactly (offsets, details), so reading
it back gives objects equal to a fresh extraction. It does not depend on the document's name (the same content under
two names is one file). The manifest records a fingerprint of the code and reference data the per-document part
depends on; when they change, the cached texts are extracted again (the files themselves are still not re-read: how
a file is decoded is not part of the fingerprint).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.model import ClusterDef, DocumentExtraction, Mention, Sentence
from kg.reference import ontology_dir

FORMAT = 3
DOCUMENTS = "documents"  # DIR/documents/<sha256>.json.gz: one per document content
SUFFIX = ".json.gz"
MANIFEST = "manifest.json"  # DIR/documents/manifest.json: the documents of the graph, name -> content hash
# What the per-document part of extraction depends on, under the package: its code, the reference data's
# loaders, the model and name normalisation, and this file (the cache's format). Every file there counts, so
# moving or adding code changes the fingerprint without anyone keeping a list.
EXTRACTOR_CODE = ("extract", "reference", "model.py", "names.py", "namespaces.py", "build/cache.py")


class CacheError(Exception):
    """A cached document cannot be read back (missing, corrupt, or of another format)."""


def _files(root: Path, names: tuple[str, ...], pattern: str) -> list[Path]:
    found: list[Path] = []
    for name in names:
        path = root / name
        found.extend(sorted(path.rglob(pattern)) if path.is_dir() else [path])
    return found


def fingerprint(ontology: Path | None = None) -> str:
    """A hash of the extractor's code and every reference data file, by content (and path): a cache made
    under another one is stale."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    package = Path(__file__).resolve().parent.parent
    ontology = ontology or ontology_dir()
    code = [(p.relative_to(package).as_posix(), p) for p in _files(package, EXTRACTOR_CODE, "*.py")]
    data = [(p.relative_to(ontology).as_posix(), p) for p in sorted(ontology.rglob("*")) if p.is_file()]
    for name, path in code + data:
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# ---------------------------------------------------------------- to and from JSON


def _mention(m: Mention) -> list:
    return [m.kind, m.surface, m.start, m.end, m.sentence, m.ref, m.cue, [list(pair) for pair in m.detail]]


def _cluster(c: ClusterDef) -> dict:
    return {"iri": c.iri, "label": c.label, "label_zh": c.label_zh, "kind": c.kind, "sector": c.sector,
            "heading": c.heading.index, "scope": [_mention(m) for m in c.scope],
            "centres": [_mention(m) for m in c.centres]}


def to_json(x: DocumentExtraction) -> dict:
    """The document's extraction as JSON data, without its name (mentions and sentences name their document:
    `from_json` puts the name back)."""
    return {
        "format": FORMAT, "sha256": x.sha256, "text": x.text,
        "sentences": [[s.index, s.start, s.end] for s in x.sentences],
        "mentions": [_mention(m) for m in x.mentions],
        "clusters": [_cluster(c) for c in x.clusters],
        "language": x.language, "date": x.date,
    }


def from_json(data: dict, name: str) -> DocumentExtraction:
    if data.get("format") != FORMAT:
        raise CacheError(f"cached extraction of format {data.get('format')!r}, expected {FORMAT}")
    text = data["text"]
    sentences = [Sentence(name, index, start, end, text[start:end])
                 for index, start, end in data["sentences"]]

    def mention(item: list) -> Mention:
        kind, surface, start, end, sentence, ref, cue, detail = item
        return Mention(kind, surface, start, end, name, sentence, ref, cue, tuple(tuple(pair) for pair in detail))

    clusters = [ClusterDef(c["iri"], c["label"], c["label_zh"], c["kind"], c["sector"], sentences[c["heading"]],
                           [mention(m) for m in c["scope"]], [mention(m) for m in c["centres"]])
                for c in data["clusters"]]
    return DocumentExtraction(name, data["sha256"], text, sentences, [mention(m) for m in data["mentions"]],
                              clusters, data["language"], data["date"])


# ---------------------------------------------------------------- the files


def write_cache(extractions: list[DocumentExtraction], directory: Path, previous: Path | None = None) -> None:
    """Write the cache of a graph into `directory` (a new folder, which the build then moves into place as
    DIR/documents/ in one step, like every other output): one file per document content, named by its hash,
    and the manifest. A file the previous cache (`previous`) already holds is linked, not written again, if
    that cache was made by this extractor (else its file of the same text holds an older extraction)."""
    directory.mkdir(parents=True)
    extractor = fingerprint()
    if previous is not None and _extractor_of(previous) != extractor:
        previous = None
    for x in extractions:
        target = directory / f"{x.sha256}{SUFFIX}"
        if target.exists():
            continue
        source = previous / target.name if previous is not None else None
        if source is not None and source.is_file():
            try:
                os.link(source, target)
                continue
            except OSError:  # a file system without hard links
                pass
        text = json.dumps(to_json(x), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        # level 1: most of the saving for a tenth of the time; no time stamp, so the same extraction gives
        # the same bytes
        target.write_bytes(gzip.compress(text, compresslevel=1, mtime=0))
    manifest = {"format": FORMAT, "extractor": extractor,
                "documents": {x.name: x.sha256 for x in sorted(extractions, key=lambda x: x.name)}}
    (directory / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Manifest:
    documents: dict[str, str]  # name -> sha256
    extractor: str

    @property
    def current(self) -> bool:
        """Whether the cached extractions were made by this extractor with this reference data."""
        return self.extractor == fingerprint()


def _extractor_of(directory: Path) -> str | None:
    """The fingerprint of the extractor that made the cache in `directory`, None for no readable cache."""
    try:
        return read_manifest(directory).extractor
    except CacheError:
        return None


def read_manifest(directory: Path) -> Manifest:
    """The manifest of the cache in `directory` (DIR/documents/)."""
    path = directory / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise CacheError(f"{path} is of format {data.get('format')!r}, expected {FORMAT}")
        return Manifest(dict(data["documents"]), data["extractor"])
    except FileNotFoundError:
        raise CacheError(f"{path} not found") from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CacheError(f"{path} cannot be read: {exc}") from None


def read_extraction(directory: Path, name: str, sha256: str) -> DocumentExtraction:
    """The cached extraction of one document of the manifest."""
    path = directory / f"{sha256}{SUFFIX}"
    try:
        extraction = from_json(json.loads(gzip.decompress(path.read_bytes()).decode("utf-8")), name)
    except FileNotFoundError:
        raise CacheError(f"the extraction of {name} is not in {directory}/") from None
    except (OSError, EOFError, zlib.error, ValueError, KeyError, TypeError, IndexError) as exc:
        raise CacheError(f"the extraction of {name} in {path} cannot be read: {exc}") from None
    if extraction.sha256 != sha256:
        raise CacheError(f"{path} holds another document's extraction")
    return extraction


class CachedExtractions(Mapping[str, DocumentExtraction]):
    """The documents' extractions in a cache directory, each read when it is asked for: what the pages of the
    documents read once a build has let the extractions go (`kg.build.outputs.write_outputs`)."""

    def __init__(self, directory: Path, documents: dict[str, str]) -> None:
        """`documents`: each document's name -> the hash of its content, in the order to give them."""
        self.directory, self.documents = directory, documents

    def __getitem__(self, name: str) -> DocumentExtraction:
        return read_extraction(self.directory, name, self.documents[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)


__all__ = ["DocumentExtraction", "CacheError", "CachedExtractions", "Manifest", "fingerprint", "to_json",
           "from_json", "write_cache", "read_manifest", "read_extraction"]
