"""Story grouping, measured: B-cubed precision/recall/F1 on real headlines, near-duplicates on full text, timing.

Run from the repository root:

    .venv/bin/python bench/story_grouping.py            # the table
    .venv/bin/python bench/story_grouping.py --sweep    # threshold sweep on the tuning data only

Data (each part is skipped with a message when absent):

- `../shared/corpus/stories-dev/`: 993 Google News headlines from 18 stories (tuning data).
- `--uci PATH` (default `/tmp/uci/part.csv`): the UCI News Aggregator CSV (CC BY 4.0,
  https://doi.org/10.24432/C5F61C), or its first 6,367 rows as measured here. Rows with ID >= 1000 are split by
  story id (sorted, alternate) into half A (tuning data) and half B (held out: never tuned on).
  Only the day of TIMESTAMP is used, as midnight UTC, since crawl times give the story away.
- `../bench-data/stories-heldout/headlines.csv`: 12,853 UCI headlines of 103 later days (12 March - 28 August
  2014) from five publishers, rebuilt from two public copies of a course exercise (see DEFAULT_LATER_DAYS);
  held out: measured once blind, never tuned on.
- `../bench-data/stories-blind/headlines.csv`: AllSides Headline Roundups (2021), two or three outlets' headlines of one
  event a day, about eight a day; see ALLSIDES. Halves by story number: A tuned on, B held out.
- `../bench-data/events-multinews/events.jsonl`: 513 full-text reports of 186 events, several outlets' reports of
  each, from the Multi-News test split (Fabbri et al. 2019; research use only, so kept outside the repository) as
  LongBench packaged 200 of them; no headlines, outlets or dates. Events sorted by id, alternate: half A tuned on
  (the lede length and `long_text_power`), half B held out. Each half's reports are spread over one day in a
  shuffled order, each from its own outlet, headline empty.
- `../shared/corpus/reuters21578/` and `../shared/corpus/bbc/`: real stories, from which
  near-duplicate copies are made (re-edited lede, sign-off added, last paragraphs trimmed, new
  headline) and mixed with unrelated stories.

Baselines: TF-IDF cosine single link at a threshold, and TF-IDF cosine average link within one day.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dateline.grouping import GroupingRules, StoryInput, group_stories, near_duplicate_sets, story_features  # noqa: E402

SHARED = REPO.parent / "shared" / "corpus"
STORIES_DEV = SHARED / "stories-dev"
DEFAULT_UCI_CSV = Path("/tmp/uci/part.csv")
# UCI rows of later days, as two public copies of a course exercise kept them (Reuters, Huffington Post, Businessweek,
# Contactmusic.com, Daily Mail only): `kent0304/nlp100` ch06/*.txt and `CrimsonAgave/100knock` ch6/*.txt on GitHub,
# merged, the days of part.csv dropped, written as id,title,source,day,story (see that folder's README.md).
DEFAULT_LATER_DAYS = REPO.parent / "bench-data" / "stories-heldout" / "headlines.csv"
MULTI_NEWS = REPO.parent / "bench-data" / "events-multinews" / "events.jsonl"
# AllSides Headline Roundups (two or three outlets' headlines of one event a day, 2021), from the NeuS repository
# (HLTCHKUST/framing-bias-metric); built by a helper, provenance in that folder's README.md. Only the 1,479 dated rows are
# read. First measured blind (all dated rows, P 0.998 R 0.522 F1 0.686); then halves by story number: A tuned on, B held out.
ALLSIDES = REPO.parent / "bench-data" / "stories-blind" / "headlines.csv"
REUTERS = SHARED / "reuters21578"
BBC = SHARED / "bbc"

Labelled = tuple[list[StoryInput], list[str]]


def midnight(day: date) -> datetime:
    """The start of a day in UTC, the moment of an article known by its day only."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def shuffled(items: list[StoryInput], truth: list[str], seed: int) -> Labelled:
    """Items and labels in one deterministic random order, so grouping cannot lean on file order."""
    pairs = list(zip(items, truth, strict=True))
    random.Random(seed).shuffle(pairs)
    return [item for item, _ in pairs], [label for _, label in pairs]


