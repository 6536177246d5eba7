"""File changes → change kinds → the cheapest correct rebuild, and the debounce that batches them.

The table is the point of this module: every kind of change maps to a set of
actions, and a batch of changes (a save, a rename, a `git checkout`) is folded
into one plan, so one burst gives one rebuild.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer


class ChangeKind(enum.Enum):
    """What a changed path is to the build."""

    CONTENT = "content"
    SEED = "seed"
    TEMPLATE = "template"
    STATIC = "static"
    CONFIG = "config"
    IGNORED = "ignored"


class Action(enum.Enum):
    """One step of a rebuild, run in the order declared here."""

    RELOAD_CONFIG = "reload config"
    INGEST = "ingest seeds"
    BUILD = "build"


# The rebuild table. Templates and static files need no action of their own:
# build() makes a new Renderer and theme on every call, and page keys include
# template and asset hashes, so only the pages that use them are re-rendered.
ACTIONS: dict[ChangeKind, frozenset[Action]] = {
    ChangeKind.CONTENT: frozenset({Action.BUILD}),
    ChangeKind.SEED: frozenset({Action.INGEST, Action.BUILD}),
    ChangeKind.TEMPLATE: frozenset({Action.BUILD}),
    ChangeKind.STATIC: frozenset({Action.BUILD}),
    ChangeKind.CONFIG: frozenset({Action.RELOAD_CONFIG, Action.INGEST, Action.BUILD}),
    ChangeKind.IGNORED: frozenset(),
}

WATCHED_FOLDERS = ("content", "seeds", "themes")

# Editors' swap, backup and probe files: vim (.swp, .swx, ~, 4913), emacs (#x#,
# .#x), JetBrains (___jb_tmp___, ___jb_old___), Kate (.kate-swp), macOS (.DS_Store).
_IGNORED_SUFFIXES = (".swp", ".swx", ".swo", ".swn", "~", ".tmp", ".bak", ".orig", ".kate-swp", "___jb_tmp___", "___jb_old___")
_IGNORED_NAMES = frozenset({"4913", "Thumbs.db", "desktop.ini"})


def is_editor_noise(name: str) -> bool:
    """True for hidden files and editors' temporary, swap and backup files."""
    return (
        not name
        or name.startswith(".")
        or name in _IGNORED_NAMES
        or name.endswith(_IGNORED_SUFFIXES)
        or (name.startswith("#") and name.endswith("#"))
    )


def classify(path: Path | str, root: Path, config_path: Path) -> ChangeKind:
    """The kind of change a path is, for the project at `root` (paths outside it are ignored)."""
    path = Path(path)
    if path == config_path:
        return ChangeKind.CONFIG
    try:
        parts = PurePosixPath(path.relative_to(root).as_posix()).parts
    except ValueError:
        return ChangeKind.IGNORED
    if len(parts) < 2 or any(is_editor_noise(part) for part in parts):
        return ChangeKind.IGNORED
    top = parts[0]
    if top == "content":
        # A folder event (no suffix) may stand for the .md files moved or deleted with it.
        return ChangeKind.CONTENT if parts[-1].endswith(".md") or "." not in parts[-1] else ChangeKind.IGNORED
    if top == "seeds":
        return ChangeKind.SEED
    if top == "themes" and len(parts) >= 3:
        if parts[2] == "templates":
            return ChangeKind.TEMPLATE
        if parts[2] == "static":
            return ChangeKind.STATIC
    return ChangeKind.IGNORED


@dataclass(frozen=True)
class RebuildPlan:
    """What one batch of changes asks for: the actions and the paths behind them."""

    actions: frozenset[Action]
    kinds: frozenset[ChangeKind]
    paths: tuple[str, ...]

    @property
    def css_only(self) -> bool:
        """Only stylesheets changed: open pages can swap their <link> instead of reloading."""
        return self.kinds == {ChangeKind.STATIC} and all(p.endswith(".css") for p in self.paths)

    @property
    def empty(self) -> bool:
        """Nothing to do (only ignored files changed)."""
        return not self.actions

    def ordered_actions(self) -> list[Action]:
        """The actions in the order they must run."""
        return [action for action in Action if action in self.actions]


