"""Newsletter seeds: .eml and .mbox messages split into one entry per story, chrome left out and said so."""

from __future__ import annotations

import email
import email.policy
import mailbox
import re
import time as clock
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dateline.ingest import entries
from dateline.ingest.entries import SeedEntry, SkippedEntry
from dateline.ingest.mail import read_mail, split_mbox, unwrap_link

MAIL = Path(__file__).parent / "fixtures" / "ingest" / "mail"
MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")
BRIEF_ID = "brief-2024-06-03.8812@mailer.example.com"
BRIEF_DATE = datetime(2024, 6, 3, 6, 0, tzinfo=timezone(timedelta(hours=1)))


def read(name: str) -> list[SeedEntry | SkippedEntry]:
    return read_mail((MAIL / name).read_bytes(), mbox=name.endswith(".mbox"))


def assert_plain(entry: SeedEntry) -> None:
    for text in (entry.title, entry.summary, entry.author, entry.source, *entry.paragraphs):
        assert not MARKUP.search(text), text
        assert "javascript:" not in text.lower() and "onclick" not in text.lower(), text
    assert entry.source_url == "" or entry.source_url.startswith(("http://", "https://"))
    assert "utm_" not in entry.source_url


def test_html_newsletter_becomes_one_entry_per_story():
    results = read("newsletter_html_4_stories.eml")
    story = {"published": BRIEF_DATE, "source": "The Morning Brief"}
    assert results == [
        SeedEntry(
            key=f"{BRIEF_ID}#1",
            paragraphs=("After two years of repairs the river bridge opened at dawn, with a 30 km/h limit for the first month.",),
            title="Old bridge reopens to traffic",
            source_url="https://news.example.org/2024/06/bridge-reopens",
            **story,
        ),
        SeedEntry(
            key=f"{BRIEF_ID}#2",
            paragraphs=(
                "The vote was 9–4. Libraries keep their hours; the pool closes on Sundays.",
                "Opposition members called the cuts short-sighted.",
            ),
            title="Council passes “lean” budget",
            source_url="https://citypaper.example.com/budget-vote",
            **story,
        ),
        # A bold line is a headline too; its link is the blurb's "Read more »", which leaves the text.
        SeedEntry(
            key=f"{BRIEF_ID}#3",
            paragraphs=("Hives in the valley produced twice last year’s honey, the growers’ association said.",),
            title="Beekeepers report record spring",
            source_url="https://valley.example.com/bees",
            **story,
        ),
        # Not a redirect: only the utm_* parameters go; the javascript: link in the blurb is never the address.
        SeedEntry(
            key=f"{BRIEF_ID}#4",
            paragraphs=("Researchers left a camera at 4,000 metres for a year. It saw 12 new species.",),
            title="A camera on the sea floor",
            source_url="https://news.example.org/science/deep-sea-camera?ref=nl",
            **story,
        ),
        SkippedEntry(BRIEF_ID, 'left out a view-in-browser line: "View this email in your browser"'),
        SkippedEntry(BRIEF_ID, 'left out the footer (3 blocks from "You are receiving this email because you subscribed to The…")'),
    ]
    for result in results[:4]:
        assert isinstance(result, SeedEntry)
        assert_plain(result)
        # The hidden preheader, the <title> and the <script> never reach the text.
        assert not any("bridges, budgets" in p or "track(" in p or "Good morning" in p for p in result.paragraphs)


def test_html_newsletter_fixture_really_has_both_parts():
    message = email.message_from_bytes((MAIL / "newsletter_html_4_stories.eml").read_bytes(), policy=email.policy.default)
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]


