"""subsidiaryOf from Chinese sentences: "X是Y的全资子公司", "X为Y旗下企业" (X first), "Y全资子公司X", "Y旗下的X"
(Y first). The subsidiary keeps its own node, as in English (`kg.link.relations.subsidiaries`)."""

from __future__ import annotations

from kg.link.relations.context import DocumentPass
from kg.link.relations.zh.sentence import ChineseSentence
from kg.link.resolve.ownership import child_then_parent, parent_then_child


def subsidiaries(p: DocumentPass, s: ChineseSentence) -> None:
    enterprises = s.of_type("Enterprise")
    for a, b in zip(enterprises, enterprises[1:]):
        if a.iri == b.iri:
            continue
        if child_then_parent(s.text, a.b, b.a, b.b):
            child, parent = a, b
        elif parent_then_child(s.text, a.b, b.a):
            child, parent = b, a
        else:
            continue
        p.relations.add(child.iri, "subsidiaryOf", parent.iri, s.evidence(confidence=0.85))
        p.owners.add(parent.iri)
