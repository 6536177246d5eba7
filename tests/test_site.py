"""The site model: ordering, topics, months, related articles, collisions."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from conftest import article_text

from dateline.config import parse_config
from dateline.content import parse_article
from dateline.markup import MarkdownRenderer
from dateline.site import (
    RelatedMemo,
    day_label,
    find_url_collisions,
    make_site,
    month_listings,
    related_articles,
    sort_newest_first,
    topic_listings,
)

RENDERER = MarkdownRenderer()
# Toy stories share all their words, so grouping would fold them into one story; it has its own tests.
CONFIG_TEXT = "title: Desk\npaginate: 2\nfeed_limit: 2\ntopics: [Politics, Business, Sport]\nstories: {group: false}\n"


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
    assert [Path(p).stem for p in related["content/subject.md"]] == ["shares-three", "shares-two", "shares-one-near", "shares-one-far"]


def test_related_keeps_at_most_five():
    articles = sort_newest_first([story(f"s{n}", f"2021-03-{n + 1:02d}T12:00:00", "[Politics]") for n in range(8)])
    related = related_articles(articles)
    assert [Path(p).stem for p in related["content/s4.md"]] == ["s3", "s5", "s2", "s6", "s1"]
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
    _, problems, _ = make_site(config_for(), articles)
    assert [p.path for p in problems] == ["content/b.md"]


# --- the related-articles memo ---------------------------------------------------------------


def test_memoised_related_articles_equal_fresh_ones_after_random_edits():
    """The memo is a fast path: across random edits it must give exactly what a fresh computation gives."""
    rng = random.Random(3)
    config = config_for()
    names = [f"s{n}" for n in range(30)]

    def random_story(name: str):
        topics = "[" + ", ".join(rng.sample(["Politics", "Business", "Sport"], rng.randint(0, 2))) + "]"
        tags = "[" + ", ".join(rng.sample(["budget", "Geneva", "oil", "Putin"], rng.randint(0, 2))) + "]"
        return story(name, f"2021-03-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:00:00", topics, tags, config=config)

    articles = {name: random_story(name) for name in names}
    memo = None
    for _ in range(60):
        name = rng.choice(names)
        if rng.random() < 0.2:
            articles.pop(name, None)
        elif rng.random() < 0.5:
            articles[name] = random_story(name)
        site, _, memo = make_site(config, articles.values(), memo)
        fresh, _, _ = make_site(config, articles.values())
        assert site.related == fresh.related


def test_the_memo_is_reused_only_for_the_same_relations():
    config = config_for()
    articles = [
        story("a", "2021-03-20T09:00:00", "[Politics]", config=config),
        story("b", "2021-03-19T09:00:00", "[Politics]", config=config),
    ]
    _, _, memo = make_site(config, articles)
    stale = RelatedMemo(memo.key, {"content/a.md": ("content/b.md",), "content/b.md": ()})
    site, _, kept = make_site(config, articles, stale)
    assert kept is stale and site.related["content/b.md"] == ()
    moved = [articles[0], story("b", "2021-03-18T09:00:00", "[Politics]", config=config)]
    site, _, renewed = make_site(config, moved, stale)
    assert renewed.key != stale.key and site.related["content/b.md"] == ("content/a.md",)
