"""Stage 7: interactive HTML views of the graph.

`kg build` writes its pages around one shared copy of the code: vis-network (the copy shipped inside pyvis,
licence header kept), the layout and page scripts and the styles go to `assets/` once, and each page loads them
by a relative `<script src>` / `<link>`, so a page holds only its own data and still opens offline from a file
share (file://). A page written on its own (`write_graph_page`, `write_paths_page`, `kg path --html`) inlines
everything instead, since there is no folder of assets next to it.

Pages stay usable whatever the size of the graph. A small graph (up to LARGE_GRAPH entities, the seeds' is
~360) is drawn whole in kg.html, with a page per county, cluster and enterprise as before. A large one is drawn
aggregated in kg.html (counties sized by their enterprises, cities, clusters, the top industries, linked by how
many enterprises connect them); a view with more than VIEW_NODE_LIMIT entities draws a bounded selection and
lists the rest; and every entity without a page of its own gets an entry in one of SHARDS shard pages
(`entity/<n>.html#<type>/<name>`, the shard from a hash of the IRI so links hold across builds), since a page
per enterprise would be tens of thousands of files. The index's search (assets/search-data.js) finds any
entity by any label or alias and links to its page.

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
import heapq
import html
import json
import math
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyvis
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from kg.errors import ViewError
from kg.model import ENTITY_TYPES, Entity, Evidence, KnowledgeGraph, Relation
from kg.namespaces import ID

if TYPE_CHECKING:
    import pyoxigraph

    from kg.read.paths import PathAnswer

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
SHARD_FOLDER = "entity"
VIEW_FOLDERS = ("region", "cluster", "enterprise", SHARD_FOLDER)  # always written: a rebuild leaves no stale page
WHOLE_GRAPH_TITLE = "industry-kg: the whole graph"

# Size limits. Seeds: ~360 entities, the largest view ~250 nodes, so none of them applies there.
LARGE_GRAPH = 1500        # entities; above, kg.html aggregates and entities without a page get shard entries
VIEW_NODE_LIMIT = 300     # a view with more entities draws a bounded selection and lists the others
NEIGHBOURS_SHOWN = 40     # bounded neighbourhood: first-hop neighbours drawn (the rest listed)
UPWARD_SHOWN = 3          # bounded neighbourhood: second-hop places and clusters drawn per first-hop neighbour
TOP_DRAWN = {"Town": 30, "Park": 30, "Industry": 25, "Enterprise": 40, "City": 30}  # bounded county/cluster views
LISTED_LIMIT = 2000       # names listed beside a bounded view (the rest counted)
SHARD_LISTED_LIMIT = 200  # the same in a shard entry (a shard holds ~40 entries)
SHARDS = 1024             # shard pages of a large graph (fixed, so an entity's page never moves)
OVERVIEW_INDUSTRIES = 40  # industries drawn on the aggregated overview
OVERVIEW_LINKS = 4        # per county: the clusters and industries it links to, by number of enterprises
UPWARD = ("locatedIn", "partOfCluster")  # relations that lead from an entity to its context


@dataclass
class View:
    """What one page shows: the entities, the relations drawn between them, and the entities it is about.
    A bounded view also lists entities it does not draw (`listed`, `hidden` more beyond those) and counts
    (`summary`: titled rows of label, count, IRI)."""

    title: str
    description: str
    entities: list[str]
    relations: list[Relation]
    focus: tuple[str, ...] = ()
    file: str = ""  # where the page lives, relative to the output folder ("" for a page written on its own)
    listed: list[str] = field(default_factory=list)
    hidden: int = 0
    summary: list[tuple[str, list[tuple[str, int, str]]]] = field(default_factory=list)


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


# ---------------------------------------------------------------------------------------------- views


class _Neighbours:
    """Undirected adjacency of a graph and each entity's relations, indexed so that collecting a view costs
    what the view holds, not what the graph holds (a scan of every relation per page is minutes at 100k
    relations, and so is a scan of a hub's thousands of relations per page it appears on)."""

    def __init__(self, kg: KnowledgeGraph) -> None:
        self.kg = kg
        self.adjacent: dict[str, set[str]] = defaultdict(set)
        self.degree: Counter = Counter()
        self.outgoing: dict[str, list[Relation]] = defaultdict(list)
        for r in kg.relations:
            self.adjacent[r.subject].add(r.object)
            self.adjacent[r.object].add(r.subject)
            self.degree[r.subject] += 1
            self.degree[r.object] += 1
            self.outgoing[r.subject].append(r)
        # Each relation filed under its end of lower (degree, IRI): a hub's relations to the entities of a
        # view are found from their side, never by going through the hub's thousands.
        self.types = {iri: e.type for iri, e in kg.entities.items()}
        self._upward: dict[str, list[str]] = {}
        self._objects: dict[tuple, list[str]] = {}
        self._rank: dict[str, tuple] = {}
        self.lower: dict[str, list[tuple[int, str]]] = defaultdict(list)  # (position, the other end)
        for i, r in enumerate(kg.relations):
            a, b = (r.subject, r.object)
            if (self.degree[a], a) <= (self.degree[b], b):
                self.lower[a].append((i, b))
            else:
                self.lower[b].append((i, a))

    def type_of(self, iri: str) -> str:
        return self.types[iri]

    def of_type(self, iris: Iterable[str], *types: str) -> set[str]:
        kind = self.types
        return {n for iri in iris for n in self.adjacent[iri] if kind[n] in types}

    def induced_positions(self, members: set[str]) -> list[int]:
        """The positions in kg.relations of the relations between members, in order."""
        lower = self.lower
        return sorted(i for m in members for i, other in lower[m] if other in members)

    def induced(self, members: set[str]) -> list[Relation]:
        """The relations between members, in the graph's order."""
        return [self.kg.relations[i] for i in self.induced_positions(members)]

    def objects(self, iri: str, predicates: tuple[str, ...]) -> list[str]:
        """What an entity's outgoing relations of these predicates lead to (memoised: the county, cluster and
        overview counts ask about every enterprise, several times)."""
        key = (iri, predicates)
        found = self._objects.get(key)
        if found is None:
            found = self._objects[key] = [r.object for r in self.outgoing[iri] if r.predicate in predicates]
        return found

    def upward(self, iri: str) -> list[str]:
        """Up to UPWARD_SHOWN places or clusters an entity lies in (memoised: hubs are asked often)."""
        found = self._upward.get(iri)
        if found is None:
            found = self._upward[iri] = self.objects(iri, UPWARD)[:UPWARD_SHOWN]
        return found

    def rank(self, iri: str) -> tuple:
        """Who is drawn first around a hub: places and clusters, then the best connected, then by label."""
        found = self._rank.get(iri)
        if found is None:
            found = self._rank[iri] = (_HUB_ORDER.get(self.types[iri], 9), -self.degree[iri],
                                       self.kg.entities[iri].label.lower(), iri)
        return found

    def top(self, iris: Iterable[str], n: int, weight: Counter | None = None) -> list[str]:
        """The n entities that weigh most (by default: with most relations), ties by label."""
        w = weight if weight is not None else self.degree
        return heapq.nsmallest(n, iris, key=lambda i: (-w[i], self.kg.entities[i].label.lower(), i))

    def by_type_and_label(self, iris: Iterable[str], limit: int | None = None) -> list[str]:
        """Entities in ontology order of their types, then by label: the first `limit` of them."""
        order = {t: i for i, t in enumerate(ENTITY_TYPES)}
        entities, kind = self.kg.entities, self.types

        def key(i: str) -> tuple:
            return order.get(kind[i], 99), entities[i].label.lower(), i

        iris = list(iris)
        if limit is not None and len(iris) > limit:
            return heapq.nsmallest(limit, iris, key=key)
        return sorted(iris, key=key)


def induced_relations(kg: KnowledgeGraph, members: set[str]) -> list[Relation]:
    return [r for r in kg.relations if r.subject in members and r.object in members]


def _view(nb: _Neighbours, title: str, description: str, members: set[str], focus: tuple[str, ...],
          file: str = "") -> View:
    return View(title, description, sorted(members), nb.induced(members), focus, file)


def _bounded(nb: _Neighbours, title: str, description: str, drawn: set[str], members: set[str],
             focus: tuple[str, ...], file: str, limit: int = LISTED_LIMIT,
             summary: list | None = None) -> View:
    """A view that draws `drawn` and lists the other members (up to `limit`, the rest counted)."""
    rest = members - drawn
    view = _view(nb, title, description, drawn, focus, file)
    view.listed, view.hidden = nb.by_type_and_label(rest, limit), max(0, len(rest) - limit)
    view.summary = summary or []
    return view


def whole_graph_view(kg: KnowledgeGraph, title: str = WHOLE_GRAPH_TITLE) -> View:
    return View(title, "Every entity and relation in the graph.", sorted(kg.entities), list(kg.relations),
                file="kg.html")


def _counted(nb: _Neighbours, counts: Counter, n: int = 10) -> list[tuple[str, int, str]]:
    return [(nb.kg.entities[i].label, counts[i], i) for i in nb.top(counts, n, counts)]


def region_view(kg: KnowledgeGraph, iri: str, neighbours: _Neighbours | None = None) -> View:
    """A county-level region: its towns, parks, enterprises, industries and the clusters they reach. A large
    one draws its towns, parks and industries with most enterprises, the clusters and its best-connected
    enterprises, lists the rest and counts enterprises by place and by industry."""
    nb = neighbours or _Neighbours(kg)
    places = {iri} | nb.of_type([iri], "Town")
    parks: set[str] = set()
    frontier = places
    while frontier:  # parks inside parks belong to the region too
        frontier = nb.of_type(frontier, "Park") - parks
        parks |= frontier
    enterprises = nb.of_type(places | parks, "Enterprise")
    industries = nb.of_type(places | parks | enterprises, "Industry")
    clusters = {c for i in industries for c in nb.objects(i, ("partOfCluster",)) if nb.types[c] == "Cluster"}
    entity = _entity(kg, iri)
    members = places | parks | enterprises | industries | clusters
    description = "County-level region: its towns, parks, enterprises, industries and the clusters they reach."
    if len(members) <= VIEW_NODE_LIMIT:
        return _view(nb, entity.label, description, members, (iri,), page_path(iri))
    by_place, by_industry = Counter(), Counter()
    for e in enterprises:
        by_place.update(p for p in nb.objects(e, ("locatedIn",)) if p in places | parks)
        by_industry.update(i for i in nb.objects(e, ("inIndustry",)) if i in industries)
    drawn = ({iri} | clusters | set(nb.top(places - {iri}, TOP_DRAWN["Town"], by_place))
             | set(nb.top(parks, TOP_DRAWN["Park"], by_place))
             | set(nb.top(industries, TOP_DRAWN["Industry"], by_industry))
             | set(nb.top(enterprises, TOP_DRAWN["Enterprise"])))
    summary = [(f"Enterprises by place ({len(enterprises)})", _counted(nb, by_place)),
               ("Enterprises by industry", _counted(nb, by_industry))]
    return _bounded(nb, entity.label, description + f" {len(members)} entities: the drawing shows the main ones, "
                    "the list beside it the others.", drawn, members, (iri,), page_path(iri), summary=summary)


def cluster_view(kg: KnowledgeGraph, iri: str, neighbours: _Neighbours | None = None) -> View:
    """A strategic cluster: its industries, its centre cities, and the enterprises that reach it. A large one
    draws the industries with most enterprises and the best-connected enterprises, and lists the rest."""
    nb = neighbours or _Neighbours(kg)
    industries = nb.of_type([iri], "Industry")
    cities = nb.of_type([iri], "City")
    enterprises = nb.of_type(industries | {iri}, "Enterprise")
    entity = _entity(kg, iri)
    members = {iri} | industries | cities | enterprises
    description = "Strategic cluster: its industries, its centre cities and the enterprises that reach it."
    if len(members) <= VIEW_NODE_LIMIT:
        return _view(nb, entity.label, description, members, (iri,), page_path(iri))
    by_industry, by_county = Counter(), Counter()
    counties = _CountyFinder(nb)
    for e in enterprises:
        by_industry.update(i for i in nb.objects(e, ("inIndustry", "chainMasterOf")) if i in industries)
        by_county.update(counties.of_enterprise(e))
    drawn = ({iri} | set(nb.top(cities, TOP_DRAWN["City"]))
             | set(nb.top(industries, TOP_DRAWN["Industry"] * 2, by_industry))
             | set(nb.top(enterprises, TOP_DRAWN["Enterprise"])))
    summary = [(f"Enterprises by industry ({len(enterprises)})", _counted(nb, by_industry)),
               ("Enterprises by county", _counted(nb, by_county))]
    return _bounded(nb, entity.label, description + f" {len(members)} entities: the drawing shows the main ones, "
                    "the list beside it the others.", drawn, members, (iri,), page_path(iri), summary=summary)


_HUB_ORDER = {t: i for i, t in enumerate(("Province", "City", "County", "Cluster", "Town", "Park", "Industry"))}


def bounded_neighbourhood(nb: _Neighbours, iri: str, limit: int = LISTED_LIMIT) -> tuple[set[str], list[str], int]:
    """The entities drawn around an entity, the first `limit` neighbours left out (by type and label) and how
    many more there are. Drawn: its neighbours — of a hub, the NEIGHBOURS_SHOWN that come first by
    `_Neighbours.rank` — and, for each, up to UPWARD_SHOWN places or clusters it lies in, so a page stays
    small however many relations the hub has."""
    adjacent = nb.adjacent[iri]
    if len(adjacent) <= NEIGHBOURS_SHOWN:
        shown, rest = adjacent, []
    else:
        first = sorted(adjacent, key=nb.rank)
        shown, rest = first[:NEIGHBOURS_SHOWN], first[NEIGHBOURS_SHOWN:]
    drawn = {iri, *shown}
    for n in shown:
        drawn.update(nb.upward(n))
    if not rest:
        return drawn, [], 0
    return drawn, nb.by_type_and_label(rest, limit), max(0, len(rest) - limit)


def enterprise_view(kg: KnowledgeGraph, iri: str, hops: int = 2, neighbours: _Neighbours | None = None) -> View:
    """An enterprise's neighbourhood (any entity's, in fact): everything within `hops` relations of it,
    following relations either way — bounded (see bounded_neighbourhood) when that is more than
    VIEW_NODE_LIMIT entities."""
    nb = neighbours or _Neighbours(kg)
    entity = _entity(kg, iri)
    members, frontier = {iri}, {iri}
    for _ in range(hops):
        if sum(nb.degree[f] for f in frontier) > 4 * VIEW_NODE_LIMIT:
            members = set()  # too big to collect whole: a hub
            break
        frontier = {n for f in frontier for n in nb.adjacent[f]} - members
        members |= frontier
    if members and len(members) <= VIEW_NODE_LIMIT:
        return _view(nb, entity.label, f"{entity.type}: its neighbourhood to {hops} hops.", members, (iri,),
                     page_path(iri))
    drawn, rest, hidden = bounded_neighbourhood(nb, iri)
    view = _view(nb, entity.label, f"{entity.type}: {len(nb.adjacent[iri])} related entities; the drawing "
                 "shows the best connected and where they lie, the list beside it the others.", drawn, (iri,),
                 page_path(iri))
    view.listed, view.hidden = rest, hidden
    return view


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


def is_large(kg: KnowledgeGraph) -> bool:
    """Whether the graph is too big to draw whole or to give every enterprise a page of its own."""
    return len(kg.entities) > LARGE_GRAPH


def entity_views(kg: KnowledgeGraph, neighbours: _Neighbours | None = None) -> list[View]:
    """The per-entity pages `kg build` writes: county-level regions, clusters, and — in a graph that is not
    large — enterprises with at least two relations (a large graph's enterprises are in shard pages)."""
    nb = neighbours or _Neighbours(kg)
    by_label = sorted(kg.entities.values(), key=lambda e: (e.label.lower(), e.iri))
    views = [region_view(kg, e.iri, nb) for e in by_label if e.type == "County"]
    views += [cluster_view(kg, e.iri, nb) for e in by_label if e.type == "Cluster"]
    if not is_large(kg):
        views += [enterprise_view(kg, e.iri, 2, nb) for e in by_label
                  if e.type == "Enterprise" and nb.degree[e.iri] >= 2]
    return views


@cache
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


def page_key(iri: str) -> str:
    """An entity's name in a page address (`region/sihui`): what follows `#` to pick it on a page."""
    return page_path(iri)[:-len(".html")]


def shard_path(iri: str) -> str:
    """The shard page of an entity in a large graph, from a hash of its IRI (stable across builds)."""
    n = int(hashlib.sha1(iri.encode()).hexdigest()[:8], 16) % SHARDS
    return f"{SHARD_FOLDER}/{n:03x}.html"


# ---------------------------------------------------------------------------------------------- overview


class _CountyFinder:
    """Which county-level region a place or an enterprise lies in, following locatedIn upwards (memoised:
    every enterprise of a park asks about the same park)."""

    def __init__(self, nb: _Neighbours) -> None:
        self.nb = nb
        self.memo: dict[str, frozenset[str]] = {}

    def of_place(self, iri: str, depth: int = 0) -> frozenset[str]:
        if iri in self.memo:
            return self.memo[iri]
        if self.nb.type_of(iri) == "County":
            found = frozenset((iri,))
        elif depth > 6 or self.nb.type_of(iri) not in ("Town", "Park"):
            found = frozenset()
        else:
            self.memo[iri] = frozenset()  # a cycle of locatedIn ends here
            found = frozenset(c for p in self.nb.objects(iri, ("locatedIn",)) for c in self.of_place(p, depth + 1))
        self.memo[iri] = found
        return found

    def of_enterprise(self, iri: str) -> set[str]:
        return {c for p in self.nb.objects(iri, ("locatedIn",)) for c in self.of_place(p)}


@dataclass
class Overview:
    """The aggregated drawing of a large graph: vis-network nodes and edges made of counts."""

    nodes: list[dict]
    edges: list[dict]
    description: str


def _count_text(n: int, what: str) -> str:
    return f"{n:,} {what}" if n != 1 else f"1 {what.rstrip('s')}"


def overview(kg: KnowledgeGraph, nb: _Neighbours, pages: dict[str, str], here: str = "kg.html") -> Overview:
    """Counties (sized by their enterprises, with their enterprise and park counts), their cities, the
    clusters (with the enterprises that reach them) and the OVERVIEW_INDUSTRIES industries with most
    enterprises; edges: each county to the OVERVIEW_LINKS clusters and top industries most of its enterprises
    reach (weighted by that number), and the graph's own locatedIn, partOfCluster and clusterCentre relations
    between the nodes drawn. Every node links to its page."""
    counties = _CountyFinder(nb)
    enterprises_in: Counter = Counter()
    parks_in: Counter = Counter()
    reach: dict[str, Counter] = defaultdict(Counter)  # county -> cluster or industry -> enterprises
    industry_size: Counter = Counter()
    cluster_size: Counter = Counter()
    clusters_of = {i: set(nb.objects(i, ("partOfCluster",))) for i, e in kg.entities.items() if e.type == "Industry"}
    for iri, e in kg.entities.items():
        if e.type == "Park":
            parks_in.update(counties.of_place(iri))
        if e.type != "Enterprise":
            continue
        industries = {i for i in nb.objects(iri, ("inIndustry", "chainMasterOf")) if i in clusters_of}
        clusters = {c for i in industries for c in clusters_of[i]}
        industry_size.update(industries)
        cluster_size.update(clusters)
        for county in counties.of_enterprise(iri):
            enterprises_in[county] += 1
            reach[county].update(industries | clusters)
    county_iris = [i for i, e in kg.entities.items() if e.type == "County"]
    top_industries = set(nb.top(industry_size, OVERVIEW_INDUSTRIES, industry_size))
    cluster_iris = {i for i, e in kg.entities.items() if e.type == "Cluster"}
    cities = {c for county in county_iris for c in nb.objects(county, ("locatedIn",)) if nb.type_of(c) == "City"}
    cities |= {c for cl in cluster_iris for c in nb.objects(cl, ("clusterCentre",))}
    notes = {c: f"{_count_text(enterprises_in[c], 'enterprises')}, {_count_text(parks_in[c], 'parks')}"
             for c in county_iris}
    notes.update({c: f"{_count_text(cluster_size[c], 'enterprises')} reach it" for c in cluster_iris})
    notes.update({i: f"{_count_text(industry_size[i], 'enterprises')}" for i in top_industries})
    weights = {**enterprises_in, **cluster_size, **{i: industry_size[i] for i in top_industries}}
    drawn = set(county_iris) | cluster_iris | top_industries | cities
    nodes = [_overview_node(kg.entities[i], notes.get(i, ""), weights.get(i, 0), _link(pages.get(i, ""), here))
             for i in sorted(drawn)]
    edges = [_edge_dict(r, f"r{n}", 1) for n, r in enumerate(
        r for r in nb.induced(drawn) if r.predicate in ("locatedIn", "partOfCluster", "clusterCentre"))]
    for county in sorted(county_iris):
        links = Counter({t: n for t, n in reach[county].items() if t in cluster_iris or t in top_industries})
        for target in nb.top(links, OVERVIEW_LINKS, links):
            edges.append(_weighted_edge(f"w{len(edges)}", county, target, links[target], kg))
    description = (f"The graph holds {len(kg.entities):,} entities and {len(kg.relations):,} relations, too many "
                   f"to draw: here its {len(county_iris)} county-level regions (sized by their enterprises), their "
                   f"cities, the {len(cluster_iris)} clusters and the {len(top_industries)} industries with most "
                   "enterprises, linked by how many enterprises connect them. Click a node for its page; the "
                   "index finds any entity by name.")
    return Overview(nodes, edges, description)


def _overview_node(e: Entity, note: str, weight: int, page: str) -> dict:
    colour, shape = TYPE_STYLE.get(e.type, OTHER_TYPE_STYLE)
    return {"id": e.iri, "key": page_key(e.iri), "label": e.label, "labelZh": e.label_zh,
            "aliases": sorted(e.alt_labels), "entityType": e.type, "color": colour, "shape": shape,
            "size": round(10 + 3 * math.log2(1 + weight), 1), "borderWidth": 1, "page": page, "note": note}


def _weighted_edge(edge_id: str, source: str, target: str, n: int, kg: KnowledgeGraph) -> dict:
    what = "reach this cluster" if kg.entities[target].type == "Cluster" else "work in this industry"
    return {"id": edge_id, "from": source, "to": target, "label": f"{n:,}", "relation": "enterprises",
            "color": RELATION_COLOURS["enterprises"], "width": round(1 + 1.5 * math.log2(1 + n), 1),
            "evidence": [], "moreEvidence": 0, "amount": "",
            "note": f"{_count_text(n, 'enterprises')} of {kg.entities[source].label} {what}"}


# ---------------------------------------------------------------------------------------------- rendering


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


@lru_cache(maxsize=1)
def shared_assets() -> dict[str, str]:
    """The files of `assets/`, by name: the code and styles every page of a build loads (search-data.js, the
    index's search data, is written with them)."""
    _, vis_js, vis_css = _vis_library()
    env = _environment()
    own = {name: _lf(env.loader.get_source(env, name)[0])
           for name in ("layout.js", "view.js", "view.css", "search.js")}
    return {"vis-network.min.js": vis_js, "vis-network.css": vis_css, **own}


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


def _json(value, sort_keys: bool = True) -> Markup:
    return _json_text(json.dumps(value, sort_keys=sort_keys, ensure_ascii=False, separators=(",", ":")))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("kg.publish", "templates"), autoescape=True, undefined=StrictUndefined,
                      keep_trailing_newline=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    env.filters["json_text"] = _json_text
    return env


@lru_cache(maxsize=1)
def _inline_code() -> dict[str, Markup | str]:
    """What a page written on its own inlines, and the hashes its Content-Security-Policy allows."""
    env = _environment()
    vis_js, vis_css = _vis_assets()
    layout_js, view_js, view_css = (_lf(env.loader.get_source(env, name)[0])
                                    for name in ("layout.js", "view.js", "view.css"))
    return {"vis_js": Markup(vis_js), "vis_css": Markup(vis_css), "layout_js": Markup(layout_js),
            "view_js": Markup(view_js), "view_css": Markup(view_css),
            "script_src": " ".join(_script_hash(s) for s in (vis_js, layout_js, view_js))}


SHARED_SCRIPT_SRC = "'self' file:"  # Chromium matches 'self' to any file: URL, Firefox needs the scheme


def _csp(script_src: str, style_src: str) -> str:
    """A page's Content-Security-Policy: nothing from the network, scripts only from `script_src`."""
    return (f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src data:; base-uri 'none'; "
            "form-action 'none'")


def _relation_colour(predicate: str, known: list[str]) -> str:
    if predicate in RELATION_COLOURS:
        return RELATION_COLOURS[predicate]
    others = sorted(p for p in known if p not in RELATION_COLOURS)
    return OTHER_RELATION_COLOURS[others.index(predicate) % len(OTHER_RELATION_COLOURS)]


def _link(target: str, here: str) -> str:
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
            link = name
        elif "/" not in target_folder:
            link = ("../" if folder else "") + path
        else:
            link = posixpath.relpath(path, folder or ".")
    else:
        link = posixpath.relpath(path, folder)
    return link + ("#" + fragment if fragment else "")


def _node_dict(e: Entity, focus: bool, page: str) -> dict:
    colour, shape = TYPE_STYLE.get(e.type, OTHER_TYPE_STYLE)
    return {"id": e.iri, "key": page_key(e.iri), "label": e.label, "labelZh": e.label_zh,
            "aliases": sorted(e.alt_labels), "entityType": e.type, "color": colour, "shape": shape,
            "size": 24 if focus else 12, "borderWidth": 3 if focus else 1, "page": page}


def _edge_dict(r: Relation, edge_id: str, evidence_shown: int = EVIDENCE_SHOWN, predicates: Sequence[str] = ()
               ) -> dict:
    # a sentence and its document, or (reference data) no sentence and the dataset's IRI
    evidence = [{"doc": ev.source, "text": ev.text if ev.is_text else ""} for ev in r.evidence[:evidence_shown]]
    return {"id": edge_id, "from": r.subject, "to": r.object, "label": r.predicate, "relation": r.predicate,
            "color": _relation_colour(r.predicate, list(predicates)), "evidence": evidence,
            "moreEvidence": max(0, len(r.evidence) - evidence_shown), "amount": r.amount_text}


def page_data(kg: KnowledgeGraph, view: View, pages: dict[str, str] | None = None) -> tuple[list[dict], list[dict]]:
    """The vis-network nodes and edges of a view. `pages` maps IRIs to page files (relative to the output
    folder, maybe with a #fragment) so a node can link to its own page."""
    focus = set(view.focus)
    pages = pages or {}
    nodes = [_node_dict(kg.entities[iri], iri in focus, _link(pages.get(iri, ""), view.file or "page.html"))
             for iri in view.entities]
    predicates = sorted({r.predicate for r in view.relations})
    edges = [_edge_dict(r, f"e{i}", EVIDENCE_SHOWN, predicates) for i, r in enumerate(view.relations)]
    return nodes, edges


def _listed(kg: KnowledgeGraph, iris: Iterable[str], pages: dict[str, str], here: str) -> list[list[str]]:
    """Entities listed (not drawn) beside a view: label, Chinese label, type, link."""
    return [[kg.entities[i].label, kg.entities[i].label_zh, kg.entities[i].type, _link(pages.get(i, ""), here)]
            for i in iris]


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


def _legend(nodes: list[dict], edges: list[dict], counted: bool = True) -> tuple[list[dict], list[dict]]:
    """Legend rows for the entity types and relations on a page, in ontology order, with their counts
    (a shard page's script counts them for the entry it shows)."""
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


def _summary(view: View, pages: dict[str, str]) -> list[dict]:
    return [{"title": title, "rows": [(label, n, _link(pages.get(iri, ""), view.file)) for label, n, iri in rows]}
            for title, rows in view.summary if rows]


def _render(heading: PageHeading, nodes: list[dict], edges: list[dict], file: str, assets: str | None,
            listed: dict | None = None, shard: dict | None = None) -> str:
    """The page template filled in: code inlined (`assets` None) or loaded from the shared folder."""
    if assets is None:
        code = {**_inline_code(), "assets": "", "style_src": "'unsafe-inline'"}
    else:
        code = {"assets": posixpath.relpath(assets, posixpath.dirname(file) or "."), "script_src": SHARED_SCRIPT_SRC,
                "style_src": f"{SHARED_SCRIPT_SRC} 'unsafe-inline'"}
    # escaped but for quotes (none of ours is a double quote), so the policy reads as written in the source
    code["csp"] = Markup(html.escape(_csp(code.pop("script_src"), code.pop("style_src")), quote=False))
    return _environment().get_template("graph.html").render(
        page=heading, node_count=len(nodes), edge_count=len(edges), nodes_json=_json(nodes),
        edges_json=_json(edges), options_json=_json(vis_options(len(nodes))),
        listed_json=_json(listed) if listed else "", search_data=bool(shard or listed and "positions" in listed),
        shard_json=_json(shard, sort_keys=False) if shard else "", **code)


def render_page(kg: KnowledgeGraph, view: View, pages: dict[str, str] | None = None, home: str = "",
                assets: str | None = None, data: tuple[list[dict], list[dict]] | None = None,
                search: SearchIndex | None = None) -> str:
    """One view as an HTML page. `home` is the index page's file (relative to the output folder), or "" for a
    page without one; `assets` the shared assets folder (relative to the output folder), or None to inline
    the code (a page written on its own). `data` replaces the view's nodes and edges (the overview)."""
    pages = pages or {}
    nodes, edges = data or page_data(kg, view, pages)
    heading = PageHeading(view.title, view.description, _link(home, view.file) if home else "",
                          *_legend(nodes, edges), summary=_summary(view, pages),
                          listed=len(view.listed) + view.hidden)
    listed = None
    if (view.listed or view.hidden) and search is not None and assets is not None:
        # by position in the build's search data, which the page then loads: a few bytes a name
        listed = {"positions": [search.position[i] for i in view.listed], "hidden": view.hidden}
    elif view.listed or view.hidden:
        listed = {"items": _listed(kg, view.listed, pages, view.file), "hidden": view.hidden}
    return _render(heading, nodes, edges, view.file or "page.html", assets, listed)


def render_shard(kg: KnowledgeGraph, nb: _Neighbours, iris: list[str], file: str, pages: dict[str, str],
                 home: str = "index.html", assets: str = ASSETS, search: SearchIndex | None = None) -> str:
    """A shard page: the bounded neighbourhoods of several entities, each drawn when the page is opened with
    its key after `#` (`entity/3af.html#enterprise/jintian`). To stay small, a shard names its nodes by their
    position in the build's search data (assets/search-data.js, which it loads: every entity's names, type
    and page, once for all shards), stores an edge shared by its entries once, and a relation's evidence
    only in its subject's shard (the others say where it is): evidence is most of what remains."""
    search = search or SearchIndex(kg, pages)
    own = set(iris)
    position = search.position
    edge_index: dict[int, int] = {}
    edges: list[list] = []
    entries = {}
    relations = kg.relations
    for iri in iris:
        drawn, rest, hidden = bounded_neighbourhood(nb, iri, SHARD_LISTED_LIMIT)
        positions = nb.induced_positions(drawn)
        for i in positions:
            if i not in edge_index:
                edge_index[i] = len(edges)
                r = relations[i]
                evidence = search.evidence(i) if r.subject in own else []
                edges.append([position[r.subject], position[r.object], r.predicate, evidence,
                              len(r.evidence) - len(evidence), r.amount_text])
        e = kg.entities[iri]
        more = "; the drawing shows the best connected, the list the others." if rest else "."
        entries[page_key(iri)] = {
            "title": e.label, "focus": position[iri],
            "description": f"{e.type}: {_count_text(len(nb.adjacent[iri]), 'related entities')}{more}",
            "nodes": sorted(position[m] for m in drawn), "edges": [edge_index[i] for i in positions],
            "listed": [position[m] for m in rest], "hidden": hidden}
    predicates = sorted({e[2] for e in edges})
    types = search.types
    legend_nodes = [{"entityType": nb.types[m]} for m in {m for i in edge_index for m in
                                                          (relations[i].subject, relations[i].object)} | own]
    legend_edges = [{"relation": p, "color": _relation_colour(p, predicates)} for p in predicates]
    heading = PageHeading(f"industry-kg: {len(iris)} entities", "Pick an entity from the index's search.",
                          _link(home, file), *_legend(legend_nodes, legend_edges, counted=False), listed=1)
    shard = {"prefix": ID, "folder": SHARD_FOLDER, "styles": {t: TYPE_STYLE.get(t, OTHER_TYPE_STYLE) for t in types},
             "colours": {p: _relation_colour(p, predicates) for p in predicates}, "edges": edges, "entries": entries}
    return _render(heading, [], [], file, assets, None, shard)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def write_graph_page(kg: KnowledgeGraph, path: Path, title: str = WHOLE_GRAPH_TITLE) -> Path:
    """The whole graph as one self-contained page (without links to other pages)."""
    view = whole_graph_view(kg, title)
    view.file = ""
    return _write(path, render_page(kg, view))


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
    """The entities and relations of a `kg.read.paths.PathAnswer` as a small graph, and its chains as IRI paths.
    Labels in Chinese and aliases are read from the store (`answer` only carries display labels)."""
    from kg.read.query import STANDARD_PREFIXES  # the store side is needed by `kg path --html` only

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
    """`kg path ... --html FILE`: the chains of a `kg.read.paths.PathAnswer` as one self-contained page."""
    graph, chains = path_answer_graph(store, answer)
    source, target = answer.source.label, answer.target.label if answer.target else "strategic clusters"
    return write_paths_page(graph, chains, file, f"{source} → {target}")


def inline_assets(path: Path | str) -> str:
    """A page `kg build` wrote, with the shared code of its assets folder inlined and allowed by hash: a page
    that works where relative files cannot be loaded (a notebook's sandboxed `srcdoc` frame)."""
    text = Path(path).read_text(encoding="utf-8")
    code = shared_assets()
    hashes = []

    def script(m: re.Match) -> str:
        js = code[posixpath.basename(m.group(1))]
        hashes.append(_script_hash(js))
        return f"<script>{js}</script>"

    def style(m: re.Match) -> str:
        return f"<style>{code[posixpath.basename(m.group(1))]}</style>"

    text = re.sub(r'<script src="([^"]+/(?:vis-network\.min|layout|view)\.js)"></script>', script, text)
    text = re.sub(r'<link rel="stylesheet" href="([^"]+/(?:vis-network|view)\.css)">', style, text)
    if not hashes:
        return text  # a page written on its own: inlined already
    policy = html.escape(_csp(" ".join(hashes), "'unsafe-inline'"), quote=False)
    return re.sub(r'(<meta http-equiv="Content-Security-Policy" content=")[^"]*"', lambda m: f'{m.group(1)}{policy}"',
                  text, count=1)


# ---------------------------------------------------------------------------------------------- a build's pages


def page_links(kg: KnowledgeGraph, views: list[View], large: bool) -> dict[str, str]:
    """Where each entity is shown, relative to the output folder: its own page, else (a large graph) its
    shard entry, else (a small one) its node on the whole graph (`kg.html#town/dasha`)."""
    own = {v.focus[0]: v.file for v in views}
    if large:
        return {iri: own.get(iri) or f"{shard_path(iri)}#{page_key(iri)}" for iri in kg.entities}
    return {iri: own.get(iri) or f"kg.html#{page_key(iri)}" for iri in kg.entities}


class SearchIndex:
    """Every entity's names, type, page and IRI (without the common prefix), by label: the index's search
    finds any entity in it, and shard pages name their nodes by position in it."""

    def __init__(self, kg: KnowledgeGraph, links: dict[str, str]) -> None:
        self.kg = kg
        self.types = list(ENTITY_TYPES) + sorted({e.type for e in kg.entities.values()} - set(ENTITY_TYPES))
        index = {t: i for i, t in enumerate(self.types)}
        ordered = sorted(kg.entities.values(), key=lambda e: (e.label.lower(), e.iri))
        self.position = {e.iri: n for n, e in enumerate(ordered)}
        self.rows = [[e.label, e.label_zh, sorted(e.alt_labels - {e.label, e.label_zh}), index[e.type],
                      links[e.iri], e.iri[len(ID):] if e.iri.startswith(ID) else e.iri] for e in ordered]
        self._evidence: dict[int, list] = {}

    def evidence(self, position: int) -> list:
        """A relation's evidence as shard data: [document, sentence] pairs (the sentence "" for reference data)."""
        found = self._evidence.get(position)
        if found is None:
            r = self.kg.relations[position]
            found = self._evidence[position] = [[ev.source, ev.text if ev.is_text else ""]
                                                for ev in r.evidence[:EVIDENCE_SHOWN]]
        return found

    def script(self) -> str:
        """The data as a script (a page opened from file:// can load a script, not fetch JSON): arrays, not
        objects, to stay small: [label, Chinese label, other aliases, type, link from the output folder, IRI]."""
        return ("/* industry-kg: every entity's names, type, page and IRI, for the search on index.html and the "
                "shard pages. */\n"
                f"window.kgSearchData = {_json({'prefix': ID, 'types': self.types, 'entities': self.rows}, False)};\n")


def search_data(kg: KnowledgeGraph, links: dict[str, str]) -> str:
    """The index's search data as a script (see SearchIndex)."""
    return SearchIndex(kg, links).script()


def render_index(kg: KnowledgeGraph, views: list[View], whole: View, shards: int = 0) -> str:
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
        groups=[(t, groups[t]) for t in titles.values() if groups.get(t)], assets=ASSETS,
        script_src=SHARED_SCRIPT_SRC, shards=shards, entities=len(kg.entities), documents_shown=200,
    )


