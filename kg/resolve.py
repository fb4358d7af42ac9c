"""Stage 4: resolve mentions to entities with stable IRIs.

Regions and industries resolve to their reference entries. Parks resolve by (region, modifiers, park kind),
so "Zhaoqing High-tech Zone" and "Zhaoqing Hi-tech Industrial Development Zone" are one park, and a park
named without a place ("Fine Chemical Industrial Park") belongs to the region its document is about.
Enterprises resolve by general name rules: company forms and industry heads are dropped, pinyin words are
read as their English meaning (Shidai = Times), a leading place name is dropped, and a romanised brand that
is a subsequence of another's pinyin (Xpeng / Xiaopeng) is the same name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.mentions import (Lexicon, Matchers, Mention, PhraseIndex, by_sentence, drop_nested, inside_any, is_brand_like,
                         sentence_parts)
from kg.names import phrase_key, slug, word_parts
from kg.reference import ID, Reference
from kg.text import Sentence

ENTITY_TYPES = ("Province", "City", "County", "Town", "Park", "Enterprise", "Industry", "Cluster")


@dataclass
class Entity:
    iri: str
    type: str
    label: str
    label_zh: str = ""
    alt_labels: set[str] = field(default_factory=set)
    attrs: dict[str, str] = field(default_factory=dict)
    docs: set[str] = field(default_factory=set)
    reference: bool = False  # present because reference data places a mentioned entity in it

    def all_labels(self) -> set[str]:
        return {self.label, *self.alt_labels}


def focus_region(mentions: list[Mention], reference: Reference) -> str | None:
    """The region a document is about: the smallest county, city or province that holds a good share of the
    places it names (its towns count for it; the title counts double). A county's report is about the
    county; a provincial plan that names every city is about the province."""
    names = by_sentence(m for m in mentions if m.kind in ("park", "enterprise"))
    counts: Counter = Counter()
    for m in mentions:
        if m.kind == "region" and m.ref and not inside_any(m, names):
            counts[m.ref] += 2 if m.sentence < 3 else 1  # the title says what a report is about
    total = sum(counts.values())
    if total < 2:
        return None
    coverage: Counter = Counter()
    for iri, n in counts.items():
        for region in (iri, *reference.ancestors(iri)):
            coverage[region] += n
    covering = [(reference.regions[r].rank, c, r) for r, c in coverage.items()
                if c >= 0.35 * total and reference.regions[r].type != "Town"]
    return max(covering)[2] if covering else None


# ---------------------------------------------------------------------------------------------- enterprises


def enterprise_key(surface: str, lexicon: Lexicon, reference_index: PhraseIndex) -> tuple[str, ...]:
    """The comparable core of a company name: "Sihui Shatangji Technology Co., Ltd." -> ("shatangji",)."""
    words = [lexicon.pinyin_english.get(w, w) for w in word_parts(surface)]
    key = list(phrase_key(" ".join(words)))
    key = _strip_endings(key, lexicon.company_forms, 0)
    # a leading place name is where the company is, not who it is ("Sihui Shatangji Technology"), unless
    # nothing but industry words would be left ("Guanxu Electronics")
    for n in range(min(3, len(key) - 1), 0, -1):
        if reference_index.entries.get(tuple(key[:n])):
            if any((w,) not in lexicon.enterprise_heads for w in key[n:]):
                key = key[n:]
            break
    core = _strip_endings(key, lexicon.enterprise_heads, 1)
    return tuple(core or key)


def _strip_endings(words: list[str], endings: set[tuple[str, ...]], keep: int) -> list[str]:
    """`words` without the endings it ends with, longest ending first, again and again, keeping at least
    `keep` words and never taking all of them ("Technology Co., Ltd." -> ["technology"])."""
    longest = max(map(len, endings), default=0)
    stripped = True
    while stripped and len(words) > keep:
        stripped = False
        for n in range(min(longest, len(words) - 1), 0, -1):
            if tuple(words[-n:]) in endings:
                words = words[:-n]
                stripped = True
                break
    return words


def ensure_industry(entities: dict[str, Entity], reference: Reference, iri: str) -> str:
    """The Industry entity of a vocabulary concept, added to `entities` if not there yet."""
    if iri not in entities:
        c = reference.concepts[iri]
        entities[iri] = Entity(iri, "Industry", c.label, c.label_zh, set(c.alt_labels))
    return iri


def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


# A shortened romanisation drops a syllable's vowels ("xpeng" / "xiaopeng": 3 letters), not a whole syllable:
# two brands further apart are different brands ("xinrui" / "xinruian").
MAX_DROPPED_LETTERS = 3


def same_brand(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Romanisations of one brand: equal keys, or first words where one is a subsequence of the other
    with the same first and last letters ("xpeng" / "xiaopeng")."""
    if a == b:
        return True
    if a[1:] != b[1:]:
        return False
    x, y = sorted((a[0], b[0]), key=len)
    return (len(x) >= 4 and x[0] == y[0] and x[-1] == y[-1] and len(y) - len(x) <= MAX_DROPPED_LETTERS
            and len(x) / len(y) >= 0.5 and is_subsequence(x, y))


