"""Stage 3: find mentions of regions, industries, parks and enterprises in sentences.

Regions and industries are linked to reference data (gazetteer, vocabulary) by phrase lookup over
normalised word parts, longest match first. Parks and enterprises are discovered by patterns: a park is a
name before a park head ("... Industrial Park", "... High-tech Zone"); an enterprise is a name with a
company form ("... Co., Ltd.", "... Group"), an item of a list introduced by "enterprises such as" or closed
by "and other enterprises", a brand-like name before an industry head ("X Copper"), or a brand-like name
that owns a project ("X's ... project"). Nothing here knows any particular enterprise or park.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.names import fold, phrase_key, singular
from kg.reference import Reference, ontology_dir
from kg.text import Sentence

HARD_GAP_RE = re.compile(r"[,;:.!?()\[\]\"“”<>{}|\n]")
PART_RE = re.compile(r"[^\W_]+(?:['’]s\b)?", re.UNICODE)
PINYIN_RE = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)"
    r"|(?:ang|eng|ai|ei|ao|ou|an|en|er|a|o|e))+$"
)


class Part:
    """A word part of a sentence: the unit phrases are matched on. A plain class with slots, not a frozen
    dataclass: extraction makes one per word and a frozen dataclass costs several times more to create."""

    __slots__ = ("key", "raw", "start", "end", "hard_gap", "possessive", "cap")

    def __init__(self, key: str, raw: str, start: int, end: int, hard_gap: bool, possessive: bool) -> None:
        self.key = key  # lower-case singular form
        self.raw = raw
        self.start = start
        self.end = end
        self.hard_gap = hard_gap  # punctuation between the previous part and this one
        self.possessive = possessive  # followed by 's or a closing apostrophe
        self.cap = raw[:1].isupper()

    def __repr__(self) -> str:
        return f"Part({self.raw!r}, {self.start}, {self.end})"


@dataclass(frozen=True)
class Mention:
    kind: str  # region, industry, park, enterprise
    surface: str
    start: int
    end: int
    doc: str
    sentence: int
    ref: str | None = None  # IRI of the reference entry (region, industry concept)
    cue: str = ""  # the rule that found it
    detail: tuple[tuple[str, str], ...] = ()  # kind-specific facts: park kind, trailing industry ...

    def get(self, name: str, default: str = "") -> str:
        return dict(self.detail).get(name, default)


@dataclass
class Lexicon:
    company_forms: set[tuple[str, ...]]
    enterprise_heads: set[tuple[str, ...]]
    auto_heads: set[str]
    pinyin_english: dict[str, str]
    government_words: set[str]
    openers: set[str]
    list_nouns: set[tuple[str, ...]]
    project_words: set[tuple[str, ...]]
    chain_master_cues: list[str]
    invest_cues: list[str]
    supply_cues: list[str]
    park_heads: dict[tuple[str, ...], str]
    lowercase_park_kinds: set[str]
    generic_park_modifiers: set[str]
    amount_units: dict[str, float]
    cluster_sections: dict[str, list[str]]
    surnames: set[str]
    common_capitalised: set[str]
    industry_cues_after: set[str]
    industry_cues_before: list[tuple[str, ...]]
    organisation_words: set[str]
    industry_list_heads: set[str]
    hanzi_glosses: dict[str, list[str]]
    investor_verbs: list[tuple[str, ...]]
    forms_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    list_nouns_by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    head_firsts: set[str] = field(default_factory=set)  # first words of enterprise heads
    investor_verb_firsts: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for form in sorted(self.company_forms, key=len, reverse=True):
            self.forms_by_first.setdefault(form[0], []).append(form)
        for noun in sorted(self.list_nouns):
            self.list_nouns_by_first.setdefault(noun[0], []).append(noun)
        self.head_firsts = {head[0] for head in self.enterprise_heads}
        self.investor_verb_firsts = {verb[0] for verb in self.investor_verbs}


@lru_cache(maxsize=2)
def load_lexicon(directory: Path | None = None) -> Lexicon:
    data = json.loads(((directory or ontology_dir()) / "lexicon.json").read_text(encoding="utf-8"))
    keys = lambda items: {phrase_key(x) for x in items}  # noqa: E731
    return Lexicon(
        company_forms=keys(data["company_forms"]),
        enterprise_heads=keys(data["enterprise_heads"]),
        auto_heads={singular(w) for w in data["auto_heads"]},
        pinyin_english=data["pinyin_english"],
        government_words={singular(w) for w in data["government_words"]},
        openers=set(data["sentence_openers"]),
        list_nouns=keys(data["list_nouns"]),
        project_words=keys(data["project_words"]),
        chain_master_cues=data["chain_master_cues"],
        invest_cues=data["invest_cues"],
        supply_cues=data["supply_cues"],
        park_heads={phrase_key(k): v for k, v in data["park_heads"].items()},
        lowercase_park_kinds=set(data["lowercase_park_kinds"]),
        generic_park_modifiers={singular(w) for w in data["generic_park_modifiers"]},
        amount_units=data["amount_units"],
        cluster_sections=data["cluster_sections"],
        surnames=set(data["chinese_surnames"]),
        common_capitalised=set(data["common_capitalised"]),
        industry_cues_after={singular(w) for w in data["industry_cues_after"]},
        industry_cues_before=sorted({phrase_key(x) for x in data["industry_cues_before"]}, key=len, reverse=True),
        organisation_words={singular(w) for w in data["organisation_words"]},
        industry_list_heads={singular(w) for w in data["industry_list_heads"]},
        hanzi_glosses=data["hanzi_glosses"],
        investor_verbs=sorted({tuple(v.split()) for v in data["investor_verbs"]}, key=len, reverse=True),
    )


def sentence_parts(sentence: Sentence) -> list[Part]:
    """Word parts of a sentence (computed once per sentence: every stage reads them)."""
    cached = sentence.__dict__.get("_parts")
    if cached is None:
        cached = sentence.__dict__["_parts"] = _compute_parts(sentence)
    return cached


def _compute_parts(sentence: Sentence) -> list[Part]:
    parts: list[Part] = []
    text = fold(sentence.text)
    base = sentence.start
    prev_end = 0
    for m in PART_RE.finditer(text):
        raw = m.group()
        start, end = m.span()
        possessive = len(raw) > 2 and raw.endswith(("'s", "’s"))
        if possessive:
            raw = raw[:-2]
        elif text[end:end + 1] in ("'", "’") and not text[end + 1:end + 2].isalnum():
            possessive = True
        gap = text[prev_end:start]
        hard_gap = gap not in ("", " ") and HARD_GAP_RE.search(gap) is not None
        parts.append(Part(singular(raw.lower()), raw, base + start, base + start + len(raw), hard_gap, possessive))
        prev_end = end
    return parts


class PhraseIndex:
    """Longest-match lookup of phrase keys over word parts: a dict of keys plus the sets of their
    prefixes and suffixes, so a lookup stops as soon as no key can continue (no regex alternation)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], list] = defaultdict(list)
        self.prefixes: set[tuple[str, ...]] = set()
        self.suffixes: set[tuple[str, ...]] = set()
        self.firsts: set[str] = set()  # first and last words of keys: most words start and end none
        self.lasts: set[str] = set()
        self.max_len = 0

    def add(self, key: tuple[str, ...], payload) -> None:
        if key and payload not in self.entries[key]:
            self.entries[key].append(payload)
            self.max_len = max(self.max_len, len(key))
            self.prefixes.update(key[:n] for n in range(1, len(key) + 1))
            self.suffixes.update(key[-n:] for n in range(1, len(key) + 1))
            self.firsts.add(key[0])
            self.lasts.add(key[-1])

    def longest_at(self, parts: list[Part], i: int) -> tuple[int, list]:
        """The longest key starting at parts[i], not crossing punctuation or a possessive."""
        best: tuple[int, list] = (0, [])
        key: tuple[str, ...] = ()
        for n in range(1, min(self.max_len, len(parts) - i) + 1):
            part = parts[i + n - 1]
            if n > 1 and (part.hard_gap or parts[i + n - 2].possessive):
                break
            key += (part.key,)
            if key not in self.prefixes:
                break
            hit = self.entries.get(key)
            if hit:
                best = (n, hit)
        return best

    def longest_ending_at(self, parts: list[Part], j: int) -> tuple[int, list]:
        """The longest key ending just before parts[j] (for head-final compounds)."""
        best: tuple[int, list] = (0, [])
        key: tuple[str, ...] = ()
        for n in range(1, min(self.max_len, j) + 1):
            part = parts[j - n]
            if n > 1 and (parts[j - n + 1].hard_gap or part.possessive):
                break
            key = (part.key,) + key
            if key not in self.suffixes:
                break
            hit = self.entries.get(key)
            if hit:
                best = (n, hit)
        return best

    def scan(self, parts: list[Part]) -> list[tuple[int, int, list]]:
        """Non-overlapping longest matches, left to right: (first part, end part, payloads)."""
        found, i = [], 0
        firsts = self.firsts
        while i < len(parts):
            if parts[i].key not in firsts:
                i += 1
                continue
            n, hit = self.longest_at(parts, i)
            if n:
                found.append((i, i + n, hit))
                i += n
            else:
                i += 1
        return found

    def scan_from_right(self, parts: list[Part]) -> list[tuple[int, int, list]]:
        """Non-overlapping longest matches, right to left."""
        found, j = [], len(parts)
        lasts = self.lasts
        while j > 0:
            if parts[j - 1].key not in lasts:
                j -= 1
                continue
            n, hit = self.longest_ending_at(parts, j)
            if n:
                found.append((j - n, j, hit))
                j -= n
            else:
                j -= 1
        return found[::-1]


