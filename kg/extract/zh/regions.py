"""Regions: the gazetteer's Chinese names, longest match. A name written without its administrative suffix (四会,
大沙) counts only where it is a word of its own — not 大湾 in 大湾区, not 新兴 in 新兴产业, not 中山 in 中山大学 —
and a town only where the document names its county."""

from __future__ import annotations

from kg.extract.zh.context import ChineseDocument
from kg.extract.zh.matchers import FULL
from kg.model import Mention

# Characters around a short name that the segmenter looks at to see whether the name is a word of its own.
_WINDOW = 4


def find_regions(doc: ChineseDocument, idx: int) -> list[tuple[int, int, Mention]]:
    text = doc.texts[idx]
    out = []
    for a, b, _, hits in doc.region_hits[idx]:
        iri = _pick_region(doc, hits)
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


def _pick_region(doc: ChineseDocument, hits: tuple) -> str | None:
    """One gazetteer entry for a name: a town needs its county named in the document; of the rest, the
    highest level, if only one entry has it."""
    candidates = []
    for iri, _ in hits:
        region = doc.reference.regions[iri]
        if region.type == "Town" and region.parent not in doc.context_regions:
            continue
        candidates.append(iri)
    if not candidates:
        return None
    top = min(doc.reference.regions[c].rank for c in candidates)
    best = sorted({c for c in candidates if doc.reference.regions[c].rank == top})
    return best[0] if len(best) == 1 else None
