"""Resolution benchmark (issue 14): do the names of one company become one node, and the names of different
companies different nodes, at 1,000 and 10,000 documents?

It writes corpora of companies and parks whose identities it knows, named as registers and reporters name them:

- companies are a brand (pinyin of two or three syllables, some a pinyin word with an English gloss: "<X> Shidai"
  / "<X> Times") and a business; **brands repeat across businesses** (a third of the brands name two or three
  companies, "<Brand> Copper" and "<Brand> Food"), and **near-twin brands** (one syllable changed for one of the
  same initial: "Xinda" / "Xiangda") are different companies;
- a company is named by its registered name (a region prefix, "Guangdong" or its city, and a legal form, some
  with "Technology" before it), a short name with **any rendering of its business** (Auto / Motors / Automobile /
  Automotive ...), an **English brand form** where it has one (the first syllable cut to its initial: "XPeng" for
  Xiaopeng), **"China <Brand> ..."**, the **brand alone** (after its full name in a document, or anywhere when
  the brand names one company), or "<Brand> Technology" after a registered name carrying "Technology";
- **subsidiaries** have their own brand and a sentence saying whose subsidiary they are: their own node;
- **parks** of a city are named with and without the city, with "Guangdong" before it, with a rank
  ("National", "Provincial") and, for a high-tech zone, as "High-tech Zone" or "Hi-tech Industrial Development
  Zone"; different parks of a city are different.

Documents mix five phrasings (investment news, lists of leading enterprises, chain masters, supply and
subsidiary statements, follow-up sentences). Every name written is recorded with its offsets and identity;
kg extracts the documents (`kg.build.pipeline.extract_documents`) and resolves them (`kg.link.resolve`), and
each name written is matched to the mention kg found at its place. Reported, for enterprises and parks:

- pairwise precision, recall and F1 over the names found (a pair of names is a true pair when they name one
  identity, a found pair when they resolved to one node);
- coverage: names written that extraction found at their place (extraction, not resolution);
- identities per node (mean over nodes of the distinct identities named in it) and identities found (an identity
  that is the most named one of some node);
- the time resolution took (`kg.link.resolve`: entities from mentions), and before it the time known names
  took to be found again across the corpus (`kg.link.resolve.known_names`).

    python bench/resolution.py --docs 1000 10000 --seed 7

prints the table and writes bench/RESOLUTION.md. Deterministic from --seed; no file is written but the report.
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

from generate import SYLLABLES, load_world  # noqa: E402

from kg.build.pipeline import default_jobs, extract_documents, paused_gc  # noqa: E402
from kg.extract import build_matchers  # noqa: E402
from kg.extract.en.parts import PartsCache  # noqa: E402
from kg.link.resolve.known_names import link_known_enterprises  # noqa: E402
from kg.link.resolve.resolver import Resolver, drop_nested_enterprises  # noqa: E402
from kg.model import Document, Mention  # noqa: E402
from kg.reference import load_lexicon, load_reference  # noqa: E402

# Businesses and the ways English texts render each (written for this benchmark from common company-name
# usage; a few are words kg's data does not know, so that those are exercised too).
BUSINESSES = {
    "auto": ("Auto", "Motors", "Automobile", "Automotive"),
    "technology": ("Technology", "Tech"),
    "electronics": ("Electronics", "Electronic"),
    "new materials": ("New Materials", "New Material"),
    "pharmaceutical": ("Pharmaceutical", "Pharma", "Pharmaceuticals"),
    "food": ("Food", "Foods"),
    "copper": ("Copper",),
    "chemical": ("Chemical", "Chemicals"),
    "biotech": ("Biotech", "Biotechnology"),
    "machinery": ("Machinery",),
    "textile": ("Textile", "Textiles"),
    "logistics": ("Logistics",),
    "battery": ("Battery", "Batteries"),
    "steel": ("Steel",),
    "paper": ("Paper",),
    "furniture": ("Furniture",),
    "optoelectronics": ("Optoelectronics", "Photoelectric"),
    "ceramics": ("Ceramics", "Ceramic"),
    "semiconductor": ("Semiconductor", "Semiconductors"),
    "robotics": ("Robotics", "Robot"),
    "new energy": ("New Energy",),
    "aluminum": ("Aluminum", "Aluminium"),
    "glass": ("Glass",),
    "jewelry": ("Jewelry", "Jewellery"),
    "lighting": ("Lighting",),
    "tea": ("Tea",),
}
FORMS = ("Co., Ltd.", "Co., Ltd.", "Technology Co., Ltd.", "Group Co., Ltd.", "Company Limited", "Corporation")
# pinyin name words some brands end with, and their English glosses (as "Shidai" / "Times" in company names)
GLOSSED = (("Shidai", "Times"),)
PARK_KINDS = ("Industrial Park", "Industrial Park", "Science and Technology Park", "Industrial Transfer Park",
              "Logistics Park")
RANKS = ("National", "Provincial")


@dataclass(eq=False)
class Company:
    ident: str
    brand: str  # as written in pinyin: "Xiaopeng", "Hengtai Shidai"
    business: str
    form: str
    city: str
    english: str = ""  # an English brand form: "XPeng", "Hengtai Times"
    parent: Company | None = None
    docs: set[str] = field(default_factory=set)


@dataclass(eq=False)
class Park:
    ident: str
    city: str
    name: str  # "" for the city's high-tech zone
    kind: str


@dataclass
class Written:
    doc: str
    start: int
    end: int
    kind: str  # enterprise or park
    ident: str
    text: str


class Registry:
    def __init__(self, rng: random.Random, cities: list[str], banned: frozenset[str]) -> None:
        self.rng, self.cities, self.banned = rng, cities, banned
        self.companies: list[Company] = []
        self.by_brand: dict[str, list[Company]] = defaultdict(list)
        self.used: set[str] = set()
        self.parks: dict[str, list[Park]] = defaultdict(list)

    def _brand(self) -> str:
        while True:
            n = 2 if self.rng.random() < 0.75 else 3
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(n))
            if word not in self.used and word not in self.banned and len(word) >= 5:
                self.used.add(word)
                return word.capitalize()

    def _twin(self, brand: str) -> str | None:
        """A near twin of a pinyin brand: one syllable changed for another of the same initial."""
        syllables = _syllables(brand.lower())
        if not syllables:
            return None
        k = self.rng.randrange(len(syllables))
        initial = _initial(syllables[k])
        others = [s for s in SYLLABLES if s != syllables[k] and _initial(s) == initial]
        if not others:
            return None
        word = "".join(syllables[:k] + [self.rng.choice(others)] + syllables[k + 1:])
        if word in self.used or word in self.banned:
            return None
        self.used.add(word)
        return word.capitalize()

    def new_company(self) -> Company:
        rng = self.rng
        roll = rng.random()
        existing = [b for b in self.by_brand if len(self.by_brand[b]) < 3]
        if roll < 0.3 and existing:  # the brand again, in another business
            brand = rng.choice(existing)
            taken = {c.business for c in self.by_brand[brand]}
            business = rng.choice([b for b in BUSINESSES if b not in taken])
        else:
            brand = None
            if roll < 0.4 and self.companies:
                brand = self._twin(rng.choice(self.companies).brand.split()[0])
            if brand is None:
                brand = self._brand()
            if rng.random() < 0.05:
                brand = f"{brand} {GLOSSED[0][0]}"
            business = rng.choice(list(BUSINESSES))
        english = ""
        first = brand.split()[0]
        syllables = _syllables(first.lower())
        if brand.endswith(GLOSSED[0][0]):
            english = brand.replace(*GLOSSED[0])
        elif len(syllables) >= 2 and _initial(syllables[0]) and rng.random() < 0.15:
            english = _initial(syllables[0]).upper() + "".join(syllables[1:]).capitalize()
        same_brand = self.by_brand[brand]
        if same_brand and same_brand[0].english and not brand.endswith(GLOSSED[0][0]):
            english = same_brand[0].english  # one brand, one English form
        c = Company(f"c{len(self.companies)}", brand, business, rng.choice(FORMS), rng.choice(self.cities), english)
        self.companies.append(c)
        self.by_brand[brand].append(c)
        return c

    def company(self) -> Company:
        """A company of the register, some named far more often than others (as in the news)."""
        k = int(len(self.companies) * self.rng.random() ** 2)
        return self.companies[k]

    def subsidiary(self) -> tuple[Company, Company] | None:
        children = [c for c in self.companies[:: max(1, len(self.companies) // 400)] if c.parent is not None]
        if not children:
            return None
        child = self.rng.choice(children)
        assert child.parent is not None
        return child, child.parent

    def park(self, city: str) -> Park:
        parks = self.parks[city]
        if parks and (self.rng.random() < 0.7 or len(parks) >= 12):
            return self.rng.choice(parks)
        if not any(p.name == "" for p in parks) and self.rng.random() < 0.3:
            park = Park(f"p-{city}-hitech", city, "", "High-tech Zone")
        else:
            park = Park(f"p-{city}-{len(parks)}", city, self._brand(), self.rng.choice(PARK_KINDS))
        parks.append(park)
        return park


def _syllables(word: str) -> list[str]:
    """The generator's own syllables of a word it made (greedy longest, from its syllable list)."""
    out, i = [], 0
    ordered = sorted(SYLLABLES, key=len, reverse=True)
    while i < len(word):
        s = next((s for s in ordered if word.startswith(s, i)), None)
        if s is None:
            return []
        out.append(s)
        i += len(s)
    return out


