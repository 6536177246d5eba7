"""Story grouping: which articles report the same event, and which are copies of one wire text.

Two questions, answered from the site's own articles alone (there is no external model):

**Same story** (`group_stories`). Every article becomes a set of content tokens: the headline
and the start of the body, lower-cased, lightly stemmed, function words dropped. A token weighs
its inverse document frequency over the articles given, so a word many unrelated articles use
("stocks", "Apple") says little and a rare one ("Gox", "Sbarro") a lot. Names weigh more (tokens
the collection writes capitalised inside sentence-case text, acronyms, mixed case such as
"eBay"), and so do numbers: an event is mostly who and how much. Each article is a unit vector
of those weights and a story is the sum of its articles' vectors, its centroid.

Pairwise similarity alone cannot hold a big story together: fifty outlets word one event fifty
ways, so two of its headlines often share one rare name and little else, which is also all two
different stories about one company share. Comparing an article with a story's centroid can:
the centroid is dominated by the words the story keeps repeating ("Gox", "bankruptcy"), so an
article joins when it shares what the story is about, not one incidental word; and the cosine of
two centroids is their mean pairwise similarity divided by how cohesive each already is, so two
loose halves of one big story merge while a tight story does not absorb a neighbour.

1. Articles are taken in (moment, key) order; each joins the most similar open story (found
   through an inverted index from its rarest tokens to stories, so the cost stays near linear)
   when the cosine to its centroid reaches `join` (`pair` when the story is one article so far:
   one article is weak evidence of what a story is about), else starts a story. A story is open
   while the article is within the window of its first member; the similarity is lowered by the
   time since the story's first report (half a day is free, the next day keeps 30%: news that
   recurs, a market's close or a celebrity's week, is a new event each day, and every pass and
   seam below applies the same rule) and by the share of the story written by the article's own
   outlet (an outlet rarely runs two pieces on one event in a day; two of its headlines alike are
   usually two stories about one company), unless the headline is the same. Copies of one wire
   text stay together whatever the day.
2. Stories whose centroids reach `merge` are merged, best pair first, within the window: this
   undoes most of the first pass's dependence on which article happened to come first.
3. An article still alone joins the best finished story it fits (it may have come before that
   story took shape).
4. Members whose cosine to the rest of their story is below `member` are split off: a false
   merge tells readers that two newsrooms corroborated each other, so precision comes first.

The thresholds were chosen on one set of real headlines and checked on others never tuned on
(see bench/story_grouping.py); they are cosines, so they do not depend on collection size.

**Near-duplicate bodies** (`near_duplicate_sets`). Copies of one wire text (a re-edited lede,
a sign-off added, paragraphs trimmed) share most of their word 4-grams. Each body keeps the
4-grams whose CRC-32 is 0 modulo SAMPLE_MODULUS (Broder's mod-M sampling: which ones are kept
depends on the text only, so two copies keep the same samples of the text they share, and
containment, which a trimmed copy needs, can be estimated), an inverted index over the samples
yields candidate pairs in linear time, and a pair counts when the sampled containment of one in
the other and the resemblance are both high. Bodies under MIN_BODY_WORDS words never count: a few
words shared say nothing. Near-duplicates join one story before anything else is compared, and
the sets returned are cut along the story groups, so every set lies inside one story group.

**Blocks of days** (`stories_in_time_order`). The site is grouped a block of days at a time (a
week, Monday to Sunday; longer when the window is), each block with the words of its own
articles: news vocabulary shifts, so what is rare is best read against the same weeks. Stories
that cross a seam between two blocks are stitched back: a story near the end of one block
continues as one near the start of the next when both fit the window and they share a copy of one
wire text or are as close as a merge needs (a lone report joins a stitched story as it would join
a finished one). Because a block's grouping depends on its own articles only, a build keeps each
block's and each seam's answer under the key of their articles' grouping inputs, and an edit
regroups one week and its two seams, not the site; the answer is the same as grouping afresh.

Everything is deterministic: articles are ordered by (moment, key) before any work, ties are
broken by position, hashes are CRC-32 (never Python's salted `hash()`), and token sets are kept
as sorted tuples so float sums run in one order.
"""

from __future__ import annotations

import functools
import hashlib
import heapq
import math
import re
import struct
import zlib
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, compress, groupby, pairwise, repeat
from operator import add, and_, gt, itemgetter, neg, truediv
from typing import Any

from .parallel import map_chunks, worker_count

# Bodies shorter than this are never near-duplicates (a headline repeated as the body is one).
MIN_BODY_WORDS = 40
SHINGLE_WORDS = 4
SAMPLE_MODULUS = 8
# Copies share their opening paragraphs (trims cut the end): sampling the first words is enough evidence, and bounds the work.
SHINGLE_SPAN = 400
# A sampled 4-gram in more bodies than this within a window is boilerplate, not a shared wire text.
BOILERPLATE_BODIES = 20
# How many words of the body describe the event (the lede); the rest adds noise, not evidence.
LEDE_WORDS = 100
# How many of an article's rarest tokens are looked up to find candidate stories, and how many
# open stories per token are tried (newest first): enough for recall, few enough to stay linear.
KEY_TOKENS = 4
STORIES_PER_TOKEN = 12

_WORD = re.compile(r"[^\W_]+(?:['’.&-][^\W_]+)*\.?")
_PLAIN = re.compile(r"[^\W_]+")
_ASCII_NOT_WORD = bytes(byte for byte in range(128) if not chr(byte).isalnum())
_ASCII_WORD_BREAKS = bytes.maketrans(_ASCII_NOT_WORD, b" " * len(_ASCII_NOT_WORD))
# Years and small numbers date a headline or count a list ("10 things"); they do not name an event.
_CALENDAR_NUMBER = re.compile(r"(?:19|20)\d\d|\d{1,2}")
# "MtGox", "ChiquitaFyffes": names run together in hashtag style are also the names apart.
_RUN_TOGETHER = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z])")
_SENTENCE_ENDS = frozenset(".!?:;\"'’”")

