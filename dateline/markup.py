"""Markdown → HTML with the extensions a news digest needs."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown

EXTENSIONS = ["smarty", "footnotes", "tables", "toc", "sane_lists"]
EXTENSION_CONFIGS = {
    # The headline is the page's only <h1>; body headings start at <h2>.
    "toc": {"baselevel": 2, "permalink": False},
    "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
}


class MarkdownRenderer:
    """A reusable Python-Markdown converter (building one costs more than a short article)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")

    def render(self, text: str) -> str:
        """Convert Markdown text to an HTML fragment."""
        self._md.reset()
        return self._md.convert(text)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Return the visible text of an HTML fragment, whitespace collapsed."""
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return " ".join("".join(collector.parts).split())


_FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def first_paragraph_text(body_html: str) -> str:
    """Return the plain text of the first paragraph of rendered HTML."""
    match = _FIRST_PARAGRAPH.search(body_html)
    return html_to_text(match.group(1)) if match else ""


def shorten(text: str, limit: int) -> str:
    """Cut text at a word boundary to at most `limit` characters, marking the cut with …."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
    return cut + "…"


def word_count(body_html: str) -> int:
    """Count the words a reader reads in an HTML fragment."""
    return len(html_to_text(body_html).split())


def escape_markdown(text: str) -> str:
    """Escape untrusted plain text so Markdown renders it literally (and in linear time)."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|])", r"\\\1", escaped)
