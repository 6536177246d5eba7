"""Datelines, bylines and dates: `CITY, Month D (Agency) -` and the lines around a story's opening."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil import parser as date_parser
from dateutil import tz as date_tz

from .text import word_set

# Every regex here runs on a bounded slice (a dateline looks at 300 characters, a meta line at 160),
# so even the few optional groups cannot cost more than a constant on a hostile 1 MB line.
DATELINE_WINDOW = 300
META_LINE_LIMIT = 160

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH_NAMES = [
    "January",
    "Jan",
    "February",
    "Feb",
    "March",
    "Mar",
    "April",
    "Apr",
    "May",
    "June",
    "Jun",
    "July",
    "Jul",
    "August",
    "Aug",
    "September",
    "Sept",
    "Sep",
    "October",
    "Oct",
    "November",
    "Nov",
    "December",
    "Dec",
]
MONTH = "(?:" + "|".join(f"{name}|{name.upper()}" for name in _MONTH_NAMES) + r")(?![A-Za-z])\.?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|Z|[+-]\d\d:?\d\d)"
_TIME = rf"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?(?:\s*{_ZONE})?|(?:1[0-2]|0?[1-9])\s*[ap]\.?m\.?(?:\s*{_ZONE})?"
DATE = (
    rf"{_WEEKDAY}(?:"
    rf"(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?:[T ](?P<itime>(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{{1,6}})?)?\s*{_ZONE}?))?"
    rf"|(?P<md_m>{MONTH})\s+(?P<md_d>{_DAY})(?:,?\s+(?P<md_y>{_YEAR}))?"
    rf"|(?P<dm_d>{_DAY})(?:\s+of)?\s+(?P<dm_m>{MONTH}),?(?:\s+(?P<dm_y>{_YEAR}))?"
    rf")(?:(?:,?\s+(?:at\s+)?|\s*[|,-]\s*)(?P<time>{_TIME}))?"
)
_DATE_RE = re.compile(DATE)
_MONTH_YEAR_RE = re.compile(rf"(?P<m>{MONTH})\s+(?P<y>{_YEAR})")
_ZONES = {
    "BST": 3600,
    "CET": 3600,
    "CEST": 7200,
    "EET": 7200,
    "EEST": 10800,
    "EST": -18000,
    "EDT": -14400,
    "CST": -21600,
    "CDT": -18000,
    "MST": -25200,
    "MDT": -21600,
    "PST": -28800,
    "PDT": -25200,
    "IST": 19800,
    "JST": 32400,
}


@dataclass(frozen=True)
class FoundDate:
    """A date read from text; `year` is None when the text did not say it."""

    month: int
    day: int
    year: int | None = None
    clock: time | None = None
    zone: tzinfo | None = None


def _month_number(text: str) -> int:
    return _MONTHS[text[:3].lower()]


def read_date(match: re.Match[str]) -> FoundDate | None:
    """Turn a match of DATE into a FoundDate (None if it is no real day, like Feb 30)."""
    groups = match.groupdict()
    if groups["iy"]:
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    elif groups["md_m"]:
        year, month, day = (
            int(groups["md_y"]) if groups["md_y"] else None,
            _month_number(groups["md_m"]),
            int(re.sub(r"\D", "", groups["md_d"])),
        )
    else:
        year, month, day = (
            int(groups["dm_y"]) if groups["dm_y"] else None,
            _month_number(groups["dm_m"]),
            int(re.sub(r"\D", "", groups["dm_d"])),
        )
    # 2000 is a leap year, so a yearless Feb 29 is still a possible day.
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    clock_text = groups["itime"] or groups["time"]
    if not clock_text:
        return FoundDate(month, day, year)
    try:
        moment = date_parser.parse(
            clock_text.replace(".", ":", 1) if re.match(r"\d+\.\d\d", clock_text) else clock_text,
            default=datetime(2000, 1, 1),
            tzinfos=_ZONES,
        )
    except (ValueError, OverflowError):
        return FoundDate(month, day, year)
    zone = moment.tzinfo
    if zone is not None and moment.utcoffset() == timedelta(0):
        zone = date_tz.UTC
    return FoundDate(month, day, year, moment.time().replace(tzinfo=None), zone)


def parse_date_text(text: str) -> FoundDate | None:
    """Read the first date in a short text (`20th March, 2021`, `Mar. 20`, `2021-03-20T10:00Z`, ...)."""
    for match in _DATE_RE.finditer(text[:META_LINE_LIMIT]):
        found = read_date(match)
        if found is not None:
            return found
    return None


def years_in_text(text: str, limit: int = 20000) -> list[tuple[int, int]]:
    """List the (year, month) of dates with a year in the text: full dates first, then month-and-year ones."""
    text = text[:limit]
    # Full dates first: "March 3, 1987" is likelier to be the story's own date than "March 1985".
    found: list[tuple[int, int]] = []
    for match in _DATE_RE.finditer(text):
        parsed = read_date(match)
        if parsed is not None and parsed.year is not None:
            found.append((parsed.year, parsed.month))
    for match in _MONTH_YEAR_RE.finditer(text):
        found.append((int(match.group("y")), _month_number(match.group("m"))))
    return found


@dataclass(frozen=True)
class Dateline:
    """What a story's opening dateline said, and the text after it."""

    location: str = ""
    source: str = ""
    date: FoundDate | None = None
    rest: str = ""


