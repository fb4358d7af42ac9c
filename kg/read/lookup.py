"""Look things up in the graph store: an entity by the name a person types, and the evidence of relations.

A name resolves through tiers, the first tier with any match deciding; several entities in that tier make
the name ambiguous:

1. a label or alias spelled the same, ignoring case and spacing ("hengda copper", "Meixin Motors", "四会");
2. the same words, ignoring company forms, plurals and punctuation ("Hengda Mould Company");
3. the same words with small typos ("Jintain Coper");
4. a label that contains every word typed, i.e. a missing suffix ("advanced materials cluster");
5. the same, with small typos.

A full IRI or a prefixed one (`enterprise:jintian-copper`) names an entity exactly, and so does an IRI the entity
was known by before it was found to be another (owl:sameAs).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import pyoxigraph as ox

from kg.errors import NameNotFound
from kg.names import phrase_key
from kg.namespaces import KG
from kg.read.query import DISPLAY_PREFIXES, STANDARD_PREFIXES, compact, select
from kg.reference import ontology_dir

# The classes `kg build` types entities with, most specific first where one entity has several. Same as
# kg.resolve.ENTITY_TYPES (a test checks), not imported from there: that module loads the whole extraction.
ENTITY_TYPES = ("Province", "City", "County", "Town", "Park", "Enterprise", "Industry", "Cluster")
_TYPE_VALUES = " ".join(f"kg:{t}" for t in ENTITY_TYPES)
RDF_TYPE = STANDARD_PREFIXES["rdf"] + "type"
OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"

# Words typed so close to a word of a name that they are taken for a typo of it (difflib ratio).
TYPO_RATIO = 0.8
TYPO_MIN_LENGTH = 4
MAX_CANDIDATES = 8


@dataclass(frozen=True, order=True)
class EntityRef:
    """An entity as commands show it: its display label (English if it has one), its type and IRI."""

    label: str
    type: str
    iri: str

    def describe(self) -> str:
        return f"{self.label} ({self.type}, {compact(self.iri)})"


@dataclass(frozen=True)
class Evidence:
    """Why the graph states a relation: a sentence of a document, or a reference dataset. For a sentence,
    whether it states the relation or the relation was inferred from its context (`derivation`), and how sure
    the method is (`confidence`, 0-1, None when not recorded); `source_iri` is the document's (or dataset's)
    IRI, which names its page (`kg.read.pages.evidence_link`)."""

    kind: str  # "text" or "reference"
    text: str | None  # the sentence (text evidence)
    source: str | None  # the document's file name, or the reference dataset's label
    start: int | None = None
    amount: str | None = None  # an investment amount as stated
    derivation: str | None = None  # "stated" or "inferred" (text evidence)
    confidence: float | None = None
    end: int | None = None
    source_iri: str | None = None

    def sort_key(self) -> tuple:
        return (self.kind != "text", self.source or "", self.start if self.start is not None else -1,
                self.end if self.end is not None else -1)

    def passes(self, min_confidence: float | None) -> bool:
        """Whether the evidence is sure enough: reference data and evidence without a recorded confidence
        always are (the method that made them states no doubt)."""
        return min_confidence is None or self.confidence is None or self.confidence >= min_confidence

    def qualifier(self) -> str:
        """"inferred, confidence 0.62" / "confidence 0.9" / "" : what a reader should know of how it was read."""
        parts = ["inferred"] if self.derivation == "inferred" else []
        if self.confidence is not None:
            parts.append(f"confidence {self.confidence:.2f}".rstrip("0").rstrip("."))
        return ", ".join(parts)


def _iri(term: ox.NamedNode) -> str:
    return f"<{term.value}>"


def entity_refs(store: ox.Store, iris) -> dict[str, EntityRef]:
    """Display label and type of each IRI that is an entity of the graph."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    values = " ".join(_iri(ox.NamedNode(i)) for i in iris)
    rows = select(store, f"SELECT ?e ?t ?l WHERE {{ VALUES ?e {{ {values} }} VALUES ?t {{ {_TYPE_VALUES} }} ?e a ?t . "
                  "OPTIONAL { ?e rdfs:label ?l } }")
    found: dict[str, tuple[int, int, str]] = {}
    for e, t, label in rows:
        rank = ENTITY_TYPES.index(t.value[len(KG):])
        lang_rank = 0 if label is not None and label.language == "en" else 1 if label is not None else 2
        key = (rank, lang_rank, label.value if label is not None else compact(e.value))
        found[e.value] = min(found.get(e.value, key), key)
    return {iri: EntityRef(label, ENTITY_TYPES[rank], iri) for iri, (rank, _, label) in found.items()}


