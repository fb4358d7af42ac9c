"""Synthetic documents in the style of seeds/, for measuring `kg build` at scale (issue 6).

The seeds are four documents: too few to time a build that must handle ten thousand. This writes as many as
asked, deterministically from a seed (same seed and same repository -> byte-identical files), of five kinds:
government work report excerpts (headings, numbered lists), news items, investment news, "chain master" (链主)
meeting notes and boilerplate (notices with no enterprise at all). Documents are about `kb` KB each on average
(default 4: the size of the reports and news the benchmark stands for, so 10,000 documents are ~40 MB; `kb=1`
gives the short documents of earlier benchmarks), and most end with the footer of the website that published
them, which names the same place in every document of that site (the provincial portal's address in Yuexiu,
Guangzhou; a county government's in one of its towns): the trivially repeated evidence real scraped pages carry.

Places are real: counties, towns and cities of Guangdong read from ontology/gazetteer.ttl, so the gazetteer
matching does real work. Industries are real: preferred English labels of ontology/industries.ttl.
Enterprises and parks are invented from pinyin syllables, so 10,000 documents name tens of thousands of
distinct enterprises (some recurring across documents, under variant spellings such as "X Motors" and
"X Auto"), none of them one of the seeds' (every word capitalised in seeds/ is kept out of invented names).

    python bench/generate.py --docs 10000 --seed 1 --out bench/.work/corpus-10000 [--kb 4]

writes DIR/docs/*.txt (what `kg build --docs DIR/docs` reads) and DIR/truth.json: the generated enterprises,
parks and the relations the sentences state, so a benchmark can check that speed did not cost correctness.
truth.json sits beside docs/, not in it: `kg build` would read it as one more document.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import rdflib

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
SEEDS = ROOT / "seeds"
KG = rdflib.Namespace("https://w3id.org/industry-kg/ontology#")
SKOS = rdflib.namespace.SKOS

# Pinyin syllables with a consonant onset: concatenated they stay readable ("Hengtai", "Ruixinda") and
# never split ambiguously. Invented names are two or three of them.
SYLLABLES = (
    "heng tai rui xin hua sheng long feng jin yuan hong kai mei bao kang tong cheng xiang jia fu yao ming hao "
    "tian guang run de zhong wei xing chang hui yu jie bo ke lan qi shun yong zhi hai sen jun teng wan ying "
    "lian quan ding rong shuo chuang yue nuo pu ze xu can peng gao li da bang chao dong fan guo jing le mao "
    "nan qiang ren sai shen tao wen xuan yang zhan zhuo"
).split()

# Industry word of an enterprise name, chosen from the words of its industry's label.
HEADS = (
    (("vehicle", "automobile", "auto", "car"), ("Motors", "Auto", "Automobile")),
    (("battery", "batteries", "energy storage", "lithium"), ("New Energy", "Battery")),
    (("photovoltaic", "solar"), ("Solar", "New Energy")),
    (("semiconductor", "chip", "integrated circuit"), ("Semiconductor", "Electronics")),
    (("chemical", "resin", "coating"), ("Chemical", "New Materials")),
    (("food", "beverage", "dishes", "tea"), ("Food",)),
    (("pharmaceutical", "medicine", "biomedic", "medical", "health"), ("Pharmaceutical", "Biotech")),
    (("material", "copper", "aluminum", "metal", "steel", "alloy"), ("New Materials", "Metal")),
    (("display", "electronic", "information", "communication", "software"), ("Electronics", "Technology")),
    (("robot",), ("Robotics", "Intelligent Equipment")),
    (("equipment", "machine", "instrument", "precision"), ("Machinery", "Intelligent Equipment", "Precision")),
    (("textile", "garment", "apparel"), ("Textile",)),
    (("furniture", "home", "appliance"), ("Furniture", "Appliances")),
    (("ceramic", "building"), ("Ceramics",)),
)
FORMS = ("Co., Ltd.", "Technology Co., Ltd.", "Group Co., Ltd.", "Industrial Co., Ltd.", "Holdings Co., Ltd.")
PARK_HEADS = ("Industrial Park", "Industrial Park", "High-tech Zone", "Economic Development Zone",
              "Science and Technology Park", "Industrial Transfer Park", "Logistics Park", "Industrial Zone")
SURNAMES = "Chen Li Wang Zhang Liu Huang Zhou Wu Xu Sun Ma Zhu Hu Guo He Lin Luo Liang Song Zheng Xie Han Tang".split()
KINDS = (("report", 30), ("news", 25), ("investment", 25), ("chain", 15), ("boilerplate", 5))


# ---------------------------------------------------------------------------------------------- reference


@dataclass(frozen=True)
class Place:
    label: str
    type: str  # City, County, Town
    parent: str  # label of the region it lies in ("" for a city)


@dataclass(frozen=True)
class World:
    """What the documents draw on: real places and industries, and words never to invent."""

    cities: tuple[Place, ...]
    counties: tuple[Place, ...]
    towns: dict[str, tuple[Place, ...]]  # county label -> its towns (the gazetteer lists some counties')
    industries: tuple[str, ...]
    clusters: tuple[tuple[str, str, tuple[str, ...]], ...]  # (sector label, pillar/emerging, its industries)
    banned: frozenset[str]  # lower-case words an invented name must not be


def _en(graph: rdflib.Graph, node, prop) -> str:
    labels = sorted(str(o) for o in graph.objects(node, prop) if getattr(o, "language", None) == "en")
    return labels[0] if labels else ""


@lru_cache(maxsize=1)
def load_world() -> World:
    """Read the gazetteer and the industry vocabulary with rdflib (independently of kg's own loader, so the
    generator does not move when kg's internals do), and the words the seeds capitalise."""
    gaz = rdflib.Graph().parse(ONTOLOGY / "gazetteer.ttl")
    label = {s: _en(gaz, s, rdflib.RDFS.label) for s in gaz.subjects(rdflib.RDF.type, None)}

    def places(kind: str) -> list[Place]:
        found = []
        for s in gaz.subjects(rdflib.RDF.type, KG[kind]):
            parent = gaz.value(s, KG.locatedIn)
            found.append(Place(label[s], kind, label.get(parent, "") if kind != "City" else ""))
        return sorted(found, key=lambda p: (p.parent, p.label))

    towns: dict[str, list[Place]] = {}
    for town in places("Town"):
        towns.setdefault(town.parent, []).append(town)
    voc = rdflib.Graph().parse(ONTOLOGY / "industries.ttl")
    industries = sorted({_en(voc, c, SKOS.prefLabel) for c in voc.subjects(rdflib.RDF.type, SKOS.Concept)})
    industries = [i for i in industries if i and i[0].islower() and len(i.split()) <= 4 and re.fullmatch(r"[a-z -]+", i)]
    clusters = load_clusters(voc)
    banned = {w.lower() for w in label.values() for w in re.findall(r"[A-Za-z]+", w)}
    for path in sorted(SEEDS.glob("*")):
        banned.update(w.lower() for w in re.findall(r"\b[A-Z][A-Za-z]+", path.read_text(encoding="utf-8")))
    lexicon = json.loads((ONTOLOGY / "lexicon.json").read_text(encoding="utf-8"))
    banned.update(lexicon["pinyin_english"], lexicon["chinese_surnames"])
    return World(tuple(places("City")), tuple(places("County")), {k: tuple(v) for k, v in towns.items()},
                 tuple(industries), clusters, frozenset(banned))


def load_clusters(voc: rdflib.Graph) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The 20 sector concepts (kg:sectorOf), pillar or emerging as the vocabulary's section comments say
    ("Pillar cluster 4: automotive"), each with the industries right under it."""
    text = (ONTOLOGY / "industries.ttl").read_text(encoding="utf-8")
    kinds = {m.group(2).strip(): m.group(1).lower()
             for m in re.finditer(r"^# -+ (Pillar|Emerging) cluster \d+: ([^(\n]+)", text, re.MULTILINE)}
    out = []
    for sector in voc.subjects(KG.sectorOf, None):
        name = _en(voc, sector, SKOS.prefLabel)
        narrower = sorted(_en(voc, c, SKOS.prefLabel) for c in voc.subjects(SKOS.broader, sector))
        out.append((name, kinds.get(name, "pillar"), tuple(n for n in narrower if n)))
    return tuple(sorted(out, key=lambda c: (c[1] != "pillar", c[0])))


# ---------------------------------------------------------------------------------------------- entities


@dataclass(eq=False)  # compared and hashed by identity
class Park:
    name: str
    county: str
    town: str = ""
    documents: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Enterprise:
    brand: str
    head: str
    heads: tuple[str, ...]  # spellings of the industry word: "Motors", "Auto" ...
    form: str
    prefix: str  # "Guangdong" or the home city, before the full registered name
    industry: str
    county: str
    park: str = ""
    documents: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.prefix} {self.brand} {self.head} {self.form}"

    def short_name(self, rng: random.Random) -> str:
        return f"{self.brand} {rng.choice(self.heads)}"


def article(phrase: str) -> str:
    """The phrase with its indefinite article: "an intelligent robotics", "a copper"."""
    return ("an " if phrase[:1] in "aeiou" else "a ") + phrase



def head_words(industry: str) -> tuple[str, ...]:
    for words, heads in HEADS:
        if any(w in industry for w in words):
            return heads
    return ("Technology",)


class Registry:
    """Invented names (unique across enterprises and parks) and everything named so far, for recurrence."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.world = world
        self.rng = rng
        self.used: set[str] = set()
        self.enterprises: list[Enterprise] = []
        self.by_county: dict[str, list[Enterprise]] = {}
        self.parks: dict[str, list[Park]] = {}
        self.relations: set[tuple[str, str, str]] = set()

    def word(self) -> str:
        """A new pinyin word of two or three syllables: no place, seed, surname or earlier invented word."""
        while True:
            n = 2 if self.rng.random() < 0.3 else 3
            w = "".join(self.rng.choice(SYLLABLES) for _ in range(n))
            if w not in self.used and w not in self.world.banned and len(set(w)) > 3:
                self.used.add(w)
                return w.capitalize()

    def park(self, county: Place, doc: str) -> Park:
        """One of the county's parks: an earlier one half the time once it has a few."""
        parks = self.parks.setdefault(county.label, [])
        if len(parks) >= 3 and self.rng.random() < 0.6 or len(parks) >= 40:
            park = self.rng.choice(parks)
        else:
            towns = self.world.towns.get(county.label, ())
            town = self.rng.choice(towns).label if towns and self.rng.random() < 0.7 else ""
            park = Park(f"{self.word()} {self.rng.choice(PARK_HEADS)}", county.label, town)
            parks.append(park)
            self.relate(park.name, "locatedIn", town or county.label)
        if doc not in park.documents:
            park.documents.append(doc)
        return park

    def enterprise(self, county: Place, city: Place, doc: str, recur: float = 0.3) -> Enterprise:
        """An enterprise of the county: a known one with probability `recur`, else a new one."""
        known = self.by_county.get(county.label, [])
        if known and self.rng.random() < recur:
            e = self.rng.choice(known)
        elif self.enterprises and self.rng.random() < recur / 6:
            e = self.rng.choice(self.enterprises)  # an investor from elsewhere
        else:
            industry = self.rng.choice(self.world.industries)
            heads = head_words(industry)
            form = self.rng.choice(FORMS)
            e = Enterprise(self.word(), heads[0], heads, form, self.rng.choice(("Guangdong", city.label)),
                           industry, county.label)
            self.enterprises.append(e)
            known.append(e)
            self.by_county[county.label] = known
        if doc not in e.documents:
            e.documents.append(doc)
        return e

    def relate(self, subject: str, predicate: str, obj: str) -> None:
        self.relations.add((subject, predicate, obj))


# ---------------------------------------------------------------------------------------------- sentences


class Writer:
    """Sentences about one document's county, recording in the registry what each states."""

    def __init__(self, reg: Registry, county: Place, city: Place, doc: str) -> None:
        self.reg, self.rng, self.county, self.city, self.doc = reg, reg.rng, county, city, doc
        self.named: list[Enterprise] = []  # the enterprises this document names, in order

    def name(self, e: Enterprise) -> str:
        """How a sentence names the enterprise: the registered name, or a short name in a variant spelling."""
        name = e.full_name if self.rng.random() < 0.3 else e.short_name(self.rng)
        if name not in e.names:
            e.names.append(name)
        return name

    def firm(self) -> Enterprise:
        """An enterprise to write about: one the document named already (a longer document comes back to its
        enterprises) or one of the county's."""
        if len(self.named) > 2 and self.rng.random() < 0.4:
            return self.rng.choice(self.named)
        e = self.reg.enterprise(self.county, self.city, self.doc)
        self.named.append(e)
        return e

    def amount(self) -> str:
        if self.rng.random() < 0.5:
            return f"{self.rng.randint(10, 300) / 10:.1f} billion yuan".replace(".0 billion", " billion")
        return f"{self.rng.randrange(50, 950, 10)} million yuan"

    def industry(self) -> str:
        return self.rng.choice(self.reg.world.industries)

    def person(self) -> str:
        """A Chinese name (surname and a one- or two-syllable given name): not an enterprise."""
        given = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(1, 2)))
        return f"{self.rng.choice(SURNAMES)} {given.capitalize()}"

    def town_or_county(self) -> str:
        towns = self.reg.world.towns.get(self.county.label, ())
        return self.rng.choice(towns).label if towns else self.county.label

    # Each kind of sentence picks its template first and names only what that template names: a name
    # recorded for a template not written would be a "missed" enterprise in truth.json.

    def investment(self) -> str:
        e, park = self.firm(), self.reg.park(self.county, self.doc)
        self.reg.relate(e.full_name, "investsIn", park.name)
        name, amount, what = self.name(e), self.amount(), article(e.industry)
        verb = self.rng.choice(("plans to invest", "will invest", "signed an agreement to invest",
                                "has invested"))
        where = f"{park.name} in {park.town}" if park.town and self.rng.random() < 0.5 else park.name
        return self.rng.choice((
            f"{name} {verb} {amount} in the construction of {what} project in the {where}.",
            f"{name} {verb} {amount} to build {what} production base in {where}, which is expected to be put "
            f"into production next year.",
            f"The {e.industry} project of {name}, with a total investment of {amount}, settled in the "
            f"{park.name}.",
        ))

    def located(self) -> str:
        e, park = self.firm(), self.reg.park(self.county, self.doc)
        e.park = e.park or park.name
        self.reg.relate(e.full_name, "locatedIn", park.name)
        town = f" in {park.town}" if park.town else ""
        if self.rng.random() < 0.25:
            other = self.firm()
            if other is not e:
                self.reg.relate(other.full_name, "locatedIn", park.name)
                return (f"Enterprises in the {park.name} such as {self.name(e)} and {self.name(other)} expanded "
                        f"production.")
        self.reg.relate(e.full_name, "inIndustry", e.industry)
        name = self.name(e)
        return self.rng.choice((
            f"{name} settled in the {park.name}{town} and mainly produces {e.industry}.",
            f"{name}, located in the {park.name}{town}, is a leading manufacturer of {e.industry}.",
        ))

    def chain_master(self) -> str:
        e = self.firm()
        industry = e.industry if self.rng.random() < 0.7 else self.industry()
        self.reg.relate(e.full_name, "chainMasterOf", industry)
        name = self.name(e)
        return self.rng.choice((
            f"{name}, the chain master of the {industry} industry chain, reported on the progress of its "
            f"projects.",
            f"We will support {name} as the chain master enterprise of the {industry} industry chain to "
            f"attract upstream and downstream supporting enterprises.",
            f"The {industry} industry chain led by {name} added {self.rng.randint(3, 40)} supporting enterprises "
            f"this year.",
        ))

    def supplies(self) -> str:
        a, b = self.firm(), self.firm()
        while b is a:
            b = self.firm()
        self.reg.relate(a.full_name, "supplies", b.full_name)
        supplier, customer, amount = self.name(a), self.name(b), self.amount()
        return self.rng.choice((
            f"{supplier} supplies {a.industry} to {customer}.",
            f"{supplier} plans to invest {amount} in {article(a.industry)} project as a supporting project for "
            f"{customer}.",
        ))

    def listing(self) -> str:
        firms = [self.firm() for _ in range(self.rng.randint(2, 4))]
        names = [self.name(e) for e in dict.fromkeys(firms)]
        listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        industry = self.industry()
        return self.rng.choice((
            f"Support leading enterprises such as {listed} to expand their local R&D, production and sales "
            f"links, and promote the development of the {industry} industry.",
            f"{listed} and other enterprises were rated as provincial specialized and new \"little giant\" "
            f"enterprises in the {industry} industry.",
        ))

    def policy(self) -> str:
        a, b, place = self.industry(), self.industry(), self.town_or_county()
        value, growth = self.rng.randint(20, 900), self.rng.randint(20, 199) / 10
        return self.rng.choice((
            f"Consolidate and upgrade the {a} industry, and accelerate the cultivation of the {b} industry "
            f"cluster in {self.county.label}.",
            f"The total industrial output value above the designated size of {self.county.label} exceeded "
            f"{value} billion yuan, an increase of {growth}%.",
            f"Focus on developing {a} and {b}, and comprehensively improve the resilience of the industrial "
            f"chain and supply chain.",
            f"{place} will strengthen the guidance of industrial factors and build "
            f"{article(a)} industrial base.",
        ))

    def prose(self) -> str:
        """A sentence of the kind that fills most of a real report: no enterprise, park or place."""
        return self.rng.choice((
            "We will further deepen the reform of streamlining administration, delegating powers and improving "
            "services, and continuously optimize the market-oriented, law-based and international business "
            "environment.",
            "Adhere to the problem-oriented and goal-oriented approach, strengthen overall planning and "
            "coordination, and ensure that all tasks are implemented.",
            f"The number of market entities increased by {self.rng.randint(3, 15)}.{self.rng.randint(0, 9)}% "
            "year-on-year, and the vitality of the private economy was further stimulated.",
            "Strengthen the guarantee of land, energy, capital and talent, and help enterprises solve practical "
            "difficulties in production and operation.",
            f"Fixed asset investment grew by {self.rng.randint(2, 19)}.{self.rng.randint(0, 9)}%, of which "
            "industrial investment accounted for more than one third.",
            "Implement the talent project, improve the service mechanism for high-level talents, and build a "
            "highland for gathering innovative talents.",
            "We will resolutely fight against pollution, and the ecological environment will continue to "
            "improve.",
        ))

    def sentences(self, n: int, mix: dict[str, int]) -> list[str]:
        kinds = list(mix)
        return [getattr(self, k)() for k in self.rng.choices(kinds, weights=[mix[k] for k in kinds], k=n)]


