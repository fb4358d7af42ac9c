"""The region a document is about: the context relation rules read a report's sentences in."""

from __future__ import annotations

from collections import Counter

from kg.extract.spans import by_sentence, inside_any
from kg.model import Mention
from kg.reference import Reference


def focus_region(mentions: list[Mention], reference: Reference) -> str | None:
    """The region a document is about: the smallest county, city or province that holds a good share of the
    places it names (its towns count for it; the title counts double). A county's report is about the
    county; a provincial plan that names every city is about the province."""
    names = by_sentence(m for m in mentions if m.kind in ("park", "enterprise"))
    counts: Counter = Counter()
    for m in mentions:
        if m.kind == "region" and m.ref and not inside_any(m, names):
            counts[m.ref] += 2 if m.sentence < 3 else 1  # the title says what a report is about
    total = sum(counts.values())
    if total < 2:
        return None
    coverage: Counter = Counter()
    for iri, n in counts.items():
        for region in (iri, *reference.ancestors(iri)):
            coverage[region] += n
    covering = [(reference.regions[r].rank, c, r) for r, c in coverage.items()
                if c >= 0.35 * total and reference.regions[r].type != "Town"]
    return max(covering)[2] if covering else None
