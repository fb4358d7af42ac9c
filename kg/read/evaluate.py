"""Measure extraction against a gold annotation: precision, recall and F1 per entity type and per relation.

A gold file (JSON, described in the README) lists, for some documents, the entities they name (type, name,
aliases) and the relations they state (subject, predicate, object, evidence sentence), and which entity types
and relations it annotates completely (`types`, `predicates`): only those are scored.

    >>> gold = load_gold("tests/gold/huadu.json")                     # doctest: +SKIP
    >>> report = evaluate(gold, graph_view(build_result.graph))          # doctest: +SKIP
    >>> report.scores["entities"]["Enterprise"].f1                      # doctest: +SKIP

What the graph says is read either from an in-memory `KnowledgeGraph` (`graph_view`) or from a built graph's
query store (`store_view`). An entity counts as found in a gold document when the graph says the document
mentions it (`kg:mentionedIn`); a relation, when it has evidence from a sentence of that document. Relations
that come only from reference data (the gazetteer's hierarchy, the vocabulary's cluster scopes) are not
extraction and are not scored.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from kg.errors import UsageError
from kg.model import ENTITY_TYPES

PREDICATES = ("locatedIn", "hasIndustry", "inIndustry", "chainMasterOf", "partOfCluster", "clusterCentre",
              "investsIn", "supplies")
GOLD_FORMAT = "industry-kg gold 1"


def name_key(name: str) -> str:
    """A name as annotators and the graph may both write it: case, a possessive 's, punctuation and spacing
    do not matter ("Co., Ltd." = "Co., Ltd" = "co ltd")."""
    text = re.sub(r"['’]s\b", "", name.casefold())
    return " ".join(re.sub(r"[^\w\s]|_", " ", text).split())


# ---------------------------------------------------------------- the gold annotation


@dataclass(frozen=True)
class GoldEntity:
    id: str
    type: str
    names: tuple[str, ...]  # the name first, then aliases
    evidence: str = ""

    @property
    def name(self) -> str:
        return self.names[0]


@dataclass(frozen=True)
class GoldRelation:
    subject: str  # GoldEntity id
    predicate: str
    object: str
    document: str
    evidence: str = ""


@dataclass
class Gold:
    path: str
    documents: tuple[str, ...]
    types: tuple[str, ...]
    predicates: tuple[str, ...]
    entities: dict[str, GoldEntity]
    relations: list[GoldRelation]


def load_gold(path: Path | str) -> Gold:
    """Read and check a gold file; a malformed one raises UsageError saying where."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read the gold file {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path} is not JSON: {exc}") from None
    return parse_gold(data, str(path))


def parse_gold(data: dict, where: str = "gold") -> Gold:
    def fail(message: str) -> NoReturn:
        raise UsageError(f"{where}: {message}")

    if not isinstance(data, dict) or data.get("format") != GOLD_FORMAT:
        fail(f'expected a JSON object with "format": "{GOLD_FORMAT}"')
    documents = data.get("documents")
    if not isinstance(documents, list) or not documents or not all(isinstance(d, str) for d in documents):
        fail('"documents" must list the file names the annotation covers')
    types = tuple(data.get("types", ENTITY_TYPES))
    predicates = tuple(data.get("predicates", PREDICATES))
    for t in types:
        if t not in ENTITY_TYPES:
            fail(f"unknown entity type {t!r} in \"types\" (one of {', '.join(ENTITY_TYPES)})")
    for p in predicates:
        if p not in PREDICATES:
            fail(f"unknown relation {p!r} in \"predicates\" (one of {', '.join(PREDICATES)})")
    entities: dict[str, GoldEntity] = {}
    by_name: dict[str, str] = {}
    for k, item in enumerate(data.get("entities", [])):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or item.get("type") not in ENTITY_TYPES:
            fail(f"entity #{k + 1} needs a \"name\" and a \"type\" (one of {', '.join(ENTITY_TYPES)})")
        ident = str(item.get("id", item["name"]))
        if ident in entities:
            fail(f"two entities have the id {ident!r}")
        aliases = item.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            fail(f"the aliases of {ident!r} must be a list of strings")
        entities[ident] = GoldEntity(ident, item["type"], (item["name"], *aliases), item.get("evidence", ""))
        by_name.setdefault(name_key(item["name"]), ident)
    relations = []
    for k, item in enumerate(data.get("relations", [])):
        if not isinstance(item, dict):
            fail(f"relation #{k + 1} must be an object")
        ends = []
        for end in ("subject", "object"):
            ref = item.get(end)
            found = (ref if ref in entities else by_name.get(name_key(ref))) if isinstance(ref, str) else None
            if found is None:
                fail(f"relation #{k + 1}: {end} {ref!r} is not the id or name of an entity of the gold")
            ends.append(found)
        if item.get("predicate") not in PREDICATES:
            fail(f"relation #{k + 1}: predicate {item.get('predicate')!r} is not one of {', '.join(PREDICATES)}")
        document = item.get("document", documents[0] if len(documents) == 1 else None)
        if document not in documents:
            fail(f"relation #{k + 1}: \"document\" must be one of the gold's documents")
        relations.append(GoldRelation(ends[0], item["predicate"], ends[1], str(document), item.get("evidence", "")))
    return Gold(where, tuple(documents), types, predicates, entities, relations)


