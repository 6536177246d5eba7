"""Feed seeds: RSS 0.91/1.0/2.0, Atom and JSON Feed read into entries; hostile XML refused quickly."""

from __future__ import annotations

import io
import json
import re
import time as clock
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest

from dateline.ingest import entries
from dateline.ingest.entries import SeedEntry, SkippedEntry
from dateline.ingest.feeds import parse_feed_date, read_feed
from dateline.ingest.fragments import html_paragraphs

FEEDS = Path(__file__).parent / "fixtures" / "ingest" / "feeds"
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def read(name: str) -> list[SeedEntry | SkippedEntry]:
    return read_feed((FEEDS / name).read_bytes())


def stories(name: str) -> list[SeedEntry]:
    results = read(name)
    assert all(isinstance(result, SeedEntry) for result in results), results
    return results  # type: ignore[return-value]


def assert_plain(entry: SeedEntry) -> None:
    for text in (entry.title, entry.summary, entry.author, entry.source, *entry.paragraphs):
        assert not MARKUP.search(text), text
        assert "javascript:" not in text.lower() and "onclick" not in text.lower(), text
    for url in (entry.source_url, entry.image_url):
        assert url == "" or url.startswith(("http://", "https://")), url


def timed(name: str) -> list[SeedEntry | SkippedEntry]:
    start = clock.perf_counter()
    results = read(name)
    assert clock.perf_counter() - start < 2
    return results


def test_rss2_content_encoded_enclosure_and_media_content():
    ferry, wall = stories("rss2_content_encoded_enclosure.xml")
    assert ferry == SeedEntry(
        key="harbour-2024-0311-ferry",
        paragraphs=(
            "The island ferry sailed at 7\u00a0a.m. on Monday, ending a three-day halt caused by the storm.".replace("\u00a0", " "),
            "Operators said “every crossing” would run as timetabled.",
            "Extra sailings are planned for Tuesday.",
            "Morning: 7:00",
            "Evening: 19:30",
        ),
        title="Ferry service resumes after storm",
        author="Maren Holt",
        published=datetime(2024, 3, 11, 8, 30, tzinfo=timezone(timedelta(hours=1))),
        source="Harbour Gazette & Courier",
        source_url="https://harbour.example.org/2024/03/ferry-resumes",
        image_url="https://harbour.example.org/img/ferry.jpg",
        summary="Crossings restart today after three days.",
    )
    # No guid: the link is the key; a relative link resolves against the channel's link.
    assert wall == SeedEntry(
        key="https://harbour.example.org/2024/03/harbour-wall",
        paragraphs=("The council approved €2 million for the wall.",),
        title="Harbour wall repairs: council votes",
        author="Jonas Berg",
        published=datetime(2024, 3, 10, 17, 45, tzinfo=UTC),
        source="Harbour Gazette & Courier",
        source_url="https://harbour.example.org/2024/03/harbour-wall",
        image_url="https://harbour.example.org/img/wall.png",
        summary="",
    )
    assert ferry.published.utcoffset() == timedelta(hours=1)


def test_rss091_with_netscape_doctype_html_entities_and_latin1():
    cafe, board = stories("rss091_netscape.xml")
    assert cafe == SeedEntry(
        key="http://valley.example.com/news/cafe.html",
        paragraphs=("The café closed in January & reopens under new owners.",),
        title="Café reopens on Main Street",
        source="Valley Weekly",
        source_url="http://valley.example.com/news/cafe.html",
    )
    assert board.paragraphs == ("Señora Ortiz was elected on a 5-2 vote.",)
    assert board.title == "School board elects chair" and board.published is None and board.author == ""


def test_rss10_rdf():
    comet, bees = stories("rss10_rdf.xml")
    assert comet == SeedEntry(
        key="https://science.example.net/comet",
        paragraphs=("Look north-west after sunset.",),
        title="Comet visible this weekend",
        author="Ilse Marek",
        published=datetime(2024, 2, 2, 21, 0, tzinfo=timezone(timedelta(hours=2))),
        source="Science Notes",
        source_url="https://science.example.net/comet",
    )
    assert bees == SeedEntry(
        key="https://science.example.net/bees",
        paragraphs=("A study finds bees can tell three dots from four.",),
        title="Bees count to four",
        published=date(2024, 2, 1),
        source="Science Notes",
        source_url="https://science.example.net/bees",
    )


def test_atom_resolves_links_against_xml_base_and_reads_xhtml_and_html_content():
    tram, library = stories("atom_xml_base.xml")
    assert tram == SeedEntry(
        key="tag:city.example.com,2024:tram",
        paragraphs=("The tram extension opened on Monday with four new stops.", "Riders can check the timetable online."),
        title="Tram line extension opens",
        author="Ana Souza",
        published=datetime(2024, 4, 1, 9, 15, tzinfo=timezone(timedelta(hours=-4))),
        source="City Desk",
        source_url="https://city.example.com/news/2024/tram-extension",
        image_url="https://city.example.com/media/tram.webp",
        summary="The new stretch adds four stops.",
    )
    # The entry's own xml:base (/archive/) applies; no <published>, so <updated>; no author, so the feed's.
    assert library == SeedEntry(
        key="tag:city.example.com,2024:library",
        paragraphs=("The central library will open at 8am.", "Weekend hours stay the same."),
        title="Library hours change",
        author="City Desk Staff",
        published=datetime(2024, 3, 30, 8, 0, tzinfo=UTC),
        source="City Desk",
        source_url="https://city.example.com/archive/library-hours",
    )


