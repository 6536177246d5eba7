"""Latency of `serve`: from saving an article to rebuilt files (and to the browser having reloaded).

    python bench/serve_latency.py                          # the sample site
    python bench/serve_latency.py --site bench/work/10000  # the 10,000-article corpus
    python bench/serve_latency.py --browser                # also time the reload in chromium

The project is copied to a temporary folder and served in-process (search off);
each of --edits saves appends a marker to one article's body (or, with --edit title, to
its headline), then waits until
the article's output file holds it. The split says where the time goes: the
watcher noticing the save, the debounce, and build() (with its stages).
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dateline.config import load_config  # noqa: E402
from dateline.serve.session import LiveSite, RebuildRecord, ServeOptions  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def edited(text: str, marker: str, part: str) -> str:
    """The article's text with `marker` added to its body (a paragraph at the end) or to its headline."""
    if part == "body":
        return text + f"\n{marker}\n"
    head, separator, rest = text.partition("\ntitle: ")
    line, newline, after = rest.partition("\n")
    line = line.rstrip()
    line = f"{line[:-1]} {marker}{line[-1]}" if line[-1:] in ("'", '"') else f"{line} {marker}"
    return f"{head}{separator}{line}{newline}{after}"


def copy_project(source: Path, target: Path) -> Path:
    """Copy config.yaml, content/, seeds/ and themes/ (following links) into target."""
    target.mkdir(parents=True)
    shutil.copy(source / "config.yaml", target / "config.yaml")
    for folder in ("content", "seeds", "themes"):
        if (source / folder).exists():
            shutil.copytree(source / folder, target / folder, symlinks=False)
    return target


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def describe(name: str, values: list[float]) -> str:
    """`name: median X ms, p95 Y ms` for values in seconds."""
    return f"{name:<28} median {statistics.median(values) * 1000:7.1f} ms   p95 {percentile(values, 0.95) * 1000:7.1f} ms"


def wait_until(predicate, timeout: float = 30.0, step: float = 0.002) -> float:
    """Poll predicate until true; return the monotonic time it became true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic()
        time.sleep(step)
    raise TimeoutError("timed out")


def main() -> int:
    """Run the bench and print the latencies."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=REPO, help="project folder to copy (default: the sample site)")
    parser.add_argument("--n", type=int, default=None, help="use a corpus of N articles made by bench/corpus.py instead of --site")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument(
        "--edit", choices=("body", "title"), default="body", help="what each save changes: the body (default) or the headline"
    )
    parser.add_argument("--debounce", type=float, default=None, help="override the debounce in seconds")
    parser.add_argument("--browser", action="store_true", help="also time the reload in chromium")
    args = parser.parse_args()
    if args.n is not None:
        args.site = REPO / "bench" / "work" / f"serve-{args.n}"
        if not (args.site / "config.yaml").is_file():
            made = subprocess.run([sys.executable, str(REPO / "bench" / "corpus.py"), "--n", str(args.n), "--out", str(args.site)])
            if made.returncode != 0:
                return made.returncode

    with tempfile.TemporaryDirectory(prefix="serve-latency-") as temp:
        root = copy_project(args.site.resolve(), Path(temp) / "site")
        config, _ = load_config(root / "config.yaml")
        options = ServeOptions(port=0, search=False, ingest=False)
        if args.debounce is not None:
            options = ServeOptions(port=0, search=False, ingest=False, debounce=args.debounce)
        started = time.perf_counter()
        site = LiveSite(root / "config.yaml", config, options, io.StringIO(), io.StringIO())
        site.start()
        print(f"first build of {site.rebuilder.records[0].result.articles} articles: {time.perf_counter() - started:.1f} s")
        records: list[RebuildRecord] = []
        site.rebuilder.on_rebuild = records.append
        wait_until(lambda: len(site.rebuilder.records) >= 2)  # the catch-up build after start

        articles = sorted((p.article for p in site.rebuilder.build_state.files.values() if p.article), key=lambda a: a.path)
        article = articles[len(articles) // 2]
        source = root / article.path
        output = site.server.site_dir / article.url / "index.html"
        original = source.read_text(encoding="utf-8")

        page = None
        if args.browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page()
            page.goto(site.url + article.url)

        to_files, to_browser, notice, debounce, builds = [], [], [], [], []
        stages: dict[str, list[float]] = {}
        try:
            for n in range(args.edits):
                marker = f"latency-marker-{n}"
                records.clear()
                saved = time.monotonic()
                source.write_text(edited(original, marker, args.edit), encoding="utf-8")
                written = wait_until(lambda m=marker: output.is_file() and m.encode() in output.read_bytes())
                to_files.append(written - saved)
                if page is not None:
                    page.wait_for_function("m => document.body.innerText.includes(m)", arg=marker, timeout=30000)
                    to_browser.append(time.monotonic() - saved)
                wait_until(lambda: records)
                record = records[0]
                notice.append(record.first_change - saved)
                debounce.append(record.started - record.first_change)
                builds.append(record.finished - record.started)
                for stage, seconds in record.timings:
                    stages.setdefault(stage, []).append(seconds)
                time.sleep(0.15)  # let the watcher go quiet so edits do not batch together
        finally:
            source.write_text(original, encoding="utf-8")
            if page is not None:
                browser.close()
                playwright.stop()
            site.stop()

    print(f"{args.edits} {args.edit} edits of {article.path} ({len(articles)} articles), debounce {options.debounce * 1000:.0f} ms")
    print(describe("save → rebuilt file", to_files))
    if to_browser:
        print(describe("save → browser shows it", to_browser))
    print(describe("  save → watcher event", notice))
    print(describe("  debounce (quiet wait)", debounce))
    print(describe("  build()", builds))
    for stage, values in stages.items():
        print(describe(f"    {stage}", values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
