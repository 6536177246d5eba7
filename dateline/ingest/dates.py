"""Dates as news copy writes them: month names in many languages, wire datelines' forms, clock times and zones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil import parser as date_parser
from dateutil import tz as date_tz

# A date line above a story is short: only its first characters are read for a date.
DATE_TEXT_LIMIT = 160

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
# Month names agencies use in their own languages' datelines (EFE `21 ene`, ANSA `16 MAG`, AFP `5 janv.`, dpa `5. Mai`),
# by their first letters; read only inside a dateline, where a day number stands beside them.
_FOREIGN_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    "ene": 1, "enero": 1, "janeiro": 1, "gen": 1, "gennaio": 1, "janv": 1, "janvier": 1, "januar": 1,
    "febrero": 2, "fevereiro": 2, "fev": 2, "febbraio": 2, "févr": 2, "fevr": 2, "février": 2, "februar": 2,
    "marzo": 3, "março": 3, "marco": 3, "mars": 3, "märz": 3, "mär": 3,
    "abr": 4, "abril": 4, "aprile": 4, "avr": 4, "avril": 4,
    "mayo": 5, "mai": 5, "maio": 5, "mag": 5, "maggio": 5,
    "junio": 6, "junho": 6, "giu": 6, "giugno": 6, "juin": 6, "juni": 6,
    "julio": 7, "julho": 7, "lug": 7, "luglio": 7, "juil": 7, "juillet": 7, "juli": 7,
    "ago": 8, "agosto": 8, "août": 8, "aout": 8,
    "set": 9, "sept": 9, "septiembre": 9, "setembro": 9, "settembre": 9, "septembre": 9,
    "out": 10, "octubre": 10, "outubro": 10, "ott": 10, "ottobre": 10, "octobre": 10, "okt": 10, "oktober": 10,
    "noviembre": 11, "novembro": 11, "novembre": 11,
    "dic": 12, "diciembre": 12, "dez": 12, "dezembro": 12, "dicembre": 12, "déc": 12, "décembre": 12, "dezember": 12,
    "fév": 2,  # French's short February beside `févr` (APS `Dakar, 16 fév (APS)`)
    # Dutch, Romanian and the Nordic languages, in the nominative after the day: `Den Haag, 5 mei (ANP)`.
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    "ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "iunie": 6, "iulie": 7, "septembrie": 9, "octombrie": 10,
    "noiembrie": 11, "decembrie": 12,
    "marts": 3, "maj": 5, "augusti": 8, "desember": 12,
    # Catalan, whole and as Europa Press's Catalan desk shortens them (`GIRONA, 20 febr. (EUROPA PRESS) -`).
    "gener": 1, "febr": 2, "febrer": 2, "maig": 5, "juny": 6, "juliol": 7, "agost": 8, "setembre": 9, "des": 12,
    "desembre": 12,
    # Malay and Indonesian (Bernama `KUALA LUMPUR, 27 Mac -`, Antara `Jakarta, 5 Agustus`), where not written as above.
    "mac": 3, "julai": 7, "ogos": 8, "disember": 12, "maret": 3, "agustus": 8, "dis": 12,
    # Turkish, after the day (AA `Ankara, 12 Ekim`).
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7, "ağustos": 8, "eylül": 9,
    "ekim": 10, "kasım": 11, "aralık": 12,
    # Slovene, Croatian, Czech and Polish write the month in the genitive after the day: `14. julija`, `5. ožujka`.
    "januarja": 1, "februarja": 2, "marca": 3, "aprila": 4, "maja": 5, "junija": 6, "julija": 7, "avgusta": 8,
    "septembra": 9, "oktobra": 10, "novembra": 11, "decembra": 12,
    # Slovak's genitive, with its long vowels (TASR `Bratislava 14. októbra (TASR)`).
    "januára": 1, "februára": 2, "apríla": 4, "mája": 5, "júna": 6, "júla": 7, "októbra": 10,
    "siječnja": 1, "veljače": 2, "ožujka": 3, "travnja": 4, "svibnja": 5, "lipnja": 6, "srpnja": 7, "kolovoza": 8,
    "rujna": 9, "listopada": 10, "studenoga": 11, "studenog": 11, "prosinca": 12,
    "ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6, "července": 7, "srpna": 8,
    "září": 9, "října": 10, "listopadu": 11, "prosince": 12,
    "stycznia": 1, "lutego": 2, "kwietnia": 4, "czerwca": 6, "lipca": 7, "sierpnia": 8, "września": 9,
    "października": 10, "grudnia": 12,
    # Russian in the genitive after the day (TASS `27 августа`), and RIA's short forms (`1 мар`).
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
    # Ukrainian in the genitive (UNN, Ukrinform `КИЇВ. 24 квітня.`).
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7, "серпня": 8,
    "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    # Macedonian, Serbian and Bulgarian in Cyrillic (MIA `Скопје, 14 јануари`, Tanjug `Београд, 5. мај`, BTA `София, 3 юни`).
    "јануари": 1, "февруари": 2, "април": 4, "мај": 5, "јуни": 6, "јули": 7, "септември": 9, "октомври": 10,
    "ноември": 11, "декември": 12, "јануар": 1, "фебруар": 2, "јун": 6, "јул": 7, "септембар": 9, "октобар": 10,
    "новембар": 11, "децембар": 12, "януари": 1, "юни": 6, "юли": 7,
    # Russian and Ukrainian in the nominative, as some regional agencies set the month before the day (`Москва, Май 07`).
    "январь": 1, "февраль": 2, "март": 3, "апрель": 4, "май": 5, "июнь": 6, "июль": 7, "август": 8, "сентябрь": 9,
    "октябрь": 10, "ноябрь": 11, "декабрь": 12,
    "січень": 1, "березень": 3, "квітень": 4, "травень": 5, "червень": 6, "липень": 7, "серпень": 8, "вересень": 9,
    "жовтень": 10, "листопад": 11, "грудень": 12,
    # Hindi, as PTI-Bhasha and Hindusthan Samachar write them (`पटना, 21 जून (भाषा)`).
    "जनवरी": 1, "फरवरी": 2, "फ़रवरी": 2, "मार्च": 3, "अप्रैल": 4, "मई": 5, "जून": 6, "जुलाई": 7, "अगस्त": 8,
    "सितंबर": 9, "सितम्बर": 9, "अक्टूबर": 10, "अक्तूबर": 10, "नवंबर": 11, "नवम्बर": 11, "दिसंबर": 12, "दिसम्बर": 12,
    # Thai abbreviations, as the Thai News Agency writes them (`เชียงราย 13 ก.ค.-`).
    "ม.ค.": 1, "ก.พ.": 2, "มี.ค.": 3, "เม.ย.": 4, "พ.ค.": 5, "มิ.ย.": 6, "ก.ค.": 7, "ส.ค.": 8, "ก.ย.": 9, "ต.ค.": 10,
    "พ.ย.": 11, "ธ.ค.": 12,
    # Arabic: the Egyptian and Gulf names (WAM `أبوظبي في 14 مايو`) and the Levant's (SANA `دمشق، 3 أيار`).
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9,
    "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
}  # fmt: skip
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
# `FRIDAY, Aug. 30 (HealthDay News) --`: a weekday's whole name may be in capitals.
# Malay, Indonesian and French weekdays, in any case: `KUALA LUMPUR, AHAD, 21 Oktober, 2012:`, `(RV- jeudi 19 janvier
# 2006)`.
LOCAL_WEEKDAYS = (
    r"(?i:isnin|senin|selasa|rabu|khamis|kamis|jumaat|jumat|sabtu|ahad|minggu|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche)(?![^\W\d_])"
)
_WEEKDAY = (
    r"(?:(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY|"
    + LOCAL_WEEKDAYS
    + r")\.?,?\s+)?"
)
_DAY = r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|ST|ND|RD|TH)?(?!\d)"
_YEAR = r"(?:19|20)\d\d(?!\d)"
_ZONE = r"(?:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|IST|JST|Z|[+-]\d\d:?\d\d)"
# `4:57 PM EST`: the half of the day in either case.
TIME = rf"(?:[01]?\d|2[0-3])[:.][0-5]\d(?::[0-5]\d)?(?:\s*[aApP]\.?[mM]\.?)?(?:\s*{_ZONE})?|(?:1[0-2]|0?[1-9])\s*[aApP]\.?[mM]\.?(?:\s*{_ZONE})?"
DATE = (
    rf"{_WEEKDAY}(?:"
    rf"(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?:[T ](?P<itime>(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{{1,6}})?)?\s*{_ZONE}?))?"
    # `Feb.04`, `May 30/2021` (Ethiopia's ENA), `17 de junho`: the spacing and joining words of other presses.
    # `June 28,1998`: the year glued to the day's comma; `January 2 , 2026`: a space typed before it.
    rf"|(?P<md_m>{MONTH})(?:\s+|(?<=\.))(?P<md_d>{_DAY})(?:(?:\s?,?\s+|,|/)(?P<md_y>{_YEAR}))?"
    rf"|(?P<dm_d>{_DAY})(?:\s+(?:of|de))?\s+(?P<dm_m>{MONTH}),?(?:\s+(?P<dm_y>{_YEAR}))?"
    rf")(?:(?:,?\s+(?:at\s+)?|\s*[|,-]\s*)(?P<time>{TIME}))?"
)
DATE_RE = re.compile(DATE)
# In a dateline, old wire copy writes the year in two digits (`9 JAN 90 (EFE) --`): taken only before the dateline's own punctuation.
_DATELINE_MONTH = (
    "(?:"
    + "|".join(f"{name}|{name.upper()}|{name.capitalize()}" for name in sorted(_FOREIGN_MONTHS, key=len, reverse=True))
    + r")(?![^\W\d_])\.?"
)
# `Jakarta, 31/12/2021 (ANTARA)`, `Athens, 06.09.1997 (ANA)`: a numeric date with its year, read day first unless it cannot be.
# `15/5/15 (AINA) —`: the year in two figures only right before the agency's bracket.
_NUMERIC_DATE = r"(?P<nd_a>[0-3]?\d)\s?[/.]\s?(?P<nd_b>[0-3]?\d)\s?[/.]\s?(?P<nd_y>(?:19|20)\d\d(?!\d)|\d\d(?=\s*\())"
# `BRUXELLES 23/07 (AFP-DPA-REUTER) =`, `Yangon, 1/2: `: day and month in figures, right before the agency's bracket or,
# after the place's comma (its space may be left out: `Bhubaneswar,8/9: `), before the dateline's colon (`Results 1/2: ...`
# is no dateline).
_NUMERIC_DAY_MONTH = r"(?:(?=[0-3]?\d/[01]?\d\s*\()|(?:(?<=, )|(?<=,))(?=[0-3]?\d/[01]?\d:\s))(?P<nm_d>[0-3]?\d)/(?P<nm_m>[01]?\d)"
# A dateline's year may be in two figures before its punctuation (`9 JAN 90 (EFE) --`).
_DATELINE_YEAR = rf"(?:{_YEAR}|'?\d\d(?=\s*[(\-–—:/]))"
DATELINE_DATE = (
    DATE.replace(_YEAR, _DATELINE_YEAR)
    .replace("(?:(?P<iy>", f"(?:{_NUMERIC_DATE}|{_NUMERIC_DAY_MONTH}|(?P<iy>", 1)
    # `YEREVAN, May, 6. /ARKA/.`: a comma between month and day; `Ženeva, 14. julija`: a full stop after the day.
    .replace(r"(?:\s+|(?<=\.))(?P<md_d>", r"(?:,?\s+|(?<=\.))(?P<md_d>", 1)
    # `Conakry, le 2 Octobre 2017 –`: French writes "the" before the day.
    .replace(rf"(?P<dm_d>{_DAY})(?:\s+(?:of|de))?\s+", rf"(?:[Ll]e\s+)?(?P<dm_d>{_DAY})\.?(?:\s+(?:of|de|DE))?\s+", 1)
    # `1993 APR 1 (NB) --`: the year first; `5 de julio de 2016.-`, `22 de enero del 2018.-`: "de" (or "del") before the
    # year, as before the month.
    .replace(f"(?P<md_m>{MONTH})", f"(?:(?P<md_py>{_YEAR})\\s+)?(?P<md_m>{MONTH}|{_DATELINE_MONTH})")
    .replace(f"(?P<dm_m>{MONTH})", f"(?P<dm_m>{MONTH}|{_DATELINE_MONTH})")
    .replace(",?(?:\\s+(?P<dm_y>", ",?(?:\\s+(?:del?\\s+|DEL?\\s+)?(?P<dm_y>", 1)
    # `25 МАРТА 2013 ГОДА`, `5 травня 2020 року`: Russian and Ukrainian write "of the year" after it.
    .replace(f"(?P<dm_y>{_DATELINE_YEAR}))?", f"(?P<dm_y>{_DATELINE_YEAR})(?:\\s+(?:года|ГОДА|г\\.|року|РОКУ|р\\.))?)?", 1)
)
DATELINE_DATE_RE = re.compile(DATELINE_DATE)
NUMERIC_DATE_RE = re.compile(_NUMERIC_DATE)
MONTH_RE = re.compile(MONTH)
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
    name = text.rstrip(".").lower()
    # Thai abbreviations end with their own full stop (`ก.ค.`); a name nothing knows is month 0, which no date has.
    return _FOREIGN_MONTHS.get(name) or _FOREIGN_MONTHS.get(name + ".") or _MONTHS.get(name[:3], 0)


def _full_year(text: str) -> int:
    """`1990` → 1990; a dateline's `90` → 1990 and `04` → 2004 (wire copy before 1950 wrote the century)."""
    year = int(text.lstrip("'"))
    if year >= 100:
        return year
    return year + (1900 if year >= 50 else 2000)


