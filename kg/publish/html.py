"""The views as HTML: page templates filled with a view's data, the shared code of a build's pages, the search
index, and the safety rules every page follows.

A build's pages load one shared copy of the code from `assets/` (vis-network as shipped inside pyvis with its
licence header, the page scripts and styles) by relative `<script src>` / `<link>`, so a page holds only its
own data and still opens offline from a file share (file://). A page written on its own (`kg path --html`)
inlines everything instead, since there is no folder of assets next to it.

Names, aliases and evidence come from documents, so the pages treat them as text: the templates autoescape,
page data is embedded as JSON (with `<`, `>`, `&` and `'` escaped) in non-executable blocks or, for the search
index, in a script file of its own, the page scripts only put document text into the DOM through
`textContent`, and a Content-Security-Policy forbids every network request and lets only the shared scripts
run (`'self' file:`: Chromium matches `'self'` to any file:// script, Firefox needs `file:`; an inline script
never runs) — or, on a page written on its own, only its inline scripts (by hash).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyvis
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kg.errors import ViewError
from kg.model import ENTITY_TYPES, INFERRED, Entity, Evidence, KnowledgeGraph, Relation
from kg.namespaces import ID
from kg.read.lookup import optional_words
from kg.read.pages import page_key, sentence_anchor

if TYPE_CHECKING:
    from kg.publish.views import View

TYPE_STYLE = {
    "Province": ("#8c564b", "diamond"), "City": ("#d62728", "diamond"), "County": ("#ff7f0e", "diamond"),
    "Town": ("#bcbd22", "diamond"), "Park": ("#2ca02c", "square"), "Enterprise": ("#1f77b4", "dot"),
    "Industry": ("#9467bd", "triangle"), "Cluster": ("#e377c2", "star"),
}
OTHER_TYPE_STYLE = ("#7f7f7f", "dot")
RELATION_COLOURS = {
    "locatedIn": "#8c8c8c", "hasIndustry": "#9467bd", "inIndustry": "#17becf", "partOfCluster": "#e377c2",
    "clusterCentre": "#d62728", "investsIn": "#2ca02c", "chainMasterOf": "#ff7f0e", "supplies": "#1f77b4",
    "enterprises": "#4c72b0",  # drawn on the aggregated overview only: how many enterprises link two nodes
}
OTHER_RELATION_COLOURS = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd")
EVIDENCE_SHOWN = 3  # evidence sentences embedded per edge; the rest are counted
ASSETS = "assets"  # the folder of shared scripts and styles, and of the search index
OWN_SCRIPTS = ("layout.js", "match.js", "view.js")  # the page code, after vis-network, in this order
SHARED_SCRIPT_SRC = "'self' file:"  # Chromium matches 'self' to any file: URL, Firefox needs the scheme


@dataclass
class PageHeading:
    """The page header the template shows (legend, links, summary)."""

    title: str
    description: str
    home: str  # link to the index page, or ""
    types: list[dict] = field(default_factory=list)  # legend rows: name, colour, shape, count
    relations: list[dict] = field(default_factory=list)  # legend rows: name, colour, count
    summary: list[dict] = field(default_factory=list)  # titled tables of counts: title, rows (label, count, href)
    listed: int = 0  # names listed beside the drawing (a bounded view or shard entries), 0 for none
    chains: list[dict] = field(default_factory=list)  # a paths page: each chain with its hops and their evidence
    evidence: bool = False  # the page has sentences: offer the stated / inferred / confidence filters


@dataclass
class Site:
    """What the pages of one build (or one page written on its own) link to. Paths are relative to the output
    folder, and may end in a #fragment: each entity's page (`pages`), each document's page (`documents`), the
    index page (`home`, "" for none) and the shared assets (`assets`, None: inline the code)."""

    kg: KnowledgeGraph
    pages: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    home: str = ""
    assets: str | None = None
    search: SearchIndex | None = None

    def evidence_link(self, ev: Evidence, here: str) -> str:
        """Where a sentence is in its document's page, as a link from the page `here`; "" if none."""
        page = self.documents.get(ev.source) if ev.is_text else None
        return link(f"{page}#{sentence_anchor(ev.start)}", here) if page else ""


# ---------------------------------------------------------------------------------------------- assets


