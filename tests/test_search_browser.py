"""The sample site in a real browser, served under a sub-path like a GitHub Pages project site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright import sync_api

from dateline.builder import BuildOptions, build
from dateline.check import PagesServer
from dateline.config import load_config

ROOT = Path(__file__).resolve().parent.parent
BASE_PATH = "/digest-test/"


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The sample site built with its search index, served under /digest-test/."""
    config, _warnings = load_config(ROOT / "config.yaml")
    site_dir = tmp_path_factory.mktemp("browser") / "_site"
    build(config, BuildOptions(output_dir=site_dir, base_url=f"https://example.github.io{BASE_PATH}", search=True, use_cache=False))
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    with PagesServer(site_dir, BASE_PATH) as server:
        yield server


class Watch:
    """Collects every failed request, error response and console error of a page."""

    def __init__(self, page):
        self.failures: list[str] = []
        page.on("requestfailed", lambda r: self.failures.append(f"failed {r.url}: {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and self.failures.append(f"{r.status} {r.url}"))
        page.on("console", lambda m: m.type == "error" and self.failures.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.failures.append(f"page error: {e}"))


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.watch = Watch(page)
    yield page
    context.close()


def goto(page, url: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url


def test_navigation_under_the_sub_path_answers_200_everywhere(served_site, page):
    goto(page, served_site.url)
    assert page.locator("h1").inner_text() == "The Dateline Digest"

    page.locator(".entry-title a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(served_site.url)
    headline = page.locator("h1.story-title").inner_text()
    assert headline

    page.locator(".story-footer .topic-links a").first.click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/digest-test/topics/[a-z-]+/$", page.url)
    assert page.locator("h1").count() == 1

    page.get_by_role("link", name="Archive", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == served_site.url + "archive/"
    page.locator(".archive-months a").first.click()
    page.wait_for_load_state("networkidle")
    assert re.search(r"/archive/\d{4}/\d{2}/$", page.url)
    # Stylesheets, scripts and icons all came from the sub-path.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.watch.failures == []


def test_search_finds_an_article_and_a_topic_filter_narrows_results(served_site, page):
    goto(page, served_site.url + "archive/")
    form = page.locator("form[role=search]")
    sync_api.expect(form).to_be_visible()
    search_box = page.get_by_label("Search articles")

    search_box.fill("glacier")
    results = page.locator(".search-result")
    sync_api.expect(results.first).to_be_visible()
    first = results.first
    assert "Glacier survey" in first.locator(".search-result-title").inner_text()
    assert first.locator(".search-result-excerpt mark").count() >= 1
    assert "glacier" in first.locator(".search-result-excerpt mark").first.inner_text().lower()
    meta = first.locator(".search-result-meta").inner_text()
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", meta) and "Science" in meta
    # The result link works under the sub-path.
    href = first.locator("a").get_attribute("href")
    assert href.startswith(BASE_PATH)

    search_box.fill("said")
    status = page.locator(".search-status")
    sync_api.expect(status).to_contain_text("for “said”")
    unfiltered = results.count()
    assert unfiltered >= 3
    page.get_by_label("Politics", exact=True).check()
    sync_api.expect(status).to_contain_text("in Politics")
    filtered = results.count()
    assert 1 <= filtered < unfiltered
    for meta_text in results.locator(".search-result-meta").all_inner_texts():
        assert "Politics" in meta_text

    results.first.locator("a").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1.story-title").count() == 1
    assert page.watch.failures == []


def test_tags_are_pagefind_filters_that_select_the_stories_naming_them(served_site, page):
    goto(page, served_site.url)
    found = page.evaluate(
        """async (bundle) => {
            const pagefind = await import(bundle + "pagefind.js");
            await pagefind.options({ baseUrl: "/digest-test/" });
            const filters = await pagefind.filters();
            const moscow = await pagefind.search(null, { filters: { tag: "White House" } });
            const urls = await Promise.all(moscow.results.map((r) => r.data().then((d) => d.url)));
            return { tags: filters.tag, urls };
        }""",
        served_site.url + "pagefind/",
    )
    # Two sample reports name Moscow; only the first names the White House.
    assert found["tags"]["Moscow"] == 2 and found["tags"]["White House"] == 1
    assert found["urls"] == [BASE_PATH + "2021/03/russian-ambassador-leaves-washington-for-consultations-in-moscow/"]
    assert page.watch.failures == []


def test_a_site_built_without_search_keeps_the_box_hidden_and_still_works(tmp_path, browser):
    config, _warnings = load_config(ROOT / "config.yaml")
    site_dir = tmp_path / "_site"
    build(config, BuildOptions(output_dir=site_dir, base_url=f"https://example.github.io{BASE_PATH}", search=False, use_cache=False))
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with PagesServer(site_dir, BASE_PATH) as server:
        goto(page, server.url)
        page.wait_for_load_state("networkidle")
        assert page.locator("form[role=search]").is_hidden()
        assert page.locator("h1").inner_text() == "The Dateline Digest"
    context.close()
    assert errors == []


def test_tag_day_and_story_pages_are_found_by_their_name_and_date(served_site, page):
    goto(page, served_site.url)
    found = page.evaluate(
        """async (bundle) => {
            const pagefind = await import(bundle + "pagefind.js");
            await pagefind.options({ baseUrl: "/digest-test/" });
            const urls = async (term) => {
                const search = await pagefind.search(term);
                return Promise.all(search.results.map((r) => r.data().then((d) => d.url)));
            };
            return {
                antonov: await urls("Antonov"),
                consultations: await urls("consultations"),
                day: await urls("Saturday 20 March 2021"),
                tariffs: await urls("tariffs"),
            };
        }""",
        served_site.url + "pagefind/",
    )
    story = BASE_PATH + "stories/russian-ambassador-leaves-washington-for-consultations-in-moscow/"
    assert BASE_PATH + "tags/anatoly-antonov/" in found["antonov"]
    assert story in found["consultations"]
    assert BASE_PATH + "2021/03/20/" in found["day"]
    # A tag's page is found by its name; its listing is not indexed again (the articles are).
    assert BASE_PATH + "tags/tariffs/" in found["tariffs"]
    assert not any(url.startswith(BASE_PATH + "tags/trade") for url in found["tariffs"])
    assert page.watch.failures == []
