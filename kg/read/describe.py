"""Everything the graph states about one entity: its types, labels, aliases, attributes, the documents that
mention it, and each relation in and out with its evidence.

As text, relations are grouped by direction and relation with a count each, the first `limit` of a group shown;
relations backed by the same sentences are listed together above them, and a sentence is printed once however
often it was recorded. Each sentence names its document and, when the build wrote the document's page, links to
the sentence in it."""

from __future__ import annotations

import json
import textwrap
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.namespaces import KG
from kg.read.lookup import EntityRef, Evidence, entity_refs, evidence_for
from kg.read.query import STANDARD_PREFIXES, compact, select

RDFS_LABEL = STANDARD_PREFIXES["rdfs"] + "label"
SKOS_ALT = STANDARD_PREFIXES["skos"] + "altLabel"
RDF_TYPE = STANDARD_PREFIXES["rdf"] + "type"
MENTIONED_IN = KG + "mentionedIn"
DEFAULT_LIMIT = 10  # relations shown per group as text
SENTENCES_SHOWN = 2  # sentences shown per relation as text, when the output is limited

# Evidence -> where to read it (a link to the sentence in its document's page), or "".
Linker = Callable[[Evidence], str]


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
    dropped: int = 0  # relations left out because none of their evidence reaches min_confidence

    def groups(self) -> list[tuple[str, str, list[Link]]]:
        """(direction, relation, links): out before in, relations by name."""
        grouped: dict[tuple[str, str], list[Link]] = defaultdict(list)
        for k in self.links:
            grouped[(k.direction, k.relation)].append(k)
        return [(d, r, grouped[(d, r)]) for d, r in sorted(grouped, key=lambda dr: (dr[0] != "out", dr[1]))]


def unique_sentences(evidence: list[Evidence]) -> list[Evidence]:
    """Evidence with each sentence of each document once (a sentence recorded at two places, or twice, is
    printed once), reference datasets once; best first as given."""
    seen: set[tuple] = set()
    out = []
    for ev in evidence:
        key = (ev.kind, ev.source, " ".join((ev.text or "").split()))
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def describe(store: ox.Store, entity: EntityRef, min_confidence: float | None = None) -> Description:
    """Read one entity's description from the store (two queries and one for evidence). With
    `min_confidence`, evidence less sure than that is left out, and so are relations left with none."""
    node = f"<{ox.NamedNode(entity.iri).value}>"
    types, aliases, documents = [], [], []
    labels: dict[str, list[str]] = defaultdict(list)
    attributes: dict[str, list[str]] = defaultdict(list)
    for p, o, file in select(store, f"SELECT ?p ?o ?file WHERE {{ {node} ?p ?o . "
                                    "OPTIONAL { ?o kg:fileName ?file } }"):
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
    rows = select(store, f"""SELECT ?s ?p ?o WHERE {{
              ?p a owl:ObjectProperty . FILTER(?p != kg:mentionedIn)
              {{ BIND({node} AS ?s) ?s ?p ?o }} UNION {{ BIND({node} AS ?o) ?s ?p ?o }}
            }}""")
    statements = sorted({(s.value, p.value, o.value) for s, p, o in rows if isinstance(o, ox.NamedNode)})
    refs = entity_refs(store, {x for s, _, o in statements for x in (s, o)})
    evidence = evidence_for(store, statements)
    links, dropped = [], 0
    for s, p, o in statements:
        direction, other = ("out", o) if s == entity.iri else ("in", s)
        if other not in refs:
            continue
        stated = evidence.get((s, p, o), [])
        kept = [ev for ev in stated if ev.passes(min_confidence)]
        if stated and not kept:
            dropped += 1
            continue
        links.append(Link(p[len(KG):] if p.startswith(KG) else compact(p), direction, refs[other], kept))
    links.sort(key=lambda k: (k.direction != "out", k.relation, k.other.label.lower(), k.other.iri))
    return Description(entity, sorted(types), {k: sorted(v) for k, v in sorted(labels.items())},
                       sorted(aliases), {k: sorted(v) for k, v in sorted(attributes.items())},
                       sorted(documents), links, dropped)


