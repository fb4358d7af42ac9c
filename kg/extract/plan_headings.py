"""The numbered headings of a plan document, read the same way in every language: a document is a plan of
clusters when at least `MIN_HEADINGS` of its lines are headings of that language's kind."""

from __future__ import annotations

import re

MIN_HEADINGS = 3


def plan_headings(doc_text: str, heading_re: re.Pattern) -> list[tuple[int, str, re.Match | None]] | None:
    """Each line of the document as (offset, text, its heading match or None); None for a document with
    fewer than `MIN_HEADINGS` headings (no plan)."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", doc_text)]
    headings = [(start, line, heading_re.match(line)) for start, line in lines]
    if sum(1 for *_, h in headings if h) < MIN_HEADINGS:
        return None
    return headings