def test_json_feed_1_1():
    glacier, wetlands = stories("jsonfeed_1_1.json")
    assert glacier == SeedEntry(
        key="2024-05-glacier",
        paragraphs=("The glacier lost 40 metres this year.", "Survey teams used drones."),
        title="Glacier retreat measured",
        author="Priya Nair",
        published=datetime(2024, 5, 3, 6, 0, tzinfo=UTC),
        source="Field Reports",
        source_url="https://field.example.io/glacier?utm_source=feed",
        image_url="https://field.example.io/img/glacier.jpg",
        summary="A 40-metre retreat.",
    )
    # A numeric id is coerced to a string (JSON Feed 1.1); the relative url resolves against home_page_url.
    assert wetlands == SeedEntry(
        key="42",
        paragraphs=("Volunteers planted reeds along the river.", "Birds returned within weeks."),
        title="Wetlands restored",
        author="Field Reports Team",
        published=date(2024, 5, 1),
        source="Field Reports",
        source_url="https://field.example.io/wetlands",
        image_url="https://field.example.io/img/reeds.png",
    )


def test_json_feed_wrong_types_skip_the_item_and_say_where():
    results = read("jsonfeed_wrong_types.json")
    assert len(results) == len(json.loads((FEEDS / "jsonfeed_wrong_types.json").read_bytes())["items"])
    assert results[0] == SeedEntry(key="a", paragraphs=("This one is fine.",), title="Fine entry", source="Typed Badly")
    assert results[1:] == [
        SkippedEntry("b", "items[1].date_published is a number, not a string"),
        SkippedEntry("items[2]", "items[2] is a string, not an object"),
        SkippedEntry("d", "items[3].title is a number, not a string"),
        SkippedEntry("e", "entry has no title and no text"),
        SkippedEntry("f", "items[5].authors is an object, not an array"),
        SkippedEntry("items[6]", "items[6].id is a boolean, not a string"),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": {}}', "not a feed: items is an object, not an array"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": 3, "items": []}', "not a feed: title is a number, not a string"),
        (b'{"title": "x", "items": []}', 'not a feed: JSON without a JSON Feed "version" (https://jsonfeed.org/version/1.1)'),
        (b"[1, 2]", "not a feed: the file is an array, not a JSON Feed object"),
        (
            b'{"version": "https://jsonfeed.org/version/1.1",\n "items": [,]}',
            "not a feed: JSON error at line 2, column 12: Expecting value",
        ),
        (b"<html><body>Hello</body></html>", "not a feed: the root element is <html>, not <rss>, <rdf:RDF> or <feed>"),
        (b"  \n", "empty file"),
    ],
)
def test_files_that_are_not_feeds_say_why(data: bytes, reason: str):
    assert read_feed(data) == [SkippedEntry("", reason)]


def test_broken_xml_names_line_and_column():
    assert read("broken.xml") == [SkippedEntry("", "not a feed: XML error at line 3, column 16: mismatched tag")]


def test_billion_laughs_is_refused_quickly():
    [skipped] = timed("billion_laughs.xml")
    assert skipped.key == "" and skipped.reason.startswith("refused: the file declares the XML entity 'lol'")


def test_quadratic_blowup_is_refused_quickly():
    big = "x" * 100_000
    data = f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{big}">]><rss><channel><item><title>{"&a;" * 20_000}</title></item></channel></rss>'
    start = clock.perf_counter()
    [skipped] = read_feed(data.encode())
    assert clock.perf_counter() - start < 2
    assert skipped.reason.startswith("refused: the file declares the XML entity 'a'")


def test_external_entity_is_refused_and_nothing_is_read():
    [skipped] = timed("external_entity.xml")
    assert skipped.reason.startswith("refused: the file declares the XML entity 'xxe'")
    assert "root:" not in skipped.reason


def test_external_dtd_on_this_machine_is_refused():
    [skipped] = timed("external_dtd.xml")
    assert skipped == SkippedEntry("", "refused: the file's DOCTYPE points at 'file:///etc/passwd'; a seed may not ask to read local files")


def test_parameter_entity_is_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % remote SYSTEM "file:///etc/passwd"> %remote;]><rss><channel/></rss>'
    [skipped] = read_feed(data)
    assert skipped.reason.startswith("refused: the file declares the XML entity 'remote'")


