"""The few things the project asks of the C library itself, each a no-op (or a False) where the system has no
such call: an atomic swap of two paths (`renameat2`, Linux) and giving freed memory back (`malloc_trim`, glibc).
"""

from __future__ import annotations

import ctypes
import functools
import os
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
