"""Stage 7: interactive HTML views of the graph.

Every page is one self-contained file: vis-network (the copy shipped inside pyvis) and the page's data are
inlined, so a page opens from a file share or an e-mail attachment with no network access at all. pyvis
renders the page from our template (`kg/templates/graph.html`); we build the node and edge data ourselves
because pyvis's `add_node` is quadratic, and write UTF-8 ourselves because pyvis's `write_html` does not.

Names, aliases and evidence come from documents, so the pages treat them as text: the templates autoescape,
page data is embedded with Jinja's `tojson` (which escapes `<`, `>`, `&` and `'`) in a non-executable JSON
block, the page script only puts document text into the DOM through `textContent`, and a
Content-Security-Policy lets only the page's own scripts run (by hash) and forbids every network request.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyvis
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pyvis.network import Network

from kg.errors import ViewError
from kg.graph import KnowledgeGraph
from kg.reference import ID
from kg.relations import Evidence, Relation
from kg.resolve import ENTITY_TYPES, Entity

if TYPE_CHECKING:
    import pyoxigraph

    from kg.paths import PathAnswer

TYPE_STYLE = {
    "Province": ("#8c564b", "diamond"), "City": ("#d62728", "diamond"), "County": ("#ff7f0e", "diamond"),
    "Town": ("#bcbd22", "diamond"), "Park": ("#2ca02c", "square"), "Enterprise": ("#1f77b4", "dot"),
    "Industry": ("#9467bd", "triangle"), "Cluster": ("#e377c2", "star"),
}
OTHER_TYPE_STYLE = ("#7f7f7f", "dot")
RELATION_COLOURS = {
    "locatedIn": "#8c8c8c", "hasIndustry": "#9467bd", "inIndustry": "#17becf", "partOfCluster": "#e377c2",
    "clusterCentre": "#d62728", "investsIn": "#2ca02c", "chainMasterOf": "#ff7f0e", "supplies": "#1f77b4",
}
OTHER_RELATION_COLOURS = ("#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd")
EVIDENCE_SHOWN = 3  # evidence sentences embedded per edge; the rest are counted
VIEW_FOLDERS = ("region", "cluster", "enterprise")  # always written, so a rebuild never leaves stale pages
WHOLE_GRAPH_TITLE = "industry-kg: the whole graph"


@dataclass
class View:
    """What one page shows: the entities, the relations drawn between them, and the entities it is about."""

    title: str
    description: str
    entities: list[str]
    relations: list[Relation]
    focus: tuple[str, ...] = ()
    file: str = ""  # where the page lives, relative to the output folder ("" for a page written on its own)


@dataclass
class PageHeading:
    """The page header pyvis passes through to the template untouched (as its `heading`)."""

    title: str
    description: str
    home: str  # link to the index page, or ""
    types: list[dict] = field(default_factory=list)  # legend rows: name, colour, shape, count
    relations: list[dict] = field(default_factory=list)  # legend rows: name, colour, count


# ---------------------------------------------------------------------------------------------- views


class _Neighbours:
    """Undirected adjacency of a graph, to collect the entities of a view."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        self.adjacent: dict[str, set[str]] = defaultdict(set)
        self.degree: Counter = Counter()
        for r in kg.relations:
            self.adjacent[r.subject].add(r.object)
            self.adjacent[r.object].add(r.subject)
            self.degree[r.subject] += 1
            self.degree[r.object] += 1

    def of_type(self, iris: Iterable[str], *types: str) -> set[str]:
        return {n for iri in iris for n in self.adjacent[iri] if self.kg.entities[n].type in types}


def induced_relations(kg: KnowledgeGraph, members: set[str]) -> list[Relation]:
    return [r for r in kg.relations if r.subject in members and r.object in members]


def _view(kg: KnowledgeGraph, title: str, description: str, members: set[str], focus: tuple[str, ...],
          file: str = "") -> View:
    return View(title, description, sorted(members), induced_relations(kg, members), focus, file)


def whole_graph_view(kg: KnowledgeGraph, title: str = WHOLE_GRAPH_TITLE) -> View:
    return View(title, "Every entity and relation in the graph.", sorted(kg.entities), list(kg.relations),
                file="kg.html")


