"""Guangdong's strategic clusters read from a plan written in Chinese: its numbered headings "（一）新一代电子信息
产业集群" under section headings that say whether they are pillar (战略性支柱产业集群) or emerging (战略性新兴产业集群)
clusters. Each heading names a cluster by its sector (the vocabulary concept whose kg:sectorOf is the cluster's
Chinese name), so a plan in Chinese and one in English define the same cluster IRI. A document with fewer than
three such headings is not a plan and yields no clusters."""

from __future__ import annotations

import re

from kg.extract.plan_headings import plan_headings
from kg.extract.zh.context import ChineseDocument
from kg.extract.zh.matchers import ChineseMatchers, longest
from kg.model import ClusterDef, Mention, Sentence
from kg.names import slug
from kg.namespaces import ID
from kg.reference import Reference

_NUMBERS = "一二三四五六七八九十"
HEADING_RE = re.compile(rf"^\s*(?:[（(][{_NUMBERS}]{{1,3}}[)）]|\d{{1,2}}\s*[.、．)）]|[{_NUMBERS}]{{1,3}}、)"
                        r"\s*(?P<title>[^。；;，,\n]{2,30}?)(?:产业)?集群")
_SECTION_MAX = 60


def read_chinese_clusters(doc_text: str, sentences: list[Sentence], mentions: list[Mention], reference: Reference,
                          matchers: ChineseMatchers) -> list[ClusterDef]:
    headings = plan_headings(doc_text, HEADING_RE)
    if headings is None:
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
        known = reference.clusters.get(reference.cluster_of_sector(sector) or "")
        label = known.label if known else f"{concept.label[:1].upper()}{concept.label[1:]} industry cluster"
        clusters.append(ClusterDef(
            iri=known.iri if known else f"{ID}cluster/{slug(concept.label)}",
            label=label,
            label_zh=known.label_zh if known else concept.sector_of or f"{match.group('title')}产业集群",
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


# ------------------------------------------------------------------------------------------------ in prose

# "A、B、C等十大战略性新兴产业集群", "20个战略性产业集群": a cue that the items before it name strategic clusters.
_CUE_RE = re.compile(rf"等?\s*(?:[十二两]十|[{_NUMBERS}]|\d{{1,2}})?[大个]?\s*"
                     r"(?:战略性)?(?P<kind>支柱|新兴)?产业集群")


def find_clusters(doc: ChineseDocument, idx: int, regions: list[tuple[int, int, Mention]],
                  industries: list[tuple[int, int, Mention]]) -> list[tuple[int, int, Mention]]:
    """Mentions of the 20 strategic clusters: a cluster's full name ("汽车产业集群", not the narrower
    "智能网联汽车产业集群" nor a county's own "高要区智能五金产业集群"), and the items of a list of the
    strategic clusters ("新一代电子信息、绿色石化、智能家电等十大战略性支柱产业集群")."""
    text = doc.texts[idx]
    out: list[tuple[int, int, Mention]] = []
    if "集群" not in text:
        return out
    local = {b for _, b, m in regions if doc.reference.regions[m.ref or ""].type != "Province"}
    for a, b, _, hits in longest(doc.m.clusters, text):
        if a in local or any(x < a < y for x, y, _ in industries):
            continue
        out.append((a, b, doc.mention("cluster", idx, a, b, ref=hits[0][0], cue="cluster-name")))
    for cue in _CUE_RE.finditer(text):
        if "战略性" not in cue.group() and not cue.group().startswith("等"):
            continue
        kind = {"支柱": "pillar", "新兴": "emerging"}.get(cue.group("kind") or "", "")
        for a, b in _items_before(text, cue.start()):
            # the first item may follow the words that lead into the list ("着力培育A、B")
            a = next((x for x in range(a, b - 1) if text[x:b] in doc.m.cluster_names), a)
            named = [iri for iri, k in doc.m.cluster_names.get(text[a:b], ()) if not kind or k == kind]
            if named and not any(x <= a and b <= y for x, y, _ in out):
                out.append((a, b, doc.mention("cluster", idx, a, b, ref=named[0], cue="cluster-list")))
    return sorted(out, key=lambda t: t[0])


def _items_before(text: str, end: int) -> list[tuple[int, int]]:
    """The items of the list (、 or , between them) that ends at `end`."""
    items: list[tuple[int, int]] = []
    b = end
    while b > 0:
        a = b
        while a > 0 and text[a - 1] not in "、,;:。!?\n":
            a -= 1
        items.append((a, b))
        if a == 0 or text[a - 1] not in "、,":
            break
        b = a - 1
    return items[::-1]
