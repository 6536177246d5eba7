"""Run chunks of work in forked worker processes, sharing read-only state without pickling it."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

# Below this many items a pool costs more than it saves.
MIN_ITEMS_FOR_WORKERS = 400

# Set only inside worker processes, by _start_worker; the parent never reads it.
_worker_state: Any = None


def _start_worker(state: Any) -> None:
    global _worker_state
    _worker_state = state


def _run_in_worker(task: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    function, chunk = task
    return function(_worker_state, chunk)


def worker_count() -> int:
    """How many processes to use: the CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def split(items: Sequence[Chunk], parts: int) -> list[Sequence[Chunk]]:
    """Cut items into `parts` interleaved chunks of near-equal size (interleaving evens out cost)."""
    return [items[start::parts] for start in range(parts) if items[start::parts]]


def map_chunks(
    function: Callable[[Any, Sequence[Chunk]], Result],
    state: Any,
    items: Sequence[Chunk],
    processes: int | None = None,
    parallel_from: int | None = None,
    done: Callable[[int], None] | None = None,
) -> list[Result]:
    """Apply `function(state, chunk)` to chunks of items, in forked workers when it pays off.

    Workers are forked, so `state` (the site model, the renderer) is inherited
    rather than pickled; only chunks and results cross process boundaries.
    Pass `processes=1` from a process that runs threads: forking those is unsafe.
    `parallel_from` (default MIN_ITEMS_FOR_WORKERS) is the fewest items worth a pool.
    `done` is told how many items each finished chunk held (a progress line).
    """
    processes = worker_count() if processes is None else processes
    threshold = MIN_ITEMS_FOR_WORKERS if parallel_from is None else parallel_from
    if processes < 2 or len(items) < threshold or not items or "fork" not in multiprocessing.get_all_start_methods():
        result = function(state, items)
        if done is not None:
            done(len(items))
        return [result]
    chunks = split(items, processes * 4)
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_start_worker, initargs=(state,)) as pool:
        # One task a chunk, its result kept in the chunks' order; `done` hears of each as it finishes. (imap, which
        # would do the same, made a 10,000-page render 3 s slower here.)
        pending = [
            pool.apply_async(_run_in_worker, ((function, chunk),), callback=None if done is None else _counter(done, len(chunk)))
            for chunk in chunks
        ]
        return [task.get() for task in pending]


def _counter(done: Callable[[int], None], count: int) -> Callable[[Any], None]:
    """A pool callback telling `done` a chunk of `count` items finished (it runs in the pool's result thread)."""
    return lambda _: done(count)


def answered_by_child(check: Callable[[], bool]) -> Callable[[], bool]:
    """Start a yes/no `check` in a forked child process; return a function that waits for its answer.

    For a question that costs system calls rather than Python (a stat of every output file),
    asked while this process does other work. The child only runs `check` and writes one byte; it
    leaves with os._exit, so none of this process's exit handlers or buffers run twice. Where fork
    is missing, or the child gives no answer, `check` runs here when the answer is asked for.
    """
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return check
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child's coverage is not collected; its answer is tested)
        reply = b"?"
        try:
            os.close(read_end)
            reply = b"1" if check() else b"0"
        except BaseException:
            reply = b"?"
        finally:
            os.write(write_end, reply)
            os._exit(0)
    os.close(write_end)

    def answer() -> bool:
        with os.fdopen(read_end, "rb") as stream:
            reply = stream.read(1)
        os.waitpid(pid, 0)
        return reply == b"1" if reply in (b"0", b"1") else check()

    return answer
