"""Feed exports → stories: RSS 0.9x/1.0/2.0, Atom and JSON Feed (pure: bytes in, entries out).

XML is parsed by defusedxml's ElementTree parser and mapped here, not handed to feedparser:
one parser then decides what the document is. feedparser re-detects the encoding, strips and
re-reads the DOCTYPE and silently falls back to a lenient SGML parser, so a pre-check would
vouch for bytes that a second, different parser reads. The parser refuses every entity
declaration (billion laughs, quadratic blowup, external entities) and every DOCTYPE whose
external DTD is not an http(s) address (`SYSTEM "file:///etc/passwd"`); no DTD or entity is
ever loaded, whatever its address. HTML's named entities (`&nbsp;`, `&eacute;`), which RSS
0.91 feeds take from Netscape's DTD, are rewritten to character references first.

HTML (content:encoded, Atom html/xhtml content, content_html) becomes plain-text paragraphs
with fragments.html_paragraphs, as a newsletter's body does in mail.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from html.entities import html5
from typing import Any
from urllib.parse import urljoin, urlsplit
from xml.parsers import expat

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from .entries import MAX_ENTRIES_PER_FILE, MAX_PARAGRAPHS, MAX_SEED_BYTES, SeedEntry, SkippedEntry
from .fragments import BlockBuilder, html_paragraphs, text_paragraphs, visible_text
from .text import clean_line

__all__ = ["parse_feed_date", "read_feed"]

ATOM = "http://www.w3.org/2005/Atom"
ATOM03 = "http://purl.org/atom/ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RSS10 = "http://purl.org/rss/1.0/"
RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
MEDIA = "http://search.yahoo.com/mrss/"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _xhtml_blocks(element: ET.Element) -> list[str]:
    """Atom type="xhtml" content (already parsed XML) as paragraphs."""
    builder = BlockBuilder()

    def walk(node: ET.Element) -> None:
        tag = _local(node.tag).lower()
        builder.start(tag, {_local(k): v for k, v in node.attrib.items()})
        builder.data(node.text or "")
        for child in node:
            walk(child)
            builder.data(child.tail or "")
        builder.end(tag)

    builder.data(element.text or "")
    for child in element:
        walk(child)
        builder.data(child.tail or "")
    builder.flush()
    return [p for p in (block.text for block in builder.blocks) if p]


def _inline(text: str, html: bool = True) -> str:
    """A title or name as one line of plain text."""
    if html and ("<" in text or "&" in text):
        return " ".join(html_paragraphs(text))
    return clean_line(visible_text(text))


# ---------------------------------------------------------------------------------------------
# Dates and addresses

_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_feed_date(text: str) -> date | datetime | None:
    """An RFC 822 (RSS) or ISO 8601 / W3C (Atom, JSON Feed, Dublin Core) date; aware when the text gives a zone."""
    text = text.strip()
    if not text:
        return None
    if _DATE_ONLY.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _web_address(url: str, base: str = "") -> str:
    """The absolute http(s) address a link names, or "" (javascript:, mailto:, unresolvable relative links)."""
    url = url.strip()
    if not url:
        return ""
    resolved = urljoin(base, url) if base else url
    try:
        parts = urlsplit(resolved)
    except ValueError:
        return ""
    return resolved if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def _hash_key(title: str, when: str) -> str:
    return "sha256:" + hashlib.sha256(f"{title}\n{when}".encode()).hexdigest()[:16]


_RSS_AUTHOR = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")


def _person(text: str) -> str:
    """RSS writes an author as `jane@example.com (Jane Doe)`: the name, else what is there."""
    match = _RSS_AUTHOR.match(text)
    return clean_line(match.group(1) if match else text)


# ---------------------------------------------------------------------------------------------
# One entry, whatever the format


@dataclass(frozen=True)
class _Stated:
    """What one feed entry states, before it becomes a SeedEntry."""

    ident: str
    link: str
    title: str
    published_text: str
    author: str
    image_url: str
    content: list[str]  # paragraphs of the full text, if given
    teaser: list[str]  # paragraphs of the description/summary, if given


def _entry(stated: _Stated, source: str) -> SeedEntry | SkippedEntry:
    key = stated.ident or stated.link or _hash_key(stated.title, stated.published_text)
    paragraphs = stated.content or stated.teaser
    if not stated.title and not paragraphs:
        return SkippedEntry(key, "entry has no title and no text")
    if len(paragraphs) > MAX_PARAGRAPHS:
        return SkippedEntry(key, f"entry has {len(paragraphs)} paragraphs, over the limit of {MAX_PARAGRAPHS}")
    # A teaser beside the full text is the summary; a teaser alone is the text, and ingest writes the summary.
    summary = " ".join(stated.teaser) if stated.content else ""
    return SeedEntry(
        key=key,
        paragraphs=tuple(paragraphs),
        title=stated.title,
        author=stated.author,
        published=parse_feed_date(stated.published_text),
        source=source,
        source_url=stated.link,
        image_url=stated.image_url,
        summary=summary,
    )


def _collect(items: list[Any], read: Callable[[int, Any], SeedEntry | SkippedEntry]) -> list[SeedEntry | SkippedEntry]:
    """Read items in order, up to the per-file limit; a repeated key is skipped."""
    results: list[SeedEntry | SkippedEntry] = []
    seen: set[str] = set()
    for position, item in enumerate(items[:MAX_ENTRIES_PER_FILE]):
        result = read(position, item)
        if isinstance(result, SeedEntry):
            if result.key in seen:
                result = SkippedEntry(result.key, "an earlier entry of this feed has the same id")
            seen.add(result.key)
        results.append(result)
    if len(items) > MAX_ENTRIES_PER_FILE:
        rest = len(items) - MAX_ENTRIES_PER_FILE
        results.append(
            SkippedEntry(
                read(MAX_ENTRIES_PER_FILE, items[MAX_ENTRIES_PER_FILE]).key,
                f"this entry and the {rest - 1} after it were skipped: a seed file may hold at most {MAX_ENTRIES_PER_FILE} entries "
                "(split the file)",
            )
        )
    return results


# ---------------------------------------------------------------------------------------------
# Reading a file


def read_feed(data: bytes) -> list[SeedEntry | SkippedEntry]:
    """Read an RSS, Atom or JSON Feed file into one entry per story, in the file's order, or say why not."""
    if len(data) > MAX_SEED_BYTES:
        return [SkippedEntry("", f"file is {len(data):,} bytes, over the limit of {MAX_SEED_BYTES:,} bytes for one seed")]
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start:
        return [SkippedEntry("", "empty file")]
    if start[:1] in (b"{", b"["):
        return _read_json_feed(data)
    return _read_xml_feed(data)


