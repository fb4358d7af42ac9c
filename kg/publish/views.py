"""Stage 7: interactive HTML views of the graph — what each page shows, and a build's pages written.

Every entity has a page. A small graph (up to LARGE_GRAPH entities, the seeds' is ~360) gets a file per entity
(`region/sihui.html`, `enterprise/jintian.html`, `industry/copper.html` ...) and the whole graph in kg.html,
its industries folded into their clusters. A county-level region's page draws its towns, parks, enterprises,
industries and the clusters they reach; a cluster's its industries, centres and enterprises; any other
entity's page draws the entity, its direct relations and, for each related entity, where it lies and which
cluster it falls in (an enterprise's chains to its clusters), at most FOCUS_LIMIT entities however connected it
is. A large graph is drawn aggregated in kg.html (counties sized by their enterprises, cities, clusters, the
top industries, linked by how many enterprises connect them); a view with more than VIEW_NODE_LIMIT entities
draws a bounded selection and lists the rest; and every entity without a page of its own gets an entry in one
of SHARDS shard pages (`entity/<n>.html#<type>/<name>`, the shard from a hash of the IRI so links hold across
builds), since a page per enterprise would be tens of thousands of files.

Every document has a page (kg.publish.documents) showing its text with its mentions and the sentences that
state relations marked, and every sentence on every page links to its place there. An IRI an entity was known
by before (owl:sameAs) keeps a page that sends the reader on. The search of every page (assets/search-data.js)
finds any entity by any label or alias, typos forgiven as `kg show` forgives them (templates/match.js).
Rendering and the pages' safety rules are in kg.publish.html.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import os
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ViewError
from kg.model import ENTITY_TYPES, DocumentExtraction, Entity, Evidence, KnowledgeGraph, Relation
from kg.publish import documents as document_pages
from kg.publish.html import (
    ASSETS,
    OTHER_TYPE_STYLE,
    RELATION_COLOURS,
    TYPE_STYLE,
    SearchIndex,
    Site,
    confidences,
    csp,
    link,
    render_index,
    render_page,
    render_redirect,
    render_shard,
    script_hash,
    shared_assets,
)
from kg.publish.rdf import doc_iri
from kg.read.pages import DOCUMENT_FOLDER, page_key, page_path

if TYPE_CHECKING:
    import pyoxigraph

    from kg.read.paths import PathAnswer

__all__ = ["TYPE_STYLE", "OTHER_TYPE_STYLE", "page_key", "page_path", "View", "write_views", "write_graph_page",
           "write_paths_page", "write_path_answer_page", "inline_assets"]

SHARD_FOLDER = "entity"
# always written: a rebuild leaves no stale page
VIEW_FOLDERS = ("region", "cluster", "enterprise", "park", "industry", SHARD_FOLDER, DOCUMENT_FOLDER)
WHOLE_GRAPH_TITLE = "industry-kg: the whole graph"

# Size limits. Seeds: ~360 entities, the largest view ~250 nodes.
LARGE_GRAPH = 1500        # entities; above, kg.html aggregates and entities without a page get shard entries
VIEW_NODE_LIMIT = 300     # a county or cluster view with more entities draws a bounded selection, lists the rest
FOCUS_LIMIT = 60          # an entity's own page: at most this many entities drawn
NEIGHBOURS_SHOWN = 40     # of them, entities it is related to (the rest listed)
CONTEXT_DEPTH = 1         # and for each, this many steps up: the place a park lies in, the cluster of an industry
UPWARD_SHOWN = 3          # places or clusters followed up from one entity
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
    (`summary`: titled rows of label, count, IRI). `degree` sizes the nodes (relations in the whole graph;
    None: on the page), `fold` folds industries into a cluster until it is clicked (industry -> cluster), and
    a paths page lists its `chains` (each hop as the entity it leaves and the relation it follows)."""

    title: str
    description: str
    entities: list[str]
    relations: list[Relation]
    focus: tuple[str, ...] = ()
    file: str = ""  # where the page lives, relative to the output folder ("" for a page written on its own)
    listed: list[str] = field(default_factory=list)
    hidden: int = 0
    summary: list[tuple[str, list[tuple[str, int, str]]]] = field(default_factory=list)
    degree: Counter | None = None
    fold: dict[str, str] = field(default_factory=dict)
    chains: list[list[tuple[str, Relation]]] = field(default_factory=list)


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
        self._confidences: dict[int, tuple[float | None, float | None]] = {}
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

    def confidences(self, position: int) -> tuple[float | None, float | None]:
        """`confidences` of the relation at this position (memoised: a hub's relation to a town, stated in
        thousands of sentences, is drawn on many shard pages)."""
        found = self._confidences.get(position)
        if found is None:
            found = self._confidences[position] = confidences(self.kg.relations[position].evidence)
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


