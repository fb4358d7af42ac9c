"""What the relation rules read: the corpus as resolved (`LinkContext`), one document's pass
(`DocumentPass`, what its sentences state and what the corpus-level rules need to know of it), one sentence
with its resolved mentions (`SentenceView`), and the helpers rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.en import Matchers
from kg.extract.en.parts import Part, PartsCache
from kg.link.resolve import Resolution
from kg.model import Entity, Evidence, Mention, RelationSet, Sentence
from kg.names import phrase_key
from kg.reference import Reference

REGION_TYPES = {"Province", "City", "County", "Town"}
PLACE_TYPES = REGION_TYPES | {"Park"}
# "provides power batteries for X": a supply stated with the product in between
PROVIDES_RE = r"provides? (?:\w+ ){0,4}(?:for|to)"


def cue_regex(phrases: list[str], extra: str = "") -> re.Pattern:
    """One case-insensitive, whole-word pattern for a lexicon list of cue phrases (longest first)."""
    alternatives = [re.escape(p) for p in sorted(phrases, key=len, reverse=True)] + ([extra] if extra else [])
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


class LinkContext:
    """The corpus as resolution left it, read (never changed) by every document's sentence pass: so passes
    can run in any order and in forked processes."""

    def __init__(self, reference: Reference, matchers: Matchers, resolution: Resolution,
                 doc_sentences: dict[str, list[Sentence]], doc_mentions: dict[str, list[Mention]],
                 parts: PartsCache, languages: dict[str, str] | None = None) -> None:
        self.reference = reference
        self.m = matchers
        self.lex = matchers.lexicon
        self.res = resolution
        self.entities = resolution.entities
        self.doc_sentences = doc_sentences
        self.doc_mentions = doc_mentions
        self.parts = parts
        self.languages = languages or {}  # document -> language code
        self.invest_re = cue_regex(self.lex.invest_cues)
        self.chain_master_re = cue_regex(self.lex.chain_master_cues)
        self.supply_re = cue_regex(self.lex.supply_cues, PROVIDES_RE)


@dataclass
class DocumentPass:
    """The sentence pass over one document: the relations its sentences state, where each entity is first
    named (sentence index, offset), the counties and towns each sentence names outside park and enterprise
    names (offset, IRI), the enterprises named as customers, the industry entities the rules added, and, while
    the pass runs, the park of each kind named last (for "the park") and the park its title names."""

    doc: str
    relations: RelationSet = field(default_factory=RelationSet)
    first_sentence: dict[str, int] = field(default_factory=dict)
    first_mention: dict[str, int] = field(default_factory=dict)
    regions: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    customers: set[str] = field(default_factory=set)
    industries: list[str] = field(default_factory=list)
    parks_seen: dict[str, str] = field(default_factory=dict)  # park kind (and "") -> IRI
    title_park: str | None = None


@dataclass
class SentenceView:
    """One sentence with its mentions resolved to entities, in text order."""

    sentence: Sentence
    parts: list[Part]
    mentions: list[tuple[Mention, Entity]]

    _of_type: dict[tuple[str, ...], list[tuple[Mention, Entity]]] = field(default_factory=dict)

    def of_type(self, *types: str) -> list[tuple[Mention, Entity]]:
        """The mentions of entities of these types (a fresh list: callers may change it)."""
        if types not in self._of_type:
            self._of_type[types] = [(m, e) for m, e in self.mentions if e.type in types]
        return list(self._of_type[types])

    def part_index(self, offset: int) -> int:
        for k, p in enumerate(self.parts):
            if p.start >= offset:
                return k
        return len(self.parts)

    def between(self, a: Mention, b: Mention) -> str:
        lo, hi = sorted((a.end, b.start))
        return self.sentence.text[lo - self.sentence.start: hi - self.sentence.start]


def sentence_evidence(s: Sentence) -> Evidence:
    return Evidence(s.doc, s.text, s.start, s.end)


def is_free(v: SentenceView, m: Mention) -> bool:
    """An industry mention that is not part of a park's or enterprise's name."""
    return not any(o.start <= m.start and m.end <= o.end and e.type in ("Park", "Enterprise")
                   for o, e in v.mentions if o is not m)


def list_after(v: SentenceView, offset: int, enterprises, max_gap: int = 40):
    """The enterprises of the list that starts right after `offset` ("... such as A, B and C")."""
    out, prev_end = [], None
    for em, ee in enterprises:
        if em.start < offset:
            continue
        if prev_end is None:
            if em.start - offset > max_gap:
                break
        elif re.sub(r"\s|,|\band\b|'s|'", "", v.sentence.text[prev_end - v.sentence.start:em.start - v.sentence.start]):
            break
        out.append((em, ee))
        prev_end = em.end
    return out


def names_a_chain(v: SentenceView, m: Mention) -> bool:
    return bool(re.match(r"\s*(?:industry |industrial )?chain\b", v.sentence.text[m.end - v.sentence.start:]))


def project_word_after(v: SentenceView, start: int, limit: int) -> int | None:
    text = v.sentence.text[start - v.sentence.start: limit - v.sentence.start]
    m = re.search(r"\b(?:projects?|bases?|plants?|factory|factories|production lines?|power stations?)\b", text)
    if not m or ";" in text[:m.start()] or len(text[:m.start()]) > 160:
        return None
    return start + m.start()


def recent_park(ctx: LinkContext, p: DocumentPass, head: str) -> str | None:
    """The park of that kind the document named last, for "in the high-tech zone"."""
    kind = ctx.lex.park_heads.get(phrase_key(head), "")
    return p.parks_seen.get(kind)


def park_referred_to(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> str | None:
    """The park a sentence refers back to as "the park" / "the zone" in its subject or in
    "enterprises in the park": the one the document named last."""
    m = re.match(r"\s*(?:the|this) (park|zone|high-tech zone|development zone|new area|industrial park)\b(?!s)",
                 v.sentence.text, re.IGNORECASE) or re.search(
        r"\b(?:enterprises|companies|firms) (?:in|of) the (park|zone|high-tech zone|development zone|new area)\b",
        v.sentence.text, re.IGNORECASE)
    return recent_park(ctx, p, m.group(1)) if m else None


def topic_park(v: SentenceView, parks):
    contained = set()
    for (a, _), (b, eb) in zip(parks, parks[1:]):
        if re.fullmatch(r"\s*in (?:the )?", v.between(a, b)):
            contained.add(eb.iri)
    candidates = [(m, e) for m, e in parks if e.iri not in contained]
    return candidates[0] if len({e.iri for _, e in candidates}) == 1 else None


def industry_of(ctx: LinkContext, p: DocumentPass, label: str) -> str | None:
    """The vocabulary industry a label names, added to the graph if no document named it yet."""
    hits = ctx.m.industries.entries.get(phrase_key(label))
    if not hits:
        return None
    iri = sorted(hits)[0]
    if iri not in ctx.entities and iri not in p.industries:
        p.industries.append(iri)  # added to the graph's entities when the pass is taken in
    return iri
