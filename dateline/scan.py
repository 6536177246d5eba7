"""Finding the inputs: content files and theme files with their stats (cheap: this runs before every up-to-date check)."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from stat import S_ISREG

from .config import Config

DEFAULT_THEME = "default"
# Every content file as (POSIX path relative to content/, stat), sorted by path.
ContentScan = tuple[tuple[str, os.stat_result], ...]


def scan_content(content_dir: Path) -> list[tuple[str, os.stat_result]]:
    """Every non-hidden `*.md` under content/ as (POSIX path relative to it, stat), sorted."""
    return [(relative, entry.stat()) for relative, entry in content_entries(content_dir)]


def content_entries(content_dir: Path) -> list[tuple[str, os.DirEntry]]:
    """Every non-hidden `*.md` under content/ as (POSIX path relative to it, directory entry), sorted.

    Plain strings and os.scandir: several times faster than pathlib's rglob
    on 10,000 files; symlinked folders are not followed (no loops).
    """
    found: list[tuple[str, os.DirEntry]] = []
    pending = [("", str(content_dir))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append((prefix + entry.name + "/", entry.path))
            elif entry.name.endswith(".md") and entry.is_file():
                found.append((prefix + entry.name, entry))
    found.sort(key=lambda item: item[0])
    return found


def scan(config: Config, previous: ContentScan = (), hinted: Collection[str] | None = None) -> ContentScan:
    """Every content file with its stat; with `hinted` (a watcher's project-relative paths), only those are looked at again."""
    if hinted is None:
        return tuple(scan_content(config.content_dir))
    prefix = config.content_dir.relative_to(config.root).as_posix() + "/"
    entries = dict(previous)
    for path in hinted:
        relative = path.removeprefix(prefix)
        if relative == path or not relative.endswith(".md") or any(part.startswith(".") for part in relative.split("/")):
            continue
        try:
            stat = os.stat(config.content_dir / relative)
        except OSError:
            stat = None
        if stat is None or not S_ISREG(stat.st_mode):
            entries.pop(relative, None)
        else:
            entries[relative] = stat
    return tuple(sorted(entries.items(), key=lambda item: item[0]))


def theme_folders(config: Config) -> list[Path]:
    """The theme folders to search, the chosen theme first, then `default` (once)."""
    names = [config.theme] if config.theme == DEFAULT_THEME else [config.theme, DEFAULT_THEME]
    return [config.themes_dir / name for name in names]


def theme_files(config: Config) -> list[tuple[str, os.stat_result]]:
    """Every file of the theme folders with its stat, for the up-to-date check."""
    found = []
    for folder in theme_folders(config):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                found.append((path, os.stat(path)))
    return found