_HUB_ORDER = {t: i for i, t in enumerate(("Province", "City", "County", "Cluster", "Town", "Park", "Industry"))}


def _view(nb: _Neighbours, title: str, description: str, members: set[str], focus: tuple[str, ...],
          file: str = "") -> View:
    return View(title, description, sorted(members), nb.induced(members), focus, file, degree=nb.degree)


def _bounded(nb: _Neighbours, title: str, description: str, drawn: set[str], members: set[str],
             focus: tuple[str, ...], file: str, limit: int = LISTED_LIMIT,
             summary: list | None = None) -> View:
    """A view that draws `drawn` and lists the other members (up to `limit`, the rest counted)."""
    rest = members - drawn
    view = _view(nb, title, description, drawn, focus, file)
    view.listed, view.hidden = nb.by_type_and_label(rest, limit), max(0, len(rest) - limit)
    view.summary = summary or []
    return view


def folded_industries(kg: KnowledgeGraph, nb: _Neighbours | None = None) -> dict[str, str]:
    """Each industry in a cluster's scope -> the cluster it folds into on the overview (of several, the best
    connected): the overview draws clusters and unfolds one's industries on a click."""
    nb = nb or _Neighbours(kg)
    fold = {}
    for iri, e in kg.entities.items():
        if e.type == "Industry":
            clusters = [c for c in nb.objects(iri, ("partOfCluster",)) if nb.types.get(c) == "Cluster"]
            if clusters:
                fold[iri] = min(clusters, key=lambda c: (-nb.degree[c], c))
    return fold


def whole_graph_view(kg: KnowledgeGraph, title: str = WHOLE_GRAPH_TITLE, fold: bool = False) -> View:
    """Every entity and relation; with `fold`, industries folded into their clusters until clicked."""
    folded = folded_industries(kg) if fold else {}
    description = "Every entity and relation in the graph."
    return View(title, description, sorted(kg.entities), list(kg.relations), file="kg.html", fold=folded)


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
    by_place: Counter = Counter()
    by_industry: Counter = Counter()
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
    by_industry: Counter = Counter()
    by_county: Counter = Counter()
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


def focus_selection(nb: _Neighbours, iri: str, limit: int = LISTED_LIMIT) -> tuple[set[str], list[str], int]:
    """What an entity's own page draws, the first `limit` related entities it lists instead (by type and
    label) and how many more there are. Drawn: the entity, the NEIGHBOURS_SHOWN related entities that come
    first by `_Neighbours.rank` (places and clusters, then the best connected), then, breadth first, for each
    of them up to CONTEXT_DEPTH steps up (the places it lies in, the clusters it falls in: an enterprise's
    chains to its clusters) while fewer than FOCUS_LIMIT entities are drawn. Never two hops through a hub."""
    ranked = sorted(nb.adjacent[iri], key=nb.rank)
    shown, rest = ranked[:NEIGHBOURS_SHOWN], ranked[NEIGHBOURS_SHOWN:]
    drawn = {iri, *shown}
    frontier = shown
    for _ in range(CONTEXT_DEPTH):
        reached = []
        for n in frontier:
            for up in nb.upward(n):
                if up not in drawn and len(drawn) < FOCUS_LIMIT:
                    drawn.add(up)
                    reached.append(up)
        frontier = reached
    if not rest:
        return drawn, [], 0
    return drawn, nb.by_type_and_label(rest, limit), max(0, len(rest) - limit)


def _focus_description(nb: _Neighbours, iri: str, rest: bool) -> str:
    e = nb.kg.entities[iri]
    related = len(nb.adjacent[iri])
    return (f"{e.type}: {_count_text(related, 'related entities')}" + (
        " (the drawing shows the main ones, the list beside it the others)" if rest else "")
        + ", and where they lie and which clusters they fall in.")


def focus_view(kg: KnowledgeGraph, iri: str, neighbours: _Neighbours | None = None) -> View:
    """An entity's own page (see focus_selection): itself, its direct relations, their context."""
    nb = neighbours or _Neighbours(kg)
    entity = _entity(kg, iri)
    drawn, rest, hidden = focus_selection(nb, iri)
    view = _view(nb, entity.label, _focus_description(nb, iri, bool(rest)), drawn, (iri,), page_path(iri))
    view.listed, view.hidden = rest, hidden
    return view


