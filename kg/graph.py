"""Stage 6: the knowledge graph: entities, relations with evidence, and the documents they come from.

One in-memory model that every output (RDF, HTML views, path queries) is derived from.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from kg.relations import Relation
from kg.resolve import ENTITY_TYPES, Entity


@dataclass
class KnowledgeGraph:
    documents: dict[str, str] = field(default_factory=dict)  # name -> sha256
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)

    def entity_counts(self) -> dict[str, int]:
        counts = Counter(e.type for e in self.entities.values())
        return {t: counts[t] for t in ENTITY_TYPES if counts[t]}

    def relation_counts(self) -> dict[str, int]:
        counts = Counter(r.predicate for r in self.relations)
        return dict(sorted(counts.items()))

    def to_networkx(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        for e in sorted(self.entities.values(), key=lambda e: e.iri):
            g.add_node(e.iri, label=e.label, type=e.type, label_zh=e.label_zh, aliases=sorted(e.alt_labels))
        for r in self.relations:
            ev = next((x for x in r.evidence if x.is_text), r.evidence[0] if r.evidence else None)
            g.add_edge(r.subject, r.object, key=r.predicate, relation=r.predicate,
                       evidence=ev.text if ev and ev.is_text else "reference data",
                       doc=ev.source if ev else "")
        return g
