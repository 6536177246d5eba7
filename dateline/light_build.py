"""A command-line build after light edits, from slices of the saved state: the edited articles' pages and the feeds
that hold them, without loading the whole state or making the site model.

`serve` patches its last model in memory after a save that leaves the site's shape alone
(light_edits.py). The command line has no model in memory, and at 100,000 articles loading the
state and making the model take seconds. Yet an edit of an article's body changes only the pages
holding its body (`views.page_kinds_showing(ArticleView, "body_html")`): its own page and the
feeds. So every build on disk leaves a light record beside its state (state.LightRecord): the
content scan it read, its pages other than article pages that hold a body, and each article
page's skeleton (neighbours, related articles and story, by path). A later build whose inputs
differ from the stamp's in a few content files' stats only reads those files' last parses,
parses them again, and if every edit is a body edit that leaves the article's entry as listings
show it (and its story inputs) alone, puts the article pages together from their skeletons and
the articles' views, swaps the new bodies into the feeds, and keys and renders those pages.
Anything else, and `plan_light_build` returns None: the plain path runs. The tests compare the
two over random edits (tests/test_light_build.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from pathlib import Path

from .build_types import BuildOptions
from .config import Config, Topic
from .content import Article
from .keys import PackedFiles, code_key, search_key
from .light_edits import entry_changed, shape_unchanged, stories_may_change, swapped_views
from .output import output_manifest_id
from .plan import SEARCH_ENTRY
from .render import CompiledTemplatesOnDisk, Renderer, load_theme
from .scan import ContentScan
from .site import sort_newest_first
from .sources import parsed_again
from .state import (
    LightRecord,
    OutputRecord,
    PageSkeleton,
    ParsedFile,
    file_shard,
    load_file_shard,
    load_light_record,
    load_output_record,
    load_page_shard,
    load_story_memo,
    shard_of,
    shards_of_days,
)
from .story_groups import region_days, stories_in_region
from .views import ArticlePage, ArticleView, PageView, TopicLink, article_views, page_kinds_showing, site_view

# More content files changed than this, and the plain path runs (its cost no longer grows with the site then).
LIGHT_LIMIT = 16


@dataclass(frozen=True)
class LightBuild:
    """A light build's plan: the pages whose views changed, how to key and draw them, and the state slices to save."""

    pages: tuple[PageView, ...]
    renderer: Renderer
    # The output record as the last build left it, and its keys with the changed pages' new ones.
    output: OutputRecord
    manifest: dict[str, str]
    # The shards of parsed files holding an edited file, with the new parses.
    files: Mapping[int, dict[str, ParsedFile]]
    # The light record for the next build (its `inputs` are set once the stamp is written).
    record: LightRecord


def body_pages(pages: Sequence[PageView]) -> tuple[PageView, ...]:
    """The pages, other than article pages, that hold an article's body (the feeds): the light record keeps them whole."""
    kinds = page_kinds_showing(ArticleView, "body_html") - {ArticlePage}
    return tuple(page for page in pages if type(page) in kinds)


def page_skeletons(pages: Sequence[PageView], paths_by_url: Mapping[str, str]) -> dict[str, PageSkeleton]:
    """Each article page's skeleton by the article's content path: its URL, neighbours', related articles' paths, story."""
    path_of = paths_by_url.__getitem__
    skeletons = {}
    for page in pages:
        if type(page) is ArticlePage:
            newer, older = page.newer, page.older
            skeletons[path_of(page.url)] = (
                page.url,
                path_of(newer.url) if newer is not None else None,
                path_of(older.url) if older is not None else None,
                tuple(map(path_of, map(_URL, page.related))),
                page.story,
            )
    return skeletons


_URL = attrgetter("url")


