"""notebooks/explore.ipynb runs top to bottom in a fresh kernel (so it never goes stale), and is committed
without outputs; the helpers it shows (kg.notebook) render tables and pages safely."""

from __future__ import annotations

import html
import re
import time

import nbformat
import pyoxigraph as ox
import pytest

from conftest import ROOT
from kg.notebook import Table, page, path_table, query_description, table
from kg.read.query import QueryResult

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_the_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(not c.outputs and c.execution_count is None for c in code)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook as run by a fresh kernel (its graph built into a temporary directory): cells, seconds, graph directory."""
    from nbclient import NotebookClient

    out = tmp_path_factory.mktemp("notebook-out")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_NOTEBOOK_OUT", str(out))  # the kernel inherits the environment
        started = time.perf_counter()
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
        seconds = time.perf_counter() - started
    return nb.cells, seconds, out


def outputs(cells, mime: str) -> list[str]:
    return [o["data"][mime] for c in cells if c.cell_type == "code" for o in c.outputs
            if "data" in o and mime in o["data"]]


def streams(cells) -> str:
    return "".join(o.text for c in cells if c.cell_type == "code" for o in c.outputs if o.output_type == "stream")


def test_the_notebook_runs_top_to_bottom(executed):
    cells, seconds, out = executed
    assert not [o for c in cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert (out / "store" / "CURRENT").is_file() and (out / "notebook" / "kg.graphml").is_file()
    assert seconds < 60  # about 10 s on a quiet 2-core machine (CI runs it in every build)


def test_the_notebook_shows_each_example_query_as_a_table(executed):
    cells, _, _ = executed
    headings = [m for m in outputs(cells, "text/markdown") if m.startswith("### ")]
    queries = sorted(p.name for p in (ROOT / "notebooks" / "queries").glob("*.rq"))
    assert [h.split("\n")[0][4:] for h in headings] == queries
    tables = [h for h in outputs(cells, "text/html") if h.startswith("<table>")]
    assert len(tables) >= len(headings) + 2  # each query, the question of one's own, the path's hops
    assert all("<td" in t for t in tables)  # none of them empty
    assert "Jintian Copper" in "".join(tables) and "Zhaoqing" in "".join(tables)


def test_the_notebook_follows_a_path_with_its_evidence(executed):
    cells, _, _ = executed
    text = streams(cells)
    assert "Jintian Copper —inIndustry→ copper" in text and "Advanced materials industry cluster" in text
    hops = next(t for t in outputs(cells, "text/html") if ">from</th>" in t and ">document</th>" in t)
    assert "inIndustry" in hops and "partOfCluster" in hops


def test_the_notebook_shows_views_inline_and_offline(executed):
    cells, _, _ = executed
    frames = [h for h in outputs(cells, "text/html") if h.startswith("<iframe")]
    assert len(frames) == 2
    for frame in frames:
        assert frame.startswith('<iframe sandbox="allow-scripts" srcdoc="')
        source = html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1))
        assert "default-src 'none'" in source  # the page's own policy: no request leaves it
        assert not re.search(r"""(src|href)=["']https?://""", source)  # nothing to fetch


# ---------------------------------------------------------------- kg.notebook


def test_table_escapes_and_shortens():
    result = QueryResult("select", ["entity", "name"], [
        (ox.NamedNode("https://w3id.org/industry-kg/id/region/sihui"), ox.Literal("<b>Sihui</b> & co")),
        (ox.NamedNode("https://w3id.org/industry-kg/id/region/dasha"), None),
    ])
    shown = table(result)._repr_html_()
    assert ">region:sihui<" in shown and 'title="https://w3id.org/industry-kg/id/region/sihui"' in shown
    assert "&lt;b&gt;Sihui&lt;/b&gt; &amp; co" in shown and "<b>" not in shown
    assert "2 rows" in shown
    assert repr(table(result)).splitlines()[0].split() == ["entity", "name"]


def test_table_shows_the_first_rows_and_says_so():
    many = Table(["n"], [[str(i)] for i in range(50)], max_rows=5)
    assert many._repr_html_().count("<tr>") == 6 and "first 5 of 50 rows" in many._repr_html_()
    assert repr(many).endswith("... first 5 of 50 rows")
    assert table(QueryResult("ask", boolean=True)).rows == [["true"]]


def test_page_is_sandboxed_and_escaped(tmp_path):
    file = tmp_path / "p.html"
    file.write_text('<html><script>alert("x")</script></html>', encoding="utf-8")
    shown = page(file, height=300)._repr_html_()
    assert shown.startswith('<iframe sandbox="allow-scripts" srcdoc="&lt;html&gt;&lt;script&gt;alert(&quot;x&quot;)')
    assert "allow-same-origin" not in shown and "height:300px" in shown


def test_query_description_reads_the_opening_comment():
    text = query_description(ROOT / "notebooks" / "queries" / "chain_masters.rq")
    assert text.startswith('Which enterprises are "chain masters"') and "kg query" not in text and "#" not in text


def test_path_table_lists_hops_with_evidence(seeds_store):
    from kg.read import paths
    from kg.read.lookup import find_entity

    answer = paths.find_paths(seeds_store, find_entity(seeds_store, "Jintian Copper"),
                              find_entity(seeds_store, "advanced materials cluster"))
    hops = path_table(answer)
    assert [row[2] for row in hops.rows] == ["inIndustry", "partOfCluster"]
    assert hops.rows[0][4] and hops.rows[0][5].endswith(".txt")
