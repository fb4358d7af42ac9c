"""Stage 5: relations between resolved entities, each with the sentence that states it.

Rules read one sentence at a time, with the document's focus region (the place a report is about) as
context: a county's work report that says "support X to build its project" means X invests in that county.
Relations that come from reference data (the gazetteer's hierarchy, the vocabulary's scope of a cluster)
carry the dataset as their evidence instead of a sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg import workers
from kg.clusters import ClusterDef
from kg.mentions import Matchers, Mention, Part, sentence_parts
from kg.names import phrase_key
from kg.reference import GAZETTEER_IRI, VOCABULARY_IRI, Reference
from kg.resolve import Entity, Resolution, ensure_industry
from kg.text import Sentence

AMOUNT_RE = re.compile(
    r"\binvest(?:s|ed|ing|ment)?(?: of)?(?: a total of| about| approximately| nearly| more than| over| exceeding)?"
    r"\s+(?:RMB\s*)?(?P<num>\d+(?:[.,]\d+)*)\s*(?P<unit>trillion|billion|hundred million|million|ten thousand|thousand)?"
    r"\s*(?:yuan|RMB)",
    re.IGNORECASE,
)
# "X, located in Y Street, produces printed circuit boards": what an enterprise makes
PRODUCES_RE = re.compile(r"(?:,[^,;]{0,60},)?\s*(?:mainly |mostly |also )?(?:produces|manufactures|makes|"
                         r"specializes in|specialises in|is engaged in|focuses on|is a (?:leading )?(?:\w+ )?"
                         r"(?:manufacturer|producer|maker|supplier) of)\s+", re.IGNORECASE)
# "provides power batteries for X": a supply stated with the product in between
PROVIDES_RE = r"provides? (?:\w+ ){0,4}(?:for|to)"


def cue_regex(phrases: list[str], extra: str = "") -> re.Pattern:
    """One case-insensitive, whole-word pattern for a lexicon list of cue phrases (longest first)."""
    alternatives = [re.escape(p) for p in sorted(phrases, key=len, reverse=True)] + ([extra] if extra else [])
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)


REGION_TYPES = {"Province", "City", "County", "Town"}
PLACE_TYPES = REGION_TYPES | {"Park"}


@dataclass(frozen=True)
class Evidence:
    """Where a relation comes from: a document sentence (doc, text, offsets) or a reference dataset."""

    source: str  # document name, or the IRI of a reference dataset
    text: str = ""
    start: int = -1
    end: int = -1

    @property
    def is_text(self) -> bool:
        return self.start >= 0


@dataclass
class Relation:
    subject: str
    predicate: str
    object: str
    evidence: list[Evidence] = field(default_factory=list)
    amount_yuan: float | None = None
    amount_text: str = ""


class RelationSet:
    """Relations keyed by (subject, predicate, object); evidence accumulates, duplicates merge."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str], Relation] = {}
        self._objects: dict[tuple[str, str], set[str]] = defaultdict(set)  # (subject, predicate) -> objects

    def add(self, s: str, p: str, o: str, evidence: Evidence, amount: tuple[float, str] | None = None) -> None:
        if s == o:
            return
        rel = self.items.setdefault((s, p, o), Relation(s, p, o))
        self._objects[(s, p)].add(o)
        if evidence not in rel.evidence:
            rel.evidence.append(evidence)
        if amount and rel.amount_yuan is None:
            rel.amount_yuan, rel.amount_text = amount

    def update(self, other: RelationSet) -> None:
        """Add every relation of `other`, with its evidence in order: as if its adds had been made here."""
        for r in other:
            amount = (r.amount_yuan, r.amount_text) if r.amount_yuan is not None else None
            for ev in r.evidence:
                self.add(r.subject, r.predicate, r.object, ev, amount)

    def objects(self, subject: str, predicate: str) -> set[str]:
        return self._objects.get((subject, predicate), set())

    def __iter__(self):
        return iter(self.items.values())

    def __len__(self) -> int:
        return len(self.items)