# ---------------------------------------------------------------------------------------------- documents


def date(rng: random.Random) -> str:
    return f"{rng.randint(2021, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def grow(lines: list[str], size: int, more) -> list[str]:
    """The lines, with blocks from `more()` appended until they make about `size` characters."""
    while sum(len(line) + 1 for line in lines) < size:
        lines += more()
    return lines


def report(w: Writer, size: int) -> str:
    rng = w.rng
    headings = ["Accelerate the construction of a modern industrial system",
                "Promote the high-quality development of the manufacturing industry",
                "Strengthen investment promotion and project construction",
                "Optimize the business environment and serve enterprises",
                "Build a modern industrial park system", "Consolidate the foundation of the real economy"]
    lines = [f"Government Work Report of {w.county.label}", "",
             f"Released by {w.county.label} {date(rng)} {rng.randint(8, 22)}:{rng.randint(0, 59):02d} Guangdong", ""]
    order = rng.sample(headings, len(headings))
    sections = iter(range(1, 1000))

    def section() -> list[str]:
        k = next(sections)
        heading = order[(k - 1) % len(order)]
        body = " ".join(w.sentences(4, {"prose": 5, "policy": 2, "listing": 2, "investment": 1}))
        items = w.sentences(3, {"investment": 2, "located": 2, "chain_master": 1, "policy": 1, "prose": 2})
        return [f"{k:02d} {heading}", "", body, "", *(f"({i}) {s}" for i, s in enumerate(items, 1)), ""]

    return "\n".join(grow(lines, size, section)) + "\n"