def load_stories_dev() -> Labelled | None:
    """The stories-dev pages and their Google News story ids."""
    if not (STORIES_DEV / "truth.json").exists():
        return None
    import yaml

    truth = json.loads((STORIES_DEV / "truth.json").read_text())
    items, labels = [], []
    for path in sorted((STORIES_DEV / "content" / "uci").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        key = f"content/uci/{path.name}"
        items.append(StoryInput(key, str(meta["title"]), body.strip(), midnight(meta["date"]), str(meta.get("source") or "")))
        labels.append(truth[key])
    return shuffled(items, labels, 1)


def load_uci_halves(csv_path: Path) -> tuple[Labelled, Labelled] | None:
    """UCI rows with ID >= 1000, split by story id into half A (tuning) and half B (held out)."""
    if not csv_path.exists():
        return None
    rows = []
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not (row["ID"] or "").isdigit() or int(row["ID"]) < 1000 or not row["TIMESTAMP"] or not row["STORY"]:
                continue
            rows.append(row)
    stories = sorted({row["STORY"] for row in rows})
    half_of = {story: number % 2 for number, story in enumerate(stories)}
    halves: list[Labelled] = [([], []), ([], [])]
    for row in rows:
        day = datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, UTC).date()
        item = StoryInput(f"content/uci/{int(row['ID']):06d}.md", row["TITLE"], row["TITLE"], midnight(day), row["PUBLISHER"] or "")
        halves[half_of[row["STORY"]]][0].append(item)
        halves[half_of[row["STORY"]]][1].append(row["STORY"])
    return shuffled(*halves[0], seed=2), shuffled(*halves[1], seed=3)


