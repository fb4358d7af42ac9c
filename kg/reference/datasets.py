"""Reference data from `ontology/`: the ontology, the administrative gazetteer, the industry vocabulary and
Guangdong's 20 strategic industrial clusters.

These are public facts (division names, industry classifications), loaded once per build. Extraction links
text mentions to them; they never list the enterprises or parks of any document.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from kg.errors import ReferenceDataError
from kg.model import REGION_TYPES
from kg.namespaces import GAZETTEER_IRI, KG, RDF_TYPE, RDFS_LABEL, SKOS, VOCABULARY_IRI
from kg.reference.files import ontology_dir

REGION_RANK = {t: i for i, t in enumerate(REGION_TYPES)}


@dataclass(frozen=True)
class Region:
    iri: str
    type: str  # Province, City, County or Town
    label: str
    label_zh: str
    alt_labels: tuple[str, ...]
    alt_labels_zh: tuple[str, ...]
    kind: str
    parent: str | None

    @property
    def rank(self) -> int:
        return REGION_RANK[self.type]


@dataclass(frozen=True)
class Concept:
    iri: str
    label: str
    label_zh: str
    alt_labels: tuple[str, ...]
    broader: tuple[str, ...]
    sector_of: str | None  # Chinese name of the strategic cluster this concept is the sector of
    alt_labels_zh: tuple[str, ...] = ()  # other Chinese names (narrower products named as the chain)


@dataclass(frozen=True)
class StrategicCluster:
    """One of Guangdong's 20 strategic industrial clusters (`ontology/clusters.ttl`): its names, its kind and
    the vocabulary concept of its sector (the industries under that concept make up its scope)."""

    iri: str
    label: str
    label_zh: str
    alt_labels: tuple[str, ...]
    alt_labels_zh: tuple[str, ...]
    kind: str  # pillar or emerging
    sector: str


@dataclass
class Reference:
    regions: dict[str, Region]
    concepts: dict[str, Concept]
    ontology_triples: list[ox.Triple]
    sources: dict[str, str] = field(default_factory=dict)  # dataset IRI -> public source named in the file
    clusters: dict[str, StrategicCluster] = field(default_factory=dict)
    _clusters_of: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def ancestors(self, iri: str) -> list[str]:
        """Parents of a region up to the province, nearest first."""
        chain = []
        parent = self.regions[iri].parent if iri in self.regions else None
        while parent and parent in self.regions and parent not in chain:
            chain.append(parent)
            parent = self.regions[parent].parent
        return chain

    def broader_closure(self, iri: str) -> list[str]:
        """A concept and every concept above it, nearest first."""
        seen: list[str] = []
        frontier = [iri]
        while frontier:
            current = frontier.pop(0)
            if current in seen or current not in self.concepts:
                continue
            seen.append(current)
            frontier.extend(sorted(self.concepts[current].broader))
        return seen

    def clusters_of(self, iri: str) -> list[str]:
        """The clusters an industry concept is part of: those whose sector is the concept or one above it."""
        known = self._clusters_of.get(iri)
        if known is None:
            lineage = set(self.broader_closure(iri))
            known = self._clusters_of[iri] = sorted(c.iri for c in self.clusters.values() if c.sector in lineage)
        return known

    def cluster_of_sector(self, iri: str) -> str | None:
        """The cluster whose sector is exactly this concept."""
        return next((c.iri for c in self.clusters.values() if c.sector == iri), None)


def _parse(path: Path) -> list[ox.Triple]:
    try:
        return list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError, ValueError) as exc:
        raise ReferenceDataError(f"cannot read {path.name}: {exc}") from None


def _index(triples: list[ox.Triple]) -> dict[str, dict[str, list[ox.Literal | ox.NamedNode]]]:
    props: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        if isinstance(t.subject, ox.NamedNode):
            props[t.subject.value][t.predicate.value].append(t.object)
    return props


def _lang(values: list, lang: str) -> list[str]:
    return sorted(v.value for v in values if isinstance(v, ox.Literal) and v.language == lang)


def _first(values: list[str], what: str) -> str:
    if not values:
        raise ReferenceDataError(f"missing {what}")
    return values[0]


def _source(props: dict, types: tuple[str, ...]) -> str:
    for p in props.values():
        if any(t.value in types for t in p.get(RDF_TYPE, []) if isinstance(t, ox.NamedNode)):
            src = p.get("http://purl.org/dc/terms/source", [])
            if src:
                return src[0].value
    return ""


def load_regions(path: Path, *more: Path) -> tuple[dict[str, Region], str]:
    """The gazetteer's regions from `path`, with those `more` files add (gazetteer_towns.ttl); the source is
    the one `path` names."""
    props = _index(_parse(path))
    source = _source(props, ("http://rdfs.org/ns/void#Dataset", "http://www.w3.org/2002/07/owl#Ontology"))
    for extra in more:
        if extra.exists():
            for iri, p in _index(_parse(extra)).items():
                props[iri].update(p)
    regions = {}
    for iri, p in props.items():
        types = [t.value[len(KG):] for t in p.get(RDF_TYPE, []) if t.value.startswith(KG)]
        rtype = next((t for t in types if t in REGION_TYPES), None)
        if not rtype:
            continue
        parent = p.get(KG + "locatedIn", [])
        regions[iri] = Region(
            iri=iri,
            type=rtype,
            label=_first(_lang(p.get(RDFS_LABEL, []), "en"), f"English label of {iri}"),
            label_zh=_first(_lang(p.get(RDFS_LABEL, []), "zh"), f"Chinese label of {iri}"),
            alt_labels=tuple(_lang(p.get(SKOS + "altLabel", []), "en")),
            alt_labels_zh=tuple(_lang(p.get(SKOS + "altLabel", []), "zh")),
            kind=p.get(KG + "adminKind", [ox.Literal("")])[0].value,
            parent=parent[0].value if parent else None,
        )
    return regions, source


def load_concepts(path: Path, *more: Path) -> tuple[dict[str, Concept], str]:
    """The vocabulary's concepts from `path`, with the labels `more` files add to them (industries_zh.ttl)."""
    props = _index(_parse(path) + [t for extra in more if extra.exists() for t in _parse(extra)])
    concepts = {}
    for iri, p in props.items():
        if not any(t.value == SKOS + "Concept" for t in p.get(RDF_TYPE, [])):
            continue
        sector = p.get(KG + "sectorOf", [])
        concepts[iri] = Concept(
            iri=iri,
            label=_first(_lang(p.get(SKOS + "prefLabel", []), "en"), f"English prefLabel of {iri}"),
            label_zh=(_lang(p.get(SKOS + "prefLabel", []), "zh") or [""])[0],
            alt_labels=tuple(_lang(p.get(SKOS + "altLabel", []), "en")),
            broader=tuple(sorted(b.value for b in p.get(SKOS + "broader", []))),
            sector_of=sector[0].value if sector else None,
            alt_labels_zh=tuple(_lang(p.get(SKOS + "altLabel", []), "zh")),
        )
    return concepts, _source(props, (SKOS + "ConceptScheme",))


