"""Mentions resolved to entities with stable IRIs.

Regions and industries resolve to their reference entries. Parks resolve by (region, modifiers, park kind), so
a zone named with "High-tech" and with "Hi-tech Industrial Development" is one park, and a park named without a
place belongs to the region its document is about. Enterprises resolve by their name's key
(`kg.link.resolve.enterprises`).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.en import Matchers
from kg.extract.en.parts import PartsCache
from kg.extract.spans import by_sentence, drop_nested
from kg.link.focus import focus_region
from kg.link.resolve.enterprises import CompanyGrouping, CompanyName, Key, NameReader, UnionFind
from kg.link.resolve.known_names import link_known_enterprises
from kg.link.resolve.ownership import ownership_pairs
from kg.link.resolve.pinyin import Pinyin
from kg.model import Entity, Mention, Sentence
from kg.names import phrase_key, singular, slug
from kg.namespaces import ID
from kg.reference import Reference, load_name_data

# Cues of enterprise mentions found again by a name known from elsewhere (kg.link.resolve.known_names)
FOUND_AGAIN = ("known-name", "coordination")
# Capitalised words after a name, hyphenated ones whole ("Hi-Tech": its first half alone would read as a brand word)
CAPITALISED_RUN = re.compile(r"(?: [A-Z][A-Za-z]+(?:-[A-Za-z]+)*)+")
CAPITALISED_RUN_BEFORE = re.compile(r"(?: [A-Z][A-Za-z]+)+")  # as read before, for the IRIs names had then

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


ParkKey = tuple[str | None, tuple[str, ...], str]  # (region, name words, kind)


@dataclass
class Resolution:
    entities: dict[str, Entity]
    mention_entity: dict[Mention, str]  # mention -> entity IRI
    focus: dict[str, str | None]  # document -> focus region IRI
    # IRIs the corpus's names would give an entity on their own, that now name another (owl:sameAs)
    same_as: dict[str, str] = field(default_factory=dict)


class Resolver:
    def __init__(self, reference: Reference, matchers: Matchers) -> None:
        self.reference = reference
        self.m = matchers
        self.lex = matchers.lexicon
        self.name_data = load_name_data()
        self.names = NameReader(self.lex, self.name_data, matchers.regions)
        self.pinyin = Pinyin(self.name_data.syllables)
        self._park_iris: dict[tuple[str | None, tuple[str, ...], str], str] = {}
        # the words of park names by the word they render: business words (not the generic ones: "International"
        # and "Industrial" are two parks' names) and park words
        self._park_word_group = {**{w: g for w, g in self.name_data.business.items()
                                    if g not in self.name_data.generic}, **self.name_data.park_words}
        self._longest_park_word = max(map(len, self._park_word_group), default=0)
        self._park_words_read: dict[tuple[str, ...], tuple[str, ...]] = {}

    # -------------------------------------------------------------------- entities

    def resolve(self, doc_mentions: dict[str, list[Mention]],
                doc_sentences: dict[str, list[Sentence]] | None = None) -> Resolution:
        """Every mention resolved; `doc_sentences` (when given) shows where a name found again goes on."""
        entities: dict[str, Entity] = {}
        mention_entity: dict[Mention, str] = {}
        focus = {doc: focus_region(ms, self.reference) for doc, ms in doc_mentions.items()}
        surfaces: dict[str, Counter] = defaultdict(Counter)
        claims: dict[str, set[str]] = defaultdict(set)  # IRI a name would have on its own -> IRIs it has now

        park_keys = self._park_keys(doc_mentions, focus)
        for doc, mentions in doc_mentions.items():
            for m in mentions:
                iri = None
                if m.kind == "region" and m.ref:
                    iri = self._region_entity(entities, m.ref)
                elif m.kind == "industry" and m.ref:
                    iri = self._industry_entity(entities, m.ref)
                elif m.kind == "park":
                    iri = self._park_entity(entities, m, park_keys[m], claims)
                if iri:
                    mention_entity[m] = iri
                    entities[iri].docs.add(doc)
                    if m.cue == GARBLED:
                        entities[iri].hidden_labels.add(" ".join(m.surface.split()))
                    else:
                        surfaces[iri][m.surface] += 1

        self._resolve_enterprises(doc_mentions, doc_sentences or {}, entities, mention_entity, surfaces, claims)
        # an IRI one entity was or would be known by stays resolvable; one claimed by two entities would say
        # (owl:sameAs) that they are one, so it is left out
        same_as = {old: next(iter(iris)) for old, iris in sorted(claims.items())
                   if len(iris) == 1 and old not in entities}

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
        return Resolution(entities, mention_entity, focus, same_as)

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

    def park_key(self, m: Mention, regions_by_sentence: dict[int, list[Mention]], focus: str | None,
                 literal: bool = False):
        """(region, modifiers, kind) of a park: the region is the most specific of the places its name starts
        with ("Guangdong Foshan ..." is in Foshan) or else the document's focus, and the modifiers leave out a
        park's rank ("National", "Provincial"). With `literal`, the key as it was before ranks and nested
        places were read so (for the IRIs parks were known by)."""
        in_sentence = regions_by_sentence.get(m.sentence, ())
        regions = [r for r in in_sentence if r.start == m.start and r.end <= m.end]
        while regions and not literal:
            last = regions[-1]
            inner = [r for r in in_sentence if r.start > last.end and r.end <= m.end and r.ref
                     and not m.surface[last.end - m.start:r.start - m.start].strip(" ,-()（）") and last.ref
                     and last.ref in self.reference.ancestors(r.ref)]
            if not inner:
                break
            regions.append(inner[0])
        region = regions[-1].ref if regions else None
        if m.name_en != m.surface:  # a name in another script: its English rendering, without the places' names
            key = phrase_key(m.name_en)
            for r in (regions if not literal else regions[-1:]):
                place = phrase_key(self.reference.regions[r.ref].label) if r.ref else ()
                key = key[len(place):] if place and key[:len(place)] == place else key
        else:
            rest = m.surface[regions[-1].end - m.start:] if regions else m.surface
            key = phrase_key(rest)
        head_len = 0
        for n in range(len(key), 0, -1):
            if key[-n:] in self.m.parks.entries:
                head_len = n
                break
        modifiers = key[: len(key) - head_len] if head_len else key
        if not literal:
            modifiers = tuple(w for w in modifiers if w not in self.name_data.park_qualifiers)
        return region or focus, modifiers, m.get("kind")

    def _park_iri(self, region: str | None, modifiers: tuple[str, ...], kind: str) -> str:
        iri = self._park_iris.get((region, modifiers, kind))
        if iri is None:
            place = self.reference.regions[region].label if region else ""
            iri = self._park_iris[(region, modifiers, kind)] = f"{ID}park/{slug(' '.join([place, *modifiers, kind]))}"
        return iri

    def _park_keys(self, doc_mentions: dict[str, list[Mention]], focus: dict[str, str | None]
                   ) -> dict[Mention, tuple[ParkKey, ...]]:
        """Each park mention's key: the key of its park's IRI (`_park_groups`), then the keys its IRI would have
        had on its own (`park_key`) and before (`park_key(literal=True)`)."""
        keys: dict[Mention, tuple[ParkKey, ParkKey]] = {}
        placed: set[ParkKey] = set()  # keys of names that say where the park is
        written: set[ParkKey] = set()  # keys of names written in English
        for doc, mentions in doc_mentions.items():
            regions = by_sentence(m for m in mentions if m.kind == "region")
            for m in mentions:
                if m.kind == "park":
                    key = self.park_key(m, regions, focus[doc])
                    keys[m] = (key, self.park_key(m, regions, focus[doc], literal=True))
                    if key[0] is not None and self.park_key(m, regions, None)[0] == key[0]:
                        placed.add(key)
                    if m.name_en == m.surface:
                        written.add(key)
        joined = self._park_groups({key for key, _ in keys.values()}, placed, written)
        return {m: (joined[key], key, literal) for m, (key, literal) in keys.items()}

    def _park_groups(self, keys: set[ParkKey], placed: set[ParkKey], written: set[ParkKey]
                     ) -> dict[ParkKey, ParkKey]:
        """Which keys name one park: each key -> the key of its park's IRI (of its keys, one that places the
        park, then one written in English, then the first by its IRI).

        - Names of one place and kind whose words are one in English (`_park_words`: "Smart Vehicle" and
          "Intelligent Automobile", a shortened Pinyin brand and the brand) are one park.
        - A name without a place of its own, where the corpus places a park of that name: in a document about
          no one place (a Chinese report of a city that never names the city) it joins the one park of that
          name and kind the corpus places anywhere; in a document about a region, the one park of that name
          the corpus names in a region within or around it. Only names that say which park by a word of their
          own (a place or trade name in Pinyin: "Hengtai New Energy Industrial City"); a name of industry words
          only ("Marine Biology Industrial Park") may be another city's park. Decided on the parks as
          they were before any such join, so the order of names is moot."""
        order = sorted(keys, key=_park_order)
        index = {key: i for i, key in enumerate(order)}
        words = self._park_words(order)
        uf = UnionFind()
        first: dict[tuple, int] = {}
        for key in order:
            uf.union(first.setdefault((key[0], words[key], key[2]), index[key]), index[key])
        by_name: dict[tuple[tuple[str, ...], str], list[ParkKey]] = defaultdict(list)
        for key in order:
            by_name[(words[key], key[2])].append(key)
        joins = []
        for key in order:
            region = key[0]
            if key in placed or not self._names_which_park(key[1]):
                continue
            others = {uf.find(index[k]) for k in by_name[(words[key], key[2])] if k[0] is not None
                      and (region is None or k in placed and (region in self.reference.ancestors(k[0])
                                                              or k[0] in self.reference.ancestors(region)))}
            others.discard(uf.find(index[key]))
            if len(others) == 1:
                joins.append((index[key], others.pop()))
        for a, b in joins:
            uf.union(a, b)
        members: dict[int, list[ParkKey]] = defaultdict(list)
        for key in order:
            members[uf.find(index[key])].append(key)
        out: dict[ParkKey, ParkKey] = {}
        for group in members.values():
            iri_key = min(group, key=lambda k: (k[0] is None, k not in placed, k not in written, _park_order(k)))
            out.update((k, iri_key) for k in group)
        return out

    def _park_words(self, keys: list[ParkKey]) -> dict[ParkKey, tuple[str, ...]]:
        """Each key's name words as compared: a business word or a park word by the word it renders
        (`ontology/business_heads.json`: vehicle, automobile -> auto; smart -> intelligent), longest first,
        and a word that shortens the one Pinyin word of the corpus's park names it can shorten by that word
        ("xheng" -> xiaoheng)."""
        read = {key: self._park_word_groups(key[1]) for key in keys}
        longer: dict[str, set[str]] = defaultdict(set)
        for word in sorted({w for ws in read.values() for w in ws}):
            if self.pinyin.is_pinyin(word):
                for form in self.pinyin.shortened_forms(word):
                    longer[form].add(word)
        return {key: tuple(next(iter(longer[w])) if len(longer.get(w, ())) == 1 else w for w in ws)
                for key, ws in read.items()}

    def _park_word_groups(self, modifiers: tuple[str, ...]) -> tuple[str, ...]:
        known = self._park_words_read.get(modifiers)
        if known is not None:
            return known
        out: list[str] = []
        i = 0
        while i < len(modifiers):
            for n in range(min(self._longest_park_word, len(modifiers) - i), 0, -1):
                group = self._park_word_group.get(modifiers[i:i + n])
                if group:
                    out.append(group)
                    i += n
                    break
            else:
                out.append(modifiers[i])
                i += 1
        known = self._park_words_read[modifiers] = tuple(out)
        return known

    def _names_which_park(self, modifiers: tuple[str, ...]) -> bool:
        """Whether a park's name words hold a word of its own: a word of two or more Pinyin syllables that is
        no word of the industry vocabulary (a place or trade name)."""
        return any(w not in self.m.vocabulary_words and any(len(r) >= 2 for r in self.pinyin.readings(w))
                   for w in modifiers)

    def _park_entity(self, entities, m: Mention, keys: tuple[ParkKey, ...], claims: dict[str, set[str]]) -> str:
        region, modifiers, kind = keys[0]
        iri = self._park_iri(region, modifiers, kind)
        for key in keys[1:]:  # the IRIs its name would have on its own, and had before
            claims[self._park_iri(*key)].add(iri)
        if iri not in entities:
            entities[iri] = Entity(iri, "Park", m.name_en, attrs={"parkKind": kind})
        if m.name_en != m.surface and not entities[iri].label_zh:
            entities[iri].label_zh = m.surface
            if region:
                entities[iri].attrs["region"] = region
        return iri

    def _resolve_enterprises(self, doc_mentions, doc_sentences, entities, mention_entity, surfaces, claims) -> None:
        written = {m: self._name_as_written(m, doc_sentences.get(m.doc))
                   for mentions in doc_mentions.values() for m in mentions if m.kind == "enterprise"}
        named = {m: self.names.read(name) for m, name in written.items()}
        # the names as read before hyphenated words were read whole, where that differs (their IRIs stay)
        before = {m: self.names.read(self._name_as_written(m, doc_sentences.get(m.doc), CAPITALISED_RUN_BEFORE))
                  for m, name in written.items() if "-" in name and m.cue in FOUND_AGAIN}
        keyed, read_as, english = self._companies(named, ownership_pairs(doc_sentences, doc_mentions))
        for key, members in sorted(keyed, key=lambda km: km[0]):
            iri = company_iri(key)
            if iri in entities:  # two keys of one slug (names differing only in punctuation or script)
                iri = f"{iri}-{hashlib.sha256(repr(key).encode()).hexdigest()[:8]}"
            counter = Counter(english[m] for m in members)
            chinese = Counter(m.surface for m in members if m.surface != m.name_en)
            entities[iri] = Entity(iri, "Enterprise", preferred_label(counter),
                                   preferred_label(chinese) if chinese else "")
            for m in members:
                mention_entity[m] = iri
                entities[iri].docs.add(m.doc)
                surfaces[iri][m.surface] += 1
                # its usual reading's, where read otherwise, and as it was read before
                for name in {named[m], read_as[m], before.get(m, named[m])}:
                    claims[company_iri(name.key)].add(iri)
                    # as IRIs were named before businesses told companies apart
                    claims[company_iri((name.brand, ""))].add(iri)
            for m in members:
                trailing = m.get("trailing")
                if trailing and trailing.split()[0].islower():
                    first = trailing.split()
                    # "Meixin musical instruments": the name as written with the industry it makes
                    industry = self._leading_industry(first)
                    if industry:
                        entities[iri].alt_labels.add(f"{m.surface} {industry}")

    def _companies(self, named: dict[Mention, CompanyName], owned: set[tuple[Mention, Mention]] | None = None
                   ) -> tuple[list[tuple[Key, list[Mention]]], dict[Mention, CompanyName], dict[Mention, str]]:
        """The mentions of each company with the key its IRI is minted from; each mention's name in the reading
        it was grouped by (a Chinese name's polyphonic characters read otherwise, `CompanyGrouping`), and its
        English name in that reading. The grouping's tables (the shortened forms of every brand of the corpus:
        0.6 million at 10,000 documents) and the cache of shortened forms go when this returns, before the
        entities are made: held until the end, resolution's allocations peaked 0.2 GB higher (657 MB instead of
        461, measured at 10,000 documents)."""
        rendered = [m for m in named if m.name_en != m.surface]
        # other readings of a Chinese name's polyphonic characters, as its finder rendered them
        other_readings = {m: tuple(m.get("en_alt").split("|")) for m in rendered if m.get("en_alt")}
        grouping = CompanyGrouping(named, self.pinyin, self.name_data.generic, rendered,
                                   {m: tuple(map(self.names.read, texts)) for m, texts in other_readings.items()},
                                   owned or ())
        english = {m: m.name_en for m in named}  # the English name of each mention, in the reading it was read by
        for m, texts in other_readings.items():
            if grouping.named[m] != named[m]:
                english[m] = next(t for t in texts if self.names.read(t) == grouping.named[m])
        keyed = [(self._company_key(grouping, members), members) for members in grouping.groups()]
        self.pinyin.shortened_forms.cache_clear()
        return keyed, grouping.named, english

    def _name_as_written(self, m: Mention, sentences: list[Sentence] | None,
                         capitalised_run: re.Pattern[str] = CAPITALISED_RUN) -> str:
        """The name a mention stands for. A name found again where it is written within a longer one ("Hengtai"
        in "Hengtai Lighting plans ...", where "Lighting" is no business word extraction knows) stands for the
        longer one: it is compared as written, capitalised words and all, not as the brand alone. Followed by
        an organisation's or a place's word ("... Research Institute", "... Avenue"), it is the company's."""
        if m.cue not in FOUND_AGAIN or not sentences or m.name_en != m.surface:
            return m.name_en
        s = sentences[m.sentence]
        after = capitalised_run.match(s.text, m.end - s.start)
        if not after:
            return m.name_en
        words = after.group(0).split()
        if len(words) > 3 or any(singular(w.lower()) in self.lex.government_words for w in words):
            return m.name_en  # the name of an institute, a road or a plan named after the company
        return " ".join([m.surface, *words])

    def _company_key(self, grouping: CompanyGrouping, members: list[Mention]) -> Key:
        """The key a company's IRI is minted from: of the names that are its own (not short names the
        document explained), the one with a specific business, most brand words, then the shortest brand
        ("xheng" before "xiaoheng": the shortened form is the brand the company itself writes)."""
        root = grouping.uf.find(grouping.assigned.get(members[0], grouping.named[members[0]].key))
        own = {grouping.named[m].key for m in members if m not in grouping.assigned} or \
            {grouping.named[m].key for m in members}
        own = {k for k in own if grouping.uf.find(k) == root} or own
        return min(own, key=lambda k: (k[1] == "", k[1] in self.name_data.generic, -len(k[0]), len("".join(k[0])),
                                       k))

    def _leading_industry(self, words: list[str]) -> str | None:
        for n in range(min(6, len(words)), 0, -1):
            if self.m.industries.entries.get(phrase_key(" ".join(words[:n]))):
                return " ".join(words[:n])
        return None