def news(w: Writer, size: int) -> str:
    rng = w.rng
    title = f"{w.county.label} builds {article(w.industry())} industry cluster"
    lines = [title, "Release Time:", f"{date(rng)} {rng.randint(8, 22)}:{rng.randint(0, 59):02d}"]

    def paragraph() -> list[str]:
        mix = {"located": 3, "supplies": 2, "investment": 2, "policy": 2, "listing": 1, "prose": 8}
        return [" ".join(w.sentences(rng.randint(2, 3), mix))]

    return "\n".join(grow(lines, size, paragraph)) + "\n"


def investment(w: Writer, size: int) -> str:
    rng = w.rng
    park = w.reg.park(w.county, w.doc)
    lines = [f"{park.name} signs projects with a total investment of {w.amount()}", "",
             f"On {date(rng)}, a project signing ceremony was held in {w.county.label}, {w.city.label}.",
             "Among them:"]
    items = iter(range(1, 1000))

    def item() -> list[str]:
        return [f"{next(items)}. {s}" for s in w.sentences(1, {"investment": 4, "supplies": 1})] + \
            w.sentences(1, {"prose": 2, "policy": 1})

    return "\n".join(grow(lines, size, item)) + "\n"


def chain(w: Writer, size: int) -> str:
    rng = w.rng
    leaders = ", ".join(w.person() for _ in range(3))
    lines = [f"{w.county.label} held a work conference on the \"Chain Master System\"", "",
             f"On {date(rng)}, {w.county.label} held a work conference on promoting high-quality development of "
             f"industry clusters through the \"Chain Master System\". District leaders {leaders} attended the "
             f"meeting.", ""]
    return "\n".join(grow(lines, size, lambda: w.sentences(2, {"chain_master": 3, "supplies": 1, "listing": 1, "prose": 4}))) + "\n"