def evidence_dict(ev: Evidence, link: Linker | None = None) -> dict:
    """A piece of evidence for JSON output: kind, sentence, document, offsets, how it was read, its page."""
    out: dict = {"kind": ev.kind, "evidence": ev.text, "doc": ev.source}
    if ev.start is not None:
        out["start"] = ev.start
    if ev.end is not None:
        out["end"] = ev.end
    if ev.derivation:
        out["derivation"] = ev.derivation
    if ev.confidence is not None:
        out["confidence"] = ev.confidence
    if ev.amount:
        out["amount"] = ev.amount
    page = link(ev) if link else ""
    if page:
        out["page"] = page
    return out


def as_json(d: Description, link: Linker | None = None) -> str:
    """Every relation with all its evidence (not limited); `link` gives each sentence's page."""
    return json.dumps({
        "iri": d.entity.iri, "label": d.entity.label, "type": d.entity.type, "types": d.types,
        "labels": d.labels, "aliases": d.aliases, "attributes": d.attributes, "documents": d.documents,
        "relations": [{"direction": k.direction, "relation": k.relation, "other": k.other.label,
                       "other_type": k.other.type, "other_iri": k.other.iri,
                       "evidence": [evidence_dict(ev, link) for ev in unique_sentences(k.evidence)]}
                      for k in d.links],
    }, ensure_ascii=False, indent=2)


def evidence_lines(evidence: list[Evidence], width: int, shown: int | None, link: Linker | None = None,
                   indent: str = "      ") -> list[str]:
    """Sentences (each once; the first `shown`, the rest counted), each followed by its document, how it
    was read (inferred, confidence) and the link to it in its document's page."""
    unique = unique_sentences(evidence)
    if not unique:
        return [f"{indent}(no evidence recorded)"]
    lines = []
    for ev in unique[:shown] if shown is not None else unique:
        if ev.kind == "text" and ev.text:
            lines += textwrap.wrap(f"\u201c{ev.text}\u201d", width=width, initial_indent=indent,
                                   subsequent_indent=indent + " ")
            notes = [n for n in (ev.qualifier(), f"amount: {ev.amount}" if ev.amount else "") if n]
            source = f"{indent}\u2014 {ev.source}" + (f" ({'; '.join(notes)})" if notes else "")
            page = link(ev) if link else ""
            lines.append(source + (f"  {page}" if page else ""))
        else:
            lines.append(f"{indent}(reference data: {ev.source or 'unknown dataset'})")
    if shown is not None and len(unique) > shown:
        more = len(unique) - shown
        lines.append(f"{indent}[{more} more sentence{'s' if more != 1 else ''}: --limit 0 or --format json]")
    return lines


def _same_sentences(k: Link) -> tuple:
    return tuple((ev.kind, ev.source, " ".join((ev.text or "").split())) for ev in unique_sentences(k.evidence))


def as_text(d: Description, width: int = 100, limit: int | None = DEFAULT_LIMIT, link: Linker | None = None) -> str:
    """The description for a terminal: relations grouped by direction and relation with counts, the first
    `limit` of each group (None: all; then every sentence too, else SENTENCES_SHOWN per relation), relations
    backed by the same sentences together above them."""
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
        n = sum(k.direction == direction for k in d.links)
        lines += ["", f"{title} ({n})" + (":" if n else "")]
        for _, relation, links in (g for g in d.groups() if g[0] == direction):
            shown = links if limit is None else links[:limit]
            lines.append(f"  {relation} ({len(links)})" + (f", the first {len(shown)}:" if len(shown) < len(links)
                                                           else ":"))
            # relations backed by the same sentences are listed together, then the sentences once
            order = sorted(shown, key=lambda k: (_same_sentences(k), k.other.label.lower(), k.other.iri))
            i = 0
            while i < len(order):
                j = i + 1
                while j < len(order) and _same_sentences(order[j]) == _same_sentences(order[i]):
                    j += 1
                for k in order[i:j]:
                    arrow = f"\u2014{relation}\u2192 {k.other.label}" if direction == "out" else \
                        f"\u2190{relation}\u2014 {k.other.label}"
                    lines.append(f"    {arrow}  ({k.other.type})")
                lines += evidence_lines(order[i].evidence, width, None if limit is None else SENTENCES_SHOWN,
                                        link, indent="        ")
                i = j
    if d.dropped:
        lines += ["", f"({d.dropped} relation{'s' if d.dropped != 1 else ''} left out: no evidence reaches "
                      "--min-confidence)"]
    return "\n".join(lines)
