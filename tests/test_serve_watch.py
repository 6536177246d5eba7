"""serve's change table: paths → change kinds → actions, editor noise, and one rebuild per burst."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from dateline.serve.watch import (
    ACTIONS,
    Action,
    ChangeBatcher,
    ChangeKind,
    ProjectWatcher,
    classify,
    is_editor_noise,
    plan_changes,
)

ROOT = Path("/project")
CONFIG = ROOT / "config.yaml"


@pytest.mark.parametrize(
    ("relative", "kind"),
    [
        ("content/2021/story.md", ChangeKind.CONTENT),
        ("content/2021", ChangeKind.CONTENT),  # a folder moved or deleted with its articles
        ("content/notes.txt", ChangeKind.IGNORED),
        ("seeds/000_wire.txt", ChangeKind.SEED),
        ("seeds/batch/story", ChangeKind.SEED),
        ("themes/default/templates/article.html", ChangeKind.TEMPLATE),
        ("themes/mine/templates/partials/entry.html", ChangeKind.TEMPLATE),
        ("themes/default/static/style.css", ChangeKind.STATIC),
        ("themes/default/static/img/logo.svg", ChangeKind.STATIC),
        ("themes/default/README.md", ChangeKind.IGNORED),
        ("config.yaml", ChangeKind.CONFIG),
        ("_site/index.html", ChangeKind.IGNORED),
        (".git/index", ChangeKind.IGNORED),
        ("README.md", ChangeKind.IGNORED),
    ],
)
def test_classify_maps_project_paths_to_kinds(relative, kind):
    assert classify(ROOT / relative, ROOT, CONFIG) is kind


@pytest.mark.parametrize(
    "name",
    [
        ".story.md.swp",
        ".story.md.swx",
        "story.md.swp",
        "story.md~",
        ".#story.md",
        "#story.md#",
        "4913",
        ".DS_Store",
        ".hidden.md",
        "story.md___jb_tmp___",
        "story.md___jb_old___",
    ],
)
def test_editor_temp_files_are_ignored(name):
    assert is_editor_noise(name)
    assert classify(ROOT / "content" / "2021" / name, ROOT, CONFIG) is ChangeKind.IGNORED
    assert classify(ROOT / "themes" / "default" / "templates" / name, ROOT, CONFIG) is ChangeKind.IGNORED


def test_files_in_hidden_folders_and_outside_the_project_are_ignored():
    assert classify(ROOT / "content" / ".drafts" / "x.md", ROOT, CONFIG) is ChangeKind.IGNORED
    assert classify(Path("/elsewhere/content/x.md"), ROOT, CONFIG) is ChangeKind.IGNORED


def test_action_table_gives_each_kind_its_cheapest_rebuild():
    assert ACTIONS[ChangeKind.CONTENT] == {Action.BUILD}
    assert ACTIONS[ChangeKind.SEED] == {Action.INGEST, Action.BUILD}
    assert ACTIONS[ChangeKind.TEMPLATE] == {Action.BUILD}
    assert ACTIONS[ChangeKind.STATIC] == {Action.BUILD}
    assert Action.RELOAD_CONFIG in ACTIONS[ChangeKind.CONFIG]
    assert ACTIONS[ChangeKind.IGNORED] == frozenset()


def test_a_burst_folds_into_one_ordered_plan():
    paths = [ROOT / f"content/2021/story-{n}.md" for n in range(50)]
    paths += [ROOT / "seeds/new.txt", ROOT / "config.yaml", ROOT / "content/2021/.story-1.md.swp"]
    plan = plan_changes(paths, ROOT, CONFIG)
    assert plan.ordered_actions() == [Action.RELOAD_CONFIG, Action.INGEST, Action.BUILD]
    assert plan.kinds == {ChangeKind.CONTENT, ChangeKind.SEED, ChangeKind.CONFIG}
    assert len(plan.paths) == 52
    assert not plan.css_only


def test_css_only_plans_are_recognised():
    assert plan_changes([ROOT / "themes/default/static/style.css"], ROOT, CONFIG).css_only
    assert not plan_changes([ROOT / "themes/default/static/favicon.svg"], ROOT, CONFIG).css_only
    mixed = [ROOT / "themes/default/static/style.css", ROOT / "themes/default/templates/base.html"]
    assert not plan_changes(mixed, ROOT, CONFIG).css_only


def test_only_noise_gives_an_empty_plan():
    plan = plan_changes([ROOT / "content/.x.md.swp", ROOT / "content/4913", ROOT / "_site/index.html"], ROOT, CONFIG)
    assert plan.empty


def test_batcher_waits_for_quiet_then_hands_out_everything_once():
    batcher = ChangeBatcher(quiet=0.05)
    for n in range(50):
        batcher.add(f"/p/content/{n}.md")
    started = time.monotonic()
    batch = batcher.next_batch(timeout=2)
    assert len(batch) == 50
    assert time.monotonic() - started >= 0.04
    assert batcher.next_batch(timeout=0.1) == []


def test_batcher_hands_out_a_never_ending_stream_after_the_longest_wait():
    batcher = ChangeBatcher(quiet=0.2, longest=0.3)
    stop = threading.Event()

    def keep_writing():
        while not stop.is_set():
            batcher.add("/p/content/busy.md")
            time.sleep(0.02)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        assert batcher.next_batch(timeout=2) == ["/p/content/busy.md"]
    finally:
        stop.set()
        writer.join()


def test_batcher_close_wakes_a_waiter():
    batcher = ChangeBatcher()
    threading.Timer(0.05, batcher.close).start()
    assert batcher.next_batch() == []


@pytest.fixture
def watched(tmp_path):
    """A real watchdog observer on a small project; yields (root, batcher)."""
    root = tmp_path / "site"
    for folder in ("content/2021", "seeds", "themes/default/templates"):
        (root / folder).mkdir(parents=True)
    (root / "config.yaml").write_text("title: T\n")
    (root / "content/2021/story.md").write_text("---\ntitle: A\n---\nBody\n")
    batcher = ChangeBatcher(quiet=0.1)
    watcher = ProjectWatcher(root, root / "config.yaml", batcher)
    watcher.start()
    yield root, batcher
    watcher.stop()


def settled_plan(root: Path, batcher: ChangeBatcher):
    """The plan of the next batch that is not only noise (or an empty plan after 3 s)."""
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        plan = plan_changes(batcher.next_batch(timeout=0.5), root, root / "config.yaml")
        if not plan.empty:
            return plan
    return plan


def test_watcher_sees_an_in_place_write(watched):
    root, batcher = watched
    (root / "content/2021/story.md").write_text("---\ntitle: B\n---\nBody\n")
    assert settled_plan(root, batcher).paths == ("content/2021/story.md",)


def test_watcher_sees_a_vim_style_rename_save_as_one_content_change(watched):
    root, batcher = watched
    story = root / "content/2021/story.md"
    (root / "content/2021/4913").write_text("")  # vim's probe file
    os.unlink(root / "content/2021/4913")
    os.replace(story, root / "content/2021/story.md~")  # backup
    swap = root / "content/2021/.story.md.swp"
    swap.write_text("swap")
    story.write_text("---\ntitle: C\n---\nBody\n")
    os.unlink(root / "content/2021/story.md~")
    swap.unlink()
    plan = settled_plan(root, batcher)
    assert plan.paths == ("content/2021/story.md",)
    assert plan.kinds == {ChangeKind.CONTENT}


def test_watcher_sees_a_temp_file_renamed_over_the_article(watched):
    root, batcher = watched
    temp = root / "content/2021/story.md___jb_tmp___"
    temp.write_text("---\ntitle: D\n---\nBody\n")
    os.replace(temp, root / "content/2021/story.md")
    assert settled_plan(root, batcher).paths == ("content/2021/story.md",)


def test_watcher_sees_delete_and_recreate(watched):
    root, batcher = watched
    story = root / "content/2021/story.md"
    story.unlink()
    story.write_text("---\ntitle: E\n---\nBody\n")
    assert settled_plan(root, batcher).paths == ("content/2021/story.md",)


def test_a_checkout_of_fifty_files_gives_one_batch(watched):
    root, batcher = watched
    for n in range(50):
        (root / f"content/2021/story-{n}.md").write_text(f"---\ntitle: {n}\n---\n")
    plan = settled_plan(root, batcher)
    assert len(plan.paths) == 50
    assert not batcher.pending()


def test_watcher_sees_config_and_seed_changes(watched):
    root, batcher = watched
    (root / "config.yaml").write_text("title: Changed\n")
    (root / "seeds/wire.txt").write_text("NEW YORK (AP) — Something happened.\n")
    plan = settled_plan(root, batcher)
    assert plan.kinds == {ChangeKind.CONFIG, ChangeKind.SEED}
    assert plan.ordered_actions() == [Action.RELOAD_CONFIG, Action.INGEST, Action.BUILD]
