"""What Chinese extraction matches against, built once per build (before worker processes fork): Aho-Corasick
automata of the gazetteer's and the vocabulary's Chinese names and of the lexicon's words, the segmenter with the
project's vocabulary, the normaliser, and the English the renderings take place names and industries from."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick

from kg.extract.zh.normalise import Normaliser, normaliser, warm
from kg.extract.zh.render import Renderer
from kg.extract.zh.segment import Segmenter
from kg.names import phrase_key
from kg.reference import Lexicon, Reference
from kg.reference.lexicon_zh import ChineseLexicon, load_chinese_lexicon

# How a gazetteer name was written: the official name (肇庆市), another name the gazetteer gives (肇庆), or the
# official name without its administrative suffix, made here (大沙 for 大沙镇) — the last two only where safe.
FULL, ALT, SHORT = "full", "alt", "short"
MEMO_SIZE = 200_000


def automaton(entries: dict[str, list]) -> ahocorasick.Automaton:
    """An automaton whose values are (key, payloads)."""
    auto = ahocorasick.Automaton()
    for key, payloads in entries.items():
        auto.add_word(key, (key, tuple(payloads)))
    if entries:
        auto.make_automaton()
    return auto


def longest(auto: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str, tuple]]:
    """Leftmost-longest matches of an automaton in `text`: (start, end, key, payloads)."""
    if not len(auto):
        return []
    return [(end + 1 - len(key), end + 1, key, payloads) for end, (key, payloads) in auto.iter_long(text)]


def every(auto: ahocorasick.Automaton, text: str) -> list[tuple[int, int, str, tuple]]:
    """All matches of an automaton in `text`, overlapping ones too, by start then length (longest first)."""
    if not len(auto):
        return []
    found = [(end + 1 - len(key), end + 1, key, payloads) for end, (key, payloads) in auto.iter(text)]
    return sorted(found, key=lambda m: (m[0], -(m[1] - m[0])))


@dataclass
class ChineseMatchers:
    lexicon: ChineseLexicon
    park_kinds: dict[str, str]  # Chinese park head -> kind (the kind its English head has in lexicon.json)
    regions: ahocorasick.Automaton  # name -> (IRI, FULL/ALT/SHORT)
    industries: ahocorasick.Automaton  # name -> concept IRIs
    park_heads: ahocorasick.Automaton
    legal_forms: ahocorasick.Automaton
    business_heads: ahocorasick.Automaton
    places: ahocorasick.Automaton  # macro-regions and other provinces -> English
    clusters: ahocorasick.Automaton  # a strategic cluster's full Chinese names (…产业集群) -> (IRI, kind)
    cluster_names: dict[str, list[tuple[str, str]]]  # every Chinese name of a cluster, short forms too
    segmenter: Segmenter
    normaliser: Normaliser
    renderer: Renderer
    # the gazetteer's names of regions as written (a town's name without its suffix is a place only where the
    # region finder accepts it: the document names its county and it is a word of its own)
    region_names: set[str] = field(default_factory=set)
    industry_names: dict[str, list[str]] = field(default_factory=dict)
    glossary: dict[str, str] = field(default_factory=dict)  # Chinese word -> English, for renderings
    # words that are no trade name and that no trade name holds: the dictionary's common words and words of
    # classes that are never names (verbs, particles ...), the project's vocabulary, roles (供应商), the words
    # that lead into names and that name a kind of park
    not_trade_names: frozenset[str] = frozenset()
    # what the finders worked out about a name, whatever document it is in (a name recurs): (what, name) -> it
    memo: dict[tuple[str, str], object] = field(default_factory=dict, repr=False)

    def remembered(self, what: str, text: str, work):
        """`work(text)`, worked out once per name (the memory starts over past MEMO_SIZE names)."""
        key = (what, text)
        if key not in self.memo:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            self.memo[key] = work(text)
        return self.memo[key]

    def names_a_thing(self, text: str) -> bool:
        """A place, an industry, a business head, a legal form or a park head: a word of a name whatever the
        dictionary's word class says (零部件 is no numeral)."""
        lex = self.lexicon
        return (text in self.region_names or text in self.industry_names or text in lex.business_heads
                or text in lex.macro_regions or text in lex.provinces or text in lex.legal_forms
                or text in lex.park_heads)

    def is_vocabulary(self, text: str) -> bool:
        """A region's or an industry's name, a head of names, a macro-region: not a trade name."""
        lex = self.lexicon
        return (text in self.region_names or text in self.industry_names or text in lex.business_heads
                or text in lex.macro_regions or text in lex.provinces or text in lex.legal_forms
                or text in lex.park_heads or text in lex.name_glosses)


