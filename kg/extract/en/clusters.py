"""Guangdong's strategic industrial clusters in a provincial plan's own words.

The 20 clusters are reference data (`ontology/clusters.ttl`); a plan adds what it says of each. A plan lists
its clusters as numbered headings ("4. Automotive industry cluster. Adhere to ...") under section headings that
say whether they are pillar or emerging clusters. From each heading paragraph we take the cluster (by the
vocabulary sector its heading names), the industries its scope names and the cities it names as centres or
bases. A document with fewer than three such headings is not a plan and yields no clusters.
"""

from __future__ import annotations

import re

from kg.extract.en.context import DocumentContext
from kg.extract.en.matchers import Matchers
from kg.extract.en.parts import Part
from kg.extract.plan_headings import plan_headings
from kg.model import ClusterDef, Mention, Sentence
from kg.names import phrase_key
from kg.reference import Lexicon, Reference

HEADING_RE = re.compile(r"^\s*(\d{1,2})\s*[.、)]\s*(?P<title>[^.\n]{2,120}?)\s+industr(?:y|ial|ies)\s+cluster\b",
                        re.IGNORECASE)
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
    headings = plan_headings(doc_text, HEADING_RE)
    if headings is None:
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
        known = reference.clusters.get(reference.cluster_of_sector(sector) or "") if sector else None
        if known is None:
            continue  # a heading that names none of the 20 clusters
        cluster = ClusterDef(
            iri=known.iri,
            label=known.label,
            label_zh=known.label_zh,
            kind=known.kind,
            sector=sector,
            heading=para_sentences[0],
        )
        in_scope = {s.index for s in para_sentences if not APPLICATION_RE.search(s.text)}
        for m in mentions:
            if m.sentence in in_scope and m.kind == "industry":
                cluster.scope.append(m)
            if start <= m.start < end and m.kind == "region" and m.ref and reference.regions[m.ref].type == "City":
                cluster.centres.append(m)
        clusters.append(cluster)
    return clusters


def find_clusters(ctx: DocumentContext, idx: int, regions: list[Mention]) -> list[Mention]:
    """Mentions of the 20 strategic clusters in prose: a cluster's name before a cluster head ("the new energy
    industry cluster", not a city's own "Foshan smart home industrial cluster" nor the narrower "new energy
    vehicle industry cluster"), and the items that name a cluster in a list of the strategic clusters ("the 10
    strategic emerging industries cover semiconductors and integrated circuits; ...; new energy; ...")."""
    if ctx.words[idx].isdisjoint(ctx.m.cluster_triggers):
        return []
    parts = ctx.parts[idx]
    keys = [p.key for p in parts]
    lex, names = ctx.lex, ctx.m.clusters
    joined: list[Part] | None = None  # the parts read across commas, made when a name may be there
    out: list[Mention] = []
    province = {r.end for r in regions if r.ref and ctx.reference.regions[r.ref].type == "Province"}
    words = ctx.words[idx]
    heads = range(1, len(parts)) if not words.isdisjoint(ctx.m.cluster_head_words) else range(0)
    for j in heads:
        if keys[j] not in ctx.m.cluster_triggers or parts[j].hard_gap:
            continue
        head = next((n for n in (2, 1) if tuple(keys[j:j + n]) in lex.cluster_heads), 0)
        if not head:
            continue
        if keys[j - 1] not in names.lasts:
            continue
        joined = joined or _across_commas(ctx, parts)
        n, hits = names.longest_ending_at(joined, j)
        if not n or ctx.m.industries.longest_ending_at(parts, j)[0] > n:
            continue  # "new energy vehicle industry cluster" is the vehicles' cluster, not new energy's
        before = parts[j - n - 1] if j - n > 0 and not parts[j - n].hard_gap else None
        if before and before.cap and before.end not in province and before.raw.lower() not in lex.openers:
            continue  # a city's or a named place's own cluster ("the Jiangmen new energy industry cluster")
        out.append(ctx.mention("cluster", parts, j - n, j + head, idx, ref=hits[0][0], cue="cluster-name"))
    cues = ctx.m.cluster_cues.scan(parts) if not words.isdisjoint(ctx.m.cluster_cues.firsts) else []
    local_ends = {r.end for r in regions if r.ref and ctx.reference.regions[r.ref].type != "Province"}
    for i, j, kinds in cues:
        start = _list_start(ctx, parts, j)
        if start is None or _local(ctx, parts, i, local_ends):
            continue
        kind = kinds[0]
        joined = joined or _across_commas(ctx, parts)
        for a, b, hits in names.scan(joined[start:]):
            for iri, cluster_kind in hits:
                if not kind or cluster_kind == kind:
                    out.append(ctx.mention("cluster", parts, start + a, start + b, idx, ref=iri, cue="cluster-list"))
                    break
    return _first_of_each_span(out)


def _local(ctx: DocumentContext, parts: list[Part], i: int, local_ends: set[int]) -> bool:
    """Is the group a place's own ("the city's strategic emerging industries", "Dongguan's ...")? Then its items
    are that place's industries, not the province's clusters."""
    before = parts[max(0, i - 3):i]
    return any(p.end in local_ends or p.key in ctx.lex.local_owner_words and (p.possessive or p.key in ("its", "our"))
               for p in before)


def _list_start(ctx: DocumentContext, parts: list[Part], j: int) -> int | None:
    """Where the list after a cue that names the clusters starts: after "cover", "include", "such as", a
    colon ..., within a word or two of the cue."""
    if j >= len(parts):
        return None
    if ":" in ctx.gap_text(parts[j - 1].end, parts[j].start):
        return j
    for k in range(j, min(j + 3, len(parts))):
        if k > j and parts[k].hard_gap:
            return None
        for n in (2, 1):
            if tuple(p.key for p in parts[k:k + n]) in ctx.lex.cluster_list_openers:
                return k + n if k + n < len(parts) else None
    return None


def _across_commas(ctx: DocumentContext, parts: list[Part]) -> list[Part]:
    """The parts with a plain comma no longer a break: "safety, emergency response and environmental
    protection" is one cluster's name."""
    if not any(p.hard_gap for p in parts):
        return parts
    out = []
    for k, p in enumerate(parts):
        comma = k > 0 and p.hard_gap and ctx.gap_text(parts[k - 1].end, p.start).strip() == ","
        out.append(Part(p.key, p.raw, p.start, p.end, False, p.possessive) if comma else p)
    return out


def _first_of_each_span(mentions: list[Mention]) -> list[Mention]:
    seen: set[tuple[int, int]] = set()
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if (m.start, m.end) not in seen and not any(s <= m.start and m.end <= e for s, e in seen):
            seen.add((m.start, m.end))
            out.append(m)
    return out