def region_view(kg: KnowledgeGraph, iri: str, neighbours: _Neighbours | None = None) -> View:
    """A county-level region: its towns, parks, enterprises, industries and the clusters they reach."""
    nb = neighbours or _Neighbours(kg)
    places = {iri} | nb.of_type([iri], "Town")
    parks: set[str] = set()
    while True:  # parks inside parks belong to the region too
        more = nb.of_type(places | parks, "Park") - parks
        if not more:
            break
        parks |= more
    enterprises = nb.of_type(places | parks, "Enterprise")
    industries = nb.of_type(places | parks | enterprises, "Industry")
    clusters = nb.of_type(industries, "Cluster")
    entity = _entity(kg, iri)
    return _view(kg, entity.label, "County-level region: its towns, parks, enterprises, industries and the "
                 "clusters they reach.", places | parks | enterprises | industries | clusters, (iri,),
                 page_path(iri))


def cluster_view(kg: KnowledgeGraph, iri: str, neighbours: _Neighbours | None = None) -> View:
    """A strategic cluster: its industries, its centre cities, and the enterprises that reach it."""
    nb = neighbours or _Neighbours(kg)
    industries = nb.of_type([iri], "Industry")
    cities = nb.of_type([iri], "City")
    enterprises = nb.of_type(industries | {iri}, "Enterprise")
    entity = _entity(kg, iri)
    return _view(kg, entity.label, "Strategic cluster: its industries, its centre cities and the enterprises "
                 "that reach it.", {iri} | industries | cities | enterprises, (iri,), page_path(iri))


def enterprise_view(kg: KnowledgeGraph, iri: str, hops: int = 2, neighbours: _Neighbours | None = None) -> View:
    """An enterprise's neighbourhood (any entity's, in fact): everything within `hops` relations of it,
    following relations either way."""
    nb = neighbours or _Neighbours(kg)
    members, frontier = {iri}, {iri}
    for _ in range(hops):
        frontier = {n for f in frontier for n in nb.adjacent[f]} - members
        members |= frontier
    entity = _entity(kg, iri)
    return _view(kg, entity.label, f"{entity.type}: its neighbourhood to {hops} hops.", members, (iri,),
                 page_path(iri))


def paths_view(kg: KnowledgeGraph, paths: Iterable[Sequence[str]], title: str = "",
               description: str = "Chains of relations between two entities.") -> View:
    """The entities on the paths, and every relation linking two consecutive entities of a path."""
    links: dict[frozenset, list[Relation]] = defaultdict(list)
    for r in kg.relations:
        links[frozenset((r.subject, r.object))].append(r)
    members: set[str] = set()
    relations: dict[tuple[str, str, str], Relation] = {}
    ends: list[str] = []
    for path in paths:
        path = list(path)
        for iri in path:
            _entity(kg, iri)
        members.update(path)
        if path:
            ends.extend((path[0], path[-1]))
        for a, b in zip(path, path[1:]):
            for r in links[frozenset((a, b))]:
                relations[(r.subject, r.predicate, r.object)] = r
    focus = tuple(dict.fromkeys(ends))
    if not title:
        title = " – ".join(kg.entities[i].label for i in focus[:2]) if focus else "No path"
    return View(title, description, sorted(members), [relations[k] for k in sorted(relations)], focus)


def _entity(kg: KnowledgeGraph, iri: str):
    try:
        return kg.entities[iri]
    except KeyError:
        raise ViewError(f"no entity {iri} in the graph") from None


def entity_views(kg: KnowledgeGraph) -> list[View]:
    """The per-entity pages `kg build` writes: county-level regions, clusters, and enterprises with at
    least two relations."""
    nb = _Neighbours(kg)
    by_label = sorted(kg.entities.values(), key=lambda e: (e.label.lower(), e.iri))
    views = [region_view(kg, e.iri, nb) for e in by_label if e.type == "County"]
    views += [cluster_view(kg, e.iri, nb) for e in by_label if e.type == "Cluster"]
    views += [enterprise_view(kg, e.iri, 2, nb) for e in by_label if e.type == "Enterprise" and nb.degree[e.iri] >= 2]
    return views


