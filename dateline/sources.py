"""content/ → articles: scan the folder, parse only the files the plan names, keep the rest."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from .config import Config
from .content import Article, parse_article, read_text_file
from .errors import Problem
from .keys import text_key
from .markup import MarkdownRenderer
from .parallel import map_chunks
from .plan import ReadPlan, plan_reads
from .scan import ContentScan
from .state import ParsedFile


class _Unchanged:
    """Marks a file whose text hash matched the previous parse, so it was not parsed again.

    Told by its type, not by identity: a worker process sends back a pickled copy, which
    `is` a different object (a fresh clone, every file's time new, crashed the build so).
    """


_UNCHANGED: Article = _Unchanged()  # type: ignore[assignment]


@dataclass(frozen=True)
class ContentRead:
    """The articles of a build, their problems, and the new parsed-files slice of the state."""

    files: Mapping[str, ParsedFile]
    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]
    # True if any content file was added, edited or removed since the previous state.
    changed: bool


def read_articles(
    config: Config,
    content: ContentScan,
    previous: Mapping[str, ParsedFile],
    *,
    drafts: bool,
    hinted: Collection[str] | None = None,
    processes: int | None = None,
    parallel_from: int | None = None,
    done: Callable[[int], None] | None = None,
) -> ContentRead:
    """Parse the content files that are new or changed since `previous`, in worker processes when there are many."""
    prefix = config.content_dir.relative_to(config.root).as_posix() + "/"
    current = {prefix + relative: (stamp.mtime_ns, stamp.size) for relative, stamp in content}
    plan: ReadPlan = plan_reads(previous, current, hinted)
    files = {path: parsed for path, parsed in previous.items() if path not in plan.gone}
    changed = bool(plan.gone)
    if done is not None:
        done(len(current) - len(plan.parse))  # files kept from the last build count as read
    for chunk in map_chunks(_parse_chunk, config, plan.parse, processes, parallel_from, done):
        for path, parsed in chunk:
            files[path] = _kept(previous, path, parsed)
            changed = changed or not isinstance(parsed.article, _Unchanged)
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in current:
        parsed = files[path]
        problems += parsed.problems
        if parsed.article is not None and (drafts or not parsed.article.draft):
            articles.append(parsed.article)
    return ContentRead(files, tuple(articles), tuple(problems), changed)


def parsed_again(config: Config, previous: Mapping[str, ParsedFile], current: Mapping[str, tuple[int, int]]) -> dict[str, ParsedFile]:
    """The files of `current` (path → signature) parsed in this process; those whose text is unchanged keep `previous`'s parse."""
    items = [(path, signature, previous[path].text_hash if path in previous else "") for path, signature in current.items()]
    return {path: _kept(previous, path, parsed) for path, parsed in _parse_chunk(config, items)}


def _kept(previous: Mapping[str, ParsedFile], path: str, parsed: ParsedFile) -> ParsedFile:
    # Same text with a new mtime (a save without changes, a git checkout) keeps its parse.
    return replace(previous[path], signature=parsed.signature) if isinstance(parsed.article, _Unchanged) else parsed


def _parse_chunk(config: Config, items: Sequence[tuple[str, tuple[int, int], str]]) -> list[tuple[str, ParsedFile]]:
    renderer = MarkdownRenderer()
    results = []
    for shown, signature, old_hash in items:
        text, problem = read_text_file(config.root / shown, shown)
        if problem:
            results.append((shown, ParsedFile(signature, "", None, (problem,))))
            continue
        text_hash = text_key(text)
        if text_hash == old_hash:
            results.append((shown, ParsedFile(signature, text_hash, _UNCHANGED, ())))
            continue
        article, problems = parse_article(shown, text, config, renderer)
        results.append((shown, ParsedFile(signature, text_hash, article, tuple(problems))))
    return results
