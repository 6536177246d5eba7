"""The site's stories: every article in one story, grouped afresh or, after an edit, again only for the weeks it touched.

`stories_of` is what the site model calls. It keeps, with the stories, each article's grouping
input key, block of days and story, so that the next build finds what changed in one pass and,
when the change is ordinary (free articles edited, added or removed, no editor's `story:` or
shared address involved, no story id contested), regroups the blocks it touched and their
neighbours and puts their stories in place of the old ones. Anything else, and any doubt (the
stories taken out and put in must hold the same articles), takes the plain path, `story_entries`;
tests compare the two on random edits.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Container, Mapping, Sequence
from datetime import datetime
from itertools import compress
from operator import attrgetter, ne

from .content import Article
from .grouping import BLOCK_ALIGN, BlockCache, UnpackedOnUse, block_days, neighbour_runs, stories_in_time_order, union_of_groups
from .state import StoryEntry, StoryMemo


def stories_of(
    newest_first: Sequence[Article], by_path: Mapping[str, Article], window_days: int, memo: StoryMemo, processes: int | None = 1
) -> StoryMemo:
    """The stories of the articles (newest first; `by_path` maps each path to its article), reusing `memo` as far as it holds.

    The answer equals story_entries over the same articles, whatever the memo.
    """
    order = tuple(map(_PATH, newest_first))
    keys = tuple(map(_STORY_KEY, newest_first))
    if memo.entries is not None and memo.window_days == window_days:
        # Mapped, not looped: this runs on every build, over every article.
        if order == memo.order:
            if keys == memo.keys:
                return memo
            changed = list(compress(newest_first, map(ne, keys, memo.keys)))
            removed: set[str] = set()
        else:
            before = dict(zip(memo.order, memo.keys, strict=True))
            changed = list(compress(newest_first, map(ne, map(before.get, order), keys)))
            removed = before.keys() - set(order)
        patched = _after_edit(newest_first, by_path, (order, keys), window_days, memo, changed, removed, processes)
        if patched is not None:
            return patched
    cache = BlockCache(memo.blocks)
    entries = story_entries(newest_first, window_days, cache, processes)
    return _memo_of(by_path, (order, keys), window_days, entries, cache)


_PATH = attrgetter("path")
_STORY_KEY = attrgetter("story_key")


def region_days(changed: Sequence[Article], window_days: int, memo: StoryMemo) -> tuple[float, float] | None:
    """The first and last day (days since the epoch) of the blocks an edit of `changed` regroups, with the blocks each
    side: every article `stories_in_region` needs lies between them. None when the memo cannot say (no stories yet)."""
    if memo.entries is None or memo.window_days != window_days:
        return None
    touched = {block_of(article.date, window_days) for article in changed}
    for article in changed:
        before = memo.paths.get(article.path)
        if before is not None and before[0] is not None:
            touched.add(before[0])
    days = block_days(window_days)
    return (min(touched) - 1) * days - BLOCK_ALIGN - 1.0, (max(touched) + 2) * days - BLOCK_ALIGN + 1.0


def stories_in_region(region: Sequence[Article], changed: Sequence[Article], window_days: int, memo: StoryMemo) -> StoryMemo | None:
    """The memo after an edit of `changed`, regrouped from `region` alone (newest first: at least every article of the
    days `region_days` gives); None when the edit is not an ordinary one (stories_of then regroups more).

    Its entries are the stories `story_entries` gives over every article, as stories_of's are.
    """
    if memo.entries is None or memo.window_days != window_days:
        return None
    by_path = {article.path: article for article in region}
    return _after_edit(region, by_path, (memo.order, memo.keys), window_days, memo, changed, set(), 1)


def story_entries(
    articles: Sequence[Article], window_days: int, cache: BlockCache | None = None, processes: int | None = 1
) -> tuple[StoryEntry, ...]:
    """Every article in one story, by path: Dateline's grouping (grouping.py) for the free ones, the editors' `story:` over it.

    `story: <id>` joins the story of that id (or makes it); `story: false` keeps the
    article apart. A story's id is its lead's slug (with the lead's day if an
    older story took it), so ids stay put as later reports arrive. `cache` keeps each
    block of days' grouping between builds (grouping.stories_in_time_order). Stories
    come in the order of their leads (date, path).
    """
    ordered = sorted(articles, key=attrgetter("date", "path"))
    free, apart, pinned_articles = [], [], []
    for article in ordered:
        (free if article.story is None else pinned_articles if article.story else apart).append(article)
    groups, copy_sets = _grouped(free, window_days, cache, processes)
    by_path = {article.path: article for article in ordered}
    rank: dict[str, int] = {}
    addressed = [(a.source_url, a.path) for a in free if a.source_url]
    if addressed or apart or pinned_articles:
        rank = {article.path: position for position, article in enumerate(ordered)}
    found = _joined_by_address(list(groups), addressed, rank) if addressed else list(groups)
    copies_of: dict[str, tuple[str, ...]] = {}
    for copies in copy_sets:
        paths = tuple(sorted(copies))
        copies_of.update(dict.fromkeys(paths, paths))
    # Reports filed from one address (a feed's entry and the saved page of it) are copies of one text.
    by_address: dict[str, list[str]] = defaultdict(list)
    for address, path in addressed:
        by_address[address].append(path)
    for paths in by_address.values():
        if len(paths) > 1:
            joined = tuple(sorted({*paths, *(p for path in paths for p in copies_of.get(path, ()))}))
            copies_of.update(dict.fromkeys(joined, joined))
    if apart:
        found += [(a.path,) for a in apart]
        found.sort(key=lambda group: rank[group[0]])
    stories: dict[str, tuple[str, ...]] = {}
    for group in found:
        lead = by_path[group[0]]
        stories[lead.slug if lead.slug not in stories else new_story_id(lead, stories)] = group
    pinned: dict[str, list[str]] = defaultdict(list)
    for article in pinned_articles:
        pinned[article.story].append(article.path)
    for story_id, members in pinned.items():
        stories[story_id] = tuple(sorted([*stories.get(story_id, ()), *members], key=rank.__getitem__))
    # Sets of copies lie inside one inferred story; one whose members an editor's story: split goes.
    copies_in: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    if copies_of:
        story_of = {path: story_id for story_id, members in stories.items() for path in members if path in copies_of}
        for copies in set(copies_of.values()):
            owners = {story_of[path] for path in copies}
            if len(owners) == 1:
                copies_in[owners.pop()].add(copies)
    entries = [
        (story_id, members, tuple(sorted(copies_in[story_id])) if story_id in copies_in else (), story_id in pinned)
        for story_id, members in stories.items()
    ]
    if pinned:
        entries.sort(key=lambda entry: (rank[entry[1][0]], entry[0]))
    return tuple(entries)


def _grouped(
    free: Sequence[Article], window_days: int, cache: BlockCache | None, processes: int | None
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """Story groups and copy sets (paths) of free articles in (date, path) order (grouping.stories_in_time_order)."""
    return stories_in_time_order(
        [a.date for a in free],
        [a.path for a in free],
        UnpackedOnUse([a.story_features for a in free]),
        window_days,
        fingerprints=[a.story_key for a in free],
        cache=cache,
        processes=processes,
    )


def _joined_by_address(
    groups: list[tuple[str, ...]], addressed: Sequence[tuple[str, str]], rank: Mapping[str, int]
) -> list[tuple[str, ...]]:
    """Groups (in time order of their leads) holding reports of one address (`source_url`) joined: the same story whatever its words."""
    group_of = {path: group for group in groups for path in group}
    holding: dict[str, dict[tuple[str, ...], None]] = defaultdict(dict)
    for address, path in addressed:
        holding[address][group_of[path]] = None
    joins = [list(found) for found in holding.values() if len(found) > 1]
    return union_of_groups(groups, joins, rank) if joins else groups


def new_story_id(lead: Article, taken: Container[str]) -> str:
    """A new story's id: its lead's slug, else with the lead's day, else numbered (the first not `taken`)."""
    if lead.slug not in taken:
        return lead.slug
    dated = f"{lead.slug}-{lead.day:%Y%m%d}"
    if dated not in taken:
        return dated
    number = 2
    while f"{dated}-{number}" in taken:
        number += 1
    return f"{dated}-{number}"


