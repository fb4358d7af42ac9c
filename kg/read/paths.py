"""Explain how two entities connect: the shortest chains of relations between them, each hop with the sentence
that states it and the document it comes from.

Relations (every kg: object property but mentionedIn, which points at documents) are read from the store into
an undirected networkx graph, only around the two ends: a breadth-first search from both ends reads one level
per SPARQL query until they meet, then networkx lists the shortest chains. A chain may follow a relation
either way (Hengda Copper -inIndustry-> copper <-hasIndustry- Sihui); each hop keeps the statement's own
direction. Evidence is read last, for the hops shown only.

From an enterprise to a cluster, chains through the enterprise's industries (inIndustry or chainMasterOf,
then partOfCluster) come first, before chains that only share a place.
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx
import pyoxigraph as ox

from kg.errors import NoPath, UsageError
from kg.namespaces import KG
from kg.read.describe import Linker, evidence_dict, evidence_lines
from kg.read.lookup import EntityRef, Evidence, entity_refs, evidence_for
from kg.read.query import select

# Relations an enterprise has to an industry, and an industry to a cluster: the "industry way" to a cluster.
INDUSTRY_RELATIONS = ("chainMasterOf", "inIndustry")
PLACE_INDUSTRY_RELATIONS = ("hasIndustry",)
# When two entities are linked by several relations, or several chains are equally short, the hop whose
# relation comes first here is shown: the more specific the relation, the better it explains the link.
RELATION_PREFERENCE = ("chainMasterOf", "inIndustry", "partOfCluster", "supplies", "investsIn", "hasIndustry",
                       "clusterCentre", "locatedIn")
DEFAULT_MAX_HOPS = 4
DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class Hop:
    """One relation of a chain, in the direction the graph states it; `forward` is False when the chain walks
    it from object to subject."""

    subject: EntityRef
    relation: str
    object: EntityRef
    forward: bool
    evidence: Evidence | None

    def start(self) -> EntityRef:
        return self.subject if self.forward else self.object

    def end(self) -> EntityRef:
        return self.object if self.forward else self.subject

    def as_dict(self, link: Linker | None = None) -> dict:
        ev = self.evidence
        out = {"from": self.subject.label, "relation": self.relation, "to": self.object.label,
               "evidence": ev.text if ev else None, "doc": ev.source if ev else None,
               "kind": ev.kind if ev else None}
        if ev is not None:
            out.update({k: v for k, v in evidence_dict(ev, link).items() if k in ("start", "end", "derivation",
                                                                                 "confidence", "page")})
        return out


@dataclass
class PathAnswer:
    """The chains found from `source` to `target` (to each cluster reached, when `target` is None)."""

    source: EntityRef
    target: EntityRef | None
    paths: list[list[Hop]] = field(default_factory=list)
    truncated: bool = False  # more chains exist than were listed

    def clusters(self) -> list[EntityRef]:
        return list(dict.fromkeys(path[-1].end() for path in self.paths))


class RelationGraph:
    """The relations around the entities asked about, read from the store as they are needed.

    `graph` (networkx, undirected) holds every edge read so far, each with the (s, p, o) statements between
    its two ends; `expand` reads all relations of some entities in one SPARQL query. A breadth-first search
    from both ends of a chain expands one level per query, so a path query touches the neighbourhoods of its
    two ends rather than the whole graph.
    """

    def __init__(self, store: ox.Store, min_confidence: float | None = None) -> None:
        self.store = store
        self.min_confidence = min_confidence
        self.graph = nx.Graph()
        self.expanded: set[str] = set()
        self._relations: list[str] | None = None

    def relations(self) -> list[str]:
        """Every kg: object property but mentionedIn (which points at documents), from the ontology."""
        if self._relations is None:
            rows = select(self.store, "SELECT ?p WHERE { ?p a owl:ObjectProperty . FILTER(?p != kg:mentionedIn) "
                                      "FILTER(STRSTARTS(STR(?p), STR(kg:))) }")
            self._relations = sorted(row[0].value for row in rows)
        return self._relations

    def add(self, statements) -> None:
        for s, p, o in statements:
            if s == o:
                continue
            if self.graph.has_edge(s, o):
                known = self.graph.edges[s, o]["statements"]
                if (s, p, o) not in known:
                    known.append((s, p, o))
            else:
                self.graph.add_edge(s, o, statements=[(s, p, o)])

    def sure(self, s: str, p: str, o: str) -> str:
        """A SPARQL filter keeping a relation (variables or IRIs s, p, o) only if some evidence of it reaches
        min_confidence (evidence without a recorded confidence always does); "" without a threshold."""
        if self.min_confidence is None:
            return ""
        return (f"FILTER EXISTS {{ ?kgSt rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o} . "
                f"OPTIONAL {{ ?kgSt kg:confidence ?kgConfidence }} "
                f"FILTER(!BOUND(?kgConfidence) || ?kgConfidence >= {self.min_confidence!r}) }}")

    def _select(self, query: str) -> list[tuple[str, ...]]:
        return [tuple(t.value for t in row) for row in select(self.store, query)]

    def expand(self, nodes) -> None:
        """Read every relation in or out of `nodes` (those not read before)."""
        todo = sorted(set(nodes) - self.expanded)
        if not todo:
            return
        self.expanded.update(todo)
        values = " ".join(_iri(n) for n in todo)
        predicates = " ".join(_iri(p) for p in self.relations())
        self.graph.add_nodes_from(todo)
        rows = select(self.store, f"SELECT ?s ?p ?o WHERE {{ VALUES ?n {{ {values} }} VALUES ?p {{ {predicates} }} "
                      "{ ?n ?p ?o BIND(?n AS ?s) } UNION { ?s ?p ?n BIND(?n AS ?o) } "
                      + self.sure("?s", "?p", "?o") + " }")
        self.add((s.value, p.value, o.value) for s, p, o in rows if isinstance(o, ox.NamedNode))

    def statements(self, a: str, b: str) -> list[tuple[str, str, str]]:
        return self.graph.edges[a, b]["statements"]

    def industry_routes(self, source: str, first: tuple[str, ...], cluster: str | None = None
                        ) -> list[list[tuple[str, str, str]]]:
        """Chains source -(a `first` relation)-> industry -partOfCluster-> cluster (any cluster when None)."""
        firsts = " ".join(_iri(KG + r) for r in first)
        clusters = f"VALUES ?c {{ {_iri(cluster)} }}" if cluster else ""
        rows = self._select(
            f"SELECT ?p ?i ?c WHERE {{ {clusters} VALUES ?p {{ {firsts} }} {_iri(source)} ?p ?i . "
            f"?i kg:partOfCluster ?c {self.sure(_iri(source), '?p', '?i')} "
            f"{self.sure('?i', 'kg:partOfCluster', '?c')} }}")
        best: dict[tuple[str, str], tuple[str, str, str]] = {}
        for p, i, c in rows:
            st = (source, p, i)
            if (i, c) not in best or _rank(p) < _rank(best[(i, c)][1]):
                best[(i, c)] = st
        routes = [[first_st, (i, KG + "partOfCluster", c)] for (i, c), first_st in best.items()]
        self.add(st for route in routes for st in route)
        return routes

    def centre_of(self, city: str) -> list[list[tuple[str, str, str]]]:
        """One-hop chains from the clusters that name `city` as a centre."""
        rows = self._select(f"SELECT ?c WHERE {{ ?c kg:clusterCentre {_iri(city)} "
                            f"{self.sure('?c', 'kg:clusterCentre', _iri(city))} }}")
        routes = [[(c, KG + "clusterCentre", city)] for (c,) in rows]
        self.add(st for route in routes for st in route)
        return routes

    def has_industry(self, place: str) -> list[list[tuple[str, str, str]]]:
        return self.industry_routes(place, PLACE_INDUSTRY_RELATIONS)

    def part_of(self, industry: str) -> list[list[tuple[str, str, str]]]:
        rows = self._select(f"SELECT ?c WHERE {{ {_iri(industry)} kg:partOfCluster ?c "
                            f"{self.sure(_iri(industry), 'kg:partOfCluster', '?c')} }}")
        routes = [[(industry, KG + "partOfCluster", c)] for (c,) in rows]
        self.add(st for route in routes for st in route)
        return routes

    def meet(self, source: str, target: str, max_hops: int) -> bool:
        """Breadth-first from both ends, one level at a time on the smaller side, until they meet (True) or
        `max_hops` levels are spent. Then `graph` holds every edge of every shortest chain: each such edge has
        an end that was expanded, as the levels expanded from both sides add up to the chain's length."""
        dist = ({source: 0}, {target: 0})
        fronts = ({source}, {target})
        levels = [0, 0]
        while levels[0] + levels[1] < max_hops and fronts[0] and fronts[1]:
            side = 0 if len(fronts[0]) <= len(fronts[1]) else 1
            self.expand(fronts[side])
            reached = {n for f in fronts[side] for n in self.graph.neighbors(f)} - dist[side].keys()
            levels[side] += 1
            dist[side].update((n, levels[side]) for n in reached)
            fronts = (reached, fronts[1]) if side == 0 else (fronts[0], reached)
            if dist[0].keys() & dist[1].keys():
                return True
        return False


