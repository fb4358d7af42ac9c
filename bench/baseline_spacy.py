"""kg's extraction side by side with a spaCy EntityRuler given the same vocabulary (issue 6).

The question is whether kg's hand-written matching (kg/mentions.py) is fast, or whether a standard tool would
do the same work faster. The baseline is what one would build with spaCy: a blank English pipeline
(`spacy.blank("en")`, tokenizer only) and an EntityRuler holding

- every English name of the gazetteer (labels and alternative labels) as a phrase pattern (REGION),
- every English label of the industry vocabulary as a phrase pattern (INDUSTRY),
- token patterns approximating kg's park rule: capitalised words + a park head of the lexicon
  ("Industrial Park", "High-tech Zone" ...) (PARK),
- token patterns approximating kg's enterprise rules: capitalised words + a company form ("Co., Ltd.",
  "Group") or an industry head ("Technology", "Motors") of the lexicon (ENTERPRISE).

Both read the vocabulary from the same place (kg.reference.load_reference, kg.reference.load_lexicon). Both
run in one process over the same texts, warm (pipelines built and run once before the clock starts); kg runs
its per-document extraction (`kg.build.pipeline.extract_documents`: sentences, mentions, cluster definitions), spaCy
`nlp.pipe(texts)`. The target of issue 6 is spaCy time / kg time >= 3.

    pip install -e '.[bench]'
    python bench/baseline_spacy.py --corpus bench/.work/corpus-1000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build.pipeline import extract_documents  # noqa: E402
from kg.extract.en import Matchers, build_matchers
from kg.ingest import read_corpus
from kg.model import Document  # noqa: E402
from kg.reference import Lexicon, Reference, load_lexicon, load_reference  # noqa: E402  # noqa: E402

TARGET = 3.0


def word_variants(word: str) -> list[str]:
    """Spellings of a lexicon word (kg keys are singular, lower case): plural, abbreviation with a dot."""
    forms = {word, word + "s", word + "es", word + "."}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    return sorted(forms)


def key_tokens(key: tuple[str, ...]) -> list[dict]:
    """Token pattern for a lexicon key: each word in any of its spellings, optional punctuation between
    ("Co., Ltd.", "High-tech")."""
    tokens: list[dict] = []
    for n, word in enumerate(key):
        if n:
            tokens.append({"IS_PUNCT": True, "OP": "?"})
        tokens.append({"LOWER": {"IN": word_variants(word)}})
    return tokens


def name_then(key: tuple[str, ...]) -> list[dict]:
    """One or more capitalised words, then the key: the shape of kg's park and enterprise names."""
    return [{"IS_TITLE": True, "OP": "+"}, *key_tokens(key)]


def patterns(reference: Reference, lexicon: Lexicon) -> list[dict]:
    """EntityRuler patterns from kg's own reference data and lexicon."""
    out: list[dict] = []
    for region in reference.regions.values():
        for label in sorted({region.label, *region.alt_labels}):
            out.append({"label": "REGION", "pattern": label})
    for concept in reference.concepts.values():
        for label in sorted({concept.label, *concept.alt_labels}):
            out.append({"label": "INDUSTRY", "pattern": label})
    for key in sorted(lexicon.park_heads):
        out.append({"label": "PARK", "pattern": name_then(key)})
    for key in sorted(lexicon.company_forms | lexicon.enterprise_heads):
        out.append({"label": "ENTERPRISE", "pattern": name_then(key)})
    return out


def build_spacy(reference: Reference, lexicon: Lexicon):
    """A blank English pipeline with one EntityRuler (phrase patterns matched case-insensitively, as kg)."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(patterns(reference, lexicon))
    return nlp


def build_tokenizer_only():
    import spacy

    return spacy.blank("en")


def time_kg(documents: list[Document], reference: Reference, matchers: Matchers) -> tuple[float, Counter]:
    started = time.perf_counter()
    extractions = extract_documents(documents, reference, matchers)
    seconds = time.perf_counter() - started
    return seconds, Counter(m.kind for x in extractions for m in x.mentions)


def time_spacy(nlp, texts: list[str]) -> tuple[float, Counter]:
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    seconds = time.perf_counter() - started
    return seconds, Counter(ent.label_.lower() for doc in docs for ent in doc.ents)


def compare(documents: list[Document], runs: int = 1) -> dict:
    """Median seconds of each over `runs`, after one warm-up run of each on a few documents."""
    reference = load_reference()
    lexicon = load_lexicon()
    matchers = build_matchers(reference, lexicon)
    nlp = build_spacy(reference, lexicon)
    texts = [d.text for d in documents]
    time_kg(documents[:20], reference, matchers)
    time_spacy(nlp, texts[:20])
    kg_times, spacy_times = [], []
    for _ in range(runs):
        seconds, kg_counts = time_kg(documents, reference, matchers)
        kg_times.append(seconds)
        seconds, spacy_counts = time_spacy(nlp, texts)
        spacy_times.append(seconds)
    kg_s, spacy_s = statistics.median(kg_times), statistics.median(spacy_times)
    # What any spaCy pipeline pays before its first component: the floor under the ruler's time.
    tokenizer = build_tokenizer_only()
    time_spacy(tokenizer, texts[:20])
    tokenizer_s, _ = time_spacy(tokenizer, texts)
    return {"documents": len(documents), "megabytes": sum(len(t.encode()) for t in texts) / 1e6,
            "kg_seconds": kg_s, "spacy_seconds": spacy_s, "tokenizer_seconds": tokenizer_s, "ratio": spacy_s / kg_s if kg_s else float("inf"),
            "kg_mentions": dict(sorted(kg_counts.items())), "spacy_entities": dict(sorted(spacy_counts.items())),
            "patterns": len(patterns(reference, lexicon))}


def report(result: dict) -> str:
    verdict = "PASS" if result["ratio"] >= TARGET else "FAIL"
    return "\n".join([
        f"{result['documents']} documents ({result['megabytes']:.1f} MB), {result['patterns']} EntityRuler patterns",
        f"kg extract_documents: {result['kg_seconds']:.2f} s  mentions {result['kg_mentions']}",
        f"spaCy nlp.pipe:       {result['spacy_seconds']:.2f} s  entities {result['spacy_entities']}",
        f"(spaCy's tokenizer alone, no ruler: {result['tokenizer_seconds']:.2f} s)",
        f"spaCy / kg = {result['ratio']:.2f} (target >= {TARGET:g}): {verdict}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "bench" / ".work" / "corpus-1000",
                        help="a directory written by bench/generate.py (its docs/), or any directory of documents")
    parser.add_argument("--docs", type=int, default=1000, help="documents to generate if --corpus does not exist")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        from generate import generate  # bench/ is on sys.path when run as a script

        generate(args.docs, args.seed, args.corpus)
    directory = args.corpus / "docs" if (args.corpus / "docs").is_dir() else args.corpus
    documents, _ = read_corpus(directory)
    print(report(compare(documents, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
