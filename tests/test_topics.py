"""The topic model: learning from filed pages, keyword priors, adapting to seeds, abstaining, determinism, --explain."""

from __future__ import annotations

import copy
import hashlib
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from dateline.cli import main
from dateline.config import Topic, parse_config
from dateline.content import split_front_matter
from dateline.ingest import ingest_seeds, topics
from dateline.ingest.topics import TopicModel, _Fitted, features

ROOT = Path(__file__).resolve().parents[1]

FILED = {
    "Sport": [
        "The striker scored twice as the home team won the football match.",
        "A late goal from the captain settled the match for the visiting team.",
        "The coach praised his team after the league match ended in a draw.",
    ],
    "Markets": [
        "Shares fell on the stock market as investors worried about profits.",
        "The bank reported higher profits and its shares rose in early trading.",
        "Bond prices slipped while the stock index closed at a record high.",
    ],
}


def project(root: Path, topics: str = "topics: [Sport, Markets]\n") -> object:
    """A project with the two topics filed three times each, and an empty seeds/."""
    (root / "seeds").mkdir()
    folder = root / "content" / "filed"
    folder.mkdir(parents=True)
    for topic, texts in FILED.items():
        for number, text in enumerate(texts):
            (folder / f"{topic}-{number}.md").write_text(
                f"---\ntitle: {topic} story {number}\ndate: 2024-01-01\ntopics: [{topic}]\n---\n\n{text}\n", encoding="utf-8"
            )
    (root / "config.yaml").write_text(f"title: T\n{topics}ingest:\n  default_date: 2024-01-15\n", encoding="utf-8")
    config, _ = parse_config((root / "config.yaml").read_text(encoding="utf-8"), root)
    return config


def topics_written(root: Path, page: str) -> list[str]:
    return split_front_matter((root / page).read_text(encoding="utf-8"), page).data.get("topics") or []


def test_features_are_stems_and_pairs():
    assert features("Elections: the elected council") == {"election": 1, "elect": 1, "council": 1, "election elect": 1, "elect council": 1}


def test_ingest_files_seeds_the_way_pages_are_filed(tmp_path):
    config = project(tmp_path)
    (tmp_path / "seeds" / "a.txt").write_text("Cup tie\n\nThe team scored a goal in the last minute of the match.\n")
    (tmp_path / "seeds" / "b.txt").write_text("Trading day\n\nInvestors sold shares and the stock market fell.\n")
    first, second = ingest_seeds(config).results
    assert topics_written(tmp_path, first.page) == ["Sport"]
    assert topics_written(tmp_path, second.page) == ["Markets"]
    assert "topics: Sport" in first.line


def test_keywords_file_a_story_with_no_filed_pages():
    model = TopicModel([Topic("Weather", "weather", keywords=("rain", "storm", "snow")), Topic("Markets", "markets", keywords=("shares",))])
    guess = model.classify("Heavy rain and a storm are on the way", 0.3)
    assert guess.topics == ("Weather",) and guess.confidence > 0.5
    assert model.classify("A quiet poem about a lighthouse", 0.3).best == ""


def test_seeds_being_filed_teach_their_words():
    # "cricket" and "wicket" are in no filed page; the other seeds show them beside sport words.
    seeds = [
        "cricket wicket match goal team",
        "the cricket team won the match",
        "wicket cricket captain match",
        "shares market profits bank",
        "stock market shares trading",
    ]
    target = "cricket wicket team shares"

    def model(adapt: bool) -> TopicModel:
        built = TopicModel()
        for topic, texts in FILED.items():
            for text in texts:
                built.learn(text, [topic])
        if adapt:
            built.adapt([*seeds, target])
        return built

    before = dict(model(False).classify(target, 0.0).probabilities)
    after = dict(model(True).classify(target, 0.0).probabilities)
    assert after["Sport"] > 0.5 > before["Sport"]