def paths_view(kg: KnowledgeGraph, paths: Iterable[Sequence[str]], title: str = "",
               description: str = "Chains of relations between two entities.") -> View:
    """The entities on the paths, and every relation linking two consecutive entities of a path; each chain
    listed hop by hop (the relation the graph states between the two, the most specific when several)."""
    links: dict[frozenset, list[Relation]] = defaultdict(list)
    for r in kg.relations:
        links[frozenset((r.subject, r.object))].append(r)
    members: set[str] = set()
    relations: dict[tuple[str, str, str], Relation] = {}
    ends: list[str] = []
    chains = []
    for path in paths:
        path = list(path)
        for iri in path:
            _entity(kg, iri)
        members.update(path)
        if path:
            ends.extend((path[0], path[-1]))
        chain = []
        for a, b in zip(path, path[1:]):
            between = links[frozenset((a, b))]
            for r in between:
                relations[(r.subject, r.predicate, r.object)] = r
            if between:
                chain.append((a, between[0]))
        if chain:
            chains.append(chain)
    focus = tuple(dict.fromkeys(ends))
    if not title:
        title = " – ".join(kg.entities[i].label for i in focus[:2]) if focus else "No path"
    ordered = [relations[k] for k in sorted(relations)]
    return View(title, description, sorted(members), ordered, focus, chains=chains)


def _entity(kg: KnowledgeGraph, iri: str) -> Entity:
    try:
        return kg.entities[iri]
    except KeyError:
        raise ViewError(f"no entity {iri} in the graph") from None


def is_large(kg: KnowledgeGraph) -> bool:
    """Whether the graph is too big to draw whole or to give every entity a file of its own."""
    return len(kg.entities) > LARGE_GRAPH


def entity_views(kg: KnowledgeGraph, neighbours: _Neighbours | None = None) -> list[View]:
    """The pages of their own `kg build` writes: county-level regions and clusters, and — in a graph that is not
    large — every other entity (in a large graph, those are shard entries)."""
    nb = neighbours or _Neighbours(kg)
    by_label = sorted(kg.entities.values(), key=lambda e: (e.label.lower(), e.iri))
    views = [region_view(kg, e.iri, nb) for e in by_label if e.type == "County"]
    views += [cluster_view(kg, e.iri, nb) for e in by_label if e.type == "Cluster"]
    if not is_large(kg):
        views += [focus_view(kg, e.iri, nb) for e in by_label if e.type not in ("County", "Cluster")]
    return views


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
    return f"{n:,} {what}" if n != 1 else f"1 {what.rstrip('s')}".replace("entitie", "entity")


def overview(kg: KnowledgeGraph, nb: _Neighbours, pages: dict[str, str], here: str = "kg.html") -> Overview:
    """Counties (sized by their enterprises, with their enterprise and park counts), their cities, the
    clusters (with the enterprises that reach them) and the OVERVIEW_INDUSTRIES industries with most
    enterprises; edges: each county to the OVERVIEW_LINKS clusters and top industries most of its enterprises
    reach (weighted by that number), and the graph's own locatedIn, partOfCluster and clusterCentre relations
    between the nodes drawn. Every node links to its page."""
    from kg.publish.html import label_ranks, node_dict

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
    weights = Counter({**enterprises_in, **cluster_size, **{i: industry_size[i] for i in top_industries}})
    drawn = set(county_iris) | cluster_iris | top_industries | cities
    ranks = label_ranks(kg, drawn, weights)
    nodes = []
    for i in sorted(drawn):
        node = node_dict(kg.entities[i], link(pages.get(i, ""), here), nb.degree[i], ranks[i], note=notes.get(i, ""))
        node["size"] = round(10 + 3 * math.log2(1 + weights.get(i, 0)), 1)
        nodes.append(node)
    edges = [_overview_edge(r, f"r{n}") for n, r in enumerate(
        r for r in nb.induced(drawn) if r.predicate in ("locatedIn", "partOfCluster", "clusterCentre"))]
    for county in sorted(county_iris):
        links = Counter({t: n for t, n in reach[county].items() if t in cluster_iris or t in top_industries})
        for target in nb.top(links, OVERVIEW_LINKS, links):
            edges.append(_weighted_edge(f"w{len(edges)}", county, target, links[target], kg))
    description = (f"The graph holds {len(kg.entities):,} entities and {len(kg.relations):,} relations, too many "
                   f"to draw: here its {len(county_iris)} county-level regions (sized by their enterprises), their "
                   f"cities, the {len(cluster_iris)} clusters and the {len(top_industries)} industries with most "
                   "enterprises, linked by how many enterprises connect them. Click a node for its page; the "
                   "search finds any entity by name.")
    return Overview(nodes, edges, description)