def page_path(iri: str) -> str:
    """The file of an entity's page relative to the output folder, from the IRI's last two path segments:
    `.../id/region/sihui` -> `region/sihui.html`. Segments are reduced to safe file-name characters; a
    name that had to change gets a short hash of the IRI so two IRIs never share a file."""
    rest = iri[len(ID):] if iri.startswith(ID) else iri.split("://", 1)[-1]
    segments = [s for s in re.split(r"[/#?]", rest) if s][-2:]
    if len(segments) < 2:
        segments = ["page", *segments] if segments else ["page", "x"]
    safe = [re.sub(r"[^a-z0-9_-]+", "-", s.lower()).strip("-")[:80] or "x" for s in segments]
    name = "/".join(safe)
    if safe != segments:
        name += "-" + hashlib.sha1(iri.encode()).hexdigest()[:8]
    return name + ".html"


# ---------------------------------------------------------------------------------------------- rendering


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as pyvis ships them (the JS keeps its licence header)."""
    libs = sorted(Path(pyvis.__file__).parent.glob("templates/lib/vis-*/vis-network.min.js"),
                  key=lambda p: [int(x) for x in re.findall(r"\d+", p.parent.name)])
    if not libs:
        raise ViewError("vis-network not found in the installed pyvis (templates/lib/vis-*/)")
    lib = libs[-1]
    js = _lf(lib.read_text(encoding="utf-8"))
    version = lib.parent.name.removeprefix("vis-")
    css = (f"/* vis-network {version} (https://visjs.github.io/vis-network/), as shipped in pyvis. "
           "(c) 2011-2017 Almende B.V, (c) 2017-2019 visjs contributors. Dual licensed under the Apache "
           "License 2.0 and the MIT License; see the notice at the top of the vis-network script below. */\n"
           + _lf((lib.parent / "vis-network.css").read_text(encoding="utf-8")))
    for text in (js, css):
        if re.search(r"</(script|style)", text, re.IGNORECASE):
            raise ViewError(f"{lib.parent} cannot be inlined: it contains a closing tag")
    return js, css


def _lf(text: str) -> str:
    """Browsers hash an inline script after turning CRLF into LF: inline (and hash) it that way already."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _json_text(text: str) -> Markup:
    """Already-serialised JSON made safe inside an HTML element (these characters only occur in strings)."""
    for ch in "&<>'":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return Markup(text)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("kg", "templates"), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["json_text"] = _json_text
    vis_js, vis_css = _vis_assets()
    layout_js, view_js, view_css = (_lf(env.loader.get_source(env, name)[0])
                                    for name in ("layout.js", "view.js", "view.css"))
    env.globals.update(
        vis_js=Markup(vis_js), vis_css=Markup(vis_css), layout_js=Markup(layout_js), view_js=Markup(view_js),
        view_css=Markup(view_css), script_hashes=" ".join(_script_hash(s) for s in (vis_js, layout_js, view_js)),
    )
    return env


def _relation_colour(predicate: str, known: list[str]) -> str:
    if predicate in RELATION_COLOURS:
        return RELATION_COLOURS[predicate]
    others = sorted(p for p in known if p not in RELATION_COLOURS)
    return OTHER_RELATION_COLOURS[others.index(predicate) % len(OTHER_RELATION_COLOURS)]