def _letters(word: str) -> int:
    """The set of a word's characters as bits: a word is a subsequence of another only if its bits are."""
    bits = 0
    for ch in word:
        bits |= 1 << (ord(ch) & 63)
    return bits


def brand_variants(words: set[str]) -> dict[str, list[str]]:
    """For each word, the other words that are romanisations of the same brand by `same_brand` (one word a
    subsequence of the other, same first and last letters, at least half as long). Only words of the same
    ends and a length in range are compared, after a test of their letters, so this stays near-linear in the
    number of words where comparing every pair would be quadratic."""
    by_shape: dict[tuple[str, str, int], list[str]] = defaultdict(list)
    for word in sorted(words):
        by_shape[(word[:1], word[-1:], len(word))].append(word)
    bits = {word: _letters(word) for word in words}
    variants: dict[str, list[str]] = defaultdict(list)
    for short in sorted(words):
        if len(short) < 4:
            continue
        for length in range(len(short) + 1, min(2 * len(short), len(short) + MAX_DROPPED_LETTERS) + 1):
            for long in by_shape.get((short[:1], short[-1:], length), ()):
                if bits[short] & ~bits[long] == 0 and same_brand((short,), (long,)):
                    variants[short].append(long)
                    variants[long].append(short)
    return variants


def _blocks(keys: list[tuple[str, ...]], block_of) -> dict:
    """Keys grouped by `block_of`, each group in the order of `keys`."""
    blocks: dict = defaultdict(list)
    for key in keys:
        blocks[block_of(key)].append(key)
    return blocks


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def preferred_label(surfaces: Counter) -> str:
    """Most frequent written form; ties go to capitalised, then longer, then alphabetical forms."""
    return sorted(surfaces.items(), key=lambda kv: (-kv[1], not kv[0][:1].isupper(), -len(kv[0]), kv[0]))[0][0]


