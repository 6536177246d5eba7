"""Check that Dateline's pruned Markdown converters give exactly stock Python-Markdown's output, and time both.

    python bench/markup_equivalence.py [--shared ../shared] [--limit N]

Renders every corpus text (and each again as ingest-escaped text) both ways and
reports any difference; exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dateline.markup import PRUNABLE, MarkdownRenderer, escape_markdown, make_converter_unpruned


def corpus_texts(shared: Path, limit: int | None) -> list[str]:
    """Every BBC and Reuters text, decoded leniently."""
    files = sorted((shared / "corpus" / "bbc").rglob("*.txt")) + sorted((shared / "corpus" / "reuters21578" / "seeds").glob("*.txt"))
    return [f.read_bytes().decode("utf-8", errors="replace") for f in files[:limit]]


def main() -> int:
    """Compare both renderings over the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not (args.shared / "corpus").is_dir():
        print(f"no corpus at {args.shared / 'corpus'}; nothing to compare", file=sys.stderr)
        return 0
    texts = corpus_texts(args.shared, args.limit)
    texts += [escape_markdown(t) for t in texts]
    pruned, full, full_shifted = MarkdownRenderer(), make_converter_unpruned(1), make_converter_unpruned(2)
    different = 0
    timings = {"pruned": 0.0, "full": 0.0}
    for text in texts:
        start = time.perf_counter()
        ours = pruned.render(text)
        timings["pruned"] += time.perf_counter() - start
        start = time.perf_counter()
        full.reset()
        reference = full.convert(text)
        if "<h1" in reference:
            full_shifted.reset()
            reference = full_shifted.convert(text)
        timings["full"] += time.perf_counter() - start
        if ours != reference:
            different += 1
            print(f"differs: {text[:70]!r}")
    print(f"{len(texts)} texts, {different} different; {len(PRUNABLE)} prunable patterns and extensions")
    print(f"pruned {timings['pruned'] / len(texts) * 1000:.3f} ms/text, full {timings['full'] / len(texts) * 1000:.3f} ms/text")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