def load_clusters(path: Path, concepts: dict[str, Concept]) -> dict[str, StrategicCluster]:
    props = _index(_parse(path))
    clusters = {}
    for iri, p in sorted(props.items()):
        if not any(t.value == KG + "Cluster" for t in p.get(RDF_TYPE, [])):
            continue
        kind = _first([v.value for v in p.get(KG + "clusterKind", [])], f"kind of {iri}")
        sector = _first([v.value for v in p.get(KG + "clusterSector", [])], f"sector of {iri}")
        if kind not in ("pillar", "emerging"):
            raise ReferenceDataError(f"{path.name}: {iri} has kind {kind!r}, not pillar or emerging")
        if sector not in concepts:
            raise ReferenceDataError(f"{path.name}: the sector of {iri} is not a vocabulary concept: {sector}")
        clusters[iri] = StrategicCluster(
            iri=iri,
            label=_first(_lang(p.get(SKOS + "prefLabel", []), "en"), f"English prefLabel of {iri}"),
            label_zh=_first(_lang(p.get(SKOS + "prefLabel", []), "zh"), f"Chinese prefLabel of {iri}"),
            alt_labels=tuple(_lang(p.get(SKOS + "altLabel", []), "en")),
            alt_labels_zh=tuple(_lang(p.get(SKOS + "altLabel", []), "zh")),
            kind=kind,
            sector=sector,
        )
    return clusters


@lru_cache(maxsize=4)
def load_reference(directory: Path | None = None) -> Reference:
    directory = directory or ontology_dir()
    regions, gaz_source = load_regions(directory / "gazetteer.ttl", directory / "gazetteer_towns.ttl")
    concepts, voc_source = load_concepts(directory / "industries.ttl", directory / "industries_zh.ttl")
    return Reference(
        regions=regions,
        concepts=concepts,
        ontology_triples=_parse(directory / "kg.ttl"),
        sources={GAZETTEER_IRI: gaz_source, VOCABULARY_IRI: voc_source},
        clusters=load_clusters(directory / "clusters.ttl", concepts),
    )
