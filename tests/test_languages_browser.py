"""Articles in other languages in a real browser: Urdu and Arabic read right to left inside a left-to-right page,
each page is indexed in its language, and search finds articles of every language (issue 12)."""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from conftest import article_text, make_project
from playwright import sync_api

from dateline.builder import BuildOptions, build
from dateline.check import PagesServer
from dateline.config import load_config

BASE_PATH = "/desk/"
URDU_TITLE = "روسی سفیر مشاورت کے لیے واشنگٹن سے روانہ"
URDU_BODY = "روس کے سفیر نے ہفتے کو واشنگٹن چھوڑ دیا۔\n\nسفارت خانے نے کہا کہ وہ ماسکو میں مشاورت کریں گے۔"
ARABIC_TITLE = "السفير الروسي يغادر واشنطن للتشاور"
ARABIC_BODY = "غادر السفير الروسي واشنطن يوم السبت.\n\nوقالت السفارة إنه سيجري مشاورات في موسكو."


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """An English site with an Urdu and an Arabic article, built with its search index and served under /desk/."""
    files = {
        "content/urdu.md": article_text(URDU_TITLE, date="2021-03-20T10:00:00", body=URDU_BODY, language="ur", topics="[World]"),
        "content/arabic.md": article_text(ARABIC_TITLE, date="2021-03-20T11:00:00", body=ARABIC_BODY, language="ar"),
        "content/english.md": article_text(
            "Ambassador leaves Washington", date="2021-03-20T12:00:00", body="The ambassador left on Saturday."
        ),
    }
    root = make_project(tmp_path_factory.mktemp("languages"), files=files)
    config, _ = load_config(root / "config.yaml")
    build(config, BuildOptions(search=True, use_cache=False, base_url=f"https://example.org{BASE_PATH}"))
    with PagesServer(root / "_site", BASE_PATH) as server:
        yield root / "_site", server


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors
    yield page
    context.close()


def ink_columns(png: bytes) -> tuple[int, int, int]:
    """(first, last) column holding dark text pixels of a screenshot, and its width: a small PNG reader (8-bit RGB/RGBA)."""
    width, height, depth, color = struct.unpack(">IIBB", png[16:26])
    assert depth == 8 and color in (2, 6)
    channels = 3 if color == 2 else 4
    data, position = b"", 8
    while position < len(png):
        length = struct.unpack(">I", png[position : position + 4])[0]
        if png[position + 4 : position + 8] == b"IDAT":
            data += png[position + 8 : position + 8 + length]
        position += 12 + length
    raw = zlib.decompress(data)
    stride = width * channels
    previous = bytearray(stride)
    columns: set[int] = set()
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1 : (row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, up_left = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - up_left
                near = min((abs(guess - left), left), (abs(guess - up), up), (abs(guess - up_left), up_left))[1]
                line[i] = (line[i] + near) & 0xFF
        for x in range(width):
            red, green, blue = line[x * channels : x * channels + 3]
            if red + green + blue < 300:  # dark ink on the light page
                columns.add(x)
        previous = line
    assert columns, "no text in the screenshot"
    return min(columns), max(columns), width


def test_an_urdu_article_reads_right_to_left_inside_a_left_to_right_page(served, page):
    _, server = served
    page.goto(server.url + "2021/03/روسی-سفیر-مشاورت-کے-لیے-واشنگٹن-سے-روانہ/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "ur"
    assert page.evaluate("getComputedStyle(document.querySelector('article.story')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.masthead')).direction") == "ltr"
    assert page.locator(".masthead").get_attribute("lang") == "en"
    # In the screenshot, the short first paragraph's text sits at the right of its box; the masthead's at the left.
    first, last, width = ink_columns(page.locator(".story-body p").first.screenshot())
    assert last > width * 0.9 and first > width * 0.3, (first, last, width)
    # The links to the neighbouring stories, outside the article, stay left to right (their labels are English).
    first, last, width = ink_columns(page.locator(".story-nav p").first.screenshot())
    assert first < width * 0.05
    assert page.errors == []


def test_listings_mark_each_entry_in_its_language(served, page):
    _, server = served
    page.goto(server.url, wait_until="networkidle")
    arabic = page.locator("article.entry", has_text=ARABIC_TITLE)
    assert arabic.get_attribute("lang") == "ar" and arabic.get_attribute("dir") == "rtl"
    english = page.locator("article.entry", has_text="Ambassador leaves Washington")
    assert english.get_attribute("lang") is None
    first, last, width = ink_columns(arabic.locator(".summary").screenshot())
    assert last > width * 0.9 and first > width * 0.3


def test_each_page_is_indexed_in_its_language_and_search_finds_every_language(served, page):
    site, server = served
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"en", "ur", "ar"}
    page.goto(server.url, wait_until="networkidle")
    box = page.get_by_label("Search articles")
    results = page.locator(".search-result")
    box.fill("واشنگٹن")  # Washington, in Urdu, searched from an English page
    sync_api.expect(results.first).to_contain_text(URDU_TITLE)
    box.fill("ambassador")
    sync_api.expect(results.first).to_contain_text("Ambassador leaves Washington")
    results.first.locator("a").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1.story-title").inner_text() == "Ambassador leaves Washington"
    assert page.errors == []
