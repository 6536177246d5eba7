"""Atom feeds and the sitemap: the machine-read outputs, written from their views."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from . import __version__
from .slugs import url_path
from .views import ArticleView, FeedPage, SitemapPage, SiteView

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


def render_atom(site: SiteView, page: FeedPage) -> bytes:
    """Render an Atom 1.0 feed of the page's entries with absolute URLs."""
    base = site.base_url
    articles = page.entries
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": site.language})
    _sub(feed, "title", page.title)
    _sub(feed, "subtitle", page.description)
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + url_path(page.self_url))
    _sub(feed, "link", rel="alternate", type="text/html", href=base + url_path(page.alternate_url))
    _sub(feed, "id", base + url_path(page.self_url))
    _sub(feed, "updated", _utc(max((a.date for a in articles), default=EPOCH)))
    author = _sub(feed, "author")
    _sub(author, "name", site.author)
    _sub(feed, "generator", "Dateline", version=__version__)
    for article in articles:
        entry = _sub(feed, "entry", **({"xml:lang": article.language} if article.language else {}))
        url = base + url_path(article.url)
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
        if isinstance(article, ArticleView):
            _sub(entry, "content", article.body_html, type="html")
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"


def render_sitemap(site: SiteView, page: SitemapPage) -> bytes:
    """Render sitemap.xml listing every HTML page with its last modification day."""
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for url, lastmod in page.entries:
        entry = _sub(urlset, "url")
        _sub(entry, "loc", site.base_url + url_path(url))
        if lastmod:
            _sub(entry, "lastmod", lastmod)
    ET.indent(urlset)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(urlset, encoding="utf-8", xml_declaration=False) + b"\n"
