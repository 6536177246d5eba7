"""map_chunks: the same answer in this process alone as with forked children, errors raised, progress counted."""

from __future__ import annotations

import os
import random
import time

import pytest

from dateline.parallel import map_chunks

PARENT = os.getpid()


def squares_and_pid(offset: int, chunk) -> tuple[list[int], int]:
    return [offset + item * item for item in chunk], os.getpid()


def test_children_give_what_one_process_gives_on_generated_input():
    rng = random.Random(11)
    for size in (1, 7, 400, 1_234):
        items = [rng.randint(-1000, 1000) for _ in range(size)]
        alone = map_chunks(squares_and_pid, 5, items, processes=1)
        for processes in (2, 3):
            told: list[int] = []
            forked = map_chunks(squares_and_pid, 5, items, processes=processes, parallel_from=1, done=told.append)
            # Chunks are interleaved slices; put the items back in their order to compare with one process's answer.
            chunks = processes * 4
            merged = [None] * size
            for start, (values, _) in enumerate(forked):
                merged[start::chunks] = values
            assert merged == alone[0][0]
            assert sum(told) == size and len(told) == len(forked)


def slow_in_child(_: object, chunk) -> int:
    if os.getpid() != PARENT:
        time.sleep(0.05)
    return os.getpid()


def test_this_process_works_beside_its_children():
    workers = set(map_chunks(slow_in_child, None, list(range(4_000)), processes=3, parallel_from=1))
    assert os.getpid() in workers and len(workers) <= 3  # three processes asked for: this one and two children


def fail_on_thirteen(_: object, chunk) -> list[int]:
    if 13 in chunk:
        raise ValueError("thirteen")
    return list(chunk)


def test_an_error_in_any_chunk_is_raised_here():
    with pytest.raises(ValueError, match="thirteen"):
        map_chunks(fail_on_thirteen, None, list(range(100)), processes=3, parallel_from=1)


class Unpicklable(Exception):
    def __init__(self, handle) -> None:
        super().__init__("held a handle")
        self.handle = handle

    def __reduce__(self):
        raise TypeError("cannot pickle")


def fail_unpicklably(_: object, chunk) -> list[int]:
    if os.getpid() != PARENT:
        raise Unpicklable(lambda: None)
    time.sleep(0.05)  # so that a child claims a chunk
    return list(chunk)


def test_an_error_that_cannot_cross_processes_arrives_as_its_traceback():
    with pytest.raises(RuntimeError, match="held a handle"):
        map_chunks(fail_unpicklably, None, list(range(2_000)), processes=2, parallel_from=1)


def die_in_child(_: object, chunk) -> list[int]:
    if os.getpid() != PARENT:
        os._exit(3)
    time.sleep(0.05)  # so that a child claims a chunk
    return list(chunk)


def test_a_child_that_dies_is_an_error_not_a_hang():
    with pytest.raises(RuntimeError, match="ended without finishing"):
        map_chunks(die_in_child, None, list(range(2_000)), processes=2, parallel_from=1)
