"""A page per document: its text with every mention highlighted by the type of what it names (a link to that
entity's page), and every sentence that states a relation marked, with the relations listed beside the text —
where a reader checks what the machine read. Every evidence sentence on every other page, and in the answers
of `kg show` and `kg path`, links here, to `#c<start offset>` (kg.read.pages.evidence_link).

The page is static HTML (autoescaped; the text only ever reaches it escaped), so it reads without its script,
which only adds the filters and the highlighting of a sentence's relations.
"""

from __future__ import annotations

import bisect
import html
from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from kg.model import INFERRED, REGION_TYPES, DocumentExtraction, Evidence, KnowledgeGraph, Mention, Relation
from kg.names import fold
from kg.publish.html import ASSETS, SHARED_SCRIPT_SRC, TYPE_STYLE, Site, csp, environment, link
from kg.read.pages import sentence_anchor

KIND_TYPES = {"region": REGION_TYPES, "industry": ("Industry",), "park": ("Park",), "enterprise": ("Enterprise",),
              "cluster": ("Cluster",)}
KIND_STYLE = {"region": "County", "industry": "Industry", "park": "Park", "enterprise": "Enterprise",
              "cluster": "Cluster"}  # the colour of a mention no entity was found for


def _key(name: str) -> str:
    return " ".join(fold(name).lower().split())


@dataclass(frozen=True)
class Statement:
    """A relation a sentence of the document states (or implies), as the page lists it."""

    relation: Relation
    evidence: Evidence


class DocumentPages:
    """What the document pages of a build need from the whole graph, gathered once: which relations each
    document's sentences back, and which entity each name stands for (labels, aliases, Chinese labels and
    the hidden labels, the garbled forms a mention may still have)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        kg: KnowledgeGraph = site.kg
        self.statements: dict[str, list[Statement]] = defaultdict(list)
        for r in kg.relations:
            for ev in r.evidence:
                if ev.is_text:
                    self.statements[ev.source].append(Statement(r, ev))
        self.names: dict[str, set[str]] = defaultdict(set)
        for e in kg.entities.values():
            for name in {e.label, e.label_zh, *e.alt_labels, *e.hidden_labels} - {""}:
                self.names[_key(name)].add(e.iri)

    def entity_of(self, m: Mention, document: str) -> str | None:
        """The entity a mention names: its reference entry, else the one entity of its kind with that name
        (one the document is known to mention, if several); None when that is not clear."""
        kg = self.site.kg
        if m.ref and m.ref in kg.entities:
            return m.ref
        types = KIND_TYPES.get(m.kind, ())
        found = sorted(i for i in self.names.get(_key(m.surface), set()) | self.names.get(_key(m.name_en), set())
                       if kg.entities[i].type in types)
        if len(found) > 1:
            found = [i for i in found if document in kg.entities[i].docs]
        return found[0] if len(found) == 1 else None

    def render(self, x: DocumentExtraction, file: str) -> str:
        """The page of one document (`file`: where it lives, relative to the output folder)."""
        site, kg = self.site, self.site.kg
        statements = sorted(self.statements.get(x.name, []),
                            key=lambda st: (st.evidence.start, st.relation.subject, st.relation.predicate,
                                            st.relation.object))
        # sentences: start -> (end, the statements they back)
        sentences: dict[int, tuple[int, list[int]]] = {}
        for n, st in enumerate(statements):
            end, backed = sentences.get(st.evidence.start, (st.evidence.end, []))
            sentences[st.evidence.start] = (max(end, st.evidence.end), backed + [n])
        marks = _disjoint(sorted((s, e) for s, (e, _) in sentences.items()))
        mentions = _mentions(x.mentions, marks, len(x.text))
        spans: list[tuple[int, int, int, str, str]] = []
        for start, end in marks:
            backed = sentences[start][1]
            inferred = all(statements[i].evidence.derivation == INFERRED for i in backed)
            spans.append((start, end, 0, f'<span class="ev{" inferred" if inferred else ""}" '
                                         f'id="{sentence_anchor(start)}" data-r="{" ".join(map(str, backed))}" '
                                         f'tabindex="0">', "</span>"))
        anchors = [s for s in sentences if (s, sentences[s][0]) not in set(marks)]  # overlapped: an anchor only
        spans += [(s, s, 1, f'<span id="{sentence_anchor(s)}"></span>', "") for s in anchors]
        counts: dict[str, int] = defaultdict(int)
        for m in mentions:
            iri = self.entity_of(m, x.name)
            kind = kg.entities[iri].type if iri else KIND_STYLE.get(m.kind, "Enterprise")
            counts[kind] += 1
            if iri:
                e = kg.entities[iri]
                title = html.escape(f"{e.label} ({e.type})" + (f" {e.label_zh}" if e.label_zh else ""), quote=True)
                target = html.escape(link(site.pages.get(iri, ""), file), quote=True)
                spans.append((m.start, m.end, 2, f'<a class="m t-{kind}" href="{target}" title="{title}">', "</a>"))
            else:
                spans.append((m.start, m.end, 2, f'<span class="m t-{kind}" title="{m.kind}: no entity found">',
                              "</span>"))
        body = Markup(_nest(x.text, spans))
        rows = []
        for n, st in enumerate(statements):
            r, ev = st.relation, st.evidence
            how = [INFERRED] if ev.derivation == INFERRED else []
            if ev.confidence is not None:
                how.append(f"confidence {ev.confidence:g}")
            rows.append({"id": f"r{n}", "anchor": sentence_anchor(ev.start), "relation": r.predicate,
                         "subject": kg.entities[r.subject].label, "object": kg.entities[r.object].label,
                         "subject_link": link(site.pages.get(r.subject, ""), file),
                         "object_link": link(site.pages.get(r.object, ""), file), "how": ", ".join(how),
                         "inferred": ev.derivation == INFERRED, "confidence": ev.confidence})
        legend = [{"name": t, "colour": TYPE_STYLE[t][0], "count": counts[t]} for t in TYPE_STYLE if counts.get(t)]
        assets = "../" + ASSETS if "/" in file else ASSETS
        return environment().get_template("document.html").render(
            title=x.name, date=kg.dates.get(x.name) or x.date or "", language=x.language, body=body, rows=rows,
            legend=legend, sentences=len(marks), mentions=len(mentions), home=link(site.home, file),
            assets=assets, csp=Markup(html.escape(csp(SHARED_SCRIPT_SRC, f"{SHARED_SCRIPT_SRC} 'unsafe-inline'"),
                                                  quote=False)),
            styles={t: c for t, (c, _) in TYPE_STYLE.items()})


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans without overlaps: a span that overlaps the one kept before it is left out."""
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if e > s and (not kept or s >= kept[-1][1]):
            kept.append((s, e))
    return kept


