"""Issue 7: writes are atomic. A build killed at any moment (SIGKILL: no clean-up runs) leaves the output of
the previous build complete and readable: kg.ttl parses, the query store opens, the pages are there; the next
build removes what the killed one left behind.

Each output (kg.ttl, store/, index.html, kg.html, each folder of pages) is replaced in one step, one after
the other: killed in between, some outputs are the new build's and the others the old one's, each whole."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import ROOT, SEEDS
from kg.build.outputs import STAGING_PREFIX, _replace

HUADU = "003_d3940567e1aa418c.txt"


def start_build(docs: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", "--docs", str(docs), "--out", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def snapshot(out: Path) -> dict[str, object]:
    """What a reader finds, output by output: the bytes of kg.ttl and of each page, each folder of pages as
    a whole, and the number of triples in the store."""
    found: dict[str, object] = {}
    for path in sorted(out.iterdir()):
        if path.name.startswith("."):
            continue
        if path.name == "store":
            found["store"] = len(ox.Store.read_only(str(path)))
        elif path.is_dir():
            found[path.name] = {p.name: p.read_bytes() for p in sorted(path.iterdir())}
        else:
            found[path.name] = path.read_bytes()
    return found


def assert_complete(out: Path, versions: list[dict[str, object]]) -> None:
    """Every output is there, whole, and the same as in one of the builds (the old one or the new one)."""
    assert len(list(ox.parse(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE))) > 100
    now = snapshot(out)
    assert set(now) == set(versions[0]) == set(versions[1])
    for name, value in now.items():
        assert value in (versions[0][name], versions[1][name]), name


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Two corpora: the old output is built from one seed; the new one from all the seeds (a build of a few
    seconds, one of them writing 50 MB of pages)."""
    base = tmp_path_factory.mktemp("corpora")
    old, new = base / "old", base / "new"
    old.mkdir()
    new.mkdir()
    shutil.copyfile(SEEDS / HUADU, old / HUADU)
    for path in SEEDS.iterdir():
        shutil.copyfile(path, new / path.name)
    versions = []
    for docs in (old, new):
        out = base / f"out-{docs.name}"
        assert start_build(docs, out).wait(timeout=300) == 0
        versions.append(snapshot(out))
    return old, new, versions


def writing(out: Path) -> bool:
    """Whether a build is writing its outputs into its staging directory: there is more in it than the
    per-document cache, which the build writes there before, while it resolves."""
    return any(p.name != "documents" for staging in out.glob(STAGING_PREFIX + "*") for p in staging.iterdir())


