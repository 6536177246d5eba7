"""Where a clean build's memory peaks: the largest tree PSS in each stage, and each process's share of it.

    python bench/memory_stages.py                          # 10,000 articles
    python bench/memory_stages.py --n 100000               # issue 17's size (about 5 minutes here)
    python bench/memory_stages.py --checkout ../older      # the same corpus, built by other code

One clean build (no cache, a fresh output folder) of the bench corpus (bench/corpus.py, kept in
bench/work/compare/N/ as compare.py keeps it), run as the command line runs it with its output
piped, so that it prints a plain line as each stage ends. The whole process tree's proportional set
size is sampled every 0.1 s from /proc (as compare.py's "tree PSS"), and each sample is charged to
the stage under way: reading, the model (grouping, views and their keys), and rendering and writing.
A row gives the stage's peak, how many processes there were then, and each one's PSS (this process
first): forked children share the parent's pages until they touch them, so a child's PSS grows
with what it touches. Skips with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

from compare import TRASH, dateline_python, ensure_corpus, pss_kib, rmtree, set_aside, tree_pids, wait_for_quiet_disk  # noqa: E402
from corpus import DEFAULT_SHARED  # noqa: E402

# The plain line each stage ends with (dateline/progress.py), and the stage that starts after it.
NEXT_STAGE = {"read:": "model", "model:": "render+write"}


def peaks_by_stage(command: list[str], cwd: Path) -> tuple[dict[str, tuple[float, list[float]]], str]:
    """Run `command`; for each stage, its largest tree PSS in MiB and each process's PSS at that moment; and the output."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stage = ["read"]
    peaks: dict[str, tuple[float, list[float]]] = {}

    def sample() -> None:
        while process.poll() is None:
            each = [pss_kib(pid) / 1024 for pid in tree_pids(process.pid)]
            now = stage[0]
            if sum(each) > peaks.get(now, (0.0, []))[0]:
                peaks[now] = (sum(each), each)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    lines = []
    for line in process.stdout or ():
        lines.append(line)
        stage[0] = NEXT_STAGE.get(line.split(" ", 1)[0], stage[0])
    process.wait()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"the build failed:\n{''.join(lines)}")
    return peaks, "".join(lines)


def main() -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000, help="articles in the bench corpus (default 10000)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder with corpus/ (default ../shared)")
    parser.add_argument("--work", type=Path, default=BENCH / "work" / "compare", help="scratch folder (default bench/work/compare)")
    parser.add_argument("--checkout", type=Path, default=REPO, help="the Dateline checkout to build with (default: this one)")
    args = parser.parse_args()
    if not (args.shared / "corpus" / "bbc").is_dir():
        print(f"memory_stages: no corpus at {args.shared / 'corpus'}; nothing to measure")
        return 0
    corpus = args.work / str(args.n)
    ensure_corpus(args.n, corpus, args.shared)
    output = args.work / f"memory-{args.n}"
    trash = args.work / TRASH
    set_aside(output, trash)
    rmtree(corpus / ".dateline-cache")
    command = [dateline_python(), str(args.checkout / "build.py"), "build", "--config", str(corpus / "config.yaml")]
    command += ["--output", str(output), "--no-search", "--no-ingest", "--verbose"]
    wait_for_quiet_disk()
    peaks, printed = peaks_by_stage(command, corpus)
    set_aside(output, trash)
    rmtree(trash)
    print(f"{args.n:,} articles, clean build by {args.checkout}")
    print(printed.strip().splitlines()[-1])
    print("\n| stage | peak tree PSS | processes | each (MiB, this process first) |\n|---|---:|---:|---|")
    for stage in ("read", "model", "render+write"):
        if stage in peaks:
            total, each = peaks[stage]
            print(f"| {stage} | {total:,.0f} MiB | {len(each)} | {', '.join(f'{value:,.0f}' for value in each)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