def page_data(kg: KnowledgeGraph, view: View, pages: dict[str, str] | None = None) -> tuple[list[dict], list[dict]]:
    """The vis-network nodes and edges of a view. `pages` maps IRIs to page files (relative to the output
    folder) so a node can link to its own page."""
    here = posixpath.dirname(view.file)
    focus = set(view.focus)
    nodes = []
    for iri in view.entities:
        e = kg.entities[iri]
        colour, shape = TYPE_STYLE.get(e.type, OTHER_TYPE_STYLE)
        page = (pages or {}).get(iri, "")
        nodes.append({
            "id": iri, "label": e.label, "labelZh": e.label_zh, "aliases": sorted(e.alt_labels),
            "entityType": e.type, "color": colour, "shape": shape, "size": 24 if iri in focus else 12,
            "borderWidth": 3 if iri in focus else 1,
            "page": posixpath.relpath(page, here or ".") if page and page != view.file else "",
        })
    predicates = sorted({r.predicate for r in view.relations})
    edges = []
    for i, r in enumerate(view.relations):
        # a sentence and its document, or (reference data) no sentence and the dataset's IRI
        evidence = [{"doc": ev.source, "text": ev.text if ev.is_text else ""} for ev in r.evidence]
        edges.append({
            "id": f"e{i}", "from": r.subject, "to": r.object, "label": r.predicate, "relation": r.predicate,
            "color": _relation_colour(r.predicate, predicates), "evidence": evidence[:EVIDENCE_SHOWN],
            "moreEvidence": max(0, len(evidence) - EVIDENCE_SHOWN), "amount": r.amount_text,
        })
    return nodes, edges


