"""Pages → files: key every output file, render the ones whose key changed, write them safely."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import jinja2

from .build_types import BuildOptions
from .cache import BuildCache
from .errors import BuildError, Problem
from .output import InPlaceWriter, OutputWriter, output_manifest_id, write_file
from .parallel import map_chunks
from .render import Renderer
from .search import SEARCH_DIR, index_site
from .site import Page, Site

SEARCH_KEY = SEARCH_DIR + "/"
# Up to this many changed pages, an existing output is updated in place rather than rebuilt aside.
IN_PLACE_LIMIT = 2000


def plan_manifest(site: Site, renderer: Renderer, search: bool) -> dict[str, str]:
    """Output path → key for every file the build produces (pages, assets, search index)."""
    manifest = {page.output_path: renderer.page_key(page) for page in site.pages}
    for asset_url in renderer.theme.asset_urls.values():
        manifest[asset_url] = asset_url  # the URL holds the content hash
    if search:
        manifest[SEARCH_KEY] = search_key(manifest)
    return manifest


def manifest_id_of(manifest: dict[str, str]) -> str:
    """A short hash naming one manifest; the output folder's marker holds it."""
    return hashlib.sha256(repr(sorted(manifest.items())).encode()).hexdigest()[:24]


def search_key(manifest: dict[str, str]) -> str:
    """The search index depends on every HTML page: a hash of their keys."""
    html_keys = sorted((path, key) for path, key in manifest.items() if path.endswith(".html"))
    return hashlib.sha256(repr(html_keys).encode()).hexdigest()[:24]


def write_output(site: Site, renderer: Renderer, cache: BuildCache, options: BuildOptions, output_intact: bool | None = None) -> list[str]:
    """Write every file whose key changed; return the URLs of the pages rendered.

    A small change to an output folder this cache describes is rendered in
    memory first and then written file by file (each atomically), so an error
    still leaves the old site untouched; anything bigger is built in a fresh
    folder and swapped in whole. `output_intact` is what the stamp found:
    True, every file the last build wrote is unchanged (none is looked at
    again); False, the output was changed by hand (every page is re-rendered);
    None, nothing is known (missing files are looked for and written again).
    """
    config = site.config
    try:
        manifest = plan_manifest(site, renderer, options.search)
    except jinja2.TemplateError as exc:  # a template that does not parse fails while keys are computed
        raise BuildError([_template_problem(exc, None, config.root)]) from None
    manifest_id = manifest_id_of(manifest)
    output_is_ours = bool(cache.output_id) and output_manifest_id(config.output_dir) == cache.output_id
    if output_intact is False:
        # Changed since our last build (files deleted or edited by hand): trust none of it.
        output_is_ours = False
    previous = cache.output_keys if output_is_ours else {}
    stale = [p for p in site.pages if previous.get(p.output_path) != manifest[p.output_path]]
    if output_is_ours and (options.in_place or len(stale) <= IN_PLACE_LIMIT):
        # A file deleted from the output behind our back is written again.
        root = str(config.output_dir) + os.sep
        stale += (
            []
            if output_intact
            else [
                p for p in site.pages if previous.get(p.output_path) == manifest[p.output_path] and not os.path.isfile(root + p.output_path)
            ]
        )
        if not stale and previous == manifest:
            return []
        _update_in_place(site, renderer, stale, previous, manifest, manifest_id, options)
    else:
        stale = _write_fresh_folder(site, renderer, stale, previous, manifest, manifest_id, options)
    cache.output_keys = manifest
    cache.output_id = manifest_id
    return [page.url for page in stale]


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
    manifest_id = manifest_id_of(manifest)
    _update_in_place(site, renderer, stale, previous, manifest, manifest_id, replace(options, in_place=True))
    cache.output_keys = manifest
    cache.output_id = manifest_id
    return [page.url for page in stale]


def _write_fresh_folder(site, renderer, stale, previous, manifest, manifest_id, options) -> list[Page]:
    """Build the output aside and swap it in; return the pages rendered."""
    with OutputWriter(site.config.output_dir, manifest_id) as writer:
        # Unchanged pages are hard-linked from the old folder instead of rendered.
        stale = stale + [
            p for p in site.pages if previous.get(p.output_path) == manifest[p.output_path] and not writer.reuse(p.output_path)
        ]
        results = map_chunks(_render_chunk, (site, renderer, writer.temp_dir), page_indices(site, stale), options.processes)
        errors = [problem for chunk in results for problem in chunk]
        if errors:
            raise BuildError(list(dict.fromkeys(errors)))
        _write_assets(renderer, writer, previous)
        if options.search and not (previous.get(SEARCH_KEY) == manifest[SEARCH_KEY] and writer.reuse_tree(SEARCH_DIR)):
            index_site(writer.temp_dir)
    return stale


def _update_in_place(site, renderer, stale, previous, manifest, manifest_id, options) -> None:
    rendered: list[tuple[str, bytes]] = []
    errors: list[Problem] = []
    for chunk_rendered, chunk_errors in map_chunks(
        _render_chunk_to_memory, (site, renderer), page_indices(site, stale), 1 if options.in_place else options.processes
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


def page_indices(site: Site, pages: Sequence[Page]) -> list[int]:
    """Positions of `pages` in the site: workers get indices, since pickling pages would pickle their articles."""
    wanted = {id(page) for page in pages}
    return [index for index, page in enumerate(site.pages) if id(page) in wanted]


def _render_chunk(state: tuple[Site, Renderer, Path], indices: Sequence[int]) -> list[Problem]:
    site, renderer, root = state
    problems = []
    made_folders: set[str] = set()
    for index in indices:
        page = site.pages[index]
        try:
            data = renderer.render(page, site)
        except jinja2.TemplateError as exc:  # a theme error must name the template, not crash with a traceback
            problems.append(_template_problem(exc, page, site.config.root))
            continue
        write_file(root, page.output_path, data, made_folders)
    return problems


def _render_chunk_to_memory(state: tuple[Site, Renderer], indices: Sequence[int]) -> tuple[list[tuple[str, bytes]], list[Problem]]:
    site, renderer = state
    rendered = []
    problems = []
    for index in indices:
        page = site.pages[index]
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
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem("templates", None, f"template {exc.name!r} not found", "check the name in {% extends %} or {% include %}")
    if page is None:
        return Problem("template", None, str(exc), "check the theme's templates")
    return Problem(f"template {page.template}", None, f"{exc} (while rendering /{page.url})", "fix the template or the value it uses")