@lru_cache(maxsize=1)
def _vis_library() -> tuple[Path, str, str]:
    """vis-network's folder in pyvis, its JS (licence header kept) and its CSS (with a notice of ours)."""
    libs = sorted(Path(pyvis.__file__).parent.glob("templates/lib/vis-*/vis-network.min.js"),
                  key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)])
    if not libs:
        raise ViewError("vis-network not found in the installed pyvis (templates/lib/vis-*/)")
    lib = libs[-1]
    js = _lf(lib.read_text(encoding="utf-8"))
    version = lib.parent.name.removeprefix("vis-")
    css = (f"/* vis-network {version} (https://visjs.github.io/vis-network/), as shipped in pyvis. "
           "(c) 2011-2017 Almende B.V, (c) 2017-2019 visjs contributors. Dual licensed under the Apache "
           "License 2.0 and the MIT License; see the notice at the top of vis-network.min.js. */\n"
           + _lf((lib.parent / "vis-network.css").read_text(encoding="utf-8")))
    return lib.parent, js, css


def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as they can be inlined in a page written on its own."""
    lib, js, css = _vis_library()
    for text in (js, css):
        if re.search(r"</(script|style)", text, re.IGNORECASE):
            raise ViewError(f"{lib} cannot be inlined: it contains a closing tag")
    return js, css


def _template_source(name: str) -> str:
    env = environment()
    assert env.loader is not None
    return _lf(env.loader.get_source(env, name)[0])


@lru_cache(maxsize=1)
def shared_assets() -> dict[str, str]:
    """The files of `assets/`, by name: the code and styles every page of a build loads (search-data.js, the
    search data, is written with them)."""
    _, vis_js, vis_css = _vis_library()
    own = {name: _template_source(name) for name in (*OWN_SCRIPTS, "view.css", "search.js", "doc.js")}
    return {"vis-network.min.js": vis_js, "vis-network.css": vis_css, **own}


def _lf(text: str) -> str:
    """Browsers hash an inline script after turning CRLF into LF: inline (and hash) it that way already."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


@lru_cache(maxsize=1)
def _inline_code() -> dict[str, Markup | str | list]:
    """What a page written on its own inlines, and the hashes its Content-Security-Policy allows."""
    vis_js, vis_css = _vis_assets()
    own = [_template_source(name) for name in OWN_SCRIPTS]
    return {"vis_css": Markup(vis_css), "view_css": Markup(_template_source("view.css")),
            "inline_scripts": [Markup(code) for code in (vis_js, *own)],
            "script_src": " ".join(script_hash(code) for code in (vis_js, *own))}


def csp(script_src: str, style_src: str) -> str:
    """A page's Content-Security-Policy: nothing from the network, scripts only from `script_src`."""
    return (f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src data:; base-uri 'none'; "
            "form-action 'none'")


# ---------------------------------------------------------------------------------------------- helpers


def _json_text(text: str) -> Markup:
    """Already-serialised JSON made safe inside an HTML element (these characters only occur in strings)."""
    for ch in "&<>'":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return Markup(text)


def to_json(value, sort_keys: bool = True) -> Markup:
    return _json_text(json.dumps(value, sort_keys=sort_keys, ensure_ascii=False, separators=(",", ":")))


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("kg.publish", "templates"), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["json_text"] = _json_text
    return env


def relation_colour(predicate: str, known: Sequence[str]) -> str:
    if predicate in RELATION_COLOURS:
        return RELATION_COLOURS[predicate]
    others = sorted(p for p in known if p not in RELATION_COLOURS)
    return OTHER_RELATION_COLOURS[others.index(predicate) % len(OTHER_RELATION_COLOURS)]


def link(target: str, here: str) -> str:
    """`target` (relative to the output folder, maybe with a #fragment) as a link from the page `here`."""
    if not target:
        return ""
    path, _, fragment = target.partition("#")
    if path == here:
        return "#" + fragment if fragment else ""
    folder = here.rpartition("/")[0]
    if "/" not in folder:  # pages lie at most one folder deep: no need for posixpath.relpath (slow)
        target_folder, _, name = path.rpartition("/")
        if target_folder == folder:
            out = name
        elif "/" not in target_folder and not target_folder.startswith(".."):
            out = ("../" if folder else "") + path
        else:
            out = posixpath.relpath(path, folder or ".")
    else:
        out = posixpath.relpath(path, folder)
    return out + ("#" + fragment if fragment else "")


