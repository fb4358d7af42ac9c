"""A page per document: its text, with every mention highlighted by the type of what it names (a link to that
entity's page) and every sentence that states a relation marked, the relations listed beside the text — where
a reader checks what the machine read. Every evidence sentence on every other page, and in the answers of
`kg show` and `kg path`, links here, to `#c<start offset>` (kg.read.pages.evidence_link).

The text is in the page as escaped text, so it reads without any script. The marks are data (offsets, and the
entities by their position in the build's search data, assets/search-data.js, which holds their names, types
and pages once for every page): the page script (templates/doc.js) wraps the spans of the text in elements,
with `textContent` only. Ten thousand documents' pages so cost little more than their text.
"""

from __future__ import annotations

import bisect
import html
from collections import defaultdict

from markupsafe import Markup

from kg.model import INFERRED, REGION_TYPES, DocumentExtraction, Evidence, KnowledgeGraph, Mention
from kg.names import fold
from kg.publish.html import ASSETS, SHARED_SCRIPT_SRC, Site, csp, environment, link, to_json

KIND_TYPES = {"region": REGION_TYPES, "industry": ("Industry",), "park": ("Park",), "enterprise": ("Enterprise",),
              "cluster": ("Cluster",)}
KIND_STYLE = {"region": "County", "industry": "Industry", "park": "Park", "enterprise": "Enterprise",
              "cluster": "Cluster"}  # the colour of a mention no entity was found for


def _key(name: str) -> str:
    return " ".join(fold(name).lower().split())


class DocumentPages:
    """What the document pages of a build need from the whole graph, gathered once: which relations each
    document's sentences back, and which entity each name stands for (labels, aliases, Chinese labels and
    the hidden labels, the garbled forms a mention may still have)."""

    def __init__(self, site: Site) -> None:
        assert site.search is not None, "document pages name entities by their place in the search data"
        self.site = site
        kg: KnowledgeGraph = site.kg
        # document -> (sentence start, subject, relation, object, evidence) of each sentence it holds
        self.statements: dict[str, list[tuple[int, str, str, str, Evidence]]] = defaultdict(list)
        for r in kg.relations:
            for ev in r.evidence:
                if ev.start >= 0:
                    self.statements[ev.source].append((ev.start, r.subject, r.predicate, r.object, ev))
        self._names: dict[str, list[str]] | None = None
        self._named: dict[tuple[str, str, str], list[str]] = {}
        self.template = environment().get_template("document.html")

    def _by_name(self) -> dict[str, list[str]]:
        """Every name of every entity (folded, lower case) -> the entities it names (made on first need)."""
        if self._names is None:
            names: dict[str, list[str]] = defaultdict(list)
            for e in self.site.kg.entities.values():
                for name in {e.label, e.label_zh, *e.alt_labels, *e.hidden_labels} - {""}:
                    names[_key(name)].append(e.iri)
            self._names = names
        return self._names

    def entity_of(self, m: Mention, document: str) -> str | None:
        """The entity a mention names: its reference entry, else the one entity of its kind with that name
        (one the document is known to mention, if several); None when that is not clear."""
        kg = self.site.kg
        if m.ref and m.ref in kg.entities:
            return m.ref
        key = (m.kind, m.surface, m.name_en)
        found = self._named.get(key)
        if found is None:
            names, types = self._by_name(), KIND_TYPES.get(m.kind, ())
            found = self._named[key] = sorted({i for name in {m.surface, m.name_en} for i in names.get(_key(name), ())
                                               if kg.entities[i].type in types})
        if len(found) > 1:
            found = [i for i in found if document in kg.entities[i].docs]
        return found[0] if len(found) == 1 else None

    def data(self, x: DocumentExtraction) -> dict:
        """The marks of a document's page: `statements` [subject, relation, object, start offset, 1 if inferred
        else 0, confidence or -1] (entities by position in the search data), `sentences` [start, end, the
        statements it backs] (a sentence overlapping one marked before has end == start: an anchor only), and
        `mentions` [start, end, entity position or -1, type] (types by position in the search data's)."""
        search, kg = self.site.search, self.site.kg
        assert search is not None
        statements = sorted(self.statements.get(x.name, []), key=lambda st: st[:4])
        backing: dict[int, tuple[int, list[int]]] = {}  # sentence start -> (end, statements)
        for n, (start, _, _, _, ev) in enumerate(statements):
            end, backed = backing.get(start, (ev.end, []))
            backed.append(n)
            backing[start] = (max(end, ev.end), backed)
        marks = _disjoint(sorted((s, e) for s, (e, _) in backing.items()))
        marked = set(marks)
        sentences = [[s, e if (s, e) in marked else s, backed] for s, (e, backed) in sorted(backing.items())]
        types = {t: i for i, t in enumerate(search.types)}
        position = search.position
        mentions = []
        planned = [m for c in x.clusters for m in (*c.scope, *c.centres)]  # a plan's clusters: their scope, centres
        for m in _mentions(x.mentions + planned, marks, len(x.text)):
            iri = self.entity_of(m, x.name)
            kind = kg.entities[iri].type if iri else KIND_STYLE.get(m.kind, "Enterprise")
            mentions.append([m.start, m.end, position[iri] if iri else -1, types[kind]])
        rows = [[position[s], p, position[o], start, int(ev.derivation == INFERRED),
                 -1 if ev.confidence is None else ev.confidence] for start, s, p, o, ev in statements]
        return {"statements": rows, "sentences": sentences, "mentions": mentions}

    def render(self, x: DocumentExtraction, file: str) -> str:
        """The page of one document (`file`: where it lives, relative to the output folder)."""
        site = self.site
        data = self.data(x)
        assets = ("../" if "/" in file else "") + ASSETS
        return self.template.render(
            title=x.name, date=site.kg.dates.get(x.name) or x.date or "", language=x.language, text=x.text,
            data=to_json(data, sort_keys=False), home=link(site.home, file), assets=assets,
            mentions=len(data["mentions"]), sentences=sum(s[1] > s[0] for s in data["sentences"]),
            statements=len(data["statements"]),
            csp=Markup(html.escape(csp(SHARED_SCRIPT_SRC, f"{SHARED_SCRIPT_SRC} 'unsafe-inline'"), quote=False)))


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
