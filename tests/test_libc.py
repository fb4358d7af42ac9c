"""kg.libc: the calls the project makes to the C library itself."""

from __future__ import annotations

import os
import signal

import pytest

from kg.libc import die_with_parent, exchange, libc, release_freed_memory


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * 4096


def test_freed_memory_goes_back_to_the_system():
    if libc() is None or getattr(libc(), "malloc_trim", None) is None:
        pytest.skip("no glibc malloc_trim here")
    # 64 MB in blocks of 4 KB (from malloc's heap, not its own mappings), then one kept block above them: freeing
    # the blocks leaves a hole the heap keeps for the process, under a block still in use
    blocks = [bytearray(4096) for _ in range(16_384)]
    kept = bytearray(4096)
    del blocks
    before = _resident_bytes()
    assert release_freed_memory() is True
    after = _resident_bytes()
    assert before - after > 32 * 1024 * 1024, (before, after)
    assert len(kept) == 4096


def test_two_directories_swap_in_one_step(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "from-a").touch()
    (b / "from-b").touch()
    if not exchange(a, b):
        pytest.skip("no renameat2 RENAME_EXCHANGE on this system or file system")
    assert [p.name for p in a.iterdir()] == ["from-b"]
    assert [p.name for p in b.iterdir()] == ["from-a"]


def test_a_swap_with_a_missing_path_fails_and_changes_nothing(tmp_path):
    a = tmp_path / "a"
    a.mkdir()
    assert exchange(a, tmp_path / "missing") is False
    assert a.is_dir() and not (tmp_path / "missing").exists()


def _forked(body) -> int:
    """Run `body` in a forked child and give its wait status's signal (0 if it exited on its own)."""
    child = os.fork()
    if child == 0:
        try:
            body()
        finally:
            os._exit(0)
    _, status = os.waitpid(child, 0)
    return os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0


def test_a_child_told_its_parent_is_gone_ends_at_once():
    if getattr(libc(), "prctl", None) is None:
        pytest.skip("no prctl here")
    parent = os.getpid()
    # the parent as the child knew it before it was forked: the child goes on
    assert _forked(lambda: die_with_parent(parent)) == 0
    # a parent it no longer has (it went between the fork and the call): the child ends
    assert _forked(lambda: die_with_parent(parent + 1_000_000)) == signal.SIGKILL
