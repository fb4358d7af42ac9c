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
    # a region the title names is what the report is about, though a county of it with a town of its own make
    # up a good share of a short report ("云浮市…政府工作报告" naming 郁南县 and 都城镇 once each); a title may be
    # two sentences ("全省首批！江门5家企业入选"), and the most precise region it names is the one
    titled = {m.ref for m in mentions if m.kind == "region" and m.sentence < 2 and not inside_any(m, names)}
    in_title = [c for c in covering if c[2] in titled]
    return max(in_title or covering)[2] if covering else None
