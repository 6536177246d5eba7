"""A small, transparent topic classifier: complement naive Bayes over TF-IDF words and word pairs.

It learns from three sources: the articles already in content/ that carry topics (so new seeds are
filed the way the editor files things), the keywords each topic declares in config.yaml (so a
fresh project with no articles can still file a story), and the seeds being ingested, whose topics
nobody knows yet: a few rounds of expectation-maximisation count each seed toward the topics the
model believes, so words the filed articles never used are learned from the company they keep.

Each text becomes word stems and adjacent stem pairs, weighted 1 + log(count) times their inverse
document frequency and scaled to unit length, so a long story and a one-line item weigh the same.
When the texts are short (one-paragraph items), each word's character 3- to 5-grams are added as a
second block of features: a headline's few words then still share evidence with their relatives
("Microsoft's", "microsoft"; "telecom", "telecoms"). On long stories they only dilute the words.
Complement naive Bayes scores a topic by how unlike the *other* topics a text is, which copes
with few and unevenly sized examples (Rennie et al., 2003). The scores are turned into
probabilities with a temperature fitted on the filed articles themselves, each scored by a model
that never saw it, so "0.80" means right about four times in five.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..config import Topic
from .text import word_set

_TOKEN = re.compile(r"[a-z][a-z'-]{1,30}")
STOPWORDS = word_set("""a about above across after afterwards again against all almost alone along already also although always am
    among amongst an and another any anyhow anyone anything anyway anywhere are around as at back be became because become becomes
    been before beforehand behind being below beside besides between beyond both but by can cannot could did do does doing done down
    during each either else elsewhere enough etc even ever every everyone everything everywhere except few for former formerly from
    further had has have having he hence her here hereafter hereby herein hers herself him himself his how however i ie if in indeed
    into is it its itself just least less many may me meanwhile might mine more moreover most mostly much must my myself namely
    neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only onto or other
    others otherwise our ours ourselves out over own per perhaps please rather re same seem seemed seeming seems several she should
    since so some somehow someone something sometime sometimes somewhere still such than that the their theirs them themselves then
    thence there thereafter thereby therefore therein thereupon these they this those though through throughout thru thus to together
    too toward towards under until up upon us very via was we well were what whatever when whence whenever where whereafter whereas
    whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within without would
    yet you your yours yourself yourselves said says say told mr mrs ms new two three first last s t it's he's she's they're we're
    don't doesn't didn't isn't wasn't won't can't""")
# A declared keyword list counts as this many filed articles of its topic.
KEYWORD_WEIGHT = 3.0
# Additive smoothing of the complement counts (tuned on AG News training splits, see bench/topic_accuracy.py).
SMOOTHING = 0.1
# Rounds of expectation-maximisation over the seeds being filed; the gain levels off after about ten.
EM_ROUNDS = 10
# EM stops early once no seed's topic probability moves by more than this in a round.
EM_TOLERANCE = 1e-4
# EM adapts on at most this many seeds (those with the smallest feature digests: a sample that does not depend on
# their order); the others are filed by the adapted model. A few hundred seeds teach a batch's new words, and
# neither the time nor the memory grows with the batch.
EM_SAMPLE = 600
# The temperature is fitted on at most this many filed articles, evenly spread, so training stays fast at 10,000 pages.
CALIBRATION_SAMPLE = 400
# Character n-grams are added when the median text (filed and unlabelled) has at most this many content words.
SHORT_TEXT_WORDS = 60
CHAR_NGRAMS = (3, 5)
# The character n-gram block's length relative to the word block's in each vector (tuned on AG News training splits).
CHAR_WEIGHT = 0.5
# Used when there is nothing to fit it on (no filed articles): a middle value of the fitted ones on the benchmarks.
DEFAULT_TEMPERATURE = 0.02


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    # A pure function's memo: words repeat (the 219,000 content words of the Reuters seeds are 17,099 distinct), and each text is
    # stemmed two or three times in a run (adapting, training, filing): 0.4 s of stemming became 0.1 s.
    # A light suffix strip: "elections", "elected" and "election" share evidence; few labels need that more than precision.
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Lowercase content words of a text, in order, as they appear."""
    return [w for w in (t.strip("'-") for t in _TOKEN.findall(text.lower())) if len(w) > 1 and w not in STOPWORDS]


def _word_features(found: list[str]) -> Counter[str]:
    stems = [_stem(w) for w in found]
    counts = Counter(stems)
    counts.update(f"{a} {b}" for a, b in itertools.pairwise(stems))
    return counts


def char_grams(found: Iterable[str]) -> Counter[str]:
    """Character n-grams inside each word, its edges marked, each prefixed `#`: "tech" gives `#<te`, `#tech>`, ...."""
    low, high = CHAR_NGRAMS
    counts = Counter()
    for word in found:
        padded = f"<{word}>"
        for n in range(low, high + 1):
            counts.update("#" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return counts


def features(text: str, chars: bool = False) -> Counter[str]:
    """The classifier's features of a text: word stems and adjacent stem pairs (`stock market`), counted; `chars` adds `char_grams`."""
    found = words(text)
    counts = _word_features(found)
    if chars:
        counts.update(char_grams(found))
    return counts


