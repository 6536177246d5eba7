"""A serve session: the first build, the watcher, the rebuild loop and the HTTP server, started and stopped together."""

from __future__ import annotations

import contextlib
import errno
import gc
import signal
import socket
import sys
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from ..builder import BuildOptions, BuildResult, run_build
from ..config import Config, load_config
from ..errors import BuildError, Problem, report_lines
from ..ingest import ingest_seeds
from ..search import search_available
from ..state import BuildState
from .server import PreviewServer, SiteState
from .watch import Action, ChangeBatcher, ChangeKind, ProjectWatcher, RebuildPlan, plan_changes

# Quiet time that ends a burst of changes: long enough for an editor's
# write-rename-chmod sequence or a checkout of many files, short enough not to feel late.
DEBOUNCE_SECONDS = 0.05
# After edits settle for this long, the search index (skipped during quick rebuilds) is refreshed.
SEARCH_REFRESH_SECONDS = 2.0


@dataclass(frozen=True)
class ServeOptions:
    """What `serve` was asked for on the command line."""

    host: str = "127.0.0.1"
    port: int = 8000
    drafts: bool = True
    strict: bool = False
    search: bool = True
    ingest: bool = True
    output_dir: Path | None = None
    open_browser: bool = False
    debounce: float = DEBOUNCE_SECONDS
    verbose: bool = False


@dataclass(frozen=True)
class RebuildRecord:
    """Timing of one rebuild, for the terminal and the latency bench."""

    paths: tuple[str, ...]
    first_change: float  # time.monotonic() of the first change in the batch
    started: float
    finished: float
    result: BuildResult | None
    problems: tuple[str, ...] = ()
    timings: tuple[tuple[str, float], ...] = field(default=(), repr=False)


def content_hint(plan: RebuildPlan) -> tuple[str, ...] | None:
    """The changed content files, when they are all a plan touched (else None: the build scans content/)."""
    if plan.kinds == {ChangeKind.CONTENT} and all(path.endswith(".md") for path in plan.paths):
        return plan.paths
    return None


