"""Time Dateline against Pelican and Hugo on the same generated corpus (issue 6).

    python bench/compare.py --n 1000,10000          # 3 runs each, the default
    python bench/compare.py --n 50000 --runs 1      # the linear-growth point (slow)
    python bench/compare.py --n 200 --runs 1 --only dateline,hugo --results ''   # quick check

For each N it writes (or reuses) a corpus with bench/corpus.py in bench/work/compare/N/, then
for each run, taking the generators in a rotating order, measures four builds per generator:

- clean (cold): no cache at all and a fresh output folder. Dateline: `.dateline-cache/` deleted;
  Pelican: content caching off; Hugo: a fresh --cacheDir and no resources/ folder.
- warm: a fresh output folder, caches kept. Dateline: the cache the cold build left; Pelican:
  CACHE_CONTENT and LOAD_CONTENT_CACHE on, after an untimed build that fills its cache; Hugo:
  the second build with the same --cacheDir (Hugo keeps no content cache between builds).
- no-change: the same build again into the warm build's output folder.
- one edit: a sentence appended to one article's body, then a build into the same folder; the
  output page is checked for the sentence and the article restored afterwards.

Before each build the script waits, untimed, for a second without disk writes or discards
(what the previous build left to the file system is not charged to the next), and finished
output folders are set aside and deleted only after the report. Every build is a child process;
its wall time is measured around it, and its memory two ways:
"max RSS" is the kernel's ru_maxrss from wait4(), the largest resident set of the process or of
any one of its descendants (what `/usr/bin/time -f %M` prints; it does not add up Dateline's
forked workers); "tree PSS" is the largest sum of the proportional set size (shared pages split
between the processes sharing them) of the whole process tree, sampled every 0.1 s from
/proc/PID/smaps_rollup, so forked workers count once each without double-counting shared pages.
The tables give medians over the runs; they go to stdout and to bench/results.md with the
machine, versions, date and the load average before and after (other work on the machine makes
the timings noisy). Generators that are not installed are skipped with a message; install them
with `bash bench/install-peers.sh`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_SHARED = REPO.parent / "shared"
PELICAN_VENV = BENCH / "work" / "pelican-venv"
GENERATORS = ("dateline", "baseline", "pelican", "hugo")
SCENARIOS = ("cold", "warm", "nochange", "edit")
TRASH = "set-aside"  # output folders of finished builds, deleted after the last timed one
SCENARIO_LABELS = {"cold": "clean (cold)", "warm": "warm", "nochange": "no-change", "edit": "one edit"}
EDIT_SLUG = "a000003"  # the article whose body the one-edit rebuild changes
SAMPLE_EVERY = 0.1  # seconds between /proc samples of the process tree


# --- measuring one build -----------------------------------------------------------------------


def tree_pids(root: int) -> list[int]:
    """The process `root` and all its living descendants, from /proc/PID/task/TID/children."""
    pids, queue = [], [root]
    while queue:
        pid = queue.pop()
        pids.append(pid)
        with contextlib.suppress(OSError):
            for task in os.listdir(f"/proc/{pid}/task"):
                with contextlib.suppress(OSError), open(f"/proc/{pid}/task/{task}/children") as handle:
                    queue.extend(int(child) for child in handle.read().split())
    return pids


def pss_kib(pid: int) -> int:
    """Proportional set size of one process in KiB (0 if it has gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


@dataclass
class Measure:
    """One build: wall seconds, CPU seconds (user+sys, children included) and memory in MiB."""

    seconds: float
    cpu: float
    max_rss_mib: float
    tree_pss_mib: float
    returncode: int
    stderr: str = ""
    # Dateline's own stage times (`--verbose`: `setup 0.150 s  read 3.452 s  …`); empty for the peers.
    stages: dict[str, float] = field(default_factory=dict)


_STAGE = re.compile(r"([a-z][a-z+ ]*?) (\d+(?:\.\d+)?) s(?:\s{2,}|$)")


def stage_times(output: str) -> dict[str, float]:
    """The stage times a `--verbose` build printed (the line that starts with `setup`, or `light` for a light build), by stage."""
    for line in output.splitlines():
        if line.startswith(("setup ", "up to date ", "light ")):
            return {name.strip(): float(value) for name, value in _STAGE.findall(line)}
    return {}


def run_measured(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Measure:
    """Run `command`, timing it, and sample its process tree's memory until it ends."""
    peak = [0]
    done = threading.Event()
    stderr_path = cwd / ".bench-stderr"
    stdout_path = cwd / ".bench-stdout"
    with open(stderr_path, "w+b") as stderr, open(stdout_path, "w+b") as stdout:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=stdout, stderr=stderr)

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], sum(pss_kib(pid) for pid in tree_pids(proc.pid)))
                done.wait(SAMPLE_EVERY)

        sampler = threading.Thread(target=sample, daemon=True)
        if SAMPLE_EVERY:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        if SAMPLE_EVERY:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        err = stderr.read().decode("utf-8", errors="replace")
        stdout.seek(0)
        out = stdout.read().decode("utf-8", errors="replace")
    stderr_path.unlink()
    stdout_path.unlink()
    return Measure(
        seconds=seconds,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_mib=usage.ru_maxrss / 1024,
        tree_pss_mib=peak[0] / 1024,
        returncode=proc.returncode,
        stderr=err,
        stages=stage_times(out),
    )