@dataclass
class Matchers:
    regions: PhraseIndex
    industries: PhraseIndex
    parks: PhraseIndex
    garbles: PhraseIndex
    lexicon: Lexicon
    vocabulary_words: set[str] = field(default_factory=set)  # every word of the industry vocabulary


ZH_ADMIN_SUFFIXES = ("街道", "市", "区", "县", "镇", "乡")


def literal_renderings(zh_name: str, glosses: dict[str, list[str]]) -> list[str]:
    """Word-by-word English renderings of a two-character place name, as machine translation produces
    them (四会 -> "four sessions", "fourth national congress")."""
    for suffix in ZH_ADMIN_SUFFIXES:
        if zh_name.endswith(suffix) and len(zh_name) > len(suffix) + 1:
            zh_name = zh_name[: -len(suffix)]
            break
    if len(zh_name) != 2 or not all(ch in glosses for ch in zh_name):
        return []
    return [f"{a} {b}" for a in glosses[zh_name[0]] for b in glosses[zh_name[1]]]


def build_matchers(reference: Reference, lexicon: Lexicon) -> Matchers:
    regions = PhraseIndex()
    for region in reference.regions.values():
        for label in (region.label, *region.alt_labels):
            bare = region.type == "Town" and phrase_key(label) != phrase_key(region.label)
            regions.add(phrase_key(label), (region.iri, "bare" if bare else "full"))
    industries = PhraseIndex()
    for concept in reference.concepts.values():
        for label in (concept.label, *concept.alt_labels):
            industries.add(phrase_key(label), concept.iri)
    parks = PhraseIndex()
    for key, kind in lexicon.park_heads.items():
        parks.add(key, kind)
    garbles = PhraseIndex()
    for region in reference.regions.values():
        if region.type == "County":
            for rendering in literal_renderings(region.label_zh, lexicon.hanzi_glosses):
                garbles.add(phrase_key(rendering), region.iri)
    words = {w for key in industries.entries for w in key} | {w for key in parks.entries for w in key}
    return Matchers(regions, industries, parks, garbles, lexicon, words)


