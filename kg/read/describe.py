"""Everything the graph states about one entity: its types, labels, aliases, attributes, the documents that
mention it, and each relation in and out with its evidence."""

from __future__ import annotations

import json
import textwrap
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.namespaces import KG
from kg.read.lookup import EntityRef, Evidence, entity_refs, evidence_for
from kg.read.query import STANDARD_PREFIXES, compact

RDFS_LABEL = STANDARD_PREFIXES["rdfs"] + "label"
SKOS_ALT = STANDARD_PREFIXES["skos"] + "altLabel"
RDF_TYPE = STANDARD_PREFIXES["rdf"] + "type"
MENTIONED_IN = KG + "mentionedIn"


@dataclass
class Link:
    """One relation of the entity: `direction` "out" (entity relation other) or "in" (other relation entity)."""

    relation: str
    direction: str
    other: EntityRef
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Description:
    entity: EntityRef
    types: list[str]
    labels: dict[str, list[str]]  # language ("" when none) -> labels
    aliases: list[str]
    attributes: dict[str, list[str]]  # kg: datatype property -> values
    documents: list[str]
    links: list[Link]


def describe(store: ox.Store, entity: EntityRef) -> Description:
    """Read one entity's description from the store (two queries and one for evidence)."""
    node = f"<{ox.NamedNode(entity.iri).value}>"
    types, aliases, documents = [], [], []
    labels: dict[str, list[str]] = defaultdict(list)
    attributes: dict[str, list[str]] = defaultdict(list)
    for p, o, file in store.query(
            f"SELECT ?p ?o ?file WHERE {{ {node} ?p ?o . OPTIONAL {{ ?o kg:fileName ?file }} }}",
            prefixes=STANDARD_PREFIXES):
        if p.value == RDF_TYPE:
            types.append(compact(o.value))
        elif p.value == RDFS_LABEL:
            labels[o.language or ""].append(o.value)
        elif p.value == SKOS_ALT:
            aliases.append(o.value)
        elif p.value == MENTIONED_IN:
            documents.append(file.value if file is not None else compact(o.value))
        elif isinstance(o, ox.Literal) and p.value.startswith(KG):
            attributes[p.value[len(KG):]].append(o.value)
    rows = store.query(
        f"""SELECT ?s ?p ?o WHERE {{
              ?p a owl:ObjectProperty . FILTER(?p != kg:mentionedIn)
              {{ BIND({node} AS ?s) ?s ?p ?o }} UNION {{ BIND({node} AS ?o) ?s ?p ?o }}
            }}""", prefixes=STANDARD_PREFIXES)
    statements = sorted({(s.value, p.value, o.value) for s, p, o in rows if isinstance(o, ox.NamedNode)})
    refs = entity_refs(store, {x for s, _, o in statements for x in (s, o)})
    evidence = evidence_for(store, statements)
    links = []
    for s, p, o in statements:
        direction, other = ("out", o) if s == entity.iri else ("in", s)
        if other in refs:
            links.append(Link(p[len(KG):] if p.startswith(KG) else compact(p), direction, refs[other],
                              evidence.get((s, p, o), [])))
    links.sort(key=lambda k: (k.direction != "out", k.relation, k.other.label.lower(), k.other.iri))
    return Description(entity, sorted(types), {k: sorted(v) for k, v in sorted(labels.items())},
                       sorted(aliases), {k: sorted(v) for k, v in sorted(attributes.items())},
                       sorted(documents), links)


def _evidence_dict(ev: Evidence) -> dict:
    out = {"kind": ev.kind, "evidence": ev.text, "doc": ev.source}
    if ev.start is not None:
        out["start"] = ev.start
    if ev.amount:
        out["amount"] = ev.amount
    return out


def as_json(d: Description) -> str:
    return json.dumps({
        "iri": d.entity.iri, "label": d.entity.label, "type": d.entity.type, "types": d.types,
        "labels": d.labels, "aliases": d.aliases, "attributes": d.attributes, "documents": d.documents,
        "relations": [{"direction": k.direction, "relation": k.relation, "other": k.other.label,
                       "other_type": k.other.type, "other_iri": k.other.iri,
                       "evidence": [_evidence_dict(ev) for ev in k.evidence]} for k in d.links],
    }, ensure_ascii=False, indent=2)


def as_text(d: Description, width: int = 100) -> str:
    e = d.entity
    lines = [f"{e.label}  ({e.type})  {compact(e.iri)}"]
    for lang, values in d.labels.items():
        lines.append(f"  label ({lang or 'no language'}): {'; '.join(values)}")
    if d.aliases:
        lines.append(f"  aliases: {'; '.join(d.aliases)}")
    if len(d.types) > 1:
        lines.append(f"  types: {', '.join(d.types)}")
    for key, values in d.attributes.items():
        lines.append(f"  {key}: {'; '.join(values)}")
    if d.documents:
        lines.append(f"  mentioned in: {', '.join(d.documents)}")
    for direction, title in (("out", "relations out"), ("in", "relations in")):
        links = [k for k in d.links if k.direction == direction]
        lines.append("")
        lines.append(f"{title} ({len(links)})" + (":" if links else ""))
        for k in links:
            arrow = f"\u2014{k.relation}\u2192 {k.other.label}" if direction == "out" else \
                f"\u2190{k.relation}\u2014 {k.other.label}"
            lines.append(f"  {arrow}  ({k.other.type})")
            for ev in k.evidence:
                if ev.kind == "text" and ev.text:
                    lines += textwrap.wrap(f"\u201c{ev.text}\u201d", width=width, initial_indent="      ",
                                           subsequent_indent="       ")
                    lines.append(f"      \u2014 {ev.source}" + (f" (amount: {ev.amount})" if ev.amount else ""))
                else:
                    lines.append(f"      (reference data: {ev.source or 'unknown dataset'})")
    return "\n".join(lines)
