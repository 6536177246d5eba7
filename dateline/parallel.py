"""Run chunks of work in this process and forked children, sharing read-only state without pickling it."""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Chunk = TypeVar("Chunk")
Result = TypeVar("Result")

# Below this many items forking costs more than it saves.
MIN_ITEMS_FOR_WORKERS = 400


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
    """Apply `function(state, chunk)` to chunks of items, in this process and forked children when it pays off.

    Children are forked, so `state` (the site model, the renderer) is inherited
    rather than pickled; only results cross process boundaries.
    Pass `processes=1` from a process that runs threads: forking those is unsafe.
    `parallel_from` (default MIN_ITEMS_FOR_WORKERS) is the fewest items worth forking.
    `done` is told how many items each finished chunk held (a progress line).
    """
    processes = worker_count() if processes is None else processes
    threshold = MIN_ITEMS_FOR_WORKERS if parallel_from is None else parallel_from
    if processes < 2 or len(items) < threshold or not items or "fork" not in multiprocessing.get_all_start_methods():
        result = function(state, items)
        if done is not None:
            done(len(items))
        return [result]
    return _map_here_and_in_children(function, state, split(items, processes * 4), processes - 1, done)


# A child's last message: it found no chunk left.
_FINISHED = "finished"


def _map_here_and_in_children(
    function: Callable[[Any, Sequence[Chunk]], Result],
    state: Any,
    chunks: Sequence[Sequence[Chunk]],
    children: int,
    done: Callable[[int], None] | None,
) -> list[Result]:
    """Each chunk done once, by whichever process claims it first: this one or one of `children` forked children.

    This process works too, instead of waiting on a pool of as many workers as CPUs: a forked child
    copies every page of the parent's heap whose objects it touches (their reference counts are
    written), so each child holds nearly a copy of the site model by the end of a render (about
    630 MiB at 100,000 articles), and one child fewer is one copy fewer, at no cost in parallelism.
    A thread per child takes its answers as they come, so a child never waits for this process to
    finish a chunk before it can hand over its own.
    """
    context = multiprocessing.get_context("fork")
    next_chunk = context.Value("l", 0)
    results: list[Any] = [None] * len(chunks)
    errors: list[BaseException] = []
    telling = threading.Lock()  # `done` hears from this thread and the listening ones, one at a time

    def finished(index: int) -> None:
        if done is not None:
            with telling:
                done(len(chunks[index]))

    def claim() -> int | None:
        with next_chunk.get_lock():
            index = next_chunk.value
            next_chunk.value = index + 1
        return index if index < len(chunks) else None

    def take_answers(reader: multiprocessing.connection.Connection) -> None:
        try:
            while (message := reader.recv()) != _FINISHED:
                index, failed, value = message
                if failed:
                    errors.append(value)
                    return
                results[index] = value
                finished(index)
        except EOFError:
            errors.append(RuntimeError("a worker process ended without finishing its work (killed, or out of memory?)"))
        finally:
            reader.close()

    processes, listeners = [], []
    try:
        # Every child is forked before the first listening thread starts: forking a process that runs threads is unsafe.
        readers = []
        for _ in range(children):
            reader, writer = context.Pipe(duplex=False)
            child = context.Process(target=_child_claims_chunks, args=(function, state, chunks, claim, writer), daemon=True)
            child.start()
            writer.close()
            readers.append(reader)
            processes.append(child)
        listeners = [threading.Thread(target=take_answers, args=(reader,), daemon=True) for reader in readers]
        for listener in listeners:
            listener.start()
        while not errors and (index := claim()) is not None:
            results[index] = function(state, chunks[index])
            finished(index)
        for listener in listeners:
            listener.join()
    finally:
        for child in processes:
            if child.is_alive():
                child.terminate()
            child.join()
        for listener in listeners:
            listener.join()
    if errors:
        raise errors[0]
    return results


def _child_claims_chunks(function, state, chunks, claim, writer) -> None:  # pragma: no cover (runs in the child)
    """In a child: claim chunks until none is left, sending each answer (or the first error) and then _FINISHED."""
    try:
        while (index := claim()) is not None:
            try:
                writer.send((index, False, function(state, chunks[index])))
            except Exception as error:  # the parent raises it, as a pool's get() would
                writer.send((index, True, _picklable(error)))
                return
        writer.send(_FINISHED)
    finally:
        writer.close()


def _picklable(error: Exception) -> Exception:
    """The error itself if it survives pickling, else a RuntimeError carrying its traceback's text."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError("".join(traceback.format_exception(error)))
    return error


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