def node_size(degree: int) -> float:
    """A node's radius by its number of relations: hubs stand out, a leaf stays small."""
    return round(min(40.0, 7 + 3.2 * math.log2(1 + degree)), 1)


def confidences(evidence: Sequence[Evidence]) -> tuple[float | None, float | None]:
    """The best confidence of the sentences that state a relation and of those it was inferred from (None:
    no such sentence). Reference data and sentences without a recorded confidence count as sure (1)."""
    if all(ev.confidence is None and ev.derivation != INFERRED for ev in evidence):
        return 1, None  # the common case, quickly
    best: dict[bool, float] = {}
    for ev in evidence:
        inferred = ev.is_text and ev.derivation == INFERRED
        sure = 1 if ev.confidence is None else ev.confidence
        best[inferred] = max(best.get(inferred, 0), sure)
    return best.get(False), best.get(True)


def _entity_names(e: Entity) -> list[str]:
    """The aliases a page shows and searches: never the hidden labels (garbled machine translations)."""
    return sorted(e.alt_labels - {e.label, e.label_zh} - e.hidden_labels)


def node_dict(e: Entity, page: str, degree: int, rank: int, focus: bool = False, fold: str = "",
              note: str = "") -> dict:
    """A node of a page: names, type, style, size by degree, `rank` (0 first: whose label is drawn when not all
    fit), its page, and for an industry folded into a cluster on the overview, the cluster."""
    colour, shape = TYPE_STYLE.get(e.type, OTHER_TYPE_STYLE)
    node = {"id": e.iri, "key": page_key(e.iri), "label": e.label, "labelZh": e.label_zh,
            "aliases": _entity_names(e), "entityType": e.type, "color": colour, "shape": shape,
            "size": max(node_size(degree), 22.0) if focus else node_size(degree), "degree": degree,
            "borderWidth": 3 if focus else 1, "page": page, "rank": rank}
    if fold:
        node["fold"] = fold
    if note:
        node["note"] = note
    return node


def evidence_dict(ev: Evidence, site: Site) -> dict:
    """A sentence and its document (with its offset there, when the document has a page: the page data lists
    the documents' pages once, see page_documents; and how it was read), or (reference data) no sentence and
    the dataset's IRI."""
    out: dict = {"doc": ev.source, "text": ev.text if ev.is_text else ""}
    if ev.is_text:
        if ev.source in site.documents:
            out["start"] = ev.start
        if ev.derivation == INFERRED:
            out["derivation"] = INFERRED
        if ev.confidence is not None:
            out["confidence"] = ev.confidence
    return out


def edge_dict(r: Relation, edge_id: str, site: Site, predicates: Sequence[str] = ()) -> dict:
    """An edge of a page: its relation, its first EVIDENCE_SHOWN pieces of evidence (the others counted), and,
    unless all it has is stated with no doubt recorded, the best confidence of the sentences that state it
    and of those it was inferred from (`stated`, `inferred`; None: none such)."""
    edge = {"id": edge_id, "from": r.subject, "to": r.object, "relation": r.predicate,
            "color": relation_colour(r.predicate, list(predicates)),
            "evidence": [evidence_dict(ev, site) for ev in r.evidence[:EVIDENCE_SHOWN]],
            "moreEvidence": max(0, len(r.evidence) - EVIDENCE_SHOWN), "amount": r.amount_text}
    stated, inferred = confidences(r.evidence)
    if (stated, inferred) != (1, None):
        edge.update(stated=stated, inferred=inferred)
    return edge


def page_documents(site: Site, edges: list[dict], here: str) -> dict[str, str]:
    """The pages of the documents a page's evidence cites, as links from the page `here`."""
    names = {ev["doc"] for e in edges for ev in e["evidence"] if "start" in ev}
    return {name: link(site.documents[name], here) for name in sorted(names)}


def label_ranks(kg: KnowledgeGraph, iris: Iterable[str], degree: Counter, focus: Iterable[str] = ()) -> dict[str, int]:
    """Whose label comes first when not all fit: the page's own entities, then by number of relations, then the
    broader places and clusters, then by label."""
    order = {t: i for i, t in enumerate(("Province", "City", "Cluster", "County", "Park", "Enterprise", "Town",
                                         "Industry"))}
    first = set(focus)
    ranked = sorted(iris, key=lambda i: (i not in first, -degree[i], order.get(kg.entities[i].type, 9),
                                         kg.entities[i].label.lower(), i))
    return {iri: n for n, iri in enumerate(ranked)}