class _FeedXMLParser(DefusedXMLParser):
    """defusedxml's parser, allowing a DOCTYPE only when it names nothing to load from this machine."""

    def __init__(self) -> None:
        super().__init__(forbid_dtd=True, forbid_entities=True, forbid_external=True)

    def defused_start_doctype_decl(self, name: str, sysid: str | None, pubid: str | None, has_internal_subset: bool) -> None:
        # The DTD is never loaded either way; a local one is refused because the file is trying to make us read it.
        if sysid and urlsplit(sysid).scheme.lower() not in ("http", "https"):
            raise DTDForbidden(name, sysid, pubid)


_HTML_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset((b"amp", b"lt", b"gt", b"quot", b"apos"))


def _html_entities_as_references(data: bytes) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        name = match.group(1)
        text = html5.get(name.decode("ascii") + ";")
        if name in _XML_ENTITIES or text is None:
            return match.group(0)
        return "".join(f"&#{ord(c)};" for c in text).encode("ascii")

    return _HTML_ENTITY.sub(replace, data)


def _parse_xml(data: bytes) -> ET.Element | SkippedEntry:
    parser = _FeedXMLParser()
    try:
        parser.feed(_html_entities_as_references(data))
        return parser.close()
    except EntitiesForbidden as error:
        return SkippedEntry(
            "",
            f"refused: the file declares the XML entity {error.name!r}; entities can expand to gigabytes or read other files, "
            "so a seed may not declare any",
        )
    except DTDForbidden as error:
        return SkippedEntry("", f"refused: the file's DOCTYPE points at {error.sysid!r}; a seed may not ask to read local files")
    except ExternalReferenceForbidden as error:
        return SkippedEntry("", f"refused: the file refers to the external resource {error.sysid!r}")
    except DefusedXmlException as error:
        return SkippedEntry("", f"refused: {error}")
    except ET.ParseError as error:
        line, column = error.position
        return SkippedEntry("", f"not a feed: XML error at line {line}, column {column + 1}: {expat.ErrorString(error.code)}")
    except (ValueError, LookupError) as error:  # an unknown or impossible encoding declaration
        return SkippedEntry("", f"not a feed: {error}")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _first(element: ET.Element, *tags: str) -> ET.Element | None:
    for tag in tags:
        found = element.find(tag)
        if found is not None:
            return found
    return None