def _initial(syllable: str) -> str:
    for initial in ("zh", "ch", "sh"):
        if syllable.startswith(initial):
            return initial
    return syllable[0] if syllable[0] not in "aeo" else ""


class Writer:
    """One document's sentences, with every name it writes recorded at its offsets."""

    def __init__(self, reg: Registry, doc: str, city: str) -> None:
        self.reg, self.rng, self.doc, self.city = reg, reg.rng, doc, city
        self.text = ""
        self.written: list[Written] = []
        self.named: list[Company] = []

    def put(self, *pieces) -> None:
        """Append a sentence: strings, and (text, kind, ident) for names."""
        for piece in pieces:
            if isinstance(piece, tuple):
                text, kind, ident = piece
                self.written.append(Written(self.doc, len(self.text), len(self.text) + len(text), kind, ident, text))
                self.text += text
            else:
                self.text += piece
        self.text += " "

    def name(self, c: Company, subject: bool = False) -> tuple[str, str, str]:
        rng = self.rng
        c.docs.add(self.doc)
        business = rng.choice(BUSINESSES[c.business])
        brand = c.english if c.english and rng.random() < 0.5 else c.brand
        roll = rng.random()
        # a short name where the document leaves no doubt: no other company of the brand named in it
        alone = not any(o.brand == c.brand and o is not c for o in self.named)
        if c in self.named and alone and roll < 0.35:
            text = brand  # the brand alone, after its full name
        elif c in self.named and alone and "Technology" in c.form and roll < 0.5:
            text = f"{c.brand} Technology"
        elif len(self.reg.by_brand[c.brand]) == 1 and roll < 0.05:
            text = brand  # a brand that names one company
        elif roll < 0.45:
            prefix = rng.choice(("Guangdong ", f"{c.city} ", ""))
            text = f"{prefix}{c.brand} {business} {c.form}"
        elif roll < 0.5:
            text = f"China {c.brand} {business} {rng.choice(('Corporation', 'Co., Ltd.'))}"
        else:
            text = f"{brand} {business}"
        if c not in self.named:
            self.named.append(c)
        return text, "enterprise", c.ident

    def park_name(self, p: Park) -> tuple[str, str, str]:
        rng = self.rng
        if p.name == "":
            head = rng.choice(("High-tech Zone", "Hi-tech Industrial Development Zone", "Hi-tech Zone"))
            rank = "National " if rng.random() < 0.3 else ""
            prefix = "Guangdong " if rng.random() < 0.1 else ""
            text = f"{prefix}{p.city} {rank}{head}"
        else:
            roll = rng.random()
            rank = f"{rng.choice(RANKS)} " if rng.random() < 0.2 else ""
            if roll < 0.4 and p.city == self.city:
                text = f"{p.name} {rank}{p.kind}"
            elif roll < 0.5:
                text = f"Guangdong {p.city} {p.name} {rank}{p.kind}"
            else:
                text = f"{p.city} {p.name} {rank}{p.kind}"
        return text, "park", p.ident

    def amount(self) -> str:
        return f"{self.rng.randint(2, 90)} {self.rng.choice(('billion', 'hundred million'))} yuan"

    def sentence(self) -> None:
        rng, reg = self.rng, self.reg
        kind = rng.choices(("invest", "list", "chain", "supply", "subsidiary", "again"), (4, 3, 1, 1, 1, 2))[0]
        if kind == "again" and self.named:
            c = rng.choice(self.named)
            self.put(rng.choice(("According to ", "In addition, ")), self.name(c),
                     rng.choice((" will add two production lines this year.", " expects output to double.")))
        elif kind == "list":
            firms = list(dict.fromkeys(reg.company() for _ in range(rng.randint(2, 4))))
            names = [self.name(c) for c in firms]
            park = reg.park(self.city)
            pieces: list = ["Leading enterprises such as "]
            for k, n in enumerate(names):
                pieces += [n, ", " if k < len(names) - 2 else " and " if k == len(names) - 2 else ""]
            self.put(*pieces, " have settled in the ", self.park_name(park), ".")
        elif kind == "chain":
            self.put("We will support ", self.name(reg.company()),
                     " as the chain master enterprise to attract upstream and downstream supporting enterprises.")
        elif kind == "supply":
            a, b = reg.company(), reg.company()
            if a is not b:
                self.put(self.name(a), " supplies components to ", self.name(b), ".")
        elif kind == "subsidiary" and (pair := reg.subsidiary()):
            child, parent = pair
            self.put(self.name(child), rng.choice((", a subsidiary of ", ", a wholly-owned subsidiary of ")),
                     self.name(parent), f", will build a new plant in {self.city}.")
        else:
            c, park = reg.company(), reg.park(self.city)
            self.put(self.name(c), f" plans to invest {self.amount()} in a new production base in the ",
                     self.park_name(park), ".")


