"""kg.parallel: work in forked processes gives what it gives in this one, in order, whatever the workers."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, running_processes
from kg.parallel import in_a_fork, in_forks


def _scaled(factor: int, item: int) -> tuple[int, int]:
    return item * factor, os.getpid()


def test_in_forks_gives_each_result_in_the_items_order_for_any_number_of_workers():
    items = list(range(200))
    for jobs in (1, 2, 3):
        assert [r for r, _ in in_forks(_scaled, items, 3, jobs)] == [3 * i for i in items]
    assert {pid for _, pid in in_forks(_scaled, items, 3, 1)} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in in_forks(_scaled, items, 3, 2)}


def test_in_a_fork_runs_any_callable_elsewhere_and_sends_back_its_result_or_its_exception():
    here = os.getpid()
    seen = []

    def record(item: str) -> tuple[str, int]:
        seen.append(item)  # in the fork's memory, not this process's
        return item.upper(), os.getpid()

    result, pid = in_a_fork(record, "sihui")
    assert result == "SIHUI" and pid != here and seen == []

    def fail(item: str) -> None:
        raise ValueError(f"no store in {item}")

    with pytest.raises(ValueError, match="no store in out/"):
        in_a_fork(fail, "out/")


def test_in_a_fork_may_itself_map_work_over_forked_workers():
    here = os.getpid()

    def scaled_elsewhere(items: list[int]) -> tuple[list[int], set[int], int]:
        results = list(in_forks(_scaled, items, 2, 2))
        return [r for r, _ in results], {pid for _, pid in results}, os.getpid()

    doubled, workers, fork = in_a_fork(scaled_elsewhere, list(range(50)))
    assert doubled == [2 * i for i in range(50)]
    assert fork != here and workers and not workers & {here, fork}


def test_a_fork_that_ends_without_a_result_is_an_error_naming_its_exit_code():
    def killed(_: None) -> None:
        os._exit(3)

    with pytest.raises(ChildProcessError, match="exit code 3"):
        in_a_fork(killed, None)


def test_what_a_fork_raises_and_cannot_send_back_comes_back_named():
    import threading

    def unpicklable(_: None) -> None:
        raise ValueError(threading.Lock())

    with pytest.raises(RuntimeError, match="ValueError"):
        in_a_fork(unpicklable, None)


# Built by the test after the workers were forked: they must not see it.
_later: list[str] = []


def _with_reference(inherited: dict, item: str) -> tuple[str, int, int]:
    return inherited[item], len(_later), os.getpid()


def test_workers_kept_for_several_maps_inherit_what_was_there_when_they_were_forked_and_nothing_after():
    from kg.parallel import Workers

    with Workers(2, {"sihui": "四会", "gaoyao": "高要"}) as workers:
        _later.extend(["a corpus", "built after the fork"])
        try:
            first = list(workers.map(_with_reference, ["sihui", "gaoyao"] * 20))
            second = list(workers.map(_with_reference, ["gaoyao"] * 5))
        finally:
            _later.clear()
    assert [name for name, _, _ in first] == ["四会", "高要"] * 20 and [name for name, _, _ in second] == ["高要"] * 5
    assert {seen for _, seen, _ in first + second} == {0}
    pids = {pid for _, _, pid in first + second}
    assert os.getpid() not in pids and len(pids) <= 2


def test_meanwhile_runs_in_this_process_while_the_fork_works(tmp_path):
    """The fork waits for a file only `meanwhile` writes: it sees it only if both run at once."""
    marker = tmp_path / "cache written"

    def wait_for_marker(_: None) -> bool:
        deadline = time.monotonic() + 30
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return marker.exists()

    ran_in = []

    def meanwhile() -> None:
        ran_in.append(os.getpid())
        marker.write_text("done")

    assert in_a_fork(wait_for_marker, None, meanwhile) is True
    assert ran_in == [os.getpid()]


def test_what_meanwhile_raises_is_raised_here_and_the_fork_is_stopped():
    def resolve_for_a_minute(_: None) -> None:
        time.sleep(60)

    def fail() -> None:
        raise OSError("cannot write to out/: No space left on device")

    started = time.monotonic()
    with pytest.raises(OSError, match="No space left"):
        in_a_fork(resolve_for_a_minute, None, fail)
    assert time.monotonic() - started < 30
    assert not multiprocessing.active_children()


# A process that forks workers which each write down their pid and then work for two minutes.
FORKING_PARENT = """
import os, sys, time
from pathlib import Path
from kg.parallel import Workers, in_a_fork, in_forks

