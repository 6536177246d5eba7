"""Writing the output folder: safely placed, built aside, swapped in whole."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import BuildError, Problem

# Dateline marks folders it made, so it never deletes one it did not make. The
# marker holds the id of the manifest the folder was written from.
MARKER = ".dateline-output"
MARKER_PREFIX = "Written by Dateline; replaced on every build. Manifest "


def check_output_dir(output_dir: Path, project_root: Path, explicit: bool) -> None:
    """Refuse an output folder that would clobber the project or a folder Dateline did not make."""
    output_dir = output_dir.resolve()
    root = project_root.resolve()

    def refuse(message: str, hint: str) -> BuildError:
        return BuildError([Problem(str(output_dir), None, message, hint)])

    if output_dir == root or output_dir in root.parents:
        raise refuse("the output folder would replace the project", "use a subfolder such as `_site`")
    for protected in ("content", "themes", "seeds", ".git"):
        folder = root / protected
        if output_dir == folder or folder in output_dir.parents or output_dir in folder.parents:
            raise refuse(f"the output folder overlaps {protected}/", "use a separate folder such as `_site`")
    if (output_dir / "content").is_dir():
        raise refuse("the output folder holds a content/ folder", "point the output at a folder of its own")
    if root not in output_dir.parents and not explicit:
        raise refuse("the output folder is outside the project", "pass it on the command line with --output to confirm")
    if output_dir.exists():
        if not output_dir.is_dir():
            raise refuse("the output path is a file", "remove it or choose another --output")
        if any(output_dir.iterdir()) and not (output_dir / MARKER).is_file():
            raise refuse("the output folder exists and was not made by Dateline", "empty or remove it yourself, or choose another --output")


def output_manifest_id(output_dir: Path) -> str:
    """The manifest id in an output folder's marker, or "" if it has none."""
    try:
        text = (output_dir / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    return text.removeprefix(MARKER_PREFIX).strip() if text.startswith(MARKER_PREFIX) else ""


def write_file(root: Path, relative_path: str, data: bytes, made_folders: set[str] | None = None) -> None:
    """Write one output file under `root`, creating its folder; never outside `root`.

    Pass the same `made_folders` set for a batch of writes: each folder is then
    created once, and no write first fails for a missing folder.
    """
    if relative_path.startswith("/") or ".." in relative_path.split("/"):
        raise ValueError(f"refusing to write outside the output folder: {relative_path!r}")
    folder = os.path.dirname(relative_path)
    if folder and (made_folders is None or folder not in made_folders):
        os.makedirs(os.path.join(root, folder), exist_ok=True)
        if made_folders is not None:
            made_folders.add(folder)
    with open(os.path.join(root, relative_path), "wb") as stream:
        stream.write(data)


class OutputWriter:
    """Builds the new output in a temporary folder beside the old one and swaps it in on success.

    Files whose bytes are unchanged are hard-linked from the previous output
    (`reuse`), so an incremental build writes only what changed and is still
    atomic. On an exception the temporary folder is removed and the previous
    output stays as it was.
    """

    def __init__(self, output_dir: Path, manifest_id: str):
        self.output_dir = output_dir.resolve()
        self.manifest_id = manifest_id
        self.temp_dir = self.output_dir
        self.files_written = 0
        self.files_reused = 0
        self._made_folders: set[str] = set()

    def __enter__(self) -> OutputWriter:
        self.output_dir.parent.mkdir(parents=True, exist_ok=True)
        self.temp_dir = Path(tempfile.mkdtemp(prefix=f".{self.output_dir.name}.building-", dir=self.output_dir.parent))
        return self

    def write(self, relative_path: str, data: bytes) -> None:
        """Write one file, given its path relative to the output folder."""
        write_file(self.temp_dir, relative_path, data, self._made_folders)
        self.files_written += 1

    def reuse(self, relative_path: str) -> bool:
        """Take a file unchanged from the previous output; False if it is not there."""
        source = os.path.join(self.output_dir, relative_path)
        folder = os.path.dirname(relative_path)
        if folder and folder not in self._made_folders:
            if not os.path.isfile(source):
                return False
            os.makedirs(os.path.join(self.temp_dir, folder), exist_ok=True)
            self._made_folders.add(folder)
        try:
            _link_or_copy(source, os.path.join(self.temp_dir, relative_path))
        except FileNotFoundError:
            return False
        self.files_reused += 1
        return True

    def reuse_tree(self, relative_path: str) -> bool:
        """Take a whole folder (e.g. the search index) unchanged from the previous output."""
        source = self.output_dir / relative_path
        if not source.is_dir():
            return False
        shutil.copytree(source, self.temp_dir / relative_path, copy_function=_link_or_copy)
        return True

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            return
        (self.temp_dir / MARKER).write_text(MARKER_PREFIX + self.manifest_id + "\n", encoding="utf-8")
        old = None
        if self.output_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output_dir.name}.old-", dir=self.output_dir.parent))
            os.replace(self.output_dir, old / "site")
        os.replace(self.temp_dir, self.output_dir)
        os.chmod(self.output_dir, 0o755)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


class InPlaceWriter:
    """Updates an output folder file by file (for `serve`): each write is atomic, not the whole site."""

    def __init__(self, output_dir: Path, manifest_id: str):
        self.output_dir = output_dir.resolve()
        self.temp_dir = self.output_dir
        self.manifest_id = manifest_id
        self.files_written = 0
        self.files_reused = 0

    def __enter__(self) -> InPlaceWriter:
        self.output_dir.mkdir(parents=True, exist_ok=True)
        # Until the update completes, the folder matches no manifest: an
        # interrupted update is then rebuilt whole next time, never trusted.
        (self.output_dir / MARKER).write_text(MARKER_PREFIX + "updating\n", encoding="utf-8")
        return self

    def write(self, relative_path: str, data: bytes) -> None:
        """Replace one file atomically (a reader sees the old or the new bytes, never half)."""
        target = self.output_dir / relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".write-", dir=target.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
        self.files_written += 1

    def reuse(self, relative_path: str) -> bool:
        """A file that is already in place is kept as it is."""
        kept = (self.output_dir / relative_path).is_file()
        self.files_reused += kept
        return kept

    def reuse_tree(self, relative_path: str) -> bool:
        """A folder that is already in place is kept as it is."""
        return (self.output_dir / relative_path).is_dir()

    def remove_stale(self, relative_paths: Iterable[str]) -> None:
        """Delete files the site no longer has (only files Dateline listed as its own)."""
        for relative_path in relative_paths:
            target = self.output_dir / relative_path
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            # A removed page leaves its folder (2021/03/slug/) empty: remove it, up to the root.
            for parent in target.parents:
                if parent == self.output_dir or self.output_dir not in parent.parents:
                    break
                try:
                    parent.rmdir()
                except OSError:
                    break

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            (self.output_dir / MARKER).write_text(MARKER_PREFIX + self.manifest_id + "\n", encoding="utf-8")


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        shutil.copy2(source, target)