def generate(n: int, seed: int) -> tuple[list[Document], list[Written], Registry]:
    world = load_world()
    rng = random.Random(seed)
    cities = [c.label for c in world.cities]
    reg = Registry(rng, cities, world.banned)
    # the register first, so that a brand that names one company names one company in the whole corpus
    for _ in range(int(n * 1.2)):
        reg.new_company()
    for c in reg.companies:
        if rng.random() < 0.05:
            parent = rng.choice(reg.companies)
            if parent is not c and parent.brand != c.brand:
                c.parent = parent
    documents, written = [], []
    for i in range(n):
        city = rng.choice(cities)
        name = f"{i:05d}_resolution.txt"
        w = Writer(reg, name, city)
        w.put(f"{city} promotes high-quality development of its industrial clusters.")
        w.put(f"On {rng.randint(1, 28)} March, {city} held a project promotion meeting.")
        for _ in range(rng.randint(3, 6)):
            w.sentence()
        text = w.text.strip() + "\n"
        documents.append(Document(name, text, hashlib.sha256(text.encode()).hexdigest()))
        written.extend(w.written)
    return documents, written, reg


# ---------------------------------------------------------------------------------------------- scoring


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def at_place(written: list[Written], mentions: dict[Mention, str]) -> dict[int, str]:
    """For each name written (by its index), the node of the mention of its kind that kg found at its place:
    the one that overlaps it most ("Hengtai Food Co., Ltd" for "Hengtai Food Co., Ltd.")."""
    by_doc: dict[tuple[str, str], list[tuple[Mention, str]]] = defaultdict(list)
    for m, iri in mentions.items():
        by_doc[(m.doc, m.kind)].append((m, iri))
    out = {}
    for k, w in enumerate(written):
        overlaps = [(min(w.end, m.end) - max(w.start, m.start), iri) for m, iri in by_doc.get((w.doc, w.kind), ())]
        best = max(overlaps, default=(0, ""))
        if best[0] > 0:
            out[k] = best[1]
    return out


