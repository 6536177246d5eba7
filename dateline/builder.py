"""The build, stage by stage: config → articles → site model → pages → files."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import Config
from .content import Article, find_content_files, parse_article, read_text_file
from .errors import WARNING, BuildError, Problem, errors_in
from .markup import MarkdownRenderer
from .output import OutputWriter, check_output_dir
from .render import Renderer, load_theme
from .search import index_site
from .site import Site, make_site


@dataclass(frozen=True)
class BuildOptions:
    """What the command line may change about a build."""

    drafts: bool = False
    strict: bool = False
    output_dir: Path | None = None
    base_url: str | None = None
    search: bool = True


@dataclass(frozen=True)
class BuildResult:
    """What a finished build reports."""

    pages: int
    articles: int
    topics: int
    files: int
    seconds: float
    warnings: tuple[Problem, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        """The one line printed after a build."""
        return f"Built {self.pages} pages from {self.articles} articles in {self.topics} topics in {self.seconds:.2f} s"


def apply_options(config: Config, options: BuildOptions) -> Config:
    """Return the config with command-line overrides applied."""
    changes = {}
    if options.output_dir is not None:
        changes["output_dir"] = options.output_dir.resolve()
    if options.base_url:
        base = options.base_url if options.base_url.endswith("/") else options.base_url + "/"
        changes["base_url"] = base
        changes["fingerprint"] = f"{config.fingerprint}+{base}"
    return replace(config, **changes) if changes else config


def load_articles(config: Config, drafts: bool) -> tuple[list[Article], list[Problem]]:
    """Read and parse every content file; drafts are dropped unless asked for."""
    renderer = MarkdownRenderer()
    articles: list[Article] = []
    problems: list[Problem] = []
    for path in find_content_files(config.content_dir):
        shown = path.relative_to(config.root).as_posix()
        text, problem = read_text_file(path, shown)
        if problem:
            problems.append(problem)
            continue
        article, found = parse_article(shown, text, config, renderer)
        problems += found
        if article is not None and (drafts or not article.draft):
            articles.append(article)
    return articles, problems


def build(config: Config, options: BuildOptions = BuildOptions(), log: Callable[[str], None] = print) -> BuildResult:
    """Build the site into its output folder, or raise BuildError listing every problem."""
    started = time.perf_counter()
    stopwatch = Stopwatch()
    config = apply_options(config, options)
    check_output_dir(config.output_dir, config.root, explicit=options.output_dir is not None)

    articles, problems = load_articles(config, options.drafts)
    stopwatch.lap("read")
    site, site_problems = make_site(config, articles)
    problems += site_problems
    stopwatch.lap("model")
    stopping = errors_in(problems, options.strict)
    if stopping:
        raise BuildError(sorted(stopping, key=_problem_order))

    theme = load_theme(config)
    renderer = Renderer(config, theme)
    with OutputWriter(config.output_dir) as writer:
        write_site(site, renderer, writer)
        stopwatch.lap("render+write")
        if options.search:
            index_site(writer.temp_dir)
            stopwatch.lap("search")

    warnings = tuple(sorted((p for p in problems if p.level == WARNING), key=_problem_order))
    return BuildResult(
        pages=len(site.pages),
        articles=len(site.articles),
        topics=len(site.topics),
        files=writer.files_written,
        seconds=time.perf_counter() - started,
        warnings=warnings,
        timings=dict(stopwatch.laps),
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


def write_site(site: Site, renderer: Renderer, writer: OutputWriter) -> None:
    """Render every page and copy every static file into the writer."""
    errors: list[Problem] = []
    for page in site.pages:
        try:
            data = renderer.render(page, site)
        except Exception as exc:  # a theme error must name the template, not crash with a traceback
            errors.append(_template_problem(exc, page))
            continue
        writer.write(page.output_path, data)
    if errors:
        raise BuildError(_dedupe(errors))
    for name, path in renderer.theme.static_files.items():
        writer.copy(renderer.theme.asset_urls[name], path)


def _template_problem(exc: Exception, page) -> Problem:
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(exc.filename or exc.name or "template", exc.lineno, f"template syntax: {exc.message}", "fix the template on that line")
    if isinstance(exc, jinja2.TemplateError):
        return Problem(f"template {page.template}", None, f"{exc} (while rendering /{page.url})", "fix the template or the value it uses")
    raise exc


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _problem_order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.message)
