"""supplies from Chinese sentences: "A(的)一级供应商B" (B supplies A), "B为A提供配套/供货", "B是(作为)A的供应商"
(also in a later clause of B's sentence: "B地处X，是A的供应商"),
and a list of customers after the supplier's own clause: "B是…供应商，主要为A1、A2等整车企业提供电池模组",
"B…，产品主要供应给A1、A2等整机企业"."""

from __future__ import annotations

import re

from kg.link.relations.context import DocumentPass
from kg.link.relations.zh.sentence import ChineseSentence, company_referred_to

_SUPPLIER_OF_RE = re.compile(r"\s*(?:的)?\s*(?:一级|二级|核心|主要|重要)?\s*(?:供应商|配套商|配套企业|供货商)\s*")
_SUPPLIES_TO_RE = re.compile(r"\s*(?:为|向|给)\s*")
_PROVIDES_RE = re.compile(r"\s*(?:提供|供应|配套)")
_IS_SUPPLIER_RE = re.compile(r"\s*(?:是|为|成为|作为)\s*")


def supplies(p: DocumentPass, s: ChineseSentence) -> None:
    enterprises = s.of_type("Enterprise")
    for a, b in zip(enterprises, enterprises[1:]):
        gap = s.text[a.b:b.a]
        if _SUPPLIER_OF_RE.fullmatch(gap):
            supplier, customer = b, a
        elif _SUPPLIES_TO_RE.fullmatch(gap) and _PROVIDES_RE.match(s.text, b.b):
            supplier, customer = a, b
        elif _IS_SUPPLIER_RE.fullmatch(gap) and _SUPPLIER_OF_RE.match(s.text, b.b):
            supplier, customer = a, b
        elif _SUPPLIER_OF_RE.match(s.text, b.b) and _IS_SUPPLIER_RE.fullmatch(s.text, s.clause_start(b.a), b.a) \
                and s.topic_enterprise(s.clause_start(b.a)) is a:
            supplier, customer = a, b  # "B地处X，是A的重要供应商": the clause's subject is the sentence's
        else:
            continue
        p.relations.add(supplier.iri, "supplies", customer.iri, s.evidence(confidence=0.85))
        p.customers.add(customer.iri)
    _customer_lists(p, s, enterprises)
    _referent_customers(p, s, enterprises)


# "(主要|长期…)为/向 A1、A2(等…)提供/供应/配套": a clause that opens with its cue has no subject of its own; it
# carries over the enterprise that opens an earlier clause of the sentence.
_TO_CUSTOMERS_RE = re.compile(r"(?:主要|长期|持续|专门|稳定|还|并|同时|已)*(?:为|向|给)\s*")
# ... or with the verb first: "(产品)主要供应给A、B等整机企业"
_SUPPLIED_TO_RE = re.compile(
    r"(?:其)?(?:产品)?(?:主要|长期|持续|稳定|还|并|同时|已)*(?:供应给|供货给|配套给|销售给)\s*")
_LIST_TAIL = 16  # characters from the last customer to 提供/供应/配套 ("等国内外知名整车企业")


def _customer_lists(p: DocumentPass, s: ChineseSentence, enterprises: list) -> None:
    for k in range(1, len(enterprises)):
        first, supplier = enterprises[k], enterprises[k - 1]
        start = s.clause_start(first.a)
        if start == 0 or s.text[start - 1] not in ",，":
            continue
        verb_first = bool(_SUPPLIED_TO_RE.fullmatch(s.text, start, first.a))
        if not verb_first and not _TO_CUSTOMERS_RE.fullmatch(s.text, start, first.a):
            continue
        own = s.clause_start(supplier.a)
        before = s.text[own:supplier.a].strip()
        if own == start or before and not before.endswith("的"):
            continue  # the supplier must open a clause before this one (after what describes it: "位于X的")
        for customer in _supplied(s, first, enterprises[k + 1:], verb_first):
            p.relations.add(supplier.iri, "supplies", customer.iri, s.evidence(confidence=0.75))
            p.customers.add(customer.iri)


def _supplied(s: ChineseSentence, first, others: list, verb_first: bool = False) -> list:
    """The customers listed from `first` on, where the supplying verb opens their clause (`verb_first`) or
    follows the list (提供/供应/配套, within _LIST_TAIL characters); else none."""
    customers = s.listed_from(first, others)
    provides = _PROVIDES_RE.search(s.text, customers[-1].b, s.clause_end(customers[-1].b))
    if not verb_first and (provides is None or provides.start() - customers[-1].b > _LIST_TAIL):
        return []
    return customers


def _referent_customers(p: DocumentPass, s: ChineseSentence, enterprises: list) -> None:
    """"公司为A1、A2等整车企业提供配套" ("该公司…", "这家企业…"): the customers of the company the sentences before
    were about (inferred: the sentence does not name it)."""
    if not enterprises:
        return
    first = enterprises[0]
    start = s.clause_start(first.a)
    referred = company_referred_to(p, s, start)
    if referred is None or not _TO_CUSTOMERS_RE.fullmatch(s.text, referred[1], first.a):
        return
    for customer in _supplied(s, first, enterprises[1:]):
        if customer.iri != referred[0]:
            p.relations.add(referred[0], "supplies", customer.iri, s.inferred(confidence=0.7))
            p.customers.add(customer.iri)
