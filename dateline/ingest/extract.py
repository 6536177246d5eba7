"""Seed text → the fields of a content page (pure: no files, no clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from .agencies import canonical_source
from .dateline import Dateline, MetaLine, PlaceNames, default_places, parse_dateline, parse_meta_line
from .dates import FoundDate, resolve_date, years_in_text
from .tags import extract_tags
from .text import build_paragraphs, clean_line, escape_body, normalise_text, strip_signoffs
from .title import HEADLINE_LIMIT, is_headline, lede_headline, lede_summary, recase_headline


@dataclass(frozen=True)
class Extracted:
    """Everything read from one seed's text."""

    title: str
    date: date | datetime
    date_inferred: bool
    location: str
    source: str
    author: str
    summary: str
    paragraphs: tuple[str, ...]
    tags: tuple[str, ...]
    headline_given: bool
    original_title: str = ""
    dateline_evidence: str = ""
    source_url: str = ""  # the story's own address, when its file states one (saved page, feed, newsletter)
    image_url: str = ""
    entry_key: str = ""  # the story's id within a file of many (feed guid, Message-ID#n)

    @property
    def body(self) -> str:
        """The Markdown body, escaped so the text renders literally."""
        return escape_body(list(self.paragraphs))

    @property
    def plain_text(self) -> str:
        """Title and body as plain text (what the topic model reads)."""
        return "\n".join((self.title, *self.paragraphs))


def extract_article(text: str, reference: date, zone: tzinfo, max_tags: int = 5, places: PlaceNames | None = None) -> Extracted:
    """Read title, dateline, date, credits, lede, tags and paragraphs from a seed's decoded text.

    `places` are the dateline gazetteers (None: GeoNames' names, read once a process).
    """
    lines = normalise_text(text).split("\n")
    position = 0
    metas: list[MetaLine] = []
    headline = ""

    def skip_meta(at: int) -> int:
        """Consume byline, `Published:` and date lines (and blank lines) from line `at`."""
        while at < len(lines):
            if not lines[at].strip():
                at += 1
                continue
            meta = parse_meta_line(lines[at])
            if meta is None:
                break
            metas.append(meta)
            at += 1
        return at

    position = skip_meta(position)
    if position < len(lines):
        line = lines[position]
        following = lines[position + 1] if position + 1 < len(lines) else None
        has_body = any(rest.strip() for rest in lines[position + 1 :])
        meta_next = following is not None and len(clean_line(line)) <= HEADLINE_LIMIT and parse_meta_line(following) is not None
        # `French strikes spread` straight above `PARIS, Dec 5 (AFP) - Strikes ...`: a headline with no blank line under it.
        dateline_next = following is not None and is_headline(line, "") and _opens_with_dateline(following, places)
        if has_body and (is_headline(line, following) or meta_next or dateline_next) and not _opens_with_dateline(line, places):
            headline = clean_line(line)
            position = skip_meta(position + 1)

    body_lines, credits = strip_signoffs(lines[position:])
    paragraphs = build_paragraphs(body_lines)
    dateline, paragraphs = _read_dateline(paragraphs, places)

    title = recase_headline(headline, paragraphs, (default_places() if places is None else places).towns) if headline else ""
    title = title or (lede_headline(paragraphs[0]) if paragraphs else "") or "Untitled"
    found: FoundDate | None = next((m.date for m in metas if m.date), None) or dateline.date
    text_years = years_in_text("\n".join(paragraphs)) if found is not None and found.year is None else []
    when, inferred = resolve_date(found, text_years, credits.year, reference, zone)
    return Extracted(
        title=title,
        date=when,
        date_inferred=inferred,
        location=dateline.location,
        source=dateline.source or canonical_source(credits.source),
        author=next((m.author for m in metas if m.author), "") or dateline.author or credits.author,
        summary=lede_summary(paragraphs),
        paragraphs=tuple(paragraphs),
        tags=tuple(extract_tags(headline, paragraphs, max_tags)),
        headline_given=bool(headline),
        original_title=headline if headline and headline != title else "",
        dateline_evidence=dateline.evidence,
    )


# A first paragraph this short may be a dateline's line of its own, whose agency or story follows on the next; so may a
# release's legend in capitals up to this long (`NOT FOR DISTRIBUTION TO UNITED STATES NEWS WIRE SERVICES ...`).
DATELINE_LINE_LIMIT = 80
LEGEND_LINE_LIMIT = 200


def _read_dateline(paragraphs: list[str], places: PlaceNames | None) -> tuple[Dateline, list[str]]:
    """The story's dateline and its paragraphs without it.

    Read in the first paragraph, or across the first two to four when those before the last are short lines (or a
    legend in capitals) that say more with the next: `TOKYO, March 21, Kyodo` / `The Cabinet ...`, `STATE TIMES NEWS` /
    `SRINAGAR: A policeman ...`, `ADEN - SABA` / `The ...`, `PRNewswire` / `NEW YORK` / `The ...`, and old copy set in a
    narrow column, `MOGADISHU,` / `Somalia,` / `Feb. 13` / `-- The`.
    """
    if not paragraphs:
        return parse_dateline("", places), paragraphs
    dateline, taken = parse_dateline(paragraphs[0], places), 1
    for count in (2, 3, 4):
        line = paragraphs[count - 2] if len(paragraphs) >= count else ""
        if not line or (len(line) > DATELINE_LINE_LIMIT and not (line.isupper() and len(line) <= LEGEND_LINE_LIMIT)):
            break
        joined = parse_dateline("\n".join(paragraphs[:count]), places)
        if _fields_told(joined) > _fields_told(dateline):
            dateline, taken = joined, count
    if not _fields_told(dateline):
        return dateline, paragraphs
    # Paragraphs come from build_paragraphs one to a line, so the lines left after the dateline are its paragraphs again.
    left = [part.strip() for part in (dateline.before, *dateline.rest.split("\n")) if part.strip()]
    return dateline, left + paragraphs[taken:]


def _fields_told(dateline: Dateline) -> int:
    """How many of place, agency and date a dateline gives."""
    return bool(dateline.location) + bool(dateline.source) + (dateline.date is not None)


def _opens_with_dateline(line: str, places: PlaceNames | None) -> bool:
    # "LONDON (Reuters) - Stocks fell." is a lede; "WHEAT CROP SAFE - USDA" is a headline.
    found = parse_dateline(clean_line(line), places)
    return bool(found.location or found.source) and any(c.islower() for c in found.rest)