def vis_options(node_count: int) -> dict:
    """vis-network options: no physics (the page computes the layout once, see templates/layout.js), straight
    edges, no labels drawn by vis-network (the page draws the ones that fit, and an edge's on hover)."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "nodes": {"font": {"size": 12, "face": "sans-serif"}},
        "edges": {"smooth": False, "width": 1, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "selectionWidth": 2, "hoverWidth": 1.5},
        "interaction": {"hover": True, "hideEdgesOnDrag": node_count > 500, "hideEdgesOnZoom": node_count > 1000,
                        "tooltipDelay": 150, "multiselect": False},
    }


def legend(nodes: list[dict], edges: list[dict], counted: bool = True) -> tuple[list[dict], list[dict]]:
    """Legend rows for the entity types and relations on a page, in ontology order, with their counts
    (the page's script counts again what it draws)."""
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    type_counts = Counter(n["entityType"] for n in nodes)
    types = [{"name": t, "colour": TYPE_STYLE.get(t, OTHER_TYPE_STYLE)[0],
              "shape": TYPE_STYLE.get(t, OTHER_TYPE_STYLE)[1], "count": n if counted else ""}
             for t, n in sorted(type_counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))]
    relation_counts = Counter(e["relation"] for e in edges)
    colours = {e["relation"]: e["color"] for e in edges}
    relations = [{"name": p, "colour": colours[p], "count": n if counted else ""}
                 for p, n in sorted(relation_counts.items())]
    return types, relations


# ---------------------------------------------------------------------------------------------- pages


def page_data(site: Site, view: View) -> tuple[list[dict], list[dict]]:
    """The vis-network nodes and edges of a view: every node linking to its page, every sentence to its place
    in its document."""
    kg, here = site.kg, view.file or "page.html"
    degree = view.degree  # a node's size tells how connected it is in the graph, not only on this page
    if degree is None:
        degree = Counter()
        for r in view.relations:
            degree[r.subject] += 1
            degree[r.object] += 1
    focus = set(view.focus)
    ranks = label_ranks(kg, view.entities, degree, view.focus)
    nodes = [node_dict(kg.entities[iri], link(site.pages.get(iri, ""), here), degree[iri], ranks[iri],
                       iri in focus, view.fold.get(iri, ""))
             for iri in view.entities]
    predicates = sorted({r.predicate for r in view.relations})
    edges = [edge_dict(r, f"e{i}", site, predicates) for i, r in enumerate(view.relations)]
    return nodes, edges


def _summary(view: View, site: Site) -> list[dict]:
    return [{"title": title, "rows": [(label, n, link(site.pages.get(iri, ""), view.file))
                                      for label, n, iri in rows]}
            for title, rows in view.summary if rows]


def _listed(site: Site, iris: Iterable[str], here: str) -> list[list[str]]:
    """Entities listed (not drawn) beside a view: label, Chinese label, type, link."""
    kg = site.kg
    return [[kg.entities[i].label, kg.entities[i].label_zh, kg.entities[i].type, link(site.pages.get(i, ""), here)]
            for i in iris]


def _page_options(site: Site, view: View, edges: list[dict]) -> dict:
    """What the page script needs besides nodes and edges: the entity the page is about, whether industries
    fold into their clusters, the words a name may leave out (company forms) for its search, where the page
    lies and — on a page without the build's search data — the pages of the documents its sentences cite."""
    options: dict = {"focus": view.focus[0] if len(view.focus) == 1 else None, "fold": bool(view.fold),
                     "optional": sorted(optional_words()), "here": view.file}
    if site.search is None or site.assets is None:  # else the build's search data lists every document's page
        options["documents"] = page_documents(site, edges, view.file or "page.html")
    return options