def _overview_edge(r: Relation, edge_id: str) -> dict:
    """A relation of the aggregated overview: its evidence is on the pages of its ends."""
    edge = {"id": edge_id, "from": r.subject, "to": r.object, "relation": r.predicate,
            "color": RELATION_COLOURS.get(r.predicate, OTHER_TYPE_STYLE[0]), "evidence": [],
            "moreEvidence": len(r.evidence), "amount": r.amount_text}
    stated, inferred = confidences(r.evidence)
    if (stated, inferred) != (1, None):
        edge.update(stated=stated, inferred=inferred)
    return edge


def _weighted_edge(edge_id: str, source: str, target: str, n: int, kg: KnowledgeGraph) -> dict:
    what = "reach this cluster" if kg.entities[target].type == "Cluster" else "work in this industry"
    return {"id": edge_id, "from": source, "to": target, "relation": "enterprises",
            "color": RELATION_COLOURS["enterprises"], "width": round(1 + 1.5 * math.log2(1 + n), 1),
            "evidence": [], "moreEvidence": 0, "amount": "",
            "note": f"{_count_text(n, 'enterprises')} of {kg.entities[source].label} {what}"}


# ---------------------------------------------------------------------------------------------- shards


def shard_entries(site: Site, nb: _Neighbours, iris: list[str]) -> tuple[list[dict], list[list]]:
    """The entries of one shard page: each entity's page (focus_selection) with its nodes named by position
    in the build's search data (which also gives the entity's name, type and number of relations: the page
    script writes its title and description from them), the names it lists rather than draws (`listed`,
    `hidden` more), and the edges they draw, each stored once for the shard (an edge shared by
    several entries too) as [from, to, relation, evidence, more evidence, amount] and, unless its evidence is
    stated with no doubt recorded, the best confidences stated and inferred; its evidence only in its
    subject's shard (the others say where it is): evidence is most of what remains."""
    search = site.search
    assert search is not None
    own = set(iris)
    position = search.position
    edge_index: dict[int, int] = {}
    edges: list[list] = []
    entries = []
    relations = nb.kg.relations
    for iri in iris:
        drawn, rest, hidden = focus_selection(nb, iri, SHARD_LISTED_LIMIT)
        positions = nb.induced_positions(drawn)
        for i in positions:
            if i not in edge_index:
                edge_index[i] = len(edges)
                r = relations[i]
                evidence = search.evidence(r) if r.subject in own else []
                edge = [position[r.subject], position[r.object], r.predicate, evidence,
                        len(r.evidence) - len(evidence), r.amount_text]
                sure = nb.confidences(i)
                if sure != (1, None):
                    edge += sure
                edges.append(edge)
        entry = {"key": page_key(iri), "focus": position[iri], "nodes": sorted(position[m] for m in drawn),
                 "edges": [edge_index[i] for i in positions]}
        if rest:
            entry.update(listed=[position[m] for m in rest], hidden=hidden)
        entries.append(entry)
    return entries, edges


# ---------------------------------------------------------------------------------------------- writing


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def write_graph_page(kg: KnowledgeGraph, path: Path, title: str = WHOLE_GRAPH_TITLE) -> Path:
    """The whole graph as one self-contained page (without links to other pages)."""
    view = whole_graph_view(kg, title)
    view.file = ""
    return _write(path, render_page(Site(kg), view))


