"""Chinese sentences: cut on 。！？； and at the end of a line that ends one, keeping offsets into the original text.

News pages and WeChat posts break lines inside sentences ("相继引进A、B\\n两大龙头企业，\\n以及 ..."): a line that
does not end with a sentence mark goes on into the next line, unless a blank line follows it or it is a photo's
credit ("张明 摄"). A sentence longer
than MAX_SENTENCE_CHARS (a table flattened into one line) is cut at a clause mark, so no later stage sees an
unbounded sentence.
"""

from __future__ import annotations

import re

from kg.model import Sentence

# Marks that end a sentence (full-width and, after width folding, half-width), with the closing quotes and
# brackets that may follow them.
SENTENCE_END_RE = re.compile(r"(?:[。！？；!?;]|…{2}|\.{6})[”’」』)）\"']*")
LINE_END_RE = re.compile(r"(?:[。！？；!?;]|…{2}|\.{6})[”’」』)）\"']*\s*$")
MAX_SENTENCE_CHARS = 2000
_CLAUSE_BREAK_RE = re.compile(r"[，、,：:\s]")


# A document's first line this short is its title: a sentence of its own, with or without a mark.
TITLE_CHARS = 60
# A photo's credit ("张明 摄", "（记者 张三 摄）", "通讯员供图"), a line of its own or after its caption's mark
# ("△鹤山工业城。张明 摄"), ends its line's sentence without a mark.
CREDIT_RE = re.compile(r"\s*[（(]?[^，。,\n]{1,16}?(?:[ \t/／]+(?:摄|摄影)|供图)\s*[)）]?\s*")
CREDIT_LINE_RE = re.compile(r"(?:^|(?<=[。！？!?]))" + CREDIT_RE.pattern + "$")


def is_credit(text: str) -> bool:
    """Is the text a photo's credit alone ("张明 摄")? Such a line says nothing of what the text is about."""
    return CREDIT_RE.fullmatch(text) is not None


def _blocks(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Runs of lines that belong together: a line ending without a sentence mark runs on into the next one,
    a blank line ends a run, and so does the document's title."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    title = lo == 0
    for m in re.finditer(r"[^\n]*\n?", text[lo:hi]):
        a, b = lo + m.start(), lo + m.end()
        if a == b:
            break
        line = text[a:b]
        if not line.strip():
            if start is not None:
                blocks.append((start, a))
                start = None
            continue
        if start is None:
            start = a
        if LINE_END_RE.search(line) or CREDIT_LINE_RE.search(line) or (title and len(line.strip()) <= TITLE_CHARS):
            blocks.append((start, b))
            start = None
        title = False
    if start is not None:
        blocks.append((start, hi))
    return blocks


def _bounded(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    pieces = []
    while hi - lo > MAX_SENTENCE_CHARS:
        cut = lo + MAX_SENTENCE_CHARS
        for m in _CLAUSE_BREAK_RE.finditer(text, lo + MAX_SENTENCE_CHARS // 2, lo + MAX_SENTENCE_CHARS):
            cut = m.end()
        pieces.append((lo, cut))
        lo = cut
    pieces.append((lo, hi))
    return pieces


def sentence_spans(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentences of text[lo:hi], stripped of surrounding white space."""
    hi = len(text) if hi is None else hi
    spans = []
    for a, b in _blocks(text, lo, hi):
        cuts = [a, *(m.end() for m in SENTENCE_END_RE.finditer(text, a, b)), b]
        for x, y in zip(cuts, cuts[1:]):
            for p, q in _bounded(text, x, y):
                chunk = text[p:q]
                stripped = chunk.strip()
                if stripped:
                    start = p + (len(chunk) - len(chunk.lstrip()))
                    spans.append((start, start + len(stripped)))
    return spans


def make_sentences(doc: str, text: str, spans: list[tuple[int, int]]) -> list[Sentence]:
    return [Sentence(doc, k, a, b, text[a:b]) for k, (a, b) in enumerate(spans)]