def _chains(site: Site, view: View) -> list[dict]:
    """A paths page's chains, hop by hop, each hop with its sentence and where to read it."""
    kg, here = site.kg, view.file or "page.html"
    out = []
    for n, chain in enumerate(view.chains, 1):
        hops = []
        for a, r in chain:
            b = r.object if r.subject == a else r.subject
            ev = r.evidence[0] if r.evidence else None
            hops.append({"from": kg.entities[a].label, "to": kg.entities[b].label, "relation": r.predicate,
                         "forward": r.subject == a, "edge": f"e{view.relations.index(r)}",
                         "text": ev.text if ev and ev.is_text else "",
                         "doc": ev.source if ev and ev.is_text else "",
                         "reference": ev.source if ev and not ev.is_text else "",
                         "link": site.evidence_link(ev, here) if ev else "",
                         "how": _how(ev) if ev else ""})
        end = kg.entities[chain[-1][1].object if chain[-1][1].subject == chain[-1][0] else chain[-1][1].subject]
        out.append({"title": f"chain {n}" if len(view.chains) > 1 else "the chain", "to": end.label, "hops": hops})
    return out


def _how(ev: Evidence) -> str:
    parts = [INFERRED] if ev.is_text and ev.derivation == INFERRED else []
    if ev.is_text and ev.confidence is not None:
        parts.append(f"confidence {ev.confidence:g}")
    return ", ".join(parts)


def render_page(site: Site, view: View, data: tuple[list[dict], list[dict]] | None = None) -> str:
    """One view as an HTML page. `data` replaces the view's nodes and edges (the aggregated overview)."""
    nodes, edges = data or page_data(site, view)
    here = view.file or "page.html"
    heading = PageHeading(view.title, view.description, link(site.home, here) if site.home else "",
                          *legend(nodes, edges), summary=_summary(view, site), listed=len(view.listed) + view.hidden,
                          chains=_chains(site, view) if view.chains else [],
                          evidence=any(e["evidence"] for e in edges))
    listed = None
    if (view.listed or view.hidden) and site.search is not None and site.assets is not None:
        # by position in the build's search data, which the page then loads: a few bytes a name
        listed = {"positions": [site.search.position[i] for i in view.listed], "hidden": view.hidden}
    elif view.listed or view.hidden:
        listed = {"items": _listed(site, view.listed, here), "hidden": view.hidden}
    return _render(heading, nodes, edges, here, site.assets, _page_options(site, view, edges), listed,
                   search=site.search is not None and site.assets is not None)


def render_shard(site: Site, entries: list[dict], edges: list[list], file: str,
                 moved: dict[str, str] | None = None) -> str:
    """A shard page (see kg.publish.views.shard_entries): several entities' pages in one file, each drawn when
    the page is opened with its key after `#`; `moved` sends keys of IRIs entities no longer have to the
    entity's page (relative to the output folder)."""
    assert site.search is not None and site.assets is not None
    search = site.search
    predicates = sorted({e[2] for e in edges})
    types = search.types
    legend_nodes = [{"entityType": t} for t in sorted({types[search.rows[p][3]] for entry in entries
                                                       for p in entry["nodes"]})]
    legend_edges = [{"relation": p, "color": relation_colour(p, predicates)} for p in predicates]
    heading = PageHeading(f"industry-kg: {len(entries)} entities", "Pick an entity from the index's search.",
                          link(site.home, file), *legend(legend_nodes, legend_edges, counted=False), listed=1,
                          evidence=True)
    shard = {"prefix": ID, "styles": {t: TYPE_STYLE.get(t, OTHER_TYPE_STYLE) for t in types},
             "colours": {p: relation_colour(p, predicates) for p in predicates}, "edges": edges,
             "entries": {e["key"]: {k: v for k, v in e.items() if k != "key"} for e in entries},
             "moved": {key: link(target, file) for key, target in sorted((moved or {}).items())}}
    return _render(heading, [], [], file, site.assets, {"focus": None, "fold": False, "documents": {},
                                                        "optional": sorted(optional_words()), "here": file},
                   None, shard, search=True)


