"""chainMasterOf from Chinese sentences: the enterprises a 链主 cue names ("A、B两大龙头链主企业",
"A、B等10家链主企业", "链主企业A、B"), the subject of the clause it ends ("X是Y产业链的链主企业"), or the company
a clause refers back to ("该公司是…的链主企业": inferred) lead the chain of the industry the sentence names for
them (an industry right before the cue, else the first industry of the list the sentence names before them),
else a region's chains: the most precise region the sentence names, else the place the document is about
(inferred). Under a heading that announces chain masters, a line that names a chain and companies names its
masters ("新能源汽车产业链：A、B。": inferred)."""

from __future__ import annotations

import re

from kg.link.relations.context import REGION_TYPES, DocumentPass
from kg.link.relations.zh.industries import _list_of
from kg.link.relations.zh.sentence import ChineseSentence, Item, company_referred_to

# What may stand between a list of enterprises and its 链主 noun: a count, a qualifier ("等10家", "两大龙头").
_BETWEEN = 12


def chain_masters(p: DocumentPass, s: ChineseSentence, focus: str | None) -> None:
    enterprises = s.of_type("Enterprise")
    industries = s.free_of_type("Industry")
    cues = s.cues(s.lex.chain_master_cues)
    _listed_under_a_heading(p, s, enterprises, industries, bool(cues))
    for k, after in cues:
        named = _masters(s, enterprises, k, after) or _subject_of(s, enterprises, k)
        masters, inferred = [e.iri for e in named], False
        if not masters and (referent := _referent(p, s, k)):
            masters, inferred = [referent], True
        if not masters:
            continue
        chain, evidence = _chain(p, s, industries, named[0].a if named else s.clause_start(k), k, focus)
        if chain:
            if inferred:  # the sentence does not name the company
                evidence = s.inferred(confidence=min(0.7, evidence.confidence or 0.7))
            for iri in masters:
                p.relations.add(iri, "chainMasterOf", chain, evidence)


# A chain's line of a list: "新能源汽车产业链：A、B。", "（一）电子信息产业链：A" (its industry, this, the list).
_CHAIN_LINE_RE = re.compile(r"(?:产业)?链\s*[:：]\s*")
_LINE_START_RE = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*)?")


def _listed_under_a_heading(p: DocumentPass, s: ChineseSentence, enterprises: list[Item], industries: list[Item],
                            cued: bool) -> None:
    """A 链主 list laid out under a heading: "…公布首批链主企业名单" names chain masters and none of them, and the
    lines after it name a chain and its masters ("新能源汽车产业链：A、B。") without saying 链主 again. Inferred
    (the line does not say what its companies are to the chain), while the lines go on: a sentence that names
    enterprises otherwise ends the list."""
    if cued and not enterprises:
        p.masters_heading = True
        return
    if not p.masters_heading or not enterprises:
        return
    chain = next((i for i in industries if _LINE_START_RE.fullmatch(s.text, 0, i.a)), None)
    line = _CHAIN_LINE_RE.match(s.text, chain.b) if chain else None
    if chain is None or line is None or enterprises[0].a != line.end():
        p.masters_heading = False
        return
    for master in s.listed_from(enterprises[0], enterprises):
        p.relations.add(master.entity.iri, "chainMasterOf", chain.iri, s.inferred(confidence=0.7))


# "X是Y产业链的链主企业", "X被认定为…链主企业" ("该公司是…"): the subject of the clause the cue ends, told by its verb.
_IS_RE = re.compile(r"\s*(?:也|已|还)*(?:是|为|系|作为|成为|被评为|被认定为|被列为)[^,，;；。:：]{0,30}$")


def _subject_of(s: ChineseSentence, enterprises: list[Item], k: int) -> list[Item]:
    start = s.clause_start(k)
    subject = next((e for e in enterprises if start <= e.a and not s.text[start:e.a].strip()), None)
    return [subject] if subject is not None and _IS_RE.match(s.text[subject.b:k]) else []


def _referent(p: DocumentPass, s: ChineseSentence, k: int) -> str | None:
    """"该公司是…链主企业": the company the sentences before were about."""
    referred = company_referred_to(p, s, s.clause_start(k))
    return referred[0] if referred and _IS_RE.match(s.text[referred[1]:k]) else None


def _masters(s: ChineseSentence, enterprises: list[Item], k: int, after: int) -> list[Item]:
    """The enterprises of the list right before the cue (with a count or qualifier between), else right after it."""
    before = [e for e in enterprises if e.b <= k and k - e.b <= _BETWEEN
              and not any(ch in s.text[e.b:k] for ch in ",，;；。:：")]
    if before:
        last = before[-1]
        lead = next((x for x in range(last.b, k + 1) if s.text.startswith("等", x) or x == k), k)
        return s.listed_before(lead if lead < k else last.b, enterprises)
    noun = s.cue_at(after, ("企业", "公司"))
    start = after + len(noun)
    following = [e for e in enterprises if start <= e.a <= start + 3]
    if not following:
        return []
    return s.listed_from(following[0], enterprises)


def _chain(p: DocumentPass, s: ChineseSentence, industries: list[Item], masters_at: int, cue_at: int,
           focus: str | None):
    named = [i for i in industries if i.b <= cue_at and cue_at - i.b <= 4]  # "新能源汽车产业链链主"
    if named:
        return named[-1].iri, s.evidence(confidence=0.85)
    earlier = [i for i in industries if i.b <= masters_at]
    if earlier:
        # the first industry of the last list named before the masters ("新能源汽车及汽车零部件项目 ... 引进A、B")
        first = earlier[-1]
        for ind in reversed(earlier[:-1]):
            if _list_of(s, ind, industries)[-1] is first or first in _list_of(s, ind, industries):
                first = ind
        return first.iri, s.evidence(confidence=0.7)
    regions = s.free_of_type(*REGION_TYPES)
    if regions:
        place = s.most_specific_place(regions[0])
        return place.iri, s.evidence(confidence=0.75)
    if focus and s.ctx.reference.regions[focus].type != "Province":
        return focus, s.inferred(confidence=0.5)
    return None, None
