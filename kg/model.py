"""The one model of the data, as it flows through the pipeline:

    Document -> Sentence -> Mention -> Entity -> Relation (with its Evidence) -> KnowledgeGraph

`kg.ingest` makes Documents (or reports a Skipped file), `kg.extract` makes each document's DocumentExtraction
(its sentences, mentions and the clusters a plan defines), `kg.link` resolves mentions to Entities and reads
Relations, and `kg.publish` / `kg.read` only ever see a KnowledgeGraph (or the RDF written from it). Every
stage imports its types from here, so no stage imports another just for a type.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import TypeVar

ENTITY_TYPES = ("Province", "City", "County", "Town", "Park", "Enterprise", "Industry", "Cluster")
REGION_TYPES = ("Province", "City", "County", "Town")

_T = TypeVar("_T", bound=type)


def _pickled_as_arguments(cls: _T) -> _T:
    """A frozen dataclass with slots, pickled as its constructor's arguments: by default its fields are read one
    by one in Python, which made the half million mentions a build sends between processes half as slow again
    to send. The fields are read by one getter made from the class's fields, so a field added later goes too."""
    read = operator.attrgetter(*(f.name for f in fields(cls)))

    def reduce(self: object) -> tuple:
        return cls, read(self)

    cls.__reduce__ = reduce  # type: ignore[method-assign, assignment]
    return cls


# ------------------------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class Document:
    """A decoded document. `name` is its path relative to the corpus directory (POSIX form); `encoding` how
    its bytes were decoded; `html` whether it was an HTML page reduced to its text; `notes` anything lossy
    about the reading (bytes replaced), one line each."""

    name: str
    text: str
    sha256: str
    encoding: str = "UTF-8"
    html: bool = False
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """A file that was not read: `reason` is one line; `kind` groups reasons for the build's summary
    ("empty", "binary", "unknown encoding", "too large", "unreadable", "outside the corpus", "not text")."""

    name: str
    reason: str
    kind: str = "unreadable"


@dataclass(slots=True)
class Sentence:
    """A sentence of a document; `start` and `end` are offsets into the document's text."""

    doc: str
    index: int
    start: int
    end: int
    text: str


# -------------------------------------------------------------------------------------------- mentions


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a sentence that names a region, industry, park or enterprise."""

    kind: str  # region, industry, park, enterprise
    surface: str
    start: int
    end: int
    doc: str
    sentence: int
    ref: str | None = None  # IRI of the reference entry (region, industry concept)
    cue: str = ""  # the rule that found it
    detail: tuple[tuple[str, str], ...] = ()  # kind-specific facts: park kind, trailing industry ...

    def get(self, name: str, default: str = "") -> str:
        return dict(self.detail).get(name, default)

    @property
    def name_en(self) -> str:
        """The name in English: as written, or for a name written in another script (a Chinese company or
        park) the English rendering its finder made (detail "en": pinyin of the brand, glosses of the rest)."""
        return self.get("en") or self.surface


@dataclass
class ClusterDef:
    """A strategic cluster as a provincial plan defines it: its heading, scope and centres."""

    iri: str
    label: str
    label_zh: str
    kind: str  # pillar or emerging
    sector: str | None  # vocabulary concept of the cluster's sector
    heading: Sentence
    scope: list[Mention] = field(default_factory=list)  # industry mentions in its paragraph
    centres: list[Mention] = field(default_factory=list)  # city mentions in its paragraph


@dataclass
class DocumentExtraction:
    """What one document yields on its own (the per-document stage; cached for `kg add`): its sentences, its
    mentions (industries already kept only where the document marks them as industries), the clusters it
    defines (a provincial plan), the language it is written in and the date it states (ISO 8601: "2024",
    "2024-03", "2024-03-15"), if any."""

    name: str
    sha256: str
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    clusters: list[ClusterDef]
    language: str = "en"
    date: str | None = None


# -------------------------------------------------------------------------------------------- entities


@dataclass(slots=True)
class Entity:
    iri: str
    type: str
    label: str
    label_zh: str = ""
    alt_labels: set[str] = field(default_factory=set)
    attrs: dict[str, str] = field(default_factory=dict)
    docs: set[str] = field(default_factory=set)
    reference: bool = False  # present because reference data places a mentioned entity in it
    # Forms the entity was mentioned by that are not names to show or search (a machine translation's
    # word-by-word garble of a place name): kept as evidence of the mention, written as skos:hiddenLabel.
    hidden_labels: set[str] = field(default_factory=set)

    def all_labels(self) -> set[str]:
        return {self.label, *self.alt_labels}


# ------------------------------------------------------------------------------------------- relations


STATED = "stated"  # the sentence names both ends of the relation
INFERRED = "inferred"  # the sentence names one end; the other comes from its context (the document's focus, title,
# a list, a park named earlier)


@_pickled_as_arguments
@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation comes from: a document sentence (doc, text, offsets) or a reference dataset; for a
    sentence, whether it states the relation or it was inferred (`derivation`), and how sure the method is
    (`confidence`, 0-1). Two pieces of evidence are the same when they cite the same sentence of the same
    source, however they were derived."""

    source: str  # document name, or the IRI of a reference dataset
    text: str = ""
    start: int = -1
    end: int = -1
    derivation: str = field(default=STATED, compare=False)
    confidence: float | None = field(default=None, compare=False)

    @property
    def is_text(self) -> bool:
        return self.start >= 0


