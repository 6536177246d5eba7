"""Slugs and URLs for titles in any script: distinct, valid, readable, and encoded one way by links, feeds, sitemap and check."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import feedparser
import pytest
from conftest import article_text, build_project, make_project, read_html

from dateline.check import check_site
from dateline.slugs import fallback_slug, slug_for_title, slugify, url_path

# Real headlines (from news sites in each script) and the slug each gets.
TITLES = {
    "arabic": ("السفير الروسي يغادر واشنطن للتشاور", "السفير-الروسي-يغادر-واشنطن-للتشاور"),
    "chinese": ("东京股市周一大涨", "东京股市周一大涨"),
    "hindi": ("दिल्ली में भारी बारिश से जनजीवन प्रभावित", "दिल्ली-में-भारी-बारिश-से-जनजीवन-प्रभावित"),
    "urdu": ("روسی سفیر مشاورت کے لیے واشنگٹن سے روانہ", "روسی-سفیر-مشاورت-کے-لیے-واشنگٹن-سے-روانہ"),
    "russian": ("Посол России покинул Вашингтон", "посол-россии-покинул-вашингтон"),
    "greek": ("Η Αθήνα υποδέχεται τη σύνοδο", "η-αθήνα-υποδέχεται-τη-σύνοδο"),
}


@pytest.mark.parametrize("script", TITLES)
def test_a_title_in_any_script_keeps_its_words(script):
    title, slug = TITLES[script]
    assert slugify(title) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hello, World!", "hello-world"),
        ("Élection à Paris", "election-a-paris"),  # Latin letters lose their accents, as before
        ("../../etc/passwd", "etc-passwd"),
        ("ﬁnance ２０２１", "finance-2021"),
        ("???", ""),
        ("🔥🔥", ""),
    ],
)
def test_slugify_keeps_letters_and_digits_and_nothing_that_could_make_a_path(text, slug):
    assert slugify(text) == slug


def test_long_slugs_are_cut_at_a_word_and_within_a_file_names_bytes():
    assert slugify("word " * 40, max_length=22) == "word-word-word-word"
    cut = slugify("東京" * 100)
    assert len(cut) <= 80 and len(cut.encode()) <= 200


def test_titles_without_letters_get_short_stable_distinct_slugs():
    assert slug_for_title("🔥🔥") == slug_for_title("🔥🔥") == fallback_slug("🔥🔥")
    assert slug_for_title("🔥🔥") != slug_for_title("!!!")
    assert slug_for_title("Hello") == "hello"


def test_urls_are_percent_encoded_as_utf8_and_ascii_urls_are_left_alone():
    assert url_path("2021/03/russian-ambassador/") == "2021/03/russian-ambassador/"
    assert url_path("2021/03/东京/") == "2021/03/%E4%B8%9C%E4%BA%AC/"
    assert unquote(url_path("2021/03/东京/")) == "2021/03/东京/"


@pytest.fixture(scope="module")
def many_scripts(tmp_path_factory) -> Path:
    """A site with one article per script, and two titles of emoji only in one month."""
    tmp_path = tmp_path_factory.mktemp("scripts")
    files = {f"content/{script}.md": article_text(title, date="2021-03-20T10:00:00") for script, (title, _) in TITLES.items()}
    files["content/emoji-1.md"] = article_text("'🔥🔥'", date="2021-03-21T10:00:00")
    files["content/emoji-2.md"] = article_text("'🎉🎉'", date="2021-03-21T11:00:00")
    root = make_project(tmp_path, files=files)
    build_project(root)
    return root


def test_every_article_gets_its_own_readable_page(many_scripts):
    site = many_scripts / "_site"
    for title, slug in TITLES.values():
        page = site / "2021/03" / slug / "index.html"
        assert read_html(page).find("h1").get_text() == title
    emoji = sorted(p.name for p in (site / "2021/03").iterdir() if p.name.startswith("story-"))
    assert len(emoji) == 2


def test_links_sitemap_and_feeds_agree_on_the_encoded_urls(many_scripts):
    site = many_scripts / "_site"
    hrefs = {a["href"] for a in read_html(site / "index.html").find_all("a", href=True)}
    sitemap = {loc.text for loc in ET.parse(site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    feed = {entry.link for entry in feedparser.parse((site / "feed.xml").read_bytes()).entries}
    base = "https://news.example.org/desk/"
    for _, slug in TITLES.values():
        encoded = url_path(f"2021/03/{slug}/")
        assert encoded.isascii()
        assert encoded in hrefs  # the home page links from the site root
        assert base + encoded in sitemap
        assert base + encoded in feed


def test_check_finds_every_page_and_link(many_scripts):
    report = check_site(many_scripts / "_site", "https://news.example.org/desk/")
    assert report.ok, [str(p) for p in report.problems]


def generated_strings(alphabet: str, count: int, seed: int) -> list[str]:
    """Random strings over `alphabet`, of lengths 0 to 40 (a fixed seed: the same strings every run)."""
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


ASCII = "".join(chr(c) for c in range(128))


def test_the_ascii_fast_path_of_slugify_equals_the_character_loop():
    from dateline.slugs import slugify_by_character

    texts = generated_strings(ASCII, 5000, 1) + generated_strings("AbZ09 -_.&+#@'", 5000, 2)
    differing = [text for text in texts if slugify(text) != slugify_by_character(text)]
    assert not differing, differing[:5]
    assert any(slugify(text) for text in texts) and any(not slugify(text) for text in texts)


def test_the_nothing_to_encode_fast_path_of_url_path_equals_quote():
    from urllib.parse import quote

    from dateline.slugs import URL_SAFE

    texts = generated_strings(ASCII + "éé東", 5000, 3) + generated_strings("az09/-._~#?&=:%+ ", 5000, 4)
    differing = [text for text in texts if url_path(text) != quote(text, safe=URL_SAFE)]
    assert not differing, differing[:5]
