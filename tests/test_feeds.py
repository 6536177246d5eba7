"""Atom feeds, sitemap.xml, robots.txt and the GitHub Pages extras, read as their readers do."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
from conftest import article_text, build_project, make_project

BASE = "https://news.example.org/desk/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_feed(path):
    """Parse an Atom file with feedparser, failing the test if it is not well-formed."""
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_site_feed_lists_the_newest_articles_up_to_feed_limit(news_site):
    feed = parse_feed(news_site / "feed.xml")
    assert feed.feed.title == "Test Desk"
    assert [e.title for e in feed.entries] == ["Parliament passes the budget", "Central bank holds rates", "Glacier melt speeds up"]


def test_feed_links_are_absolute_from_base_url(news_site):
    feed = parse_feed(news_site / "feed.xml")
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": BASE + "feed.xml", "alternate": BASE}
    assert feed.entries[0].link == BASE + "2021/03/parliament-passes-the-budget/"
    assert feed.entries[0].id == BASE + "2021/03/parliament-passes-the-budget/"


def test_feed_entry_carries_date_author_topics_summary_and_content(news_site):
    entry = parse_feed(news_site / "feed.xml").entries[0]
    assert entry.published == "2021-03-20T18:00:00Z"
    assert entry.author == "Ann Reporter"
    assert [t.term for t in entry.tags] == ["politics", "business"]
    assert entry.summary == "MPs pass the budget by 320 votes to 290."
    assert "Fuel duty rises" in entry.content[0].value


def test_topic_feed_lists_only_that_topic_newest_first(news_site):
    feed = parse_feed(news_site / "topics/politics/feed.xml")
    assert feed.feed.title == "Politics — Test Desk"
    assert {link.rel: link.href for link in feed.feed.links}["alternate"] == BASE + "topics/politics/"
    assert [e.title for e in feed.entries] == ["Parliament passes the budget", "Snap election called", "A year in review"]


def test_topic_feed_respects_feed_limit(tmp_path):
    config = "title: Desk\nbase_url: https://example.org/\nfeed_limit: 2\ntopics: [Politics]\n"
    files = {f"content/s{n}.md": article_text(f"Story {n}", date=f"2021-03-0{n}T10:00:00", topics="[Politics]") for n in range(1, 5)}
    root = make_project(tmp_path, config, files)
    build_project(root)
    assert [e.title for e in parse_feed(root / "_site/topics/politics/feed.xml").entries] == ["Story 4", "Story 3"]
    assert [e.title for e in parse_feed(root / "_site/feed.xml").entries] == ["Story 4", "Story 3"]


def test_empty_topic_feed_is_still_valid(news_site):
    assert parse_feed(news_site / "topics/sport/feed.xml").entries == []


def test_base_url_option_overrides_config_in_feeds(tmp_path):
    root = make_project(tmp_path, files={"content/x.md": article_text("Story")})
    build_project(root, base_url="https://user.github.io/repo")
    feed = parse_feed(root / "_site/feed.xml")
    assert feed.entries[0].link == "https://user.github.io/repo/2021/03/story/"


def test_sitemap_is_valid_xml_listing_every_html_page_but_404(news_site):
    root = ET.parse(news_site / "sitemap.xml").getroot()
    listed = sorted(loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS))
    pages = sorted(
        BASE + page.relative_to(news_site).as_posix().removesuffix("index.html")
        for page in news_site.rglob("*.html")
        if page.name != "404.html"
    )
    assert listed == pages


def test_sitemap_lastmod_is_the_newest_article_shown(news_site):
    root = ET.parse(news_site / "sitemap.xml").getroot()
    lastmod = {
        u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for u in root.findall("s:url", SITEMAP_NS)
    }
    assert lastmod[BASE] == "2021-03-20"
    assert lastmod[BASE + "archive/2020/12/"] == "2020-12-31"


def test_robots_txt_points_at_the_sitemap(news_site):
    lines = (news_site / "robots.txt").read_text().splitlines()
    assert "Sitemap: " + BASE + "sitemap.xml" in lines
    assert "User-agent: *" in lines


def test_nojekyll_is_written_and_cname_only_when_configured(news_site, tmp_path):
    assert (news_site / ".nojekyll").is_file()
    assert not (news_site / "CNAME").exists()
    root = make_project(tmp_path, "title: Desk\nbase_url: https://news.example.org/\ncname: news.example.org\n")
    build_project(root)
    assert (root / "_site/CNAME").read_text() == "news.example.org\n"


def test_404_page_exists(news_site):
    assert (news_site / "404.html").is_file()