def block_of(moment: datetime, window_days: int) -> int:
    """The number of the block of days a moment falls in (grouping's blocks)."""
    return int((moment.timestamp() / 86400 + BLOCK_ALIGN) // block_days(window_days))


def _plain(article: Article) -> bool:
    """A free article with no address: one grouping alone decides its story."""
    return article.story is None and not article.source_url


def _memo_of(
    by_path: Mapping[str, Article],
    inputs: tuple[tuple[str, ...], tuple[str, ...]],
    window_days: int,
    entries: tuple[StoryEntry, ...],
    cache: BlockCache,
) -> StoryMemo:
    """The memo of stories grouped on the plain path."""
    paths: dict[str, tuple[int | None, str]] = {}
    renamed: dict[str, str] = {}
    for story_id, members, _, pinned in entries:
        for path in members:
            article = by_path[path]
            paths[path] = (block_of(article.date, window_days) if _plain(article) else None, story_id)
        lead_slug = by_path[members[0]].slug
        if lead_slug != story_id and not pinned:
            renamed[story_id] = lead_slug
    leads = tuple((by_path[entry[1][0]].date.timestamp(), entry[1][0]) for entry in entries)
    return StoryMemo(window_days, entries, leads, *inputs, paths, dict(cache.block_keys), cache.used, renamed)


def _articles_in_blocks(newest_first: Sequence[Article], numbers: Sequence[int], window_days: int) -> list[Article]:
    """The articles of the blocks `numbers` (sorted), found by bisection in the newest-first order."""
    span = block_days(window_days)
    wanted = set(numbers)
    found: list[Article] = []
    runs = neighbour_runs(numbers)

    def newest(article: Article) -> float:
        return -article.date.timestamp()

    for run in runs:
        # A day's margin each side, then the block test itself: no float rounding at a block's edge loses an article.
        start = ((run[0] * span - BLOCK_ALIGN) - 1) * 86400
        end = (((run[-1] + 1) * span - BLOCK_ALIGN) + 1) * 86400
        low = bisect_left(newest_first, -end, key=newest)
        high = bisect_right(newest_first, -start, key=newest)
        found += (a for a in newest_first[low:high] if block_of(a.date, window_days) in wanted)
    return found


def _after_edit(
    newest_first: Sequence[Article],
    everything: Mapping[str, Article],
    inputs: tuple[tuple[str, ...], tuple[str, ...]],
    window_days: int,
    memo: StoryMemo,
    changed: Sequence[Article],
    removed: set[str],
    processes: int | None,
) -> StoryMemo | None:
    """The memo after an ordinary edit, by regrouping only the blocks it touched and their neighbours; None when it is not ordinary."""
    assert memo.entries is not None
    paths, entries = memo.paths, {entry[0]: entry for entry in memo.entries}
    touched: set[int] = set()
    for article in changed:
        before = paths.get(article.path)
        if not _plain(article) or (before is not None and before[0] is None):
            return None
        touched.add(block_of(article.date, window_days))
        if before is not None:
            touched.add(before[0])  # type: ignore[arg-type]
    for path in removed:
        number = paths[path][0]
        if number is None:
            return None
        touched.add(number)
    region_blocks = sorted({n + step for n in touched for step in (-1, 0, 1)})
    region = _articles_in_blocks(newest_first, region_blocks, window_days)
    free = sorted((a for a in region if a.story is None), key=attrgetter("date", "path"))
    cache = BlockCache(memo.blocks)
    groups, copy_sets = _grouped(free, window_days, cache, processes)
    group_of = {path: group for group in groups for path in group}
    block_now = {a.path: block_of(a.date, window_days) for a in free}
    # The old stories of the touched blocks' articles and the new groups of the same articles, grown until
    # both hold the same articles: a story reaches at most one block beyond its own (grouping's blocks and window).
    seeds = [path for path, number in block_now.items() if number in touched]
    new_groups = {group_of[path] for path in seeds}
    old_ids = {paths[path][1] for path in (*seeds, *removed) if path in paths}
    for _ in range(4):
        members_old = {path for story_id in old_ids for path in entries[story_id][1]}
        grown_groups = new_groups | {group_of[path] for path in members_old if path in group_of}
        grown_ids = old_ids | {paths[path][1] for group in grown_groups for path in group if path in paths}
        if grown_groups == new_groups and grown_ids == old_ids:
            break
        new_groups, old_ids = grown_groups, grown_ids
    else:
        return None
    members_new = {path for group in new_groups for path in group}
    added = {article.path for article in changed if article.path not in paths}
    if any(entries[story_id][3] for story_id in old_ids) or any(paths[path][0] is None for path in members_old):
        return None
    if members_old - removed != members_new - added:
        return None
    if not all(_plain(everything[path]) for path in members_new):
        return None
    ordered_groups = sorted(new_groups, key=lambda group: (everything[group[0]].date, group[0]))
    slugs = [everything[group[0]].slug for group in ordered_groups]
    # Each new story takes its lead's slug, uncontested: a slug another story holds, a renamed story, or an
    # id freed that a renamed story's lead would take, is not ordinary.
    if len(set(slugs)) != len(slugs) or any(slug in entries and slug not in old_ids for slug in slugs):
        return None
    if old_ids & memo.renamed.keys() or (old_ids - set(slugs)) & set(memo.renamed.values()):
        return None
    owner = {path: slug for slug, group in zip(slugs, ordered_groups, strict=True) for path in group}
    copies_in: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for copies in copy_sets:
        if copies[0] in owner:
            copies_in[owner[copies[0]]].append(tuple(sorted(copies)))
    # Every old story lies in the region, so its lead does: only that stretch of the stories is rebuilt
    # (a day's margin each side, as in _articles_in_blocks).
    days = block_days(window_days)
    start = ((region_blocks[0] * days - BLOCK_ALIGN) - 1) * 86400.0
    end = (((region_blocks[-1] + 1) * days - BLOCK_ALIGN) + 1) * 86400.0
    low, high = bisect_left(memo.leads, (start,)), bisect_left(memo.leads, (end,))
    middle = [(lead, entry) for lead, entry in zip(memo.leads[low:high], memo.entries[low:high], strict=True) if entry[0] not in old_ids]
    if len(middle) != high - low - len(old_ids):
        return None
    fresh = [(slug, group, tuple(sorted(copies_in[slug])), False) for slug, group in zip(slugs, ordered_groups, strict=True)]
    middle += (((everything[entry[1][0]].date.timestamp(), entry[1][0]), entry) for entry in fresh)
    middle.sort(key=lambda item: (item[0], item[1][0]))
    new_entries = (*memo.entries[:low], *(entry for _, entry in middle), *memo.entries[high:])
    new_leads = (*memo.leads[:low], *(lead for lead, _ in middle), *memo.leads[high:])
    new_paths = dict(paths)
    for path in removed:
        del new_paths[path]
    for slug, group in zip(slugs, ordered_groups, strict=True):
        for path in group:
            new_paths[path] = (block_now[path], slug)
    stale = {memo.block_keys[number] for number in touched if number in memo.block_keys}
    blocks = {
        key: value
        for key, value in memo.blocks.items()
        if not (key[0] == "block" and key[1] in stale) and not (key[0] == "seam" and not stale.isdisjoint(key[1]))
    }
    blocks.update(cache.used)
    block_keys = {number: key for number, key in memo.block_keys.items() if number not in touched}
    block_keys.update(cache.block_keys)
    return StoryMemo(window_days, new_entries, new_leads, *inputs, new_paths, block_keys, blocks, memo.renamed)
