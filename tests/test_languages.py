"""Language tags: which read right to left, which are tags at all, and where a build writes them."""

from __future__ import annotations

import json

import feedparser
import pytest
from conftest import article_text, build_project, make_project, read_html

from dateline.errors import BuildError
from dateline.languages import direction, is_language_tag


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        *[("ur", "rtl"), ("ar", "rtl"), ("fa-IR", "rtl"), ("he", "rtl"), ("ku-Arab", "rtl"), ("pa-Arab", "rtl")],
        *[("en", "ltr"), ("zh-Hans", "ltr"), ("hi", "ltr"), ("az-Latn", "ltr"), ("sd-Deva", "ltr"), ("EN-gb", "ltr")],
    ],
)
def test_direction_follows_the_script_subtag_else_the_language(tag, expected):
    assert direction(tag) == expected


@pytest.mark.parametrize(
    ("tag", "valid"), [("ur", True), ("zh-Hans", True), ("pt-BR", True), ("sr-Latn-RS", True), ("urdu!", False), ("", False)]
)
def test_language_tags(tag, valid):
    assert is_language_tag(tag) is valid


def test_a_bad_language_is_a_located_error_with_examples(tmp_path):
    root = make_project(tmp_path, files={"content/a.md": article_text("A", language="Urdu language")})
    with pytest.raises(BuildError) as caught:
        build_project(root)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line) == ("content/a.md", 4) and "`ur`, `ar`, `zh-Hans`" in problem.hint


def test_an_article_in_another_language_is_marked_in_its_page_feed_and_metadata(tmp_path):
    files = {"content/a.md": article_text("سفیر روانہ", language="ur"), "content/b.md": article_text("English story", date="2021-03-19")}
    root = make_project(tmp_path, files=files)
    build_project(root)
    site = root / "_site"
    page = read_html(site / "2021/03/سفیر-روانہ/index.html")
    assert page.html["lang"] == "ur" and page.find("article", class_="story")["dir"] == "rtl"
    assert page.find("header", class_="masthead")["lang"] == "en"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["inLanguage"] == "ur"
    entries = {entry.title: entry for entry in feedparser.parse((site / "feed.xml").read_bytes()).entries}
    assert entries["سفیر روانہ"].title_detail.language == "ur"  # xml:lang on the entry, as feed readers read it
    english = read_html(site / "2021/03/english-story/index.html")
    assert english.html["lang"] == "en" and not english.find("header", class_="masthead").has_attr("lang")
