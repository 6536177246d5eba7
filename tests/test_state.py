"""The saved state: what one build hands the next survives a round trip, and a damaged part only costs time."""

from __future__ import annotations

import functools
import os
import random
import shutil
from dataclasses import replace

import pytest

from dateline.errors import Problem
from dateline.parallel import answered_by_child
from dateline.state import (
    FILE_SHARDS,
    SHARD_FILE,
    BuildState,
    OutputRecord,
    ParsedFile,
    Stamp,
    ViewMemo,
    carried_over,
    load_output_record,
    load_state,
    output_files_state,
    outputs_as_stamped,
    read_stamp,
    read_stamp_outputs,
    save_output_record,
    save_state,
    write_stamp,
    write_stamp_patched,
)


def state_with(count: int, key: str = "k") -> BuildState:
    """A state of `count` parsed files (no articles needed) and an output record."""
    files = {f"content/a{n}.md": ParsedFile((n, 10), f"hash{n}", None, ()) for n in range(count)}
    return BuildState(key, "code", files, ViewMemo(keys={"fp": ("e", "a")}), output=OutputRecord({"index.html": "k1"}, "id"))


def test_a_saved_state_loads_as_it_was_saved_without_what_only_a_session_keeps(tmp_path):
    state = replace(state_with(100), pages={"": object()})
    save_state(tmp_path, state)
    loaded = load_state(tmp_path)
    assert loaded.files == state.files and loaded.output == state.output and loaded.views.keys == state.views.keys
    assert loaded.pages == {} and loaded.views.views == {}


def test_one_changed_file_rewrites_one_shard(tmp_path):
    state = state_with(300)
    save_state(tmp_path, state)
    loaded = load_state(tmp_path)
    before = {n: (tmp_path / SHARD_FILE.format(n)).stat().st_mtime_ns for n in range(FILE_SHARDS)}
    edited = dict(loaded.files)
    edited["content/a7.md"] = ParsedFile((99, 10), "new", None, ())
    save_state(tmp_path, replace(loaded, files=edited), loaded)
    after = {n: (tmp_path / SHARD_FILE.format(n)).stat().st_mtime_ns for n in range(FILE_SHARDS)}
    assert sum(before[n] != after[n] for n in before) == 1
    assert load_state(tmp_path).files == edited


def test_a_corrupt_or_stale_shard_loses_only_its_files(tmp_path):
    save_state(tmp_path, state_with(300))
    (tmp_path / SHARD_FILE.format(3)).write_bytes(b"not a pickle")
    assert 0 < len(load_state(tmp_path).files) < 300
    save_state(tmp_path, state_with(300))
    save_state(tmp_path, state_with(10, key="other config"))  # rewrites every shard with the new key
    assert len(load_state(tmp_path).files) == 10


def test_a_missing_or_corrupt_state_is_no_state(tmp_path):
    assert load_state(tmp_path) is None
    save_state(tmp_path, state_with(5))
    (tmp_path / "state.pickle").write_bytes(b"junk")
    assert load_state(tmp_path) is None


def test_a_new_config_keeps_only_the_output_record_and_new_code_nothing():
    state = state_with(5)
    assert carried_over(state, "k", "code") is state
    assert carried_over(state, "new key", "code") == BuildState("new key", "code", output=state.output)
    assert carried_over(state, "new key", "new code") == BuildState("new key", "new code")


def test_state_saved_by_an_older_layout_is_no_state(tmp_path):
    import pickle

    old = state_with(3)
    del old.__dict__["pages"]  # as a state pickled before BuildState had this field
    (tmp_path / "state.pickle").write_bytes(pickle.dumps(old))
    assert load_state(tmp_path) is None


@pytest.mark.parametrize("seed", range(6))
def test_outputs_checked_in_a_forked_child_answer_as_in_this_process(tmp_path, seed):
    rng = random.Random(seed)
    site = tmp_path / "site"
    for number in range(60):
        page = site / f"{number % 7}/{number}/index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("x" * rng.randint(0, 50))
    paths = sorted(str(path.relative_to(site)) for path in site.rglob("*.html"))
    cache = tmp_path / "cache"
    write_stamp(cache, Stamp("inputs", 1, 1, 1, ()), output_files_state(site, paths))
    stamp = read_stamp(cache)
    damage = rng.choice(["none", "delete", "resize", "touch", "delete the folder"])
    victim = site / rng.choice(paths)
    if damage == "delete":
        victim.unlink()
    elif damage == "resize":
        victim.write_text(victim.read_text() + "y")
    elif damage == "touch":
        os.utime(victim, ns=(victim.stat().st_atime_ns, victim.stat().st_mtime_ns + 1_000_000))
    elif damage == "delete the folder":
        shutil.rmtree(site)
    check = functools.partial(outputs_as_stamped, site, cache, stamp)
    # The mapped check against its plain definition: every stamped file's stat as the stamp kept it.
    plain = output_files_state(site, paths) == read_stamp_outputs(cache, stamp)
    assert answered_by_child(check)() == check() == plain == (damage == "none")


