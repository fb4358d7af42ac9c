"""What the Chinese relation rules read: one sentence normalised as extraction read it (simplified, half-width, no
scraped Pinyin), its resolved mentions as spans of that text, and the helpers the rules share. Evidence is always
the sentence as the document writes it, with the document's offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.zh import ChineseMatchers
from kg.extract.zh.sentences import is_credit
from kg.link.relations.context import PLACE_TYPES, DocumentPass, LinkContext, SentenceView
from kg.model import INFERRED, STATED, Entity, Evidence, Mention
from kg.reference.lexicon_zh import ChineseLexicon

# Marks that end a clause (after width folding): a relation's cue and its ends are in one clause unless a rule
# says otherwise.
CLAUSE_RE = re.compile(r"[,，;；。!！?？:：]")
# What may stand between two items of a list: 、 和 及 与 (以及), white space.
LIST_GLUE_RE = re.compile(r"[\s、和及与]*|\s*以及\s*")

# What a clause may open with and still have the subject of the clauses before it: adverbs, and 总部 (the company's
# headquarters: where it is).
_CONTINUING_RE = re.compile(r"\s*(?:(?:主要|还|并|也|同时|目前|现|已|其)\s*)*(?:(?:公司)?总部\s*)?")


@dataclass(frozen=True)
class Item:
    """A resolved mention as a span [a, b) of the normalised sentence."""

    a: int
    b: int
    mention: Mention
    entity: Entity

    @property
    def type(self) -> str:
        return self.entity.type

    @property
    def iri(self) -> str:
        return self.entity.iri


class ChineseSentence:
    def __init__(self, ctx: LinkContext, v: SentenceView, zh: ChineseMatchers,
                 places_by_sentence: dict[int, set[str]] | None = None) -> None:
        s = v.sentence
        self.ctx = ctx
        self._places_by_sentence = places_by_sentence or {}
        self.view = v
        self.lex: ChineseLexicon = zh.lexicon
        norm = zh.normaliser.normalise(s.text)
        self.text = norm.text
        self.items = [Item(norm.to_normal(m.start - s.start), norm.to_normal(m.end - s.start), m, e)
                      for m, e in v.mentions]

    def of_type(self, *types: str) -> list[Item]:
        return [i for i in self.items if i.type in types]

    def listed_before(self, end: int, items: list[Item]) -> list[Item]:
        """The items of `items` that make the list ending at `end` (、 和 及 与 between them, white space where a
        line was broken), in text order."""
        out: list[Item] = []
        at = end
        for item in reversed([i for i in items if i.b <= end]):
            if self.text[item.b:at].strip(" \n、") not in ("", "和", "及", "与", "以及"):
                break
            out.append(item)
            at = item.a
        return out[::-1]

    def listed_from(self, first: Item, items: list[Item]) -> list[Item]:
        """`first` and the items of `items` that follow it as one list (joined by 、 和 及 与 以及)."""
        out = [first]
        for item in items:
            if item.a > out[-1].b and LIST_GLUE_RE.fullmatch(self.text, out[-1].b, item.a):
                out.append(item)
        return out

    def free(self, item: Item) -> bool:
        """Not part of a park's or an enterprise's name."""
        return not any(o is not item and o.a <= item.a and item.b <= o.b and o.type in ("Park", "Enterprise")
                       for o in self.items)

    def free_of_type(self, *types: str) -> list[Item]:
        return [i for i in self.of_type(*types) if self.free(i)]

    def evidence(self, derivation: str = STATED, confidence: float = 0.8) -> Evidence:
        s = self.view.sentence
        return Evidence(s.doc, s.text, s.start, s.end, derivation, confidence)

    def inferred(self, confidence: float = 0.5) -> Evidence:
        return self.evidence(INFERRED, confidence)

    def clause_end(self, at: int) -> int:
        m = CLAUSE_RE.search(self.text, at)
        return m.start() if m else len(self.text)

    def clause_start(self, at: int) -> int:
        starts = [m.end() for m in CLAUSE_RE.finditer(self.text, 0, at)]
        return starts[-1] if starts else 0

    def cue_at(self, at: int, cues: tuple[str, ...]) -> str:
        """The cue (longest first) that starts at `at`, white space skipped, or ""."""
        while at < len(self.text) and self.text[at].isspace():
            at += 1
        return next((c for c in cues if self.text.startswith(c, at)), "")

    def previous_place(self) -> str | None:
        """The one place (region or park, not inside a name) the sentence before this one names, if it names one;
        a photo's credit between them is passed over ("△鹤山工业城。" "张明 摄" "三年来引进…")."""
        sentences = self.ctx.doc_sentences.get(self.view.sentence.doc, [])
        k = self.view.sentence.index - 1
        while 0 <= k < len(sentences) and is_credit(sentences[k].text):
            k -= 1
        named = self._places_by_sentence.get(k, set())
        return next(iter(named)) if len(named) == 1 else None

    def cues(self, cues: tuple[str, ...]) -> list[tuple[int, int]]:
        """Where the cues (a lexicon list) occur: (start, end), longest cue first at each place."""
        return [m.span() for m in _pattern(cues).finditer(self.text)]

    def topic_enterprise(self, at: int) -> Item | None:
        """The enterprise a clause with no subject of its own is about: the one that opens the sentence's first
        named clause ("X位于Y，主要从事Z", "X成立于2008年，总部位于Y"), as Chinese leaves out the subject the clauses
        before gave. None where the clause at `at` opens with other words than adverbs (or 总部), or the sentence
        names a park before it or another enterprise before the clause."""
        start = self.clause_start(at)
        if start == 0 or not _CONTINUING_RE.fullmatch(self.text, start, at):
            return None
        names = [i for i in self.items if i.type in ("Park", "Enterprise") and self.free(i) and i.a < start]
        if not names or names[0].type != "Enterprise" or sum(i.type == "Enterprise" for i in names) > 1:
            return None  # a park first ("园区内X…"), or two enterprises: whose clause it is is not told
        first = names[0]
        return first if not self.text[self.clause_start(first.a):first.a].strip() else None

    def most_specific_place(self, first: Item) -> Item:
        """The place an address that starts at `first` ends at: 四会东城街道 -> 东城街道 (each place right after
        the one before and inside it)."""
        current = first
        for nxt in self.free_of_type(*PLACE_TYPES):
            if nxt.a < current.b:
                continue
            if self.text[current.b:nxt.a].strip():
                break
            if nxt.type == "Park" or current.iri in self.ctx.reference.ancestors(nxt.iri):
                current = nxt
            else:
                break
        return current

    def place_after(self, at: int, end: int) -> Item | None:
        """The first place named in text[at:end] (not inside a name), as precisely as its address goes."""
        for item in self.free_of_type(*PLACE_TYPES):
            if at <= item.a < end:
                return self.most_specific_place(item)
        return None


