"""The phrase indexes English extraction matches against: the gazetteer's region names, the vocabulary's
industry names, the lexicon's park heads, and word-by-word machine translations of county names. Built once per
build from the reference data."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.en.phrases import PhraseIndex
from kg.names import phrase_key
from kg.reference import Lexicon, Reference


@dataclass
class Matchers:
    regions: PhraseIndex
    industries: PhraseIndex
    parks: PhraseIndex
    garbles: PhraseIndex
    lexicon: Lexicon
    vocabulary_words: set[str] = field(default_factory=set)  # every word of the industry vocabulary


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
    return Matchers(regions, industries, parks, garbles, lexicon, words)
