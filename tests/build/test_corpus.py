"""A living corpus (kg/corpus.py, kg/cache.py, `kg add`, `kg remove`): after any sequence of adds and
removes the graph is byte for byte the one a fresh `kg build` of the same documents writes; each document's
statements are in its own named graph."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import SEEDS
from kg.build import cache
from kg.build.corpus import add, remove
from kg.build.pipeline import build
from kg.errors import GraphNotFound, UsageError
from kg.publish.rdf import ENTITIES_GRAPH, ONTOLOGY_GRAPH, doc_iri
from seed_sentences import CHAIN_MASTERS, XIAOPENG_AUTO

HUADU, SIHUI, PLAN = "003_d3940567e1aa418c.txt", "001_7f978b8ab7f78ba4.txt", "002_831f5dcfe800046f.txt"
# A news item of our own: one sentence of the Huadu report again, and a company no other document names.
NEWS = "news.txt"
NEWS_TEXT = (
    "At the meeting, Dongfeng Nissan Passenger Vehicle Company, as representative of chain leader, delivered a "
    "speech.\n\nGuangzhou Zhuoersheng Precision Technology Co., Ltd. will invest 300 million yuan in a new "
    "energy auto parts project in Huadu District.\n")
KG = "https://w3id.org/industry-kg/ontology#"


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    """The documents, one file each, as a user has them before adding them."""
    folder = tmp_path_factory.mktemp("files")
    for name in (HUADU, SIHUI, PLAN):
        shutil.copyfile(SEEDS / name, folder / name)
    (folder / NEWS).write_text(NEWS_TEXT, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def fresh(files, tmp_path_factory):
    """fresh(*names) -> the output directory of a fresh `kg build` of those documents (built once)."""
    built: dict[tuple[str, ...], Path] = {}

    def make(*names: str) -> Path:
        key = tuple(sorted(names))
        if key not in built:
            docs = tmp_path_factory.mktemp("docs")
            for name in key:
                shutil.copyfile(files / name, docs / name)
            out = tmp_path_factory.mktemp("fresh")
            build(docs, out)
            built[key] = out
        return built[key]
    return make


def start(files: Path, tmp_path: Path, *names: str) -> Path:
    """A graph built from some of the documents, in a directory of its own."""
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    for name in names:
        shutil.copyfile(files / name, docs / name)
    out = tmp_path / "out"
    build(docs, out)
    return out


def quads(out: Path) -> set:
    store = ox.Store.read_only(str(out / "store"))
    return set(store)


def assert_same_graph(out: Path, expected: Path) -> None:
    assert (out / "kg.ttl").read_bytes() == (expected / "kg.ttl").read_bytes()
    assert quads(out) == quads(expected)
    assert (out / "index.html").read_bytes() == (expected / "index.html").read_bytes()
    assert cache.read_manifest(out / cache.DOCUMENTS) == cache.read_manifest(expected / cache.DOCUMENTS)
    assert sorted(p.name for p in (out / cache.DOCUMENTS).iterdir()) == sorted(
        p.name for p in (expected / cache.DOCUMENTS).iterdir())


# ---------------------------------------------------------------- equivalence with a fresh build


def test_adding_documents_one_by_one_equals_a_fresh_build(files, fresh, tmp_path):
    out = start(files, tmp_path, HUADU)
    first = add([files / SIHUI], out)
    assert (first.added, first.replaced, first.unchanged, first.skipped) == ([SIHUI], [], [], [])
    second = add([files / PLAN], out)
    assert second.added == [PLAN] and second.validation.conforms
    assert_same_graph(out, fresh(HUADU, SIHUI, PLAN))


def test_removing_a_document_equals_a_fresh_build_without_it(files, fresh, tmp_path):
    out = start(files, tmp_path, HUADU, SIHUI, PLAN, NEWS)
    update = remove([NEWS], out)
    assert update.removed == [NEWS]
    assert_same_graph(out, fresh(HUADU, SIHUI, PLAN))


def test_adding_again_after_a_remove_equals_a_fresh_build(files, fresh, tmp_path):
    out = start(files, tmp_path, HUADU, SIHUI, PLAN)
    remove([SIHUI, PLAN], out)
    assert_same_graph(out, fresh(HUADU))
    add([files / PLAN, files / SIHUI], out)
    assert_same_graph(out, fresh(HUADU, SIHUI, PLAN))


def test_a_changed_document_replaces_its_old_version(files, tmp_path):
    out = start(files, tmp_path, HUADU, NEWS)
    changed = tmp_path / "changed"
    changed.mkdir()
    (changed / NEWS).write_text(NEWS_TEXT.replace("Zhuoersheng", "Jingxin"), encoding="utf-8")
    update = add([changed / NEWS], out)
    assert (update.added, update.replaced) == ([], [NEWS])

    expected = tmp_path / "expected"
    expected.mkdir()
    shutil.copyfile(files / HUADU, expected / HUADU)
    shutil.copyfile(changed / NEWS, expected / NEWS)
    build(expected, tmp_path / "expected-out")
    assert_same_graph(out, tmp_path / "expected-out")
    labels = (out / "kg.ttl").read_text(encoding="utf-8")
    assert "Jingxin" in labels and "Zhuoersheng" not in labels


def test_the_same_content_again_changes_nothing(files, tmp_path):
    out = start(files, tmp_path, HUADU)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    update = add([files / HUADU], out)
    assert (update.added, update.replaced, update.unchanged) == ([], [], [HUADU])
    assert update.graph is None and update.outputs == {}
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before


def test_a_directory_adds_its_files_named_as_a_build_names_them(files, fresh, tmp_path):
    out = start(files, tmp_path, HUADU)
    more = tmp_path / "more"
    more.mkdir()
    shutil.copyfile(files / SIHUI, more / SIHUI)
    shutil.copyfile(files / HUADU, more / HUADU)
    (more / "empty.txt").write_bytes(b"")
    update = add([more], out)
    assert (update.added, update.unchanged) == ([SIHUI], [HUADU])
    assert [(s.name, s.kind) for s in update.skipped] == [("empty.txt", "empty")]
    assert_same_graph(out, fresh(HUADU, SIHUI))


def test_a_changed_extractor_extracts_the_cached_texts_again(files, fresh, tmp_path, monkeypatch):
    out = start(files, tmp_path, HUADU, SIHUI)
    manifest = out / cache.DOCUMENTS / cache.MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["extractor"] = "an older extractor"
    manifest.write_text(json.dumps(data), encoding="utf-8")
    update = add([files / PLAN], out)
    assert update.reextracted
    assert_same_graph(out, fresh(HUADU, SIHUI, PLAN))


def test_the_cache_of_a_changed_extractor_holds_the_extractions_made_again(files, tmp_path):
    out = start(files, tmp_path, HUADU, SIHUI)
    directory = out / cache.DOCUMENTS
    [(name, sha256), *_] = sorted(cache.read_manifest(directory).documents.items())
    made = cache.read_extraction(directory, name, sha256)
    # an older extractor, which found nothing in the text
    older = {**cache.to_json(made), "mentions": [], "sentences": []}
    (directory / f"{sha256}{cache.SUFFIX}").write_bytes(gzip.compress(json.dumps(older).encode()))
    manifest = directory / cache.MANIFEST
    manifest.write_text(json.dumps({**json.loads(manifest.read_text(encoding="utf-8")), "extractor": "older"}),
                        encoding="utf-8")
    assert add([files / PLAN], out).reextracted
    again = cache.read_extraction(out / cache.DOCUMENTS, name, sha256)
    assert (again.sentences, again.mentions) == (made.sentences, made.mentions) != ([], [])


# ---------------------------------------------------------------- what a remove retracts, and what stays


def test_what_only_a_removed_document_stated_goes_and_shared_facts_keep_their_other_evidence(files, tmp_path):
    out = start(files, tmp_path, HUADU, NEWS)
    text = (out / "kg.ttl").read_text(encoding="utf-8")
    assert "Zhuoersheng" in text
    store = ox.Store.read_only(str(out / "store"))
    chain_master = "SELECT ?f WHERE { ?s rdf:subject ?e ; rdf:predicate kg:chainMasterOf ; prov:wasDerivedFrom ?d . " \
                   "?e rdfs:label 'Dongfeng Nissan Passenger Vehicle Company'@en . ?d kg:fileName ?f }"
    prefixes = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "kg": KG, "prov": "http://www.w3.org/ns/prov#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    assert {row[0].value for row in store.query(chain_master, prefixes=prefixes)} == {HUADU, NEWS}
    del store

    remove([NEWS], out)
    text = (out / "kg.ttl").read_text(encoding="utf-8")
    assert "Zhuoersheng" not in text and NEWS not in text
    store = ox.Store.read_only(str(out / "store"))
    assert {row[0].value for row in store.query(chain_master, prefixes=prefixes)} == {HUADU}
    # reference data stays: Huadu still lies in Guangzhou, in Guangdong
    assert "region:huadu" in text and "region:guangdong" in text


def test_removing_the_plan_removes_what_it_stated(files, tmp_path):
    """The 20 clusters are reference data (ontology/clusters.ttl); the centres only the plan names go with it, and
    so do the clusters: no document left names one, and no enterprise of the report reaches one."""
    def centres(text: str) -> int:
        return text.replace("kg:clusterCentre a owl:ObjectProperty", "").count("kg:clusterCentre")

    out = start(files, tmp_path, HUADU, PLAN)
    assert centres((out / "kg.ttl").read_text(encoding="utf-8")) > 10
    remove([PLAN], out)
    text = (out / "kg.ttl").read_text(encoding="utf-8")
    assert centres(text) == 0 and PLAN not in text
    assert not re.search(r"^cluster:", text, re.MULTILINE)


def test_an_enterprise_named_two_ways_in_two_documents_is_one_node(tmp_path):
    docs, more = tmp_path / "docs", tmp_path / "more"
    docs.mkdir()
    more.mkdir()
    (docs / "chain-masters.txt").write_text(CHAIN_MASTERS, encoding="utf-8")
    (more / "xiaopeng-auto.txt").write_text(XIAOPENG_AUTO, encoding="utf-8")
    build(docs, tmp_path / "out")
    update = add([more / "xiaopeng-auto.txt"], tmp_path / "out")
    xpeng = [e for e in update.graph.entities.values() if e.type == "Enterprise" and "peng" in e.label.lower()]
    assert len(xpeng) == 1
    assert {"Xpeng Motors", "Xiaopeng Auto"} <= xpeng[0].all_labels()
    assert xpeng[0].docs == {"chain-masters.txt", "xiaopeng-auto.txt"}


# ---------------------------------------------------------------- named graphs


def _named_graphs(out: Path) -> bytes:
    """`kg export --format trig` of the graph in `out`."""
    from kg.cli import main

    result = CliRunner().invoke(main, ["export", "--format", "trig", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_each_document_s_statements_are_in_its_named_graph(fresh):
    out = fresh(HUADU, NEWS)
    assert not (out / "kg.trig").exists()  # a build writes it with --trig only: the export derives it
    dataset = list(ox.parse(_named_graphs(out), format=ox.RdfFormat.TRIG))
    news = ox.NamedNode(doc_iri(NEWS))
    in_news = [q for q in dataset if q.graph_name == news]
    predicates = {q.predicate.value.rsplit("#", 1)[-1] for q in in_news}
    assert {"mentionedIn", "chainMasterOf", "evidenceText", "wasDerivedFrom", "fileName"} <= predicates
    assert all(q.object == news for q in in_news if q.predicate.value == KG + "mentionedIn")
    assert all(q.object.value.startswith(NEWS_TEXT[:20]) or q.object.value in NEWS_TEXT
               for q in in_news if q.predicate.value == KG + "evidenceText")
    graphs = {q.graph_name.value for q in dataset if q.graph_name != ox.DefaultGraph()}
    assert {doc_iri(HUADU), doc_iri(NEWS), ONTOLOGY_GRAPH, ENTITIES_GRAPH,
            "https://w3id.org/industry-kg/id/dataset/gazetteer"} <= graphs
    assert not [q for q in dataset if q.graph_name == ox.DefaultGraph()]
    # the store's default graph, what every query reads, is the union of the named graphs (blank nodes aside:
    # each parse names them anew)
    def named(term):
        return None if isinstance(term, ox.BlankNode) else term

    union = {(q.subject, q.predicate, named(q.object)) for q in dataset if not isinstance(q.subject, ox.BlankNode)}
    store = ox.Store.read_only(str(out / "store"))
    default = {(q.subject, q.predicate, named(q.object)) for q in store if not isinstance(q.subject, ox.BlankNode)}
    assert union == default
    assert {q.graph_name for q in store} == {ox.DefaultGraph()}


def test_the_derived_named_graphs_are_the_kg_trig_a_build_with_trig_writes(files, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (HUADU, NEWS):
        shutil.copyfile(files / name, docs / name)
    build(docs, tmp_path / "with", trig=True)
    build(docs, tmp_path / "without")
    written = (tmp_path / "with" / "kg.trig").read_bytes()
    assert _named_graphs(tmp_path / "without") == written
    assert _named_graphs(tmp_path / "with") == written  # copied, not derived again
    # kg add keeps writing what the build was asked for; a build without --trig removes a kg.trig that would
    # no longer match the graph
    add([files / SIHUI], tmp_path / "with")
    assert (tmp_path / "with" / "kg.trig").read_bytes() != written
    assert _named_graphs(tmp_path / "with") == (tmp_path / "with" / "kg.trig").read_bytes()
    build(docs, tmp_path / "with")
    assert not (tmp_path / "with" / "kg.trig").exists()


def test_named_graphs_of_a_graph_built_by_another_version_are_refused(fresh, tmp_path, monkeypatch):
    out = tmp_path / "copy"
    shutil.copytree(fresh(HUADU), out)
    monkeypatch.setattr(cache, "fingerprint", lambda *a: "another version")
    from kg.cli import main

    result = CliRunner().invoke(main, ["export", "--format", "trig", "--graph", str(out)])
    assert result.exit_code == 2 and "another version of kg" in result.output


# ---------------------------------------------------------------- the cache itself


def test_a_cached_extraction_reads_back_equal(seed_documents):
    from kg.extract import extract_document
    from kg.extract.en import build_matchers
    from kg.reference import load_lexicon, load_reference

    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon())
    for doc in seed_documents:
        extraction = extract_document(doc, reference, matchers)
        data = json.loads(json.dumps(cache.to_json(extraction)))
        assert cache.from_json(data, doc.name) == extraction
        assert "name" not in data  # the same content under another name is the same file


# ---------------------------------------------------------------- the commands


def test_kg_add_and_kg_remove(files, tmp_path):
    from kg.cli import main

    out = start(files, tmp_path, HUADU)
    runner = CliRunner()
    added = runner.invoke(main, ["add", str(files / NEWS), str(files / HUADU), "--graph", str(out)])
    assert added.exit_code == 0, added.output
    lines = added.stdout.splitlines()
    assert lines[0] == f"added 1 ({NEWS}), replaced 0, unchanged 1 ({HUADU}), skipped 0; the graph has 2 documents"
    assert lines[1].startswith("entities: ") and lines[2].startswith("relations: ")
    assert lines[-1].startswith("validation: the graph conforms")

    again = runner.invoke(main, ["add", str(files / NEWS), "--graph", str(out)])
    assert again.exit_code == 0 and again.stdout.splitlines()[-1] == "nothing changed: the graph is as it was"

    removed = runner.invoke(main, ["remove", NEWS, "--graph", str(out)])
    assert removed.exit_code == 0
    assert removed.stdout.splitlines()[0] == f"removed 1 ({NEWS}); the graph has 1 document"

    unknown = runner.invoke(main, ["remove", "nothing.txt", "--graph", str(out)])
    assert unknown.exit_code == 2 and f"no document named nothing.txt in {out}/ (its documents: {HUADU})" in unknown.stderr

    nowhere = runner.invoke(main, ["add", str(files / NEWS), "--graph", str(tmp_path / "nowhere")])
    assert nowhere.exit_code == 2 and "run `kg build --out" in nowhere.stderr


def test_a_graph_written_without_the_cache_says_to_build_again(files, tmp_path):
    from kg.build.outputs import write_outputs
    from kg.build.pipeline import extract_graph
    from kg.ingest.documents import read_document

    out = start(files, tmp_path, HUADU)
    write_outputs(extract_graph([read_document(files / SIHUI, SIHUI)]), out)
    assert not (out / cache.DOCUMENTS).exists()
    with pytest.raises(GraphNotFound, match="holds no record of its documents"):
        add([files / NEWS], out)
    with pytest.raises(UsageError, match="no such file or directory"):
        add([tmp_path / "missing.txt"], start(files, tmp_path / "again", HUADU))