def score(written: list[Written], found: dict[int, str], kind: str) -> dict:
    """Pairwise precision/recall/F1 over the names extraction found at their place, and the per-node counts."""
    names = [(k, w) for k, w in enumerate(written) if w.kind == kind]
    matched = [(w.ident, found[k]) for k, w in names if k in found]
    cells = Counter(matched)
    truth = Counter(t for t, _ in matched)
    nodes = Counter(p for _, p in matched)
    tp = sum(_pairs(v) for v in cells.values())
    true_pairs = sum(_pairs(v) for v in truth.values())
    found_pairs = sum(_pairs(v) for v in nodes.values())
    precision = tp / found_pairs if found_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    per_node: dict[str, Counter] = defaultdict(Counter)
    for (t, p), v in cells.items():
        per_node[p][t] += v
    leaders = {max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for c in per_node.values()}
    return {
        "names": len(names), "coverage": len(matched) / len(names) if names else 1.0,
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "identities": len(truth), "nodes": len(per_node),
        "per_node": sum(len(c) for c in per_node.values()) / len(per_node) if per_node else 0.0,
        "found": len(leaders & set(truth)) / len(truth) if truth else 1.0,
    }


def run(n: int, seed: int, jobs: int) -> dict:
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    started = time.perf_counter()
    documents, written, reg = generate(n, seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    extractions = extract_documents(documents, reference, matchers, jobs=jobs)
    extracted = time.perf_counter() - started
    doc_sentences = {x.name: x.sentences for x in extractions}
    doc_mentions = {x.name: list(x.mentions) for x in extractions}
    with paused_gc():  # as in a build
        return _resolve(reference, matchers, doc_sentences, doc_mentions, written, reg, n, generated, extracted)


def _resolve(reference, matchers, doc_sentences, doc_mentions, written, reg, n, generated, extracted) -> dict:
    started = time.perf_counter()
    link_known_enterprises(matchers, PartsCache(), doc_sentences, doc_mentions)
    for doc in doc_mentions:
        doc_mentions[doc] = drop_nested_enterprises(doc_mentions[doc])
    refound = time.perf_counter() - started
    started = time.perf_counter()
    resolution = Resolver(reference, matchers).resolve(doc_mentions, doc_sentences)
    resolved = time.perf_counter() - started
    found = at_place(written, resolution.mention_entity)
    return {"documents": n, "companies": len(reg.companies), "parks": sum(map(len, reg.parks.values())),
            "generate": generated, "extract": extracted, "refound": refound, "resolve": resolved,
            "enterprise": score(written, found, "enterprise"), "park": score(written, found, "park")}


def table(results: list[dict]) -> str:
    lines = ["| documents | kind | identities | names (found by extraction) | nodes | pairwise precision | "
             "pairwise recall | F1 | identities per node | identities found | resolution time (names found again) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        for kind in ("enterprise", "park"):
            s = r[kind]
            lines.append(f"| {r['documents']:,} | {kind} | {s['identities']:,} | {s['names']:,} "
                         f"({s['coverage']:.1%}) | {s['nodes']:,} | {s['precision']:.4f} | {s['recall']:.4f} | "
                         f"{s['f1']:.4f} | {s['per_node']:.3f} | {s['found']:.1%} | {r['resolve']:.1f} s "
                         f"({r['refound']:.1f} s) |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--out", type=Path, default=BENCH / "RESOLUTION.md")
    args = parser.parse_args(argv)
    results = []
    for n in args.docs:
        r = run(n, args.seed, args.jobs)
        results.append(r)
        print(f"{n} documents: {r['companies']} companies, {r['parks']} parks; generated in {r['generate']:.1f} s, "
              f"extracted in {r['extract']:.1f} s, names found again in {r['refound']:.1f} s, resolved in "
              f"{r['resolve']:.1f} s", file=sys.stderr)
    report = table(results)
    print(report)
    machine = f"{platform.processor() or platform.machine()}; {__import__('os').cpu_count()} cores; Python " \
              f"{platform.python_version()}"
    args.out.write_text(f"# Resolution benchmark\n\n`python bench/resolution.py --docs {' '.join(map(str, args.docs))} "
                        f"--seed {args.seed}` on {machine} (a shared machine: times vary).\n\n{report}\n",
                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
