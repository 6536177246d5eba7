"""Measure the saved-page reader (dateline/ingest/html.py) on the ScrapingHub article extraction benchmark.

Usage: python bench/html_extraction.py [--data PATH] [--variant NAME] [--show-worst N]

Not a unit test: it needs the benchmark's pages (github.com/scrapinghub/article-extraction-benchmark,
MIT: `html/*.html.gz` and `ground-truth.json`, 181 real article pages with hand-checked bodies),
kept outside the repository; by default in ../bench-data/article-extraction-benchmark (beside the
title suites of bench/html_titles.py; ../shared is not the place for data this project fetched).

Scores follow the benchmark's own evaluate.py: each page's text is cut into `\\w+` tokens, compared as
bags of 4-token shingles (tp, fp, fn normalised per page so long pages weigh no more), precision and
recall are averaged over pages and F1 is taken from the two averages; "accuracy" is the share of pages
whose tokens match exactly. The same with single tokens (a plain bag of words) is printed beside it.
Pages are split by sorted id: even indices (where anything was tuned) and odd indices (held out).
The ground truth has no headline field, so title accuracy is reported only if one appears.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dateline.ingest.entries import SeedEntry
from dateline.ingest.html import read_html

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "bench-data" / "article-extraction-benchmark"
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int) -> Counter:
    """The benchmark's bag of n-token shingles (one short shingle when the text has fewer than n tokens)."""
    words = tokens(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n])


def tp_fp_fn(true: str, pred: str, n: int) -> tuple[float, float, float]:
    """Per-page counts, normalised to sum to 1 as evaluate.py does."""
    expected, got = shingles(true, n), shingles(pred, n)
    tp = fp = fn = 0.0
    for key in expected.keys() | got.keys():
        tp += min(expected[key], got[key])
        fp += max(0, got[key] - expected[key])
        fn += max(0, expected[key] - got[key])
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(pairs: list[tuple[str, str]], n: int) -> dict[str, float]:
    counts = [tp_fp_fn(true, pred, n) for true, pred in pairs]
    precision = statistics.mean(precision_score(*c) for c in counts if c[0] + c[1] > 0)
    recall = statistics.mean(recall_score(*c) for c in counts if c[0] + c[2] > 0)
    return {
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "precision": precision,
        "recall": recall,
        "accuracy": statistics.mean(float(tokens(true) == tokens(pred)) for true, pred in pairs),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding html/*.html.gz and ground-truth.json")
    parser.add_argument("--show-worst", type=int, default=0, help="list the N pages with the lowest F1 on the tuned half")
    args = parser.parse_args()

    truth_path = args.data / "ground-truth.json"
    if not truth_path.is_file() or not (args.data / "html").is_dir():
        print(f"skipped: no benchmark at {args.data} (want html/*.html.gz and ground-truth.json; see the docstring)")
        return 0
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    ids = sorted(truth)

    predictions: dict[str, SeedEntry | None] = {}
    reasons: dict[str, str] = {}
    elapsed: list[float] = []
    for page_id in ids:
        data = gzip.decompress((args.data / "html" / f"{page_id}.html.gz").read_bytes())
        start = time.perf_counter()
        (result,) = read_html(data)
        elapsed.append(time.perf_counter() - start)
        predictions[page_id] = result if isinstance(result, SeedEntry) else None
        if not isinstance(result, SeedEntry):
            reasons[page_id] = result.reason

    halves = {"tuned (even)": ids[0::2], "held out (odd)": ids[1::2], "all": ids}
    print(f"{len(ids)} pages; {len(reasons)} skipped" + "".join(f"\n  skipped {k}: {v}" for k, v in reasons.items()))
    print(f"{'':<16} {'pages':>5}  {'F1':>6} {'prec':>6} {'recall':>6} {'exact':>6}   {'F1 1-tok':>8} {'prec':>6} {'recall':>6}  title")
    for name, half in halves.items():
        pairs = [(truth[i].get("articleBody", ""), "\n".join(p.paragraphs) if (p := predictions[i]) else "") for i in half]
        four, one = scores(pairs, 4), scores(pairs, 1)
        with_headline = [i for i in half if truth[i].get("headline")]
        if with_headline:
            hits = sum(1 for i in with_headline if predictions[i] and predictions[i].title == truth[i]["headline"].strip())
            title = f"{hits / len(with_headline):.3f} ({hits}/{len(with_headline)})"
        else:
            title = "n/a (ground truth has no headline)"
        print(
            f"{name:<16} {len(half):>5}  {four['f1']:.3f}  {four['precision']:.3f}  {four['recall']:.3f}  {four['accuracy']:.3f}"
            f"   {one['f1']:.3f}    {one['precision']:.3f}  {one['recall']:.3f}   {title}"
        )
    print(
        f"time per page: mean {1000 * statistics.mean(elapsed):.1f} ms, median {1000 * statistics.median(elapsed):.1f} ms, "
        f"max {1000 * max(elapsed):.1f} ms (read_html end to end, after gunzip)"
    )

    if args.show_worst:
        rows = []
        for page_id in halves["tuned (even)"]:
            pred = "\n".join(p.paragraphs) if (p := predictions[page_id]) else ""
            counts = tp_fp_fn(truth[page_id].get("articleBody", ""), pred, 4)
            rows.append((precision_score(*counts), recall_score(*counts), page_id, truth[page_id].get("url", "")))
        for precision, recall, page_id, url in sorted(rows, key=lambda r: r[0] + r[1])[: args.show_worst]:
            print(f"  p={precision:.2f} r={recall:.2f} {page_id[:12]} {url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
