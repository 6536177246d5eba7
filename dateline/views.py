"""What templates and feed writers see: frozen view records of the site, one type per page kind.

A view holds only plain data (text, numbers, dates, tuples, FrozenMaps and other
views), and a page's key is the hash of its view (keys.py). So the fields below
are also the table of what an edit re-renders: a page is rendered again exactly
when something it holds changed.

    EntryView    an article in a listing, as a neighbour or related link
                 (title, URL, date, summary, byline, topics, tags, reading time, draft, extra)
    ArticleView  an article on its own page and in feeds: its EntryView + the body
    ArticlePage  ArticleView, newer/older EntryView, related EntryViews
    ListingPage  EntryViews of one page of the home, a topic or a month, grouped by day; the pager
    TopicIndexPage, ArchivePage   names, URLs and counts only
    FeedPage     ArticleViews of the newest entries
    SitemapPage  every HTML page's URL and last day
    TextPage     the file's text (robots.txt, CNAME, .nojekyll)
    SiteView     what every page may show of the config (title, base URL, nav, params, assets)

Read the other way, that is the rebuild table (`page_kinds_showing` derives it,
tests/test_rebuild_table.py holds one test per row):

    an edit of …                              re-renders
    the body (same reading time)              the article's page; the feeds holding it
    title, summary, date, location, source,   also every listing page holding it, its newer and
      author, topics, tags, draft, reading      older neighbours' pages, pages listing it as related
      time, any custom field                    (and pages whose related list or order it changes)
    the date, topics or draft state           also the topic index, the archive, the sitemap where
                                                counts or days change
    a template                                the pages whose template includes it
    a static file, the config's title,        every HTML page (SiteView is in every key)
      description, params, nav topics
"""

from __future__ import annotations

import dataclasses
import functools
import math
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from itertools import compress
from operator import attrgetter
from typing import Any
from urllib.parse import urlsplit

from . import __version__
from .config import Config, Topic
from .content import Article
from .errors import Problem
from .frozen import FrozenMap, freeze
from .keys import View, remember_key, same_view
from .languages import direction
from .parallel import map_chunks
from .site import MONTH_NAMES, Site, day_label, day_url
from .slugs import tag_slug
from .state import ViewMemo

_PATH = attrgetter("path")
_ENTRY = attrgetter("entry")

# The `extra` of articles without custom front matter (most): one shared empty map.
NO_EXTRA = FrozenMap()


@dataclass(frozen=True)
class TopicLink(View):
    """A topic as a link."""

    name: str
    slug: str
    url: str


