"""Saved web pages (.html/.htm, "Save as… complete" or not): the article's text and the fields the page states.

trafilatura finds the main text; the fields come first from what the page says outright
(Open Graph, JSON-LD, canonical link, <time>), which is more exact than its guesses.

Work on a hostile page is bounded before and after parsing: the byte size (MAX_SEED_BYTES), the
number of start tags in the source, the nesting depth (libxml2 keeps 255 levels), and the number of
content elements and characters handed to the extractor, whose time grows with them (about 0.1 ms
an element, 0.4 s a million characters).
"""

from __future__ import annotations

import codecs
import html
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from .entries import MAX_PARAGRAPHS, MAX_SEED_BYTES, SeedEntry, SkippedEntry
from .text import word_set

# Start tags counted in the source before parsing: bounds the parser's memory (~100 MB at the limit).
MAX_SOURCE_TAGS = 300_000
# Elements left once scripts, styles and SVG are dropped: bounds extraction to a few seconds.
MAX_CONTENT_ELEMENTS = 20_000
# Visible characters: twice a long feature (MAX_PARAGRAPHS of 1,000 characters); beyond it a page is a book or a dump.
MAX_TEXT_CHARS = 2_000_000

# Publication dates come from the page's markup only, never its prose, and never from the clock:
# htmldate's default latest plausible date is today, which would make a build depend on the day it ran.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}

# Elements whose content is never article text; JSON-LD scripts are kept for trafilatura's metadata.
_NOT_CONTENT = ("style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas")

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"wOFF", "a WOFF font"),
    (b"wOF2", "a WOFF2 font"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"OggS", "Ogg audio/video"),
    (b"ID3", "MP3"),
    (b"\x1a\x45\xdf\xa3", "WebM/Matroska"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office file"),
)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# Characters XML 1.0 forbids (C0 controls but tab, newline and return; two non-characters).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_START_TAG = re.compile(r"<[A-Za-z]")
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACE = re.compile(r"\s+")
_SEPARATOR = r"\s+(?:\||-|—|–|::)\s+"
_TITLE_SUFFIX = re.compile(rf"^(?P<head>.+){_SEPARATOR}(?P<tail>.+?)$")
# Chinese, Japanese and Korean sites join the site's name without spaces: "…注意報：朝日新聞デジタル", "…_好奇心日报".
_TITLE_SUFFIX_UNSPACED = re.compile(r"^(?P<head>.+?)\s*[|｜：_ㅣ]\s*(?P<tail>[^|｜：_ㅣ]+)$")
# What may stand between a headline and a kicker, section, date or site around it: a separator, after or
# before any punctuation ("…発売。｜サンワサプライ"). Not a colon: "Kenia: Nairobi von unten" is one headline.
_AFFIX_BEFORE = re.compile(r"(?:\s[|\-–—·•»/]|[|｜_ㅣ»])\W*$")
_AFFIX_AFTER = re.compile(r"^\W*(?:[|\-–—·•«/]\s|[|｜_ㅣ«])")
_DATE_STAMP_SUFFIX = re.compile(r"\s+(?:[:|–—-])\s+\d{1,2}[./]\d{1,2}[./](?:19|20)?\d\d(?:,?\s+\d{1,2}[.:]\d\d(?:\s*(?:Uhr|h))?)?\s*$")
_TRAIL_SEPARATOR = re.compile(rf"{_SEPARATOR}|\s+[»›]\s+")
_SEGMENT = re.compile(rf"{_SEPARATOR}|\s*[|｜：_ㅣ]\s*")
_UNDERSCORE_SECTION = re.compile(r"^(?P<head>.+?)\s*_\s*[^_\s]{1,6}$")
_UNSPACED_SCRIPT = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BYLINE = re.compile(r"^(?:by|von|par|por|di)\s+", re.IGNORECASE)


