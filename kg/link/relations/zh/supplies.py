"""supplies from Chinese sentences: "A(的)一级供应商B" (B supplies A), "B为A提供配套/供货", "B是(作为)A的供应商"."""

from __future__ import annotations

import re

from kg.link.relations.context import DocumentPass
from kg.link.relations.zh.sentence import ChineseSentence

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
        else:
            continue
        p.relations.add(supplier.iri, "supplies", customer.iri, s.evidence(confidence=0.85))
        p.customers.add(customer.iri)
