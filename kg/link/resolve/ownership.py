"""Which enterprise mentions a sentence names as parent and subsidiary ("X Materials Co., Ltd., a subsidiary of X
Group", "Y全资子公司X"): two companies, though they share a brand. Resolution never joins them (a short name of
one is not read as the other), so the subsidiary keeps its node and `subsidiaryOf` links the two."""

from __future__ import annotations

import re

from kg.extract.script import is_chinese
from kg.model import Mention, Sentence

_KIND = r"(?:(?:wholly|fully|majority)[- ]owned\s+|holding\s+|controlled\s+|controlling\s+)?"
# what stands between "<Subsidiary>" and "<Parent>": ", a wholly-owned subsidiary of", "(owned by", ", under"
CHILD_THEN_PARENT = re.compile(
    r"^\.?\s*[,(（]?\s*(?:which\s+|that\s+)?(?:is\s+|was\s+|as\s+|being\s+)?(?:now\s+)?"
    r"(?:(?:a|an|the|one)\s+)?" + _KIND + r"(?:subsidiary|affiliate)(?:\s+company|\s+enterprise)?\s+"
    r"(?:of|under|to)\s+(?:the\s+)?$"
    r"|^\.?\s*[,(（]?\s*(?:which\s+|that\s+)?(?:is\s+|was\s+)?(?:wholly\s+|fully\s+)?owned\s+by\s+(?:the\s+)?$"
    r"|^\.?\s*[,(（]?\s*(?:which\s+|that\s+)?belongs?\s+to\s+(?:the\s+)?$",
    re.IGNORECASE)
# between "<Parent>" and "<Subsidiary>": "'s wholly-owned subsidiary", "and its subsidiary"
PARENT_THEN_CHILD = re.compile(
    r"^(?:['’]s|\s*(?:,|and)\s+its)\s+" + _KIND + r"subsidiar(?:y|ies)(?:\s+company)?\s*[,:]?\s*$",
    re.IGNORECASE)

# Chinese: "X是Y的全资子公司", "X系Y旗下企业" (X first); "Y全资子公司X", "Y旗下的X" (Y first)
_ZH_KIND = r"(?:全资|控股|参股|独资)?"
_CHILD = rf"{_ZH_KIND}(?:子公司|附属公司|下属企业|下属公司|旗下企业|旗下公司)"
# between "<Subsidiary>" and "<Parent>", and after the parent: "X是Y的全资子公司", "X系Y旗下企业"
_IS_RE = re.compile(r"\s*(?:也|已)?(?:是|为|系|作为|属于)\s*")
_CHILD_AFTER_RE = re.compile(rf"\s*(?:的|旗下的?|下属的?)?\s*{_CHILD}")
# between "<Parent>" and "<Subsidiary>": "Y全资子公司X", "Y旗下的X", "Y的子公司X"
_PARENT_THEN_CHILD_RE = re.compile(rf"\s*(?:的)?\s*(?:旗下(?:的)?|下属(?:的)?|{_CHILD}(?:的)?)\s*")


def child_then_parent(text: str, a_end: int, b_start: int, b_end: int) -> bool:
    """"X是Y的全资子公司": the first name (ending at `a_end`) is the subsidiary of the second."""
    return _IS_RE.fullmatch(text, a_end, b_start) is not None and _CHILD_AFTER_RE.match(text, b_end) is not None


def parent_then_child(text: str, a_end: int, b_start: int) -> bool:
    """"Y全资子公司X", "Y旗下的X": the second name is the subsidiary of the first."""
    return _PARENT_THEN_CHILD_RE.fullmatch(text, a_end, b_start) is not None


def ownership_pairs(doc_sentences: dict[str, list[Sentence]], doc_mentions: dict[str, list[Mention]]
                    ) -> set[tuple[Mention, Mention]]:
    """(subsidiary, parent) mentions, each pair named next to each other in one sentence."""
    pairs: set[tuple[Mention, Mention]] = set()
    for doc, mentions in doc_mentions.items():
        sentences = doc_sentences.get(doc, [])
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            if m.kind == "enterprise":
                by_sentence.setdefault(m.sentence, []).append(m)
        for index, found in by_sentence.items():
            if len(found) < 2 or index >= len(sentences):
                continue
            s = sentences[index]
            found.sort(key=lambda m: m.start)
            for a, b in zip(found, found[1:]):
                pair = _owned(s, a, b)
                if pair:
                    pairs.add(pair)
    return pairs


def _owned(s: Sentence, a: Mention, b: Mention) -> tuple[Mention, Mention] | None:
    """(subsidiary, parent) where the words between two names (and after the second) say one owns the other."""
    text, base = s.text, s.start
    if b.start < a.end:
        return None
    if is_chinese(text):
        if child_then_parent(text, a.end - base, b.start - base, b.end - base):
            return a, b
        if parent_then_child(text, a.end - base, b.start - base):
            return b, a
        return None
    gap = text[a.end - base:b.start - base]
    if CHILD_THEN_PARENT.match(gap):
        return a, b
    if PARENT_THEN_CHILD.match(gap):
        return b, a
    return None
