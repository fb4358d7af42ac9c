"""The one place that runs work in other processes: `in_forks` maps a function over items in forked worker
processes and gives the results back in the items' order, so a result never depends on how many workers
made it; `Workers` keeps such processes for several maps, forked before the caller holds what the later
maps carry; `in_a_fork` runs one piece of work in a process of its own, so that its memory goes with it (it
may map work over workers of its own). It knows nothing of the pipeline: `kg.build` and `kg.link` hand it
their stages.

Workers are forked from the calling process, so they start with everything it holds (reference data,
matchers, the resolved corpus) and the same string hashing (nothing that iterates a set can differ between
them); only the items and the results cross between processes. Where processes cannot be forked, the items
are mapped in this process. Every process forked here ends when the process that forked it does
(`kg.libc.die_with_parent`), however that one ends, and leaves Ctrl-C to it (`_started`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from kg.libc import die_with_parent

# What forked workers inherit: the function they run and what it needs (`in_forks`).
_shared: tuple[Callable, Any] | None = None
# Items per task: enough to keep the cost of sending them small, few enough to share the work evenly.
MAX_CHUNK = 32

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")


def in_forks(function: Callable[[S, T], R], items: list[T], shared: S, jobs: int = 1) -> Iterator[R]:
    """`function(shared, item)` for each item, in order: in `jobs` forked processes, which inherit `shared`,
    or in this one when one job is asked for or processes cannot be forked. `function` must be defined at
    module level."""
    jobs = min(jobs, len(items))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (function(shared, item) for item in items)
        return
    global _shared
    _shared = (function, shared)
    chunk = max(1, min(MAX_CHUNK, len(items) // (jobs * 8)))
    try:
        with _pool(jobs) as pool:
            yield from pool.imap(_call, items, chunksize=chunk)
    finally:
        _shared = None


class Workers:
    """`jobs` forked worker processes kept for several maps (`map`), each result in its item's order.

    They are forked when made, from this process as it is then, and inherit `inherited` (reference data,
    matchers). A map's items are sent to them, pickled, and whatever this process builds after the fork is
    never shared with them: a worker forked from a process that holds a large corpus and reads it comes to
    hold a private copy of every page it reads (CPython writes an object's reference count when it reads the
    object), while a worker sent its items holds those only. Close them (`close`, or `with`)."""

    def __init__(self, jobs: int, inherited: Any) -> None:
        global _shared
        self.jobs, self.inherited = jobs, inherited
        _shared = (_with_inherited, inherited)  # inherited by the forks, never pickled
        try:
            self._pool = _pool(jobs)
        finally:
            _shared = None

    def map(self, function: Callable[[S, T], R], items: list[T]) -> Iterator[R]:
        """`function(inherited, item)` for each item, in the workers, in order. `function` must be defined at
        module level (it is sent by name)."""
        chunk = max(1, min(MAX_CHUNK, len(items) // (self.jobs * 8)))
        yield from self._pool.imap(_call, [(function, item) for item in items], chunksize=chunk)

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _pool(jobs: int) -> Any:
    """`jobs` forked worker processes, each ending with this one and leaving Ctrl-C to it (`_started`)."""
    with _ctrl_c_held():
        return multiprocessing.get_context("fork").Pool(jobs, initializer=_started, initargs=(os.getpid(),))


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """SIGINT held back from this thread while it forks: a fork inherits it held, so a Ctrl-C that comes
    before the fork has ignored it (`_started`) cannot interrupt it there (it printed 'Process kg-fork:' and
    the start of a traceback). This process gets a Ctrl-C held meanwhile once it lets it through again."""
    held = hasattr(signal, "pthread_sigmask")
    if held:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _started(parent: int) -> None:
    """What a forked process does first: end with its parent, and leave Ctrl-C to it. A terminal sends SIGINT
    to every process of the command: each worker would print the traceback of where it was interrupted, and
    the parent, which is interrupted too, stops them (a pool's `terminate`, `in_a_fork`'s own). The fork
    starts with SIGINT held (`_ctrl_c_held`): ignored first, a Ctrl-C already held back is dropped."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _with_inherited(inherited: Any, task: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    function, item = task
    return function(inherited, item)


def in_a_fork(function: Callable[[T], R], item: T, meanwhile: Callable[[], object] | None = None) -> R:
    """`function(item)` in a forked process of its own, its result sent back (what it raised is raised here):
    for work whose memory should go when it ends, not stay in this process's heap. In this process where
    processes cannot be forked. `function` may be any callable, and may itself map work over forked workers
    (`in_forks`): the process is not a pool's daemonic worker, which may not have children. A process that
    ends without sending a result (killed) raises ChildProcessError here.

    `meanwhile`, when given, is called in this process while the fork works (before it, where there is no
    fork): work of the caller's that does not depend on the result, done by a core that would wait otherwise.
    What it raises is raised here, and the fork is stopped. It must not change what `function` reads: the fork
    holds this process's memory as it was when forked, but where there is no fork it runs first."""
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    if context is None:
        if meanwhile is not None:
            meanwhile()
        return function(item)
    receiving, sending = context.Pipe(duplex=False)
    # forked: the function and its item are inherited, never pickled
    child = context.Process(target=_send_outcome, args=(function, item, sending, os.getpid()), name="kg-fork")
    with _ctrl_c_held():
        child.start()
    sending.close()
    try:
        if meanwhile is not None:
            meanwhile()  # a fork done first waits, its result in a full pipe, until it is read
    except BaseException:
        child.terminate()
        receiving.close()
        child.join()
        raise
    try:
        succeeded, outcome = receiving.recv()
    except EOFError:
        child.join()
        raise ChildProcessError(f"a forked process ended without a result (exit code {child.exitcode})") from None
    except BaseException:  # interrupted: the fork goes too
        child.terminate()
        raise
    finally:
        receiving.close()
        child.join()
    if not succeeded:
        raise outcome
    return outcome


def _send_outcome(function: Callable[[T], R], item: T, to_parent: Any, parent: int) -> None:
    """In the fork, which ends with its parent: (True, the result) or (False, what was raised) to the parent,
    the exception as a RuntimeError naming it where it cannot be pickled."""
    _started(parent)
    try:
        outcome: tuple[bool, Any] = (True, function(item))
    except BaseException as exc:  # noqa: BLE001 - raised again in the parent
        outcome = (False, exc)
    try:
        to_parent.send(outcome)
    except Exception as exc:  # noqa: BLE001 - an outcome that cannot be pickled
        failed = outcome[1] if not outcome[0] else exc
        to_parent.send((False, RuntimeError(f"{type(failed).__name__}: {failed}")))
    finally:
        to_parent.close()


def _call(item: Any) -> Any:
    assert _shared is not None, "worker started without the caller's state"
    function, shared = _shared
    return function(shared, item)