def _mentions(mentions: list[Mention], marks: list[tuple[int, int]], length: int) -> list[Mention]:
    """The mentions to highlight: within the text, none inside another (the longer one stays: a park's name
    holds its region's), none across the edge of a marked sentence."""
    starts = [s for s, _ in marks]
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not 0 <= m.start < m.end <= length or (kept and m.start < kept[-1].end):
            continue
        i = bisect.bisect_right(starts, m.start) - 1  # the sentence starting at or before the mention
        inside = i >= 0 and m.end <= marks[i][1]
        outside = (i < 0 or m.start >= marks[i][1]) and (i + 1 >= len(marks) or m.end <= marks[i + 1][0])
        if inside or outside:
            kept.append(m)
    return kept


def _nest(text: str, spans: list[tuple[int, int, int, str, str]]) -> str:
    """The text escaped, with each span's tags around its part (spans nest: sentences hold mentions)."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[int, str]] = []
    for start, end, _, opening, closing in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        while stack and stack[-1][0] <= start:
            until, close = stack.pop()
            out.append(html.escape(text[pos:until], quote=False) + close)
            pos = until
        if stack and end > stack[-1][0]:
            continue  # would cross the span it starts in
        out.append(html.escape(text[pos:start], quote=False) + opening)
        pos = start
        if closing:
            stack.append((end, closing))
    while stack:
        until, close = stack.pop()
        out.append(html.escape(text[pos:until], quote=False) + close)
        pos = until
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def render_document(site: Site, x: DocumentExtraction, file: str, pages: DocumentPages | None = None) -> str:
    """One document's page (see DocumentPages.render)."""
    return (pages or DocumentPages(site)).render(x, file)
