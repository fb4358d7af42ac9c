"""The views in a real browser: headless Chromium (Debian's `chromium` package, which .ci/run installs) driven
by Playwright. Each page draws every node and edge of its view, finds a node by an alias, filters by type and
relation, shows details and evidence, asks nothing of the network, logs no error, and runs no script that a
document smuggled in as a name."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT
from kg.build.pipeline import build
from kg.names import fold
from kg.namespaces import ID
from kg.publish import views

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
INJECTION_DOCS = ROOT / "tests" / "fixtures" / "injection"
PAYLOADS = ("<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>")

if not CHROMIUM.exists():
    pytest.skip(f"no headless Chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")


@dataclass
class Tab:
    """A page opened from file://, with everything it asked for and everything it complained about."""

    page: object
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def drawn(self) -> tuple[int, int]:
        return tuple(self.js("[kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]"))

    def assert_clean(self) -> None:
        assert [u for u in self.requests if not u.startswith("file://")] == []
        assert self.errors == []
        assert self.dialogs == []


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    tabs = []

    def open_(path: Path, graph: bool = True, fragment: str = "") -> Tab:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        tab = Tab(page)
        page.on("request", lambda r: tab.requests.append(r.url))
        page.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: tab.errors.append(str(e)))
        page.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
        page.goto(path.as_uri() + ("#" + fragment if fragment else ""))
        if graph:
            page.wait_for_function("window.kgView && window.kgView.ready", timeout=30_000)
        tabs.append(tab)
        return tab

    yield open_
    for tab in tabs:
        tab.page.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(ROOT / "seeds", tmp_path_factory.mktemp("views-browser"))


@pytest.fixture(scope="module")
def out(built) -> Path:
    return built.outputs["index.html"].parent


@pytest.fixture(scope="module")
def page_views(built) -> dict[str, views.View]:
    """Every page `kg build` writes, by file, with the view it draws."""
    return {v.file: v for v in [views.whole_graph_view(built.graph), *views.entity_views(built.graph)]}


def sample(page_views) -> list[str]:
    files = sorted(page_views)
    return ["kg.html", "region/sihui.html", *[f for kind in ("region/", "cluster/", "enterprise/")
                                              for f in [x for x in files if x.startswith(kind)][:2]]]


# ---------------------------------------------------------------- drawing


def test_pages_draw_every_node_and_edge(out, page_views, open_page):
    files = sample(page_views)
    assert len(set(files)) >= 7
    for file in dict.fromkeys(files):
        view = page_views[file]
        tab = open_page(out / file)
        assert tab.drawn() == (len(view.entities), len(view.relations)), file
        assert tab.js("document.title") == view.title
        tab.assert_clean()


def test_index_page_opens_offline(out, open_page):
    tab = open_page(out / "index.html", graph=False)
    assert tab.js("document.querySelectorAll('a').length") == len(list(out.rglob("*.html"))) - 1  # all but itself
    tab.assert_clean()