def write_paths_page(kg: KnowledgeGraph, paths: Iterable[Sequence[str]], file: Path | str, title: str = "",
                     documents: dict[str, str] | None = None) -> Path:
    """Write paths through the graph as one self-contained page to `file`, and return its path.

    `paths` is an iterable of paths, each a sequence of entity IRIs from one end to the other
    (`[from_iri, ..., to_iri]`); every relation linking two consecutive IRIs is drawn, whichever its
    direction, and each chain is listed hop by hop beside the drawing with its evidence. The ends of the
    paths are drawn larger. `title` defaults to "FROM – TO" (their labels). `documents` maps document names to
    their pages (relative to the page's folder), for links to the sentences. Raises ViewError if an IRI is
    not in the graph.

    Example:

        write_paths_page(kg, [[jintian, copper, advanced_materials_cluster]], "jintian.html")
    """
    return _write(Path(file), render_page(Site(kg, documents=documents or {}), paths_view(kg, paths, title)))


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
                evidence = [Evidence(ev.source or "", ev.text or "", ev.start or 0,
                                     ev.end if ev.end is not None else -1, ev.derivation or "stated", ev.confidence)]
            else:
                evidence = [Evidence(ev.source or "")]  # a reference dataset
            relations.setdefault((hop.subject.iri, hop.relation, hop.object.iri), Relation(
                hop.subject.iri, hop.relation, hop.object.iri, evidence, amount_text=ev.amount or "" if ev else ""))
    if entities:
        values = " ".join(f"<{iri}>" for iri in sorted(entities))
        for e, p, o in store.query(f"SELECT ?e ?p ?o WHERE {{ VALUES ?e {{ {values} }} "  # type: ignore[union-attr]
                                   "VALUES ?p { rdfs:label skos:altLabel } ?e ?p ?o }", prefixes=STANDARD_PREFIXES):
            entity = entities[e.value]
            if p.value.endswith("#label") and (o.language or "").startswith("zh") and not entity.label_zh:
                entity.label_zh = o.value
            elif o.value != entity.label and o.value != entity.label_zh:
                entity.alt_labels.add(o.value)
    ordered = sorted(relations.values(), key=lambda r: (r.subject, r.predicate, r.object))
    return KnowledgeGraph({}, entities, ordered), chains


def write_path_answer_page(store: pyoxigraph.Store, answer: PathAnswer, file: Path | str,
                           graph_dir: Path | str | None = None) -> Path:
    """`kg path ... --html FILE`: the chains of a `kg.read.paths.PathAnswer` as one self-contained page, each
    hop listed with its evidence; with `graph_dir` (the build's folder), each sentence links to its place in
    its document's page there."""
    graph, chains = path_answer_graph(store, answer)
    documents: dict[str, str] = {}
    if graph_dir is not None:
        folder = Path(file).resolve().parent
        for hop in (h for chain in answer.paths for h in chain):
            ev = hop.evidence
            if ev is not None and ev.kind == "text" and ev.source and ev.source_iri:
                page = Path(graph_dir) / page_path(ev.source_iri)
                if page.is_file():
                    documents[ev.source] = Path(os.path.relpath(page.resolve(), folder)).as_posix()
    source, target = answer.source.label, answer.target.label if answer.target else "strategic clusters"
    return write_paths_page(graph, chains, file, f"{source} → {target}", documents)


def inline_assets(path: Path | str) -> str:
    """A page `kg build` wrote, with the shared code of its assets folder inlined and allowed by hash: a page
    that works where relative files cannot be loaded (a notebook's sandboxed `srcdoc` frame)."""
    text = Path(path).read_text(encoding="utf-8")
    code = shared_assets()
    hashes = []

    def script(m: re.Match) -> str:
        js = code[posixpath.basename(m.group(1))]
        hashes.append(script_hash(js))
        return f"<script>{js}</script>"

    def style(m: re.Match) -> str:
        return f"<style>{code[posixpath.basename(m.group(1))]}</style>"

    # the search data (every entity's names) is left out: the page's search then covers the page's own nodes
    text = re.sub(r'<script src="[^"]+/search-data\.js"></script>\n?', "", text)
    text = re.sub(r'<script src="([^"]+/(?:vis-network\.min|layout|match|view)\.js)"></script>', script, text)
    text = re.sub(r'<link rel="stylesheet" href="([^"]+/(?:vis-network|view)\.css)">', style, text)
    if not hashes:
        return text  # a page written on its own: inlined already
    policy = csp(" ".join(hashes), "'unsafe-inline'").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r'(<meta http-equiv="Content-Security-Policy" content=")[^"]*"', lambda m: f'{m.group(1)}{policy}"',
                  text, count=1)


def page_links(kg: KnowledgeGraph, views: list[View], large: bool) -> dict[str, str]:
    """Where each entity is shown, relative to the output folder: its own page, else (a large graph) its
    shard entry."""
    own = {v.focus[0]: v.file for v in views}
    if large:
        return {iri: own.get(iri) or f"{shard_path(iri)}#{page_key(iri)}" for iri in kg.entities}
    return {iri: own.get(iri) or f"kg.html#{page_key(iri)}" for iri in kg.entities}


