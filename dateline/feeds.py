"""Atom feeds, the sitemap and robots.txt: the machine-read outputs."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from . import __version__
from .config import Config
from .site import Page

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# A feed with no entries still needs an <updated>; a fixed instant keeps builds deterministic.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def render_atom(config: Config, page: Page) -> bytes:
    """Render an Atom 1.0 feed of the page's articles with absolute URLs."""
    base = config.base_url
    articles = page.context["articles"]
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": config.language})
    _sub(feed, "title", page.title)
    _sub(feed, "subtitle", page.description)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + page.context["self_url"])
    _sub(feed, "link", rel="alternate", type="text/html", href=base + page.context["alternate_url"])
    _sub(feed, "id", base + page.context["self_url"])
    _sub(feed, "updated", _utc(max((a.date for a in articles), default=EPOCH)))
    author = _sub(feed, "author")
    _sub(author, "name", config.author or config.title)
    _sub(feed, "generator", "Dateline", version=__version__)
    for article in articles:
        entry = _sub(feed, "entry")
        url = base + article.url
        _sub(entry, "title", article.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "id", url)
        _sub(entry, "published", _utc(article.date))
        _sub(entry, "updated", _utc(article.date))
        if article.author or article.source:
            entry_author = _sub(entry, "author")
            _sub(entry_author, "name", article.author or article.source)
        for topic in article.topics:
            _sub(entry, "category", term=topic.slug, label=topic.name, scheme=base + "topics/")
        _sub(entry, "summary", article.summary)
        _sub(entry, "content", article.body_html, type="html")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def render_sitemap(config: Config, page: Page) -> bytes:
    """Render sitemap.xml listing every HTML page with its last modification day."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for url, lastmod in page.context["entries"]:
        entry = _sub(urlset, "url")
        _sub(entry, "loc", config.base_url + url)
        if lastmod:
            _sub(entry, "lastmod", lastmod)
    ET.indent(urlset)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(urlset, encoding="utf-8", xml_declaration=False) + b"\n"


def render_robots(config: Config) -> bytes:
    """Allow everything and point crawlers at the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.base_url}sitemap.xml\n".encode()
