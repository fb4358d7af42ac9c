"""A language is a set of finders behind one small interface: how its text is cut into sentences, what
mentions its sentences hold, and what clusters a plan written in it defines. English sits in `kg.extract.en`,
Chinese in `kg.extract.zh` (which hands a mixed document's English paragraphs to the English finders), and
`language_of` picks one per document by its script."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.en import Matchers
from kg.extract.script import has_chinese
from kg.model import ClusterDef, Document, Mention, Sentence
from kg.reference import Reference


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47: "en", "zh"
    split_sentences: Callable[[Document], list[Sentence]]
    find_mentions: Callable[[list[Sentence], Reference, Matchers], list[Mention]]
    read_clusters: Callable[[str, list[Sentence], list[Mention], Reference, Matchers], list[ClusterDef]]


def _english() -> Language:
    from kg.extract import en

    return Language("en", en.split_sentences, en.find_mentions, en.read_clusters)


def _chinese() -> Language:
    from kg.extract import zh

    return Language("zh", zh.split_sentences, zh.find_mentions, zh.read_clusters)


ENGLISH = _english()
CHINESE = _chinese()
LANGUAGES = {ENGLISH.code: ENGLISH, CHINESE.code: CHINESE}


def language_of(text: str) -> Language:
    """The language a document is written in: Chinese where any of its paragraphs is (its other paragraphs are
    read by the English finders sentence by sentence), else English."""
    return CHINESE if has_chinese(text) else ENGLISH