# Function words and headline filler: they link unrelated headlines and never name an event.
_STOPWORD_TEXT = """
a about above after again against ago ahead all also am amid an and any are aren't around as at back be because
been before being below between both but by can can't could did didn't do does doesn't doing don't down during each
few for from further get gets got had has hasn't have having he her here here's hers him his how i if in into is
isn't it it's its itself just let like look looks make makes many may me might more most much must my near new
news next no nor not now of off on once one only or other our out over own per report reports said same say says
see she should since so some still such than that that's the their them then there these they this those though
through to too under until up update updated upon us very via video was we were what what's when where whether
which while who why will with within without would yet you your vs watch live photo photos week today year years
day days time tonight tomorrow yesterday morning evening night monday tuesday wednesday thursday friday
saturday sunday january february march april june july august september october november december
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class StoryInput:
    """One article as grouping sees it."""

    key: str  # the article's content path, e.g. "content/2021/x.md" (unique)
    title: str  # headline
    text: str  # plain text of the body ("" or the headline again when there is no body)
    moment: datetime  # timezone-aware publication time (may be midnight when only the day is known)
    source: str  # publisher / agency ("" if unknown)


@dataclass(frozen=True)
class StoryFeatures:
    """What grouping needs from one article, computed once and cacheable (pure, picklable)."""

    tokens: tuple[str, ...]  # sorted distinct content tokens of headline and lede
    capitalised: tuple[str, ...]  # tokens written as a name (capitalised mid-sentence, acronym, mixed case)
    lowercase: tuple[str, ...]  # tokens written in lower case mid-sentence: evidence of an ordinary word
    headline: str  # the headline's words, lower-cased: equal strings are the same headline
    shingles: tuple[int, ...]  # sampled hashes of the body's word 4-grams; empty for short bodies
    source: str  # the outlet, case-folded


@dataclass(frozen=True)
class GroupingRules:
    """The thresholds of story grouping; the defaults are the product's rule."""

    pair: float = 0.45  # cosine of two lone articles needed to start a story together
    join: float = 0.35  # cosine of an article to the centroid of a story of two or more needed to join it
    merge: float = 0.3  # cosine of two centroids (both stories of two or more) needed to merge them
    member: float = 0.2  # cosine of a member to the rest of its story needed to stay
    name_boost: float = 1.5
    number_boost: float = 1.3
    same_source_penalty: float = 0.5  # similarity lost, times the share of the story from the article's outlet
    # Similarity kept is 1 - day_decay * (days apart - 1/2) between an article and a story's first report, or between
    # two stories' first reports: the same half day costs nothing, the next day keeps 30%, two days nothing. News that
    # recurs (a market's close, a celebrity's week, a trial) gets new headlines every day about a new event.
    day_decay: float = 1.4
    # Reports with more content tokens than a headline has (`SHORT_TOKENS`) share a smaller part of them even when they
    # tell one event: two outlets' full texts meet at cosine 0.1-0.3 where their headlines meet at 0.5. Their similarity
    # is raised by (tokens / SHORT_TOKENS) ** long_text_power, the smaller side's, so headlines compare as before.
    long_text_power: float = 0.45
    # ... but only between reports that share this many names: vocabulary alone joins a market's or a league's
    # different events (two companies' downgrades, two matches of one tournament), names tell one event.
    long_text_names: int = 3
    # ... and only names this rare: in at most this share of the reports grouped together (a block, or a seam's two), or
    # in RARE_NAME_REPORTS of them where that is more. A league's or a market's everyday names ("Labour", "Tokyo") are
    # shared by reports of many events; a person or a place in the news this week is shared by one event's.
    long_text_rare: float = 0.02
    near_containment: float = 0.6
    near_resemblance: float = 0.3
    near_min_shared: int = 3
    # The thresholds above were set on days of about a thousand headlines, where each report meets hundreds of others
    # and chance likeness is common. On quieter days (fewer than `busy_day` reports a day) fewer rivals compete, so a
    # report may start or join a story of the same half day at a similarity lower by `quiet_relief` per tenfold fewer
    # reports, by `quiet_relief_most` at most. Only the same half day: news that recurs the next day (a market's close)
    # is still another story; and only headline-length reports: full texts meet other measures (`long_text_power`).
    busy_day: float = 150.0
    quiet_relief: float = 0.1
    quiet_relief_most: float = 0.1

    def same_day_cut(self, days: Sequence[float]) -> float:
        """How much lower a same-day headline's pair and join thresholds are in a stretch of reports on `days` (in days)."""
        active = len({math.floor(day) for day in days})
        per_day = len(days) / active if active else 0.0
        if per_day >= self.busy_day:
            return 0.0
        return min(self.quiet_relief_most, self.quiet_relief * math.log10(self.busy_day / max(per_day, 1.0)))


DEFAULT_RULES = GroupingRules()
# No headline of the tuning and held-out sets has more content tokens than this (at most 11 of 12,853).
SHORT_TOKENS = 12


# The fewest reports a name may be shared by and still count as rare (`long_text_rare`), however few reports there are.
RARE_NAME_REPORTS = 3


@dataclass(frozen=True)
class _Words:
    """How many reports a stretch of days holds, and how many of them have each token, write it as a name, write it in
    lower case: what weights and rare names are read from. A block's are counted once, for the block and its two seams."""

    reports: int
    frequency: Mapping[str, int]
    named: Mapping[str, int]
    plain: Mapping[str, int]


def _words(features: Sequence[StoryFeatures]) -> _Words:
    """The word counts of the reports given (in C: Counter over chained tuples)."""
    return _Words(
        len(features),
        Counter(chain.from_iterable(feature.tokens for feature in features)),
        Counter(chain.from_iterable(feature.capitalised for feature in features)),
        Counter(chain.from_iterable(feature.lowercase for feature in features)),
    )