@dataclass(slots=True)
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: list[Evidence] = field(default_factory=list)
    amount_yuan: float | None = None
    amount_text: str = ""


def _strength(ev: Evidence) -> tuple[bool, float]:
    return ev.derivation == STATED, ev.confidence if ev.confidence is not None else -1.0


class RelationSet:
    """Relations keyed by (subject, predicate, object); evidence accumulates in the order it comes, duplicates
    merge (the one that says more stays). Adding evidence costs the same however much a relation has: a
    relation with more than a few pieces has them indexed (a town named in its county in thousands of
    documents would otherwise scan thousands of pieces for every new one)."""

    # Evidence lists up to this long are scanned; longer ones get an index beside them.
    INDEXED_FROM = 8

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str], Relation] = {}
        self._objects: dict[tuple[str, str], set[str]] = {}  # (subject, predicate) -> objects
        # where each piece of evidence is in the lists longer than INDEXED_FROM
        self._index: dict[tuple[str, str, str], dict[Evidence, int]] = {}

    def add(self, s: str, p: str, o: str, evidence: Evidence, amount: tuple[float, str] | None = None) -> None:
        if s == o:
            return
        key = (s, p, o)
        rel = self.items.get(key)
        if rel is None:
            rel = self.items[key] = Relation(s, p, o, [evidence])
            self._objects.setdefault((s, p), set()).add(o)
        else:
            self._add_evidence(key, rel.evidence, evidence)
        if amount and rel.amount_yuan is None:
            rel.amount_yuan, rel.amount_text = amount

    def _add_evidence(self, key: tuple[str, str, str], evidence: list[Evidence], new: Evidence) -> None:
        index = self._index.get(key)
        k = index.get(new) if index is not None else next((k for k, ev in enumerate(evidence) if ev == new), None)
        if k is None:
            if index is not None:
                index[new] = len(evidence)
            evidence.append(new)
            if index is None and len(evidence) >= self.INDEXED_FROM:
                self._index[key] = {ev: k for k, ev in enumerate(evidence)}
        elif _strength(new) > _strength(evidence[k]):
            # the same sentence again: keep what says more (stated over inferred, then the higher confidence)
            evidence[k] = new

    def update(self, other: RelationSet) -> None:
        """Add every relation of `other`, with its evidence in order: as if its adds had been made here."""
        for r in other:
            amount = (r.amount_yuan, r.amount_text) if r.amount_yuan is not None else None
            for ev in r.evidence:
                self.add(r.subject, r.predicate, r.object, ev, amount)

    def objects(self, subject: str, predicate: str) -> set[str]:
        return self._objects.get((subject, predicate), set())

    def __iter__(self) -> Iterator[Relation]:
        return iter(self.items.values())

    def __len__(self) -> int:
        return len(self.items)


# ---------------------------------------------------------------------------------------------- graph


@dataclass
class KnowledgeGraph:
    """Entities, relations with evidence, and the documents they come from: every output (RDF, HTML views,
    path queries) is derived from it."""

    documents: dict[str, str] = field(default_factory=dict)  # name -> sha256
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)  # document name -> the date it states (ISO 8601)
    # IRIs that named an entity before it was found to be another one: old IRI -> the entity's IRI
    # (owl:sameAs in the graph, a redirect in the views)
    same_as: dict[str, str] = field(default_factory=dict)

    def entity_counts(self) -> dict[str, int]:
        counts = Counter(e.type for e in self.entities.values())
        return {t: counts[t] for t in ENTITY_TYPES if counts[t]}

    def relation_counts(self) -> dict[str, int]:
        counts = Counter(r.predicate for r in self.relations)
        return dict(sorted(counts.items()))
