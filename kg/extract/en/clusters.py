"""Read Guangdong's strategic industrial clusters from the provincial plan itself.

A plan lists its clusters as numbered headings ("4. Automotive industry cluster. Adhere to ...") under
section headings that say whether they are pillar or emerging clusters. From each heading paragraph we take
the cluster's name, its kind, the industries its scope names and the cities it names as centres or bases.
A document with fewer than three such headings is not a plan and yields no clusters.
"""

from __future__ import annotations

import re

from kg.extract.en.matchers import Matchers
from kg.model import ClusterDef, Mention, Sentence
from kg.names import phrase_key, slug
from kg.namespaces import ID
from kg.reference import Lexicon, Reference

HEADING_RE = re.compile(r"^\s*(\d{1,2})\s*[.、)]\s*(?P<title>[^.\n]{2,120}?)\s+industr(?:y|ial|ies)\s+cluster\b",
                        re.IGNORECASE)
MIN_HEADINGS = 3
# Sentences of a cluster paragraph about where its technology is applied, not what the cluster makes.
APPLICATION_RE = re.compile(r"\bapplication(?:s)? in\b|\bin (?:the )?fields? of\b|\bintegration in\b", re.IGNORECASE)


def _section_kind(line: str, lexicon: Lexicon) -> str | None:
    lower = line.lower()
    if len(lower) > 160:
        return None
    for kind, phrases in lexicon.cluster_sections.items():
        if any(p in lower for p in phrases):
            return kind
    return None


def _sector_concept(title: str, reference: Reference, matchers: Matchers) -> str | None:
    hits = matchers.industries.entries.get(phrase_key(title), [])
    sectors = [iri for iri in hits if reference.concepts[iri].sector_of]
    return sorted(sectors)[0] if sectors else None


def read_clusters(doc_text: str, sentences: list[Sentence], mentions: list[Mention],
                  reference: Reference, matchers: Matchers) -> list[ClusterDef]:
    lexicon = matchers.lexicon
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", doc_text)]
    headings = [(start, line, HEADING_RE.match(line)) for start, line in lines]
    if sum(1 for *_, h in headings if h) < MIN_HEADINGS:
        return []
    clusters: list[ClusterDef] = []
    kind = None
    for start, line, match in headings:
        section = _section_kind(line, lexicon) if not match else None
        if section:
            kind = section
            continue
        if not match or not kind:
            continue
        end = start + len(line)
        para_sentences = [s for s in sentences if start <= s.start < end]
        if not para_sentences:
            continue
        title = match.group("title").strip()
        sector = _sector_concept(title, reference, matchers)
        name = f"{title} industry cluster"
        name = name[0].upper() + name[1:]
        key_name = reference.concepts[sector].label if sector else title
        cluster = ClusterDef(
            iri=f"{ID}cluster/{slug(key_name)}",
            label=name,
            label_zh=reference.concepts[sector].sector_of if sector else "",
            kind=kind,
            sector=sector,
            heading=para_sentences[0],
        )
        in_scope = {s.index for s in para_sentences if not APPLICATION_RE.search(s.text)}
        for m in mentions:
            if m.sentence in in_scope and m.kind == "industry":
                cluster.scope.append(m)
            if start <= m.start < end and m.kind == "region" and reference.regions[m.ref].type == "City":
                cluster.centres.append(m)
        clusters.append(cluster)
    return clusters
