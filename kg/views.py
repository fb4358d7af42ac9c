"""Stage 7: interactive HTML views of the graph (pyvis)."""

from __future__ import annotations

import html
from pathlib import Path

from pyvis.network import Network

from kg.graph import KnowledgeGraph

TYPE_STYLE = {
    "Province": ("#8c564b", "diamond"), "City": ("#d62728", "diamond"), "County": ("#ff7f0e", "diamond"),
    "Town": ("#bcbd22", "diamond"), "Park": ("#2ca02c", "square"), "Enterprise": ("#1f77b4", "dot"),
    "Industry": ("#9467bd", "triangle"), "Cluster": ("#e377c2", "star"),
}


def write_graph_page(kg: KnowledgeGraph, path: Path, title: str = "industry-kg") -> None:
    net = Network(height="900px", width="100%", directed=True, cdn_resources="remote", heading="")
    net.set_options('{"physics": {"stabilization": {"iterations": 200}}, "edges": {"smooth": false}}')
    for e in sorted(kg.entities.values(), key=lambda e: e.iri):
        colour, shape = TYPE_STYLE.get(e.type, ("#7f7f7f", "dot"))
        tip = "\n".join(x for x in [f"{e.type}: {e.label}", e.label_zh,
                                    "aliases: " + ", ".join(sorted(e.alt_labels)) if e.alt_labels else ""] if x)
        net.add_node(e.iri, label=e.label, title=tip, color=colour, shape=shape)
    for r in kg.relations:
        ev = next((x for x in r.evidence if x.is_text), None)
        tip = f"{r.predicate}\n{ev.text}\n— {ev.source}" if ev else f"{r.predicate}\n(reference data)"
        net.add_edge(r.subject, r.object, title=tip, label=r.predicate)
    page = net.generate_html()
    page = page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)
    path.write_text(page, encoding="utf-8")
