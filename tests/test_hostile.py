"""Issue 7: messy and hostile documents never end a build. Each file of tests/fixtures/hostile/ is one case:
it is read (decoded from its encoding, HTML reduced to its text, control characters removed) or skipped with a
one-line warning that names it and says why; the graph built from them is valid RDF whatever the text holds.
The big inputs (a 50 MB file, a 5 MB single line) are made at run time."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

from conftest import ROOT, SEEDS
from kg.cli import main
from kg.extract.en.parts import sentence_parts
from kg.extract.en.sentences import MAX_SENTENCE_CHARS, split_sentences
from kg.ingest.documents import read_corpus
from kg.names import fold

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
INJECTION = ROOT / "tests" / "fixtures" / "injection"

# Every case and what becomes of it: read with this encoding (HTML pages marked), or skipped for this reason.
READ = {
    "utf8-bom.txt": "UTF-8",
    "utf16-le-bom.txt": "UTF-16LE",
    "utf16-be-no-bom.txt": "UTF-16BE",
    "gb18030.txt": "GB18030",
    "gbk.txt": "GB18030",  # GBK is a subset of GB18030
    "big5.txt": "Big5",
    "windows-1252.txt": "Windows-1252",
    "crlf.txt": "UTF-8",
    "control-characters.txt": "UTF-8",
    "hostile-names.txt": "UTF-8",
    "broken-utf8.txt": "UTF-8",
    "page.html": "HTML UTF-8",
    "page-saved-as.txt": "HTML UTF-8",
    "page-gbk.html": "HTML GB18030",
}
SKIPPED = {
    "empty.txt": ("empty", "empty file"),
    "blank.txt": ("empty", "empty file"),
    "page-empty.html": ("empty", "no text (an HTML page with nothing visible)"),
    "picture.txt": ("binary", "binary file (a PNG image)"),
    "scan.pdf": ("binary", "binary file (a PDF document: extract its text first)"),
    "report.docx": ("binary", "binary file (a ZIP archive or Office document: extract its text first)"),
    "noise.bin": ("binary", "binary file (23% of its first bytes are control characters)"),
}
# The hostile corpus and tests/fixtures/injection/ built together:
SUMMARY = ("documents read: 15 (1 Big5, 2 GB18030, 2 HTML, 1 HTML in GB18030, 1 UTF-16BE, 1 UTF-16LE, "
           "1 Windows-1252), skipped: 7 (4 binary, 3 empty)")


def kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m kg ARGS` in a process of its own, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


@pytest.fixture(scope="module")
def hostile():
    documents, skipped = read_corpus(HOSTILE)
    return {d.name: d for d in documents}, {s.name: s for s in skipped}


def test_every_case_is_read_in_its_encoding_or_skipped_with_its_reason(hostile):
    documents, skipped = hostile
    assert {name: ("HTML " if d.html else "") + d.encoding for name, d in documents.items()} == READ
    assert {name: (s.kind, s.reason) for name, s in skipped.items()} == SKIPPED
    assert sorted([*READ, *SKIPPED]) == sorted(p.name for p in HOSTILE.iterdir())


def test_decoded_texts_hold_the_words_of_their_documents(hostile):
    documents, _ = hostile
    assert documents["utf8-bom.txt"].text.startswith("Sihui City Report\n")
    for name in ("utf16-le-bom.txt", "utf16-be-no-bom.txt", "crlf.txt", "utf8-bom.txt"):
        assert "enterprises such as Jintian Copper and Gordon Aluminum" in documents[name].text, name
    assert "金田铜业" in documents["gbk.txt"].text and "金田铜业" in documents["gb18030.txt"].text
    assert "金田銅業" in documents["big5.txt"].text
    assert "Sihui City – “Report” on the café district" in documents["windows-1252.txt"].text
    assert all("\r" not in d.text for d in documents.values())


def test_control_characters_are_gone_and_the_words_they_split_are_whole(hostile):
    text = hostile[0]["control-characters.txt"].text
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
    assert "such as Jintian Copper" in text and "Zhaoqing High-tech Zone" in text and "[31m" not in text
    assert "Dasha\nTown" in text and "line\nNext\nEnd" in text  # form feed, U+2028 and NEL end lines


def test_an_html_page_gives_the_text_a_reader_sees_and_nothing_it_would_run(hostile):
    text = hostile[0]["page.html"].text
    assert "Sihui will support chain master enterprises such as Jintian Copper & Gordon\xa0Aluminum to expand " \
           "copper processing projects in Dasha Town." in text  # inline markup and entities, one sentence
    assert "The text <script>alert(1)</script> is shown, never run." in text  # escaped markup is text
    assert "Dasha Town: Jintian Copper, auto parts manufacturing\nJianggu Town: Seiko Ink" in text  # list items
    for hidden in ("Script Copper", "Stylesheet Copper", "Comment Copper", "Noscript Copper", "Image Copper",
                   "fetch", "color", "&amp;", "<b>"):
        assert hidden not in text
    assert hostile[0]["page-gbk.html"].text.startswith("四会市\n肇庆市四会市大沙镇")


def test_broken_bytes_in_utf8_are_replaced_and_said(hostile):
    document = hostile[0]["broken-utf8.txt"]
    assert document.notes == ("1 invalid UTF-8 byte sequence replaced by U+FFFD",)
    assert "\ufffd truncated here" in document.text and "四会市" in document.text


# ---------------------------------------------------------------- kg build on the hostile corpus


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """`kg build` over the hostile and the injection fixtures: (finished process, output directory)."""
    docs = tmp_path_factory.mktemp("hostile-docs")
    for path in [*HOSTILE.iterdir(), *INJECTION.iterdir()]:
        shutil.copyfile(path, docs / path.name)
    out = tmp_path_factory.mktemp("hostile-out")
    return kg("build", "--docs", str(docs), "--out", str(out)), out


def test_kg_build_warns_once_per_skipped_file_and_says_what_it_read_and_skipped(hostile_build):
    done, _ = hostile_build
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == (
        ["warning: read broken-utf8.txt: 1 invalid UTF-8 byte sequence replaced by U+FFFD"]
        + [f"warning: skipped {name}: {reason}" for name, (_, reason) in sorted(SKIPPED.items())])
    assert done.stdout.splitlines()[0] == SUMMARY


def test_the_hostile_graph_parses_in_rdflib_and_oxigraph_with_the_same_triples(hostile_build):
    _, out = hostile_build
    strict = list(ox.parse(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE))
    lenient = rdflib.Graph().parse(out / "kg.ttl", format="turtle")
    layer = list(ox.parse(path=str(out / "reference.ttl"), format=ox.RdfFormat.TURTLE))
    store = ox.Store.read_only(str(out / "store"))
    default_graph = list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))  # named graphs repeat it
    assert len(strict) == len(lenient) > 1000
    assert len(strict) + len(layer) == len(default_graph)  # the store: kg.ttl and the reference layer
    literals = {t.object.value for t in strict if isinstance(t.object, ox.Literal)}
    assert {"Back\\Slash Copper", "Emoji 😀 Copper", "Zxcv \u202eRepparc\u202c Copper"} <= literals
    evidence = "\n".join(literals)
    for text in ('O\'Neil "Quoted" Copper', "<Angle> Copper", "Hamsa שלום Copper", "Noor نور Copper",
                 "\"}\" ; <http://127.0.0.1:9/> . _:b kg:x '''\\u0022 Copper", "<img src=x onerror=alert(1)>"):
        assert text in evidence
    assert not any(re.search("[\x00-\x08\x0b-\x1f]", value) for value in literals)


def test_every_iri_of_the_hostile_graph_is_absolute_and_plain(hostile_build):
    _, out = hostile_build
    iris = {term.value for t in ox.parse(path=str(out / "kg.ttl"), format=ox.RdfFormat.TURTLE)
            for term in (t.subject, t.predicate, t.object) if isinstance(term, ox.NamedNode)}
    assert iris and all(re.fullmatch(r"https?://[!#-;=?-\[\]_a-z~A-Z%]+", iri) for iri in iris)


def test_strict_exits_1_writes_nothing_and_keeps_the_previous_output(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SEEDS / "003_d3940567e1aa418c.txt", docs / "huadu.txt")
    out = tmp_path / "out"
    assert kg("build", "--docs", str(docs), "--out", str(out), "--strict").returncode == 0
    before = (out / "kg.ttl").read_bytes()
    shutil.copyfile(HOSTILE / "scan.pdf", docs / "scan.pdf")
    shutil.copyfile(HOSTILE / "gbk.txt", docs / "gbk.txt")

    done = kg("build", "--docs", str(docs), "--out", str(out), "--strict")

    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "warning: skipped scan.pdf: binary file (a PDF document: extract its text first)",
        "Error: 1 document skipped with --strict: nothing written, the previous output is kept"]
    assert done.stdout == "documents read: 2 (1 GB18030), skipped: 1 (1 binary)\n"
    assert (out / "kg.ttl").read_bytes() == before
    assert kg("build", "--docs", str(docs), "--out", str(out)).returncode == 0  # without --strict: warned, built
    assert "gbk.txt" in (out / "kg.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [
    ["build", "--docs", "no/such/dir"],
    ["build", "--no-such-option"],
    ["build", "--out", "README.md"],
], ids=["missing-docs", "bad-option", "out-is-a-file"])
def test_usage_errors_exit_2_with_one_line_and_no_traceback(args):
    done = kg(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip().splitlines()[-1].startswith("Error: ")


def test_an_output_that_cannot_be_written_exits_1_with_the_reason(tmp_path):
    (tmp_path / "file").write_text("", encoding="utf-8")
    done = kg("build", "--docs", str(HOSTILE), "--out", str(tmp_path / "file" / "out"))
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == f"Error: cannot write to {tmp_path / 'file' / 'out'}: Not a directory"


def test_file_names_with_control_characters_or_bytes_that_are_not_utf8_are_shown_escaped(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SEEDS / "003_d3940567e1aa418c.txt", os.fsencode(docs) + b"/caf\xe9.txt")
    (docs / "evil\n\x1b]0;pwned\x07.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    runner = CliRunner()
    result = runner.invoke(main, ["build", "--docs", str(docs), "--out", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["warning: skipped evil\\n\\x1b]0;pwned\\x07.txt: binary file (a PNG image)"]
    ttl = (tmp_path / "out" / "kg.ttl").read_text(encoding="utf-8")
    assert '"caf\\\\xe9.txt"' in ttl  # the name as shown, a valid literal


def test_a_symbolic_link_out_of_the_documents_directory_is_refused(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    secret = tmp_path / "id_rsa"
    secret.write_text("Sihui supports Private Key Copper and other leading enterprises.", encoding="utf-8")
    (docs / "innocent.txt").symlink_to(secret)
    shutil.copyfile(SEEDS / "003_d3940567e1aa418c.txt", docs / "huadu.txt")
    (docs / "same.txt").symlink_to(docs / "huadu.txt")  # a link inside the corpus is a document

    documents, skipped = read_corpus(docs)

    assert [d.name for d in documents] == ["huadu.txt", "same.txt"]
    assert [(s.name, s.reason) for s in skipped] == [
        ("innocent.txt", "symbolic link to a file outside the documents directory")]


def test_a_document_whose_extraction_fails_is_skipped_and_the_others_build(tmp_path, monkeypatch):
    from kg.build import engines, pipeline

    real = engines.extract_document

    def failing(doc, *args):
        if doc.name == "bad.txt":
            raise IndexError("list index out of range")
        return real(doc, *args)

    monkeypatch.setattr(engines, "extract_document", failing)
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copyfile(SEEDS / "003_d3940567e1aa418c.txt", docs / "huadu.txt")
    (docs / "bad.txt").write_text("Sihui City supports Jintian Copper.", encoding="utf-8")

    result = pipeline.build(docs, tmp_path / "out")

    assert result.documents == ["huadu.txt"]
    assert [(s.name, s.kind, s.reason) for s in result.skipped] == [
        ("bad.txt", "extraction failed", "extraction failed (IndexError: list index out of range)")]
    assert "bad.txt" not in (tmp_path / "out" / "kg.ttl").read_text(encoding="utf-8")


# ---------------------------------------------------------------- big inputs


def seed_line(size: int) -> str:
    """The seed documents run together on one line, repeated to `size` characters."""
    text = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in sorted(SEEDS.iterdir()))
    return ((text + " ") * (size // len(text) + 1))[:size]


def test_a_50_mb_file_is_read_whole_in_seconds(tmp_path):
    line = "The committee read the report on Sihui and the work goes on as planned, step by step.\n"
    (tmp_path / "big.txt").write_text(line * (50_000_000 // len(line)), encoding="utf-8")
    started = time.perf_counter()
    [document], skipped = read_corpus(tmp_path)
    assert time.perf_counter() - started < 30
    assert not skipped and len(document.text) == 50_000_000 // len(line) * len(line)


def test_a_file_past_the_size_limit_is_skipped_with_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.ingest.documents.MAX_DOCUMENT_BYTES", 1024 * 1024)
    (tmp_path / "huge.txt").write_bytes(b"Sihui. " * 400_000)
    _, [skipped] = read_corpus(tmp_path)
    assert (skipped.kind, skipped.reason) == ("too large", "too large (3 MiB; documents are read up to 1 MiB)")


def test_a_5_mb_single_line_is_cut_into_bounded_sentences_with_true_offsets(tmp_path):
    (tmp_path / "line.txt").write_text(seed_line(5_000_000), encoding="utf-8")
    [document], _ = read_corpus(tmp_path)
    started = time.perf_counter()
    sentences = split_sentences(document)
    assert time.perf_counter() - started < 60
    assert len(sentences) > 20_000
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    for s in sentences[::997]:
        assert document.text[s.start:s.end] == s.text
        assert all(fold(document.text[p.start:p.end]) == p.raw for p in sentence_parts(s))


@pytest.mark.parametrize("line", ["四会市金田铜业" * 300_000, "x" * 2_000_000, "word " * 400_000],
                         ids=["chinese", "one-word", "no-punctuation"])
def test_a_line_without_sentence_ends_is_cut_at_spaces_or_at_the_limit(line):
    from kg.model import Document

    document = Document("line.txt", line, "0" * 64)
    sentences = split_sentences(document)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert "".join(line[s.start:s.end] for s in sentences).replace(" ", "") == line.replace(" ", "")
    assert all(not s.text.endswith("wor") for s in sentences)  # a cut between words, not inside one


def test_splitting_time_grows_linearly_with_the_length_of_a_line():
    """Before issue 7 a long line took quadratic time: 4.7 s for 100 kB, 96 s for 400 kB."""
    from kg.model import Document

    def seconds(size: int) -> float:
        document = Document("line.txt", seed_line(size), "0" * 64)
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            split_sentences(document)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(100_000), seconds(1_600_000)
    assert large < 48 * small  # 16x the text: about 16x the time (quadratic would be 256x); room for a busy CPU


def test_kg_build_of_a_long_single_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "line.txt").write_text(seed_line(300_000), encoding="utf-8")
    done = kg("build", "--docs", str(docs), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("documents read: 1, skipped: 0\n")
    assert len(list(ox.parse(path=str(tmp_path / "out" / "kg.ttl"), format=ox.RdfFormat.TURTLE))) > 1000


big = pytest.mark.skipif(not os.environ.get("KG_BIG_TESTS"),
                         reason="minutes and gigabytes: set KG_BIG_TESTS=1 (CI does)")


@big
@pytest.mark.parametrize(("size", "newlines"), [(50_000_000, True), (5_000_000, False)], ids=["50MB", "5MB-line"])
def test_kg_build_of_a_50_mb_file_and_of_a_5_mb_line(tmp_path, size, newlines):
    docs = tmp_path / "docs"
    docs.mkdir()
    text = seed_line(size // 10) + " "
    filler = "the committee read the report and the work goes on as planned, step by step and without delay."
    filler = (filler + ("\n" if newlines else " ")) * ((size - 2 * len(text)) // (len(filler) + 1))
    (docs / "big.txt").write_text(text + filler + text, encoding="utf-8")
    done = kg("build", "--docs", str(docs), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("documents read: 1, skipped: 0\n")
    strict = list(ox.parse(path=str(tmp_path / "out" / "kg.ttl"), format=ox.RdfFormat.TURTLE))
    assert len(strict) == len(rdflib.Graph().parse(tmp_path / "out" / "kg.ttl", format="turtle"))


# ---------------------------------------------------------------- queries never reach the network or the disk


def test_kg_query_gives_up_after_30_seconds_by_default(kg_cli, monkeypatch):
    import kg.read.query

    seen = []
    monkeypatch.setattr(kg.read.query, "run_query", lambda store, text, timeout=None, stream=False: seen.append(timeout)
                        or kg.read.query.QueryResult("ask", boolean=True))
    assert kg_cli("query", "ASK { ?s ?p ?o }").stdout == "true\n"
    assert seen == [30.0]
    assert "default: 30.0" in " ".join(CliRunner().invoke(main, ["query", "--help"]).stdout.split())


@pytest.mark.parametrize("query", [
    "LOAD <file:///etc/passwd>",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
])
def test_a_query_that_would_read_a_file_or_the_network_is_refused(kg_cli, query):
    result = kg_cli("query", query)
    assert result.exit_code == 2 and "refused" in result.stderr


@pytest.mark.parametrize("name", [
    '" } SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o } #',
    "> } SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o } #",
    "http://127.0.0.1:PORT/entity",
    "<http://127.0.0.1:PORT/> } SERVICE <http://127.0.0.1:PORT/> { ?s ?p ?o",
    "file:///etc/passwd",
])
def test_names_given_to_path_and_show_are_only_ever_names(kg_cli, name):
    """A name is looked up as text (literals and IRIs built by Oxigraph, never pasted into a query): text that
    would inject SPARQL finds nothing and connects nowhere."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    try:
        typed = name.replace("PORT", str(port))
        assert kg_cli("show", typed).exit_code == 2
        assert kg_cli("path", typed, "Sihui").exit_code == 2
        with pytest.raises(OSError):
            server.accept()
    finally:
        server.close()


def test_path_search_is_bounded_by_hops_and_by_a_limit_on_paths(seeds_store):
    from kg.read.lookup import find_entity
    from kg.read.paths import find_paths

    source, target = find_entity(seeds_store, "Zhuoersheng"), find_entity(seeds_store, "Guangdong")
    started = time.perf_counter()
    answer = find_paths(seeds_store, source, target, max_hops=50, all_paths=True, limit=2)
    assert time.perf_counter() - started < 30
    assert len(answer.paths) <= 2
