"""Resolution in a process of its own gives the resolution made in this one, and changes the documents'
mentions the same way, keeping the mentions this process holds."""

from __future__ import annotations

from kg.extract.en.parts import PartsCache
from kg.link.resolve.apart import resolve_apart
from kg.link.resolve.resolver import resolve_corpus

TEXTS = (
    "Qiaolun Golden Mould Co., Ltd. opened a new plant in Dasha Town, Sihui, last year.",
    "Qiaolun Golden Mould has expanded its press line in the Sihui industrial park.",
    "Hengxin Auto Parts Co., Ltd. and Qiaolun Golden Mould supply new energy vehicle makers in Zhaoqing.",
    "肇庆市高要区金利镇的五金企业正在扩产。",
)


def test_resolved_apart_the_entities_mentions_and_links_are_those_resolved_here(tools, extracted):
    sentences, here_mentions = extracted(*TEXTS)
    here = resolve_corpus(sentences, here_mentions, *tools, PartsCache())
    sentences, apart_mentions = extracted(*TEXTS)
    apart = resolve_apart(sentences, apart_mentions, *tools)
    assert apart_mentions == here_mentions
    assert apart.mention_entity == here.mention_entity
    assert {iri: (e.type, e.label, e.docs) for iri, e in apart.entities.items()} == \
        {iri: (e.type, e.label, e.docs) for iri, e in here.entities.items()}
    assert (apart.focus, apart.same_as) == (here.focus, here.same_as)
    assert any(m.cue == "known-name" for ms in apart_mentions.values() for m in ms)  # found again, and kept


def test_the_mentions_held_before_stay_the_objects_held_after(tools, extracted):
    sentences, mentions = extracted(*TEXTS)
    before = {id(m) for ms in mentions.values() for m in ms}
    resolve_apart(sentences, mentions, *tools)
    after = [m for ms in mentions.values() for m in ms]
    assert sum(id(m) in before for m in after) == sum(m.cue != "known-name" for m in after)
