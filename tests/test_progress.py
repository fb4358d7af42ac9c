"""Progress of long commands: a bar on a terminal's standard error, nothing when piped or with --quiet, a line
per document with --verbose; the pipeline's on_document callback behind them."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from conftest import SEEDS
from kg.cli import main

SEED_NAMES = sorted(p.name for p in SEEDS.iterdir() if p.is_file())


def build_on_a_terminal(out, *options: str) -> tuple[str, str]:
    """`kg build` with standard error on a pseudo-terminal (100 columns) and standard output piped: what
    each received."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", "--docs", str(SEEDS), "--out", str(out),
                                *options], stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    terminal = b""
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # the other end closed
                    break
                if not data:
                    break
                terminal += data
            elif process.poll() is not None:
                break
        stdout = process.communicate(timeout=60)[0]
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, terminal
    return terminal.decode("utf-8", "replace"), stdout.decode()


unix_only = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are Unix")


@unix_only
def test_a_terminal_sees_documents_done_rate_and_time_left(tmp_path):
    terminal, stdout = build_on_a_terminal(tmp_path / "out")
    total = len(SEED_NAMES)
    # A frame after the first document: "extracting:  50%|█████     | 2/4 [00:00<00:00,  9.87doc/s]" (which
    # frames are drawn depends on timing: the bar redraws at most every 0.1 s).
    frame = re.compile(rf"extracting: +\d+%\|[^|]*\| [1-9]\d*/{total} \[\d\d:\d\d<\d\d:\d\d, +[\d.]+doc/s\]")
    assert frame.search(terminal), terminal
    assert terminal.endswith("\r")  # the bar is cleared: the summary is all that stays
    assert stdout.startswith(f"documents read: {total}")
    assert "extracting" not in stdout


@unix_only
def test_quiet_shows_no_progress_even_on_a_terminal(tmp_path):
    terminal, stdout = build_on_a_terminal(tmp_path / "out", "--quiet")
    assert "extracting" not in terminal and "\r" not in terminal
    assert stdout.startswith("documents read:")


def test_piped_standard_error_gets_no_progress(tmp_path):
    result = CliRunner().invoke(main, ["build", "--docs", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "extracting" not in result.stderr and "\r" not in result.stderr
    assert result.stdout.startswith("documents read:")


def test_verbose_logs_each_documents_counts(tmp_path):
    result = CliRunner().invoke(main, ["build", "--docs", str(SEEDS), "--out", str(tmp_path), "--verbose"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("[")]
    total = len(SEED_NAMES)
    assert [line.split("]")[0] + "]" for line in lines] == [f"[{n}/{total}]" for n in range(1, total + 1)]
    assert [line.split(": ")[0].split("] ")[1] for line in lines] == SEED_NAMES
    assert all("sentences" in line and "enterprise mentions" in line for line in lines)
    plan = next(line for line in lines if "clusters" in line)  # the provincial plan names the 20 clusters
    assert plan.endswith("20 clusters")
    assert result.stdout.startswith("documents read:")  # the summary is unchanged


def test_on_document_is_told_after_every_document(seed_documents):
    from kg.build.pipeline import extract_graph

    heard = []
    extract_graph(seed_documents, on_document=lambda doc, done, total, counts: heard.append(
        (doc.name, done, total, counts)))
    total = len(seed_documents)
    assert [(name, done, n) for name, done, n, _ in heard] == [
        (d.name, i, total) for i, d in enumerate(seed_documents, 1)]
    assert all(counts["sentences"] > 0 for *_, counts in heard)


def test_a_failed_document_still_counts_as_done(seed_documents, monkeypatch):
    from kg.build import engines, pipeline

    extract = engines.extract_document

    def fail_on_the_first(doc, *args):
        if doc.name == seed_documents[0].name:
            raise RuntimeError("boom")
        return extract(doc, *args)

    monkeypatch.setattr(engines, "extract_document", fail_on_the_first)
    heard, failed = [], []
    pipeline.extract_graph(seed_documents, on_error=lambda doc, exc: failed.append(doc.name),
                           on_document=lambda doc, done, total, counts: heard.append((doc.name, done, counts)))
    assert failed == [seed_documents[0].name]
    assert heard[0] == (seed_documents[0].name, 1, {}) and len(heard) == len(seed_documents)
