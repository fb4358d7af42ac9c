"""What the relation rules read: the corpus as resolved (`LinkContext`), one document's pass
(`DocumentPass`, what its sentences state and what the corpus-level rules need to know of it), one sentence
with its resolved mentions (`SentenceView`), and the helpers rules share."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.extract.en import Matchers
from kg.extract.en.parts import Part, PartsCache, sentence_keys
from kg.extract.en.sentences import LEGAL_FORM_ABBREVIATIONS
from kg.link.resolve import Resolution
from kg.model import INFERRED, STATED, Entity, Evidence, Mention, RelationSet, Sentence
from kg.names import WORD_PART_RE, fold, phrase_key, singular
from kg.reference import Reference

REGION_TYPES = {"Province", "City", "County", "Town"}
PLACE_TYPES = REGION_TYPES | {"Park"}
# "provides power batteries for X": a supply stated with the product in between
PROVIDES_RE = r"provides? (?:\w+ ){0,4}(?:for|to)"
# A few words before a noun that qualify it, none a preposition ("leading", "home appliance"): what comes before a
# company noun says what kind of company it is, where no "of"/"in" makes it another's ("a partner of the X company")
QUALIFIERS = r"(?:(?!(?:of|in|for|with|to|from|by|and|or|the)\s)[A-Za-z][\w-]*\s+){0,3}"
# Only a list's glue between two enterprises: "A, B and C".
LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def key_regex(keys, plural: bool = True) -> re.Pattern:
    """One case-insensitive, whole-word pattern for phrase keys of the lexicon (("high", "tech", "zone") matches
    "high-tech zone" and, with `plural`, "High-tech Zones"), longest first."""
    def phrase(key: tuple[str, ...]) -> str:
        *words, last = key
        if plural and last.endswith("y") and len(last) > 3:  # "company" -> "companies"
            last_re = re.escape(last[:-1]) + "(?:y|ies)"
        else:
            last_re = re.escape(last) + (r"(?:e?s)?" if plural else "")
        return r"\W+".join([*(re.escape(w) for w in words), last_re])

    alternatives = [phrase(key) for key in sorted(keys, key=len, reverse=True)]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


# "It is hoped that ...", "It is expected to ...": an "it" that refers to nothing.
DUMMY_IT_RE = re.compile(r"\s*it\s+(?:is|was|has been|will be|would be)\s+(?:\w+\s+){0,2}?(?:that|to|for)\b",
                         re.IGNORECASE)
# How many sentences back "It" or "The company" may find the enterprise it refers to.
MAX_REFERENT_DISTANCE = 2


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
        self._named: dict[str, dict[int, set[str]]] = {}
        self.invest_re = cue_regex(self.lex.invest_cues)
        # the words of the lexicon as patterns, made once per build
        self.project_re = key_regex(self.lex.project_heads)
        # "the energy storage battery project of X", "a battery project by X": a project head and "of"/"by" before X
        self.project_of_re = re.compile(rf"(?:{self.project_re.pattern})\s+(?:of|by)\s+(?:the\s+)?$", re.IGNORECASE)
        self.park_head_re = key_regex([*self.lex.park_heads, ("park",), ("zone",)], plural=False)
        self.agent_re = key_regex(self.lex.investor_agent_cues)
        self.host_re = cue_regex(self.lex.host_phrases)
        self.produce_re = cue_regex(self.lex.produce_phrases)
        self.company_noun_re = cue_regex(sorted(self.lex.company_nouns))
        park = self.park_head_re.pattern
        self.referred_park_re = re.compile(rf"\s*(?:the|this) ({park})", re.IGNORECASE)
        self.companies_re = key_regex([(w,) for w in sorted(self.lex.company_nouns)])
        self.members_re = re.compile(rf"(?:{self.companies_re.pattern}) (?:in|of) the", re.IGNORECASE)
        self.members_park_re = re.compile(rf"{self.members_re.pattern} ({park})", re.IGNORECASE)
        locate = "|".join(re.escape(w) for w in self.lex.location_verbs)
        located = r"\s*,?\s*(?:(?:which|that) )?(?:(?:is|are|was|were) )?"  # ", which is" before the verb
        self.located_gap_re = re.compile(rf"{located}(?:(?:{locate}) )?in (?:the )?\s*")
        # "X, founded in 2015, is headquartered in Y": an apposition about X, then its verb of place
        self.located_past_apposition_re = re.compile(
            rf"\s*,[^,;]{{1,60}}?,\s*(?:(?:is|are|was|were) )?(?:{locate}) in (?:the )?\s*")
        # "X, which is located in the zone": the park of that kind the document named last
        self.located_in_the_park_re = re.compile(rf"{located}(?:{locate}) in the ({park})\b", re.IGNORECASE)
        self.located_head_re = re.compile(rf"\s*\w+(?: \w+)?\s+(?:is|are|was|were) (?:{locate}) in (?:the )?",
                                          re.IGNORECASE)
        lead = "|".join(re.escape(w) for w in sorted(self.lex.chain_lead_verbs))
        self.lead_the_re = re.compile(rf"\b(?:{lead})\s+the\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE)
        self.companies_listed_re = re.compile(rf"(?:industry |industrial )?(?:{self.companies_re.pattern}) "
                                              r"(?:such as|including|like)", re.IGNORECASE)
        self.back_park_re = re.compile(rf"\bin the ({park})", re.IGNORECASE)
        self.host_after_re = re.compile(r"\s*,?\s*(?:which |that )?(?:" + self.host_re.pattern + r")\s+", re.IGNORECASE)
        self.produces_re = re.compile(r"(?:,[^,;]{0,60},)?\s*"
                                      r"(?:will |would |is to |is set to |is expected to |plans to )?"
                                      r"(?:mainly |mostly |also )?(?:" + self.produce_re.pattern
                                      + r")\s+", re.IGNORECASE)
        self.apposition_of_re = re.compile(
            r"\s*(?:,\s*|\s+is\s+)(?:a|an|the|one of the)\s+(?:[\w-]+\s+){0,4}?(?:" + self.company_noun_re.pattern
            + r")\s+(?:of|in)\s+", re.IGNORECASE)
        # "X, a home appliance maker", "X is a leading biomedicine company": the kind of company X is, its industry
        # named before the company noun (a few words before it, no preposition: "a partner of the new energy
        # company Y" says nothing of X)
        self.kind_before_re = re.compile(r"\s*(?:,\s*|\s+(?:is|was|has become|became)\s+)(?:a|an|the|one of the)\s+"
                                         + QUALIFIERS)
        self.company_noun_after_re = re.compile(r"\s+(?:" + self.companies_re.pattern + ")", re.IGNORECASE)
        # "A, B and C, three leading enterprises in the food processing industry": what a list's members are, after
        # its last; the industry follows (in|of) or comes right before the company noun (`kind_before_re`)
        counts = "|".join(re.escape(w) for w in sorted(self.lex.number_words))
        members = rf"\s*,\s*(?:the\s+|these\s+|all\s+|both\s+)?(?:(?:{counts}|\d+)\s+)"  # ", (the) three "
        self.list_apposition_re = re.compile(
            rf"{members}?(?:[\w-]+\s+){{0,2}}?(?:{self.companies_re.pattern})\s+(?:in|of)\s+(?:the\s+)?", re.IGNORECASE)
        self.list_kind_re = re.compile(members + QUALIFIERS, re.IGNORECASE)
        # "X, a biomedicine company from Guangzhou": where the company comes from, in an apposition about it
        self.apposition_from_re = re.compile(
            r"\s*,\s*(?:a|an|the|one of the)\s+(?:[\w&-]+\s+){0,5}?(?:" + self.companies_re.pattern
            + rf")\s+(?:from|(?:{locate}) in)\s+(?:the\s+)?", re.IGNORECASE)
        # the words every investment-agent cue holds one of: a sentence without any has no agent
        self.agent_words = {w for cue in self.lex.investor_agent_cues for w in cue if w in ("by", "from", "investor")}
        self.pronoun_firsts = {pr[0] for pr in self.lex.subject_pronouns}
        self.chain_master_re = cue_regex(self.lex.chain_master_cues)
        self.supply_re = cue_regex(self.lex.supply_cues, PROVIDES_RE)


    def named_in(self, sentence: Sentence) -> set[str]:
        """The entities a sentence names (by any mention, a region inside a park's name included)."""
        named = self._named.get(sentence.doc)
        if named is None:
            named = self._named[sentence.doc] = {}
            for m in self.doc_mentions.get(sentence.doc, ()):
                iri = self.res.mention_entity.get(m)
                if iri:
                    named.setdefault(m.sentence, set()).add(iri)
        return named.get(sentence.index, set())

    def evidence(self, sentence: Sentence, rule: str, subject: str, obj: str) -> Evidence:
        """The evidence a sentence gives a relation by a rule: stated where the sentence names both ends,
        inferred where one comes from its context; with the confidence the rule has for that derivation
        (the lexicon's `rule_confidence`, calibrated on development gold)."""
        named = self.named_in(sentence)
        derivation = STATED if subject in named and obj in named else INFERRED
        return Evidence(sentence.doc, sentence.text, sentence.start, sentence.end, derivation,
                        self.lex.confidence(rule, derivation))

    def relate(self, rels: RelationSet, sentence: Sentence, rule: str, subject: str, predicate: str, obj: str,
               amount: tuple[float, str] | None = None) -> None:
        """Add a relation a sentence gives by a rule, with its evidence."""
        rels.add(subject, predicate, obj, self.evidence(sentence, rule, subject, obj), amount)


@dataclass
class DocumentPass:
    """The sentence pass over one document: the relations its sentences state, where each entity is first
    named (sentence index, offset), the counties and towns each sentence names outside park and enterprise
    names (offset, IRI), the enterprises named as customers or as owners of a subsidiary (neither need be where
    the document is about), the industry entities the rules added, and, while the pass runs, the park of each
    kind named last (for "the park") and the park its title names."""

    doc: str
    relations: RelationSet = field(default_factory=RelationSet)
    first_sentence: dict[str, int] = field(default_factory=dict)
    first_mention: dict[str, int] = field(default_factory=dict)
    regions: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    customers: set[str] = field(default_factory=set)
    owners: set[str] = field(default_factory=set)
    industries: list[str] = field(default_factory=list)
    parks_seen: dict[str, str] = field(default_factory=dict)  # park kind (and "") -> IRI
    title_park: str | None = None
    investors: set[str] = field(default_factory=set)  # agents of investments ("funded by X"): from elsewhere
    last_subject: str | None = None  # the enterprise the sentences before were about ("It plans to ...")
    last_subject_at: int = -1  # the sentence that named it
    last_named: list[str] = field(default_factory=list)  # every enterprise of that sentence ("两家企业均位于…")
    masters_heading: bool = False  # the sentences before announced chain masters, naming none ("…链主企业名单")


@dataclass
class SentenceView:
    """One sentence with its mentions resolved to entities, in text order. Its word parts are made when a rule
    first reads them (`parts_of`: the corpus's parts cache): a sentence no rule reads never needs them."""

    sentence: Sentence
    parts_of: Callable[[Sentence], list[Part]]
    mentions: list[tuple[Mention, Entity]]

    _of_type: dict[tuple[str, ...], list[tuple[Mention, Entity]]] = field(default_factory=dict)
    memo: dict[str, object] = field(default_factory=dict)  # what several rules read of the sentence, read once

    def __getattr__(self, name: str) -> Any:
        """`parts`, `keys` (the set of their keys: is a word in the sentence?) and `folded` (the text folded,
        `kg.names.fold`, which keeps offsets), each made on first reading and then an attribute like any other
        (rules read them often). The keys are read without the parts where no rule has read the parts yet: most
        sentences need no more than a word looked up."""
        if name == "folded":
            folded = self.__dict__["folded"] = fold(self.sentence.text)
            return folded
        if name == "parts":
            parts = self.__dict__["parts"] = self.parts_of(self.sentence)
            return parts
        if name == "keys":
            made = self.__dict__.get("parts")
            keys = self.__dict__["keys"] = {q.key for q in made} if made is not None else sentence_keys(self.sentence)
            return keys
        raise AttributeError(name)

    def of_type(self, *types: str) -> list[tuple[Mention, Entity]]:
        """The mentions of entities of these types (a fresh list: callers may change it)."""
        if types not in self._of_type:
            self._of_type[types] = [(m, e) for m, e in self.mentions if e.type in types]
        return list(self._of_type[types])

    def part_index(self, offset: int) -> int:
        """The index of the first part that starts at or after `offset`."""
        return bisect.bisect_left(self.parts, offset, key=_part_start)

    def end_of(self, m: Mention) -> int:
        """Where what the sentence says after a mention starts: past the full stop of the abbreviation that ends
        a company's name ("X Co., Ltd. is located in ...", "... Ltd., located in ..."), which its mention leaves
        out (a sentence's own stop may follow the name), where the sentence goes on after it in lower case or
        punctuation. Before a capital the stop may end a sentence the splitter could not tell ("... Co., Ltd.
        Hengda Electronics supplies ..."): it is kept as the end."""
        text, at = self.sentence.text, m.end - self.sentence.start
        rest = text[at + 1:].lstrip()
        if text[at:at + 1] != "." or not rest or rest[0].isupper() or m.kind != "enterprise":
            return m.end
        last = m.surface.rsplit(None, 1)[-1].lower()
        return m.end + 1 if last in LEGAL_FORM_ABBREVIATIONS else m.end

    def between(self, a: Mention, b: Mention) -> str:
        """The text between two mentions (`end_of` the first)."""
        first, second = (a, b) if a.start <= b.start else (b, a)
        lo, hi = self.end_of(first), second.start
        return self.sentence.text[lo - self.sentence.start: max(lo, hi) - self.sentence.start]


def _part_start(p: Part) -> int:
    return p.start


def may_hold_possessive(v: SentenceView) -> bool:
    """Can a word of the sentence be a possessive (`Part.possessive`)? Only with an apostrophe, which folding
    makes one character: checked before the sentence is split into its word parts."""
    return "'" in v.folded


def sentence_evidence(s: Sentence) -> Evidence:
    return Evidence(s.doc, s.text, s.start, s.end)


def is_free(v: SentenceView, m: Mention) -> bool:
    """An industry mention that is not part of a park's or enterprise's name."""
    names = v.memo.get("names")
    if names is None:  # the spans of the sentence's park and enterprise names, read once
        names = v.memo["names"] = [(o.start, o.end, o) for o, e in v.mentions if e.type in ("Park", "Enterprise")]
    return not any(start <= m.start and m.end <= end and o is not m for start, end, o in names)  # type: ignore


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
        prev_end = v.end_of(em)
    return out


def names_a_chain(v: SentenceView, m: Mention) -> bool:
    return bool(re.match(r"\s*(?:industry |industrial )?chain\b", v.sentence.text[m.end - v.sentence.start:]))


def project_word_after(ctx: LinkContext, v: SentenceView, start: int, limit: int) -> int | None:
    """Where the first project word ("project", "base", "plant" ...) after `start` is, in the same clause."""
    text = v.sentence.text[start - v.sentence.start: limit - v.sentence.start]
    m = ctx.project_re.search(text)
    if not m or ";" in text[:m.start()] or len(text[:m.start()]) > 160:
        return None
    return start + m.start()


def recent_park(ctx: LinkContext, p: DocumentPass, head: str) -> str | None:
    """The park of that kind the document named last, for "in the high-tech zone"; for a bare "the zone" or
    "the park", the last one whose kind ends so (a development zone, not an industrial park)."""
    key = phrase_key(head)
    kind = ctx.lex.park_heads.get(key)
    if kind:
        return p.parks_seen.get(kind)
    same = [k for k in p.parks_seen if k and k.split()[-1:] == list(key[-1:])]
    return p.parks_seen.get(same[-1]) if same else p.parks_seen.get("")


def park_referred_to(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> str | None:
    """The park a sentence refers back to as "the park" / "the zone" in its subject or in
    "enterprises in the park": the one the document named last."""
    if "referred_park" in v.memo:
        return v.memo["referred_park"]  # type: ignore[return-value]
    text = v.sentence.text
    head = ctx.referred_park_re.match(text)
    if not head and " the " in text and not v.keys.isdisjoint(ctx.lex.company_nouns):
        head = ctx.members_park_re.search(text)
    v.memo["referred_park"] = park = recent_park(ctx, p, head.group(1)) if head else None
    return park


def subject_referent(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> str | None:
    """The enterprise a sentence that opens with "It" or "The company" is about: the one the sentences before
    named last (None if this sentence names an enterprise right after those words: "The project of X ...")."""
    if "referent" in v.memo:
        return v.memo["referent"]  # type: ignore[return-value]
    v.memo["referent"] = referent = _referent(ctx, p, v)
    return referent


def _referent(ctx: LinkContext, p: DocumentPass, v: SentenceView) -> str | None:
    first = WORD_PART_RE.search(v.folded)  # the first word, read without the sentence's parts
    if first is None or singular(first.group().lower()) not in ctx.pronoun_firsts:
        return None
    if DUMMY_IT_RE.match(v.sentence.text) or v.sentence.index - p.last_subject_at > MAX_REFERENT_DISTANCE:
        return None  # "It is hoped that ...": no one; or the enterprise was named too long ago
    keys = [q.key for q in v.parts[:3]]
    said = next((len(pr) for pr in ctx.lex.subject_pronouns if tuple(keys[:len(pr)]) == pr), 0)
    if not said or said > 1 and v.parts[said - 1].raw.lower() != keys[said - 1]:
        return None  # "The projects cover ...": several, not the company named last
    # "The project of X, ...", "The investor, X, ...": the sentence names whose it is
    if any(v.part_index(m.start) <= said + 2 for m, _ in v.of_type("Enterprise")):
        return None
    return p.last_subject


def agents(ctx: LinkContext, v: SentenceView) -> list[tuple[Mention, Entity, int]]:
    """The enterprises an investment cue introduces ("funded by X", "co-launched by X and Y"), each with the
    offset where its clause starts (after the last semicolon before the cue)."""
    if "agents" in v.memo:
        return v.memo["agents"]  # type: ignore[return-value]
    out: list[tuple[Mention, Entity, int]] = []
    v.memo["agents"] = out
    text, base = v.sentence.text, v.sentence.start
    enterprises = v.of_type("Enterprise")
    if not enterprises or v.keys.isdisjoint(ctx.agent_words):
        return out
    for cue in ctx.agent_re.finditer(text):
        clause = text.rfind(";", 0, cue.start()) + 1
        cue_end = base + cue.end()
        if cue.group().lower().rstrip().endswith(" of"):  # "the investor of <project> is X"
            verb = re.compile(r"\b(?:is|are|was|were)\b").search(text, cue.end())
            cue_end = base + verb.end() if verb else cue_end
        for em, ee in list_after(v, cue_end, enterprises, max_gap=3):
            out.append((em, ee, base + clause))
    return out


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