def boilerplate(w: Writer, size: int) -> str:
    rng = w.rng
    return "\n".join([
        f"Notice of the People's Government of {w.county.label}",
        f"Release Time: {date(rng)}",
        f"Source: {w.city.label} Municipal People's Government website. Editor: {w.person()}.",
        "Scan the QR code to follow the official WeChat public account for more government information.",
        f"Copyright {w.city.label} Municipal People's Government. All rights reserved. Best viewed at a "
        f"resolution of 1920x1080.",
    ]) + "\n"


def plan(w: Writer, size: int) -> str:
    """The provincial plan of the strategic clusters, in the style of seeds/002: kg reads the clusters, their
    scope and their centres from it (a corpus without one has no clusters to query)."""
    rng = w.rng
    cities = [c.label for c in w.reg.world.cities]
    lines = ["Guangdong Province will cultivate strategic pillar and emerging industry clusters", "Release Time:",
             date(rng),
             "The Guangdong Provincial People's Government has proposed opinions on cultivating and developing "
             "strategic pillar industry clusters and strategic emerging industry clusters.", "The full text is as follows:"]
    for kind, section in (("pillar", "(1) Ten strategic pillar industry clusters."),
                          ("emerging", "(2) Ten strategic emerging industry clusters.")):
        lines.append(section)
        for k, (name, _, industries) in enumerate([c for c in w.reg.world.clusters if c[1] == kind], 1):
            scope = rng.sample(industries, min(3, len(industries))) or [name]
            centres = rng.sample(cities, 3)
            lines.append(f"{k}. {name[0].upper() + name[1:]} industry cluster. Focus on developing industries such as "
                         f"{', '.join(scope[:-1]) + ' and ' if len(scope) > 1 else ''}{scope[-1]}. Build an "
                         f"industrial layout centered on {centres[0]}, {centres[1]} and {centres[2]}. Form a "
                         f"domestically leading {name} industry cluster.")
    return "\n".join(lines) + "\n"