def _summed(tokens: Sequence[str], counts: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Each token's count over several stretches (mapped in C, one pass per stretch)."""
    totals: Iterable[int] = repeat(0, len(tokens))
    for count in counts:
        totals = list(map(add, totals, map(count.get, tokens, repeat(0))))
    return dict(zip(tokens, totals, strict=True))


def _rare_names(features: Sequence[StoryFeatures], rules: GroupingRules, parts: Sequence[_Words] | None = None) -> list[frozenset[str]]:
    """Each report's names that few reports of the same stretch share (`long_text_rare`).

    The stretch is the reports given, or with `parts` the stretches counted there (a seam's two blocks), of which the
    reports given may be a few.
    """
    if parts is None:
        parts = (_words(features),)
    if len(parts) == 1:
        counts = parts[0].named
    else:
        counts = _summed(
            list(dict.fromkeys(chain.from_iterable(feature.capitalised for feature in features))), (part.named for part in parts)
        )
    most = max(RARE_NAME_REPORTS, rules.long_text_rare * sum(part.reports for part in parts))
    return [frozenset(name for name in feature.capitalised if counts[name] <= most) for feature in features]


def _length_boost(tokens: int, rules: GroupingRules) -> float:
    """How much a report of `tokens` content tokens has its similarities raised (1.0 up to a headline's length)."""
    return (tokens / SHORT_TOKENS) ** rules.long_text_power if tokens > SHORT_TOKENS else 1.0


def _stem(word: str) -> str:
    """Fold plural and tense endings, so "files", "filed" and "filing" meet."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) >= 5:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    elif word[-1] == "s" and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word[-1] == "e" and len(word) >= 4:
        word = word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 16)
def _word_shape(raw: str) -> tuple[tuple[str, ...], bool, bool, bool, bool, bool]:
    """What one raw word gives, whatever surrounds it: (tokens, written as a name, starts upper case, does not end a
    sentence, long, long and starting upper case). A stopword gives no tokens.

    Cached: a collection's ledes share most of their words, and this is most of reading one.
    """
    long = len(raw) > 3
    long_upper = long and raw[0].isupper()
    low = raw.lower()
    if low in STOPWORDS:
        return (), False, False, raw[-1] not in _SENTENCE_ENDS, long, long_upper
    if low.isalpha() and (raw.islower() or raw.istitle()):
        # The common case, a plain word: no punctuation, no name shape to look at.
        found = ((_stem(low) if len(low) > 3 else low),) if len(low) > 1 else ()
        return found, False, raw[0] != low[0], True, long, long_upper
    ends = raw[-1] in _SENTENCE_ENDS
    if not low.isalnum():
        low = low.replace("’", "'").rstrip(".").replace(".", "")
        if low.endswith("'s"):
            low = low[:-2]
        if ends and raw.count(".") > 1:
            ends = False  # "U.S." ends an abbreviation, not a sentence
    name = (raw.isupper() and len(raw) > 1) or not (raw.islower() or raw.istitle() or raw.isupper() or raw.isdigit())
    parts = low.split("-") if "-" in low else [low]
    if name and raw[0].isupper():
        pieces = _RUN_TOGETHER.split(raw.rstrip("."))
        if len(pieces) > 1 and all(piece.isalpha() for piece in pieces):
            parts.extend(piece.lower() for piece in pieces)
    found = tuple(
        _stem(part)
        for part in parts
        if not (len(part) < 2 or part in STOPWORDS or not part[0].isalnum() or (part[0].isdigit() and _CALENDAR_NUMBER.fullmatch(part)))
    )
    return found, name, raw[0].isupper(), not ends, long, long_upper


_FOUND, _NAME, _UPPER, _GOES_ON, _LONG, _LONG_UPPER = (itemgetter(field) for field in range(6))


@functools.lru_cache(maxsize=1 << 16)
def _raw_words(chunk: str) -> tuple[str, ...]:
    """The words of a run of text without white space (no word spans white space, so a text's are its runs' in order)."""
    return tuple(_WORD.findall(chunk))


def _scan(chunks: Sequence[str], tokens: set[str], capitalised: set[str], lowercase: set[str]) -> list[str]:
    """Add the content tokens of a text (split at white space) and the evidence its capitalisation gives; return its raw words.

    Mapped in C rather than looped word by word: this runs for every article as it is parsed, and the loop it replaces
    (tests/test_grouping.py, `_plain_scan`) is checked against it.
    """
    raws = list(chain.from_iterable(map(_raw_words, chunks)))
    shapes = list(map(_word_shape, raws))
    found = list(map(_FOUND, shapes))
    tokens.update(chain.from_iterable(found))
    capitalised.update(chain.from_iterable(compress(found, map(_NAME, shapes))))
    # In a Title Case (or capitals) headline capitals say nothing about which words are names.
    long_words = sum(map(_LONG, shapes))
    if long_words and sum(map(_LONG_UPPER, shapes)) < 0.6 * long_words:
        # Inside a sentence (not the text's first word, nor one after a sentence's end) and not written as a name:
        # there a capital says the word is a name, and small letters that it is an ordinary word. (True > False.)
        inside = chain((False,), map(_GOES_ON, shapes))
        plain = list(map(gt, inside, map(_NAME, shapes)))
        capitalised.update(chain.from_iterable(compress(found, map(and_, plain, map(_UPPER, shapes)))))
        lowercase.update(chain.from_iterable(compress(found, map(gt, plain, map(_UPPER, shapes)))))
    return raws


def _shingles(text: str) -> tuple[int, ...]:
    """The body's word 4-grams whose hash is 0 mod SAMPLE_MODULUS (empty when the body is short)."""
    low = text.lower()
    # Most bodies are ASCII: there a word is a run of letters and digits, split out by a byte table in C at a
    # fraction of the regex's cost, and each 4-gram is already the bytes its CRC is taken of.
    ascii_only = low.isascii()
    if ascii_only:
        words: list[bytes] | list[str] = low.encode("ascii").translate(_ASCII_WORD_BREAKS).split()
    else:
        words = _PLAIN.findall(low)
    if len(words) < MIN_BODY_WORDS:
        return ()
    words = words[:SHINGLE_SPAN]
    # Mapped in C rather than looped: this runs for every article as it is parsed.
    # The shifted lists differ in length on purpose: zip stops at the last whole 4-gram.
    shifted = zip(*(words[start:] for start in range(SHINGLE_WORDS)), strict=False)
    grams = map(b" ".join, shifted) if ascii_only else map(str.encode, map(" ".join, shifted))
    return tuple(sorted({value for value in map(zlib.crc32, grams) if not value % SAMPLE_MODULUS}))


def story_features(item: StoryInput) -> StoryFeatures:
    """The tokens, name evidence and body samples of one article."""
    tokens: set[str] = set()
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    raws = _scan(item.title.split(), tokens, capitalised, lowercase)
    body = item.text.strip()
    has_body = bool(body) and body != item.title.strip()
    if has_body:
        _scan(body.split(maxsplit=LEDE_WORDS)[:LEDE_WORDS], tokens, capitalised, lowercase)
    return StoryFeatures(
        tokens=tuple(sorted(tokens)),
        capitalised=tuple(sorted(capitalised)),
        lowercase=tuple(sorted(lowercase - capitalised)),
        headline=" ".join(raws).lower(),
        shingles=_shingles(body) if has_body else (),
        source=item.source.strip().casefold(),
    )


# What an article's StoryFeatures keep on disk: its token lists joined by newlines (a token holds no white space),
# the headline, the samples as little-endian 32-bit integers, and the outlet. Six values instead of a hundred small
# objects: a build stores every article's features but reads back only those of the weeks an edit touched.
PackedFeatures = tuple[str, str, str, str, bytes, str]


def pack_features(features: StoryFeatures) -> PackedFeatures:
    """StoryFeatures as six flat values, cheap to store and load (`unpack_features` restores them)."""
    return (
        "\n".join(features.tokens),
        "\n".join(features.capitalised),
        "\n".join(features.lowercase),
        features.headline,
        struct.pack(f"<{len(features.shingles)}I", *features.shingles),
        features.source,
    )


def unpack_features(packed: PackedFeatures) -> StoryFeatures:
    """The StoryFeatures that `pack_features` flattened."""
    tokens, capitalised, lowercase, headline, shingles, source = packed
    return StoryFeatures(
        tuple(tokens.split("\n")) if tokens else (),
        tuple(capitalised.split("\n")) if capitalised else (),
        tuple(lowercase.split("\n")) if lowercase else (),
        headline,
        struct.unpack(f"<{len(shingles) // 4}I", shingles),
        source,
    )


class UnpackedOnUse(Sequence[StoryFeatures]):
    """Packed features read as StoryFeatures, each unpacked when it is asked for: grouping reads only the articles of
    blocks it has no kept answer for.

    Nothing unpacked is kept: a worker that groups hundreds of weeks would otherwise end up holding every one of
    their articles' features (1 GiB a worker at 100,000 articles), and unpacking a block again for its seams costs
    far less than grouping it.
    """

    def __init__(self, packed: Sequence[PackedFeatures]) -> None:
        self._packed = packed

    def __len__(self) -> int:
        return len(self._packed)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return [unpack_features(packed) for packed in self._packed[index]]
        return unpack_features(self._packed[index])


def _near_pairs(features: Sequence[StoryFeatures], days: Sequence[float], window: float, rules: GroupingRules) -> list[tuple[int, int]]:
    """Pairs (by position in time order, first < second) of bodies within `window` days of each other that are near-identical."""
    # Almost every sample is a body's own: counted in C first, only the shared ones get a posting list.
    counts = Counter(chain.from_iterable(feature.shingles for feature in features))
    repeated = {value for value, count in counts.items() if count > 1}
    postings: dict[int, list[int]] = defaultdict(list)
    if repeated:
        for position, feature in enumerate(features):
            for value in repeated.intersection(feature.shingles):
                postings[value].append(position)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        if len(members) < 2:
            continue
        # Members are in time order: each pairs with those after it inside the window. A sample that
        # very many bodies of those few days share is boilerplate (a standard sign-off), not shared text.
        end = 0
        for index, first in enumerate(members):
            end = max(end, index + 1)
            while end < len(members) and days[members[end]] - days[first] <= window:
                end += 1
            if end - index > BOILERPLATE_BODIES:
                continue
            for second in members[index + 1 : end]:
                shared[first, second] += 1
    pairs = []
    for (first, second), count in shared.items():
        if count < rules.near_min_shared:
            continue
        size_a, size_b = len(features[first].shingles), len(features[second].shingles)
        if count / min(size_a, size_b) >= rules.near_containment and count / (size_a + size_b - count) >= rules.near_resemblance:
            pairs.append((first, second))
    return sorted(pairs)


def _ordered(items: Sequence[StoryInput]) -> list[int]:
    """Indexes in (moment, key) order, the order every computation follows."""
    return sorted(range(len(items)), key=lambda index: (items[index].moment, items[index].key))


def _weights(
    features: Sequence[StoryFeatures], rules: GroupingRules, only: Iterable[str] | None = None
) -> tuple[dict[str, float], Mapping[str, int]]:
    """Each token's weight (IDF over the items given, names and numbers boosted) and how many items have it.

    With `only`, weights are worked out for those tokens alone.
    """
    return _weights_of((_words(features),), rules, only)


def _weights_of(
    parts: Sequence[_Words], rules: GroupingRules, only: Iterable[str] | None = None
) -> tuple[dict[str, float], Mapping[str, int]]:
    """`_weights` over the reports counted in `parts`; with more than one part, `only` is needed and the frequencies
    returned are of those tokens alone (a seam needs the few of its stories, counted over both its blocks)."""
    count = sum(part.reports for part in parts)
    if len(parts) == 1:
        frequency, named, plain = parts[0].frequency, parts[0].named, parts[0].plain
        tokens: Iterable[str] = frequency if only is None else [token for token in dict.fromkeys(only) if token in frequency]
    else:
        assert only is not None, "weights over several stretches are worked out for the tokens asked only"
        frequency = _summed(list(dict.fromkeys(only)), (part.frequency for part in parts))
        tokens = [token for token, items in frequency.items() if items]
        named = _summed(tokens, (part.named for part in parts))
        plain = _summed(tokens, (part.plain for part in parts))
    # Items writing a token as a name, minus items writing it in lower case.
    names = {token for token, votes in named.items() if votes > plain.get(token, 0)}
    # Most tokens share one of a few frequencies: each frequency's logarithm is taken once.
    idf: dict[int, float] = {}
    weight: dict[str, float] = {}
    for token in tokens:
        items = frequency[token]
        value = idf.get(items)
        if value is None:
            value = idf[items] = math.log((count + 1) / items)
        if token in names:
            value *= rules.name_boost
        elif not token.isalpha() and any(c.isdigit() for c in token):
            value *= rules.number_boost
        weight[token] = value
    return weight, frequency


def _unit_vector(feature: StoryFeatures, weight: Mapping[str, float]) -> dict[str, float]:
    """An item's tokens weighted and scaled to length one."""
    values = list(map(weight.__getitem__, feature.tokens))
    norm = math.sqrt(sum(map(pow, values, repeat(2)))) or 1.0
    return dict(zip(feature.tokens, map(truediv, values, repeat(norm)), strict=True))


def _vectors(
    features: Sequence[StoryFeatures], rules: GroupingRules, words: _Words | None = None
) -> tuple[list[dict[str, float]], list[list[str]]]:
    """Unit TF-IDF vectors (IDF over the items given, names and numbers boosted) and each item's rarest shared tokens."""
    weight, frequency = _weights_of((words or _words(features),), rules)
    vectors, keys = [], []
    for feature in features:
        vectors.append(_unit_vector(feature, weight))
        # A token no other item has cannot find a story; the rarest of the rest find it fastest.
        shared = sorted([(-weight[token], token) for token in feature.tokens if frequency[token] > 1])
        keys.append([token for _, token in shared[:KEY_TOKENS]])
    return vectors, keys


@dataclass
class _Story:
    """A story being built: members (positions), centroid, and what the penalties need."""

    members: list[int]
    centroid: dict[str, float]
    norm2: float
    first_day: float
    last_day: float
    sources: dict[str, int]
    headlines: set[str]
    boost: float = math.inf  # the smallest length boost of its members (`_length_boost`)
    names: set[str] = field(default_factory=set)  # the tokens its members write as names


def _add(
    story: _Story,
    position: int,
    vector: dict[str, float],
    dot: float,
    day: float,
    feature: StoryFeatures,
    boost: float,
    names: frozenset[str],
) -> None:
    """Add one article to a story (dot is its vector's dot product with the centroid before)."""
    story.members.append(position)
    centroid = story.centroid
    if not centroid:
        story.centroid = vector.copy()  # most stories have one article: its vector is the centroid
    else:
        for token, value in vector.items():
            centroid[token] = centroid.get(token, 0.0) + value
    story.norm2 += 2 * dot + 1
    story.last_day = max(story.last_day, day)
    story.first_day = min(story.first_day, day)
    story.sources[feature.source] = story.sources.get(feature.source, 0) + 1
    story.headlines.add(feature.headline)
    story.boost = min(story.boost, boost)
    story.names.update(names)


def _affinity(
    story: _Story, vector: dict[str, float], day: float, feature: StoryFeatures, boost: float, names: frozenset[str], rules: GroupingRules
) -> tuple[float, float]:
    """(penalised cosine, raw dot) of an article (with its length boost) to a story's centroid."""
    centroid = story.centroid
    dot = 0.0
    for token, value in vector.items():
        other = centroid.get(token)
        if other is not None:
            dot += value * other
    score = dot / math.sqrt(story.norm2)
    if boost > 1.0 and len(story.names.intersection(names)) >= rules.long_text_names:
        score *= min(story.boost, boost)
    same = story.sources.get(feature.source, 0) if feature.source else 0
    if same and feature.headline not in story.headlines:
        score *= 1 - rules.same_source_penalty * same / len(story.members)
    score *= _kept_over(abs(day - story.first_day), rules)
    return score, dot


def _kept_over(days_apart: float, rules: GroupingRules) -> float:
    """The share of a similarity kept between reports `days_apart` (see GroupingRules.day_decay)."""
    return max(0.0, 1 - rules.day_decay * max(0.0, days_apart - 0.5))


def _too_far_apart(days_apart: float, rules: GroupingRules) -> bool:
    """Whether reports `days_apart` keep nothing of their similarity (`_kept_over`): then no threshold above nought can
    be met, and the passes do not weigh them (the tests switch this off to compare the answers)."""
    return not _kept_over(days_apart, rules)


def _single_pass(
    features: Sequence[StoryFeatures],
    vectors: list[dict[str, float]],
    keys: list[list[str]],
    days: Sequence[float],
    window: float,
    rules: GroupingRules,
    pairs: Sequence[tuple[int, int]],
    rare: Sequence[frozenset[str]],
    same_day_cut: float,
) -> list[_Story]:
    """First pass: each article, in time order, joins its best open story or starts one (copies in `pairs` go together).

    A headline-length report meets the pair and join thresholds less `same_day_cut` with a story of its own half day.
    """
    near_root = _near_roots(pairs, days, window)
    stories: list[_Story] = []
    story_of_root: dict[int, int] = {}
    index: dict[str, list[int]] = defaultdict(list)  # token → stories having it, oldest first
    # Stories are looked up by articles' key tokens only: only those are indexed (a tenth of a lede's tokens).
    looked_up = set(chain.from_iterable(keys))
    for position, vector in enumerate(vectors):
        day, feature = days[position], features[position]
        boost = _length_boost(len(vector), rules)
        chosen, chosen_dot = -1, 0.0
        root = near_root.get(position)
        if root is not None and root in story_of_root:
            # A copy of the same wire text goes where the copy went, before anything else is weighed.
            chosen = story_of_root[root]
            chosen_dot = _affinity(stories[chosen], vector, day, feature, boost, rare[position], rules)[1]
        else:
            best = min(rules.join, rules.pair) - (same_day_cut if boost == 1.0 else 0.0)
            tried: set[int] = set()
            for token in keys[position]:
                seen = 0
                for number in reversed(index.get(token, ())):
                    story = stories[number]
                    if story.first_day < day - window or seen >= STORIES_PER_TOKEN:
                        break
                    seen += 1
                    if number in tried:
                        continue
                    tried.add(number)
                    if best > 0 and _too_far_apart(day - story.first_day, rules):
                        continue  # begun too long ago to meet any threshold (half the stories tried on the bench)
                    score, dot = _affinity(story, vector, day, feature, boost, rare[position], rules)
                    # One article is weak evidence of what a story is about; a centroid is stronger.
                    needed = rules.pair if len(story.members) == 1 else rules.join
                    if boost == 1.0 and day - story.first_day <= 0.5:
                        needed -= same_day_cut
                    if score >= best and score >= needed:
                        best, chosen, chosen_dot = score, number, dot
        if chosen < 0:
            chosen = len(stories)
            stories.append(_Story([], {}, 0.0, day, day, {}, set()))
        story = stories[chosen]
        for token in looked_up.intersection(vector):
            if token not in story.centroid:
                postings = index[token]
                if not postings or postings[-1] != chosen:
                    postings.append(chosen)
        _add(story, position, vector, chosen_dot, day, feature, boost, rare[position])
        if root is not None:
            story_of_root.setdefault(root, chosen)
    return stories


def _near_roots(pairs: Sequence[tuple[int, int]], days: Sequence[float], window: float) -> dict[int, int]:
    """Position → earliest position of its near-duplicate set, for copies within the window of that one."""
    roots: dict[int, int] = {}
    for first, second in pairs:
        root = roots.get(first, first)
        if second not in roots and days[second] - days[root] <= window:
            roots[first] = root
            roots[second] = root
    return roots


def _centroid_cosine(one: _Story, other: _Story) -> float:
    """Cosine of two stories' centroids: their mean pairwise similarity relative to their cohesion."""
    small, large = (one, other) if len(one.centroid) <= len(other.centroid) else (other, one)
    dot = 0.0
    centroid = large.centroid
    for token, value in small.centroid.items():
        found = centroid.get(token)
        if found is not None:
            dot += value * found
    return dot / math.sqrt(one.norm2 * other.norm2)


def _top_tokens(story: _Story) -> list[str]:
    """The tokens a story leans on most, to find stories it might merge with."""
    return _strongest(story.centroid, KEY_TOKENS)


def _strongest(centroid: Mapping[str, float], count: int) -> list[str]:
    """The `count` tokens of largest value, ties by token (pairs sorted in C: no key function called per token)."""
    return [token for _, token in sorted(zip(map(neg, centroid.values()), centroid, strict=True))[:count]]


def _nearby(index: dict[tuple[str, int], list[int]], token: str, bucket: int) -> list[int]:
    """Stories indexed under a token in a time slice and its neighbours (the only ones a window can reach)."""
    return [*index.get((token, bucket - 1), ()), *index.get((token, bucket), ()), *index.get((token, bucket + 1), ())]


def _merge_pass(stories: list[_Story], window: float, rules: GroupingRules) -> list[_Story]:
    """Second pass: merge stories whose centroids agree, best pair first, within the window."""
    alive = {number: story for number, story in enumerate(stories)}
    # Keyed by token and window-wide slice of time, so a busy token of long ago costs nothing today.
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    heap: list[tuple[float, int, int]] = []
    width = max(window, 1.0)

    def offer(number: int) -> None:
        story = alive[number]
        tried = set()
        bucket = int(story.first_day // width)
        for token in _top_tokens(story):
            for other in _nearby(index, token, bucket):
                if other == number or other in tried or other not in alive:
                    continue
                tried.add(other)
                partner = alive[other]
                if max(story.last_day, partner.last_day) - min(story.first_day, partner.first_day) > window:
                    continue
                apart = abs(story.first_day - partner.first_day)
                if min(rules.pair, rules.join, rules.merge) > 0 and _too_far_apart(apart, rules):
                    continue
                score = _centroid_cosine(story, partner) * _kept_over(apart, rules)
                raised = min(story.boost, partner.boost)
                if raised > 1.0 and len(story.names & partner.names) >= rules.long_text_names:
                    score *= raised
                # One article is weak evidence of what a story is about; a centroid is stronger.
                needed = rules.merge if min(len(story.members), len(partner.members)) > 1 else rules.join
                if len(story.members) == len(partner.members) == 1:
                    needed = rules.pair
                if score >= needed:
                    heapq.heappush(heap, (-score, min(number, other), max(number, other)))
            index[token, bucket].append(number)

    for number in range(len(stories)):
        offer(number)
    while heap:
        _, first, second = heapq.heappop(heap)
        if first not in alive or second not in alive:
            continue
        one, other = alive.pop(first), alive.pop(second)
        if len(one.members) < len(other.members):
            one, other = other, one
        dot = 0.0
        for token, value in other.centroid.items():
            found = one.centroid.get(token)
            if found is not None:
                dot += value * found
            one.centroid[token] = (found or 0.0) + value
        one.norm2 += other.norm2 + 2 * dot
        one.members.extend(other.members)
        one.first_day = min(one.first_day, other.first_day)
        one.last_day = max(one.last_day, other.last_day)
        for source, seen in other.sources.items():
            one.sources[source] = one.sources.get(source, 0) + seen
        one.headlines |= other.headlines
        one.boost = min(one.boost, other.boost)
        one.names |= other.names
        number = len(stories)
        stories.append(one)
        alive[number] = one
        offer(number)
    return [alive[number] for number in sorted(alive)]


def _attach_pass(
    stories: list[_Story],
    features: Sequence[StoryFeatures],
    vectors: list[dict[str, float]],
    keys: list[list[str]],
    days: Sequence[float],
    window: float,
    rules: GroupingRules,
    rare: Sequence[frozenset[str]],
) -> list[_Story]:
    """Third pass: a lone article joins the best finished story it fits (it may have come before the story took shape)."""
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    width = max(window, 1.0)
    for number, story in enumerate(stories):
        if len(story.members) > 1:
            for token in story.centroid:
                index[token, int(story.first_day // width)].append(number)
    kept = []
    for story in stories:
        if len(story.members) > 1:
            kept.append(story)
            continue
        position = story.members[0]
        vector, day, feature = vectors[position], days[position], features[position]
        boost = _length_boost(len(vector), rules)
        best, chosen, chosen_dot = rules.join, None, 0.0
        tried: set[int] = set()
        for token in keys[position]:
            for number in _nearby(index, token, int(day // width)):
                if number in tried:
                    continue
                tried.add(number)
                candidate = stories[number]
                if max(candidate.last_day, day) - min(candidate.first_day, day) > window:
                    continue
                if best > 0 and _too_far_apart(abs(day - candidate.first_day), rules):
                    continue
                score, dot = _affinity(candidate, vector, day, feature, boost, rare[position], rules)
                if score >= best:
                    best, chosen, chosen_dot = score, candidate, dot
        if chosen is None:
            kept.append(story)
        else:
            _add(chosen, position, vector, chosen_dot, day, feature, boost, rare[position])
    return kept


def _cohesive(story: _Story, vectors: list[dict[str, float]], rare: Sequence[frozenset[str]], rules: GroupingRules) -> list[list[int]]:
    """Split off, weakest first, members whose cosine to the rest of the story is below MEMBER (raised for a full text
    as the passes raise it: when the member shares enough rare names with the rest)."""
    members = sorted(story.members)
    if len(members) < 3:
        return [members]
    centroid = dict(story.centroid)
    norm2 = story.norm2
    removed: list[list[int]] = []
    while len(members) > 2:
        worst, weakest = math.inf, -1
        writers = Counter(chain.from_iterable(rare[member] for member in members)) if story.boost > 1.0 else Counter()
        for member in members:
            vector = vectors[member]
            dot = sum(value * centroid[token] for token, value in vector.items())
            rest = math.sqrt(max(norm2 - 2 * dot + 1, 1e-12))
            cosine = (dot - 1) / rest
            if story.boost > 1.0 and sum(writers[name] > 1 for name in rare[member]) >= rules.long_text_names:
                cosine *= story.boost
            if cosine < worst:
                worst, weakest = cosine, member
        if worst >= rules.member:
            break
        vector = vectors[weakest]
        dot = sum(value * centroid[token] for token, value in vector.items())
        norm2 += 1 - 2 * dot
        for token, value in vector.items():
            centroid[token] -= value
        members.remove(weakest)
        removed.append([weakest])
    return [members, *removed]


def group_stories(
    items: Sequence[StoryInput],
    features: Sequence[StoryFeatures] | None = None,
    window_days: int = 3,
    *,
    rules: GroupingRules = DEFAULT_RULES,
) -> tuple[tuple[int, ...], ...]:
    """Partition items (by index) into story groups, each within window_days, in (moment, key) order."""
    return stories_and_copies(items, features, window_days, rules=rules)[0]


def near_duplicate_sets(
    items: Sequence[StoryInput],
    features: Sequence[StoryFeatures] | None = None,
    window_days: int = 3,
    *,
    rules: GroupingRules = DEFAULT_RULES,
) -> tuple[tuple[int, ...], ...]:
    """Sets (two or more, by index) of items whose bodies are near-identical copies within window_days, each inside one story group."""
    return stories_and_copies(items, features, window_days, rules=rules)[1]


def stories_and_copies(
    items: Sequence[StoryInput],
    features: Sequence[StoryFeatures] | None = None,
    window_days: int = 3,
    *,
    rules: GroupingRules = DEFAULT_RULES,
    item_keys: Sequence[str] | None = None,
    cache: BlockCache | None = None,
    processes: int | None = 1,
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """group_stories and near_duplicate_sets at once, by index: stories_in_time_order over the items in (moment, key) order.

    With `item_keys` (a key of each item's grouping inputs) and a `cache`, blocks and
    seams whose items did not change are taken from the cache, with the same answer.
    """
    if features is None:
        features = [story_features(item) for item in items]
    order = _ordered(items)
    groups, copies = stories_in_time_order(
        [items[i].moment for i in order],
        [items[i].key for i in order],
        [features[i] for i in order],
        window_days,
        rules=rules,
        fingerprints=None if item_keys is None else [item_keys[i] for i in order],
        cache=cache,
        processes=processes,
    )
    index_of = {items[i].key: i for i in order}
    return tuple(tuple(index_of[key] for key in group) for group in groups), tuple(tuple(index_of[key] for key in copy) for copy in copies)


def stories_in_time_order(
    moments: Sequence[datetime],
    keys: Sequence[str],
    features: Sequence[StoryFeatures],
    window_days: int = 3,
    *,
    rules: GroupingRules = DEFAULT_RULES,
    fingerprints: Sequence[str] | None = None,
    cache: BlockCache | None = None,
    processes: int | None = 1,
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """Story groups and copy sets, as tuples of keys in time order, of items given in (moment, key) order (keys unique).

    Each block of days is grouped on its own, then the seams are stitched. Blocks are what make
    an edit cheap: with `fingerprints` (a hash of each item's grouping inputs) and a `cache`, a
    block whose items did not change, and a seam between two such blocks, are taken from the
    cache, already in keys, so the rest costs a join of lists; the answer is the same as without
    it. Blocks are independent, and so are seams once their blocks are known: with `processes`
    other than 1 (None: every CPU) many of them are grouped in forked workers (parallel.map_chunks).
    """
    stamps = [moment.timestamp() for moment in moments]
    days = [stamp / 86400 for stamp in stamps]
    span = block_days(window_days)
    # Items are in time order, so each block is one run of positions.
    bounds: dict[int, tuple[int, int]] = {}
    start = 0
    for number, run in groupby(int((day + BLOCK_ALIGN) // span) for day in days):
        size = len(list(run))
        bounds[number] = (start, start + size)
        start += size
    numbers = list(bounds)
    block_key: dict[int, str] = {}
    found: dict[int, Any] = {}
    for number in numbers:
        first, end = bounds[number]
        key = _block_key(window_days, keys[first:end], fingerprints[first:end]) if fingerprints is not None else ""
        block_key[number] = key
        if cache is not None and key:
            cache.block_keys[number] = key
        kept = cache.get(("block", key)) if cache is not None and key else None
        if kept is not None:
            found[number] = kept
    # A week without stories between two blocks: no story can cross it.
    neighbours = [(left, right) for left, right in pairwise(numbers) if right == left + 1]
    seams: dict[tuple[int, int], Any] = {}
    for left, right in neighbours:
        kept = cache.get(("seam", (block_key[left], block_key[right]))) if cache is not None and block_key[left] else None
        if kept is not None:
            seams[left, right] = kept
    missing = [number for number in numbers if number not in found]
    missing_seams = [pair for pair in neighbours if pair not in seams]
    # Runs of neighbouring blocks are worked through in order, each block unpacked once for itself and its seams; with
    # workers, runs are cut into pieces, and the seams between pieces are stitched once every block is known.
    work = sorted({*missing, *chain.from_iterable(missing_seams)})
    workers = (worker_count() if processes is None else processes) if len(missing) + len(missing_seams) >= PARALLEL_BLOCKS else 1
    state = _GroupingState(
        stamps, days, keys, features, bounds, window_days, rules, dict(found), frozenset(missing), frozenset(missing_seams)
    )
    for chunk in map_chunks(_group_runs, state, _runs(work, 3 * workers if workers > 1 else 1), workers, 1):
        for kind, where, kept in chunk:
            if kind == "block":
                found[where] = kept
                if cache is not None and block_key[where]:
                    cache[("block", block_key[where])] = kept
            else:
                seams[where] = kept
    across = [pair for pair in missing_seams if pair not in seams]
    state = _GroupingState(stamps, days, keys, features, bounds, window_days, rules, found)
    for chunk in map_chunks(_stitch_seams, state, across, processes, PARALLEL_BLOCKS):
        for pair, kept in chunk:
            seams[pair] = kept
    if cache is not None:
        for left, right in missing_seams:
            if block_key[left]:
                cache[("seam", (block_key[left], block_key[right]))] = seams[left, right]
    # Blocks follow each other in time and each block's stories are in time order, so their join is too.
    groups = list(chain.from_iterable(found[number][0] for number in numbers))
    links = list(chain.from_iterable(found[number][1] for number in numbers))
    joins = [joined for pair in neighbours for joined, copies in seams[pair]]
    links += (copy for pair in neighbours for _, copies in seams[pair] for copy in copies)
    rank: dict[str, int] = {}
    if joins or links:
        rank = {key: position for position, key in enumerate(keys)}
    if joins:
        groups = union_of_groups(groups, joins, rank)
    return tuple(groups), tuple(_joined(links, rank))


def union_of_groups(
    groups: list[tuple[str, ...]], joins: Sequence[Sequence[tuple[str, ...]]], rank: Mapping[str, int]
) -> list[tuple[str, ...]]:
    """Disjoint groups (in time order of their leads) with the groups of each set in `joins` made one.

    A joined group takes the place of its earliest, so the leads stay in time order; its members are
    in the order of `rank` (position in time). Sets that share a group are joined too.
    """
    slot = {group: number for number, group in enumerate(groups)}
    parent = list(range(len(groups)))

    def root(number: int) -> int:
        while parent[number] != number:
            parent[number] = parent[parent[number]]
            number = parent[number]
        return number

    for joined in joins:
        numbers = [root(slot[group]) for group in joined]
        lowest = min(numbers)
        for number in numbers:
            parent[number] = lowest
    merged: dict[int, list[str]] = defaultdict(list)
    for number in sorted({slot[group] for joined in joins for group in joined}):
        merged[root(number)].extend(groups[number])
    out = []
    for number, group in enumerate(groups):
        top = root(number)
        if top == number and number in merged:
            out.append(tuple(sorted(merged[number], key=rank.__getitem__)))
        elif top == number:
            out.append(group)
    return out


# Fewer uncached blocks (or seams) than this are grouped in this process: a pool costs ~50 ms to start.
PARALLEL_BLOCKS = 16


@dataclass(frozen=True)
class _GroupingState:
    """What block and seam workers read (inherited by the fork, never pickled): items in time order and their blocks."""

    stamps: Sequence[float]  # seconds since the epoch
    days: Sequence[float]  # the same in days
    keys: Sequence[str]
    features: Sequence[StoryFeatures]
    bounds: Mapping[int, tuple[int, int]]  # block number → (first position, end position)
    window_days: int
    rules: GroupingRules
    found: Mapping[int, Any]  # blocks' stories and copies known before the work starts, in keys
    blocks_to_group: Collection[int] = ()
    seams_to_stitch: Collection[tuple[int, int]] = ()


@dataclass(frozen=True)
class _Block:
    """One block's reports, unpacked, and their word counts: kept while the block and both its seams are worked on."""

    number: int
    first: int  # position of its first report
    features: list[StoryFeatures]
    words: _Words


def _block(state: _GroupingState, number: int) -> _Block:
    """Block `number` unpacked and its words counted."""
    first, end = state.bounds[number]
    features = list(state.features[first:end])
    return _Block(number, first, features, _words(features))


def _grouped_block(state: _GroupingState, block: _Block) -> Any:
    """A block's stories and copies, in keys."""
    first = block.first
    end = first + len(block.features)
    groups, copies = _group_block(state.days[first:end], block.features, state.window_days, state.rules, block.words)
    keys = state.keys[first:end]
    return tuple(tuple(keys[p] for p in g) for g in groups), tuple(tuple(keys[p] for p in c) for c in copies)


def _stitched(state: _GroupingState, left: _Block, right: _Block, left_found: Any, right_found: Any) -> Any:
    """The stories that continue across the seam of two neighbouring blocks (given their stories in keys), in keys."""
    first, middle = left.first, right.first
    end = middle + len(right.features)
    keys = state.keys[first:end]
    place = {key: position for position, key in enumerate(keys)}
    found = _stitch(
        state.stamps[first:end],
        left.features + right.features,
        (left.words, right.words),
        [tuple(place[key] for key in group) for group in left_found[0]],
        [tuple(place[key] for key in group) for group in right_found[0]],
        middle - first,
        state.window_days,
        state.rules,
    )
    return tuple(
        (tuple(tuple(keys[p] for p in g) for g in groups), tuple(tuple(keys[p] for p in c) for c in copies)) for groups, copies in found
    )


def _group_runs(state: _GroupingState, runs: Sequence[Sequence[int]]) -> list[tuple[str, Any, Any]]:
    """Work through runs of neighbouring blocks: each block still to group, then the seam before it if still to stitch.

    ("block", number, stories and copies) and ("seam", (left, right), stitched) in keys. Each block is unpacked and its
    words counted once for itself and both its seams (a seam alone would do both again for two blocks).
    """
    out: list[tuple[str, Any, Any]] = []
    for run in runs:
        found: dict[int, Any] = {}
        previous: _Block | None = None
        for number in run:
            block = _block(state, number)
            if number in state.blocks_to_group:
                found[number] = _grouped_block(state, block)
                out.append(("block", number, found[number]))
            if previous is not None and (previous.number, number) in state.seams_to_stitch:
                left = found[previous.number] if previous.number in found else state.found[previous.number]
                right = found[number] if number in found else state.found[number]
                out.append(("seam", (previous.number, number), _stitched(state, previous, block, left, right)))
            previous = block
    return out


def _stitch_seams(state: _GroupingState, pairs: Sequence[tuple[int, int]]) -> list[tuple[tuple[int, int], Any]]:
    """The stories that continue across each seam of `pairs` (every block's stories in `state.found`), in keys."""
    return [
        ((left, right), _stitched(state, _block(state, left), _block(state, right), state.found[left], state.found[right]))
        for left, right in pairs
    ]


def neighbour_runs(numbers: Sequence[int]) -> list[list[int]]:
    """Ascending block numbers cut into runs of neighbours (`[3, 4, 9]` → `[[3, 4], [9]]`)."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return runs


def _runs(numbers: Sequence[int], pieces: int) -> list[list[int]]:
    """Ascending block numbers cut into runs of neighbours, each cut again into pieces of at most len / `pieces`."""
    size = max(1, -(-len(numbers) // pieces))
    return [run[start : start + size] for run in neighbour_runs(numbers) for start in range(0, len(run), size)]


def _joined(links: Sequence[tuple[str, ...]], rank: Mapping[str, int]) -> list[tuple[str, ...]]:
    """Copy sets and pairs that share an item joined into one set (each lies inside one group), in time order."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for link in links:
        for other in link[1:]:
            one, two = root(link[0]), root(other)
            if one != two:
                first, second = sorted((one, two), key=rank.__getitem__)
                parent[second] = first
    sets: dict[str, list[str]] = defaultdict(list)
    for key in sorted(parent, key=rank.__getitem__):
        sets[root(key)].append(key)
    return sorted((tuple(members) for members in sets.values() if len(members) >= 2), key=lambda members: rank[members[0]])


# Blocks of days grouped on their own; the epoch was a Thursday, so blocks of 7 start on Mondays.
BLOCK_ALIGN = 3
# How many of a story's strongest words find the stories across a seam it may continue as.
SEAM_TOKENS = 8


class BlockCache:
    """Block and seam results kept from the last grouping; `used` holds those this grouping used or made (keep it for the next)."""

    def __init__(self, previous: Mapping[tuple[str, Any], Any] | None = None):
        self.previous = previous or {}
        self.used: dict[tuple[str, Any], Any] = {}
        # Block number → key of its items, for each block this grouping saw.
        self.block_keys: dict[int, str] = {}

    def get(self, key: tuple[str, Any]) -> Any:
        """The result kept under `key`, or None."""
        value = self.used.get(key, self.previous.get(key))
        if value is not None:
            self.used[key] = value
        return value

    def __setitem__(self, key: tuple[str, Any], value: Any) -> None:
        self.used[key] = value


def block_days(window_days: int) -> int:
    """How many days a block holds: a week, or more when the window is long, so a story crosses at most one seam."""
    return max(7, 2 * window_days + 1)


def _block_key(window_days: int, keys: Sequence[str], fingerprints: Sequence[str]) -> str:
    """Hash of a block: the window, and its items' keys and fingerprints, in order."""
    digest = hashlib.blake2b(repr(window_days).encode(), digest_size=16)
    digest.update("\0".join(keys).encode("utf-8", "surrogatepass"))
    digest.update(b"\1")
    digest.update("\0".join(fingerprints).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _group_block(
    days: Sequence[float], features: Sequence[StoryFeatures], window_days: int, rules: GroupingRules, words: _Words | None = None
) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]]:
    """One block's stories and copies (by position in the block, whose items are in (moment, key) order)."""
    order = list(range(len(days)))
    words = words or _words(features)
    pairs = _near_pairs(features, days, window_days, rules)
    vectors, keys = _vectors(features, rules, words)
    rare = _rare_names(features, rules, (words,))
    stories = _single_pass(features, vectors, keys, days, window_days, rules, pairs, rare, rules.same_day_cut(days))
    stories = _merge_pass(stories, window_days, rules)
    stories = _attach_pass(stories, features, vectors, keys, days, window_days, rules, rare)
    positions = sorted(group for story in stories for group in _cohesive(story, vectors, rare, rules))
    return tuple(tuple(group) for group in positions), _copy_sets(pairs, positions, order)


def _decay_reach(rules: GroupingRules) -> float:
    """How many days apart two reports may be and still keep some of their similarity (`_kept_over`); inf without decay."""
    return 0.5 + 1 / rules.day_decay if rules.day_decay > 0 else math.inf


def _stitch(
    stamps: Sequence[float],
    features: Sequence[StoryFeatures],
    parts: Sequence[_Words],
    left_groups: Sequence[tuple[int, ...]],
    right_groups: Sequence[tuple[int, ...]],
    right_start: int,
    window_days: int,
    rules: GroupingRules,
    pruned: bool = True,
) -> tuple[tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...]], ...]:
    """Stories that continue across the seam of two neighbouring blocks (positions in time order, the right block from
    `right_start`; `parts` the two blocks' word counts): (the groups that are one story, their copies), best first.

    Read with the words of both blocks: a left story near the seam joins a right one when the two
    together fit the window and they share a copy of one wire text or their centroids are as close
    as a merge (or a join, or a pair, for lone reports) needs.

    `pruned` weighs only the stories whose similarity the time between them can leave above nothing
    (`_decay_reach`); the answer is the same as weighing every story near the seam (`pruned=False`, which the tests
    compare it with), at less cost.
    """
    window = window_days * 86400
    seam = stamps[right_start]
    reach = float(window)
    near_left = [g for g in left_groups if stamps[g[-1]] >= seam - reach]
    near_right = [g for g in right_groups if stamps[g[0]] <= seam + reach]
    if not near_left or not near_right:
        return ()
    near = sorted(i for group in (*near_left, *near_right) for i in group)
    near_features = [features[i] for i in near]
    days = [stamps[i] / 86400 for i in near]
    # Copies are found among all the reports near the seam: a 4-gram in many of them is boilerplate (`_near_pairs`).
    pairs = {(near[a], near[b]) for a, b in _near_pairs(near_features, days, window_days, rules)}
    group_of = {i: group for group in (*near_left, *near_right) for i in group}
    on_left = set(near_left)
    crossing = {group for a, b in pairs if (group_of[a] in on_left) != (group_of[b] in on_left) for group in (group_of[a], group_of[b])}
    # A right story begins at the seam or after it. A left story that began more than the decay's reach before the seam,
    # or a right one that began more than that after it, meets every story across at a similarity of nothing, which no
    # threshold (all above nought) is met by: only a copy of one wire text can join it across.
    cut = _decay_reach(rules) * 86400 if pruned and min(rules.pair, rules.join, rules.merge) > 0 else math.inf
    near_left = [g for g in near_left if stamps[g[0]] >= seam - cut or g in crossing]
    near_right = [g for g in near_right if stamps[g[0]] <= seam + cut or g in crossing]

    # Words weigh what they do in both blocks; only the stories weighed are described, each report once.
    weight: dict[str, float] = {}
    vectors: dict[int, dict[str, float]] = {}
    rare: dict[int, frozenset[str]] = {}
    centroids: dict[tuple[int, ...], dict[str, float]] = {}
    boosts: dict[tuple[int, ...], float] = {}
    names: dict[tuple[int, ...], set[str]] = {}

    def describe(groups: Iterable[tuple[int, ...]]) -> None:
        groups = [group for group in groups if group not in centroids]
        fresh = sorted(i for group in groups for i in group)
        weight.update(_weights_of(parts, rules, chain.from_iterable(features[i].tokens for i in fresh))[0])
        vectors.update((i, _unit_vector(features[i], weight)) for i in fresh)
        rare.update(zip(fresh, _rare_names([features[i] for i in fresh], rules, parts), strict=True))
        for group in groups:
            total: dict[str, float] = defaultdict(float)
            for index in group:
                for token, value in vectors[index].items():
                    total[token] += value
            centroids[group] = total
            boosts[group] = min(_length_boost(len(features[i].tokens), rules) for i in group)
            names[group] = {name for i in group for name in rare[i]}

    def cosine(one: dict[str, float], other: dict[str, float]) -> float:
        dot = sum(value * other.get(token, 0.0) for token, value in one.items())
        norms = math.sqrt(sum(v * v for v in one.values()) * sum(v * v for v in other.values()))
        return dot / norms if norms else 0.0

    def shared_boost(one: tuple[int, ...], other: tuple[int, ...]) -> float:
        raised = min(boosts[one], boosts[other])
        return raised if raised > 1.0 and len(names[one] & names[other]) >= rules.long_text_names else 1.0

    # Candidates share one of their strongest words or a copy: the seam costs what its stories do, not their product.
    describe((*near_left, *near_right))
    strongest = {group: _strongest(centroids[group], SEAM_TOKENS) for group in (*near_left, *near_right)}
    by_token: dict[str, list[tuple[int, ...]]] = defaultdict(list)
    right_of: dict[int, tuple[int, ...]] = {}
    for right in near_right:
        for token in strongest[right]:
            by_token[token].append(right)
        right_of.update(dict.fromkeys(right, right))
    partners: dict[int, set[int]] = defaultdict(set)
    for a, b in pairs:
        partners[a].add(b)
        partners[b].add(a)
    offers = []
    for left in near_left:
        linked = {right_of[b] for a in left for b in partners.get(a, ()) if b in right_of}
        candidates = {right for token in strongest[left] for right in by_token.get(token, ())} | linked
        for right in sorted(candidates):
            first, last = stamps[left[0]], stamps[right[-1]]
            if (last - first) / 86400 > window_days:
                continue
            shared = [(a, b) for a in left for b in right if (a, b) in pairs or (b, a) in pairs]
            needed = rules.merge if min(len(left), len(right)) > 1 else (rules.join if max(len(left), len(right)) > 1 else rules.pair)
            apart = abs(stamps[right[0]] - stamps[left[0]]) / 86400
            score = 1.0 if shared else cosine(centroids[left], centroids[right]) * _kept_over(apart, rules) * shared_boost(left, right)
            if score >= needed:
                offers.append((-score, left, right, shared))
    taken: set[tuple[int, ...]] = set()
    seams: list[tuple[list[tuple[int, ...]], set[tuple[int, ...]], dict[str, float]]] = []
    for _, left, right, shared in sorted(offers):
        if left in taken or right in taken:
            continue
        taken.update((left, right))
        copies = {tuple(sorted({a, b})) for a, b in shared}
        joined = defaultdict(float, centroids[left])
        for token, value in centroids[right].items():
            joined[token] += value
        seams.append(([left, right], copies, joined))
    # A lone report by the seam joins a story the seam made, as the attach pass lets one join a finished story. Only those
    # the decay leaves some similarity to are weighed (one far from the seam may reach a story stitched by a copy). They
    # are taken in time order, so a story grows back in time only to reports taken before any it could then reach.
    lone_reports = [g for g in group_of.values() if len(g) == 1 and g not in taken]
    if seams and lone_reports:
        starts = [min(stamps[g[0]] for g in groups) for groups, _, _ in seams]
        reached = [g for g in lone_reports if any(_kept_over(abs(stamps[g[0]] - start) / 86400, rules) > 0 for start in starts)]
        describe(reached if pruned else lone_reports)
    for lone in lone_reports:
        best, chosen = rules.join, None
        for number, (groups, _, joined) in enumerate(seams):
            moments = [stamps[i] for g in (*groups, lone) for i in g]
            apart = abs(stamps[lone[0]] - min(stamps[g[0]] for g in groups)) / 86400
            kept = _kept_over(apart, rules)
            if not kept and pruned and best > 0:
                continue
            kept *= min(shared_boost(lone, group) for group in groups)
            if (max(moments) - min(moments)) / 86400 <= window_days and (score := cosine(centroids[lone], joined) * kept) >= best:
                best, chosen = score, number
        if chosen is not None:
            seams[chosen][0].append(lone)
            taken.add(lone)
    return tuple((tuple(groups), tuple(sorted(copies))) for groups, copies, _ in seams)


def _copy_sets(pairs: Sequence[tuple[int, int]], groups: Sequence[Sequence[int]], order: Sequence[int]) -> tuple[tuple[int, ...], ...]:
    """The near-identical pairs joined into sets (by index) and cut along the story groups, so each lies inside one story."""
    if not pairs:
        return ()
    parent = {position: position for pair in pairs for position in pair}

    def root(position: int) -> int:
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    for first, second in pairs:
        one, other = root(first), root(second)
        if one != other:
            parent[max(one, other)] = min(one, other)
    story_of = {position: number for number, group in enumerate(groups) for position in group}
    sets: dict[tuple[int, int], set[int]] = defaultdict(set)
    for pair in pairs:
        for position in pair:
            sets[root(position), story_of[position]].add(position)
    found = sorted(sorted(positions) for positions in sets.values() if len(positions) >= 2)
    return tuple(tuple(order[position] for position in positions) for positions in found)