# --- the generators ----------------------------------------------------------------------------


def rmtree(path: Path) -> None:
    """Delete a folder if it exists (never timed)."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def disk_activity() -> tuple[int, ...]:
    """Writes and discards completed, and requests in flight, summed over the real block devices."""
    writes = discards = in_flight = 0
    with contextlib.suppress(OSError):
        for line in Path("/proc/diskstats").read_text().splitlines():
            fields = line.split()
            if len(fields) < 15 or fields[2].startswith(("loop", "ram", "zram")):
                continue
            writes += int(fields[7])
            in_flight += int(fields[11])
            discards += int(fields[14])
    return writes, discards, in_flight


def wait_for_quiet_disk(limit: float = 60.0) -> float:
    """Wait (untimed) until the disk has had a second without writes or discards; return the seconds waited.

    The file system finishes a build's work (writeback, discards of deleted
    files) after the build has exited; the next build, of whichever generator,
    would pay for it.
    """
    started = time.monotonic()
    before = disk_activity()
    while time.monotonic() - started < limit:
        time.sleep(1.0)
        now = disk_activity()
        if now == before and now[2] == 0:
            break
        before = now
    return time.monotonic() - started


def set_aside(path: Path, trash: Path) -> None:
    """Move an output folder into `trash`, to be deleted after the last timed build.

    Deleting a 10,000-page folder here keeps the disk busy (ext4 with online
    discard) for seconds after rmtree returns, and the next build, whichever
    generator it is, paid for it: the same build took up to twice as long.
    It also costs the next build CPU: this ext4 has no journal, and then its
    inode allocator passes over every inode freed in the last minute or more
    (`recently_deleted` in perf), so each file and folder a build creates after
    a delete costs more system time (10,000 articles, same build: 1.7 s of
    system time after a rename, 3.9 to 15.6 s after an rmtree). A rename costs nothing.
    """
    if path.exists():
        trash.mkdir(exist_ok=True)
        path.rename(trash / f"{len(list(trash.iterdir()))}-{path.name}")


@dataclass
class Generator:
    """How to build one corpus with one generator, for each scenario."""

    name: str
    project: Callable[[Path], Path]  # corpus folder -> the generator's project folder
    command: Callable[[Path, Path, str], list[str]]  # (project, output, scenario) -> argv
    clear_cache: Callable[[Path], None]  # forget every cache (before the cold build)
    prime: bool = False  # run one untimed build before "warm" so that its cache is filled
    version: str = ""
    missing: str = ""  # why it cannot run here, if it cannot


def dateline_python() -> str:
    """The dev venv's Python, or this one."""
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def describe_checkout(repo: Path) -> str:
    """Where Dateline's code comes from: the folder, and its commit if it is a git checkout."""
    top = subprocess.run(["git", "-C", str(repo), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != repo.resolve():
        return str(repo)  # not a checkout of its own (e.g. a `git archive` snapshot inside bench/work/)
    git = subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--", "dateline", "themes"], capture_output=True, text=True)
    return f"{repo} at {git.stdout.strip()}" + (" with uncommitted changes in dateline/ or themes/" if dirty.stdout.strip() else "")


def dateline_generator(name: str, repo: Path, project: Callable[[Path], Path]) -> Generator:
    """Dateline from the checkout `repo`, building the project `project(corpus)`."""
    python = dateline_python()
    generator = Generator(
        name,
        project=project,
        command=lambda project, out, scenario: [
            python,
            str(repo / "build.py"),
            "build",
            "--config",
            str(project / "config.yaml"),
            "--output",
            str(out),
            "--no-search",
            "--no-ingest",
            "--verbose",
        ],
        clear_cache=lambda project: rmtree(project / ".dateline-cache"),
    )
    try:
        generator.version = subprocess.run(
            [python, str(repo / "build.py"), "--version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        generator.version += f" ({describe_checkout(repo)})"
    except (OSError, subprocess.CalledProcessError) as error:
        generator.missing = f"`build.py --version` failed: {error}"
    return generator


def make_generators(scratch: Path, dateline_repo: Path = REPO, baseline_repo: Path | None = None) -> dict[str, Generator]:
    """The generators, with versions, or the reason each is missing; `baseline` is a second Dateline checkout, if given."""
    dateline = dateline_generator("dateline", dateline_repo, lambda corpus: corpus)
    baseline = dateline_generator("baseline", baseline_repo or dateline_repo, lambda corpus: corpus / "baseline")
    if baseline_repo is None:
        baseline.missing = "no --baseline-repo given"

    pelican_bin = PELICAN_VENV / "bin" / "pelican"

    def pelican_command(project: Path, out: Path, scenario: str) -> list[str]:
        cache = "false" if scenario == "cold" else "true"
        return [
            str(pelican_bin),
            "content",
            "-s",
            "pelicanconf.py",
            "-o",
            str(out),
            "-q",
            "-e",
            f"CACHE_CONTENT={cache}",
            f"LOAD_CONTENT_CACHE={cache}",
        ]

    pelican = Generator(
        "pelican",
        project=lambda corpus: corpus / "pelican",
        command=pelican_command,
        clear_cache=lambda project: rmtree(project / "cache"),
        prime=True,
    )
    if pelican_bin.exists():
        pelican.version = subprocess.run([str(pelican_bin), "--version"], capture_output=True, text=True).stdout.strip()
    else:
        pelican.missing = f"no {pelican_bin}: run `bash bench/install-peers.sh`"

    hugo_bin = shutil.which("hugo")
    hugo_cache = scratch / "hugo-cache"

    def hugo_command(project: Path, out: Path, scenario: str) -> list[str]:
        return [str(hugo_bin), "--quiet", "--source", str(project), "--destination", str(out), "--cacheDir", str(hugo_cache)]

    def hugo_clear(project: Path) -> None:
        rmtree(hugo_cache)
        rmtree(project / "resources")

    hugo = Generator("hugo", project=lambda corpus: corpus / "hugo", command=hugo_command, clear_cache=hugo_clear)
    if hugo_bin:
        words = subprocess.run([hugo_bin, "version"], capture_output=True, text=True).stdout.split()
        hugo.version = words[1] if len(words) > 1 else "?"
    else:
        hugo.missing = "no `hugo` on PATH: run `bash bench/install-peers.sh` (Debian's package)"
    return {g.name: g for g in (dateline, baseline, pelican, hugo)}


# --- the corpus --------------------------------------------------------------------------------


def corpus_stamp(n: int, tags: bool = False) -> str:
    """What the corpus for N depends on: N, whether it has tags, corpus.py and bench/peers/."""
    digest = hashlib.sha256(f"{n} tags={tags}".encode())
    for path in [BENCH / "corpus.py", *sorted(p for p in (BENCH / "peers").rglob("*") if p.is_file())]:
        digest.update(path.relative_to(BENCH).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_corpus(n: int, folder: Path, shared: Path, tags: bool = False) -> None:
    """Write the corpus for N into `folder` unless the same one is already there."""
    stamp = folder / ".bench-stamp"
    wanted = corpus_stamp(n, tags)
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print(f"writing the {n}-article corpus to {folder} ...", file=sys.stderr, flush=True)
    subprocess.run(
        [sys.executable, str(BENCH / "corpus.py"), "--n", str(n), "--out", str(folder), "--shared", str(shared)]
        + (["--tags"] if tags else []),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stamp.write_text(wanted)


def make_baseline_project(corpus: Path, baseline_repo: Path) -> None:
    """The corpus again in corpus/baseline/, with the baseline checkout's themes: its own files, so that edits stay apart."""
    project = corpus / "baseline"
    rmtree(project)
    project.mkdir()
    shutil.copy(corpus / "config.yaml", project / "config.yaml")
    shutil.copytree(corpus / "content", project / "content")
    shutil.copytree(baseline_repo / "themes", project / "themes")


def edit_sources(corpus: Path) -> dict[str, Path]:
    """The edited article's source file in each generator's project."""
    return {
        "dateline": corpus / "content" / f"{EDIT_SLUG}.md",
        "baseline": corpus / "baseline" / "content" / f"{EDIT_SLUG}.md",
        "pelican": corpus / "pelican" / "content" / f"{EDIT_SLUG}.md",
        "hugo": corpus / "hugo" / "content" / "posts" / f"{EDIT_SLUG}.md",
    }


def article_page(out: Path, slug: str) -> Path | None:
    """The built page of article `slug` (all three sites use /YYYY/MM/slug/)."""
    found = list(out.glob(f"[0-9][0-9][0-9][0-9]/[0-9][0-9]/{slug}/index.html"))
    return found[0] if found else None


def count_pages(out: Path) -> int:
    """HTML files in an output folder (a check that the sites are of the same size)."""
    return sum(1 for _ in out.rglob("*.html"))


# --- one run of one generator ------------------------------------------------------------------


@dataclass
class Result:
    """All measures of one generator at one N."""

    measures: dict[str, list[Measure]] = field(default_factory=lambda: {s: [] for s in SCENARIOS})
    pages: int = 0
    errors: list[str] = field(default_factory=list)


def run_generator(gen: Generator, corpus: Path, scratch: Path, run: int, result: Result, verbose: bool) -> None:
    """Cold, warm, no-change and one-edit builds of `corpus` with `gen`, appended to `result`."""
    project = gen.project(corpus)
    trash = scratch / TRASH
    cold_out = scratch / f"{gen.name}-cold-{run}"
    warm_out = scratch / f"{gen.name}-warm-{run}"
    for folder in (cold_out, warm_out):
        set_aside(folder, trash)

    def build(scenario: str, out: Path) -> Measure | None:
        wait_for_quiet_disk()
        measure = run_measured(gen.command(project, out, scenario), cwd=project)
        if verbose:
            print(
                f"  {gen.name:8} run {run + 1} {scenario:8} {measure.seconds:7.2f} s  cpu {measure.cpu:7.2f} s  "
                f"max RSS {measure.max_rss_mib:6.0f} MiB  tree PSS {measure.tree_pss_mib:6.0f} MiB",
                file=sys.stderr,
                flush=True,
            )
        if measure.returncode != 0:
            tail = "\n".join(measure.stderr.strip().splitlines()[-15:])
            result.errors.append(f"{scenario} build exited {measure.returncode}:\n{tail}")
            print(f"  {gen.name}: {scenario} build failed (exit {measure.returncode}):\n{tail}", file=sys.stderr)
            return None
        return measure

    gen.clear_cache(project)
    cold = build("cold", cold_out)
    if cold is None:
        return
    result.measures["cold"].append(cold)
    result.pages = count_pages(cold_out)
    if gen.name == "dateline" and "warning:" in cold.stderr:
        result.errors.append(f"the clean build printed warnings: {cold.stderr.strip().splitlines()[0]}")
    set_aside(cold_out, trash)
    if gen.prime:
        prime_out = scratch / f"{gen.name}-prime-{run}"
        if build("prime", prime_out) is None:
            return
        set_aside(prime_out, trash)
    for scenario in ("warm", "nochange"):
        measure = build(scenario, warm_out)
        if measure is None:
            return
        result.measures[scenario].append(measure)

    source = edit_sources(corpus)[gen.name]
    original = source.read_bytes()
    sentence = f"Benchmark edit {run + 1} at {time.time_ns()}."
    try:
        source.write_bytes(original.rstrip(b"\n") + f" {sentence}\n".encode())
        measure = build("edit", warm_out)
        if measure is not None:
            result.measures["edit"].append(measure)
            page = article_page(warm_out, EDIT_SLUG)
            if page is None or sentence not in page.read_text(encoding="utf-8"):
                result.errors.append(f"one-edit build did not update {EDIT_SLUG}'s page ({page})")
                print(f"  {gen.name}: the edited sentence is missing from {page}", file=sys.stderr)
    finally:
        source.write_bytes(original)  # a new mtime, so mtime-based caches see the change back
    set_aside(warm_out, trash)


# --- report ------------------------------------------------------------------------------------


def median(values: list[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def fmt_seconds(value: float | None) -> str:
    """Seconds for the table."""
    if value is None:
        return "–"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def fmt_mib(value: float | None) -> str:
    """MiB for the table."""
    return "–" if not value else f"{value:.0f} MiB"  # 0: not sampled (--no-sample)


def fmt_ratio(ours: float | None, theirs: float | None) -> str:
    """Dateline ÷ peer."""
    if ours is None or not theirs:
        return "–"
    return f"{ours / theirs:.2f}"


def machine_lines(generators: dict[str, Generator]) -> list[str]:
    """Machine, versions and date, as Markdown list items."""
    cpu = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        mem = f"{int(Path('/proc/meminfo').read_text().split()[1]) / 1024**2:.0f} GiB"
    python = subprocess.run([dateline_python(), "--version"], capture_output=True, text=True).stdout.strip()
    versions = ", ".join(f"{g.name} {g.version or '(not installed)'}" for g in generators.values())
    return [
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: nproc {len(os.sched_getaffinity(0))} ({os.cpu_count()} CPUs), {cpu}, {mem} RAM, "
        f"{platform.system()} {platform.release()}",
        f"- Versions: {versions}; {python} (Dateline's venv)",
    ]


def render_report(
    ns: list[int],
    runs: int,
    results: dict[int, dict[str, Result]],
    generators: dict[str, Generator],
    notes: list[str],
    load: tuple[str, str],
) -> str:
    """The Markdown report."""
    lines = ["# Dateline vs Pelican and Hugo", "", *machine_lines(generators)]
    lines.append(
        f"- Runs: {runs} per generator and N, generators alternating; medians shown. "
        f"Load average (1, 5, 15 min) before: {load[0]}; after: {load[1]}"
    )
    lines += [
        "",
        "| N | generator | clean (cold) | warm | no-change | one edit | cold CPU | max RSS | tree PSS | HTML pages |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in ns:
        for name, result in results.get(n, {}).items():
            m = result.measures
            cold = m["cold"]
            lines.append(
                f"| {n:,} | {name} | "
                + " | ".join(fmt_seconds(median([x.seconds for x in m[s]])) for s in SCENARIOS)
                + f" | {fmt_seconds(median([x.cpu for x in cold]))}"
                + f" | {fmt_mib(max([x.max_rss_mib for x in cold + m['warm']], default=None))}"
                + f" | {fmt_mib(max([x.tree_pss_mib for x in cold + m['warm']], default=None))}"
                + f" | {result.pages:,} |"
            )
    ratio_rows = []
    for n in ns:
        ours = results.get(n, {}).get("dateline")
        if ours is None or not ours.measures["cold"]:
            continue
        for peer in ("baseline", "pelican", "hugo"):
            theirs = results[n].get(peer)
            if theirs is None or not theirs.measures["cold"]:
                continue
            cells = [
                fmt_ratio(median([x.seconds for x in ours.measures[s]]), median([x.seconds for x in theirs.measures[s]])) for s in SCENARIOS
            ]
            mem = fmt_ratio(
                max([x.tree_pss_mib for x in ours.measures["cold"] + ours.measures["warm"]], default=None),
                max([x.tree_pss_mib for x in theirs.measures["cold"] + theirs.measures["warm"]], default=None),
            )
            ratio_rows.append(f"| {n:,} | {peer} | {' | '.join(cells)} | {mem} |")
    if ratio_rows:
        lines += [
            "",
            "Dateline ÷ peer (time or memory; below 1 means Dateline is faster or smaller):",
            "",
            "| N | peer | clean (cold) | warm | no-change | one edit | tree PSS |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
            *ratio_rows,
        ]
    lines += unequal_sites(ns, results)
    lines += stage_lines(ns, results)
    lines += ["", *target_lines(ns, results)]
    lines += [
        "",
        "Columns: *clean* = no cache, fresh output folder; *warm* = fresh output folder, caches kept "
        "(Pelican's content cache, filled by an untimed build first; Hugo has none to keep); *no-change* = "
        "the same build again into the warm output; *one edit* = one article's body changed, then built into "
        "that output (checked in the page); *cold CPU* = user+sys seconds of the clean build with its children; "
        "*max RSS* = the largest single process (wait4 ru_maxrss, as `/usr/bin/time -f %M`); *tree PSS* = the "
        "largest sampled sum of proportional set size over the whole process tree (forked workers included, "
        "shared pages split), both over the cold and warm builds. See bench/README.md.",
    ]
    if notes:
        lines += ["", "Notes:", "", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


# Dateline's day and story pages make its site a few percent larger than the peers' at any N; more than this is
# a peer leaving something out (Hugo skipped future-dated articles, 60% of them at 100,000, until buildFuture).
PAGES_TOLERANCE = 0.10


def unequal_sites(ns: list[int], results: dict[int, dict[str, Result]]) -> list[str]:
    """A warning for each peer whose site differs from Dateline's by more than PAGES_TOLERANCE in HTML pages."""
    warnings = []
    for n in ns:
        ours = results.get(n, {}).get("dateline")
        if ours is None or not ours.pages:
            continue
        for peer, theirs in results[n].items():
            if peer == "dateline" or not theirs.pages or abs(theirs.pages / ours.pages - 1) <= PAGES_TOLERANCE:
                continue
            warnings.append(
                f"**Unequal sites at {n:,}:** {peer} wrote {theirs.pages:,} HTML pages against Dateline's {ours.pages:,} "
                f"({theirs.pages / ours.pages - 1:+.0%}). The ratios above compare unequal work; find what one of them "
                "leaves out (a kind of page, future-dated or draft articles) before reading them."
            )
    return ["", *warnings] if warnings else []


def stage_lines(ns: list[int], results: dict[int, dict[str, Result]]) -> list[str]:
    """Where Dateline's clean and one-edit builds spend their time, stage by stage (medians), per N."""
    rows = []
    for n in ns:
        for name, result in results.get(n, {}).items():
            for scenario in ("cold", "edit"):
                measured = [m.stages for m in result.measures[scenario] if m.stages]
                if not measured:
                    continue
                stages = list(dict.fromkeys(stage for times in measured for stage in times))
                cells = [f"{stage} {fmt_seconds(median([t[stage] for t in measured if stage in t]))}" for stage in stages]
                rows.append(f"| {n:,} | {name} | {scenario} | {' · '.join(cells)} |")
    if not rows:
        return []
    return [
        "",
        "Stages of Dateline's builds (`--verbose`, medians): what each part of the pipeline costs at each N.",
        "",
        "| N | engine | build | stages |",
        "| ---: | --- | --- | --- |",
        *rows,
    ]


def target_lines(ns: list[int], results: dict[int, dict[str, Result]]) -> list[str]:
    """The issue's targets, checked where this run measured them (at 10,000 articles)."""
    got = results.get(10000, {})
    ours = got.get("dateline")
    if ours is None or not ours.measures["cold"]:
        return ["Targets (issue 6) are checked at N = 10,000, which this run did not build."]

    def med(result: Result | None, scenario: str) -> float | None:
        return median([x.seconds for x in result.measures[scenario]]) if result else None

    def verdict(ok: bool | None) -> str:
        return "–" if ok is None else ("met" if ok else "**missed**")

    cold, warm = med(ours, "cold"), med(ours, "warm")
    pelican, hugo = got.get("pelican"), got.get("hugo")
    p_cold, h_cold, h_warm = med(pelican, "cold"), med(hugo, "cold"), med(hugo, "warm")
    memory = max(x.tree_pss_mib for x in ours.measures["cold"] + ours.measures["warm"])
    rows = [
        ("clean 10k ≥ 4× faster than Pelican", f"{p_cold / cold:.1f}×" if p_cold else "–", verdict(p_cold / cold >= 4 if p_cold else None)),
        ("clean 10k ≤ 1.5× Hugo", f"{cold / h_cold:.2f}×" if h_cold else "–", verdict(cold / h_cold <= 1.5 if h_cold else None)),
        (
            "warm no slower than Hugo",
            f"{warm / h_warm:.2f}×" if h_warm and warm else "–",
            verdict(warm <= h_warm if h_warm and warm else None),
        ),
        (
            "no-change < 0.5 s",
            fmt_seconds(med(ours, "nochange")),
            verdict(med(ours, "nochange") < 0.5 if ours.measures["nochange"] else None),
        ),
        ("one edit < 1 s", fmt_seconds(med(ours, "edit")), verdict(med(ours, "edit") < 1 if ours.measures["edit"] else None)),
        ("peak memory < 400 MB at 10k (tree PSS)", f"{memory * 1.048576:.0f} MB", verdict(memory * 1.048576 < 400 if memory else None)),
    ]
    lines = ["Targets (issue 6), Dateline at N = 10,000:", "", "| target | measured | |", "| --- | ---: | --- |"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    colds = {n: median([x.seconds for x in results[n]["dateline"].measures["cold"]]) for n in ns if "dateline" in results.get(n, {})}
    colds = {n: s for n, s in colds.items() if s}
    if len(colds) > 1:
        growth = ", ".join(f"{n:,}: {s / n * 1000:.2f} ms" for n, s in sorted(colds.items()))
        lines += ["", f"Growth (clean build time per article; flat means linear): {growth}."]
    return lines


# --- main --------------------------------------------------------------------------------------


def parse_ns(text: str) -> list[int]:
    """'1000,10000' -> [1000, 10000]."""
    try:
        ns = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"--n wants numbers separated by commas, not {text!r}") from error
    if not ns or min(ns) < 1:
        raise argparse.ArgumentTypeError("--n wants at least one positive number")
    return ns


def main() -> int:
    """Parse arguments, build every corpus with every generator, print and write the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=parse_ns, default=[1000, 10000], help="article counts, comma-separated (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per generator and N (default 3)")
    parser.add_argument(
        "--only", default=",".join(GENERATORS), help="generators to run, comma-separated (default all; baseline needs --baseline-repo)"
    )
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared/ folder with corpus/ (default ../shared)")
    parser.add_argument("--work", type=Path, default=BENCH / "work" / "compare", help="scratch folder (default bench/work/compare)")
    parser.add_argument("--results", default=str(BENCH / "results.md"), help="Markdown report to write ('' for none)")
    parser.add_argument(
        "--dateline-repo",
        type=Path,
        default=REPO,
        help="the Dateline checkout to measure (default this one); e.g. a snapshot of HEAD while the engine is being edited here",
    )
    parser.add_argument(
        "--baseline-repo",
        type=Path,
        default=None,
        help="a second Dateline checkout (e.g. a worktree of the last release) measured side by side as `baseline`",
    )
    parser.add_argument(
        "--no-sample", action="store_true", help="do not sample /proc for tree PSS (to check the sampling does not slow builds)"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print each build's numbers on stderr")
    parser.add_argument(
        "--tags",
        action="store_true",
        help="Dateline's articles carry ingest's tags (tag pages; compare with --only dateline,baseline: the peers get none)",
    )
    args = parser.parse_args()

    if not (args.shared / "corpus").is_dir():
        print(f"skipped: no corpus at {args.shared / 'corpus'} (benchmarks need ../shared beside the checkout)", file=sys.stderr)
        return 0
    if args.no_sample:
        global SAMPLE_EVERY
        SAMPLE_EVERY = 0
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = set(wanted) - set(GENERATORS)
    if unknown:
        parser.error(f"unknown generator(s) {', '.join(sorted(unknown))}; choose from {', '.join(GENERATORS)}")
    args.work.mkdir(parents=True, exist_ok=True)
    scratch = args.work / "out"
    scratch.mkdir(exist_ok=True)
    # Left by an interrupted run: deleted after this run's last build, with its own output (set_aside says why not now).
    set_aside(scratch / TRASH, scratch / f"{TRASH}-before")
    dateline_repo = args.dateline_repo.resolve()
    if not (dateline_repo / "build.py").is_file():
        parser.error(f"--dateline-repo {dateline_repo} has no build.py")
    baseline_repo = args.baseline_repo.resolve() if args.baseline_repo else None
    if baseline_repo is not None and not (baseline_repo / "build.py").is_file():
        parser.error(f"--baseline-repo {baseline_repo} has no build.py")
    if baseline_repo is None:
        wanted = [name for name in wanted if name != "baseline"]
    generators = make_generators(scratch, dateline_repo, baseline_repo)
    notes = []
    active = []
    for name in wanted:
        if generators[name].missing:
            message = f"{name} skipped: {generators[name].missing}"
            print(message, file=sys.stderr)
            notes.append(message)
        else:
            active.append(generators[name])
    if not active:
        print("nothing to run", file=sys.stderr)
        return 1

    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    results: dict[int, dict[str, Result]] = {}
    for n in args.n:
        corpus = args.work / str(n)
        ensure_corpus(n, corpus, args.shared, args.tags)
        # The corpus' themes/ are the measured Dateline's, so templates and engine match (a copy: links out of a project are refused).
        rmtree(corpus / "themes")
        shutil.copytree(dateline_repo / "themes", corpus / "themes")
        if baseline_repo is not None:
            make_baseline_project(corpus, baseline_repo)
        results[n] = {g.name: Result() for g in active}
        for run in range(args.runs):
            order = active[run % len(active) :] + active[: run % len(active)]
            for gen in order:
                run_generator(gen, corpus, scratch, run, results[n][gen.name], verbose=not args.quiet)
        for name, result in results[n].items():
            for error in dict.fromkeys(result.errors):
                notes.append(f"{name} at N = {n:,}: {error.splitlines()[0]}")
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3])

    report = render_report(args.n, args.runs, results, generators, notes, (load_before, load_after))
    print(report)
    if args.results:
        Path(args.results).write_text(report, encoding="utf-8")
        print(f"written to {args.results}", file=sys.stderr)
    rmtree(scratch / TRASH)  # after the report: deleting gigabytes of output takes minutes here
    rmtree(scratch / f"{TRASH}-before")
    return 1 if any(r.errors for by_gen in results.values() for r in by_gen.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
