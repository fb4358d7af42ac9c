"""Industries a sentence names in an industry's place, in or beyond the vocabulary.

Three places mark a phrase as an industry: before an industry head ("traditional motorbike industry", "303
bamboo enterprises"), as an item of a list that an industry noun opens ("featured industries such as smart
lighting, smart door locks and ...", "the fields of new energy, new material and advanced manufacturing", "an
industrial landscape encompassing ..."), and after an object cue ("a key supplier of automotive body
components"). Leading generic words go ("traditional", "key"). The phrase is then:

- a vocabulary industry, now marked as one (`salient`);
- a vocabulary industry with words before it that narrow it ("laser intelligent equipment" for the
  vocabulary's intelligent equipment): a new industry whose nearest concept is that industry;
- no vocabulary industry: a new industry whose nearest concept is the most similar vocabulary concept by the
  words of its labels (the head word counting most), or that of a list-mate, or none.

A new industry is a mention of kind "new-industry" with details "key" (its normalised name) and "broader" (the
IRI of its nearest concept, "" for none); `kg.link` makes it an Industry entity with skos:broader to that
concept, so it reaches that concept's cluster."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part
from kg.model import Mention
from kg.names import phrase_key

NEW_INDUSTRY = "new-industry"
NAME_BUSINESS = "name-business"  # the cue of a new industry a company's name spells out
# The longest phrase an industry's place holds, in words, and how far a list noun may be from its opener.
MAX_PHRASE = 5
MAX_OPENER_GAP = 2
# Openers that are a verb's complement ("the pillar industries are A, B and C"): the list must hold the vocabulary
COPULAS = frozenset({"are", "were"})
# A head like "enterprises" or "companies" narrows less than "industry": fewer words before it are the industry.
MAX_BEFORE_COMPANY_HEAD = 2
COMPANY_HEADS = frozenset({"enterprise", "company", "firm", "manufacturer", "producer"})


@dataclass
class PhraseFindings:
    """What the industry places of one sentence say: new industries, vocabulary mentions they mark as
    industries, and vocabulary mentions a longer new industry replaces."""

    new: list[Mention] = field(default_factory=list)
    vocabulary: list[Mention] = field(default_factory=list)  # short forms of vocabulary industries
    salient: set[int] = field(default_factory=set)  # start offsets of vocabulary mentions
    replaced: set[int] = field(default_factory=set)


def find_industry_phrases(ctx: DocumentContext, idx: int, vocabulary: list[Mention]) -> PhraseFindings:
    parts = ctx.parts[idx]
    out = PhraseFindings()
    if not parts or ctx.words[idx].isdisjoint(ctx.m.industry_phrase_triggers):
        return out
    spans = []  # the vocabulary mentions as part spans
    for m in vocabulary:
        k = bisect.bisect_left(parts, m.start, key=lambda p: p.start)
        if k < len(parts) and parts[k].start == m.start:
            spans.append((k, k + len(phrase_key(m.surface)), m))
    seen: set[tuple[int, int]] = set()

    def take(lo: int, hi: int, cue: str, mates: list[tuple[int, int]] | None = None,
             company_head: bool = False, new: bool = True) -> None:
        """Mark the phrase parts[lo:hi] as an industry; `new`: it may be one the vocabulary lacks."""
        if (lo, hi) in seen:
            return
        seen.add((lo, hi))
        overlapping = [(a, b, m) for a, b, m in spans if a < hi and lo < b]
        core = _trim(ctx, parts, lo, hi)
        if core >= hi or all(p.key in ctx.lex.generic_industry_heads for p in parts[core:hi]):
            return
        if any(b > hi or a < lo and b != hi for a, b, _ in overlapping):
            return  # part of a longer vocabulary industry ("printing" of "packaging and printing")
        if any(a < lo for a, b, _ in overlapping):  # the end of one ("new energy vehicle" before "companies")
            out.salient.update(m.start for _, _, m in overlapping)
            return
        suffix = [(a, m) for a, b, m in overlapping if b == hi]
        others = [(a, b, m) for a, b, m in overlapping if b != hi]
        if suffix and suffix[0][0] <= core or suffix and any(b - a > 1 for a, b, _ in others):
            # the vocabulary industry itself ("new energy"), or two of them side by side ("food and beverage
            # prepared dishes")
            out.salient.update(m.start for _, _, m in overlapping)
            return
        key = tuple(p.key for p in parts[core:hi])
        if not new or not _nominal(ctx, parts[core:hi]):
            out.salient.update(m.start for _, _, m in overlapping)
            return  # a weak place or words that do not name a thing: only the vocabulary's industries count
        if overlapping:
            # narrower than a vocabulary industry: its head ("laser intelligent equipment" under intelligent
            # equipment), else the nearest concept or the industry it names ("automotive seat frames")
            broader = suffix[0][1].ref if suffix else ctx.m.neighbours.nearest(key) or others[0][2].ref
            out.replaced.update(m.start for _, _, m in overlapping)
        else:
            short = ctx.m.neighbours.short_form_of(key)
            if short:  # "paper" for the vocabulary's "pulp and paper"
                out.vocabulary.append(ctx.mention("industry", parts, core, hi, idx, ref=short, cue="short-form",
                                                  detail=(("salient", "1"),)))
                return
            broader = ctx.m.neighbours.nearest(key) or _mate_concept(ctx, parts, mates or [], spans, (lo, hi))
            if company_head and not broader:
                return  # "<adjective> enterprises": a company head narrows too little to name an industry alone
        key_text = " ".join(p.key for p in parts[core:hi])
        out.new.append(ctx.mention(NEW_INDUSTRY, parts, core, hi, idx, cue=cue,
                                   detail=(("key", key_text), ("broader", broader or ""))))

    _before_heads(ctx, parts, take)
    _list_items(ctx, parts, take, spans, out)
    _after_object_cues(ctx, parts, take)
    _business_in_names(ctx, parts, take)
    return out


def _nominal(ctx: DocumentContext, words: list[Part]) -> bool:
    """Do the words read as the name of a thing (a new industry), not a verb phrase, an adverb or an adjective
    on its own ("developing", "resolutely fight", "tertiary")? Words of the vocabulary always do."""
    vocabulary, lex = ctx.m.vocabulary_words, ctx.lex
    first, last = words[0], words[-1]
    if first.key not in vocabulary and (first.raw.lower() in lex.openers or first.key in lex.openers
                                        or first.raw.lower().endswith(("ly", "ing"))):
        return False
    if last.key in lex.abstract_nouns:
        return False
    if last.key not in vocabulary and last.raw.lower().endswith(("ing", "ly")):
        return False
    if last.raw.lower().endswith(tuple(lex.adjective_endings)):
        return False  # a name ends in a noun: not "tertiary", "energy-intensive"
    return True


def _phrase_word(ctx: DocumentContext, p: Part) -> bool:
    """A word an industry's name can hold: lower-case letters, not a function word, a number, a month or a
    participle ("funded", unless the vocabulary has it: "printed", "connected"), nor a possessive (the owner of the
    industry: "the province's semiconductor industry")."""
    if p.possessive or p.raw.endswith("ed") and p.key not in ctx.m.vocabulary_words:
        return False
    return ((not p.cap or p.raw.isupper() and 2 <= len(p.raw) <= 5) and p.raw.isalpha()  # "LED chips"
            and p.key not in ctx.lex.list_stop_words
            and p.key not in ("and", "or", "etc", "the", "a", "an", "its", "their", "our", "this", "these", "those",
                              "such", "as") and p.raw.lower() not in ctx.lex.number_words
            and p.raw.lower() not in ctx.lex.month_names and p.key not in ctx.lex.amount_units
            and p.raw not in ctx.lex.currency_words and p.raw.lower() not in ctx.lex.currency_words)


def _head_phrase_word(ctx: DocumentContext, p: Part) -> bool:
    """Before an industry head, a sentence's verbs and openers ("encourage", "cultivate", "four") end the
    phrase as well."""
    return _phrase_word(ctx, p) and p.raw.lower() not in ctx.lex.openers and p.key not in ctx.lex.openers


def _trim(ctx: DocumentContext, parts: list[Part], lo: int, hi: int) -> int:
    while lo < hi and parts[lo].key in ctx.lex.generic_industry_modifiers:
        lo += 1
    return lo


def _phrase_before(ctx: DocumentContext, parts: list[Part], end: int, limit: int) -> int:
    k = end
    while k > 0 and end - k < limit and _head_phrase_word(ctx, parts[k - 1]) and (k == end or not parts[k].hard_gap):
        k -= 1
    return k


def _before_heads(ctx: DocumentContext, parts: list[Part], take) -> None:
    """"motorbike industry", "bamboo enterprises", "new energy vehicle (NEV) and automotive parts companies"."""
    for j in range(1, len(parts)):
        head = parts[j]
        if head.cap or head.key not in ctx.lex.industry_phrase_heads or head.hard_gap:
            continue
        limit = MAX_BEFORE_COMPANY_HEAD if head.key in COMPANY_HEADS else MAX_PHRASE
        end = j
        for _ in range(3):  # "X and Y industries", "X, Y and Z enterprises"
            lo = _phrase_before(ctx, parts, end, limit)
            if lo == end:
                break
            take(lo, end, "industry-head", company_head=head.key in COMPANY_HEADS)
            glue = lo - 1
            if glue > 0 and parts[glue].key in ("and", "or") and not parts[glue].hard_gap \
                    and parts[glue - 1].key not in ctx.lex.industry_phrase_heads:
                end = glue
                while end > 0 and _acronym_in_brackets(ctx, parts, end - 1):
                    end -= 1
            else:
                break


def _acronym_in_brackets(ctx: DocumentContext, parts: list[Part], k: int) -> bool:
    """"new energy vehicle (NEV)": an acronym in brackets after a phrase."""
    p = parts[k]
    return p.raw.isupper() and ctx.gap_text(parts[k - 1].end, p.start).strip() in ("(", "（") if k > 0 else False


def _list_items(ctx: DocumentContext, parts: list[Part], take, spans, out: PhraseFindings) -> None:
    """"featured industries such as A, B and C", "the fields of A, B and C", "future industries — A, B"."""
    lex = ctx.lex
    opener_firsts = ctx.m.list_opener_firsts
    for i, p in enumerate(parts):
        if p.key not in lex.industry_list_nouns or (p.cap and i > 0):
            continue
        start, copula = None, False
        strong = p.key in lex.strong_industry_list_nouns
        for k in range(i + 1, min(i + 2 + MAX_OPENER_GAP, len(parts))):
            if parts[k].start - parts[k - 1].end > 1:  # more than a space between: a colon or a dash?
                raw_gap = ctx.gap_text(parts[k - 1].end, parts[k].start)
                gap = raw_gap.strip()
                if (gap in (":", "—", "–", "：") or gap == "-" and raw_gap != "-") and k - i - 1 <= MAX_OPENER_GAP:
                    start = k
                    break
            if parts[k].hard_gap:
                break
            if parts[k].key not in opener_firsts:
                if parts[k].key not in lex.industry_list_gap_words:
                    break  # "cluster factors such as talent, capital": the list is not the industries'
                continue
            n = next((n for n in (2, 1) if tuple(q.key for q in parts[k:k + n]) in lex.industry_list_openers), 0)
            if n and parts[k].key == "of" and k > i + 1:
                break  # "the fields of", not "industry division of"
            if n:
                start = k + n
                copula = parts[k].key in COPULAS
                break
        if start is None or start >= len(parts):
            continue
        items = _items(ctx, parts, start, spans)
        vocabulary = bool(items) and any(items[0][0] <= a and b <= items[-1][1] for a, b, _ in spans)
        if not items or copula and not vocabulary:
            continue  # "industries are growing": a verb's complement names industries only with the vocabulary's
        for a, b, _ in spans:
            if items[0][0] <= a and b <= items[-1][1]:
                out.salient.add(parts[a].start)
        # a list an industry noun opens names industries; one a weaker noun opens needs one the vocabulary knows
        known = strong and not copula or vocabulary
        for a, b in items:
            take(a, b, "industry-list", items, new=known)


def _items(ctx: DocumentContext, parts: list[Part], start: int, spans) -> list[tuple[int, int]]:
    """The items of the list that starts at parts[start]: lower-case phrases cut at commas and 'and' (not
    inside a vocabulary industry: "life and health"), up to the end of the list (a word that no item holds, a
    stop word, a semicolon)."""
    items: list[tuple[int, int]] = []
    ends = {a: b for a, b, _ in spans}
    a = k = start
    while k < len(parts):
        p = parts[k]
        if k > a and p.hard_gap:
            gap = ctx.gap_text(parts[k - 1].end, p.start).strip()
            if gap not in (",", "、", "，"):
                if gap.startswith("(") and p.raw.isupper():  # "new energy vehicle (NEV)"
                    k += 1
                    continue
                break
            items.append((a, k))
            a = k
            continue
        if p.key in ("and", "or") and k > a:
            items.append((a, k))
            a = k = k + 1
            continue
        if p.key in ("and", "or"):
            a = k = k + 1
            continue
        if k in ends and ends[k] - a <= MAX_PHRASE and all(_phrase_word(ctx, q) or q.key in ("and", "or")
                                                            for q in parts[k:ends[k]]):
            k = ends[k]  # "life and health" is one item
            continue
        if not _phrase_word(ctx, p) or k - a >= MAX_PHRASE or p.key in ctx.lex.industry_phrase_heads \
                or p.key in ctx.lex.industry_list_nouns:
            break
        k += 1
    if k > a and (k == len(parts) or parts[k].hard_gap or parts[k].key in ctx.lex.list_stop_words):
        items.append((a, k))
    return [(x, y) for x, y in items if y > x]


def _after_object_cues(ctx: DocumentContext, parts: list[Part], take) -> None:
    """"a key supplier of automotive body components", "thermal components of gas turbines"."""
    keys = [p.key for p in parts]
    by_first = ctx.lex.object_cues_by_first
    for i, first in enumerate(keys):
        if first not in by_first:
            continue
        cue = next((c for c in by_first[first] if tuple(keys[i:i + len(c)]) == c), None)
        if not cue:
            continue
        lo = _past_the_activity(keys, i + len(cue))
        hi = lo
        while hi < len(parts) and hi - lo < MAX_PHRASE and _phrase_word(ctx, parts[hi]) and (
                hi == lo or not parts[hi].hard_gap):
            hi += 1
        if hi == lo or any(p.key in ctx.lex.industry_phrase_heads or p.key in ctx.lex.industry_list_nouns
                           for p in parts[lo:hi]):
            continue
        # "components of gas turbines": the object of the last "of"
        if hi + 1 < len(parts) and keys[hi] == "of" and not parts[hi].hard_gap and _phrase_word(ctx, parts[hi + 1]):
            continue
        take(lo, hi, "industry-object", new=cue[-1] in ("of", "for"))  # "a maker of X", not "focuses on X"


# What a company does to its products, between a cue and them: "specializes in the production of X", "is engaged
# in the research, development and production of X".
ACTIVITY_WORDS = frozenset({"research", "development", "production", "manufacturing", "manufacture", "processing",
                            "design", "sale", "and"})


def _past_the_activity(keys: list[str], at: int) -> int:
    """Where the object after a cue starts: past "the <activities> of" ("the research, development and
    production of"), where that follows the cue."""
    if at >= len(keys) or keys[at] != "the":
        return at
    k = at + 1
    while k < len(keys) and k - at <= 6 and keys[k] in ACTIVITY_WORDS:
        k += 1
    return k + 1 if k > at + 1 and k < len(keys) and keys[k] == "of" else at


def _business_in_names(ctx: DocumentContext, parts: list[Part], take) -> None:
    """"Hengda laser intelligent equipment corporation": the lower-case words between a company's brand and its
    legal form say what it makes."""
    for j in range(2, len(parts)):
        if parts[j].cap or parts[j].key not in ctx.lex.legal_form_words or parts[j].hard_gap:
            continue
        lo = j
        while lo > 0 and j - lo < MAX_PHRASE and _phrase_word(ctx, parts[lo - 1]) and not parts[lo].hard_gap:
            lo -= 1
        if lo < j and lo > 0 and parts[lo - 1].cap and not parts[lo].hard_gap:
            take(lo, j, NAME_BUSINESS)


def _mate_concept(ctx: DocumentContext, parts: list[Part], mates, spans, me: tuple[int, int]) -> str | None:
    """The nearest concept of a list-mate: items of one list are industries of one kind."""
    for a, b in mates:
        if (a, b) == me:
            continue
        vocabulary = [m.ref for x, y, m in spans if a <= x and y <= b and m.ref]
        if vocabulary:
            return vocabulary[0]
        near = ctx.m.neighbours.nearest(tuple(p.key for p in parts[_trim(ctx, parts, a, b):b]))
        if near:
            return near
    return None