# ---------------------------------------------------------------- what the graph says


@dataclass
class GraphEntity:
    iri: str
    type: str
    labels: set[str]
    documents: set[str]


@dataclass
class GraphView:
    """The part of a graph that evaluation reads: entities with their names and documents, and relations
    with the sentences (document, text) that state them."""

    entities: dict[str, GraphEntity] = field(default_factory=dict)
    relations: dict[tuple[str, str, str], list[tuple[str, str]]] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)


def graph_view(graph) -> GraphView:
    """From an in-memory `kg.model.KnowledgeGraph`."""
    view = GraphView(documents=set(graph.documents))
    for e in graph.entities.values():
        view.entities[e.iri] = GraphEntity(e.iri, e.type, {e.label, e.label_zh, *e.alt_labels} - {""}, set(e.docs))
    for r in graph.relations:
        view.relations[(r.subject, r.predicate, r.object)] = [(ev.source, ev.text) for ev in r.evidence if ev.is_text]
    return view


def store_view(store) -> GraphView:
    """From the query store of a built graph (`kg.read.query.open_store`)."""
    from kg.namespaces import KG
    from kg.read.query import STANDARD_PREFIXES

    def rows(query: str):
        return store.query(query, prefixes=STANDARD_PREFIXES)

    view = GraphView(documents={name.value for name, in rows("SELECT ?f WHERE { ?d a kg:Document ; kg:fileName ?f }")})
    types = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
    for e, t in rows(f"SELECT ?e ?t WHERE {{ VALUES ?t {{ {types} }} ?e a ?t }}"):
        view.entities[e.value] = GraphEntity(e.value, t.value[len(KG):], set(), set())
    for e, label in rows("SELECT ?e ?l WHERE { ?e rdfs:label|skos:altLabel ?l }"):
        if e.value in view.entities:
            view.entities[e.value].labels.add(label.value)
    for e, name in rows("SELECT ?e ?f WHERE { ?e kg:mentionedIn ?d . ?d kg:fileName ?f }"):
        if e.value in view.entities:
            view.entities[e.value].documents.add(name.value)
    predicates = " ".join(f"kg:{p}" for p in PREDICATES)
    for s, p, o in rows(f"SELECT ?s ?p ?o WHERE {{ VALUES ?p {{ {predicates} }} ?s ?p ?o }}"):
        view.relations[(s.value, p.value[len(KG):], o.value)] = []
    for s, p, o, name, text in rows("""SELECT ?s ?p ?o ?f ?text WHERE {
            ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:evidenceText ?text ;
                prov:wasDerivedFrom ?d . ?d kg:fileName ?f }"""):
        key = (s.value, p.value[len(KG):], o.value)
        if key in view.relations:
            view.relations[key].append((name.value, text.value))
    for evidence in view.relations.values():
        evidence.sort()
    return view


# ---------------------------------------------------------------- scores


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    correct: int = 0

    @property
    def precision(self) -> float | None:
        return self.correct / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"gold": self.gold, "found": self.found, "correct": self.correct,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Finding:
    """A miss (in the gold, not in the graph) or a false positive (in the graph, not in the gold)."""

    kind: str  # an entity type or a relation name
    text: str  # the entity's name, or "subject —predicate→ object"
    document: str = ""
    sentence: str = ""


@dataclass
class EvalReport:
    gold: Gold
    scores: dict[str, dict[str, Score]]  # "entities" / "relations" -> type or relation (and "all") -> Score
    misses: list[Finding]
    false_positives: list[Finding]
    absent: list[str] = field(default_factory=list)  # gold documents the graph does not hold

    def as_dict(self) -> dict:
        return {
            "gold": self.gold.path, "documents": list(self.gold.documents), "absent": self.absent,
            "scores": {part: {k: s.as_dict() for k, s in table.items()} for part, table in self.scores.items()},
            "misses": [f.__dict__ for f in self.misses],
            "false_positives": [f.__dict__ for f in self.false_positives],
        }

    def render(self) -> str:
        def number(x: float | None) -> str:
            return "—" if x is None else f"{x:.2f}"

        out = [f"gold: {self.gold.path} ({len(self.gold.documents)} document"
               f"{'s' if len(self.gold.documents) != 1 else ''}: {', '.join(self.gold.documents)})"]
        out += [f"warning: the graph holds no document named {name}: everything in it counts as missed"
                for name in self.absent]
        out.append("")
        for part, table in self.scores.items():
            out.append(f"{part:<16}{'gold':>6}{'found':>7}{'correct':>9}{'precision':>11}{'recall':>8}{'F1':>6}")
            for kind, s in table.items():
                out.append(f"  {kind:<14}{s.gold:>6}{s.found:>7}{s.correct:>9}{number(s.precision):>11}"
                           f"{number(s.recall):>8}{number(s.f1):>6}")
            out.append("")
        for title, findings in (("misses (in the gold, not in the graph)", self.misses),
                                ("false positives (in the graph, not in the gold)", self.false_positives)):
            out.append(f"{title}: {len(findings)}")
            for f in findings:
                out.append(f"  {f.kind}: {f.text}" + (f" — {f.document}" if f.document else ""))
                if f.sentence:
                    out.append(f"      “{f.sentence}”")
        return "\n".join(out).rstrip()


