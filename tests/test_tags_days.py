"""Entity pages (/tags/) and day editions (/YYYY/MM/DD/): tiny sites built, their HTML and feeds parsed."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL_CONFIG, article_text, make_project, sitemap_locations

from dateline.builder import BuildOptions, build
from dateline.config import load_config, parse_config
from dateline.errors import BuildError
from dateline.slugs import tag_slug

BASE = "https://news.example.org/desk/"


def built(tmp_path: Path, files: dict[str, str], config_text: str = MINIMAL_CONFIG) -> Path:
    """Build a project of `files` and return its output folder."""
    root = make_project(tmp_path, config_text, files)
    build(load_config(root / "config.yaml")[0], BuildOptions(search=False))
    return root / "_site"


def soup(site: Path, url: str) -> BeautifulSoup:
    """The parsed page at a site URL (folder URLs read their index.html)."""
    path = site / unquote(url)
    return BeautifulSoup((path / "index.html" if url.endswith("/") or not url else path).read_text(encoding="utf-8"), "html.parser")


def story(title: str, date: str, tags: str = "[]", **front: str) -> str:
    return article_text(title, date, f"{title}, the body.", tags=tags, **front)


def resolve(page_url: str, href: str) -> str:
    """A link on the page at `page_url` as a site URL."""
    return unquote(urljoin(BASE + page_url, href).removeprefix(BASE))


TAGGED = {
    "content/a.md": story("Alpha", "2021-03-18T09:00:00Z", "[Vladimir Putin, Moscow]"),
    "content/b.md": story("Bravo", "2021-03-19T09:00:00Z", "[putin, U.S.]"),
    "content/c.md": story("Charlie", "2021-03-20T09:00:00Z", "[Putin, USA, Moscow]", location="MOSCOW"),
    "content/d.md": story("Delta", "2021-03-20T11:00:00Z", "[United States, 東京]"),
}
ALIASES = MINIMAL_CONFIG + "tags:\n  - name: United States\n    aliases: [U.S., USA]\n    kind: place\n"


def test_tags_merge_by_case_and_declared_aliases_and_list_most_named_first(tmp_path):
    site = built(tmp_path, TAGGED, ALIASES)
    index = soup(site, "tags/")
    rows = [(li.a.get_text(), resolve("tags/", li.a["href"])) for li in index.select("main li")]
    # United States 3 (U.S., USA, its own name), Moscow 2, Putin 2 (putin, Putin), then the 1s: by count, then A-Z.
    names = [name for name, _ in rows]
    assert names == ["United States", "Moscow", "Putin", "Vladimir Putin", "東京"]
    assert rows[0][1] == "tags/united-states/" and (site / "tags/united-states/index.html").exists()
    counts = [li.select_one(".count").get_text() for li in index.select("main li")]
    assert counts[0].startswith("3 stories") and counts[1].startswith("2 stories")


def test_an_undeclared_tag_is_named_by_its_most_common_spelling(tmp_path):
    files = {
        "content/a.md": story("Alpha", "2021-03-18T09:00:00Z", "[putin]"),
        "content/b.md": story("Bravo", "2021-03-19T09:00:00Z", "[Putin]"),
        "content/c.md": story("Charlie", "2021-03-20T09:00:00Z", "[Putin]"),
    }
    site = built(tmp_path, files)
    page = soup(site, "tags/putin/")
    assert page.h1.get_text(strip=True) == "Putin"
    assert [h.get_text(strip=True) for h in page.select("main article h2, main article h3")][:3] == ["Charlie", "Bravo", "Alpha"]


def test_a_tag_page_lists_its_stories_newest_first_paginated_with_a_feed(tmp_path):
    files = {f"content/s{n}.md": story(f"Story {n}", f"2021-03-{10 + n:02d}T09:00:00Z", "[Geneva talks]") for n in range(5)}
    # Toy stories share all their words: without grouping off they would be one story.
    site = built(tmp_path, files, MINIMAL_CONFIG + "paginate: 2\nstories: {group: false}\n")
    first, second, third = (
        soup(site, "tags/geneva-talks/"),
        soup(site, "tags/geneva-talks/page/2/"),
        soup(site, "tags/geneva-talks/page/3/"),
    )
    titles = [[a.get_text(strip=True) for a in page.select("main article h2 a, main article h3 a")] for page in (first, second, third)]
    assert titles == [["Story 4", "Story 3"], ["Story 2", "Story 1"], ["Story 0"]]
    assert resolve("tags/geneva-talks/", first.select_one('a[rel="next"]')["href"]) == "tags/geneva-talks/page/2/"
    feed = feedparser.parse((site / "tags/geneva-talks/feed.xml").read_bytes())
    assert not feed.bozo and feed.feed.title.startswith("Geneva talks")
    assert [entry.title for entry in feed.entries] == [f"Story {n}" for n in range(4, -1, -1)]
    # Summaries, not bodies: thousands of tag feeds would otherwise each repeat whole stories.
    assert all(entry.summary and "content" not in entry for entry in feed.entries)
    site_feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert all("the body" in entry.content[0].value for entry in site_feed.entries)
    assert first.find("link", rel="alternate", type="application/atom+xml") is not None


def test_every_tag_on_an_article_page_links_to_its_page(tmp_path):
    site = built(tmp_path, TAGGED, ALIASES)
    page = soup(site, "2021/03/delta/")
    links = {a.get_text(): resolve("2021/03/delta/", a["href"]) for a in page.select(".story-tags a")}
    assert links == {"United States": "tags/united-states/", "東京": "tags/東京/"}
    for url in links.values():
        assert (site / url / "index.html").exists(), url
    assert all(a.get("data-pagefind-filter") == "tag" for a in page.select(".story-tags a"))


def test_listing_entries_show_their_top_tags(tmp_path):
    files = {"content/a.md": story("Alpha", "2021-03-18T09:00:00Z", "[One, Two, Three, Four]")}
    site = built(tmp_path, files)
    entry = soup(site, "").select_one("main article")
    shown = [a.get_text() for a in entry.find_all("a") if "/tags/" in urljoin(BASE, a["href"])]
    assert shown == ["One", "Two", "Three"]


def test_a_kind_is_shown_on_the_tag_page_and_index(tmp_path):
    site = built(tmp_path, TAGGED, ALIASES)
    assert "A place" in soup(site, "tags/united-states/").select_one(".intro").get_text()
    assert "A place" in soup(site, "tags/moscow/").select_one(".intro").get_text()  # a story's dateline location
    assert "place" in soup(site, "tags/").find("a", string="Moscow").parent.get_text()
    assert soup(site, "tags/putin/").select_one(".intro").get_text().startswith("Named in")  # no evidence, no kind


def test_tags_that_differ_by_a_symbol_are_different_pages(tmp_path):
    files = {
        "content/a.md": story("Alpha", "2021-03-18T09:00:00Z", "[C, C++, 'C#', AT&T]"),
    }
    site = built(tmp_path, files)
    assert {tag_slug(n) for n in ("C", "C++", "C#", "AT&T")} == {"c", "c-plus-plus", "c-sharp", "at-and-t"}
    for slug in ("c", "c-plus-plus", "c-sharp", "at-and-t"):
        assert (site / "tags" / slug / "index.html").exists(), slug


def test_unicode_tags_get_readable_percent_encoded_urls_everywhere(tmp_path):
    site = built(tmp_path, TAGGED, ALIASES)
    href = soup(site, "2021/03/delta/").find("a", string="東京")["href"]
    assert "%E6%9D%B1%E4%BA%AC" in href
    locations = sitemap_locations(site)
    assert BASE + "tags/%E6%9D%B1%E4%BA%AC/" in locations


def test_tag_and_day_pages_are_in_the_sitemap(tmp_path):
    site = built(tmp_path, TAGGED, ALIASES)
    locations = sitemap_locations(site)
    assert {BASE + "tags/", BASE + "tags/putin/", BASE + "2021/03/18/", BASE + "2021/03/20/"} <= locations


def test_declared_tags_are_validated_with_a_fix(tmp_path):
    def errors(text: str) -> list[str]:
        with pytest.raises(BuildError) as refused:
            parse_config(MINIMAL_CONFIG + text, tmp_path)
        return [f"{p.message} — {p.hint}" for p in refused.value.problems]

    assert any("kind 'city'" in e and "person, place or organisation" in e for e in errors("tags:\n  - name: Paris\n    kind: city\n"))
    assert any("needs a `name`" in e for e in errors("tags:\n  - aliases: [x]\n"))
    both = errors("tags:\n  - name: United States\n    aliases: [US]\n  - name: Uncle Sam\n    aliases: [us]\n")
    assert any("'us' names both tags" in e for e in both)
    assert any("share the page /tags/c/" in e and "alias" in e for e in errors("tags:\n  - name: C\n  - name: 'c.'\n"))
    assert any("edition.publish" in e for e in errors("edition:\n  publish: maybe\n"))
    assert any("unknown key `edition.form`" in e for e in errors("edition:\n  form: a@b.org\n"))


DAYS = {
    "content/a.md": story("Alpha", "2021-03-15T09:00:00Z"),
    "content/b.md": story("Bravo", "2021-03-18T09:00:00Z"),
    "content/c.md": story("Charlie", "2021-03-18T23:30:00Z"),  # the 19th in Tokyo
    "content/d.md": story("Delta", "2021-03-20T09:00:00Z"),
}


def test_every_day_with_stories_has_a_page_linked_to_its_nearest_days(tmp_path):
    site = built(tmp_path, DAYS)
    assert sorted(p.parent.name for p in (site / "2021/03").glob("[0-9][0-9]/index.html")) == ["15", "18", "20"]
    middle = soup(site, "2021/03/18/")
    assert [a.get_text(strip=True) for a in middle.select("main article h2 a, main article h3 a")] == ["Charlie", "Bravo"]
    # The nearest days with stories, skipping the empty ones between.
    assert resolve("2021/03/18/", middle.select_one('.day-nav a[rel="prev"]')["href"]) == "2021/03/15/"
    assert resolve("2021/03/18/", middle.select_one('.day-nav a[rel="next"]')["href"]) == "2021/03/20/"
    assert soup(site, "2021/03/15/").select_one('.day-nav a[rel="prev"]') is None
    assert soup(site, "2021/03/20/").select_one('.day-nav a[rel="next"]') is None


def test_day_headings_on_home_and_archive_link_their_day_pages(tmp_path):
    site = built(tmp_path, DAYS)
    for url in ("", "archive/2021/03/"):
        links = [resolve(url, h.a["href"]) for h in soup(site, url).select("h2.day-heading")]
        assert links == ["2021/03/20/", "2021/03/18/", "2021/03/15/"], url
    # On its own page a day's heading is not a link to itself.
    assert soup(site, "2021/03/18/").select_one("h2.day-heading a") is None


def test_days_are_the_days_of_config_timezone(tmp_path):
    site = built(tmp_path, DAYS, MINIMAL_CONFIG.replace("timezone: UTC", "timezone: Asia/Tokyo"))
    assert [a.get_text(strip=True) for a in soup(site, "2021/03/19/").select("main article h2 a, main article h3 a")] == ["Charlie"]
    assert [a.get_text(strip=True) for a in soup(site, "2021/03/18/").select("main article h2 a, main article h3 a")] == ["Bravo"]


def test_an_article_whose_slug_is_a_day_is_a_located_error(tmp_path):
    files = {**DAYS, "content/e.md": story("Twentieth", "2021-03-20T10:00:00Z", slug="'20'")}
    root = make_project(tmp_path, MINIMAL_CONFIG, files)
    with pytest.raises(BuildError) as raised:
        build(load_config(root / "config.yaml")[0], BuildOptions(search=False))
    assert [str(p) for p in raised.value.problems] == [
        "content/e.md: error: its URL /2021/03/20/ is also the listing page /2021/03/20/ (give the article a `slug:` of its own, in words rather than digits)"
    ]