def footer(w: Writer) -> str:
    """The footer of the website that published the document: the provincial portal (two documents in five)
    or the county's government site (two in five, with the address in one of its towns where the gazetteer
    lists them), or none. Every document of a site repeats it."""
    roll = w.rng.random()
    if roll < 0.4:
        return ("Sponsored by the General Office of the Guangdong Provincial People's Government. Address: No. 305 "
                "Dongfeng Middle Road, Yuexiu District, Guangzhou. Guangdong ICP No. 05070829.\n")
    if roll < 0.8:
        towns = w.reg.world.towns.get(w.county.label, ())
        town = f"{towns[0].label}, " if towns else ""
        return (f"Sponsored by the People's Government of {w.county.label}. Address: Government Building, "
                f"{town}{w.county.label}, {w.city.label}. Technical support: {w.city.label} Information Center.\n")
    return ""


WRITERS = {"report": report, "news": news, "investment": investment, "chain": chain, "boilerplate": boilerplate, "plan": plan}


def pick_county(world: World, rng: random.Random) -> tuple[Place, Place]:
    """A county for the document to be about (counties with towns in the gazetteer half the time), and its city."""
    with_towns = [c for c in world.counties if c.label in world.towns]
    county = rng.choice(with_towns if rng.random() < 0.5 else world.counties)
    city = next(c for c in world.cities if c.label == county.parent)
    return county, city


