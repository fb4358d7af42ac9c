"""Investment amounts as a sentence states them: the figure in yuan, and the words as written."""

from __future__ import annotations

import re

AMOUNT_RE = re.compile(
    r"\binvest(?:s|ed|ing|ment)?(?: of)?(?: a total of| about| approximately| nearly| more than| over| exceeding)?"
    r"\s+(?:RMB\s*)?(?P<num>\d+(?:[.,]\d+)*)"
    r"\s*(?P<unit>trillion|billion|hundred million|million|ten thousand|thousand)?"
    r"\s*(?:yuan|RMB)",
    re.IGNORECASE,
)


def parse_amount(sentence: str, units: dict[str, float]) -> tuple[float, str] | None:
    m = AMOUNT_RE.search(sentence)
    if not m:
        return None
    number = float(m.group("num").replace(",", ""))
    unit = (m.group("unit") or "").lower()
    return number * units.get(unit, 1.0), m.group().strip()
