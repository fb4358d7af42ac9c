"""Industries beyond the vocabulary as entities: each phrase a document names in an industry's place
(`kg.extract.en.industry_phrases`) is an Industry, one per normalised name across the corpus, placed under
its nearest vocabulary concept (skos:broader), through which it reaches that concept's clusters.

And the names a vocabulary industry goes by in the graph: its preferred labels and the labels the documents
wrote it with (`names_as_used`); the vocabulary's other labels are kept as hidden labels, so the graph does not
offer a concept's every synonym ("renewables" for new energy) as a name the corpus gave it."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.link.resolve import Resolution
from kg.model import Entity, Mention
from kg.names import phrase_key, slug
from kg.namespaces import ID
from kg.reference import Reference

NEW_INDUSTRY = "new-industry"


def add_new_industries(resolution: Resolution, reference: Reference, doc_mentions: dict[str, list[Mention]]) -> None:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mentions in doc_mentions.values():
        for m in mentions:
            if m.kind == NEW_INDUSTRY:
                groups[m.get("key") or " ".join(phrase_key(m.surface))].append(m)
    entities = resolution.entities
    for key, members in sorted(groups.items()):
        iri = f"{ID}industry/{slug(key)}"
        if iri in reference.concepts:
            continue  # the vocabulary's own concept: not new after all
        surfaces = Counter(" ".join(m.surface.split()) for m in members)
        # English: what an English document wrote, else the rendering of the Chinese; Chinese: as written
        english = Counter({s: n for s, n in surfaces.items() if s.isascii()}) or Counter(
            m.get("en") for m in members if m.get("en"))
        chinese = Counter({s: n for s, n in surfaces.items() if not s.isascii()})
        label = _most_common(english) or _most_common(surfaces)
        entity = entities.setdefault(iri, Entity(iri, "Industry", label, _most_common(chinese)))
        entity.alt_labels.update(s for s in surfaces if s not in (entity.label, entity.label_zh))
        broader = Counter(m.get("broader") for m in members if m.get("broader"))
        if broader:
            entity.attrs["broader"] = _most_common(broader)
        for m in members:
            entity.docs.add(m.doc)
            resolution.mention_entity[m] = iri


def _most_common(counts: Counter) -> str:
    """The most frequent, the first in order among equals; "" for none."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if counts else ""


def names_as_used(resolution: Resolution, reference: Reference) -> None:
    """Each vocabulary industry of the graph named by its preferred labels and the vocabulary's labels the
    documents used (its mentions, by their keys); the vocabulary's other labels become hidden labels. Names the
    documents wrote that the vocabulary lacks stay as they are, and an industry no mention names (one a rule
    reached by a word's gloss: an automaker's automobile industry) keeps the vocabulary's names."""
    used: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for m, iri in resolution.mention_entity.items():
        if m.kind == "industry":
            used[iri].add(phrase_key(m.surface))
    for iri, entity in resolution.entities.items():
        concept = reference.concepts.get(iri)
        if entity.type != "Industry" or concept is None or iri not in used:
            continue
        vocabulary = set(concept.alt_labels)
        unused = {label for label in entity.alt_labels & vocabulary if phrase_key(label) not in used[iri]}
        entity.alt_labels -= unused
        entity.hidden_labels |= unused