@dataclass(frozen=True)
class TagLink(View):
    """A tag (a person, place or organisation a story names) as a link to its page; prints as its name."""

    name: str
    slug: str
    url: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class StoryLink(View):
    """The story a report belongs to, as its lead entry and its page show it: "3 reports" linking to the full coverage."""

    url: str
    reports: int
    sources: tuple[str, ...]
    # Other outlets that ran this report's wire text ("AP, also carried by ...").
    carried_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntryView(View):
    """An article as a listing entry, a previous/next or a related link shows it."""

    url: str
    title: str
    date: datetime
    day: date
    summary: str
    location: str
    source: str
    author: str
    topics: tuple[TopicLink, ...]
    tags: tuple[TagLink, ...]
    reading_minutes: int
    draft: bool
    # The article's own language tag and its direction ("rtl" or "ltr"); both "" when it is the site's.
    language: str
    direction: str
    extra: FrozenMap
    # The story's own address ("" when none) and the site it is on, for "Read at example.com".
    source_url: str = ""
    # Set on a listing's entry that stands for a story of two or more reports.
    story: StoryLink | None = None

    @property
    def source_site(self) -> str:
        """The host of `source_url` without `www.`, as a reader names a site."""
        host = urlsplit(self.source_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def byline(self) -> str:
        """`LOCATION · Source`, the wire-style line under a headline."""
        return " · ".join(part for part in (self.location, self.source) if part)


@dataclass(frozen=True)
class ArticleView(View):
    """An article on its own page and in feeds: its entry and its body (entry fields read through)."""

    entry: EntryView
    body_html: str

    def __getattr__(self, name: str) -> Any:
        # Only reached for names that are not fields: `article.title` reads the entry's title.
        if name.startswith("__") or name == "entry":
            raise AttributeError(name)
        return getattr(self.entry, name)


@dataclass(frozen=True)
class ArticleViews:
    """Both views of one article; a pure function of the article, so kept between builds by its fingerprint."""

    entry: EntryView
    article: ArticleView


@dataclass(frozen=True)
class SiteView(View):
    """What any page may show of the config and the theme."""

    title: str
    description: str
    base_url: str
    base_path: str
    language: str
    # "rtl" when the site's language is written right to left, else "ltr".
    direction: str
    timezone: str
    author: str
    nav_topics: tuple[TopicLink, ...]
    params: FrozenMap
    assets: FrozenMap
    search_enabled: bool
    links_to_index_html: bool
    cname: str
    generator: str


@dataclass(frozen=True)
class PageView(View):
    """One output file, by its URL relative to the site root; every page also has a `title` and a `description`."""

    url: str

    @property
    def language(self) -> str:
        """The page's own language tag, if it is not the site's ("" otherwise)."""
        return ""

    @functools.cached_property
    def output_path(self) -> str:
        """The file this page is written to, relative to the output folder."""
        return self.url + "index.html" if self.url == "" or self.url.endswith("/") else self.url


@dataclass(frozen=True)
class TitledPage(PageView):
    """A page whose title and description are its own (every kind but the article page)."""

    title: str
    description: str


@dataclass(frozen=True)
class ArticlePage(PageView):
    """An article's own page; its title and description are the article's."""

    article: ArticleView
    newer: EntryView | None
    older: EntryView | None
    related: tuple[EntryView, ...]
    # The story it is one report of, when there are others.
    story: StoryLink | None = None

    @property
    def title(self) -> str:
        """The headline."""
        return self.article.entry.title

    @property
    def description(self) -> str:
        """The summary."""
        return self.article.entry.summary

    @property
    def language(self) -> str:
        """The article's language tag, if it is not the site's ("" otherwise)."""
        return self.article.entry.language


@dataclass(frozen=True)
class DayView(View):
    """The entries of one local calendar day on a listing page."""

    day: date
    label: str
    articles: tuple[EntryView, ...]

    @property
    def url(self) -> str:
        """The day's edition."""
        return day_url(self.day)


@dataclass(frozen=True)
class DayLink(View):
    """Another day's edition, as a day page links to it."""

    url: str
    label: str


@dataclass(frozen=True)
class PagerView(View):
    """Where a listing page sits in its sequence of pages; every URL is derived from the three fields."""

    number: int
    count: int
    # The first page's URL; page N is at `{base_url}page/N/`.
    base_url: str

    def url_of(self, number: int) -> str:
        """The URL of page `number` of this listing."""
        return self.base_url if number == 1 else f"{self.base_url}page/{number}/"

    @property
    def first_url(self) -> str:
        """The first page of the listing."""
        return self.base_url

    @property
    def prev_url(self) -> str | None:
        """The page before this one (newer stories), or None on the first."""
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        """The page after this one (older stories), or None on the last."""
        return self.url_of(self.number + 1) if self.number < self.count else None

    @property
    def page_urls(self) -> tuple[str, ...]:
        """Every page of the listing, first to last."""
        return tuple(self.url_of(number) for number in range(1, self.count + 1))


@dataclass(frozen=True)
class ListingPage(TitledPage):
    """One page of the home page, a topic or an archive month; templates see its entries grouped by `days`."""

    heading: str
    intro: str
    feed_url: str | None
    entries: tuple[EntryView, ...]
    pager: PagerView
    # On a day's edition: the nearest earlier and later days that have stories.
    older_day: DayLink | None = None
    newer_day: DayLink | None = None
    # Its heading and intro go into the search index (a tag's and a day's first page): found by name or date.
    searchable: bool = False

    # Derived from the fields (so covered by the key), and handed to templates like them.
    derived = ("days",)

    @property
    def days(self) -> tuple[DayView, ...]:
        """The entries grouped by local calendar day, newest first."""
        return group_by_day(self.entries)


@dataclass(frozen=True)
class TopicSummary(View):
    """A topic on the topics index."""

    name: str
    slug: str
    url: str
    description: str
    count: int


@dataclass(frozen=True)
class TopicIndexPage(TitledPage):
    """Every topic with its count."""

    topics: tuple[TopicSummary, ...]


@dataclass(frozen=True)
class TagSummary(View):
    """A tag on the tags index."""

    name: str
    slug: str
    url: str
    kind: str
    count: int


@dataclass(frozen=True)
class TagIndexPage(TitledPage):
    """Every tag with its count, most-named first."""

    tags: tuple[TagSummary, ...]


@dataclass(frozen=True)
class StoryPage(TitledPage):
    """A story's full coverage: every report in time order, who reported it, when, and who and what they name."""

    heading: str
    entries: tuple[EntryView, ...]
    sources: tuple[str, ...]
    first_seen: datetime
    last_seen: datetime
    # Tags at least two reports name, with their pages.
    named: tuple[TagLink, ...]
    # Reports that ran one wire text, as sets of their outlets' names.
    copies: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class MonthSummary(View):
    """A month on the archive index."""

    year: int
    month: int
    label: str
    url: str
    count: int


@dataclass(frozen=True)
class YearView(View):
    """A year on the archive index, with its months newest first."""

    year: int
    count: int
    months: tuple[MonthSummary, ...]


@dataclass(frozen=True)
class ArchivePage(TitledPage):
    """Every year and month with its count."""

    years: tuple[YearView, ...]


@dataclass(frozen=True)
class EditionPage(TitledPage):
    """A day's e-mail edition published as a page (config `edition.publish`): the message's HTML."""

    day_label: str
    day_url: str
    entries: tuple[EntryView, ...]


@dataclass(frozen=True)
class NotFoundPage(TitledPage):
    """The page GitHub Pages serves for any missing address."""


@dataclass(frozen=True)
class FeedPage(TitledPage):
    """An Atom feed; `title` and `description` are the feed's title and subtitle."""

    self_url: str
    alternate_url: str
    # Entries with their bodies (the site's and topics' feeds) or summaries only (tags' feeds).
    entries: tuple[ArticleView | EntryView, ...]


@dataclass(frozen=True)
class SitemapPage(TitledPage):
    """sitemap.xml: every HTML page but 404.html, with the day of its newest article ("" if none)."""

    urls: tuple[str, ...]
    lastmods: tuple[str, ...]

    @property
    def entries(self) -> list[tuple[str, str]]:
        """(URL, last modification day) of every page listed."""
        return list(zip(self.urls, self.lastmods, strict=True))


@dataclass(frozen=True)
class TextPage(TitledPage):
    """A plain file whose text is decided here."""

    text: str


def page_kinds_showing(view_type: type, field_name: str) -> frozenset[type[PageView]]:
    """The page view types that hold `field_name` of `view_type`, directly or through nested views: a row of the rebuild table."""
    if field_name not in {f.name for f in fields(view_type)}:
        raise ValueError(f"{view_type.__name__} has no field {field_name!r}")
    return frozenset(kind for kind in _subclasses(PageView) if _holds(kind, view_type, set()))


@functools.cache
def fields_holding(container: type, wanted: tuple[type, ...]) -> tuple[str, ...]:
    """The names of `container`'s fields that may hold a view of the `wanted` types, directly or nested."""
    if not dataclasses.is_dataclass(container):
        return ()
    hints = typing.get_type_hints(container)
    return tuple(
        f.name for f in fields(container) if any(_holds(inner, kind, set()) for inner in _view_types_in(hints[f.name]) for kind in wanted)
    )


def _subclasses(base: type) -> list[type]:
    found = []
    for kind in base.__subclasses__():
        found += [kind, *_subclasses(kind)]
    return found


def _holds(container: type, wanted: type, seen: set[type]) -> bool:
    if container is wanted:
        return True
    if container in seen or not dataclasses.is_dataclass(container):
        return False
    seen.add(container)
    hints = typing.get_type_hints(container)
    return any(_holds(inner, wanted, seen) for name in (f.name for f in fields(container)) for inner in _view_types_in(hints[name]))


def _view_types_in(hint: Any) -> list[type]:
    if isinstance(hint, type):
        return [hint] if issubclass(hint, View) else []
    return [kind for argument in typing.get_args(hint) for kind in _view_types_in(argument)]


def template_fields(page: PageView) -> dict[str, Any]:
    """A page's own fields by name, and the values it derives from them, as templates receive them (`article`, `days`, `pager`…)."""
    names = [field.name for field in fields(page)] + list(getattr(page, "derived", ()))
    return {name: getattr(page, name) for name in names}


def site_view(config: Config, assets: Mapping[str, str], search: bool) -> SiteView:
    """What every page may show of the config, with the theme's asset URLs."""
    return SiteView(
        title=config.title,
        description=config.description,
        base_url=config.base_url,
        base_path=urlsplit(config.base_url).path or "/",
        language=config.language,
        direction=direction(config.language),
        timezone=config.timezone,
        author=config.author or config.title,
        nav_topics=tuple(topic_link(topic) for topic in config.topics),
        params=freeze(config.params),
        assets=FrozenMap(sorted(assets.items())),
        search_enabled=search,
        links_to_index_html=config.links_to_index_html,
        cname=config.cname.strip(),
        generator=f"Dateline {__version__}",
    )


def topic_link(topic: Topic) -> TopicLink:
    """A topic as a link to its page."""
    return TopicLink(topic.name, topic.slug, f"topics/{topic.slug}/")


def tag_link(name: str) -> TagLink:
    """A tag as a link to its page (by slug, so any spelling of it reaches the same page)."""
    slug = tag_slug(name)
    return TagLink(name, slug, f"tags/{slug}/")


def article_views(article: Article, links: dict[Topic, TopicLink] | None = None) -> ArticleViews:
    """Both views of an article, read from the article alone; `links` shares one TopicLink per topic among articles."""
    if links is None:
        links = {}
    topics = []
    for topic in article.topics:
        link = links.get(topic)
        if link is None:
            link = links[topic] = topic_link(topic)
        topics.append(link)
    # Positional, in field order: twice as fast as keywords, and this runs for every article of every build.
    entry = EntryView(
        article.url,
        article.title,
        article.date,
        article.day,
        article.summary,
        article.location,
        article.source,
        article.author,
        tuple(topics),
        tuple(tag_link(tag) for tag in article.tags),
        article.reading_minutes,
        article.draft,
        article.language,
        direction(article.language) if article.language else "",
        freeze(article.extra) if article.extra else NO_EXTRA,
        article.source_url,
    )
    return ArticleViews(entry, ArticleView(entry, article.body_html))


def views_by_path(
    articles: Sequence[Article], memo: ViewMemo, processes: int | None = None, parallel_from: int | None = None
) -> tuple[dict[str, ArticleViews], ViewMemo]:
    """Each article's views by path, reusing the previous build's memo; and the memo for the next build.

    Views the memo has no keys for (all of them in a clean build) are keyed in
    forked workers when there are many, as parsing is.
    """
    views_now: dict[str, ArticleViews] = {}
    links: dict[Topic, TopicLink] = {}
    by_path = {}
    unkeyed = []
    for article in articles:
        fingerprint = article.fingerprint
        views = memo.views.get(fingerprint)
        if views is None:
            views = article_views(article, links)
            known = memo.keys.get(fingerprint)
            if known is not None:
                remember_key(views.entry, known[0])
                remember_key(views.article, known[1])
            else:
                unkeyed.append(views)
        views_now[fingerprint] = by_path[article.path] = views
    for chunk in map_chunks(_key_views, unkeyed, range(len(unkeyed)), processes, parallel_from):
        for index, entry_key, article_key in chunk:
            remember_key(unkeyed[index].entry, entry_key)
            remember_key(unkeyed[index].article, article_key)
    keys_now = {fingerprint: (views.entry.key, views.article.key) for fingerprint, views in views_now.items()}
    return by_path, ViewMemo(views_now, keys_now)


def _key_views(views: Sequence[ArticleViews], indices: Sequence[int]) -> list[tuple[int, str, str]]:
    return [(index, views[index].entry.key, views[index].article.key) for index in indices]


def paginate(base_url: str, entries: Sequence[EntryView], per_page: int) -> list[tuple[PagerView, tuple[EntryView, ...]]]:
    """Cut entries into pages of `per_page`; the first page is `base_url`, the others `base_url/page/N/`."""
    count = max(1, math.ceil(len(entries) / per_page))
    return [
        (PagerView(number, count, base_url), tuple(entries[(number - 1) * per_page : number * per_page])) for number in range(1, count + 1)
    ]


def group_by_day(entries: Sequence[EntryView]) -> tuple[DayView, ...]:
    """Group consecutive entries by their local calendar day."""
    groups: list[DayView] = []
    start = 0
    for index in range(1, len(entries) + 1):
        if index == len(entries) or entries[index].day != entries[start].day:
            day = entries[start].day
            groups.append(DayView(day, day_label(day), tuple(entries[start:index])))
            start = index
    return tuple(groups)


def listing_pages(
    base_url: str,
    entries: Sequence[EntryView],
    per_page: int,
    *,
    heading: str,
    description: str,
    intro: str = "",
    feed_url: str | None = None,
) -> list[ListingPage]:
    """Paginated day-grouped listing pages (home, topic, archive month)."""
    pages = []
    for pager, shown in paginate(base_url, entries, per_page):
        first = pager.number == 1
        pages.append(
            ListingPage(
                url=pager.url_of(pager.number),
                title=heading if first else f"{heading}, page {pager.number} of {pager.count}",
                description=description if first else f"{description} Page {pager.number} of {pager.count}.",
                heading=heading,
                intro=intro,
                feed_url=feed_url,
                entries=shown,
                pager=pager,
            )
        )
    return pages


def article_pages(site: Site, views: Mapping[str, ArticleViews], links: Mapping[str, StoryLink]) -> list[ArticlePage]:
    """One page per article, with its neighbours in time, related articles and its story."""
    articles = site.articles
    entries = [views[article.path].entry for article in articles] + [None]  # entries[-1]: no newer story before the first
    pages = []
    for index, article in enumerate(articles):
        related = tuple(views[path].entry for path in site.related.get(article.path, ()))
        page = ArticlePage(
            article.url, views[article.path].article, entries[index - 1], entries[index + 1], related, links.get(article.path)
        )
        pages.append(page)
    return pages


def story_links(site: Site) -> dict[str, StoryLink]:
    """Article path → the link to its story, for every report of a story of two or more."""
    from .stories import carried_by, story_sources

    links = {}
    for story in site.stories:
        if len(story.articles) > 1:
            sources = story_sources(story)
            for article in story.articles:
                links[article.path] = StoryLink(story.url, len(story.articles), sources, carried_by(story, article.path))
    return links


def listing_entries(
    articles: Sequence[Article],
    views: Mapping[str, ArticleViews],
    links: Mapping[str, StoryLink],
    linked: dict[str, EntryView] | None = None,
) -> list[EntryView]:
    """A listing's entries (articles newest first): one per story, its earliest report in the listing standing for it.

    Standing for the story, an entry carries the story's link; the other reports are
    one click away on the story's page. `linked` keeps each entry with its link once made,
    for the next listing to share (a report stands for its story in most of its listings).
    Equal to `listing_entries_plain`, which a test holds it to.
    """
    paths = list(map(_PATH, articles))
    entries = list(map(_ENTRY, map(views.__getitem__, paths)))
    # Most reports are a story's only one: the entries are made in C, and only a story's reports looked at one by one.
    in_story = list(compress(range(len(paths)), map(links.__contains__, paths)))
    if not in_story:
        return entries
    if linked is None:
        linked = {}
    seen: set[str] = set()
    behind: list[int] = []
    # Oldest first, so a story's first report met is the one that stands for it.
    for position in reversed(in_story):
        path = paths[position]
        link = links[path]
        if link.url in seen:
            behind.append(position)
            continue
        seen.add(link.url)
        entry = linked.get(path)
        if entry is None:
            entry = linked[path] = replace(entries[position], story=link)
        entries[position] = entry
    # Positions were met from the end, so each deletion leaves the positions still to delete in place.
    for position in behind:
        del entries[position]
    return entries


def listing_entries_plain(
    articles: Sequence[Article],
    views: Mapping[str, ArticleViews],
    links: Mapping[str, StoryLink],
    linked: dict[str, EntryView] | None = None,
) -> list[EntryView]:
    """`listing_entries` as one plain loop over the articles: the reference its fast path is tested against."""
    if linked is None:
        linked = {}
    entries = []
    seen: set[str] = set()
    for article in reversed(articles):
        link = links.get(article.path)
        if link is None:
            entries.append(views[article.path].entry)
        elif link.url not in seen:
            seen.add(link.url)
            entry = linked.get(article.path)
            if entry is None:
                entry = linked[article.path] = replace(views[article.path].entry, story=link)
            entries.append(entry)
    entries.reverse()
    return entries


def story_pages(site: Site, views: Mapping[str, ArticleViews]) -> list[StoryPage]:
    """A full-coverage page for every story of two or more reports."""
    from .stories import shared_tags, story_sources

    pages = []
    for story in site.stories:
        if len(story.articles) < 2:
            continue
        sources = story_sources(story)
        by_path = {article.path: article for article in story.articles}
        copies = tuple(tuple(by_path[path].source or by_path[path].title for path in found) for found in story.copies)
        title = story.lead.title
        pages.append(
            StoryPage(
                story.url,
                f"{title}: full coverage",
                f"{len(story.articles)} reports from {len(sources) or 'unnamed'} sources on {title}.",
                title,
                tuple(views[article.path].entry for article in story.articles),
                sources,
                story.articles[0].date,
                story.articles[-1].date,
                tuple(tag_link(tag) for tag in shared_tags(story)),
                copies,
            )
        )
    return pages


def feed_page(url: str, alternate_url: str, title: str, description: str, entries: tuple[ArticleView | EntryView, ...]) -> FeedPage:
    """An Atom feed of `entries`."""
    return FeedPage(url, title, description, url, alternate_url, entries)


def page_views(
    site: Site, site_view: SiteView, views: Mapping[str, ArticleViews], previous: Mapping[str, PageView] | None = None
) -> tuple[tuple[PageView, ...], list[Problem]]:
    """Every output file of the site as a view, and clashes between generated pages (errors).

    `previous` (a session's last pages by URL) lends its page objects, keys
    already computed, wherever a new page holds exactly the same (keys.same_view).
    """
    config = site.config
    links = story_links(site)
    linked: dict[str, EntryView] = {}
    entries = listing_entries(site.articles, views, links, linked)
    full = [views[article.path].article for article in site.articles]
    pages: list[PageView] = []
    pages += listing_pages("", entries, config.paginate, heading=site_view.title, description=site_view.description, feed_url="feed.xml")
    pages += article_pages(site, views, links)
    summaries = tuple(TopicSummary(t.topic.name, t.topic.slug, t.url, t.topic.description, len(t.articles)) for t in site.topics)
    pages.append(TopicIndexPage("topics/", "Topics", f"Every topic covered by {config.title}, with its number of articles.", summaries))
    for listing in site.topics:
        topic = listing.topic
        description = topic.description or f"Articles about {topic.name} from {config.title}."
        topic_entries = listing_entries(listing.articles, views, links, linked)
        pages += listing_pages(
            listing.url,
            topic_entries,
            config.paginate,
            heading=topic.name,
            description=description,
            intro=topic.description,
            feed_url=listing.feed_url,
        )
        newest = tuple(views[article.path].article for article in listing.articles[: config.feed_limit])
        pages.append(feed_page(listing.feed_url, listing.url, f"{topic.name} — {config.title}", description, newest))
    pages.append(ArchivePage("archive/", "Archive", f"Every article of {config.title} by year and month.", archive_years(site)))
    for month in site.months:
        label = f"{MONTH_NAMES[month.month - 1]} {month.year}"
        pages += listing_pages(
            month.url,
            listing_entries(month.articles, views, links, linked),
            config.paginate,
            heading=f"Archive: {label}",
            description=f"Articles published in {label} in {config.title}.",
        )
    pages += tag_pages(site, views, links, linked)
    pages += day_pages(site, views, links, linked)
    pages += story_pages(site, views)
    pages.append(feed_page("feed.xml", "", config.title, config.description, tuple(full[: config.feed_limit])))
    pages.append(NotFoundPage("404.html", "Page not found", f"This page does not exist on {config.title}."))
    pages.append(SitemapPage("sitemap.xml", "", "", *sitemap_entries(pages)))
    pages.append(TextPage("robots.txt", "", "", f"User-agent: *\nAllow: /\n\nSitemap: {site_view.base_url}sitemap.xml\n"))
    if site_view.cname:
        pages.append(TextPage("CNAME", "", "", site_view.cname + "\n"))
    pages.append(TextPage(".nojekyll", "", "", ""))
    if previous:
        pages = [old if (old := previous.get(page.url)) is not None and same_view(old, page) else page for page in pages]
    return tuple(pages), page_collisions(pages, {article.url: article.path for article in site.articles})


KIND_NAMES = {"person": "A person", "place": "A place", "organisation": "An organisation"}


def tag_pages(
    site: Site, views: Mapping[str, ArticleViews], links: Mapping[str, StoryLink], linked: dict[str, EntryView] | None = None
) -> list[PageView]:
    """The tags index, and for each tag its stories (paginated) and their feed (`linked` as for listing_entries)."""
    config = site.config
    summaries = tuple(TagSummary(t.name, t.slug, t.url, t.kind, len(t.articles)) for t in site.tags)
    pages: list[PageView] = [
        TagIndexPage("tags/", "Tags", f"The people, places and organisations in the stories of {config.title}.", summaries)
    ]
    for tag in site.tags:
        count = len(tag.articles)
        stories = f"{count} {'story' if count == 1 else 'stories'}"
        intro = f"{KIND_NAMES[tag.kind]} named in {stories}." if tag.kind else f"Named in {stories}."
        description = f"Stories naming {tag.name} in {config.title}."
        entries = listing_entries(tag.articles, views, links, linked)
        tag_listing = listing_pages(
            tag.url, entries, config.paginate, heading=tag.name, description=description, intro=intro, feed_url=tag.feed_url
        )
        pages += [replace(tag_listing[0], searchable=True), *tag_listing[1:]]
        # A tag's feed carries summaries, not bodies: a site has thousands of tags, each story is in
        # five of their feeds, and full text is one click away (and in the site and topic feeds).
        newest = tuple(views[article.path].entry for article in tag.articles[: config.feed_limit])
        pages.append(feed_page(tag.feed_url, tag.url, f"{tag.name} — {config.title}", description, newest))
    return pages


def day_pages(
    site: Site, views: Mapping[str, ArticleViews], links: Mapping[str, StoryLink], linked: dict[str, EntryView] | None = None
) -> list[PageView]:
    """Each day's edition: its stories on one page, linked to the nearest earlier and later days (`linked` as for listing_entries)."""
    config = site.config
    day_links = [DayLink(day.url, day_label(day.day)) for day in site.days]
    pages: list[PageView] = []
    for index, day in enumerate(site.days):
        label = day_links[index].label
        entries = tuple(listing_entries(day.articles, views, links, linked))
        if config.edition.publish:
            pages.append(EditionPage(day.url + "email.html", label, f"The e-mail edition of {label}.", label, day.url, entries))
        pages.append(
            ListingPage(
                url=day.url,
                title=label,
                description=f"The stories of {label} in {config.title}.",
                heading=label,
                intro=f"The digest of {label}: {len(day.articles)} {'story' if len(day.articles) == 1 else 'stories'}.",
                feed_url=None,
                entries=entries,
                pager=PagerView(1, 1, day.url),
                older_day=day_links[index + 1] if index + 1 < len(day_links) else None,
                newer_day=day_links[index - 1] if index > 0 else None,
                searchable=True,
            )
        )
    return pages


def archive_years(site: Site) -> tuple[YearView, ...]:
    """The archive index: years newest first, each with its months."""
    by_year: dict[int, list[MonthSummary]] = {}
    for month in site.months:
        summary = MonthSummary(month.year, month.month, f"{MONTH_NAMES[month.month - 1]} {month.year}", month.url, len(month.articles))
        by_year.setdefault(month.year, []).append(summary)
    return tuple(YearView(year, sum(m.count for m in months), tuple(months)) for year, months in sorted(by_year.items(), reverse=True))


def sitemap_entries(pages: Sequence[PageView]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every HTML page but 404.html, and the day of its newest article (listings are newest first)."""
    urls, lastmods = [], []
    for page in pages:
        kind = type(page)
        if kind is ArticlePage:
            lastmod = page.article.entry.day.isoformat()
        elif kind is ListingPage or kind is EditionPage:
            lastmod = page.entries[0].day.isoformat() if page.entries else ""
        elif kind is StoryPage:
            lastmod = page.entries[-1].day.isoformat()
        elif kind is TopicIndexPage or kind is ArchivePage or kind is TagIndexPage:
            lastmod = ""
        else:
            continue
        urls.append(page.url)
        lastmods.append(lastmod)
    return tuple(urls), tuple(lastmods)


def page_collisions(pages: Sequence[PageView], article_paths: Mapping[str, str] | None = None) -> list[Problem]:
    """Clashes between generated pages and articles (article-vs-article clashes are reported by path).

    `article_paths` (URL → content path) lets a clash involving an article name its file.
    """
    paths = [page.output_path for page in pages]
    if len(set(paths)) == len(paths):
        return []
    seen: dict[str, PageView] = {}
    problems = []
    for page in pages:
        other = seen.get(page.output_path)
        if other is not None and not (isinstance(page, ArticlePage) and isinstance(other, ArticlePage)):
            article = page if isinstance(page, ArticlePage) else other if isinstance(other, ArticlePage) else None
            source = (article_paths or {}).get(article.url) if article is not None else None
            if source is not None:
                generated = other if article is page else page
                problems.append(
                    Problem(
                        source,
                        None,
                        f"its URL /{article.url} is also the {type(generated).__name__.removesuffix('Page').lower()} page /{generated.url}",
                        "give the article a `slug:` of its own, in words rather than digits",
                    )
                )
            else:
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