def test_script_onclick_and_escaped_markup_leave_no_markup():
    [entry] = stories("script_onclick.xml")
    assert entry == SeedEntry(
        key="https://sneaky.example.com/budget",
        paragraphs=("The budget passed 61 to 40.", "Read the full text & the vote list.", "Escaped markup is text too."),
        title="Budget passes",
        published=datetime(2024, 3, 5, 14, 0, tzinfo=UTC),
        source="Sneaky Times",
        # The javascript: <link> is refused; the guid, a permalink, is the address.
        source_url="https://sneaky.example.com/budget",
    )
    assert_plain(entry)
    assert not any("alert" in p or "steal" in p or "injected" in p or "color" in p or "iframes" in p for p in entry.paragraphs)


@pytest.mark.parametrize("name", sorted(path.name for path in FEEDS.iterdir()))
def test_no_fixture_leaves_markup(name: str):
    for result in read(name):
        if isinstance(result, SeedEntry):
            assert_plain(result)


@pytest.mark.parametrize(
    "name", ["rss2_content_encoded_enclosure.xml", "rss091_netscape.xml", "rss10_rdf.xml", "atom_xml_base.xml", "script_onclick.xml"]
)
def test_titles_and_ids_agree_with_feedparser(name: str):
    """feedparser (the reference reader `build.py check` uses) sees the same entries, titles and ids."""
    reference = feedparser.parse(io.BytesIO((FEEDS / name).read_bytes()))
    ours = stories(name)
    assert [entry.title for entry in ours] == [" ".join(html_paragraphs(e.title)) for e in reference.entries]
    assert reference.feed.title == ours[0].source
    for entry, theirs in zip(ours, reference.entries, strict=True):
        # feedparser leaves an RSS item's relative link as written; ours resolves it against the channel's link.
        assert entry.key in (theirs.get("id"), urljoin(reference.feed.get("link", ""), theirs.get("link", "")))


def test_no_title_and_no_text_is_skipped_and_missing_ids_hash_title_and_date():
    data = b"""<rss version="2.0"><channel><title>T</title>
    <item><description>  </description></item>
    <item><title>Only a title</title><pubDate>Tue, 05 Mar 2024 14:00:00 GMT</pubDate></item>
    </channel></rss>"""
    empty, titled = read_feed(data)
    assert empty.key.startswith("sha256:") and empty == SkippedEntry(empty.key, "entry has no title and no text")
    assert isinstance(titled, SeedEntry) and titled.title == "Only a title" and titled.paragraphs == ()
    assert titled.key.startswith("sha256:") and titled.key != empty.key
    assert read_feed(data)[1].key == titled.key  # stable across runs


def test_entries_over_the_limit_are_skipped_with_one_reason(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("dateline.ingest.feeds.MAX_ENTRIES_PER_FILE", 3)
    items = "".join(f"<item><guid>id-{n}</guid><title>Story {n}</title></item>" for n in range(5))
    results = read_feed(f"<rss><channel><title>T</title>{items}</channel></rss>".encode())
    assert [r.key for r in results] == ["id-0", "id-1", "id-2", "id-3"]
    assert all(isinstance(r, SeedEntry) for r in results[:3])
    assert results[3] == SkippedEntry(
        "id-3", "this entry and the 1 after it were skipped: a seed file may hold at most 3 entries (split the file)"
    )


def test_files_over_the_size_limit_are_not_read():
    [skipped] = read_feed(b" " * (entries.MAX_SEED_BYTES + 1))
    assert skipped.key == "" and "over the limit" in skipped.reason


def test_repeated_ids_are_skipped():
    data = b"<rss><channel><item><guid>x</guid><title>A</title></item><item><guid>x</guid><title>B</title></item></channel></rss>"
    first, second = read_feed(data)
    assert isinstance(first, SeedEntry) and first.title == "A"
    assert second == SkippedEntry("x", "an earlier entry of this feed has the same id")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mon, 11 Mar 2024 08:30:00 +0100", datetime(2024, 3, 11, 8, 30, tzinfo=timezone(timedelta(hours=1)))),
        ("Mon, 11 Mar 2024 08:30:00 GMT", datetime(2024, 3, 11, 8, 30, tzinfo=UTC)),
        ("2024-03-11T08:30:00Z", datetime(2024, 3, 11, 8, 30, tzinfo=UTC)),
        ("2024-03-11T08:30:00", datetime(2024, 3, 11, 8, 30)),
        ("2024-03-11", date(2024, 3, 11)),
        ("last Tuesday", None),
        ("", None),
    ],
)
def test_parse_feed_date(text: str, expected: date | datetime | None):
    assert parse_feed_date(text) == expected


def test_html_paragraphs_split_blocks_and_drop_code():
    html = "<h2>Head</h2>Loose text<br/>next line<div hidden>secret</div><p>A &amp; B&#8212;C</p><noscript>no</noscript><svg><text>x</text></svg>"
    assert html_paragraphs(html) == ["Head", "Loose text", "next line", "A & B—C"]
