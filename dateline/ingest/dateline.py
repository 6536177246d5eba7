"""Datelines, bylines and dates: `CITY, Month D (Agency) -` and the lines around a story's opening."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..places import Gazetteer, unaccented
from .agencies import agency_name, canonical_source
from .dates import (
    DATE_RE,
    DATE_TEXT_LIMIT,
    DATELINE_DATE,
    DATELINE_DATE_RE,
    LOCAL_WEEKDAYS,
    MONTH,
    MONTH_RE,
    NUMERIC_DATE_RE,
    TIME,
    FoundDate,
    parse_date_text,
    read_date,
)
from .text import word_set

# Every regex here runs on a bounded slice (a dateline looks at 300 characters, a meta line at 160),
# so even the few optional groups cannot cost more than a constant on a hostile 1 MB line.
DATELINE_WINDOW = 300
# How much of a paragraph a dateline is read from: the window, what may stand before it (bylines, notes, stamps) and the
# story's first words after it.
_READ_HEAD = 2 * DATELINE_WINDOW
META_LINE_LIMIT = DATE_TEXT_LIMIT


@dataclass(frozen=True)
class PlaceNames:
    """The two gazetteers a dateline is read against."""

    towns: Container[str]  # every town GeoNames ships, and old wire spellings (BASLE, Peking)
    cities: Container[str]  # countries, states and cities of 100,000 people or more


@dataclass(frozen=True)
class Dateline:
    """What a story's opening dateline said, the text after it, and the evidence it was taken on."""

    location: str = ""
    source: str = ""
    date: FoundDate | None = None
    rest: str = ""
    evidence: str = ""
    author: str = ""
    before: str = ""  # lines ahead of a dateline found further in (bullets, a headline), kept as text


# After its first capital a place's name may use letters of any script and any apostrophe: `Prishtinë`, `L’Avana`, old
# AP's `SAN`A` (a backtick for the ayn).
# A replacement character stands for a letter a wrong decoding lost (`Z\ufffdrich (Reuter) -`); the vowel signs of Thai,
# Devanagari and Arabic are combining marks, not letters, to Python's \w (`เชียงราย 13 ก.ค.-`).
_NAME_CHAR = r"(?:[^\W\d_]|['’`.\-\ufffd\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0900-\u0903\u093a-\u094f\u064b-\u065f])"
# A place's first letter: a capital, or a letter of another alphabet (`Ženeva`, `Ōsaka`); not a Latin small letter.
_INITIAL = r"(?:[A-Z]|[^\W\d_a-zß-ÿ])"
_LOC_WORD = rf"(?:(?!{MONTH}){_INITIAL}{_NAME_CHAR}{{0,30}}|de|del|da|do|dos|das|la|le|les|el|al|of|upon|am|der|den|sur|en|di)"
# A weekday opens a date, not a place: `Wednesday, 11 November 2020, Riffa, ...`, and so does its short form before a
# month or a day (`Mon Aug 15 2016`: Myanmar's Mon State is a known place).
# In any case: HealthDay's `FRIDAY, Aug. 30 (HealthDay News) --` dates its copy by the weekday in capitals.
_FULL_WEEKDAY = rf"(?:(?i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b|{LOCAL_WEEKDAYS})"
_LOCATION = (
    rf"(?!{_FULL_WEEKDAY}|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+(?:{MONTH}|\d))"
    rf"{_INITIAL}{_NAME_CHAR}{{0,30}}(?:(?: |/ ?){_LOC_WORD}){{0,5}}"
)
_WEEKDAY_NAME = rf"(?:{_FULL_WEEKDAY}|(?:Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun)\.)"
_STATE = (
    # A weekday is the dateline's day, not a state: `KATHMANDU, Friday (AFP)`, `Kuala Lumpur, Tues. -`.
    rf"(?!{_WEEKDAY_NAME})"
    # `Riffa, Kingdom of Bahrain:`, `Basseterre, Saint Kitts and Nevis –`: "of" or "and" inside a country's name;
    # `COATZACOALCOS, México --`: accented letters in it.
    # `Mito, Ibaraki Pref., Jan. 21 (Jiji Press)`: Japan's prefectures as its agencies write them.
    # `MANILA, the Philippines —`, `THE HAGUE, the Netherlands —`: a country whose name takes "the".
    # `BASSETERRE, St. Kitts, November 08, 2022 (SKNIS) –`: an island named after a saint, and the country it makes with
    # another (`Kingstown, St. Vincent and the Grenadines, March 15, 2025 —`).
    rf"(?:S[Tt]\. [A-Z][a-z]{{2,20}}(?: and (?:the )?[A-Z][a-z]{{2,20}})?(?![A-Za-z])|ST\. [A-Z]{{3,20}}(?![A-Za-z])|[A-Z][a-z]{{2,20}} Pref\.|[A-Z][A-Za-zà-öø-ÿ]{{0,4}}\.(?:\s?[A-Z][a-z]?\.)?|[A-Z]{{2}}(?![A-Za-z])|(?:the )?[A-Z][a-zà-öø-ÿ]{{2,20}}(?:[ -](?:of (?:the )?|and )?(?!{MONTH})[A-Z][a-zà-öø-ÿ]{{2,20}}){{0,3}}(?![A-Za-zà-öø-ÿ]|-[A-Za-z])"
    # `MELBOURNE, AUSTRALIA (AP)`, `Nairobi, KENYA:`: a state or country in capitals after a town.
    rf"|(?<=[A-Za-z], )(?!{MONTH})[A-Z]{{3,20}}(?: (?!{MONTH})[A-Z]{{2,20}}){{0,2}}(?![A-Za-z]))"
    # `DENVER, COLORADO, U.S.A., 1993 APR 1 (NB) --`: the country's initials after the state; EIN Presswire's `PORTLAND, OR,
    # UNITED STATES, October 11, 2022 /EINPresswire.com/`: the country in capitals, when a date follows.
    # `ROAD TOWN, Tortola, VI - `, `Washington, DC, US (PANA) - `: a territory's or country's code right before the dash or
    # the agency's bracket.
    rf"(?:,\s*(?:U\.\s?S\.(?:\s?A\.)?|U\.\s?K\.|USA|UK|[A-Z]{{3,15}}(?: [A-Z]{{3,15}}){{0,2}}(?=,\s*{MONTH})"
    rf"|[A-Z]{{2,3}}(?=\s*(?:\(|-{{1,3}}\s|[–—])))(?![A-Za-z]))?"
)
# Dashes (one to three hyphens, en and em dashes, the horizontal bar, EFE's `.-`, old AP's ` _ `), a colon, or TASS's
# full stop.
# Belga's and AFP's teletype ` = ` is a dash too.
# Hindi copy ends the dateline with a danda: `पटना, 21 जून (हि.स.)। `; German papers set a middle dot: `Köln · Der ...`.
# A dash read in the wrong code page stays a dash: `MANILA, Feb. 26, 1986 â€” ` (UTF-8 as Windows-1252) or `β€”` (as Greek),
# its closing quote also typed straight as ingest writes quotes.
_SEP = r"\.?\s*(?:-{1,3}|[–—―•·=]|[âβ]€[”“\"])|_(?=\s)|:|\.|।"
_DATELINE_RE = re.compile(
    rf"(?P<loc>{_LOCATION})"
    # ANI's `Thoothukudi (Tamil Nadu) [India], May 31 (ANI):`: the state in brackets, then the country in square ones.
    r"(?:\s*\((?P<region>[A-Z][A-Za-z .]{1,30})\)(?=\s*\[))?"
    r"(?:\s*\[(?P<bracket>[^\[\]\n]{1,30})\]|\s*\((?P<country>[A-Z][A-Za-z .]{1,30})\)(?=\s*,))?"
    rf"(?:(?:\s*[,.;]|(?<=\.))\s*(?P<date>{DATELINE_DATE.replace('?P<', '?P<x')}))?"
    rf"(?:\s*,\s*(?P<state>{_STATE}))?"
    rf"(?:\s*[,;.]?\s*(?P<date2>{DATELINE_DATE.replace('?P<', '?P<y')}))?"
    # `HAVANA, 24 (AFP) -`, `PRAGUE, Czech Republic 9 (AP) -`: a day of the month alone, before a known agency's bracket.
    r"(?:,?\s+(?P<day_alone>[12]\d|3[01]|0?[1-9])(?=\s*\())?"
    # `KATHMANDU, Friday (AFP) `, `Kuala Lumpur, Tues. - `: old copy's weekday for a date, before the agency's bracket or a dash.
    rf"(?:,\s*{_WEEKDAY_NAME}(?=\s*(?:\(|-{{1,3}}\s|[–—])))?"
    r"\.?,?(?:\s*\((?P<paren>[^()\n]{1,80})\)|\s*-{1,3}\s*\((?P<wire>[^()\n]{1,40})\)(?=\s*-)|\s*/(?: (?=[^/\n]{1,42}/\.))?(?P<slash>(?=[\w-]*[^\W\d_])[^\W_][\w .&()-]{0,40})/|\s+(?P<bare>[A-Z][A-Za-z]{1,12})(?=\s*(?:(?:-{1,3}|[–—])\s|:)))?"
    rf"\s*(?P<sep>{_SEP})?\s*"
)
# The separator after a dateline's last part, and the spaces around it.
_SEP_AFTER_RE = re.compile(rf"\s*(?P<sep>{_SEP})?\s*")
# An agency before any place: `(CNN) -- `, `(Reuters)Text`, `AP - `, `Canadian Press - `, `washingtonpost.com - `.
_LEAD_PAREN_RE = re.compile(rf"\((?P<paren>[^()\n]{{1,80}})\)\s*(?P<sep>{_SEP})?\s*")
_AGENCY_STOP_RE = re.compile(r"(?P<name>[A-Z][\w&'-]{1,20}(?: [A-Z][\w&'-]{1,20}){0,2})\.\s+(?=[A-Z\"“‘])")
_LEAD_NAME_RE = re.compile(
    r"(?P<name>[A-Z](?:[\w.&'-]{0,19}[\w.&'])?(?: [A-Z][\w.&'-]{0,20}){0,3}|[a-z][\w.-]{1,30})"
    r"\s*(?P<sep>-{1,3}|[–—]|:)\s+"
)
# A name of an agency in capitals before the story's first word: `SANA Qatari Prime Minister ...`.
# A name in capitals (one to three words, hyphens inside) before a dash: checked for capitals where it is used.
_CAPITALS_CREDIT_RE = re.compile(r"(?P<name>[^\W\d_]{2,}(?:-[^\W\d_]+)*(?: [^\W\d_]+(?:-[^\W\d_]+)*){0,2})\s*(?:-{1,3}|[–—])\s+(?=\S)")
_AGENCY_WORD_RE = re.compile(r"(?P<name>[A-Z][A-Za-z]{1,12})(?:\s*(?P<sep>[:–—.-]))?\s+(?=[A-Z\"“‘'])")
_SYNDICATED_RE = re.compile(r"\(?\s*MENAFN\s*-\s*(?P<credit>[^()\n]{1,60}?(?:\([^()\n]{1,20}\))?)\s*\)\s*")
_PLACE_STOP_DASH_RE = re.compile(r"(?P<loc>(?:[A-Z]|[^\W\d_a-zß-ÿ])[^\W\d_]+(?: [^\W\d_]+){0,2})\. ?[-_]\s*(?=[A-ZÀ-ÖØ-Þ\"“‘'¿¡])")
_SQUARE_PLACE_RE = re.compile(r"\[(?P<loc>[A-Z][A-Z .'-]{1,30}[A-Z])\]\s*(?=[A-Z\"“‘])")
_SQUARE_AGENCY_RE = re.compile(r"\[(?P<name>[A-Za-z][\w .&-]{0,30})\]\s*(?:[-–—:]\s*)?(?=[A-Z\"“‘])")
_REPORTER_AGENCY_RE = re.compile(r"(?P<name>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})/(?P<agency>[A-Za-z][\w-]{1,15}),\s*")
_CAPITALS_COMMA_RE = re.compile(r"(?P<loc>[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,2}), (?=[A-Z][a-z])")
_CITY_GLUED_DASH_RE = re.compile(r"(?P<loc>[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+){0,2})- (?=[A-ZÀ-ÖØ-Þ\"“‘])")
# A known city, its comma, and a word that only opens a sentence (an article, a possessive, a number, a day): the form
# of agencies' own sites that drop the date and the agency (`Amman, Nine people were injured`, `Amman , His Majesty`).
_SENTENCE_OPENERS = (
    "A|An|The|His|Her|Its|Their|Our|This|These|Those|Some|Several|Many|Most|One|Two|Three|Four|Five|Six|Seven|Eight|"
    "Nine|Ten|Dozens|Hundreds|Thousands|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|In|On|After|Following|"
    "At|During|According|Despite"
)
# The next word is in small letters (`London, The Times reported` names a paper), or an honorific after a possessive.
_CITY_COMMA_ARTICLE_RE = re.compile(
    rf"(?P<loc>[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+){{0,2}}) ?, "
    rf"(?=(?:{_SENTENCE_OPENERS}) [a-z]|(?:His|Her|Their) (?:Majesty|Majesties|Excellency|Highness|Royal|Holiness)\b"
    # ... or an honorific's initials, as Gulf agencies write them (`Doha, HE Minister of State ...`) ...
    r"|(?:HE|H\.E\.|HH|H\.H\.|HM|H\.M\.|HRH|H\.R\.H\.) (?:the |[A-Z])"
    # ... or "The" before a state's body, which no paper is named after (`Muscat, The Ministry of Health today ...`).
    r"|The (?:Ministry|Ministries|Government|Minister|President|Prime|Cabinet|Council|Department|Embassy|Supreme|Central|"
    r"National|State|Sultan|King|Emir|Crown|Court|Police|Army|Federal|Public|Office|Parliament|Senate|Assembly) "
    # ... or a pronoun, contracted or not (`Mumbai, We’ve heard of actors ...`).
    r"|(?:We|They|It|He|She|I)(?:[’'](?:ve|re|s|ll|d|m))? [a-z])"
)
# A known city, its comma, then a capitalised word and a word in small letters: `Riyadh, Saudi newspapers highlighted`.
_CITY_COMMA_WORD_RE = re.compile(r"(?P<loc>[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+){0,2}) ?, (?=(?P<word>[A-Z][^\W\d_]+) [a-z])")
# A name of one to three words, a full stop, then a word (its case is checked in _city_before_stop, in any script).
_NAME_STOP_RE = re.compile(r"(?P<loc>[^\W\d_]+(?:(?P<sep>[ -])[^\W\d_]+){0,2})\.[ \xa0](?=[¿¡\"“]?(?P<next>[^\W\d_]+))")


# Small words inside places' names (`Dar es Salaam`, `Rio de Janeiro`, `Stratford upon Avon`).
_PLACE_PARTICLES = frozenset(
    ("es", "de", "del", "da", "do", "dos", "das", "la", "le", "les", "el", "al", "di", "of", "upon", "am", "sur", "en")
)


def _city_before_stop(paragraph: str, places: PlaceNames) -> re.Match[str] | None:
    """`CARACAS. En medio ...`, `ЕКАТЕРИНБУРГ. Действие ...` (a known city in capitals), `København. Hvis ...`, `Lima. Hoy, ...`
    (in mixed case), each before a full stop and a word in mixed case: a known city from the strict list."""
    stopped = _NAME_STOP_RE.match(paragraph)
    if stopped is None or stopped.group("loc") not in places.cities:
        return None
    words = re.split(r"[ -]", stopped.group("loc"))
    following = stopped.group("next")
    if not (following[0].isupper() and any(letter.islower() for letter in following)):
        return None
    in_capitals = stopped.group("loc").isupper() and len(words[0]) >= 4 and "-" not in stopped.group("loc")
    in_capitals = in_capitals and all(len(word) >= 2 for word in words) and stopped.group(0)[-1] == " "
    # `Dar es Salaam. Rais ...`: a particle in small letters inside the name.
    mixed = words[0][:1].isupper() and all(
        word in _PLACE_PARTICLES or (len(word) >= 2 and word[0].isupper() and word[1:].islower()) for word in words
    )
    return stopped if in_capitals or mixed else None


def _first_word(text: str) -> str:
    """The first word of a text, without a possessive: `England's capital` → `England`."""
    word = re.match(r"[^\W\d_]+", text)
    return word.group(0) if word else ""


# `KARACHI-The ...`, `SEOUL-- President ...`, EFE's `BOGOTÁ.- Anunciando ...`: capitals of any Latin alphabet run into the dash.
_TIGHT_DASH_RE = re.compile(r"(?P<loc>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.' ]{1,30}[A-ZÀ-ÖØ-Þ])\.?-{1,2} ?(?=[A-ZÀ-ÖØ-Þ\"“‘'])")
# A date before anything else: `Jan. 5 (Bloomberg) -- `, `AUGUST 25, 2004 -- `, `(November 21, 2004). `.
_LEAD_DATE_RE = re.compile(rf"\(?(?P<date>{DATELINE_DATE})\)?(?:\s*\((?P<paren>[^()\n]{{1,80}})\))?\s*(?P<sep>{_SEP})?\s*")
# `(By Paul Virgo) (ANSA) - `, and with the name alone: `(Kiran Bhattarai) Kathmandu, Sept 7: `.
_BRACKETED_BYLINE_RE = re.compile(
    r"\((?:(?:By|by|BY|di|por|par|von|de)\s+(?P<name>[^()\n]{2,60})|(?P<bare>[A-Z][a-z]+(?: [A-Z][a-z]*\.?){1,3}))\)\s*"
)
_ROLE_WORDS = re.compile(r"(?i)\b(?:writer|correspondent|reporter|staff|bureau|editor|desk)\b")
_BYLINE_LIST_PLACE_RE = re.compile(
    r"(?:By|BY)\s+(?P<names>[^:;|\n]{2,80}?),\s*(?P<place>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})\s*(?::|-{1,3}|[–—])\s+(?=[A-Z\"“‘])"
)
_UPDATE_NOTE_RE = re.compile(r"\((?:Updated?|UPDATED?|Corrected|CORRECTED|Correction|Adds|Recasts|Repeats)\b[^()\n]{0,80}\)\s*")
# ... or a feed's image placeholder (`first_imgMEMBERTOU, N.S. –`).
_PICTURE_FILE_RE = re.compile(
    r"[\w-]{1,40}\.(?:jpe?g|png|gif|webp)(?=[A-Z])|[\w-]{1,40}\.(?:jpe?g|png|gif|webp)\s+|first_img\s*(?=[A-Z])", re.IGNORECASE
)
_BRACED_NAME_RE = re.compile(r"\{([A-Za-z][\w .&/-]{0,30})\}")
# How far into an opening a `{AP}` may stand to be read as a dateline's brackets.
BRACE_REACH = 80
_BYLINE_LEAD_RE = re.compile(r"(?:By|BY|by(?!\s+The\b))\s+(?P<name>(?:[A-Z][\w.'-]*\s+){1,4})")
_BYLINE_IN_PLACE_RE = re.compile(r"in\s+(?P<place>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,2})")
_STORY_START_RE = re.compile(r"(?:\s*(?:-{1,3}|[–—:])\s*|\s+)(?=[A-Z\"“‘])")


def _byline_place(paragraph: str, at: int, places: PlaceNames) -> tuple[str, int] | None:
    """`in Wellington The ...` after a byline: the known place (of up to three words) and where the story starts."""
    placed = _BYLINE_IN_PLACE_RE.match(paragraph, at)
    if placed is None:
        return None
    words = placed.group("place").split(" ")
    for count in range(1, len(words) + 1):
        place = " ".join(words[:count])
        start = _STORY_START_RE.match(paragraph, placed.start("place") + len(place))
        if start and place in places.towns:
            return place, start.end()
    return None


# An agency before any place, named by a word its brackets would hold: `APA - Dakar (Senegal) — `, `APA-Dakar`.
_AGENCY_PLACE_RE = re.compile(r"(?P<name>[A-Z][A-Za-z]{1,11})\s*[-–—]\s*(?=[A-Z])")
_WEB_ADDRESS = re.compile(r"(?i)[a-z][\w-]{1,30}(?:\.[a-z][\w-]{1,30})*\.(?:com|org|net|info|news|co\.[a-z]{2}|com\.[a-z]{2}|[a-z]{2})")
# Words of outlets' names: `NewsFactor - `, `CBC SPORTS ONLINE - ` name a source, not a place.
_OUTLET_WORDS = frozenset(
    (
        "news", "press", "online", "wire", "network", "networks", "times", "post", "daily", "journal", "herald", "tribune",
        "week", "weekly", "today", "magazine", "radio", "tv", "television", "sports", "world", "media", "digest", "report",
        "gazette", "chronicle", "telegraph", "observer", "guardian", "star", "sun", "globe", "mail", "express", "insider",
        "review", "bulletin", "service", "agency", "newswire", "channel", "broadcasting", "mirror", "monitor", "standard",
    )
)  # fmt: skip
_OUTLET_SUFFIXES = ("news", "press", "times", "post", "daily", "wire")
# US states by their postal codes, as local stations and papers write them after a town (`Bismarck, ND`), in capitals.
_POSTAL_STATES = frozenset(
    (
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
        "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
        "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
    )
)  # fmt: skip
# US states as AP and Reuters abbreviate them after a town: evidence that the words before are a place.
_STATE_ABBREVIATIONS = frozenset(
    (
        "ala.", "ariz.", "ark.", "calif.", "cal.", "colo.", "conn.", "del.", "fla.", "ga.", "ill.", "ind.", "kan.", "kans.",
        "ky.", "la.", "md.", "mass.", "mich.", "minn.", "miss.", "mo.", "mont.", "neb.", "nebr.", "nev.", "n.h.", "n.j.",
        "n.m.", "n.y.", "n.c.", "n.d.", "okla.", "ore.", "pa.", "penn.", "r.i.", "s.c.", "s.d.", "tenn.", "tex.", "vt.",
        "va.", "wash.", "w.va.", "w. va.", "wis.", "wyo.", "d.c.", "dc",
        # Australia's and Canada's, as their agencies write them after a town.
        "act", "nsw", "qld", "vic", "tas", "nt", "ont.", "que.", "alta.", "sask.", "man.", "b.c.", "n.s.", "n.b.", "nfld.",
    )
)  # fmt: skip


# Words in capitals a desk sets before a dash or a colon that are no place: a photo's `FILE -`, `EDITOR'S NOTE _`.
_DESK_LABELS = frozenset(
    ("file", "editors note", "editor note", "note", "update", "updated", "breaking", "breaking news", "correction", "corrected",
     "exclusive", "analysis", "opinion", "commentary", "editorial", "advisory", "watch", "video", "photos", "live", "review",
     "interview", "factbox", "explainer", "urgent", "flash", "bulletin", "new", "refile", "repeat",
     # A release's kind: `PRESS RELEASE – The Prime Minister ...` names the document, not an outlet or a place.
     "press release", "news release", "media release", "for immediate release", "press statement", "media statement")
)  # fmt: skip
# A paper's own desk or correspondent in Hindi, Urdu (and Persian: `خبرنگار`) and Bengali (`संवाददाता`, `سٹاف رپورٹر`,
# `নিজস্ব প্রতিবেদক`).
_LOCAL_DESK_WORDS = (
    "संवाददाता", "प्रतिनिधि", "ڈیسک", "رپورٹر", "نمائندہ", "بیوروچیف", "خبرنگار", "ডেস্ক", "প্রতিবেদক", "প্রতিনিধি", "সংবাদদাতা"
)  # fmt: skip
# The last word of a desk's or staff reporter's credit: `(Web Desk)`, `(سٹاف رپورٹر)`.
_DESK_WORDS = frozenset(("desk", "reporter", "reporters", "correspondent", "correspondents", "staff", "bureau", *_LOCAL_DESK_WORDS))


