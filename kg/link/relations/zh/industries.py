"""hasIndustry and inIndustry from Chinese sentences.

A place hosts an industry where its name holds it (高要区新能源汽车...产业园), where the industry follows the place
(四会玉器、兰花, 高要区智能五金产业集群), where a cluster of the industry lies in it (...产业集群(位于云浮高新区)),
and where the sentence is about the place (近年来，四会...加快发展A、B等新兴产业); a sentence that names no place
is about the place the sentence before named, else the park its title names, else the place the document is about
(these are inferred). An enterprise works in an industry its name holds, that its list says (A、B等一批电子信息企业),
that it is a leading enterprise of (作为铜加工龙头企业，X), that it makes (主营, 生产), or that its project is of
(B汽车零部件生产项目).
"""

from __future__ import annotations

import re

from kg.extract.zh.industries import LIST_GAP_RE
from kg.link.relations.context import PLACE_TYPES, DocumentPass
from kg.link.relations.zh.sentence import ChineseSentence, Item

# Words between a sentence's start and its subject: time and framing ("近年来，", "今年一季度").
# A sentence that opens with the report's own place: "全县", "我市", "全区"
_SELF_RE = re.compile(r"\s*(?:全|我|本)(?:县|市|区|镇)")
_OPENING_RE = re.compile(r"^(?:[\s△▲●■]*(?:近年来|近年|今年|去年|目前|如今|当前|同时|此外|其中|据悉|据介绍|\d{4}年"
                         r"(?:\d{1,2}月)?(?:\d{1,2}日)?|[一二三四]季度|上半年|下半年)?[,，\s]*)")
# Between an industry and 位于: the cluster, base or park of it ("产业集群(", "集群\n").
_CLUSTER_TO_CUE_RE = re.compile(r"\s*(?:产业集群|集群|产业基地|基地|产业)?\s*[(（]?\s*")
_ENTERPRISE_NOUNS = ("龙头企业", "骨干企业", "领军企业", "链主企业", "企业", "公司")
_PROJECT_RE = re.compile(r"(?:研发|生产|制造|加工|深加工|扩产|扩建|新建|建设)*(?:项目|基地|工厂|生产线|产线)")


def _list_of(s: ChineseSentence, first: Item, industries: list[Item]) -> list[Item]:
    """`first` and the industries listed after it (、 和 及 between, or a few short items)."""
    out = [first]
    for nxt in industries:
        if nxt.a >= out[-1].b and LIST_GAP_RE.fullmatch(s.text, out[-1].b, nxt.a):
            out.append(nxt)
        elif nxt.a >= out[-1].b:
            break
    return out


# ------------------------------------------------------------------------------------------------- places


def park_names(p: DocumentPass, s: ChineseSentence) -> None:
    """"新兴县新能源汽车零部件产业园": a park's name says what it hosts."""
    _industries_named_in(p, s, "Park", "hasIndustry", 0.8)


def _industries_named_in(p: DocumentPass, s: ChineseSentence, kind: str, predicate: str, confidence: float) -> None:
    """Each name of `kind` relates to the industries inside it."""
    for named in s.of_type(kind):
        for ind in s.of_type("Industry"):
            if named.a <= ind.a and ind.b <= named.b:
                p.relations.add(named.iri, predicate, ind.iri, s.evidence(confidence=confidence))


def place_then_industries(p: DocumentPass, s: ChineseSentence) -> None:
    """"四会玉器、兰花、沙糖桔", "高要区智能五金产业集群": industries right after a place are the place's."""
    industries = s.free_of_type("Industry")
    for place in s.free_of_type(*PLACE_TYPES):
        place = s.most_specific_place(place)
        first = next((i for i in industries if i.a == place.b), None)
        if first:
            for ind in _list_of(s, first, industries):
                p.relations.add(place.iri, "hasIndustry", ind.iri, s.evidence(confidence=0.8))


