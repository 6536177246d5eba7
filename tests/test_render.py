"""Rendered HTML: home, article, topic and archive pages, theme fallback and hashed assets."""

from __future__ import annotations

import json
import re

import pytest
from conftest import article_text, build_project, make_project, project_config, read_html

from dateline.errors import BuildError
from dateline.render import load_theme, make_href, relative_root

BASE = "https://news.example.org/desk/"
BUDGET = "2021/03/parliament-passes-the-budget/"


def texts(elements) -> list[str]:
    """The visible text of each element, whitespace collapsed."""
    return [" ".join(e.get_text().split()) for e in elements]


def hrefs(elements) -> list[str]:
    """The href of each element."""
    return [e["href"] for e in elements]


# --- URL helpers --------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "root"), [("", ""), ("2021/03/x/", "../../../"), ("topics/", "../"), ("404.html", "")])
def test_relative_root_climbs_one_level_per_folder(url, root):
    assert relative_root(url) == root


def test_href_is_relative_and_can_spell_out_index_html():
    assert make_href("../", False)("topics/") == "../topics/"
    assert make_href("", False)("") == "./"
    assert make_href("../", True)("topics/") == "../topics/index.html"
    assert make_href("../", True)("feed.xml") == "../feed.xml"


# --- home page ----------------------------------------------------------------------------------


def test_home_groups_articles_by_day_newest_first(news_site):
    home = read_html(news_site / "index.html")
    days = home.select("section.day")
    assert texts(s.select_one("h2.day-heading") for s in days) == ["Saturday 20 March 2021"]
    assert days[0].select_one("h2 time")["datetime"] == "2021-03-20"
    assert texts(days[0].select("h3.entry-title")) == ["Parliament passes the budget", "Central bank holds rates"]


def test_second_home_page_continues_in_order_across_days(news_site):
    page = read_html(news_site / "page/2/index.html")
    assert texts(page.select("h2.day-heading")) == ["Saturday 20 March 2021", "Thursday 18 March 2021"]
    # Same time as "Central bank holds rates": the path breaks the tie.
    assert texts(page.select("h3.entry-title")) == ["Glacier melt speeds up", "Snap election called"]


def test_home_entry_has_headline_link_byline_summary_and_topic_links(news_site):
    entry = read_html(news_site / "index.html").select_one("article.entry")
    assert hrefs(entry.select("h3.entry-title a")) == [BUDGET]
    assert texts(entry.select("p.byline")) == ["LONDON · Test Wire"]
    assert texts(entry.select("p.summary")) == ["MPs pass the budget by 320 votes to 290."]
    assert hrefs(entry.select("ul.topic-links a")) == ["topics/politics/", "topics/business/"]
    assert texts(entry.select("ul.topic-links a")) == ["Politics", "Business"]


def test_pager_links_newer_and_older_pages(news_site):
    pager = read_html(news_site / "page/2/index.html").select_one("nav.pager")
    assert pager.select_one("a[rel=prev]")["href"] == "../../"
    assert pager.select_one("a[rel=next]")["href"] == "../../page/3/"
    assert texts(pager.select(".pager-status")) == ["Page 2 of 3"]
    assert read_html(news_site / "page/3/index.html").select_one("nav.pager a[rel=next]") is None


def test_home_days_follow_the_configured_timezone(tmp_path):
    config = "title: Desk\nbase_url: https://example.org/\ntimezone: America/New_York\n"
    files = {
        "content/late.md": article_text("Late story", date="2021-03-21T02:00:00Z"),
        "content/early.md": article_text("Early story", date="2021-03-20T07:00:00"),
    }
    root = make_project(tmp_path, config, files)
    build_project(root)
    home = read_html(root / "_site/index.html")
    assert texts(home.select("h2.day-heading")) == ["Saturday 20 March 2021"]
    assert texts(home.select("h3.entry-title")) == ["Late story", "Early story"]


# --- article page -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def budget(news_site):
    """The parsed article page of `Parliament passes the budget`."""
    return read_html(news_site / BUDGET / "index.html")


def test_article_page_has_exactly_one_h1_the_headline(budget):
    assert texts(budget.find_all("h1")) == ["Parliament passes the budget"]