def entity_ref(store: ox.Store, iri: str) -> EntityRef | None:
    return entity_refs(store, [iri]).get(iri)


@lru_cache(maxsize=1)
def optional_words() -> frozenset[str]:
    """Company forms ("Co., Ltd", "Group") may be typed or left out: they do not tell names apart."""
    lexicon = json.loads((ontology_dir() / "lexicon.json").read_text(encoding="utf-8"))
    return frozenset(w for form in lexicon.get("company_forms", []) for w in phrase_key(form))


def name_words(text: str) -> tuple[str, ...]:
    """The words a name is compared by: lower case, singular, without company forms."""
    words = phrase_key(text)
    kept = tuple(w for w in words if w not in optional_words())
    return kept or words


def _by_iri_or_prefixed(store: ox.Store, name: str) -> EntityRef | None:
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in DISPLAY_PREFIXES and not local.startswith("//"):
        text = DISPLAY_PREFIXES[prefix] + local
    if not text.startswith(("http://", "https://")) or any(c in text for c in ' <>"{}|^`\\'):
        return None
    return entity_ref(store, text) or _same_as(store, text)


def _same_as(store: ox.Store, iri: str) -> EntityRef | None:
    """The entity an IRI it was once known by now names (owl:sameAs: two entities found to be one)."""
    rows = cast(ox.QuerySolutions, store.query(f"SELECT ?e WHERE {{ <{iri}> <{OWL_SAME_AS}> ?e }}"))
    found = entity_refs(store, [row[0].value for row in rows if isinstance(row[0], ox.NamedNode)])
    return next(iter(found.values())) if len(found) == 1 else None


def _spelled_as_typed(store: ox.Store, name: str) -> list[str]:
    """Subjects of a label or alias spelled exactly as typed, or in the usual capitalisations: index lookups,
    no scan (the common case of a name copied from output)."""
    text = " ".join(name.split())
    spellings = {text, text.lower(), text.title(), text.upper(), text[:1].upper() + text[1:]}
    values = " ".join(str(ox.Literal(t, language=lang)) if lang else str(ox.Literal(t))
                      for t in sorted(spellings) for lang in ("en", "zh", None))
    rows = select(store, f"SELECT DISTINCT ?e WHERE {{ VALUES ?l {{ {values} }} ?e rdfs:label|skos:altLabel ?l }}")
    return [row[0].value for row in rows]


def _all_names(store: ox.Store) -> list[tuple[str, str]]:
    """(subject, text) of every label and alias in the store; subjects that are not entities (documents,
    ontology classes) are dropped later, which is cheaper than joining on their types here."""
    answer = select(store, "SELECT ?e ?l WHERE { ?e rdfs:label|skos:altLabel ?l }")
    # CSV written by Oxigraph and read by the csv module: faster than a Python object per term.
    rows = csv.reader(io.StringIO((answer.serialize(format=ox.QueryResultsFormat.CSV) or b"").decode("utf-8")))
    next(rows, None)
    return [(subject, label) for subject, label in rows if not subject.startswith("_:")]


_WORD_RE = re.compile(r"[^\W_]+")


