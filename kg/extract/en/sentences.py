"""English sentences: cut a document into sentences, keeping character offsets into the original text.

Machine-translated reports run sentences together ("...large-scale development The integrated
development..."), so besides punctuation a capitalised sentence opener after a lower-case word also starts
a new sentence.

A sentence longer than MAX_SENTENCE_CHARS (a scraped page on one line, a table flattened into text) is cut
into chunks of at most that length, at a clause mark or a space where there is one: no later stage sees an
unbounded sentence, and the time to split a document grows linearly with its length.
"""

from __future__ import annotations

import re

from kg.model import Document, Sentence

# Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset(
    "co ltd no nos inc corp st mr mrs ms dr vs etc e.g i.e jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
SENTENCE_END_RE = re.compile(r"(?<=[.!?。！？])[\"”’)]?\s+(?=[\"“‘(\[]?[A-Z0-9\u4e00-\u9fff])")
RUN_ON_RE = re.compile(r"(?<=[a-z,)]) (?=(?:The|This|These|Those|We|It|In \d{4})\b)")


# The longest sentence of the seeds has 1,574 characters.
MAX_SENTENCE_CHARS = 2000
# Only the end of the text before a full stop can hold an abbreviation: look that far back, no further.
_ABBREVIATION_WINDOW = 64
_CHUNK_BREAK_RE = re.compile(r"[;；,，、:：]\s*|\s+")


# A company's legal form, abbreviated, ends its name and may end its sentence: "... signed with Kaida Co., Ltd. The
# project ..." is two sentences, where "Co. Ltd.", "Ltd. (Kaida)" and 'Ltd. "Green Energy +" Project' go on.
LEGAL_FORM_ABBREVIATIONS = frozenset({"co", "ltd", "inc", "corp", "plc", "llc", "bhd", "pte"})
_NAME_GOES_ON_RE = re.compile(r"[\"”’)]?\s+(?:[(\[\"“‘]|(?:Ltd|Limited|Inc|Incorporated|Corp|Corporation|LLC|Plc)\b)")


def _ends_with_abbreviation(chunk: str, after: str = "") -> bool:
    """Does the text before a full stop end with an abbreviation that does not end the sentence? A legal form
    does where a capitalised word that does not go on with the name follows (`after`: the text after the stop)."""
    match = re.search(r"(\w+(?:\.\w+)*)\.\s*$", chunk)
    if match is None or match.group(1).lower() not in ABBREVIATIONS:
        return False
    return match.group(1).lower() not in LEGAL_FORM_ABBREVIATIONS or bool(_NAME_GOES_ON_RE.match(after))


LIST_MARKER_RE = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4}|[a-z])[.)]\s*$")
_LIST_MARKER_MAX = 12


def _split_points(paragraph: str) -> list[int]:
    points: list[int] = []
    for m in SENTENCE_END_RE.finditer(paragraph):
        before = paragraph[max(0, m.start() - _ABBREVIATION_WINDOW): m.start()]
        if _ends_with_abbreviation(before.rstrip("\"”’) "), paragraph[m.start():m.start() + 24]):
            continue
        previous = points[-1] if points else 0
        if m.start() + 1 - previous <= _LIST_MARKER_MAX and LIST_MARKER_RE.match(paragraph[previous: m.start() + 1]):
            continue  # "4. Automotive industry cluster." keeps its number
        points.append(m.end())
    points.extend(m.end() for m in RUN_ON_RE.finditer(paragraph))
    return sorted(set(points))


def _bounded(body: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """[lo, hi) cut into pieces of at most MAX_SENTENCE_CHARS, each ending after the last clause mark or
    space that fits (anywhere in its second half), or at the limit when there is none."""
    pieces = []
    while hi - lo > MAX_SENTENCE_CHARS:
        limit = lo + MAX_SENTENCE_CHARS
        cut = limit
        for m in _CHUNK_BREAK_RE.finditer(body, lo + MAX_SENTENCE_CHARS // 2, limit):
            cut = m.end()
        pieces.append((lo, cut))
        lo = cut
    pieces.append((lo, hi))
    return pieces


def split_sentences(doc: Document) -> list[Sentence]:
    """Sentences of a document in order; offsets refer to `doc.text`."""
    sentences: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", doc.text):
        base = para.start()
        body = para.group()
        bounds = [0, *_split_points(body), len(body)]
        pieces = [piece for lo, hi in zip(bounds, bounds[1:]) for piece in _bounded(body, lo, hi)]
        for lo, hi in pieces:
            chunk = body[lo:hi]
            stripped = chunk.strip()
            if not stripped:
                continue
            start = base + lo + (len(chunk) - len(chunk.lstrip()))
            end = start + len(stripped)
            sentences.append(Sentence(doc.name, len(sentences), start, end, doc.text[start:end]))
    return sentences
