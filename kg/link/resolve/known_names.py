"""Enterprise names found again: every other occurrence in the corpus of a name discovered anywhere in it, and
names coordinated with a known one ("<Known>, <Brand> and ...")."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kg.extract.en import Matchers
from kg.extract.en.parts import PART_RE, PartsCache
from kg.extract.en.phrases import PhraseIndex
from kg.extract.en.words import is_brand_like
from kg.model import Mention, Sentence
from kg.names import WORD_PART_RE, fold, phrase_key, singular

# A place in brackets at the end of a company's name: "(Guangzhou)", "（江门）".
BRACKETED_END_RE = re.compile(r"\s*[(（][^()（）]{1,40}[)）]\s*$")


def link_known_enterprises(matchers: Matchers, parts_of: PartsCache, doc_sentences: dict[str, list[Sentence]],
                           doc_mentions: dict[str, list[Mention]]) -> None:
    """Find every other occurrence of the enterprise names discovered anywhere in the corpus, and names
    coordinated with them ("GCL, MMS and ..."), each document on its own.

    In this process, not forked workers: a worker that reads documents it inherited writes the reference
    counts of their sentences and mentions, and so makes its own copy of most of the pages that hold them
    (235 MB for a worker reading half of 10,000 documents). Two workers added 0.63-0.64 GB to resolution's
    process at that moment, for no time saved (at 10,000 documents, two runs each: 6.3-6.8 s with two workers,
    6.2-6.8 s without)."""
    index = known_names_index(matchers, doc_mentions)
    scan = KnownNameScan(matchers, index, NameStarts.of(index), parts_of, doc_sentences, doc_mentions)
    for doc in doc_sentences:
        added = found_again(scan, doc)
        doc_mentions[doc] = sorted(doc_mentions[doc] + added, key=lambda m: (m.start, m.end, m.kind))


def known_names_index(matchers: Matchers, doc_mentions: dict[str, list[Mention]]) -> PhraseIndex:
    """The corpus's enterprise names as later sentences may write them (`short_forms`), and a distinctive
    first word of a name alone where it may name the company."""
    index = PhraseIndex()
    # each name written alike read once, in the order the corpus first writes it (a company is named again
    # and again: reading each mention's name took 4.4 s at 10,000 documents, each name once 2.8 s)
    surfaces = dict.fromkeys(m.surface for mentions in doc_mentions.values() for m in mentions
                             if m.kind == "enterprise")
    for surface in surfaces:
        forms = short_forms(matchers, surface)
        if not forms:
            continue
        for variant in forms:
            index.add(phrase_key(variant), variant)
        # "Hengda" for "Jiangmen Hengda Battery Technology Co., Ltd.", "Meixin" for "Meixin laser intelligent
        # equipment corporation": a distinctive first word before words of the business
        key = phrase_key(forms[-1])
        first = forms[-1].split()[0]
        if len(key) > 1 and len(first) >= 5 and _distinctive(matchers, first) and \
                not matchers.regions.entries.get(key[:1]) and \
                all((w,) in matchers.lexicon.enterprise_heads or (w,) in matchers.lexicon.company_forms
                    or w in matchers.lexicon.auto_heads or w in matchers.vocabulary_words for w in key[1:]):
            index.add(key[:1], first)
    return index


@dataclass(frozen=True)
class NameStarts:
    """How the corpus's known names start, to tell from a sentence's words whether a name may start in it
    before making its word parts, which cost more than the look. Most sentences hold a word a name starts
    with (their own mentions' names are known names), few hold one outside their mentions: at 10,000
    documents, parts were made for 144,855 of 322,115 sentences, now for 22,743 (with `_may_coordinate`)."""

    written: frozenset[str]  # first words of names as a sentence may write them (`_written_forms`)
    alone: frozenset[str]  # keys that are names on their own ("hengda")
    pairs: frozenset[tuple[str, str]]  # the first two keys of the longer names

    @classmethod
    def of(cls, index: PhraseIndex) -> NameStarts:
        return cls(_written_forms(index.firsts), frozenset(k[0] for k in index.entries if len(k) == 1),
                   frozenset(p for p in index.prefixes if len(p) == 2))

    def may_start(self, s: Sentence, taken: list[Mention]) -> bool:
        """Whether a known name may start in `s` outside its mentions (`taken`, but industries, which a name
        found again may overlap): a name of one word, or the first two words of a longer one in a row. Read
        from the sentence's words: whatever `PhraseIndex.scan` finds there, this finds."""
        words = _lower_words(_outside(s, [m for m in taken if m.kind != "industry"]))
        if self.written.isdisjoint(words):
            return False
        for i, word in enumerate(words):
            if word in self.written:
                key = singular(word)
                if key in self.alone or i + 1 < len(words) and (key, singular(words[i + 1])) in self.pairs:
                    return True
        return False


def _outside(s: Sentence, mentions: list[Mention]) -> str:
    """The sentence's text outside these mentions, the pieces on lines of their own."""
    pieces, at = [], 0
    for start, end in sorted((m.start - s.start, m.end - s.start) for m in mentions):
        pieces.append(s.text[at:start])
        at = max(at, end)
    pieces.append(s.text[at:])
    return "\n".join(pieces)


def _lower_words(text: str) -> list[str]:
    """The words of a text, folded and in lower case, as word parts key them before `singular`: each word
    lowered on its own, as `sentence_parts` does (`kg.names.word_parts` lowers the whole text first, which
    for a few letters outside ASCII, "İ", moves where words end)."""
    folded = fold(text)
    if folded.isascii():
        return WORD_PART_RE.findall(folded.lower())
    return [w.lower() for w in WORD_PART_RE.findall(folded)]


def _may_coordinate(s: Sentence, taken: list[Mention]) -> bool:
    """Whether `_coordinated` may find a name after one of the sentence's enterprise mentions, from its text:
    a capitalised word right after ", " or "、", or after the word "and"."""
    folded = ""
    for m in taken:
        if m.kind != "enterprise":
            continue
        folded = folded or fold(s.text)
        at = m.end - s.start
        if 0 < at < len(folded) and folded[at - 1].isalnum() and (folded[at].isalnum() or folded[at] in "'’"):
            return True  # a mention that ends inside a word: its word parts tell
        first = PART_RE.search(folded, at)
        if first is None:
            continue
        raw = first.group()
        if raw[-2:] in ("'s", "’s") and len(raw) > 2:
            raw = raw[:-2]
        after = PART_RE.search(folded, first.end()) if singular(raw.lower()) == "and" else None
        if after is not None:  # "<Known> and X"
            if after.group()[:1].isupper():
                return True
        elif s.text[at:first.start()].strip() in (",", "、") and raw[:1].isupper():  # "<Known>, X"
            return True
    return False


@dataclass
class KnownNameScan:
    """What reading a document for known names needs (`found_again`)."""

    matchers: Matchers
    index: PhraseIndex
    starts: NameStarts
    parts_of: PartsCache
    doc_sentences: dict[str, list[Sentence]]
    doc_mentions: dict[str, list[Mention]]


def found_again(scan: KnownNameScan, doc: str) -> list[Mention]:
    """A document's mentions of known names not yet among its mentions, and of names coordinated with them.
    A sentence's word parts are made only where its words say a name may be found (`NameStarts.may_start`,
    `_may_coordinate`)."""
    matchers, index, parts_of = scan.matchers, scan.index, scan.parts_of
    by_sentence = defaultdict(list)
    for m in scan.doc_mentions[doc]:
        by_sentence[m.sentence].append(m)
    added: list[Mention] = []
    for s in scan.doc_sentences[doc]:
        taken = by_sentence[s.index]
        named = scan.starts.may_start(s, taken)
        if not named and not _may_coordinate(s, taken):
            continue
        parts = parts_of(s)
        for i, j, _ in index.scan(parts) if named else ():
            if not parts[i].cap:
                continue
            if j < len(parts) and parts[j].cap and parts[j].key in matchers.lexicon.government_words:
                continue  # "Jintian Avenue" is a road named after the company, not the company
            start, end = parts[i].start, parts[j - 1].end
            if any(not (end <= t.start or start >= t.end) for t in taken if t.kind != "industry"):
                continue
            added.append(Mention("enterprise", s.text[start - s.start:end - s.start], start, end, doc,
                                 s.index, cue="known-name"))
        added.extend(_coordinated(matchers, s, parts, taken + added))
    # the sentence pass makes them again, in a worker process: kept here, a corpus's parts would stay in
    # this process through resolution (400 MB at 10,000 documents) and be copied into every worker
    parts_of.forget(doc)
    return added


def _written_forms(keys: set[str]) -> frozenset[str]:
    """Every lower-case word whose key (`singular`) may be one of `keys`: the key itself, and its plurals
    (-s, -es, -y to -ies)."""
    forms = set(keys)
    for k in keys:
        forms.update((k + "s", k + "es"))
        if k.endswith("y"):
            forms.add(k[:-1] + "ies")
    return frozenset(forms)


def short_forms(matchers: Matchers, surface: str) -> list[str]:
    """A company's name as later sentences write it: without the place in brackets after it, without its legal
    form and without the city in front ("Guangzhou Hengda Mould Co., Ltd." -> "Hengda Mould", "X Technology
    (Guangzhou)" -> "X Technology")."""
    forms = [surface]
    bare = BRACKETED_END_RE.sub("", surface)
    if bare != surface and len(bare.split()) > 1:
        forms.append(bare)
    words = bare.split()
    company_forms = matchers.lexicon.company_forms
    while len(words) > 1 and phrase_key(words[-1]) and (phrase_key(" ".join(words[-2:])) in company_forms
                                                        or phrase_key(words[-1]) in company_forms):
        words = words[:-2] if phrase_key(" ".join(words[-2:])) in company_forms else words[:-1]
        forms.append(" ".join(words).rstrip(",."))
    if len(words) > 2 and matchers.regions.entries.get(phrase_key(words[0])):
        forms.append(" ".join(words[1:]).rstrip(",."))
    return [f for f in forms if f]


def _distinctive(matchers: Matchers, word: str) -> bool:
    """A word that names one company on its own: a brand-like word (pinyin, an acronym), or a capitalised word
    that is not an English function, common, government or industry word."""
    lower, lex = word.lower(), matchers.lexicon
    if is_brand_like(word, lex):
        return True
    return word[:1].isupper() and lower not in lex.openers and lower not in lex.common_capitalised \
        and phrase_key(word)[:1] != () and phrase_key(word)[0] not in lex.government_words \
        and phrase_key(word)[0] not in matchers.vocabulary_words and lower not in lex.month_names \
        and phrase_key(word)[0] not in lex.descriptive_name_words \
        and phrase_key(word)[0] not in lex.generic_park_modifiers


def _coordinated(matchers: Matchers, s: Sentence, parts, taken: list[Mention]) -> list[Mention]:
    known = [m for m in taken if m.kind == "enterprise" and m.sentence == s.index]
    out = []
    for m in known:
        # the part right after the mention: ", X" or " and X" where X is an acronym or pinyin brand
        after = [k for k, p in enumerate(parts) if p.start >= m.end]
        if not after:
            continue
        k = after[0]
        if parts[k].key == "and" and k + 1 < len(parts):
            k += 1
        elif not (parts[k].hard_gap and s.text[m.end - s.start:parts[k].start - s.start].strip() in (",", "、")):
            continue
        p = parts[k]
        if not (p.cap and (is_brand_like(p.raw, matchers.lexicon) or p.raw.lower() not in matchers.lexicon.openers
                           and p.key not in matchers.vocabulary_words
                           and p.raw.lower() not in matchers.lexicon.common_capitalised)):
            continue
        end = k + 1
        while end < len(parts) and end - k < 3 and parts[end].cap and not parts[end].hard_gap:
            end += 1
        if end < len(parts) and parts[end].cap and not parts[end].hard_gap:
            continue
        if any(t.start <= p.start < t.end for t in taken):
            continue
        if any(w.key in matchers.lexicon.government_words for w in parts[k:end]):
            continue
        start, stop = p.start, parts[end - 1].end
        out.append(Mention("enterprise", s.text[start - s.start:stop - s.start], start, stop, s.doc, s.index,
                           cue="coordination"))
    return out