def plan_light_build(
    config: Config,
    options: BuildOptions,
    key: str,
    content: ContentScan,
    packed_content: PackedFiles,
    stamp_inputs: str,
    inputs_of: Callable[[PackedFiles], str],
    cache_dir: Path,
) -> LightBuild | None:
    """The light build from the stamp's inputs to `content`, or None when the plain path must run.

    `inputs_of` hashes a packed content scan with this build's other inputs: it
    must give the stamp's inputs for the scan the light record kept, which
    proves the config, the theme and the options are the stamped ones.
    """
    record = load_light_record(cache_dir)
    if record is None or record.inputs != stamp_inputs or inputs_of(record.content) != stamp_inputs:
        return None
    changed = _changed_files(record.content, packed_content, content)
    if changed is None or len(record.file_shards) != len(content):
        return None
    prefix = config.content_dir.relative_to(config.root).as_posix() + "/"
    signatures = {prefix + relative: (stamp.mtime_ns, stamp.size) for relative, stamp in changed}
    shards = _Shards(cache_dir, key, prefix, [relative for relative, _ in content], record.file_shards)
    previous = {}
    for path in signatures:
        parsed = shards.parsed(path)
        if parsed is None:
            return None
        previous[path] = parsed
    parsed_now = parsed_again(config, previous, signatures)
    edited = []
    for path, new in parsed_now.items():
        old = previous[path]
        if new.article is old.article:
            continue  # the same text saved again: only its signature is new
        if not _light(old, new):
            return None
        edited.append((path, new.article))
    regrouped = [article for path, article in edited if stories_may_change(previous[path].article, article)]
    if regrouped and not _same_stories(config, options, key, cache_dir, shards, parsed_now, regrouped):
        return None
    pages = _article_pages(edited, shards)
    if pages is None:
        return None
    bodies = {page.url: page.article for page in pages}
    feeds = tuple(swapped_views(page, {}, bodies) for page in record.body_pages)
    pages += [new for old, new in zip(record.body_pages, feeds, strict=True) if new is not old]
    output = load_output_record(cache_dir, code_key())
    if not output.keys or output_manifest_id(config.output_dir) != output.manifest_id:
        return None
    theme = load_theme(config)
    view = site_view(config, theme.asset_urls, options.search)
    renderer = Renderer(view, theme, config.root, _compiled(cache_dir), record.template_keys)
    manifest = dict(output.keys)
    for page in pages:
        if page.output_path not in manifest:
            return None  # the record does not know this page: not the folder this plan assumes
        manifest[page.output_path] = renderer.page_key(page)
    if SEARCH_ENTRY in manifest:
        manifest[SEARCH_ENTRY] = search_key(manifest)
    files: dict[int, dict[str, ParsedFile]] = {}
    for path, parsed in parsed_now.items():
        # Its shard did not change: a light edit leaves the date alone (and the file had an article before and after).
        shard = file_shard(path, parsed)
        kept = shards.entries(shard)
        if kept is None or path not in kept:
            return None
        files.setdefault(shard, dict(kept))[path] = parsed
    new_record = replace(record, inputs="", content=packed_content, body_pages=feeds)
    return LightBuild(tuple(pages), renderer, output, manifest, files, new_record)


