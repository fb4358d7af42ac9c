"""The lexicon (`ontology/lexicon.json`): the general words extraction reads names and cues by: company forms,
business heads, park heads, cue phrases, stop words, pinyin glosses. Data, not code: a rule asks the lexicon
whether a word is a company form, never lists the words itself."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.names import phrase_key, singular
from kg.reference.files import ontology_dir


@dataclass
class Lexicon:
    company_forms: set[tuple[str, ...]]
    enterprise_heads: set[tuple[str, ...]]
    auto_heads: set[str]
    pinyin_english: dict[str, str]
    government_words: set[str]
    openers: set[str]
    # adverbs that open a sentence before its subject ('Meanwhile, ...'): no names, no list (lexicon.json)
    sentence_adverbs: set[str]
    list_nouns: set[tuple[str, ...]]
    list_stop_words: set[str]
    project_words: set[tuple[str, ...]]
    project_heads: set[tuple[str, ...]]
    chain_master_cues: list[str]
    invest_cues: list[str]
    supply_cues: list[str]
    park_heads: dict[tuple[str, ...], str]
    lowercase_park_kinds: set[str]
    lowercase_park_name_words: set[str]
    generic_park_modifiers: set[str]
    amount_units: dict[str, float]
    cluster_sections: dict[str, list[str]]
    surnames: set[str]
    common_capitalised: set[str]
    industry_cues_after: set[str]
    industry_cues_before: list[tuple[str, ...]]
    organisation_words: set[str]
    industry_list_heads: set[str]
    hanzi_glosses: dict[str, list[str]]
    investor_verbs: list[tuple[str, ...]]
    strategic_cluster_words: set[tuple[str, ...]] = field(default_factory=set)
    cluster_list_openers: set[tuple[str, ...]] = field(default_factory=set)
    cluster_heads: set[tuple[str, ...]] = field(default_factory=set)
    local_owner_words: set[str] = field(default_factory=set)
    legal_form_words: set[str] = field(default_factory=set)
    company_nouns: set[str] = field(default_factory=set)
    investor_agent_cues: list[tuple[str, ...]] = field(default_factory=list)
    descriptive_name_words: set[str] = field(default_factory=set)
    site_project_words: set[tuple[str, ...]] = field(default_factory=set)
    industry_phrase_heads: set[str] = field(default_factory=set)
    industry_list_nouns: set[str] = field(default_factory=set)
    industry_list_openers: set[tuple[str, ...]] = field(default_factory=set)
    industry_object_cues: list[tuple[str, ...]] = field(default_factory=list)
    generic_industry_modifiers: set[str] = field(default_factory=set)
    generic_industry_heads: set[str] = field(default_factory=set)
    number_words: set[str] = field(default_factory=set)
    strong_industry_list_nouns: set[str] = field(default_factory=set)
    industry_list_gap_words: set[str] = field(default_factory=set)
    adjective_endings: list[str] = field(default_factory=list)
    abstract_nouns: set[str] = field(default_factory=set)
    rule_confidence: dict[str, dict[str, float]] = field(default_factory=dict)
    amount_qualifiers: list[str] = field(default_factory=list)
    currency_words: list[str] = field(default_factory=list)
    foreign_currency_marks: list[str] = field(default_factory=list)
    amount_cues: list[str] = field(default_factory=list)
    subject_pronouns: list[tuple[str, ...]] = field(default_factory=list)
    host_phrases: list[str] = field(default_factory=list)
    non_money_units: list[str] = field(default_factory=list)
    location_verbs: list[str] = field(default_factory=list)
    chain_lead_verbs: set[str] = field(default_factory=set)
    site_nouns: set[tuple[str, ...]] = field(default_factory=set)
    industry_nouns: dict[tuple[str, ...], str] = field(default_factory=dict)
    produce_phrases: list[str] = field(default_factory=list)
    month_names: dict[str, int] = field(default_factory=dict)
    date_labels: list[str] = field(default_factory=list)
    target_year_words: list[str] = field(default_factory=list)
    forms_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    list_nouns_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    head_firsts: set[str] = field(default_factory=set)  # first words of enterprise heads
    agent_cues_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    industry_cues_by_last: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    object_cues_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    investor_verb_firsts: set[str] = field(default_factory=set)

    def confidence(self, rule: str, derivation: str) -> float | None:
        """How often the rule's statements of that derivation are right (None where nothing is known)."""
        table = self.rule_confidence.get(rule) or {}
        default = self.rule_confidence.get("default") or {}
        return table.get(derivation, default.get(derivation))

    def __post_init__(self) -> None:
        for form in sorted(self.company_forms, key=len, reverse=True):
            self.forms_by_first.setdefault(form[0], []).append(form)
        for noun in sorted(self.list_nouns):
            self.list_nouns_by_first.setdefault(noun[0], []).append(noun)
        self.head_firsts = {head[0] for head in self.enterprise_heads}
        for cue in self.industry_cues_before:  # longest first, as the list is sorted
            self.industry_cues_by_last.setdefault(cue[-1], []).append(cue)
        for cues, by_first in ((self.investor_agent_cues, self.agent_cues_by_first),
                               (self.industry_object_cues, self.object_cues_by_first)):
            for cue in cues:  # longest first, as the lists are sorted
                by_first.setdefault(cue[0], []).append(cue)
        self.investor_verb_firsts = {verb[0] for verb in self.investor_verbs}