_LOC_WORD = r"(?:[A-Z][A-Za-z'.\-]{0,30}|de|del|da|do|dos|das|la|le|les|el|al|of|upon|am|der|den|sur|en|di)"
_LOCATION = rf"[A-Z][A-Za-z'.\-]{{0,30}}(?:[ /]{_LOC_WORD}){{0,5}}"
_STATE = r"[A-Z][A-Za-z]{0,4}\.(?:\s?[A-Z]\.)?|[A-Z]{2}(?![A-Za-z])|[A-Z][a-z]{2,20}(?: [A-Z][a-z]{2,20})?"
_SEP = r"-{1,3}|[–—]|:"
_DATELINE_RE = re.compile(
    rf"(?P<loc>{_LOCATION})"
    rf"(?:\s*,\s*(?P<date>{DATE.replace('?P<', '?P<x')}))?"
    rf"(?:\s*,\s*(?P<state>{_STATE}))?"
    rf"(?:\s*,?\s*(?P<date2>{DATE.replace('?P<', '?P<y')}))?"
    rf"(?:\s*\((?P<paren>[^()\n]{{1,80}})\))?"
    rf"\s*(?P<sep>{_SEP})?(?=\s)\s*"
)
_AGENCY_ONLY_RE = re.compile(rf"\((?P<paren>[^()\n]{{1,80}})\)\s*(?P<sep>{_SEP})\s+")


def parse_dateline(paragraph: str) -> Dateline:
    """Read `LOCATION, DATE (AGENCY) -` from the start of the first paragraph; empty Dateline if none."""
    window = paragraph[:DATELINE_WINDOW]
    agency_only = _AGENCY_ONLY_RE.match(window)
    if agency_only:
        source, found = _read_paren(agency_only.group("paren"))
        if source:
            return Dateline("", source, found, paragraph[agency_only.end() :])
    match = _DATELINE_RE.match(window)
    if not match:
        return Dateline(rest=paragraph)
    location = match.group("loc").strip()
    source, found = "", None
    date_text = match.group("date") or match.group("date2")
    if date_text:
        found = parse_date_text(date_text)
    if match.group("paren"):
        source, paren_date = _read_paren(match.group("paren"))
        # Without a dash after it, only a dated parenthesis is a dateline: "ALCAN (AL) said" is not.
        if not (source or paren_date) or not (match.group("sep") or paren_date):
            return Dateline(rest=paragraph)
        found = found or paren_date
    letters = [c for c in location if c.isalpha()]
    shouting = all(c.isupper() for c in letters) and len(letters) >= 3
    if not (source or found) and not (shouting and match.group("sep")):
        return Dateline(rest=paragraph)
    if date_text and not (source or match.group("sep")):
        return Dateline(rest=paragraph)
    if not shouting and not (source or found):
        return Dateline(rest=paragraph)
    if match.group("state"):
        location = f"{location}, {match.group('state')}"
    return Dateline(location, source, found, paragraph[match.end() :])