def _is_char_gram(feature: str) -> bool:
    return feature.startswith("#")


def _weigh(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """Sublinear TF-IDF scaled to unit length, over the features in `idf` (the others carry no evidence).

    Character n-grams, when present, are scaled as a block to CHAR_WEIGHT times the length of the
    words' block first: a word has a dozen of them, which would otherwise drown the words.
    """
    vector = {f: (1.0 + math.log(c)) * idf[f] for f, c in counts.items() if f in idf}
    char_norm = math.sqrt(sum(v * v for f, v in vector.items() if _is_char_gram(f)))
    if char_norm:
        word_norm = math.sqrt(sum(v * v for f, v in vector.items() if not _is_char_gram(f)))
        scale = CHAR_WEIGHT * word_norm / char_norm
        vector = {f: v * scale if _is_char_gram(f) else v for f, v in vector.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {f: v / norm for f, v in vector.items()}


def _median(counts: Counter[int]) -> int | None:
    """The lower median of values given as value → how many times it occurs; None for none."""
    total = sum(counts.values())
    if not total:
        return None
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen > total // 2:
            return value
    return None


def _softmax(scores: Sequence[float], temperature: float) -> list[float]:
    top = max(scores)
    weights = [math.exp((s - top) / temperature) for s in scores]
    total = sum(weights)
    return [w / total for w in weights]


@dataclass(frozen=True)
class Guess:
    """The classifier's answer: topics to file under, the best topic's confidence, and every topic's probability."""

    topics: tuple[str, ...]
    best: str
    confidence: float
    probabilities: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Evidence:
    """One feature of a text and how far it pushed the decision toward the best topic (log-odds, after calibration)."""

    feature: str
    weight: float


@dataclass(frozen=True)
class Explanation:
    """A decision with its reasons: the guess, and the features that favoured its best topic most."""

    guess: Guess
    evidence: tuple[Evidence, ...]
    temperature: float


def _seed_key(counts: Counter[str]) -> bytes:
    """A digest of a text's features: finds a seed's EM weights again without keeping its features (they cost ~100 KB)."""
    digest = hashlib.blake2b(digest_size=16)
    for feature, count in sorted(counts.items()):
        digest.update(f"{feature}\0{count}\n".encode())
    return digest.digest()


class TopicModel:
    """Collects filed articles, declared keywords and unlabelled seeds; fitted on first use."""

    def __init__(self, declared: Iterable[Topic] = ()) -> None:
        # Each text as its word features and its words (for character n-grams, if the texts turn out short).
        self._labelled: list[tuple[Counter[str], list[str], tuple[str, ...], float]] = []
        # The seeds EM adapts on: the EM_SAMPLE whose words have the smallest digests, kept as a heap of
        # (-digest of the words, running number, features, words), so memory stays bounded however many seeds a run files.
        self._unlabelled: list[tuple[int, int, Counter[str], str]] = []
        self._adapted = 0
        self._unlabelled_lengths: Counter[int] = Counter()  # every seed's word count, for the short-text choice
        self._names: set[str] = set()
        self._fitted: _Fitted | None = None
        for topic in declared:
            self._names.add(topic.name)
            counts = Counter()
            found = []
            for keyword in (*topic.keywords, topic.name):
                found += words(keyword)
                counts.update(_word_features(words(keyword)))
            if counts:
                self._labelled.append((counts, " ".join(found), (topic.name,), KEYWORD_WEIGHT))

    def learn(self, text: str, topics: Iterable[str]) -> None:
        """Add one filed article under each of its topics."""
        names = tuple(dict.fromkeys(topics))
        found = words(text)
        counts = _word_features(found)
        if names and counts:
            self._names.update(names)
            self._labelled.append((counts, " ".join(found), names, 1.0))
            self._fitted = None

    def adapt(self, texts: Iterable[str]) -> None:
        """Add texts whose topics are unknown (the seeds being filed): the model adapts its word weights to them."""
        for text in texts:
            found = words(text)
            counts = _word_features(found)
            if not counts:
                continue
            self._unlabelled_lengths[len(found)] += 1
            self._fitted = None
            # A sample by digest is the same whatever order the seeds come in, and needs no count up front.
            # Equal digests are equal texts: the running number only keeps the heap from comparing their features.
            joined = " ".join(found)
            self._adapted += 1
            digest = hashlib.blake2b(joined.encode(), digest_size=8).digest()
            entry = (-int.from_bytes(digest, "big"), self._adapted, counts, joined)
            if len(self._unlabelled) < EM_SAMPLE:
                heapq.heappush(self._unlabelled, entry)
            elif entry[0] > self._unlabelled[0][0]:
                heapq.heapreplace(self._unlabelled, entry)

    @property
    def topics(self) -> tuple[str, ...]:
        """The topic names the model can answer with."""
        return tuple(sorted(self._names))

    def fitted(self) -> _Fitted:
        """The trained model (trained once, then kept until something is added)."""
        if self._fitted is None:
            lengths = Counter(found.count(" ") + 1 for _, found, _, weight in self._labelled if weight == 1.0 and found)
            lengths.update(self._unlabelled_lengths)
            median = _median(lengths)
            chars = median is not None and median <= SHORT_TEXT_WORDS
            labelled = [
                (counts + char_grams(found.split()) if chars else counts, names, weight) for counts, found, names, weight in self._labelled
            ]
            # Largest key first is smallest digest first: a fixed order, so EM's sums are the same on every run.
            unlabelled = [
                counts + char_grams(found.split()) if chars else counts for _, _, counts, found in sorted(self._unlabelled, reverse=True)
            ]
            self._fitted = _Fitted.train(self.topics, labelled, unlabelled, chars)
        return self._fitted

    def classify(self, text: str, threshold: float) -> Guess:
        """Score a text against every topic; topics at or above `threshold` probability are returned."""
        return self.fitted().classify(text, threshold)

    def explain(self, text: str, threshold: float, limit: int = 10) -> Explanation:
        """The decision for a text and the `limit` features that pushed it most toward the best topic."""
        return self.fitted().explain(text, threshold, limit)


class _Fitted:
    """Complement naive Bayes weights; built by `train`, read-only afterwards."""

    def __init__(self, names: tuple[str, ...], idf: dict[str, float], vocabulary: int, chars: bool = False) -> None:
        self.names = names
        self.chars = chars  # whether texts get character n-grams (the model was trained on short texts)
        self.idf = idf
        self.vocabulary = vocabulary
        self.known: set[str] = set()  # features of filed articles and keywords: a text with none of them gets no guess
        self.total: dict[str, float] = {}  # every document's weight of a feature
        self.in_topic: list[dict[str, float]] = [{} for _ in names]
        self.total_mass = 0.0
        self.topic_mass = [0.0] * len(names)
        self.temperature = DEFAULT_TEMPERATURE
        self.seeds: dict[bytes, tuple[float, ...]] = {}  # a digest of each seed's features → its weight in each topic

    @classmethod
    def train(
        cls,
        names: tuple[str, ...],
        labelled: list[tuple[Counter[str], tuple[str, ...], float]],
        unlabelled: list[Counter[str]],
        chars: bool = False,
    ) -> _Fitted:
        """Fit word weights on the labelled texts, adapt them to the unlabelled ones by EM, then calibrate."""
        documents = Counter()
        for counts, _, _ in labelled:
            documents.update(counts.keys())
        for counts in unlabelled:
            documents.update(counts.keys())
        n = len(labelled) + len(unlabelled)
        idf = {f: math.log((1 + n) / (1 + d)) + 1.0 for f, d in documents.items()}
        model = cls(names, idf, len(documents), chars)
        index = {name: i for i, name in enumerate(names)}
        labelled_vectors = []
        for counts, topics, weight in labelled:
            vector = model.vector(counts)
            model.known.update(f for f in vector if not _is_char_gram(f))
            labelled_vectors.append((vector, [index[t] for t in topics]))
            for i in labelled_vectors[-1][1]:
                model._add(i, vector, weight)
            model._add_total(vector, weight * len(topics))
        unlabelled_vectors = [model.vector(counts) for counts in unlabelled]
        keys = [_seed_key(counts) for counts in unlabelled]
        for vector in unlabelled_vectors:
            model._add_total(vector, 1.0)
        if unlabelled_vectors and names:
            weights = model._expectation_maximisation(unlabelled_vectors)
            model.seeds = dict(zip(keys, weights, strict=True))
        sample = [item for item, (_, _, weight) in zip(labelled_vectors, labelled, strict=True) if weight == 1.0]
        if sample:
            step = max(1, len(sample) // CALIBRATION_SAMPLE)
            model.temperature = model._fit_temperature(sample[::step])
        return model

    def vector(self, counts: Counter[str]) -> dict[str, float]:
        """A text's features as a unit-length TF-IDF vector."""
        return _weigh(counts, self.idf)

    def _add(self, topic: int, vector: dict[str, float], weight: float) -> None:
        counts = self.in_topic[topic]
        for f, v in vector.items():
            counts[f] = counts.get(f, 0.0) + weight * v
        self.topic_mass[topic] += weight * sum(vector.values())

    def _add_total(self, vector: dict[str, float], weight: float) -> None:
        for f, v in vector.items():
            self.total[f] = self.total.get(f, 0.0) + weight * v
        self.total_mass += weight * sum(vector.values())

    def _expectation_maximisation(self, vectors: list[dict[str, float]]) -> list[tuple[float, ...]]:
        # Each round counts every seed toward each topic by the probability the last round gave it
        # (the uncalibrated one: its soft spread is what keeps EM from locking in early mistakes).
        # The seeds' features are numbered and held as flat arrays (one entry per seed and feature), so a round is a
        # few array passes; it computes what `scores` and `_add` would (tests/test_topics.py checks it against them).
        import numpy  # read only here: a round over 600 seeds' ~80,000 features is ~100x faster than in Python

        k = len(self.names)
        vocabulary = sorted({f for vector in vectors for f in vector})
        number = {f: j for j, f in enumerate(vocabulary)}
        seed_of = numpy.repeat(numpy.arange(len(vectors)), [len(vector) for vector in vectors])
        feature_of = numpy.fromiter((number[f] for vector in vectors for f in vector), dtype=numpy.intp, count=len(seed_of))
        values = numpy.fromiter((v for vector in vectors for v in vector.values()), dtype=float, count=len(seed_of))
        seeds, features = len(vectors), len(vocabulary)
        text_mass = numpy.bincount(seed_of, weights=values, minlength=seeds)
        total = numpy.array([self.total.get(f, 0.0) for f in vocabulary])
        base = numpy.array([[counts.get(f, 0.0) for f in vocabulary] for counts in self.in_topic]).reshape(k, features)
        base_mass = numpy.array(self.topic_mass, dtype=float)
        topic_mass = base_mass.copy()
        seeds_part = numpy.zeros((k, features))  # the seeds' weight of each feature in each topic
        counted = numpy.zeros((seeds, k))
        last = None
        for _ in range(EM_ROUNDS):
            log_norm = numpy.log(numpy.maximum(self.total_mass - topic_mass, 0.0) + SMOOTHING * self.vocabulary)
            weights = log_norm[:, None] - numpy.log(numpy.maximum(total - (base + seeds_part), 0.0) + SMOOTHING)
            scores = numpy.stack([numpy.bincount(seed_of, weights=values * weights[i, feature_of], minlength=seeds) for i in range(k)], 1)
            shifted = numpy.exp(scores - scores.max(axis=1, keepdims=True))
            posteriors = shifted / shifted.sum(axis=1, keepdims=True)
            if last is not None and numpy.abs(posteriors - last).max() < EM_TOLERANCE:
                break
            last = counted = posteriors
            # Counted as believed, not rebalanced toward the filed articles' proportions: a day's seeds seldom come in
            # those, and rebalancing cost 2 points on uneven AG News and BBC batches (Reuters gained 0.4) for nothing on
            # even ones (bench/topic_accuracy.py).
            for i in range(k):
                seeds_part[i] = numpy.bincount(feature_of, weights=values * counted[seed_of, i], minlength=features)
            topic_mass = base_mass + counted.T @ text_mass
        self.topic_mass = topic_mass.tolist()
        for i, merged in enumerate((base + seeds_part).tolist()):
            self.in_topic[i].update(zip(vocabulary, merged, strict=True))
        return [tuple(row) for row in counted.tolist()]

    def _complement(self, topic: int, feature: str) -> float:
        # log of the feature's smoothed count in every other topic.
        return math.log(max(self.total.get(feature, 0.0) - self.in_topic[topic].get(feature, 0.0), 0.0) + SMOOTHING)

    def terms(self, vector: dict[str, float], removed: tuple[float, ...] = ()) -> list[dict[str, float]]:
        """Each feature's part of each topic's complement NB score (high when it is rare in the other topics).

        `removed` (the text's weight in each topic) scores a training text as if it had not been
        counted, so that neither calibration nor a seed's own decision is judged by a model that
        already saw its words.
        """
        out = []
        text_mass = sum(vector.values())
        for i in range(len(self.names)):
            # A text counted w in topic i and W in all is W - w of topic i's complement.
            held = (sum(removed) - removed[i]) if removed else 0.0
            mass = self.total_mass - self.topic_mass[i] - held * text_mass
            log_norm = math.log(max(mass, 0.0) + SMOOTHING * self.vocabulary)
            in_topic = self.in_topic[i]
            out.append(
                {
                    f: v * (log_norm - math.log(max(self.total.get(f, 0.0) - in_topic.get(f, 0.0) - held * v, 0.0) + SMOOTHING))
                    for f, v in vector.items()
                }
            )
        return out

    def scores(self, vector: dict[str, float], removed: tuple[float, ...] = ()) -> list[float]:
        """Each topic's complement NB score of a text (see `terms`)."""
        return [sum(t.values()) for t in self.terms(vector, removed)]

    def _fit_temperature(self, sample: list[tuple[dict[str, float], list[int]]]) -> float:
        # Leave-one-out scores of filed articles, then the temperature that makes them most likely (golden section on log T).
        # The targets are smoothed by one pseudo-article spread evenly over the topics (1/(n+1) of the weight), so a
        # handful of articles that all come out right cannot make the model claim certainty.
        k = len(self.names)
        spread = 1 / (len(sample) + 1)
        scored = [(self.scores(v, tuple(1.0 if i in topics else 0.0 for i in range(k))), topics) for v, topics in sample]

        def loss(log_t: float) -> float:
            t = math.exp(log_t)
            total = 0.0
            for scores, topics in scored:
                # Log-probabilities computed directly: clamping tiny probabilities would stop the pseudo-article from
                # penalising a temperature that makes well-separated training articles look certain.
                top = max(scores)
                shifted = [(s - top) / t for s in scores]
                log_total = math.log(sum(math.exp(x) for x in shifted))
                right = [shifted[i] for i in topics]
                right_top = max(right)
                total -= (1 - spread) * (right_top + math.log(sum(math.exp(x - right_top) for x in right)) - log_total)
                total -= spread / k * sum(x - log_total for x in shifted)
            return total

        low, high = math.log(1e-3), math.log(1.0)
        ratio = (math.sqrt(5) - 1) / 2
        for _ in range(40):
            a, b = high - ratio * (high - low), low + ratio * (high - low)
            if loss(a) <= loss(b):
                high = b
            else:
                low = a
        return math.exp((low + high) / 2)

    def classify(self, text: str, threshold: float) -> Guess:
        """See TopicModel.classify."""
        counts = features(text, self.chars)
        vector = self.vector(counts)
        if not self.names or not any(f in self.known for f in vector):
            return Guess((), "", 0.0)
        p = _softmax(self.scores(vector, self.seeds.get(_seed_key(counts), ())), self.temperature)
        order = sorted(range(len(self.names)), key=lambda i: (-p[i], self.names[i]))
        best = order[0]
        probabilities = tuple((self.names[i], p[i]) for i in order)
        if p[best] < threshold:
            return Guess((), self.names[best], p[best], probabilities)
        # Further topics only when a real threshold keeps them from being noise.
        others = [self.names[i] for i in order[1:] if threshold > 0 and p[i] >= threshold]
        return Guess((self.names[best], *others), self.names[best], p[best], probabilities)

    def explain(self, text: str, threshold: float, limit: int) -> Explanation:
        """See TopicModel.explain."""
        guess = self.classify(text, threshold)
        if not guess.best:
            return Explanation(guess, (), self.temperature)
        counts = features(text, self.chars)
        vector = self.vector(counts)
        terms = self.terms(vector, self.seeds.get(_seed_key(counts), ()))
        best = self.names.index(guess.best)
        others = [t for i, t in enumerate(terms) if i != best] or [dict.fromkeys(vector, 0.0)]
        # A feature's share of the log-odds of the best topic against the average other one.
        # Character n-grams are left out: they are not words a reader can check.
        evidence = [
            Evidence(f, (terms[best][f] - sum(t[f] for t in others) / len(others)) / self.temperature)
            for f in vector
            if not _is_char_gram(f)
        ]
        evidence.sort(key=lambda e: (-e.weight, e.feature))
        return Explanation(guess, tuple(evidence[:limit]), self.temperature)