def test_a_2000_node_page_is_interactive_quickly(tmp_path, open_page):
    """The README's figure comes from bench/views_bench.py; this only guards against falling back to a layout
    that takes tens of seconds (vis-network's own physics took 15-20 s for this page)."""
    spec = importlib.util.spec_from_file_location("views_bench", ROOT / "bench" / "views_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    graph = bench.synthetic_graph(2000)
    tab = open_page(views.write_graph_page(graph, tmp_path / "big.html"))
    assert tab.drawn() == (len(graph.entities), len(graph.relations))
    assert tab.js("kgView.readyAt") < 8000
    tab.assert_clean()


# ---------------------------------------------------------------- search, filters, details


def names_on_page(view: views.View, graph) -> dict[str, set[str]]:
    """Each name (folded as the page's search folds it) and the nodes that carry it."""
    names: dict[str, set[str]] = {}
    for iri in view.entities:
        e = graph.entities[iri]
        for name in e.all_labels() | {e.label_zh} - {""}:
            names.setdefault(" ".join(fold(name).lower().split()), set()).add(iri)
    return names


def search(tab: Tab, text: str) -> list[str]:
    tab.page.fill("#search", text)
    tab.page.press("#search", "Enter")
    return tab.js("kgView.network.getSelectedNodes()")


def test_search_finds_a_node_by_an_alias(built, out, page_views, open_page):
    view = page_views["region/sihui.html"]
    graph = built.graph
    names = names_on_page(view, graph)
    aliases = sorted((alias, iri) for iri in view.entities for alias in graph.entities[iri].alt_labels
                     if names[" ".join(fold(alias).lower().split())] == {iri})
    english = next((a, iri) for a, iri in aliases if a.isascii() and a != graph.entities[iri].label)
    chinese = next((a, iri) for a, iri in aliases if not a.isascii())
    tab = open_page(out / "region" / "sihui.html")
    for alias, iri in (english, chinese):
        assert search(tab, alias) == [iri], alias
        info = tab.js("document.getElementById('info').textContent")
        assert graph.entities[iri].label in info and alias in info
        assert alias in tab.js("document.getElementById('search-result').textContent")
    assert search(tab, "no such name anywhere") == [chinese[1]]  # the last selection stays
    assert tab.js("document.getElementById('search-result').textContent") == "no match"
    tab.assert_clean()


def test_search_brings_back_a_filtered_out_type(out, page_views, built, open_page):
    tab = open_page(out / "region" / "sihui.html")
    tab.page.uncheck('#type-filter input[data-type="County"]')
    assert search(tab, "四会") == [ID + "region/sihui"]
    assert tab.page.is_checked('#type-filter input[data-type="County"]')
    assert tab.drawn() == (len(page_views["region/sihui.html"].entities),
                           len(page_views["region/sihui.html"].relations))
    tab.assert_clean()


def test_filters_hide_entity_types_and_relations(built, out, page_views, open_page):
    view = page_views["region/sihui.html"]
    types = {iri: built.graph.entities[iri].type for iri in view.entities}
    tab = open_page(out / "region" / "sihui.html")
    tab.page.uncheck('#type-filter input[data-type="Enterprise"]')
    kept = {iri for iri, t in types.items() if t != "Enterprise"}
    assert tab.drawn() == (len(kept), sum(r.subject in kept and r.object in kept for r in view.relations))
    tab.page.uncheck('#relation-filter input[data-relation="partOfCluster"]')
    assert tab.drawn()[1] == sum(r.subject in kept and r.object in kept and r.predicate != "partOfCluster"
                                 for r in view.relations)
    tab.page.check('#type-filter input[data-type="Enterprise"]')
    tab.page.check('#relation-filter input[data-relation="partOfCluster"]')
    assert tab.drawn() == (len(view.entities), len(view.relations))
    tab.assert_clean()


def test_clicking_a_node_shows_its_type_labels_and_aliases(built, out, open_page):
    sihui = built.graph.entities[ID + "region/sihui"]
    tab = open_page(out / "region" / "sihui.html")
    box = tab.page.locator("#graph").bounding_box()
    spot = tab.js("""id => kgView.network.canvasToDOM(kgView.network.getPosition(id))""", sihui.iri)
    tab.page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    assert tab.js("kgView.network.getSelectedNodes()") == [sihui.iri]
    info = tab.js("document.getElementById('info').innerText")
    for text in ("County", sihui.label, sihui.label_zh, *sihui.alt_labels):
        assert text in info
    tab.assert_clean()


def test_an_edge_shows_its_evidence_sentence_and_document(built, out, page_views, open_page):
    view = page_views["region/sihui.html"]
    relation = next(r for r in view.relations if r.evidence and r.evidence[0].is_text)
    tab = open_page(out / "region" / "sihui.html")
    edge_id = tab.js("""([s, p, o]) => kgView.edges.get({filter: e => e.from === s && e.relation === p
                                                                && e.to === o})[0].id""",
                     [relation.subject, relation.predicate, relation.object])
    tab.js("id => kgView.network.emit('click', {nodes: [], edges: [id]})", edge_id)
    info = tab.js("document.getElementById('info').innerText")
    assert relation.predicate in info
    assert " ".join(relation.evidence[0].text.split()) in " ".join(info.split())
    assert relation.evidence[0].source in info
    tab.assert_clean()


# ---------------------------------------------------------------- document text runs nothing


def assert_nothing_ran(tab: Tab, scripts: int) -> None:
    tab.assert_clean()
    assert tab.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert tab.js("document.querySelectorAll('script').length") == scripts


def test_injection_document_runs_nothing_in_any_page(tmp_path, open_page):
    build(INJECTION_DOCS, tmp_path)
    shown = set()
    for path in sorted(tmp_path.rglob("*.html")):
        graph_page = path.name != "index.html"
        tab = open_page(path, graph=graph_page)
        assert_nothing_ran(tab, 6 if graph_page else 2)
        if not graph_page:
            continue
        for edge in tab.js("kgView.edges.getIds()"):
            tab.js("id => kgView.network.emit('click', {nodes: [], edges: [id]})", edge)
            info = tab.js("document.getElementById('info').textContent")
            shown.update(p for p in PAYLOADS if p in info)
            assert_nothing_ran(tab, 6)
    assert shown == set(PAYLOADS)  # the markup reached the pages, as text


def test_markup_in_every_field_stays_text(tmp_path, open_page):
    from test_views import hostile_graph

    graph = hostile_graph()
    tab = open_page(views.write_graph_page(graph, tmp_path / "hostile.html", title=PAYLOADS[1]))
    assert tab.js("document.title") == PAYLOADS[1]
    for iri in graph.entities:
        tab.js("id => kgView.network.emit('click', {nodes: [id], edges: []})", iri)
        tab.js("id => kgView.network.emit('hoverNode', {node: id})", iri)
    for edge in tab.js("kgView.edges.getIds()"):
        tab.js("id => kgView.network.emit('click', {nodes: [], edges: [id]})", edge)
        info = tab.js("document.getElementById('info').textContent")
        assert all(p in info for p in PAYLOADS)
    assert_nothing_ran(tab, 6)
    assert tab.js("document.querySelectorAll('b').length") == 0


# ---------------------------------------------------------------- shared code, a large graph


def test_the_shared_code_loads_from_file_urls_under_the_policy(out, open_page):
    """vis-network and the page scripts come from assets/ by relative script src: Chromium runs them from
    file:// under script-src 'self' file: (no CSP complaint in the console), and no inline script exists."""
    tab = open_page(out / "region" / "sihui.html")
    assert tab.js("typeof vis.Network") == "function" and tab.js("kgView.ready") is True
    loaded = {u.rsplit("/", 2)[-2] + "/" + u.rsplit("/", 1)[-1] for u in tab.requests}
    assert {"assets/vis-network.min.js", "assets/layout.js", "assets/view.js", "assets/view.css"} <= loaded
    assert all(u.startswith("file://") for u in tab.requests)
    tab.assert_clean()


def test_an_injected_inline_script_would_not_run(out, open_page):
    tab = open_page(out / "region" / "sihui.html")
    tab.js("""() => { const s = document.createElement('script'); s.textContent = 'window.ran = true';
                      document.body.appendChild(s); }""")
    assert tab.js("window.ran === undefined")
    assert any("Content Security Policy" in e for e in tab.errors)  # refused, and said so


def wait_until(tab: Tab, predicate: str, arg=None, timeout_ms: int = 30_000) -> None:
    """Wait for a JS predicate (a function) to hold. Playwright's wait_for_function evaluates a string, which
    the pages' policy forbids (no 'unsafe-eval'); evaluate calls a function, which it allows."""
    tab.page.evaluate("""([source, arg, timeout]) => new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
            let ok = false;
            try { ok = kgWaitPredicate(arg); } catch (e) { ok = false; }
            if (ok) { resolve(true); } else if (Date.now() - started > timeout) { reject(new Error('timed out')); }
            else { setTimeout(check, 25); }
        };
        check();
    })""".replace("kgWaitPredicate(arg)", f"({predicate})(arg)"), [predicate, arg, timeout_ms])


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    from test_views import load_bench

    graph = load_bench().scale_graph(6000)
    out = tmp_path_factory.mktemp("large-browser")
    views.write_views(graph, out)
    return graph, out


def test_the_overview_of_a_large_graph_draws_its_aggregates(large, open_page):
    graph, out = large
    tab = open_page(out / "kg.html")
    nodes = tab.js("JSON.parse(document.getElementById('kg-nodes').textContent).length")
    edges = tab.js("JSON.parse(document.getElementById('kg-edges').textContent).length")
    assert tab.drawn() == (nodes, edges) and nodes < 250
    county = ID + "region/county-0"
    tab.js("id => { kgView.network.emit('click', {nodes: [id], edges: []}); }", county)
    info = tab.js("document.getElementById('info').innerText")
    assert "enterprises" in info and "Open its page" in info
    edge = tab.js("""id => kgView.edges.get({filter: e => e.from === id && e.relation === 'enterprises'})[0].id""",
                  county)
    tab.js("id => { kgView.network.emit('click', {nodes: [], edges: [id]}); }", edge)
    assert "enterprises of County 0" in tab.js("document.getElementById('info').innerText")
    tab.assert_clean()


def test_a_hub_county_page_draws_a_bounded_part_and_lists_the_rest(large, open_page):
    graph, out = large
    tab = open_page(out / "region" / "county-0.html")
    drawn = tab.drawn()
    assert drawn[0] <= views.VIEW_NODE_LIMIT
    listed = tab.js("document.querySelectorAll('#listed-items li a').length")
    assert 0 < listed <= 100
    tab.page.fill("#listed-filter", "Enterprise 1")
    names = tab.js("[...document.querySelectorAll('#listed-items li a')].map(a => a.textContent)")
    assert names and all("Enterprise 1" in n for n in names)
    href = tab.js("document.querySelector('#listed-items li a').getAttribute('href')")
    assert href.startswith("../entity/") and "#enterprise/" in href
    tab.assert_clean()


def test_a_shard_page_draws_the_entity_its_address_names(large, open_page):
    graph, out = large
    a, b = ID + "enterprise/enterprise-7", ID + "industry/industry-0"
    tab = open_page(out / views.shard_path(a), fragment=views.page_key(a))
    neighbours = {r.object if r.subject == a else r.subject for r in graph.relations if a in (r.subject, r.object)}
    ids = set(tab.js("kgView.nodes.getIds()"))
    assert a in ids and neighbours <= ids
    assert tab.js("document.title") == graph.entities[a].label
    relation = next(r for r in graph.relations if r.subject == a and r.evidence)
    edge = tab.js("""([s, p, o]) => kgView.edges.get({filter: e => e.from === s && e.relation === p
                                                           && e.to === o})[0].id""",
                  [relation.subject, relation.predicate, relation.object])
    tab.js("id => { kgView.network.emit('click', {nodes: [], edges: [id]}); }", edge)
    assert relation.evidence[0].text in " ".join(tab.js("document.getElementById('info').innerText").split())
    # another entry: a hub, bounded, reached by a link that changes only the address's #
    tab.page.goto((out / views.shard_path(b)).as_uri() + "#" + views.page_key(b))
    wait_until(tab, "title => document.title === title", graph.entities[b].label)
    nodes, _ = tab.drawn()
    assert nodes <= 1 + views.NEIGHBOURS_SHOWN * (1 + views.UPWARD_SHOWN)
    assert tab.js("document.querySelectorAll('#listed-items li').length") > 0
    tab.assert_clean()


def test_the_index_finds_any_entity_of_a_large_graph(large, open_page):
    graph, out = large
    tab = open_page(out / "index.html", graph=False)
    for query, iri in (("Enterprise alias 4321", ID + "enterprise/enterprise-4321"),
                       ("Town实体17", ID + "region/town-17"), ("County 0", ID + "region/county-0")):
        links = tab.js("q => kgSearch(q)", query)
        own_page = graph.entities[iri].type == "County"
        assert links[0] == (views.page_path(iri) if own_page else f"{views.shard_path(iri)}#{views.page_key(iri)}")
        first = tab.js("document.querySelector('#found li a').textContent")
        assert first == graph.entities[iri].label
    tab.page.click("#found li a")
    tab.page.wait_for_load_state()
    wait_until(tab, "() => !!(window.kgView && window.kgView.ready)")
    assert tab.js("document.title") == "County 0"
    tab.assert_clean()