def generate(n: int, seed: int, out_dir: Path | str, kb: float = 4.0) -> dict:
    """Write `n` documents of about `kb` KB each on average to OUT/docs/ and OUT/truth.json; returns the truth.
    Same `n`, `seed` and `kb`, same bytes."""
    out = Path(out_dir)
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for old in docs.glob("*.txt"):
        old.unlink()
    world = load_world()
    rng = random.Random(seed)
    reg = Registry(world, rng)
    kinds = [k for k, _ in KINDS]
    weights = [wt for _, wt in KINDS]
    width = max(5, len(str(n)))
    for i in range(n):
        kind = "plan" if i == 0 else rng.choices(kinds, weights=weights)[0]
        name = f"{i:0{width}d}_{kind}.txt"
        county, city = pick_county(world, rng)
        w = Writer(reg, county, city, name)
        # a document's length varies around the mean; boilerplate notices stay short
        size = int(kb * 1000 * rng.uniform(0.6, 1.3))
        text = (WRITERS[kind](w, size) + footer(w)).replace("Ltd..", "Ltd.")
        (docs / name).write_text(text, encoding="utf-8", newline="\n")
    truth = truth_of(reg, n, seed)
    (out / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                    encoding="utf-8", newline="\n")
    return truth


def truth_of(reg: Registry, n: int, seed: int) -> dict:
    named = [e for e in reg.enterprises if e.names]  # one only ever in a skipped supply is never written
    return {
        "seed": seed,
        "documents": n,
        "enterprises": [{"name": e.full_name, "brand": e.brand, "names": e.names, "industry": e.industry,
                         "county": e.county, "park": e.park, "documents": e.documents} for e in named],
        "parks": [{"name": p.name, "county": p.county, "town": p.town, "documents": p.documents}
                  for parks in reg.parks.values() for p in parks],
        "relations": sorted(list(r) for r in reg.relations),
    }


