"""Measure the ingest against real corpora in ../shared (BBC News, Reuters-21578).

Usage: python bench/ingest_accuracy.py [--shared PATH] [--skip-topics] [--skip-speed]

Not a unit test: it needs the shared corpora, which the project must not copy. It prints
title/dateline/date exact-match rates, topic accuracy (half of each corpus filed in content/,
the other half ingested as seeds in a temporary project) and the "nothing to do" time with
10,000 content pages.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dateline.config import parse_config
from dateline.content import split_front_matter
from dateline.ingest import extract_article, ingest_seeds
from dateline.ingest.agencies import canonical_source
from dateline.ingest.dateline import parse_dateline
from dateline.ingest.text import decode_seed

REFERENCE = date(2024, 1, 15)
UTC = ZoneInfo("UTC")


def rate(hits: int, total: int) -> str:
    """Format a hit rate as `93.4% (1234/1321)`."""
    return f"{100 * hits / total:5.1f}% ({hits}/{total})" if total else "n/a"


def read_seed(path: Path) -> str:
    """Decode a corpus file the way ingest does."""
    decoded = decode_seed(path.read_bytes())
    return decoded.text or ""


def make_project(root: Path, topics: list[str]) -> None:
    """Write a config.yaml declaring `topics` into an empty project folder."""
    (root / "content").mkdir(parents=True)
    (root / "seeds").mkdir()
    config = {"title": "Bench", "topics": [{"name": name} for name in topics], "ingest": {"default_date": REFERENCE}}
    (root / "config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def write_content_page(path: Path, title: str, topics: list[str], body: str) -> None:
    """File an article by hand, as an editor would."""
    front = yaml.safe_dump({"title": title, "date": REFERENCE, "topics": topics}, sort_keys=False, allow_unicode=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n\n{body}\n", encoding="utf-8")


def ingest_and_score(root: Path, expected: dict[str, set[str]]) -> tuple[int, int, int, float]:
    """Ingest the project's seeds; return (correct, no-topic, total, seconds)."""
    config, _ = parse_config((root / "config.yaml").read_text(encoding="utf-8"), root)
    started = time.perf_counter()
    report = ingest_seeds(config)
    elapsed = time.perf_counter() - started
    correct = none = 0
    for result in report.results:
        if result.page is None:
            continue
        front = split_front_matter((root / result.page).read_text(encoding="utf-8"), result.page)
        predicted = front.data.get("topics") or []
        if not predicted:
            none += 1
        elif predicted[0] in expected[Path(result.seed).name]:
            correct += 1
    return correct, none, len(report.results), elapsed


def bench_bbc(folder: Path, topics: bool) -> None:
    """BBC: headline exact matches over every file, and topic accuracy on an even/odd split."""
    files = sorted(folder.glob("*/*.txt"))
    hits, raw_hits, misses = 0, 0, []
    for path in files:
        text = read_seed(path)
        article = extract_article(text, REFERENCE, UTC)
        first_line = text.lstrip("\ufeff").split("\n", 1)[0].strip()
        raw_hits += article.title == first_line
        # Ingest collapses runs of spaces by design, so the expected headline is compared the same way.
        expected = " ".join(first_line.split())
        if article.title == expected:
            hits += 1
        else:
            misses.append((path, expected, article.title))
    print(f"BBC titles exact:            {rate(hits, len(files))}  (byte-exact first line: {rate(raw_hits, len(files))})")
    for path, expected, got in misses[:5]:
        print(f"    {path.parent.name}/{path.name}: expected {expected!r}, got {got!r}")
    if not topics:
        return
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_project(root, sorted({p.parent.name for p in files}))
        expected_topics: dict[str, set[str]] = {}
        for category in sorted({p.parent.name for p in files}):
            in_category = sorted(p for p in files if p.parent.name == category)
            for number, path in enumerate(in_category):
                text = read_seed(path)
                if number % 2 == 0:
                    title, _, body = text.partition("\n")
                    write_content_page(root / "content" / category / f"{path.stem}.md", title.strip(), [category], body.strip())
                else:
                    name = f"{category}-{path.name}"
                    (root / "seeds" / name).write_bytes(path.read_bytes())
                    expected_topics[name] = {category}
        correct, none, total, elapsed = ingest_and_score(root, expected_topics)
        print(f"BBC topics (half filed):     {rate(correct, total)}  no topic: {none}  [{elapsed:.1f} s for {total} seeds]")