def plan_changes(paths: Iterable[Path | str], root: Path, config_path: Path) -> RebuildPlan:
    """Fold a batch of changed paths into one plan (one rebuild for any number of files)."""
    actions: set[Action] = set()
    kinds: set[ChangeKind] = set()
    shown: list[str] = []
    for path in dict.fromkeys(Path(p) for p in paths):
        kind = classify(path, root, config_path)
        if kind is ChangeKind.IGNORED:
            continue
        kinds.add(kind)
        actions |= ACTIONS[kind]
        shown.append(path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path))
    return RebuildPlan(frozenset(actions), frozenset(kinds), tuple(sorted(shown)))


class ChangeBatcher:
    """Collects changed paths and hands them out once no new change came for `quiet` seconds.

    A continuous stream of changes is still handed out after `longest` seconds,
    so a process that keeps writing cannot starve the rebuild forever.
    """

    def __init__(self, quiet: float = 0.1, longest: float = 2.0, clock: Callable[[], float] = time.monotonic):
        self.quiet = quiet
        self.longest = longest
        self._clock = clock
        self._condition = threading.Condition()
        self._paths: dict[str, None] = {}
        self._first = 0.0
        self._last = 0.0
        self._closed = False
        # When the first change of the batch last handed out arrived (for latency reports).
        self.last_first_change = 0.0

    def add(self, path: str) -> None:
        """Record one changed path (called from the watcher thread)."""
        with self._condition:
            now = self._clock()
            if not self._paths:
                self._first = now
            self._paths[path] = None
            self._last = now
            self._condition.notify_all()

    def close(self) -> None:
        """Wake any waiter and make it return an empty batch."""
        with self._condition:
            self._closed = True
            self._condition.notify_all()

    def next_batch(self, timeout: float | None = None) -> list[str]:
        """Block until a batch has settled; return it ([] on close or timeout)."""
        deadline = None if timeout is None else self._clock() + timeout
        with self._condition:
            while not self._closed:
                now = self._clock()
                if self._paths:
                    settles_at = min(self._last + self.quiet, self._first + self.longest)
                    if now >= settles_at:
                        self.last_first_change = self._first
                        batch = list(self._paths)
                        self._paths.clear()
                        return batch
                    self._condition.wait(settles_at - now)
                else:
                    if deadline is not None and now >= deadline:
                        return []
                    self._condition.wait(None if deadline is None else deadline - now)
            return []

    def pending(self) -> bool:
        """True when changes are waiting to be handed out."""
        with self._condition:
            return bool(self._paths)


class _Forwarder(FileSystemEventHandler):
    """Passes every path an event touches (both ends of a move) to the batcher."""

    def __init__(self, batcher: ChangeBatcher, accept: Callable[[str], bool]):
        self._batcher = batcher
        self._accept = accept

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Forward the paths of one filesystem event."""
        if event.event_type in ("opened", "closed_no_write") or (event.is_directory and event.event_type == "modified"):
            return  # reads, and a folder's own mtime, are not changes: its files report themselves
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = raw.decode() if isinstance(raw, bytes) else raw
            if path and self._accept(path):
                self._batcher.add(path)


class ProjectWatcher:
    """Watches content/, seeds/, themes/ and the config file with watchdog, feeding a ChangeBatcher."""

    def __init__(self, root: Path, config_path: Path, batcher: ChangeBatcher):
        self.root = root.resolve()
        self.config_path = config_path.resolve()
        self.batcher = batcher
        self._observer = Observer()
        self._watched: set[str] = set()

    def start(self) -> None:
        """Start the observer thread."""
        for name in WATCHED_FOLDERS:
            self._watch_folder(self.root / name)
        # The project folder itself, not recursively: config.yaml, and watched folders created later.
        self._observer.schedule(_Forwarder(self.batcher, self._accept_root_event), str(self.config_path.parent), recursive=False)
        self._observer.start()

    def stop(self) -> None:
        """Stop the observer thread and wait for it."""
        self._observer.stop()
        self._observer.join(timeout=5)

    def _watch_folder(self, folder: Path) -> None:
        if folder.is_dir() and str(folder) not in self._watched:
            self._watched.add(str(folder))
            self._observer.schedule(_Forwarder(self.batcher, lambda _: True), str(folder), recursive=True)

    def _accept_root_event(self, path: str) -> bool:
        candidate = Path(path)
        if candidate.parent == self.root and candidate.name in WATCHED_FOLDERS:
            self._watch_folder(candidate)
            return True
        return candidate == self.config_path
