"""Stages 2 and 3, extract: a Document -> its DocumentExtraction (sentences, mentions, a plan's clusters).

Each document is extracted on its own, so documents can be extracted in any order and in parallel
(`kg.build`), and the result is cached for `kg add`. The language of a document picks its finders
(`kg.extract.language`); what they match against is built once per build (`build_matchers`), before worker
processes fork, so that every worker shares it."""

from __future__ import annotations

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


def build_matchers(reference: Reference, lexicon: Lexicon) -> Matchers:
    """Everything extraction matches against, for every language, built once from the reference data."""
    english = en.build_matchers(reference, lexicon)
    values = {f.name: getattr(english, f.name) for f in fields(english)}
    return Matchers(**values, zh=build_chinese_matchers(reference, lexicon))


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


__all__ = ["Matchers", "build_matchers", "extract_document"]