def read_date(match: re.Match[str]) -> FoundDate | None:
    """Turn a match of DATE into a FoundDate (None if it is no real day, like Feb 30)."""
    groups = match.groupdict()
    if groups.get("nm_d"):
        year, month, day = None, int(groups["nm_m"]), int(groups["nm_d"])
    elif groups.get("nd_a"):
        first, second = int(groups["nd_a"]), int(groups["nd_b"])
        # Wire datelines that write a date in figures put the day first; only `4/16/2004` says otherwise.
        day, month = (second, first) if first <= 12 < second else (first, second)
        year = _full_year(groups["nd_y"])
    elif groups["iy"]:
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    elif groups["md_m"]:
        given = groups["md_y"] or groups.get("md_py")
        year, month, day = (
            _full_year(given) if given else None,
            _month_number(groups["md_m"]),
            int(re.sub(r"\D", "", groups["md_d"])),
        )
    else:
        year, month, day = (
            _full_year(groups["dm_y"]) if groups["dm_y"] else None,
            _month_number(groups["dm_m"]),
            int(re.sub(r"\D", "", groups["dm_d"])),
        )
    # 2000 is a leap year, so a yearless Feb 29 is still a possible day.
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    clock_text = groups.get("itime") or groups.get("time")
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
    for match in DATE_RE.finditer(text[:DATE_TEXT_LIMIT]):
        found = read_date(match)
        if found is not None:
            return found
    return None


def years_in_text(text: str, limit: int = 20000) -> list[tuple[int, int]]:
    """List the (year, month) of dates with a year in the text: full dates first, then month-and-year ones."""
    text = text[:limit]
    # Full dates first: "March 3, 1987" is likelier to be the story's own date than "March 1985".
    found: list[tuple[int, int]] = []
    for match in DATE_RE.finditer(text):
        parsed = read_date(match)
        if parsed is not None and parsed.year is not None:
            found.append((parsed.year, parsed.month))
    for match in _MONTH_YEAR_RE.finditer(text):
        found.append((int(match.group("y")), _month_number(match.group("m"))))
    return found


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