def _render(heading: PageHeading, nodes: list[dict], edges: list[dict], file: str, assets: str | None,
            options: dict, listed: dict | None = None, shard: dict | None = None, search: bool = False) -> str:
    """The page template filled in: code inlined (`assets` None) or loaded from the shared folder."""
    if assets is None:
        code: dict = {**_inline_code(), "assets": "", "style_src": "'unsafe-inline'"}
    else:
        code = {"assets": posixpath.relpath(assets, posixpath.dirname(file) or "."), "script_src": SHARED_SCRIPT_SRC,
                "style_src": f"{SHARED_SCRIPT_SRC} 'unsafe-inline'", "scripts": OWN_SCRIPTS}
    # escaped but for quotes (none of ours is a double quote), so the policy reads as written in the source
    code["csp"] = Markup(html.escape(csp(code.pop("script_src"), code.pop("style_src")), quote=False))
    return environment().get_template("graph.html").render(
        page=heading, node_count=len(nodes), edge_count=len(edges), nodes_json=to_json(nodes),
        edges_json=to_json(edges), options_json=to_json(vis_options(len(nodes))), page_json=to_json(options),
        listed_json=to_json(listed) if listed else "", search_data=search,
        shard_json=to_json(shard, sort_keys=False) if shard else "", **code)


def render_redirect(title: str, target: str, file: str) -> str:
    """The page an entity had under an IRI it no longer has: it sends the reader to the entity's page."""
    return environment().get_template("redirect.html").render(title=title, target=link(target, file))


# ---------------------------------------------------------------------------------------------- search


class SearchIndex:
    """Every entity's names, type, page and IRI (without the common prefix), by label, and every document's
    name and page: the search of every page finds any entity in it, and shard pages name their nodes by
    position in it and their sentences' documents by position in `documents`."""

    def __init__(self, kg: KnowledgeGraph, links: dict[str, str], documents: dict[str, str] | None = None) -> None:
        self.kg = kg
        self.types = list(ENTITY_TYPES) + sorted({e.type for e in kg.entities.values()} - set(ENTITY_TYPES))
        index = {t: i for i, t in enumerate(self.types)}
        ordered = sorted(kg.entities.values(), key=lambda e: (e.label.lower(), e.iri))
        self.position = {e.iri: n for n, e in enumerate(ordered)}
        self.degree: Counter = Counter()
        for r in kg.relations:
            self.degree[r.subject] += 1
            self.degree[r.object] += 1
        self.rows = [[e.label, e.label_zh, _entity_names(e), index[e.type],
                      links[e.iri], e.iri[len(ID):] if e.iri.startswith(ID) else e.iri, self.degree[e.iri]]
                     for e in ordered]
        documents = documents or {}
        self.documents = sorted(kg.documents)
        self.document_position = {name: n for n, name in enumerate(self.documents)}
        self.document_rows = [[name, documents.get(name, "")] for name in self.documents]

    def evidence(self, r: Relation) -> list:
        """A relation's evidence as shard data: a sentence as [document position, sentence, start offset], and
        when it was inferred or has a confidence, 1 if inferred else 0 and the confidence (or -1); reference
        data as [dataset IRI]."""
        out: list = []
        for ev in r.evidence[:EVIDENCE_SHOWN]:
            position = self.document_position.get(ev.source) if ev.is_text else None
            if position is None:
                out.append([ev.source])
            elif ev.derivation == INFERRED or ev.confidence is not None:
                out.append([position, ev.text, ev.start, int(ev.derivation == INFERRED),
                            -1 if ev.confidence is None else ev.confidence])
            else:
                out.append([position, ev.text, ev.start])
        return out

    def script(self) -> str:
        """The data as a script (a page opened from file:// can load a script, not fetch JSON): arrays, not
        objects, to stay small: entities as [label, Chinese label, other aliases, type, link from the output
        folder, IRI, number of relations], documents as [name, link], and the words a name may leave out
        (company forms)."""
        data = {"prefix": ID, "types": self.types, "entities": self.rows, "documents": self.document_rows,
                "optional": sorted(optional_words())}
        return ("/* industry-kg: every entity's names, type, page and IRI, and every document's page, for the search "
                f"of every page and for the shard pages. */\nwindow.kgSearchData = {to_json(data, False)};\n")


def render_index(kg: KnowledgeGraph, groups: list[tuple[str, list[dict]]], whole: dict, documents: list[dict],
                 shards: int = 0) -> str:
    return environment().get_template("index.html").render(
        entity_counts=kg.entity_counts(), relation_counts=kg.relation_counts(), documents=documents,
        whole=whole, groups=groups, assets=ASSETS, script_src=SHARED_SCRIPT_SRC, shards=shards,
        entities=len(kg.entities), documents_shown=500)