def vis_options(node_count: int) -> dict:
    """vis-network options: no physics (the page computes the layout once, see templates/layout.js), straight
    edges, edge labels only once zoomed in far enough to read them."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False},
        "physics": {"enabled": False},
        "nodes": {"font": {"size": 12, "face": "sans-serif"}},
        "edges": {"smooth": False, "width": 1, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 9, "face": "sans-serif", "color": "#555555", "strokeWidth": 2},
                  "scaling": {"label": {"drawThreshold": 8}}},
        "interaction": {"hover": True, "hideEdgesOnDrag": node_count > 500, "hideEdgesOnZoom": node_count > 1000,
                        "tooltipDelay": 150},
    }


def _legend(nodes: list[dict], edges: list[dict]) -> tuple[list[dict], list[dict]]:
    """Legend rows for the entity types and relations on a page, in ontology order, with their counts."""
    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    type_counts = Counter(n["entityType"] for n in nodes)
    types = [{"name": t, "colour": TYPE_STYLE.get(t, OTHER_TYPE_STYLE)[0],
              "shape": TYPE_STYLE.get(t, OTHER_TYPE_STYLE)[1], "count": n}
             for t, n in sorted(type_counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))]
    relation_counts = Counter(e["relation"] for e in edges)
    colours = {e["relation"]: e["color"] for e in edges}
    relations = [{"name": p, "colour": colours[p], "count": n} for p, n in sorted(relation_counts.items())]
    return types, relations


def render_page(kg: KnowledgeGraph, view: View, pages: dict[str, str] | None = None, home: str = "") -> str:
    """One view as a self-contained HTML page. `home` is the index page's file (relative to the output
    folder), or "" for a page without one."""
    nodes, edges = page_data(kg, view, pages)
    home_link = posixpath.relpath(home, posixpath.dirname(view.file) or ".") if home else ""
    heading = PageHeading(view.title, view.description, home_link, *_legend(nodes, edges))
    net = Network(height="100%", width="100%", directed=True, cdn_resources="remote", heading="")
    net.templateEnv = _environment()
    net.path = "graph.html"
    net.heading = heading
    net.nodes, net.edges = nodes, edges
    net.options = vis_options(len(nodes))
    return net.generate_html()


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def write_graph_page(kg: KnowledgeGraph, path: Path, title: str = WHOLE_GRAPH_TITLE) -> Path:
    """The whole graph as one page (without links to other pages)."""
    return _write(path, render_page(kg, whole_graph_view(kg, title)))


def write_paths_page(kg: KnowledgeGraph, paths: Iterable[Sequence[str]], file: Path | str, title: str = "") -> Path:
    """Write paths through the graph as one self-contained page to `file`, and return its path.

    `paths` is an iterable of paths, each a sequence of entity IRIs from one end to the other
    (`[from_iri, ..., to_iri]`); every relation linking two consecutive IRIs is drawn, whichever its
    direction. The ends of the paths are drawn larger. `title` defaults to "FROM – TO" (their labels).
    Raises ViewError if an IRI is not in the graph.

    Example:

        write_paths_page(kg, [[jintian, copper, advanced_materials_cluster]], "jintian.html")
    """
    return _write(Path(file), render_page(kg, paths_view(kg, paths, title)))


def path_answer_graph(store: pyoxigraph.Store, answer: PathAnswer) -> tuple[KnowledgeGraph, list[list[str]]]:
    """The entities and relations of a `kg.paths.PathAnswer` as a small graph, and its chains as IRI paths.
    Labels in Chinese and aliases are read from the store (`answer` only carries display labels)."""
    from kg.query import STANDARD_PREFIXES  # the store side is needed by `kg path --html` only

    entities: dict[str, Entity] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    chains = []
    for chain in answer.paths:
        chains.append([chain[0].start().iri] + [hop.end().iri for hop in chain])
        for hop in chain:
            for ref in (hop.subject, hop.object):
                entities.setdefault(ref.iri, Entity(ref.iri, ref.type, ref.label))
            ev = hop.evidence
            if ev is None:
                evidence = []
            elif ev.kind == "text":
                evidence = [Evidence(ev.source or "", ev.text or "", ev.start or 0)]
            else:
                evidence = [Evidence(ev.source or "")]  # a reference dataset
            relations.setdefault((hop.subject.iri, hop.relation, hop.object.iri), Relation(
                hop.subject.iri, hop.relation, hop.object.iri, evidence, amount_text=ev.amount or "" if ev else ""))
    if entities:
        values = " ".join(f"<{iri}>" for iri in sorted(entities))
        for e, p, o in store.query(f"SELECT ?e ?p ?o WHERE {{ VALUES ?e {{ {values} }} "
                                   "VALUES ?p { rdfs:label skos:altLabel } ?e ?p ?o }", prefixes=STANDARD_PREFIXES):
            entity = entities[e.value]
            if p.value.endswith("#label") and (o.language or "").startswith("zh") and not entity.label_zh:
                entity.label_zh = o.value
            elif o.value != entity.label and o.value != entity.label_zh:
                entity.alt_labels.add(o.value)
    ordered = sorted(relations.values(), key=lambda r: (r.subject, r.predicate, r.object))
    return KnowledgeGraph({}, entities, ordered), chains


def write_path_answer_page(store: pyoxigraph.Store, answer: PathAnswer, file: Path | str) -> Path:
    """`kg path ... --html FILE`: the chains of a `kg.paths.PathAnswer` as one self-contained page."""
    graph, chains = path_answer_graph(store, answer)
    source, target = answer.source.label, answer.target.label if answer.target else "strategic clusters"
    return write_paths_page(graph, chains, file, f"{source} → {target}")


def render_index(kg: KnowledgeGraph, views: list[View], whole: View) -> str:
    groups: dict[str, list[dict]] = defaultdict(list)
    titles = {"County": "County-level regions", "Cluster": "Strategic clusters", "Enterprise": "Enterprises"}
    for v in views:
        kind = kg.entities[v.focus[0]].type
        groups[titles.get(kind, kind)].append({"title": v.title, "file": v.file, "entities": len(v.entities),
                                               "relations": len(v.relations)})
    return _environment().get_template("index.html").render(
        entity_counts=kg.entity_counts(), relation_counts=kg.relation_counts(), documents=sorted(kg.documents),
        whole={"title": whole.title, "file": whole.file, "entities": len(whole.entities),
               "relations": len(whole.relations)},
        groups=[(t, groups[t]) for t in titles.values() if groups.get(t)],
    )


def write_views(kg: KnowledgeGraph, out_dir: Path) -> list[str]:
    """Write index.html, kg.html and a page per county-level region, cluster and enterprise with at least two
    relations (in subfolders named after the IRIs). Returns the top-level names written, for the caller to
    move into place."""
    views = entity_views(kg)
    whole = whole_graph_view(kg)
    pages = {v.focus[0]: v.file for v in views}
    for v in [whole, *views]:
        _write(out_dir / v.file, render_page(kg, v, pages, home="index.html"))
    _write(out_dir / "index.html", render_index(kg, views, whole))
    folders = {v.file.split("/", 1)[0] for v in views} | set(VIEW_FOLDERS)
    for folder in folders:
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    return ["index.html", "kg.html", *sorted(folders)]
