"""The site model: ordering, day groups, topics, months, related articles, pagination, pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import article_text

from dateline.config import parse_config
from dateline.content import parse_article
from dateline.markup import MarkdownRenderer
from dateline.site import (
    ATOM,
    HTML,
    day_label,
    find_url_collisions,
    group_by_day,
    make_site,
    month_listings,
    related_articles,
    sort_newest_first,
    topic_listings,
)

RENDERER = MarkdownRenderer()
CONFIG_TEXT = "title: Desk\npaginate: 2\nfeed_limit: 2\ntopics: [Politics, Business, Sport]\n"


def config_for(text: str = CONFIG_TEXT):
    """A Config parsed from YAML text."""
    return parse_config(text, Path("/project"))[0]


def story(name: str, when: str, topics: str = "[]", tags: str = "[]", config=None, title: str | None = None):
    """An Article from content/<name>.md with the given date, topics and tags."""
    text = article_text(title or name.replace("-", " ").capitalize(), date=when, topics=topics, tags=tags)
    article, problems = parse_article(f"content/{name}.md", text, config or config_for(), RENDERER)
    assert article is not None, [str(p) for p in problems]
    return article


def paths(articles) -> list[str]:
    """The source names of articles, without folder and suffix."""
    return [Path(a.path).stem for a in articles]


# --- ordering and day groups -------------------------------------------------------------------


def test_articles_are_ordered_newest_first_with_ties_broken_by_path():
    articles = [
        story("b-tie", "2021-03-20T09:00:00"),
        story("old", "2021-03-18T09:00:00"),
        story("a-tie", "2021-03-20T09:00:00"),
        story("newest", "2021-03-20T18:00:00"),
    ]
    assert paths(sort_newest_first(articles)) == ["newest", "a-tie", "b-tie", "old"]


def test_articles_are_grouped_by_local_day_newest_day_first():
    config = config_for("timezone: America/New_York\n")
    articles = sort_newest_first(
        [
            story("late-utc", "2021-03-21T02:00:00Z", config=config),  # 22:00 on the 20th in New York
            story("morning", "2021-03-20T08:00:00", config=config),
            story("day-before", "2021-03-19T23:00:00", config=config),
        ]
    )
    groups = group_by_day(articles, config)
    assert [(g.day, paths(g.articles)) for g in groups] == [
        (date(2021, 3, 20), ["late-utc", "morning"]),
        (date(2021, 3, 19), ["day-before"]),
    ]
    assert groups[0].label == "Saturday 20 March 2021"


def test_day_label_does_not_depend_on_the_locale():
    assert day_label(date(2020, 12, 31)) == "Thursday 31 December 2020"


# --- topics and months -------------------------------------------------------------------------


def test_topic_listings_keep_declared_order_then_undeclared_by_name():
    config = config_for()
    articles = sort_newest_first(
        [
            story("one", "2021-03-20T09:00:00", "[Business, Zoology]"),
            story("two", "2021-03-19T09:00:00", "[Politics, Business, Art]"),
        ]
    )
    listings = topic_listings(articles, config)
    assert [(t.topic.name, paths(t.articles)) for t in listings] == [
        ("Politics", ["two"]),
        ("Business", ["one", "two"]),
        ("Sport", []),
        ("Art", ["two"]),
        ("Zoology", ["one"]),
    ]
    assert listings[0].url == "topics/politics/"
    assert listings[0].feed_url == "topics/politics/feed.xml"


def test_month_listings_are_newest_first_by_local_month():
    config = config_for("timezone: Asia/Tokyo\n")
    articles = sort_newest_first(
        [
            story("april-in-tokyo", "2021-03-31T20:00:00Z", config=config),
            story("march", "2021-03-02T10:00:00", config=config),
            story("december", "2020-12-31T10:00:00", config=config),
        ]
    )
    months = month_listings(articles, config)
    assert [(m.year, m.month, paths(m.articles)) for m in months] == [
        (2021, 4, ["april-in-tokyo"]),
        (2021, 3, ["march"]),
        (2020, 12, ["december"]),
    ]
    assert months[0].label == "April 2021"
    assert months[0].url == "archive/2021/04/"


# --- related -----------------------------------------------------------------------------------


def test_related_ranks_by_shared_topics_and_tags_then_nearest_date():
    articles = sort_newest_first(
        [
            story("subject", "2021-03-20T12:00:00", "[Politics, Business]", "[budget]"),
            story("shares-three", "2021-01-01T12:00:00", "[Politics, Business]", "[Budget]"),
            story("shares-two", "2021-02-01T12:00:00", "[Politics]", "[budget]"),
            story("shares-one-near", "2021-03-19T12:00:00", "[Business]"),
            story("shares-one-far", "2021-03-01T12:00:00", "[Politics]"),
            story("shares-nothing", "2021-03-20T11:00:00", "[Sport]"),
        ]
    )
    related = related_articles(articles)
    assert paths(related["content/subject.md"]) == ["shares-three", "shares-two", "shares-one-near", "shares-one-far"]


def test_related_keeps_at_most_five():
    articles = sort_newest_first([story(f"s{n}", f"2021-03-{n + 1:02d}T12:00:00", "[Politics]") for n in range(8)])
    related = related_articles(articles)
    assert paths(related["content/s4.md"]) == ["s3", "s5", "s2", "s6", "s1"]
    assert all(len(r) <= 5 for r in related.values())


def test_related_never_includes_the_article_itself():
    articles = [story("only", "2021-03-20T12:00:00", "[Politics]")]
    assert related_articles(articles) == {"content/only.md": ()}


# --- collisions --------------------------------------------------------------------------------


def test_url_collision_names_both_files():
    articles = sort_newest_first([story("a", "2021-03-20T09:00:00", title="Same"), story("b", "2021-03-02T09:00:00", title="Same")])
    problems = find_url_collisions(articles)
    assert len(problems) == 1
    assert problems[0].path == "content/b.md"
    assert "content/a.md" in problems[0].message
    assert "slug:" in problems[0].hint


def test_make_site_reports_a_url_collision_once():
    articles = [story("a", "2021-03-20T09:00:00", title="Same"), story("b", "2021-03-02T09:00:00", title="Same")]
    _, problems = make_site(config_for(), articles)
    assert [p.path for p in problems] == ["content/b.md"]


# --- pages -------------------------------------------------------------------------------------


def five_stories(config):
    """Five articles in two months, paginate 2 in the default config."""
    return [
        story("a", "2021-03-20T09:00:00", "[Politics]", config=config),
        story("b", "2021-03-19T09:00:00", "[Politics]", config=config),
        story("c", "2021-03-18T09:00:00", "[Politics]", config=config),
        story("d", "2021-03-17T09:00:00", "[Business]", config=config),
        story("e", "2021-02-01T09:00:00", "[Business]", config=config),
    ]


def test_make_site_plans_every_page():
    config = config_for()
    site, problems = make_site(config, five_stories(config))
    assert problems == []
    urls = [p.url for p in site.pages]
    for url in [
        "",
        "page/2/",
        "page/3/",
        "2021/03/a/",
        "2021/02/e/",
        "topics/",
        "topics/politics/",
        "topics/politics/page/2/",
        "topics/business/",
        "topics/sport/",
        "topics/politics/feed.xml",
        "archive/",
        "archive/2021/03/",
        "archive/2021/03/page/2/",
        "archive/2021/02/",
        "feed.xml",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
    ]:
        assert url in urls
    assert "page/4/" not in urls and "topics/business/page/2/" not in urls
    assert "CNAME" not in urls
    assert len(urls) == len(set(urls))


def test_cname_page_only_when_configured():
    config = config_for(CONFIG_TEXT + "cname: news.example.org\n")
    site, _ = make_site(config, five_stories(config))
    assert "CNAME" in [p.url for p in site.pages]


def test_pager_links_neighbours_and_every_page():
    config = config_for()
    site, _ = make_site(config, five_stories(config))
    pagers = {p.url: p.context["pager"] for p in site.pages if p.template == "list.html" and p.url in ("", "page/2/", "page/3/")}
    assert (pagers[""].prev_url, pagers[""].next_url) == (None, "page/2/")
    assert (pagers["page/2/"].prev_url, pagers["page/2/"].next_url) == ("", "page/3/")
    assert (pagers["page/3/"].prev_url, pagers["page/3/"].next_url) == ("page/2/", None)
    assert pagers["page/2/"].page_urls == ("", "page/2/", "page/3/")


def test_article_page_knows_its_newer_and_older_neighbours():
    config = config_for()
    site, _ = make_site(config, five_stories(config))
    page = next(p for p in site.pages if p.url == "2021/03/b/")
    assert (page.context["newer"].slug, page.context["older"].slug) == ("a", "c")
    first = next(p for p in site.pages if p.url == "2021/03/a/")
    assert first.context["newer"] is None


def test_feeds_hold_at_most_feed_limit_newest_articles():
    config = config_for()
    site, _ = make_site(config, five_stories(config))
    feeds = {p.url: [a.slug for a in p.context["articles"]] for p in site.pages if p.kind == ATOM}
    assert feeds["feed.xml"] == ["a", "b"]
    assert feeds["topics/business/feed.xml"] == ["d", "e"]
    assert feeds["topics/sport/feed.xml"] == []


def test_sitemap_lists_every_html_page_but_404():
    config = config_for()
    site, _ = make_site(config, five_stories(config))
    sitemap = next(p for p in site.pages if p.url == "sitemap.xml")
    html_urls = [p.url for p in site.pages if p.kind == HTML and p.url != "404.html"]
    assert [url for url, _ in sitemap.context["entries"]] == html_urls