def _opens_story(letter: str) -> bool:
    """Whether a story's first letter may start here: a capital, or a letter of a script without capitals."""
    return letter.isupper() or (letter.isalpha() and not letter.islower())


# The last word of a company's name, which no place ends with: `INGERSOLL-RAND Co. (Woodcliff Lake, N.J.) --`.
_COMPANY_ENDINGS = frozenset(
    ("Co.", "Cos.", "Inc.", "Inc", "Corp.", "Corp", "Ltd.", "Ltd", "PLC", "Plc", "LLC", "N.V.", "S.A.", "Bhd", "Bhd.")
)


def _label_key(text: str) -> str:
    """A label as the desk list above holds it: small letters, without apostrophes."""
    return text.casefold().replace("'", "").replace("’", "")


def _is_desk_label(line: str) -> bool:
    """Whether a line is only a desk's label (`For Immediate Release`, `BREAKING NEWS:`), in any case."""
    return _label_key(line.strip(" :")) in _DESK_LABELS


# The small words inside places' names (`Rio de Janeiro`, `Stratford upon Avon`), as _LOC_WORD admits them.
_NAME_PARTICLES = frozenset(
    ("de", "del", "da", "do", "dos", "das", "la", "le", "les", "el", "al", "of", "upon", "am", "der", "den", "sur", "en", "di")
)


# A region named with its kind after the town: `ZHANJIANG, GUANGDONG PROVINCE, Nov. 15 (Xinhua)`.
_REGION_KIND_RE = re.compile(r"(?i)\s+(?:autonomous\s+)?(?:province|region|state|prefecture|county|district|territory)$")
# ... or with its kind before the name, as German and other European copy writes it (`Laßnitzhöhe, Bezirk Graz-Umgebung –`,
# `Buchholz, Landkreis Harburg -`): the kind says the part is a region, whatever the gazetteer knows.
_KIND_BEFORE_REGION_RE = re.compile(
    r"(?:Bezirk|Landkreis|Kreis|Kanton|Gemeinde|Provincia|Província|Departamento|Distrito|Municipio|Município|Comune|Regione|"
    r"Région|Département|Powiat|Okres|Oblast) [A-ZÀ-ÖØ-Þ][^\W\d_]+(?:[ -][A-ZÀ-ÖØ-Þ][^\W\d_]+)?"
)


def _town_and_state(text: str, places: PlaceNames, *, wire: bool = False) -> bool:
    """Whether `text` is a known town (or county: `Tooele Co.`), a comma and its state or region (`Minot, ND`, `Fresno,
    Calif.`, `Austin, Texas`).

    `wire`: also a town no gazetteer knows, in capitals before its state (`DEMOPOLIS, Ala.`, `WAUSEON, Ohio`), the form
    of a wire's dateline.
    """
    town, comma, state = text.partition(", ")
    town = town.removesuffix(" Co.").removesuffix(" County")
    if wire and comma and town.isupper() and len(town) >= 3 and _names_a_state(state, places):
        return True
    return bool(comma) and town in places.towns and _names_a_state(state, places)


def _names_a_state(state: str, places: PlaceNames) -> bool:
    """Whether a dateline's part after the town's comma is a state or region: AP's abbreviation, a postal code, or known."""
    return state.casefold() in _STATE_ABBREVIATIONS or state in _POSTAL_STATES or _known_region(state, places)


def _known_region(state: str, places: PlaceNames) -> bool:
    """Whether a dateline's second part is a place the gazetteer knows, alone or with its kind after it, or any region with
    its kind before it."""
    if _KIND_BEFORE_REGION_RE.fullmatch(state):
        return True
    kind = _REGION_KIND_RE.search(state)
    if state.startswith("the "):
        state = state[4:] if state[4:] in places.towns else "The " + state[4:]  # `The Netherlands` is a name of its own
    return state in places.towns or (kind is not None and state[: kind.start()] in places.towns)


def parse_dateline(paragraph: str, places: PlaceNames | None = None) -> Dateline:
    """Read `LOCATION, DATE (AGENCY) -` and its kin from the start of the first paragraph; empty Dateline if none.

    A candidate is taken on evidence, not on its typography alone: a known news agency
    (in brackets, `/TASS/`, or leading `AP -`), a place the gazetteers `places` know, a
    date, or wire capitals before a dash. `ALCAN (AL) said` has none of them. What may
    stand before a dateline (a byline, a note, a picture's file name) is read first, each
    kind by one of _OPENINGS, in order; then the dateline itself, then the weaker readings.
    """
    places = default_places() if places is None else places
    referenced = _CHARACTER_REFERENCE_RE.search(paragraph, 0, DATELINE_WINDOW)
    if referenced is not None:
        # A feed escaped twice leaves its dashes and spaces as references in the text (`KARACHI &#8211; Amid ...`):
        # the dateline is read in the characters they stand for. Not `&lt;`, `&gt;` and `&amp;`: what is markup stays text.
        # (A reference cut by the window's end is left as it is: the dateline is well before it.)
        head = _CHARACTER_REFERENCE_RE.sub(_referenced_character, paragraph[:DATELINE_WINDOW])
        if head != paragraph[:DATELINE_WINDOW]:
            found = parse_dateline(head + paragraph[DATELINE_WINDOW:], places)
            return found if found.evidence else Dateline(rest=paragraph)
    if len(paragraph) > _READ_HEAD:
        # Everything is read in the head: a hostile paragraph of a million notes or stamps then costs a bounded number of
        # readings, each of a short text, and the rest of the paragraph is what follows the head's rest.
        found = parse_dateline(paragraph[:_READ_HEAD], places)
        return replace(found, rest=found.rest + paragraph[_READ_HEAD:])
    found = _first_reading(paragraph, places)
    if not found.evidence:
        return found
    # Whichever reading found the dateline, a credit may stand after its separator or where its place is read, and a
    # credit read without a place may have its place after it.
    found = _place_after_credit(_credits_out_of_place(_agency_after_separator(found), places), places)
    return _byline_above_bracket(_glued_region(found, paragraph, places), paragraph, places)


_DIGIT_OR_BAR_RE = re.compile(r"[\d|]")


def _byline_above_bracket(found: Dateline, paragraph: str, places: PlaceNames) -> Dateline:
    """`Holly Yan and Dorrine Mendoza\n\n(CNN) -- `: the line above an agency's bracket, set apart from it, names the
    story's writers unless it is a known town alone (`Mendoza\n\n(CNN) -- `)."""
    if not (found.location and found.source):
        return found
    line, newline, below = paragraph.partition("\n")
    line = line.strip()
    if not newline or not below.lstrip().startswith("(") or not line.endswith(found.location) or _DIGIT_OR_BAR_RE.search(line):
        return found
    if line == found.location and any(part.strip() in places.towns for part in re.split(r"[/,]", line)):
        return found
    return replace(found, location="", author=found.author or line, before="", evidence=f"{found.evidence}, the line above it a byline")


# A region's name run into the story's first word where a page lost the break between them: `KYIV, UkraineFighting ...`.
# ... or parted from it by a run of spaces where a line break was (`RAMALLAH, West Bank  Naser Shaer ...`).
_GLUED_REGION_RE = re.compile(r"(?P<region>[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)(?:(?=[A-Z][a-z]|[AI]\s)| {2,}(?=\S))")


def _glued_region(found: Dateline, paragraph: str, places: PlaceNames) -> Dateline:
    """`KYIV, UkraineFighting between ...`: a town and its comma, then a known country or state glued to the story (or
    set apart from it by spaces alone)."""
    glued = _GLUED_REGION_RE.match(found.rest) if found.location and not found.source and not found.date else None
    if glued is None or glued.group("region") not in places.cities:
        return found
    if paragraph[: len(paragraph) - len(found.rest)].rstrip() != found.location + ",":
        return found
    region = glued.group("region")
    return replace(
        found,
        location=f"{found.location}, {region}",
        rest=found.rest[glued.end() :],
        evidence=f"{found.evidence}, {region} run into the story",
    )


# A character reference (`&#8211;`, `&#x2014;`, `&nbsp;`) where a twice-escaped feed left one in the text.
_CHARACTER_REFERENCE_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});")


def _referenced_character(reference: re.Match) -> str:
    """The character a reference stands for, or the reference as it is when that would be markup (or none)."""
    character = html.unescape(reference[0])
    return reference[0] if character in ("<", ">", "&") or character == reference[0] else character


def _place_after_credit(found: Dateline, places: PlaceNames) -> Dateline:
    """`July 29 (CP) Colombo- Sri Lankan Navy ...`: a date and an agency, then a known place before its own separator."""
    if found.location or not found.source:
        return found
    after = _parse_dateline(found.rest, places)
    if not after.location or after.source or "a known" not in after.evidence:
        return found
    return replace(
        after,
        source=found.source,
        date=found.date or after.date,
        before=found.before,
        author=found.author or after.author,
        evidence=f"{found.evidence}, then {after.evidence}",
    )


def _first_reading(paragraph: str, places: PlaceNames) -> Dateline:
    """The dateline as the first reading that finds one reads it: what may stand before it, the dateline itself, then
    the weaker readings."""
    for opening in _OPENINGS:
        found = opening(paragraph, places)
        if found is not None:
            return found
    found = _parse_dateline(paragraph, places)
    if found.evidence:
        return found
    return (
        _piped_dateline(paragraph, places)
        or _slashed_wire_dateline(paragraph, places)
        or _inner_dateline(paragraph, places)
        or _date_before_story(paragraph)
        or _thai_date_before_story(paragraph)
        or _agency_then_city_run_on(paragraph, places)
        or _town_and_country_run_on(paragraph, places)
        or _town_then_slashed_label(paragraph, places)
        or _town_before_pipe(paragraph, places)
        or _caseless_city_lead(paragraph, places)
        or _town_then_outlet(paragraph, places)
        or _city_line(paragraph, places)
        or _place_and_country_line(paragraph, places)
        or _outlet_before_colon(paragraph)
        or _city_run_into_story(paragraph, places)
        or found
    )


# `(MEXICO CITY, July 2) Mexican officials ...`: a whole dateline, place and date, in brackets before the story.
_BRACKETED_DATELINE_RE = re.compile(
    rf"\((?P<loc>[^(),\n]{{2,40}}),\s*(?P<date>{DATELINE_DATE.replace('?P<', '?P<b')})\)\s*(?:(?:-{{1,3}}|[–—:])\s*)?(?=[A-Z\"“‘])"
)


def _bracketed_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known place and its date together in brackets, then the story: an old paper's way of setting the dateline (read
    before a bracket is taken for an agency's: `(NAIROBI, March 9)` names no agency)."""
    bracket = _BRACKETED_DATELINE_RE.match(paragraph)
    if bracket is None or bracket.group("loc") not in places.towns or agency_name(bracket.group("loc")):
        return None
    dated = DATELINE_DATE_RE.match(paragraph, bracket.start("date"))
    found = read_date(dated) if dated else None
    if found is None:
        return None
    return Dateline(bracket.group("loc"), "", found, paragraph[bracket.end() :], "a known place and a date in brackets")


# The agency's name after a dateline's separator, closed by the end of its line or a dash of its own: `ADEN - SABA\nThe
# ...`, `Tripoli, 01.02.2016 - Lana - The ...`. Set between separators, a known name is trusted as in brackets.
# A known agency may also close with a full stop or a colon (`МОСКВА, 4 мая — РИА Новости. `), or stand in guillemets
# (`نيويورك – «كونا»: `), or close with a dash run into it (`تهران- ایرنا- `, IRNA's own form).
_AGENCY_AFTER_SEPARATOR_RE = re.compile(r"«?(?P<name>[^\W\d_][\w.&' -]{0,38}?[\w.])»?[ \t]*(?:\n|\s?(?:-{1,3}|[–—])\s|[.:](?=\s))\s*")
# A known agency and its reporter, then a full stop: `МОСКВА, 12 мар — РИА Новости, Наталья Ивашова. `.
_AGENCY_AND_REPORTER_RE = re.compile(r"(?P<name>[^\W\d_][\w.&' -]{0,38}?[\w.]), (?P<reporter>[^\W\d_]{2,}(?: [^\W\d_]{2,}){1,2})[.:]\s+")


_AGENCY_HALF_SLASHED_RE = re.compile(r"(?P<name>[^\W\d_][\w.&' -]{0,38}?[\w.])/\s*(?:-{1,3}|[–—])\s*")


def _agency_after_separator(found: Dateline) -> Dateline:
    """A place's dateline with the agency named between its separator and the story, if there is one."""
    named = _AGENCY_AFTER_SEPARATOR_RE.match(found.rest) if found.location and not found.source else None
    if named is None and found.location and not found.source:
        # `TORONTO, July 29, 2010 Canada NewsWire/ - `: the wire's slashes, the first lost with the markup around it.
        named = _AGENCY_HALF_SLASHED_RE.match(found.rest)
    source = agency_name(named.group("name")) if named else ""
    reported = _AGENCY_AND_REPORTER_RE.match(found.rest) if not source and found.location and not found.source else None
    if reported and agency_name(reported.group("name")) and _written_as_a_name(reported.group("reporter"), reported.group("name")):
        source = agency_name(reported.group("name"))
        rest = found.rest[reported.end() :]
        return replace(
            found,
            source=source,
            author=reported.group("reporter"),
            rest=rest,
            evidence=f"{found.evidence}, agency {source} and its reporter after it",
        )
    if not source:
        return found
    rest = found.rest[named.end() :]
    # `SINGAPORE – Media OutReach Newswire – 18 December 2025 – `: a release wire's date between dashes after its name.
    dated = DATELINE_DATE_RE.match(rest) if found.date is None else None
    closed = _DASH_AFTER_PLACE_RE.match(rest, dated.end()) if dated else None
    sent = read_date(dated) if dated and closed else None
    if sent is not None:
        return replace(
            found,
            source=source,
            date=sent,
            rest=rest[closed.end() :].lstrip(),
            evidence=f"{found.evidence}, agency {source} and a date after it",
        )
    return replace(found, source=source, rest=rest, evidence=f"{found.evidence}, agency {source} after it")


def _written_as_a_name(words: str, beside: str) -> bool:
    """Whether `words` are cased as a person's name in the text's own style: each capitalised, or all in small letters
    where the agency beside them is too (a feed that lowers every letter: `риа новости, адам буражев`)."""
    if beside.islower():
        return words.islower()
    return all(word[:1].isupper() and not word.isupper() for word in words.split())


# `JAKARTA, KOMPAS—Intensitas ...`, `JAKARTA, VICTORY NEWS– The ...`, `Jakarta, CNBC Indonesia - ...`: a town, its comma,
# then the outlet's name, its first word in capitals, and a dash, as Indonesian outlets sign their own copy; or the end
# of their line, for a web address or a known agency (`Jakarta, MISTAR.ID\nBadan ...`).
_TOWN_OUTLET_RE = re.compile(
    r"(?P<loc>[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2}), (?P<name>[A-Z][A-Z0-9.]+[\w.]*(?: [A-Z][\w.]+){0,2})"
    r"(?:\s*(?:-{1,3}|[–—])\s*|[ \t]*\n\s*)(?=[A-Z])"
)
# `ALMATY. KAZINFORM The city ...`: a known town in capitals, its full stop, then a known agency and the story, no dash.
_TOWN_STOP_AGENCY_RE = re.compile(r"(?P<loc>[A-Z][A-Z' -]{1,30}[A-Z])\. (?P<name>[A-Z][A-Za-z-]{1,15})\s+(?=[A-Z\"“‘])")


_ABBREVIATED_STATE_RE = re.compile(r"(?:[A-Z]{1,5}\.\s?)+")