def found(labels: Iterable[str], truth: dict, kind: str = "enterprises") -> tuple[int, int]:
    """How many of the truth's enterprises (or parks) some label of the graph names, of how many.

    An enterprise counts as found when a label has its brand as a word (the graph may label it
    "Hengtai New Energy" or "Guangdong Hengtai New Energy Technology Co., Ltd."); brands are unique and
    invented, so a label with the brand is that enterprise. A park counts when a label is its name."""
    if kind == "parks":
        names = {label.lower() for label in labels}
        wanted = [p["name"].lower() for p in truth["parks"]]
        return sum(1 for w in wanted if w in names), len(wanted)
    words = {w for label in labels for w in re.findall(r"[a-z]+", label.lower())}
    wanted = [e["brand"].lower() for e in truth["enterprises"]]
    return sum(1 for w in wanted if w in words), len(wanted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="how many documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kb", type=float, default=4.0, help="mean document size in KB")
    parser.add_argument("--out", type=Path, required=True, help="writes OUT/docs/*.txt and OUT/truth.json")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    truth = generate(args.docs, args.seed, args.out, args.kb)
    size = sum(p.stat().st_size for p in (args.out / "docs").glob("*.txt"))
    print(f"{args.docs} documents, {size / 1e6:.1f} MB, {len(truth['enterprises'])} enterprises, "
          f"{len(truth['parks'])} parks, {len(truth['relations'])} relations in {args.out} "
          f"({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
