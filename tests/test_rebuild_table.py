"""The rebuild table (views.py), one test per row: an edit of each kind re-renders exactly these pages.

The site: five stories over three days, two a page, in two topics, each with its
own slug so that a title edit does not move it. Newest first: s4, s3, s2, s1, s0.
Home and March archive: [s4 s3] [s2 s1] [s0]; Politics: [s4 s2] [s0]; Science:
[s3 s1]. Feeds hold two: home [s4 s3], Politics [s4 s2], Science [s3 s1].
s2's neighbours are s3 (newer) and s1 (older); s0 and s4 list s2 as related.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO
from test_incremental import write

from dateline.builder import BuildOptions, build
from dateline.config import load_config
from dateline.views import (
    ArchivePage,
    ArticlePage,
    ArticleView,
    EditionPage,
    EntryView,
    FeedPage,
    ListingPage,
    StoryPage,
    TopicIndexPage,
    TopicSummary,
    fields_holding,
    page_kinds_showing,
)

# Toy stories share all their words, so grouping would fold them into one story; it has its own tests.
CONFIG = """\
title: Table Desk
base_url: https://example.com/table/
paginate: 2
feed_limit: 2
params:
  motto: Facts first
topics:
  - name: Politics
  - name: Science
stories:
  group: false
"""
STORIES = [(1, 10, "Politics"), (1, 11, "Science"), (2, 12, "Politics"), (3, 13, "Science"), (3, 14, "Politics")]
ARTICLES = {f"2021/03/s{n}/" for n in range(5)}
LISTINGS = {"", "page/2/", "page/3/", "topics/politics/", "topics/politics/page/2/", "topics/science/"}
LISTINGS |= {"archive/2021/03/", "archive/2021/03/page/2/", "archive/2021/03/page/3/"}
DAYS = {"2021/03/01/", "2021/03/02/", "2021/03/03/"}  # each day's edition, a listing too
LISTINGS |= DAYS
OTHER_HTML = {"topics/", "tags/", "archive/", "404.html"}
EVERY_HTML = ARTICLES | LISTINGS | OTHER_HTML


BODY = "First paragraph of the story.\n\nSecond paragraph."


def story_text(number: int, body: str = BODY, **front: str) -> str:
    """Story `number`'s file, with front matter values replaced or added."""
    day, hour, topic = STORIES[number]
    values = {"title": f"Story {number}", "slug": f"s{number}", "date": f"2021-03-0{day}T{hour}:00:00", "topics": f"[{topic}]"}
    values.update(front)
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in values.items()) + "---\n\n" + body + "\n"