def test_article_page_shows_date_byline_author_and_reading_time(budget):
    meta = budget.select_one("p.story-meta")
    time = meta.find("time")
    assert time["datetime"] == "2021-03-20T18:00:00+00:00"
    assert time.get_text() == "20 March 2021"
    assert texts(meta.select(".dateline")) == ["LONDON · Test Wire"]
    assert texts(meta.select(".author")) == ["By Ann Reporter"]
    assert texts(meta.select(".reading-time")) == ["1 min read"]


def test_article_page_links_its_topics(budget):
    links = budget.select("footer.story-footer ul.topic-links a")
    assert hrefs(links) == ["../../../topics/politics/", "../../../topics/business/"]


def test_article_page_links_previous_and_next_stories(news_site):
    page = read_html(news_site / "2021/03/central-bank-holds-rates/index.html")
    assert page.select_one("nav.story-nav a[rel=prev]")["href"] == "../../../2021/03/glacier-melt-speeds-up/"
    assert page.select_one("nav.story-nav a[rel=next]")["href"] == "../../../2021/03/parliament-passes-the-budget/"
    newest = read_html(news_site / BUDGET / "index.html")
    assert newest.select_one("nav.story-nav a[rel=next]") is None


def test_article_page_lists_related_stories_by_shared_terms_then_date(budget):
    related = budget.select("aside.related li a")
    assert texts(related) == ["Central bank holds rates", "Snap election called", "Chip shortage hits carmakers", "A year in review"]


def test_article_page_has_an_absolute_canonical_url(budget):
    assert budget.find("link", rel="canonical")["href"] == BASE + BUDGET


def test_article_page_has_open_graph_tags(budget):
    og = {m["property"]: m["content"] for m in budget.find_all("meta", property=re.compile("^(og|article):"))}
    assert og["og:type"] == "article"
    assert og["og:title"] == "Parliament passes the budget"
    assert og["og:url"] == BASE + BUDGET
    assert og["og:description"] == "MPs pass the budget by 320 votes to 290."
    assert og["og:site_name"] == "Test Desk"
    assert og["article:published_time"] == "2021-03-20T18:00:00+00:00"