def test_a_child_that_fails_leaves_the_check_to_this_process():
    parent = os.getpid()

    def check() -> bool:
        if os.getpid() != parent:
            raise OSError("the child could not answer")
        return True

    assert answered_by_child(check)() is True


def test_the_stamp_and_its_output_stats_read_back_as_written_and_only_as_a_pair(tmp_path):
    """The output stats are a table beside the stamp: read back exactly, and never with another build's stamp."""
    rng = random.Random(4)
    outputs = {
        "".join(rng.choice("abcé/ü-x.") for _ in range(rng.randint(1, 30))) + f"{number}.html": (
            rng.randint(0, 1 << 40),
            rng.randint(-(1 << 62), 1 << 62),
        )
        for number in range(300)
    }
    warning = Problem("content/a.md", 3, "topic 'X' is not declared", "declare it", "warning")
    write_stamp(tmp_path, Stamp("inputs-1", 7, 5, 2, (warning,)), outputs)
    first = read_stamp(tmp_path)
    assert (first.inputs, first.pages, first.articles, first.topics, first.warnings) == ("inputs-1", 7, 5, 2, (warning,))
    assert read_stamp_outputs(tmp_path, first) == outputs
    write_stamp(tmp_path, Stamp("inputs-2", 1, 1, 1, ()), {})
    second = read_stamp(tmp_path)
    assert read_stamp_outputs(tmp_path, second) == {}
    assert read_stamp_outputs(tmp_path, first) is None  # the stats now on disk are another build's
    (tmp_path / "stamp-outputs.bin").write_bytes(b"damaged")
    assert read_stamp_outputs(tmp_path, second) is None


@pytest.mark.parametrize(
    "record",
    [
        OutputRecord(),
        OutputRecord({"index.html": "k1"}, ""),
        OutputRecord({"index.html": "k1", "pagefind/": "", "static/s.1a2b.css": "static/s.1a2b.css", "città/ü 1.html": "k2"}, "id"),
    ],
)
def test_the_output_record_survives_its_round_trip_and_another_codes_is_not_read(tmp_path, record):
    save_output_record(tmp_path, "code", record)
    assert load_output_record(tmp_path, "code") == record
    assert load_output_record(tmp_path, "other") == OutputRecord()
    (tmp_path / "output.bin").write_bytes((tmp_path / "output.bin").read_bytes()[:-3])
    assert load_output_record(tmp_path, "code") == OutputRecord()  # cut short: no record rather than a wrong one


def test_a_patched_stamp_is_the_stamp_written_whole(tmp_path):
    # A light build replaces the stats of the files it wrote in the last stamp's table; the check must read it as a
    # stamp written from scratch with the same stats.
    rng = random.Random(5)
    outputs = {f"p{n}/index.html": (rng.randint(1, 9999), rng.randint(1, 10**15)) for n in range(50)}
    first = Stamp("inputs-1", 3, 2, 1, ())
    write_stamp(tmp_path / "a", first, outputs)
    written = read_stamp(tmp_path / "a")
    fresh = {"p3/index.html": (11, 12), "p40/index.html": (13, 14)}
    second = Stamp("inputs-2", 3, 2, 1, ())
    assert write_stamp_patched(tmp_path / "a", second, written, fresh)
    write_stamp(tmp_path / "b", second, {**outputs, **fresh})
    assert read_stamp(tmp_path / "a") == read_stamp(tmp_path / "b")
    assert read_stamp_outputs(tmp_path / "a", read_stamp(tmp_path / "a")) == {**outputs, **fresh}
    assert not write_stamp_patched(tmp_path / "a", second, read_stamp(tmp_path / "a"), {"not/listed.html": (1, 2)})
