"""Time the GitHub Pages workflow's build step twice, as CI runs it: a fresh clone each time, the cache restored the second.

    python bench/workflow_warm.py                 # 10,000 articles
    python bench/workflow_warm.py --n 1000 --runs 3

The workflow (.github/workflows/pages.yml) checks out the repository (every file gets a new
mtime and inode), restores `.dateline-cache/` with actions/cache, and runs `python build.py
ingest`, `python build.py --base-url URL` and `python build.py check --base-url URL` into a
fresh `_site/`. This script does the same locally on a bench corpus (bench/corpus.py) committed
to a scratch git repository:

1. **first run**: a fresh clone, no cache: the commands, timed; then `.dateline-cache/` is kept
   (copied with its files' times, as actions/cache's tar keeps them);
2. **a push that adds one story**: one new article committed;
3. **second run**: another fresh clone, the kept cache restored: the commands, timed.
4. **third run**: the same again with nothing new pushed.

Each command is a child process; its wall time is printed, the medians over `--runs` in a table.
Without ../shared/corpus the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from corpus import DEFAULT_SHARED, make_corpus  # noqa: E402

BASE_URL = "https://example.github.io/digest/"
STEPS = (
    ("ingest", ["build.py", "ingest"]),
    ("build", ["build.py", "--base-url", BASE_URL]),
    ("check", ["build.py", "check", "--base-url", BASE_URL]),
)
NEW_STORY = """---
title: "Harbour reopens after the storm"
date: 2021-06-30T09:00:00Z
location: "Portsmouth"
source: "Reuters"
topics: ["World"]
---

PORTSMOUTH, June 30 (Reuters) - The harbour reopened on Wednesday after a storm closed it for two days,
the port authority said, and the first ferries left on time.
"""


def git(folder: Path, *args: str) -> None:
    """Run git quietly in `folder`, as a bot with a fixed identity."""
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args], cwd=folder, check=True, capture_output=True
    )


def escape_angle_brackets(content: Path) -> None:
    """Write Reuters' `<Banca Nazionale del Lavoro - BNL>` as text: raw in Markdown it is a made-up tag that `check` fails.

    Ingest escapes seeds' text this way; the bench corpus writes the texts into content/ directly.
    """
    for page in content.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        if "<" in body:
            page.write_text(f"{head}\n---\n{body.replace('<', '&lt;')}", encoding="utf-8")


def engine_into(project: Path) -> None:
    """Copy this checkout's engine (build.py, dateline/) beside the corpus, as the repository holds both."""
    shutil.copy2(REPO / "build.py", project / "build.py")
    shutil.copytree(REPO / "dateline", project / "dateline", ignore=shutil.ignore_patterns("__pycache__"))


def run_workflow(origin: Path, work: Path, label: str, cache: Path | None, keep_site: bool = False) -> dict[str, float]:
    """A fresh clone of `origin`, `cache` restored into it, the workflow's commands timed; the cache is left in `work/cache`.

    `keep_site`: `_site/` is kept and restored with the cache too (in `work/site`).
    """
    clone = work / label
    git(work, "clone", "--quiet", str(origin), str(clone))
    if cache is not None and cache.is_dir():
        shutil.copytree(cache, clone / ".dateline-cache")
    if keep_site and (work / "site").is_dir():
        shutil.copytree(work / "site", clone / "_site", symlinks=True)
    times = {}
    for name, command in STEPS:
        started = time.perf_counter()
        finished = subprocess.run([sys.executable, *command], cwd=clone, capture_output=True, text=True)
        times[name] = time.perf_counter() - started
        if finished.returncode != 0:
            raise SystemExit(f"{label}: `{' '.join(command)}` failed:\n{finished.stderr[-2000:]}")
    kept = work / "cache"
    if kept.exists():
        shutil.rmtree(kept)
    shutil.copytree(clone / ".dateline-cache", kept)
    if keep_site:
        shutil.rmtree(work / "site", ignore_errors=True)
        shutil.copytree(clone / "_site", work / "site", symlinks=True)
    shutil.rmtree(clone)
    return times


def main() -> int:
    """Print the build step's time on a cold run, after a one-story push with the cache restored, and with nothing new."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="articles in the bench corpus (default 10000)")
    parser.add_argument("--runs", type=int, default=1, help="times to repeat the three runs (default 1)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder with corpus/ (default ../shared)")
    parser.add_argument("--keep-site", action="store_true", help="keep and restore _site/ with the cache as well")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "bbc").is_dir():
        print(f"workflow_warm: no corpus at {args.shared / 'corpus'}; nothing to measure")
        return 0
    rows: dict[str, dict[str, list[float]]] = {}
    for run in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="dateline-workflow-") as temp:
            work = Path(temp)
            origin = work / "origin"
            make_corpus(args.n, origin, args.shared)
            for peer in ("pelican", "hugo"):
                shutil.rmtree(origin / peer, ignore_errors=True)
            escape_angle_brackets(origin / "content")
            engine_into(origin)
            (origin / ".gitignore").write_text("_site/\n.dateline-cache/\n__pycache__/\n", encoding="utf-8")
            git(origin, "init", "--quiet", "--initial-branch", "main")
            git(origin, "add", "-A")
            git(origin, "commit", "--quiet", "-m", "corpus")
            cold = run_workflow(origin, work, "first", None, args.keep_site)
            story = origin / "content" / "2021" / "harbour-reopens-after-the-storm.md"
            story.parent.mkdir(parents=True, exist_ok=True)
            story.write_text(NEW_STORY, encoding="utf-8")
            git(origin, "add", "-A")
            git(origin, "commit", "--quiet", "-m", "one story")
            warm = run_workflow(origin, work, "second", work / "cache", args.keep_site)
            same = run_workflow(origin, work, "third", work / "cache", args.keep_site)
        for label, times in (
            ("first run, no cache", cold),
            ("one story pushed, cache restored", warm),
            ("nothing new, cache restored", same),
        ):
            for step, seconds in times.items():
                rows.setdefault(label, {}).setdefault(step, []).append(seconds)
            print(f"run {run + 1}: {label}: " + ", ".join(f"{step} {seconds:.2f} s" for step, seconds in times.items()), file=sys.stderr)
    kept = ".dateline-cache/ and _site/" if args.keep_site else ".dateline-cache/"
    print(f"| {args.n:,} articles, fresh clone each run, {kept} kept (medians of {args.runs}) | ingest | build | check |")
    print("|---|---:|---:|---:|")
    for label, steps in rows.items():
        print(f"| {label} | " + " | ".join(f"{statistics.median(steps[name]):.2f} s" for name, _ in STEPS) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
