"""What every Chinese finder of a document reads: its sentences normalised for matching, the automata's matches in
each, the reference data, and the regions the document names (which decide whether a bare town name is a town).
Finders work in normalised offsets of a sentence; `mention` turns them into the document's own offsets."""

from __future__ import annotations

import re

from kg.extract.zh.matchers import SHORT, ChineseMatchers, longest
from kg.extract.zh.normalise import Normalised
from kg.model import Mention, Sentence
from kg.reference import Reference

# Characters that end a clause: a name never runs across them. Brackets are handled apart (a place in brackets
# belongs to a name: 福融新材料(肇庆)有限公司).
CLAUSE_MARKS = frozenset("。！？；!?;，,、：:“”\"‘’'《》「」『』【】[]<>〈〉—…·•△▲○●◆■□☆★→←↓↑|/\\\n\t ")
HAN_RE = re.compile(r"[\u4e00-\u9fff]")


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
        self.context_regions = self._named_regions()

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
        """The mention of kind `kind` spanning normalised offsets [a, b) of sentence `idx`: its surface as
        normalised, its offsets the document's."""
        sentence, norm = self.sentences[idx], self.norms[idx]
        return Mention(kind, self.texts[idx][a:b], sentence.start + norm.to_original(a),
                       sentence.start + norm.to_original(b), sentence.doc, idx, **kw)

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

    def is_place(self, text: str) -> bool:
        return text in self.m.region_names or text in self.lex.macro_regions or text in self.lex.provinces
