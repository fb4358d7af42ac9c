"""What every Chinese finder of a document reads: its sentences normalised for matching, the automata's matches in
each, the reference data, and the regions the document names (which decide whether a bare town name is a town).
Finders work in normalised offsets of a sentence; `mention` turns them into the document's own offsets."""

from __future__ import annotations

import bisect
import re

from kg.extract.zh.matchers import SHORT, ChineseMatchers, longest
from kg.extract.zh.normalise import Normalised
from kg.model import Mention, Sentence
from kg.reference import Reference

# Characters that end a clause: a name never runs across them. Brackets are handled apart (a place in brackets
# belongs to a name: 恒达新材料(云浮)有限公司).
CLAUSE_MARKS = frozenset("。！？；!?;，,、：:“”\"‘’'《》「」『』【】[]<>〈〉—…·•△▲○●◆■□☆★→←↓↑|/\\\n\t ")
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_BRACKETED_RE = re.compile(r"\(([^()]{1,8})\)")


class ChineseDocument:
    """One document as the Chinese finders see it: `texts[i]` is sentence i normalised."""

    def __init__(self, sentences: list[Sentence], reference: Reference, matchers: ChineseMatchers) -> None:
        self.sentences = sentences
        self.reference = reference
        self.m = matchers
        self.lex = matchers.lexicon
        self.render = matchers.renderer
        self.norms: list[Normalised] = [matchers.normaliser.normalise(s.text) for s in sentences]
        self.texts = [n.text for n in self.norms]
        self.region_hits = [longest(matchers.regions, t) for t in self.texts]
        self._park_heads: dict[int, list[tuple[int, int, str, tuple]]] = {}
        self.context_regions = self._named_regions()
        self._chunks: dict[tuple[int, int], tuple[int, list[tuple[str, int, int]], list[int]]] = {}
        self._marks: dict[int, list[int]] = {}  # offsets of each sentence's clause marks

    def _named_regions(self) -> set[str]:
        """Counties, cities and the province the document names by their official or usual names (not by a
        short form made here), and the regions above them: a town counts only where its county is named."""
        named: set[str] = set()
        for hits in self.region_hits:
            for _, _, _, payloads in hits:
                for iri, form in payloads:
                    if form != SHORT and self.reference.regions[iri].type != "Town":
                        named.add(iri)
        for iri in list(named):
            named.update(self.reference.ancestors(iri))
        return named

    def mention(self, kind: str, idx: int, a: int, b: int, **kw) -> Mention:
        """The mention of kind `kind` spanning normalised offsets [a, b) of sentence `idx` (of the sentences
        read): its surface as normalised, its offsets and sentence index the document's."""
        sentence, norm = self.sentences[idx], self.norms[idx]
        return Mention(kind, self.texts[idx][a:b], sentence.start + norm.to_original(a),
                       sentence.start + norm.to_original(b), sentence.doc, sentence.index, **kw)

    def clause_start(self, idx: int, end: int, limit: int = 40) -> int:
        """Where the clause holding text[end - 1] starts (after the last clause mark), at most `limit` characters
        back; a bracketed place (肇庆) inside is stepped over."""
        text = self.texts[idx]
        k = end
        while k > 0 and end - k < limit:
            ch = text[k - 1]
            if ch == ")":
                opening = text.rfind("(", max(0, k - 8), k - 1)
                if opening >= 0 and self.is_place(text[opening + 1:k - 1]):
                    k = opening
                    continue
                break
            if ch in CLAUSE_MARKS or ch == "(":
                break
            k -= 1
        return k

    def words(self, idx: int, start: int, end: int) -> list[tuple[str, int, int]]:
        """The words of text[start:end] (offsets relative to `start`) as the dictionary's maximum matching
        cuts the stretch between clause marks around them — each stretch is cut once, however many names are
        looked for in it — with a bracketed place ("(肇庆)") kept as one word of a name."""
        text = self.texts[idx]
        if start >= end:
            return []
        marks = self._marks.get(idx)
        if marks is None:
            marks = self._marks[idx] = [k for k, ch in enumerate(text) if ch in CLAUSE_MARKS]
        k = bisect.bisect_left(marks, start)
        lo = marks[k - 1] + 1 if k else 0
        k = bisect.bisect_left(marks, end)
        hi = marks[k] if k < len(marks) else len(text)
        key = (idx, lo)
        chunk = self._chunks.get(key)
        if chunk is None or chunk[0] != hi:
            cut = self._cut(text[lo:hi], lo)
            chunk = self._chunks[key] = (hi, cut, [a for _, a, _ in cut])
        words, starts = chunk[1], chunk[2]
        out = []
        for i in range(max(0, bisect.bisect_right(starts, start) - 1), len(words)):
            word, a, b = words[i]
            if a >= end:
                break
            if b <= start:
                continue
            x, y = max(a, start), min(b, end)
            out.append((word if (x, y) == (a, b) else text[x:y], x - start, y - start))
        return out

    def _cut(self, text: str, base: int) -> list[tuple[str, int, int]]:
        cut = self.m.segmenter.longest_words
        out: list[tuple[str, int, int]] = []
        at = 0
        for m in _BRACKETED_RE.finditer(text):
            if self.is_place(m.group(1)):
                out.extend((w, base + at + a, base + at + b) for w, a, b in cut(text[at:m.start()]))
                out.append((m.group(), base + m.start(), base + m.end()))
                at = m.end()
        out.extend((w, base + at + a, base + at + b) for w, a, b in cut(text[at:]))
        return out

    def park_heads(self, idx: int) -> list[tuple[int, int, str, tuple]]:
        """The park heads of sentence `idx` (parks and enterprise names both need them)."""
        if idx not in self._park_heads:
            self._park_heads[idx] = longest(self.m.park_heads, self.texts[idx])
        return self._park_heads[idx]

    def is_place(self, text: str) -> bool:
        return text in self.m.region_names or text in self.lex.macro_regions or text in self.lex.provinces
