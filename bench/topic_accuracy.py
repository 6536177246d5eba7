"""Topic filing accuracy: the model before issue 13, a TF-IDF + logistic regression baseline, and ingest's model.

Usage: python bench/topic_accuracy.py [--agnews DIR] [--short CSV ...] [--shared PATH] [--splits N] [--old-ref REF] [--speed]

Each setting runs over several random splits (fixed seeds), reported as mean and min of
accuracy counting abstentions as misses, precision (right among the filed) and coverage:

- short items: AG News (4 classes, a headline and a one- or two-sentence description). 100 of
  each class filed in content/, 100 of each ingested (400 seeds). `tuned` splits come from the
  training file (the only ones the model and threshold were tuned on), `held-out` splits from
  the test file. The data is not in the repository: pass `--agnews DIR` holding `train.csv` and
  `test.csv`, rows `class,title,description` (class 1-4, the original CSVs) or `text,label`
  (label 0-3, the Hugging Face export); without it the setting is skipped.
- long wire stories: Reuters-21578 in ../shared/corpus, the 6 most frequent codes among stories
  with exactly one topic (acq, earn, crude, trade, ship, interest), 26 stories of each: 13 filed,
  13 ingested (78 seeds). Both split sets draw from the same ~630 stories (there are too few
  for disjoint ones), with different seeds.
- long stories, second check: BBC News in ../shared/corpus (5 categories), 15 of each filed and
  15 ingested (75 seeds); never tuned on.
- seeds in uneven shares: the held-out AG News, Reuters and BBC splits again, each topic keeping only
  the first 100/60/30/10 (13/13/7/7/3/3, 15/15/8/4/2) of its seeds, topics shuffled per split. A
  day's seeds seldom come in the proportions of the filed pages.
- short items from other sources (`--short FILE.csv`, header `topic,text`, repeatable; kept outside
  the repository): up to 100 filed and 100 seeds a topic; never tuned on.

The new model's numbers come from the real ingest path: a temporary project with the filed
pages in content/ and the seeds in seeds/, `ingest_seeds(config)` with the default threshold,
and the topics read back from the written front matter. The old model (loaded from git at
`--old-ref`) and the baseline are scored in memory on the same texts: the filed pages' title and
body, and each seed's text as ingest extracts it. The baseline needs scikit-learn, which
Dateline does not depend on: it is skipped (with a note) when scikit-learn is not installed.
`--speed` adds the ingest time per seed with 10,000 pages in content/.
"""

from __future__ import annotations

import argparse
import csv
import html
import importlib.util
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_accuracy import REFERENCE, UTC, make_project, read_seed, write_content_page

from dateline.config import IngestConfig, Topic, parse_config
from dateline.content import split_front_matter
from dateline.ingest import extract_article, ingest_seeds

AG_CLASSES = ("World", "Sports", "Business", "Sci-Tech")
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Item:
    """One labelled text: its topic, and its words as a filed page or a seed."""

    topic: str
    name: str
    text: str


@dataclass(frozen=True)
class Split:
    """Texts filed under their topics in content/, and seeds to ingest."""

    filed: tuple[Item, ...]
    seeds: tuple[Item, ...]


@dataclass(frozen=True)
class Score:
    """Right (counting abstentions as misses), precision and coverage of one split."""

    right: float
    precision: float
    coverage: float


def score(predicted: list[str | None], seeds: tuple[Item, ...]) -> Score:
    """Score predicted topics (None: abstained) against the seeds' topics."""
    filed = [(p, s.topic) for p, s in zip(predicted, seeds, strict=True) if p is not None]
    right = sum(1 for p, t in filed if p == t)
    return Score(right / len(seeds), right / len(filed) if filed else 0.0, len(filed) / len(seeds))


# --- data -------------------------------------------------------------------------------------


def _clean_ag(text: str) -> str:
    # The CSVs escape newlines as backslashes and keep HTML entities, some without their `&`.
    text = text.replace("\\", " ")
    text = re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), text)
    return " ".join(html.unescape(text.replace("quot;", '"')).split())


def load_ag(path: Path) -> list[Item]:
    """AG News rows as items (headline and description joined, as the Hugging Face export has them)."""
    items = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle)):
            if len(row) == 3 and row[0].strip().isdigit():
                topic, text = AG_CLASSES[int(row[0]) - 1], f"{row[1]} {row[2]}"
            elif len(row) >= 2 and row[-1].strip().isdigit():
                topic, text = AG_CLASSES[int(row[-1])], ",".join(row[:-1])
            else:
                continue
            items.append(Item(topic, f"{path.stem}-{number:06d}", _clean_ag(text)))
    return items


