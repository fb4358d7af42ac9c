"""What every English finder of a document reads: its sentences, their word parts, the reference data and
the regions the document names (which decide whether a bare town name like "Dasha" is a town)."""

from __future__ import annotations

import bisect

from kg.extract.en.matchers import Matchers
from kg.extract.en.parts import Part, sentence_parts
from kg.model import Mention, Sentence
from kg.reference import Reference


class DocumentContext:
    """One document as its finders see it: `parts[i]` are the word parts of `sentences[i]`, and
    `context_regions` the counties, cities and province it names in full, with their ancestors."""

    def __init__(self, sentences: list[Sentence], reference: Reference, matchers: Matchers) -> None:
        self.sentences = sentences
        self.reference = reference
        self.m = matchers
        self.lex = matchers.lexicon
        self.parts = [sentence_parts(s) for s in sentences]
        # the words of each sentence as a set: a finder whose cue words a sentence lacks skips it
        self.words = [{p.key for p in parts} for parts in self.parts]
        self._starts = [s.start for s in sentences]
        # the gazetteer's names in each sentence (read here for the document's regions, again by find_regions)
        self.region_hits = [self.m.regions.scan(parts) for parts in self.parts]
        self.context_regions = self._named_regions()

    def _named_regions(self) -> set[str]:
        named: set[str] = set()
        for parts, found in zip(self.parts, self.region_hits):
            for i, _, hits in found:
                if parts[i].cap:
                    for iri, form in hits:
                        if form == "full" and self.reference.regions[iri].type != "Town":
                            named.add(iri)
        for iri in list(named):
            named.update(self.reference.ancestors(iri))
        return named

    def gap_text(self, start: int, end: int) -> str:
        """Document text between two offsets of one sentence."""
        k = bisect.bisect_right(self._starts, start) - 1
        if k < 0:
            return ""
        s = self.sentences[k]
        return s.text[max(0, start - s.start) : end - s.start] if start <= s.end else ""

    def mention(self, kind: str, parts: list[Part], lo: int, hi: int, idx: int, **kw) -> Mention:
        """The mention of kind `kind` spanning parts[lo:hi] of sentence `idx` (and a closing bracket right
        after them: "... (Guangzhou)")."""
        sentence = self.sentences[idx]
        start, end = parts[lo].start, parts[hi - 1].end
        if self.gap_text(end, end + 1) in (")", "）") and "(" in self.gap_text(start, end).replace("（", "("):
            end += 1
        return Mention(kind, sentence.text[start - sentence.start : end - sentence.start], start, end,
                       sentence.doc, idx, **kw)
