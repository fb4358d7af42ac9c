"""The phrase indexes English extraction matches against: the gazetteer's region names, the vocabulary's
industry names, the lexicon's park heads, and word-by-word machine translations of county names. Built once per
build from the reference data."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from kg.extract.en.phrases import PhraseIndex
from kg.names import phrase_key
from kg.reference import Lexicon, Reference


class ConceptNeighbours:
    """The vocabulary concept nearest to a phrase the vocabulary does not hold, by the words of the concepts'
    labels: each shared word counts by how rare it is among concepts (inverse document frequency), the
    phrase's head word (its last) twice where it is a label's head too. A label must share the head word, or
    two words, to be near at all; ties go to the more general concept (fewer broader concepts above it), then
    the shorter name, then the smaller IRI."""

    def __init__(self, labels: dict[str, list[tuple[str, ...]]], depth: dict[str, int], ignore: set[str]) -> None:
        self.labels = {iri: [tuple(w for w in key if w not in ignore) for key in keys] for iri, keys in labels.items()}
        self.rank = {iri: (depth.get(iri, 0), min((len(k) for k in keys), default=0)) for iri, keys in labels.items()}
        self.by_word: dict[str, set[str]] = defaultdict(set)
        for iri, keys in self.labels.items():
            for key in keys:
                for w in key:
                    self.by_word[w].add(iri)
        n = max(len(labels), 1)
        self.idf = {w: math.log(n / len(iris)) + 1.0 for w, iris in self.by_word.items()}
        # answers already given: the same phrases recur in a corpus
        self._nearest: dict[tuple[str, ...], str | None] = {}
        self._short: dict[tuple[str, ...], str | None] = {}

    def nearest(self, key: tuple[str, ...]) -> str | None:
        if key not in self._nearest:
            self._nearest[key] = self._find_nearest(key)
        return self._nearest[key]

    def _find_nearest(self, key: tuple[str, ...]) -> str | None:
        if not key:
            return None
        head, words = key[-1], set(key)
        best: tuple | None = None
        for iri in sorted(set().union(*(self.by_word.get(w, set()) for w in words))):
            for label in self.labels[iri]:
                shared = words & set(label)
                if head not in shared and len(shared) < 2:
                    continue
                score = sum(self.idf[w] * (2 if w == head and label[-1:] == (head,) else 1) for w in shared)
                candidate = (-score, *self.rank[iri], iri)
                if best is None or candidate < best:
                    best = candidate
        return best[-1] if best else None

    def short_form_of(self, key: tuple[str, ...]) -> str | None:
        """The one concept with a label that ends with the phrase after words of its own ("paper" for "pulp and
        paper"): the phrase is that concept's short form."""
        if key in self._short:
            return self._short[key]
        if not key:
            return None
        hits = {iri for iri in self.by_word.get(key[-1], ())
                for label in self.labels[iri] if len(label) > len(key) and label[-len(key):] == key}
        self._short[key] = short = hits.pop() if len(hits) == 1 else None
        return short


@dataclass
class Matchers:
    regions: PhraseIndex
    industries: PhraseIndex
    parks: PhraseIndex
    garbles: PhraseIndex
    lexicon: Lexicon
    vocabulary_words: set[str] = field(default_factory=set)  # every word of the industry vocabulary
    clusters: PhraseIndex = field(default_factory=PhraseIndex)  # names of the 20 clusters -> (IRI, kind)
    cluster_cues: PhraseIndex = field(default_factory=PhraseIndex)  # "strategic emerging industries" -> kind
    neighbours: ConceptNeighbours = field(default_factory=lambda: ConceptNeighbours({}, {}, set()))
    # words without which a sentence holds nothing for a finder (its cues' first words)
    industry_phrase_triggers: frozenset[str] = frozenset()
    cluster_triggers: frozenset[str] = frozenset()
    project_firsts: frozenset[str] = frozenset()
    list_opener_firsts: frozenset[str] = frozenset()
    cluster_head_words: frozenset[str] = frozenset()  # a word every cluster head holds ("cluster")
    agent_words: frozenset[str] = frozenset()  # every investment-agent cue holds one ("by", "from", "investor")

    def __post_init__(self) -> None:
        lex = self.lexicon
        self.industry_phrase_triggers = frozenset(
            lex.industry_phrase_heads | lex.industry_list_nouns | set(lex.object_cues_by_first) | lex.legal_form_words)
        self.cluster_triggers = frozenset({h[0] for h in lex.cluster_heads} | self.cluster_cues.firsts)
        self.project_firsts = frozenset(k[0] for k in lex.project_words)
        self.list_opener_firsts = frozenset(k[0] for k in lex.industry_list_openers)
        self.cluster_head_words = frozenset(h[-1] for h in lex.cluster_heads)
        self.agent_words = frozenset(w for cue in lex.investor_agent_cues for w in cue
                                     if w in ("by", "from", "investor"))


ZH_ADMIN_SUFFIXES = ("街道", "市", "区", "县", "镇", "乡")


def literal_renderings(zh_name: str, glosses: dict[str, list[str]]) -> list[str]:
    """Word-by-word English renderings of a two-character place name, as machine translation produces
    them (四会 -> "four sessions", "fourth national congress")."""
    for suffix in ZH_ADMIN_SUFFIXES:
        if zh_name.endswith(suffix) and len(zh_name) > len(suffix) + 1:
            zh_name = zh_name[: -len(suffix)]
            break
    if len(zh_name) != 2 or not all(ch in glosses for ch in zh_name):
        return []
    return [f"{a} {b}" for a in glosses[zh_name[0]] for b in glosses[zh_name[1]]]


def build_matchers(reference: Reference, lexicon: Lexicon) -> Matchers:
    regions = PhraseIndex()
    for region in reference.regions.values():
        for label in (region.label, *region.alt_labels):
            bare = region.type == "Town" and phrase_key(label) != phrase_key(region.label)
            regions.add(phrase_key(label), (region.iri, "bare" if bare else "full"))
    industries = PhraseIndex()
    for concept in reference.concepts.values():
        for label in (concept.label, *concept.alt_labels):
            industries.add(phrase_key(label), concept.iri)
    parks = PhraseIndex()
    for key, kind in lexicon.park_heads.items():
        parks.add(key, kind)
    garbles = PhraseIndex()
    for region in reference.regions.values():
        if region.type == "County":
            for rendering in literal_renderings(region.label_zh, lexicon.hanzi_glosses):
                garbles.add(phrase_key(rendering), region.iri)
    words = {w for key in industries.entries for w in key} | {w for key in parks.entries for w in key}
    labels = {c.iri: [phrase_key(x) for x in (c.label, *c.alt_labels)] for c in reference.concepts.values()}
    depth = {iri: len(reference.broader_closure(iri)) for iri in reference.concepts}
    neighbours = ConceptNeighbours(labels, depth, lexicon.generic_industry_modifiers | {"and", "of", "the", "for"})
    return Matchers(regions, industries, parks, garbles, lexicon, words, *_cluster_indexes(reference, lexicon),
                    neighbours)


def _cluster_indexes(reference: Reference, lexicon: Lexicon) -> tuple[PhraseIndex, PhraseIndex]:
    """The names of the 20 clusters (their own labels without "industry cluster", and the labels of their
    sector concepts), and the words that name the clusters as a group, each with the kind it names ("" for
    both kinds)."""
    names = PhraseIndex()
    heads = sorted(lexicon.cluster_heads, key=len, reverse=True)
    for c in sorted(reference.clusters.values(), key=lambda c: c.iri):
        sector = reference.concepts[c.sector]
        for label in (c.label, *c.alt_labels, sector.label, *sector.alt_labels):
            key = phrase_key(label)
            head = next((h for h in heads if key[-len(h):] == h and len(key) > len(h)), ())
            names.add(key[: len(key) - len(head)], (c.iri, c.kind))
    cues = PhraseIndex()
    for kind, phrases in lexicon.cluster_sections.items():
        for phrase in phrases:
            cues.add(phrase_key(phrase), kind)
    for key in lexicon.strategic_cluster_words:
        cues.add(key, "")
    return names, cues