def bench_reuters(folder: Path, topics: bool) -> None:
    """Reuters: title, location, source, month/day exact matches; topic accuracy on stories with topics."""
    truth = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    names = sorted(truth)
    counts = dict.fromkeys(("title", "location", "source", "date"), 0)
    misses: dict[str, list[str]] = {key: [] for key in counts}
    for name in names:
        article = extract_article(read_seed(folder / "seeds" / name), REFERENCE, UTC)
        want = truth[name]
        got = {
            "title": (article.original_title or article.title) == want["title"],
            "location": article.location == want["location"],
            "source": article.source == want["source"],
            "date": (article.date.month, article.date.day) == (want["month"], want["day"]),
        }
        for key, ok in got.items():
            counts[key] += ok
            if not ok:
                misses[key].append(
                    f"{name}: {getattr(article, key if key != 'date' else 'date')!r} vs {want.get(key, (want['month'], want['day']))!r}"
                )
    for key, hits in counts.items():
        print(f"Reuters {key + ':':<21}{rate(hits, len(names))}")
        for line in misses[key][:3]:
            print(f"    {line}")
    if not topics:
        return
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_project(root, [])
        expected_topics: dict[str, set[str]] = {}
        for number, name in enumerate(names):
            want = truth[name]["topics"]
            if not want:
                continue
            if number % 2 == 0:
                text = read_seed(folder / "seeds" / name)
                title, _, body = text.partition("\n")
                write_content_page(root / "content" / "1987" / f"{Path(name).stem}.md", title.strip(), want, body.strip())
            else:
                (root / "seeds" / name).write_bytes((folder / "seeds" / name).read_bytes())
                expected_topics[name] = set(want)
        correct, none, total, elapsed = ingest_and_score(root, expected_topics)
        print(f"Reuters topics (top-1 in expected, stories with topics): {rate(correct, total)}  no topic: {none}  [{elapsed:.1f} s]")


def bench_nothing_to_do(pages: int = 10000, seeds: int = 50) -> None:
    """Time `ingest_seeds` when every seed already has a page, among `pages` content files."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_project(root, ["World"])
        config, _ = parse_config((root / "config.yaml").read_text(encoding="utf-8"), root)
        for number in range(seeds):
            (root / "seeds" / f"seed-{number:03d}.txt").write_text(
                f"Headline number {number}\n\nLONDON (Reuters) - Story {number} happened today.\n"
            )
        first = ingest_seeds(config)
        assert all(r.status == "written" for r in first.results), first.summary()
        body = "A paragraph of filler text for the benchmark. " * 40
        for number in range(pages - seeds):
            write_content_page(root / "content" / f"{2000 + number % 20}" / f"page-{number:05d}.md", f"Page {number}", ["World"], body)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            report = ingest_seeds(config)
            timings.append(time.perf_counter() - started)
        assert all(r.status == "skipped" for r in report.results), report.summary()
        print(f"Nothing to do ({pages} pages, {seeds} seeds): best {min(timings) * 1000:.0f} ms, {report.summary()}")


def bench_ingest_speed(folder: Path, pages: int = 10000) -> None:
    """Time ingesting every Reuters seed into a project that already has `pages` content pages; then the nothing-new run."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        topics = ["Business", "World", "Markets"]
        make_project(root, topics)
        config, _ = parse_config((root / "config.yaml").read_text(encoding="utf-8"), root)
        body = "A paragraph of filler text about markets, trade and the world economy for the benchmark. " * 30
        for number in range(pages):
            write_content_page(
                root / "content" / f"{2000 + number % 20}" / f"page-{number:05d}.md", f"Page {number}", [topics[number % 3]], body
            )
        # The archive was filed long ago: its pages are on disk, not waiting in the page cache for ingest's first
        # fsync to flush 27 MB of them (which cost that run ~1.5 s here). The seeds are new, as a user's would be.
        os.sync()
        seeds = sorted((folder / "seeds").glob("*.txt"))
        for seed in seeds:
            (root / "seeds" / seed.name).write_bytes(seed.read_bytes())
        started = time.perf_counter()
        report = ingest_seeds(config)
        elapsed = time.perf_counter() - started
        print(
            f"Ingest {len(seeds)} Reuters seeds with {pages} pages in content/: {elapsed:.1f} s, {1000 * elapsed / len(seeds):.2f} ms a seed; {report.summary()}"
        )
        started = time.perf_counter()
        report = ingest_seeds(config)
        print(f"  then nothing new ({pages + len(seeds)} pages): {1000 * (time.perf_counter() - started):.0f} ms, {report.summary()}")