# "该公司…", "公司…", "这家企业…": a clause whose subject is the company the sentences before were about, named
# at most MAX_BACK sentences before.
_IT_RE = re.compile(r"\s*(?:该|这家|此|本)?(?:企业|公司)(?:也|已|还|将)*")
MAX_BACK = 2


def company_referred_to(p: DocumentPass, s: ChineseSentence, at: int) -> tuple[str, int] | None:
    """The company a clause that opens at `at` with 该公司 (公司, 这家企业) refers to, and where those words end."""
    m = _IT_RE.match(s.text, at)
    if m is None or not p.last_subject or s.view.sentence.index - p.last_subject_at > MAX_BACK:
        return None
    return p.last_subject, m.end()

def places_by_sentence(ctx: LinkContext, doc: str) -> dict[int, set[str]]:
    """The places (regions and parks, not inside a park's or an enterprise's name) each sentence of a document
    names."""
    resolved = [(m, ctx.entities[iri]) for m in ctx.doc_mentions[doc] if (iri := ctx.res.mention_entity.get(m))]
    names = [m for m, e in resolved if e.type in ("Park", "Enterprise")]
    out: dict[int, set[str]] = {}
    for m, e in resolved:
        if e.type in PLACE_TYPES and not any(o is not m and o.sentence == m.sentence and o.start <= m.start
                                             and m.end <= o.end for o in names):
            out.setdefault(m.sentence, set()).add(e.iri)
    return out


_patterns: dict[tuple[str, ...], re.Pattern] = {}


def _pattern(cues: tuple[str, ...]) -> re.Pattern:
    if cues not in _patterns:
        _patterns[cues] = re.compile("|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)))
    return _patterns[cues]
