"""The site model: pure functions from articles to listings and the pages to render."""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .config import Config, Topic
from .content import Article
from .errors import Problem

RELATED_LIMIT = 5
# How many neighbours in date order, per shared topic or tag, compete for "related".
# Exact all-pairs scoring is quadratic in a topic's size; news relevance decays
# with time anyway, so the nearest candidates per term are the ones that matter.
RELATED_WINDOW = 12
MICROSECOND = timedelta(microseconds=1)

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

HTML = "html"
ATOM = "atom"
SITEMAP = "sitemap"
TEXT = "text"


@dataclass(frozen=True)
class DayGroup:
    """Articles of one local calendar day, newest first."""

    day: date
    label: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Pager:
    """Where a listing page sits in its sequence of pages."""

    number: int
    count: int
    first_url: str
    prev_url: str | None
    next_url: str | None
    page_urls: tuple[str, ...]


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
class Page:
    """One output file: what to render, with what, and which inputs decide its bytes.

    `inputs` lists everything besides config and theme that the page shows
    (article fingerprints, counts, page numbers): equal inputs give equal bytes,
    which is what lets a rebuild skip the page.
    """

    url: str
    kind: str
    template: str
    title: str
    description: str
    inputs: tuple
    context: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @functools.cached_property
    def output_path(self) -> str:
        """The file this page is written to, relative to the output folder."""
        return self.url + "index.html" if self.url == "" or self.url.endswith("/") else self.url


@dataclass(frozen=True)
class Site:
    """Everything the renderer needs, computed before any rendering."""

    config: Config
    articles: tuple[Article, ...]
    topics: tuple[TopicListing, ...]
    months: tuple[MonthListing, ...]
    pages: tuple[Page, ...]


def day_label(day: date) -> str:
    """E.g. `Saturday 20 March 2021`, independent of the machine's locale."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def sort_newest_first(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Order articles newest first; the path breaks ties so order never depends on disk order."""
    return tuple(sorted(sorted(articles, key=lambda a: a.path), key=lambda a: a.date, reverse=True))


def group_by_day(articles: Sequence[Article], config: Config) -> tuple[DayGroup, ...]:
    """Group consecutive articles by their local calendar day."""
    groups: list[DayGroup] = []
    current: list[Article] = []
    current_day: date | None = None
    for article in articles:
        day = article.day
        if day != current_day and current:
            groups.append(DayGroup(current_day, day_label(current_day), tuple(current)))
            current = []
        current_day = day
        current.append(article)
    if current and current_day is not None:
        groups.append(DayGroup(current_day, day_label(current_day), tuple(current)))
    return tuple(groups)


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
                        "give one of them a different `slug:` in its front matter",
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


def related_articles(
    articles: Sequence[Article], limit: int = RELATED_LIMIT, window: int = RELATED_WINDOW
) -> dict[str, tuple[Article, ...]]:
    """For each article, those sharing most topics and tags, then nearest in date."""
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
    related: dict[str, tuple[Article, ...]] = {}
    for index, article in enumerate(articles):
        candidates: set[int] = set()
        for term, position in positions[index].items():
            posting = postings[term]
            candidates.update(posting[max(0, position - window) : position + window + 1])
        candidates.discard(index)
        own_terms, own_time = terms[index], micros[index]
        ranked = sorted(candidates, key=lambda c: (-len(own_terms & terms[c]), abs(micros[c] - own_time), paths[c]))
        related[article.path] = tuple(articles[c] for c in ranked[:limit])
    return related


def _paginate(base_url: str, items: Sequence[Article], per_page: int) -> list[tuple[Pager, tuple[Article, ...]]]:
    count = max(1, math.ceil(len(items) / per_page))
    urls = tuple(base_url if n == 1 else f"{base_url}page/{n}/" for n in range(1, count + 1))
    pages = []
    for number in range(1, count + 1):
        pager = Pager(
            number=number,
            count=count,
            first_url=urls[0],
            prev_url=urls[number - 2] if number > 1 else None,
            next_url=urls[number] if number < count else None,
            page_urls=urls,
        )
        pages.append((pager, tuple(items[(number - 1) * per_page : number * per_page])))
    return pages