def _read_paren(text: str) -> tuple[str, FoundDate | None]:
    """Split `(UrduPoint News / Sputnik - 20th March, 2021)` into agency and date."""
    match = _DATE_RE.search(text)
    found = read_date(match) if match else None
    agency = text[: match.start()] if match else text
    agency = agency.strip(" -–—,;/|")
    # Agencies are capitalised names ("Reuters", "UrduPoint News / Sputnik"), or short ones like "dpa".
    if not agency or not (agency[0].isupper() or (agency.isalpha() and len(agency) <= 5)) or len(agency.split()) > 6:
        agency = ""
    return agency, found


_BYLINE_RE = re.compile(
    r"(?i:by)\s+(?P<name>[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|van|von|de|da|di|del|la|le|al|bin|and|&)){0,6}?)"
    r"(?:\s*(?:,|\||-|–|—)\s*(?P<org>[A-Z][\w.' &/-]{1,40}))?\s*"
)
_NOT_NAMES = word_set("monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday the")
_PUBLISHED_RE = re.compile(
    r"(?i)(?:first\s+)?(?:published|posted|updated|last\s+updated|date|dated)(?:\s+(?:on|at))?\s*:?\s+(?P<rest>\S.*)"
)


@dataclass(frozen=True)
class MetaLine:
    """A byline, a `Published: …` line or a bare date line above a story."""

    author: str = ""
    date: FoundDate | None = None


def parse_meta_line(line: str) -> MetaLine | None:
    """Recognise `By NAME`, `Published: DATE` or a line that is only a date; None otherwise."""
    line = line.strip()
    if not line or len(line) > META_LINE_LIMIT:
        return None
    byline = _BYLINE_RE.fullmatch(line) if len(line) <= 80 else None
    if byline and byline.group("name").split()[0].lower() not in _NOT_NAMES:
        return MetaLine(author=byline.group("name").strip())
    published = _PUBLISHED_RE.fullmatch(line)
    if published:
        found = parse_date_text(published.group("rest"))
        if found:
            return MetaLine(date=found)
    bare = _DATE_RE.match(line)
    if bare and not line[bare.end() :].strip(" .,|-"):
        found = read_date(bare)
        if found:
            return MetaLine(date=found)
    return None


def resolve_date(
    found: FoundDate | None, text_years: list[tuple[int, int]], fallback_year: int | None, reference: date, zone: tzinfo
) -> tuple[date | datetime, bool]:
    """Pick the article's date: dateline year, else a year from the text, else the reference; say if inferred."""
    if found is None:
        return reference, True
    year, inferred = found.year, False
    if year is None:
        same_month = [y for y, m in text_years if m == found.month]
        candidates = same_month or [y for y, _ in text_years]
        if candidates:
            year = candidates[0]
        elif fallback_year:
            year = fallback_year
        else:
            inferred = True
            # A story dated after the reference day is from the year before (Dec 30 read on Jan 2).
            year = reference.year if (found.month, found.day) <= (reference.month, reference.day) else reference.year - 1
    for candidate_year in range(year, year - 8, -1):
        try:
            day = date(candidate_year, found.month, found.day)
            break
        except ValueError:
            continue
    else:
        return reference, True
    if found.clock is None:
        return day, inferred
    return datetime.combine(day, found.clock, tzinfo=found.zone or zone), inferred
