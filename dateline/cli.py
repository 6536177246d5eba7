"""Command line: subcommands and their options, nothing else."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from . import __version__
from .builder import BuildOptions, build
from .config import CONFIG_NAME, Config, load_config
from .errors import BuildError, Problem
from .scaffold import new_article

COMMANDS = ("build", "new")


def make_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="build.py", description="Dateline: turn news articles into a static digest website.")
    parser.add_argument("--version", action="version", version=f"Dateline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--config", type=Path, default=Path(CONFIG_NAME), metavar="PATH", help="config file (default: config.yaml); its folder is the project")

    build_cmd = commands.add_parser("build", help="build the site (the default command)", description="Build content/ into the output folder.")
    common(build_cmd)
    add_build_options(build_cmd)

    new_cmd = commands.add_parser("new", help="scaffold a new article", description="Create content/<yyyy>/<slug>.md with its front matter filled in.")
    common(new_cmd)
    new_cmd.add_argument("title", help="the headline")
    new_cmd.add_argument("--topic", action="append", default=[], metavar="NAME", help="a topic (repeat for several)")
    return parser


def add_build_options(sub: argparse.ArgumentParser) -> None:
    """Options shared by every command that builds."""
    sub.add_argument("--output", type=Path, metavar="DIR", help="output folder (default: config `output`, _site)")
    sub.add_argument("--drafts", action="store_true", help="include articles marked `draft: true`")
    sub.add_argument("--strict", action="store_true", help="treat warnings as errors (for CI)")
    sub.add_argument("--base-url", metavar="URL", help="absolute URL the site is served from (overrides config `base_url`)")
    sub.add_argument("--no-search", dest="search", action="store_false", help="skip the Pagefind search index (e.g. offline)")


def report_problems(problems: Sequence[Problem]) -> None:
    """Print every problem, errors last so they stay on screen."""
    for problem in problems:
        print(problem, file=sys.stderr)
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
        report_problems(warnings)
        if args.command == "new":
            return run_new(config, args)
        return run_build(config, args, config_warnings=warnings)
    except BuildError as exc:
        report_problems(exc.problems)
        return 1


def run_build(config: Config, args: argparse.Namespace, config_warnings: Sequence[Problem] = ()) -> int:
    """`build`: build the site and print the summary line."""
    if args.strict and config_warnings:
        print(f"{len(config_warnings)} warnings treated as errors (--strict): nothing was written.", file=sys.stderr)
        return 1
    options = BuildOptions(drafts=args.drafts, strict=args.strict, output_dir=args.output, base_url=args.base_url, search=args.search)
    result = build(config, options)
    report_problems(result.warnings)
    print(f"{result.summary()} → {display_path(config.root, args.output or config.output_dir)}")
    return 0


def run_new(config: Config, args: argparse.Namespace) -> int:
    """`new`: scaffold an article and print its path."""
    path = new_article(config, args.title, args.topic, datetime.now(config.zone).date())
    print(display_path(config.root, path))
    return 0


def display_path(root: Path, path: Path) -> str:
    """Show a path relative to the project when it is inside it."""
    path = path.resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
