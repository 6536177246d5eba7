"""The site model: pure functions from articles to their order, topics, months, days, tags, stories and related articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter

from .config import Config, Topic
from .content import Article
from .errors import Problem
from .keys import relations_key
from .kinds import tag_kind
from .slugs import tag_slug
from .state import RelatedMemo, StoryEntry
from .story_groups import new_story_id, stories_of

RELATED_LIMIT = 5
# How many neighbours in date order, per shared topic or tag, compete for "related".
# Exact all-pairs scoring is quadratic in a topic's size; news relevance decays
# with time anyway, so the nearest candidates per term are the ones that matter.
RELATED_WINDOW = 12
MICROSECOND = timedelta(microseconds=1)

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class TopicListing:
    """A topic and its articles, newest first."""

    topic: Topic
    articles: tuple[Article, ...]

    @property
    def url(self) -> str:
        """The topic page's URL, relative to the site root."""
        return f"topics/{self.topic.slug}/"

    @property
    def feed_url(self) -> str:
        """The topic feed's URL, relative to the site root."""
        return f"topics/{self.topic.slug}/feed.xml"


@dataclass(frozen=True)
class MonthListing:
    """The articles of one calendar month, newest first."""

    year: int
    month: int
    articles: tuple[Article, ...]

    @property
    def label(self) -> str:
        """E.g. `March 2021`."""
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def url(self) -> str:
        """The month's archive page URL."""
        return f"archive/{self.year:04d}/{self.month:02d}/"


@dataclass(frozen=True)
class TagListing:
    """A tag (a person, place or organisation stories name) and the stories naming it, newest first."""

    name: str
    slug: str
    kind: str
    articles: tuple[Article, ...]

    @property
    def url(self) -> str:
        """The tag page's URL."""
        return f"tags/{self.slug}/"

    @property
    def feed_url(self) -> str:
        """The tag feed's URL."""
        return f"tags/{self.slug}/feed.xml"


@dataclass(frozen=True)
class DayListing:
    """The stories of one local calendar day, newest first."""

    day: date
    articles: tuple[Article, ...]

    @property
    def url(self) -> str:
        """The day edition's URL."""
        return day_url(self.day)


@dataclass(frozen=True)
class StoryListing:
    """One story: the reports of one event, oldest first (the first is the lead), and which carry the same wire text."""

    id: str
    articles: tuple[Article, ...]
    # Sets of paths of reports whose bodies are copies of one wire text (each set within this story).
    copies: tuple[tuple[str, ...], ...] = ()
    # True when an editor's `story:` made or joined it.
    pinned: bool = False

    @property
    def url(self) -> str:
        """The full-coverage page's URL (stories of two or more reports have one)."""
        return f"stories/{self.id}/"

    @property
    def lead(self) -> Article:
        """The first report: it stands for the story in listings."""
        return self.articles[0]


@dataclass(frozen=True)
class Site:
    """Everything the renderer needs, computed before any rendering."""

    config: Config
    # Newest first; the path breaks ties.
    articles: tuple[Article, ...]
    topics: tuple[TopicListing, ...]
    months: tuple[MonthListing, ...]
    # Most-named first, then A-Z.
    tags: tuple[TagListing, ...]
    # Newest first.
    days: tuple[DayListing, ...]
    # Article path → the paths of its related articles, best first.
    related: Mapping[str, tuple[str, ...]]
    # Every article in exactly one story, in the order of their leads (oldest first).
    stories: tuple[StoryListing, ...] = ()


def day_url(day: date) -> str:
    """The URL of a day's edition: `2021/03/20/`."""
    return f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"


def day_label(day: date) -> str:
    """E.g. `Saturday 20 March 2021`, independent of the machine's locale."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def sort_newest_first(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Order articles newest first; the path breaks ties so order never depends on disk order."""
    # A stable sort keeps the path order among equal dates (reverse=True too); attrgetter keys run in C.
    return tuple(sorted(sorted(articles, key=_PATH), key=_DATE, reverse=True))


_PATH = attrgetter("path")
_DATE = attrgetter("date")


def find_url_collisions(articles: Sequence[Article]) -> list[Problem]:
    """Report every pair of articles that would be written to the same URL."""
    first_by_url: dict[str, Article] = {}
    clashes: set[str] = set()
    for article in articles:
        if first_by_url.setdefault(article.url, article) is not article:
            clashes.add(article.url)
    problems = []
    for url in sorted(clashes):
        clashing = sorted((a for a in articles if a.url == url), key=lambda a: a.path)
        if clashing:
            first = clashing[0]
            for other in clashing[1:]:
                problems.append(
                    Problem(
                        other.path,
                        1,
                        f"same URL /{url} as {first.path}",
                        "run `python build.py fix-slugs` to give the newer one a `slug:` of its own (or write one yourself)",
                    )
                )
    return problems


def topic_listings(articles: Sequence[Article], config: Config) -> tuple[TopicListing, ...]:
    """Every declared topic (even if empty) and every topic articles name, with their articles."""
    members: dict[str, list[Article]] = defaultdict(list)
    topics: dict[str, Topic] = {t.slug: t for t in config.topics}
    for article in articles:
        for topic in article.topics:
            topics.setdefault(topic.slug, topic)
            members[topic.slug].append(article)
    declared = [t.slug for t in config.topics]
    undeclared = sorted((slug for slug in topics if slug not in declared), key=lambda s: (topics[s].name.casefold(), s))
    return tuple(TopicListing(topics[slug], tuple(members[slug])) for slug in declared + undeclared)


def month_listings(articles: Sequence[Article], config: Config) -> tuple[MonthListing, ...]:
    """The months that have articles, newest first."""
    members: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in articles:
        members[(article.day.year, article.day.month)].append(article)
    return tuple(MonthListing(year, month, tuple(members[(year, month)])) for year, month in sorted(members, reverse=True))


