"""kg.parallel: work in forked processes gives what it gives in this one, in order, whatever the workers."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

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