def is_brand_like(word: str, lexicon: Lexicon) -> bool:
    """A word that can be the distinctive part of a company name: pinyin (Jintian, Xiaopeng) or an
    acronym (GCL), and not an English function or government word."""
    lower = word.lower()
    if lower in lexicon.openers or lower in lexicon.common_capitalised or singular(lower) in lexicon.government_words:
        return False
    if word.isupper() and 2 <= len(word) <= 6 and word.isalpha():
        return True
    return bool(PINYIN_RE.match(lower)) and len(lower) >= 4


class DocumentMentions:
    """Finds the mentions of one document, sentence by sentence, with document-level context
    (which counties are named decides whether a bare town name like "Dasha" is a town)."""

    def __init__(self, sentences: list[Sentence], reference: Reference, matchers: Matchers) -> None:
        self.sentences = sentences
        self.reference = reference
        self.m = matchers
        self.lex = matchers.lexicon
        self.parts = [sentence_parts(s) for s in sentences]
        self._starts = [s.start for s in sentences]
        self.context_regions = self._named_regions()

    # ------------------------------------------------------------------ regions

    def _named_regions(self) -> set[str]:
        """Counties, cities and province named in full anywhere in the document, with their ancestors."""
        named: set[str] = set()
        for parts in self.parts:
            for i, j, hits in self.m.regions.scan(parts):
                if parts[i].cap:
                    for iri, form in hits:
                        if form == "full" and self.reference.regions[iri].type != "Town":
                            named.add(iri)
        for iri in list(named):
            named.update(self.reference.ancestors(iri))
        return named

    def _pick_region(self, hits: list[tuple[str, str]]) -> str | None:
        """Resolve a region label to one gazetteer entry; a town needs its county named in the document."""
        candidates = []
        for iri, form in hits:
            region = self.reference.regions[iri]
            if region.type == "Town" and not (set(self.reference.ancestors(iri)) & self.context_regions):
                continue
            if region.type == "Town" and region.parent not in self.context_regions:
                continue
            candidates.append(iri)
        if not candidates:
            return None
        top_rank = min(self.reference.regions[c].rank for c in candidates)
        best = sorted(c for c in candidates if self.reference.regions[c].rank == top_rank)
        return best[0] if len(best) == 1 else None

    def regions(self, idx: int) -> list[Mention]:
        parts, out = self.parts[idx], []
        for i, j, hits in self.m.regions.scan(parts):
            if not parts[i].cap:
                continue
            if i > 0 and parts[i - 1].key in self.lex.surnames and parts[i - 1].cap and not parts[i].hard_gap:
                continue  # a person's given name ("Xi Jinping"), not the district
            if j < len(parts) and (parts[j].key,) in self.lex.enterprise_heads and all(f == "bare" for _, f in hits):
                continue  # "Longfu Electric" is more likely a company than the town
            iri = self._pick_region(hits)
            if iri:
                out.append(self._mention("region", parts, i, j, idx, ref=iri, cue="gazetteer"))
        return out + self._garbled_regions(idx)

    def _garbled_regions(self, idx: int) -> list[Mention]:
        """"the four sessions" for Sihui: a word-by-word rendering of a county's Chinese name, accepted only
        where the document is about that county or its city, after "the", and not as "the fourth session
        of (the People's Congress)"."""
        parts, out = self.parts[idx], []
        for i, j, hits in self.m.garbles.scan(parts):
            iri = hits[0]
            region = self.reference.regions[iri]
            if len(hits) != 1 or not ({iri, region.parent} & self.context_regions):
                continue
            if i == 0 or parts[i - 1].key != "the" or (j < len(parts) and parts[j].key in ("of",)):
                continue
            out.append(self._mention("region", parts, i, j, idx, ref=iri, cue="literal-translation"))
        return out

    # ------------------------------------------------------------------ industries

    def industries(self, idx: int) -> list[Mention]:
        """Industry mentions; each says whether its context marks it as an industry (`salient`): a head
        after it ("jade industry", "... chain", "... companies"), a cue before it ("industries of",
        "such as", "focus on"), or a list it shares with such a mention."""
        parts = self.parts[idx]
        found = self._industry_scan(parts)
        salient = [self._industry_salient(parts, i, j) for i, j, _ in found]
        for k in range(1, len(found)):
            if self._coordinated_gap(parts, found[k - 1][1], found[k][0]):
                salient[k] = salient[k] or salient[k - 1]
        for k in range(len(found) - 2, -1, -1):
            if self._coordinated_gap(parts, found[k][1], found[k + 1][0]):
                salient[k] = salient[k] or salient[k + 1]
        return [self._mention("industry", parts, i, j, idx, ref=sorted(hits)[0], cue="vocabulary",
                              detail=(("salient", "1" if sal else ""),))
                for (i, j, hits), sal in zip(found, salient)]

    def _industry_scan(self, parts: list[Part]) -> list[tuple[int, int, list]]:
        """Longest matches, scanning from the right: English compounds put their head last, so
        "new energy auto parts" is auto parts (for new energy vehicles), not new energy vehicles + parts."""
        return self.m.industries.scan_from_right(parts)

    def _industry_salient(self, parts: list[Part], i: int, j: int) -> bool:
        if j < len(parts) and not parts[j].hard_gap and parts[j].key in self.lex.industry_cues_after:
            return True
        before = tuple(p.key for p in parts[max(0, i - 4):i])
        for cue in self.lex.industry_cues_before:
            if len(before) < len(cue) or before[-len(cue):] != cue:
                continue
            if cue in (("such", "as"), ("including",), ("like",), ("namely",)):
                # "platforms such as logistics" is not about industries; "industries such as" is
                head = i - len(cue) - 1
                return head >= 0 and (parts[head].key in self.lex.industry_list_heads
                                      or self.m.industries.entries.get((parts[head].key,)) is not None)
            return True
        return False

    def _coordinated_gap(self, parts: list[Part], end: int, start: int) -> bool:
        """Only list glue between two mentions: a comma, 'and', 'or', quotes."""
        if start < end:
            return False
        words = [p.key for p in parts[end:start]]
        if words not in ([], ["and"], ["or"], ["and", "other"], ["or", "other"]):
            return False
        gap = self._gap_text(parts[end - 1].end, parts[start].start)
        return re.sub(r"\b(?:and|or|other)\b|[,\"]", "", gap).strip() == ""

    # ------------------------------------------------------------------ parks

    def parks(self, idx: int, taken: list[Mention]) -> list[Mention]:
        parts, out = self.parts[idx], []
        spans = {(p.start): m for m in taken for p in parts if m.start <= p.start < m.end}
        i = 0
        while i < len(parts):
            n, kinds = self.m.parks.longest_at(parts, i)
            if not n:
                i += 1
                continue
            kind = kinds[0]
            first = self._park_name_start(parts, i, kind, spans)
            if first is not None:
                surface_end = i + n
                out.append(
                    self._mention("park", parts, first, surface_end, idx, cue="park-head", detail=(("kind", kind),))
                )
            i += n
        return out

    def _bracket_gap(self, parts: list[Part], k: int) -> bool:
        """"Guangzhou-Foshan-Zhao (Huaiji) Economic Cooperation Zone": brackets inside a park's name."""
        return self._gap_text(parts[k - 1].end, parts[k].start).strip() in ("(", ")", ") (", "（", "）")

    def _park_name_start(self, parts: list[Part], head: int, kind: str, spans: dict) -> int | None:
        capital_head = parts[head].cap
        if not capital_head and kind not in self.lex.lowercase_park_kinds:
            return None
        k = head
        while k > 0 and (not parts[k].hard_gap or capital_head and self._bracket_gap(parts, k)):
            prev = parts[k - 1]
            if prev.possessive:
                break
            if capital_head:
                joiner = (prev.key == "and" and k >= 2 and parts[k - 2].cap and not parts[k - 1].hard_gap
                          and parts[k - 2].start not in spans)
                if not (prev.cap or joiner):
                    break
            elif not (prev.cap or prev.start in spans or prev.key in ("industrial", "transfer", "agricultural")):
                break
            k -= 1
        # drop a sentence-initial verb or article ("Build Sihui Industrial Park", "The ...")
        while k < head and parts[k].raw.lower() in self.lex.openers:
            k += 1
        # "Sihui Maker Space and Innovation and Entrepreneurship Science Park": the name starts after the
        # last organisation word and the 'and' that follows it
        for x in range(head - 1, k - 1, -1):
            if parts[x].key in self.lex.organisation_words:
                nxt = next((y for y in range(x + 1, head) if parts[y].key == "and"), None)
                k = nxt + 1 if nxt is not None else head
                break
        modifiers = [p for p in parts[k:head] if p.key not in self.lex.generic_park_modifiers]
        if not modifiers:
            return None
        if not capital_head:
            plural = parts[head + 0].raw.lower().endswith("s") or any(
                p.raw.lower().endswith(("parks", "zones")) for p in parts[head : head + 4]
            )
            if plural and not (k > 0 and parts[k - 1].key == "the"):
                return None
            if any(p.key in self.lex.organisation_words for p in modifiers):
                return None
        if any(p.key in self.lex.organisation_words for p in parts[k:head]):
            return None
        return k

    # ------------------------------------------------------------------ enterprises

    def enterprises(self, idx: int, taken: list[Mention]) -> list[Mention]:
        parts = self.parts[idx]
        blocked = {p.start for m in taken if m.kind in ("park", "region") for p in parts if m.start <= p.start < m.end}
        found: dict[tuple[int, int], Mention] = {}

        def add(lo: int, hi: int, cue: str, trailing: str = "") -> None:
            lo, hi = self._trim_name(parts, lo, hi)
            if hi <= lo or not self._valid_name(parts, lo, hi, blocked) or self._is_person(parts[lo:hi]):
                return
            if self._quoted(parts[lo].start, parts[hi - 1].end):
                return  # a slogan or a programme in quotes ("Fuxian"), not a company
            if any(w[:1].isupper() and singular(w.lower()) in self.lex.government_words for w in trailing.split()):
                return
            detail = (("trailing", trailing),) if trailing else ()
            found.setdefault((lo, hi), self._mention("enterprise", parts, lo, hi, idx, cue=cue, detail=detail))

        self._company_forms(parts, add)
        self._lists(parts, idx, add, blocked)
        self._headed_names(parts, add, blocked)
        self._project_owners(parts, add)
        self._investors(parts, add)
        self._colon_list(parts, add, blocked)
        return drop_nested(list(found.values()))

    def _colon_list(self, parts: list[Part], add, blocked: set[int]) -> None:
        """"Dasha Town: Jintian Copper, auto parts manufacturing, ...": after a place and a colon, the
        capitalised items are the place's enterprises (lower-case items are its industries)."""
        j = 0
        while j < len(parts) and parts[j].start in blocked and not (j and parts[j].hard_gap):
            j += 1
        if j == 0 or j >= len(parts) or ":" not in self._gap_text(parts[j - 1].end, parts[j].start):
            return
        for a, b in self._segments(parts, j, len(parts)):
            core = self._cap_prefix(parts, a, b)
            if core > a and core == b:
                add(a, core, "colon-list")

    def _is_person(self, words: list[Part]) -> bool:
        """"Li Xiaodong", "Cai Qiliang": a surname and a one- or two-syllable given name."""
        if not 2 <= len(words) <= 3 or words[0].key not in self.lex.surnames:
            return False
        return all(PINYIN_RE.match(p.key) and not self._is_head_word(p) for p in words[1:])

    def _quoted(self, start: int, end: int) -> bool:
        before = self._gap_text(start - 1, start)
        after = self._gap_text(end, end + 1)
        return before in "\"“'‘" and after in "\"”'’" and before != "" and after != ""

    def _trim_name(self, parts: list[Part], lo: int, hi: int) -> tuple[int, int]:
        while lo < hi and (parts[lo].raw.lower() in self.lex.openers or not parts[lo].cap):
            lo += 1
        while hi > lo and parts[hi - 1].key in ("and", "of", "the"):
            hi -= 1
        return lo, hi

    def _valid_name(self, parts: list[Part], lo: int, hi: int, blocked: set[int]) -> bool:
        words = parts[lo:hi]
        if any(p.start in blocked for p in words[:1]) and all(p.start in blocked for p in words):
            return False
        if any(p.key in self.lex.government_words for p in words):
            return False
        if not any(p.cap for p in words):
            return False
        key = tuple(p.key for p in words)
        if self.m.industries.entries.get(key) or self.m.regions.entries.get(key):
            return False
        # a name that is only a region plus industry words is a place's industry, not a company
        distinctive = [p for p in words if p.start not in blocked and not self._is_head_word(p)]
        if not distinctive or all(p.key in self.lex.common_capitalised for p in distinctive):
            return False
        # "Fengkai Gulishan", "Deqing Shicao": a place name followed by a bare word is a village or a sight
        if words[0].start in blocked and not any(self._is_head_word(p) for p in words):
            return False
        return True

    def _is_head_word(self, part: Part) -> bool:
        return (part.key,) in self.lex.enterprise_heads or (part.key,) in self.lex.company_forms

    def _cap_run_before(self, parts: list[Part], end: int, limit: int = 12) -> int:
        """Start of the run of capitalised parts that ends at `end` (no punctuation inside it)."""
        k = end
        while k > 0 and end - k < limit:
            if k < end and (parts[k].hard_gap or parts[k - 1].possessive):
                break
            if not parts[k - 1].cap:
                break
            k -= 1
        return k

    def _company_forms(self, parts: list[Part], add) -> None:
        for i in range(len(parts)):
            for form in self.lex.forms_by_first.get(parts[i].key, ()):
                n = len(form)
                if tuple(p.key for p in parts[i : i + n]) != form or not parts[i].cap:
                    continue
                if form in {("co",), ("company",)} and i + n < len(parts) and parts[i + n].cap:
                    continue
                lo = self._cap_run_before(parts, i)
                if lo < i:
                    add(lo, i + n, "company-form")
                break

    def _segments(self, parts: list[Part], lo: int, hi: int) -> list[tuple[int, int]]:
        """Cut parts[lo:hi] into list segments at list commas and at 'and'."""
        segments, start = [], lo
        for k in range(lo, hi):
            if k > start and parts[k].hard_gap:
                segments.append((start, k))
                start = k
            if parts[k].key == "and":
                if k > start:
                    segments.append((start, k))
                start = k + 1
        if hi > start:
            segments.append((start, hi))
        return segments

    def _cap_prefix(self, parts: list[Part], a: int, b: int) -> int:
        k = a
        while k < b and parts[k].cap:
            k += 1
        return k

    def _lists(self, parts: list[Part], idx: int, add, blocked: set[int]) -> None:
        keys = [p.key for p in parts]
        for i in range(len(parts)):
            # "... enterprises such as A, B and C": each item starts with its capitalised name
            for noun in self.lex.list_nouns_by_first.get(keys[i], ()):
                n = len(noun)
                if tuple(keys[i : i + n]) != noun:
                    continue
                after = i + n
                cue = tuple(keys[after : after + 2])
                skip = 2 if cue == ("such", "as") else 1 if cue[:1] in (("including",), ("like",)) else 0
                if not skip:
                    continue
                lo = after + skip
                hi = lo
                while hi < len(parts) and not (parts[hi].hard_gap and hi > lo and not self._list_gap(parts, hi)):
                    if self._stops_list(parts[hi]):
                        break
                    hi += 1
                items = []
                for a, b in self._segments(parts, lo, hi):
                    core = self._cap_prefix(parts, a, b)
                    if core == a:
                        break
                    items.append((a, core, " ".join(p.raw for p in parts[core:b])))
                for a, core, trailing in self._not_places(parts, items, blocked):
                    add(a, core, "list-such-as", trailing)
            # "A, B and other (leading) enterprises": items end with their capitalised name, the last
            # one may be described by lower-case words ("Shengkai musical instruments and other projects")
            if keys[i] == "and" and i + 1 < len(parts) and keys[i + 1] == "other":
                tail = keys[i + 2 : i + 9]
                if not any(tuple(tail[x : x + len(nn)]) == nn for nn in self.lex.list_nouns for x in range(len(tail))):
                    continue
                items: list[tuple[int, int, str]] = []
                seg_end, last = i, True
                while seg_end > 0:
                    seg_start = seg_end - 1
                    while seg_start > 0 and not parts[seg_start].hard_gap and parts[seg_start - 1].key != "and":
                        seg_start -= 1
                    if last:
                        first_cap = next((k for k in range(seg_start, seg_end) if parts[k].cap), None)
                        if first_cap is None:
                            break
                        core = self._cap_prefix(parts, first_cap, seg_end)
                        items.append((first_cap, core, " ".join(p.raw for p in parts[core:seg_end])))
                        last = False
                    elif parts[seg_end - 1].cap:
                        items.append((self._cap_run_before(parts, seg_end), seg_end, ""))
                    else:
                        break
                    if seg_start > 0 and parts[seg_start - 1].key == "and":
                        seg_end = seg_start - 1
                    elif seg_start > 0 and parts[seg_start].hard_gap and self._list_gap(parts, seg_start):
                        seg_end = seg_start
                    else:
                        break
                for a, core, trailing in self._not_places(parts, items, blocked):
                    add(a, core, "list-and-other", trailing)

    def _not_places(self, parts: list[Part], items: list[tuple[int, int, str]], blocked: set[int]):
        """A list whose items are mostly places ("wharf projects such as Changgang, Jiushi and X") lists
        places, and one with an office in it lists government bodies: none of its items is an enterprise."""
        placey = sum(1 for a, _, _ in items if parts[a].start in blocked)
        if items and placey * 2 >= len(items):
            return []
        # "Bureau of Science, Industry, Commerce and Information Technology and other departments"
        for a, core, _ in items:
            if any(p.cap and p.key in self.lex.organisation_words for p in parts[max(0, a - 4):core]):
                return []
        return items

    def _list_gap(self, parts: list[Part], k: int) -> bool:
        """Is the punctuation before parts[k] a list comma (not a full stop, colon or semicolon)?"""
        return self._gap_text(parts[k - 1].end, parts[k].start).strip() in (",", "、", "")

    def _gap_text(self, start: int, end: int) -> str:
        """Document text between two offsets of one sentence."""
        k = bisect.bisect_right(self._starts, start) - 1
        if k < 0:
            return ""
        s = self.sentences[k]
        return s.text[max(0, start - s.start) : end - s.start] if start <= s.end else ""

    def _stops_list(self, part: Part) -> bool:
        return part.key in ("to", "in", "for", "with", "from", "by", "which", "that", "have", "ha", "are", "were",
                            "will", "is", "wa", "be", "been", "into", "of", "on", "at")

    def _headed_names(self, parts: list[Part], add, blocked: set[int]) -> None:
        """Brand-like name + industry head: "Jintian Copper", "Xizhen Circuit", "Ruiqing Shidai"."""
        for i in range(1, len(parts)):
            if parts[i].key not in self.lex.head_firsts:
                continue
            head_len = 0
            for n in (2, 1):
                if i + n > len(parts):
                    continue
                if tuple(p.key for p in parts[i : i + n]) in self.lex.enterprise_heads and all(
                    p.cap for p in parts[i : i + n]
                ):
                    head_len = n
                    break
            if not head_len or parts[i].hard_gap:
                continue
            after = i + head_len
            numbered = after + 1 < len(parts) and parts[after].key == "no" and parts[after + 1].raw[:1].isdigit()
            if after < len(parts) and parts[after].cap and not parts[after].hard_gap and not parts[after - 1].possessive:
                if (parts[after].key,) not in self.lex.company_forms and parts[after].start not in blocked \
                        and not numbered:
                    continue  # the name goes on ("Zijing Power Transmission Project"), unless "X No. 1 Plant"
            lo = self._cap_run_before(parts, i, limit=3)
            core = parts[lo:i]
            if core and (all(is_brand_like(p.raw, self.lex) for p in core)
                         or lo > 0 and all(self._name_word(p) for p in core)):
                add(lo, i + head_len, "brand-head")

    def _name_word(self, part: Part) -> bool:
        """A capitalised word inside a sentence that is not a function, government, common or industry word
        ("Gordon", "Midea"; not "Information")."""
        lower = part.raw.lower()
        return (part.cap and lower not in self.lex.openers and lower not in self.lex.common_capitalised
                and part.key not in self.lex.government_words and (part.key,) not in self.lex.enterprise_heads
                and part.key not in self.m.vocabulary_words)

    def _investors(self, parts: list[Part], add) -> None:
        """A name that acts like a company: "BYD signed a contract ...", "Xinyuan plans to invest ..."."""
        keys = [p.key for p in parts]
        for i, part in enumerate(parts):
            if not part.cap or (i > 0 and parts[i - 1].cap and not part.hard_gap):
                continue
            end = i + 1
            while end < len(parts) and parts[end].cap and not parts[end].hard_gap and end - i < 4:
                end += 1
            if end >= len(parts) or parts[end].hard_gap:
                continue
            if keys[end] not in self.lex.investor_verb_firsts or not any(
                    tuple(keys[end:end + len(v)]) == v for v in self.lex.investor_verbs):
                continue
            core = parts[i:end]
            if all(is_brand_like(p.raw, self.lex) or (i > 0 and self._name_word(p)) or self._is_head_word(p)
                   for p in core) and not self._is_head_word(core[0]):
                add(i, end, "investor-verb")

    def _project_owners(self, parts: list[Part], add) -> None:
        """A brand-like name that owns a project: "GCL's ... project", "Jinjiang prepared vegetable project"."""
        for i, part in enumerate(parts):
            if not (part.cap and is_brand_like(part.raw, self.lex)):
                continue
            if i > 0 and parts[i - 1].cap and not parts[i].hard_gap:
                continue  # only the start of a capitalised run
            if i > 0 and parts[i - 1].raw[:1].isdigit():
                continue  # a unit ("20 GW")
            end = i + 1
            while end < len(parts) and parts[end].cap and not parts[end].hard_gap and not parts[end - 1].possessive:
                end += 1
            window = parts[end : end + 8]
            for k, p in enumerate(window):
                if p.hard_gap:
                    break
                if tuple(x.key for x in window[k : k + 2]) in self.lex.project_words or (p.key,) in self.lex.project_words:
                    if p.cap:
                        break  # a named project ("Zijing Power Transmission Project"), not its owner
                    trailing = " ".join(x.raw for x in window[:k])
                    described = self._leading_industry_words(window[:k])
                    if parts[end - 1].possessive or described:
                        add(i, end, "project-owner", trailing)
                    break

    def _leading_industry_words(self, words: list[Part]) -> bool:
        return any(self.m.industries.entries.get(tuple(p.key for p in words[a:b]))
                   for a in range(len(words)) for b in range(a + 1, len(words) + 1))

    # ------------------------------------------------------------------ helpers

    def _mention(self, kind: str, parts: list[Part], lo: int, hi: int, idx: int, **kw) -> Mention:
        sentence = self.sentences[idx]
        start, end = parts[lo].start, parts[hi - 1].end
        return Mention(kind, sentence.text[start - sentence.start : end - sentence.start], start, end,
                       sentence.doc, idx, **kw)

    def all(self) -> list[Mention]:
        out: list[Mention] = []
        for idx in range(len(self.sentences)):
            regions = self.regions(idx)
            industries = self.industries(idx)
            parks = self.parks(idx, regions + industries)
            enterprises = self.enterprises(idx, regions + parks)
            out.extend(regions + industries + parks + enterprises)
        return out