def _text_of(element: ET.Element | None) -> str:
    return "".join(element.itertext()).strip() if element is not None else ""


def _html_of(element: ET.Element | None) -> str:
    """An RSS element's HTML: escaped or CDATA text, or tags written straight into the XML (read as HTML, not dropped)."""
    if element is None:
        return ""
    return (element.text or "") + "".join(ET.tostring(child, encoding="unicode") for child in element)


def _base(base: str, element: ET.Element) -> str:
    own = element.get(XML_BASE)
    return urljoin(base, own.strip()) if own else base


def _read_xml_feed(data: bytes) -> list[SeedEntry | SkippedEntry]:
    root = _parse_xml(data)
    if isinstance(root, SkippedEntry):
        return [root]
    kind = _local(root.tag)
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if kind == "rss" and not namespace:
        channel = root.find("channel")
        if channel is None:
            return [SkippedEntry("", "not a feed: <rss> has no <channel>")]
        return _read_rss(channel, channel.findall("item"), _base(_base("", root), channel), "")
    if kind == "RDF" and namespace == RDF:
        for ns in (RSS10, RSS090):
            channel = root.find(f"{{{ns}}}channel")
            items = root.findall(f"{{{ns}}}item")
            if channel is not None or items:
                return _read_rss(channel if channel is not None else root, items, _base("", root), ns)
        return [SkippedEntry("", "not a feed: <rdf:RDF> has no RSS 1.0 channel or items")]
    if kind == "feed" and namespace in (ATOM, ATOM03):
        return _read_atom(root, namespace)
    return [SkippedEntry("", f"not a feed: the root element is <{kind}>, not <rss>, <rdf:RDF> or <feed>")]


def _read_rss(channel: ET.Element, items: list[ET.Element], base: str, ns: str) -> list[SeedEntry | SkippedEntry]:
    def tag(name: str) -> str:
        return f"{{{ns}}}{name}" if ns else name

    source = _inline(_text_of(channel.find(tag("title"))))
    channel_link = _web_address(_text_of(channel.find(tag("link"))), base)
    # Relative item links resolve against xml:base, else against the channel's own link.
    base = base if _web_address(base) else channel_link

    def read(_: int, item: ET.Element) -> SeedEntry | SkippedEntry:
        item_base = _base(base, item)
        guid_element = item.find(tag("guid"))
        guid = _text_of(guid_element)
        link = _web_address(_text_of(item.find(tag("link"))), item_base)
        if not link and guid_element is not None and (guid_element.get("isPermaLink") or "true").lower() != "false":
            link = _web_address(guid)
        ident = guid or item.get(f"{{{RDF}}}about", "").strip()
        title = _inline(_html_of(item.find(tag("title"))))
        encoded = _html_of(item.find(f"{{{CONTENT}}}encoded"))
        description = _html_of(item.find(tag("description")))
        return _entry(
            _Stated(
                ident=ident,
                link=link,
                title=title,
                published_text=_text_of(_first(item, tag("pubDate"), f"{{{DC}}}date")),
                author=_person(_inline(_text_of(_first(item, tag("author"), f"{{{DC}}}creator")))),
                image_url=_rss_image(item, item_base),
                content=html_paragraphs(encoded),
                teaser=html_paragraphs(description),
            ),
            source,
        )

    return _collect(items, read)


def _is_image(url: str, media_type: str, medium: str = "") -> bool:
    if medium:
        return medium == "image"
    if media_type:
        return media_type.lower().startswith("image/")
    return urlsplit(url).path.lower().endswith((".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"))


