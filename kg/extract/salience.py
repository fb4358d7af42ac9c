"""Which industry mentions a document marks as industries."""

from __future__ import annotations

from kg.extract.spans import by_sentence, inside_any
from kg.model import Mention


def keep_salient_industries(mentions: list[Mention], also: set[Mention] | frozenset[Mention] = frozenset()
                            ) -> list[Mention]:
    """Drop industry words that nothing marks as industries. An industry word inside a park name counts
    ("Marine Biology Industrial Park"), as does one in a cluster's scope (`also`); elsewhere an industry must
    be marked as one by its context somewhere in the document."""
    parks = by_sentence(m for m in mentions if m.kind == "park")
    salient = {m.ref for m in mentions if m.kind == "industry" and (m.get("salient") or m in also)}

    def keep(m: Mention) -> bool:
        return m.kind != "industry" or m.ref in salient or inside_any(m, parks)

    return [m for m in mentions if keep(m)]
