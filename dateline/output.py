"""Writing the output folder: safely placed, built aside, swapped in whole."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import BuildError, Problem

# Dateline marks folders it made, so it never deletes one it did not make.
MARKER = ".dateline-output"
MARKER_TEXT = b"This folder is written by Dateline; it is replaced on every build.\n"


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


class OutputWriter:
    """Writes files into a fresh temporary folder and swaps it in on success.

    Use as a context manager: on an exception the temporary folder is removed
    and the previous output stays as it was.
    """

    def __init__(self, output_dir: Path):
        self.output_dir = output_dir.resolve()
        self.temp_dir: Path | None = None
        self.files_written = 0
        self._made_dirs: set[str] = set()

    def __enter__(self) -> OutputWriter:
        self.output_dir.parent.mkdir(parents=True, exist_ok=True)
        self.temp_dir = Path(tempfile.mkdtemp(prefix=f".{self.output_dir.name}.building-", dir=self.output_dir.parent))
        (self.temp_dir / MARKER).write_bytes(MARKER_TEXT)
        return self

    def write(self, relative_path: str, data: bytes) -> None:
        """Write one file, given its path relative to the output folder."""
        target = self._target(relative_path)
        parent = os.path.dirname(relative_path)
        if parent and parent not in self._made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(parent)
        target.write_bytes(data)
        self.files_written += 1

    def copy(self, relative_path: str, source: Path) -> None:
        """Copy a file (a static asset) into the output."""
        self.write(relative_path, source.read_bytes())

    def _target(self, relative_path: str) -> Path:
        assert self.temp_dir is not None
        target = (self.temp_dir / relative_path).resolve()
        if self.temp_dir.resolve() not in target.parents:
            raise ValueError(f"refusing to write outside the output folder: {relative_path!r}")
        return target

    def __exit__(self, exc_type, exc, tb) -> None:
        assert self.temp_dir is not None
        if exc_type is not None:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            return
        old = None
        if self.output_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.output_dir.name}.old-", dir=self.output_dir.parent))
            os.replace(self.output_dir, old / "site")
        os.replace(self.temp_dir, self.output_dir)
        os.chmod(self.output_dir, 0o755)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