class Rebuilder:
    """Holds the config and the build state in memory; turns each plan of changes into a build from that state."""

    def __init__(
        self, config_path: Path, config: Config, options: ServeOptions, state: SiteState, out: TextIO = sys.stdout, err: TextIO = sys.stderr
    ):
        self.config_path = config_path.resolve()
        self.config = config
        self.options = options
        self.state = state
        # The last good build's state: the next build starts from it (None: from scratch).
        self.build_state: BuildState | None = None
        self.out = out
        self.err = err
        self.records: list[RebuildRecord] = []
        self.search_stale = False
        # Called after every rebuild with its record (the bench listens here).
        self.on_rebuild: Callable[[RebuildRecord], None] | None = None
        self._shown_warnings: tuple[Problem, ...] = ()

    def build_options(self, processes: int | None = 1, index_search: bool = False) -> BuildOptions:
        """In place, with the state in memory, forking only before threads start; the search index is refreshed only when asked."""
        return BuildOptions(
            drafts=self.options.drafts,
            strict=self.options.strict,
            output_dir=self.options.output_dir,
            search=self.options.search,
            defer_search_index=not index_search,
            use_cache=False,
            processes=processes,
            in_place=True,
        )

    def _build(self, options: BuildOptions, changed_content: tuple[str, ...] | None = None) -> BuildResult:
        built = run_build(self.config, options, state=self.build_state, changed_content=changed_content)
        self.build_state = built.state
        return built.result

    def first_build(self) -> None:
        """Ingest new seeds and build everything; runs before any thread starts, so it may fork."""
        self.state.begin_build()
        started = time.monotonic()
        try:
            if self.options.ingest:
                self._ingest()
            result = self._build(self.build_options(processes=None, index_search=True))
        except BuildError as exc:
            self._fail(exc.problems)
            return
        except Exception as exc:  # a bug must show in the browser, not end the preview
            self._crash(exc)
            return
        self._print(f"{result.summary()}")
        self._show_warnings(result.warnings)
        self.state.finish_build(None)
        self.records.append(RebuildRecord((), started, started, time.monotonic(), result, timings=result.timings))

    def apply(self, plan: RebuildPlan, first_change: float | None = None) -> RebuildRecord | None:
        """Run the plan's actions in order; report errors to the terminal and the browser, never raise."""
        if plan.empty:
            return None
        started = time.monotonic()
        self.state.begin_build()
        result = None
        problems: tuple[str, ...] = ()
        try:
            for action in plan.ordered_actions():
                if action is Action.RELOAD_CONFIG:
                    self._reload_config()
                elif action is Action.INGEST:
                    self._ingest()
                elif action is Action.BUILD:
                    result = self._build(self.build_options(), changed_content=content_hint(plan))
        except BuildError as exc:
            problems = self._fail(exc.problems)
        except Exception as exc:  # a bug must show in the browser, not end the preview
            problems = self._crash(exc)
        else:
            self._report(plan, result)
            self.state.finish_build(result.rendered_urls if result else (), css_only=plan.css_only)
            if result is not None and self.options.search and any(not u.endswith((".xml", ".txt")) for u in result.rendered_urls):
                self.search_stale = True
        record = RebuildRecord(
            plan.paths, first_change or started, started, time.monotonic(), result, problems, result.timings if result else ()
        )
        self.records.append(record)
        if self.on_rebuild is not None:
            self.on_rebuild(record)
        return record

    def refresh_search(self) -> None:
        """Re-index the site for search (skipped by the quick rebuilds); errors only print."""
        self.search_stale = False
        self.state.begin_build()
        try:
            self._build(self.build_options(index_search=True))
        except BuildError as exc:
            self._fail(exc.problems)
            return
        except Exception as exc:
            self._crash(exc)
            return
        self.state.finish_build(())
        self._print("Search index updated")

    def run(self, batcher: ChangeBatcher, stopping: threading.Event) -> None:
        """The rebuild loop: one plan per settled batch of changes, until `stopping` is set."""
        while not stopping.is_set():
            batch = batcher.next_batch(timeout=SEARCH_REFRESH_SECONDS if self.search_stale else 0.5)
            if stopping.is_set():
                return
            if not batch:
                if self.search_stale and not batcher.pending():
                    self.refresh_search()
                continue
            self.apply(plan_changes(batch, self.config.root, self.config_path), batcher.last_first_change)

    def _reload_config(self) -> None:
        config, warnings = load_config(self.config_path)
        old_output = self.options.output_dir or self.config.output_dir
        if (self.options.output_dir or config.output_dir) != old_output:
            self._print("config: `output` changed; serve keeps serving the old folder until restarted", error=True)
            config = replace(config, output_dir=old_output)
        self.config = config
        # The state is kept: the next build finds its key no longer matches this config and reuses
        # only the output record (page keys hash views, whatever config made them).
        self._show_warnings(tuple(warnings))

    def _ingest(self) -> None:
        report = ingest_seeds(self.config)
        for result in report.results:
            if result.status != "skipped":
                self._print(result.line)

    def _report(self, plan: RebuildPlan, result: BuildResult | None) -> None:
        if not plan.paths and (result is None or not result.rendered):
            return  # the catch-up build after start found nothing new
        changed = ", ".join(plan.paths[:3]) + (f" and {len(plan.paths) - 3} more" if len(plan.paths) > 3 else "")
        if result is None:
            self._print(f"{changed}: nothing to rebuild")
            return
        line = f"{changed}: {result.rendered} page{'s' if result.rendered != 1 else ''} rebuilt in {result.seconds:.2f} s"
        if self.options.verbose:
            line += "  (" + "  ".join(f"{stage} {seconds:.3f} s" for stage, seconds in result.timings) + ")"
        self._print(line)
        self._show_warnings(result.warnings)

    def _show_warnings(self, warnings: tuple[Problem, ...]) -> None:
        if warnings != self._shown_warnings:
            for line in report_lines(warnings, self.options.verbose):
                self._print(line, error=True)
        self._shown_warnings = warnings

    def _fail(self, problems: tuple[Problem, ...]) -> tuple[str, ...]:
        shown = tuple(report_lines(problems, self.options.verbose))
        for line in shown:
            self._print(line, error=True)
        count = sum(1 for p in problems if p.level == "error") or len(problems)
        self._print(f"{count} error{'s' if count != 1 else ''}: still serving the last good build.", error=True)
        self.state.fail_build(shown)
        return shown

    def _crash(self, exc: Exception) -> tuple[str, ...]:
        traceback.print_exception(exc, file=self.err)
        shown = (f"internal error: {type(exc).__name__}: {exc} (see the terminal for the traceback)",)
        self.state.fail_build(shown)
        return shown

    def _print(self, line: str, error: bool = False) -> None:
        print(line, file=self.err if error else self.out, flush=True)