def write_views(kg: KnowledgeGraph, out_dir: Path) -> list[str]:
    """Write index.html, kg.html, the shared assets and a page per county-level region and cluster; per
    enterprise with at least two relations in a graph that is not large, else shard pages for every other
    entity (in subfolders named after the IRIs). Returns the top-level names written, for the caller to move
    into place."""
    nb = _Neighbours(kg)
    large = is_large(kg)
    views = entity_views(kg, nb)
    links = page_links(kg, views, large)
    for name, text in shared_assets().items():
        _write(out_dir / ASSETS / name, text)
    search = SearchIndex(kg, links)
    _write(out_dir / ASSETS / "search-data.js", search.script())
    if large:
        whole = View(WHOLE_GRAPH_TITLE, "", [], [], file="kg.html")
        agg = overview(kg, nb, links)
        whole.description = agg.description
        _write(out_dir / "kg.html", render_page(kg, whole, links, "index.html", ASSETS, (agg.nodes, agg.edges)))
        whole.entities, whole.relations = sorted(kg.entities), list(kg.relations)  # what the index counts
    else:
        whole = whole_graph_view(kg)
        _write(out_dir / "kg.html", render_page(kg, whole, links, "index.html", ASSETS))
    for v in views:
        _write(out_dir / v.file, render_page(kg, v, links, "index.html", ASSETS, search=search))
    shards: dict[str, list[str]] = defaultdict(list)
    if large:
        for iri, link in links.items():
            if link.startswith(SHARD_FOLDER + "/"):
                shards[link.split("#", 1)[0]].append(iri)
        for file, iris in sorted(shards.items()):
            _write(out_dir / file, render_shard(kg, nb, sorted(iris), file, links, search=search))
    _write(out_dir / "index.html", render_index(kg, views, whole, len(shards)))
    folders = {v.file.split("/", 1)[0] for v in views} | set(VIEW_FOLDERS)
    for folder in folders:
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    return ["index.html", "kg.html", ASSETS, *sorted(folders)]
