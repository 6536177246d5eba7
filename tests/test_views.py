"""Views: what templates see is plain, frozen data, one record type per page kind, and a view's key covers all of it."""

from __future__ import annotations

import dataclasses
import pickle
import random
from datetime import date
from pathlib import Path

import jinja2
import pytest
from conftest import article_text, build_project, make_project
from test_site import config_for, paths, story

from dateline.content import Article
from dateline.frozen import FrozenMap, freeze
from dateline.keys import same_view, view_key
from dateline.render import Renderer
from dateline.site import make_site, sort_newest_first
from dateline.views import (
    ArchivePage,
    ArticlePage,
    FeedPage,
    ListingPage,
    NotFoundPage,
    SitemapPage,
    StoryLink,
    TagIndexPage,
    TextPage,
    TopicIndexPage,
    View,
    ViewMemo,
    article_views,
    group_by_day,
    listing_entries,
    listing_entries_plain,
    page_views,
    site_view,
    views_by_path,
)


def five_stories(config):
    """Five articles in two months, paginate 2 in the default config."""
    return [
        story("a", "2021-03-20T09:00:00", "[Politics]", config=config),
        story("b", "2021-03-19T09:00:00", "[Politics]", config=config),
        story("c", "2021-03-18T09:00:00", "[Politics]", config=config),
        story("d", "2021-03-17T09:00:00", "[Business]", config=config),
        story("e", "2021-02-01T09:00:00", "[Business]", config=config),
    ]


def pages_of(config, articles):
    """The page views of a site made of `articles`."""
    site, problems, _ = make_site(config, articles)
    assert problems == []
    views, _ = views_by_path(site.articles, ViewMemo())
    pages, problems = page_views(site, site_view(config, {"style.css": "static/style.1.css"}, search=False), views)
    assert problems == []
    return pages


def test_every_page_is_planned_once_with_its_own_view_type():
    config = config_for()
    pages = pages_of(config, five_stories(config))
    kinds = {page.url: type(page) for page in pages}
    expected = {
        "": ListingPage,
        "page/2/": ListingPage,
        "page/3/": ListingPage,
        "2021/03/a/": ArticlePage,
        "2021/02/e/": ArticlePage,
        "topics/": TopicIndexPage,
        "topics/politics/": ListingPage,
        "topics/politics/page/2/": ListingPage,
        "topics/business/": ListingPage,
        "topics/sport/": ListingPage,
        "topics/politics/feed.xml": FeedPage,
        "archive/": ArchivePage,
        "archive/2021/03/": ListingPage,
        "archive/2021/03/page/2/": ListingPage,
        "archive/2021/02/": ListingPage,
        "feed.xml": FeedPage,
        "404.html": NotFoundPage,
        "sitemap.xml": SitemapPage,
        "robots.txt": TextPage,
        ".nojekyll": TextPage,
    }
    assert {url: kinds.get(url) for url in expected} == expected
    assert "page/4/" not in kinds and "topics/business/page/2/" not in kinds and "CNAME" not in kinds
    assert len(pages) == len(kinds)


def test_cname_page_only_when_configured():
    config = config_for("title: Desk\ncname: news.example.org\n")
    cname = next(page for page in pages_of(config, five_stories(config)) if page.url == "CNAME")
    assert cname.text == "news.example.org\n"


def test_pager_links_neighbours_and_every_page():
    config = config_for()
    pagers = {p.url: p.pager for p in pages_of(config, five_stories(config)) if p.url in ("", "page/2/", "page/3/")}
    assert (pagers[""].prev_url, pagers[""].next_url) == (None, "page/2/")
    assert (pagers["page/2/"].prev_url, pagers["page/2/"].next_url) == ("", "page/3/")
    assert (pagers["page/3/"].prev_url, pagers["page/3/"].next_url) == ("page/2/", None)
    assert pagers["page/2/"].page_urls == ("", "page/2/", "page/3/")


def test_article_page_knows_its_newer_and_older_neighbours():
    config = config_for()
    pages = {page.url: page for page in pages_of(config, five_stories(config))}
    assert (pages["2021/03/b/"].newer.url, pages["2021/03/b/"].older.url) == ("2021/03/a/", "2021/03/c/")
    assert pages["2021/03/a/"].newer is None


def test_feeds_hold_at_most_feed_limit_newest_articles():
    config = config_for()
    feeds = {p.url: [a.url for a in p.entries] for p in pages_of(config, five_stories(config)) if isinstance(p, FeedPage)}
    assert feeds["feed.xml"] == ["2021/03/a/", "2021/03/b/"]
    assert feeds["topics/business/feed.xml"] == ["2021/03/d/", "2021/02/e/"]
    assert feeds["topics/sport/feed.xml"] == []