def read_html(data: bytes) -> list[SeedEntry | SkippedEntry]:
    """Read a saved web page into one SeedEntry (main text and stated fields), or a SkippedEntry saying why not."""
    if len(data) > MAX_SEED_BYTES:
        return _skip(f"page too large: {len(data):,} bytes (the limit is {MAX_SEED_BYTES:,})")
    if not data.strip():
        return _skip("empty page: the file has no content")
    kind = _binary_kind(data)
    if kind is not None:
        return _skip(f"not a web page: its bytes are binary{f' (looks like {kind})' if kind else ''}")
    # Control characters are invisible in a browser, but one left in the tree makes trafilatura drop the whole text.
    text = _CONTROL_CHARS.sub("", _decode(data))
    tags = len(_START_TAG.findall(text))
    if tags > MAX_SOURCE_TAGS:
        return _skip(f"page too large to read: {tags:,} tags (the limit is {MAX_SOURCE_TAGS:,})")

    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError):
        return _skip("empty page: it has no elements or text")
    if any("Excessive depth" in error.message for error in parser.error_log):
        # libxml2 stops at 256 open elements and drops the rest of the page, so nothing read can be trusted.
        return _skip("page nested too deeply to read: over 255 levels of tags (real pages use a few dozen)")

    stated = _page_fields(tree, text)
    etree.strip_elements(tree, *_NOT_CONTENT, with_tail=False)
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            script.drop_tree()
    visible = _visible_chars(tree)
    if not visible:
        return _skip("empty page: it has no visible text")
    if visible > MAX_TEXT_CHARS:
        return _skip(f"too much text for one story: {visible:,} characters (the limit is {MAX_TEXT_CHARS:,})")
    tree = _within_bounds(tree)
    if tree is None:
        return _skip(f"page too large to read: over {MAX_CONTENT_ELEMENTS:,} elements and no single <article> or <main> within that")

    document = trafilatura.bare_extraction(
        tree,
        url=stated.source_url or None,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=True,
        date_extraction_params=dict(_DATE_PARAMS),
    )
    document = document or Document()
    guessed_site = _clean(document.sitename)
    candidates = list(stated.title_candidates)
    if _key(guessed_site) in {_key(text) for text in (*candidates, *stated.headings)}:
        guessed_site = ""  # trafilatura's guess at the site's name is sometimes the headline itself
    source = stated.source or guessed_site
    site_names = stated.site_names | {source, guessed_site}
    # trafilatura's title is its own split of <title> at any separator: a last resort, never evidence of a site name.
    title = _title(candidates, site_names, stated.source_url, stated.headings, stated.subheadings, stated.page_headings)
    title = title or _clean(document.title)
    paragraphs = _paragraphs(document.text or "")
    if not any(candidates[:2] + candidates[3:4]):
        title = _headline_without_metadata(title, stated, paragraphs, tree)
    # The headline opens most article bodies; it is the title, not the story's first paragraph.
    headlines = {_key(title), *(_key(candidate) for candidate in candidates)} - {""}
    while paragraphs and _key(paragraphs[0]) in headlines:
        paragraphs.pop(0)
    if not paragraphs:
        return _skip("no article text found: the page may be an index, a login or cookie wall, or draw its text with scripts")
    if len(paragraphs) > MAX_PARAGRAPHS:
        return _skip(f"too many paragraphs for one story: {len(paragraphs):,} (the limit is {MAX_PARAGRAPHS:,})")

    return [
        SeedEntry(
            key="",
            paragraphs=tuple(paragraphs),
            title=title,
            author=stated.author or _author(document.author),
            published=stated.published or _parse_date(document.date),
            source=source,
            source_url=stated.source_url or _http_url(document.url),
            image_url=stated.image_url or _http_url(document.image),
            summary=stated.summary,
        )
    ]


def _skip(reason: str) -> list[SeedEntry | SkippedEntry]:
    return [SkippedEntry(key="", reason=reason)]


def _binary_kind(data: bytes) -> str | None:
    """The format of a binary file ("" when unknown), or None when the bytes can be text."""
    head = data[:64]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime"
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    sample = data[:4096]
    if b"\0" in sample:
        # UTF-16 without a byte-order mark has a NUL in every other byte of ASCII markup.
        if any(part.count(0) > 0.9 * len(part) for part in (sample[0::2], sample[1::2])):
            return None
        return ""
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\n\r\f")
    return "" if controls > 0.01 * len(sample) + 2 else None


def _decode(data: bytes) -> str:
    """Decode by byte-order mark, then as UTF-8 if the bytes are, then the page's <meta> charset, then Windows-1252.

    Valid UTF-8 wins over a declared charset: pages are often re-saved as UTF-8 with their old
    <meta> left in place, and text in a legacy encoding is almost never valid UTF-8 by chance.
    Pure ASCII is left to the declaration (ISO-2022-JP is written in ASCII bytes).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    sample = data[:4096]
    if b"\0" in sample:
        return data.decode("utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be", errors="replace")
    if not data.isascii():
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    declared = _META_CHARSET.search(sample)
    if declared:
        encoding = _codec(declared.group(1).decode("ascii"))
        if encoding is not None:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass  # a page saved in another encoding than it declares: try the usual ones
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _codec(label: str) -> str | None:
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # Browsers read pages labelled Latin-1 or ASCII as Windows-1252 (WHATWG Encoding), and so do savers.
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return None  # a page stated in ASCII-compatible bytes cannot be UTF-16 (HTML5 reads it as UTF-8)
    return name


def _visible_chars(tree: lxml.html.HtmlElement) -> int:
    body = tree.find("body")
    return 0 if body is None else sum(len(text.strip()) for text in body.itertext())


def _within_bounds(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The tree if small enough, else its one <article> or <main> alone if that is, else None."""
    count = sum(1 for _ in tree.iter())
    if count <= MAX_CONTENT_ELEMENTS:
        return tree
    for path in ("//article", "//main", "//*[@itemprop='articleBody']"):
        found = tree.xpath(path)
        if len(found) == 1 and sum(1 for _ in found[0].iter()) <= MAX_CONTENT_ELEMENTS - 200:
            head = tree.find("head")
            narrowed = lxml.html.document_fromstring("<html><head></head><body></body></html>")
            if head is not None:
                narrowed.replace(narrowed.find("head"), head)
            narrowed.find("body").append(found[0])
            return narrowed
    return None


def _paragraphs(text: str) -> list[str]:
    """The extracted text's lines, but not a table's empty cells, which come out as a line of "|" alone."""
    return [line for line in (_clean(line) for line in text.splitlines()) if line.strip("| ")]


def _clean(value: object) -> str:
    """One line of plain text: no tags, single spaces."""
    if not isinstance(value, str):
        return ""
    # JSON-LD is not entity-decoded by the HTML parser, and some sites escape it as if it were.
    return _SPACE.sub(" ", _TAG.sub(" ", html.unescape(value))).strip()


