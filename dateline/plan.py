"""What a build must do, decided from the previous state and the new inputs: pure functions, no I/O.

up_to_date    nothing changed since the stamp: stop before loading anything
plan_reads    content files to parse (new or changed signature) and to forget
plan_output   output files to render, keep, delete; in place or in a fresh folder
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .keys import manifest_id, search_key
from .state import OutputRecord, ParsedFile, Stamp

if TYPE_CHECKING:
    from .views import PageView

SEARCH_DIR = "pagefind"
# The manifest's entry for the search index (a folder, hence the slash).
SEARCH_ENTRY = SEARCH_DIR + "/"
# Up to this many pages to render, an output folder the state describes is updated in
# place; beyond it the site is built in a fresh folder and swapped in (unchanged files hard-linked).
IN_PLACE_LIMIT = 2000


class OutputTrust(enum.Enum):
    """How far the files of the previous output can be believed to be what the last build wrote."""

    INTACT = "intact"  # the stamp saw every file unchanged, or this session wrote them
    UNKNOWN = "unknown"  # nothing known: files may be missing
    CHANGED = "changed"  # edited or deleted by hand: rebuild all of it


def up_to_date(stamp: Stamp | None, inputs: str, outputs_intact: bool) -> bool:
    """True if the inputs' signatures are as the stamp saw them and so is every output file (`outputs_intact`)."""
    return stamp is not None and stamp.inputs == inputs and outputs_intact


@dataclass(frozen=True)
class ReadPlan:
    """Content files to parse (path, signature, previous text hash) and paths no longer in content/."""

    parse: tuple[tuple[str, tuple[int, int], str], ...]
    gone: frozenset[str]


def plan_reads(
    previous: Mapping[str, ParsedFile], current: Mapping[str, tuple[int, int]], hinted: Collection[str] | None = None
) -> ReadPlan:
    """Parse what is new or whose signature changed; `hinted` (a watcher's paths) limits the comparison to those and new files."""
    suspects: Collection[str] = current if hinted is None else sorted((current.keys() & set(hinted)) | (current.keys() - previous.keys()))
    parse = tuple(
        (path, current[path], previous[path].text_hash if path in previous else "")
        for path in suspects
        if path not in previous or previous[path].signature != current[path]
    )
    return ReadPlan(parse, frozenset(previous.keys() - current.keys()))


def manifest_of(pages: Sequence[PageView], page_keys: Sequence[str], asset_urls: Collection[str], search: bool) -> dict[str, str]:
    """Output path → key of every file the build produces: pages, assets (their URL is their hash) and the search index."""
    manifest = {page.output_path: key for page, key in zip(pages, page_keys, strict=True)}
    for asset_url in asset_urls:
        manifest[asset_url] = asset_url
    if search:
        manifest[SEARCH_ENTRY] = search_key(manifest)
    return manifest


@dataclass(frozen=True)
class OutputPlan:
    """What the write step does to the output folder."""

    manifest: Mapping[str, str]
    manifest_id: str
    # Positions (in the site's pages) of the pages to render.
    render: tuple[int, ...]
    # Theme static files to write (by URL), and files of the previous output to take over unchanged.
    assets: tuple[str, ...]
    keep: frozenset[str]
    # Files of the previous output that the site no longer has (in-place updates only).
    delete: tuple[str, ...]
    in_place: bool
    reindex: bool
    # False when the folder already holds exactly this manifest: nothing is written, not even the marker.
    changes_output: bool
    # True when nothing was known of the output: the pages' keys are taken as they render (complete_manifest).
    keyed_while_rendering: bool = False
    search: bool = False


