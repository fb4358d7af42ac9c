"""Mentions resolved to entities with stable IRIs.

Regions and industries resolve to their reference entries. Parks resolve by (region, modifiers, park kind), so
a zone named with "High-tech" and with "Hi-tech Industrial Development" is one park, and a park named without a
place belongs to the region its document is about. Enterprises resolve by their name's key
(`kg.link.resolve.enterprises`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.extract.en import Matchers
from kg.extract.en.parts import PartsCache
from kg.extract.spans import by_sentence, drop_nested
from kg.link.focus import focus_region
from kg.link.resolve.enterprises import UnionFind, _blocks, brand_variants, enterprise_key
from kg.link.resolve.known_names import link_known_enterprises
from kg.model import Entity, Mention, Sentence
from kg.names import phrase_key, slug
from kg.namespaces import ID
from kg.reference import Reference

# The cue of a mention that is a machine translation's word-by-word garble of a place's name: evidence that the
# place is mentioned, not a name of it to show or search.
GARBLED = "literal-translation"


def ensure_industry(entities: dict[str, Entity], reference: Reference, iri: str) -> str:
    """The Industry entity of a vocabulary concept, added to `entities` if not there yet."""
    if iri not in entities:
        c = reference.concepts[iri]
        entities[iri] = Entity(iri, "Industry", c.label, c.label_zh, set(c.alt_labels))
    return iri


def preferred_label(surfaces: Counter) -> str:
    """Most frequent written form; ties go to capitalised, then longer, then alphabetical forms."""
    return sorted(surfaces.items(), key=lambda kv: (-kv[1], not kv[0][:1].isupper(), -len(kv[0]), kv[0]))[0][0]


@dataclass
class Resolution:
    entities: dict[str, Entity]
    mention_entity: dict[Mention, str]  # mention -> entity IRI
    focus: dict[str, str | None]  # document -> focus region IRI


class Resolver:
    def __init__(self, reference: Reference, matchers: Matchers) -> None:
        self.reference = reference
        self.m = matchers
        self.lex = matchers.lexicon

    # -------------------------------------------------------------------- entities

    def resolve(self, doc_mentions: dict[str, list[Mention]]) -> Resolution:
        entities: dict[str, Entity] = {}
        mention_entity: dict[Mention, str] = {}
        focus = {doc: focus_region(ms, self.reference) for doc, ms in doc_mentions.items()}
        surfaces: dict[str, Counter] = defaultdict(Counter)

        for doc, mentions in doc_mentions.items():
            regions = by_sentence(m for m in mentions if m.kind == "region")
            for m in mentions:
                iri = None
                if m.kind == "region":
                    iri = self._region_entity(entities, m.ref)
                elif m.kind == "industry":
                    iri = self._industry_entity(entities, m.ref)
                elif m.kind == "park":
                    iri = self._park_entity(entities, m, regions, focus[doc])
                if iri:
                    mention_entity[m] = iri
                    entities[iri].docs.add(doc)
                    if m.cue == GARBLED:
                        entities[iri].hidden_labels.add(" ".join(m.surface.split()))
                    else:
                        surfaces[iri][m.surface] += 1

        self._resolve_enterprises(doc_mentions, entities, mention_entity, surfaces)

        for iri, counter in surfaces.items():
            entity = entities[iri]
            if entity.type == "Park":
                # the English label is a name written in English, else the rendering of a Chinese one
                english = Counter({s: n for s, n in counter.items() if not any("\u4e00" <= ch <= "\u9fff" for ch in s)})
                if english:
                    entity.label = preferred_label(english)
            known = {phrase_key(x) for x in entity.all_labels()}
            for surface in counter:
                if phrase_key(surface) not in known:
                    entity.alt_labels.add(" ".join(surface.split()))
                    known.add(phrase_key(surface))
        self._add_ancestors(entities)
        return Resolution(entities, mention_entity, focus)

    def _region_entity(self, entities: dict[str, Entity], iri: str) -> str:
        if iri not in entities:
            r = self.reference.regions[iri]
            entities[iri] = Entity(iri, r.type, r.label, r.label_zh, set(r.alt_labels) | set(r.alt_labels_zh),
                                   {"adminKind": r.kind})
        return iri

    def _add_ancestors(self, entities: dict[str, Entity]) -> None:
        for iri in [i for i, e in entities.items() if e.type in ("Town", "County", "City")]:
            for parent in self.reference.ancestors(iri):
                if parent not in entities:
                    self._region_entity(entities, parent)
                    entities[parent].reference = True
        for e in list(entities.values()):
            if e.type == "Park" and e.attrs.get("region") and e.attrs["region"] not in entities:
                self._region_entity(entities, e.attrs["region"])
                entities[e.attrs["region"]].reference = True

    def _industry_entity(self, entities: dict[str, Entity], iri: str) -> str:
        return ensure_industry(entities, self.reference, iri)

    def park_key(self, m: Mention, regions_by_sentence: dict[int, list[Mention]], focus: str | None):
        regions = [r for r in regions_by_sentence.get(m.sentence, ()) if r.start == m.start and r.end <= m.end]
        region = regions[0].ref if regions else None
        if m.name_en != m.surface:  # a name in another script: its English rendering, without the region's name
            key = phrase_key(m.name_en)
            if region:
                place = phrase_key(self.reference.regions[region].label)
                key = key[len(place):] if key[:len(place)] == place else key
        else:
            rest = m.surface[regions[0].end - m.start:] if regions else m.surface
            key = phrase_key(rest)
        head_len = 0
        for n in range(len(key), 0, -1):
            if key[-n:] in self.m.parks.entries:
                head_len = n
                break
        modifiers = key[: len(key) - head_len] if head_len else key
        return region or focus, modifiers, m.get("kind")

    def _park_entity(self, entities, m: Mention, regions: dict[int, list[Mention]], focus: str | None) -> str:
        region, modifiers, kind = self.park_key(m, regions, focus)
        place = self.reference.regions[region].label if region else ""
        iri = f"{ID}park/{slug(' '.join([place, *modifiers, kind]))}"
        if iri not in entities:
            entities[iri] = Entity(iri, "Park", m.name_en, attrs={"parkKind": kind})
        if m.name_en != m.surface and not entities[iri].label_zh:
            entities[iri].label_zh = m.surface
            if region:
                entities[iri].attrs["region"] = region
        return iri

    def _resolve_enterprises(self, doc_mentions, entities, mention_entity, surfaces) -> None:
        keyed: dict[Mention, tuple[str, ...]] = {}
        key_of: dict[str, tuple[str, ...]] = {}  # one name recurs in many documents
        for mentions in doc_mentions.values():
            for m in mentions:
                if m.kind == "enterprise":
                    name = m.name_en
                    if name not in key_of:
                        key_of[name] = enterprise_key(name, self.lex, self.m.regions)
                    keyed[m] = key_of[name]
        uf = UnionFind()
        keys = sorted(set(keyed.values()))
        known = set(keys)
        variants = brand_variants({k[0] for k in keys})
        for a in keys:
            uf.find(a)
            for word in variants.get(a[0], ()):
                b = (word, *a[1:])
                if b in known:
                    uf.union(a, b)
        # "Ruiqing" alone is "Ruiqing Times" when that is the only longer name it starts
        longer_by_first = _blocks([k for k in keys if len(k) > 1], lambda k: k[0])
        for key in keys:
            if len(key) == 1:
                longer = {uf.find(k) for word in (key[0], *variants.get(key[0], ()))
                          for k in longer_by_first.get(word, ())}
                if len(longer) == 1:
                    uf.union(key, longer.pop())
        groups: dict[tuple, list[Mention]] = defaultdict(list)
        for m, key in keyed.items():
            groups[uf.find(key)].append(m)
        for members in groups.values():
            counter = Counter(m.name_en for m in members)
            chinese = Counter(m.surface for m in members if m.surface != m.name_en)
            canonical = max((keyed[m] for m in members), key=lambda k: (len("".join(k)), k))
            iri = f"{ID}enterprise/{slug(' '.join(canonical))}"
            entities[iri] = Entity(iri, "Enterprise", preferred_label(counter),
                                   preferred_label(chinese) if chinese else "")
            for m in members:
                mention_entity[m] = iri
                entities[iri].docs.add(m.doc)
                surfaces[iri][m.surface] += 1
            for m in members:
                trailing = m.get("trailing")
                if trailing and trailing.split()[0].islower():
                    first = trailing.split()
                    # "Shengkai musical instruments": the name as written with the industry it makes
                    industry = self._leading_industry(first)
                    if industry:
                        entities[iri].alt_labels.add(f"{m.surface} {industry}")

    def _leading_industry(self, words: list[str]) -> str | None:
        for n in range(min(6, len(words)), 0, -1):
            if self.m.industries.entries.get(phrase_key(" ".join(words[:n]))):
                return " ".join(words[:n])
        return None


def resolve_corpus(doc_sentences: dict[str, list[Sentence]], doc_mentions: dict[str, list[Mention]],
                   reference: Reference, matchers: Matchers, parts: PartsCache) -> Resolution:
    """Every mention of the corpus resolved to an entity (enterprise names found again across documents
    first); `doc_mentions` gets the mentions found again and loses enterprise mentions nested in others."""
    link_known_enterprises(matchers, parts, doc_sentences, doc_mentions)
    for doc in doc_mentions:
        doc_mentions[doc] = drop_nested_enterprises(doc_mentions[doc])
    return Resolver(reference, matchers).resolve(doc_mentions)


def drop_nested_enterprises(mentions: list[Mention]) -> list[Mention]:
    enterprises = drop_nested([m for m in mentions if m.kind == "enterprise"])
    return sorted([m for m in mentions if m.kind != "enterprise"] + enterprises, key=lambda m: (m.start, m.kind))