def test_sitemap_lists_every_html_page_but_404():
    config = config_for()
    pages = pages_of(config, five_stories(config))
    sitemap = next(p for p in pages if isinstance(p, SitemapPage))
    html = [p.url for p in pages if isinstance(p, (ArticlePage, ListingPage, TopicIndexPage, ArchivePage, TagIndexPage))]
    assert [url for url, _ in sitemap.entries] == html


def test_entries_are_grouped_by_local_day_newest_day_first():
    config = config_for("timezone: America/New_York\n")
    articles = sort_newest_first(
        [
            story("late-utc", "2021-03-21T02:00:00Z", config=config),  # 22:00 on the 20th in New York
            story("morning", "2021-03-20T08:00:00", config=config),
            story("day-before", "2021-03-19T23:00:00", config=config),
        ]
    )
    groups = group_by_day([article_views(a).entry for a in articles])
    assert [(g.day, [e.url.split("/")[-2] for e in g.articles]) for g in groups] == [
        (date(2021, 3, 20), ["late-utc", "morning"]),
        (date(2021, 3, 19), ["day-before"]),
    ]
    assert groups[0].label == "Saturday 20 March 2021"
    assert paths(articles) == ["late-utc", "morning", "day-before"]


# --- views hold plain data, and their keys cover all of it ---------------------------------------


def all_view_types() -> list[type]:
    """Every view record type, found from the base class."""
    found, pending = [], [View]
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending += kind.__subclasses__()
    return found


@pytest.mark.parametrize("kind", all_view_types(), ids=lambda kind: kind.__name__)
def test_every_view_type_is_frozen_and_every_field_is_in_its_key(kind):
    assert kind.__dataclass_params__.frozen
    for field in dataclasses.fields(kind):
        # A field left out of comparison or hashing would hint that it may be left out of the key too.
        assert field.compare and field.hash is not False, f"{kind.__name__}.{field.name}"


def test_a_view_key_changes_with_every_field_and_refuses_data_that_is_not_plain():
    config = config_for()
    entry = article_views(story("a", "2021-03-20T09:00:00", "[Politics]", "[Putin]", config=config)).entry
    base = entry.key
    changed = {
        "title": "Other",
        "tags": ("Putin", "Biden"),
        "reading_minutes": 2,
        "draft": True,
        "extra": FrozenMap({"kicker": "x"}),
        "date": entry.date.replace(hour=10),
    }
    for name, value in changed.items():
        assert dataclasses.replace(entry, **{name: value}).key != base, name
    assert (
        dataclasses.replace(entry, extra=FrozenMap({"a": 1, "b": 2})).key
        != dataclasses.replace(entry, extra=FrozenMap({"b": 2, "a": 1})).key
    )
    with pytest.raises(TypeError, match="plain data"):
        view_key(dataclasses.replace(entry, extra={"mutable": "dict"}))


def test_freeze_makes_yaml_values_immutable_and_keeps_their_order():
    frozen = freeze({"b": [1, {"c": date(2021, 3, 1)}], "a": "x"})
    assert list(frozen) == ["b", "a"] and frozen["b"] == (1, FrozenMap({"c": date(2021, 3, 1)}))
    with pytest.raises(AttributeError):
        frozen.extra = 1  # type: ignore[attr-defined]
    with pytest.raises(TypeError):
        frozen["a"] = "y"  # type: ignore[index]


@pytest.mark.parametrize("through_disk", [False, True])
def test_memoised_article_views_equal_fresh_ones(through_disk):
    """views_by_path reuses views (in a session) or their keys (on disk) by article fingerprint: compared with fresh views."""
    rng = random.Random(5)
    config = config_for()
    memo = ViewMemo()
    for round_ in range(30):
        articles = [
            story(
                f"s{n}",
                f"2021-03-{rng.randint(1, 9):02d}T09:00:00",
                rng.choice(["[Politics]", "[Sport]", "[]"]),
                rng.choice(["[Putin]", "[]"]),
                config=config,
            )
            for n in range(rng.randint(1, 6))
        ]
        by_path, memo = views_by_path(articles, memo)
        if through_disk:
            memo = pickle.loads(pickle.dumps(memo.for_disk()))
        for article in articles:
            fresh = article_views(article)
            memoised = by_path[article.path]
            assert memoised == fresh, round_
            assert (memoised.entry.key, memoised.article.key) == (view_key(fresh.entry), view_key(fresh.article)), round_


