"""The README's screenshots of the views, taken in headless Chromium from a build of the bundled seeds:
the whole graph at its fitted zoom, an enterprise's page, a document's page opened at a sentence, and a
county's page.

    python bench/screenshots.py [--graph output] [--out docs]

Needs Chromium at /usr/bin/chromium and `pip install playwright`; Chinese names need a CJK font
(Debian: fonts-wqy-microhei).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def search_data(graph: Path) -> dict:
    data = (graph / "assets" / "search-data.js").read_text(encoding="utf-8")
    return json.loads(data.split("window.kgSearchData = ", 1)[1].rstrip().rstrip(";"))


def page_of(graph: Path, label: str) -> str:
    """The page of the entity with this label (from the build's search data)."""
    return next(row[4] for row in search_data(graph)["entities"] if row[0] == label)


def first_sentence(graph: Path, enterprise_page: str) -> str:
    """The document page and sentence of the first evidence of the enterprise's relations (an industry first)."""
    text = (graph / enterprise_page).read_text(encoding="utf-8")
    edges = json.loads(re.search(r'id="kg-edges">(.*?)</script>', text, re.S).group(1))
    documents = dict(search_data(graph)["documents"])
    ev = next(ev for e in sorted(edges, key=lambda e: e["relation"] != "inIndustry") for ev in e["evidence"]
              if "start" in ev)
    return f"{documents[ev['doc']]}#c{ev['start']}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", type=Path, default=Path("output"), help="a build of the seeds (kg build --out)")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    jintian = page_of(args.graph, "Jintian Copper")
    shots = {"overview.png": "kg.html", "enterprise.png": jintian, "document.png": first_sentence(args.graph, jintian),
             "sihui.png": page_of(args.graph, "Sihui")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, page in shots.items():
            tab = browser.new_page(viewport={"width": 1280, "height": 800})
            file, _, fragment = page.partition("#")
            tab.goto((args.graph / file).resolve().as_uri() + (f"#{fragment}" if fragment else ""))
            tab.wait_for_selector("body[data-ready]")
            tab.wait_for_timeout(300)
            tab.screenshot(path=str(args.out / name))
            print(f"wrote {args.out / name} ({page})")
            tab.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