def _iri(iri: str) -> str:
    return f"<{ox.NamedNode(iri).value}>"


def _local(iri: str) -> str:
    return iri[len(KG):] if iri.startswith(KG) else iri


def load_graph(store: ox.Store, min_confidence: float | None = None) -> RelationGraph:
    """A relation graph over `store`, empty until a query reads the parts it needs; share one between queries
    on the same store to reuse what was read. With `min_confidence`, only relations with some evidence that
    sure (or with no recorded confidence) are followed."""
    return RelationGraph(store, min_confidence)


def _rank(relation_iri: str) -> int:
    name = _local(relation_iri)
    return RELATION_PREFERENCE.index(name) if name in RELATION_PREFERENCE else len(RELATION_PREFERENCE)


def _best_statement(rg: RelationGraph, a: str, b: str) -> tuple[str, str, str]:
    return min(rg.statements(a, b), key=lambda st: (_rank(st[1]), st))


def _chain(rg: RelationGraph, nodes: list[str]) -> list[tuple[str, str, str]]:
    return [_best_statement(rg, a, b) for a, b in zip(nodes, nodes[1:])]


def _chain_key(chain: list[tuple[str, str, str]]) -> tuple:
    return (len(chain), [_rank(p) for _, p, _ in chain], chain)


def _hops(store: ox.Store, source: str, chains: list[list[tuple[str, str, str]]],
          min_confidence: float | None = None) -> list[list[Hop]]:
    statements = {st for chain in chains for st in chain}
    refs = entity_refs(store, {x for s, _, o in statements for x in (s, o)})
    evidence = evidence_for(store, statements)
    out = []
    for chain in chains:
        here, hops = source, []
        for s, p, o in chain:
            forward = s == here
            ev = [e for e in evidence.get((s, p, o), []) if e.passes(min_confidence)]
            hops.append(Hop(refs[s], _local(p), refs[o], forward, ev[0] if ev else None))
            here = o if forward else s
        out.append(hops)
    return out