how, pids = sys.argv[1], Path(sys.argv[2])

def working(_, item):
    (pids / str(os.getpid())).touch()
    time.sleep(120)

def mapping(_):
    working(None, None)

def mapping_over_workers(_):
    (pids / str(os.getpid())).touch()
    list(in_forks(working, [1, 2], None, 2))

try:
    if how == "in_forks":
        list(in_forks(working, [1, 2], None, 2))
    elif how == "Workers":
        with Workers(2, None) as workers:
            list(workers.map(working, [1, 2]))
    elif how == "in_a_fork":
        in_a_fork(mapping, None)
    else:
        in_a_fork(mapping_over_workers, None)
except KeyboardInterrupt:
    sys.exit("interrupted")
"""

HOW_WORKERS_ARE_FORKED = [("in_forks", 2), ("Workers", 2), ("in_a_fork", 1), ("in_a_fork over in_forks", 3)]


def _running(pid: int) -> bool:
    return pid in running_processes()


def _forking_parent(how: str, forked: int, pids: Path) -> tuple[subprocess.Popen, list[int]]:
    """FORKING_PARENT started in a session of its own, once its `forked` workers all run; and their pids."""
    parent = subprocess.Popen([sys.executable, "-c", FORKING_PARENT, how, str(pids)], cwd=ROOT,
                              stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(list(pids.iterdir())) < forked and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(p.name) for p in pids.iterdir()]
    if len(workers) != forked or not all(map(_running, workers)):
        os.killpg(parent.pid, signal.SIGKILL)
        pytest.fail(f"{len(workers)} of {forked} workers started")
    return parent, workers


def _ended(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while any(map(_running, pids)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(map(_running, pids))


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads processes from /proc")
@pytest.mark.parametrize("how, forked", HOW_WORKERS_ARE_FORKED)
def test_forked_workers_end_when_the_process_that_forked_them_is_killed(tmp_path, how, forked):
    """A build killed by `kill -9` (or a scheduler's limit) leaves no worker behind to wait or work for no one."""
    parent, workers = _forking_parent(how, forked, tmp_path)
    parent.send_signal(signal.SIGKILL)
    parent.communicate(timeout=30)
    assert _ended(workers)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads processes from /proc")
@pytest.mark.parametrize("how, forked", HOW_WORKERS_ARE_FORKED)
def test_ctrl_c_stops_the_workers_and_only_the_parent_says_so(tmp_path, how, forked):
    """Ctrl-C reaches every process of the command (the terminal signals its process group): the parent stops
    its workers, which print nothing of their own (no traceback of where each was interrupted)."""
    parent, workers = _forking_parent(how, forked, tmp_path)
    os.killpg(parent.pid, signal.SIGINT)
    _, err = parent.communicate(timeout=30)
    assert err == "interrupted\n"
    assert parent.returncode == 1
    assert _ended(workers)


def test_a_ctrl_c_that_comes_as_a_fork_starts_does_not_interrupt_it(monkeypatch, capfd):
    """Ctrl-C reaches a fork too in the moment before it has learnt to leave it to its parent: it was
    interrupted there, printing 'Process kg-fork:' and the start of a traceback, and gave no result. Here the
    Ctrl-C comes exactly then (the first thing the fork does sends it one)."""
    import kg.parallel

    ending_with = kg.parallel.die_with_parent

    def interrupted_as_it_starts(parent: int) -> bool:
        os.kill(os.getpid(), signal.SIGINT)
        return ending_with(parent)

    monkeypatch.setattr(kg.parallel, "die_with_parent", interrupted_as_it_starts)
    assert in_a_fork(sorted, [3, 1, 2]) == [1, 2, 3]
    assert "Process" not in capfd.readouterr().err