def _changed_files(before: PackedFiles, now: PackedFiles, content: ContentScan) -> list | None:
    """The entries of `content` whose stats differ from the scan packed in `before`; None if a file came or went, or too
    many changed."""
    if before[0] != now[0] or before[1] != now[1]:
        return None  # files added, removed or renamed: the site's shape may change
    old, new = before[2], now[2]
    changed = []
    # Compared a block of files at a time in C, and file by file only inside a block that differs.
    for start in range(0, len(new), _BLOCK):
        if old[start : start + _BLOCK] != new[start : start + _BLOCK]:
            for at in range(start, min(start + _BLOCK, len(new)), _STAMP_BYTES):
                if old[at : at + _STAMP_BYTES] != new[at : at + _STAMP_BYTES]:
                    changed.append(at // _STAMP_BYTES)
                    if len(changed) > LIGHT_LIMIT:
                        return None
    return [content[index] for index in changed] or None


# A file's stamp packed: its mtime and size as two 64-bit integers (keys.pack_files); 4,096 of them to a block.
_STAMP_BYTES = 16
_BLOCK = _STAMP_BYTES * 4096


def _light(old: ParsedFile, new: ParsedFile) -> bool:
    """Whether an edit changed only what the article's own page and the feeds show of its body (and its story inputs,
    which `_same_stories` checks)."""
    if old.problems or new.problems or old.article is None or new.article is None:
        return False
    return shape_unchanged(old.article, new.article) and not entry_changed(old.article, new.article)


def _same_stories(
    config: Config,
    options: BuildOptions,
    key: str,
    cache_dir: Path,
    shards: _Shards,
    parsed_now: Mapping[str, ParsedFile],
    changed: Sequence[Article],
) -> bool:
    """Whether regrouping the weeks around the `changed` articles (from the stories' memo and the shards of those weeks
    alone) gives the last build's stories again."""
    memo = load_story_memo(cache_dir, key)
    window = config.stories.window_days
    span = region_days(changed, window, memo) if memo is not None else None
    if memo is None or span is None:
        return False
    region = []
    for shard in sorted(shards_of_days(*span)):
        entries = shards.entries(shard)
        if entries is None:
            return False
        for path, parsed in entries.items():
            article = parsed_now[path].article if path in parsed_now else parsed.article
            if article is not None and (options.drafts or not article.draft):
                region.append(article)
    regrouped = stories_in_region(sort_newest_first(region), changed, window, memo)
    return regrouped is not None and regrouped.entries == memo.entries


class _Shards:
    """The saved shards of parsed files and page skeletons, each loaded once when first needed."""

    def __init__(self, folder: Path, key: str, prefix: str, relatives: Sequence[str], file_shards: bytes):
        """`relatives`: every content file's path relative to content/ (`prefix`), sorted; `file_shards`: each one's shard."""
        self.folder, self.key = folder, key
        self.prefix, self.relatives, self.file_shards = prefix, relatives, file_shards
        self.holding = set(file_shards)  # the shards that hold any file (empty ones are not saved)
        self.files: dict[int, dict[str, ParsedFile] | None] = {}
        self.pages: dict[int, dict[str, PageSkeleton] | None] = {}

    def entries(self, shard: int) -> dict[str, ParsedFile] | None:
        """The parsed files of one shard, if it was saved under the state's key."""
        if shard not in self.holding:
            return {}
        if shard not in self.files:
            self.files[shard] = load_file_shard(self.folder, self.key, shard)
        return self.files[shard]

    def parsed(self, path: str) -> ParsedFile | None:
        """The last parse of the content file at `path`, if saved."""
        relative = path.removeprefix(self.prefix)
        index = bisect_left(self.relatives, relative)
        if index == len(self.relatives) or self.relatives[index] != relative:
            return None
        entries = self.entries(self.file_shards[index])
        return entries.get(path) if entries is not None else None

    def skeleton(self, path: str) -> PageSkeleton | None:
        """The skeleton of the article page of the content file at `path`, if it had one."""
        shard = shard_of(path)
        if shard not in self.pages:
            self.pages[shard] = load_page_shard(self.folder, self.key, shard)
        entries = self.pages[shard]
        return entries.get(path) if entries is not None else None


def _article_pages(edited: Sequence[tuple[str, object]], shards: _Shards) -> list[PageView] | None:
    """The edited articles' pages, put together from their skeletons; None if one had no page or a neighbour is lost."""
    links: dict[Topic, TopicLink] = {}
    entries = {}

    def entry(path: str | None):
        if path is None:
            return None
        if path not in entries:
            parsed = shards.parsed(path)
            entries[path] = article_views(parsed.article, links).entry if parsed is not None and parsed.article is not None else None
        return entries[path]

    pages: list[PageView] = []
    for path, article in edited:
        skeleton = shards.skeleton(path)
        if skeleton is None:
            return None  # a draft, or an article the last build did not publish
        url, newer, older, related, story = skeleton
        neighbours = [entry(newer), entry(older), *(entry(other) for other in related)]
        if any(view is None for view, other in zip(neighbours, (newer, older, *related), strict=True) if other is not None):
            return None
        page = ArticlePage(url, article_views(article, links).article, neighbours[0], neighbours[1], tuple(neighbours[2:]), story)
        pages.append(page)
    return pages


def _compiled(cache_dir: Path) -> CompiledTemplatesOnDisk:
    return CompiledTemplatesOnDisk(cache_dir / "templates", code_key())
