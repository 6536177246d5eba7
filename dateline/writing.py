"""Carry out an output plan: render the pages it names (in workers when many) and write them safely."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import jinja2

from .errors import BuildError, Problem
from .output import InPlaceWriter, OutputWriter, write_file
from .parallel import map_chunks
from .plan import SEARCH_DIR, SEARCH_ENTRY, OutputPlan, complete_manifest
from .render import TEMPLATES, Renderer, Theme
from .search import index_site
from .state import OutputRecord
from .views import PageView


def missing_files(output_dir: Path, paths: Collection[str]) -> frozenset[str]:
    """Those of `paths` (files, or folders ending in /) that are not in the output folder."""
    root = str(output_dir) + os.sep
    return frozenset(path for path in paths if not (os.path.isdir(root + path) if path.endswith("/") else os.path.isfile(root + path)))


def write_output(
    plan: OutputPlan,
    pages: Sequence[PageView],
    renderer: Renderer,
    output_dir: Path,
    *,
    processes: int | None = None,
    parallel_from: int | None = None,
    done: Callable[[int], None] | None = None,
) -> tuple[OutputRecord, list[PageView]]:
    """Write what the plan says; return the new output record and the pages rendered.

    In place, every page is rendered in memory first and the files then
    replaced one by one (each atomically), so a template error leaves the old
    site untouched; otherwise the site is built in a fresh folder beside the
    old one (unchanged files hard-linked from it) and swapped in whole.
    """
    manifest, manifest_id = plan.manifest, plan.manifest_id
    if plan.in_place:
        rendered = _render_in_memory(pages, renderer, plan.render, processes, parallel_from, done)
        with InPlaceWriter(output_dir, plan.manifest_id) as writer:
            for index, data in rendered:
                writer.write(pages[index].output_path, data)
            _write_assets(renderer.theme, writer, plan.assets)
            writer.remove_stale(plan.delete)
            if plan.reindex:
                index_site(writer.temp_dir)
        indices = [index for index, _ in rendered]
    else:
        with OutputWriter(output_dir, manifest_id) as writer:
            # A kept file that is gone after all (deleted while we planned) is rendered instead.
            by_path = {page.output_path: index for index, page in enumerate(pages)}
            lost = [by_path[path] for path in sorted(plan.keep) if path in by_path and not writer.reuse(path)]
            indices = sorted([*plan.render, *lost])
            work = (pages, renderer, writer.temp_dir, plan.keyed_while_rendering)
            results = map_chunks(_render_chunk, work, indices, processes, parallel_from, done)
            _raise_problems([problem for problems, _ in results for problem in problems])
            if plan.keyed_while_rendering:
                keys = dict(pair for _, pairs in results for pair in pairs)
                manifest, manifest_id = complete_manifest(plan, pages, [keys[index] for index in range(len(pages))])
                writer.manifest_id = manifest_id
            kept = {path for path in renderer.theme.asset_urls.values() if path in plan.keep and writer.reuse(path)}
            _write_assets(renderer.theme, writer, [path for path in renderer.theme.asset_urls.values() if path not in kept])
            if SEARCH_ENTRY in manifest and (plan.reindex or not writer.reuse_tree(SEARCH_DIR)):
                index_site(writer.temp_dir)
    return OutputRecord(dict(manifest), manifest_id), [pages[index] for index in indices]


def _render_in_memory(pages, renderer, indices, processes, parallel_from, done=None) -> list[tuple[int, bytes]]:
    rendered: list[tuple[int, bytes]] = []
    problems: list[Problem] = []
    for chunk_rendered, chunk_problems in map_chunks(_render_chunk_to_memory, (pages, renderer), indices, processes, parallel_from, done):
        rendered += chunk_rendered
        problems += chunk_problems
    _raise_problems(problems)
    return rendered


def _raise_problems(problems: list[Problem]) -> None:
    if problems:
        raise BuildError(list(dict.fromkeys(problems)))


def _write_assets(theme: Theme, writer: OutputWriter | InPlaceWriter, asset_urls: Collection[str]) -> None:
    wanted = set(asset_urls)
    for name, asset_url in theme.asset_urls.items():
        if asset_url in wanted:
            writer.write(asset_url, theme.static_files[name].read_bytes())


def _render_chunk(state: tuple, indices: Sequence[int]) -> tuple[list[Problem], list[tuple[int, str]]]:
    pages, renderer, root, keyed = state
    problems = []
    keys = []
    made_folders: set[str] = set()
    for index in indices:
        page = pages[index]
        try:
            data = renderer.render(page)
            if keyed:
                keys.append((index, renderer.page_key(page)))
        except Exception as exc:  # a theme error (or one a theme met) must name the template, not crash with a traceback
            problems.append(template_problem(exc, page, renderer.root))
            continue
        write_file(root, page.output_path, data, made_folders)
    return problems, keys


def _render_chunk_to_memory(state: tuple, indices: Sequence[int]) -> tuple[list[tuple[int, bytes]], list[Problem]]:
    pages, renderer = state
    rendered = []
    problems = []
    for index in indices:
        page = pages[index]
        try:
            rendered.append((index, renderer.render(page)))
        except Exception as exc:  # a theme error (or one a theme met) must name the template, not crash with a traceback
            problems.append(template_problem(exc, page, renderer.root))
    return rendered, problems


def template_problem(exc: Exception, page: PageView | None, root: Path | None = None) -> Problem:
    """A theme error as a located problem: the template file and line, or the page being rendered."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or "template"
        if root is not None and exc.filename and Path(exc.filename).is_relative_to(root):
            where = Path(exc.filename).relative_to(root).as_posix()
        return Problem(where, exc.lineno, f"template syntax: {exc.message}", "fix the template on that line")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem("templates", None, f"template {exc.name!r} not found", "check the name in {% extends %} or {% include %}")
    if page is None:
        return Problem("template", None, str(exc), "check the theme's templates")
    template = TEMPLATES.get(type(page), type(page).__name__)
    if isinstance(exc, RecursionError):
        return Problem(
            f"template {template}",
            None,
            f"recursion too deep (while rendering /{page.url})",
            "look for a macro or include that calls itself",
        )
    detail = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return Problem(f"template {template}", None, f"{detail} (while rendering /{page.url})", "fix the template or the value it uses")