# ---------------------------------------------------------------------------------------------- resolver


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

    # -------------------------------------------------------------------- second pass over the corpus

    def link_known_enterprises(self, doc_sentences: dict[str, list[Sentence]],
                               doc_mentions: dict[str, list[Mention]]) -> None:
        """Find every other occurrence of the enterprise names discovered anywhere in the corpus, and names
        coordinated with them ("GCL, MMS and ...")."""
        index = PhraseIndex()
        for mentions in doc_mentions.values():
            for m in mentions:
                if m.kind == "enterprise":
                    forms = self.short_forms(m.surface)
                    if not forms:
                        continue
                    for variant in forms:
                        index.add(phrase_key(variant), variant)
                    # "Xinyuan" for "Foshan Xinyuan Battery Technology Co., Ltd."
                    key = phrase_key(forms[-1])
                    first = forms[-1].split()[0]
                    if len(key) > 1 and len(first) >= 5 and is_brand_like(first, self.lex) and \
                            not self.m.regions.entries.get(key[:1]) and \
                            all((w,) in self.lex.enterprise_heads or (w,) in self.lex.company_forms
                                or w in self.lex.auto_heads for w in key[1:]):
                        index.add(key[:1], first)
        for doc, sentences in doc_sentences.items():
            mentions = doc_mentions[doc]
            by_sentence = defaultdict(list)
            for m in mentions:
                by_sentence[m.sentence].append(m)
            added = []
            for s in sentences:
                parts = sentence_parts(s)
                taken = by_sentence[s.index]
                for i, j, _ in index.scan(parts):
                    if not parts[i].cap:
                        continue
                    if j < len(parts) and parts[j].cap and parts[j].key in self.lex.government_words:
                        continue  # "Jintian Avenue" is a road named after the company, not the company
                    start, end = parts[i].start, parts[j - 1].end
                    if any(not (end <= t.start or start >= t.end) for t in taken if t.kind != "industry"):
                        continue
                    added.append(Mention("enterprise", s.text[start - s.start:end - s.start], start, end, doc,
                                         s.index, cue="known-name"))
                added.extend(self._coordinated(s, parts, taken + added))
            doc_mentions[doc] = sorted(mentions + added, key=lambda m: (m.start, m.end, m.kind))

    def short_forms(self, surface: str) -> list[str]:
        """A company's name as later sentences write it: without its legal form and without the city in
        front ("Guangzhou Honghui Mould Co., Ltd." -> "Honghui Mould")."""
        words = surface.split()
        forms = [surface]
        while len(words) > 1 and phrase_key(words[-1]) and (phrase_key(" ".join(words[-2:])) in self.lex.company_forms
                                                            or phrase_key(words[-1]) in self.lex.company_forms):
            words = words[:-2] if phrase_key(" ".join(words[-2:])) in self.lex.company_forms else words[:-1]
            forms.append(" ".join(words).rstrip(",."))
        if len(words) > 2 and self.m.regions.entries.get(phrase_key(words[0])):
            forms.append(" ".join(words[1:]).rstrip(",."))
        return [f for f in forms if f]

    def _coordinated(self, s: Sentence, parts, taken: list[Mention]) -> list[Mention]:
        known = [m for m in taken if m.kind == "enterprise" and m.sentence == s.index]
        out = []
        for m in known:
            # the part right after the mention: ", X" or " and X" where X is an acronym or pinyin brand
            after = [k for k, p in enumerate(parts) if p.start >= m.end]
            if not after:
                continue
            k = after[0]
            if parts[k].key == "and" and k + 1 < len(parts):
                k += 1
            elif not (parts[k].hard_gap and s.text[m.end - s.start:parts[k].start - s.start].strip() in (",", "、")):
                continue
            p = parts[k]
            if not (p.cap and (is_brand_like(p.raw, self.lex) or p.raw.lower() not in self.lex.openers
                               and p.key not in self.m.vocabulary_words
                               and p.raw.lower() not in self.lex.common_capitalised)):
                continue
            end = k + 1
            while end < len(parts) and end - k < 3 and parts[end].cap and not parts[end].hard_gap:
                end += 1
            if end < len(parts) and parts[end].cap and not parts[end].hard_gap:
                continue
            if any(t.start <= p.start < t.end for t in taken):
                continue
            if any(w.key in self.lex.government_words for w in parts[k:end]):
                continue
            start, stop = p.start, parts[end - 1].end
            out.append(Mention("enterprise", s.text[start - s.start:stop - s.start], start, stop, s.doc, s.index,
                               cue="coordination"))
        return out

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
                    surfaces[iri][m.surface] += 1

        self._resolve_enterprises(doc_mentions, entities, mention_entity, surfaces)

        for iri, counter in surfaces.items():
            entity = entities[iri]
            if entity.type == "Park":
                entity.label = preferred_label(counter)
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
            entities[iri] = Entity(iri, "Park", m.surface, attrs={"parkKind": kind})
            if region:
                entities[iri].attrs["region"] = region
        return iri

    def _resolve_enterprises(self, doc_mentions, entities, mention_entity, surfaces) -> None:
        keyed: dict[Mention, tuple[str, ...]] = {}
        key_of: dict[str, tuple[str, ...]] = {}  # one name recurs in many documents
        for mentions in doc_mentions.values():
            for m in mentions:
                if m.kind == "enterprise":
                    if m.surface not in key_of:
                        key_of[m.surface] = enterprise_key(m.surface, self.lex, self.m.regions)
                    keyed[m] = key_of[m.surface]
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
            counter = Counter(m.surface for m in members)
            canonical = max((keyed[m] for m in members), key=lambda k: (len("".join(k)), k))
            iri = f"{ID}enterprise/{slug(' '.join(canonical))}"
            entities[iri] = Entity(iri, "Enterprise", preferred_label(counter))
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
                   reference: Reference, matchers: Matchers) -> Resolution:
    resolver = Resolver(reference, matchers)
    resolver.link_known_enterprises(doc_sentences, doc_mentions)
    for doc in doc_mentions:
        doc_mentions[doc] = drop_nested_enterprises(doc_mentions[doc])
    return resolver.resolve(doc_mentions)


def drop_nested_enterprises(mentions: list[Mention]) -> list[Mention]:
    enterprises = drop_nested([m for m in mentions if m.kind == "enterprise"])
    return sorted([m for m in mentions if m.kind != "enterprise"] + enterprises, key=lambda m: (m.start, m.kind))
