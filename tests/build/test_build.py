"""`kg build`: the command a user runs. Summary, outputs, bad input, a missing directory, and determinism."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import SEEDS
from kg.cli import main
from kg.namespaces import ID, KG, RDFS

HUADU = "003_d3940567e1aa418c.txt"  # the smallest seed


def kg_build(docs: Path, out: Path):
    return CliRunner().invoke(main, ["build", "--docs", str(docs), "--out", str(out)])


def written_files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "store" not in p.relative_to(out).parts}


@pytest.fixture
def huadu_docs(tmp_path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEEDS / HUADU, docs / HUADU)
    return docs


def test_build_writes_the_graph_and_prints_a_summary(huadu_docs, tmp_path):
    out = tmp_path / "out"
    result = kg_build(huadu_docs, out)

    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "documents read: 1, skipped: 0"
    entities = dict(item.split() for item in lines[1].removeprefix("entities: ").split(", "))
    assert {"City", "County", "Enterprise", "Industry"} <= set(entities) and all(n.isdigit() for n in entities.values())
    relations = dict(item.split() for item in lines[2].removeprefix("relations: ").split(", "))
    assert {"locatedIn", "hasIndustry", "chainMasterOf"} <= set(relations)
    assert re.fullmatch(r"wrote .* in \d+\.\d\d s", lines[3])
    assert {p.name for p in out.iterdir()} >= {"kg.ttl", "kg.html", "store"}
    assert "Dongfeng Nissan Passenger Vehicle Company" in (out / "kg.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize(("chinese", "made"), [(False, 0), (True, 1)])
def test_the_chinese_resources_are_made_once_and_only_for_a_corpus_with_a_chinese_document(
        huadu_docs, tmp_path, monkeypatch, chinese, made):
    from kg import extract
    from kg.build import pipeline
    from kg.extract import zh

    calls = []
    for module in (extract, zh):  # made before the workers fork, or by a process that meets a Chinese document
        real = module.build_chinese_matchers
        monkeypatch.setattr(module, "build_chinese_matchers",
                            lambda *args, real=real: calls.append(1) or real(*args))
    monkeypatch.setattr(zh, "_built", [])
    if chinese:
        (huadu_docs / "zh.txt").write_text("广东恒信照明有限公司在四会市投资建设照明新工厂。\n", encoding="utf-8")
    result = pipeline.build(huadu_docs, tmp_path / "out", jobs=2, validate=False)
    assert len(calls) == made
    assert ("zh.txt" in result.documents) == chinese
    assert any("恒信" in e.label_zh for e in result.graph.entities.values()) == chinese


@pytest.mark.parametrize(("name", "data", "reason", "kind"), [
    ("empty.txt", b"", "empty file", "empty"),
    ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 0 >>\x00stream", "binary", "binary"),
    ("noise.txt", bytes(range(256)) * 4, "binary", "binary"),
], ids=["empty", "binary", "noise"])
def test_a_bad_file_is_skipped_with_a_one_line_warning_and_the_others_still_build(huadu_docs, tmp_path, name, data,
                                                                                   reason, kind):
    (huadu_docs / name).write_bytes(data)
    out = tmp_path / "out"
    result = kg_build(huadu_docs, out)

    assert result.exit_code == 0, result.output
    [warning] = result.stderr.splitlines()
    assert warning.startswith(f"warning: skipped {name}: ") and reason in warning
    assert result.stdout.splitlines()[0] == f"documents read: 1, skipped: 1 (1 {kind})"
    ttl = (out / "kg.ttl").read_text(encoding="utf-8")
    assert HUADU in ttl and name not in ttl


def test_a_gbk_page_is_decoded_and_read_and_the_summary_says_so(huadu_docs, tmp_path):
    # issue 7: documents from Chinese government sites are often GBK; once skipped as "not UTF-8", now read
    (huadu_docs / "gbk-page.txt").write_bytes("肇庆市四会市大沙镇：金田铜业，汽车零部件制造".encode("gbk"))
    result = kg_build(huadu_docs, tmp_path / "out")

    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == "documents read: 2 (1 GB18030), skipped: 0"
    assert "gbk-page.txt" in (tmp_path / "out" / "kg.ttl").read_text(encoding="utf-8")


def test_a_missing_docs_directory_is_a_usage_error_not_a_traceback(tmp_path):
    result = kg_build(tmp_path / "no-such-dir", tmp_path / "out")

    assert result.exit_code == 2
    assert "documents directory not found" in result.stderr
    assert str(tmp_path / "no-such-dir") in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_missing_docs_directory_from_a_real_shell_with_python_dash_m_kg(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "build", "--docs", str(tmp_path / "nope"),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "documents directory not found" in result.stderr and "Traceback" not in result.stderr


def test_two_builds_are_byte_identical_even_from_files_copied_in_another_order(seed_build, tmp_path):
    # another process, another hash seed, and the seeds written to disk in reverse order
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in sorted(SEEDS.iterdir(), reverse=True):
        shutil.copyfile(path, docs / path.name)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONHASHSEED": "2024"}
    subprocess.run([sys.executable, "-m", "kg", "build", "--docs", str(docs), "--out", str(out)],
                   env=env, capture_output=True, check=True)

    first = seed_build.outputs["kg.ttl"].parent
    assert (out / "kg.ttl").read_bytes() == (first / "kg.ttl").read_bytes()
    # every other written file too, except the query store's database files
    assert written_files(out) == written_files(first)


def test_a_rebuild_into_the_same_directory_replaces_the_outputs_and_leaves_no_staging_behind(huadu_docs, tmp_path):
    out = tmp_path / "out"
    assert kg_build(huadu_docs, out).exit_code == 0
    first = sorted(p.name for p in out.iterdir())
    ttl = (out / "kg.ttl").read_bytes()
    assert kg_build(huadu_docs, out).exit_code == 0
    assert (out / "kg.ttl").read_bytes() == ttl
    assert sorted(p.name for p in out.iterdir()) == first
    assert not [p for p in first if p.startswith(".") or p.endswith(".old")]


def test_an_enterprise_reaches_a_cluster_no_document_names_through_the_reference_layer(tmp_path):
    """kg.ttl holds what the document states; the clusters its industry falls in, and those links, come from
    the vocabulary and are in reference.ttl; the query store has both, so a query walks the whole way."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "note.txt").write_text(
        "Hengda Battery Technology Co., Ltd., a maker of power batteries, opened a plant in Sihui.\n",
        encoding="utf-8")
    out = tmp_path / "out"
    assert kg_build(docs, out).exit_code == 0

    def clusters(*files: str) -> set[str]:
        store = ox.Store()
        for name in files:
            store.load(path=str(out / name), format=ox.RdfFormat.TURTLE)
        query = f"""SELECT ?c WHERE {{ ?e a <{KG}Enterprise> ; <{RDFS}label> ?l ;
                                        <{KG}inIndustry>/<{KG}partOfCluster> ?c . ?c a <{KG}Cluster>
                                        FILTER(CONTAINS(?l, "Hengda")) }}"""
        return {row[0].value for row in store.query(query)}

    assert clusters("kg.ttl") == set()
    reached = clusters("kg.ttl", "reference.ttl")
    assert ID + "cluster/new-energy" in reached
    listed = CliRunner().invoke(main, ["query", "--graph", str(out), "--format", "csv",
                                       "SELECT ?c WHERE { ?e a kg:Enterprise ; kg:inIndustry/kg:partOfCluster ?c }"])
    assert listed.exit_code == 0, listed.output
    assert len(listed.stdout.splitlines()) == 1 + len(reached)
