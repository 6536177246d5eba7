"""What a seed file of any format holds: one or more stories, read before the text is mined for datelines and tags.

Plain text seeds hold one story and no known fields. Saved web pages, newsletters and feeds
say some fields outright (headline, author, date, site, address); a reader returns those as a
SeedEntry, and ingest mines the paragraphs for the rest, preferring what the file said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# Bounds on what one untrusted file may make ingest do; a reader reports a file over them, never half-reads it.
MAX_SEED_BYTES = 20 * 1024 * 1024
MAX_ENTRIES_PER_FILE = 5000
MAX_PARAGRAPHS = 2000


@dataclass(frozen=True)
class SeedEntry:
    """One story read from a seed file, with the fields the file itself states."""

    key: str  # "" for a file of one story; else the story's id in the file (feed guid/id/link, Message-ID#n)
    paragraphs: tuple[str, ...]  # plain text, no markup: ingest escapes it like any seed
    title: str = ""
    author: str = ""
    published: date | datetime | None = None
    source: str = ""  # the site's, sender's or feed's name
    source_url: str = ""  # the story's own address (canonical URL, feed link, newsletter link)
    image_url: str = ""
    summary: str = ""


@dataclass(frozen=True)
class SkippedEntry:
    """A story (or a whole file, key "") a reader could not take, and why, in words a user can act on."""

    key: str
    reason: str


ReadResult = list[SeedEntry | SkippedEntry]