def _media_image(element: ET.Element, base: str) -> str:
    for media in (*element.iter(f"{{{MEDIA}}}content"), *element.iter(f"{{{MEDIA}}}thumbnail")):
        url = media.get("url") or ""
        if _local(media.tag) == "thumbnail" or _is_image(url, media.get("type") or "", media.get("medium") or ""):
            found = _web_address(url, base)
            if found:
                return found
    return ""


def _rss_image(item: ET.Element, base: str) -> str:
    for enclosure in item.findall("enclosure"):
        url = enclosure.get("url") or ""
        if _is_image(url, enclosure.get("type") or ""):
            found = _web_address(url, base)
            if found:
                return found
    return _media_image(item, base)


def _read_atom(feed: ET.Element, ns: str) -> list[SeedEntry | SkippedEntry]:
    def tag(name: str) -> str:
        return f"{{{ns}}}{name}"

    base = _base("", feed)
    feed_link = _atom_link(feed, base, tag)
    base = base if _web_address(base) else feed_link
    source = _atom_text_line(feed.find(tag("title")))
    feed_author = _atom_text_line(_first(feed, f"{tag('author')}/{tag('name')}"))

    def read(_: int, entry: ET.Element) -> SeedEntry | SkippedEntry:
        entry_base = _base(base, entry)
        content = entry.find(tag("content"))
        summary = entry.find(tag("summary"))
        return _entry(
            _Stated(
                ident=_text_of(entry.find(tag("id"))),
                link=_atom_link(entry, entry_base, tag),
                title=_atom_text_line(entry.find(tag("title"))),
                published_text=_text_of(_first(entry, tag("published"), tag("issued"), tag("updated"), tag("modified"))),
                author=_atom_text_line(entry.find(f"{tag('author')}/{tag('name')}")) or feed_author,
                image_url=_atom_image(entry, entry_base, tag),
                content=_atom_paragraphs(content, entry_base) if content is not None else [],
                teaser=_atom_paragraphs(summary, entry_base) if summary is not None else [],
            ),
            source,
        )

    return _collect(feed.findall(tag("entry")), read)


def _atom_links(element: ET.Element, base: str, tag: Callable[[str], str]) -> Iterator[tuple[str, str, str]]:
    for link in element.findall(tag("link")):
        yield (link.get("rel") or "alternate"), (link.get("type") or ""), _web_address(link.get("href") or "", _base(base, link))


def _atom_link(element: ET.Element, base: str, tag: Callable[[str], str]) -> str:
    links = [(rel, kind, url) for rel, kind, url in _atom_links(element, base, tag) if url and rel == "alternate"]
    html = [url for _, kind, url in links if kind in ("", "text/html", "application/xhtml+xml")]
    return (html or [url for *_, url in links] or [""])[0]


def _atom_image(entry: ET.Element, base: str, tag: Callable[[str], str]) -> str:
    for rel, kind, url in _atom_links(entry, base, tag):
        if rel == "enclosure" and url and _is_image(url, kind):
            return url
    return _media_image(entry, base)


def _atom_paragraphs(element: ET.Element, base: str) -> list[str]:
    if element.get("src"):
        return []  # content stored elsewhere: the reader never fetches it
    kind = (element.get("type") or "text").lower()
    mode = (element.get("mode") or "").lower()  # Atom 0.3
    if kind == "xhtml" or kind == "application/xhtml+xml" or mode == "xml":
        div = element.find("{http://www.w3.org/1999/xhtml}div")
        return _xhtml_blocks(div if div is not None else element)
    if kind in ("html", "text/html") or mode == "escaped":
        return html_paragraphs(_text_of(element))
    if kind == "text" or kind.startswith("text/"):
        return text_paragraphs(_text_of(element))
    return []  # base64 media: no text in it


def _atom_text_line(element: ET.Element | None) -> str:
    if element is None:
        return ""
    kind = (element.get("type") or "text").lower()
    if kind in ("xhtml", "application/xhtml+xml"):
        return " ".join(_xhtml_blocks(element))
    return _inline(_text_of(element), html=kind in ("html", "text/html"))


# ---------------------------------------------------------------------------------------------
# JSON Feed


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


class _WrongType(Exception):
    def __init__(self, path: str, value: object, wanted: str) -> None:
        super().__init__(f"{path} is {_json_type(value)}, not {wanted}")


