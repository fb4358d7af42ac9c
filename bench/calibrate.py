"""Calibrate the confidence of the relation rules on development gold (issue 13: statements at >= 0.8 are
>= 90% correct there).

Builds the graph of each development corpus in-process, records which rule gave each piece of evidence and how
(stated / inferred), matches the graph to the gold with the gold's own scorer (`score.py`: its entity matching
and its notion of a correct relation), and sets each (rule, derivation)'s confidence to a cautious estimate of
its precision: the lower end of the Wilson interval (z = 1) of correct / made. Rules with too few statements to
say keep the prior (`default`). With --write the table goes into ontology/lexicon.json (`rule_confidence`).

usage:  python bench/calibrate.py --scorer ../shared/dev-eval/score.py \\
            --set ../shared/dev-eval/docs ../shared/dev-eval/gold_dev.json \\
            --set ../shared/dev-eval/unseen ../shared/dev-eval/gold_unseen.json [--write]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build.pipeline import extract_graph  # noqa: E402
from kg.ingest import read_corpus  # noqa: E402
from kg.link.relations.context import LinkContext  # noqa: E402
from kg.publish import rdf  # noqa: E402
from kg.reference import load_reference  # noqa: E402

# Fewer statements than this: the rule keeps the default confidence.
MIN_STATEMENTS = 3
Z = 1.0


def wilson_lower(correct: int, n: int, z: float = Z) -> float:
    if n == 0:
        return 0.0
    p = correct / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("dev_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record_rules():
    """Wrap LinkContext.relate so every relation it adds is recorded with its rule and derivation."""
    made: list[tuple[str, str, str, str, str]] = []
    original = LinkContext.relate

    def relate(self, rels, sentence, rule, subject, predicate, obj, amount=None):
        made.append((rule, self.evidence(sentence, rule, subject, obj).derivation, subject, predicate, obj))
        return original(self, rels, sentence, rule, subject, predicate, obj, amount)

    setattr(LinkContext, "relate", relate)  # noqa: B010 (patched for the measurement only)
    return made


def outcomes(scorer, docs: Path, gold: Path) -> list[tuple[str, str, bool]]:
    """(rule, derivation, correct) for every relation a rule made on one corpus."""
    made = record_rules()
    documents, _ = read_corpus(docs)
    graph = extract_graph(documents)
    with tempfile.TemporaryDirectory() as tmp:
        nt = Path(tmp) / "kg.nt"
        nt.write_text("".join(f"{s} .\n" for s, _ in rdf.statements(graph, load_reference(), ontology=False)),
                      encoding="utf-8")
        sys_ents, _ = scorer.load_system(str(nt))
    gold_ents, gold_rels = scorer.load_gold([str(gold)], None)
    m, _ = scorer.match(sys_ents, gold_ents)
    by_iri = {str(node): gid for node, gid in m.items()}
    correct_any = {(s, p, o) for s, p, o, _ in gold_rels}
    out = []
    for rule, derivation, s, p, o in made:
        key = scorer.PRED.get(p)
        if key is None:
            continue  # a predicate the gold does not annotate
        ok = (by_iri.get(s), key, by_iri.get(o)) in correct_any
        out.append((rule, derivation, ok))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scorer", type=Path, required=True)
    ap.add_argument("--set", nargs=2, action="append", metavar=("DOCS", "GOLD"), required=True)
    ap.add_argument("--write", action="store_true", help="write the table into ontology/lexicon.json")
    a = ap.parse_args()
    scorer = load_scorer(a.scorer)
    counts: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    for docs, gold in a.set:
        seen = set()
        for rule, derivation, ok in outcomes(scorer, Path(docs), Path(gold)):
            counts[(rule, derivation)][0] += ok
            counts[(rule, derivation)][1] += 1
            seen.add((rule, derivation))
    lexicon_path = ROOT / "ontology" / "lexicon.json"
    data = json.loads(lexicon_path.read_text(encoding="utf-8"))
    default = data["rule_confidence"]["default"]
    table: dict[str, dict[str, float]] = {"default": default}
    print(f"{'rule':24s} {'derivation':10s} {'correct':>7s} {'made':>5s} {'confidence':>10s}")
    for (rule, derivation), (correct, n) in sorted(counts.items()):
        confidence = round(wilson_lower(correct, n), 2) if n >= MIN_STATEMENTS else default[derivation]
        table.setdefault(rule, {})[derivation] = confidence
        print(f"{rule:24s} {derivation:10s} {correct:7d} {n:5d} {confidence:10.2f}")
    # the check the issue asks for: how often statements at >= 0.8 are right
    high = [(correct, n) for (rule, derivation), (correct, n) in counts.items()
            if table[rule][derivation] >= 0.8]
    right, total = sum(c for c, _ in high), sum(n for _, n in high)
    print(f"statements at >= 0.8: {right}/{total} correct ({right / total:.0%})" if total else "none at >= 0.8")
    if a.write:
        data["rule_confidence"] = table
        lexicon_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote rule_confidence to {lexicon_path}")


if __name__ == "__main__":
    main()
