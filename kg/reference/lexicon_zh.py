"""The Chinese lexicon (`ontology/lexicon_zh.json`): the general words Chinese names and cues are read by — legal
forms, business heads and park heads with their English forms, the words around names, relation cues, money
units. Data, not code: a rule asks the lexicon whether a word is a legal form, never lists the words itself."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.reference.files import ontology_dir


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class ChineseLexicon:
    legal_forms: dict[str, str]  # form -> English form ("有限公司" -> "Co., Ltd.")
    strong_legal_forms: frozenset[str]
    form_blockers: tuple[str, ...]
    business_heads: dict[str, str]  # head -> English ("铜业" -> "Copper")
    name_glosses: dict[str, str]
    park_heads: dict[str, tuple[str, str]]  # head -> (English head, kind; "" = the English head's kind)
    generic_park_modifiers: frozenset[str]
    park_name_verbs: frozenset[str]
    left_edge_words: frozenset[str]
    role_nouns: tuple[str, ...]
    enterprise_list_nouns: tuple[str, ...]
    enterprise_list_cues_before: tuple[str, ...]
    count_words: tuple[str, ...]
    count_units: tuple[str, ...]
    industry_cues_after: tuple[str, ...]
    industry_cues_before: tuple[str, ...]
    industry_modifiers: tuple[str, ...]
    industry_process_heads: tuple[str, ...]
    industry_process_glosses: dict[str, str]  # process head -> English ("深加工" -> "deep processing")
    industry_list_heads: tuple[str, ...]
    industry_list_qualifiers: tuple[str, ...]
    not_after_industry_head: tuple[str, ...]
    industry_list_closers: tuple[str, ...]
    product_heads: dict[str, str]  # the noun a product's name ends with -> English ("型材" -> "profiles")
    product_stage_words: tuple[str, ...]
    not_industries: frozenset[str]
    macro_regions: dict[str, str]
    provinces: dict[str, str]
    admin_suffixes: tuple[str, ...]
    not_after_short_region: tuple[str, ...]
    located_cues: tuple[str, ...]
    invest_cues: tuple[str, ...]
    project_words: tuple[str, ...]
    chain_master_cues: tuple[str, ...]
    leading_cues: tuple[str, ...]
    supply_cues: tuple[str, ...]
    produce_cues: tuple[str, ...]
    place_industry_cues: tuple[str, ...]
    amount_units: dict[str, float]
    amount_qualifiers: dict[str, str]
    cluster_sections: dict[str, tuple[str, ...]]

    def gloss(self, word: str) -> str | None:
        """The English of a word inside a name: a business head's registered form, else a general gloss."""
        return self.business_heads.get(word) or self.name_glosses.get(word)


@lru_cache(maxsize=2)
def load_chinese_lexicon(directory: Path | None = None) -> ChineseLexicon:
    data = json.loads(((directory or ontology_dir()) / "lexicon_zh.json").read_text(encoding="utf-8"))
    park_heads = {head: (value, "") if isinstance(value, str) else (value[0], value[1])
                  for head, value in data["park_heads"].items()}
    return ChineseLexicon(
        legal_forms=dict(sorted(data["legal_forms"].items(), key=lambda kv: (-len(kv[0]), kv[0]))),
        strong_legal_forms=frozenset(data["strong_legal_forms"]),
        form_blockers=_longest_first(data["form_blockers"]),
        business_heads=data["business_heads"],
        name_glosses=data["name_glosses"],
        park_heads=park_heads,
        generic_park_modifiers=frozenset(data["generic_park_modifiers"]),
        park_name_verbs=frozenset(data["park_name_verbs"]),
        left_edge_words=frozenset(data["left_edge_words"]),
        role_nouns=_longest_first(data["role_nouns"]),
        enterprise_list_nouns=_longest_first(data["enterprise_list_nouns"]),
        enterprise_list_cues_before=_longest_first(data["enterprise_list_cues_before"]),
        count_words=_longest_first(data["count_words"]),
        count_units=_longest_first(data["count_units"]),
        industry_cues_after=_longest_first(data["industry_cues_after"]),
        industry_cues_before=_longest_first(data["industry_cues_before"]),
        industry_modifiers=_longest_first(data["industry_modifiers"]),
        industry_process_heads=_longest_first(data["industry_process_heads"]),
        industry_process_glosses=data["industry_process_heads"],
        industry_list_heads=_longest_first(data["industry_list_heads"]),
        industry_list_qualifiers=_longest_first(data["industry_list_qualifiers"]),
        not_after_industry_head=_longest_first(data["not_after_industry_head"]),
        industry_list_closers=_longest_first(data["industry_list_closers"]),
        product_heads=dict(sorted(data["product_heads"].items(), key=lambda kv: (-len(kv[0]), kv[0]))),
        product_stage_words=_longest_first(data["product_stage_words"]),
        not_industries=frozenset(data["not_industries"]),
        macro_regions=data["macro_regions"],
        provinces=data["provinces"],
        admin_suffixes=_longest_first(data["admin_suffixes"]),
        not_after_short_region=_longest_first(data["not_after_short_region"]),
        located_cues=_longest_first(data["located_cues"]),
        invest_cues=_longest_first(data["invest_cues"]),
        project_words=_longest_first(data["project_words"]),
        chain_master_cues=_longest_first(data["chain_master_cues"]),
        leading_cues=_longest_first(data["leading_cues"]),
        supply_cues=_longest_first(data["supply_cues"]),
        produce_cues=_longest_first(data["produce_cues"]),
        place_industry_cues=_longest_first(data["place_industry_cues"]),
        amount_units={k: float(v) for k, v in data["amount_units"].items()},
        amount_qualifiers=data["amount_qualifiers"],
        cluster_sections={k: tuple(v) for k, v in data["cluster_sections"].items()},
    )
