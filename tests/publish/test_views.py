"""HTML views without a browser: which pages `kg build` writes and where (a page for every entity and every
document), what each page holds, that a page needs nothing from the network, and that text from documents can
never become markup or script."""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from kg.build.pipeline import build
from kg.errors import ViewError
from kg.model import Entity, Evidence, KnowledgeGraph, Relation
from kg.namespaces import ID
from kg.publish import html, views
from kg.publish.rdf import doc_iri

INJECTION_DOCS = ROOT / "tests" / "fixtures" / "injection"
PAYLOADS = ("<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>")


class Page(HTMLParser):
    """The parts of a page the tests look at: script elements (attributes and text), links, and the
    elements the body is made of."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.links: list[str] = []
        self.tags: list[str] = []
        self.meta: dict[str, str] = {}
        self._script: dict | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "script":
            self._script, self._text = attrs, ""
        elif tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        elif tag == "meta" and "http-equiv" in attrs:
            self.meta[attrs["http-equiv"].lower()] = attrs["content"]

    def handle_data(self, data):
        if self._script is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, self._text))
            self._script = None

    def data(self, element_id: str):
        return json.loads(next(text for attrs, text in self.scripts if attrs.get("id") == element_id))


def by_label(graph: KnowledgeGraph, label: str) -> str:
    """The IRI of the one entity with this English label."""
    (iri,) = [i for i, e in graph.entities.items() if e.label == label]
    return iri


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def without_code(text: str) -> str:
    """A page without its inlined libraries (scripts and styles), keeping the markup and the JSON data."""
    text = re.sub(r"<script>.*?</script>", "<script></script>", text, flags=re.DOTALL)
    return re.sub(r"<style>.*?</style>", "<style></style>", text, flags=re.DOTALL)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """`kg build` over the seed documents, into a fresh folder."""
    return build(ROOT / "seeds", tmp_path_factory.mktemp("views"))


@pytest.fixture(scope="module")
def out(built) -> Path:
    return built.outputs["index.html"].parent


# ---------------------------------------------------------------- which pages, where


def test_page_files_are_named_after_the_iri():
    assert views.page_path(ID + "region/sihui") == "region/sihui.html"
    assert views.page_path(ID + "cluster/automotive") == "cluster/automotive.html"
    assert views.page_path(ID + "enterprise/jintian") == "enterprise/jintian.html"


def test_page_files_are_safe_and_distinct_for_odd_iris():
    odd = [ID + "enterprise/a b", ID + "enterprise/a%20b", ID + "enterprise/A-B", "urn:x:enterprise/../../etc",
           ID + "enterprise/" + "x" * 300]
    names = [views.page_path(iri) for iri in odd]
    assert len(set(names)) == len(names)
    for name in names:
        folder, file = name.split("/")
        assert re.fullmatch(r"[a-z0-9_-]+", folder) and re.fullmatch(r"[a-z0-9_-]+\.html", file)
        assert len(file) < 100
    assert views.page_path(odd[0]) == views.page_path(odd[0])


def test_build_writes_a_page_for_every_entity_and_document(built, out):
    graph = built.graph
    expected = {"kg.html"} | {views.page_path(iri) for iri in graph.entities}
    expected |= {views.page_path(doc_iri(name)) for name in graph.documents}
    redirects = {views.page_path(old) for old in graph.same_as} - expected  # IRIs entities had: see below
    written = {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {"index.html"}
    assert written == expected | redirects
    for file in redirects:
        assert '<meta http-equiv="refresh"' in (out / file).read_text(encoding="utf-8")
    jintian = views.page_path(by_label(graph, "Jintian Copper"))
    assert {"region/sihui.html", "park/zhaoqing-high-tech-zone.html", "industry/copper.html",
            "region/zhaoqing.html", "region/guangdong.html", jintian} <= written
    for name in ("index.html", "kg.html", "region", "cluster", "enterprise", "park", "industry", "doc"):
        assert out / name in built.outputs.values()
    # every node of every page links to a page that exists
    for file in ("kg.html", "region/sihui.html", jintian):
        for node in read(out / file).data("kg-nodes"):
            assert node["page"] == "" or (out / file).parent.joinpath(node["page"].split("#")[0]).resolve().is_file()


def test_index_counts_entities_and_links_every_view(built, out):
    page = read(out / "index.html")
    text = (out / "index.html").read_text(encoding="utf-8")
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")} - {"index.html"}
    redirects = {views.page_path(old) for old in built.graph.same_as} - {views.page_path(i) for i in built.graph.entities}
    assert set(page.links) == pages - redirects  # the whole graph, every entity's page, every document's page
    assert "Parks" in text and "Industries" in text
    for kind, n in built.graph.entity_counts().items():
        assert re.search(rf"<th>{kind}</th><td class=\"n\">{n}</td>", text)
    assert [attrs.get("src") for attrs, _ in page.scripts] == ["assets/search-data.js", "assets/match.js",
                                                                "assets/search.js"]
    assert all(not text.strip() for _, text in page.scripts)  # no inline script


def test_pages_link_back_to_the_index_and_to_each_other(out):
    sihui = read(out / "region" / "sihui.html")
    assert sihui.links == ["../index.html"]  # the rest is drawn from the page data
    linked = {n["page"].split("#")[0] for n in sihui.data("kg-nodes") if n["page"]}
    assert linked and all((out / "region" / href).resolve().is_file() for href in linked)
    assert read(out / "kg.html").links == ["index.html"]


def test_a_rebuild_leaves_no_stale_page(tmp_path):
    build(INJECTION_DOCS, tmp_path)
    stale = tmp_path / "enterprise" / "gone.html"
    stale.write_text("old", encoding="utf-8")
    build(INJECTION_DOCS, tmp_path)
    assert not stale.exists()
    assert not list(tmp_path.glob(".build-*"))


# ---------------------------------------------------------------- what a page holds


def test_sihui_page_holds_its_towns_parks_enterprises_industries_and_clusters(built, out):
    graph = built.graph
    sihui = ID + "region/sihui"
    nodes = {n["id"]: n for n in read(out / "region" / "sihui.html").data("kg-nodes")}
    towns = {r.subject for r in graph.relations if r.object == sihui and graph.entities[r.subject].type == "Town"}
    places = {sihui} | towns
    parks = {r.subject for r in graph.relations if r.object in places and graph.entities[r.subject].type == "Park"}
    enterprises = {r.subject for r in graph.relations
                   if r.object in places | parks and graph.entities[r.subject].type == "Enterprise"}
    industries = {r.object for r in graph.relations
                  if r.subject in places | parks | enterprises and graph.entities[r.object].type == "Industry"}
    clusters = {r.object for r in graph.relations if r.subject in industries and r.predicate == "partOfCluster"}
    assert towns and parks and enterprises and industries and clusters
    assert towns | parks | enterprises | industries | clusters <= set(nodes)
    assert nodes[sihui]["size"] > nodes[min(enterprises)]["size"]  # the page's own entity stands out
    assert {n["entityType"] for n in nodes.values()} <= {"County", "Town", "Park", "Enterprise", "Industry", "Cluster"}


def test_nodes_carry_type_labels_and_aliases_and_edges_their_evidence(built, out):
    graph = built.graph
    page = read(out / "kg.html")
    nodes = page.data("kg-nodes")
    edges = page.data("kg-edges")
    assert len(nodes) == len(graph.entities) and len(edges) == len(graph.relations)
    sihui = next(n for n in nodes if n["id"] == ID + "region/sihui")
    assert sihui["entityType"] == "County" and sihui["labelZh"] == "四会市" and "四会" in sihui["aliases"]
    assert sihui["color"] == views.TYPE_STYLE["County"][0] and sihui["shape"] == views.TYPE_STYLE["County"][1]
    by_key = {(r.subject, r.predicate, r.object): r for r in graph.relations}
    assert "documents" not in page.data("kg-page")  # the search data lists them
    documents = dict(search_rows(out)["documents"])
    assert documents == {name: views.page_path(doc_iri(name)) for name in graph.documents}
    for e in edges:
        r = by_key[(e["from"], e["relation"], e["to"])]
        assert "label" not in e  # an edge's relation is drawn on hover only, by the page script
        assert e["evidence"][0]["doc"] == r.evidence[0].source
        assert e["evidence"][0]["text"] == (r.evidence[0].text if r.evidence[0].is_text else "")
        if r.evidence[0].is_text:
            assert e["evidence"][0]["start"] == r.evidence[0].start
        # the best confidence of the sentences that state the relation and of those it was inferred from
        # (reference data and sentences without a confidence count as sure); shown unless simply sure and stated
        best: dict[bool, float] = {}
        for ev in r.evidence:
            inferred = ev.is_text and ev.derivation == "inferred"
            best[inferred] = max(best.get(inferred, 0), 1 if ev.confidence is None else ev.confidence)
        expected = (best.get(False), best.get(True))
        assert (e.get("stated", 1), e.get("inferred")) == expected
    colours = {}
    for e in edges:
        assert colours.setdefault(e["relation"], e["color"]) == e["color"]


def test_legend_lists_the_types_and_relations_on_the_page(out):
    text = without_code((out / "region" / "sihui.html").read_text(encoding="utf-8"))
    page = Page(text)
    types = {n["entityType"] for n in page.data("kg-nodes")}
    relations = {e["relation"] for e in page.data("kg-edges")}
    assert set(re.findall(r'data-type="([^"]+)"', text)) == types
    assert set(re.findall(r'data-relation="([^"]+)"', text)) == relations


def test_vis_options_bound_the_work_of_the_browser(out):
    options = read(out / "kg.html").data("kg-options")
    assert options["physics"] == {"enabled": False}  # the page lays the graph out once (layout.js)
    assert options["edges"]["smooth"] is False
    assert "multi" not in options["nodes"]["font"]  # vis-network's label markup stays off: labels are plain text


def test_nodes_are_sized_by_their_relations_and_ranked_for_labels(built, out):
    degree: dict[str, int] = {}
    for r in built.graph.relations:
        degree[r.subject] = degree.get(r.subject, 0) + 1
        degree[r.object] = degree.get(r.object, 0) + 1
    nodes = read(out / "kg.html").data("kg-nodes")
    for n in nodes:
        assert n["degree"] == degree.get(n["id"], 0) and n["size"] == html.node_size(n["degree"])
    by_rank = sorted(nodes, key=lambda n: n["rank"])
    assert [n["rank"] for n in by_rank] == list(range(len(nodes)))
    assert by_rank[0]["degree"] == max(degree.values())  # the best connected is labelled first
    sizes = {n["id"]: n["size"] for n in nodes}
    assert sizes[ID + "region/zhaoqing"] > sizes[ID + "region/sihui-dasha-town"]


def test_the_overview_folds_industries_into_their_clusters(built, out):
    graph = built.graph
    nodes = {n["id"]: n for n in read(out / "kg.html").data("kg-nodes")}
    scope = {}
    for r in graph.relations:
        if r.predicate == "partOfCluster":
            scope.setdefault(r.subject, set()).add(r.object)
    folded = {i for i, n in nodes.items() if "fold" in n}
    assert folded == set(scope) and len(folded) > 150
    assert all(nodes[i]["fold"] in scope[i] and nodes[nodes[i]["fold"]]["entityType"] == "Cluster" for i in folded)
    sihui = {n["id"] for n in read(out / "region" / "sihui.html").data("kg-nodes") if "fold" in n}
    assert sihui == set()  # a county's page draws its industries


# ---------------------------------------------------------------- self-contained


def local_references(page: Page, text: str) -> list[str]:
    """The files a page loads: scripts by src, stylesheets by link."""
    refs = [attrs["src"] for attrs, _ in page.scripts if "src" in attrs]
    return refs + re.findall(r'<link rel="stylesheet" href="([^"]+)">', text)


def test_pages_need_nothing_from_the_network(out):
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        page = Page(text)
        for ref in local_references(page, text):  # the shared assets, by a relative path, and nothing else
            assert not re.match(r"[a-z]+:|/", ref) and (path.parent / ref).resolve().parent == out / "assets", ref
        assert text.count("<link") == len(re.findall(r'<link rel="stylesheet" href="', text)), path
        assert "iframe" not in page.tags and "img" not in page.tags, path
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.IGNORECASE), path
        assert not re.search(r"@import|@font-face|url\(\s*['\"]?(https?:)?//", text, re.IGNORECASE), path
        assert "default-src 'none'" in page.meta["content-security-policy"], path
        assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    for path in (out / "assets").iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"@import|@font-face|url\(\s*['\"]?(https?:)?//", text, re.IGNORECASE), path
        assert not re.search(r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon)\b", text) or \
            path.name == "vis-network.min.js", path


def test_pages_share_one_copy_of_the_code(out):
    """vis-network is written once, with its licence; a page holds its data and loads the code."""
    vis = (out / "assets" / "vis-network.min.js").read_text(encoding="utf-8")
    assert "@license" in vis and "vis.js is dual licensed under both" in vis
    assert "Almende B.V" in vis and "MIT License" in vis
    assert "Almende B.V" in (out / "assets" / "vis-network.css").read_text(encoding="utf-8")
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "@license" not in text, path
        assert len(text) < (700_000 if path.name == "kg.html" else 300_000), path
        assert all(not code.strip() for attrs, code in Page(text).scripts if attrs.get("type") != "application/json")


def test_a_page_written_on_its_own_inlines_vis_network_with_its_licence(built, tmp_path):
    text = views.write_graph_page(built.graph, tmp_path / "kg.html").read_text(encoding="utf-8")
    assert "@license" in text and "vis.js is dual licensed under both" in text
    assert "Almende B.V" in text and "MIT License" in text
    assert "<link" not in text and all("src" not in attrs for attrs, _ in Page(text).scripts)


def inline_code_hashes(page: Page) -> set[str]:
    code = [text for attrs, text in page.scripts if attrs.get("type") != "application/json"]
    return {"'sha256-" + base64.b64encode(hashlib.sha256(c.encode()).digest()).decode() + "'" for c in code}


def test_csp_runs_only_the_shared_scripts(out):
    """A build's pages: no inline script, so no hash; only scripts from files ('self' for Chromium, file: for
    Firefox) and no connection anywhere."""
    for path in [out / "region" / "sihui.html", out / "kg.html", out / "index.html"]:
        csp = read(path).meta["content-security-policy"]
        assert "script-src 'self' file:;" in csp and "sha256" not in csp and "unsafe" not in csp.split("style-src")[0]
        assert "connect-src" not in csp and csp.startswith("default-src 'none'")


def test_csp_allows_exactly_the_inline_scripts_of_a_page_written_on_its_own(built, tmp_path):
    page = read(views.write_paths_page(built.graph, [[ID + "region/sihui"]], tmp_path / "p.html"))
    allowed = set(re.findall(r"'sha256-[^']+'", page.meta["content-security-policy"]))
    assert len(inline_code_hashes(page)) == 4 and inline_code_hashes(page) == allowed


def test_inline_assets_makes_a_build_page_self_contained(out):
    """For a frame that cannot load files next to the page (a notebook's srcdoc)."""
    page = Page(views.inline_assets(out / "region" / "sihui.html"))
    assert all("src" not in attrs for attrs, _ in page.scripts)  # the search data too: it would not load
    assert set(re.findall(r"'sha256-[^']+'", page.meta["content-security-policy"])) == inline_code_hashes(page)
    assert page.data("kg-nodes") == read(out / "region" / "sihui.html").data("kg-nodes")
    alone = views.write_graph_page(hostile_graph(), out.parent / "alone.html")
    assert views.inline_assets(alone) == alone.read_text(encoding="utf-8")  # inlined already: left as it is


def test_pages_are_utf8(out):
    raw = (out / "region" / "sihui.html").read_bytes()
    assert "四会市".encode() in raw


# ---------------------------------------------------------------- document text stays text


def hostile_graph() -> KnowledgeGraph:
    """Every string a document can put on a page, each carrying markup."""
    bad = {f"bad{i}": p for i, p in enumerate(PAYLOADS)}
    entities = {
        ID + "enterprise/bad0": Entity(ID + "enterprise/bad0", "Enterprise", PAYLOADS[0], PAYLOADS[1],
                                       {PAYLOADS[1], "Bad & <b>bold</b> 'quoted'"}),
        ID + "enterprise/bad1": Entity(ID + "enterprise/bad1", "Enterprise", PAYLOADS[1], alt_labels={PAYLOADS[0]}),
        ID + "region/sihui": Entity(ID + "region/sihui", "County", "Sihui", "四会市"),
    }
    sentence = f"{PAYLOADS[0]} and {PAYLOADS[1]} invest in Sihui <!-- ]]> -->."
    relations = [Relation(ID + f"enterprise/{k}", "investsIn", ID + "region/sihui",
                          [Evidence(f"{v}.txt", sentence, 0, len(sentence))], amount_text=v) for k, v in bad.items()]
    relations.append(Relation(ID + "enterprise/bad0", "locatedIn", ID + "region/sihui", [Evidence(PAYLOADS[1])]))
    return KnowledgeGraph({p + ".txt": "0" * 64 for p in PAYLOADS}, entities, relations)


def script_count(path: Path) -> int:
    """The script elements a page of a build has: code and data blocks, none from a document."""
    if path.name == "index.html":
        return 3  # search data, matcher, search
    if path.parent.name == "doc":
        return 3  # kg-doc; search data, doc.js
    return 9  # kg-nodes, kg-edges, kg-options, kg-page; search data, vis-network, layout, matcher, view


def test_document_text_never_appears_as_markup(tmp_path):
    graph = hostile_graph()
    names = views.write_views(graph, tmp_path)
    assert names[:2] == ["index.html", "kg.html"]
    for path in tmp_path.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for payload in PAYLOADS:
            assert payload not in text, path
        assert "<b>" not in without_code(text) and "<img" not in text
        page = Page(text)
        assert text.count("</script>") == len(page.scripts), path  # no script closed early
        assert page.tags.count("script") == script_count(path), path


def test_page_data_round_trips_exactly(tmp_path):
    graph = hostile_graph()
    path = views.write_graph_page(graph, tmp_path / "kg.html")
    page = read(path)
    labels = {n["id"]: (n["label"], n["labelZh"], set(n["aliases"])) for n in page.data("kg-nodes")}
    for e in graph.entities.values():
        assert labels[e.iri] == (e.label, e.label_zh, e.alt_labels - {e.label, e.label_zh})
    edges = page.data("kg-edges")
    assert {ev["doc"] for e in edges for ev in e["evidence"]} == {p + ".txt" for p in PAYLOADS} | {PAYLOADS[1]}
    assert {e["amount"] for e in edges} == set(PAYLOADS) | {""}


def test_titles_are_escaped(tmp_path):
    graph = hostile_graph()
    text = views.write_graph_page(graph, tmp_path / "a.html", title=PAYLOADS[1]).read_text(encoding="utf-8")
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>" in text


def test_injection_fixture_carries_markup_into_pages_only_as_escaped_text(tmp_path):
    """The fixture's sentences, each stating relations, end in markup: the evidence of those relations carries
    it into the pages' data, and the document's page shows it, where it must never appear raw."""
    result = build(INJECTION_DOCS, tmp_path)
    evidence = " ".join(ev.text for r in result.graph.relations for ev in r.evidence)
    assert all(p in evidence for p in PAYLOADS)
    for path in tmp_path.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert all(p not in text for p in PAYLOADS), path
    (doc,) = (tmp_path / "doc").glob("*.html")
    text = doc.read_text(encoding="utf-8")
    assert all(html_escape(p, quote=False) in text for p in PAYLOADS)
    assert Page(text).tags.count("script") == script_count(doc) and "img" not in Page(text).tags


# ---------------------------------------------------------------- paths


def test_paths_page_draws_the_relations_along_the_paths(built, tmp_path):
    graph = built.graph
    jintian = next(e.iri for e in graph.entities.values() if e.label == "Jintian Copper")
    first = next(r for r in graph.relations if r.subject == jintian and r.predicate == "inIndustry")
    second = next(r for r in graph.relations if r.subject == first.object and r.predicate == "partOfCluster")
    path = views.write_paths_page(graph, [[jintian, first.object, second.object]], tmp_path / "p.html")
    page = read(path)
    text = path.read_text(encoding="utf-8")
    assert {n["id"] for n in page.data("kg-nodes")} == {jintian, first.object, second.object}
    # beside the drawing: each hop, with its sentence and document
    hops = re.findall(r'<li data-edge="(e\d+)"', text)
    assert len(hops) == 2
    assert f"Jintian Copper &mdash;inIndustry&rarr; {graph.entities[first.object].label}" in text
    assert html_escape(first.evidence[0].text, quote=False) in text and first.evidence[0].source in text
    assert {(e["from"], e["relation"], e["to"]) for e in page.data("kg-edges")} == {
        (r.subject, r.predicate, r.object) for r in graph.relations
        if {r.subject, r.object} in ({jintian, first.object}, {first.object, second.object})}
    assert page.links == []
    assert "Jintian Copper" in path.read_text(encoding="utf-8").split("</title>")[0]


def test_paths_page_rejects_an_unknown_entity(built, tmp_path):
    with pytest.raises(ViewError, match="no entity"):
        views.write_paths_page(built.graph, [[ID + "region/sihui", ID + "enterprise/nobody"]], tmp_path / "p.html")


def test_kg_path_writes_a_page(built, out, tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    target = tmp_path / "chains.html"
    result = CliRunner().invoke(main, ["path", "Xpeng Motors", "--to-cluster", "--graph", str(out),
                                       "--html", str(target)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    page = read(target)
    xpeng = next(n for n in page.data("kg-nodes") if "Xpeng Motors" in [n["label"], *n["aliases"]])
    assert xpeng["entityType"] == "Enterprise" and any("Xiaopeng" in a for a in [xpeng["label"], *xpeng["aliases"]])
    assert any(n["entityType"] == "Cluster" for n in page.data("kg-nodes"))
    assert all(e["evidence"] for e in page.data("kg-edges"))
    assert str(target) in result.stderr
    # the hops are listed with their sentences, each linking to its place in its document's page in the build
    text = target.read_text(encoding="utf-8")
    links = re.findall(r'<p class="source"><a href="([^"]+)">', text)
    assert links
    for href in links:
        file, _, anchor = href.partition("#")
        starts = {s[0] for s in read((target.parent / file).resolve()).data("kg-doc")["sentences"]}
        assert int(anchor.removeprefix("c")) in starts


# ---------------------------------------------------------------- a large graph


def load_bench():
    import importlib.util

    spec = importlib.util.spec_from_file_location("views_bench", ROOT / "bench" / "views_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[KnowledgeGraph, Path]:
    """A synthetic graph above views.LARGE_GRAPH, shaped like many documents' (a county of ~500 enterprises),
    and its views."""
    graph = load_bench().scale_graph(6000)
    graph.same_as[ID + "enterprise/old-7"] = ID + "enterprise/enterprise-7"
    out = tmp_path_factory.mktemp("large-views")
    views.write_views(graph, out)
    return graph, out


def test_an_old_iri_of_a_large_graph_is_an_entry_of_its_shard_not_a_file(large):
    """A large graph's enterprises have shard entries, not files: an old IRI's entry sends the reader on, and
    no file is written per old IRI (a build of 10,000 documents has tens of thousands)."""
    graph, out = large
    old, new = ID + "enterprise/old-7", ID + "enterprise/enterprise-7"
    assert not (out / views.page_path(old)).exists()
    shard = (out / views.shard_path(old)).read_text(encoding="utf-8")
    assert views.page_key(old) in shard and views.page_key(new) in (
        out / views.shard_path(new)).read_text(encoding="utf-8")


def search_rows(out: Path) -> dict:
    text = (out / "assets" / "search-data.js").read_text(encoding="utf-8")
    return json.loads(text.split("window.kgSearchData = ", 1)[1].rstrip().rstrip(";"))


def located_enterprises(graph: KnowledgeGraph) -> dict[str, set[str]]:
    """County -> the enterprises located in it, directly or through a town or park (the test's own walk)."""
    up = {}
    for r in graph.relations:
        if r.predicate == "locatedIn":
            up.setdefault(r.subject, set()).add(r.object)
    found: dict[str, set[str]] = {}
    for iri, e in graph.entities.items():
        if e.type != "Enterprise":
            continue
        frontier, seen = set(up.get(iri, ())), set()
        while frontier:
            place = frontier.pop()
            seen.add(place)
            if graph.entities[place].type == "County":
                found.setdefault(place, set()).add(iri)
            elif graph.entities[place].type in ("Town", "Park"):
                frontier |= up.get(place, set()) - seen
    return found


def test_a_large_graph_is_drawn_aggregated(large):
    graph, out = large
    page = read(out / "kg.html")
    nodes, edges = page.data("kg-nodes"), page.data("kg-edges")
    counts = graph.entity_counts()
    assert len(nodes) <= counts["County"] + counts["City"] + counts["Cluster"] + views.OVERVIEW_INDUSTRIES
    assert {n["entityType"] for n in nodes} == {"County", "City", "Cluster", "Industry"}
    assert len(edges) < 1500
    enterprises = located_enterprises(graph)
    by_id = {n["id"]: n for n in nodes}
    for county in [ID + "region/county-0", ID + "region/county-50"]:
        assert by_id[county]["note"].startswith(f"{len(enterprises[county]):,} enterprises")
        assert by_id[county]["page"] == views.page_path(county)
    clusters_of = {}
    for r in graph.relations:
        if r.predicate == "partOfCluster":
            clusters_of.setdefault(r.subject, set()).add(r.object)
    county = ID + "region/county-0"
    weighted = [e for e in edges if e["relation"] == "enterprises" and e["from"] == county]
    assert weighted
    for e in weighted:
        reaching = {x for x in enterprises[county] for r in graph.relations
                    if r.subject == x and r.predicate in ("inIndustry", "chainMasterOf")
                    and (r.object == e["to"] or e["to"] in clusters_of.get(r.object, ()))}
        assert e["note"].split(" enterprise")[0] == f"{len(reaching):,}"


def test_hub_pages_of_a_large_graph_are_bounded(large):
    graph, out = large
    county = ID + "region/county-0"
    text = (out / "region" / "county-0.html").read_text(encoding="utf-8")
    page = Page(text)
    drawn = {n["id"] for n in page.data("kg-nodes")}
    listed = page.data("kg-listed")
    assert len(drawn) <= views.VIEW_NODE_LIMIT and county in drawn
    region = views.region_view(graph, county)
    members = set(region.entities) | set(region.listed)
    rows = search_rows(out)["entities"]
    named = {ID + rows[i][5] for i in listed["positions"]}
    assert not named & drawn and len(named) + listed["hidden"] + len(drawn) == len(members)
    assert len(located_enterprises(graph)[county]) > views.VIEW_NODE_LIMIT
    assert "Enterprises by place" in text and len(text) < 400_000
    assert [attrs.get("src") for attrs, _ in page.scripts if "src" in attrs][0] == "../assets/search-data.js"


def test_every_entity_of_a_large_graph_has_a_page_found_by_search(large):
    graph, out = large
    data = search_rows(out)
    rows = data["entities"]
    assert len(rows) == len(graph.entities)
    assert {ID + r[5] for r in rows} == set(graph.entities)
    for r in rows:
        entity = graph.entities[ID + r[5]]
        assert (r[0], r[1], data["types"][r[3]]) == (entity.label, entity.label_zh, entity.type)
        assert set(r[2]) == entity.alt_labels - {entity.label, entity.label_zh}
    shards = {}
    for r in rows:
        file, _, key = r[4].partition("#")
        assert (out / file).is_file(), r
        if key:
            shards.setdefault(file, set()).add(key)
            assert file.startswith("entity/") and key == views.page_key(ID + r[5])
    assert len(list((out / "entity").glob("*.html"))) == len(shards) <= views.SHARDS
    sizes = sorted(p.stat().st_size for p in (out / "entity").glob("*.html"))
    assert sizes[-1] < 100_000
    for file, keys in list(shards.items())[:50]:
        assert set(read(out / file).data("kg-shard")["entries"]) == keys


def test_a_hub_entry_in_a_shard_is_bounded(large):
    graph, out = large
    industry = ID + "industry/industry-0"  # the most common industry: hundreds of enterprises
    degree = sum(industry in (r.subject, r.object) for r in graph.relations)
    assert degree > 200
    file = views.shard_path(industry)
    shard = read(out / file).data("kg-shard")
    entry = shard["entries"][views.page_key(industry)]
    assert len(entry["nodes"]) <= views.FOCUS_LIMIT
    assert len(entry["listed"]) == views.SHARD_LISTED_LIMIT
    assert len(entry["nodes"]) - 1 + len(entry["listed"]) + entry["hidden"] >= degree // 2
    rows = search_rows(out)["entities"]
    assert ID + rows[entry["focus"]][5] == industry


def test_a_small_graph_keeps_its_pages(built, out):
    """Below views.LARGE_GRAPH nothing is aggregated or sharded: every entity has a file of its own, and only an
    entity related to more than NEIGHBOURS_SHOWN others lists some beside its drawing."""
    assert not views.is_large(built.graph)
    assert not list((out / "entity").iterdir())
    degree: dict[str, set] = {}
    for r in built.graph.relations:
        degree.setdefault(r.subject, set()).add(r.object)
        degree.setdefault(r.object, set()).add(r.subject)
    listing = {p.relative_to(out).as_posix() for p in out.rglob("*.html") if "kg-listed" in p.read_text(encoding="utf-8")}
    assert listing == {views.page_path(i) for i, e in built.graph.entities.items()
                       if len(degree.get(i, ())) > views.NEIGHBOURS_SHOWN and e.type not in ("County", "Cluster")}


# ---------------------------------------------------------------- every entity's page: focused, bounded


def neighbours_of(graph: KnowledgeGraph) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for r in graph.relations:
        found.setdefault(r.subject, set()).add(r.object)
        found.setdefault(r.object, set()).add(r.subject)
    return found


def test_an_entity_page_draws_its_relations_and_their_context_never_a_flood(built, out):
    graph = built.graph
    around = neighbours_of(graph)
    up: dict[str, set[str]] = {}
    for r in graph.relations:
        if r.predicate in ("locatedIn", "partOfCluster"):
            up.setdefault(r.subject, set()).add(r.object)
    enterprises = [e for e in graph.entities.values() if e.type == "Enterprise"]
    for e in enterprises:
        page = read(out / views.page_path(e.iri))
        drawn = {n["id"] for n in page.data("kg-nodes")}
        assert len(drawn) <= views.FOCUS_LIMIT, e.label
        assert around.get(e.iri, set()) <= drawn or len(around[e.iri]) > views.NEIGHBOURS_SHOWN
        # beyond its direct relations only places and clusters reached upwards from them (two steps at most)
        context = {u for n in around.get(e.iri, ()) for u in up.get(n, ())}
        context |= {u for c in context for u in up.get(c, ())}
        assert drawn <= {e.iri} | around.get(e.iri, set()) | context, e.label
        assert page.data("kg-page")["focus"] == e.iri
    jintian = read(out / views.page_path(by_label(graph, "Jintian Copper")))
    nodes = {n["id"]: n for n in jintian.data("kg-nodes")}
    clusters = {i for i, n in nodes.items() if n["entityType"] == "Cluster"}
    assert clusters  # its chains to the clusters: enterprise -> industry -> cluster
    assert all(any(r.subject in nodes and r.object == c and r.predicate == "partOfCluster" for r in graph.relations)
               for c in clusters)
    # a page through a hub: the city of many relations is drawn, its other relations are not
    sizes = [len(read(out / views.page_path(e.iri)).data("kg-nodes")) for e in enterprises]
    assert max(sizes) <= views.FOCUS_LIMIT and len(around[ID + "region/zhaoqing"]) > views.FOCUS_LIMIT


def test_a_hub_enterprise_page_is_bounded():
    """An enterprise related to 120 places and industries of a graph (a chain master everywhere)."""
    e = ID + "enterprise/hub"
    entities = {e: Entity(e, "Enterprise", "Hub Enterprise")}
    relations = []
    for i in range(60):
        place, industry, cluster = ID + f"park/p{i}", ID + f"industry/i{i}", ID + f"cluster/c{i % 7}"
        entities[place] = Entity(place, "Park", f"Park {i}")
        entities[industry] = Entity(industry, "Industry", f"industry {i}")
        entities.setdefault(cluster, Entity(cluster, "Cluster", f"Cluster {i % 7}"))
        relations += [Relation(e, "locatedIn", place, [Evidence("d.txt", "s", 0, 1)]),
                      Relation(e, "inIndustry", industry, [Evidence("d.txt", "s", 0, 1)]),
                      Relation(industry, "partOfCluster", cluster, [Evidence(ID + "dataset/v")])]
    graph = KnowledgeGraph({"d.txt": "0" * 64}, entities, relations)
    view = views.focus_view(graph, e)
    assert len(view.entities) <= views.FOCUS_LIMIT and e in view.entities
    assert len(view.entities) - 1 + len(view.listed) + view.hidden >= 120


def test_old_iris_get_a_page_that_sends_the_reader_on(tmp_path):
    graph = hostile_graph()
    old = ID + "enterprise/bad-zero"
    graph.same_as[old] = ID + "enterprise/bad0"
    views.write_views(graph, tmp_path)
    page = tmp_path / views.page_path(old)
    text = page.read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=bad0.html">' in text
    assert read(page).links == ["bad0.html"] and "<script" not in text
    assert all(p not in text for p in PAYLOADS)


def test_hidden_labels_are_neither_shown_nor_searched(built, out):
    """Sihui's garbled machine translations ("Fourth National Congress") are hidden labels: evidence of a
    mention, never a name on a page or in the search data."""
    sihui = built.graph.entities[ID + "region/sihui"]
    assert sihui.hidden_labels and not sihui.hidden_labels & sihui.alt_labels
    texts = [(out / "assets" / "search-data.js").read_text(encoding="utf-8")]
    texts += [json.dumps(read(p).data("kg-nodes"), ensure_ascii=False)
              for p in (out / "kg.html", out / "region" / "sihui.html")]
    for hidden in sihui.hidden_labels:
        assert all(f'"{hidden}"' not in t for t in texts), hidden


def test_evidence_carries_how_it_was_read():
    e, p = ID + "enterprise/a", ID + "park/b"
    graph = KnowledgeGraph({"d.txt": "0" * 64}, {e: Entity(e, "Enterprise", "A"), p: Entity(p, "Park", "B")}, [
        Relation(e, "locatedIn", p, [Evidence("d.txt", "A is in B.", 0, 10, "inferred", 0.4),
                                     Evidence("d.txt", "B hosts A.", 11, 21, "stated", 0.7)]),
        Relation(e, "investsIn", p, [Evidence("d.txt", "A builds in the park.", 22, 43, "inferred", 0.55)]),
        Relation(p, "investsIn", e, [Evidence(ID + "dataset/gazetteer")])])
    assert html.confidences(graph.relations[0].evidence) == (0.7, 0.4)
    assert html.confidences(graph.relations[1].evidence) == (None, 0.55)
    assert html.confidences(graph.relations[2].evidence) == (1.0, None)  # reference data: sure
    nodes, edges = html.page_data(html.Site(graph), views.whole_graph_view(graph))
    first = edges[0]["evidence"][0]
    assert first["derivation"] == "inferred" and first["confidence"] == 0.4
    assert "derivation" not in edges[0]["evidence"][1] and edges[0]["evidence"][1]["confidence"] == 0.7


# ---------------------------------------------------------------- documents as pages


def article(text: str) -> str:
    """The document's text as the page holds it (unescaped)."""
    from html import unescape

    inner = text.split('<article id="text"', 1)[1].split(">", 1)[1].rsplit("</article>", 1)[0]
    assert "<" not in inner  # text only: the marks are data
    return unescape(inner)


def test_a_document_page_holds_its_text_with_mentions_and_sentences_marked(built, out, seed_texts):
    graph = built.graph
    name = "001_7f978b8ab7f78ba4.txt"
    page = out / views.page_path(doc_iri(name))
    text = page.read_text(encoding="utf-8")
    assert article(text) == seed_texts[name]  # the text, whole and unchanged
    data, search = read(page).data("kg-doc"), search_rows(out)
    rows = search["entities"]
    iri_of = {n: ID + row[5] for n, row in enumerate(rows)}
    # every sentence that states a relation is marked where it is, under the id evidence links use (c<start>)
    evidence = [(r, ev) for r in graph.relations for ev in r.evidence if ev.source == name]
    sentences = {s[0]: s for s in data["sentences"]}
    assert evidence and {ev.start for _, ev in evidence} == set(sentences)
    for r, ev in evidence:
        start, end, backed = sentences[ev.start]
        assert end == start or seed_texts[name][start:end].startswith(ev.text)
        assert any((iri_of[data["statements"][i][0]], data["statements"][i][1], iri_of[data["statements"][i][2]])
                   == (r.subject, r.predicate, r.object) for i in backed)
    marked = [s for s in data["sentences"] if s[1] > s[0]]
    assert len(marked) > 20 and all(a[1] <= b[0] for a, b in zip(marked, marked[1:]))  # disjoint
    assert len(data["statements"]) == len(evidence)  # every relation it states, listed once
    # mentions: highlighted by the type of the entity named (its page a file of the build)
    resolved = [m for m in data["mentions"] if m[2] >= 0]
    assert len(resolved) > 100
    for _start, _end, position, kind in resolved:
        row = rows[position]
        assert search["types"][row[3]] == search["types"][kind] and (out / row[4].split("#")[0]).is_file()
    assert {"Enterprise", "Park", "Industry", "County"} <= {search["types"][m[3]] for m in resolved}
    jintian = {rows[m[2]][5] for m in resolved if seed_texts[name][m[0]:m[1]] == "Jintian Copper"}
    assert jintian == {by_label(graph, "Jintian Copper").removeprefix(ID)}


def test_a_garbled_name_is_highlighted_as_the_place_it_stands_for(built, out, seed_texts):
    """A word-by-word translation of Sihui's Chinese name is a hidden label: the mention still names Sihui."""
    sihui = built.graph.entities[ID + "region/sihui"]
    hidden = {h.lower() for h in sihui.hidden_labels}
    rows = search_rows(out)["entities"]
    found = []
    for name in built.graph.documents:
        data = read(out / views.page_path(doc_iri(name))).data("kg-doc")
        found += [rows[m[2]][5] if m[2] >= 0 else None for m in data["mentions"]
                  if seed_texts[name][m[0]:m[1]].lower().removeprefix("the ") in hidden]
    assert found and set(found) == {"region/sihui"}


def test_every_sentence_on_every_page_links_to_its_place(built, out):
    graph = built.graph
    texts = {views.page_path(doc_iri(n)): (out / views.page_path(doc_iri(n))).read_text(encoding="utf-8")
             for n in graph.documents}
    checked = 0
    for file in ("kg.html", "region/sihui.html", views.page_path(by_label(graph, "Jintian Copper")),
                 "industry/copper.html"):
        page = read(out / file)
        documents = {name: html.link(target, file) for name, target in search_rows(out)["documents"]}
        for e in page.data("kg-edges"):
            for ev in e["evidence"]:
                if not ev["text"]:
                    assert "start" not in ev
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(file), documents[ev["doc"]]))
                doc = (out / target)
                assert doc.read_text(encoding="utf-8") == texts[target]
                data = read(doc).data("kg-doc")
                assert ev["start"] in {s[0] for s in data["sentences"]}  # doc.js gives it the id c<start>
                checked += 1
    assert checked > 100