class _Words:
    """`name_words` for many labels: each distinct word is folded and made singular once."""

    def __init__(self) -> None:
        self.cache: dict[str, str | None] = {}

    def __call__(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for raw in _WORD_RE.findall(text.lower()):
            if raw not in self.cache:
                key = phrase_key(raw)
                self.cache[raw] = key[0] if len(key) == 1 and key[0] not in optional_words() else None
            word = self.cache[raw]
            if word:
                out.append(word)
        return tuple(out) or name_words(text)


def _similar_words(word: str, vocabulary: list[str]) -> set[str]:
    if len(word) < TYPO_MIN_LENGTH:
        return {word}
    close = difflib.get_close_matches(word, vocabulary, n=50, cutoff=TYPO_RATIO)
    return {word} | {w for w in close if len(w) >= TYPO_MIN_LENGTH}


def _tier(query: tuple[str, ...], similar: dict[str, set[str]], words: tuple[str, ...]) -> int | None:
    """2-5 as in the module docstring, or None when the name does not match."""
    qset, lset = set(query), set(words)
    if qset == lset:
        return 2
    if qset <= lset:
        return 4
    if all(similar[q] & lset for q in qset):
        covered = set().union(*(similar[q] for q in qset)) & lset
        return 3 if covered == lset else 5
    return None


def _not_found(message: str, refs: list[EntityRef]) -> NameNotFound:
    if refs:
        message += "\n" + "\n".join(f"  {r.describe()}" for r in refs)
    return NameNotFound(message, [(r.label, r.type, r.iri) for r in refs])


def _ambiguous(name: str, refs: list[EntityRef]) -> NameNotFound:
    refs = sorted(refs, key=lambda r: (len(r.label), r))
    more = f" (first {MAX_CANDIDATES} of {len(refs)})" if len(refs) > MAX_CANDIDATES else ""
    return _not_found(f'"{name}" matches several entities{more}; say which one (a longer name or the IRI):',
                      refs[:MAX_CANDIDATES])


def _best_tier(store: ox.Store, name: str, names: list[tuple[str, str]], words_of: _Words
               ) -> tuple[int, dict[str, EntityRef]] | None:
    """The first tier (1-5) in which `names` hold an entity for `name`, and the entities in it."""
    label_words = {label: words_of(label) for label in {label for _, label in names}}
    vocabulary = sorted({w for words in label_words.values() for w in words})
    query = name_words(name)
    similar = {q: _similar_words(q, vocabulary) for q in query}
    typed = " ".join(name.split()).lower()
    tiers: dict[int, set[str]] = defaultdict(set)
    for iri, label in names:
        tier = 1 if label.lower() == typed else _tier(query, similar, label_words[label])
        if tier is not None:
            tiers[tier].add(iri)
    for tier in sorted(tiers):
        refs = entity_refs(store, tiers[tier])
        if refs:
            return tier, refs
    return None


def _names_with_a_word_of(store: ox.Store, name: str) -> list[tuple[str, str]]:
    """Labels and aliases containing one of the words of `name` (as a substring, any case)."""
    pattern = ox.Literal("|".join(re.escape(w) for w in name_words(name)))
    rows = select(store, f'SELECT ?e ?l WHERE {{ ?e rdfs:label|skos:altLabel ?l . FILTER(REGEX(?l, {pattern}, "i")) }}')
    return [(e.value, label.value) for e, label in rows if isinstance(e, ox.NamedNode)]


def find_entity(store: ox.Store, name: str) -> EntityRef:
    """The one entity `name` refers to, or NameNotFound listing the closest candidates."""
    if not name.strip():
        raise NameNotFound("an empty name refers to nothing")
    exact = _by_iri_or_prefixed(store, name)
    if exact:
        return exact
    same = entity_refs(store, _spelled_as_typed(store, name))
    if len(same) == 1:
        return next(iter(same.values()))
    if same:
        raise _ambiguous(name, list(same.values()))

    if not name_words(name):
        raise NameNotFound(f'no entity is called "{name}" (a name needs letters or digits)')
    # Names sharing a word with the one typed decide unless only a typo-tolerant containment matches them:
    # a better match could then be a name that shares no word exactly, which only a scan of all names finds.
    words_of = _Words()
    found = _best_tier(store, name, _names_with_a_word_of(store, name), words_of)
    names: list[tuple[str, str]] = []
    if found is None or found[0] == 5:
        names = _all_names(store)
        found = _best_tier(store, name, names, words_of)
    if found:
        refs = found[1]
        if len(refs) == 1:
            return next(iter(refs.values()))
        raise _ambiguous(name, list(refs.values()))

    wanted = " ".join(name_words(name))
    by_text: dict[str, set[str]] = defaultdict(set)
    for iri, label in names:
        by_text[" ".join(words_of(label))].add(iri)
    close = difflib.get_close_matches(wanted, list(by_text), n=4 * MAX_CANDIDATES, cutoff=0.6)
    iris = list(dict.fromkeys(i for text in close for i in sorted(by_text[text])))
    refs = entity_refs(store, iris)
    closest = [refs[i] for i in iris if i in refs][:MAX_CANDIDATES]
    raise _not_found(f'no entity is called "{name}"' + ("; the closest names are:" if closest else ""), closest)


def evidence_for(store: ox.Store, triples) -> dict[tuple[str, str, str], list[Evidence]]:
    """Every statement's evidence for each (subject, predicate, object) of IRIs, best first: document
    sentences before reference data, then by document and offset."""
    triples = sorted(set(triples))
    if not triples:
        return {}
    values = " ".join(f"({_iri(ox.NamedNode(s))} {_iri(ox.NamedNode(p))} {_iri(ox.NamedNode(o))})"
                      for s, p, o in triples)
    rows = select(
        store, f"""SELECT ?s ?p ?o ?kind ?text ?file ?srcLabel ?start ?amount ?derivation ?confidence ?end ?src WHERE {{
          VALUES (?s ?p ?o) {{ {values} }}
          ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
          OPTIONAL {{ ?st kg:evidenceKind ?kind }}
          OPTIONAL {{ ?st kg:evidenceText ?text }}
          OPTIONAL {{ ?st kg:startOffset ?start }}
          OPTIONAL {{ ?st kg:endOffset ?end }}
          OPTIONAL {{ ?st kg:amountText ?amount }}
          OPTIONAL {{ ?st kg:derivation ?derivation }}
          OPTIONAL {{ ?st kg:confidence ?confidence }}
          OPTIONAL {{ ?st prov:wasDerivedFrom ?src .
                     OPTIONAL {{ ?src kg:fileName ?file }} OPTIONAL {{ ?src rdfs:label ?srcLabel }} }}
        }}""")
    return evidence_from_rows(rows)


def _value(term) -> str | None:
    return term.value if term is not None else None


def evidence_from_rows(rows) -> dict[tuple[str, str, str], list[Evidence]]:
    """Rows of (?s ?p ?o ?kind ?text ?file ?srcLabel ?start ?amount), optionally followed by (?derivation
    ?confidence ?end ?src), as each triple's evidence, best first."""
    found: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    for solution in rows:
        row = tuple(solution)
        s, p, o, kind, text, file, src_label, start, amount = row[:9]
        derivation, confidence, end, src = (tuple(row[9:13]) + (None,) * 4)[:4]
        source = file.value if file is not None else src_label.value if src_label is not None else None
        found[(s.value, p.value, o.value)].add(Evidence(
            kind.value if kind is not None else ("text" if text is not None else "reference"),
            _value(text), source, int(start.value) if start is not None else None, _value(amount),
            _value(derivation), float(confidence.value) if confidence is not None else None,
            int(end.value) if end is not None else None, _value(src)))
    return {key: sorted(ev, key=Evidence.sort_key) for key, ev in found.items()}
