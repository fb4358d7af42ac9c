"""Investment amounts as a sentence states them: the figure in yuan, and the words as written ("RMB 1.1
billion", "578.5 million yuan", "over 10 billion"). A sum in another currency ("$714.29 million") is not a sum in
yuan; a sum without a currency counts where its scale word says it is money ("over 10 billion") and an
investment word is near it. Of several sums, the one nearest an investment word ("total investment 1.1 billion
yuan and 0.194 billion yuan of planned investment this year": the first)."""

from __future__ import annotations

import re
from functools import lru_cache

from kg.reference import Lexicon

# How far from an investment word a sum may be, in characters.
NEAR = 60
# the patterns of each lexicon loaded (a build loads one)
_PATTERNS: dict[int, tuple[re.Pattern, re.Pattern]] = {}


@lru_cache(maxsize=4)
def _money_re(units: tuple[str, ...], qualifiers: tuple[str, ...], currencies: tuple[str, ...]) -> re.Pattern:
    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    return re.compile(
        rf"(?:(?P<qual>{alternation(qualifiers)})\s+)?(?P<pre>{alternation(currencies)})?\s*"
        rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<unit>{alternation(units)})?\b"
        rf"(?:\s*(?P<post>{alternation(currencies)}))?",
        re.IGNORECASE,
    )


@lru_cache(maxsize=4)
def _invest_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)


def parse_amount(text: str, lexicon: Lexicon) -> tuple[float, str] | None:
    """The sum of money in yuan an investment stretch of a sentence states, and its words as written."""
    patterns = _PATTERNS.get(id(lexicon))
    if patterns is None:
        patterns = _PATTERNS[id(lexicon)] = (
            _money_re(tuple(lexicon.amount_units), tuple(lexicon.amount_qualifiers), tuple(lexicon.currency_words)),
            _invest_re(tuple(lexicon.amount_cues)))
    money, invest = patterns
    cues = [m.start() for m in invest.finditer(text)]
    if not cues:
        return None
    best: tuple[int, float, str] | None = None
    for m in money.finditer(text):
        if not (m.group("pre") or m.group("post") or m.group("unit")):
            continue  # a bare number: a count, a year
        before = text[max(0, m.start() - 4):m.start()].lower()
        after = text[m.end():m.end() + 12].lower()
        if any(mark in before or after.lstrip().startswith(mark) for mark in lexicon.foreign_currency_marks):
            continue
        if not (m.group("pre") or m.group("post")) and re.match(r"\s*(?:%|percent|square|mu\b|tons?|sets?|kw)", after):
            continue
        distance = min(abs(m.start() - c) for c in cues)
        if distance > NEAR:
            continue
        number = float(m.group("num").replace(",", ""))
        unit = (m.group("unit") or "").lower()
        value = number * lexicon.amount_units.get(unit, 1.0)
        if best is None or distance < best[0]:
            best = (distance, value, m.group().strip())
    return (best[1], best[2]) if best else None