def clusters_located(p: DocumentPass, s: ChineseSentence) -> None:
    """"新能源智能网联汽车产业集群(位于云浮高新区)": the place a cluster of the industry lies in hosts it."""
    industries = s.free_of_type("Industry")
    for k, after in s.cues(("位于", "坐落于", "地处")):
        place = s.place_after(after, min(len(s.text), after + 16))
        if place is None:
            continue
        before = [i for i in industries if i.b <= k and _CLUSTER_TO_CUE_RE.fullmatch(s.text, i.b, k)]
        if not before:
            continue
        first = before[-1]
        for ind in industries:
            if ind.b <= first.a and LIST_GAP_RE.fullmatch(s.text, ind.b, first.a):
                first = ind
        for ind in _list_of(s, first, industries):
            if ind.b <= k:
                p.relations.add(place.iri, "hasIndustry", ind.iri, s.evidence(confidence=0.85))


def sentence_topic(p: DocumentPass, s: ChineseSentence, focus: str | None) -> None:
    """A sentence about a place (the place opens it, before any industry) says what the place develops: every
    industry it names. Industries a sentence names before any place ("第一季度签约项目主要集中在A、B等领域") are of
    the place the sentence before it named (if it named one), else of the park the document's title names, else of
    the place the document is about (inferred)."""
    industries = s.free_of_type("Industry")
    if not industries:
        return
    places = s.free_of_type(*PLACE_TYPES)
    if places and places[0].a < industries[0].a:
        subject = places[0]
        opening = _OPENING_RE.match(s.text)
        start = s.clause_start(subject.a)
        if start == subject.a or subject.a <= max(opening.end() if opening else 0, start + 2):
            # the subject may be a list of places ("北滘镇、容桂街道的...")
            topics = [s.most_specific_place(subject)]
            for nxt in places[1:]:
                if nxt.a < topics[-1].b:
                    continue
                if nxt.a >= industries[0].a or nxt.type == "Park" or s.text[topics[-1].b:nxt.a].strip(" 、和及与"):
                    break
                topics.append(s.most_specific_place(nxt))
            for topic in topics:
                for ind in industries:
                    p.relations.add(topic.iri, "hasIndustry", ind.iri, s.evidence(confidence=0.7))
        return
    enterprises = s.of_type("Enterprise")
    bound = min(([places[0].a] if places else [len(s.text)]) + [e.a for e in enterprises[:1]])
    located = [k for k, _ in s.cues(s.lex.located_cues)]
    # industries an enterprise's noun follows ("作为铜加工龙头企业") are the enterprise's, those of a cluster that
    # lies somewhere ("A产业集群位于B") that place's (clusters_located): neither is the context's
    unplaced = [i for i in industries if i.b <= bound and not s.cue_at(i.b, _ENTERPRISE_NOUNS)
                and not any(_CLUSTER_TO_CUE_RE.fullmatch(s.text, i.b, k) for k in located if k >= i.b)]
    own = focus and s.ctx.reference.regions[focus].type in ("County", "City", "Town")
    # "全县…三大支柱产业": the county the report is about, whatever place the sentence before named
    target = focus if own and _SELF_RE.match(s.text) else s.previous_place() or p.title_park
    if target is None and own:
        target = focus
    if target:
        for ind in unplaced:
            p.relations.add(target, "hasIndustry", ind.iri, s.inferred(confidence=0.5))


# ---------------------------------------------------------------------------------------------- enterprises


def enterprise_names(p: DocumentPass, s: ChineseSentence) -> None:
    """"美信食品": an industry the enterprise's name holds."""
    _industries_named_in(p, s, "Enterprise", "inIndustry", 0.7)