def sentence_evidence(s: Sentence) -> Evidence:
    return Evidence(s.doc, s.text, s.start, s.end)


def parse_amount(sentence: str, units: dict[str, float]) -> tuple[float, str] | None:
    m = AMOUNT_RE.search(sentence)
    if not m:
        return None
    number = float(m.group("num").replace(",", ""))
    unit = (m.group("unit") or "").lower()
    return number * units.get(unit, 1.0), m.group().strip()


@dataclass
class SentenceView:
    """One sentence with its mentions resolved to entities, in text order."""

    sentence: Sentence
    parts: list[Part]
    mentions: list[tuple[Mention, Entity]]

    def of_type(self, *types: str) -> list[tuple[Mention, Entity]]:
        """The mentions of entities of these types (a fresh list: callers may change it)."""
        cache = self.__dict__.setdefault("_of_type", {})
        if types not in cache:
            cache[types] = [(m, e) for m, e in self.mentions if e.type in types]
        return list(cache[types])

    def part_index(self, offset: int) -> int:
        for k, p in enumerate(self.parts):
            if p.start >= offset:
                return k
        return len(self.parts)

    def between(self, a: Mention, b: Mention) -> str:
        lo, hi = sorted((a.end, b.start))
        return self.sentence.text[lo - self.sentence.start: hi - self.sentence.start]


