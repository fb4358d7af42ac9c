"""investsIn from Chinese sentences: an enterprise with an investment or a project in its stretch of the sentence
("X投资的...项目", "总投资额4.5亿元的X...扩产项目", "推动X肇庆基地...建设"), in the place that stretch names, else
the park the document's title names, else the place the document is about (inferred); with the amount stated
next to it."""

from __future__ import annotations

import re

from kg.link.relations.context import PLACE_TYPES, DocumentPass
from kg.link.relations.zh.amounts import parse_amount
from kg.link.relations.zh.sentence import CLAUSE_RE, LIST_GLUE_RE, ChineseSentence

_NEW_SUBJECT_RE = re.compile(r"[,，。;；]\s*(?:这|那|该|此|其|上述)")


def investments(p: DocumentPass, s: ChineseSentence, focus: str | None) -> None:
    enterprises = s.of_type("Enterprise")
    for k, ent in enumerate(enterprises):
        # the enterprise's stretch: to the next enterprise named after the list it is in ("A、B等企业增资扩产"
        # is both's), or to the end of the sentence (a subject goes on over its clauses: "A于2021年落户X，总投资
        # 超20亿元建设..."), never across a semicolon
        last, shared = k, False
        while last + 1 < len(enterprises):
            if _listed(s.text, enterprises[last].b, enterprises[last + 1].a):
                last += 1
            elif _project_listed(s, enterprises[last].b, enterprises[last + 1].a):
                last, shared = last + 1, True  # "A…项目、B…项目在X动工": A's project is where B's is
            else:
                break
        nxt = enterprises[last + 1].a if last + 1 < len(enterprises) else len(s.text)
        end = min(nxt, _semicolon(s.text, enterprises[last].b), _new_subject(s.text, enterprises[last].b))
        stretch = s.text[enterprises[last].b:end]
        # the clause's words before the name, back to the previous name or clause: "总投资额超10亿元的X"
        lead_from = max(s.clause_start(ent.a), enterprises[k - 1].b if k else 0)
        lead = s.text[lead_from:ent.a]
        # an investment or construction cue in the enterprise's stretch, or an investment before its name
        if not (any(c in stretch for c in s.lex.invest_cues) or "投资" in lead):
            continue
        place = _place_of(s, enterprises[last].b, end)
        evidence = s.evidence(confidence=0.8)
        if place is None:
            # "项目选址容桂街道，由X投资建设": where the sentence locates the project
            place = _located_project(s)
            evidence = s.evidence(confidence=0.7)
        target = place.iri if place else None
        if target is None:
            target = p.title_park
            evidence = s.inferred(confidence=0.6)
        if target is None and focus and s.ctx.reference.regions[focus].type in ("County", "City", "Town"):
            target = focus
            evidence = s.inferred(confidence=0.5)
        if target and target != ent.iri:
            # the amount next to a later project of a list is that project's ("分别达18亿元和25亿元": not read)
            amount = parse_amount(lead + "|" + stretch, s.lex) if not shared and "分别" not in stretch else None
            p.relations.add(ent.iri, "investsIn", target, evidence, amount)


def _listed(text: str, end: int, start: int) -> bool:
    """Only list glue between two names."""
    return LIST_GLUE_RE.fullmatch(text, end, start) is not None


_GLUE_AT_END_RE = re.compile(r"\s*(?:以及|、|和|及|与)\s*$")


def _project_listed(s: ChineseSentence, end: int, start: int) -> bool:
    """Between two names, a project of the first closed by list glue: "A年产5万吨铝型材项目、B…"."""
    between = s.text[end:start]
    glued = _GLUE_AT_END_RE.search(between)
    if glued is None or CLAUSE_RE.search(between):
        return False
    return between[:glued.start()].endswith(tuple(s.lex.project_words))


def _located_project(s: ChineseSentence):
    """The place a sentence about one project locates it in ("项目选址在X", "项目位于X"), if it names one."""
    for k, after in s.cues(s.lex.located_cues):
        if s.text.endswith(("项目", "项目将", "项目拟"), 0, k):
            place = s.place_after(after, min(s.clause_end(after), after + 12))
            if place is not None:
                return place
    return None


def _new_subject(text: str, at: int) -> int:
    """Where a clause opens with a subject of its own ("，这些项目...", "，该公司..."): the stretch ends there."""
    m = _NEW_SUBJECT_RE.search(text, at)
    return m.start() if m else len(text)


def _semicolon(text: str, at: int) -> int:
    k = min((x for x in (text.find(";", at), text.find("；", at)) if x >= 0), default=-1)
    return k if k >= 0 else len(text)


def _place_of(s: ChineseSentence, start: int, end: int):
    """The place of a project in the enterprise's stretch: named right after the name ("X肇庆基地"), or after
    a location or investment cue (落户, 选址, 在, 于), or the place it signs with ("与X签约")."""
    for item in s.free_of_type(*PLACE_TYPES):
        if not start <= item.a < end:
            continue
        gap = s.text[start:item.a]
        if gap.strip() == "" or re.search(r"(?:落户|选址|位于|落地|在|于|到)\s*$", gap):
            return s.most_specific_place(item)
        if gap.rstrip().endswith("与") and _SIGNS_RE.match(s.text, item.b):
            return item  # "X与肇庆高新区签约，投资…": the place it signs with
    return None


_SIGNS_RE = re.compile(r"\s*(?:正式|成功|举行)?\s*(?:签约|签署|签订)")