def _english_kind(head: str, english: Lexicon) -> str:
    """The kind the English park heads give the longest head an English park name ends with."""
    key = phrase_key(head)
    return next((english.park_heads[key[k:]] for k in range(len(key)) if key[k:] in english.park_heads), "")


def _place_names(reference: Reference, lex: ChineseLexicon) -> dict[str, str]:
    """Chinese place names -> English: the gazetteer's (every form), the macro-regions and other provinces."""
    places = {**lex.macro_regions, **lex.provinces}
    for region in sorted(reference.regions.values(), key=lambda r: (r.rank, r.iri)):
        names = [region.label_zh, *region.alt_labels_zh, *_short_forms(region.label_zh, lex.admin_suffixes)]
        for name in names:
            places.setdefault(name, region.label)
    return places


def _short_forms(name: str, suffixes: tuple[str, ...]) -> list[str]:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


def build_chinese_matchers(reference: Reference, english: Lexicon) -> ChineseMatchers:
    lex = load_chinese_lexicon()
    regions: dict[str, list] = defaultdict(list)
    for region in sorted(reference.regions.values(), key=lambda r: r.iri):
        regions[region.label_zh].append((region.iri, FULL))
        for alt in region.alt_labels_zh:
            regions[alt].append((region.iri, ALT))
        if not region.alt_labels_zh:
            for short in _short_forms(region.label_zh, lex.admin_suffixes):
                regions[short].append((region.iri, SHORT))
    industries: dict[str, list[str]] = defaultdict(list)
    glossary: dict[str, str] = {}
    for concept in sorted(reference.concepts.values(), key=lambda c: c.iri):
        for label in (concept.label_zh, *concept.alt_labels_zh):
            if label and concept.iri not in industries[label]:
                industries[label].append(concept.iri)
        if concept.label_zh:
            glossary.setdefault(concept.label_zh, concept.label)
    park_kinds = {head: kind or _english_kind(english_head, english) for head, (english_head, kind) in
                  lex.park_heads.items()}
    places = {**{k: [v] for k, v in lex.macro_regions.items()}, **{k: [v] for k, v in lex.provinces.items()}}
    cluster_names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for cluster in sorted(reference.clusters.values(), key=lambda c: c.iri):
        for name in (cluster.label_zh, *cluster.alt_labels_zh):
            if name and (cluster.iri, cluster.kind) not in cluster_names[name]:
                cluster_names[name].append((cluster.iri, cluster.kind))
    vocabulary = [*regions, *industries, *lex.business_heads, *lex.legal_forms, *lex.park_heads, *places,
                  *lex.name_glosses, *lex.role_nouns, *lex.left_edge_words, *lex.product_heads]
    segmenter = Segmenter(w for w in vocabulary if not any(form == SHORT for _, form in regions.get(w, ())))
    region_names = {name for name, hits in regions.items() if any(form != SHORT for _, form in hits)}
    vocabulary_names = {*region_names, *industries, *lex.business_heads, *lex.macro_regions, *lex.provinces,
                        *lex.legal_forms, *lex.park_heads, *lex.name_glosses}
    not_trade_names = frozenset(w for w in (*segmenter.common, *segmenter.not_name, *vocabulary_names,
                                            *lex.left_edge_words, *lex.generic_park_modifiers, *lex.role_nouns)
                                if len(w) >= 2)
    return ChineseMatchers(
        lexicon=lex,
        park_kinds=park_kinds,
        regions=automaton(regions),
        industries=automaton(industries),
        park_heads=automaton({h: [h] for h in lex.park_heads}),
        legal_forms=automaton({f: [f] for f in lex.legal_forms}),
        business_heads=automaton({h: [h] for h in lex.business_heads}),
        places=automaton(places),
        clusters=automaton({name: hits for name, hits in cluster_names.items() if "集群" in name}),
        cluster_names=dict(cluster_names),
        segmenter=segmenter,
        normaliser=warm(normaliser()),
        renderer=Renderer(lex, _place_names(reference, lex), glossary),
        region_names=region_names,
        industry_names=dict(industries),
        glossary=glossary,
        not_trade_names=not_trade_names,
    )
