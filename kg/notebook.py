"""Small helpers for Jupyter notebooks: query answers as HTML tables (no pandas needed) and the interactive
pages `kg.publish.views` writes shown inline.

Both return objects with a `_repr_html_` method, which Jupyter renders as HTML when a cell ends with them (or
through `IPython.display.display`); outside a notebook their `repr` is plain text.

    >>> table(run_query(store, "SELECT ?c WHERE { ?c a kg:Cluster }"), max_rows=5)   # doctest: +SKIP
    >>> page("output/region/sihui.html")                                              # doctest: +SKIP
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.read.query import QueryResult, display, render

if TYPE_CHECKING:
    from kg.read.paths import PathAnswer

MAX_ROWS = 20
_CELL = "text-align:left;vertical-align:top;white-space:normal"


@dataclass
class Table:
    """Rows shown as an HTML table: a header and rows of strings, the first `max_rows` of them."""

    header: list[str]
    rows: list[list[str]]
    max_rows: int = MAX_ROWS
    titles: list[list[str]] | None = None  # per cell: the full text shown on hover (a whole IRI), or ""

    def _repr_html_(self) -> str:
        shown = self.rows[: self.max_rows]
        titles = self.titles or [[""] * len(self.header) for _ in shown]
        head = "".join(f'<th style="{_CELL}">{html.escape(h)}</th>' for h in self.header)
        body = "".join("<tr>" + "".join(_td(c, t) for c, t in zip(row, hints)) + "</tr>"
                       for row, hints in zip(shown, titles))
        caption = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
        if len(self.rows) > len(shown):
            caption = f"first {len(shown)} of {caption}"
        return (f'<table><caption style="caption-side:bottom;text-align:left">{caption}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def __repr__(self) -> str:
        shown = self.rows[: self.max_rows]
        widths = [max([len(h)] + [len(r[i]) for r in shown]) for i, h in enumerate(self.header)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()
                 for row in [self.header, ["-" * w for w in widths], *shown]]
        if len(self.rows) > self.max_rows:
            lines.append(f"... first {self.max_rows} of {len(self.rows)} rows")
        return "\n".join(lines)


def _td(text: str, title: str) -> str:
    hover = f' title="{html.escape(title)}"' if title else ""
    return f'<td style="{_CELL}"{hover}>{html.escape(text)}</td>'


def table(result: QueryResult, max_rows: int = MAX_ROWS) -> Table:
    """A SPARQL answer (`kg.read.query.run_query`) as a table: IRIs shortened (`region:sihui`, the whole IRI on
    hover), literals as their text. An ASK answer is a one-cell table."""
    if result.kind == "ask":
        return Table(["answer"], [[render(result, "table")]], max_rows)
    rows = [[display(t) for t in row] for row in result.rows]
    titles = [[getattr(t, "value", "") if display(t) != getattr(t, "value", "") else "" for t in row]
              for row in result.rows]
    return Table(list(result.variables), rows, max_rows, titles)


def path_table(answer: PathAnswer, max_rows: int = MAX_ROWS) -> Table:
    """Every hop of the chains of a `kg.read.paths.PathAnswer`, with its evidence: the chain's number, the hop as
    the graph states it (from, relation, to), the sentence and its document (or the reference dataset)."""
    rows = [[str(n), hop.subject.label, hop.relation, hop.object.label,
             hop.evidence.text or "" if hop.evidence else "", hop.evidence.source or "" if hop.evidence else ""]
            for n, chain in enumerate(answer.paths, 1) for hop in chain]
    return Table(["chain", "from", "relation", "to", "evidence", "document"], rows, max_rows)


def query_description(path: Path | str) -> str:
    """The comment a `.rq` file opens with (what the query asks), without its `#` marks and command lines."""
    lines = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        text = line[1:].strip()
        if not text.startswith("kg "):
            lines.append(text)
    return " ".join(" ".join(lines).split())


@dataclass
class Page:
    """An HTML page shown inline, in a sandboxed frame: its scripts run, but as a page of no origin, so they
    can reach neither the notebook nor the network (the page's own Content-Security-Policy holds too)."""

    path: Path
    height: int = 600

    def _repr_html_(self) -> str:
        from kg.publish.views import inline_assets

        # a build's pages load shared code from ../assets/, which a srcdoc frame cannot reach: inline it
        source = inline_assets(self.path)
        return (f'<iframe sandbox="allow-scripts" srcdoc="{html.escape(source, quote=True)}" '
                f'style="width:100%;height:{self.height}px;border:1px solid #ddd" '
                f'title="{html.escape(self.path.name)}"></iframe>')

    def __repr__(self) -> str:
        return f"<page {self.path}>"


def page(path: Path | str, height: int = 600) -> Page:
    """A page `kg build` or `kg.publish.views` wrote (a region, cluster or enterprise page, a path page), inline.
    Links to other pages do not work inside the frame: open the file in a browser for those."""
    return Page(Path(path), height)
