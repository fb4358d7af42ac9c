"""Mentions as spans of a sentence: grouping, containment and overlap, for any language."""

from __future__ import annotations

from collections import defaultdict

from kg.model import Mention


def by_sentence(mentions) -> dict[int, list[Mention]]:
    """Mentions grouped by sentence, so containment checks stay within a sentence."""
    groups: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[m.sentence].append(m)
    return groups


def inside_any(m: Mention, groups: dict[int, list[Mention]]) -> bool:
    """Is the mention part of one of the (other) mentions of its sentence?"""
    return any(o is not m and o.start <= m.start and m.end <= o.end for o in groups.get(m.sentence, ()))


def drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (ties: the earliest)."""
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