def test_abstains_below_the_threshold(tmp_path):
    config = project(tmp_path)
    model = TopicModel()
    for topic, texts in FILED.items():
        for text in texts:
            model.learn(text, [topic])
    vague = "The team and the bank"
    guess = model.classify(vague, 0.99)
    assert guess.topics == () and guess.best and guess.confidence < 0.99
    assert model.classify(vague, 0.0).topics[0] == guess.best
    (tmp_path / "seeds" / "v.txt").write_text("Notes\n\nThe team and the bank met.\n")
    (tmp_path / "config.yaml").write_text(
        "title: T\ntopics: [Sport, Markets]\ningest:\n  default_date: 2024-01-15\n  topic_threshold: 0.99\n", encoding="utf-8"
    )
    config, _ = parse_config((tmp_path / "config.yaml").read_text(encoding="utf-8"), tmp_path)
    (result,) = ingest_seeds(config).results
    assert topics_written(tmp_path, result.page) == [] and "no topic (best" in result.line


DETERMINISM = """
from dateline.ingest.topics import TopicModel
model = TopicModel()
for text, topic in [("goal match team striker", "Sport"), ("shares market profit bank", "Markets"), ("league coach team win", "Sport"), ("stock index trading bond", "Markets")]:
    model.learn(text, [topic])
model.adapt(["match goal team coach", "profit bank shares trading", "the coach and the bank"])
for text in ["the coach and the bank", "a team goal", "stock trading"]:
    print(model.classify(text, 0.3).probabilities)
"""


def test_same_inputs_same_topics_whatever_the_hash_seed():
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", DETERMINISM], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1 and "Sport" in outputs.pop()


def test_explain_names_the_deciding_words_and_writes_nothing(tmp_path, capsys):
    project(tmp_path)
    seed = tmp_path / "seeds" / "a.txt"
    seed.write_text("Cup tie\n\nThe striker scored a goal in the last minute of the match.\n")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["ingest", "--config", str(tmp_path / "config.yaml"), "--explain", str(seed)]) == 0
    out = capsys.readouterr().out
    assert "topics: Sport" in out and "Markets" in out
    words = out.split("toward Sport", 1)[1]
    assert "goal" in words and "match" in words
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
    page = tmp_path / "content" / "filed" / "Markets-0.md"
    assert main(["ingest", "--config", str(tmp_path / "config.yaml"), "--explain", str(page)]) == 0
    assert "topics: Markets" in capsys.readouterr().out


def reference_expectation_maximisation(model: _Fitted, vectors: list[dict[str, float]]) -> list[tuple[float, ...]]:
    """EM as plainly as it can be written: `scores` for each seed, `_add` for each seed and topic, dicts throughout."""
    base = [dict(c) for c in model.in_topic]
    base_mass = list(model.topic_mass)
    counted, last = [], []
    for _ in range(topics.EM_ROUNDS):
        posteriors = [topics._softmax(model.scores(v), 1.0) for v in vectors]
        if (
            last
            and max(abs(p - q) for new, old in zip(posteriors, last, strict=True) for p, q in zip(new, old, strict=True))
            < topics.EM_TOLERANCE
        ):
            break
        last = posteriors
        model.in_topic = [dict(c) for c in base]
        model.topic_mass = list(base_mass)
        counted = []
        for vector, posterior in zip(vectors, posteriors, strict=True):
            counted.append(tuple(posterior))
            for i, w in enumerate(counted[-1]):
                model._add(i, vector, w)
    return counted