WIRE_FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "ingest"
WIRE_FIELDS = ("location", "source", "month/day", "all")


def wire_row_hits(row: dict) -> dict[str, bool]:
    """Which dateline fields of one fixture row the parser reads right."""
    found = parse_dateline(row["text"])
    got = {
        "location": found.location or None,
        "source": found.source or None,
        "month/day": (found.date.month, found.date.day) if found.date else None,
    }
    want = {"location": row["location"], "source": row["source"], "month/day": (row["month"], row["day"]) if row["month"] else None}
    hits = {key: got[key] == want[key] for key in got}
    # A fixture names an agency as its row's text writes it (`NOTIMEX`, `ANTARA News`); the parser by the agency's own name.
    hits["source"] = _same_source(got["source"], want["source"])
    hits["all"] = all(hits.values())
    return hits


def _same_source(got: str | None, want: str | None) -> bool:
    """Equal sources, counting an agency's aliases and case as the same name."""
    if got is None or want is None:
        return got is want
    return canonical_source(got).casefold() == canonical_source(want).casefold()


def bench_wire_openings() -> None:
    """The real-openings fixtures (tests/fixtures/ingest/wire_openings*.yaml): accuracy per split and per dateline style."""
    rows = []
    for path in sorted(WIRE_FIXTURES.glob("wire_openings*.yaml")):
        rows.extend(yaml.safe_load(path.read_text(encoding="utf-8")))
    if not rows:
        print("wire openings fixture absent, skipped")
        return
    scored = [(row, wire_row_hits(row)) for row in rows]
    print(f"\nDatelines of real openings ({len(rows)} rows, {len({r['source'] for r in rows if r['source']})} agencies/outlets named):")
    print(f"| {'split / style':<34} | rows | " + " | ".join(f"{field:>9}" for field in WIRE_FIELDS) + " |")
    print(f"|{'-' * 36}|-----:|" + "|".join("-" * 10 + ":" for _ in WIRE_FIELDS) + "|")

    def line(label: str, group: list[tuple[dict, dict[str, bool]]]) -> None:
        rates = " | ".join(f"{100 * sum(h[f] for _, h in group) / len(group):8.1f}%" for f in WIRE_FIELDS)
        print(f"| {label:<34} | {len(group):>4} | {rates} |")

    for split in sorted({row["split"] for row in rows}):
        line(f"**{split}** (all styles)", [item for item in scored if item[0]["split"] == split])
    for style in sorted({row["style"] for row in rows}, key=lambda s: (-sum(r["style"] == s for r in rows), s)):
        group = [item for item in scored if item[0]["style"] == style]
        if len(group) >= 3:
            line(style, group)
    rare = [item for item in scored if sum(r["style"] == item[0]["style"] for r in rows) < 3]
    if rare:
        line("other styles (< 3 rows each)", rare)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; exit 0 with a message when the corpora are absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--skip-topics", action="store_true", help="only measure extraction")
    parser.add_argument("--skip-speed", action="store_true", help="skip the 10,000-page timing")
    args = parser.parse_args(argv)
    bench_wire_openings()
    corpus = args.shared / "corpus"
    if not corpus.is_dir():
        print(f"ingest_accuracy: skipped, no corpus at {corpus} (pass --shared PATH)")
        return 0
    if (corpus / "bbc").is_dir():
        bench_bbc(corpus / "bbc", not args.skip_topics)
    else:
        print("BBC corpus absent, skipped")
    if (corpus / "reuters21578").is_dir():
        bench_reuters(corpus / "reuters21578", not args.skip_topics)
    else:
        print("Reuters corpus absent, skipped")
    if not args.skip_speed:
        bench_nothing_to_do()
        if (corpus / "reuters21578").is_dir():
            bench_ingest_speed(corpus / "reuters21578")
    return 0


if __name__ == "__main__":
    sys.exit(main())
