"""kg.parallel: work in forked processes gives what it gives in this one, in order, whatever the workers."""

from __future__ import annotations

import os

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
