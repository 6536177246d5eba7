"""The command line's build after light edits (light_build.py) against the plain path, over random edits.

A body edit from the command line renders the article's page and the feeds from slices of the
saved state, without the model; it must give the very files a clean build gives, with the default
theme and with one that prints every field of every view, and the plain path must run whenever
an edit reaches more than the body (a title, a date, a topic, a story's words), a file comes or
goes, or the saved slices are lost.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_incremental import files, write
from test_light_edits import Desk, clean

from dateline.builder import BuildOptions, build
from dateline.config import load_config
from dateline.keys import pack_files
from dateline.light_build import LIGHT_LIMIT, _changed_files
from dateline.scan import FileStamp
from dateline.state import (
    CACHE_DIR,
    LIGHT_FILE,
    OUTPUT_FILE,
    PAGES_SHARD_FILE,
    SHARD_FILE,
    StoryMemo,
    file_shard,
    load_state,
    shard_of,
    shards_of_days,
)
from dateline.story_groups import block_of, region_days

OPTIONS = BuildOptions(search=False, processes=1, drafts=True)


def emphasised(text: str) -> str:
    """The article's text with its last word set in bold: a new body, the same words (so the same story inputs)."""
    head, last = text.rstrip().rsplit(" ", 1)
    return f"{head} **{last.rstrip('.')}**.\n"


def command_line_build(root: Path) -> tuple[set[str], int]:
    """Build like `python build.py build --drafts`; the stages it ran and the files it rendered."""
    result = build(load_config(root / "config.yaml")[0], OPTIONS)
    return {name for name, _ in result.timings}, result.rendered


@pytest.mark.parametrize("theme", ["default", "every-field"])
def test_light_command_line_builds_give_what_a_clean_build_gives(tmp_path, theme):
    rng = random.Random(7 if theme == "default" else 11)
    desk = Desk(tmp_path / "site", rng, theme)
    command_line_build(desk.root)
    light, plain, history = 0, 0, []
    for number in range(36):
        kind, _ = desk.step()
        history.append(kind)
        stages, _ = command_line_build(desk.root)
        if "light" in stages:
            light += 1
            assert kind not in ("title", "date", "topic", "source", "first paragraph"), f"step {number}: {history}"
        elif "up to date" not in stages:
            plain += 1
        assert files(desk.root / "_site") == clean(desk.root, tmp_path / "clean"), f"step {number}: {history}"
    assert light >= 6 and plain >= 6, (light, plain, history)


def test_an_edit_undone_after_a_light_build_is_undone_in_the_output(tmp_path):
    # The output record must learn the light build's keys: else the page, keyed as before the edit, would be kept.
    desk = Desk(tmp_path / "site", random.Random(3), "default")
    command_line_build(desk.root)
    path = desk.root / "content/a05.md"
    original = path.read_text()
    write(path, emphasised(original))
    assert "light" in command_line_build(desk.root)[0]
    write(path, original)
    stages, rendered = command_line_build(desk.root)
    assert "light" in stages and rendered >= 1
    assert files(desk.root / "_site") == clean(desk.root, tmp_path / "clean")


def test_a_light_build_renders_the_page_and_only_the_feeds_holding_it(tmp_path):
    desk = Desk(tmp_path / "site", random.Random(5), "default")
    command_line_build(desk.root)
    before = files(desk.root / "_site")
    # The newest article is in the site's feed and its topic's (feed_limit 4); the oldest in none.
    for name, feeds in (("a15", {"feed.xml", "topics/science/feed.xml"}), ("a00", set())):
        path = desk.root / f"content/{name}.md"
        write(path, emphasised(path.read_text()))
        stages, _ = command_line_build(desk.root)
        assert "light" in stages
        after = files(desk.root / "_site")
        changed = {file for file in after if before.get(file) != after[file]}
        assert changed == {f"2024/03/{name}/index.html"} | feeds
        before = after
    assert after == clean(desk.root, tmp_path / "clean")


@pytest.mark.parametrize("loss", ["light record", "page shard", "file shard", "output record", "corrupt record"])
def test_lost_slices_of_state_send_the_build_down_the_plain_path(tmp_path, loss):
    desk = Desk(tmp_path / "site", random.Random(9), "default")
    command_line_build(desk.root)
    cache = desk.root / CACHE_DIR
    state = load_state(cache)
    assert state is not None
    lost = {
        "light record": LIGHT_FILE,
        "page shard": PAGES_SHARD_FILE.format(shard_of("content/a07.md")),
        "file shard": SHARD_FILE.format(file_shard("content/a07.md", state.files["content/a07.md"])),
        "output record": OUTPUT_FILE,
        "corrupt record": LIGHT_FILE,
    }[loss]
    if loss == "corrupt record":
        (cache / lost).write_bytes(b"\x80\x05not a pickle")
    else:
        (cache / lost).unlink()
    path = desk.root / "content/a07.md"
    write(path, emphasised(path.read_text()))
    stages, _ = command_line_build(desk.root)
    assert "light" not in stages and "model" in stages
    assert files(desk.root / "_site") == clean(desk.root, tmp_path / "clean")
    # The plain build saved the slices again: the next body edit is light.
    write(path, path.read_text().replace("**", "*"))
    assert "light" in command_line_build(desk.root)[0]
    assert files(desk.root / "_site") == clean(desk.root, tmp_path / "clean")


