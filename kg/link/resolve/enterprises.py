"""Enterprise names compared: what a name says (its brand and its business), and which mentions name one company.

A registered company name is region + brand + business + legal form: "Guangdong Hengtai New Energy Technology
Co., Ltd." is the brand "hengtai" in new energy. Mentions name one company when

- their brands are one (equal, or one a shortened romanisation of the other: `kg.link.resolve.pinyin`) and their
  businesses are one business (`ontology/business_heads.json`: Auto = Motors = Automobile), whatever region or
  legal form they carry. The same brand in different businesses is two companies ("<Brand> Copper" and
  "<Brand> Food"), as in any register;
- one is the brand alone ("Hengtai", "HTai") and a single company of that brand is named in its document or,
  failing that, in the corpus; or one is the brand with a generic business only ("Hengtai Technology") and a
  single company of that brand whose name carries that word is named in its document.

Comparisons are blocked: a brand is looked up among the shortened forms of the corpus's brands and by its first
word, never compared with all others, so resolution grows near-linearly with the corpus.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.en.phrases import PhraseIndex
from kg.link.resolve.pinyin import Pinyin
from kg.model import Mention
from kg.names import phrase_key, word_parts
from kg.reference import Lexicon, NameData


@dataclass(frozen=True)
class CompanyName:
    """What a company name says: its brand words and its business (the group of its most specific business
    word, "" for none), and the generic business words it carries ("technology")."""

    brand: tuple[str, ...]
    business: str
    generic: frozenset[str] = frozenset()

    @property
    def key(self) -> Key:
        return self.brand, self.business

    @property
    def brand_text(self) -> str:
        return "".join(self.brand)


Key = tuple[tuple[str, ...], str]


class NameReader:
    """Reads company names (`read`, cached: one name recurs in many documents)."""

    def __init__(self, lexicon: Lexicon, data: NameData, regions: PhraseIndex) -> None:
        self.lexicon, self.data, self.regions = lexicon, data, regions
        # a head of the lexicon that ends with a generic word ("new energy technology") is read as its parts
        self.business = {head: data.business.get(head, " ".join(head)) for head in lexicon.enterprise_heads
                         if not (len(head) > 1 and data.business.get(head[-1:]) in data.generic)}
        self.business.update(data.business)
        self.longest = max(map(len, self.business), default=0)
        self.read = lru_cache(maxsize=1 << 18)(self._read)

    def _read(self, surface: str) -> CompanyName:
        words = [self.lexicon.pinyin_english.get(w, w) for w in _plain_words(surface)]
        key = _strip_endings(list(phrase_key(" ".join(words))), self.lexicon.company_forms, 0)
        # "... Technology (Guangzhou) Co., Ltd.": a place after the business is where the company is
        for n in range(min(3, len(key) - 1), 0, -1):
            if self.regions.entries.get(tuple(key[-n:])):
                key = _strip_endings(key[:-n], self.lexicon.company_forms, 0)
                break
        key = self._without_places(key)
        end, business = self._business_at_end(key, keep=1)
        specific = [b for b in business if b not in self.data.generic]
        main = specific[-1] if specific else business[-1] if business else ""
        return CompanyName(tuple(key[:end]), main, frozenset(b for b in business if b in self.data.generic))

    def _business_at_end(self, key: list[str], keep: int) -> tuple[int, list[str]]:
        """Where the business words at the end of `key` start (keeping at least `keep` words before them), and
        their groups, longest phrase first from the right ("New Energy Technology" -> new energy)."""
        business: list[str] = []
        end = len(key)
        while end > keep:
            for n in range(min(self.longest, end - keep), 0, -1):
                group = self.business.get(tuple(key[end - n:end]))
                if group:
                    business.insert(0, group)
                    end -= n
                    break
            else:
                break
        return end, business

    def _without_places(self, key: list[str]) -> list[str]:
        """A leading place ("Guangdong", "Sihui", "China") is where the company is, not who it is, unless
        nothing but business words would be left ("Meixin Electronics")."""
        while len(key) > 1:
            for n in range(min(3, len(key) - 1), 0, -1):
                if self.regions.entries.get(tuple(key[:n])) or n == 1 and key[0] in self.data.national_prefixes:
                    break
            else:
                return key
            if self._business_at_end(key[n:], keep=0)[0] == 0:
                return key
            key = key[n:]
        return key


def _plain_words(surface: str) -> list[str]:
    """The words of a name without diacritics ("Měixìn") or a possessive's "s" ("Meixin's auto")."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", surface) if not unicodedata.combining(ch))
    words = word_parts(plain)
    return [w for k, w in enumerate(words) if not (w == "s" and k > 0)]


