"""Relations read from Chinese sentences, rule by rule (`kg.link.relations.zh.*`), each with the Chinese sentence
as its evidence: how sure the rule is (`Evidence.confidence`), and whether the sentence states both ends or one end
comes from the document's context (`Evidence.derivation`).

`rules(english)` is the sentence pass of a Chinese document: its Chinese sentences are read by these rules, its
English sentences (a mixed document's English paragraphs) by the English ones."""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.script import is_chinese
from kg.extract.zh import chinese_matchers
from kg.link.relations.context import DocumentPass, LinkContext, SentenceView
from kg.link.relations.zh.chain_masters import chain_masters
from kg.link.relations.zh.industries import (
    clusters_located,
    enterprise_names,
    leading_enterprises,
    listed_enterprises,
    park_names,
    place_then_industries,
    products,
    project_industries,
    sentence_topic,
)
from kg.link.relations.zh.investments import investments
from kg.link.relations.zh.located_in import addresses, located_cues, named_places, park_members
from kg.link.relations.zh.sentence import ChineseSentence, places_by_sentence
from kg.link.relations.zh.subsidiaries import subsidiaries
from kg.link.relations.zh.supplies import supplies

Rule = Callable[[LinkContext, DocumentPass, SentenceView, "str | None"], None]
ChineseRule = Callable[[DocumentPass, ChineseSentence, "str | None"], None]


def _without_focus(rule: Callable[[DocumentPass, ChineseSentence], None]) -> ChineseRule:
    return lambda p, s, focus: rule(p, s)


# In this order: a relation's evidence lists its sentences in the order the rules found them.
CHINESE_RULES: tuple[ChineseRule, ...] = (
    _without_focus(addresses),
    _without_focus(named_places),
    _without_focus(located_cues),
    _without_focus(park_members),
    _without_focus(park_names),
    _without_focus(place_then_industries),
    _without_focus(clusters_located),
    sentence_topic,
    _without_focus(enterprise_names),
    _without_focus(listed_enterprises),
    _without_focus(leading_enterprises),
    _without_focus(products),
    _without_focus(project_industries),
    chain_masters,
    investments,
    _without_focus(supplies),
    _without_focus(subsidiaries),
)


def rules(english: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The sentence rules of a Chinese document: the Chinese rules for its Chinese sentences, `english` for the
    others."""

    # the places of each sentence of the document being passed, read once per pass: by the pass, not the
    # document's name, which a later build (a notebook's second corpus, the next test) may give another text
    passing: list = [None, {}]

    def read(ctx: LinkContext, p: DocumentPass, v: SentenceView, focus: str | None) -> None:
        if is_chinese(v.sentence.text):
            if passing[0] is not p:
                passing[:] = [p, places_by_sentence(ctx, p.doc)]
            s = ChineseSentence(ctx, v, chinese_matchers(ctx.m, ctx.reference), passing[1])
            for chinese_rule in CHINESE_RULES:
                chinese_rule(p, s, focus)
        else:
            for english_rule in english:
                english_rule(ctx, p, v, focus)

    return (read,)


__all__ = ["CHINESE_RULES", "rules"]