class RelationExtractor:
    def __init__(self, reference: Reference, matchers: Matchers, resolution: Resolution) -> None:
        self.reference = reference
        self.m = matchers
        self.lex = matchers.lexicon
        self.res = resolution
        self.entities = resolution.entities
        self.rels = RelationSet()
        # per document: the sentence and offset where each entity is first named, and the parks named so far
        # (for "the park")
        self.first_sentence: dict[str, dict[str, int]] = defaultdict(dict)
        self.first_mention: dict[str, dict[str, int]] = defaultdict(dict)
        self.parks_seen: dict[str, dict[str, str]] = defaultdict(dict)  # doc -> park kind (and "") -> IRI
        # what the sentence pass of the document at hand finds (`_sentence_pass`), and the customers of all
        self.customers: set[str] = set()
        self.added_industries: list[str] = []  # industry entities the rules added, in order
        self.found_customers: set[str] = set()
        self.invest_re = cue_regex(self.lex.invest_cues)
        self.chain_master_re = cue_regex(self.lex.chain_master_cues)
        self.supply_re = cue_regex(self.lex.supply_cues, PROVIDES_RE)
        self.title_park: dict[str, str | None] = {}
        # counties and towns each sentence names outside park and enterprise names: (offset, IRI)
        self.sentence_regions: dict[tuple[str, int], list[tuple[int, str]]] = {}

    # ------------------------------------------------------------------ driver

    def extract(self, doc_sentences: dict[str, list[Sentence]], doc_mentions: dict[str, list[Mention]],
                clusters: list[ClusterDef], jobs: int = 1) -> RelationSet:
        """Two passes. First what each sentence states, document by document (in `jobs` forked processes when
        more than one: a document's sentences need nothing from other documents); then what each document
        implies (a report's enterprises are in the place it is about, unless located by any sentence of the
        corpus), reference data and clusters. Each document's first pass collects its own relations, which are
        added here in document order: the result is the same for any `jobs`."""
        self.doc_sentences = doc_sentences
        self.doc_mentions = doc_mentions
        docs = list(doc_sentences)
        found = RelationSet()
        for passed in workers.in_forks(_sentence_pass, docs, jobs, self):
            found.update(passed.relations)
            self._take(passed)
        self.rels = found
        for doc in docs:
            self.document_relations(doc, self.res.focus.get(doc))
        self.reference_relations()
        self.cluster_relations(clusters)
        return self.rels

    def _sentence_pass(self, doc: str) -> DocumentPass:
        """What the sentences of one document state, and what the second pass needs to know of it. The rules
        add to `self.rels`, `self.customers` and `self.added_industries`: during the pass, the document's."""
        passed = DocumentPass(doc)
        self.rels, self.customers, self.added_industries = passed.relations, passed.customers, passed.industries
        by_sentence: dict[int, list[tuple[Mention, Entity]]] = defaultdict(list)
        for m in self.doc_mentions[doc]:
            iri = self.res.mention_entity.get(m)
            if iri:
                by_sentence[m.sentence].append((m, self.entities[iri]))
        focus = self.res.focus.get(doc)
        # "Zhaoqing High-tech Zone signs 12 projects ...": a park in the title is where its projects go
        self.title_park[doc] = next((self.entities[iri].iri for m in self.doc_mentions[doc] if m.sentence == 0
                                     and m.kind == "park" and (iri := self.res.mention_entity.get(m))), None)
        for s in self.doc_sentences[doc]:
            view = SentenceView(s, sentence_parts(s), sorted(by_sentence[s.index], key=lambda x: x[0].start))
            passed.regions[s.index] = [(m.start, e.iri) for m, e in view.of_type("County", "Town")
                                       if self._free(view, m)]
            for m, e in view.mentions:
                passed.first_sentence.setdefault(e.iri, s.index)
                passed.first_mention.setdefault(e.iri, m.start)
                if e.type == "Park":
                    self.parks_seen[doc][e.attrs.get("parkKind", "")] = self.parks_seen[doc][""] = e.iri
            self.sentence_relations(view, focus)
        return passed

    def _take(self, passed: DocumentPass) -> None:
        """A document's first pass (made here or in a worker) into this extractor's state."""
        for iri in passed.industries:
            ensure_industry(self.entities, self.reference, iri)
        self.first_sentence[passed.doc] = passed.first_sentence
        self.first_mention[passed.doc] = passed.first_mention
        for index, regions in passed.regions.items():
            self.sentence_regions[(passed.doc, index)] = regions
        self.found_customers |= passed.customers

    def sentence_relations(self, v: SentenceView, focus: str | None) -> None:
        if not v.mentions:  # every rule relates an entity named in the sentence
            return
        self.colon_list(v)
        self.park_members(v)
        self.address_chain(v)
        self.park_location(v)
        self.named_location(v)
        self.place_industries(v, focus)
        self.enterprise_industries(v)
        self.chain_masters(v, focus)
        self.chains_led_by(v)
        self.investments(v, focus)
        self.supplies(v)

    # ------------------------------------------------------------------ locatedIn

    def park_members(self, v: SentenceView) -> None:
        """"Major enterprises in the park include A, B and C"."""
        if v.of_type("Park"):
            return
        park = self._park_referred_to(v)
        if park and re.search(r"\b(?:enterprises|companies|firms) (?:in|of) the", v.sentence.text, re.IGNORECASE):
            for _, e in v.of_type("Enterprise"):
                self.rels.add(e.iri, "locatedIn", park, sentence_evidence(v.sentence))

    def colon_list(self, v: SentenceView) -> None:
        """"Dasha Town: Jintian Copper, auto parts manufacturing, nonferrous metal industry": the place's
        enterprises and industries."""
        if not v.mentions:
            return
        head, place = v.mentions[0]
        rest = v.sentence.text[head.end - v.sentence.start:]
        if place.type not in PLACE_TYPES or head.start != v.sentence.start or not rest.lstrip().startswith(":"):
            return
        ev = sentence_evidence(v.sentence)
        for m, e in v.mentions[1:]:
            if e.type == "Enterprise":
                self.rels.add(e.iri, "locatedIn", place.iri, ev)
            elif e.type == "Industry" and self._free(v, m):
                self.rels.add(place.iri, "hasIndustry", e.iri, ev)

    def address_chain(self, v: SentenceView) -> None:
        """"Dongcheng Street, Sihui City", "Zhaoqing, Guangdong": a place followed by its parent region."""
        places = v.of_type(*PLACE_TYPES)
        for (a, ea), (b, eb) in zip(places, places[1:]):
            if v.between(a, b).strip() not in (",", "，"):
                continue
            if eb.type in REGION_TYPES and (ea.type == "Park" or eb.iri in self.reference.ancestors(ea.iri)):
                self.rels.add(ea.iri, "locatedIn", eb.iri, sentence_evidence(v.sentence))

    def park_location(self, v: SentenceView) -> None:
        """"Sihui Industrial Park in Zhaoqing High-tech Zone", "Start-up Area (Dasha and Fuxi Areas)"."""
        items = v.mentions
        for k, (m, e) in enumerate(items):
            if e.type not in ("Park", "Enterprise"):
                continue
            for m2, e2 in items[k + 1:k + 4]:
                gap = v.between(m, m2)
                if e2.type in PLACE_TYPES and re.fullmatch(
                        r"\s*,?\s*(?:(?:is|are|was|were) )?(?:(?:located|based|situated) )?in (?:the )?\s*", gap):
                    self.rels.add(e.iri, "locatedIn", e2.iri, sentence_evidence(v.sentence))
                    break
                if e.type == "Park" and e2.type in REGION_TYPES and re.fullmatch(r"\s*\(\s*(?:\w+ and )?", gap):
                    self.rels.add(e.iri, "locatedIn", e2.iri, sentence_evidence(v.sentence))
                    break

    def named_location(self, v: SentenceView) -> None:
        """A park or enterprise named after a region lies in it ("Sihui Industrial Park", "Guangzhou X Co.")."""
        regions = v.of_type(*REGION_TYPES)
        for m, e in v.of_type("Park", "Enterprise"):
            inner = [(r, er) for r, er in regions if r.start == m.start and r.end < m.end]
            if not inner:
                continue
            region = inner[0][1]
            if e.type == "Enterprise" and region.type == "Province":
                continue
            self.rels.add(e.iri, "locatedIn", region.iri, sentence_evidence(v.sentence))

    def document_relations(self, doc: str, focus: str | None) -> None:
        """Parks and enterprises a report names without a place are in the place the report is about."""
        if not focus:
            return
        focus_line = {focus, *self.reference.ancestors(focus)}
        sentences = self.doc_sentences[doc]
        for iri, index in sorted(self.first_sentence[doc].items(), key=lambda kv: (kv[1], kv[0])):
            s = sentences[index]
            if self.rels.objects(iri, "locatedIn"):
                continue
            e = self.entities[iri]
            if e.type == "Park":
                self.rels.add(iri, "locatedIn", focus, sentence_evidence(s))
            elif e.type == "Enterprise":
                invests = self.rels.objects(iri, "investsIn")
                if invests - {focus}:
                    continue  # an investor from elsewhere: where it invests is not where it is
                if iri in self.found_customers and not invests:
                    continue  # a customer named by its supplier may be anywhere
                # "Shunde's home appliance industry is led by enterprises such as X": a county or town named
                # close to the enterprise is where it is
                at = self.first_mention[doc][iri]
                others = sorted({r for start, r in self.sentence_regions.get((doc, s.index), ())
                                 if r not in focus_line and abs(start - at) < 90})
                home = others[0] if len(others) == 1 else None if others else focus
                if home and self.reference.regions[home].type != "Province":
                    self.rels.add(iri, "locatedIn", home, sentence_evidence(s))

    def reference_relations(self) -> None:
        for e in list(self.entities.values()):
            if e.type in REGION_TYPES:
                parent = self.reference.regions[e.iri].parent
                if parent and parent in self.entities:
                    self.rels.add(e.iri, "locatedIn", parent, Evidence(GAZETTEER_IRI))

    # ------------------------------------------------------------------ industries

    def _free(self, v: SentenceView, m: Mention) -> bool:
        """An industry mention that is not part of a park's or enterprise's name."""
        return not any(o.start <= m.start and m.end <= o.end and e.type in ("Park", "Enterprise")
                       for o, e in v.mentions if o is not m)

    def place_industries(self, v: SentenceView, focus: str | None) -> None:
        ev = sentence_evidence(v.sentence)
        industries = v.of_type("Industry")
        # a park's own name says what it hosts ("Fine Chemical Industrial Park")
        for pm, pe in v.of_type("Park"):
            for im, ie in industries:
                if pm.start <= im.start and im.end <= pm.end:
                    self.rels.add(pe.iri, "hasIndustry", ie.iri, ev)
        free = [(m, e) for m, e in industries if self._free(v, m)]
        # a province-wide plan names every industry of the province; only a county's or city's own report
        # makes its industries the place's
        if focus and free and self.reference.regions[focus].type != "Province":
            for _, ie in free:
                self.rels.add(focus, "hasIndustry", ie.iri, ev)
        # "Zhaoqing's new energy auto industry"
        for rm, re_ in v.of_type(*REGION_TYPES):
            end_k = v.part_index(rm.end) - 1
            if 0 <= end_k < len(v.parts) and v.parts[end_k].possessive:
                for im, ie in free:
                    if 0 < im.start - rm.end <= 3:
                        self.rels.add(re_.iri, "hasIndustry", ie.iri, ev)
        # the park a sentence is about hosts the industries named near it
        parks = [(m, e) for m, e in v.of_type("Park")]
        topic = self._topic_park(v, parks)
        referred = self._park_referred_to(v) if not parks else None
        if referred:  # "The park focuses on new materials, electronic information and ..."
            for _, ie in free:
                self.rels.add(referred, "hasIndustry", ie.iri, ev)
        if topic:
            pm, pe = topic
            # "Build the Sihui Industrial Park ..., and accelerate the creation of a ... industry base":
            # a sentence that opens with the park is about it throughout
            opens_with_park = v.part_index(pm.start) <= 4
            for im, ie in free:
                distance = (v.part_index(im.start) - v.part_index(pm.end)) if im.start > pm.end else \
                    (v.part_index(pm.start) - v.part_index(im.end))
                before = im.start < pm.start
                near = distance <= 6 if before else (distance <= 25 or opens_with_park)
                if near and ";" not in v.between(pm, im):
                    self.rels.add(pe.iri, "hasIndustry", ie.iri, ev)

    def _park_referred_to(self, v: SentenceView) -> str | None:
        """The park a sentence refers back to as "the park" / "the zone" in its subject or in
        "enterprises in the park": the one the document named last."""
        m = re.match(r"\s*(?:the|this) (park|zone|high-tech zone|development zone|new area|industrial park)\b(?!s)",
                     v.sentence.text, re.IGNORECASE) or re.search(
            r"\b(?:enterprises|companies|firms) (?:in|of) the (park|zone|high-tech zone|development zone|new area)\b",
            v.sentence.text, re.IGNORECASE)
        return self._recent_park(v.sentence, m.group(1)) if m else None

    def _topic_park(self, v: SentenceView, parks):
        contained = set()
        for (a, ea), (b, eb) in zip(parks, parks[1:]):
            if re.fullmatch(r"\s*in (?:the )?", v.between(a, b)):
                contained.add(eb.iri)
        candidates = [(m, e) for m, e in parks if e.iri not in contained]
        return candidates[0] if len({e.iri for _, e in candidates}) == 1 else None

    def enterprise_industries(self, v: SentenceView) -> None:
        ev = sentence_evidence(v.sentence)
        industries = v.of_type("Industry")
        enterprises = v.of_type("Enterprise")
        for k, (em, ee) in enumerate(enterprises):
            # the name itself ("Gordon Aluminum")
            for im, ie in industries:
                if em.start <= im.start and im.end <= em.end:
                    self.rels.add(ee.iri, "inIndustry", ie.iri, ev)
            # "Xpeng Motors", "Xiaopeng Auto": a carmaker's name says what it makes
            if phrase_key(em.surface)[-1:] and phrase_key(em.surface)[-1] in self.lex.auto_heads:
                automotive = self._industry_of("automobile")
                if automotive:
                    self.rels.add(ee.iri, "inIndustry", automotive, ev)
            # what its project makes: "Fuji Electronics' ... circuit board expansion projects",
            # "Zhuoersheng new energy auto parts and other projects"
            limit = enterprises[k + 1][0].start if k + 1 < len(enterprises) else v.sentence.end
            project_end = self._project_word_after(v, em.end, limit)
            if project_end is not None:
                for im, ie in industries:
                    if em.end <= im.start and im.end <= project_end and self._free(v, im):
                        self.rels.add(ee.iri, "inIndustry", ie.iri, ev)
        # "Yuehai Electronics ... produces printed circuit boards"
        for em, ee in enterprises:
            after = v.sentence.text[em.end - v.sentence.start:]
            verb = PRODUCES_RE.match(after)
            if verb:
                limit = em.end + verb.end() + 80
                for im, ie in industries:
                    if em.end + verb.end() <= im.start < limit and self._free(v, im):
                        self.rels.add(ee.iri, "inIndustry", ie.iri, ev)
                        break
        # "electronic information companies such as X, Y"
        for im, ie in industries:
            k = v.part_index(im.end)
            following = " ".join(p.key for p in v.parts[k:k + 5])
            if re.match(r"(?:industry |industrial )?(?:enterprise|company|firm|manufacturer) (?:such a|including|like)",
                        following):
                for em, ee in self._list_after(v, im.end, enterprises):
                    self.rels.add(ee.iri, "inIndustry", ie.iri, ev)
        # a sentence that opens with an industry ("Increase support for the metal processing industry,
        # support X ...") is about that industry's enterprises
        topic = self._topic_industry(v, industries, enterprises)
        if topic:
            for em, ee in enterprises:
                self.rels.add(ee.iri, "inIndustry", topic.iri, ev)

    def _industry_of(self, label: str) -> str | None:
        """The vocabulary industry a label names, added to the graph if no document named it yet."""
        hits = self.m.industries.entries.get(phrase_key(label))
        if not hits:
            return None
        iri = sorted(hits)[0]
        if iri not in self.entities:
            self.added_industries.append(iri)  # for a worker to send back (DocumentPass)
        return ensure_industry(self.entities, self.reference, iri)

    def _project_word_after(self, v: SentenceView, start: int, limit: int) -> int | None:
        text = v.sentence.text[start - v.sentence.start: limit - v.sentence.start]
        m = re.search(r"\b(?:projects?|bases?|plants?|factory|factories|production lines?|power stations?)\b", text)
        if not m or ";" in text[:m.start()] or len(text[:m.start()]) > 160:
            return None
        return start + m.start()

    def _list_after(self, v: SentenceView, offset: int, enterprises, max_gap: int = 40):
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

    def _topic_industry(self, v: SentenceView, industries, enterprises):
        free = [(m, e) for m, e in industries if self._free(v, m)]
        if not free or not enterprises or free[0][0].start > enterprises[0][0].start:
            return None
        first, entity = free[0]
        k = v.part_index(first.end)
        if k >= len(v.parts) or v.parts[k].key not in ("industry", "industrial"):
            return None
        clause_end = v.sentence.text.find(",", first.end - v.sentence.start)
        if clause_end == -1 or v.sentence.start + clause_end > enterprises[0][0].start:
            return None
        return entity

    # ------------------------------------------------------------------ chain masters

    def chain_masters(self, v: SentenceView, focus: str | None) -> None:
        text = v.sentence.text.lower()
        cues = [(m.start(), m.end()) for m in self.chain_master_re.finditer(text)]
        if not cues:
            return
        ev = sentence_evidence(v.sentence)
        enterprises = v.of_type("Enterprise")
        for cs, ce in cues:
            cue_start, cue_end = v.sentence.start + cs, v.sentence.start + ce
            # "chain master enterprises such as A, B and C", "the chain master enterprise A"
            lead = re.match(r"[\"”’']?\s*(?:enterprises?|companies|company|firms?)?\s*(?:such as|including|like|:)?\s*",
                            text[ce:])
            masters = [ee for _, ee in self._list_after(v, cue_end + lead.end(), enterprises, max_gap=2)]
            before = [(em, ee) for em, ee in enterprises if em.end <= cue_start and cue_start - em.end < 60]
            if before:
                masters.append(before[-1][1])
            if not masters:
                continue
            # the chain is an industry named at the cue ("new energy vehicle chain master"), else a region
            chain = None
            for im, ie in v.of_type("Industry"):
                if not self._free(v, im) or im.end > cue_start:
                    continue
                # "new energy vehicle chain master", or "the X industry chain with Y as the chain master"
                if cue_start - im.end < 25 or self._names_a_chain(v, im):
                    chain = ie.iri
            if chain is None:
                # "... enterprises such as A and B to lead the hardware industry chain"
                chain = next((ie.iri for im, ie in v.of_type("Industry") if 0 <= im.start - cue_end < 120
                              and ";" not in v.sentence.text[cs:im.start - v.sentence.start]
                              and self._free(v, im) and self._names_a_chain(v, im)), None)
            if chain is None:
                regions = [e for m, e in v.of_type("County", "City") if self._free(v, m)]
                chain = regions[0].iri if regions else focus
            if chain is None:
                continue
            for ee in masters:
                self.rels.add(ee.iri, "chainMasterOf", chain, ev)

    def chains_led_by(self, v: SentenceView) -> None:
        """"the new energy vehicle industry chain led by X": X is the chain's master."""
        ev = sentence_evidence(v.sentence)
        enterprises = v.of_type("Enterprise")
        for im, ie in v.of_type("Industry"):
            led = re.match(r"\s*(?:industry |industrial )?chains? (?:is |are )?led by\s+",
                           v.sentence.text[im.end - v.sentence.start:])
            if led and self._free(v, im):
                for _, ee in self._list_after(v, im.end + led.end(), enterprises, max_gap=2):
                    self.rels.add(ee.iri, "chainMasterOf", ie.iri, ev)

    def _names_a_chain(self, v: SentenceView, m: Mention) -> bool:
        return bool(re.match(r"\s*(?:industry |industrial )?chain\b", v.sentence.text[m.end - v.sentence.start:]))

    # ------------------------------------------------------------------ investments

    def investments(self, v: SentenceView, focus: str | None) -> None:
        """An enterprise followed, in its own stretch of the sentence, by an investment or a project it owns:
        "X plans to invest 200 million yuan in ... in Zhaoqing High-tech Zone", "support X to start the
        construction of ... projects". The place is the one the stretch names (or the park it refers back to
        as "the high-tech zone"), else the place the document is about."""
        ev = sentence_evidence(v.sentence)
        enterprises = v.of_type("Enterprise")
        for idx, (em, ee) in enumerate(enterprises):
            nxt = enterprises[idx + 1][0].start if idx + 1 < len(enterprises) else v.sentence.end
            end = nxt if em.cue != "list-and-other" else v.sentence.end
            window = v.sentence.text[em.end - v.sentence.start: end - v.sentence.start]
            window = re.split(r";|, and (?=[A-Z])", window)[0][:240]
            if not (em.cue == "project-owner" or self.invest_re.search(window)):
                continue
            target = self._investment_place(v, em, em.end + len(window))
            if target is None:
                target = self.title_park.get(v.sentence.doc)
            if target is None and focus and self.reference.regions[focus].type in ("County", "City", "Town"):
                target = focus
            if target:
                self.rels.add(ee.iri, "investsIn", target, ev, parse_amount(window, self.lex.amount_units))

    def _investment_place(self, v: SentenceView, em: Mention, window_end: int) -> str | None:
        """The place of the project: right after the name ("X Longfu Town ... Power Station"), else the
        first place introduced by in/at after the investment word, else the first one before it."""
        text = v.sentence.text[em.end - v.sentence.start: window_end - v.sentence.start]
        cue = self.invest_re.search(text)
        cue_at = em.end + (cue.start() if cue else 0)
        candidates = []
        for pm, pe in v.mentions:
            if pe.type not in PLACE_TYPES or not (em.end <= pm.start < window_end) or not self._free(v, pm):
                continue
            gap = v.sentence.text[em.end - v.sentence.start: pm.start - v.sentence.start]
            if re.fullmatch(r"(?:'s?|’s?)?\s*", gap):
                return pe.iri
            if re.search(r"\b(?:in|at|into|to)\s+(?:the\s+)?$", gap):
                candidates.append((pm.start < cue_at, pm.start, pe.iri))
        if candidates:
            return min(candidates)[2]
        text = v.sentence.text[em.end - v.sentence.start: window_end - v.sentence.start].lower()
        back = re.search(r"\bin the (high-tech zone|hi-tech zone|development zone|new area|industrial park|park|zone)\b", text)
        if back:
            return self._recent_park(v.sentence, back.group(1))
        return None

    def _recent_park(self, sentence: Sentence, head: str) -> str | None:
        """The park of that kind the document named last, for "in the high-tech zone"."""
        kind = self.lex.park_heads.get(phrase_key(head), "")
        return self.parks_seen[sentence.doc].get(kind)

    # ------------------------------------------------------------------ supplies

    def supplies(self, v: SentenceView) -> None:
        """"A supplies B", "A ... as a supporting project for B", "A, a supplier of B"."""
        enterprises = v.of_type("Enterprise")
        for (a, ea), (b, eb) in zip(enterprises, enterprises[1:]):
            gap = v.between(a, b).lower()
            cue = self.supply_re.search(gap)
            if len(gap) < 240 and cue and not re.search(r";|, and ", gap[:cue.start()]):
                for _, customer in self._list_after(v, b.start, enterprises):
                    self.rels.add(ea.iri, "supplies", customer.iri, sentence_evidence(v.sentence))
                    self.customers.add(customer.iri)


    # ------------------------------------------------------------------ clusters

    def cluster_relations(self, clusters: list[ClusterDef]) -> None:
        for c in clusters:
            for m in c.centres:
                if m.ref in self.entities:
                    self.rels.add(c.iri, "clusterCentre", m.ref, Evidence(m.doc, *self._sentence_of(m)))
        for e in self.entities.values():
            if e.type != "Industry":
                continue
            lineage = self.reference.broader_closure(e.iri) or [e.iri]
            for c in clusters:
                if c.sector and c.sector in lineage:
                    self.rels.add(e.iri, "partOfCluster", c.iri, Evidence(VOCABULARY_IRI))
                    if e.iri == c.sector:
                        self.rels.add(e.iri, "partOfCluster", c.iri, sentence_evidence(c.heading))
                for m in c.scope:
                    if m.ref == e.iri:
                        self.rels.add(e.iri, "partOfCluster", c.iri, Evidence(m.doc, *self._sentence_of(m)))

    def _sentence_of(self, m: Mention) -> tuple[str, int, int]:
        s = self.doc_sentences[m.doc][m.sentence]
        return s.text, s.start, s.end