def ag_splits(pool: list[Item], seeds: range, per_topic: int = 100) -> list[Split]:
    """Stratified splits: `per_topic` filed and `per_topic` seeds of each class."""
    splits = []
    for seed in seeds:
        rng = random.Random(seed)
        filed, new = [], []
        for topic in AG_CLASSES:
            picked = rng.sample([item for item in pool if item.topic == topic], 2 * per_topic)
            filed += picked[:per_topic]
            new += picked[per_topic:]
        splits.append(Split(tuple(filed), tuple(new)))
    return splits


def load_labelled_csv(path: Path) -> dict[str, list[Item]]:
    """Short items of another source by topic, from a CSV with a header `topic,text`."""
    pool: dict[str, list[Item]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            pool.setdefault(row["topic"], []).append(Item(row["topic"], f"{path.stem}-{number:06d}", row["text"]))
    return pool


def reuters_pool(folder: Path, codes: int = 6) -> dict[str, list[Item]]:
    """Reuters stories with exactly one topic, for the `codes` most frequent topics."""
    truth = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    single = {name: want["topics"][0] for name, want in sorted(truth.items()) if len(want["topics"]) == 1}
    counts = Counter(single.values())
    top = sorted(counts, key=lambda code: (-counts[code], code))[:codes]
    return {code: [Item(code, name, read_seed(folder / "seeds" / name)) for name, c in single.items() if c == code] for code in top}


def bbc_pool(folder: Path) -> dict[str, list[Item]]:
    """BBC stories by category."""
    return {
        category.name: [Item(category.name, f"{category.name}-{p.name}", read_seed(p)) for p in sorted(category.glob("*.txt"))]
        for category in sorted(p for p in folder.iterdir() if p.is_dir())
    }


def even_splits(pool: dict[str, list[Item]], seeds: range | list[int], per_topic: int) -> list[Split]:
    """Splits of `per_topic` stories of each topic, half filed and half ingested."""
    splits = []
    for seed in seeds:
        rng = random.Random(seed)
        filed, new = [], []
        for topic in sorted(pool):
            picked = rng.sample(pool[topic], per_topic)
            filed += picked[: per_topic // 2]
            new += picked[per_topic // 2 :]
        splits.append(Split(tuple(filed), tuple(new)))
    return splits


def uneven_seeds(splits: list[Split], shares: tuple[int, ...]) -> list[Split]:
    """The same splits with seeds in uneven shares: the topics (shuffled per split) keep the first 13, 13, 7, ... of
    their seeds. A day's seeds seldom come in the proportions of the filed pages, which EM's rebalancing assumes."""
    out = []
    for number, split in enumerate(splits):
        topics = sorted({item.topic for item in split.seeds})
        random.Random(number).shuffle(topics)
        keep = dict(zip(topics, shares, strict=False))
        taken: Counter[str] = Counter()
        seeds = []
        for item in split.seeds:
            taken[item.topic] += 1
            if taken[item.topic] <= keep.get(item.topic, 0):
                seeds.append(item)
        out.append(Split(split.filed, tuple(seeds)))
    return out


# --- models -----------------------------------------------------------------------------------


def page_parts(item: Item) -> tuple[str, str]:
    """A filed page's title and body: the headline line, or (a one-paragraph item) its first eight words."""
    head, _, rest = item.text.strip().partition("\n")
    if rest.strip():
        return head.strip(), rest.strip()
    words = item.text.split()
    return " ".join(words[:8]), " ".join(words[8:]) or "."


def seed_text(item: Item) -> str:
    """What ingest's topic model reads of a seed: the extracted title and paragraphs."""
    return extract_article(item.text, REFERENCE, UTC).plain_text


Predictor = Callable[[Split, list[str]], list[str | None]]


def load_old_model(ref: str) -> type | None:
    """The TopicModel class as it was at git `ref` (None if git or the ref is unavailable)."""
    try:
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{ref}:dateline/ingest/topics.py"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("dateline.ingest._topics_before", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "dateline.ingest"  # its relative imports (config, text) resolve against this checkout
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    exec(compile(source, f"{ref}:dateline/ingest/topics.py", "exec"), module.__dict__)
    return module.TopicModel


def old_predictor(model_class: type) -> Predictor:
    """The model before issue 13, with its own default threshold (0.5) and the declared topic names."""

    def predict(split: Split, seed_texts: list[str]) -> list[str | None]:
        model = model_class([Topic(t, t.lower()) for t in sorted({i.topic for i in split.filed})])
        for item in split.filed:
            title, body = page_parts(item)
            model.learn(f"{title}\n{body}", [item.topic])
        return [(g.topics[0] if g.topics else None) for g in (model.classify(t, 0.5) for t in seed_texts)]

    return predict


def baseline_predictor() -> Predictor | None:
    """TF-IDF (word 1-2-grams, sublinear tf, l2) + logistic regression at full coverage; None without scikit-learn."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        return None

    def predict(split: Split, seed_texts: list[str]) -> list[str | None]:
        vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2))
        filed = vectorizer.fit_transform(["\n".join(page_parts(item)) for item in split.filed])
        classifier = LogisticRegression(C=10, max_iter=2000).fit(filed, [item.topic for item in split.filed])
        return list(classifier.predict(vectorizer.transform(seed_texts)))

    return predict


def ingest_run(split: Split) -> tuple[list[str | None], float]:
    """File `split` through the real ingest in a temporary project; the first topic written for each seed, and the seconds taken."""
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        make_project(root, sorted({item.topic for item in split.filed}))
        for number, item in enumerate(split.filed):
            title, body = page_parts(item)
            write_content_page(root / "content" / "filed" / f"{number:05d}.md", title, [item.topic], body)
        names = []
        for number, item in enumerate(split.seeds):
            names.append(f"{number:05d}.txt")
            (root / "seeds" / names[-1]).write_text(item.text + "\n", encoding="utf-8")
        config, _ = parse_config((root / "config.yaml").read_text(encoding="utf-8"), root)
        started = time.perf_counter()
        report = ingest_seeds(config)
        elapsed = time.perf_counter() - started
        by_seed = {}
        for result in report.results:
            front = split_front_matter((root / result.page).read_text(encoding="utf-8"), result.page).data if result.page else {}
            by_seed[Path(result.seed).name] = (front.get("topics") or [None])[0]
        return [by_seed.get(name) for name in names], elapsed


# --- report -----------------------------------------------------------------------------------


def summarise(scores: list[Score]) -> str:
    """`right mean / min · precision · coverage` of several splits."""
    if not scores:
        return "n/a"
    right = [s.right for s in scores]
    precision = statistics.mean(s.precision for s in scores)
    coverage = statistics.mean(s.coverage for s in scores)
    return f"{100 * statistics.mean(right):5.1f} / {100 * min(right):5.1f}  ({100 * precision:5.1f} at {100 * coverage:5.1f})"


def run_setting(label: str, splits: list[Split], predictors: dict[str, Predictor | None], rows: list[str]) -> None:
    """Score every model on `splits` and add a table row per model."""
    scores: dict[str, list[Score]] = {name: [] for name in (*predictors, "new")}
    seconds = 0.0
    for split in splits:
        seed_texts = [seed_text(item) for item in split.seeds]
        for name, predict in predictors.items():
            if predict is not None:
                scores[name].append(score(predict(split, seed_texts), split.seeds))
        predicted, elapsed = ingest_run(split)
        seconds += elapsed
        scores["new"].append(score(predicted, split.seeds))
    seeds = len(splits[0].seeds)
    for name, got in scores.items():
        shown = summarise(got) if got else "n/a (scikit-learn not installed)" if name == "baseline" else "n/a"
        rows.append(f"| {label} | {name} | {shown} |")
        print(rows[-1], flush=True)
    print(f"    ({len(splits)} splits of {seeds} seeds; ingest {1000 * seconds / (seeds * len(splits)):.1f} ms a seed)", file=sys.stderr)


def speed(pool: list[Item], pages: int = 10000, seeds: int = 400) -> str:
    """Ingest `seeds` new seeds with `pages` filed pages in content/; the time per seed and for one seed alone."""
    rng = random.Random(7)
    lines = []
    for count in (seeds, 1):
        with tempfile.TemporaryDirectory() as temp:
            root = Path(temp)
            topics = sorted({item.topic for item in pool})
            make_project(root, topics)
            for number in range(pages):
                item = pool[number % len(pool)]
                title, body = page_parts(item)
                write_content_page(root / "content" / f"{2000 + number % 20}" / f"p{number:05d}.md", title, [item.topic], body)
            for number, item in enumerate(rng.sample(pool, count)):
                (root / "seeds" / f"s{number:04d}.txt").write_text(item.text + "\n", encoding="utf-8")
            config, _ = parse_config((root / "config.yaml").read_text(encoding="utf-8"), root)
            started = time.perf_counter()
            report = ingest_seeds(config)
            elapsed = time.perf_counter() - started
            lines.append(f"{count} seeds with {pages} pages: {elapsed:.2f} s, {1000 * elapsed / len(report.results):.1f} ms a seed")
    return "; ".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table; exit 0 with a note for every data set that is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agnews", type=Path, help="folder with AG News train.csv and test.csv (kept outside the repository)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder with corpus/ (default ../shared)")
    parser.add_argument("--splits", type=int, default=5, help="random splits per setting (default 5)")
    parser.add_argument("--old-ref", default="6bec855", help="git commit whose topic model is 'old' (default: before issue 13)")
    parser.add_argument("--speed", action="store_true", help="also time ingest with 10,000 pages in content/")
    parser.add_argument("--only", choices=("ag", "reuters", "bbc", "short"), action="append", help="run only these settings")
    parser.add_argument(
        "--short", type=Path, action="append", help="a CSV (`topic,text`) of short items from another source, never tuned on (repeatable)"
    )
    args = parser.parse_args(argv)
    old = load_old_model(args.old_ref)
    predictors: dict[str, Predictor | None] = {"old": old_predictor(old) if old else None, "baseline": baseline_predictor()}
    if old is None:
        print(f"topic_accuracy: no old model (git show {args.old_ref} failed)", file=sys.stderr)
    print(
        f"default threshold {IngestConfig.topic_threshold}; cells: right counting abstentions, mean / min over splits (precision at coverage)"
    )
    rows = ["| setting | model | right % mean / min (precision % at coverage %) |", "|---|---|---|"]
    tuned, held_out = range(args.splits), range(100, 100 + args.splits)
    only = set(args.only or ("ag", "reuters", "bbc", "short"))
    train_pool: list[Item] = []
    if "ag" in only:
        files = [args.agnews / "train.csv", args.agnews / "test.csv"] if args.agnews else []
        if files and all(f.is_file() for f in files):
            train_pool, test_pool = load_ag(files[0]), load_ag(files[1])
            in_test = {item.text for item in test_pool}
            # The training file repeats a few test items; tuning splits must not see them.
            train_pool = [item for item in train_pool if item.text not in in_test]
            run_setting("AG News, tuned (train file)", ag_splits(train_pool, tuned), predictors, rows)
            held_out_ag = ag_splits(test_pool, tuned)
            run_setting("AG News, held out (test file)", held_out_ag, predictors, rows)
            run_setting("AG News, held out, seeds 100/60/30/10", uneven_seeds(held_out_ag, (100, 60, 30, 10)), predictors, rows)
        else:
            print("AG News: skipped (pass --agnews DIR with train.csv and test.csv)")
    corpus = args.shared / "corpus"
    if "reuters" in only:
        if (corpus / "reuters21578" / "expected.json").is_file():
            pool = reuters_pool(corpus / "reuters21578")
            print(f"Reuters topics: {', '.join(f'{code} ({len(items)})' for code, items in pool.items())}")
            run_setting("Reuters, tuned", even_splits(pool, tuned, 26), predictors, rows)
            run_setting("Reuters, other splits", even_splits(pool, held_out, 26), predictors, rows)
            uneven = uneven_seeds(even_splits(pool, held_out, 26), (13, 13, 7, 7, 3, 3))
            run_setting("Reuters, other splits, seeds 13/13/7/7/3/3", uneven, predictors, rows)
        else:
            print(f"Reuters: skipped (no {corpus / 'reuters21578'})")
    if "bbc" in only:
        if (corpus / "bbc").is_dir():
            bbc_splits = even_splits(bbc_pool(corpus / "bbc"), held_out, 30)
            run_setting("BBC, never tuned on", bbc_splits, predictors, rows)
            run_setting("BBC, seeds 15/15/8/4/2", uneven_seeds(bbc_splits, (15, 15, 8, 4, 2)), predictors, rows)
        else:
            print(f"BBC: skipped (no {corpus / 'bbc'})")
    for path in args.short or () if "short" in only else ():
        # Never tuned on: up to 100 filed and 100 seeds a topic, fewer where a topic has fewer than 200 items.
        pool = load_labelled_csv(path)
        per_topic = min(200, *(len(items) for items in pool.values())) // 2 * 2
        sizes = ", ".join(f"{topic} {len(items)}" for topic, items in sorted(pool.items()))
        print(f"{path.name}: {sizes}")
        run_setting(f"{path.stem}, never tuned on", even_splits(pool, held_out, per_topic), predictors, rows)
    print("\n".join(rows))
    if args.speed:
        if train_pool:
            print("speed:", speed(train_pool))
        else:
            print("speed: needs --agnews")
    return 0


if __name__ == "__main__":
    sys.exit(main())