def _fingerprints(articles: Iterable[Article]) -> tuple[str, ...]:
    return tuple(a.fingerprint for a in articles)


def _cards(articles: Iterable[Article]) -> tuple[str, ...]:
    return tuple(a.card_fingerprint for a in articles)


def listing_pages(
    base_url: str,
    articles: Sequence[Article],
    config: Config,
    *,
    heading: str,
    description: str,
    intro: str = "",
    feed_url: str | None = None,
    kind_inputs: tuple = (),
) -> list[Page]:
    """Paginated day-grouped listing pages (home, topic, archive month)."""
    pages = []
    for pager, shown in _paginate(base_url, articles, config.paginate):
        title = heading if pager.number == 1 else f"{heading}, page {pager.number} of {pager.count}"
        pages.append(
            Page(
                url=pager.first_url if pager.number == 1 else pager.page_urls[pager.number - 1],
                kind=HTML,
                template="list.html",
                title=title,
                description=description if pager.number == 1 else f"{description} Page {pager.number} of {pager.count}.",
                inputs=(heading, description, intro, feed_url, pager.number, pager.count, *kind_inputs, *_cards(shown)),
                context={"heading": heading, "intro": intro, "days": group_by_day(shown, config), "pager": pager, "feed_url": feed_url},
            )
        )
    return pages


def article_pages(articles: Sequence[Article], related: Mapping[str, tuple[Article, ...]]) -> list[Page]:
    """One page per article, with its neighbours in time and related articles."""
    pages = []
    for index, article in enumerate(articles):
        newer = articles[index - 1] if index > 0 else None
        older = articles[index + 1] if index + 1 < len(articles) else None
        shown = related.get(article.path, ())
        pages.append(
            Page(
                url=article.url,
                kind=HTML,
                template="article.html",
                title=article.title,
                description=article.summary,
                inputs=(article.fingerprint, newer and newer.card_fingerprint, older and older.card_fingerprint, *_cards(shown)),
                context={"article": article, "newer": newer, "older": older, "related": shown},
            )
        )
    return pages


def feed_page(url: str, alternate_url: str, title: str, description: str, articles: tuple[Article, ...]) -> Page:
    """An Atom feed of `articles` (full fingerprints: feeds carry the bodies)."""
    return Page(
        url, ATOM, "", title, description, _fingerprints(articles), {"articles": articles, "self_url": url, "alternate_url": alternate_url}
    )


