"""Ingest end to end for what people collect: saved pages, feeds, newsletters; one page per story, new entries only."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from dateline.builder import BuildOptions, build
from dateline.config import parse_config
from dateline.content import split_front_matter
from dateline.ingest import ingest_seeds, list_seeds

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CONFIG = """\
title: Test
topics:
  - name: World
  - name: Local
    keywords: [ferry, harbour, council, library, tram]
ingest:
  default_date: 2024-01-15
sources:
  - url: https://harbour.example.org/feed.xml
    name: Harbour Gazette
    topic: World
"""
SAVED_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Mayor opens the new river bridge | The Riverside Post</title>
<meta property="og:site_name" content="The Riverside Post">
<meta property="og:title" content="Mayor opens the new river bridge">
<link rel="canonical" href="https://www.riversidepost.example/2024/05/bridge-opens">
<meta property="article:published_time" content="2024-05-02T09:30:00+01:00">
<script>document.write('tracking')</script>
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<article>
<h1>Mayor opens the new river bridge</h1>
<p>RIVERSIDE (Reuters) - The mayor opened the new river bridge on Thursday, two years after the old crossing
was closed for safety reasons, and said traffic in the town centre would fall by a third.</p>
<p>The bridge cost 40 million pounds and carries two lanes of traffic, a cycle path and a footpath on each
side. Engineers said it was built to last at least a hundred years.</p>
<p>Shops near the old crossing said trade had fallen sharply while it was closed and welcomed the opening,
though some residents said the new road would bring more lorries to their street.</p>
<p onclick="steal()">Council officers will count traffic on the bridge for a year before deciding whether
to close the old approach road for good.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/x">Bridge delayed again</a></li></ul></aside>
<section id="comments"><h2>Comments</h2><p>First! Great news for the town.</p></section>
<footer>Copyright The Riverside Post. <a href="javascript:alert(1)">Cookie settings</a></footer>
</body></html>
"""


def project(root: Path):
    shutil.copytree(Path(__file__).parent.parent / "themes", root / "themes")
    (root / "seeds" / "feeds").mkdir(parents=True)
    (root / "content").mkdir()
    (root / "config.yaml").write_text(CONFIG, encoding="utf-8")
    return parse_config(CONFIG, root)[0]


def front(root: Path, page: str) -> dict:
    return split_front_matter((root / page).read_text(encoding="utf-8"), page).data


def written(report) -> dict[str, str]:
    return {result.seed: result.page for result in report.results if result.status == "written"}


def test_feed_entries_become_pages_once_with_their_feeds_topic(tmp_path):
    config = project(tmp_path)
    feed = tmp_path / "seeds" / "feeds" / "harbour-gazette.xml"
    shutil.copy(FIXTURES / "feeds" / "rss2_content_encoded_enclosure.xml", feed)
    pages = written(ingest_seeds(config))
    assert len(pages) == 2
    first = front(tmp_path, pages["seeds/feeds/harbour-gazette.xml#1"])
    assert first["title"] == "Ferry service resumes after storm"
    assert first["source_url"] == "https://harbour.example.org/2024/03/ferry-resumes"
    assert first["seed_entry"] == "harbour-2024-0311-ferry"
    assert first["topics"] == ["World"]  # the configured source's topic, not the model's guess
    assert str(first["date"]).startswith("2024-03-11")
    # A new export of the same feed with one more entry adds only that entry.
    text = feed.read_text(encoding="utf-8")
    extra = """<item><title>Lighthouse keeper retires</title><link>https://harbour.example.org/2024/03/keeper</link>
      <guid isPermaLink="false">harbour-2024-0312-keeper</guid><pubDate>Tue, 12 Mar 2024 10:00:00 +0000</pubDate>
      <description>After forty years the lighthouse keeper has retired.</description></item>"""
    feed.write_text(text.replace("<item>", extra + "<item>", 1), encoding="utf-8")
    report = ingest_seeds(config)
    assert [front(tmp_path, page)["title"] for page in written(report).values()] == ["Lighthouse keeper retires"]
    assert sum(result.status == "skipped" for result in report.results) == 2
    # The same entries in another file (an export saved twice) are not filed again.
    shutil.copy(feed, tmp_path / "seeds" / "copy-of-the-feed.xml")
    assert written(ingest_seeds(config)) == {}


