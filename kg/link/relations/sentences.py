"""The sentence pass: what each sentence of one document states, rule by rule. A pass reads the corpus as
resolved and writes only its own `DocumentPass`, so documents can be passed in any order, in any process."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from kg.link.relations.chain_masters import chain_masters, chains_led_by
from kg.link.relations.context import DocumentPass, LinkContext, SentenceView, is_free, subject_referent
from kg.link.relations.industries import industries
from kg.link.relations.investments import investments
from kg.link.relations.located_in import (
    address_chain,
    colon_list,
    hosts,
    named_location,
    park_location,
    park_members,
)
from kg.link.relations.subsidiaries import subsidiaries
from kg.link.relations.supplies import supplies
from kg.link.relations.zh import rules as chinese_rules
from kg.model import Entity, Mention

Rule = Callable[[LinkContext, DocumentPass, SentenceView, "str | None"], None]


def _without_focus(rule: Callable[[LinkContext, DocumentPass, SentenceView], None]) -> Rule:
    return lambda ctx, p, v, focus: rule(ctx, p, v)


# In this order: a relation's evidence lists its sentences in the order the rules found them.
SENTENCE_RULES: tuple[Rule, ...] = (
    _without_focus(colon_list),
    _without_focus(park_members),
    _without_focus(address_chain),
    _without_focus(park_location),
    _without_focus(named_location),
    _without_focus(hosts),
    industries,
    chain_masters,
    _without_focus(chains_led_by),
    investments,
    _without_focus(supplies),
    _without_focus(subsidiaries),
)


# The sentence rules of each language (`DocumentExtraction.language`); another language adds its own.
RULES_BY_LANGUAGE: dict[str, tuple[Rule, ...]] = {"en": SENTENCE_RULES, "zh": chinese_rules(SENTENCE_RULES)}


def sentence_pass(ctx: LinkContext, doc: str) -> DocumentPass:
    """What the sentences of one document state, and what the corpus-level rules need to know of it."""
    passed = DocumentPass(doc)
    by_sentence: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
    for m in ctx.doc_mentions[doc]:
        iri = ctx.res.mention_entity.get(m)
        if iri:
            by_sentence[m.sentence].append((m, ctx.entities[iri]))
    focus = ctx.res.focus.get(doc)
    rules = RULES_BY_LANGUAGE.get(ctx.languages.get(doc, "en"), ())
    # a park its title names is where a document's projects go ("<Park> signs 12 projects ...")
    passed.title_park = next((ctx.entities[iri].iri for m in ctx.doc_mentions[doc] if m.sentence == 0
                              and m.kind == "park" and (iri := ctx.res.mention_entity.get(m))), None)
    for s in ctx.doc_sentences[doc]:
        view = SentenceView(s, ctx.parts, sorted(by_sentence[s.index], key=lambda x: x[0].start))
        passed.regions[s.index] = [(m.start, e.iri) for m, e in view.of_type("County", "Town") if is_free(view, m)]
        for m, e in view.mentions:
            passed.first_sentence.setdefault(e.iri, s.index)
            passed.first_mention.setdefault(e.iri, m.start)
            if e.type == "Park":
                kind = e.attrs.get("parkKind", "")
                passed.parks_seen.pop(kind, None)  # most recent last
                passed.parks_seen[kind] = passed.parks_seen[""] = e.iri
        # a rule relates an entity the sentence names, or the one its "It" refers to
        if view.mentions or passed.last_subject and subject_referent(ctx, passed, view):
            for rule in rules:
                rule(ctx, passed, view, focus)
        named = view.of_type("Enterprise")
        if named:
            passed.last_subject, passed.last_subject_at = named[0][1].iri, s.index
            passed.last_named = list(dict.fromkeys(e.iri for _, e in named))
    ctx.parts.forget(doc)  # the sentence pass reads a document's sentences last: no rule after it needs them
    return passed
