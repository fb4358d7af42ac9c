"""kg build --engine dask (kg/build/engines/dask.py): the graph, byte for byte, that a local build makes, on
a local Dask cluster of 1, 2 and 4 workers; a scheduler that cannot be reached is one line, not a traceback, and
so is Ctrl-C."""

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
from click.testing import CliRunner

from conftest import ROOT, SEEDS, bench_generate, running_processes
from kg.build import pipeline
from kg.build.outputs import STAGING_PREFIX

pytest.importorskip("distributed", reason="pip install -e '.[dask]'")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds and 60 generated documents (reports, news, a cluster plan) in one directory."""
    root = tmp_path_factory.mktemp("engines")
    bench_generate().generate(60, 11, root / "generated", kb=2)
    docs = root / "docs"
    shutil.copytree(root / "generated" / "docs", docs)
    for seed in SEEDS.iterdir():
        shutil.copyfile(seed, docs / seed.name)
    return docs


def graph_files(out: Path) -> dict[str, bytes]:
    """The graph as written (kg.ttl, kg.trig) and the per-document cache."""
    names = ["kg.ttl", "kg.trig", *(f"documents/{p.name}" for p in sorted((out / "documents").iterdir()))]
    return {name: (out / name).read_bytes() for name in names}


def store_quads(out: Path) -> set:
    store = ox.Store.read_only(str(out / "store"))
    return {q for q in store if not isinstance(q.subject, ox.BlankNode)}


@pytest.mark.slow
def test_a_dask_build_writes_the_graph_a_local_build_writes_for_any_number_of_workers(corpus, tmp_path):
    local = pipeline.build(corpus, tmp_path / "local", jobs=2, trig=True)
    files, quads = graph_files(tmp_path / "local"), store_quads(tmp_path / "local")
    assert len(local.graph.relations) > 500 and local.validation is not None and local.validation.conforms
    for workers in (1, 2, 4):
        out = tmp_path / f"dask{workers}"
        result = pipeline.build(corpus, out, jobs=workers, engine="dask", trig=True)
        assert result.documents == local.documents and result.skipped == local.skipped
        other = graph_files(out)
        assert other.keys() == files.keys()
        assert [name for name in files if files[name] != other[name]] == []
        assert store_quads(out) == quads
        assert result.validation is not None and result.validation.conforms


def test_a_scheduler_that_cannot_be_reached_is_one_line(tmp_path, monkeypatch):
    from kg.build.engines import dask
    from kg.cli import main

    monkeypatch.setattr(dask, "SCHEDULER_TIMEOUT", "2s")
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEEDS / "003_d3940567e1aa418c.txt", docs)
    result = CliRunner().invoke(main, ["build", "--docs", str(docs), "--out", str(tmp_path / "out"), "--engine",
                                       "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot start or reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "kg.ttl").exists()


def test_a_scheduler_is_for_the_dask_engine(tmp_path):
    from kg.cli import main

    result = CliRunner().invoke(main, ["build", "--docs", str(SEEDS), "--out", str(tmp_path / "out"), "--scheduler",
                                       "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "--scheduler is for --engine dask" in result.stderr


def _in_session(session: int) -> list[int]:
    """The running processes of a session."""
    return [pid for pid, fields in running_processes().items() if int(fields[3]) == session]


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="reads processes from /proc")
def test_ctrl_c_stops_a_dask_build_with_its_one_line_and_no_worker_s_traceback(corpus, tmp_path):
    """Ctrl-C reaches every process of the command, the local cluster's workers too: each printed the traceback
    of where it was interrupted. Interrupted as it resolves (its cache being staged), the build says 'Aborted!'
    and nothing else, and leaves no process behind."""
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", "--docs", str(corpus), "--out", str(out),
                              "--engine", "dask", "--jobs", "2"], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while build.poll() is None and not list(out.glob(STAGING_PREFIX + "*/documents")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGINT)
    _, err = build.communicate(timeout=120)

    assert (build.returncode, err.strip()) == (1, "Aborted!")
    deadline = time.monotonic() + 30
    while _in_session(build.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _in_session(build.pid) == []
