"""What company and park names are compared by (`ontology/business_heads.json`, `ontology/pinyin_syllables.json`):
the English renderings of each business word of a registered name, grouped; the generic ones; words that lead a
name as a place would; a park's rank words; and the syllables of Hanyu Pinyin. Data, not code: resolution asks
whether two business words are one business, never lists them itself."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.names import phrase_key, singular
from kg.reference.files import ontology_dir


@dataclass(frozen=True)
class NameData:
    business: dict[tuple[str, ...], str]  # the words of a business (singular, lower case) -> its group's name
    generic: frozenset[str]  # groups that say only that a company is a company ("technology", "industrial")
    national_prefixes: frozenset[str]  # "china": leads a name as a place would
    park_qualifiers: frozenset[str]  # "national", "provincial": a park's rank, not its name
    syllables: frozenset[str]  # Hanyu Pinyin syllables without tones
    # the words of a park's name with other renderings (besides the business groups) -> the word they render
    park_words: dict[tuple[str, ...], str] = field(default_factory=dict)


@lru_cache(maxsize=2)
def load_name_data(directory: Path | None = None) -> NameData:
    folder = directory or ontology_dir()
    heads = json.loads((folder / "business_heads.json").read_text(encoding="utf-8"))
    pinyin = json.loads((folder / "pinyin_syllables.json").read_text(encoding="utf-8"))
    business = {phrase_key(word): group for group, words in heads["groups"].items() for word in [group, *words]}
    return NameData(
        business=business,
        generic=frozenset(heads["generic"]),
        national_prefixes=frozenset(singular(w) for w in heads["national_prefixes"]),
        park_qualifiers=frozenset(w for q in heads["park_qualifiers"] for w in phrase_key(q)),
        syllables=frozenset(pinyin["syllables"]),
        park_words={phrase_key(word): group for group, words in heads.get("park_words", {}).items()
                    for word in [group, *words]},
    )