def test_article_page_has_news_article_json_ld(budget):
    data = json.loads(budget.find("script", type="application/ld+json").string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Parliament passes the budget"
    assert data["datePublished"] == "2021-03-20T18:00:00+00:00"
    assert data["url"] == data["mainEntityOfPage"] == BASE + BUDGET
    assert data["author"] == {"@type": "Person", "name": "Ann Reporter"}
    assert data["contentLocation"]["name"] == "LONDON"
    assert data["articleSection"] == ["Politics", "Business"]


def test_json_ld_stays_valid_with_markup_in_the_headline(tmp_path):
    files = {"content/x.md": article_text("'</script><b>Tom & Jerry</b>'")}
    root = make_project(tmp_path, files=files)
    build_project(root)
    page = read_html(root / "_site/2021/03/script-b-tom-jerry-b/index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["headline"] == "</script><b>Tom & Jerry</b>"
    assert texts(page.find_all("h1")) == ["</script><b>Tom & Jerry</b>"]


def test_body_heading_ids_do_not_clash_with_theme_ids(tmp_path):
    files = {"content/x.md": article_text("Story", body="# Main\n\nText.\n\n# Related heading\n\nMore.")}
    root = make_project(tmp_path, files=files)
    build_project(root)
    page = read_html(root / "_site/2021/03/story/index.html")
    ids = [element["id"] for element in page.find_all(attrs={"id": True})]
    assert len(ids) == len(set(ids)), ids


# --- topic and archive indexes ------------------------------------------------------------------


def test_topic_index_shows_each_topic_with_description_and_count(news_site):
    index = read_html(news_site / "topics/index.html")
    rows = [
        (texts(li.select(".topic-name")), texts(li.select(".topic-count")), texts(li.select(".topic-description")))
        for li in index.select("ul.topic-index > li")
    ]
    assert rows == [
        (["Politics"], ["3 articles"], ["Governments and elections."]),
        (["Business"], ["3 articles"], ["Companies and markets."]),
        (["Science"], ["2 articles"], ["Research and the environment."]),
        (["Sport"], ["0 articles"], []),
    ]
    assert hrefs(index.select(".topic-name a")) == ["../topics/politics/", "../topics/business/", "../topics/science/", "../topics/sport/"]


def test_topic_page_shows_its_description_feed_and_articles(news_site):
    page = read_html(news_site / "topics/politics/index.html")
    assert texts(page.find_all("h1")) == ["Politics"]
    assert texts(page.select("p.intro")) == ["Governments and elections."]
    assert page.select_one("p.feed-link a")["href"] == "../../topics/politics/feed.xml"
    assert texts(page.select("h3.entry-title")) == ["Parliament passes the budget", "Snap election called"]
    assert texts(read_html(news_site / "topics/politics/page/2/index.html").select("h3.entry-title")) == ["A year in review"]


def test_archive_index_shows_years_and_months_with_counts(news_site):
    index = read_html(news_site / "archive/index.html")
    years = index.select("section.archive-year")
    assert texts(y.find("h2") for y in years) == ["2021 (5 articles)", "2020 (1 article)"]
    assert texts(years[0].select("li")) == ["March 2021 4 articles", "February 2021 1 article"]
    assert hrefs(years[0].select("li a")) == ["../archive/2021/03/", "../archive/2021/02/"]
    assert texts(years[1].select("li")) == ["December 2020 1 article"]


def test_archive_month_pages_list_their_articles(news_site):
    first = read_html(news_site / "archive/2021/03/index.html")
    second = read_html(news_site / "archive/2021/03/page/2/index.html")
    assert texts(first.find_all("h1")) == ["Archive: March 2021"]
    assert texts(first.select("h3.entry-title") + second.select("h3.entry-title")) == [
        "Parliament passes the budget",
        "Central bank holds rates",
        "Glacier melt speeds up",
        "Snap election called",
    ]


# --- themes and assets --------------------------------------------------------------------------

MYTHEME_ARTICLE = """{% extends "base.html" %}
{% block main %}<h1 class="custom-headline">{{ article.title }}</h1>{% endblock %}
"""


def themed_project(tmp_path):
    """A project with theme `mytheme` overriding article.html and favicon.svg only."""
    files = {
        "content/x.md": article_text("Story"),
        "themes/mytheme/templates/article.html": MYTHEME_ARTICLE,
        "themes/mytheme/static/favicon.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
    }
    return make_project(tmp_path, "title: Desk\nbase_url: https://example.org/\ntheme: mytheme\n", files)


def test_theme_template_overrides_default_and_others_fall_back(tmp_path):
    root = themed_project(tmp_path)
    build_project(root)
    article = read_html(root / "_site/2021/03/story/index.html")
    assert texts(article.select("h1.custom-headline")) == ["Story"]
    assert article.select_one("header.masthead") is not None  # base.html from default
    home = read_html(root / "_site/index.html")
    assert texts(home.select("h3.entry-title")) == ["Story"]  # list.html from default


def test_theme_static_file_overrides_default_and_others_fall_back(tmp_path):
    root = themed_project(tmp_path)
    build_project(root)
    home = read_html(root / "_site/index.html")
    icon = root / "_site" / home.find("link", rel="icon")["href"]
    assert icon.read_text() == "<svg xmlns='http://www.w3.org/2000/svg'/>\n"
    css = root / "_site" / home.find("link", rel="stylesheet")["href"]
    assert css.read_bytes() == (root / "themes/default/static/style.css").read_bytes()


def test_assets_carry_a_content_hash_that_changes_with_the_file(tmp_path):
    root = make_project(tmp_path)
    build_project(root)
    before = read_html(root / "_site/index.html").find("link", rel="stylesheet")["href"]
    assert re.fullmatch(r"static/style\.[0-9a-f]{10}\.css", before)
    css = root / "themes/default/static/style.css"
    css.write_text(css.read_text() + "\nbody { color: red; }\n")
    build_project(root)
    after = read_html(root / "_site/index.html").find("link", rel="stylesheet")["href"]
    assert after != before
    assert (root / "_site" / after).read_bytes() == css.read_bytes()
    assert not (root / "_site" / before).exists()


def test_missing_theme_folder_is_a_clear_error(tmp_path):
    root = make_project(tmp_path, "theme: nosuch\n")
    with pytest.raises(BuildError) as caught:
        load_theme(project_config(root))
    assert "nosuch" in str(caught.value) and "theme: default" in str(caught.value)