@pytest.fixture
def site(tmp_path) -> Path:
    """The project, built once (with its disk state)."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "themes", root / "themes")
    (root / "config.yaml").write_text(CONFIG)
    for number in range(5):
        write(root / f"content/s{number}.md", story_text(number))
    assert rebuild(root) >= EVERY_HTML
    return root


def rebuild(root: Path) -> set[str]:
    """Build like `python build.py` and return the URLs rendered."""
    return set(build(load_config(root / "config.yaml")[0], BuildOptions(search=False)).rendered_urls)


def edit_story(root: Path, number: int, **changes: str) -> set[str]:
    """Rewrite one story with changed values and rebuild."""
    write(root / f"content/s{number}.md", story_text(number, **changes))
    return rebuild(root)


def test_body_edit_renders_the_page_and_the_feeds_holding_it(site):
    assert page_kinds_showing(ArticleView, "body_html") == {ArticlePage, FeedPage}
    assert edit_story(site, 2, body=BODY.replace("Second", "A rewritten second")) == {"2021/03/s2/", "topics/politics/feed.xml"}


ENTRY_ROW = {
    "2021/03/s2/",  # its page
    "page/2/",  # the listing pages holding it
    "topics/politics/",
    "archive/2021/03/page/2/",
    "2021/03/02/",  # its day's edition
    "2021/03/s3/",  # its newer neighbour
    "2021/03/s1/",  # its older neighbour
    "2021/03/s0/",  # pages listing it as related
    "2021/03/s4/",
    "topics/politics/feed.xml",  # the feed holding it
}


def test_body_edit_that_changes_the_summary_or_reading_time_renders_the_entry_row(site):
    assert edit_story(site, 2, body=BODY.replace("First", "A new first")) == ENTRY_ROW
    assert edit_story(site, 2, body=BODY + "\n\n" + "word " * 500) == ENTRY_ROW


NEW_TAG = {"tags/", "tags/unique-tag/", "tags/unique-tag/feed.xml", "sitemap.xml"}  # a tag's first story makes its pages


@pytest.mark.parametrize(
    ("field", "value", "also"),
    [
        ("title", "Story 2, retitled", set()),
        ("summary", "A summary of its own.", set()),
        ("location", "GENEVA", set()),
        ("source", "Reuters", set()),
        ("author", "Jane Doe", set()),
        ("tags", "[Unique tag]", NEW_TAG),
        ("kicker", "Exclusive", set()),  # a custom field: templates see it as entry.extra
    ],
)
def test_an_edit_of_what_listings_can_show_renders_every_page_holding_the_entry(site, field, value, also):
    if field in {f for f in EntryView.__dataclass_fields__}:
        assert page_kinds_showing(EntryView, field) == {ArticlePage, ListingPage, FeedPage, EditionPage, StoryPage}
    assert edit_story(site, 2, **{field: value}) == ENTRY_ROW | also


def test_a_tag_renamed_renders_its_old_and_new_tag_pages(site):
    edit_story(site, 2, tags="[Geneva talks]")
    rendered = edit_story(site, 2, tags="[Geneva summit]")
    assert {"tags/", "tags/geneva-summit/", "tags/geneva-summit/feed.xml"} <= rendered
    assert not (site / "_site/tags/geneva-talks").exists()  # the old tag's pages are gone with its last story
    assert rendered - ENTRY_ROW == {"tags/", "tags/geneva-summit/", "tags/geneva-summit/feed.xml", "sitemap.xml"}


def test_a_tag_edit_renders_the_old_tag_page_when_other_stories_keep_it(site):
    edit_story(site, 1, tags="[Geneva talks]")
    edit_story(site, 2, tags="[Geneva talks]")
    rendered = edit_story(site, 2, tags="[Geneva summit]")
    # The old tag loses a story (its page and feed change), the new one gains its first.
    assert {"tags/geneva-talks/", "tags/geneva-talks/feed.xml", "tags/geneva-summit/", "tags/geneva-summit/feed.xml"} <= rendered
    assert (site / "_site/tags/geneva-talks/index.html").exists()
    assert "tags/" in rendered  # the counts on the index change


def test_a_date_edit_within_its_day_renders_the_entry_row(site):
    assert edit_story(site, 2, date="2021-03-02T12:30:00") == ENTRY_ROW


def test_a_date_edit_to_another_day_renders_both_days_and_their_neighbours(site):
    rendered = edit_story(site, 2, date="2021-03-01T12:30:00")
    # Day 2 loses its only story, so day 3's "earlier" link now points at day 1.
    assert {"2021/03/01/", "2021/03/03/"} <= rendered
    assert not (site / "_site/2021/03/02").exists()
    assert rendered & DAYS == {"2021/03/01/", "2021/03/03/"}


def test_a_topic_edit_moves_the_entry_and_changes_counts(site):
    assert page_kinds_showing(TopicSummary, "count") == {TopicIndexPage}
    rendered = edit_story(site, 2, topics="[Science]")
    # Both topics change members and feeds, the index its counts: Politics [s4 s0], Science [s3 s2] [s1].
    assert {"topics/", "topics/politics/", "topics/science/", "topics/science/page/2/", "2021/03/s2/"} <= rendered
    assert {"topics/politics/feed.xml", "topics/science/feed.xml"} <= rendered
    assert "archive/" not in rendered and "feed.xml" not in rendered
    assert not (site / "_site/topics/politics/page/2").exists()  # Politics now fits on one page


def test_a_draft_leaves_every_listing_and_count_holding_it(site):
    rendered = edit_story(site, 0, draft="true")
    # Four stories: the third home, month and second Politics pages are gone with it; counts and the sitemap change.
    assert {"topics/", "archive/", "sitemap.xml", "2021/03/s1/", "2021/03/s2/", "2021/03/s4/"} <= rendered
    for gone in ("2021/03/s0", "page/3", "archive/2021/03/page/3", "topics/politics/page/2"):
        assert not (site / "_site" / gone).exists(), gone


@pytest.mark.parametrize(
    ("template", "pages"),
    [
        ("partials/entry.html", LISTINGS),
        ("partials/pager.html", LISTINGS),
        ("list.html", LISTINGS),
        ("article.html", ARTICLES),
        ("topics.html", {"topics/"}),
        ("archive.html", {"archive/"}),
        ("base.html", EVERY_HTML),
    ],
)
def test_a_template_edit_renders_the_pages_whose_template_includes_it(site, template, pages):
    path = site / "themes/default/templates" / template
    write(path, path.read_text() + "\n<!-- edited -->\n")
    assert rebuild(site) == pages


def test_a_stylesheet_edit_renders_every_page_that_links_it(site):
    path = site / "themes/default/static/style.css"
    write(path, path.read_text() + "\n/* edited */\n")
    # The stylesheet's URL carries its hash; the SiteView holds every asset URL and is in every key.
    assert rebuild(site) >= EVERY_HTML


def test_a_config_value_pages_show_renders_every_page_and_one_they_do_not_show_none(site):
    write(site / "config.yaml", CONFIG.replace("Facts first", "News, fast"))
    assert rebuild(site) >= EVERY_HTML
    write(site / "config.yaml", CONFIG.replace("Facts first", "News, fast") + "ingest:\n  max_tags: 3\n")
    # Articles are parsed again (the config's text is in their key), but no view changed: nothing is rendered.
    assert rebuild(site) == set()


def test_the_month_counts_belong_to_the_archive_index():
    assert page_kinds_showing(ArchivePage, "years") == {ArchivePage}


def test_fields_that_can_hold_an_articles_views_are_found_from_the_types():
    # What a light edit swaps views in (light_edits.py): a page's other fields are never looked into.
    wanted = (EntryView, ArticleView)
    assert fields_holding(ArticlePage, wanted) == ("article", "newer", "older", "related")
    assert fields_holding(ListingPage, wanted) == ("entries",)
    assert fields_holding(TopicIndexPage, wanted) == ()