def test_newsletter_is_split_into_stories_and_its_footer_left_out(tmp_path):
    config = project(tmp_path)
    shutil.copy(FIXTURES / "mail" / "newsletter_html_4_stories.eml", tmp_path / "seeds" / "brief.eml")
    report = ingest_seeds(config)
    pages = written(report)
    assert len(pages) == 4
    left_out = [result.line for result in report.results if result.status == "skipped"]
    assert any("footer" in line for line in left_out) and any("view-in-browser" in line for line in left_out)
    for page in pages.values():
        data = front(tmp_path, page)
        assert data["source"] == "The Morning Brief"
        assert data["source_url"].startswith("https://") and "utm_" not in data["source_url"]
        assert data["seed_entry"].endswith(("#1", "#2", "#3", "#4"))
    assert ingest_seeds(config).summary() == "ingest: 0 written, 1 skipped, 0 refused"


def test_mbox_gives_a_page_per_story_of_each_message(tmp_path):
    config = project(tmp_path)
    shutil.copy(FIXTURES / "mail" / "three_messages.mbox", tmp_path / "seeds" / "inbox.mbox")
    report = ingest_seeds(config)
    pages = written(report)
    # A two-story newsletter, a one-story letter, and an empty message reported, not filed.
    assert sorted(front(tmp_path, page)["seed_entry"] for page in pages.values()) == [
        "walk-0603@example.net#1",
        "week23@parish.example.org#1",
        "week23@parish.example.org#2",
    ]
    assert any(result.status == "skipped" and "empty message" in result.line for result in report.results)


def test_saved_page_is_read_without_its_chrome_and_links_back(tmp_path):
    config = project(tmp_path)
    (tmp_path / "seeds" / "bridge.html").write_text(SAVED_PAGE, encoding="utf-8")
    # "Save as… complete" writes the page's images and scripts beside it: not stories.
    assets = tmp_path / "seeds" / "bridge_files"
    assets.mkdir()
    (assets / "app.js").write_text("var x = 1;", encoding="utf-8")
    (assets / "notes.txt").write_text("Not a story\n\nJust an asset.\n", encoding="utf-8")
    assert [path.name for path in list_seeds(config.seeds_dir)] == ["bridge.html"]
    (page,) = written(ingest_seeds(config)).values()
    data = front(tmp_path, page)
    assert data["title"] == "Mayor opens the new river bridge"  # no " | The Riverside Post"
    assert (data["location"], data["source"]) == ("RIVERSIDE", "Reuters")  # the dateline's agency wins over the site
    assert data["source_url"] == "https://www.riversidepost.example/2024/05/bridge-opens"
    assert str(data["date"]).startswith("2024-05-02")
    body = (tmp_path / page).read_text(encoding="utf-8").split("---", 2)[2]
    for chrome in ("Related stories", "First! Great news", "Cookie settings", "Sport", "tracking"):
        assert chrome not in body
    assert "approach road for good" in body and "onclick" not in body and "javascript:" not in body
    # Built, the article links to where the story was read.
    result = build(config, BuildOptions(search=False))
    assert not [p for p in result.warnings if p.level == "error"]
    html = (tmp_path / "_site" / Path(page).parent.name / "05" / Path(page).stem / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    link = soup.select_one("a.source-link")
    assert link["href"] == "https://www.riversidepost.example/2024/05/bridge-opens"
    assert link.get_text() == "Read at riversidepost.example"
    assert not soup.select("article script") and "steal()" not in html


def test_a_bad_file_is_reported_and_the_others_still_ingested(tmp_path):
    config = project(tmp_path)
    (tmp_path / "seeds" / "picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    shutil.copy(FIXTURES / "feeds" / "billion_laughs.xml", tmp_path / "seeds" / "laughs.xml")
    shutil.copy(FIXTURES / "mail" / "single_story.eml", tmp_path / "seeds" / "story.eml")
    report = ingest_seeds(config)
    lines = {result.seed: result for result in report.results}
    assert lines["seeds/picture.html"].status == "unreadable" and "PNG" in lines["seeds/picture.html"].line
    assert lines["seeds/laughs.xml"].status == "unreadable" and "entit" in lines["seeds/laughs.xml"].line
    assert list(written(report)) == ["seeds/story.eml#1"]


def test_a_source_url_that_is_not_a_web_address_is_an_error(tmp_path):
    config = project(tmp_path)
    page = tmp_path / "content" / "x.md"
    page.write_text("---\ntitle: X\ndate: 2024-01-01\nsource_url: javascript:alert(1)\n---\n\nText.\n", encoding="utf-8")
    from dateline.errors import BuildError

    try:
        build(config, BuildOptions(search=False))
    except BuildError as exc:
        (problem,) = exc.problems
        assert problem.path.endswith("x.md") and problem.line == 4 and "http" in problem.hint
    else:
        raise AssertionError("a javascript: source_url was built")
