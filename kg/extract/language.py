"""A language is a set of finders behind one small interface: how its text is cut into sentences, what
mentions its sentences hold, and what clusters a plan written in it defines. English sits in `kg.extract.en`;
another language sits beside it with the same three functions, and `language_of` picks one per document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.en import Matchers
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


ENGLISH = _english()
LANGUAGES = {ENGLISH.code: ENGLISH}


def language_of(text: str) -> Language:
    """The language a document is written in."""
    return ENGLISH