def listed_enterprises(p: DocumentPass, s: ChineseSentence) -> None:
    """"A、B等一批电子信息企业", "以A、B为代表的金属加工企业": the list's enterprises are in the industry its noun
    names."""
    enterprises = s.of_type("Enterprise")
    for ind in s.free_of_type("Industry"):
        noun = s.cue_at(ind.b, ("产业企业", "行业企业", "企业", "公司", "厂商", "龙头企业", "骨干企业", "配套企业"))
        if not noun:
            continue
        lead = s.text.rfind("等", max(0, ind.a - 8), ind.a)
        if lead < 0:
            represented = _REPRESENTED_RE.search(s.text, max(0, ind.a - 8), ind.a)
            if represented is None or s.text[represented.end():ind.a].strip(" 一批些家"):
                continue
            lead = represented.start()
        for ent in s.listed_before(lead, enterprises):
            p.relations.add(ent.iri, "inIndustry", ind.iri, s.evidence(confidence=0.85))


# "以A、B为代表的X企业": the list ends before 为代表的 (or 为龙头的, 为首的).
_REPRESENTED_RE = re.compile(r"为(?:代表|龙头|首)的")


def leading_enterprises(p: DocumentPass, s: ChineseSentence) -> None:
    """"作为铜加工龙头企业，X": X is in the industry (and leads it: chainMasterOf, with less confidence)."""
    for _, after in s.cues(("作为",)):
        ind = next((i for i in s.free_of_type("Industry") if i.a == after), None)
        if ind is None:
            continue
        rest = s.text[ind.b:ind.b + 8]
        m = re.match(r"(龙头|骨干|领军|链主|重点)?(?:企业|公司)\s*[,，]?\s*", rest)
        if not m:
            continue
        ent = next((e for e in s.of_type("Enterprise") if e.a == ind.b + m.end()), None)
        if ent is None:
            continue
        p.relations.add(ent.iri, "inIndustry", ind.iri, s.evidence(confidence=0.85))
        if m.group(1) in ("龙头", "链主", "领军"):
            p.relations.add(ent.iri, "chainMasterOf", ind.iri, s.evidence(confidence=0.6))


# "X是一家…", "X作为一家…": what X is follows (a cue of making, or an industry before a company noun)
_IS_A_RE = re.compile(r"\s*(?:也|已)?(?:是|为|系|作为)(?:一家|一个|一间)?")
_COMPANY_NOUN_RE = re.compile(r"(?:龙头|骨干|领军|重点|头部|配套)?(?:企业|公司|厂商|制造商|生产商|供应商|厂家)")


def products(p: DocumentPass, s: ChineseSentence) -> None:
    """"X主营Y", "X专注于Y", "X生产Y", "X是一家专注于Y的…", "X是国内领先的Y企业": what an enterprise makes (the first
    industry after the cue, or the industry before the company noun of what it is); "X位于Z，主要从事Y":
    a clause with no subject of its own, of the enterprise the sentence opens with (`topic_enterprise`)."""
    industries = s.free_of_type("Industry")

    def give(ent: Item, at: int, confidence: float) -> None:
        ind = next((i for i in industries if at <= i.a <= at + 12 and i.a < s.clause_end(at)), None)
        if ind:
            p.relations.add(ent.iri, "inIndustry", ind.iri, s.evidence(confidence=confidence))

    for ent in s.of_type("Enterprise"):
        cue = s.cue_at(ent.b, s.lex.produce_cues)
        if cue:
            give(ent, ent.b + len(cue), 0.85)
        elif is_a := _IS_A_RE.match(s.text, ent.b):  # "X是一家专注于Y的企业"
            cue = s.cue_at(is_a.end(), s.lex.produce_cues)
            if cue:
                give(ent, is_a.end() + len(cue), 0.85)
            else:  # "X是国内领先的新能源汽车零部件企业": the industry before the company noun
                end = s.clause_end(is_a.end())
                kind = next((i for i in industries if is_a.end() <= i.a and i.b < end
                             and _COMPANY_NOUN_RE.match(s.text, i.b)), None)
                if kind:
                    p.relations.add(ent.iri, "inIndustry", kind.iri, s.evidence(confidence=0.8))
    for k, after in s.cues(s.lex.produce_cues):
        if s.text.startswith("业", after):
            continue  # 制造业, 生产业: an industry's name, not a cue
        topic = s.topic_enterprise(k)
        if topic is not None:
            give(topic, after, 0.8)


