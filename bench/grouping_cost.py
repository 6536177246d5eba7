"""What story grouping costs a build: the bench corpus built with grouping on and off, side by side.

    python bench/grouping_cost.py                 # 10,000 articles, 3 runs of each
    python bench/grouping_cost.py --n 2000 --runs 5
    python bench/grouping_cost.py --checkout ../an-older-checkout     # the same, built by other code

Two copies of the bench corpus (bench/corpus.py; `bench/work/grouping/<n>/on` and `/off`) differ
only in `stories: group:`. Each run builds both clean (no cache, no output), then edits one
headline in each and builds again, alternating which goes first. A clean build's old output is
set aside, not deleted, until the last build (compare.set_aside says why). The builds run as the command
line runs them (`build.py build --no-search --no-ingest --verbose`, as bench/compare.py does),
and the table gives medians: wall time, CPU time (the build's and its workers', steadier than wall
time when the machine is busy), and the read and model stages that grouping adds to
(story features are computed as each article is parsed; the stories are grouped in the model).
Skips with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from compare import TRASH, dateline_python, ensure_corpus, rmtree, set_aside, stage_times  # noqa: E402
from corpus import DEFAULT_SHARED  # noqa: E402

EDITED = "a{:06d}.md"


def build(project: Path, checkout: Path) -> tuple[float, dict[str, float]]:
    """Build `project` with the Dateline of `checkout` as the command line does; its wall time and `--verbose` stage times
    (with "cpu": the CPU seconds of the build and its worker processes, steadier than wall time on a busy machine)."""
    command = [dateline_python(), str(checkout / "build.py"), "build", "--config", str(project / "config.yaml")]
    command += ["--no-search", "--no-ingest", "--verbose"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{done.stdout}\n{done.stderr}")
    stages = stage_times(done.stdout + done.stderr)
    stages["cpu"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, stages


def prepare(n: int, root: Path, shared: Path) -> dict[str, Path]:
    """The corpus for N, copied twice: grouping on (the default) and off."""
    corpus = root / "corpus"
    ensure_corpus(n, corpus, shared)
    projects = {}
    for variant in ("on", "off"):
        project = root / variant
        rmtree(project)
        subprocess.run(["cp", "-r", str(corpus), str(project)], check=True)
        if variant == "off":
            with open(project / "config.yaml", "a", encoding="utf-8") as config:
                config.write("stories:\n  group: false\n")
        projects[variant] = project
    return projects


def edit_headline(project: Path, n: int, run: int) -> None:
    """Change one headline in the middle of the corpus (a different word each run)."""
    page = project / "content" / EDITED.format(n // 2)
    text = page.read_text(encoding="utf-8")
    head, _, rest = text.partition('title: "')
    page.write_text(f'{head}title: "Update {run}: {rest.removeprefix(f"Update {run - 1}: ")}', encoding="utf-8")


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="articles in the bench corpus (default 10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build (default 3)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder with corpus/ (default ../shared)")
    parser.add_argument("--checkout", type=Path, default=REPO, help="the Dateline checkout to build with (default: this one)")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "bbc").is_dir():
        print(f"grouping_cost: no corpus at {args.shared / 'corpus'}; nothing to measure")
        return 0
    root = BENCH / "work" / "grouping" / str(args.n)
    trash = root / TRASH
    set_aside(trash, root / f"{TRASH}-before")  # left by an interrupted run: deleted after the last build
    projects = prepare(args.n, root, args.shared)
    clean: dict[str, list[tuple[float, dict[str, float]]]] = {"on": [], "off": []}
    edit: dict[str, list[tuple[float, dict[str, float]]]] = {"on": [], "off": []}
    for run in range(1, args.runs + 1):
        order = ("on", "off") if run % 2 else ("off", "on")
        for variant in order:
            rmtree(projects[variant] / ".dateline-cache")
            set_aside(projects[variant] / "_site", trash)
            clean[variant].append(build(projects[variant], args.checkout))
        for variant in order:
            edit_headline(projects[variant], args.n, run)
            edit[variant].append(build(projects[variant], args.checkout))
        print(f"run {run}/{args.runs} done", file=sys.stderr, flush=True)

    rmtree(trash)
    rmtree(root / f"{TRASH}-before")

    def median(results: list[tuple[float, dict[str, float]]], stage: str | None) -> float:
        return statistics.median(wall if stage is None else stages.get(stage, 0.0) for wall, stages in results)

    print(f"Story grouping's cost at {args.n:,} bench articles (medians of {args.runs} runs, --no-search; {args.checkout})\n")
    print("| build | measure | grouping on | grouping off | grouping adds |")
    print("|---|---|---:|---:|---:|")
    for name, results in (("clean", clean), ("one headline edited", edit)):
        for label, stage in (("wall", None), ("CPU, workers included", "cpu"), ("read stage", "read"), ("model stage", "model")):
            on, off = median(results["on"], stage), median(results["off"], stage)
            added = f"{(on - off) * 1000:+.0f} ms ({(on - off) / off:+.1%})" if off else f"{(on - off) * 1000:+.0f} ms"
            print(f"| {name} | {label} | {on:.3f} s | {off:.3f} s | {added} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