def test_plain_text_newsletter():
    results = read("newsletter_plain_text.eml")
    story = {"published": datetime(2024, 6, 7, 17, 30), "source": "Coastline Notes"}  # "-0000": no zone given, so none assumed
    assert results == [
        SeedEntry(
            key="notes-112@coast.example.org#1",
            paragraphs=("The harbour office moves to summer tables on Monday, with low tide about forty minutes later than now.",),
            title="Tide tables change next week",
            source_url="https://coast.example.org/tides",
            **story,
        ),
        SeedEntry(
            key="notes-112@coast.example.org#2",
            paragraphs=("Six volunteers began training on Saturday. The crew needs four more before August.",),
            title="Lifeboat crew trains new volunteers",
            source_url="https://coast.example.org/lifeboat",
            **story,
        ),
        SeedEntry(
            key="notes-112@coast.example.org#3",
            paragraphs=("Wardens counted 41 pups, up from 33 last year.",),
            title="Seal pups counted on the spit",
            source_url="https://coast.example.org/seals",
            **story,
        ),
        SkippedEntry(
            "notes-112@coast.example.org",
            'left out the footer (1 block from "You received this because you signed up at coast.example.or…")',
        ),
    ]


def test_single_story_email_is_one_entry_titled_by_its_subject():
    results = read("single_story.eml")
    assert results == [
        SeedEntry(
            key="agm-2024@club.example.org#1",
            paragraphs=(
                "Dear members,",
                "The annual general meeting will be held on Thursday 20 June at the Corn Exchange.",
                "We will elect a new treasurer & vote on the proposed fee of £25.",
            ),
            title="AGM on 20 June: treasurer election and fees",
            published=datetime(2024, 5, 28, 9, 12, 44, tzinfo=timezone(timedelta(hours=2))),
            source="hello@club.example.org",  # no display name: the address
            source_url="https://club.example.org/agm",
        ),
        SkippedEntry("agm-2024@club.example.org", 'left out the footer (1 block from "Unsubscribe from these emails: here")'),
    ]


def test_mbox_with_three_messages():
    results = read("three_messages.mbox")
    assert results == [
        SeedEntry(
            key="week23@parish.example.org#1",
            paragraphs=("The summer fete raised money for the church roof.",),
            title="Fete raises 2,300 pounds",
            published=datetime(2024, 6, 2, 8, 0, tzinfo=UTC),
            source="Parish Bulletin",
            source_url="https://parish.example.org/fete",
        ),
        SeedEntry(
            key="week23@parish.example.org#2",
            paragraphs=("Rehearsals are on Wednesdays at 7pm.",),
            title="Choir seeks tenors",
            published=datetime(2024, 6, 2, 8, 0, tzinfo=UTC),
            source="Parish Bulletin",
            source_url="https://parish.example.org/choir",
        ),
        # ">From the first garden" was quoted by the mbox writer; the reader gives the line back as written.
        SeedEntry(
            key="walk-0603@example.net#1",
            paragraphs=(
                "Thirty people joined the garden walk on Saturday.",
                "From the first garden to the last, the roses stole the show.",
            ),
            title="Notes from the garden walk",
            published=datetime(2024, 6, 3, 19, 45, tzinfo=timezone(timedelta(hours=1))),
            source="Ruth Ames",
        ),
        SkippedEntry("empty-1@example.com", "empty message: message 3 ('(no text)') has no text"),
    ]