def _entity_type_pair(source: EntityRef, target: EntityRef) -> str | None:
    if source.type == "Enterprise" and target.type == "Cluster":
        return "forward"
    if source.type == "Cluster" and target.type == "Enterprise":
        return "reverse"
    return None


def find_paths(store: ox.Store, source: EntityRef, target: EntityRef, max_hops: int = DEFAULT_MAX_HOPS,
               all_paths: bool = False, limit: int = DEFAULT_LIMIT, graph: RelationGraph | None = None,
               min_confidence: float | None = None) -> PathAnswer:
    """The shortest chains from `source` to `target` (one, or with `all_paths` up to `limit`), within
    `max_hops`, through relations with evidence at least `min_confidence` sure (see load_graph); raises NoPath
    when there is none."""
    if max_hops < 1:
        raise UsageError("--max-hops must be at least 1")
    if source.iri == target.iri:
        raise UsageError(f"{source.label} and {target.label} are the same entity")
    rg = graph or load_graph(store, min_confidence)
    chains: list[list[tuple[str, str, str]]] = []
    pair = _entity_type_pair(source, target)
    if pair and max_hops >= 2:
        enterprise, cluster = (source, target) if pair == "forward" else (target, source)
        routes = sorted(rg.industry_routes(enterprise.iri, INDUSTRY_RELATIONS, cluster.iri), key=_chain_key)
        chains += [r if pair == "forward" else r[::-1] for r in routes]
    truncated = False
    if rg.meet(source.iri, target.iri, max_hops):
        shortest = nx.all_shortest_paths(rg.graph, source.iri, target.iri)
        found = list(itertools.islice(shortest, limit + 1))
        truncated = len(found) > limit
        general = sorted((_chain(rg, nodes) for nodes in found[:limit]), key=_chain_key)
        chains += [c for c in general if c not in chains]
    if not chains:
        raise NoPath(f"no chain of relations links {source.label} to {target.label} within {max_hops} hops"
                     + (" (try a larger --max-hops)" if max_hops < 8 else ""))
    if not all_paths:
        chains, truncated = chains[:1], False
    else:
        truncated = truncated or len(chains) > limit
        chains = chains[:limit]
    return PathAnswer(source, target, _hops(store, source.iri, chains, rg.min_confidence), truncated)