def wait_for_staging(out: Path, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        try:
            if writing(out):
                return
        except FileNotFoundError:  # a staging directory removed as it was read
            pass
        time.sleep(0.005)


@pytest.mark.parametrize("moment", [("start", 0.3), ("writing", 0.0), ("writing", 0.3)],
                         ids=lambda m: f"{m[0]}+{m[1]}s")
def test_a_build_killed_at_any_moment_leaves_the_previous_output_complete(corpora, tmp_path, moment):
    old, new, versions = corpora
    out = tmp_path / "out"
    assert start_build(old, out).wait(timeout=300) == 0
    assert snapshot(out) == versions[0]

    process = start_build(new, out)
    if moment[0] == "writing":
        wait_for_staging(out, process)
    time.sleep(moment[1])
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    assert_complete(out, versions)
    # and the next build finishes, and removes what the killed one left
    assert start_build(new, out).wait(timeout=300) == 0
    assert snapshot(out) == versions[1]
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


# Killed by SIGKILL from inside, right after the n-th output was moved into place (the moment a timed kill is
# least likely to hit): kg.ttl, store, index.html, kg.html and the page folders are moved one by one.
KILL_AFTER_REPLACING = """
import os, signal, sys
from pathlib import Path
from kg.build import outputs, pipeline
n, replace = int(sys.argv[1]), outputs._replace
def replace_then_die(new, final):
    global n
    if n == 0:
        os.kill(os.getpid(), signal.SIGKILL)
    replace(new, final)
    n -= 1
outputs._replace = replace_then_die
pipeline.build(Path(sys.argv[2]), Path(sys.argv[3]))
"""


@pytest.mark.parametrize("replaced", [0, 1, 4, 6])  # of 7: store, index.html, kg.html, 3 folders, kg.ttl
def test_a_build_killed_between_two_replacements_leaves_every_output_whole(corpora, tmp_path, replaced):
    old, new, versions = corpora
    out = tmp_path / "out"
    assert start_build(old, out).wait(timeout=300) == 0

    done = subprocess.run([sys.executable, "-c", KILL_AFTER_REPLACING, str(replaced), str(new), str(out)],
                          cwd=ROOT, capture_output=True, timeout=300)

    assert done.returncode == -signal.SIGKILL
    assert_complete(out, versions)
    now = snapshot(out)
    assert len([name for name, value in now.items() if value != versions[0][name]]) <= replaced


def test_replacing_a_directory_swaps_it_whole(tmp_path):
    final, new = tmp_path / "store", tmp_path / STAGING_PREFIX / "store"
    final.mkdir()
    (final / "old").write_text("old", encoding="utf-8")
    new.mkdir(parents=True)
    (new / "new").write_text("new", encoding="utf-8")

    _replace(new, final)

    assert [p.name for p in final.iterdir()] == ["new"]
    assert [p.name for p in new.iterdir()] == ["old"]  # the old version, for the caller to delete


def test_the_fallback_without_an_atomic_swap_still_ends_whole(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.build.outputs.exchange", lambda a, b: False)
    test_replacing_a_directory_swaps_it_whole(tmp_path)


def test_a_failed_write_keeps_the_previous_output_and_no_staging(tmp_path, monkeypatch):
    from kg.build import pipeline
    from kg.errors import OutputError
    from kg.publish import rdf

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SEEDS / HUADU, docs / HUADU)
    out = tmp_path / "out"
    pipeline.build(docs, out)
    before = snapshot(out)

    # the processes that write the store and kg.ttl fail as on a full disk
    monkeypatch.setattr(rdf, "RDF_WRITER", [sys.executable, "-c", (
        "import sys; sys.stdin.buffer.read(); "
        "sys.exit('cannot write the store: No space left on device')")])
    with pytest.raises(OutputError, match="No space left on device"):
        pipeline.build(docs, out)
    assert snapshot(out) == before
    assert not [p for p in os.listdir(out) if p.startswith(".")]


def test_the_extractions_handed_to_the_writer_are_let_go_before_the_pages_are_made(tmp_path, monkeypatch):
    """`write_outputs` empties the list of extractions it is given once the per-document cache is written:
    by the time the pages are made (their indexes are the largest thing this process then makes), nothing
    holds them any more. The document's page is still written, from the cache, which reads back whole. What
    the extractions, then the pages, held is given back to the system before validation forks the process."""
    import html
    import weakref

    from kg.build import cache, outputs
    from kg.build.pipeline import extract_documents, link_documents
    from kg.extract import build_matchers
    from kg.ingest.documents import read_document
    from kg.reference import load_reference
    from kg.reference.lexicon import load_lexicon

    reference = load_reference()
    matchers = build_matchers(reference, load_lexicon(), chinese=False)
    extractions = extract_documents([read_document(SEEDS / HUADU, HUADU)], reference, matchers)
    graph = link_documents(extractions, reference, matchers)
    held = [weakref.ref(x) for x in extractions]
    sentences = [s.text for s in extractions[0].sentences]
    held_at: dict[str, int] = {}
    events: list[str] = []
    write_views, release = outputs.views.write_views, outputs.release_freed_memory

    def pages(*args):
        held_at["pages"] = sum(ref() is not None for ref in held)
        events.append("pages")
        return write_views(*args)

    def released() -> bool:
        events.append("released")
        return release()

    def check(staging: Path) -> None:
        held_at["check"] = sum(ref() is not None for ref in held)
        events.append("check")

    monkeypatch.setattr(outputs.views, "write_views", pages)
    monkeypatch.setattr(outputs, "release_freed_memory", released)
    out = tmp_path / "out"
    outputs.write_outputs(graph, out, reference, extractions, check)
    assert extractions == []
    assert held_at == {"pages": 0, "check": 0}
    assert events == ["released", "pages", "released", "check"]
    [page] = (out / "doc").glob("*.html")
    text = html.unescape(page.read_text(encoding="utf-8"))
    assert all(s in text for s in sentences)  # the document's text, whole
    cached = cache.read_extraction(out / cache.DOCUMENTS, HUADU, graph.documents[HUADU])
    assert [s.text for s in cached.sentences] == sentences and len(sentences) > 10


def test_a_build_writes_the_documents_cache_while_it_resolves_the_same_as_written_with_the_rest(tmp_path,
                                                                                                 monkeypatch):
    """The per-document cache needs the extractions, not the graph: a build writes it into its staging
    directory while resolution runs in a process of its own, once; the cache is the one `write_outputs`
    writes on its own (as `kg add` has it), byte for byte."""
    from kg.build import cache, outputs, pipeline

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in (HUADU, "001_7f978b8ab7f78ba4.txt"):
        shutil.copyfile(SEEDS / name, docs / name)
    events = record_cache_and_resolution(monkeypatch)
    result = pipeline.build(docs, tmp_path / "built")
    assert events == ["resolving", ("cache", os.getpid()), "resolved"]

    monkeypatch.undo()
    from kg.build.pipeline import extract_documents
    from kg.extract import build_matchers
    from kg.ingest import read_corpus
    from kg.reference import load_lexicon, load_reference

    reference = load_reference()
    documents, _ = read_corpus(docs)
    extractions = extract_documents(documents, reference, build_matchers(reference, load_lexicon(), chinese=False))
    outputs.write_outputs(result.graph, tmp_path / "written", reference, extractions)
    built, written = (tmp_path / "built" / cache.DOCUMENTS, tmp_path / "written" / cache.DOCUMENTS)
    assert {p.name: p.read_bytes() for p in built.iterdir()} == {p.name: p.read_bytes() for p in written.iterdir()}
    assert len(list(built.iterdir())) == 3  # two documents and the manifest


def test_kg_add_writes_the_cache_while_it_resolves_too(tmp_path, monkeypatch):
    from kg.build import cache, corpus, pipeline

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SEEDS / HUADU, docs / HUADU)
    pipeline.build(docs, tmp_path / "out")
    events = record_cache_and_resolution(monkeypatch)
    corpus.add([SEEDS / "001_7f978b8ab7f78ba4.txt"], tmp_path / "out")
    assert events == ["resolving", ("cache", os.getpid()), "resolved"]
    assert len(cache.read_manifest(tmp_path / "out" / "documents").documents) == 2


def record_cache_and_resolution(monkeypatch) -> list[object]:
    """The events of a build, as they happen: resolution's fork starting and ending, the cache written (and by
    which process)."""
    from kg.build import cache
    from kg.link.resolve import apart

    events: list[object] = []
    write_cache, in_a_fork = cache.write_cache, apart.in_a_fork

    def writing_cache(*args, **kwargs):
        events.append(("cache", os.getpid()))
        return write_cache(*args, **kwargs)

    def resolving(*args, **kwargs):
        events.append("resolving")
        try:
            return in_a_fork(*args, **kwargs)
        finally:
            events.append("resolved")

    monkeypatch.setattr(cache, "write_cache", writing_cache)
    monkeypatch.setattr(apart, "in_a_fork", resolving)
    return events


def test_a_strict_build_that_fails_leaves_no_output_directory_it_made(tmp_path):
    from kg.build import pipeline
    from kg.errors import StrictBuildError

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SEEDS / HUADU, docs / HUADU)
    (docs / "unreadable.bin").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(StrictBuildError):
        pipeline.build(docs, tmp_path / "out", strict=True)
    assert not (tmp_path / "out").exists()