def test_split_mbox_agrees_with_the_stdlib_mailbox(tmp_path: Path):
    data = (MAIL / "three_messages.mbox").read_bytes()
    copy = tmp_path / "copy.mbox"
    copy.write_bytes(data)
    reference = mailbox.mbox(copy)
    try:
        expected = [message["Message-ID"] for message in reference]
    finally:
        reference.close()
    ours = [email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"] for raw in split_mbox(data)]
    assert ours == expected == ["<week23@parish.example.org>", "<walk-0603@example.net>", "<empty-1@example.com>"]


@pytest.mark.parametrize("name", sorted(path.name for path in MAIL.iterdir()))
def test_no_fixture_leaves_markup_or_tracking(name: str):
    for result in read(name):
        if isinstance(result, SeedEntry):
            assert_plain(result)
            assert result.published is None or result.published.tzinfo is not None or name == "newsletter_plain_text.eml"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://click.example.com/?url=https%3A%2F%2Fnews.site%2Fa", "https://news.site/a"),
        ("https://t.example.com/redirect?u=https%3A%2F%2Fnews.site%2Fb%3Fp%3D2%26utm_source%3Dx&sig=1", "https://news.site/b?p=2"),
        ("https://t.example.com/c/https%3A%2F%2Fnews.site%2Fc", "https://news.site/c"),
        ("https://www.google.com/url?q=https://news.site/d&sa=D", "https://news.site/d"),
        ("https://news.site/e?utm_source=nl&utm_medium=email&id=5#comments", "https://news.site/e?id=5#comments"),
        ("https://news.site/f?mc_cid=1&mc_eid=2", "https://news.site/f"),
        ("https://news.site/plain", "https://news.site/plain"),
        ("javascript:alert(1)", ""),
        ("mailto:editor@news.site", ""),
        # A redirect to anything but http(s) is not unwrapped: the tracker's own address is what is left.
        ("https://click.example.com/?url=javascript%3Aalert(1)", "https://click.example.com/?url=javascript%3Aalert(1)"),
    ],
)
def test_unwrap_link(link: str, expected: str):
    assert unwrap_link(link) == expected


def test_empty_file_and_empty_message():
    assert read_mail(b"\n\n", mbox=False) == [SkippedEntry("", "empty file")]
    raw = b"From: a@example.com\nSubject: Hi\nMessage-ID: <x@example.com>\n\n\n"
    assert read_mail(raw, mbox=False) == [SkippedEntry("x@example.com", "empty message: message 1 ('Hi') has no text")]


def test_message_with_only_chrome_is_skipped():
    raw = (
        b"From: a@example.com\nSubject: Hi\nMessage-ID: <y@example.com>\nContent-Type: text/html\n\n"
        b"<p><a href='https://x.example.com/web'>View this email in your browser</a></p>"
    )
    assert read_mail(raw, mbox=False) == [
        SkippedEntry("y@example.com#1", "empty message: nothing but a view-in-browser line and footer"),
        SkippedEntry("y@example.com", 'left out a view-in-browser line: "View this email in your browser"'),
    ]


def test_missing_message_id_gives_a_stable_key():
    raw = b"From: Desk <desk@example.com>\nSubject: Note\nDate: Tue, 04 Jun 2024 10:00:00 +0000\n\nA short note.\n"
    [first] = read_mail(raw, mbox=False)
    [again] = read_mail(raw, mbox=False)
    assert isinstance(first, SeedEntry) and first.key.startswith("sha256:") and first.key.endswith("#1") and first.key == again.key
    assert first.paragraphs == ("A short note.",) and first.title == "Note" and first.source == "Desk"


def test_files_over_the_size_limit_are_not_read():
    [skipped] = read_mail(b"x" * (entries.MAX_SEED_BYTES + 1), mbox=True)
    assert skipped.key == "" and "over the limit" in skipped.reason


def test_entries_over_the_limit_are_skipped_with_one_reason(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("dateline.ingest.mail.MAX_ENTRIES_PER_FILE", 2)
    message = (MAIL / "three_messages.mbox").read_bytes()
    results = read_mail(message, mbox=True)
    assert [type(r).__name__ for r in results] == ["SeedEntry", "SeedEntry", "SkippedEntry"]
    assert results[2] == SkippedEntry(
        "walk-0603@example.net#1",
        "this entry, the rest of its message and 1 more messages were skipped: a seed file may hold at most 2 entries (split the file)",
    )


def test_many_messages_are_read_quickly():
    message = (MAIL / "newsletter_html_4_stories.eml").read_bytes().replace(b"\r\n", b"\n")
    data = b"".join(b"From x@example.com Mon Jun  3 06:00:00 2024\n" + message + b"\n" for _ in range(200))
    start = clock.perf_counter()
    results = read_mail(data, mbox=True)
    assert clock.perf_counter() - start < 10
    assert sum(isinstance(r, SeedEntry) for r in results) == 800