def plan_output(
    previous: OutputRecord,
    pages: Sequence[PageView],
    manifest: Mapping[str, str],
    *,
    trust: OutputTrust,
    missing: Collection[str] = (),
    in_place: bool = False,
    in_place_limit: int | None = None,
    defer_search_index: bool = False,
) -> OutputPlan:
    """Render pages whose key changed (or whose file is `missing`), keep the rest, and choose how to write.

    `previous` must describe the folder now on disk (its manifest id matched
    the marker); `trust` says how far its files can be believed. With
    `defer_search_index`, the index keeps its old entry, so a later build sees it is stale.
    """
    known = previous.keys if trust is not OutputTrust.CHANGED else {}
    if defer_search_index and SEARCH_ENTRY in manifest:
        manifest = {**manifest, SEARCH_ENTRY: known.get(SEARCH_ENTRY, "")}
    missing = set(missing)
    render = tuple(
        index
        for index, page in enumerate(pages)
        if known.get(page.output_path) != manifest[page.output_path] or page.output_path in missing
    )
    page_paths = {page.output_path for page in pages}
    keep = frozenset(path for path, key in manifest.items() if known.get(path) == key and path not in missing)
    keep = keep - {pages[index].output_path for index in render}
    assets = tuple(path for path in manifest if path not in keep and path not in page_paths and path != SEARCH_ENTRY)
    limit = IN_PLACE_LIMIT if in_place_limit is None else in_place_limit
    update_in_place = bool(known) and (in_place or len(render) <= limit)
    delete = tuple(sorted(path for path in known if path not in manifest and not path.endswith("/"))) if update_in_place else ()
    reindex = SEARCH_ENTRY in manifest and SEARCH_ENTRY not in keep and not defer_search_index
    new_id = manifest_id(manifest)
    changes = not update_in_place or bool(render or assets or delete or reindex) or new_id != previous.manifest_id
    return OutputPlan(manifest, new_id, render, assets, keep, delete, update_in_place, reindex, changes)


def plan_edited_pages(
    previous: OutputRecord,
    pages: Sequence[PageView],
    manifest: Mapping[str, str],
    *,
    in_place: bool = False,
    in_place_limit: int | None = None,
    defer_search_index: bool = False,
) -> OutputPlan:
    """plan_output for a manifest that differs from `previous` (intact on disk) only in the keys of `pages` and of the
    search index: what it plans, without going through every file of the site (light_build.py)."""
    known = previous.keys
    # The caller made `manifest` from `known` by new keys for the pages' paths: the same files if the same count.
    if len(manifest) != len(known) or any(page.output_path not in known for page in pages):
        raise ValueError("a light build keeps the set of output files")
    if defer_search_index and SEARCH_ENTRY in manifest:
        manifest = {**manifest, SEARCH_ENTRY: known.get(SEARCH_ENTRY, "")}
    render = tuple(index for index, page in enumerate(pages) if known[page.output_path] != manifest[page.output_path])
    search_changed = SEARCH_ENTRY in manifest and known[SEARCH_ENTRY] != manifest[SEARCH_ENTRY]
    changed = {pages[index].output_path for index in render} | ({SEARCH_ENTRY} if search_changed else set())
    keep = frozenset(manifest).difference(changed)
    limit = IN_PLACE_LIMIT if in_place_limit is None else in_place_limit
    update_in_place = bool(known) and (in_place or len(render) <= limit)
    reindex = search_changed and not defer_search_index
    new_id = manifest_id(manifest)
    changes = not update_in_place or bool(render or reindex) or new_id != previous.manifest_id
    return OutputPlan(manifest, new_id, render, (), keep, (), update_in_place, reindex, changes)


def plan_everything(
    pages: Sequence[PageView], asset_urls: Collection[str], *, search: bool, defer_search_index: bool = False
) -> OutputPlan:
    """Nothing is known of the output folder: render every page into a fresh folder.

    No key decides anything then, so the pages are keyed as they render, in the
    render workers, and complete_manifest puts the manifest together after.
    """
    render = tuple(range(len(pages)))
    return OutputPlan({}, "", render, tuple(asset_urls), frozenset(), (), False, search and not defer_search_index, True, True, search)


def complete_manifest(plan: OutputPlan, pages: Sequence[PageView], page_keys: Sequence[str]) -> tuple[dict[str, str], str]:
    """The manifest and its id of a plan whose pages were keyed while rendering."""
    manifest = manifest_of(pages, page_keys, plan.assets, plan.search)
    if plan.search and not plan.reindex:
        manifest[SEARCH_ENTRY] = ""  # deferred: a later build sees the index is stale
    return manifest, manifest_id(manifest)