def _match_entities(gold: Gold, view: GraphView, entities: list[GraphEntity]) -> dict[str, list[str]]:
    """Gold entity id -> the graph entities among `entities` that have its type and one of its names."""
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in entities:
        for label in e.labels:
            by_name[(e.type, name_key(label))].add(e.iri)
    return {g.id: sorted({iri for name in g.names for iri in by_name.get((g.type, name_key(name)), ())})
            for g in gold.entities.values()}


def evaluate(gold: Gold, view: GraphView) -> EvalReport:
    """Score the graph against the gold: an entity is correct when a graph entity of its type mentioned in
    a gold document bears one of its names (each graph entity counts once: a gold entity split into two
    graph entities gives one correct and one false positive); a relation is correct when the graph states
    it between the matched entities with evidence from the gold relation's document."""
    documents = set(gold.documents)
    in_scope = sorted((e for e in view.entities.values() if e.type in gold.types and e.documents & documents),
                      key=lambda e: e.iri)
    matches = _match_entities(gold, view, in_scope)
    # the ends of a relation may be of a type the gold does not score (a county, for an investment), or
    # come from reference data: they match among all the graph's entities
    ends = _match_entities(gold, view, sorted(view.entities.values(), key=lambda e: e.iri))
    names = {e.iri: sorted(e.labels, key=lambda x: (not x.isascii(), len(x)))[0] if e.labels else e.iri
             for e in view.entities.values()}

    entity_scores = {t: Score() for t in gold.types}
    misses: list[Finding] = []
    false_positives: list[Finding] = []
    claimed: set[str] = set()
    for g in gold.entities.values():
        if g.type not in gold.types:
            continue
        entity_scores[g.type].gold += 1
        free = [iri for iri in matches[g.id] if iri not in claimed]
        if free:
            claimed.add(free[0])
            entity_scores[g.type].correct += 1
        else:
            misses.append(Finding(g.type, g.name, "", g.evidence))
    for e in in_scope:
        entity_scores[e.type].found += 1
        if e.iri not in claimed:
            false_positives.append(Finding(e.type, names[e.iri], ", ".join(sorted(e.documents & documents)),
                                           _sentence_about(e.iri, view, documents)))

    relation_scores = {p: Score() for p in gold.predicates}
    found = {(key, doc): text for key, evidence in view.relations.items() if key[1] in gold.predicates
             for doc, text in evidence if doc in documents}
    found_keys = {(key, doc) for key, doc in found}
    correct: set = set()
    for r in gold.relations:
        if r.predicate not in gold.predicates:
            continue
        relation_scores[r.predicate].gold += 1
        hits = [(key, r.document) for key in ((s, r.predicate, o) for s in ends[r.subject] for o in ends[r.object])
                if (key, r.document) in found_keys and (key, r.document) not in correct]
        if hits:
            correct.add(hits[0])
            relation_scores[r.predicate].correct += 1
        else:
            subject, obj = gold.entities[r.subject].name, gold.entities[r.object].name
            misses.append(Finding(r.predicate, f"{subject} —{r.predicate}→ {obj}", r.document, r.evidence))
    for (key, doc), text in sorted(found.items()):
        relation_scores[key[1]].found += 1
        if (key, doc) not in correct:
            s, p, o = key
            false_positives.append(Finding(p, f"{names.get(s, s)} —{p}→ {names.get(o, o)}", doc, text))

    scores = {"entities": _with_total(entity_scores), "relations": _with_total(relation_scores)}
    order = {k: i for i, k in enumerate((*ENTITY_TYPES, *PREDICATES))}
    def by_kind(f: Finding) -> tuple[int, str, str]:
        return order[f.kind], f.text, f.document

    absent = [d for d in gold.documents if d not in view.documents]
    return EvalReport(gold, scores, sorted(misses, key=by_kind), sorted(false_positives, key=by_kind), absent)


def _with_total(table: dict[str, Score]) -> dict[str, Score]:
    total = Score(sum(s.gold for s in table.values()), sum(s.found for s in table.values()),
                  sum(s.correct for s in table.values()))
    return {**{k: s for k, s in table.items() if s.gold or s.found}, "all": total}


def _sentence_about(iri: str, view: GraphView, documents: set[str]) -> str:
    """A sentence of a gold document the graph cites for one of the entity's relations."""
    sentences = sorted(text for (s, _, o), evidence in view.relations.items() if iri in (s, o)
                       for doc, text in evidence if doc in documents)
    return sentences[0] if sentences else ""