# --- fields the page states ------------------------------------------------------------------


@dataclass(frozen=True)
class _Stated:
    """What the page's markup says outright, preferred to trafilatura's guesses."""

    title_candidates: tuple[str, ...]  # best first: og:title, JSON-LD headline, the one <h1>, twitter:title, <title>
    headings: tuple[str, ...]  # every distinct <h1> of the article (of the page if none is in <article> or <main>)
    subheadings: tuple[str, ...]  # the page's first <h2> to <h4> texts, where a <title>'s headline part may be repeated
    page_headings: tuple[str, ...]  # every distinct <h1> of the page, wherever it stands: the one showing the title sets its type
    outline: tuple[str, ...]  # the page's <h1> to <h4> texts in order, for a page that states no title at all
    site_names: frozenset[str]  # every name the page gives itself, to recognise a " | Site" affix
    source: str
    source_url: str
    author: str
    published: date | datetime | None
    image_url: str
    summary: str


def _page_fields(tree: lxml.html.HtmlElement, source: str) -> _Stated:
    """Fields read from meta tags, JSON-LD, links and <time>, before anything is removed from the tree."""
    meta: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = _clean(element.get("content"))
        if key and content and key not in meta:
            meta[key] = content
    ld = _json_ld(tree)
    article = next((item for item in ld if _is_article(item)), {})
    publisher = article.get("publisher") if isinstance(article.get("publisher"), dict) else {}
    websites = [item for item in ld if _types(item) & {"website", "organization", "newsmediaorganization"}]

    canonical = next((link.get("href") for link in tree.iter("link") if "canonical" in (link.get("rel") or "").lower().split()), None)
    saved_from = _SAVED_FROM.search(source[:4096])
    source_url = _first_url(
        canonical, meta.get("og:url"), _ld_url(article.get("mainEntityOfPage")), article.get("url"), saved_from and saved_from.group(1)
    )

    source_name = _clean(meta.get("og:site_name")) or _ld_name(publisher)
    site_names = frozenset(
        {
            source_name,
            _ld_name(publisher),
            meta.get("application-name", ""),
            meta.get("apple-mobile-web-app-title", ""),
            meta.get("twitter:site", "").lstrip("@"),
            *(_ld_name(item) for item in websites),
        }
    )

    headings = [_shown_text(h) for h in tree.xpath("//article//h1 | //main//h1")] or [_shown_text(h) for h in tree.iter("h1")]
    title_element = tree.find(".//title")
    title_candidates = (
        meta.get("og:title", ""),
        _clean(article.get("headline")),
        headings[0] if len(set(headings)) == 1 else "",
        meta.get("twitter:title", ""),
        _clean(title_element.text_content()) if title_element is not None else "",
    )

    lead_images = tree.xpath("//article//img/@src | //main//img/@src | //figure//img/@src")
    return _Stated(
        title_candidates=title_candidates,
        headings=tuple(dict.fromkeys(h for h in headings if h))[:20],
        subheadings=tuple(text for text in dict.fromkeys(_shown_text(h) for h in tree.xpath("//h2 | //h3 | //h4")[:40]) if text),
        page_headings=tuple(text for text in dict.fromkeys(_shown_text(h) for h in tree.xpath("//h1")[:40]) if text),
        outline=tuple(text for text in dict.fromkeys(_shown_text(h) for h in tree.xpath("//h1 | //h2 | //h3 | //h4")[:80]) if text),
        site_names=site_names,
        source=source_name,
        source_url=source_url,
        author=_author(article.get("author"))
        or _author(meta.get("author"))
        or _author(meta.get("article:author"))
        or _author(meta.get("byl"))
        or _author(meta.get("sailthru.author")),
        published=_published(tree, meta, article),
        image_url=_first_url(
            meta.get("og:image:secure_url"),
            meta.get("og:image"),
            meta.get("twitter:image"),
            meta.get("twitter:image:src"),
            _ld_url(article.get("image")),
            *(link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "image_src"),
            *lead_images[:1],
        ),
        summary=meta.get("description") or meta.get("og:description") or meta.get("twitter:description") or "",
    )


def _shown_text(element: lxml.html.HtmlElement) -> str:
    """An element's text as a reader sees it: without the style sheets and scripts some sites put inside a heading."""
    return _clean("".join(element.xpath(".//text()[not(ancestor::style or ancestor::script or ancestor::noscript or ancestor::template)]")))


def _json_ld(tree: lxml.html.HtmlElement) -> list[dict]:
    """Every JSON-LD object of the page, @graph members included; malformed blocks are ignored."""
    found: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            value = json.loads(script.text)
        except ValueError:
            continue
        stack = [value]
        while stack and len(found) < 200:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return found


def _types(item: dict) -> set[str]:
    value = item.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.lower() for v in values if isinstance(v, str)}


def _is_article(item: dict) -> bool:
    return any(t.endswith("article") or t in ("blogposting", "report", "liveblogposting") for t in _types(item))


def _ld_name(item: object) -> str:
    return _clean(item.get("name")) if isinstance(item, dict) else ""


