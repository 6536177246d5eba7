"""A small, transparent topic classifier: multinomial naive Bayes over words.

It learns from two sources: the articles already in content/ that carry topics (so new seeds are
filed the way the editor files things) and the keywords each topic declares in config.yaml (so a
fresh project with no articles can still file a story). Term counts are damped with log(1 + tf),
which keeps one repeated word from deciding a story, and the posterior is tempered by the story's
length so that "confidence" means something a threshold can be set against.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..config import Topic
from .text import word_set

_TOKEN = re.compile(r"[a-z][a-z'-]{1,30}")
STOPWORDS = word_set("""a about above after again against all also am an and any are as at be because been before being below between both but by
    can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into
    is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such
    than that the their them then there these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your said says say told mr mrs ms year years new one two three last first would could
    also s t it's he's she's they're we're don't doesn't didn't isn't wasn't""")
# Each declared keyword counts as this many word occurrences of its topic.
KEYWORD_WEIGHT = 4.0
# Words of evidence that give a story full weight; longer stories do not grow more certain.
EVIDENCE_WORDS = 60.0


def words(text: str) -> list[str]:
    """Lowercase content words of a text, for the classifier."""
    return [w.strip("'-") for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS and len(w.strip("'-")) > 1]


@dataclass(frozen=True)
class Guess:
    """The classifier's answer: topics to file under, and the best topic's confidence."""

    topics: tuple[str, ...]
    best: str
    confidence: float


class TopicModel:
    """Naive Bayes over damped word counts, with declared keywords as extra evidence."""

    def __init__(self, declared: Iterable[Topic] = ()) -> None:
        self._counts: dict[str, Counter[str]] = {}
        self._totals: Counter[str] = Counter()
        self._documents: Counter[str] = Counter()
        self._vocabulary: set[str] = set()
        for topic in declared:
            self._counts.setdefault(topic.name, Counter())
            keywords = [*topic.keywords, topic.name]
            for keyword in keywords:
                for word in words(keyword):
                    self._add(topic.name, word, KEYWORD_WEIGHT)

    def _add(self, topic: str, word: str, weight: float) -> None:
        self._counts.setdefault(topic, Counter())[word] += weight
        self._totals[topic] += weight
        self._vocabulary.add(word)

    def learn(self, text: str, topics: Iterable[str]) -> None:
        """Count one article's words toward each of its topics."""
        counts = Counter(words(text))
        for topic in topics:
            self._documents[topic] += 1
            for word, count in counts.items():
                self._add(topic, word, math.log1p(count))

    @property
    def topics(self) -> list[str]:
        """The topic names the model can answer with."""
        return sorted(self._counts)

    def classify(self, text: str, threshold: float) -> Guess:
        """Score a text against every topic; topics at or above `threshold` confidence are returned."""
        names = self.topics
        if not names:
            return Guess((), "", 0.0)
        counts = Counter(w for w in words(text) if w in self._vocabulary)
        if not counts:
            return Guess((), "", 0.0)
        vocabulary = len(self._vocabulary)
        documents = sum(self._documents.values())
        evidence = sum(math.log1p(c) for c in counts.values())
        # Tempering: the log-likelihood of a long story is scaled down to EVIDENCE_WORDS words.
        temper = min(1.0, EVIDENCE_WORDS / evidence)
        scores: dict[str, float] = {}
        for name in names:
            word_counts, total = self._counts[name], self._totals[name] + vocabulary
            prior = math.log((self._documents[name] + 1) / (documents + len(names)))
            likelihood = sum(math.log1p(c) * math.log((word_counts.get(w, 0.0) + 1.0) / total) for w, c in counts.items())
            scores[name] = prior + temper * likelihood
        top = max(scores.values())
        weights = {name: math.exp(score - top) for name, score in scores.items()}
        norm = sum(weights.values())
        posterior = {name: weight / norm for name, weight in weights.items()}
        best = max(names, key=lambda n: (posterior[n], n))
        if posterior[best] < threshold:
            return Guess((), best, posterior[best])
        # Further topics only when a real threshold keeps them from being noise.
        others = [n for n in sorted(names, key=lambda n: (-posterior[n], n)) if n != best and threshold > 0 and posterior[n] >= threshold]
        return Guess((best, *others), best, posterior[best])
