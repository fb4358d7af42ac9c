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
DIGIT_RE = re.compile(r"\d")
NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?")
# How far before its number a qualifier and a currency may start ("more than RMB ").
PREFIX_REACH = 20
# the patterns of each lexicon loaded (a build loads one)
_PATTERNS: dict[int, tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]] = {}


@lru_cache(maxsize=4)
def _money_res(units: tuple[str, ...], qualifiers: tuple[str, ...], currencies: tuple[str, ...]
               ) -> tuple[re.Pattern, re.Pattern]:
    """What may stand before a number in a sum ("over RMB "), and after it ("billion yuan")."""
    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    before = re.compile(rf"(?:\b(?P<qual>{alternation(qualifiers)})\s+)?(?P<pre>{alternation(currencies)})?\s*$",
                        re.IGNORECASE)
    # "4.5 billion yuan", and as a compound adjective "a 4.5-billion-yuan investment"
    after = re.compile(rf"[\s-]*(?P<unit>{alternation(units)})?\b(?:[\s-]*(?P<post>{alternation(currencies)}))?",
                       re.IGNORECASE)
    return before, after


@lru_cache(maxsize=4)
def _invest_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)


def parse_amount(text: str, lexicon: Lexicon) -> tuple[float, str] | None:
    """The sum of money in yuan an investment stretch of a sentence states, and its words as written."""
    if not DIGIT_RE.search(text):
        return None
    patterns = _PATTERNS.get(id(lexicon))
    if patterns is None:
        patterns = _PATTERNS[id(lexicon)] = (
            *_money_res(tuple(lexicon.amount_units), tuple(lexicon.amount_qualifiers), tuple(lexicon.currency_words)),
            _invest_re(tuple(lexicon.amount_cues)),
            re.compile(r"\s*(?:" + "|".join(re.escape(w) for w in lexicon.non_money_units) + r")(?!\w)", re.IGNORECASE))
    prefix_re, suffix_re, invest, non_money = patterns
    cues = [m.start() for m in invest.finditer(text)]
    if not cues:
        return None
    best: tuple[int, float, str] | None = None
    for num in NUMBER_RE.finditer(text):
        lo = max(0, num.start() - PREFIX_REACH)
        prefix = prefix_re.search(text, lo, num.start())
        suffix = suffix_re.match(text, num.end())
        pre = prefix.group("pre") if prefix else None
        post, unit = (suffix.group("post"), suffix.group("unit")) if suffix else (None, None)
        if not (pre or post or unit):
            continue  # a bare number: a count, a year
        start = prefix.start() if prefix and (prefix.group("qual") or pre) else num.start()
        end = suffix.end() if suffix else num.end()
        before = text[max(0, start - 4):start].lower()
        after = text[end:end + 12].lower()
        if any(mark in before or after.lstrip().startswith(mark) for mark in lexicon.foreign_currency_marks):
            continue
        if not (pre or post) and non_money.match(after):
            continue  # "1 million square meters", "20 GW"
        distance = min(abs(start - c) for c in cues)
        if distance > NEAR:
            continue
        value = float(num.group().replace(",", "")) * lexicon.amount_units.get((unit or "").lower(), 1.0)
        if best is None or distance < best[0]:
            best = (distance, value, text[start:end].strip())
    return (best[1], best[2]) if best else None
