"""Progress of a long build: one updating line on a terminal, plain stage lines in CI or a pipe.

A build calls `stage(name, total)` as each stage starts and `advance(count)` as work is done;
`finish()` ends the line before the command prints its summary. Nothing shows for a build
shorter than `after` seconds (default two), so a quick rebuild prints only its summary.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

# On a terminal the line is redrawn at most this often.
REDRAW_SECONDS = 0.1
# Environment variables a CI service sets: its log is a file, where a redrawn line is noise.
CI_VARIABLES = ("CI", "GITHUB_ACTIONS", "BUILDKITE", "GITLAB_CI", "TF_BUILD")


class Progress:
    """Reports a build's stages to `stream` once it has run `after` seconds."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        terminal: bool | None = None,
        after: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if terminal is None:
            terminal = bool(getattr(self.stream, "isatty", lambda: False)()) and not any(os.environ.get(v) for v in CI_VARIABLES)
        self.terminal = terminal
        self.after = after
        self.clock = clock
        self.started = clock()
        self.name = ""
        self.total = 0
        self.done = 0
        self.stage_started = self.started
        self.drawn = 0.0
        self.shown = False
        self.pending: list[str] = []  # plain lines of stages that ended before `after`

    def stage(self, name: str, total: int = 0) -> None:
        """A stage begins, with `total` items to do (0: not counted)."""
        self._end_stage()
        self.name, self.total, self.done = name, total, 0
        self.stage_started = self.clock()
        self._draw()

    def advance(self, count: int = 1) -> None:
        """`count` more items of the current stage are done."""
        self.done += count
        self._draw()

    def finish(self) -> None:
        """End the last stage; on a terminal, clear the progress line so the summary stands alone."""
        self._end_stage()
        self.name = ""
        if self.terminal and self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def _end_stage(self) -> None:
        if not self.name or self.terminal:
            return
        seconds = self.clock() - self.stage_started
        counted = f" {self.done:,} of {self.total:,}" if self.total else ""
        self.pending.append(f"{self.name}:{counted} in {seconds:.1f} s")
        if self.clock() - self.started >= self.after:
            for line in self.pending:
                self.stream.write(line + "\n")
            self.pending.clear()
            self.stream.flush()
            self.shown = True

    def _draw(self) -> None:
        if not self.terminal:
            return
        now = self.clock()
        if now - self.started < self.after or (now - self.drawn < REDRAW_SECONDS and self.done < self.total):
            return
        self.drawn = now
        line = self.name
        if self.total:
            rate = self.done / max(now - self.stage_started, 1e-9)
            line += f": {self.done:,}/{self.total:,} ({rate:,.0f}/s)"
        self.stream.write(f"\r\033[K{line}")
        self.stream.flush()
        self.shown = True