INDEX_GROUPS = (("County", "County-level regions"), ("Cluster", "Strategic clusters"), ("Enterprise", "Enterprises"),
                ("Park", "Parks"), ("City", "Cities"), ("Town", "Towns"), ("Province", "Province"),
                ("Industry", "Industries"))


def _index(kg: KnowledgeGraph, views: list[View], whole: View, documents: dict[str, str], shards: int) -> str:
    groups: dict[str, list[dict]] = defaultdict(list)
    for v in views:
        groups[kg.entities[v.focus[0]].type].append({"title": v.title, "file": v.file, "entities": len(v.entities),
                                                     "relations": len(v.relations)})
    titled = [(title, groups[t]) for t, title in INDEX_GROUPS if groups.get(t)]
    titled += [(t, groups[t]) for t in sorted(groups) if t not in dict(INDEX_GROUPS)]
    docs = [{"name": name, "file": documents.get(name, ""), "date": kg.dates.get(name, "")}
            for name in sorted(kg.documents)]
    whole_row = {"title": whole.title, "file": whole.file, "entities": len(kg.entities),
                 "relations": len(kg.relations)}
    return render_index(kg, titled, whole_row, docs, shards)


def write_views(kg: KnowledgeGraph, out_dir: Path, documents: Mapping[str, DocumentExtraction] | None = None
                ) -> list[str]:
    """Write index.html, kg.html, the shared assets, a page per entity (a file each in a graph that is not
    large; else a file per county-level region and cluster, shard pages for every other entity), a page per
    document given (its text, mentions and relations' sentences marked; `documents`: the build's per-document
    extractions by name, each asked for once, when its page is written), and a redirect for each IRI an entity
    had before (owl:sameAs: a page of its own, or in a large graph an entry of the old IRI's shard). Returns
    the top-level names written, for the caller to move into place."""
    nb = _Neighbours(kg)
    large = is_large(kg)
    views = entity_views(kg, nb)
    links = page_links(kg, views, large)
    documents = documents or {}
    doc_pages = {name: page_path(doc_iri(name)) for name in documents if name in kg.documents}
    for name, text in shared_assets().items():
        _write(out_dir / ASSETS / name, text)
    search = SearchIndex(kg, links, doc_pages)
    _write(out_dir / ASSETS / "search-data.js", search.script())
    site = Site(kg, links, doc_pages, "index.html", ASSETS, search)
    if large:
        whole = View(WHOLE_GRAPH_TITLE, "", [], [], file="kg.html")
        agg = overview(kg, nb, links)
        whole.description = agg.description
        _write(out_dir / "kg.html", render_page(site, whole, (agg.nodes, agg.edges)))
    else:
        whole = whole_graph_view(kg, fold=True)
        whole.degree = nb.degree
        _write(out_dir / "kg.html", render_page(site, whole))
    for v in views:
        _write(out_dir / v.file, render_page(site, v))
    shards: dict[str, list[str]] = defaultdict(list)
    moved: dict[str, dict[str, str]] = defaultdict(dict)  # a large graph: shard -> old key -> the entity's page
    own_files = {v.file for v in views}
    # An IRI the entity had: its old page sends the reader on. In a large graph, where an enterprise's page is
    # an entry of a shard, the old entry of its shard does (a file per old IRI: 60,000 files at 10,000 documents).
    for old, new in sorted(kg.same_as.items()):
        if new not in links or old in kg.entities:
            continue
        file = page_path(old)
        if large:
            moved[shard_path(old)][page_key(old)] = links[new]
        elif file not in own_files and file != "kg.html":
            _write(out_dir / file, render_redirect(kg.entities[new].label, links[new], file))
    if large:
        for iri, target in links.items():
            if target.startswith(SHARD_FOLDER + "/"):
                shards[target.split("#", 1)[0]].append(iri)
        for file in sorted(set(shards) | set(moved)):
            entries, edges = shard_entries(site, nb, sorted(shards.get(file, [])))
            _write(out_dir / file, render_shard(site, entries, edges, file, moved.get(file, {})))
    if doc_pages:
        pages = document_pages.DocumentPages(site)
        for name, file in doc_pages.items():
            _write(out_dir / file, pages.render(documents[name], file))
    _write(out_dir / "index.html", _index(kg, views, whole, doc_pages, len(shards)))
    folders = {v.file.split("/", 1)[0] for v in views} | set(VIEW_FOLDERS)
    if not large:
        folders |= {page_path(old).split("/", 1)[0] for old in kg.same_as}
    for folder in folders:
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    return ["index.html", "kg.html", ASSETS, *sorted(folders)]