def tag_listings(articles: Sequence[Article], config: Config, places: Container[str] = ()) -> tuple[TagListing, ...]:
    """Every tag articles name, one per slug (so `Putin` and `putin` are one), most-named first, then A-Z.

    A tag's name is config's when declared, else its most common spelling; its
    kind is config's, else what the stories naming it show (kinds.py), with
    `places` as the gazetteer.
    """
    members: dict[str, list[Article]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    located: set[str] = set()
    for article in articles:
        location = article.location.casefold()
        for tag in article.tags:
            slug = tag_slug(tag)
            members[slug].append(article)
            spellings[slug][tag] += 1
            if location and tag.casefold() == location:
                located.add(slug)
    declared = {tag.slug: tag for tag in config.tags}
    listings = []
    for slug, tagged in members.items():
        known = declared.get(slug)
        name = known.name if known is not None else min(spellings[slug], key=lambda s: (-spellings[slug][s], s))
        titled = frozenset(title for article in tagged for title in article.titled_names)
        kind = tag_kind(name, declared=known.kind if known is not None else "", located=slug in located, titled=titled, places=places)
        listings.append(TagListing(name, slug, kind, tuple(tagged)))
    return tuple(sorted(listings, key=lambda t: (-len(t.articles), t.name.casefold(), t.slug)))


def listings_of(entries: Iterable[StoryEntry], by_path: Mapping[str, Article]) -> tuple[StoryListing, ...]:
    """The stories of `entries` with their articles."""
    return tuple(
        StoryListing(story_id, tuple(map(by_path.__getitem__, paths)), copies, pinned) for story_id, paths, copies, pinned in entries
    )


def day_listings(articles: Sequence[Article]) -> tuple[DayListing, ...]:
    """The days that have stories, newest first (articles are newest first, so each day's come together)."""
    members: dict[date, list[Article]] = defaultdict(list)
    for article in articles:
        members[article.day].append(article)
    return tuple(DayListing(day, tuple(members[day])) for day in sorted(members, reverse=True))


def related_articles(articles: Sequence[Article], limit: int = RELATED_LIMIT, window: int = RELATED_WINDOW) -> dict[str, tuple[str, ...]]:
    """For each article's path, the paths of those sharing most topics and tags, then nearest in date.

    Candidates are the `window` nearest articles in date order on each shared
    topic or tag, so the cost stays linear in the number of articles.
    """
    terms = [frozenset([("topic", t.slug) for t in a.topics] + [("tag", g.casefold()) for g in a.tags]) for a in articles]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    positions: list[dict[tuple[str, str], int]] = []
    for index, article_terms in enumerate(terms):
        where = {}
        for term in article_terms:
            where[term] = len(postings[term])
            postings[term].append(index)
        positions.append(where)
    # Whole microseconds since an epoch: distances compare exactly, and ints are
    # far cheaper to subtract than the aware datetimes they stand for.
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    micros = [(a.date - epoch) // MICROSECOND for a in articles]
    paths = [a.path for a in articles]
    related: dict[str, tuple[str, ...]] = {}
    for index, article in enumerate(articles):
        candidates: set[int] = set()
        for term, position in positions[index].items():
            posting = postings[term]
            candidates.update(posting[max(0, position - window) : position + window + 1])
        candidates.discard(index)
        own_terms, own_time = terms[index], micros[index]
        # Decorated tuples in a comprehension, not a key function: a third less time; paths make the order total.
        ranked = sorted([(-len(own_terms & terms[c]), abs(micros[c] - own_time), paths[c]) for c in candidates])
        related[article.path] = tuple(path for _, _, path in ranked[:limit])
    return related


def relations(articles: Sequence[Article]) -> list[tuple]:
    """What related articles are computed from, article by article."""
    return [(a.path, a.date, [t.slug for t in a.topics], a.tags) for a in articles]


def make_site(
    config: Config, articles: Iterable[Article], memo: RelatedMemo | None = None, places: Container[str] = (), processes: int | None = 1
) -> tuple[Site, list[Problem], RelatedMemo]:
    """Build the site model; problems are URL collisions (errors). Related articles are reused from `memo` when their inputs match.

    `places` is the gazetteer tag kinds are read against (places.Gazetteer; empty: no place is known by name).
    `processes` may group many weeks of stories in worker processes (None: every CPU; 1: none).
    """
    ordered = sort_newest_first(articles)
    memo = memo or RelatedMemo()
    key = relations_key(relations(ordered))
    if key != memo.key or memo.related is None:
        memo = replace(memo, key=key, related=related_articles(ordered))
    if not config.stories.group:
        # Every article is still in exactly one story (`stories --json`): its own.
        alone: dict[str, Article] = {}
        for article in sorted(ordered, key=attrgetter("date", "path")):
            alone[new_story_id(article, alone)] = article
        stories = tuple(StoryListing(story_id, (article,)) for story_id, article in alone.items())
    else:
        # Weeks an edit did not touch keep their grouping (story_groups.stories_of).
        by_path = dict(zip(map(attrgetter("path"), ordered), ordered, strict=True))
        kept = stories_of(ordered, by_path, config.stories.window_days, memo.stories, processes)
        if kept is not memo.stories:
            memo = replace(memo, stories=kept)
        assert kept.entries is not None
        stories = listings_of(kept.entries, by_path)
    site = Site(
        config,
        ordered,
        topic_listings(ordered, config),
        month_listings(ordered, config),
        tag_listings(ordered, config, places),
        day_listings(ordered),
        memo.related,
        stories,
    )
    return site, find_url_collisions(ordered), memo
