"""locatedIn from Chinese sentences: an address (肇庆市高要区金利镇: each place in the one before it), a park or an
enterprise named after its place (高要区...产业园, 广州市X实业股份有限公司), and the cues 位于, 落户, 坐落于, 地处,
入驻, 选址 ("X于2018年落户四会东城街道")."""

from __future__ import annotations

import re

from kg.link.relations.context import PLACE_TYPES, REGION_TYPES, DocumentPass
from kg.link.relations.zh.sentence import MAX_BACK, ChineseSentence


def addresses(p: DocumentPass, s: ChineseSentence) -> None:
    """"广州市白云区江高镇": a region right after the region it lies in."""
    places = s.free_of_type(*REGION_TYPES)
    ancestors = s.ctx.reference.ancestors
    for a, b in zip(places, places[1:]):
        if b.a == a.b and a.iri in ancestors(b.iri):
            p.relations.add(b.iri, "locatedIn", a.iri, s.evidence(confidence=0.95))


def named_places(p: DocumentPass, s: ChineseSentence) -> None:
    """A park or an enterprise whose name starts with a place lies in it (an enterprise's registered name says
    where it is registered; a province says too little to count)."""
    for named in s.of_type("Park", "Enterprise"):
        inner = [r for r in s.of_type(*REGION_TYPES) if r.a == named.a and r.b < named.b]
        if not inner:
            continue
        if named.type == "Enterprise" and inner[0].type not in ("City", "Province") \
                and inner[0].mention.surface != s.ctx.reference.regions[inner[0].iri].label_zh:
            continue  # "白云机电": a district's short name as a trade name says nothing of where the company is
        # an enterprise's place is its name's first region (白云 in 广州白云机电 is the trade name, not the
        # district), or an address of official names (肇庆市高要区)
        place = s.most_specific_place(inner[0])
        if named.type == "Enterprise" and not _official_address(s, inner[0], place):
            place = inner[0]
        if place.b > named.b or (named.type == "Enterprise" and place.type == "Province"):
            continue
        if place.type == "Province":
            # "广东省(云浮)大型产业集聚区": the city in brackets after the province is where the park is
            bracketed = [r for r in s.of_type("City", "County") if named.a < r.a < named.b
                         and s.text[r.a - 1:r.a] == "(" and s.text[r.b:r.b + 1] == ")"]
            place = bracketed[0] if bracketed else place
        p.relations.add(named.iri, "locatedIn", place.iri, s.evidence(confidence=0.8))


def _official_address(s: ChineseSentence, first, last) -> bool:
    """Do the regions from `first` to `last` all have their official names (with the suffix: 肇庆市高要区)?"""
    regions = s.ctx.reference.regions
    return all(i.mention.surface == regions[i.iri].label_zh for i in s.of_type(*REGION_TYPES)
               if first.a <= i.a and i.b <= last.b)


def located_cues(p: DocumentPass, s: ChineseSentence) -> None:
    """"X位于Y", "X于2018年落户Y", "X选址在Y": the park or enterprise named last before the cue (in its clause, with
    the companies listed with it: "A、B等企业已落户Y"), in the place named first after it."""
    for k, after in s.cues(s.lex.located_cues):
        if k and s.text[k - 1] in "未不拟":
            continue  # not (yet) located there
        place = s.place_after(after, min(s.clause_end(after), after + 12))
        if place is None:
            continue
        subjects = [i for i in s.of_type("Park", "Enterprise") if i.b <= k and s.free(i)
                    and s.clause_start(k) <= i.a and k - i.b <= 24]
        if not subjects and place.type in PLACE_TYPES:
            for referent in _referents(p, s, s.text[s.clause_start(k):k]):
                p.relations.add(referent, "locatedIn", place.iri, s.inferred(confidence=0.7))
            # "X成立于2008年，总部位于Y": a clause with no subject of its own, of the enterprise the sentence opens with
            topic = s.topic_enterprise(k)
            if topic is not None:
                subjects = [topic]
        # "位于Y的X": the name the place and 的 lead into
        described = [i for i in s.of_type("Park", "Enterprise") if s.free(i) and i.a > place.b
                     and _MODIFIES_RE.fullmatch(s.text, place.b, i.a)]
        last = subjects[-1:]
        if last and last[0].type == "Enterprise":  # "A、B等企业已落户Y": every company of the list
            last = s.listed_before(last[0].b, s.of_type("Enterprise"))
        for subject in last + described[:1]:
            if subject.iri != place.iri and place.type in PLACE_TYPES:
                p.relations.add(subject.iri, "locatedIn", place.iri, s.evidence(confidence=0.9))


# Between a place after its cue and the name it describes: "位于河源高新区的X", "地处肇庆的X".
_MODIFIES_RE = re.compile(r"\s*(?:内|境内|园区内)?\s*的\s*")


# "<park>内的A、B", "<park>内有A、B": in that park.
_INSIDE_RE = re.compile(r"\s*(?:内|园区内|园内|境内)(?:的|有|现有|拥有)?\s*")
# "园区内的A、B等企业", "区内有A、B" (a clause that opens with 区内: the zone): in the park the document last named.
_IN_THE_PARK_RE = re.compile(r"(?:园区内|园内|(?:^|(?<=[，,：:]))区内)(?:的|有|现有|拥有)?")


def park_members(p: DocumentPass, s: ChineseSentence) -> None:
    """The enterprises listed right after "园区内(的)" or a clause's "区内有" are in the park the document named
    last (the sentence says "in the park", the park is read from the sentences before: inferred); those right
    after a park the sentence names and "内的"/"内有" ("四会高新区内的A、B") are in that park (stated)."""
    enterprises = s.of_type("Enterprise")
    for park_item in s.free_of_type("Park"):
        inside = _INSIDE_RE.match(s.text, park_item.b)
        first = next((e for e in enterprises if inside and e.a == inside.end()), None)
        if first is not None:
            for e in s.listed_from(first, enterprises):
                p.relations.add(e.iri, "locatedIn", park_item.iri, s.evidence(confidence=0.85))
    park = p.parks_seen.get("")
    if park is None:
        return
    for m in _IN_THE_PARK_RE.finditer(s.text):
        first = next((e for e in enterprises if 0 <= e.a - m.end() <= 1), None)
        if first is not None:
            for e in s.listed_from(first, enterprises):
                p.relations.add(e.iri, "locatedIn", park, s.inferred(confidence=0.7))


# A clause whose subject refers back: "两家企业均位于…", "上述企业都落户…" (the enterprises the sentence before named);
# "该公司位于…" (the one it was about).
_PLURAL_RE = re.compile(
    r"(?:(?:这|上述|以上|前述)(?:[两二三四五六七八九十]|\d+)?|[两二三四五六七八九十]|\d+)(?:家|个)?(?:企业|公司)(?:均|都|也|已|将)*")
_SINGULAR_RE = re.compile(r"(?:该|这家|此)(?:企业|公司)(?:也|已|将)*")


def _referents(p: DocumentPass, s: ChineseSentence, before: str) -> list[str]:
    before = before.strip()
    if not before or s.view.sentence.index - p.last_subject_at > MAX_BACK:
        return []
    if _SINGULAR_RE.fullmatch(before):
        return [p.last_subject] if p.last_subject else []
    if _PLURAL_RE.fullmatch(before):
        return list(p.last_named) if len(p.last_named) > 1 else []
    return []