@dataclass
class DocumentPass:
    """The first pass over one document (RelationExtractor._sentence_pass): the relations its sentences
    state, where each entity is first named (sentence index, offset), the counties and towns each sentence
    names (offset, IRI), the enterprises named as customers and the industry entities the rules added."""

    doc: str
    relations: RelationSet = field(default_factory=RelationSet)
    first_sentence: dict[str, int] = field(default_factory=dict)
    first_mention: dict[str, int] = field(default_factory=dict)
    regions: dict[int, list[tuple[int, str]]] = field(default_factory=dict)
    customers: set[str] = field(default_factory=set)
    industries: list[str] = field(default_factory=list)


def _sentence_pass(extractor: RelationExtractor, doc: str) -> DocumentPass:
    return extractor._sentence_pass(doc)


def extract_relations(reference: Reference, matchers: Matchers, resolution: Resolution,
                      doc_sentences: dict[str, list[Sentence]], doc_mentions: dict[str, list[Mention]],
                      clusters: list[ClusterDef], jobs: int = 1) -> RelationSet:
    extractor = RelationExtractor(reference, matchers, resolution)
    return extractor.extract(doc_sentences, doc_mentions, clusters, jobs)


__all__ = ["Evidence", "Relation", "RelationSet", "extract_relations"]