def load_multi_news_halves(path: Path = MULTI_NEWS) -> tuple[Labelled, Labelled] | None:
    """Multi-News full-text reports as two halves split by event (A tuned on, B held out), each over one day."""
    if not path.exists():
        return None
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    events = sorted({row["event"] for row in rows})
    half_of = {event: number % 2 for number, event in enumerate(events)}
    halves = []
    for half in (0, 1):
        chosen = [row for row in rows if half_of[row["event"]] == half]
        random.Random(5).shuffle(chosen)
        start = datetime(2016, 3, 1, tzinfo=UTC)
        items = [
            StoryInput(
                f"content/mn/{number}.md", "", row["text"], start + timedelta(minutes=number * 1440 // len(chosen)), f"outlet {number}"
            )
            for number, row in enumerate(chosen)
        ]
        halves.append((items, [row["event"] for row in chosen]))
    return halves[0], halves[1]


def load_later_days(csv_path: Path) -> Labelled | None:
    """UCI News Aggregator rows of 103 later days (12 March - 28 August 2014), from a five-publisher slice; never tuned on.

    The file (`id,title,source,day,story`) is built outside the repository; see DEFAULT_LATER_DAYS.
    """
    if not csv_path.exists():
        return None
    items, truth = [], []
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            day = date.fromisoformat(row["day"])
            items.append(StoryInput(f"content/uci-later/{int(row['id']):06d}.md", row["title"], row["title"], midnight(day), row["source"]))
            truth.append(row["story"])
    return shuffled(items, truth, seed=4)


def bcubed(groups: Sequence[Sequence[int]], truth: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a partition against true labels."""
    true_size = Counter(truth)
    precision = recall = 0.0
    for group in groups:
        labels = Counter(truth[index] for index in group)
        for index in group:
            right = labels[truth[index]]
            precision += right / len(group)
            recall += right / true_size[truth[index]]
    count = len(truth)
    precision, recall = precision / count, recall / count
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# ---- baselines -------------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+")


def tfidf_vectors(items: Sequence[StoryInput]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of the headlines, IDF from the items themselves."""
    bags = [Counter(_TOKEN.findall(item.title.lower())) for item in items]
    frequency = Counter(token for bag in bags for token in bag)
    vectors = []
    for bag in bags:
        vector = {token: count * math.log(len(items) / frequency[token]) for token, count in bag.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors.append({token: value / norm for token, value in vector.items()})
    return vectors


def cosine_pairs(items: Sequence[StoryInput]) -> dict[tuple[int, int], float]:
    """Cosine of every pair sharing a token."""
    vectors = tfidf_vectors(items)
    postings = defaultdict(list)
    for index, vector in enumerate(vectors):
        for token in vector:
            postings[token].append(index)
    scores: dict[tuple[int, int], float] = defaultdict(float)
    for token, members in postings.items():
        for position, first in enumerate(members):
            for second in members[position + 1 :]:
                scores[first, second] += vectors[first][token] * vectors[second][token]
    return scores


def single_link(items: Sequence[StoryInput], threshold: float = 0.5) -> list[list[int]]:
    """Baseline: connected components of pairs with TF-IDF cosine at or above the threshold."""
    parent = list(range(len(items)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for (first, second), score in cosine_pairs(items).items():
        if score >= threshold:
            parent[root(first)] = root(second)
    groups = defaultdict(list)
    for index in range(len(items)):
        groups[root(index)].append(index)
    return list(groups.values())


def average_link_same_day(items: Sequence[StoryInput], threshold: float = 0.3) -> list[list[int]]:
    """Baseline: plain average link on TF-IDF cosine, pairs on the same day only, no names, sources or second stage."""
    scores = {pair: value for pair, value in cosine_pairs(items).items() if items[pair[0]].moment.date() == items[pair[1]].moment.date()}
    clusters = {index: [index] for index in range(len(items))}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (first, second), value in scores.items():
        links[first][second] = value
        links[second][first] = value
    heap = [(-value, first, second) for (first, second), value in scores.items() if value >= threshold]
    heapq.heapify(heap)
    next_id = len(items)
    while heap:
        negative, first, second = heapq.heappop(heap)
        if first not in clusters or second not in clusters:
            continue
        if abs(links[first].get(second, 0.0) / (len(clusters[first]) * len(clusters[second])) + negative) > 1e-12:
            continue  # stale: one side has grown since this was pushed
        merged, next_id = next_id, next_id + 1
        clusters[merged] = clusters.pop(first) + clusters.pop(second)
        joined: dict[int, float] = defaultdict(float)
        for old in (first, second):
            for other, value in links.pop(old, {}).items():
                if other not in (first, second):
                    joined[other] += value
                    links[other].pop(old, None)
        links[merged] = dict(joined)
        for other, value in joined.items():
            links[other][merged] = value
            mean = value / (len(clusters[merged]) * len(clusters[other]))
            if mean >= threshold:
                heapq.heappush(heap, (-mean, other, merged))
    return list(clusters.values())


# ---- full-text near-duplicate test ------------------------------------------------------------


def reuters_stories() -> list[tuple[str, str]]:
    """(headline, body) of the Reuters wire stories with a body of some length."""
    stories = []
    for path in sorted((REUTERS / "seeds").glob("reuters-*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        headline, _, body = text.partition("\n\n")
        body = re.sub(r"\s*\b(Reuter|REUTER)\s*$", "", body.strip())
        if len(body.split()) >= 120:
            stories.append((headline.strip().title(), body))
    return stories


def bbc_stories() -> list[tuple[str, str]]:
    """(headline, body) of the BBC stories."""
    stories = []
    for path in sorted(BBC.glob("*/*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        headline, _, body = text.partition("\n")
        stories.append((headline.strip(), body.strip()))
    return stories


def paragraphs_of(body: str) -> list[str]:
    """Paragraphs, whether separated by blank lines (BBC) or by indentation (Reuters)."""
    if "\n\n" in body:
        return [part.strip() for part in body.split("\n\n") if part.strip()]
    parts, current = [], []
    for line in body.splitlines():
        if line.startswith((" ", "\t")) and current:
            parts.append(" ".join(current))
            current = []
        current.append(line.strip())
    parts.append(" ".join(current))
    return [part for part in parts if part]


def make_copy(headline: str, body: str, rng: random.Random) -> tuple[str, str]:
    """A re-edited copy of a wire story: new headline, reworded lede, trimmed end, sign-off."""
    parts = paragraphs_of(body)
    lede = parts[0].split()
    # Re-edit the lede: drop the opening clause words and add an attribution.
    lede = ["Officials", "said", "on", "Monday", "that", *lede[min(6, len(lede) // 3) :]]
    parts = [" ".join(lede), *parts[1:]]
    keep = max(2, len(parts) - rng.randint(0, max(1, len(parts) // 3)))
    parts = parts[:keep]
    if rng.random() < 0.7:
        parts.append(f"Reporting by {rng.choice(['Ann Lee', 'Tom Hart', 'Raj Patel'])}; editing by {rng.choice(['Sue Ng', 'Bob King'])}")
    words = headline.split()
    new_headline = " ".join(["UPDATE 1-", *words[: max(3, len(words) - 2)], "- sources"])
    return new_headline, "\n\n".join(parts)


def similar_opening(headline: str, body: str, other_body: str) -> tuple[str, str]:
    """A different story that starts with the same first sentence (the hard negative)."""
    first = re.split(r"(?<=[.!?])\s", paragraphs_of(body)[0])[0]
    return headline + " analysis", first + "\n\n" + "\n\n".join(paragraphs_of(other_body)[1:])


def full_text_case() -> tuple[list[StoryInput], list[str], set[frozenset[str]]] | None:
    """Originals, their copies and hard negatives, unrelated stories; returns items, story labels, copy sets."""
    if not (REUTERS / "seeds").exists() or not BBC.exists():
        return None
    rng = random.Random(7)
    pool = reuters_stories() + bbc_stories()
    rng.shuffle(pool)
    start = datetime(2024, 5, 1, tzinfo=UTC)
    items, labels = [], []
    copy_sets: set[frozenset[str]] = set()
    originals, fillers, others = pool[:60], pool[60:400], pool[400:460]
    for number, (headline, body) in enumerate(originals):
        moment = start + timedelta(days=number % 10, hours=number % 7)
        keys = [f"content/ft/orig-{number}.md"]
        items.append(StoryInput(keys[0], headline, body, moment, "Reuters"))
        labels.append(f"s{number}")
        for copy in range(rng.randint(1, 3)):
            new_headline, new_body = make_copy(headline, body, rng)
            key = f"content/ft/copy-{number}-{copy}.md"
            keys.append(key)
            items.append(StoryInput(key, new_headline, new_body, moment + timedelta(hours=copy + 1), f"Paper {copy}"))
            labels.append(f"s{number}")
        copy_sets.add(frozenset(keys))
        if number < len(others):
            neg_headline, neg_body = similar_opening(headline, body, others[number][1])
            items.append(StoryInput(f"content/ft/neg-{number}.md", neg_headline, neg_body, moment + timedelta(hours=5), "Other"))
            labels.append(f"n{number}")
    for number, (headline, body) in enumerate(fillers):
        items.append(StoryInput(f"content/ft/fill-{number}.md", headline, body, start + timedelta(days=number % 10), "Filler"))
        labels.append(f"f{number}")
    items, labels = shuffled(items, labels, 11)
    return items, labels, copy_sets


def near_duplicate_scores(items: list[StoryInput], copy_sets: set[frozenset[str]]) -> tuple[float, float]:
    """Pairwise precision and recall of near_duplicate_sets against the copies made."""
    found = {frozenset({items[a].key, items[b].key}) for group in near_duplicate_sets(items) for a in group for b in group if a < b}
    wanted = {frozenset({a, b}) for keys in copy_sets for a in keys for b in keys if a < b}
    right = len(found & wanted)
    return (right / len(found) if found else 1.0), (right / len(wanted) if wanted else 1.0)


# ---- timing ----------------------------------------------------------------------------------


def synthetic(base: Sequence[StoryInput], count: int) -> list[StoryInput]:
    """Count items replicating the headlines with a short text, 2,500 per four days (a busy site's steady rate)."""
    items = []
    for number in range(count):
        item = base[number % len(base)]
        # Constant density: every block of 2,500 lies in its own days, so growth is in time, not in one window.
        shift = timedelta(days=4 * (number // 2500))
        text = f"{item.title}. The report, published by {item.source or 'the agency'}, gave no further details on the matter."
        items.append(StoryInput(f"content/syn/{number}.md", item.title, text, item.moment + shift, item.source))
    return items


def timed(items: list[StoryInput]) -> float:
    """Seconds for features plus group_stories, best of three."""
    best = math.inf
    for _ in range(3):
        began = time.perf_counter()
        group_stories(items, [story_features(item) for item in items])
        best = min(best, time.perf_counter() - began)
    return best


# ---- report ----------------------------------------------------------------------------------


def methods(rules: GroupingRules) -> dict[str, Callable[[list[StoryInput]], Sequence[Sequence[int]]]]:
    """The grouping under test and the baselines, by name."""
    return {
        "dateline": lambda items: group_stories(items, rules=rules),
        "tfidf single-link 0.4": lambda items: single_link(items, 0.4),
        "tfidf avg-link/day 0.2": lambda items: average_link_same_day(items, 0.2),
    }


def load_allsides_halves(csv_path: Path = ALLSIDES) -> tuple[Labelled, Labelled] | None:
    """AllSides' dated roundups, halves by the story's number (even: A, tuned on; odd: B, held out); eight headlines a day."""
    if not csv_path.exists():
        return None
    halves: tuple[tuple[list[StoryInput], list[str]], ...] = (([], []), ([], []))
    with csv_path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["day"]:
                continue
            items, truth = halves[int(row["story"].rsplit("-", 1)[1]) % 2]
            day = midnight(date.fromisoformat(row["day"]))
            items.append(StoryInput(f"content/allsides/{int(row['id']):06d}.md", row["title"], row["title"], day, row["source"]))
            truth.append(row["story"])
    return shuffled(*halves[0], seed=4), shuffled(*halves[1], seed=4)


def datasets(uci_csv: Path, later_days: Path = DEFAULT_LATER_DAYS) -> list[tuple[str, Labelled]]:
    """The labelled headline sets that are present."""
    found = []
    dev = load_stories_dev()
    if dev is None:
        print(f"skipped stories-dev: {STORIES_DEV} not found")
    else:
        found.append(("stories-dev (tune)", dev))
    later = load_later_days(later_days)
    sets = (
        (("uci half A (tune)", "uci half B (HELD-OUT)"), load_uci_halves(uci_csv), f"UCI halves: {uci_csv} not found (pass --uci PATH)"),
        (("uci later days (HELD-OUT)",), (later,) if later else None, f"UCI later days: {later_days} not found"),
        (("allsides A (tune)", "allsides B (HELD-OUT)"), load_allsides_halves(), f"AllSides roundups: {ALLSIDES} not found"),
        (
            ("multi-news A, full (tune)", "multi-news B, full (HELD-OUT)"),
            load_multi_news_halves(),
            f"Multi-News full texts: {MULTI_NEWS} not found",
        ),
    )
    for names, loaded, missing in sets:
        if loaded is None:
            print(f"skipped {missing}")
        else:
            found.extend(zip(names, loaded, strict=True))
    return found


def sweep(uci_csv: Path) -> None:
    """F1 and precision over a grid of link thresholds, on the tuning data only."""
    tuning = [(name, data) for name, data in datasets(uci_csv) if "HELD-OUT" not in name]
    for join in (0.3, 0.35, 0.4, 0.45):
        for merge in (0.25, 0.3, 0.35):
            rules = GroupingRules(join=join, merge=merge)
            cells = []
            for _, (items, truth) in tuning:
                precision, recall, f1 = bcubed(group_stories(items, rules=rules), truth)
                cells.append(f"P {precision:.3f} R {recall:.3f} F {f1:.3f}")
            print(f"join {join:.2f} merge {merge:.2f}: " + " | ".join(cells))


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="threshold sweep on the tuning data only")
    parser.add_argument(
        "--uci",
        type=Path,
        default=DEFAULT_UCI_CSV,
        help="the UCI News Aggregator CSV, or its first rows (https://doi.org/10.24432/C5F61C; default /tmp/uci/part.csv)",
    )
    arguments = parser.parse_args()
    if arguments.sweep:
        sweep(arguments.uci)
        return
    print(f"{'dataset':24} {'method':24} {'items':>6} {'true':>5} {'pred≥2':>6} {'P':>6} {'R':>6} {'F1':>6}")
    found = datasets(arguments.uci)
    for name, (items, truth) in found:
        for method, run in methods(GroupingRules()).items():
            groups = run(items)
            precision, recall, f1 = bcubed(groups, truth)
            predicted = sum(1 for group in groups if len(group) >= 2)
            print(f"{name:24} {method:24} {len(items):6} {len(set(truth)):5} {predicted:6} {precision:6.3f} {recall:6.3f} {f1:6.3f}")
    case = full_text_case()
    if case is None:
        print(f"skipped full-text test: {REUTERS} or {BBC} not found")
    else:
        items, truth, copy_sets = case
        precision, recall = near_duplicate_scores(items, copy_sets)
        print(f"\nfull text: {len(items)} items, {len(copy_sets)} copy sets; near-duplicate pairs P {precision:.3f} R {recall:.3f}")
        groups = group_stories(items)
        story_of = {index: number for number, group in enumerate(groups) for index in group}
        key_index = {item.key: index for index, item in enumerate(items)}
        together = sum(1 for keys in copy_sets if len({story_of[key_index[key]] for key in keys}) == 1)
        print(f"full text: copies in one story group {together}/{len(copy_sets)}; story B-cubed P/R/F1 {bcubed(groups, truth)}")
    if found:
        base = [item for name, (items, _) in found if not name.startswith("multi-news") for item in items]
        print("\ntiming (features + group_stories, best of 3):")
        for count in (2500, 5000, 10000):
            print(f"  {count:6} items: {timed(synthetic(base, count)):.3f} s")


if __name__ == "__main__":
    main()