class PortInUse(Exception):
    """The requested port is taken; carries a free one to offer."""

    def __init__(self, host: str, port: int, free_port: int | None):
        self.host = host
        self.port = port
        self.free_port = free_port
        offer = f"try --port {free_port}" if free_port else "choose another with --port"
        super().__init__(f"port {port} on {host} is already in use: {offer} (or --port 0 for any free port)")


def next_free_port(host: str, after: int, tries: int = 50) -> int | None:
    """The first port above `after` that can be bound on `host`, or None."""
    for port in range(after + 1, min(after + 1 + tries, 65536)):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    return None


class LiveSite:
    """The running preview: server, watcher and rebuild loop, each in its own thread."""

    def __init__(self, config_path: Path, config: Config, options: ServeOptions, out: TextIO = sys.stdout, err: TextIO = sys.stderr):
        self.options = options
        self.state = SiteState()
        self.rebuilder = Rebuilder(config_path, config, options, self.state, out, err)
        self.batcher = ChangeBatcher(quiet=options.debounce)
        self.watcher = ProjectWatcher(config.root, config_path, self.batcher)
        self.server: PreviewServer | None = None
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """The address the site is served at."""
        assert self.server is not None
        return self.server.url

    def start(self) -> None:
        """Bind the port, build, then start the threads; raises PortInUse if the port is taken."""
        config = self.rebuilder.config
        site_dir = (self.options.output_dir or config.output_dir).resolve()
        try:
            self.server = PreviewServer(site_dir, self.state, self.options.host, self.options.port, urlsplit(config.base_url).path or "/")
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(self.options.host, self.options.port, next_free_port(self.options.host, self.options.port)) from None
            raise
        # The engine forks workers for big builds; that is only safe before any thread starts.
        self.rebuilder.first_build()
        # The first build's objects (the parsed site) live as long as the server: freezing
        # them spares every later rebuild a full gen-2 garbage collection over them.
        gc.collect()
        gc.freeze()
        self.watcher.start()
        for name, target in (("dateline-http", self.server.serve_forever), ("dateline-rebuild", self._rebuild_loop)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def _rebuild_loop(self) -> None:
        # Catch anything saved while the first build ran, before the watcher was looking.
        self.rebuilder.apply(RebuildPlan(frozenset({Action.BUILD}), frozenset(), ()))
        self.rebuilder.run(self.batcher, self._stopping)

    def stop(self) -> None:
        """Stop watching, finish the running rebuild, and close the server."""
        self._stopping.set()
        self.batcher.close()
        with contextlib.suppress(Exception):
            self.watcher.stop()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        for thread in self._threads:
            thread.join(timeout=10)

    def wait(self) -> None:
        """Block until Ctrl-C (or SIGTERM), then stop."""
        try:
            while not self._stopping.is_set():
                self._stopping.wait(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()


def serve(config_path: Path, config: Config, options: ServeOptions, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Build, serve and rebuild on every save until Ctrl-C; return the exit code."""
    if not 0 <= options.port <= 65535:
        print(f"serve: --port {options.port} is not a port number (use 1-65535, or 0 for any free port)", file=err, flush=True)
        return 2
    if options.search and not search_available():
        print("search: Pagefind is not installed; serving without the search index (--no-search)", file=err, flush=True)
        options = replace(options, search=False)
    site = LiveSite(config_path, config, options, out, err)
    try:
        site.start()
    except PortInUse as exc:
        print(f"serve: {exc}", file=err, flush=True)
        return 1
    except KeyboardInterrupt:
        site.stop()
        return 130
    print(f"Serving at {site.url}  (drafts {'shown' if options.drafts else 'hidden'}; Ctrl-C to stop)", file=out, flush=True)
    if options.open_browser:
        webbrowser.open(site.url)
    previous = _terminate_as_interrupt()
    try:
        site.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    print("Stopped.", file=out, flush=True)
    return 0


def _terminate_as_interrupt():
    # `kill` (and test harnesses) send SIGTERM: stop as cleanly as on Ctrl-C.
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)