def project_industries(p: DocumentPass, s: ChineseSentence) -> None:
    """"B汽车零部件生产项目": the industries between an enterprise and its project word are what it makes."""
    enterprises = s.of_type("Enterprise")
    industries = s.free_of_type("Industry")
    for k, ent in enumerate(enterprises):
        limit = min(enterprises[k + 1].a if k + 1 < len(enterprises) else len(s.text), s.clause_end(ent.b))
        listed = [i for i in industries if ent.b <= i.a and i.b <= limit]
        if not listed or listed[0].a - ent.b > 16:
            continue
        last = listed[0]
        for ind in listed[1:]:
            if LIST_GAP_RE.fullmatch(s.text, last.b, ind.a) or ind.a == last.b:
                last = ind
        tail = s.text[last.b:limit]
        project = re.match(r"[^,，;；。、]{0,12}?" + _PROJECT_RE.pattern, tail)
        if project:
            for ind in _list_of(s, listed[0], listed):
                p.relations.add(ent.iri, "inIndustry", ind.iri, s.evidence(confidence=0.75))
    for ent in enterprises:
        _project_by(p, s, ent, industries)
    if len(enterprises) == 1:
        _project_clause(p, s, enterprises[0], industries)


# "年产5万吨铜箔项目由X投资建设": the project named before 由 is X's
_BY_RE = re.compile(r"由\s*$")
_BUILDS_AFTER_RE = re.compile(r"\s*(?:投资|出资|负责|牵头)?(?:建设|兴建|投建|实施|承建)?")  # empty: no verb


def _project_by(p: DocumentPass, s: ChineseSentence, ent: Item, industries: list[Item]) -> None:
    """"<industry>项目由X投资建设": what the project X builds makes, named before it in X's clause."""
    start = s.clause_start(ent.a)
    by = _BY_RE.search(s.text, start, ent.a)
    builds = _BUILDS_AFTER_RE.match(s.text, ent.b)
    if by is None or builds is None or not builds.group():
        return
    for ind in industries:
        if start <= ind.a and ind.b <= by.start() and re.fullmatch(
                r"[^,，;；。、]{0,12}?" + _PROJECT_RE.pattern + r"\s*", s.text[ind.b:by.start()]):
            p.relations.add(ent.iri, "inIndustry", ind.iri, s.evidence(confidence=0.75))


# A clause about the project a sentence's company signs or invests in: "（项目）主要建设年产10GWh储能电池生产线",
# "项目将生产…"; what it builds is named before a project word.
_PROJECT_CLAUSE_RE = re.compile(r"(?:该)?(?:项目)?(?:主要|将|拟|计划)?(?:用于)?(?:投资)?(?:建设|新建|扩建|生产|打造)")


def _project_clause(p: DocumentPass, s: ChineseSentence, ent: Item, industries: list[Item]) -> None:
    """"A区与X签约，项目总投资20亿元，主要建设年产10GWh储能电池生产线": a later clause of the sentence of the one
    company it names says what the company's project builds."""
    at = s.clause_end(ent.b)
    while at < len(s.text):
        start = at + 1
        end = s.clause_end(start)
        cue = _PROJECT_CLAUSE_RE.match(s.text, start)
        if cue:
            ind = next((i for i in industries if cue.end() <= i.a and i.b <= end), None)
            # what it makes ("主要生产锂电铜箔"), or what it builds, named before a project word
            if ind is not None and (cue.group().endswith("生产")
                                    or re.match(r"[^,，;；。、]{0,4}?" + _PROJECT_RE.pattern, s.text[ind.b:end])):
                p.relations.add(ent.iri, "inIndustry", ind.iri, s.evidence(confidence=0.7))
                return
        at = end
