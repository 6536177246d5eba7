"""The plain data a build takes and gives: its options and its result."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Problem

if TYPE_CHECKING:
    from .progress import Progress


@dataclass(frozen=True)
class BuildOptions:
    """What the command line (or `serve`) may change about a build."""

    drafts: bool = False
    strict: bool = False
    output_dir: Path | None = None
    base_url: str | None = None
    search: bool = True
    # Leave the search index as it is (serve's quick rebuilds); a later build without it refreshes the index.
    defer_search_index: bool = False
    # Keep parsed articles and page keys in .dateline-cache/ between runs.
    use_cache: bool = True
    # None: one worker process per CPU for big builds; 1: never fork (threaded callers).
    processes: int | None = None
    # Update the output folder file by file instead of swapping in a new one (serve).
    in_place: bool = False
    # Big-site paths, as parameters so that tests reach them on small sites: the fewest
    # files worth a worker pool (None: parallel.MIN_ITEMS_FOR_WORKERS), and the most
    # pages an existing output is updated in place for (None: plan.IN_PLACE_LIMIT).
    parallel_from: int | None = None
    in_place_limit: int | None = None
    # Told each stage and how far it got (progress.Progress); None: nothing is reported as the build runs.
    progress: Progress | None = field(default=None, compare=False)


@dataclass(frozen=True)
class BuildResult:
    """What a finished build reports."""

    pages: int
    articles: int
    topics: int
    rendered: int
    seconds: float
    warnings: tuple[Problem, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()
    rendered_urls: tuple[str, ...] = field(default=(), repr=False)

    def summary(self) -> str:
        """The one line printed after a build."""
        return (
            f"Built {self.pages} pages from {self.articles} articles in {self.topics} topics "
            f"in {self.seconds:.2f} s ({self.rendered} files rendered)"
        )
