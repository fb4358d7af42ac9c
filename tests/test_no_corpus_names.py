"""No name of an enterprise or park of the bundled documents appears in the code, the reference data, the
comments or the help texts: a rule explained by the one sentence it was written for is a rule tuned to that
sentence, and a new document naming new companies must be read the same way. The names are taken from the seeds'
built graph, so a name a finder newly finds is covered too."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT

# What a user installs and reads: the package (code, templates, help texts) and the reference data.
SHIPPED = [*sorted((ROOT / "kg").rglob("*.py")), *sorted((ROOT / "kg" / "publish" / "templates").glob("*")),
           *sorted(p for p in (ROOT / "ontology").glob("*") if p.is_file())]


def corpus_names(seed_kg) -> set[str]:
    """Every label and alias of the seeds' enterprises and parks that names something on its own (at least two
    words, or one word of five letters or more)."""
    names = set()
    for e in seed_kg.entities.values():
        if e.type in ("Enterprise", "Park"):
            for label in (e.label, e.label_zh, *e.alt_labels):
                words = label.split()
                if label and (len(words) >= 2 or len(label) >= 5 or not label.isascii()):
                    names.add(label)
    return names


def test_the_seeds_name_enterprises_and_parks_to_look_for(seed_kg):
    assert len(corpus_names(seed_kg)) >= 40


def test_no_enterprise_or_park_of_the_bundled_documents_is_named_in_code_or_data(seed_kg):
    names = corpus_names(seed_kg)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in sorted(names, key=len, reverse=True)),
                         re.IGNORECASE)
    found = []
    for path in SHIPPED:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in pattern.finditer(line):
                found.append(f"{Path(path).relative_to(ROOT)}:{number}: {match.group()}")
    assert not found, "\n".join(found)
