"""Chinese extraction speed: characters of Chinese text extracted per second on one core (issue 15 asks for at
least 200,000).

Times `kg.extract.extract_document` (normalisation, sentences, regions, industries, clusters, parks, enterprises
and their English renderings) over Chinese documents in this one process, after the matchers are built (once
per build, before worker processes fork: timed apart). The documents are either a folder given with --docs, or
synthetic ones written here from templates of report and news sentences, with real places (the gazetteer's
Chinese names) and industries (the vocabulary's) and invented enterprises and parks (trade names drawn from
common name characters, so none is a real company's).

    python bench/zh_speed.py                      # 400 synthetic documents of about 1,200 characters
    python bench/zh_speed.py --docs DIR --repeat 20
    python bench/zh_speed.py --warmup 0           # the first documents of a build, memories empty
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import build_matchers, extract_document  # noqa: E402
from kg.ingest import read_corpus  # noqa: E402
from kg.model import Document  # noqa: E402
from kg.reference import load_lexicon, load_reference  # noqa: E402

# Characters common in Chinese trade names (字号): two of them make an invented trade name.
NAME_CHARACTERS = "华泰鸿凯瑞丰恒达博远昊天启明晟川鑫隆宏粤海嘉兴盛源通宝德信安康永新荣汇金银星辰润佳和盈创锦"
HEADS = ["科技", "汽车", "电子", "新材料", "铜业", "电源", "动力", "食品", "化工", "智能"]
FORMS = ["有限公司", "股份有限公司", "集团"]
PARK_HEADS = ["产业园", "高新区", "工业园", "产业城", "科技园"]
TEMPLATES = [
    "近年来，{county}加快发展{ind1}、{ind2}、{ind3}等新兴产业，做精做优{ind4}等特色产业。",
    "{company}于{year}年落户{county}{town}，总投资超{amount}亿元建设{ind1}生产基地。",
    "推进{brand1}、{brand2}等一批{ind2}企业增资扩产，支持{brand3}{head}做大做强。",
    "{park}举行重点项目集中签约仪式，共有{n}个项目签约，总投资额超{amount}亿元。",
    "签约项目主要集中在{ind1}、{ind3}等领域，包括{brand1}{head}一级供应商{company}投资的{ind2}项目。",
    "相继引进{brand1}{head}、{brand2}{head}两大龙头链主企业，带动{ind1}产业链上下游集聚发展。",
    "{city}{county}{ind4}产业集群位于{county}{town}，集群内企业{n}家，实现产值{amount}亿元。",
    "工业兴则百业兴，工业强则县域强，{county}坚持制造业当家，推动经济高质量发展。",
]


def synthetic(n: int, seed: int) -> list[Document]:
    reference = load_reference()
    rng = random.Random(seed)
    counties = sorted((r for r in reference.regions.values() if r.type == "County"), key=lambda r: r.iri)
    towns = sorted((r for r in reference.regions.values() if r.type == "Town"), key=lambda r: r.iri)
    industries = sorted(c.label_zh for c in reference.concepts.values() if len(c.label_zh) >= 2)

    def brand() -> str:
        return "".join(rng.sample(NAME_CHARACTERS, 2))

    documents = []
    for k in range(n):
        county = rng.choice(counties)
        town = rng.choice([t for t in towns if t.parent == county.iri] or towns)
        city = reference.regions[county.parent or ""].label_zh if county.parent in reference.regions else ""
        sentences = []
        while sum(map(len, sentences)) < 1200:
            values = {
                "county": county.label_zh, "town": town.label_zh, "city": city,
                "ind1": rng.choice(industries), "ind2": rng.choice(industries), "ind3": rng.choice(industries),
                "ind4": rng.choice(industries), "brand1": brand(), "brand2": brand(), "brand3": brand(),
                "head": rng.choice(HEADS), "company": brand() + rng.choice(HEADS) + rng.choice(FORMS),
                "park": county.label_zh[:2] + brand() + rng.choice(PARK_HEADS), "year": rng.randint(2015, 2024),
                "amount": rng.choice(["4.5", "10", "20", "50", "120"]), "n": rng.randint(3, 80),
            }
            sentences.append(rng.choice(TEMPLATES).format(**values))
        text = "\n".join(sentences)
        documents.append(Document(f"{k:04d}.txt", text, f"{k:064d}"))
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, help="a folder of Chinese documents (default: synthetic ones)")
    parser.add_argument("--n", type=int, default=400, help="synthetic documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="extract the documents this many times")
    parser.add_argument("--warmup", type=int, default=50,
                        help="synthetic documents (of another seed) extracted first, untimed: a build reads "
                             "thousands of documents, and the first ones fill the per-word memories")
    args = parser.parse_args(argv)

    documents = read_corpus(args.docs)[0] if args.docs else synthetic(args.n, args.seed)
    started = time.perf_counter()
    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    built = time.perf_counter() - started
    for doc in synthetic(args.warmup, args.seed + 1000) if args.warmup else ():
        extract_document(doc, reference, matchers)
    characters = sum(len(d.text) for d in documents) * args.repeat
    # CPU time of this process: the rate per core, whatever else the machine runs meanwhile
    started, wall = time.process_time(), time.perf_counter()
    mentions = 0
    for _ in range(args.repeat):
        for doc in documents:
            extraction = extract_document(doc, reference, matchers)
            mentions += len(extraction.mentions)
    seconds, wall = time.process_time() - started, time.perf_counter() - wall
    print(f"matchers built once in {built:.2f} s (English and Chinese; before workers fork)")
    print(f"{len(documents) * args.repeat} documents, {characters:,} characters, {mentions:,} mentions "
          f"in {seconds:.2f} s of CPU ({wall:.2f} s wall): {characters / seconds:,.0f} characters per second "
          f"per core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