@pytest.mark.parametrize("seed", range(6))
def test_fast_em_equals_the_plain_computation(seed):
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(rng.randint(5, 60))] + [f"#<c{n}" for n in range(rng.randint(0, 30))]
    names = tuple(f"T{n}" for n in range(rng.randint(2, 5)))

    def counts() -> Counter[str]:
        return Counter({f: rng.randint(1, 4) for f in rng.sample(vocabulary, rng.randint(1, min(12, len(vocabulary))))})

    labelled = [(counts(), tuple(rng.sample(names, rng.choice((1, 1, 2)))), rng.choice((1.0, 1.0, 3.0))) for _ in range(rng.randint(3, 30))]
    model = _Fitted.train(names, labelled, [])
    vectors = [model.vector(counts()) for _ in range(rng.randint(1, 40))]
    for vector in vectors:
        model._add_total(vector, 1.0)
    fast, plain = copy.deepcopy(model), copy.deepcopy(model)
    got, want = fast._expectation_maximisation(vectors), reference_expectation_maximisation(plain, vectors)
    assert len(got) == len(want)
    for a, b in zip(got, want, strict=True):
        assert a == pytest.approx(b, rel=1e-9, abs=1e-9)
    assert fast.topic_mass == pytest.approx(plain.topic_mass, rel=1e-9, abs=1e-9)
    for mine, theirs in zip(fast.in_topic, plain.in_topic, strict=True):
        for f in set(mine) | set(theirs):
            assert mine.get(f, 0.0) == pytest.approx(theirs.get(f, 0.0), rel=1e-9, abs=1e-9)
    for vector in vectors:
        assert fast.scores(vector) == pytest.approx(plain.scores(vector), rel=1e-9, abs=1e-9)


def test_em_adapts_on_a_bounded_sample_that_does_not_depend_on_the_seeds_order():
    rng = random.Random(13)
    vocabulary = [f"word{n}" for n in range(300)]
    texts = [" ".join(rng.choices(vocabulary, k=rng.randint(5, 40))) for _ in range(2000)]
    texts += texts[:50]  # repeated seeds (the same story twice) must not break the heap
    forward, backward = TopicModel(), TopicModel()
    for model in (forward, backward):
        for topic, filed in FILED.items():
            for text in filed:
                model.learn(text, [topic])
    forward.adapt(texts)
    backward.adapt(reversed(texts))
    # The heap keeps what sorting every seed by its digest would: the EM_SAMPLE smallest.
    digests = sorted(hashlib.blake2b(" ".join(topics.words(t)).encode(), digest_size=8).digest() for t in texts)
    wanted = Counter(digests[: topics.EM_SAMPLE])
    for model in (forward, backward):
        kept = Counter((-key).to_bytes(8, "big") for key, *_ in model._unlabelled)
        assert kept == wanted
        assert sum(model._unlabelled_lengths.values()) == len(texts)
    assert forward.fitted().seeds == backward.fitted().seeds
    probe = texts[7]
    assert forward.classify(probe, 0.0) == backward.classify(probe, 0.0)


def test_short_texts_get_character_ngrams_and_long_ones_do_not():
    assert "#<elec" in features("Elections", chars=True) and "#<elec" not in features("Elections")
    short, long = TopicModel(), TopicModel()
    for topic, texts in FILED.items():
        for text in texts:
            short.learn(text, [topic])
            long.learn(" ".join([text] * 10), [topic])
    assert short.fitted().chars and not long.fitted().chars
    # Character n-grams carry evidence, but a text with no known word still gets no guess.
    assert short.classify("zzyzx quux", 0.3).best == ""


def test_explain_reads_a_saved_page_as_ingest_does_and_refuses_a_feed(tmp_path, capsys):
    project(tmp_path)
    page = tmp_path / "seeds" / "cup.html"
    page.write_text(
        "<!doctype html><html><head><title>Late goal wins the cup | Sport Site</title></head><body><nav>Home Markets</nav>"
        "<article><h1>Late goal wins the cup</h1><p>The striker scored a goal in the last minute of the match, and the team "
        "won the cup for the first time in a decade after a tense final against their oldest rivals.</p>"
        "<p>The coach said the league title was next, and the fans celebrated the goal long into the night.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    assert main(["ingest", "--config", str(tmp_path / "config.yaml"), "--explain", str(page)]) == 0
    out = capsys.readouterr().out
    assert "topics: Sport" in out and "nav" not in out.split("toward Sport", 1)[1]
    feed = tmp_path / "seeds" / "news.xml"
    feed.write_text("<rss version='2.0'><channel><title>T</title><item><title>Goal</title></item></channel></rss>", encoding="utf-8")
    assert main(["ingest", "--config", str(tmp_path / "config.yaml"), "--explain", str(feed)]) == 1
    assert "file of many stories" in capsys.readouterr().err