def keep_salient_industries(mentions: list[Mention], also: set[Mention] = frozenset()) -> list[Mention]:
    """Drop industry words that nothing marks as industries. An industry word inside a park name counts
    ("Fine Chemical Industrial Park"), as does one in a cluster's scope (`also`); elsewhere an industry must
    be marked as one by its context somewhere in the document."""
    parks = by_sentence(m for m in mentions if m.kind == "park")
    salient = {m.ref for m in mentions if m.kind == "industry" and (m.get("salient") or m in also)}

    def keep(m: Mention) -> bool:
        return m.kind != "industry" or m.ref in salient or inside_any(m, parks)

    return [m for m in mentions if keep(m)]


def by_sentence(mentions) -> dict[int, list[Mention]]:
    """Mentions grouped by sentence, so containment checks stay within a sentence."""
    groups: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.sentence].append(m)
    return groups


def inside_any(m: Mention, groups: dict[int, list[Mention]]) -> bool:
    """Is the mention part of one of the (other) mentions of its sentence?"""
    return any(o is not m and o.start <= m.start and m.end <= o.end for o in groups.get(m.sentence, ()))


def drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (ties: the earliest)."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def find_mentions(sentences: list[Sentence], reference: Reference, matchers: Matchers) -> list[Mention]:
    return DocumentMentions(sentences, reference, matchers).all()
