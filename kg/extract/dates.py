"""The date a document states: the date of a news page or report, from its header (a dateline, a labelled
"Updated: 2022-12-23" or "发布日期：2021/11/25"), else the year (and month) its title names. Written the same way in any
language the corpus has: ISO and slashed dates, English month names, Chinese 年月日.

A date in the body ("In March 2023, when ...") is about an event, not the document, and a year after "by" or
"到" is a target: neither is taken.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.reference import Lexicon

# How far into a document its header runs: a page's title, dateline and source line come first.
HEADER_CHARS = 600
MIN_YEAR, MAX_YEAR = 1949, 2100
YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# How far from its year the rest of a date may reach, in characters ("Wednesday, September 30, 2024").
DATE_REACH = 24
# How far before a date its label may start ("Release Time:\n").
LABEL_REACH = 24
# the patterns of each lexicon loaded (a build loads one)
_PATTERNS: dict[int, dict[str, re.Pattern]] = {}


@lru_cache(maxsize=4)
def _patterns(months: tuple[str, ...], labels: tuple[str, ...], targets: tuple[str, ...]) -> dict[str, re.Pattern]:
    month = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    full = "|".join([
        r"(?<!\d)(?P<y>(?:19|20)\d\d)\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)",
        r"(?<!\d)(?P<y2>(?:19|20)\d\d)\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?",
        rf"\b(?P<mn>{month})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>(?:19|20)\d\d)\b",
        rf"\b(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mn4>{month})\.?,?\s+(?P<y4>(?:19|20)\d\d)\b",
    ])
    label = "|".join(sorted((re.escape(x) for x in labels), key=len, reverse=True))
    words = "|".join(sorted((re.escape(x) for x in targets if x.isascii()), key=len, reverse=True))
    signs = "|".join(sorted((re.escape(x) for x in targets if not x.isascii()), key=len, reverse=True))
    return {
        "full": re.compile(full, re.IGNORECASE),
        "labelled": re.compile(rf"(?:^|[\s\[(【|])(?:{label})\s*[:：]?\s*$", re.IGNORECASE),
        "year": re.compile(rf"(?:\b(?P<mn>{month})\.?,?\s+)?(?<![\d-])(?P<y>(?:19|20)\d\d)(?![\d-])"
                           r"(?:\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d))?", re.IGNORECASE),
        "target": re.compile(rf"(?:\b(?:{words})(?:\s+the\s+end\s+of)?|(?:{signs}))$", re.IGNORECASE),
    }


def document_date(text: str, lexicon: Lexicon) -> str | None:
    """The ISO 8601 date ("2024-03-15", or "2024-03" or "2024" from a title) a document states for itself, or
    None."""
    p = _PATTERNS.get(id(lexicon))
    if p is None:
        p = _PATTERNS[id(lexicon)] = _patterns(tuple(lexicon.month_names), tuple(lexicon.date_labels),
                                                tuple(lexicon.target_year_words))
    header = text[:HEADER_CHARS]
    # every date holds a year: read the dates around each year only (a long pattern over the whole header is slow)
    found: dict[int, str] = {}
    for year in YEAR_RE.finditer(header):
        lo = max(0, year.start() - DATE_REACH)
        for m in p["full"].finditer(header[lo:year.end() + DATE_REACH]):
            iso = _iso(m, lexicon.month_names)
            if iso:
                found.setdefault(lo + m.start(), iso)
    dates = sorted(found.items())
    labelled = [iso for at, iso in dates if p["labelled"].search(header[max(0, at - LABEL_REACH):at])]
    if labelled:
        return labelled[0]
    if dates:
        return dates[0][1]
    return _title_year(text, p, lexicon.month_names)


def _iso(m: re.Match, months: dict[str, int]) -> str | None:
    g = {k: v for k, v in m.groupdict().items() if v}
    year = int(g.get("y") or g.get("y2") or g.get("y3") or g.get("y4") or 0)
    name = (g.get("mn") or g.get("mn4") or "").lower()
    month = months.get(name) if name else int(g.get("m") or g.get("m2") or 0)
    day = int(g.get("d") or g.get("d2") or g.get("d3") or g.get("d4") or 0)
    if not (MIN_YEAR <= year <= MAX_YEAR and month and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _title_year(text: str, p: dict[str, re.Pattern], months: dict[str, int]) -> str | None:
    """The year (with its month, where the title names one) the title (the first line with words) names,
    unless it is a target ("by 2035") or one end of a period ("2021-2025")."""
    first = re.search(r"\S[^\n]*", text)
    title = first.group() if first else ""
    if not YEAR_RE.search(title):
        return None
    for m in p["year"].finditer(title):
        if p["target"].search(title[: m.start()].rstrip()) or not MIN_YEAR <= int(m.group("y")) <= MAX_YEAR:
            continue
        month = months.get((m.group("mn") or "").lower()) or int(m.group("m") or 0)
        return f"{m.group('y')}-{month:02d}" if 1 <= month <= 12 else m.group("y")
    return None