def _strip_endings(words: list[str], endings: set[tuple[str, ...]], keep: int) -> list[str]:
    """`words` without the endings it ends with, longest ending first, again and again, keeping at least
    `keep` words and never taking all of them ("Technology Co., Ltd." -> ["technology"])."""
    longest = max(map(len, endings), default=0)
    stripped = True
    while stripped and len(words) > keep:
        stripped = False
        for n in range(min(longest, len(words) - 1), 0, -1):
            if tuple(words[-n:]) in endings:
                words = words[:-n]
                stripped = True
                break
    return words


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class CompanyGrouping:
    """Which mentions name one company (see the module's docstring). `groups()` lists each company's
    mentions."""

    def __init__(self, named: dict[Mention, CompanyName], pinyin: Pinyin, generic: Iterable[str],
                 rendered: Iterable[Mention] = (),
                 alternatives: dict[Mention, tuple[CompanyName, ...]] | None = None,
                 owned: Iterable[tuple[Mention, Mention]] = ()) -> None:
        """`rendered`: the mentions whose name is an English rendering of a name in another script (a Chinese
        one); `alternatives`: other readings of such names (a polyphonic character read otherwise); `owned`:
        (subsidiary, parent) mentions a sentence names (`kg.link.resolve.ownership`), whose names are never
        joined as a short name and the company it names."""
        self.pinyin, self.generic = pinyin, frozenset(generic)
        self.rendered = frozenset(rendered)
        self.named = self._readings_met(named, alternatives or {})
        named = self.named
        self.apart = {frozenset((named[c].key, named[p].key)) for c, p in owned if c in named and p in named}
        self.uf = UnionFind()
        self.keys = sorted({name.key for name in named.values()})
        # shortened form -> the corpus's pinyin brands it shortens: a short brand is looked up, never compared.
        # Most forms shorten one brand: a tuple each, not a set (a set is 4.5 times the size; 0.6 million
        # forms at 10,000 documents)
        self.longer_forms: dict[str, tuple[str, ...]] = {}
        for brand in sorted({key[0] for key in self.keys}):
            text = "".join(brand)
            for form in self.brand_forms(brand):
                longer = self.longer_forms.get(form, ())
                if text not in longer:
                    self.longer_forms[form] = (*longer, text)
        self.carried: dict[Key, set[str]] = defaultdict(set)  # generic words the names of a key carry
        for name in named.values():
            self.carried[name.key] |= name.generic
        for key in self.keys:
            self.uf.find(key)
        self._join_brand_forms()
        self.assigned = self._attach_in_documents()
        self._attach_in_corpus()
        self._join_truncated_renderings()

    def _written_brands(self, named: dict[Mention, CompanyName]) -> set[str]:
        return {name.brand_text for m, name in named.items() if m not in self.rendered}

    def _meets(self, brand: tuple[str, ...], written: set[str]) -> bool:
        """Whether a rendered brand is a brand written in the corpus: as it is, shortened, or without its last
        syllable (`_join_truncated_renderings`)."""
        text = "".join(brand)
        return text in written or any(f in written for f in self.brand_forms(brand)) or \
            len(brand) == 1 and any(t in written for t in self.pinyin.truncations(text))

    def _readings_met(self, named: dict[Mention, CompanyName], alternatives: dict[Mention, tuple[CompanyName, ...]]
                      ) -> dict[Mention, CompanyName]:
        """A rendered name read as its first reading that meets a brand written in the corpus: its usual
        reading where that meets one (or none does), else another reading of its polyphonic characters
        (曾 zeng / ceng) that does."""
        if not alternatives:
            return named
        written = self._written_brands(named)
        out = dict(named)
        for m, others in alternatives.items():
            if m not in out or self._meets(out[m].brand, written):
                continue
            met = next((o for o in others if self._meets(o.brand, written)), None)
            if met is not None:
                out[m] = met
        return out

    def _join_truncated_renderings(self) -> None:
        """A brand an English text writes without the last syllable of a Chinese trade name of three or more
        (a translation that took the last character for a word of the sentence: "Hengtaida" as "Hengtai"):
        joins that name's company where both are the only ones of their kind — no company of the corpus has
        the shorter brand in Chinese, the written brand's group holds no other brand, no other Chinese name
        begins with it and no other written company meets that Chinese name. The businesses agree (one may be
        absent). Two brands both written in English never join this way ("Xinrui" and "Xinruian" are two
        companies)."""
        if not self.rendered:
            return
        rendered_keys = {self.named[m].key for m in self.rendered}
        written_keys = {self.named[m].key for m in self.named if m not in self.rendered}
        rendered_texts = {"".join(k[0]) for k in rendered_keys}
        brands_of: dict[Key, set[str]] = defaultdict(set)  # group root -> brand texts of its keys
        for key in self.keys:
            brands_of[self.uf.find(key)].add("".join(key[0]))
        by_prefix: dict[str, list[Key]] = defaultdict(list)
        for key in sorted(rendered_keys):
            if len(key[0]) == 1:
                for t in self.pinyin.truncations(key[0][0]):
                    by_prefix[t].append(key)
        joins: dict[Key, set[Key]] = defaultdict(set)  # rendered root -> written roots meeting it
        for key in sorted(written_keys - rendered_keys):
            text = "".join(key[0])
            root = self.uf.find(key)
            if text in rendered_texts or brands_of[root] != {text}:
                continue
            targets = {self.uf.find(k) for k in by_prefix.get(text, ())
                       if not key[1] or not k[1] or key[1] == k[1]} - {root}
            if len(targets) == 1:
                joins[targets.pop()].add(root)
        for target, roots in sorted(joins.items()):
            if len(roots) == 1 and len(brands_of[target]) == 1:
                self.uf.union(target, roots.pop())

    def same_brand(self, a: str, b: str) -> bool:
        """One brand: written alike, or one a shortened form of the other and of no other brand of the corpus."""
        return a == b or self.longer_forms.get(a) == (b,) or self.longer_forms.get(b) == (a,)

    def _join_brand_forms(self) -> None:
        """Names of one business whose brands are one: written alike ("Heng Tai" / "Hengtai"), or one the
        single pinyin brand of that business that the other shortens ("HTai" / "Hengtai")."""
        by_text: dict[tuple[str, str], list[Key]] = defaultdict(list)
        for key in self.keys:
            by_text[(key[1], "".join(key[0]))].append(key)
        for keys in by_text.values():
            for other in keys[1:]:
                self.uf.union(keys[0], other)
        for (business, text), keys in sorted(by_text.items()):
            longs = [long for long in self.longer_forms.get(text, ()) if (business, long) in by_text]
            if len(longs) == 1:  # two pinyin brands it could shorten: neither is sure
                self.uf.union(keys[0], by_text[(business, longs[0])][0])

    def brand_forms(self, brand: tuple[str, ...]) -> set[str]:
        """Shortened forms of a brand (as text): of its pinyin, or of its first word before the others
        ("RChao Lighting" of "Ruichao Lighting", where "Lighting" is no business word kg knows)."""
        rest = "".join(brand[1:])
        first = self.pinyin.shortened_forms(brand[0])
        return {*self.pinyin.shortened_forms("".join(brand)), *(f + rest for f in first)}

    def related_brands(self, brand: tuple[str, ...]) -> set[str]:
        """The brand, the pinyin brands of the corpus it shortens, and its shortened forms (`same_brand` then
        keeps those that are one brand)."""
        text = "".join(brand)
        return {text, *self.longer_forms.get(text, ()), *self.brand_forms(brand)}

    def _extends(self, short: CompanyName, key: Key) -> bool:
        """Whether `key` names a company `short` may be a short name of: the brand alone, of a company with a
        business or a longer brand; the brand with a generic business, of a company of that brand in a
        specific business whose names carry the generic word."""
        brand, business = key
        if not short.business:
            if len(brand) > len(short.brand) and brand[:len(short.brand)] == short.brand:
                return True
            return bool(business) and self.same_brand(short.brand_text, "".join(brand))
        return (business not in self.generic and business != "" and short.business in self.carried[key]
                and self.same_brand(short.brand_text, "".join(brand)))

    def _apart(self, a: Key, b: Key) -> bool:
        """Did a sentence name the companies of these names as parent and subsidiary?"""
        return bool(self.apart) and frozenset((a, b)) in self.apart

    def is_short(self, name: CompanyName) -> bool:
        return not name.business or name.business in self.generic

    def _attach_in_documents(self) -> dict[Mention, Key]:
        """A short name the document itself explains: the one company of its brand the document names."""
        by_doc: dict[str, list[Mention]] = defaultdict(list)
        for m in self.named:
            by_doc[m.doc].append(m)
        assigned: dict[Mention, Key] = {}
        for mentions in by_doc.values():
            keys = sorted({self.named[m].key for m in mentions})
            if len(keys) < 2:
                continue
            for m in mentions:
                name = self.named[m]
                if not self.is_short(name):
                    continue
                targets = {self.uf.find(k) for k in keys
                           if k != name.key and self._extends(name, k) and not self._apart(name.key, k)}
                targets.discard(self.uf.find(name.key))
                if len(targets) == 1:
                    assigned[m] = targets.pop()
        return assigned

    def _attach_in_corpus(self) -> None:
        """The brand alone, where the corpus names a single company of that brand ("HTai" and "HTai
        Motors"). Decided on the groups as they were before any such join, so the order of names is moot."""
        by_text: dict[str, list[Key]] = defaultdict(list)
        by_first: dict[str, list[Key]] = defaultdict(list)
        for key in self.keys:
            if key[1]:
                by_text["".join(key[0])].append(key)
            if len(key[0]) > 1:
                by_first[key[0][0]].append(key)
        joins = []
        for key in self.keys:
            if key[1]:
                continue
            short = CompanyName(*key)
            candidates = [k for text in sorted(self.related_brands(short.brand)) for k in by_text.get(text, ())]
            candidates += by_first.get(key[0][0], [])
            targets = {self.uf.find(k) for k in candidates
                       if self._extends(short, k) and not self._apart(key, k)} - {self.uf.find(key)}
            if len(targets) == 1:
                joins.append((key, targets.pop()))
        for key, target in joins:
            self.uf.union(key, target)

    def groups(self) -> list[list[Mention]]:
        """Each company's mentions, in the order of `named`; companies in the order of their first mention."""
        groups: dict[Key, list[Mention]] = {}
        for m, name in self.named.items():
            groups.setdefault(self.uf.find(self.assigned.get(m, name.key)), []).append(m)
        return list(groups.values())