def make_site(
    config: Config, articles: Iterable[Article], related: Mapping[str, tuple[Article, ...]] | None = None
) -> tuple[Site, list[Problem]]:
    """Build the whole site model; problems are URL collisions (errors). `related` may be precomputed."""
    ordered = sort_newest_first(articles)
    problems = find_url_collisions(ordered)
    topics = topic_listings(ordered, config)
    months = month_listings(ordered, config)

    pages: list[Page] = []
    pages += listing_pages("", ordered, config, heading=config.title, description=config.description, feed_url="feed.xml")
    pages += article_pages(ordered, related if related is not None else related_articles(ordered))
    topic_counts = tuple((t.topic.slug, t.topic.name, t.topic.description, len(t.articles)) for t in topics)
    pages.append(
        Page(
            url="topics/",
            kind=HTML,
            template="topics.html",
            title="Topics",
            description=f"Every topic covered by {config.title}, with its number of articles.",
            inputs=topic_counts,
            context={"topics": topics},
        )
    )
    for listing in topics:
        topic = listing.topic
        description = topic.description or f"Articles about {topic.name} from {config.title}."
        pages += listing_pages(
            listing.url,
            listing.articles,
            config,
            heading=topic.name,
            description=description,
            intro=topic.description,
            feed_url=listing.feed_url,
        )
        pages.append(
            feed_page(listing.feed_url, listing.url, f"{topic.name} — {config.title}", description, listing.articles[: config.feed_limit])
        )
    month_counts = tuple((m.year, m.month, len(m.articles)) for m in months)
    pages.append(
        Page(
            url="archive/",
            kind=HTML,
            template="archive.html",
            title="Archive",
            description=f"Every article of {config.title} by year and month.",
            inputs=month_counts,
            context={"years": _months_by_year(months)},
        )
    )
    for month in months:
        pages += listing_pages(
            month.url,
            month.articles,
            config,
            heading=f"Archive: {month.label}",
            description=f"Articles published in {month.label} in {config.title}.",
        )
    pages.append(feed_page("feed.xml", "", config.title, config.description, ordered[: config.feed_limit]))
    pages.append(Page("404.html", HTML, "404.html", "Page not found", f"This page does not exist on {config.title}.", ()))
    html_pages = [p for p in pages if p.kind == HTML and p.url != "404.html"]
    sitemap_entries = tuple((p.url, _lastmod(p)) for p in html_pages)
    pages.append(Page("sitemap.xml", SITEMAP, "", "", "", sitemap_entries, {"entries": sitemap_entries}))
    pages.append(Page("robots.txt", TEXT, "", "", "", ()))
    if config.cname:
        pages.append(Page("CNAME", TEXT, "", "", "", ()))
    pages.append(Page(".nojekyll", TEXT, "", "", "", ()))

    problems += _page_collisions(pages)
    return Site(config, ordered, topics, months, tuple(pages)), problems


def lists_same_way(old: Article, new: Article) -> bool:
    """True when an edit changed only what an article's own page and the feeds show (its body)."""
    return old.card_fingerprint == new.card_fingerprint and old.tags == new.tags and old.path == new.path


def patch_site(site: Site, changed: Mapping[str, Article]) -> tuple[Site, list[int]]:
    """Swap in new versions of articles that list the same way; return the site and the pages touched.

    Only an article's own page and the feeds show more than its card, so only
    those pages get new inputs; listings keep the old objects, whose card
    fields are equal (`lists_same_way`).
    """
    pages = list(site.pages)
    touched = []
    for index, page in enumerate(pages):
        context = page.context
        if page.kind == HTML and "article" in context and context["article"].path in changed:
            article = changed[context["article"].path]
            pages[index] = replace(page, inputs=(article.fingerprint, *page.inputs[1:]), context={**context, "article": article})
            touched.append(index)
        elif page.kind == ATOM and any(a.path in changed for a in context["articles"]):
            shown = tuple(changed.get(a.path, a) for a in context["articles"])
            pages[index] = replace(page, inputs=_fingerprints(shown), context={**context, "articles": shown})
            touched.append(index)
    articles = tuple(changed.get(a.path, a) for a in site.articles)
    return replace(site, articles=articles, pages=tuple(pages)), touched


def _lastmod(page: Page) -> str:
    # Listings are newest first, so their first article is the last modification.
    context = page.context
    if "article" in context:
        return context["article"].day.isoformat()
    days = context.get("days")
    return days[0].day.isoformat() if days else ""


def _months_by_year(months: Sequence[MonthListing]) -> list[tuple[int, int, list[MonthListing]]]:
    years: dict[int, list[MonthListing]] = defaultdict(list)
    for month in months:
        years[month.year].append(month)
    return [(year, sum(len(m.articles) for m in ms), ms) for year, ms in sorted(years.items(), reverse=True)]


def _page_collisions(pages: Sequence[Page]) -> list[Problem]:
    """Clashes between generated pages and articles (article-vs-article clashes are reported by path)."""
    seen: dict[str, Page] = {}
    problems = []
    for page in pages:
        if page.output_path in seen and not ("article" in page.context and "article" in seen[page.output_path].context):
            problems.append(
                Problem(
                    "config.yaml",
                    None,
                    f"two pages would be written to {page.output_path}",
                    "rename the topic or article slug that clashes",
                )
            )
        seen[page.output_path] = page
    return problems
