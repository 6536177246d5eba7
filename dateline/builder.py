"""The build, stage by stage: config → articles → site model → pages → files.

Every stage can be skipped where its inputs did not change: parsed articles are
kept by file signature, and a page is re-rendered only when its key (a hash of
everything that decides its bytes) differs from the page already in the output.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG

import jinja2

from .cache import CACHE_DIR, BuildCache, ParsedFile, cache_key, load_cache
from .config import Config
from .content import Article, parse_article, read_text_file, scan_content
from .errors import ERROR, WARNING, BuildError, Problem, errors_in
from .markup import MarkdownRenderer
from .output import InPlaceWriter, OutputWriter, check_output_dir, output_manifest_id, write_file
from .parallel import map_chunks
from .render import Renderer, load_theme
from .search import SEARCH_DIR, index_site
from .site import HTML, Page, Site, lists_same_way, make_site, patch_site, related_articles, sort_newest_first

SEARCH_KEY = SEARCH_DIR + "/"


@dataclass(frozen=True)
class BuildOptions:
    """What the command line (or `serve`) may change about a build."""

    drafts: bool = False
    strict: bool = False
    output_dir: Path | None = None
    base_url: str | None = None
    search: bool = True
    # Keep parsed articles and page keys in .dateline-cache/ between runs.
    use_cache: bool = True
    # None: one worker process per CPU for big builds; 1: never fork (threaded callers).
    processes: int | None = None
    # Update the output folder file by file instead of swapping in a new one (serve).
    in_place: bool = False


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


class Stopwatch:
    """Times the stages of a build, so the pipeline doubles as a timing report."""

    def __init__(self) -> None:
        self.laps: list[tuple[str, float]] = []
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """Record the time since the previous lap under `stage`."""
        now = time.perf_counter()
        self.laps.append((stage, now - self._last))
        self._last = now


def apply_options(config: Config, options: BuildOptions) -> Config:
    """Return the config with command-line overrides applied."""
    changes: dict = {}
    if options.output_dir is not None:
        changes["output_dir"] = options.output_dir.resolve()
    if options.base_url:
        base = options.base_url if options.base_url.endswith("/") else options.base_url + "/"
        changes["base_url"] = base
        changes["fingerprint"] = f"{config.fingerprint}+{base}"
    return replace(config, **changes) if changes else config


def build(
    config: Config,
    options: BuildOptions = BuildOptions(),
    cache: BuildCache | None = None,
    config_problems: Sequence[Problem] = (),
    changed_content: Collection[str] | None = None,
) -> BuildResult:
    """Build the site into its output folder, or raise BuildError listing every problem.

    Pass a `cache` to keep state in memory between builds (serve); otherwise
    it is loaded from and saved to .dateline-cache/ when `use_cache` is set.
    `config_problems` (the config's warnings) are reported with the content's.
    `changed_content` (project-relative paths of the only content files that
    changed, from a file watcher) spares a live session the scan of content/.
    """
    started = time.perf_counter()
    stopwatch = Stopwatch()
    config = apply_options(config, options)
    check_output_dir(config.output_dir, config.root, explicit=options.output_dir is not None)
    cache_dir = config.root / CACHE_DIR
    live = cache.live if cache is not None else None
    if changed_content is not None and live is not None and live.key == live_key(config, options):
        content = rescan_content(config, live.content, changed_content)
    else:
        content = scan_content(config.content_dir)
    use_stamp = options.use_cache and not options.in_place and cache is None
    stamp = input_stamp(config, options, content, config_problems) if use_stamp else ""
    if use_stamp and (unchanged := read_stamp(cache_dir, stamp)) is not None:
        stopwatch.lap("up to date")
        return replace(unchanged, seconds=time.perf_counter() - started, timings=tuple(stopwatch.laps))
    if cache is None:
        cache = load_cache(cache_dir, config.fingerprint) if options.use_cache else BuildCache("")
    stopwatch.lap("setup")

    content_read = read_articles(config, content, options.drafts, cache, options.processes)
    stopwatch.lap("read")
    patched = patch_live_site(config, options, cache, content_read, content)
    if patched is not None:
        site, site_problems, renderer, touched = patched
        problems = [*config_problems, *content_read.problems, *site_problems]
        stopwatch.lap("model (patched)")
        rendered_urls = write_touched_pages(site, renderer, cache, touched, options)
    else:
        ordered = sort_newest_first(content_read.articles)
        site, site_problems = make_site(config, ordered, cached_related(ordered, cache))
        problems = [*config_problems, *content_read.problems, *site_problems]
        stopwatch.lap("model")
        stopping = errors_in(problems, options.strict)
        if stopping:
            # Under --strict a warning stops the build, so it is reported as the error it became.
            raise BuildError(sorted((replace(p, level=ERROR) for p in stopping), key=_problem_order))
        renderer = Renderer(config, load_theme(config), search=options.search)
        rendered_urls = write_output(site, renderer, cache, options)
        cache.live = LiveSite(live_key(config, options), site, tuple(site_problems), renderer, tuple(content))
    stopwatch.lap("render+write")
    if options.use_cache and not options.in_place and (content_read.changed or rendered_urls):
        cache.save(cache_dir)

    result = BuildResult(
        pages=sum(1 for page in site.pages if page.kind == HTML),
        articles=len(site.articles),
        topics=len(site.topics),
        rendered=len(rendered_urls),
        seconds=time.perf_counter() - started,
        warnings=tuple(sorted((p for p in problems if p.level == WARNING), key=_problem_order)),
        timings=tuple(stopwatch.laps),
        rendered_urls=tuple(rendered_urls),
    )
    if use_stamp:
        write_stamp(cache_dir, stamp, result)
    return result


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
    for folder in (config.themes_dir / config.theme, config.themes_dir / "default"):
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                stat = os.stat(os.path.join(dirpath, name))
                digest.update(f"{dirpath}/{name}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


def patch_live_site(
    config: Config, options: BuildOptions, cache: BuildCache, content_read: ContentRead, content: Sequence[tuple[str, os.stat_result]]
):
    """When only article bodies changed since the in-memory site, patch it: (site, problems, renderer, touched pages).

    This is what makes a save in `serve` cost a few pages instead of a whole
    site model at 10,000 articles. Anything else (a new, removed or renamed
    article, a new title, date, summary or topic, a theme or config change, an
    error) returns None: the caller rebuilds the model.
    """
    live = cache.live
    if live is None or not content_read.reparsed or content_read.removed or live.key != live_key(config, options):
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


def write_touched_pages(site: Site, renderer: Renderer, cache: BuildCache, touched: Sequence[Page], options: BuildOptions) -> list[str]:
    """Re-key the touched pages and write those whose key changed, in place."""
    previous = cache.output_keys
    if not previous or output_manifest_id(site.config.output_dir) != cache.output_id:
        return write_output(site, renderer, cache, options)
    manifest = dict(previous)
    for page in touched:
        try:
            manifest[page.output_path] = renderer.page_key(page)
        except jinja2.TemplateError as exc:
            raise BuildError([_template_problem(exc, page, site.config.root)]) from None
    if options.search:
        manifest[SEARCH_KEY] = search_key(manifest)
    stale = [page for page in touched if previous.get(page.output_path) != manifest[page.output_path]]
    if not stale:
        return []
    manifest_id = hashlib.sha256(repr(sorted(manifest.items())).encode()).hexdigest()[:24]
    _update_in_place(site, renderer, stale, previous, manifest, manifest_id, replace(options, in_place=True))
    cache.output_keys = manifest
    cache.output_id = manifest_id
    return [page.url for page in stale]


STAMP_FILE = "stamp.json"


def input_stamp(
    config: Config, options: BuildOptions, content: Sequence[tuple[str, os.stat_result]], config_problems: Sequence[Problem]
) -> str:
    """Hash of every input's signature: equal stamps mean the output is already up to date."""
    digest = hashlib.sha256()
    digest.update(repr((cache_key(config.fingerprint), options.drafts, options.strict, options.search, str(config.output_dir))).encode())
    digest.update(repr([str(p) for p in config_problems]).encode())
    digest.update(output_manifest_id(config.output_dir).encode())
    for relative, stat in content:
        digest.update(f"{relative}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    digest.update(theme_signature(config).encode())
    return digest.hexdigest()


def read_stamp(cache_dir: Path, stamp: str) -> BuildResult | None:
    """The result of the last build if its inputs had this stamp (the output is then current)."""
    try:
        saved = json.loads((cache_dir / STAMP_FILE).read_text(encoding="utf-8"))
        if saved["stamp"] != stamp:
            return None
        warnings = tuple(Problem(*fields) for fields in saved["warnings"])
        return BuildResult(saved["pages"], saved["articles"], saved["topics"], 0, 0.0, warnings)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_stamp(cache_dir: Path, stamp: str, result: BuildResult) -> None:
    """Remember the inputs' stamp and what the build reported, for the up-to-date check."""
    record = {
        "stamp": stamp,
        "pages": result.pages,
        "articles": result.articles,
        "topics": result.topics,
        "warnings": [[p.path, p.line, p.message, p.hint, p.level] for p in result.warnings],
    }
    with contextlib.suppress(OSError):
        cache_dir.mkdir(parents=True, exist_ok=True)
        (cache_dir / STAMP_FILE).write_text(json.dumps(record), encoding="utf-8")


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
    config: Config, content: Sequence[tuple[str, os.stat_result]], drafts: bool, cache: BuildCache, processes: int | None = None
) -> ContentRead:
    """Parse every content file that changed since the cache saw it."""
    prefix = config.content_dir.relative_to(config.root).as_posix() + "/"
    current = {prefix + relative: (stat.st_mtime_ns, stat.st_size) for relative, stat in content}
    gone = cache.files.keys() - current.keys()
    for path in gone:
        del cache.files[path]
    stale = [
        (shown, signature, cache.files[shown].text_hash if shown in cache.files else "")
        for shown, signature in current.items()
        if shown not in cache.files or cache.files[shown].signature != signature
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


# Marks a file whose text hash matched the cache, so it was not parsed again.
_UNCHANGED: Article = object()  # type: ignore[assignment]


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


def plan_manifest(site: Site, renderer: Renderer, search: bool) -> dict[str, str]:
    """Output path → key for every file the build produces (pages, assets, search index)."""
    manifest = {page.output_path: renderer.page_key(page) for page in site.pages}
    for asset_url in renderer.theme.asset_urls.values():
        manifest[asset_url] = asset_url  # the URL holds the content hash
    if search:
        manifest[SEARCH_KEY] = search_key(manifest)
    return manifest


def search_key(manifest: dict[str, str]) -> str:
    """The search index depends on every HTML page: a hash of their keys."""
    html_keys = sorted((path, key) for path, key in manifest.items() if path.endswith(".html"))
    return hashlib.sha256(repr(html_keys).encode()).hexdigest()[:24]


def write_output(site: Site, renderer: Renderer, cache: BuildCache, options: BuildOptions) -> list[str]:
    """Write every file whose key changed; return the URLs of the pages rendered.

    A small change to an output folder this cache describes is rendered in
    memory first and then written file by file (each atomically), so an error
    still leaves the old site untouched; anything bigger is built in a fresh
    folder and swapped in whole.
    """
    config = site.config
    try:
        manifest = plan_manifest(site, renderer, options.search)
    except jinja2.TemplateError as exc:  # a template that does not parse fails while keys are computed
        raise BuildError([_template_problem(exc, None, config.root)]) from None
    manifest_id = hashlib.sha256(repr(sorted(manifest.items())).encode()).hexdigest()[:24]
    output_is_ours = bool(cache.output_id) and output_manifest_id(config.output_dir) == cache.output_id
    previous = cache.output_keys if output_is_ours else {}
    stale = [p for p in site.pages if previous.get(p.output_path) != manifest[p.output_path]]
    if output_is_ours and (options.in_place or len(stale) <= IN_PLACE_LIMIT):
        # A file deleted from the output behind our back is written again.
        root = str(config.output_dir) + os.sep
        stale += [
            p for p in site.pages if previous.get(p.output_path) == manifest[p.output_path] and not os.path.isfile(root + p.output_path)
        ]
        if not stale and previous == manifest:
            return []
        _update_in_place(site, renderer, stale, previous, manifest, manifest_id, options)
    else:
        _write_fresh_folder(site, renderer, stale, previous, manifest, manifest_id, options)
    cache.output_keys = manifest
    cache.output_id = manifest_id
    return [page.url for page in stale]


# Up to this many changed pages, an existing output is updated in place rather than rebuilt aside.
IN_PLACE_LIMIT = 2000


def _write_fresh_folder(site, renderer, stale, previous, manifest, manifest_id, options) -> None:
    with OutputWriter(site.config.output_dir, manifest_id) as writer:
        # Unchanged pages are hard-linked from the old folder instead of rendered.
        stale[:] = [p for p in stale] + [
            p for p in site.pages if previous.get(p.output_path) == manifest[p.output_path] and not writer.reuse(p.output_path)
        ]
        results = map_chunks(_render_chunk, (site, renderer, writer.temp_dir), stale, options.processes)
        errors = [problem for chunk in results for problem in chunk]
        if errors:
            raise BuildError(list(dict.fromkeys(errors)))
        _write_assets(renderer, writer, previous)
        if options.search and not (previous.get(SEARCH_KEY) == manifest[SEARCH_KEY] and writer.reuse_tree(SEARCH_DIR)):
            index_site(writer.temp_dir)


def _update_in_place(site, renderer, stale, previous, manifest, manifest_id, options) -> None:
    rendered: list[tuple[str, bytes]] = []
    errors: list[Problem] = []
    for chunk_rendered, chunk_errors in map_chunks(
        _render_chunk_to_memory, (site, renderer), stale, 1 if options.in_place else options.processes
    ):
        rendered += chunk_rendered
        errors += chunk_errors
    if errors:
        raise BuildError(list(dict.fromkeys(errors)))
    with InPlaceWriter(site.config.output_dir, manifest_id) as writer:
        for path, data in rendered:
            writer.write(path, data)
        _write_assets(renderer, writer, previous)
        writer.remove_stale(path for path in previous if path not in manifest and not path.endswith("/"))
        if options.search and (previous.get(SEARCH_KEY) != manifest[SEARCH_KEY] or not writer.reuse_tree(SEARCH_DIR)):
            index_site(writer.temp_dir)


def _write_assets(renderer: Renderer, writer: OutputWriter | InPlaceWriter, previous: dict[str, str]) -> None:
    for name, asset_url in renderer.theme.asset_urls.items():
        if previous.get(asset_url) != asset_url or not writer.reuse(asset_url):
            writer.write(asset_url, renderer.theme.static_files[name].read_bytes())


def _render_chunk(state: tuple[Site, Renderer, Path], pages: Sequence[Page]) -> list[Problem]:
    site, renderer, root = state
    rendered, problems = _render_chunk_to_memory((site, renderer), pages)
    for path, data in rendered:
        write_file(root, path, data)
    return problems


def _render_chunk_to_memory(state: tuple[Site, Renderer], pages: Sequence[Page]) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    site, renderer = state
    rendered = []
    problems = []
    for page in pages:
        try:
            rendered.append((page.output_path, renderer.render(page, site)))
        except jinja2.TemplateError as exc:  # a theme error must name the template, not crash with a traceback
            problems.append(_template_problem(exc, page, site.config.root))
    return rendered, problems


def _template_problem(exc: jinja2.TemplateError, page: Page | None, root: Path | None = None) -> Problem:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or "template"
        if root is not None and exc.filename and Path(exc.filename).is_relative_to(root):
            where = Path(exc.filename).relative_to(root).as_posix()
        return Problem(where, exc.lineno, f"template syntax: {exc.message}", "fix the template on that line")
    if page is None:
        return Problem("template", None, str(exc), "check the theme's templates")
    return Problem(f"template {page.template}", None, f"{exc} (while rendering /{page.url})", "fix the template or the value it uses")


def _problem_order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.message)