def test_templates_receive_only_views_plain_values_and_link_helpers(tmp_path, monkeypatch):
    files = {"content/a.md": article_text("A story", topics="[Politics]", tags="[Geneva]", kicker="Exclusive")}
    root = make_project(tmp_path, files=files)
    seen: list[tuple[str, object]] = []
    original = jinja2.Template.render

    def spying_render(self, *args, **kwargs):
        context = dict(*args, **kwargs)
        seen.extend(context.items())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", spying_render)
    build_project(root)
    assert {"page", "article", "days", "topics", "years"} <= {name for name, _ in seen}
    for name, value in seen:
        assert not isinstance(value, (Article, dict)), name
        if name in ("href", "asset"):
            assert callable(value)
        elif value is not None and not isinstance(value, (str, bool, View, tuple)):
            raise AssertionError(f"template variable {name} is a {type(value).__name__}")
        if isinstance(value, tuple):
            assert all(isinstance(item, View) for item in value), name


def test_renderer_globals_come_from_the_site_view():
    config = config_for("title: Desk\nparams:\n  motto: Facts first\n")
    view = site_view(config, {}, search=True)
    renderer = Renderer(view, _empty_theme())
    for name in ("site_title", "site_description", "language", "nav_topics", "params", "generator", "search_enabled"):
        assert renderer.env.globals[name] is not None
    assert renderer.env.globals["site"] is view and renderer.env.globals["params"]["motto"] == "Facts first"


def _empty_theme():
    from dateline.render import Theme

    return Theme("default", (Path("/nonexistent"),), {}, {})


def test_pages_lent_by_the_previous_build_equal_fresh_pages_and_keep_their_keys():
    """page_views reuses a session's last page objects where they hold the same: compared with fresh pages after random edits."""
    rng = random.Random(9)
    config = config_for()
    articles = {f"s{n}": story(f"s{n}", f"2021-03-0{n % 9 + 1}T09:00:00", "[Politics]", config=config) for n in range(12)}
    memo, previous = ViewMemo(), {}
    view = site_view(config, {}, search=False)
    reused = 0
    for round_ in range(25):
        name = rng.choice(sorted(articles))
        when = f"2021-03-0{rng.randint(1, 9)}T{rng.choice([9, 10])}:00:00"
        articles[name] = story(name, when, rng.choice(["[Politics]", "[Sport]"]), rng.choice(["[]", "[Putin]"]), config=config)
        site, _, _ = make_site(config, articles.values())
        by_path, memo = views_by_path(site.articles, memo)
        lent, _ = page_views(site, view, by_path, previous)
        fresh, _ = page_views(site, view, views_by_path(site.articles, ViewMemo())[0])
        assert lent == fresh, round_
        assert [page.key for page in lent] == [view_key(page) for page in fresh], round_
        reused += sum(page is previous.get(page.url) for page in lent)
        previous = {page.url: page for page in lent}
    assert reused > 0  # the shortcut was taken


def test_same_view_is_true_only_for_the_same_text():
    from datetime import timedelta, timezone

    entry = article_views(story("a", "2021-03-20T09:00:00", "[Politics]", config=config_for())).entry
    in_london = entry.date.astimezone(timezone(timedelta(hours=1)))
    assert in_london == entry.date  # equal instants…
    assert not same_view(entry, dataclasses.replace(entry, date=in_london))  # …shown differently
    assert same_view(entry, dataclasses.replace(entry, title="".join(entry.title)))  # an equal string, another object
    assert not same_view(dataclasses.replace(entry, extra=FrozenMap({"x": 0.0})), dataclasses.replace(entry, extra=FrozenMap({"x": -0.0})))
    assert not same_view(entry, dataclasses.replace(entry, tags=("Putin",)))


@pytest.mark.parametrize("seed", range(12))
def test_listing_entries_equal_the_plain_loop_over_random_listings_and_stories(seed):
    rng = random.Random(seed)
    config = config_for()
    articles = sort_newest_first(
        [story(f"s{number}", f"2021-03-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00", config=config) for number in range(40)]
    )
    views, _ = views_by_path(articles, ViewMemo())
    # Some reports in stories of two to five (story sizes and members at random), the rest alone.
    links: dict[str, StoryLink] = {}
    pool = [article.path for article in articles]
    rng.shuffle(pool)
    story_number = 0
    while len(pool) > 5 and rng.random() < 0.8:
        members, pool = pool[: rng.randint(2, 5)], pool[5:]
        story_number += 1
        links.update({path: StoryLink(f"stories/s{story_number}/", len(members), ("AP",)) for path in members})
    fast_linked, plain_linked = {}, {}
    for _ in range(6):
        listing = [article for article in articles if rng.random() < 0.6]
        fast = listing_entries(listing, views, links, fast_linked)
        plain = listing_entries_plain(listing, views, links, plain_linked)
        assert fast == plain
        assert [entry.key for entry in fast] == [entry.key for entry in plain]
    assert fast_linked == plain_linked
