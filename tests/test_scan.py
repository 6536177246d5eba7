"""Finding the inputs: the walk that sorts regular files out in C finds what a walk entry by entry finds."""

from __future__ import annotations

import os
import random

import pytest

from dateline.scan import FileStamp, scan_content, walk_inside


def _plain_walk(folder, project, suffix="", outside=None):
    """walk_inside as first written, entry by entry: the reference the mapped walk is checked against."""
    project_real = os.path.realpath(project)
    found = []
    start = os.path.realpath(folder)
    inside = lambda path: path == project_real or path.startswith(project_real.rstrip(os.sep) + os.sep)  # noqa: E731
    if not inside(start):
        if outside is not None and os.path.exists(folder):
            outside.append((".", start))
        return found
    walked = {start}
    pending = [("", str(folder))]
    while pending:
        prefix, current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = prefix + entry.name
            if entry.is_file(follow_symlinks=False):
                if entry.name.endswith(suffix):
                    found.append((relative, entry.path))
            elif entry.is_symlink():
                target = os.path.realpath(entry.path)
                if not inside(target):
                    if outside is not None:
                        outside.append((relative, target))
                    continue
                if os.path.isdir(target):
                    if target not in walked:
                        walked.add(target)
                        pending.append((relative + "/", entry.path))
                elif entry.name.endswith(suffix) and os.path.isfile(target):
                    found.append((relative, entry.path))
            elif entry.is_dir(follow_symlinks=False):
                real = os.path.realpath(entry.path)
                if real not in walked:
                    walked.add(real)
                    pending.append((relative + "/", entry.path))
    found.sort(key=lambda item: item[0])
    return found


def _random_tree(root, rng):
    """Folders, hidden names, other suffixes, links to files and folders inside and outside, a loop, a fifo, a dangling link."""
    elsewhere = root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text("x")
    project = root / "project"
    folders = [project / "content"]
    folders[0].mkdir(parents=True)
    for number in range(rng.randint(3, 12)):
        parent = rng.choice(folders)
        name = rng.choice(["", "."]) + f"d{number}" + rng.choice(["", ".md"])
        (parent / name).mkdir(exist_ok=True)
        folders.append(parent / name)
    files = []
    for number in range(rng.randint(5, 60)):
        name = rng.choice(["", "", "", "."]) + f"f{number}" + rng.choice([".md", ".md", ".txt", "", ".MD", ".md~"])
        path = rng.choice(folders) / name
        path.write_text("y" * number)
        files.append(path)
    for number in range(rng.randint(0, 6)):
        link = rng.choice(folders) / (rng.choice(["", "."]) + f"l{number}" + rng.choice([".md", ""]))
        target = rng.choice([*files, *folders, elsewhere, elsewhere / "secret.md", project / "missing.md", project])
        link.symlink_to(target)
    if rng.random() < 0.3:
        os.mkfifo(rng.choice(folders) / "pipe.md")
    return project


@pytest.mark.parametrize("seed", range(25))
def test_the_mapped_walk_finds_what_the_plain_walk_finds(tmp_path, seed):
    rng = random.Random(seed)
    project = _random_tree(tmp_path, rng)
    for suffix in (".md", ""):
        found_outside: list = []
        plain_outside: list = []
        assert walk_inside(project / "content", project, suffix, found_outside) == _plain_walk(
            project / "content", project, suffix, plain_outside
        )
        assert found_outside == plain_outside


def test_scan_content_stamps_each_file_as_its_stat_says(tmp_path):
    rng = random.Random(1)
    project = _random_tree(tmp_path, rng)
    content = project / "content"
    for relative, stamp in scan_content(content):
        stat = os.stat(content / relative)
        assert type(stamp) is FileStamp and stamp == (stat.st_mtime_ns, stat.st_size)
    assert [relative for relative, _ in scan_content(content)] == [relative for relative, _ in _plain_walk(content, project, ".md")]