@lru_cache(maxsize=2)
def load_lexicon(directory: Path | None = None) -> Lexicon:
    data = json.loads(((directory or ontology_dir()) / "lexicon.json").read_text(encoding="utf-8"))
    keys = lambda items: {phrase_key(x) for x in items}  # noqa: E731
    return Lexicon(
        company_forms=keys(data["company_forms"]),
        enterprise_heads=keys(data["enterprise_heads"]),
        auto_heads={singular(w) for w in data["auto_heads"]},
        pinyin_english=data["pinyin_english"],
        government_words={singular(w) for w in data["government_words"]},
        openers=set(data["sentence_openers"]),
        sentence_adverbs=set(data["sentence_adverbs"]),
        list_nouns=keys(data["list_nouns"]),
        list_stop_words={singular(w) for w in data["list_stop_words"]},
        project_words=keys(data["project_words"]),
        project_heads=keys(data["project_heads"]),
        chain_master_cues=data["chain_master_cues"],
        invest_cues=data["invest_cues"],
        supply_cues=data["supply_cues"],
        park_heads={phrase_key(k): v for k, v in data["park_heads"].items()},
        lowercase_park_kinds=set(data["lowercase_park_kinds"]),
        lowercase_park_name_words={singular(w) for w in data["lowercase_park_name_words"]},
        generic_park_modifiers={singular(w) for w in data["generic_park_modifiers"]},
        amount_units=data["amount_units"],
        cluster_sections=data["cluster_sections"],
        surnames=set(data["chinese_surnames"]),
        common_capitalised=set(data["common_capitalised"]),
        industry_cues_after={singular(w) for w in data["industry_cues_after"]},
        industry_cues_before=sorted({phrase_key(x) for x in data["industry_cues_before"]}, key=len, reverse=True),
        organisation_words={singular(w) for w in data["organisation_words"]},
        industry_list_heads={singular(w) for w in data["industry_list_heads"]},
        hanzi_glosses=data["hanzi_glosses"],
        investor_verbs=sorted({tuple(v.split()) for v in data["investor_verbs"]}, key=len, reverse=True),
        strategic_cluster_words=keys(data["strategic_cluster_words"]),
        cluster_list_openers={phrase_key(x) or (x,) for x in data["cluster_list_openers"]},
        cluster_heads=keys(data["cluster_heads"]),
        local_owner_words={singular(w) for w in data["local_owner_words"]},
        legal_form_words=set(data["legal_form_words"]),
        company_nouns={singular(w) for w in data["company_nouns"]},
        investor_agent_cues=sorted({phrase_key(x) for x in data["investor_agent_cues"]}, key=len, reverse=True),
        descriptive_name_words={singular(w) for w in data["descriptive_name_words"]},
        site_project_words=keys(data["site_project_words"]),
        industry_phrase_heads={singular(w) for w in data["industry_phrase_heads"]},
        industry_list_nouns={singular(w) for w in data["industry_list_nouns"]},
        industry_list_openers={phrase_key(x) or (x,) for x in data["industry_list_openers"]},
        industry_object_cues=sorted({phrase_key(x) for x in data["industry_object_cues"]}, key=len, reverse=True),
        generic_industry_modifiers={singular(w) for w in data["generic_industry_modifiers"]},
        generic_industry_heads={singular(w) for w in data["generic_industry_heads"]},
        number_words=set(data["number_words"]),
        strong_industry_list_nouns={singular(w) for w in data["strong_industry_list_nouns"]},
        industry_list_gap_words={singular(w) for w in data["industry_list_gap_words"]},
        adjective_endings=data["adjective_endings"],
        abstract_nouns={singular(w) for w in data["abstract_nouns"]},
        rule_confidence=data["rule_confidence"],
        amount_qualifiers=data["amount_qualifiers"],
        currency_words=data["currency_words"],
        foreign_currency_marks=data["foreign_currency_marks"],
        amount_cues=data["amount_cues"],
        subject_pronouns=sorted({phrase_key(x) for x in data["subject_pronouns"]}, key=len, reverse=True),
        host_phrases=data["host_phrases"],
        non_money_units=data["non_money_units"],
        location_verbs=data["location_verbs"],
        chain_lead_verbs=set(data["chain_lead_verbs"]),
        site_nouns=keys(data["site_nouns"]),
        industry_nouns={phrase_key(k): v for k, v in data["industry_nouns"].items()},
        produce_phrases=data["produce_phrases"],
        month_names=data["month_names"],
        date_labels=data["date_labels"],
        target_year_words=data["target_year_words"],
    )
