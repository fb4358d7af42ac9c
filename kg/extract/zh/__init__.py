"""Chinese: the finders of Chinese text, sentence by sentence, on text normalised for matching (simplified
characters, half-width forms, no scraped Pinyin glosses) with the document's own offsets kept. Regions and
industries are linked to the gazetteer's and the vocabulary's Chinese names, parks and enterprises found by the
parts of their names and their context, each with an English rendering; a plan's clusters come from its numbered
headings.

A document with English paragraphs too is read paragraph by paragraph: its English sentences go to the English
finders (`kg.extract.en`), and every sentence keeps its index in the document."""

from __future__ import annotations

import dataclasses
import re

from kg.extract import en
from kg.extract.script import is_chinese, paragraphs
from kg.extract.zh.clusters import find_clusters, read_chinese_clusters
from kg.extract.zh.context import ChineseDocument
from kg.extract.zh.enterprises import find_enterprise_spans, name_mentions
from kg.extract.zh.industries import find_industries
from kg.extract.zh.industry_phrases import find_industry_phrases
from kg.extract.zh.matchers import ChineseMatchers, build_chinese_matchers
from kg.extract.zh.parks import find_parks
from kg.extract.zh.regions import find_regions
from kg.extract.zh.sentences import make_sentences, sentence_spans
from kg.model import ClusterDef, Document, Mention, Sentence
from kg.reference import Reference

_built: list[tuple[Reference, object, ChineseMatchers]] = []


def chinese_matchers(matchers: en.Matchers, reference: Reference) -> ChineseMatchers:
    """The Chinese resources of a build: those `kg.extract.build_matchers` made with the English ones, else built
    here once per reference data and lexicon (a caller that made only the English matchers)."""
    built = getattr(matchers, "zh", None)
    if isinstance(built, ChineseMatchers):
        return built
    for ref, lexicon, zh in _built:
        if ref is reference and lexicon is matchers.lexicon:
            return zh
    zh = build_chinese_matchers(reference, matchers.lexicon)
    _built[:] = [(reference, matchers.lexicon, zh)]
    return zh


def split_sentences(doc: Document) -> list[Sentence]:
    """Sentences in order, Chinese paragraphs cut by the Chinese rules and English ones by the English rules;
    offsets refer to `doc.text`."""
    runs = paragraphs(doc.text)
    spans = [span for a, b, chinese in runs if chinese for span in sentence_spans(doc.text, a, b)]
    if any(not chinese for _, _, chinese in runs):
        # the English splitter reads the whole text with the Chinese paragraphs blanked (offsets stay)
        masked = "".join(doc.text[a:b] if not chinese else re.sub(r"[^\n]", " ", doc.text[a:b])
                         for a, b, chinese in runs)
        english = en.split_sentences(Document(doc.name, masked, doc.sha256))
        spans.extend((s.start, s.end) for s in english)
    return make_sentences(doc.name, doc.text, sorted(spans))


def find_mentions(sentences: list[Sentence], reference: Reference, matchers: en.Matchers) -> list[Mention]:
    """Every mention of a document's sentences: the Chinese ones by the Chinese finders (regions, industries,
    then parks, which may hold a region or an industry, then enterprises), the others by the English finders."""
    script = [is_chinese(s.text) for s in sentences]
    chinese = [s for s, zh in zip(sentences, script) if zh]
    others = [s for s, zh in zip(sentences, script) if not zh]
    out = _chinese_mentions(chinese, reference, chinese_matchers(matchers, reference))
    if others:
        english = en.find_mentions(others, reference, matchers)
        out.extend(dataclasses.replace(m, sentence=others[m.sentence].index) for m in english)
    return sorted(out, key=lambda m: (m.start, m.end, m.kind))


def _chinese_mentions(sentences: list[Sentence], reference: Reference, matchers: ChineseMatchers) -> list[Mention]:
    if not sentences:
        return []
    doc = ChineseDocument(sentences, reference, matchers)
    out: list[Mention] = []
    spans: dict[int, list] = {}
    blocked: dict[int, list[tuple[int, int]]] = {}
    industry_spans: dict[int, list] = {}
    for idx in range(len(sentences)):
        regions = find_regions(doc, idx)
        industries = find_industries(doc, idx, regions)
        clusters = find_clusters(doc, idx, regions, industries)
        listed = [(a, b) for a, b, m in clusters if m.cue == "cluster-list"]
        # an item of a list of the strategic clusters names the cluster, not an industry of the document
        industries = [t for t in industries if not any(a <= t[0] and t[1] <= b for a, b in listed)]
        out.extend(m for _, _, m in clusters)
        parks = find_parks(doc, idx, regions)
        found = find_enterprise_spans(doc, idx, regions + parks + industries)
        # a company name the finders are sure of bounds an industry's name; a place + words ("开平市水暖卫浴")
        # may be a place's industry instead
        sure = [(a, b) for a, b, cue in found if cue != "brand-head" or not any(x == a for x, _, _ in regions)]
        phrases = find_industry_phrases(doc, idx, industries, [(a, b) for a, b, _ in regions + parks] + sure, sure)
        spans[idx] = [(a, b, cue) for a, b, cue in found
                      if (a, b) in sure or not any(x < b and a < y for x, y in phrases.items)]
        blocked[idx] = [(a, b) for a, b, _ in regions + parks]
        industry_spans[idx] = [(a, b, dataclasses.replace(m, detail=(("salient", "1"),))
                                if a in phrases.salient and not m.get("salient") else m)
                               for a, b, m in industries if a not in phrases.replaced]
        out.extend(m for _, _, m in regions + parks)
        out.extend(m for _, _, m in phrases.new)
    enterprises = name_mentions(doc, spans, blocked)
    names: dict[int, list[tuple[int, int]]] = {}
    for m in enterprises:
        names.setdefault(m.sentence, []).append((m.start, m.end))
    for industries in industry_spans.values():
        for _, _, m in industries:
            # an industry word inside a company's name (美信食品) says nothing of the document's industries
            if any(a <= m.start and m.end <= b for a, b in names.get(m.sentence, ())):
                m = dataclasses.replace(m, detail=(("salient", ""),))
            out.append(m)
    return out + enterprises


def read_clusters(doc_text: str, sentences: list[Sentence], mentions: list[Mention], reference: Reference,
                  matchers: en.Matchers) -> list[ClusterDef]:
    """The clusters a plan defines, by its Chinese headings and by its English ones."""
    return (read_chinese_clusters(doc_text, sentences, mentions, reference, chinese_matchers(matchers, reference))
            + en.read_clusters(doc_text, sentences, mentions, reference, matchers))


__all__ = ["ChineseMatchers", "build_chinese_matchers", "chinese_matchers", "find_mentions", "read_clusters",
           "split_sentences"]