def _town_then_outlet(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known town, then an outlet's name led by two capitals or more (`PUNCH`, `DFWatch`), which is no place, then a
    dash, spaced or not, or the end of the line; or a known town's full stop and a known agency (`ALMATY. KAZINFORM`)."""
    stopped = _TOWN_STOP_AGENCY_RE.match(paragraph)
    if stopped and stopped.group("loc") in places.towns and agency_name(stopped.group("name"), in_brackets=True):
        named = agency_name(stopped.group("name"), in_brackets=True)
        return Dateline(stopped.group("loc"), named, None, paragraph[stopped.end() :], f"a known town, its full stop, then agency {named}")
    signed = _TOWN_OUTLET_RE.match(paragraph)
    name = signed.group("name").rstrip(".") if signed else ""
    if signed is None or signed.group("loc") not in places.towns or _names_a_place(name, signed.group("loc"), places):
        return None
    name = signed.group("name")
    if len(name) <= 2 or _ABBREVIATED_STATE_RE.fullmatch(name) or name.split()[0] in _POSTAL_STATES:
        return None  # `SAN JOSE, CALIF. -`, `WASHINGTON, DC -`, `Washington, DC Mayor -`: the town's state, abbreviated
    if "\n" in paragraph[signed.end("name") : signed.end()] and not (_WEB_ADDRESS.fullmatch(name) or agency_name(name, in_brackets=True)):
        return None  # `WASHINGTON, ACME\nThe company ...`: at a line's end only a web address or a known agency signs
    return Dateline(signed.group("loc"), canonical_source(name), None, paragraph[signed.end() :], f"a known town, then the outlet {name}")


def _credits_out_of_place(found: Dateline, places: PlaceNames) -> Dateline:
    """The dateline with a credit that stands where its place is read moved out of the place: an agency, initials or an
    outlet's name; a desk's or staff reporter's credit is no source."""
    if found.source and found.source.split()[-1].casefold() in _DESK_WORDS:
        # `KARACHI (Web Desk) -`, `اسلام آباد (سٹاف رپورٹر)`: the paper's own desk or reporter, not an agency or outlet.
        found = replace(found, source="", evidence=f"{found.evidence}, {found.source} a desk's credit")
    location = found.location
    byline, slash, town = location.rpartition("/")
    names = byline.split()
    named = names and (names[-1].isupper() or (len(names) >= 2 and all(name[:1].isupper() and name[1:].islower() for name in names)))
    if slash and town.split(",")[0] in places.towns and byline not in places.cities and named and len(names) <= 3:
        # `Taylan YILDIRIM/İZMİR, (DHA)-`, `Yhadira Paredes/Xalapa, Ver.-`: the reporter's name, a slash, then the place
        # (Turkish agencies' and Mexican papers' byline).
        found = replace(found, location=town, evidence=f"{found.evidence}, the reporter {byline} before the place")
        location = town
    label, comma, town = location.partition(", ")
    if comma and town in places.cities and label not in places.towns and label.split()[-1].casefold() in _OUTLET_WORDS:
        # `Sports News, New Delhi, Oct 12 (IANS)`: the page's section or the outlet's name before the place.
        found = replace(found, location=town, evidence=f"{found.evidence}, {label} before the place")
        location = town
    first, space, rest = location.partition(" ")
    if space and rest.split(",")[0] in places.towns and first not in places.cities and agency_name(first, in_brackets=False):
        # `By STEPHEN MANNING, AP WOODLAWN, Md. - `: the byline's agency run into the place.
        return replace(found, location=rest, evidence=f"{found.evidence}, the byline's agency {first} before the place")
    words = [word for word in location.split() if word.casefold() not in ("of", "the", "and", "for", "de", "du", "des")]
    initials = "".join(word[0] for word in words).upper()
    story = found.rest.split(maxsplit=1)[:1]
    if len(words) >= 2 and found.source == initials and location not in places.towns and story and not story[0].isupper():
        # `UNITED NEWS INTERNATIONAL (UNI) — `, `Press Trust of India (PTI) - `: an agency's whole name, then its initials in
        # brackets; no place. A known agency by its whole name, else the name as written (UNI is also United News of India).
        evidence = f"{found.evidence}, {location} the whole name of {found.source}, not a place"
        named = agency_name(location, in_brackets=False) or f"{location} ({found.source})"
        return replace(found, location="", source=named, evidence=evidence)
    shaped = 2 <= len(location) <= 5 and location.isalpha() and location.isupper() and not set(location) & set("AEIOUY")
    if shaped and location not in places.towns:
        # `GDN - Die ...`, `LD (EFE) El ...`: an outlet's initials, with no vowel, as no place's name is written.
        evidence = f"{found.evidence}, {location} an outlet's initials, not a place"
        return replace(found, location="", source=found.source or location, evidence=evidence)
    if found.source or found.date is None or not location:
        return found
    town, comma, named = location.rpartition(", ")
    if comma and town in places.towns and not _known_region(named, places) and _looks_like_outlet(named, capitals=False):
        # `SINGAPORE, Jan 5, 2020, The Business Times. ...`: an outlet's name where a town's state would stand.
        return replace(found, location=town, source=named, evidence=f"{found.evidence}, {named} an outlet's name, not a state")
    if location in places.towns or "-" not in location or not _looks_like_outlet(location.replace("-", " ")):
        return found
    # `OREANDA-NEWS. October 29, 2008. The ...`: an outlet's name where the place stands, before its date.
    return replace(found, location="", source=location, evidence=f"{found.evidence}, {location} an outlet's name, not a place")


# `LA VALLETTA (MALTA) (ITALPRESS/MNA) –`: a place, its country in brackets, then the agency's bracket.
_COUNTRY_BEFORE_BRACKET_RE = re.compile(r"(?P<place>[^\W\d_][^()\n]{1,40}?)\s*\((?P<country>[^\W\d_][^()\n]{1,30})\)(?=\s*\()")


def _country_before_agency(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A place and its country in brackets before the agency's bracket: the dateline read without the country, which is
    then put back in the place."""
    bracketed = _COUNTRY_BEFORE_BRACKET_RE.match(paragraph)
    country = bracketed.group("country") if bracketed else ""
    if not country or country not in places.cities or agency_name(country):
        return None
    found = _read_without(paragraph, places, (bracketed.end("place"), bracketed.end()), f"the country {country} in brackets")
    if found is None or found.location != bracketed.group("place"):
        return None
    return replace(found, location=f"{found.location} ({country})")


def _after_bracketed_byline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`(By Paul Virgo) (ANSA) - Rome, ...`, `(di Amalia Angotti) (ANSA) - ...`, `(Kiran Bhattarai) Kathmandu, Sept 7: `."""
    bracketed = _BRACKETED_BYLINE_RE.match(paragraph[:DATELINE_WINDOW])
    if not bracketed:
        return None
    name = (bracketed.group("name") or bracketed.group("bare")).strip()
    after = parse_dateline(paragraph[bracketed.end() :], places)
    # A name alone in brackets is a byline only before a place dateline, and never an agency's name.
    if after.evidence and (bracketed.group("name") or (after.location and not agency_name(name))):
        return replace(after, author=after.author or name, evidence=f"{after.evidence}, a byline before it")
    return None


def _read_without(paragraph: str, places: PlaceNames, span: tuple[int, int], what: str, keep: str = "") -> Dateline | None:
    """The dateline read with `paragraph[span]` set aside (replaced by `keep`), its evidence saying `what` was; None if none.

    The span lies before the dateline's end, so the text after the dateline is the paragraph's own.
    """
    start, end = span
    found = parse_dateline(paragraph[:start] + keep + paragraph[end:], places)
    return replace(found, evidence=f"{found.evidence}, {what}") if found.evidence else None


def _read_without_if_named(paragraph: str, places: PlaceNames, span: tuple[int, int] | None, what: str) -> Dateline | None:
    """As _read_without, kept only when the dateline names an agency or a known town: what stood before it is then no part of it."""
    after = _read_without(paragraph, places, span, what) if span else None
    return after if after is not None and (after.source or after.location.split(",")[0] in places.towns) else None


def _after_picture_file(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`A04108397.jpgTEHRAN (FNA)- ...`: a scraped picture's file name run into the dateline."""
    picture = _PICTURE_FILE_RE.match(paragraph)
    return _read_without(paragraph, places, picture.span(), "after a picture's file name") if picture else None


# A picture's credit run into the bracket that opens ABC News Radio's dateline: `iStock(`, `iStock/Thinkstock(`.
# (A dash before the bracket belongs to the dateline: `Berberanews-(Addis Ababa)-` is an outlet's.)
_GLUED_CREDIT_RE = re.compile(r"[^\W\d][^()\n]{0,40}?[^\W_](?=\()")


def _after_glued_credit(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`iStock(DEMOPOLIS, Ala.) -- `: a credit glued to a place in brackets before a dash; the credit is kept as text."""
    credit = _GLUED_CREDIT_RE.match(paragraph)
    if credit is None:
        return None
    found = _parse_dateline(paragraph[credit.end() :], places)
    if not found.location or found.source or "in brackets" not in found.evidence:
        return None
    return replace(found, before=credit.group(0), evidence=f"{found.evidence}, after a credit run into it")


def _with_braces_as_brackets(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`RICHMOND, Va. {AP} Some ...`: braces for brackets, in an opening where nothing else would use them."""
    braced = _BRACED_NAME_RE.search(paragraph, 0, BRACE_REACH)
    if not braced:
        return None
    after = parse_dateline(paragraph[: braced.start()] + "(" + braced.group(1) + ")" + paragraph[braced.end() :], places)
    # The same length either way: the rest must start after the braces for them to have been the dateline's.
    return after if after.evidence and len(after.rest) <= len(paragraph) - braced.end() else None


def _after_reporter_and_agency(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`Sanjay Suri/IPS, Glasgow – ...`: the reporter, their agency after a slash, then the place."""
    credited = _REPORTER_AGENCY_RE.match(paragraph)
    agency = agency_name(credited.group("agency"), in_brackets=True) if credited else ""
    if not agency:
        return None
    after = parse_dateline(paragraph[credited.end() :], places)
    if not after.location:
        return None
    evidence = f"{after.evidence}, a reporter and agency {agency} before it"
    return replace(after, source=after.source or agency, author=after.author or credited.group("name"), evidence=evidence)


# EFE's and ANSA's slug, the desk's keywords in capitals joined by hyphens on a line of their own: `NICARAGUA-PRESIDENCIA`.
_SLUG_LINE_RE = re.compile(r"(?P<slug>[A-ZÀ-ÖØ-Þ]{2,}(?:-[A-ZÀ-ÖØ-Þ0-9]{2,})+)[ \t]*\n\s*")


def _after_slug_line(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`NICARAGUA-PRESIDENCIA\n\nManagua, 5 ene (EFE).- `: a slug names the story's subject, not its place; the
    dateline, if any, is below it."""
    slug = _SLUG_LINE_RE.match(paragraph)
    if slug is None or slug.group("slug") in places.towns:
        return None  # `AL-ARISH` alone on its line is a dateline
    found = parse_dateline(paragraph[slug.end() :], places)
    if not found.evidence:
        return Dateline(rest=paragraph)
    return replace(found, before=slug.group("slug"), evidence=f"{found.evidence}, after the desk's slug")


# Two places of a joint release, the first in a wire's capitals with its state, joined by `and` or `&`: `OAK RIDGE, Tenn.,
# and PALO ALTO, Calif., Oct 30, 2000 /PRNewswire/ --`, `PRINCETON, N.J. & BOSTON —` (a feed's `&amp;` too).
JOINT_PLACES_LIMIT = 100
_JOINT_PLACES_RE = re.compile(
    r"(?P<first>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:, (?P<state>[A-Z][\w.]{1,12}))?,? (?:and|&|&amp;) (?=[A-Z]{2})"
)


def _joint_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """Two companies' release dated from both their towns: the second place's dateline, read as usual, with the first
    place before it."""
    joint = _JOINT_PLACES_RE.match(paragraph)
    if joint is None:
        return None
    state = joint.group("state")
    if not (joint.group("first") in places.towns or (state and _names_a_state(state, places))):
        return None
    second = paragraph[joint.end() :]
    found = parse_dateline(second, places)
    if not found.location or not second.startswith(found.location.split(",")[0]):
        return None
    if not (found.source or found.date or found.location.split(",")[0] in places.towns):
        return None
    location = paragraph[: joint.end()] + found.location
    if len(location) > JOINT_PLACES_LIMIT:
        return None  # a run of "X and Y and ..." is a list, not the towns of a release
    return replace(found, location=location, evidence=f"{found.evidence}, after a first place joined to it")


def _after_update_note(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`(Updated 2:59pm, 28 March 2009) KUALA LUMPUR, ...`: a note of the page's own, not the story's."""
    note = _UPDATE_NOTE_RE.match(paragraph)
    return _read_without(paragraph, places, note.span(), "after an update note") if note else None


# A desk's byline before the dateline, as South Asian papers sign staff copy: `Own Correspondent, Dhaka, 20 September 2023:`,
# `Staff Reporter, Karachi:`.
_DESK_BYLINE_RE = re.compile(
    r"(?:(?:Own|Staff|Special|Senior|Our|Diplomatic|Legal|Political|Business|Sports|City|District|Local)\s+)?"
    r"(?:Correspondent|Reporter|Desk|Bureau)s?\s*,\s*(?=[A-Z])",
    re.IGNORECASE,
)


# `जागरण संवाददाता, आगरा। `, `নিজস্ব প্রতিবেদক, ঢাকা`: the paper's correspondent in Hindi, Bengali or Urdu (the word before it
# is the paper's, or "own"), then the dateline.
_LOCAL_DESK_BYLINE_RE = re.compile(rf"(?:\S+\s+)?(?:{'|'.join(_LOCAL_DESK_WORDS)})\s*,\s*")


def _after_desk_byline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`Own Correspondent, Dhaka, 20 September 2023: ...`: the desk that signs the copy, then its dateline."""
    desk = _DESK_BYLINE_RE.match(paragraph) or _LOCAL_DESK_BYLINE_RE.match(paragraph)
    after = _read_without(paragraph, places, desk.span(), "after a desk's byline") if desk else None
    return after if after is not None and after.location else None


# What FBIS-style translations set before the story's own dateline: `[Text] `, `[Excerpts] `, `[Report by Li Xin] `.
_EDITORIAL_NOTE_RE = re.compile(
    r"\[(?:Text|Excerpts?|Report|Article|Editorial|Commentary|Interview|Dispatch|Summary|Unattributed report|Speech|Statement"
    r"|Communique|Announcement|Roundup|Feature|Passage omitted|Item|Broadcast)(?: (?:by|from|with) [^\[\]\n]{1,60})?\]\s*"
)
# A wire's time of sending before its dateline: `17:37 KRAVICA, Jan 7 (Tanjug) - `.
_TIME_STAMP_RE = re.compile(r"(?:[01]?\d|2[0-3])[:.][0-5]\d\s+(?=[A-Z(]|[^\W\d_a-z])")


# FBIS transcripts (the MUC-3 corpus) fill an unknown part of the dateline with words: `SAN SALVADOR, NO DATE (DOMESTIC
# SERVICE) -- `, `NO CITY (COLOMBIA), NO DATE -- `.
_MISSING_DATE_RE = re.compile(r",\s*NO DATE\b")


def _with_missing_parts(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A dateline that says it has no date (or no city): read without the words that say so."""
    missing = _MISSING_DATE_RE.search(paragraph, 0, 80)
    found = _read_without(paragraph, places, missing.span(), "a dateline that says it has no date") if missing else None
    if found is None or not found.location.startswith("NO CITY"):
        return found
    return replace(found, location="")


# The Saudi Press Agency's date in the Hijri calendar before the Gregorian one: `Riyadh, Ramadan 27, 1442 AH, corresponding to
# May 09, 2021 AD, SPA `.
_HIJRI_DATE_RE = re.compile(
    r",\s*(?:Muharram|Safar|Rabi\S{0,3}(?: [Aa]l)?[- ]\w+|Jumad\S{0,4}(?: [Aa]l)?[- ]\w+|Rajab|Sha\S?ban|Ramad[h]?an|Shawwal"
    r"|Dhu\S{0,3}(?: [Aa]l)?[- ]\S{3,8})\s+\d{1,2},\s+1[34]\d\d(?:\s*A\.?H\.?)?,?(?:\s*corresponding to)?(?=\s)"
)
# The era after the Gregorian year that follows a Hijri date: `May 09, 2021 AD, SPA`.
_COMMON_ERA_RE = re.compile(r"(?<=\d{4})\s*A\.?D\.?(?=\s*,)")
# An agency's credit with the time it sent the story, closed by a full stop, before the dateline:
# `Associated Press, Thu November 23, 2006 08:31 EST . COLOMBO, Sri Lanka (AP) — `.
_CREDIT_STAMP_RE = re.compile(r"(?P<agency>[A-Z][\w&' -]{1,40}?),\s*(?P<stamp>[^.\n]{6,50}?)\s+\.\s+(?=[A-Z])")


def _without_hijri_date(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A dateline with a Hijri date before the Gregorian one, read as if only the Gregorian date stood there."""
    hijri = _HIJRI_DATE_RE.search(paragraph, 0, 80)
    if hijri is None:
        return None
    era = _COMMON_ERA_RE.search(paragraph, hijri.end(), hijri.end() + 40)
    without_era = paragraph[: era.start()] + paragraph[era.end() :] if era else paragraph
    return _read_without(without_era, places, hijri.span(), "a Hijri date before it", keep=",")


def _after_credit_stamp(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known agency's credit and sending time before the dateline; only the dateline's own date counts."""
    credit = _CREDIT_STAMP_RE.match(paragraph)
    agency = agency_name(credit.group("agency")) if credit else ""
    if not agency or not DATE_RE.search(credit.group("stamp")):
        return None
    after = parse_dateline(paragraph[credit.end() :], places)
    if not after.location:
        return None
    return replace(after, source=after.source or agency, evidence=f"{after.evidence}, agency {agency}'s credit before it")


# Reuters' web pages of about 2008-2014 set a pipe between the place and the time stamp, the agency's bracket on the
# next line: `SEOUL/WASHINGTON | Fri Apr 12, 2013 12:18am EDT\n(Reuters) - `.
_PIPE_BEFORE_STAMP_RE = re.compile(r"[ \t]+\|[ \t]+(?=(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)|[A-Z][a-z]{2}\w* \d)")


def _pipe_before_stamp(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A place, a pipe and a date stamp, then a known agency's bracket: read as if a comma stood for the pipe."""
    pipe = _PIPE_BEFORE_STAMP_RE.search(paragraph, 0, BYLINE_REACH)
    if pipe is None or not DATE_RE.match(paragraph, pipe.end()):
        return None
    after = _read_without(paragraph, places, pipe.span(), "a pipe before its time stamp", keep=", ")
    return after if after is not None and after.source and after.date is not None else None


# Indonesia's and Malaysia's news sites name themselves by their web address beside the town, in either order, before
# a dash: `TEMPO.CO, Jakarta - `, `Bisnis.com, JAKARTA — `, `JAKARTA, KOMPAS.com - `.
# ... or with no dash: the address alone opening the text, then a comma or a space and a capital.
_ADDRESS_OPENING_RE = re.compile(r"(?P<site>[A-Za-z][\w-]{1,30}(?:\.[A-Za-z][\w-]{1,30})*\.[A-Za-z.]{2,8})(?P<comma>,)?\s+(?=[A-Z])")
_ADDRESS_AND_TOWN_RE = re.compile(r"(?P<first>[^,\n]{2,40}),\s*(?P<second>[^,\n]{2,40}?)\s*(?:-{1,3}|[–—])\s*(?=\S)")


def _web_address_and_town(paragraph: str, places: PlaceNames) -> Dateline | None:
    """An outlet's web address and a known town, parted by a comma, before a dash: the outlet is the source. Without
    the dash too (`Fimela.com, Jakarta Berkembangnya ...`)."""
    lead = _ADDRESS_AND_TOWN_RE.match(paragraph[:DATELINE_WINDOW])
    if lead is not None:
        first, second = lead.group("first").strip(), lead.group("second").strip()
        for outlet, town in ((first, second), (second, first)):
            if _WEB_ADDRESS.fullmatch(outlet) and town in places.towns:
                return Dateline(town, outlet, None, paragraph[lead.end() :], f"the outlet {outlet} and the known town {town}")
    bare = _ADDRESS_OPENING_RE.match(paragraph)
    if bare is None or not _WEB_ADDRESS.fullmatch(bare.group("site")):
        return None
    site, rest = bare.group("site"), paragraph[bare.end() :]
    words = rest.split(" ", 3)
    # The longest run of the next words that is a known town, when a comma set the address apart: `, Jakarta `.
    count = next(
        (count for count in (3, 2, 1) if bare.group("comma") and len(words) > count and " ".join(words[:count]) in places.towns), 0
    )
    if count and words[count][:1].isupper():
        town = " ".join(words[:count])
        return Dateline(town, site, None, rest[len(town) :].lstrip(), f"the outlet {site} and the known town {town}, no dash")
    # Without a known town, no: `Amazon.com Inc said ...` opens a sentence, and batches label a site's address in capitals
    # glued to the text both ways (`AKURAT.CO Pihak ...` as the source, `DAKARACTU.COM Le 31 juillet ...` as a credit).
    return None


# A list's dash or bullet before the whole dateline, as pages that strip the agency's slug leave it: `- ROMA, 11 DIC - `.
_LEADING_DASH_RE = re.compile(r"[-–—•]\s+")


def _after_leading_dash(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A dateline after a leading dash, when it names a known town or an agency."""
    dash = _LEADING_DASH_RE.match(paragraph)
    return _read_without_if_named(paragraph, places, dash.span() if dash else None, "after a leading dash")


# Spaces or tabs before the dateline: a forum's or an archive's indented copy (`    BABYLON, Iraq - ...`).
_INDENTATION_RE = re.compile(r"[ \t]+(?=\S)")
# An agency's or an outlet's credit in square brackets, with the date it sent the story or without: `[ENA] Addis Ababa --`,
# `[DPA, 1/21/1993] BEIJING --`, `[TamilNet, Saturday, 31 July 1999, 21:00 GMT]\nThe ...`.
_SQUARE_CREDIT_RE = re.compile(r"\[(?P<name>[^\[\],\n]{1,40})(?:,\s*(?P<stamp>[^\[\]\n]{4,60}))?\]\s*")


# The dash that parts a dateline's place from the story: `Nairobi -- `, `Dar es Salaam -Twenty-eight`.
_DASH_AFTER_PLACE_RE = re.compile(r"\s*(?:-{1,3}|[–—])")


# `/PRNewswire/ -- The Procter & Gamble Company ...`: a release wire between slashes whose place and date the carrier cut.
_SLASHED_AGENCY_LEAD_RE = re.compile(r"/(?P<name>[^/\n]{2,30})/\s*(?:-{1,3}|[–—])\s*")


def _slashed_agency_lead(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known agency or release wire between slashes and a dash, opening the text."""
    lead = _SLASHED_AGENCY_LEAD_RE.match(paragraph)
    source = agency_name(lead.group("name")) if lead else ""
    return Dateline("", source, None, paragraph[lead.end() :], f"{source} between slashes before a dash") if source else None


# A known city alone on the first line, in mixed case or a script without capitals: `Pittsburgh\n\nBrock Nelson's second
# goal ...`, `الدوحة\n\n أعلنت ...` (each word's first letter and the story's are checked in _city_line).
_CITY_LINE_RE = re.compile(
    r"(?P<loc>[^\W\d_](?:[^\W\d_]|['’.-])+(?:[ -][^\W\d_](?:[^\W\d_]|['’.-])+){0,2})[ \t]*\n\s*(?=(?P<next>[\"“‘]|[^\W\d_]))"
)


# Words that only open a sentence, in the languages of the big agencies: after a known city they say its dateline lost
# its separator with its bold type (`Bern Die SVP hat ...`, `Stuttgart Am Samstag ...`, `Rome Three Rome-based ...`).
_OPENERS_ELSEWHERE = (
    "Der|Die|Das|Ein|Eine|Am|Im|Nach|Bei|Seit|Le|La|Les|Un|Une|Des|Au|Aux|Selon|Après|El|Los|Las|Una|Tras|Según|Il|Lo|Gli|"
    "Uno|Dopo|Secondo|Os|Um|Uma|Após"
)
_CITY_RUN_INTO_STORY_RE = re.compile(
    rf"(?P<loc>[A-Z][a-zà-ÿ'’.-]+(?: [A-Z][a-zà-ÿ'’.-]+){{0,2}}) (?P<word>{_SENTENCE_OPENERS}|{_OPENERS_ELSEWHERE}) (?=\S)"
)


def _city_run_into_story(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known city run into its story's first word, a word that only opens a sentence: a dateline whose separator was
    lost with its type (the weakest reading of a place, tried late)."""
    run = _CITY_RUN_INTO_STORY_RE.match(paragraph)
    if run is None or run.group("loc") not in places.cities:
        return None
    following = paragraph[run.start("word") :].split(" ", 2)
    # `Mexico Los Angeles ...`, `Bolivia La Paz ...`: the word opens another place's name, not a sentence.
    named = (f"{run.group('loc')} {run.group('word')}", " ".join([run.group("loc"), *following[:2]]), " ".join(following[:2]))
    if any(name in places.towns for name in named):
        return None
    return Dateline(run.group("loc"), "", None, paragraph[run.start("word") :], "a known city run into a word that opens a sentence")


def _city_line(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known city on a line of its own above the story (`Srinagar\n\n`, `NEW YORK\n\n`), as web pages set a dateline."""
    line = _CITY_LINE_RE.match(paragraph)
    if line is None or line.group("loc") not in places.cities:
        return None
    if not (
        all(_opens_story(word[0]) for word in re.split(r"[ -]", line.group("loc")))
        and (line.group("next") in '"“‘' or _opens_story(line.group("next")))
    ):
        return None
    return Dateline(line.group("loc"), "", None, paragraph[line.end() :], "a known city on a line of its own")


# `APA-Lusaka (Zambia) Zambian President ...`: the agency joined to the place by a hyphen, then the country in brackets.
_AGENCY_JOINED_PLACE_RE = re.compile(
    r"(?P<agency>[A-Z]{2,6})-(?P<place>[A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+){0,2})(?: \((?P<country>[A-Z][^()\n]{1,30})\))?"
    r"\s*(?:(?:-{1,3}|[–—:])\s*)?(?=[A-Z\"“‘])"
)


def _agency_joined_to_place(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known agency's short name joined to a known town by a hyphen (APA's house style), its country in brackets."""
    joined = _AGENCY_JOINED_PLACE_RE.match(paragraph)
    agency = agency_name(joined.group("agency")) if joined and joined.group("place") in places.towns else ""
    if not agency:
        return None
    place = f"{joined.group('place')} ({joined.group('country')})" if joined.group("country") else joined.group("place")
    return Dateline(place, agency, None, paragraph[joined.end() :], f"agency {agency} joined to a known town")


# `Cortés, Honduras.\n\n`, `FRANCISCO MORAZÁN, HONDURAS.\n`: a place and its country closed by a full stop on a line of
# their own (the place may be a department no gazetteer of towns holds).
_PLACE_COUNTRY_LINE_RE = re.compile(
    r"(?P<loc>[^\W\d_][^\W\d_'’-]*(?: [^\W\d_][^\W\d_'’-]*){0,3}), (?P<country>[^\W\d_][^\W\d_]*(?: [^\W\d_]+){0,2})\.[ \t]*\n\s*(?=\S)"
)


def _place_and_country_line(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A place and a known country or state, a full stop, then a line break: the dateline on its own line."""
    line = _PLACE_COUNTRY_LINE_RE.match(paragraph)
    if line is None or line.group("country") not in places.cities:
        return None
    loc = line.group("loc")
    # "Welcome, America.": only a known town, or a place in capitals before its country in capitals, is a dateline's.
    if not (loc in places.towns or (loc.isupper() and line.group("country").isupper())):
        return None
    return Dateline(
        f"{line.group('loc')}, {line.group('country')}", "", None, paragraph[line.end() :], "a place and a known country on their line"
    )


def _unknown_credit_after_place(found: Dateline, rest: str, before: str, places: PlaceNames) -> tuple[Dateline, str]:
    """A credit no table knows after a place's separator (`before` is the text up to it): a name in capitals between the
    date's comma and a dash, or an Arabic-script outlet's name alone on its line after the place's dash; and the text left."""
    credit = _CAPITALS_CREDIT_RE.match(rest[:DATELINE_WINDOW]) if found.date is not None and before.endswith(",") else None
    if credit and credit.group("name").isupper() and not rest[credit.end()].islower() and credit.group("name") not in places.towns:
        # `ОДЕССА, 25 МАРТА 2013 ГОДА, КОНТЕКСТ-ПРИЧЕРНОМОРЬЕ — `: after a place and a date, a name in capitals before the
        # dash is the agency's, whether or not it is known.
        evidence = f"{found.evidence}, a name in capitals after the date"
        return replace(found, source=credit.group("name"), evidence=evidence), rest[credit.end() :]
    lined = _OUTLET_LINE_RE.match(rest) if before.endswith(("-", "–", "—", ":")) else None
    if lined and lined.group("name") not in places.towns:
        # `الرباط - المغرب اليوم\n\n`: after the place's dash, the outlet's name alone on its line.
        named = agency_name(lined.group("name")) or lined.group("name")
        return replace(found, source=named, evidence=f"{found.evidence}, an outlet's name on its line"), rest[lined.end() :]
    return found, rest


def _after_indentation(paragraph: str, places: PlaceNames) -> Dateline | None:
    """The dateline of copy indented as a forum or an archive keeps it."""
    indented = _INDENTATION_RE.match(paragraph)
    return _read_without(paragraph, places, indented.span(), "after indentation") if indented else None


def _after_byline_line(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`By Julian Matthews\n\nDecember 29, 1998 (KUALA LUMPUR) — `, `by Li Yanping\n\nJan 16 (Bloomberg) — `: a byline
    on a line of its own, then a dateline naming an agency or a known town, or one in a wire's capitals before a dash.

    Spaces that a page's layout left for the line's end count as one (`By Tom Hussain  Islamabad: ...`), and a line
    of the writer's role may follow the byline (`By Rym Ghazal\nDaily Star staff\n\nBeirut: ...`).
    """
    line, newline, _ = paragraph.partition("\n")
    spaced = _BYLINE_BEFORE_SPACES_RE.match(line)
    if spaced is not None:
        line, newline = spaced.group(0), " "
    byline = _BYLINE_RE.fullmatch(line.strip()) if newline and len(line) <= META_LINE_LIMIT else None
    name = byline.group("name") if byline is not None else ""
    if byline is None and newline and len(line) <= META_LINE_LIMIT:
        # `Abhijit Nath, NET Correspondent, Tripura`: a reporter's name, a comma and the role, with no "By".
        person, comma, role = line.strip().partition(", ")
        if comma and _ROLE_WORDS.search(role) and 2 <= len(person.split()) <= 4 and person.istitle():
            name = person
        # `Por: Ricardo Neto, jornalista da Agência ...`, `Texto: Ricardo Neto *** Foto Lourenço da Silva`: a credit
        # word and a name, then whatever the line adds (a role, the photographer); the dateline below must still name
        # an agency or a known town.
        credited = _CREDITED_BYLINE_RE.match(line) if not name else None
        name = credited.group("name") if credited is not None else name
    if not name or name.split()[0].casefold() in _NOT_NAMES:
        return None
    end = len(line) + 1 + _spaces(paragraph, len(line) + 1)
    role, newline, _ = paragraph[end:].partition("\n")
    if newline and len(role) <= 40 and _ROLE_WORDS.search(role) and not _DIGIT_OR_BAR_RE.search(role):
        end += len(role) + 1 + _spaces(paragraph, end + len(role) + 1)
    after = _read_without(paragraph, places, (0, end), "after a byline on its own line")
    if after is None:
        return None
    capitals = byline is not None and "capitals before a dash" in after.evidence
    if not (after.source or after.location.split(",")[0] in places.towns or capitals):
        return None
    return replace(after, author=after.author or name)


def _after_square_credit(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A credit in square brackets before the story's own dateline (`[ENA] Addis Ababa -- `), or dated before the story."""
    credit = _SQUARE_CREDIT_RE.match(paragraph)
    if credit is None:
        return None
    name = credit.group("name").strip()
    dated = DATELINE_DATE_RE.search(credit.group("stamp")) if credit.group("stamp") else None
    sent = read_date(dated) if dated else None
    # A name no table knows is an outlet's only with the date it sent the story (`[Updated] ...` is a note).
    source = agency_name(name) or (name if sent is not None and _looks_like_outlet(name) else "")
    rest = paragraph[credit.end() :]
    if not source:
        # AllAfrica's credit of the paper that ran the story (`[Capital FM] Nairobi -- `): no source a table knows, but
        # the dateline after it stands on its own evidence, a known town and the dash after it. The credit stays text.
        # (Read by the dateline's own reader, not every opening: a paragraph of a thousand such credits stays linear.)
        after = _parse_dateline(rest, places) if not credit.group("stamp") and len(name.split()) <= 4 else None
        if after is None or not after.location or after.location.split(",")[0] not in places.towns:
            return None
        if not _DASH_AFTER_PLACE_RE.match(rest, len(after.location)):
            return None
        return replace(after, before=paragraph[: credit.end()].rstrip(), evidence=f"{after.evidence}, after a credit in square brackets")
    after = parse_dateline(rest, places)
    if after.location and after.location.split(",")[0] in places.towns:
        evidence = f"{after.evidence}, {source}'s credit in square brackets before it"
        return replace(after, source=after.source or source, date=after.date or sent, evidence=evidence)
    if sent is not None:
        return Dateline("", source, sent, rest, f"{source}'s dated credit in square brackets")
    return None


# `أبوظبي في 14 مايو / وام / ...`: WAM's Arabic dateline, the place, "in", the date, then the agency between slashes.
_ARABIC_SLASHED_RE = re.compile(
    r"(?P<place>[\u0621-\u064a]+(?: [\u0621-\u064a]+){0,2}) في (?P<date>[^/\n]{3,30}?)\s*/\s*(?P<agency>[^/\n]{2,30}?)\s*/\s*"
)
# `به گزارش خبرگزاری مهر، ...`, `به گزارش تابناک : ...`: "according to the report of" an agency or outlet, the form every
# Persian story opens with; a desk or a reporter before the outlet (`گروه استانهای ...`, `خبرنگار ...`) and a place after
# `از` ("from") are told apart.
_PERSIAN_CREDIT_RE = re.compile(r"به گزارش (?P<who>[^،؛,:\n]{2,60}?)\s*[،؛,:]\s*")


def _arabic_slashed_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known place, `في` and a date, then the agency between slashes, as WAM's Arabic service writes its datelines."""
    slashed = _ARABIC_SLASHED_RE.match(paragraph)
    dated = DATELINE_DATE_RE.fullmatch(slashed.group("date")) if slashed and slashed.group("place") in places.towns else None
    date = read_date(dated) if dated else None
    if date is None:
        return None
    source = canonical_source(slashed.group("agency"))
    return Dateline(slashed.group("place"), source, date, paragraph[slashed.end() :], f"a known place, a date and {source} in Arabic")


def _persian_credit(paragraph: str, places: PlaceNames) -> Dateline | None:
    """The agency or outlet a Persian story opens by crediting, and the place it reports from if it names one."""
    credit = _PERSIAN_CREDIT_RE.match(paragraph)
    # `به گزارش دیده بان ایران به نقل از خبرگزاری «تاس»،`: the outlet that reports, then whom it quotes ("به نقل از").
    words = credit.group("who").split(" به نقل از ")[0].split() if credit else []
    if not words:
        return None
    if "خبرگزاری" in words:
        words = words[words.index("خبرگزاری") :]  # `سرویس بین الملل خبرگزاری صدا و سیما`: a desk of the news agency
    elif words[0] in ("گروه", "سرویس") and len(words) > 3:
        words = words[2:]  # the outlet's desk: `گروه استانهای` ("the provinces desk")
    elif words[0] == "خبرنگار" and len(words) > 1:
        words = words[1:]  # `خبرنگار ایمنا`: the outlet's reporter
    who, _, place = " ".join(words).partition(" از ")
    # `به گزارش "ورزش سه"،`: the outlet's name in quotes.
    source = canonical_source(who.strip('"«»“”'))
    return Dateline(place.strip(), source, None, paragraph[credit.end() :], f"a Persian credit naming {source}")


# A desk's credit or a reporter's name in capitals on a line of its own, above the dateline: `STATE TIMES NEWS\n\n`,
# `BUNTY MAHAJAN\n\nJAMMU, APRIL 22: `.
_REPORTER_CREDIT_LINE_RE = re.compile(r"Laporan (?:Reporter|Wartawan|Koresponden)\b[^\n]{0,80}\n\s*")
_CREDIT_LINE_RE = re.compile(r"[A-Z][A-Z.'&-]*(?: [A-Z][A-Z.'&-]*){0,4}[ \t]*\n\s*")
# A reporter's name in capitals run into a dateline in capitals: `TARIQ SAEED PESHAWAR—Key militant ...`.
_NAME_BEFORE_TOWN_RE = re.compile(r"(?P<name>[A-Z]{2,}(?: [A-Z]{2,}){1,2}) (?P<town>[A-Z]{3,}(?: [A-Z]{3,})?)(?=\s*(?:—|–|-{1,3}\s|:|,))")


_AGENCY_AND_PLACE_RE = re.compile(r"\s*(?P<first>[^|/\n]{2,40}?)\s*[|/]\s*(?P<second>[^|/\n]{2,40}?)\s*")


def _after_agency_line(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known agency's name alone on the first line, the story (or its dateline) below: `PRNewswire\nNEW YORK\n\nThe`,
    `Agencies\n\nSrinagar\n\nThe`, as web pages set the credit and the place each on a line of their own; or the agency
    and a known place on that line, parted by a bar or a slash (`PTI | Dubai\n\nA visibly ...`, `Efe / Buenos Aires`)."""
    line, newline, _ = paragraph.partition("\n")
    source = agency_name(line.strip(), in_brackets=False) if newline and len(line) <= 60 else ""
    parts = _AGENCY_AND_PLACE_RE.fullmatch(line) if newline and not source else None
    if parts is None and not source:
        return None
    start = len(line) + 1 + _spaces(paragraph, len(line) + 1)
    rest = paragraph[start:]
    if not rest[:1].isupper():
        return None
    if parts is not None:
        for agency, place in ((parts["first"], parts["second"]), (parts["second"], parts["first"])):
            named = agency_name(agency, in_brackets=False)
            if named and place in places.towns:
                return Dateline(place, named, None, rest, f"agency {named} and a known place on a line of their own")
        return None
    after = parse_dateline(rest, places)
    if after.evidence and after.location:
        return replace(after, source=after.source or source, evidence=f"{after.evidence}, agency {source} on the line above")
    return Dateline("", source, None, rest, f"agency {source} on a line of its own")


def _after_credit_line(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A dateline naming an agency or a known town, below a line of capitals that credits the story, or below an
    Indonesian reporter's credit (`Laporan Reporter Tribunnews.com, Naufal Lanten`)."""
    credit = _CREDIT_LINE_RE.match(paragraph) or _REPORTER_CREDIT_LINE_RE.match(paragraph) or _role_line(paragraph)
    credit = credit or _label_line(paragraph)
    return _read_without_if_named(paragraph, places, credit.span() if credit else None, "after a credit line")


_LINE_RE = re.compile(r"(?P<line>[^\n]{1,40})\n\s*")


def _label_line(paragraph: str) -> re.Match | None:
    """The opening line when it is a desk's label in any case (`For Immediate Release`, `Breaking News`): not the story."""
    line = _LINE_RE.match(paragraph)
    return line if line is not None and _is_desk_label(line.group("line")) else None


# A short line of a writer's role or desk, in any case: `Daily Star staff`, `Our Correspondent`.
_ROLE_LINE_RE = re.compile(r"[^\W\d][^\n\d|]{1,38}\n\s*")


def _role_line(paragraph: str) -> re.Match | None:
    """The opening line when it is a few words naming a writer's role (a byline's second line, left alone by ingest)."""
    line = _ROLE_LINE_RE.match(paragraph)
    return line if line is not None and _ROLE_WORDS.search(line.group(0)) and len(line.group(0).split()) <= 6 else None


_STATE_AFTER_COMMA_RE = re.compile(r",\s*(?P<state>[A-Z][A-Za-z]{0,4}\.?)(?=[,\s])")


def _reporter_before_town(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A reporter's name in capitals, then a known town's dateline in capitals: the name is the byline."""
    lead = _NAME_BEFORE_TOWN_RE.match(paragraph)
    if lead is None or lead.group("town") not in places.towns:
        return None
    state = _STATE_AFTER_COMMA_RE.match(paragraph, lead.end("town"))
    if state and _names_a_state(state.group("state"), places):
        return None  # `WHITE SULPHUR SPRINGS, Mont., ...`: capitals before a state's abbreviation are one town's name
    name = lead.group("name")
    if name in places.towns or f"{name} {lead.group('town')}" in places.towns or any(word in places.cities for word in name.split()):
        return None
    after = _parse_dateline(paragraph[lead.start("town") :], places)
    if not after.evidence or after.location.split(",")[0] != lead.group("town"):
        return None
    return replace(after, author=name, evidence=f"{after.evidence}, a reporter's name in capitals before it")


def _after_editorial_note(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`[Text] Johannesburg March 9 SAPA -- ...`: a translator's note of what follows, then the dateline."""
    note = _EDITORIAL_NOTE_RE.match(paragraph)
    return _read_without(paragraph, places, note.span(), "after an editorial note") if note else None


def _after_time_stamp(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`13:46 SARAJEVO, Jan 6 (Tanjug) - ...`, `16:13 (ANSA) - ROMA - ...`: the time the wire sent it, then a dateline
    naming its agency or a known town (`6:35 DEN HAAG - ...`)."""
    stamp = _TIME_STAMP_RE.match(paragraph)
    return _read_without_if_named(paragraph, places, stamp.span() if stamp else None, "after a time stamp")


def _after_listed_byline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`By F. Ahmed and S. Kashani, IANS, Srinagar : Indian ...`, `BY IANS, London: The ...`: names, then the place."""
    listed = _BYLINE_LIST_PLACE_RE.match(paragraph[:DATELINE_WINDOW])
    if not listed or listed.group("place") not in places.towns:
        return None
    # `By Yonhap VLADIVOSTOK, Russia -- `, `By Lise Alves, Senior Reporter SÃO PAULO, BRAZIL – `: the names end with a town
    # in capitals (of one to three words), whose country follows.
    words = listed.group("names").split(",")[-1].split()
    capitals = len(words) - next((n for n, word in enumerate(reversed(words)) if not (word.isupper() and len(word) > 1)), len(words))
    if any(" ".join(words[start:]) in places.towns for start in range(capitals, len(words))):
        return None
    ran_on = _byline_into_town(paragraph, listed, places)
    if ran_on is not None:
        return ran_on
    names = [part.strip() for part in listed.group("names").split(",")]
    people = [name for name in names if not agency_name(name, in_brackets=False) and not _ROLE_WORDS.search(name)]
    evidence = "a byline, then a known place and its separator"
    return Dateline(listed.group("place"), "", None, paragraph[listed.end() :], evidence, ", ".join(people))


def _byline_into_town(paragraph: str, listed: re.Match, places: PlaceNames) -> Dateline | None:
    """`By Jane Doe Nairobi, Kenya — `: a byline's names run into a known town, and the comma after it stands before its
    country or state, not after the byline; read from the town, the names (at least two words) left as the author."""
    if listed.group("place") not in places.cities:
        return None
    names = listed.group("names").rstrip()
    words = names.split(",")[-1].split()
    for size in (2, 1):
        town = " ".join(words[-size:])
        if len(words) - size < 2 or town.isupper() or town not in places.towns:
            continue
        start = listed.start("names") + len(names) - len(town)
        after = _parse_dateline(paragraph[start:], places)
        if after.location.split(",")[0] == town:
            author = names[: len(names) - len(town)].strip(" ,")
            return replace(after, author=author, evidence=f"{after.evidence}, after a byline that runs into it")
    return None


def _after_byline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`By ANICK JESDANUN NEW YORK (AP) -- `, `By PAT SMITH in Wellington The ...`: a byline run into the dateline."""
    byline = _BYLINE_LEAD_RE.match(paragraph[:DATELINE_WINDOW])
    if not byline:
        return None
    placed = _byline_place(paragraph, byline.end(), places)
    if placed is not None:
        evidence = "a byline, then a known place after 'in'"
        return Dateline(placed[0], "", None, paragraph[placed[1] :], evidence, byline.group("name").strip())
    # The byline's words end somewhere: try each end, shortest first.
    words = byline.group("name").split()
    for count in range(1, len(words) + 1):
        at = _after_agency_words(paragraph, byline.start("name") + len(" ".join(words[:count])) + 1)
        after = _parse_dateline(paragraph[at:].lstrip(), places)
        if "after leading text" in after.evidence:
            continue  # the byline goes on: `By JON GAMBRELL Associated Press DUBAI` is not `By JON` then a dateline
        sure = after.source or after.date or "capitals before a dash" in after.evidence
        # `By Takudzwa Changadeya Harare – The ...`: a known city in mixed case, and the dash or colon after it.
        read = paragraph[at:].lstrip()
        ends = read[: len(read) - len(after.rest)].rstrip()
        sure = sure or (after.location.split(",")[-1].strip() in places.cities and ends[-1:] in ("-", "–", "—", ":"))
        town = after.location.split(",")[0]
        # `By Fariba Nawa October 31, 2001`: a place after a byline is in capitals, or a city, not any village's name; or a
        # town its country or state follows (`By: L.N. Reklai Koror, PALAU (Jan. 6, 2026) —`).
        region = after.location.partition(",")[2].strip()
        if after.location and sure and town in places.towns and (town.isupper() or town in places.cities or region in places.cities):
            # The rest of the byline may have been read as the part before a place in capitals (`GAMBRELL Associated Press`).
            author = words[:count] + after.author.split()
            # `By JON GAMBRELL Associated Press DUBAI, ...`: the byline ends with the reporter's agency.
            while len(author) > 1 and agency_name(" ".join(author[-2:]), in_brackets=False):
                author = author[:-2]
            return replace(after, author=" ".join(author), evidence=f"{after.evidence}, a byline before it")
    return None


def _after_agency_words(paragraph: str, at: int) -> int:
    """Where the text resumes after a known agency's name written out at `at` (`THE CANADIAN PRESS TORONTO-`), else `at`."""
    desk = _AGENCY_WORDS_RE.match(paragraph, at)
    for end in range(desk.end(), at, -1) if desk else ():
        if paragraph[end - 1 : end].isalpha() and paragraph[end : end + 1] == " " and agency_name(paragraph[at:end], in_brackets=False):
            return end + 1
    return at


_THAI_MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
_THAI_LEAD_DATE_RE = re.compile(
    r"[(（]?(?P<day>[0-3]?\d)\s*(?P<month>"
    + "|".join(map(re.escape, _THAI_MONTHS))
    + r")\s*(?P<year>\d{4}|\d\d)?[)）]?\s*(?=[\u0e00-\u0e7f])"
)


def _thai_date_before_story(paragraph: str) -> Dateline | None:
    """`(21 พ.ค.) เวลา ...`, `16 พ.ย. 64 สำนักข่าว ...`: Thai copy opens with the day, the month and the Buddhist year."""
    dated = _THAI_LEAD_DATE_RE.match(paragraph)
    if dated is None or not 1 <= int(dated.group("day")) <= 31:
        return None
    year = int(dated.group("year")) if dated.group("year") else None
    if year is not None:
        year = (year if year > 100 else 2500 + year) - 543  # the Buddhist era: 2564 (or 64) is 2021
    found = FoundDate(_THAI_MONTHS.index(dated.group("month")) + 1, int(dated.group("day")), year)
    return Dateline("", "", found, paragraph[dated.end() :], "a date in Thai before the story")


# One to three capitalised words, as a town's name is written before its separator (`Nuku'alofa`, `Cumberland County`).
_TITLE_WORDS = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}"


def _month_and_day_at(text: str, at: int) -> tuple[FoundDate, int] | None:
    """A date with its month and day (`April 12, 2020`, `25 July`) starting at `at`, no time of day; and where it ends."""
    dated = DATELINE_DATE_RE.match(text, at, at + DATELINE_WINDOW)
    found = read_date(dated) if dated and (dated.group("md_m") or dated.group("dm_m")) else None
    return (found, dated.end()) if found is not None and found.clock is None else None


# What may close a place set in brackets after a date, before the story: a dash, a colon, or nothing.
_BRACKETED_PLACE_RE = re.compile(r",?\s*\((?P<place>[^()\n]{2,40})\)\s*(?:(?:-{1,3}|[–—:])\s*)?(?=[A-Z\"“‘'])")


def _date_then_bracketed_place(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`April 12, 2020 (Khartoum) Prominent ...`, `June 20, 2013, (WASHINGTON) – `: the date first, then a known place (no
    agency) in brackets, as Sudan Tribune writes it.

    Here a year is the story's: a page's stamp is not followed by a place in brackets.
    """
    dated = _month_and_day_at(paragraph, 0)
    bracketed = _BRACKETED_PLACE_RE.match(paragraph, dated[1]) if dated else None
    # `June 3 (UPI) --` is the usual form, with the agency in the brackets.
    place = bracketed.group("place").strip() if bracketed else ""
    if not place or place not in places.towns or agency_name(place):
        return None
    return Dateline(place, "", dated[0], paragraph[bracketed.end() :], "a date, then a known place in brackets")


# An agency's name, a comma and a date, then a dash: `STA, 25 July - Metaldays, ...`.
_AGENCY_COMMA_RE = re.compile(r"(?P<agency>[A-Z][A-Za-z]{1,9})\s*,\s*")
_DATE_DASH_RE = re.compile(r"\s*(?:-{1,3}|[–—])\s*(?=\S)")


def _agency_date_and_dash(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`STA, 24 July 2022 - Slovenia's ...`: an agency that dates its own copy without a place.

    The date and its dash vouch for a name trusted elsewhere only in brackets; a known place's name is left to
    the place readings (`PARIS, 25 July -`).
    """
    named = _AGENCY_COMMA_RE.match(paragraph)
    agency = agency_name(named.group("agency"), in_brackets=True) if named else ""
    if not agency or named.group("agency") in places.towns:
        return None
    dated = _month_and_day_at(paragraph, named.end())
    dash = _DATE_DASH_RE.match(paragraph, dated[1]) if dated else None
    if dash is None:
        return None
    return Dateline("", agency, dated[0], paragraph[dash.end() :], f"agency {agency}, then a date and a dash")


# A word, a dash or comma, then words up to the story: `Ina- Erbil Nechirvan Barzani ...`, `Afp, Colombo Tamil Tiger ...`.
_AGENCY_RUN_ON_RE = re.compile(r"(?P<agency>[A-Z][A-Za-z]{1,9})\s*(?:-|–|—|,)\s*(?P<words>(?:[A-Z][\w'’.-]*\s+){1,3})(?=[A-Z\"“])")


def _agency_then_city_run_on(paragraph: str, places: PlaceNames) -> Dateline | None:
    """An agency's name, then a big city run into the story with nothing between: `Afp, Colombo Tamil Tiger rebels ...`.

    Where the place ends is unmarked, so only the longest run of words that is a city of the strict list counts,
    and it vouches for a name trusted elsewhere only in brackets (`Ina` is also a first name).
    """
    run = _AGENCY_RUN_ON_RE.match(paragraph[:DATELINE_WINDOW])
    agency = agency_name(run.group("agency"), in_brackets=True) if run else ""
    if not agency:
        return None
    for place, rest in _big_places_leading(paragraph[run.start("words") :], run.group("words"), places):
        if rest[:1].isupper() or rest[:1] in '"“':
            return Dateline(place, agency, None, rest, f"agency {agency}, then the known city {place} before the story")
    return None


def _big_places_leading(text: str, words: str, places: PlaceNames) -> Iterator[tuple[str, str]]:
    """Each run of the first of `words` (which open `text`) that is a big place, longest first, with the text after it."""
    split = words.split()
    for count in range(len(split), 0, -1):
        place = " ".join(split[:count])
        if place in places.cities:
            yield place, text.removeprefix(place).lstrip()


# A town, a comma, then capitalised words: `Wellington, New Zealand The New Zealand Defence Force ...`.
_TOWN_COMMA_WORDS_RE = re.compile(rf"(?P<town>{_TITLE_WORDS}), (?P<words>(?:[A-Z][\w'’.-]* ){{1,4}})")


def _town_and_country_run_on(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`Nuku'alofa, Tonga Tonga's Attorney General ...`: a known town and its country or state, run into the story.

    Where the dateline ends is unmarked, so the country is the longest run of words after the comma that is a big
    place (a country, a state or a city of the strict list), and a sentence must start after it.
    """
    run = _TOWN_COMMA_WORDS_RE.match(paragraph[:DATELINE_WINDOW])
    if run is None or run.group("town") not in places.towns:
        return None
    for region, rest in _big_places_leading(paragraph[run.start("words") :], run.group("words"), places):
        # A sentence's first word, not more capitals: `RUSSIA, PAKISTAN SEEK CLOSER TIES.` is a headline.
        if rest[:1].isupper() and (rest[1:2].islower() or rest[1:2] in ("'", "’")):
            location = f"{run.group('town')}, {region}"
            return Dateline(location, "", None, rest, f"the known town {run.group('town')} and {region}, before the story")
    return None


# A town, then a word in capitals between slashes, then a dash: `Praha /ROZHOVOR/ - ...`.
_SLASHED_LABEL_RE = re.compile(rf"(?P<town>{_TITLE_WORDS})\s+/(?P<label>[^\W\d_]{{2,20}})/\s*(?:-{{1,3}}|[–—])\s*(?=\S)")


def _town_then_slashed_label(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`Praha /ROZHOVOR/ - Jediný den ...`: ČTK's slashes hold its name or, as here, a desk's label (an interview)."""
    labelled = _SLASHED_LABEL_RE.match(paragraph[:DATELINE_WINDOW])
    if labelled is None or not labelled.group("label").isupper() or labelled.group("town") not in places.towns:
        return None
    town = labelled.group("town")
    return Dateline(town, "", None, paragraph[labelled.end() :], f"the known town {town}, a desk's label between slashes")


# Up to three words of a script without capitals, then a dash, colon or full stop: `சென்னை: ...`, `شاهرود- ...`.
# `عمان، الأردن – `: the city's country after an Arabic comma.
_CASELESS_PLACE_RE = re.compile(
    r"(?P<place>[^\W\dA-Za-z_][^\s:.\-–—،]*(?: [^\W\dA-Za-z_][^\s:.\-–—،]*){0,2})"
    r"(?:، (?P<country>[^\W\dA-Za-z_][^\s:.\-–—،]*(?: [^\W\dA-Za-z_][^\s:.\-–—،]*){0,2}))?"
    r"(?: ?\((?P<agency>[^()\n]{1,30})\))? ?(?:[:\-–—]{1,3}|\.(?= ))\s*(?=\S)"
)


def _caseless_city_lead(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`சென்னை: 2021 ...`, `लखनऊ. उत्तर ...`, `بجنورد- استاندار ...`: a big city named in a script without capital letters,
    then its separator. Capitals mark a dateline's place in Latin and Cyrillic copy; here only the strict list can."""
    lead = _CASELESS_PLACE_RE.match(paragraph[:DATELINE_WINDOW])
    if lead is None or any(c.isupper() for c in lead.group("place")) or lead.group("place") not in places.cities:
        return None
    place, country = lead.group("place"), lead.group("country")
    if country is not None:
        if country not in places.towns:
            return None
        place = f"{place}، {country}"
    # `دمشق، سوريا (CNN) --`: a known agency in brackets before the separator.
    source = agency_name(lead.group("agency")) if lead.group("agency") else ""
    if lead.group("agency") and not source:
        return None
    return Dateline(place, source, None, paragraph[lead.end() :], f"the known city {place} before its separator")


# A town, then a pipe before the story: `TUNIS | La tension reste vive ...`; `Frankfurt/Main | Die ...`: the town with the
# part, river or district after a slash, as the dash's datelines write it too.
_TOWN_PIPE_RE = re.compile(rf"(?P<town>{_TITLE_WORDS}(?:/[A-ZÀ-Ý][\w-]{{1,30}})?)\s+\|\s+(?=[A-Z«\"“À-Ý])")


def _town_before_pipe(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`TUNIS | La tension ...`: a known town set off from its story by a pipe."""
    lead = _TOWN_PIPE_RE.match(paragraph[:DATELINE_WINDOW])
    if lead is None or lead.group("town").split("/")[0] not in places.towns:
        return None
    return Dateline(lead.group("town"), "", None, paragraph[lead.end() :], f"the known town {lead.group('town')} before a pipe")


# An outlet named by a press word, before a colon: `Bahrain Mirror: Saudi ambassador ...`.
_OUTLET_COLON_RE = re.compile(
    r"(?P<name>(?:[A-Z][\w'&.-]*\s+){1,3}[A-Z][\w'&.-]*)\s*:\s+"
    # `Sierra Leone Telegraph: 01 December 2023: ...`: the outlet's date between its colon and the story's.
    rf"(?:(?P<date>{DATELINE_DATE})\s*:\s+)?(?=[A-Z\"“])"
)
# ... unless its first word makes it a label: `Breaking News:`, `Latest News:`, `World News:`.
_LABEL_WORDS = word_set(
    "breaking latest top more related fake good bad big live world local national international business sports sport tech "
    "health political entertainment weekly morning evening today's this our your"
)


def _outlet_before_colon(paragraph: str) -> Dateline | None:
    """`Bahrain Mirror: Saudi ambassador ...`: an outlet's name, ending in a word of the press, leads its own copy."""
    lead = _OUTLET_COLON_RE.match(paragraph[:DATELINE_WINDOW])
    words = lead.group("name").split() if lead else []
    if not words or words[-1].casefold() not in _OUTLET_WORDS or words[0].casefold() in _LABEL_WORDS:
        return None
    name = " ".join(words)
    date = read_date(lead) if lead.group("date") else None
    return Dateline("", name, date, paragraph[lead.end() :], f"the outlet {name} before a colon")


_WEEKDAY_START_RE = re.compile(r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)")


def _date_before_story(paragraph: str) -> Dateline | None:
    """`Dec 31 Construction machinery maker ...`, `December 30, 2016 Ukrainian Navy ...`: a month and day, with its
    year or without, then the story (a brief whose agency and place were cut).

    The weakest reading, tried last: a time of day or a weekday says the date is a page's stamp (`Mon Aug 15 2016 More
    than 30 ...`), which a brief's dateline never carries.
    """
    dated = DATELINE_DATE_RE.match(paragraph[:DATELINE_WINDOW])
    found = read_date(dated) if dated and dated.group("md_m") else None
    rest = paragraph[dated.end() :].lstrip() if dated else ""
    stamped = found is None or found.clock is not None or _WEEKDAY_START_RE.match(paragraph)
    if stamped or not rest[:1].isupper():
        return None
    return Dateline("", "", found, rest, "a date before the story")


# Four capitals, then within the dateline's length a dash or colon: the only windows the capitals pass can use.
_CAPITALS_THEN_SEPARATOR_RE = re.compile(r"[A-Z]{4}[^\n]{0,60}?(?:-|–|—|:)")
_SMALL_LETTER_PLACE_RE = re.compile(r"[a-z][a-z.'’-]*(?:,? [a-z][a-z.'’-]*){0,3}(?=\s*(?:-{1,3}|[–—]|:)\s+[A-Z\"“‘])")
_WORD_INITIAL_RE = re.compile(r"(?<![A-Za-z'’])[a-z]")
# How far into a paragraph a byline may run before its dateline.
BYLINE_REACH = 120
# A bracket closed before a dash or colon: the mark of a full wire dateline somewhere in the window.
_BRACKET_THEN_DASH_RE = re.compile(r"[)/]\.?\s*(?:-{1,3}|[–—:_])")
# ... or a whole date: `… theft San Diego, CA (PRWEB) March 13, 2015. Halo …`.
_BRACKET_THEN_WHOLE_DATE_RE = re.compile(rf"\)\s*(?:{MONTH})\s+\d{{1,2}},\s+(?:19|20)\d\d")
_WORD_START_RE = re.compile(r"(?<=\s)[A-Z]")
_GLUED_START_RE = re.compile(r"(?<=[a-z])[A-Z]")
_BYLINE_TAIL_RE = re.compile(r"(?:^|\s)(?:By|BY)\s+(?P<name>(?:[A-Z][\w.'-]*\s*){1,4})$")


_PIPED_RE = re.compile(r"(?P<place>[^|\n]{2,40}?)\s*\|\s*(?P<name>[^|\n]{2,40}?)\s*\|\s*(?=\S)")


def _raise_initials(text: str) -> str:
    """Each word's first ASCII letter in capitals; every other character where it was."""
    return _WORD_INITIAL_RE.sub(lambda m: m.group(0).upper(), text)


def _in_small_letters(paragraph: str, places: PlaceNames) -> Dateline | None:
    """The dateline of copy sent in small letters, or None when the opening is written in capitals as usual.

    `tehran, jan. 13, irna -- while ...` (all of it) and `kabul, afghanistan -- A suicide ...` (the dateline
    alone) are read with their words' first letters raised, and the place is given back as it was written.
    """
    window = paragraph[:DATELINE_WINDOW]
    if not any(c.isupper() for c in window):
        raised = _raise_initials(window)
    elif small_place := _SMALL_LETTER_PLACE_RE.match(window):
        raised = _raise_initials(window[: small_place.end()]) + window[small_place.end() :]
    else:
        return None
    if raised == window:
        return None  # no ASCII word to raise (another script's small letters): read as it stands
    raised += paragraph[DATELINE_WINDOW:]
    found = parse_dateline(raised, places)
    if not found.evidence:
        return Dateline(rest=paragraph)
    start = raised.find(found.location) if found.location else -1
    location = paragraph[start : start + len(found.location)] if start >= 0 else found.location
    rest = paragraph[len(paragraph) - len(found.rest) :]
    return replace(found, location=location, rest=rest, evidence=f"{found.evidence}, read in small letters")


# `新华社北京3月5日电`, `【新華社北京3月5日】`, `中新社北京三月五日電(記者 李靜)`: an agency, a place, a month and day in
# figures or in Chinese numerals, and 电/電 ("cabled"), in Chinese and Japanese copy; no spaces anywhere.
# `(中央社台北24日電)`: Taiwan's CNA in brackets, with the day alone (read only after a known agency, before 電).
_CJK_AGENCY_RE = re.compile(
    r"[【(（]?(?P<head>[\u3400-\u9fff\u30a0-\u30ff]{2,11}?)"
    r"(?:(?P<month>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})月)?(?P<day>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日"
    r"(?P<marker>电|電|专电|專電|讯|訊|消息)?[】)）]?[\s，,]*(?:[(（](?:记者|記者)\s*(?P<author>[^)）]{0,20})[)）])?\s*"
)
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _chinese_number(text: str) -> int:
    """`5`, `５`, `五`, `十二`, `二十五`: a month's or day's number as Chinese and Japanese datelines write it."""
    if text[0].isdigit():
        return int(text)
    if "十" not in text:
        return _CHINESE_DIGITS.get(text, 0)
    tens, _, units = text.partition("十")
    return 10 * (_CHINESE_DIGITS.get(tens, 0) if tens else 1) + _CHINESE_DIGITS.get(units, 0)


# `新京报讯（记者 陆一夫）11月25日，...`, `证券时报e公司讯，...`, `本报讯 (记者 陈智尧)`: a Chinese outlet's name (a paper, site, station, app or
# company: 报, 网, 台, 端, 司 ...) and 讯 or 快讯 ("reports"), with no date, then a reporter's credit or the story.
_CHINESE_OUTLET_REPORT_RE = re.compile(
    r"(?P<outlet>[\u3400-\u9fffA-Za-z0-9-]{1,16}?[报報网網社台端司])(?:快讯|快訊|讯|訊)"
    r"(?:\s*[(（](?:记者|記者)\s*(?P<author>[^)）]{0,20})[)）])?[\s，,：:]*"
)


# `【日本国际广播电台报道】`, `(香港综合讯)`: a Chinese outlet's report, or a report from a place, signed in brackets.
_BRACKETED_CHINESE_REPORT_RE = re.compile(
    r"[【(（\[]\s*(?P<name>[\u3400-\u9fffA-Za-z0-9]{2,16}?)(?:综合讯|綜合訊|综合报道|綜合報導|报道|報導|報道|讯|訊)\s*[】)）\]]\s*"
)


def _bracketed_chinese_report(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A report signed in brackets: from a known town (the place), or by an outlet (the source)."""
    signed = _BRACKETED_CHINESE_REPORT_RE.match(paragraph)
    name = signed.group("name") if signed else ""
    if not name or "记者" in name or "記者" in name:
        return None
    if name in places.towns:
        return Dateline(name, "", None, paragraph[signed.end() :], "a report from a known town in brackets")
    if name[-1] in "报報网網社台端司" or name.endswith(("时报", "時報", "新闻", "新聞")):
        source = agency_name(name) or name
        return Dateline("", source, None, paragraph[signed.end() :], "an outlet's report in brackets")
    return None


# `【共同】`, `【中央社】`: a known agency alone in brackets; `[신화사 평양 8월 22일]`: an agency, a place and a date in Korean;
# `【环球时报驻韩国特约记者 ...】`: an outlet's correspondent stationed abroad; `【2025年03月23日訊】`: a report's date alone.
_CJK_BRACKET_RE = re.compile(r"[【\[]\s*(?P<inside>[^【】\[\]\n]{1,40}?)\s*[】\]]\s*")
_KOREAN_AGENCY_PLACE_DATE_RE = re.compile(r"(?P<agency>\S{2,10})\s+(?P<place>[가-힣]{2,8})\s+(?P<month>\d{1,2})월\s*(?P<day>\d{1,2})일")
_STATIONED_RE = re.compile(r"(?P<outlet>[\u3400-\u9fff]{2,8}?(?:时报|時報|日报|日報|社|网|網))(?:驻|駐)")
_BRACKET_DATE_REPORT_RE = re.compile(r"(?:\d{4}年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:讯|訊)")


def _cjk_bracket_credit(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A credit in brackets opening Chinese, Japanese or Korean copy: a known agency alone, an agency with a place and a
    date, an outlet's correspondent stationed abroad, or the report's date alone."""
    bracket = _CJK_BRACKET_RE.match(paragraph)
    inside = bracket.group("inside") if bracket else ""
    if not inside:
        return None
    rest = paragraph[bracket.end() :]
    known = agency_name(inside)
    if known:
        return Dateline("", known, None, rest, f"agency {known} alone in brackets")
    dated = _KOREAN_AGENCY_PLACE_DATE_RE.fullmatch(inside)
    known = agency_name(dated.group("agency")) if dated else ""
    if known and dated.group("place") in places.towns:
        date = FoundDate(int(dated.group("month")), int(dated.group("day")), None)
        return Dateline(dated.group("place"), known, date, rest, f"agency {known}, a known place and a date in brackets")
    stationed = _STATIONED_RE.match(inside)
    if stationed:
        outlet = agency_name(stationed.group("outlet")) or stationed.group("outlet")
        return Dateline("", outlet, None, rest, "an outlet's correspondent stationed abroad, in brackets")
    dated = _BRACKET_DATE_REPORT_RE.fullmatch(inside)
    if dated and 1 <= int(dated.group("month")) <= 12 and 1 <= int(dated.group("day")) <= 31:
        return Dateline("", "", FoundDate(int(dated.group("month")), int(dated.group("day")), None), rest, "a report's date in brackets")
    return None


def _chinese_outlet_report(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A Chinese outlet's own report, credited at the start without a place or a date."""
    lead = _CHINESE_OUTLET_REPORT_RE.match(paragraph)
    if lead is None:
        return None
    # `本报讯`: "this paper reports", the paper's own credit (its dateline `本报北京6月20日讯` names it so too).
    outlet = lead.group("outlet")
    author = (lead.group("author") or "").strip()
    return Dateline("", canonical_source(outlet), None, paragraph[lead.end() :], "a Chinese outlet's report, no date", author)


def _cjk_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`新华社北京3月5日电 ...`: a known agency's dateline in Chinese or Japanese; `虎扑1月6日讯 ...`: an outlet's report."""
    found = _CJK_AGENCY_RE.match(paragraph)
    opening = paragraph.find("【", 1, DATELINE_WINDOW)
    if found is None and opening > 0 and _CJK_AGENCY_RE.match(paragraph, opening):
        # `記者会見に臨む…報道官。（北京＝新華社配信）【新華社北京11月14日】…`: a photo's caption run on before the bracket.
        bracketed = _cjk_dateline(paragraph[opening:], places)
        if bracketed is not None and bracketed.source and agency_name(bracketed.source):
            return _after_leading_text(bracketed, paragraph[:opening].rstrip())
        return None
    if paragraph.startswith("据") and _CJK_AGENCY_RE.match(paragraph, 1):
        # `据新华社北京2月13日电`: "according to" before a known agency's dateline, as papers carry its copy.
        after = _cjk_dateline(paragraph[1:], places)
        return after if after is not None and after.source and agency_name(after.source) else None
    head = found.group("head") if found else ""
    # The agency's name is the head's first characters, the place the rest (none: `中新网6月26日电`): the longest known name
    # decides (`共同通信東京` is 共同通信 in 東京, though 共同 alone names the agency too).
    split = next((n for n in range(min(6, len(head)), 1, -1) if agency_name(head[:n])), 0)
    if split and head[split : split + 1] in ("報", "报"):
        split = 0  # `聯合報台北`: a known short name (聯合, Yonhap's) begins a paper's (報, "paper": 聯合報 of Taipei)
    month, day = (_chinese_number(found.group("month") or "0"), _chinese_number(found.group("day"))) if found else (0, 0)
    date_found = FoundDate(month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if not split and head[:2] in ("本报", "本報") and date_found and found.group("marker"):
        # `本报北京6月20日讯`, `本报费城10月30日电`: "this paper" and its correspondent's place, Chinese papers' own dateline.
        evidence = f"the paper's own dateline{', a place' if head[2:] else ''} and a date in Chinese characters"
        return Dateline(head[2:], head[:2], date_found, paragraph[found.end() :], evidence, (found.group("author") or "").strip())
    if found is not None and found.group("month") is None and (not split or found.group("marker") not in ("电", "電", "专电", "專電")):
        return None  # `他在24日表示`: a day alone is a date in a sentence, unless a known agency and its 電 frame it
    if not split and found is not None and found.group("month") and found.group("marker") in ("电", "電", "专电", "專電") and date_found:
        # `中國日報北京1月27日電`: an outlet no table knows, then a known place, a date and 電 ("cabled").
        at = next((n for n in range(2, len(head) - 1) if head[n:] in places.towns), 0)
        if at:
            evidence = "an outlet, a known place and a date in Chinese characters"
            author = (found.group("author") or "").strip()
            return Dateline(head[at:], head[:at], date_found, paragraph[found.end() :], evidence, author)
    if not split:
        after = paragraph[found.end("marker") : found.end("marker") + 1] if found and found.group("marker") else ""
        if not found or found.group("marker") not in ("讯", "訊", "消息") or not (after.isspace() or after in "，,：:（("):
            return None  # `讯号` is a word ("signal"), not a report's mark
        # `讯`/`消息` ("reports") after a date names the one who reports: an outlet, with no place.
        return Dateline("", head, date_found, paragraph[found.end() :], "an outlet's report and a date in Chinese characters")
    agency = agency_name(head[:split])
    evidence = f"agency {agency}, {'a place and ' if head[split:] else ''}{'a date' if date_found else 'a day'} in Chinese characters"
    author = (found.group("author") or "").strip()
    place = head[split:]
    if place[:2] in ("記者", "记者"):
        # `中央社記者張芳明東京十二日專電`: the reporter between the agency and the place (a known town, at the end).
        at = next((n for n in range(3, len(place) - 1) if place[n:] in places.towns), 0)
        if at:
            place, author = place[at:], author or place[2:at]
    return Dateline(place, agency, date_found, paragraph[found.end() :], evidence, author)


# `(서울=연합뉴스) 김병규 기자 = `, `【인천=뉴시스】함상환 기자 = `: Korean agencies' place=agency in brackets, then the
# reporter; `【ソウル聯合ニュース】`, `【ソウル=中川孝之】`, `【ソウル大貫智子】`: Japanese papers' place and agency or reporter.
# `[서울=뉴스핌] 이준혁 정치부장 = `: square brackets too, and a desk's title (부장, 특파원) where a reporter signs as 기자.
_KOREAN_BRACKET_RE = re.compile(
    r"[(（【\[]\s*(?P<place>[가-힣]{1,8})\s*=\s*(?P<agency>[가-힣A-Za-z0-9]{2,10})\s*[)）】\]]\s*"
    r"(?:(?P<author>[가-힣 ]{2,30}?)\s*(?:기자|특파원|[가-힣]{0,4}부장|[가-힣]{0,4}위원)\s*=\s*)?"
)
_JAPANESE_BRACKET_RE = re.compile(r"【(?P<inside>[^【】\n]{2,20})】\s*")
_CJK_DATE_AGENCY_RE = re.compile(r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日\s*(?P<agency>\S.{0,15})")
# `〔記者吳亮儀／台北報導〕`, `【記者姚宜君/台北】`: Taiwan's papers sign a story with the reporter and the place reported from.
_REPORTER_PLACE_BRACKET_RE = re.compile(
    r"[〔【(（\[]\s*(?:記者|记者)\s*(?P<name>[^／/∕〔〕【】()（）\[\]\n]{2,12}?)\s*[／/∕]\s*"
    r"(?P<place>[\u3400-\u9fff]{2,8}?)(?:報導|报道|報道|电|電)?\s*[〕】)）\]]\s*"
)
# `記者王超群∕台北報導 總統...`: the same signature without brackets, closed by its "reports".
_REPORTER_PLACE_LINE_RE = re.compile(
    r"(?:記者|记者)\s*(?P<name>[^／/∕〔〕【】()（）\[\]\s]{2,12}?)\s*[／/∕]\s*(?P<place>[\u3400-\u9fff]{2,8}?)(?:報導|报道|報道)\s*"
)
# `[데일리한국 박준영 기자]`, `[뉴스포스트=김혜선 기자]`: a Korean outlet and its reporter, without the place an agency gives.
_KOREAN_OUTLET_BRACKET_RE = re.compile(r"\[(?P<outlet>[^\[\]=\s]{2,15})\s*(?:=\s*)?(?P<name>[가-힣]{2,4})\s*기자\]\s*")
# `시사1 노은정 기자 | 부산의 ...`: the same credit without brackets, closed by a pipe, as Korean news sites' pages set it.
_KOREAN_OUTLET_PIPE_RE = re.compile(r"(?P<outlet>[^\s|=\[\]]{2,15}(?: [^\s|=\[\]]{2,15}){0,2}) (?P<name>[가-힣]{2,4}) ?기자 ?\| ?")
# `【大纪元2023年10月20日讯】`, `【大紀元日本12月29日】`: an outlet's name and the date of its report in black brackets.
_OUTLET_DATE_BRACKET_RE = re.compile(
    r"【(?P<outlet>[^\d【】\s]{2,10}?)(?:(?P<year>(?:19|20)\d\d)年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日(?:讯|訊|电|電)?】\s*"
)
# `(吉隆坡5日讯)`, `(新山26日讯)`: Malaysian Chinese papers' dateline, the place and the day of its report in brackets.
_PLACE_DAY_REPORT_BRACKET_RE = re.compile(r"[(（](?P<place>[\u3400-\u9fff]{2,8}?)\s*\d{1,2}日(?:讯|訊|电|電)[)）]\s*")
_KATAKANA_RUN_RE = re.compile(r"[\u30a0-\u30ff]+")


def _bracketed_cjk_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A Korean or Japanese dateline in brackets: the place with the agency, or with the correspondent, after it."""
    # Korean copy often comes with its subheads run on before the bracket: the bracket is the dateline wherever it stands.
    korean = _KOREAN_BRACKET_RE.search(paragraph, 0, DATELINE_WINDOW)
    if korean:
        agency = agency_name(korean.group("agency")) or korean.group("agency")
        author = (korean.group("author") or "").strip()
        found = Dateline(korean.group("place"), agency, None, paragraph[korean.end() :], "a place and an agency in brackets", author)
        return _after_leading_text(found, paragraph[: korean.start()].rstrip()) if korean.start() else found
    dated = _OUTLET_DATE_BRACKET_RE.match(paragraph)
    month, day = (int(dated.group("month")), int(dated.group("day"))) if dated else (0, 0)
    if dated and 1 <= month <= 12 and 1 <= day <= 31:
        year = int(dated.group("year")) if dated.group("year") else None
        found = FoundDate(month, day, year)
        return Dateline("", dated.group("outlet"), found, paragraph[dated.end() :], "an outlet and a date in brackets")
    reported = _PLACE_DAY_REPORT_BRACKET_RE.match(paragraph)
    if reported:
        # The day alone, its month left to the page: no date is read from it.
        return Dateline(reported.group("place"), "", None, paragraph[reported.end() :], "a place and a day's report in brackets")
    reporter = _REPORTER_PLACE_BRACKET_RE.match(paragraph) or _REPORTER_PLACE_LINE_RE.match(paragraph)
    if reporter:
        evidence = "a reporter and a place in brackets"
        return Dateline(reporter.group("place"), "", None, paragraph[reporter.end() :], evidence, reporter.group("name").strip())
    credited = _KOREAN_OUTLET_BRACKET_RE.match(paragraph)
    if credited:
        evidence = "an outlet and its reporter in square brackets"
        return Dateline("", credited.group("outlet"), None, paragraph[credited.end() :], evidence, credited.group("name"))
    credited = _KOREAN_OUTLET_PIPE_RE.match(paragraph)
    if credited:
        evidence = "an outlet and its reporter before a pipe"
        return Dateline("", credited.group("outlet"), None, paragraph[credited.end() :], evidence, credited.group("name"))
    japanese = _JAPANESE_BRACKET_RE.match(paragraph)
    if not japanese:
        return None
    inside = japanese.group("inside")
    dated = _CJK_DATE_AGENCY_RE.fullmatch(inside)
    if dated and agency_name(dated.group("agency")):
        # `【6月19日 AFP】`: AFPBB News' Japanese copy, dated in the bracket with the agency.
        month, day = int(dated.group("month")), int(dated.group("day"))
        found = FoundDate(month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
        return Dateline("", agency_name(dated.group("agency")), found, paragraph[japanese.end() :], "a date and an agency in brackets")
    place, equals, after = inside.partition("=")
    if not equals:
        # `東京聯合ニュース`: a known agency's name ends it; else `ソウル大貫智子`: a place in katakana, then a reporter.
        split = next((n for n in range(1, len(inside) - 1) if agency_name(inside[n:])), 0)
        run = _KATAKANA_RUN_RE.match(inside)
        if not split and (run is None or run.end() == len(inside)):
            return None
        end = split or run.end()
        place, after = inside[:end], inside[end:]
        if not split and not 3 <= len(after) <= 5:
            return None  # a reporter's full name is three to five characters; `【ニュース解説】` is a rubric
    agency = agency_name(after)
    evidence = "a place and " + ("an agency" if agency else "a correspondent") + " in brackets"
    # `【平壌3月21日発朝鮮中央通信】`: the place, the day it was sent and 発 ("from"), then the agency.
    sent = _SENT_FROM_RE.fullmatch(place) if agency else None
    found = None
    if sent:
        place = sent.group("place")
        month, day = int(sent.group("month") or 0), int(sent.group("day") or 0)
        found = FoundDate(month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    return Dateline(place, agency, found, paragraph[japanese.end() :], evidence, "" if agency else after)


_SENT_FROM_RE = re.compile(r"(?P<place>[^\d]{1,12}?)(?:(?P<month>\d{1,2})月(?P<day>\d{1,2})日)?発")


# `وطنا اليوم: ...`, `الوكيل الإخباري- ...`, `همشهری آنلاین: ...`: an Arabic or Persian outlet's name, told by the words
# outlets' names end with (or by the line break after its separator), and its colon or dash.
# Arabic's letters and the extended ones Persian, Urdu, Pashto and Kurdish add (`پ`, `ٹ`, `ڕ`, `ێ`, `ە`), not the Urdu
# full stop (U+06D4).
_ARABIC_LETTERS = "\u0621-\u064a\u0671-\u06d3\u06d5"
_ARABIC_OUTLET_RE = re.compile(
    rf"(?P<name>[{_ARABIC_LETTERS}]+(?: (?:[{_ARABIC_LETTERS}]+|\d{{1,3}})){{0,3}})\s*(?P<sep>[:\-–—])(?P<space>\s*)"
)
# Spellings vary in the hamza and in the Persian forms of kaf and yeh (`الاخباري`, `الإخباري`): compared without them.
_ARABIC_SPELLINGS = str.maketrans("أإآیک", "ااايك")
_ARABIC_OUTLET_WORDS = frozenset(
    word.translate(_ARABIC_SPELLINGS)
    for word in (
        "الإخبارية",
        "الإخباري",
        "اليوم",
        "أخبار",
        "نيوز",
        "الآن",
        "بوست",
        "تايمز",
        "الأنباء",
        "نت",
        "آنلاین",
        "أونلاين",
        "برس",
        "پرس",
        "پرێس",
    )
)
# `الرباط - المغرب اليوم\n\n`: an outlet's name in Arabic script alone on its line after the place's separator (at most
# four words: a line the width of hard-wrapped copy is the story's).
_OUTLET_LINE_RE = re.compile(rf"(?P<name>[{_ARABIC_LETTERS}]+(?: (?:[{_ARABIC_LETTERS}]+|\d{{1,3}})){{0,3}})[ \t]*\n\s*(?=\S)")
# `بغداد اليوم - بغداد\n`: the place on its own line after the outlet's separator.
_PLACE_LINE_RE = re.compile(rf"(?P<place>[{_ARABIC_LETTERS}]+(?: [{_ARABIC_LETTERS}]+)?)[ \t]*\n\s*(?=\S)")


def _arabic_outlet_lead(paragraph: str, places: PlaceNames) -> Dateline | None:
    """An Arabic or Persian outlet's name before its colon or dash, opening the text (and a place on its own line after it)."""
    lead = _ARABIC_OUTLET_RE.match(paragraph)
    if lead is None or lead.end() >= len(paragraph):
        return None
    # `كونا- يغادر ...`: a known agency's Arabic name leads its own copy.
    known = agency_name(lead.group("name"))
    if known:
        return Dateline("", known, None, paragraph[lead.end() :], f"agency {known} in Arabic before its separator")
    # `صوت الحق -\n`, `جو 24 :\n`: a short name alone on its line before a dash or colon credits the outlet, whatever its
    # words; `المغرب 7 – الرباط\n`: so does one before a known town alone on its line.
    rest = paragraph[lead.end() :]
    placed = _PLACE_LINE_RE.match(rest)
    # `الدوحة - قنا\n`: a known town before the dash is the place, and a known agency on the line below is no town.
    outlet_first = lead.group("name") not in places.towns
    place = placed.group("place") if placed and outlet_first and placed.group("place") in places.towns else ""
    place = "" if agency_name(place) else place
    alone = "\n" in lead.group("space")
    if not (alone or place) and lead.group("name").split()[-1].translate(_ARABIC_SPELLINGS) not in _ARABIC_OUTLET_WORDS:
        return None
    evidence = "an outlet's name in Arabic script on its own line" if alone else "an outlet's name in Arabic script before its separator"
    if placed and place:
        return Dateline(place, lead.group("name"), None, rest[placed.end() :], f"{evidence}, then a known town on its line")
    return Dateline("", lead.group("name"), None, rest, evidence)


# `Baku. 27 June. REPORT.AZ/ `: place, date and agency each closed by a full stop, the agency's name by a slash.
_DOTTED_DATELINE_RE = re.compile(
    r"(?P<place>[^\W\d_][\w'’-]+(?: [^\W\d_][\w'’-]+)?)\. (?P<date>\d{1,2}[ \xa0][^\W\d_]+\.?|[^\W\d_]+\.?[ \xa0]\d{1,2})\.? "
    r"(?P<agency>[^\W\d_][\w.-]{1,30}?)\s*(?P<sep>/|\.(?=\s)|(?:-{1,3}|[–—])(?=\s))\s*(?=\S)"
)


def _dotted_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`Baku. 27 June. REPORT.AZ/ ...`, `КИЕВ. 20 мая. УНН. ...`, `Москва. 25 декабря. INTERFAX.RU - ...`: a place, a date and
    an agency, parted by full stops, as Russian-language and Caucasus agencies set them."""
    dotted = _DOTTED_DATELINE_RE.match(paragraph)
    place = dotted.group("place") if dotted else ""
    if not place[:1].isupper():
        return None
    if place not in places.towns:
        # `Россия. 13 июля. Letnews.ru – `: a place no gazetteer knows is taken only before a web address or a name in
        # capitals and its dash (`Smith. 3 March. Notes/ drafts ...` is a sentence's).
        agency = dotted.group("agency")
        if dotted.group("sep") in ("/", ".") or not ("." in agency or agency.isupper()):
            return None
    dated = DATELINE_DATE_RE.fullmatch(dotted.group("date").rstrip("."))
    date = read_date(dated) if dated else None
    if date is None:
        return None
    source = canonical_source(dotted.group("agency"))
    evidence = f"a place, a date and {source} parted by full stops"
    return Dateline(place, source, date, paragraph[dotted.end() :], evidence)


# What may stand before a dateline, each kind read by one function, in this order (parse_dateline).
_OPENINGS = (
    _after_indentation,
    _bracketed_dateline,
    _country_before_agency,
    _agency_joined_to_place,
    _slashed_agency_lead,
    _after_square_credit,
    _after_byline_line,
    _date_then_bracketed_place,
    _agency_date_and_dash,
    _cjk_dateline,
    _chinese_outlet_report,
    _bracketed_cjk_dateline,
    _bracketed_chinese_report,
    _cjk_bracket_credit,
    _arabic_slashed_dateline,
    _persian_credit,
    _arabic_outlet_lead,
    _dotted_dateline,
    _in_small_letters,
    _after_bracketed_byline,
    _after_picture_file,
    _after_glued_credit,
    _with_braces_as_brackets,
    _after_reporter_and_agency,
    _after_update_note,
    _after_slug_line,
    _joint_dateline,
    _after_desk_byline,
    _after_editorial_note,
    _after_time_stamp,
    _pipe_before_stamp,
    _web_address_and_town,
    _after_leading_dash,
    _with_missing_parts,
    _without_hijri_date,
    _after_credit_stamp,
    _after_listed_byline,
    _after_byline,
    _after_credit_line,
    _after_agency_line,
    _reporter_before_town,
)


# `NEW YORK, NY / ACCESSWIRE / June 5, 2024 / `, `SAN DIEGO, CA / PR Karma / February 14, 2025 14:50 `: a place, the wire
# and the date, each closed by a slash, as some release wires set them (the date's by a dash too: `/ June 29, 2017 - `).
_SLASHED_WIRE_RE = re.compile(
    rf"(?P<place>[^/\n]{{2,40}}?)\s*/\s*(?P<name>[^\W_][^/\n]{{1,40}}?)\s*/\s*(?P<date>{DATELINE_DATE.replace('?P<', '?P<s')})"
    rf"(?:\s+(?:{TIME}))?\s*(?:/|-{{1,3}}|[–—])?\s*(?=[A-Z\"“‘])"
)


def _slashed_wire_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A known place, a release wire and a date, each closed by a slash."""
    slashed = _SLASHED_WIRE_RE.match(paragraph)
    if slashed is None or slashed.group("place").split(",")[0].strip() not in places.towns:
        return None
    dated = DATELINE_DATE_RE.match(paragraph, slashed.start("date"))
    found = read_date(dated) if dated else None
    name = slashed.group("name").strip()
    source = agency_name(name) or name
    evidence = f"a known place, the wire {source} and a date between slashes"
    return Dateline(slashed.group("place").strip(), source, found, paragraph[slashed.end() :], evidence)


def _piped_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`BEIJING | Xinhua | From the server racks ...`: a place and an agency or outlet between pipes, as news sites set them
    (the place may carry its country: `Nairobi, Kenya | AFP |`)."""
    piped = _PIPED_RE.match(paragraph)
    if piped is None or piped.group("place").split(",")[0].strip() not in places.towns:
        return None
    name = piped.group("name")
    source = agency_name(name, in_brackets=False) or (name if _looks_like_outlet(name) or name.isupper() else "")
    if not source:
        return None
    return Dateline(piped.group("place"), source, None, paragraph[piped.end() :], f"a known place and agency {source} between pipes")


def _inner_dateline(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A full dateline after lines that ran into it: `* Army says ... By Ann Lee KAMPALA, Feb 17 (Reuters) - `.

    Only a known place, a date and a known agency together count this far in, so a place named
    in a sentence is never taken for one.
    """
    window = paragraph[:DATELINE_WINDOW]
    if _BYLINE_OPENING_RE.match(window):
        # `By Ann Lee / Associated Press MONTREAL -- There ...`: after a byline, a known place in capitals and its dash.
        for start in _WORD_START_RE.finditer(window, 0, BYLINE_REACH):
            found = _place_dateline(paragraph[start.start() :], places)
            # `By: L.N. Reklai Koror, PALAU (Jan. 6, 2026) —`: or a known town its country or state follows.
            town, _, region = (part.strip() for part in found.location.partition(","))
            if "a known place" in found.evidence and (
                "capitals before a dash" in found.evidence or (town in places.towns and region in places.cities)
            ):
                byline = _BYLINE_OPENING_RE.sub("", paragraph[: start.start()].strip())
                author = re.split(r"\s*[/|,]\s*|\s+and\s+", byline)[0].strip()
                # `By Lance Polu/ Apia, Samoa – 27 May 2025 – `: the date after the place's dash, as at the head of a text.
                found = _with_what_follows(found, paragraph[start.start() :], places)
                return replace(found, author=found.author or author, evidence=f"{found.evidence}, after a byline")
    capitals = _CAPITALS_THEN_SEPARATOR_RE.search(window, 0, BYLINE_REACH + 80)
    for start in _WORD_START_RE.finditer(window, 0, BYLINE_REACH + 40) if capitals else ():
        # `Fire destroys Lampung forest BANDAR LAMPUNG, Lampung: Fire razed ...`: a headline run into a known place in
        # capitals and its dash or colon.
        before = paragraph[: start.start()].rstrip()
        if len(before.split()) < 2 or not any(c.islower() for c in before):
            continue
        candidate = paragraph[start.start() :]
        found = _place_dateline(candidate, places)
        town = found.location.split(",")[0].split(" (")[0]
        closed = candidate[: len(candidate) - len(found.rest)].rstrip()[-1:] in ("-", "–", "—", ":")
        starts = found.rest.lstrip()[:1]
        if (
            closed
            and starts
            and (starts.isupper() or starts in "\"“‘'")
            and town.isupper()
            and len(town) >= 4
            and town in places.towns
            and "a known place" in found.evidence
        ):
            return _after_leading_text(found, before)
    for start in _GLUED_START_RE.finditer(window, 0, BYLINE_REACH + 40):
        # `… gas conflictKiev - Ukrainian President …`, `wimax-logoJAKARTA—PT Telkom …`: a caption or headline
        # run into a known place with no space, then its dash.
        candidate = paragraph[start.start() :]
        found = _place_dateline(candidate, places)
        town = found.location.split(",")[0]
        closed = candidate[: len(candidate) - len(found.rest)].rstrip()[-1:] in ("-", "–", "—")
        if closed and found.rest[:1].isupper() and (town in places.cities or (town.isupper() and town in places.towns)):
            return _after_leading_text(found, paragraph[: start.start()].rstrip())
    slashed = window.find(" / ")
    for start in _WORD_START_RE.finditer(window, 0, slashed) if slashed > 0 else ():
        # `… Streaming Services LOS ANGELES, CA / ACCESSWIRE / June 14, 2021 / Cinedigm …`: a release's standfirst run
        # into its dateline, whose place, wire and whole date between slashes say it is one.
        found = _slashed_wire_dateline(paragraph[start.start() :], places)
        if found is not None and found.date is not None and found.date.year is not None:
            return _after_leading_text(found, paragraph[: start.start()].rstrip())
    closing = _BRACKET_THEN_DASH_RE.search(window) or _BRACKET_THEN_WHOLE_DATE_RE.search(window)
    if closing is None:
        return None
    for start in _WORD_START_RE.finditer(window, 0, closing.start()):
        candidate = paragraph[start.start() :]
        found = _place_dateline(candidate, places)
        dated = DATELINE_DATE_RE.match(found.rest) if found.date is None else None
        whole = read_date(dated) if dated else None
        if whole is not None and whole.year is not None:
            # `… theft San Diego, CA (PRWEB) March 13, 2015. Halo …`: a release wire's whole date after its bracket.
            after = _SEP_AFTER_RE.match(found.rest, dated.end())
            found = replace(found, date=whole, rest=found.rest[after.end() :], evidence=f"{found.evidence}, a date")
        # A release wire between slashes after a whole date is as sure as a known agency: `… in 2021. PORTLAND, OR,
        # October 11, 2022 /EINPresswire.com/ -- `.
        released = "a wire between slashes after a date" in found.evidence and found.date is not None and found.date.year is not None
        if "a known place" not in found.evidence or not found.source or not (agency_name(found.source) or released):
            continue
        # `... Markt Berlin (dpa) - Flugreisende`: without a date, the agency's dash must close the dateline.
        dashed = candidate[: len(candidate) - len(found.rest)].rstrip()[-1:] in ("-", "–", "—", "_", ":")
        if found.date is None and not dashed:
            continue
        return _after_leading_text(found, paragraph[: start.start()].rstrip())
    return None


def _after_leading_text(found: Dateline, before: str) -> Dateline:
    """A dateline found after `before` (bullets, a headline): a byline ending it gives the author; the rest is kept."""
    byline = _BYLINE_TAIL_RE.search(before)
    if byline:
        before = before[: byline.start()].rstrip()
    author = byline.group("name").strip() if byline else ""
    return replace(found, before=before, author=found.author or author, evidence=f"{found.evidence}, after leading text")


def _parse_dateline(paragraph: str, places: PlaceNames) -> Dateline:
    # `(MENAFN - IANS) Mumbai, Aug 6 (IANS) ...`: a syndicator's credit before the story's own dateline.
    syndicated = _SYNDICATED_RE.match(paragraph)
    if syndicated:
        inner = _parse_dateline(paragraph[syndicated.end() :], places)
        credit = agency_name(syndicated.group("credit")) or _credit_name(syndicated.group("credit"))
        if inner.evidence:
            return inner if inner.source or not credit else replace(inner, source=credit)
        if credit:
            return Dateline("", credit, None, paragraph[syndicated.end() :], f"agency {credit} in a syndicator's credit")
    found = _parse_parts(paragraph, places)
    if not found.evidence:
        # `KARACHI-The Special...`, `SEOUL-- President...`: a known place in capitals run into its dash.
        tight = _TIGHT_DASH_RE.match(paragraph)
        if tight and tight.group("loc") in places.towns:
            rest = paragraph[tight.end() :]
            # `ANKARA-Anadolu Agency At least ...`: the agency run on after the dash.
            named = _agency_words(rest)
            if named is not None:
                return Dateline(
                    tight.group("loc"), named[0], None, rest[named[1] :], f"a known place in capitals before a dash, agency {named[0]}"
                )
            return Dateline(tight.group("loc"), "", None, rest, "a known place in capitals before a dash")
        # `[BENGALURU] Australian shares ...`: a known place in square brackets.
        bracketed = _SQUARE_PLACE_RE.match(paragraph)
        if bracketed and bracketed.group("loc") in places.towns:
            return Dateline(bracketed.group("loc"), "", None, paragraph[bracketed.end() :], "a known place in square brackets")
        # `[ADN Kronos] Pakistan's interior minister ...`: a known agency in square brackets.
        credited = _SQUARE_AGENCY_RE.match(paragraph)
        if credited and agency_name(credited.group("name")):
            named = agency_name(credited.group("name"))
            return Dateline("", named, None, paragraph[credited.end() :], f"agency {named} in square brackets")
        # `México.- El secretario ...`, `Santo Domingo._ El ...`, `Montevideo. - El ...`: the Spanish-language wires' full stop
        # and dash (or a low line typed for it) after a known place in any case.
        stopped = _PLACE_STOP_DASH_RE.match(paragraph)
        # `Perú.- `: a known place written with its accents (short country names are known unaccented only).
        if stopped and (stopped.group("loc") in places.towns or unaccented(stopped.group("loc")) in places.towns):
            return Dateline(stopped.group("loc"), "", None, paragraph[stopped.end() :], "a known place before '.-'")
        # `ABU DHABI, Deposits at UAE banks ...`: a known town in capitals, its comma, and a sentence that is not a place.
        comma = _CAPITALS_COMMA_RE.match(paragraph)
        if comma and comma.group("loc") in places.towns and _first_word(paragraph[comma.end() :]) not in places.towns:
            return Dateline(comma.group("loc"), "", None, paragraph[comma.end() :], "a known place in capitals before a comma")
        # `Ouagadougou- Onze militaires ...`: a known city in any case run into its hyphen.
        glued = _CITY_GLUED_DASH_RE.match(paragraph)
        if glued and glued.group("loc") in places.cities:
            return Dateline(glued.group("loc"), "", None, paragraph[glued.end() :], "a known city before a hyphen")
        # `Srinagar, A gunfight started ...`: a known city, its comma, and a word that opens a sentence.
        opened = _CITY_COMMA_ARTICLE_RE.match(paragraph)
        if opened and opened.group("loc") in places.cities:
            return Dateline(opened.group("loc"), "", None, paragraph[opened.end() :], "a known city before a comma and a sentence")
        # `Asmara, Eritrean nationals residing ...`: a known city, its comma, and a sentence whose first word names no place
        # (`Paris, Texas police said` names the city's state).
        opened = _CITY_COMMA_WORD_RE.match(paragraph)
        if opened and opened.group("loc") in places.cities and opened.group("word") not in places.towns:
            return Dateline(opened.group("loc"), "", None, paragraph[opened.end() :], "a known city before a comma and a sentence")
        # `CARACAS. En medio del caos ...`: a known city in capitals and a full stop; `København. Hvis Danmark ...`,
        # `Lima. Hoy, ...`, `Jakarta. Indonesia issued ...`: in mixed case too, as papers in many languages set it.
        stopped = _city_before_stop(paragraph, places)
        if stopped:
            rest = paragraph[stopped.end() :]
            # `Belmopan. November 12, 2020. Following ...`: a whole date and its own full stop after the city's.
            dated = DATELINE_DATE_RE.match(rest)
            found_date = read_date(dated) if dated and rest[dated.end() : dated.end() + 1] == "." else None
            if found_date is not None and found_date.year is not None:
                rest = rest[dated.end() + 1 :].lstrip()
                return Dateline(stopped.group("loc"), "", found_date, rest, "a known city before a full stop, a whole date")
            return Dateline(stopped.group("loc"), "", None, rest, "a known city before a full stop")
        return _city_on_its_own_line(paragraph, places) or _city_and_country_on_their_line(paragraph, places) or found
    return _with_what_follows(found, paragraph, places)


def _with_what_follows(found: Dateline, paragraph: str, places: PlaceNames) -> Dateline:
    """A place's dateline read from `paragraph`, with what may follow its separator: the agency, a date, a doubled dash."""
    rest = found.rest
    agency, comma, place = found.location.partition(", ")
    if comma and not found.source and agency not in places.towns and agency_name(agency, in_brackets=False) and place in places.towns:
        # `UNB, Chattogram : A fire ...`: the agency, its comma, then the place, read as a town and its state.
        found = replace(found, location=place, source=agency_name(agency, in_brackets=False), evidence=f"agency {agency}, {found.evidence}")
    if not found.source:
        # `KARACHI: (Dunya News) - Bandits`, `Washington -SANA Qatari`: the agency after the place's separator.
        glued = len(rest) < len(paragraph) and not paragraph[len(paragraph) - len(rest) - 1].isspace()
        after = _lead_agency(rest[:DATELINE_WINDOW], places, after_place=True, glued=glued)
        if after is not None and not after[4]:
            found = replace(found, source=after[0], date=found.date or after[1], evidence=f"{found.evidence}, {after[3]}")
            rest = rest[after[2] :]
        if after is None:
            found, rest = _unknown_credit_after_place(found, rest, paragraph[: len(paragraph) - len(rest)].rstrip(), places)
    # `(Columbia-AP) Nov. 24, 2004 - `, `--(Business Wire)-- Dec. 10, 2004 -- `: a date after the dateline proper.
    trailing = _lead_date(rest[:DATELINE_WINDOW], after_place=True) if found.date is None else None
    if trailing is None and found.date is None:
        # `DHAKA (AFP) Jul 23, 2004 The death toll ...`, `AFP, 04 Jun 2021 Four months ...`: a whole date, then the story.
        dated = DATELINE_DATE_RE.match(rest.lstrip(", "))
        whole = read_date(dated) if dated else None
        resume = len(rest) - len(rest.lstrip(", ")) + (dated.end() if dated else 0)
        # `Kyodo - Sep 06 A 3-year-old ...`: right after an agency that leads, a date needs no year.
        agency_led = not found.location and bool(found.source) and DATELINE_DATE_RE.match(rest) is not None
        if whole is not None and (whole.year is not None or agency_led) and rest[resume:].lstrip()[:1].isupper():
            trailing = ("", whole, resume + _spaces(rest, resume), "a date", "")
    if trailing is not None and (trailing[3] == "a date" or not found.source):
        # `LOS ANGELES, CA - October 28, 2025 (NEWMEDIAWIRE) - `: the wire's bracket between the date and its dash.
        credit = "" if found.source else trailing[0]
        evidence = trailing[3] if not credit or trailing[3] != "a date" else "a date, a name in brackets after it"
        found = replace(found, date=trailing[1], source=credit or found.source, evidence=f"{found.evidence}, {evidence}")
        rest = rest[trailing[2] :]
        if not found.source:
            # `MIAMI, FL — November 5, 2025 — (NOTICIAS NEWSWIRE) — `: the wire's bracket after the date's own dash.
            after = _lead_agency(rest[:DATELINE_WINDOW], places, after_place=True)
            if after is not None and not after[4] and rest[:1] == "(":
                found = replace(found, source=after[0], evidence=f"{found.evidence}, {after[3]}")
                rest = rest[after[2] :]
    # `(Buffalo, NY, October 18, 2004) - - Buffalo`: a doubled separator.
    stray = re.match(r"(?:[-–—_]{1,3}\s+)+", rest)
    return replace(found, rest=rest[stray.end() :] if stray else rest)


_NAME_WORDS = _OUTLET_WORDS | frozenset(
    (
        "systems", "group", "inc", "corp", "corporation", "ltd", "plc", "bank", "airlines", "airways", "air", "energy",
        "motors", "holdings", "university", "club", "city", "united", "fc", "council", "county", "stock", "exchange",
        "partners", "capital", "international", "company", "co", "telecom", "mobile", "airport", "port", "state",
        # `HUANGPU District is ...`: capitals that begin a place's longer name.
        "district", "province", "region", "prefecture", "township", "municipality", "island", "islands", "valley",
        "river", "lake", "bay", "street", "road", "square", "park", "village", "town",
    )
)  # fmt: skip
_AGENCY_WORDS_RE = re.compile(r"[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2}")


def _agency_words(text: str) -> tuple[str, int] | None:
    """A known agency's name of up to three words opening `text`, closed by a separator or by the story's first
    capital: (canonical name, where the story resumes)."""
    words = _AGENCY_WORDS_RE.match(text)
    if words is None:
        return None
    names = words.group(0).split(" ")
    for count in range(len(names), 0, -1):
        name = " ".join(names[:count]).rstrip(".")
        after = _SEP_AFTER_RE.match(text, len(name))
        sep = (after.group("sep") or "").strip()
        # `VILNIUS, Jun 20, BNS –Lithuanian ...`: a dash closes a short name as well as brackets would.
        known = agency_name(name, in_brackets=sep not in ("", ".", ":"))
        if not known:
            continue
        if (sep or after.end() > len(name)) and text[after.end() : after.end() + 1].isupper():
            return known, after.end()
    return None


def _agency_then_city(paragraph: str, places: PlaceNames) -> Dateline:
    """`NZPA New York The stock market ...`: a known agency, then a city, each on a line of its own once."""
    named = _agency_words(paragraph[:DATELINE_WINDOW])
    if named is None:
        return Dateline(rest=paragraph)
    rest = paragraph[named[1] :]
    words = _AGENCY_WORDS_RE.match(rest)
    names = words.group(0).split(" ") if words else []
    for count in range(min(len(names), 3), 0, -1):
        place = " ".join(names[:count])
        after = rest[len(place) :]
        if place in places.cities and after[:1] == " " and after[1:2].isupper():
            return Dateline(place, named[0], None, after[1:], f"agency {named[0]}, then a known city")
    return Dateline(rest=paragraph)


def _credit_name(text: str) -> str:
    """A syndicator's credit that names an outlet not in the agency table: `(MENAFN- AzerNews)`."""
    name = text.strip(" -–—")
    words = name.split()
    return name if 0 < len(words) <= 5 and all(word[:1].isupper() or word[:1].isdigit() for word in words) else ""


_CAPITAL_WORDS_RE = re.compile(r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?= )")


def _city_on_its_own_line(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`BANGKOK U.S. Secretary of State ...`: a city in capitals whose own line was joined to the text.

    Only a city of 100,000 people or more, spelt whole in capitals, before words in mixed case.
    """
    words = _CAPITAL_WORDS_RE.match(paragraph)
    if words is None:
        return None
    names = words.group(0).split(" ")
    for count in range(len(names), 0, -1):
        location = " ".join(names[:count])
        rest = paragraph[len(location) :].lstrip()
        following = rest.split(" ", 3)[:3]
        # `ISRAEL killed two ...`: a paper's first word set in capitals runs on into its sentence.
        # `ISRAEL ENDED its siege`: so do its first two words; the story's own first word is in mixed case (or `U.S.`).
        first = following[0] if following else ""
        sentence_starts = (
            (any(c.islower() for c in first) or "." in first or first == "A")
            and rest[:1].isupper()
            and any(c.islower() for c in "".join(following))
        )
        # `CHINA Daily`, `NICE Systems`: the capitals begin a name, not a dateline.
        names_something = agency_name(location, in_brackets=False) or following[0].casefold().strip(".,") in _NAME_WORDS
        if (
            len(location) >= 4
            and location.replace(" ", "").isalpha()
            and location in places.cities
            and sentence_starts
            and not names_something
        ):
            return Dateline(location, "", None, rest, "a known city in capitals on its own line")
    return None


# `JAKARTA, Indonesia Thousands of rioters ...`: a city in capitals and its country, their line joined to the text, or
# still a line of its own (`MOGADISHU, Somalia\nOn an intense ...`).
_CITY_COUNTRY_RE = re.compile(
    r"(?P<city>[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,2}), (?P<country>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?: |[ \t]*\n\s*)(?=[A-Z])"
)


def _city_and_country_on_their_line(paragraph: str, places: PlaceNames) -> Dateline | None:
    """A city in capitals, a comma and a country (or state), then the story's first word, with no separator."""
    found = _CITY_COUNTRY_RE.match(paragraph)
    if found is None or found.group("city") not in places.cities or found.group("country") not in places.cities:
        return None
    if not any(c.islower() for c in paragraph[found.end() : found.end() + 30]):
        return None  # the words after are capitals too: a heading, not a story
    location = f"{found.group('city')}, {found.group('country')}"
    return Dateline(location, "", None, paragraph[found.end() :], "a known city in capitals and its country on their own line")


_AGENCY_COMMA_DATE_RE = re.compile(
    rf"(?P<name>[A-Z][\w.&-]{{1,20}}(?: [A-Z][\w.&-]{{1,20}}){{0,2}}),\s*(?P<date>{DATELINE_DATE.replace('?P<', '?P<a')})"
)


def _agency_then_date(paragraph: str, places: PlaceNames) -> Dateline | None:
    """`AFP, 04 Jun 2021 Four months ...`, `Tanjug, 1999-01-14 Four ...`, `RBC, 04.03.2008, Moscow 12:24 ...`: a known
    agency, a comma and a whole date (then perhaps a known place), then the story."""
    named = _AGENCY_COMMA_DATE_RE.match(paragraph[:DATELINE_WINDOW])
    source = agency_name(named.group("name"), in_brackets=False) if named else ""
    if not source:
        return None
    dated = DATELINE_DATE_RE.match(named.group("date"))
    found = read_date(dated) if dated else None
    if found is None or found.year is None:
        return None
    rest, location = paragraph[named.end() :], ""
    place = re.match(r",\s*(?P<place>[A-Z][\w'-]+(?: [A-Z][\w'-]+){0,2})", rest)
    words = place.group("place").split(" ") if place else []
    for count in range(1, len(words) + 1):
        if " ".join(words[:count]) in places.towns:
            location = " ".join(words[:count])
            rest = rest[place.start("place") + len(location) :]
            break
    rest = rest.lstrip(" ,.-–—:")
    if not rest[:1].isupper():
        return None
    return Dateline(location, source, found, rest, f"agency {source}, then a whole date")


def _parse_parts(paragraph: str, places: PlaceNames) -> Dateline:
    window = paragraph[:DATELINE_WINDOW]
    lead = _lead_date(window) or _lead_agency(window, places)
    if lead is None:
        by_agency = _agency_then_date(paragraph, places)
        if by_agency is not None:
            return by_agency
        dated = _LEAD_DATE_RE.match(window)
        found = read_date(dated) if dated and not dated.group("paren") and not (dated.group("sep") or "").strip() else None
        if found is not None:
            # `March 12, 2001 Nairobi, Kenya (Pana) - `: a date, then a place dateline that stands on its own evidence.
            # `Wednesday, 11 November 2020, Riffa, Kingdom of Bahrain: Royal ...`: a comma, and a colon after the place.
            tail = paragraph[dated.end() :]
            tail = tail[len(tail) - len(tail.lstrip(", ")) :] if tail.startswith(",") else tail
            after = _place_dateline(tail, places)
            ends = tail[: len(tail) - len(after.rest)].rstrip()
            if (
                after.location
                and "a known place" in after.evidence
                and (after.source or "before a dash" in after.evidence or ends.endswith(":"))
            ):
                return Dateline(after.location, after.source, after.date or found, after.rest, f"a date, {after.evidence}")
        named = _AGENCY_PLACE_RE.match(window)
        agency = agency_name(named.group("name")) if named else ""
        if agency:
            after = _place_dateline(paragraph[named.end() :], places)
            if after.location and "a known place" in after.evidence:
                evidence = f"agency {agency} before a place, {after.evidence}"
                return Dateline(after.location, after.source or agency, after.date, after.rest, evidence)
        placed = _place_dateline(paragraph, places)
        return placed if placed.evidence else _agency_then_city(paragraph, places)
    source, found, end, how, location = lead
    if location:
        return Dateline(location, source, found, paragraph[end:], how)
    # An agency or date may still be followed by a place dateline: `(ANSA) - ROME, JAN 5 - `, `Canadian Press - VANCOUVER (CP) - `.
    after = _place_dateline(paragraph[end:], places)
    tight = _TIGHT_DASH_RE.match(paragraph, end) if not after.location else None
    if tight and tight.group("loc") in places.towns:
        # `Oct. 21--BAGHDAD--For more ...`: a known place in capitals run into its dash, after the date's.
        after = Dateline(tight.group("loc"), "", None, paragraph[tight.end() :], "a known place in capitals before a dash")
    if after.location:
        evidence = after.evidence if after.source else f"{how}, {after.evidence}"
        return Dateline(after.location, after.source or source, after.date or found, after.rest, evidence)
    return Dateline("", source, found, paragraph[end:], how)


_Lead = tuple[str, FoundDate | None, int, str, str]


def _lead_date(window: str, *, after_place: bool = False) -> _Lead | None:
    """A date that opens the text, before a dash or an agency: (source, date, where the text resumes, evidence, "")."""
    match = _LEAD_DATE_RE.match(window)
    if not match:
        return None
    found = read_date(match)
    if found is None:
        return None
    sep = (match.group("sep") or "").strip()
    source, known = "", False
    if match.group("paren"):
        source, _, known = _read_paren(match.group("paren"))
        if not source:
            return None
    # After a place (`CAIRO – 19 January 2018: In ...`) a colon ends a date as well as a dash does.
    # `(March 13, 2001) Kenyan ...`: a whole date in brackets needs no separator.
    bracketed = match.group(0).startswith("(") and window[: match.end()].rstrip().endswith(")") and found.year is not None
    # `24th Sep 2010: As the ...`: a whole date and its colon date a dispatch, when a sentence starts after them.
    dated_colon = sep == ":" and found.year is not None and window[match.end() : match.end() + 1].isupper()
    if not (known or bracketed or dated_colon or (sep and (sep != ":" or after_place)) or (source and (sep or _looks_like_outlet(source)))):
        return None
    return source, found, match.end(), "a date" + (f", agency {source}" if known else ""), ""


def _lead_agency(window: str, places: PlaceNames, *, after_place: bool = False, glued: bool = False) -> _Lead | None:
    """An agency that opens the text: (source, date in its brackets, where the text resumes, evidence, location).

    `after_place`: the text follows a place's separator, where only a bracket before a dash, or a
    known agency's name with a separator of its own (`BSS : ...`) or glued to the place's
    (`Washington -SANA Qatari ...`, `glued`) counts: `LONDON - BBC Director General Tim Davie said`
    is a sentence about the BBC.
    """
    if after_place:
        bracketed = _LEAD_PAREN_RE.match(window)
        if bracketed and (bracketed.group("sep") or "").strip() not in ("", "."):
            source, found, known = _read_paren(bracketed.group("paren"))
            if source:
                return source, found, bracketed.end(), f"agency {source}" if known else "a name in brackets before a dash", ""
        bare = _AGENCY_WORD_RE.match(window)
        if bare and (glued or bare.group("sep")) and agency_name(bare.group("name"), in_brackets=False):
            known = agency_name(bare.group("name"), in_brackets=False)
            return known, None, bare.end(), f"agency {known}", ""
        return None
    bracketed = _LEAD_PAREN_RE.match(window)
    if bracketed and _label_key(bracketed.group("paren").strip()) in _DESK_LABELS:
        return None  # `(UPDATE) Major oil players ...`: a desk's label in brackets, not an agency
    if bracketed:
        paren = bracketed.group("paren")
        sep = (bracketed.group("sep") or "").strip()
        # `(Columbia-AP)`: a member paper's town, then the agency.
        town, dash, agency = paren.rpartition("-")
        if dash and town.strip() in places.towns and agency_name(agency):
            return agency_name(agency), None, bracketed.end(), f"agency {agency_name(agency)} after a place", town.strip()
        # `(UTV|COLOMBO) – `: the outlet and its place parted by a pipe.
        outlet, pipe, place = paren.partition("|")
        if pipe and place.strip() in places.towns and outlet.strip() and outlet.strip() not in places.towns:
            return outlet.strip(), None, bracketed.end(), "an outlet and a known place in brackets", place.strip()
        source, found, known = _read_paren(paren)
        if found is not None and not known:
            # `(Buffalo, NY, October 18, 2004) - `, `(Lheidli T’enneh Territory, Prince George, BC – April 18, 2019) – `: a
            # place and a date in brackets; one of the place's parts is a known town.
            parts = [part.strip() for part in source.split(",")]
            if len(parts) > 1 and any(part in places.towns for part in parts):
                return "", found, bracketed.end(), "a known place and a date in brackets", source
        if known:
            return source, found, bracketed.end(), f"agency {source}", ""
        if source and sep and sep != "." and found is None and (source in places.towns or _town_and_state(source, places, wire=True)):
            # ABC News's `(WASHINGTON) -- `, a local station's `(Bismarck, ND) — `: a known place and no agency in the
            # brackets is the dateline's place.
            return "", None, bracketed.end(), "a known place in brackets before a dash", source
        if not sep and found is None and source in places.towns and window[bracketed.end() : bracketed.end() + 1].isupper():
            # Le Soir's `(Bruxelles) La Belgique ...`: a known town alone in brackets opens the text, with no dash.
            return "", None, bracketed.end(), "a known town in brackets before the text", source
        if source and ((sep and sep != ".") or _looks_like_outlet(source) or any(agency_name(part) for part in source.split("/"))):
            return source, found, bracketed.end(), "a name in brackets before the text", ""
        return None
    named = _LEAD_NAME_RE.match(window)
    if named and _label_key(named.group("name")) in _DESK_LABELS:
        return None
    if named:
        name = named.group("name")
        known = agency_name(name, in_brackets=False)
        # `AGI - L'Ordine ...`: a short name that is an agency's only in brackets, in capitals before a dash, and no town's.
        dashed = named.group("sep") != ":"
        known = known or (dashed and name.isupper() and name not in places.towns and agency_name(name, in_brackets=True))
        if known:
            return known, None, named.end(), f"agency {known}", ""
        if named.group("sep") == ":":
            return None  # a colon after an unknown name quotes a person ("Campbell: ...")
        if _WEB_ADDRESS.fullmatch(name):
            return name, None, named.end(), "a web address before a dash", ""
        # A word in capitals before a dash is a wire dateline's place (`KHARIPUR - `), not an outlet.
        # "McDonald - the firm ...": an outlet's dash opens a story, which starts with a capital or a quote.
        opens = window[named.end() : named.end() + 1]
        if name not in places.towns and _looks_like_outlet(name, capitals=False) and not opens.islower():
            return name, None, named.end(), "an outlet's name before a dash", ""
    stopped = _AGENCY_STOP_RE.match(window)
    if stopped and agency_name(stopped.group("name"), in_brackets=False):
        # `ArmInfo. Armenian Prime Minister ...`: a known agency's name and a full stop open the story.
        known = agency_name(stopped.group("name"), in_brackets=False)
        return known, None, stopped.end(), f"agency {known} before a full stop", ""
    return None


# Brazil's states as its papers write them after a town and a slash (`São Paulo/SP`).
_BRAZILIAN_STATES = frozenset({
    "AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA",
    "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO",
})  # fmt: skip


def _particle_after_bracket(window: str, at: int) -> bool:
    """Whether a Hangul syllable is glued to the bracket closing before `at`: a Korean sentence's particle (`부산시(시장
    박형준)가 새로운 ...`, "Busan City (Mayor Park) [subject] ..."), not a story's first word after a dateline (Urdu
    copy glues its story to the bracket: `اسلام آباد(نیوز ڈیسک)سپریم کورٹ`)."""
    return window[at - 1 : at] in (")", "）") and "\uac00" <= window[at : at + 1] <= "\ud7a3"


def _initials(name: str) -> bool:
    """`NNC`, `SNA`, `NA`: two to five capitals, an outlet's or agency's short name."""
    return 2 <= len(name) <= 5 and name.isalpha() and name.isupper()


def _looks_like_outlet(name: str, *, capitals: bool = True) -> bool:
    """`NewsFactor`, `CBC SPORTS ONLINE`, `WebMD`, `CBS`: a word of outlets' names, or inner capitals in one word.

    `capitals` False: a word all in capitals is not enough (before a dash it is a wire dateline's place).
    """
    words = name.replace("/", " ").split()
    if any(word.casefold() in _OUTLET_WORDS for word in words):
        return True
    # `AMMONNEWS`, `Berberanews`: an outlet's name run together with its last word.
    if len(words) == 1 and any(name.casefold().endswith(word) and len(name) >= len(word) + 3 for word in _OUTLET_SUFFIXES):
        return True
    inner = len(words) == 1 and sum(c.isupper() for c in name) >= 2 and name[0].isupper()
    return inner and (capitals or any(c.islower() for c in name))


def _place_dateline(paragraph: str, places: PlaceNames) -> Dateline:
    window = paragraph[:DATELINE_WINDOW]
    match = _DATELINE_RE.match(window)
    if not match:
        return Dateline(rest=paragraph)
    location = match.group("loc").strip()
    sep = (match.group("sep") or "").strip()
    if (
        sep == "-"
        and match.start("sep") > 0
        and window[match.start("sep") - 1].isalpha()
        and window[match.end("sep") : match.end("sep") + 1].islower()
    ):
        return Dateline(rest=paragraph)  # "Glasgow-based": a hyphen inside a word, not a dateline's dash
    dash = bool(sep) and sep not in (":", ".")
    date_group = "date" if match.group("date") else "date2" if match.group("date2") else ""
    # Read where it stands, not cut out: a date may look ahead at the bracket after it (`23/07 (AFP)`).
    dated = DATELINE_DATE_RE.match(window, match.start(date_group)) if date_group else None
    found = read_date(dated) if dated else None
    source, known, evidence = "", False, []
    # `STOCKHOLM, Sweden --(Business Wire)-- `: a press-release wire between dashes.
    agency_text = match.group("paren") or match.group("wire") or match.group("slash") or match.group("bare")
    slashed = (match.group("slash") or "").split()
    if slashed and slashed[0].endswith(".") and not agency_name(match.group("slash")):
        # `/Спец. корр. ИТАР-ТАСС/`, `/Corr. ITAR-TASS/`: a correspondent's title, then the agency (and the name).
        agency_text = next((agency_name(word) for word in slashed if agency_name(word)), agency_text)
    state = match.group("state")
    if found is not None and dated.group("nd_a") and state in _POSTAL_STATES and found.month <= 12 and found.day <= 12:
        # `Tallahassee, FL 12/5/11 (StreetBeat) --`: after a US state's postal code, figures are month first, as in the US.
        found = replace(found, month=found.day, day=found.month)
    if state is not None and state.startswith("the ") and not _known_region(state, places):
        return Dateline(rest=paragraph)  # `LONDON, the Guardian -`: only a known country takes "the" in a dateline
    initials = ""
    abbreviated = state is not None and state.casefold() in _STATE_ABBREVIATIONS
    if (
        state
        and state.isupper()
        and state.replace(" ", "").isalpha()
        and len(state) > 2
        and not _known_region(state, places)
        and not abbreviated
    ):
        # Only a known place is a state or country here: `WASHINGTON, REUTERS -` names the agency, other capitals nothing.
        # `MANILA, PIA- The ...`: before the dash an agency's short name counts as it would in brackets.
        named = agency_name(state, in_brackets=dash)
        spaced = window[match.start("sep") - 1 : match.start("sep")].isspace()
        opens = window[match.end() : match.end() + 1]
        if not named and dash and spaced and not agency_text and _initials(state) and location.isupper() and opens.isupper():
            # `SUKOHARJO, NNC -- `: between a place in capitals and a dash, an outlet's initials (Indonesian copy's form).
            initials = named = state
        # `Georgetown, GINA, February 21, 2012\n\n`: or the dateline has a line of its own.
        if not named or agency_text or not (dash or "\n" in window[match.end("state") : match.end()]):
            return Dateline(rest=paragraph)
        state, agency_text = None, named
    region, comma, code = (state or "").rpartition(", ")
    if comma and not agency_text and dash and agency_name(code, in_brackets=True):
        # `DHAKA, Bangladesh, AP – `, `KINGSTON, Jamaica, CMC – `: the agency after the country, not a territory's code.
        state, agency_text = region, code
    if (
        state
        and not agency_text
        and state not in places.cities
        and agency_name(state, in_brackets=False)
        and (dash or sep == ":" or state.endswith(".") or "\n" in window[match.end("state") : match.end()])
    ):
        # `Tehran, Jan. 13, IRNA --`: after the date, the agency, not a state; `Damascus, SANA. President ...`: its full stop;
        # `TOKYO, March 21, Kyodo` on a line of its own.
        state, agency_text = None, agency_name(state, in_brackets=False)
    town, stop, named = location.partition(". ")
    if stop and not agency_text and dash and town in places.towns and agency_name(named, in_brackets=True):
        # `ASTANA. KAZINFORM - Being ...`: the town's full stop, then the agency and its dash.
        location, agency_text = town, named
    town, slashed, named = location.rpartition("/")
    if (
        slashed
        and town in places.towns
        and not agency_text
        and dash
        and named not in places.towns
        and named not in _BRAZILIAN_STATES
        and not _names_a_state(named, places)
    ):
        # `Magdeburg/MZ - `, `Berlin/dpa - `: a known town, a slash, and the agency or the initials of the paper that filed
        # it, before a dash (Brazil's `Rio de Janeiro/RJ –` is the town and its state).
        if agency_name(named, in_brackets=True):
            location, agency_text = town, named
        elif _initials(named):
            location, agency_text, initials = town, named, named
    town, joined, named = location.rpartition("-")
    if joined and town and not agency_text and sep and agency_name(named, in_brackets=True):
        # `الرياض-واس: ...`, `KUALA LUMPUR-Bernama -`: the agency joined to the place by a hyphen.
        location, agency_text = town, named
    # `Mysore/Mysuru:`: a town under its two names.
    # `MOMBASA COUNTY: `, `Kisumu District —`: a known place with its kind after it is known too.
    known_place = any(_known_region(name, places) for name in location.split("/")) or (state is not None and _names_a_state(state, places))
    paren = (match.group("paren") or "").strip()
    after_paren = match.end()
    outlet_first = bool(paren) and not known_place and dash and paren in places.towns
    outlet = location.rstrip(" -–—")
    # `SNA (Tokyo) — `: a short name in capitals, no town's, is an outlet's initials before its town.
    outlet_first = outlet_first and (_looks_like_outlet(outlet, capitals=False) or _initials(outlet))
    if outlet_first:
        # `Diplomat Times (Doha) –`, `Berberanews-(Addis Ababa)-`: an outlet, then its place in brackets.
        location, agency_text, known_place = paren, outlet, True
    elif paren and not agency_name(paren) and _names_a_place(paren, location, places):
        # `Dakar (Senegal) —`, `Kumasi (Ashanti Region) 14 December 2002-`: the country or region of the place, not an agency.
        location, agency_text, known_place = f"{location} ({paren})", None, True
        if not sep and found is None:
            start = match.end("paren") + 1  # after the closing bracket
            dated = DATELINE_DATE_RE.match(window, start + _spaces(window, start))
            found = read_date(dated) if dated else None
            if found is not None:
                after_sep = _SEP_AFTER_RE.match(window, dated.end())
                sep = (after_sep.group("sep") or "").strip()
                dash = bool(sep) and sep not in (":", ".")
                after_paren = after_sep.end()
        # `Manchester (United Kingdom) (AFP) – `: the agency's own bracket after the country's.
        second = _LEAD_PAREN_RE.match(window, match.end("paren") + 1 + _spaces(window, match.end("paren") + 1))
        if not sep and found is None and second and agency_name(second.group("paren")):
            agency_text, after_paren = second.group("paren"), second.end()
            sep = (second.group("sep") or "").strip()
            dash = bool(sep) and sep not in (":", ".")
    if agency_text:
        source, paren_date, known = _read_paren(agency_text)
        if (match.group("bare") or match.group("day_alone")) and not known:
            return Dateline(rest=paragraph)
        if match.group("day_alone") and MONTH_RE.fullmatch(location.split()[-1]):
            return Dateline(rest=paragraph)  # "on Monday, March 3 (AFP) - that": a month and its day, not a place
        found = found or paren_date
        if known:
            evidence.append(f"agency {source}")
        elif outlet_first:
            evidence.append("an outlet, then its place in brackets")
        elif initials:
            evidence.append("an outlet's initials after a place in capitals, before a dash")
        elif (
            (match.group("paren") or match.group("wire"))
            # A bracket holding a date alone dates a place, not a heading: "Weather News Live Updates (Sunday, June 30):".
            and ((paren_date and (source or known_place or location.isupper())) or (source and (dash or sep == ":")))
            and not window[after_paren : after_paren + 1].islower()  # "Apple (iPhone) - the phone ...": no story starts
        ):
            evidence.append("a name in brackets" + (" with a date" if paren_date else " before a dash"))
        elif match.group("paren") and source and known_place and found is not None:
            evidence.append("a name in brackets after a place and a date")
        elif match.group("paren") and sep == "." and known_place and _initials(source):
            # `BUENOS AIRES (NA). El expresidente ...`: a short name in capitals between a known place and a full stop.
            evidence.append("initials in brackets after a known place, before a full stop")
        elif (
            match.group("paren")
            and len(source) > 2
            and location in places.cities
            and _opens_story(window[after_paren : after_paren + 1])
            and not _particle_after_bracket(window, after_paren)
        ):
            # `Abu Dhabi (Al Ittihad) Dr. Ali ...`: a city, then a name in brackets, then the story's first word.
            evidence.append("a name in brackets after a known city")
        elif (
            match.group("slash")
            and source
            and found is not None
            and (dash or (found.year and window[after_paren : after_paren + 1].isupper()))
        ):
            # `TORONTO, Aug. 18, 2023 /CNW/ - `: a press-release wire between slashes after the date (after a whole date, the
            # dash may be left out: `SEOUL, KOREA, January 14, 2025 /24-7PressRelease/ A Masterpiece`).
            evidence.append("a wire between slashes after a date")
        else:
            # "ALCAN (AL) said": a bracket that names no agency, with no date and no dash, is no dateline.
            return Dateline(rest=paragraph)
    if found is not None and not agency_text and not sep and window[: match.end()].rstrip().endswith(","):
        # `Baku, February 26, AZERTAC On 26 February ...`, `YEREVAN, JULY 22, NOYAN TAPAN. The`: a known agency after the date.
        named = _agency_words(paragraph[after_paren:])
        if named is not None:
            source, known = named[0], True
            evidence.append(f"agency {source} after the date")
            after_paren += named[1]
    letters = [c for c in location if c.isalpha()]
    shouting = len(letters) >= 3 and all(c.isupper() for c in letters)
    if not known_place and (_label_key(location) in _DESK_LABELS or location.rsplit(None, 1)[-1] in _COMPANY_ENDINGS):
        # `FILE - In this May 18 file photo`, `EDITOR'S NOTE _ It was`: a desk's label; `INTER-TEL Inc. (Chandler, Ariz.) --`: a company.
        return Dateline(rest=paragraph)
    # `Riffa, Kingdom of Bahrain:`: a known town and its country together.
    in_country = known_place and state is not None and (state in places.cities or state.split()[-1] in places.cities)
    city = any(name in places.cities for name in match.group("loc").strip().split("/"))
    if sep == ":" and not (known or source or found or shouting or in_country or city):
        # "Campbell: E-mail row" quotes a person; a colon after a mixed-case name is a dateline only for a city ("Mumbai:").
        return Dateline(rest=paragraph)
    if known_place:
        evidence.append("a known place")
    if found is not None and (sep or known or source or known_place):
        evidence.append("a date")
    if shouting and dash:
        evidence.append("capitals before a dash")
    # `BAGERHAAT, Nov 13, 2013 "People didn't ...`: a name in capitals and a whole date, then the story.
    starts = window[after_paren : after_paren + 1]
    capitals_dated = shouting and not sep and found is not None and found.year is not None and (starts.isupper() or starts in '"“‘')
    if capitals_dated:
        evidence.append("capitals and a whole date")
    one_word = len(location.split()) == 1 and location[:1].isupper()
    if known and not sep and found is None and not known_place and not shouting and not one_word:
        # "The Malaysian National News Agency (Bernama) will host ...": a name spelt out, then its agency's short form.
        # One word before a known agency's bracket opens the text as a place would, known or not: `Asadabad (BNA) the`.
        return Dateline(rest=paragraph)
    # With no agency, a place needs a separator after it: "Washington is" starts a sentence.
    # ... unless a known place and a date say it together: `Mumbai, April 23 The Mumbai police`.
    # `Roma, 2 ott. “Per evitare ...`: or a quote that opens the story.
    placed_and_dated = (
        known_place
        and found is not None
        and (starts.isupper() or (starts and starts in '"“‘«' and window[after_paren - 1 : after_paren].isspace()))
    )
    # `SAN JOSE, Calif. A powerful El Nino ...`: a town and its state's abbreviation are a dateline as they stand.
    placed_and_dated = placed_and_dated or (abbreviated and state.endswith(".") and window[after_paren : after_paren + 1].isupper())
    placed_and_dated = placed_and_dated or capitals_dated
    if not (known or source or placed_and_dated) and not (sep and sep != "." and (known_place or found or (shouting and dash))):
        return Dateline(rest=paragraph)
    if not evidence:
        return Dateline(rest=paragraph)
    if dash and not (shouting or source or found) and window[after_paren : after_paren + 1].islower():
        # "Poland - a large and therefore crucial EU member - has ...": a dash that opens an aside, not a story.
        return Dateline(rest=paragraph)
    if location.endswith(".") and len(location.rsplit(" ", 1)[-1]) > 5:
        location = location[:-1]  # "MOSCOW. Oct 5": the full stop is the separator, not an abbreviation's
    location = location.rstrip("-–—")  # `ST. LOUIS--(BUSINESS WIRE)--`: the dash ran into the name
    headline = ""
    words = location.split(" ")
    if not known_place and len(words) >= 4:
        # `Sultan Receives Envoys Salalah, 5 Nov (ONA) ---`: a headline in title case run into a known town.
        # The longest known end decides: `L. Watts NEW YORK` ends with NEW YORK, not with YORK.
        count = next((count for count in (3, 2, 1) if " ".join(words[-count:]) in places.towns), 0)
        # `Santa Fe de Bogota`: a particle before the known end joins it to the words before, which are the place's name.
        # `Business WriterNEW YORK`: capitals glued to the word before start the place (`_byline_before_capitals`).
        glued = count and re.search(r"[a-z][A-Z]{2,}$", words[-count - 1]) is not None
        if count and len(words) - count >= 3 and words[-count - 1] not in _NAME_PARTICLES and not glued:
            headline, location = " ".join(words[:-count]), " ".join(words[-count:])
            evidence.append("after leading text")
    if not source and not known_place and location.split()[-1].casefold() in _OUTLET_WORDS and found is not None:
        # `HAVANA TIMES, Sept. 28 – Cuba ...`: an outlet's name where the place would stand, then the date.
        return Dateline("", location, found, paragraph[after_paren:], ", ".join([*evidence, "an outlet's name before the date"]))
    location, author = _byline_before_capitals(location, known, places)
    if location[:3] in ("By ", "BY "):
        # `By Eric Martin July 9 (Bloomberg) -- `: a byline, then a date and an agency, with no place.
        if not (source or found):
            return Dateline(rest=paragraph)
        return Dateline("", source, found, paragraph[after_paren:], ", ".join([*evidence, "a byline before it"]), location[3:].strip())
    if match.group("region"):
        location = f"{location} ({match.group('region')})"
    if match.group("country"):
        location = f"{location} ({match.group('country')})"
    if state:
        # `HAVANA, Cuba. –`: a full stop after a country's whole name ends the dateline; `Calif.` keeps its own.
        location = f"{location}, {state[:-1] if state.endswith('.') and state[:-1] in places.cities else state}"
    rest = paragraph[after_paren:]
    return Dateline(location, source, found, rest, ", ".join(evidence), author, headline)


_GLUED_CAPITALS_RE = re.compile(r"(?<=[a-z])(?P<place>[A-Z]{3,}(?: [A-Z]{2,}){0,2})$")


def _capital_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _byline_before_capitals(location: str, known: bool, places: PlaceNames) -> tuple[str, str]:
    """Split `Fayette C. Riñen CEBU` or `By Ed de Leon LEGAZPI CITY` into the place in capitals and the byline before it.

    Wire datelines set the place in capitals; a name in mixed case run on before it is the reporter's.
    """
    glued = _GLUED_CAPITALS_RE.search(location)
    if glued and glued.group("place") in places.towns:
        # `REUTERS/Kim Hong-JiSEOUL`: a photo credit run into the place; the credit is nobody's byline.
        return glued.group("place"), ""
    words = location.split(" ")
    cut = len(words)
    while cut > 0 and _capital_word(words[cut - 1]):
        cut -= 1
    head, place = " ".join(words[:cut]), " ".join(words[cut:])
    if not head or not place or not any(c.islower() for c in head) or not (known or place in places.towns):
        return location, ""
    return place, _BYLINE_OPENING_RE.sub("", head)


# What opens a byline before the reporter's name: `By`, `BY:`, `From Correspondent`, `From our correspondent`.
_BYLINE_OPENING_RE = re.compile(r"^(?:By|BY|From)\b:?\s*(?:(?:our\s+)?[Cc]orrespondent\s+)?")


# The last word of a region's name in brackets after its town: `Kumasi (Ashanti Region)`.
_REGION_WORDS = frozenset(("region", "province", "state", "district", "county", "governorate", "prefecture", "department", "oblast"))


def _names_a_place(paren: str, location: str, places: PlaceNames) -> bool:
    """Whether a bracket after a place names its country or region: a known place, or a region after a known town."""
    if paren in places.towns:
        return True
    words = paren.split()
    regional = len(words) <= 4 and all(word[:1].isupper() for word in words)
    return regional and location in places.towns and (words[-1].casefold() in _REGION_WORDS or words[0] == "Greater")


def _spaces(text: str, at: int) -> int:
    """How many whitespace characters start at `at`."""
    return len(text[at:]) - len(text[at:].lstrip())


# A company's stock ticker in brackets (`(NASDAQ:FB)`, `(NYSE: BMY)`, `(TSX-V: ABC)`): never an agency's credit.
_TICKER_RE = re.compile(
    r"(?i:nasdaq|nyse(?: american| mkt)?|amex|tsx(?:-?v)?|asx|lse|aim|otc\w*|cse|bse|nse|hkex|sgx|jse)\s*:\s*[\w.]{1,8}"
)


def _read_paren(text: str) -> tuple[str, FoundDate | None, bool]:
    """Split `(UrduPoint News / Sputnik - 20th March, 2021)` into agency, date, and whether the agency is a known one."""
    if _TICKER_RE.fullmatch(text.strip()):
        return "", None, False
    # `(TTXVN 10/10/2022)`: a date in figures with its year, too.
    match = DATE_RE.search(text) or NUMERIC_DATE_RE.search(text)
    found = read_date(match) if match else None
    agency = text[: match.start()] if match else text
    agency = agency.strip(" -–—,;/|&")
    if match and not agency:
        # `(March 4, 1998 - PACNEWS)`: the date first, then the agency.
        agency = text[match.end() :].strip(" -–—,;/|")
    known = agency_name(agency)
    joint = [part for part in re.split(r"\s*/\s*|(?<=\w)-(?=\w)", agency) if part]
    if not known and len(joint) > 1 and all(agency_name(part) for part in joint):
        # `Moskau (ap/dpa) —`, `La Paz, Nov 10 (efe-epa).-`: a joint credit of known agencies, written as it stands.
        return agency, found, True
    if not known and len(joint) == 2 and agency_name(joint[0]) and joint[1].isalpha() and joint[1].islower() and len(joint[1]) <= 4:
        # `Hamburg (dpa/lno) -`: a known agency and its regional service's code, written as it stands.
        return agency, found, True
    if (
        not known
        and len(joint) > 1
        and any(agency_name(part) for part in joint)
        and all(part.isalpha() and len(part) <= 5 for part in joint)
    ):
        # `Paris (awp/afp) -`, `Bern (sda/dpa) -`: a joint credit of short agency names, one of them known.
        return agency, found, True
    if not known and " " in agency:
        # `(BEIJING XINHUA)`, `(PARIS AFP)`: the agency's home desk, then its name.
        known = agency_name(agency.split(" ", 1)[1])
    words = agency.split()
    if not known and len(words) >= 4:
        # `(RIA Novosti political commentator Vladimir Simonov.)`: a known agency, then who of it wrote the story.
        known = next((agency_name(" ".join(words[:count])) for count in (3, 2, 1) if agency_name(" ".join(words[:count]))), "")
    if known:
        return known, found, True
    credit, comma, person = agency.partition(", ")
    names = person.split()
    if comma and 2 <= len(names) <= 3 and all(name[:1].isupper() and name[1:].isalpha() and name[1:].islower() for name in names):
        # `(Новый Регион, Юлия Шатова)`, `(Reuters, Jane Doe)`: the agency, then its reporter's name.
        agency = agency_name(credit) or credit
    # Other agencies are capitalised names ("UrduPoint News / Sputnik"), or short ones like "dpa".
    short = agency.isalpha() and len(agency) <= 5
    words = [word for word in agency.split() if any(c.isalnum() for c in word)]
    # `(ots-PRNewswire)`: one word with capitals inside is a wire's brand, whatever its first letter.
    branded = " " not in agency and any(c.isupper() for c in agency[1:])
    # A script without capitals (Arabic, Urdu, Bengali, Hebrew) starts every name with a letter of no case: `(سب نیوز)`.
    if not agency or not (_opens_story(agency[:1]) or short or branded or _WEB_ADDRESS.fullmatch(agency)) or len(words) > 6:
        agency = ""
    if _BYLINE_LEAD_RE.match(agency):
        agency = ""  # `(By Ernesto Cooke) – `: a byline in brackets names a reporter, not an agency
    return agency, found, False


def kept_places(cache_dir: Path | None) -> PlaceNames:
    """The dateline gazetteers, kept as lists in `cache_dir` (None: read from GeoNames on first use)."""
    return PlaceNames(Gazetteer(cache_dir, "dateline-places"), Gazetteer(cache_dir, "dateline-cities"))


@functools.cache
def default_places() -> PlaceNames:
    """The dateline gazetteers when the caller keeps none (tests, benches): GeoNames' names, read once a process."""
    return kept_places(None)


_BYLINE_RE = re.compile(
    # `Por Herbeth Escalante`, `Por: Adán Mondragón`: the Spanish and Portuguese "by" too.
    r"(?i:by|por:?)\s+(?P<name>[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|van|von|de|da|di|del|la|le|al|bin|and|&)){0,6}?)"
    # `By RNZ Pacific staff`: a desk's credit, its role in small letters.
    r"(?:\s+(?:staff|reporters?|correspondents?|writers?|desk))?"
    r"(?:\s*(?:,|\||-|–|—)\s*(?P<org>[A-Z][\w.' &/-]{1,40}))?\s*"
)
# A byline that a page's layout ended with a run of spaces instead of a line break: `By Tom Hussain  Islamabad: `.
_BYLINE_BEFORE_SPACES_RE = re.compile(r"(?i:by)\s+[A-Z][^\n]{1,50}?(?= {2,}|\t)")
_CREDITED_BYLINE_RE = re.compile(
    r"(?i:by|por|texto|text|von|par|di)\s*:?\s+(?P<name>[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|van|von|de|da|dos|di|del)){1,4})(?=\s*[,*|/]|\s*$)"
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


# Lines wire services send above a story, which are not the story: AP's slug (`BC-Britain-Royals,0456`,
# `AM-Storm-Florida, 1st Ld-Writethru`), editors' notes, and the line under a byline naming the reporter's desk.
_WIRE_NOTE_RE = re.compile(
    r"(?:BC|AM|PM)-\S+(?:\s+\S+){0,6}"
    r"|(?:Eds?|EDS?|Editors?|EDITORS?)(?:'S|'s)?(?:\s+(?:NOTE|Note))?\s*:.*"
    r"|(?:(?:The\s+)?Associated\s+Press|AP|Reuters|UPI|AFP|Bloomberg(?:\s+News)?)(?:\s+[A-Z][a-z]+){0,2}\s+(?:Writer|Correspondent|Reporter|Staff)s?"
)


def parse_meta_line(line: str) -> MetaLine | None:
    """Recognise `By NAME`, `Published: DATE`, a line that is only a date, a wire's own note line or a desk's label; None
    otherwise."""
    line = line.strip()
    if not line or len(line) > META_LINE_LIMIT:
        return None
    if _WIRE_NOTE_RE.fullmatch(line) or _is_desk_label(line):
        return MetaLine()  # a wire's note, or a desk's label (`For Immediate Release`, `Breaking News`): not the headline
    byline = _BYLINE_RE.fullmatch(line) if len(line) <= 80 else None
    if byline and byline.group("name").split()[0].lower() not in _NOT_NAMES:
        return MetaLine(author=byline.group("name").strip())
    published = _PUBLISHED_RE.fullmatch(line)
    if published:
        found = parse_date_text(published.group("rest"))
        if found:
            return MetaLine(date=found)
    bare = DATE_RE.match(line)
    if bare and not line[bare.end() :].strip(" .,|-"):
        found = read_date(bare)
        if found:
            return MetaLine(date=found)
    return None
