"""What lets a rebuild skip work: the up-to-date stamp, the in-memory site of a live session, memoised relations."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from stat import S_ISREG

from .build_types import BuildOptions, BuildResult
from .cache import BuildCache, cache_key
from .config import Config
from .content import Article
from .errors import Problem, errors_in
from .render import Renderer, theme_folders
from .site import Site, lists_same_way, patch_site, related_articles
from .sources import ContentRead

STAMP_FILE = "stamp.json"


def input_stamp(
    config: Config, options: BuildOptions, content: Sequence[tuple[str, os.stat_result]], config_problems: Sequence[Problem]
) -> str:
    """Hash of every input's signature (content, theme, config, code, options)."""
    digest = hashlib.sha256()
    digest.update(repr((cache_key(config.fingerprint), options.drafts, options.strict, options.search, str(config.output_dir))).encode())
    digest.update(repr([str(p) for p in config_problems]).encode())
    for relative, stat in content:
        digest.update(f"{relative}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    digest.update(theme_signature(config).encode())
    return digest.hexdigest()


def output_files_state(output_dir: Path, paths: Iterable[str]) -> dict[str, list[int]]:
    """Size and modification time of each listed output file (missing files are left out)."""
    state = {}
    root = str(output_dir) + os.sep
    for path in paths:
        try:
            stat = os.stat(root + path)
        except OSError:
            continue
        state[path] = [stat.st_size, stat.st_mtime_ns]
    return state


@dataclass(frozen=True)
class Stamp:
    """What the last build saw and reported, for the up-to-date check."""

    inputs: str
    outputs: dict[str, list[int]]
    result: BuildResult

    def output_intact(self, output_dir: Path) -> bool:
        """True if every file the last build wrote is still there, unchanged (not deleted or edited by hand)."""
        return output_files_state(output_dir, self.outputs) == self.outputs


def read_stamp(cache_dir: Path) -> Stamp | None:
    """The last build's stamp, if there is a readable one."""
    try:
        saved = json.loads((cache_dir / STAMP_FILE).read_text(encoding="utf-8"))
        warnings = tuple(Problem(*fields) for fields in saved["warnings"])
        result = BuildResult(saved["pages"], saved["articles"], saved["topics"], 0, 0.0, warnings)
        return Stamp(saved["inputs"], saved["outputs"], result)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_stamp(
    cache_dir: Path,
    inputs: str,
    output_dir: Path,
    output_paths: Sequence[str],
    result: BuildResult,
    unchanged: dict[str, list[int]] | None = None,
) -> None:
    """Remember the inputs' hash, the state of every output file and what the build reported.

    `unchanged` gives the state of files known not to have changed since it was read.
    """
    unchanged = unchanged or {}
    outputs = output_files_state(output_dir, [path for path in output_paths if path not in unchanged])
    outputs.update((path, unchanged[path]) for path in output_paths if path in unchanged)
    record = {
        "inputs": inputs,
        "outputs": outputs,
        "pages": result.pages,
        "articles": result.articles,
        "topics": result.topics,
        "warnings": [[p.path, p.line, p.message, p.hint, p.level] for p in result.warnings],
    }
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        (cache_dir / STAMP_FILE).write_text(json.dumps(record, separators=(",", ":")), encoding="utf-8")


@dataclass(frozen=True)
class LiveSite:
    """The last site model of a long-running build session (serve), kept in memory only."""

    key: tuple
    site: Site
    site_problems: tuple[Problem, ...]
    renderer: Renderer
    # The scan of content/ (relative path, stat) the site was built from.
    content: tuple[tuple[str, os.stat_result], ...]


def rescan_content(
    config: Config, previous: Sequence[tuple[str, os.stat_result]], changed: Collection[str]
) -> list[tuple[str, os.stat_result]]:
    """Update a scan of content/ for the files a watcher saw change, instead of walking all of it."""
    prefix = config.content_dir.relative_to(config.root).as_posix() + "/"
    entries = dict(previous)
    for path in changed:
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
    return sorted(entries.items(), key=lambda item: item[0])


def live_key(config: Config, options: BuildOptions) -> tuple:
    """What must be unchanged for the in-memory site to be patched instead of rebuilt."""
    return (config.fingerprint, options.drafts, options.strict, options.search, str(config.output_dir), theme_signature(config))


def theme_signature(config: Config) -> str:
    """Hash of the theme files' names, sizes and modification times."""
    digest = hashlib.sha256()
    for folder in theme_folders(config):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                stat = os.stat(os.path.join(dirpath, name))
                digest.update(f"{dirpath}/{name}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


def patch_live_site(
    options: BuildOptions, cache: BuildCache, live: LiveSite, content_read: ContentRead, content: Sequence[tuple[str, os.stat_result]]
):
    """When only article bodies changed since the in-memory site, patch it: (site, problems, renderer, touched pages).

    This is what makes a save in `serve` cost a few pages instead of a whole
    site model at 10,000 articles. `live` is the session's site, built with
    the same config, options and theme. Anything else (a new, removed or renamed
    article, a new title, date, summary or topic, a theme or config change, an
    error) returns None: the caller rebuilds the model.
    """
    if not content_read.reparsed or content_read.removed:
        return None
    changed: dict[str, Article] = {}
    for path, old in content_read.reparsed.items():
        new = cache.files[path].article
        if old is None or new is None or new.draft != old.draft or not lists_same_way(old, new):
            return None
        if options.drafts or not new.draft:
            changed[path] = new
    if errors_in(content_read.problems, options.strict):
        return None
    site, touched = patch_site(live.site, changed)
    cache.live = replace(live, site=site, content=tuple(content))
    return site, list(live.site_problems), live.renderer, [site.pages[i] for i in touched]


def cached_related(ordered: Sequence[Article], cache: BuildCache) -> dict[str, tuple[Article, ...]]:
    """Related articles, recomputed only when dates, topics or tags changed (not on text edits)."""
    relations = hashlib.sha256()
    for article in ordered:
        relations.update(repr((article.path, article.date, [t.slug for t in article.topics], article.tags)).encode())
    key = relations.hexdigest()
    by_path = {article.path: article for article in ordered}
    if key != cache.related_key:
        cache.related = {path: tuple(a.path for a in shown) for path, shown in related_articles(ordered).items()}
        cache.related_key = key
    return {path: tuple(by_path[p] for p in shown) for path, shown in cache.related.items()}
