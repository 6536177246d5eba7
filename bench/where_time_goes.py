"""Where a clean build's time goes: one build of a bench corpus in one process, under cProfile, cut into parts.

    python bench/where_time_goes.py                 # 10,000 articles, search on
    python bench/where_time_goes.py --n 1000 --no-search

The build runs in this process with `processes=1` (forked workers would hide their time from the
profiler), no cache and a fresh output folder, on a corpus from bench/corpus.py. Each row is the
cumulative time of the functions that do that part of the work, as a share of the whole build:

- Markdown: `MarkdownRenderer.render` (article bodies);
- front matter and the rest of parsing: `parse_article` less Markdown;
- story features: `grouping.story_features` (at parse); stories: `story_groups.stories_of` (grouping);
- tags: `site.tag_listings`; related articles: `site.related_articles`; the rest of the model: `make_site` less those;
- views: `views.page_views`; Jinja: `jinja2.environment.Template.render`; feeds and sitemap: `feeds.render_*`;
- writing files: `output.write_file` and the writers' `write`; search: `search.index_site` (Pagefind, a process).

The parts do not add up to the whole: what is left (scanning, keys, the state) is the last row. The
profiler slows Python code more than system calls and Pagefind, so compare shares between runs of
this script, not with `--verbose` stage times.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(BENCH))

from corpus import DEFAULT_SHARED, make_corpus  # noqa: E402

from dateline.build_types import BuildOptions  # noqa: E402
from dateline.builder import build  # noqa: E402
from dateline.config import load_config  # noqa: E402

# (row, [(file ending, function name), ...], [rows it contains, subtracted from it])
PARTS = (
    ("Markdown", [("dateline/markup.py", "render")], []),
    ("front matter and the rest of parsing", [("dateline/content.py", "parse_article")], ["Markdown", "story features"]),
    ("story features (at parse)", [("dateline/grouping.py", "story_features")], []),
    ("stories (grouping)", [("dateline/story_groups.py", "stories_of")], []),
    ("tags", [("dateline/site.py", "tag_listings")], []),
    ("related articles", [("dateline/site.py", "related_articles")], []),
    ("the rest of the site model", [("dateline/site.py", "make_site")], ["stories (grouping)", "tags", "related articles"]),
    ("page views", [("dateline/views.py", "page_views")], []),
    ("Jinja templates", [("jinja2/environment.py", "render")], []),
    ("feeds and sitemap", [("dateline/feeds.py", "render_atom"), ("dateline/feeds.py", "render_sitemap")], []),
    ("writing files", [("dateline/output.py", "write_file"), ("dateline/output.py", "write")], []),
    ("search index (Pagefind)", [("dateline/search.py", "index_site")], []),
)


def cumulative(stats: pstats.Stats, wanted: list[tuple[str, str]]) -> float:
    """The cumulative seconds of the functions named, counted once each however they recurse."""
    total = 0.0
    for (filename, _, name), (_, _, _, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if any(filename.endswith(ending) and name == function for ending, function in wanted):
            total += cumtime
    return total


def main() -> int:
    """Print the parts of one clean build as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="articles in the bench corpus (default 10000)")
    parser.add_argument("--no-search", action="store_true", help="leave the Pagefind index out")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder with corpus/ (default ../shared)")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "bbc").is_dir():
        print(f"where_time_goes: no corpus at {args.shared / 'corpus'}; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="dateline-profile-") as temp:
        project = Path(temp) / "project"
        make_corpus(args.n, project, args.shared)
        config, _ = load_config(project / "config.yaml")
        options = BuildOptions(search=not args.no_search, use_cache=False, processes=1, output_dir=Path(temp) / "site")
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        result = build(config, options)
        profile.disable()
        wall = time.perf_counter() - started
    stats = pstats.Stats(profile)
    seconds: dict[str, float] = {}
    for row, wanted, _ in PARTS:
        seconds[row] = cumulative(stats, wanted)
    for row, _, contained in PARTS:
        seconds[row] -= sum(seconds[other] for other in seconds if any(other.startswith(name) for name in contained))
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"| {args.n:,} articles, {result.pages:,} pages, one process, profiled ({total:.1f} s; {wall:.1f} s wall) | s | share |")
    print("|---|---:|---:|")
    for row, _, _ in PARTS:
        print(f"| {row} | {seconds[row]:.2f} | {100 * seconds[row] / total:.0f}% |")
    rest = total - sum(seconds.values())
    print(f"| everything else (scan, keys, state, plan) | {rest:.2f} | {100 * rest / total:.0f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
