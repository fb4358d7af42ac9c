"""Guangdong's strategic clusters read from a plan written in Chinese: its numbered headings "（一）新一代电子信息
产业集群" under section headings that say whether they are pillar (战略性支柱产业集群) or emerging (战略性新兴产业集群)
clusters. Each heading names a cluster by its sector (the vocabulary concept whose kg:sectorOf is the cluster's
Chinese name), so a plan in Chinese and one in English define the same cluster IRI. A document with fewer than
three such headings is not a plan and yields no clusters."""

from __future__ import annotations

import re

from kg.extract.zh.matchers import ChineseMatchers, longest
from kg.model import ClusterDef, Mention, Sentence
from kg.names import slug
from kg.namespaces import ID
from kg.reference import Reference

_NUMBERS = "一二三四五六七八九十"
HEADING_RE = re.compile(rf"^\s*(?:[（(][{_NUMBERS}]{{1,3}}[)）]|\d{{1,2}}\s*[.、．)）]|[{_NUMBERS}]{{1,3}}、)"
                        r"\s*(?P<title>[^。；;，,\n]{2,30}?)(?:产业)?集群")
MIN_HEADINGS = 3
_SECTION_MAX = 60


def read_chinese_clusters(doc_text: str, sentences: list[Sentence], mentions: list[Mention], reference: Reference,
                          matchers: ChineseMatchers) -> list[ClusterDef]:
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", doc_text)]
    headings = [(start, line, HEADING_RE.match(line)) for start, line in lines]
    if sum(1 for *_, h in headings if h) < MIN_HEADINGS:
        return []
    clusters: list[ClusterDef] = []
    kind = None
    bounds = [start for start, _, h in headings if h] + [len(doc_text)]
    for start, line, match in headings:
        if not match:
            section = _section_kind(line, matchers)
            if section:
                kind = section
            continue
        if not kind:
            continue
        end = next((b for b in bounds if b > start), len(doc_text))
        end = min([end] + [s for s, line2, h in headings if s > start and not h and _section_kind(line2, matchers)])
        paragraph = [s for s in sentences if start <= s.start < end]
        sector = _sector(match.group("title"), reference, matchers)
        if not paragraph or not sector:
            continue
        concept = reference.concepts[sector]
        label = f"{concept.label} industry cluster"
        clusters.append(ClusterDef(
            iri=f"{ID}cluster/{slug(concept.label)}",
            label=label[0].upper() + label[1:],
            label_zh=concept.sector_of or f"{match.group('title')}产业集群",
            kind=kind,
            sector=sector,
            heading=paragraph[0],
            scope=[m for m in mentions if start <= m.start < end and m.kind == "industry"],
            centres=[m for m in mentions if start <= m.start < end and m.kind == "region"
                     and reference.regions[m.ref or ""].type == "City"],
        ))
    return clusters


def _section_kind(line: str, matchers: ChineseMatchers) -> str | None:
    if len(line) > _SECTION_MAX:
        return None
    for kind, phrases in matchers.lexicon.cluster_sections.items():
        if any(p in line for p in phrases):
            return kind
    return None


def _sector(title: str, reference: Reference, matchers: ChineseMatchers) -> str | None:
    """The sector concept a heading's title names: the concept whose cluster name it is, else the one whose
    name it is."""
    title = matchers.normaliser.normalise(title).text.strip()
    for name in (f"{title}产业集群", title):
        hits = [iri for iri in matchers.industry_names.get(name, []) if reference.concepts[iri].sector_of]
        if hits:
            return sorted(hits)[0]
    found = [iri for _, _, _, iris in longest(matchers.industries, title) for iri in iris
             if reference.concepts[iri].sector_of]
    return sorted(found)[0] if len(set(found)) == 1 else None
