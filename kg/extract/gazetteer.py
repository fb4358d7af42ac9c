"""Choosing the gazetteer entry a region name stands for, the same way in every language."""

from __future__ import annotations

from collections.abc import Iterable

from kg.reference import Reference


def pick_region(reference: Reference, context_regions: set[str], iris: Iterable[str]) -> str | None:
    """One gazetteer entry for a name that several share: a town only where the document names its county; of
    the rest, the highest level, if exactly one entry has it (else none: an ambiguous name links nowhere)."""
    candidates = [iri for iri in iris
                  if reference.regions[iri].type != "Town" or reference.regions[iri].parent in context_regions]
    if not candidates:
        return None
    top = min(reference.regions[c].rank for c in candidates)
    best = sorted({c for c in candidates if reference.regions[c].rank == top})
    return best[0] if len(best) == 1 else None