def _string(obj: dict[str, Any], name: str, path: str) -> str:
    """A string member (null or absent: "")."""
    value = obj.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise _WrongType(f"{path}.{name}" if path else name, value, "a string")
    return value


def _json_author(obj: dict[str, Any], path: str) -> str:
    authors = obj.get("authors")
    if authors is not None:
        if not isinstance(authors, list):
            raise _WrongType(f"{path}authors", authors, "an array")
        for n, author in enumerate(authors):
            if not isinstance(author, dict):
                raise _WrongType(f"{path}authors[{n}]", author, "an object")
        names = [_string(author, "name", f"{path}authors[{n}]") for n, author in enumerate(authors)]
        return ", ".join(clean_line(name) for name in names if name.strip())
    author = obj.get("author")  # JSON Feed 1.0
    if author is None:
        return ""
    if not isinstance(author, dict):
        raise _WrongType(f"{path}author", author, "an object")
    return clean_line(_string(author, "name", f"{path}author"))


def _read_json_feed(data: bytes) -> list[SeedEntry | SkippedEntry]:
    try:
        feed = json.loads(data)
    except json.JSONDecodeError as error:
        return [SkippedEntry("", f"not a feed: JSON error at line {error.lineno}, column {error.colno}: {error.msg}")]
    except (ValueError, RecursionError) as error:
        return [SkippedEntry("", f"not a feed: unreadable JSON ({type(error).__name__})")]
    if not isinstance(feed, dict):
        return [SkippedEntry("", f"not a feed: the file is {_json_type(feed)}, not a JSON Feed object")]
    try:
        version = _string(feed, "version", "")
        if not version.startswith(("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")):
            return [SkippedEntry("", 'not a feed: JSON without a JSON Feed "version" (https://jsonfeed.org/version/1.1)')]
        items = feed.get("items")
        if not isinstance(items, list):
            raise _WrongType("items", items, "an array")
        source = clean_line(_string(feed, "title", ""))
        home = _web_address(_string(feed, "home_page_url", "")) or _web_address(_string(feed, "feed_url", ""))
        feed_author = _json_author(feed, "")
    except _WrongType as error:
        return [SkippedEntry("", f"not a feed: {error}")]

    def read(position: int, item: object) -> SeedEntry | SkippedEntry:
        path = f"items[{position}]"
        if not isinstance(item, dict):
            return SkippedEntry(path, f"{path} is {_json_type(item)}, not an object")
        ident = item.get("id")
        # JSON Feed 1.1: a reader coerces a numeric id to a string.
        key = str(ident) if isinstance(ident, int | float | str) and not isinstance(ident, bool) else ""
        try:
            if ident is not None and not key:
                raise _WrongType(f"{path}.id", ident, "a string")
            title = _string(item, "title", path)
            html = _string(item, "content_html", path)
            text = _string(item, "content_text", path)
            summary = _string(item, "summary", path)
            url = _web_address(_string(item, "url", path), home) or _web_address(_string(item, "external_url", path), home)
            image = _string(item, "image", path) or _string(item, "banner_image", path) or _json_attached_image(item, path)
            published = _string(item, "date_published", path) or _string(item, "date_modified", path)
            author = _json_author(item, f"{path}.") or feed_author
        except _WrongType as error:
            return SkippedEntry(key or path, str(error))
        return _entry(
            _Stated(
                ident=key,
                link=url,
                title=clean_line(title),
                published_text=published,
                author=author,
                image_url=_web_address(image, home),
                content=html_paragraphs(html) if html.strip() else text_paragraphs(text),
                teaser=text_paragraphs(summary),
            ),
            source,
        )

    return _collect(items, read)


def _json_attached_image(item: dict[str, Any], path: str) -> str:
    attachments = item.get("attachments")
    if attachments is None:
        return ""
    if not isinstance(attachments, list):
        raise _WrongType(f"{path}.attachments", attachments, "an array")
    for n, attachment in enumerate(attachments):
        if not isinstance(attachment, dict):
            raise _WrongType(f"{path}.attachments[{n}]", attachment, "an object")
        url = _string(attachment, "url", f"{path}.attachments[{n}]")
        if _is_image(url, _string(attachment, "mime_type", f"{path}.attachments[{n}]")):
            return url
    return ""