def test_files_added_or_a_theme_changed_take_the_plain_path(tmp_path):
    desk = Desk(tmp_path / "site", random.Random(13), "default")
    command_line_build(desk.root)
    shutil.copy(desk.root / "content/a03.md", desk.root / "content/a03-copy.md")
    text = (desk.root / "content/a03-copy.md").read_text().replace("slug: a03", "slug: a03-copy")
    write(desk.root / "content/a03-copy.md", text + "\nA line.\n")
    assert "light" not in command_line_build(desk.root)[0]
    style = desk.root / "themes/default/static/style.css"
    write(style, style.read_text() + "\n/* changed */\n")
    path = desk.root / "content/a04.md"
    write(path, path.read_text() + "\nA line.\n")
    assert "light" not in command_line_build(desk.root)[0]
    assert files(desk.root / "_site") == clean(desk.root, tmp_path / "clean")


def test_a_body_edit_that_moves_its_story_inputs_regroups_only_its_weeks(tmp_path):
    desk = Desk(tmp_path / "site", random.Random(7), "default")
    command_line_build(desk.root)
    key_before = load_state(desk.root / CACHE_DIR).files["content/a05.md"].article.story_key
    desk.bodies["content/a05.md"][1] += " Harbour council talks resume after the bridge vote in the city."
    desk.save("content/a05.md")
    stages, _ = command_line_build(desk.root)
    assert "light" in stages
    assert load_state(desk.root / CACHE_DIR).files["content/a05.md"].article.story_key != key_before
    assert files(desk.root / "_site") == clean(desk.root, tmp_path / "clean")


def test_a_body_edit_that_changes_the_stories_takes_the_plain_path(tmp_path):
    # a01 carries a02's text too: it becomes a copy of another report, and the stories change.
    desk = Desk(tmp_path / "site", random.Random(7), "default")
    command_line_build(desk.root)
    first = desk.bodies["content/a01.md"][0]
    desk.bodies["content/a01.md"] = [first, *desk.bodies["content/a02.md"], *desk.bodies["content/a02.md"]]
    desk.save("content/a01.md")
    stages, _ = command_line_build(desk.root)
    assert "light" not in stages and "model" in stages
    assert files(desk.root / "_site") == clean(desk.root, tmp_path / "clean")


@pytest.mark.parametrize("seed", range(24))
def test_the_changed_files_are_those_a_file_by_file_comparison_finds(seed):
    # _changed_files compares blocks of 4,096 stamps in C first: over random scans, the same answer as file by file.
    rng = random.Random(seed)
    count = rng.choice([1, 5, 4095, 4096, 4097, rng.randint(1, 13000)])
    content = tuple((f"{number:05d}.md", FileStamp(rng.randint(0, 10**12), rng.randint(0, 5000))) for number in range(count))
    edited = list(content)
    for index in rng.sample(range(count), rng.randint(0, min(LIGHT_LIMIT + 2, count))):
        path, stamp = edited[index]
        edited[index] = (path, FileStamp(stamp.mtime_ns + rng.choice([0, 1]), stamp.size + rng.choice([0, 1])))
    expected = [entry for entry, old in zip(edited, content, strict=True) if entry[1] != old[1]]
    found = _changed_files(pack_files(content), pack_files(edited), tuple(edited))
    assert found == (expected if 0 < len(expected) <= LIGHT_LIMIT else None)


@pytest.mark.parametrize("seed", range(30))
def test_the_weeks_read_for_a_regrouping_hold_every_article_of_its_blocks(seed):
    # A light build regroups the blocks around an edit from the file shards of region_days' span: over random dates,
    # zones and windows, every article of those blocks (as grouping places them) is in one of the shards read.
    rng = random.Random(seed)
    window = rng.choice([0, 1, 3, 5, 10, 30])
    zones = [timezone(timedelta(hours=hours)) for hours in (-11, -5, 0, 5.5, 9, 14)]

    def moment() -> datetime:
        return datetime(2020, 1, 1, tzinfo=UTC).astimezone(rng.choice(zones)) + timedelta(seconds=rng.randint(0, 4 * 10**7))

    edited = SimpleNamespace(path="content/edited.md", date=moment())
    memo = StoryMemo(window_days=window, entries=())
    first, last = region_days([edited], window, memo)
    read = shards_of_days(first, last)
    touched = block_of(edited.date, window)
    for number in range(400):
        article = SimpleNamespace(path=f"content/{number}.md", date=moment())
        if abs(block_of(article.date, window) - touched) <= 1:
            assert file_shard(article.path, SimpleNamespace(article=article)) in read, (article.date, edited.date, window)
