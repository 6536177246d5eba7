"""Command line: subcommands and their options, nothing else."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from . import __version__
from .builder import BuildOptions, build
from .config import CONFIG_NAME, Config, load_config
from .errors import BuildError, Problem, report_lines


def make_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="build.py", description="Dateline: turn news articles into a static digest website.")
    parser.add_argument("--version", action="version", version=f"Dateline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--config",
            type=Path,
            default=Path(CONFIG_NAME),
            metavar="PATH",
            help="config file (default: config.yaml); its folder is the project",
        )

    build_cmd = commands.add_parser(
        "build", help="build the site (the default command)", description="Build content/ into the output folder."
    )
    common(build_cmd)
    add_build_options(build_cmd)

    new_cmd = commands.add_parser(
        "new", help="scaffold a new article", description="Create content/<yyyy>/<slug>.md with its front matter filled in."
    )
    common(new_cmd)
    new_cmd.add_argument("title", help="the headline")
    new_cmd.add_argument("--topic", action="append", default=[], metavar="NAME", help="a topic (repeat for several)")

    check_cmd = commands.add_parser(
        "check",
        help="check a built site",
        description="Check links, HTML, feeds and sitemap of the built site, then serve it like GitHub Pages and fetch every file.",
    )
    common(check_cmd)
    check_cmd.add_argument("--output", type=Path, metavar="DIR", help="the built site folder (default: config `output`, _site)")
    check_cmd.add_argument(
        "--base-url", metavar="URL", help="the URL the site was built for (default: read from the site, else config `base_url`)"
    )
    check_cmd.add_argument(
        "--base-path", metavar="/REPO/", help="serve the site under this path for the HTTP check (default: the path of the base URL)"
    )
    check_cmd.add_argument("--external", action="store_true", help="also try every external link (slow, needs the network)")

    ingest_cmd = commands.add_parser(
        "ingest",
        help="turn plain-text seeds into content pages",
        description="Write content/<yyyy>/<slug>.md for every seed that has no page yet; never overwrite an edited page.",
    )
    common(ingest_cmd)
    ingest_cmd.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="seed files (default: everything in seeds/)")
    ingest_cmd.add_argument("--update", action="store_true", help="regenerate pages of changed seeds, if nobody edited them")
    ingest_cmd.add_argument(
        "--explain",
        type=Path,
        metavar="FILE",
        help="print the topic decision for a seed or content page (each topic's probability, the deciding words); writes nothing",
    )

    fetch_cmd = commands.add_parser(
        "fetch",
        help="download the feeds listed under `sources:` into seeds/feeds/",
        description="Download each feed in config.yaml's `sources:` (conditional GET, timeouts, a size cap) into seeds/feeds/; "
        "the next ingest or build files their new entries.",
    )
    common(fetch_cmd)

    edition_cmd = commands.add_parser(
        "edition",
        help="write a day's stories as an e-mail",
        description="Write DIR/YYYY-MM-DD.eml (multipart: text and HTML), .html and .txt for one day's stories.",
    )
    common(edition_cmd)
    edition_cmd.add_argument("day", nargs="?", type=_day, metavar="YYYY-MM-DD", help="the day (default: the latest day with stories)")
    edition_cmd.add_argument("--output", type=Path, metavar="DIR", help="folder to write into (default: _editions/)")

    stories_cmd = commands.add_parser(
        "stories",
        help="list the story groups: the reports of one event",
        description="List every story of two or more reports (id, title, size, sources, span); --json prints every story.",
    )
    common(stories_cmd)
    stories_cmd.add_argument("--json", action="store_true", help="print a JSON array of every story, single reports included")

    fix_cmd = commands.add_parser(
        "fix-slugs",
        help="give articles that share a URL a slug of their own",
        description="Write a `slug:` into the newer file of every pair of articles with the same URL, and list what changed.",
    )
    common(fix_cmd)

    serve_cmd = commands.add_parser(
        "serve",
        help="preview the site, rebuilding and reloading the browser on every save",
        description="Build, serve the site on http://127.0.0.1:8000/, and rebuild and reload open pages on every save.",
    )
    common(serve_cmd)
    serve_cmd.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    serve_cmd.add_argument(
        "--drafts", action=argparse.BooleanOptionalAction, default=True, help="include drafts, flagged as such (default: --drafts)"
    )
    serve_cmd.add_argument("--open", dest="open_browser", action="store_true", help="open the site in the default browser")
    serve_cmd.add_argument("--output", type=Path, metavar="DIR", help="output folder (default: config `output`, _site)")
    serve_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve_cmd.add_argument("--no-search", dest="search", action="store_false", help="skip the Pagefind search index")
    serve_cmd.add_argument("--no-ingest", dest="ingest", action="store_false", help="do not ingest seeds before the first build")
    serve_cmd.add_argument("--verbose", action="store_true", help="print the time each build stage took")
    return parser


def add_build_options(sub: argparse.ArgumentParser) -> None:
    """Options shared by every command that builds."""
    sub.add_argument("--output", type=Path, metavar="DIR", help="output folder (default: config `output`, _site)")
    sub.add_argument("--drafts", action="store_true", help="include articles marked `draft: true`")
    sub.add_argument("--strict", action="store_true", help="treat warnings as errors (for CI)")
    sub.add_argument("--base-url", metavar="URL", help="absolute URL the site is served from (overrides config `base_url`)")
    sub.add_argument("--no-search", dest="search", action="store_false", help="skip the Pagefind search index (e.g. offline)")
    sub.add_argument("--no-ingest", dest="ingest", action="store_false", help="do not ingest new seeds before building")
    sub.add_argument("--verbose", action="store_true", help="print the time each build stage took")


def report_problems(problems: Sequence[Problem], verbose: bool = False) -> None:
    """Print every distinct problem once (repeated ones grouped), errors last so they stay on screen."""
    for line in report_lines(problems, verbose):
        print(line, file=sys.stderr)
    errors = sum(1 for p in problems if p.level == "error")
    if errors:
        print(f"{errors} error{'s' if errors != 1 else ''}: nothing was written.", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["build", *argv]
    args = make_parser().parse_args(argv)
    try:
        config, warnings = load_config(args.config)
        if args.command != "build":
            report_problems(warnings)
        if args.command == "new":
            return run_new(config, args)
        if args.command == "check":
            return run_check(config, args)
        if args.command == "ingest":
            return run_ingest(config, args)
        if args.command == "serve":
            return run_serve(config, args)
        if args.command == "fix-slugs":
            return run_fix_slugs(config)
        if args.command == "edition":
            return run_edition(config, args)
        if args.command == "fetch":
            return run_fetch_command(config)
        if args.command == "stories":
            return run_stories(config, args)
        return run_build(config, args, config_warnings=warnings)
    except BuildError as exc:
        report_problems(exc.problems, verbose=getattr(args, "verbose", False))
        return 1


def run_fetch_command(config: Config) -> int:
    """`fetch`: download the configured feeds into seeds/feeds/, one line each; 1 if any failed."""
    from .fetch import run_fetch

    if not config.sources:
        print("fetch: no feeds to fetch (list them under `sources:` in config.yaml, e.g. `sources: [{url: https://example.com/feed.xml}]`)")
        return 0
    return run_fetch(config.root, config.sources, config.seeds_dir, site_url=config.base_url, site_title=config.title)


def _has_entries(folder: Path) -> bool:
    """Whether `folder` exists and holds anything (a build with no seeds/ skips ingest's imports and scan)."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is not None
    except OSError:
        return False


def run_build(config: Config, args: argparse.Namespace, config_warnings: Sequence[Problem] = ()) -> int:
    """`build`: build the site and print the summary line."""
    if args.ingest and _has_entries(config.seeds_dir):
        from .ingest import ingest_seeds  # Markdown and the extractors load only when there are seeds to read

        report = ingest_seeds(config)
        for result in report.results:
            if result.status != "skipped":
                print(result.line)
    from .progress import Progress

    # A build past two seconds shows its stage and pages done on one line (a terminal) or stage lines (CI, a pipe).
    progress = Progress(sys.stderr)
    options = BuildOptions(
        drafts=args.drafts, strict=args.strict, output_dir=args.output, base_url=args.base_url, search=args.search, progress=progress
    )
    try:
        result = build(config, options, config_problems=config_warnings)
    finally:
        progress.finish()
    report_problems(result.warnings, verbose=args.verbose)
    if args.verbose:
        print("  ".join(f"{stage} {seconds:.3f} s" for stage, seconds in result.timings))
    print(f"{result.summary()} → {display_path(config.root, args.output or config.output_dir)}")
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day: write it as YYYY-MM-DD") from None


def run_edition(config: Config, args: argparse.Namespace) -> int:
    """`edition`: write one day's e-mail edition and print the files written."""
    from .edition import EDITIONS_DIR, make_edition, write_edition

    edition = make_edition(config, args.day)
    folder = args.output or config.root / EDITIONS_DIR
    for path in write_edition(edition, folder):
        print(display_path(config.root, path))
    print(f"{edition.subject}: {edition.stories} {'story' if edition.stories == 1 else 'stories'}")
    return 0


def run_stories(config: Config, args: argparse.Namespace) -> int:
    """`stories`: the story groups as a table, or (--json) as JSON alone on standard output."""
    import json

    from .model import load_site
    from .stories import story_records

    site = load_site(config)
    records = story_records(site)
    if args.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return 0
    shown = [r for r in records if len(r["articles"]) > 1]
    for record in shown:
        span = record["first"][:10] if record["first"][:10] == record["last"][:10] else f"{record['first'][:10]}..{record['last'][:10]}"
        sources = ", ".join(record["sources"]) or "no source"
        print(f"{record['id']}  {len(record['articles'])} reports  {span}  {sources}\n    {record['title']}")
    singles = len(records) - len(shown)
    print(f"{len(shown)} {'story' if len(shown) == 1 else 'stories'} of two or more reports; {singles} single reports", file=sys.stderr)
    return 0


def run_fix_slugs(config: Config) -> int:
    """`fix-slugs`: write a `slug:` into the newer file of each URL clash; print each change."""
    from .slugfix import fix_url_clashes

    changes = fix_url_clashes(config)
    for change in changes:
        print(change.line)
    print(f"{len(changes)} file{'s' if len(changes) != 1 else ''} changed" if changes else "no two articles share a URL; nothing changed")
    return 0


def run_ingest(config: Config, args: argparse.Namespace) -> int:
    """`ingest`: write content pages for new seeds; print a line per seed and a count."""
    from .ingest import ingest_seeds

    if args.explain is not None:
        return run_explain(config, args.explain)
    report = ingest_seeds(config, [p.resolve() for p in args.paths] or None, update=args.update)
    for result in report.results:
        print(result.line)
    print(report.summary())
    return 1 if any(r.status == "refused" for r in report.results) else 0


def run_explain(config: Config, path: Path) -> int:
    """`ingest --explain FILE`: each topic's probability for the text and the words that decided it."""
    from .ingest import explain_topics

    try:
        explanation = explain_topics(config, path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"{path}: cannot explain: {exc}", file=sys.stderr)
        return 1
    guess, threshold = explanation.guess, config.ingest.topic_threshold
    shown = display_path(config.root, path)
    if not guess.best:
        print(f"{shown}: no topic (none of its words are in the filed articles or topic keywords)")
        return 0
    verdict = (
        f"topics: {', '.join(guess.topics)}" if guess.topics else f"no topic (best {guess.best} {guess.confidence:.2f} < {threshold:.2f})"
    )
    print(f"{shown}: {verdict}")
    for name, probability in guess.probabilities:
        print(f"  {name:<24} {probability:.3f}")
    print(f"words that pushed it toward {guess.best} (log-odds against the other topics, temperature {explanation.temperature:.3f}):")
    for item in explanation.evidence:
        print(f"  {item.weight:+7.2f}  {item.feature}")
    return 0


def run_new(config: Config, args: argparse.Namespace) -> int:
    """`new`: scaffold an article and print its path."""
    from .scaffold import new_article

    path, warnings = new_article(config, args.title, args.topic, datetime.now(config.zone).date())
    report_problems(warnings)
    print(display_path(config.root, path))
    return 0


def run_check(config: Config, args: argparse.Namespace) -> int:
    """`check`: check the built site; print every problem and exit 1 if there is any."""
    from .check import base_url_of_site, check_site  # html5lib and feedparser are needed by this command only

    site_dir = (args.output or config.output_dir).resolve()
    # The site may have been built with --base-url (as the Pages workflow does): trust what it says.
    base_url = args.base_url or base_url_of_site(site_dir) or config.base_url
    report = check_site(site_dir, base_url, base_path=args.base_path, cname=config.cname, external=args.external)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(f"{report.summary()} → {display_path(config.root, site_dir)}", file=sys.stderr if report.problems else sys.stdout)
    return 1 if any(p.level == "error" for p in report.problems) else 0


def run_serve(config: Config, args: argparse.Namespace) -> int:
    """`serve`: build, serve with live reload, and rebuild on every save until Ctrl-C."""
    from .serve import ServeOptions, serve  # watchdog is needed by this command only

    options = ServeOptions(
        host=args.host,
        port=args.port,
        drafts=args.drafts,
        strict=args.strict,
        search=args.search,
        ingest=args.ingest,
        output_dir=args.output,
        open_browser=args.open_browser,
        verbose=args.verbose,
    )
    return serve(args.config, config, options)


def display_path(root: Path, path: Path) -> str:
    """Show a path relative to the project when it is inside it."""
    path = path.resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
