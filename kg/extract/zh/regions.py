"""Regions: the gazetteer's Chinese names, longest match. A name written without its administrative suffix (四会,
大沙) counts only where it is a word of its own — not 大湾 in 大湾区, not 新兴 in 新兴产业, not 中山 in 中山大学 —
and a town only where the document names its county."""

from __future__ import annotations

from kg.extract.gazetteer import pick_region
from kg.extract.zh.context import ChineseDocument
from kg.extract.zh.matchers import FULL
from kg.model import Mention

# Characters around a short name that the segmenter looks at to see whether the name is a word of its own.
_WINDOW = 4


def find_regions(doc: ChineseDocument, idx: int) -> list[tuple[int, int, Mention]]:
    text = doc.texts[idx]
    out = []
    for a, b, _, hits in doc.region_hits[idx]:
        iri = pick_region(doc.reference, doc.context_regions, (iri for iri, _ in hits))
        if iri is None:
            continue
        if all(form != FULL for _, form in hits) and not _own_word(doc, idx, text, a, b):
            continue
        if iri:
            out.append((a, b, doc.mention("region", idx, a, b, ref=iri, cue="gazetteer")))
    return out


def _own_word(doc: ChineseDocument, idx: int, text: str, a: int, b: int) -> bool:
    """Is text[a:b] a word of its own: not followed by a word that makes it part of another name (区, 山, 大学),
    and not cut across by the segmenter."""
    if text.startswith(doc.lex.not_after_short_region, b):
        return False
    lo = max(0, a - _WINDOW)
    cuts = doc.m.segmenter.boundaries(text[lo:b + _WINDOW])
    return (a - lo) in cuts and (b - lo) in cuts
