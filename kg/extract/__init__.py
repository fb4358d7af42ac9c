"""Stages 2 and 3, extract: a Document -> its DocumentExtraction (sentences, mentions, a plan's clusters).

Each document is extracted on its own, so documents can be extracted in any order and in parallel
(`kg.build`), and the result is cached for `kg add`. The language of a document picks its finders
(`kg.extract.language`); what they match against is built once per build (`build_matchers`), before worker
processes fork, so that every worker shares it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields

from kg.extract import en
from kg.extract.dates import document_date
from kg.extract.language import language_of
from kg.extract.salience import keep_salient_industries
from kg.extract.zh import ChineseMatchers, build_chinese_matchers
from kg.model import Document, DocumentExtraction
from kg.reference import Lexicon, Reference


@dataclass
class Matchers(en.Matchers):
    """The English phrase indexes (`kg.extract.en.Matchers`) and the other languages' resources beside them:
    `zh`, the Chinese automata, segmenter and renderer (`kg.extract.zh`)."""

    zh: ChineseMatchers | None = None


def build_matchers(reference: Reference, lexicon: Lexicon, chinese: bool = True) -> Matchers:
    """Everything extraction matches against, for every language, built once from the reference data. The
    Chinese resources (jieba's dictionary among them: 0.8 s and 85 MB) only with `chinese`: without, a process
    that meets a Chinese document builds them then (`kg.extract.zh.chinese_matchers`), the same."""
    english = en.build_matchers(reference, lexicon)
    values = {f.name: getattr(english, f.name) for f in fields(english)}
    return Matchers(**values, zh=build_chinese_matchers(reference, lexicon) if chinese else None)


def any_chinese(documents: Iterable[Document]) -> bool:
    """Whether extraction will read any of these documents as Chinese (`language_of`): a build makes the Chinese
    resources before its workers fork only then, so that they share one copy, and an English corpus does
    without them."""
    return any(language_of(doc.text).code == "zh" for doc in documents)


def extract_document(doc: Document, reference: Reference, matchers: en.Matchers) -> DocumentExtraction:
    """The per-document part of extraction: sentences, mentions (industries kept where the document marks
    them as industries) and the clusters a plan defines."""
    language = language_of(doc.text)
    sentences = language.split_sentences(doc)
    mentions = language.find_mentions(sentences, reference, matchers)
    clusters = language.read_clusters(doc.text, sentences, mentions, reference, matchers)
    scope = {m for c in clusters for m in c.scope}
    return DocumentExtraction(doc.name, doc.sha256, doc.text, sentences, keep_salient_industries(mentions, scope),
                              clusters, language.code, document_date(doc.text, matchers.lexicon))


__all__ = ["Matchers", "any_chinese", "build_matchers", "extract_document"]
