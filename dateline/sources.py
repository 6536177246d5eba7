"""content/ → articles: parse only the files that changed since the cache saw them."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from .cache import BuildCache, ParsedFile
from .config import Config
from .content import Article, parse_article, read_text_file
from .errors import Problem
from .markup import MarkdownRenderer
from .parallel import map_chunks

# Marks a file whose text hash matched the cache, so it was not parsed again.
_UNCHANGED: Article = object()  # type: ignore[assignment]


@dataclass(frozen=True)
class ContentRead:
    """The articles of a build, and what changed in content/ since the cache last saw it."""

    articles: list[Article]
    problems: list[Problem]
    # Path → the article as parsed before (None if new or unparsable), for every file whose text changed.
    reparsed: dict[str, Article | None]
    removed: frozenset[str]

    @property
    def changed(self) -> bool:
        """True if any content file was added, edited or removed."""
        return bool(self.reparsed or self.removed)


def read_articles(
    config: Config,
    content: Sequence[tuple[str, os.stat_result]],
    drafts: bool,
    cache: BuildCache,
    processes: int | None = None,
    changed: Collection[str] | None = None,
) -> ContentRead:
    """Parse every content file that changed since the cache saw it.

    `changed` (project-relative paths from a file watcher) limits the
    signature comparison to those files and to files the cache has not seen.
    """
    prefix = config.content_dir.relative_to(config.root).as_posix() + "/"
    current = {prefix + relative: (stat.st_mtime_ns, stat.st_size) for relative, stat in content}
    gone = cache.files.keys() - current.keys()
    for path in gone:
        del cache.files[path]
    if changed is None:
        suspects: Collection[str] = current
    else:
        suspects = sorted((current.keys() & set(changed)) | (current.keys() - cache.files.keys()))
    stale = [
        (shown, current[shown], cache.files[shown].text_hash if shown in cache.files else "")
        for shown in suspects
        if shown not in cache.files or cache.files[shown].signature != current[shown]
    ]
    reparsed: dict[str, Article | None] = {}
    for chunk in map_chunks(_parse_chunk, config, stale, processes):
        for shown, parsed in chunk:
            previous = cache.files.get(shown)
            if parsed.article is _UNCHANGED:
                # Same text with a new mtime (a save without changes, a git checkout) keeps its parse.
                cache.files[shown] = replace(previous, signature=parsed.signature)
            else:
                reparsed[shown] = previous.article if previous else None
                cache.files[shown] = parsed
    articles: list[Article] = []
    problems: list[Problem] = []
    for shown in current:
        parsed = cache.files[shown]
        problems += parsed.problems
        if parsed.article is not None and (drafts or not parsed.article.draft):
            articles.append(parsed.article)
    return ContentRead(articles, problems, reparsed, frozenset(gone))


def _parse_chunk(config: Config, items: Sequence[tuple[str, tuple[int, int], str]]) -> list[tuple[str, ParsedFile]]:
    renderer = MarkdownRenderer()
    results = []
    for shown, signature, old_hash in items:
        text, problem = read_text_file(config.root / shown, shown)
        if problem:
            results.append((shown, ParsedFile(signature, "", None, (problem,))))
            continue
        text_hash = hashlib.sha256(text.encode()).hexdigest()
        if text_hash == old_hash:
            results.append((shown, ParsedFile(signature, text_hash, _UNCHANGED, ())))
            continue
        article, problems = parse_article(shown, text, config, renderer)
        results.append((shown, ParsedFile(signature, text_hash, article, tuple(problems))))
    return results