def _ld_url(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or ""
    return value if isinstance(value, str) else ""


def _first_url(*candidates: object) -> str:
    for candidate in candidates:
        url = _http_url(candidate)
        if url:
            return url
    return ""


def _http_url(value: object) -> str:
    """An absolute http(s) address, or "" (relative paths point into a saved page's own _files folder)."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    if value.startswith("//"):
        value = "https:" + value
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc and not _SPACE.search(value):
        return value
    return ""


def _author(value: object) -> str:
    """A byline from a string, a JSON-LD Person or a list of them; web addresses are not names."""
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        names = [_author(item) for item in value]
        return ", ".join(dict.fromkeys(name for name in names if name))
    name = _BYLINE.sub("", _clean(value))
    if not name or "://" in name or name.startswith("www.") or len(name) > 200:
        return ""
    return name


def _published(tree: lxml.html.HtmlElement, meta: dict[str, str], article: dict) -> date | datetime | None:
    times = tree.xpath("//time[@itemprop='datePublished']/@datetime | //article//time/@datetime")
    for candidate in (
        meta.get("article:published_time"),
        article.get("datePublished"),
        meta.get("datepublished"),
        *times[:1],
        meta.get("og:published_time"),
        meta.get("pubdate"),
        meta.get("publishdate"),
        meta.get("parsely-pub-date"),
        meta.get("sailthru.date"),
        meta.get("dc.date.issued"),
        meta.get("dc.date"),
        meta.get("date"),
    ):
        parsed = _parse_date(candidate)
        if parsed is not None:
            return parsed
    return None


def _parse_date(value: object) -> date | datetime | None:
    """An ISO 8601 date or time: a datetime when it has a time and zone, else the date alone."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
        if not match:
            return None
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if not 1990 <= parsed.year <= 2100:
        return None
    if parsed.tzinfo is not None and len(text) > 10:
        return parsed
    return parsed.date()


# --- the headline without the site's name ------------------------------------------------------


def _title(
    candidates: list[str],
    site_names: frozenset[str],
    source_url: str,
    headings: tuple[str, ...] = (),
    subheadings: tuple[str, ...] = (),
    page_headings: tuple[str, ...] = (),
) -> str:
    """The first headline candidate, without a " | Site" (or "Site - ") affix and without a kicker or section
    around a headline the page states on its own elsewhere (an <h1> or the JSON-LD headline)."""
    names = {_key(name) for name in site_names if _key(name)}
    host = urlsplit(source_url).hostname or ""
    labels = [label for label in host.lower().split(".") if label not in ("www", "m", "amp", "edition", "mobile")]
    if labels:
        names |= {_key("".join(labels)), _key(labels[0]), _key(".".join(labels))}
    # A site named in one candidate's affix (the <title>'s " | ZDNet") names the site for all of them; the
    # headline is most of that candidate, else "Brexit - what happens next" beside an <h1> "Brexit" would lose its point.
    for candidate in candidates:
        match = _TITLE_SUFFIX.match(candidate)
        if (
            match
            and 2 * len(match["head"]) >= len(candidate)
            and any(_key(match["head"]) == _key(other) for other in candidates if other is not candidate)
        ):
            names.add(_key(match["tail"]))
        parts = re.split(_SEPARATOR, candidate, maxsplit=1)
        if (
            len(parts) == 2
            and 2 * len(parts[1]) >= len(candidate)
            and any(_key(parts[1]) == _key(other) for other in candidates if other is not candidate)
        ):
            names.add(_key(parts[0]))
        # "Headline » Section » Site": a candidate that opens with another headline, then separated parts, ends
        # with the site's name (which an <h1> may carry glued on, as its logo link: "…InfantaUltima Hora Mallorca").
        for other in candidates:
            if other and other is not candidate and len(other) < len(candidate) <= 2 * len(other) and candidate.startswith(other):
                parts = _TRAIL_SEPARATOR.split(candidate[len(other) :])
                if len(parts) > 1 and not parts[0].strip() and _key(parts[-1]):
                    names.add(_key(parts[-1]))
        # A part opening or closing the candidate that starts with the site's own name ("Gregory Szorc's Digital Home |
        # …" on gregoryszorc.com, "… | AOC media - Analyse Opinion Critique" on aoc.media) is the site, when the
        # headline is the longer part ("NYTimes sues OpenAI - The New York Times" keeps its headline).
        site_key = _key(labels[0]) if labels else ""
        first = re.split(_SEPARATOR, candidate, maxsplit=1)
        if len(site_key) >= 5 and len(first) == 2:
            for affix, rest in ((first[0], first[1]), (first[1], first[0])):
                if _key(affix).startswith(site_key) and len(affix) < len(rest):
                    names.add(_key(affix))
        # The other way round: an <h1> that is the short last part of another title ("好奇心日报" of "…_智能_好奇心日报")
        # is the site's name as its logo (a first part is more often the headline: "A Loft — House Call | Site").
        heading = candidates[2] if len(candidates) > 2 else ""
        segments = _SEGMENT.split(candidate)
        if heading and len(segments) > 1 and _key(segments[-1]) == _key(heading) and 2 * len(heading) < len(candidate):
            names.add(_key(heading))
    names.discard("")
    candidates = [_unbroken(candidate, candidates) for candidate in candidates]
    heading = candidates[2] if len(candidates) > 2 else ""
    if heading and not _trusted_heading(heading, candidates, names):
        candidates[2] = heading = ""
    for index, candidate in enumerate(candidates):
        if candidate:
            others = [c for i, c in enumerate(candidates) if c and i != index] + [h for h in headings if h not in candidates]
            title = _strip_site(_core(candidate, others, names) or candidate, names)
            if heading and heading != title and len(_words(heading)) >= 2 and heading in title and not _kicker_before(title, heading):
                # What readers see: a meta title that pads the page's own <h1> ("Recipe for Lemon Drizzle Cake | Bakes",
                # "Dead bumblebees under limes: the explanation") is written for search and sharing. A kicker before
                # the <h1> stays: the page shows it above the headline.
                title = heading
            if not heading:
                title = _fuller_shown_headline(title, page_headings, _strip_site(candidates[-1], names)) or title
            title = _stated_part(title, subheadings)
            # With no <h1> stating it, the headline may stand in an <h2> or <h3> (a blog's or an old CMS's post title).
            shown = _strip_site(heading, names) if heading else _shown_twin(title, page_headings) or _shown_twin(title, subheadings)
            return _typeset_twin(title, [_strip_site(other, names) for other in others], shown)
    return ""


# Words too common to tell a headline from a site's name.
_COMMON_WORDS = word_set(
    """the and for with from that this are was were has have had will not but its his her they their you your our new news
    more about after over into than what when who how why all can one two"""
)
# Separators between a <title>'s parts on pages that mark nothing up: also a spaced colon, ">" and "--" (breadcrumbs).
_TITLE_PART = re.compile(rf"{_SEPARATOR}|\s+(?::|>|--|»|›)\s+")
# A <title> part is the headline when the story uses at least this share of its words (the story's words are not the
# headline's: "imposing challenge" is told as "pushed each undefeated team") and this much more than of any other part's.
STORY_WORDS = 0.3
STORY_MARGIN = 0.2
# ... and at most this share of every other part's words: a site's name may share one word in two with the story, or
# with the page's chrome that the story's text was read with ("Blayney Chronicle").
FOREIGN_PART = 0.5


# A title the story tells of no more than this share of may be a section's or a site's name (`_headline_without_metadata`).
TITLE_HALF_TOLD = 0.5
# A paragraph of fewer words is a heading, a byline or a caption, not the story telling.
STORY_PARAGRAPH_WORDS = 12


def _story_words(text: str) -> set[str]:
    """A text's words of three letters or more, in small letters, without the commonest ones."""
    return {word for word in re.findall(r"\w{3,}", text.casefold()) if word not in _COMMON_WORDS and not word.isdigit()}


def _story_of(paragraphs: list[str]) -> set[str]:
    """The words of the story's first dozen paragraphs."""
    return _story_words(" ".join(paragraphs[:12]))


def _share_told(text: str, story: set[str]) -> float:
    """The share of a text's words that the story uses (0 for a text without words)."""
    words = _story_words(text)
    return len(words & story) / len(words) if words else 0.0


def _headline_without_metadata(title: str, stated: _Stated, paragraphs: list[str], tree: lxml.html.HtmlElement) -> str:
    """The headline of a page with no og:title, JSON-LD or twitter:title, where the <title> and the headings are all
    there is and no site's name is marked: the title read so far, checked against the story's own words."""
    headings = (*stated.page_headings, *stated.subheadings)
    title_tag = stated.title_candidates[4]
    story = _story_of(paragraphs)
    title = _told_by_the_story(title, story, headings) or _told_by_the_story(title_tag, story, headings, title) or title
    title = title or _first_told_heading(stated.outline, story)
    lines, nodes = _page_lines(tree)
    start = _story_start(lines, paragraphs)
    title = _shown_part(title, lines, start) or title
    told = _share_told(title, story)
    above = _line_above_the_story(lines, nodes, start, paragraphs) if told <= TITLE_HALF_TOLD else ""
    outline = {_typewriter(h) for h in stated.outline}
    if told < STORY_MARGIN and above and (_typewriter(title) not in outline or _shown_before(title, above, lines, start)):
        # A title the story never tells of names the site or a section, not the story: so does a heading that stands
        # above the story's own headline line (the section's <h1> "Local Sports Wire" over the story's <h2>).
        title = above
    elif start is not None and told <= TITLE_HALF_TOLD and not _shown_above(title, lines, start):
        # Nor is a title the story tells of no more than half that stands nowhere near the story (a section's name
        # as the <h1>, "Local Sports Wire"), when a headline stands just above it.
        title = above or title
    return title


def _told_by_the_story(title: str, story: set[str], headings: Collection[str], taken: str = "") -> str:
    """On a page with no headline metadata, the part of a title still made of parts whose words the story (`_story_of`) uses
    most, when it uses the other parts' words clearly less; "" when no part stands out, or when a heading of the page
    states the whole title (then its parts are one headline: "Hund vertreibt Einbrecher – Zeugenaufruf").

    Without og:title or JSON-LD, nothing marks which part of "San Bernardino County Sun - USC has imposing challenge"
    is the site's name. The story's own words do: a headline sums up its story ("USC has faced No. 2 Memphis..."),
    a site's or section's name does not.
    """
    if not title or _unspaced(title) or _typewriter(title) in {_typewriter(heading) for heading in headings}:
        return ""
    parts = [part.strip() for part in _TITLE_PART.split(title)]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return ""

    def told(text: str) -> float:
        return _share_told(text, story)

    if taken and (taken not in parts or told(taken) >= FOREIGN_PART):
        return ""  # the part taken from the whole <title> is told of by the story: it stays
    # A part of one word ("Sport", "National") names a section, which a story may well use: neither headline nor rival.
    worded = [part for part in parts if len(_story_words(part)) >= 2]
    if not worded:
        return ""
    best = max(worded, key=told)
    runner_up = max((told(part) for part in worded if part is not best), default=0.0)
    # The other parts must be foreign to the story, as names are: a subtitle ("… – Danke an die Community") is not.
    if (
        len(best.split()) >= max(3, len(taken.split()) + 1)
        and told(best) >= STORY_WORDS
        and told(best) >= runner_up + STORY_MARGIN
        and runner_up <= FOREIGN_PART
    ):
        return best
    return ""


# How many lines before the story's first one its headline may stand (a byline, a date and a picture's caption between).
LINES_ABOVE = 8


def _page_lines(tree: lxml.html.HtmlElement) -> tuple[list[str], list[Any]]:
    """The page's text nodes in order, each with its white space made single (the lines a reader sees), and the nodes."""
    nodes = tree.xpath("//body//text()[normalize-space()]")
    return [" ".join(text.split()) for text in nodes], nodes


# Elements that run inside a line of text: a text node beside one that holds words is a piece of a sentence.
_INLINE = frozenset({"a", "abbr", "b", "cite", "code", "em", "font", "i", "q", "s", "small", "span", "strong", "sub", "sup", "u"})


def _worded(element: Any) -> bool:
    """Whether `element` is an inline element that holds words."""
    return element is not None and element.tag in _INLINE and bool(re.search(r"\w", element.text_content()))


def _piece_of_a_sentence(node: Any) -> bool:
    """Whether a text node runs on into a link or emphasis beside it ("As dinosaurs evolved into birds (" <a>…</a>)."""
    parent = node.getparent()
    if parent is None:
        return False
    if node.is_tail:
        return _worded(parent) or _worded(parent.getnext())
    return len(parent) > 0 and _worded(parent[0])


def _story_start(lines: list[str], paragraphs: list[str]) -> int | None:
    """The index of the page line where the story starts, or None when no line of the page is a line of the story."""
    # The story starts with its first paragraph of some length: a table's empty cells or a byline come first on some pages.
    first = next((paragraph for paragraph in paragraphs if len(paragraph.split()) >= 20), "")
    if not first or _unspaced(first):
        return None
    # The first line of the page that is a line of the story (the extractor may have joined table cells into it).
    start = next((n for n, line in enumerate(lines) if len(line.split()) >= STORY_PARAGRAPH_WORDS and line[:40] in first), None)
    if start is None:
        return None
    told = " ".join(paragraphs)
    # A shorter first paragraph of the story ("DENVER (AP) — The NFC rushing title ...") may stand above that one.
    while start > 0 and len(lines[start - 1].split()) >= STORY_PARAGRAPH_WORDS and lines[start - 1][:40] in told:
        start -= 1
    return start


def _shown_above(title: str, lines: list[str], start: int) -> bool:
    """Whether the page shows `title` just above the story (`_lines_above`) or as its first line."""
    folded = _typewriter(title)
    return any(folded in _typewriter(lines[number]) for number in [*_lines_above(lines, start), start])


def _lines_above(lines: list[str], start: int) -> list[int]:
    """The numbers of the last LINES_ABOVE lines with a word before the story's first line."""
    # Lines without a word (a "|" between links, the "A" of a text-size button) do not count as lines between.
    return [number for number in range(start) if re.search(r"\w\w", lines[number])][-LINES_ABOVE:]


def _shown_before(title: str, line: str, lines: list[str], start: int | None) -> bool:
    """Whether the page shows `title` on a line above `line`, both before the story's first line `start`."""
    if start is None:
        return False
    folded = _typewriter(title)
    shown_at = [number for number in range(start) if _typewriter(lines[number]) == folded]
    return bool(shown_at) and shown_at[-1] < max(number for number in range(start) if lines[number] == line)


# A date with its year, or a clock time: a byline's or a time stamp's line, never a headline ("January 11, 2008 4:13 PM ET").
_STAMP = re.compile(
    r"\b\d{1,2}:\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


def _line_above_the_story(lines: list[str], nodes: list[Any], start: int | None, paragraphs: list[str]) -> str:
    """The line of text just above where the story starts (`_story_start`), when it reads as its headline: three to
    thirty words, not in capitals, not a sentence ending in a full stop, no date or time stamp, two thirds of them words
    the story uses. For pages whose headline is set in a table cell or a <font> beside a <title> that names only the
    site; "" if no such line."""
    if start is None:
        return ""
    told = " ".join(paragraph for paragraph in paragraphs if len(paragraph.split()) >= STORY_PARAGRAPH_WORDS)
    for number in reversed(_lines_above(lines, start)):
        line, node = lines[number], nodes[number]
        headline_like = (
            not _piece_of_a_sentence(node)
            and 3 <= len(line.split()) <= 30
            and len(_story_words(line)) >= 3
            and (line[0].isalnum() or line[0] in "\"'“‘")
            and not line.isupper()
            and not line.endswith((".", ":", ","))
            and not _STAMP.search(line)
        )
        # Not the line itself among the story's words, if the extractor joined it to the story.
        if headline_like and 3 * _share_told(line, _story_words(told.replace(line, " ", 1))) >= 2:
            return line
    return ""


# Before a part of the <title> the page shows alone: a section or a site and a separator or colon ("Music- ", "Xbox News: ").
# Not a slash, which parts a headline as often as a title ("Dare to Play 3 / October pack").
_SHOWN_AFTER = re.compile(r"(?:[|\-–—·•»:_>]|\s::)\s*$")
# After it: a separator, or a site's name in brackets ("_English_Xinhua", " - OurSports Central", " (from Harrow Times)").
_SHOWN_BEFORE = re.compile(r"^\s*(?:[|\-–—·•«_<]|::|\()")


def _shown_part(title: str, lines: list[str], start: int | None) -> str:
    """The part of a title with no metadata around it that the page shows as a line of its own, when what the title
    adds is set off by a separator: "Music- Lavigne lawsuit settled" above the story "Lavigne lawsuit settled". A
    section, kicker or site's name rides along in a <title> but not beside the headline shown. Of several such parts
    the last shown up to the story's start (`_story_start`, if known), as the site's name shown is its logo, at the
    top; "" if none is shown."""
    folded = _typewriter(title)
    shown = []
    # The story's first line may be the headline itself, when the extractor took it for a paragraph.
    for line in lines[: start + 1] if start is not None else lines:
        line_folded = _typewriter(line)
        if len(_words(line)) < 3 or line_folded == folded or line_folded not in folded:
            continue
        # Where it stands in the title as written (the typewriter's "..." for "…" would shift it).
        at = title.lower().find(line.lower())
        if at < 0:
            continue
        before, after = title[:at], title[at + len(line) :]
        if (not before or _SHOWN_AFTER.search(before)) and (not after or _SHOWN_BEFORE.match(after)):
            shown.append(line)
    return shown[-1] if shown else ""


def _first_told_heading(outline: tuple[str, ...], story: set[str]) -> str:
    """For a page that states no title anywhere (no <title>, no metadata, no one <h1>): its first heading whose words,
    three or more, the story (`_story_of`) mostly uses; "" if none. Not one in capitals: those label the page's boxes."""
    for heading in outline:
        if (
            len(heading.split()) <= 30
            and len(_story_words(heading)) >= 3
            and not heading.isupper()
            and 2 * _share_told(heading, story) >= 1
        ):
            return heading
    return ""


def _shown_twin(title: str, headings: tuple[str, ...]) -> str:
    """The one <h1> of several (a logo's, a teaser's and the story's) that states `title` as readers see it: the same
    words, set in their own case and quotes ("Ceres’ tenuous atmosphere" shown, "Ceres' tenuous atmosphere" in og:title)."""
    found = [heading for heading in headings if _typewriter(heading) == _typewriter(title)]
    return found[0] if len(set(found)) == 1 else ""


def _fuller_shown_headline(title: str, page_headings: tuple[str, ...], title_tag: str) -> str:
    """The <h1> among several that states more than `title` (a shortened og:title: "US Soccer Faces Must-Win Pressure")
    around all of its words, when the <title> states that same longer headline: two statements of it against one."""
    short = _typewriter(title)
    fuller = [h for h in page_headings if len(h) > len(title) and short in _typewriter(h) and _typewriter(h) == _typewriter(title_tag)]
    return fuller[0] if len(fuller) == 1 else ""


def _stated_part(title: str, subheadings: tuple[str, ...]) -> str:
    """The one part of a title made of parts that the page also sets as a heading, when it is the longest part:
    "Der Genossenschaftsverband Bayern im Porträt | Genossenschaftsverband Bayern (GVB)" beside an <h2> of the first."""
    parts = [part.strip() for part in _SEGMENT.split(title)]
    if len(parts) < 2:
        return title
    stated = [part for part in parts if part in subheadings and len(_words(part)) >= 3]
    if len(stated) == 1 and len(stated[0]) == max(map(len, parts)):
        return stated[0]
    return title


def _kicker_before(title: str, heading: str) -> bool:
    """Whether `title` is `heading` with a kicker before it: "Nach Gaetz-Rückzug: Trump-Anwältin soll ..."."""
    return title.endswith(heading) and bool(re.search(r"(?::|\s[-–—|])\s*$", title[: -len(heading)]))


def _unbroken(candidate: str, candidates: list[str] | tuple[str, ...]) -> str:
    """A meta tag's headline cut short by a quotation mark the page left unescaped in its attribute, made whole again.

    `content="Senator calls Biden "unfit""` ends at `Biden `; the <title> or <h1> that goes on with the quote
    is the headline the tag meant.
    """
    for other in candidates:
        if candidate and len(other) > len(candidate) and other.startswith(candidate) and other[len(candidate) :].lstrip()[:1] == '"':
            return other
    return candidate


# Typewriter stand-ins for dashes, for the quotes of languages that open them low („…“, ‚…‘), and three dots for an ellipsis.
_TYPEWRITER_DASHES = str.maketrans({"–": "-", "—": "-", "…": "..."})
_TYPEWRITER_LOW_QUOTES = str.maketrans({"„": '"', "“": '"', "‚": "'", "‘": "'", "–": "-", "—": "-", "…": "..."})
# Every quote, apostrophe, dash and ellipsis by its typewriter stand-in: the low-opening ones and the closing ones.
_TYPEWRITER = {**_TYPEWRITER_LOW_QUOTES, **str.maketrans({"”": '"', "’": "'"})}


def _typewriter(text: str) -> str:
    """`text` as a typewriter sets it, in small letters: two statements of a headline that differ only in typesetting agree."""
    return text.translate(_TYPEWRITER).casefold()


def _typeset_twin(title: str, others: list[str], heading: str = "") -> str:
    """The page's own typesetting of the headline: another statement of it that differs only by dashes or an ellipsis,
    or by low-opening quotes, where this one has typewriter ones ("„Welches Europa wir wollen“" in the <h1>, '"Welches
    Europa wir wollen"' in og:title); and the letter case and quotes of the visible <h1> `heading` where a meta tag
    recased or retyped it. Between meta tags, English curly quotes and apostrophes are left as the title has them:
    straight ones there are a choice as often as a loss, and the two are read alike."""
    if heading and heading != title and _typewriter(heading) == _typewriter(title) and not heading.isupper():
        # A headline in capitals is the markup's shouting; any other case is what readers see ("Cannabis Use Disorder is
        # Rising" on the page, "Cannabis use disorder is rising" for sharing), and so are its quotes.
        title = heading
    for other in others:
        if other == title:
            continue
        if other.translate(_TYPEWRITER_DASHES) == title:
            return other
        if ("„" in other or "‚" in other) and other.translate(_TYPEWRITER_LOW_QUOTES) == title:
            return other
    return title


def _trusted_heading(heading: str, candidates: list[str], names: set[str]) -> bool:
    """Whether the page's one <h1> is its headline, not the site's logo or a section's name.

    It is not when it names the site, or when it is a few words ("POLITICO Logo", "Allergies Health Center")
    that no other title of the page shares once their site affixes are gone.
    """
    if _key(heading) in names:
        return False
    words = _words(heading)
    few = len(heading) <= 12 if _unspaced(heading) else len(words) <= 3
    others = [_strip_site(c, names) for c in candidates if c and c is not heading]
    if not few or not others or not words:
        return True
    return any(len(words & _words(other)) >= 0.5 * len(words) for other in others)


def _core(title: str, others: list[str], names: set[str]) -> str:
    """The longest other statement of the headline found whole inside this one, between separators.

    "Vierschanzentournee | Beleidigen und beschuldigen" with the <h1> "Beleidigen und beschuldigen" is the <h1>:
    what is around it is a kicker, a section, a date or the site, whatever their names. A kicker before a colon
    goes only when two statements agree without it ("Kenia: Nairobi von unten" is a headline whose <h1> shows
    the kicker apart). The core must be most of the title, so that a one-word <h1> ("Brexit") never cuts
    "Brexit - what next?" short.
    """
    best = ""
    for other in others:
        if len(other) <= len(best) or len(other) < 0.4 * len(title) or len(_words(other)) < 2 or _key(other) in names:
            continue
        start = title.find(other)
        if start < 0 or title == other:
            continue
        before, after = title[:start], title[start + len(other) :]
        agreed = others.count(other) > 1
        if (not before or _AFFIX_BEFORE.search(before) or (agreed and before.rstrip().endswith(":"))) and (
            not after or _AFFIX_AFTER.match(after) or _key(after) in names
        ):
            best = other
    return best


def _words(text: str) -> set[str]:
    """Words, or pairs of characters in a script written without spaces (Chinese, Japanese)."""
    words = re.findall(r"\w+", text.casefold())
    if _unspaced(text):
        chars = "".join(words)
        return {chars[i : i + 2] for i in range(len(chars) - 1)}
    return set(words)


def _unspaced(text: str) -> bool:
    """Mostly Chinese, Japanese or Thai, whose words are not parted by spaces."""
    return len(_UNSPACED_SCRIPT.findall(text)) > len(text) / 3


def _strip_site(title: str, names: set[str]) -> str:
    # A time stamp after a separator is the page's, not the headline's: "So viel Regen gab es lange nicht : 31.10.2023, 10.19 Uhr".
    stamped = _DATE_STAMP_SUFFIX.search(title)
    if stamped and stamped.start() > 0:
        title = title[: stamped.start()].rstrip()
    while True:
        match = _TITLE_SUFFIX.match(title) or _TITLE_SUFFIX_UNSPACED.match(title)
        if match and _key(match["tail"]) in names and _key(match["head"]):
            joined = match[0][len(match["head"]) : -len(match["tail"])]
            title = match["head"].strip()
            # Chinese portals put the channel between headline and site, all joined by "_": "…_科技_腾讯网".
            section = _UNDERSCORE_SECTION.match(title) if "_" in joined else None
            if section:
                title = section["head"].strip()
            continue
        parts = re.split(_SEPARATOR, title, maxsplit=1)
        if len(parts) == 2 and _key(parts[0]) in names and _key(parts[1]):
            title = parts[1].strip()
            continue
        if len(parts) == 2 and _key(parts[1]) in names and _key(parts[0]):
            title = parts[0].strip()  # a site's name that itself holds a separator: "… | AOC media - Analyse Opinion Critique"
            continue
        return title


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