def _park_order(key: ParkKey) -> tuple[str, tuple[str, ...], str]:
    return key[0] or "", key[1], key[2]


@lru_cache(maxsize=1 << 18)
def company_iri(key: Key) -> str:
    """A company's IRI: its brand and business ("enterprise:hengda-copper"), the same whichever documents name it."""
    brand, business = key
    return f"{ID}enterprise/{slug(' '.join([*brand, business]))}"


def resolve_corpus(doc_sentences: dict[str, list[Sentence]], doc_mentions: dict[str, list[Mention]],
                   reference: Reference, matchers: Matchers, parts: PartsCache) -> Resolution:
    """Every mention of the corpus resolved to an entity (enterprise names found again across documents
    first); `doc_mentions` gets the mentions found again and loses enterprise mentions nested in others."""
    link_known_enterprises(matchers, parts, doc_sentences, doc_mentions)
    for doc in doc_mentions:
        doc_mentions[doc] = drop_nested_enterprises(doc_mentions[doc])
    return Resolver(reference, matchers).resolve(doc_mentions, doc_sentences)


def drop_nested_enterprises(mentions: list[Mention]) -> list[Mention]:
    enterprises = drop_nested([m for m in mentions if m.kind == "enterprise"])
    return sorted([m for m in mentions if m.kind != "enterprise"] + enterprises, key=lambda m: (m.start, m.kind))