def cluster_paths(store: ox.Store, source: EntityRef, all_paths: bool = False, max_hops: int = DEFAULT_MAX_HOPS,
                  graph: RelationGraph | None = None, min_confidence: float | None = None) -> PathAnswer:
    """Every strategic cluster `source` reaches through industries (an enterprise's inIndustry/chainMasterOf,
    a place's hasIndustry, an industry's own partOfCluster) or as a named centre of the cluster, with the
    chain to each: the best one, or with `all_paths` every one. Clusters reached by more chains come first."""
    if source.type == "Cluster":
        raise UsageError(f"{source.label} is itself a cluster")
    rg = graph or load_graph(store, min_confidence)
    if source.type == "Enterprise":
        routes = rg.industry_routes(source.iri, INDUSTRY_RELATIONS)
    elif source.type == "Industry":
        routes = rg.part_of(source.iri)
    else:
        routes = rg.has_industry(source.iri) + rg.centre_of(source.iri)
    routes = [r for r in routes if len(r) <= max_hops]
    by_cluster: dict[str, list[list[tuple[str, str, str]]]] = defaultdict(list)
    for route in routes:
        end = route[-1][2] if route[-1][1] == KG + "partOfCluster" else route[-1][0]
        by_cluster[end].append(route)
    if not by_cluster:
        raise NoPath(f"{source.label} reaches no strategic cluster through its industries")
    refs = entity_refs(store, by_cluster)
    order = sorted(by_cluster, key=lambda c: (-len(by_cluster[c]), refs[c].label if c in refs else c))
    chains = []
    for cluster in order:
        ranked = sorted(by_cluster[cluster], key=_chain_key)
        chains += ranked if all_paths else ranked[:1]
    return PathAnswer(source, None, _hops(store, source.iri, chains, rg.min_confidence))


# ---------------------------------------------------------------- rendering


def as_json(answer: PathAnswer, link: Linker | None = None) -> str:
    """`{"from": label, "to": label, "paths": [[{"from", "relation", "to", "evidence", "doc", "kind"}]]}`;
    "to" lists the clusters reached for --to-cluster. For a hop from reference data, "evidence" is null and
    "doc" names the reference dataset ("kind": "reference"). A sentence's hop also has its "start" and "end"
    offsets, its "derivation" and "confidence" when recorded, and with `link` its "page"."""
    target = answer.target.label if answer.target else [c.label for c in answer.clusters()]
    return json.dumps({"from": answer.source.label, "to": target,
                       "paths": [[hop.as_dict(link) for hop in path] for path in answer.paths]},
                      ensure_ascii=False, indent=2)


def hop_line(hop: Hop) -> str:
    if hop.forward:
        return f"  {hop.subject.label} \u2014{hop.relation}\u2192 {hop.object.label}"
    return f"  {hop.object.label} \u2190{hop.relation}\u2014 {hop.subject.label}"


def as_text(answer: PathAnswer, width: int = 100, link: Linker | None = None) -> str:
    """Each chain hop by hop, read from the source: `A —rel→ B` follows a statement, `A ←rel— B` walks one
    backwards (B rel A); under each hop its evidence sentence and document (with `link`, where to read it)."""
    src = answer.source
    lines = []
    if answer.target is None:
        clusters = answer.clusters()
        lines.append(f"{src.label} ({src.type}) reaches {len(clusters)} strategic cluster"
                     f"{'s' if len(clusters) != 1 else ''}: " + ", ".join(c.label for c in clusters))
    else:
        n = len(answer.paths)
        lines.append(f"{src.label} ({src.type}) \u2192 {answer.target.label} ({answer.target.type}): "
                     f"{n} chain{'s' if n != 1 else ''}{' (more not shown)' if answer.truncated else ''}")
    for k, path in enumerate(answer.paths, 1):
        head = f"to {path[-1].end().label}" if answer.target is None else f"chain {k}"
        lines.append("")
        lines.append(f"{head} ({len(path)} hop{'s' if len(path) != 1 else ''})")
        for hop in path:
            lines.append(hop_line(hop))
            lines.extend(evidence_lines([hop.evidence] if hop.evidence else [], width, None, link))
    return "\n".join(lines)
