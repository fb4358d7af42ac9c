"""The few things the project asks of the C library itself, each a no-op (or a False) where the system has no
such call: an atomic swap of two paths (`renameat2`, Linux), giving freed memory back (`malloc_trim`, glibc) and
a forked worker's end with its parent's (`prctl`, Linux).
"""

from __future__ import annotations

import ctypes
import functools
import os
import signal
from pathlib import Path


@functools.lru_cache(maxsize=1)
def libc() -> ctypes.CDLL | None:
    """The C library this process runs on, or None where it cannot be loaded."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where the system or file
    system cannot."""
    renameat2 = getattr(libc(), "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def release_freed_memory() -> bool:
    """Give the memory this process has freed back to the system (glibc `malloc_trim`); False where the C
    library has no such call. glibc keeps what a thread frees in that thread's arena for its next allocations, so
    threads that each run a large query in turn come to hold the largest of each one's peaks at once, freed or
    not; trimmed after each, they hold what their queries use."""
    trim = getattr(libc(), "malloc_trim", None)
    if trim is None:
        return False
    trim(0)
    return True


def die_with_parent(parent: int) -> bool:
    """End this process (SIGKILL) when its parent does, `parent` being the parent's pid as the parent knew it
    before forking (Linux `prctl(PR_SET_PDEATHSIG)`); False where the system has no such call. A worker whose
    build is killed (`kill`, a scheduler's time limit, SIGKILL) would otherwise live on, reparented: a pool's
    worker waits forever for tasks that never come, holding its copy of the build's memory, and a fork resolving
    or validating works to its end for no one. A parent that died before the call is seen by the pid."""
    prctl = getattr(libc(), "prctl", None)
    if prctl is None:
        return False
    pr_set_pdeathsig = 1
    prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent went before the call could watch it
        os.kill(os.getpid(), signal.SIGKILL)
    return True
