"""HTML fragments as plain text: the bodies of feed entries and newsletters, block by block, with no markup left.

Block elements split paragraphs; script, style, iframe, media and hidden elements are dropped
with their content; entities are decoded; HTML that a feed escaped twice is read twice.
`html_blocks` keeps what a newsletter reader needs of each block (heading, emphasis, links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .text import build_paragraphs, clean_line, word_set

__all__ = ["BlockBuilder", "HtmlBlock", "html_blocks", "html_paragraphs", "text_paragraphs", "visible_text"]

_BLOCK_TAGS = word_set(
    "address article aside blockquote body br caption center dd details div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot th thead tr ul"
)
# Their content is code, chrome or embedded media, never text of the story.
_DROPPED_TAGS = word_set(
    "applet audio button canvas datalist head iframe map math noembed noframes noscript object script select style svg "
    "template textarea title video"
)
_VOID_TAGS = word_set("area base br col embed hr img input link meta param source track wbr")
_HEADINGS = word_set("h1 h2 h3 h4 h5 h6")
_BOLD = word_set("b strong")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|max-height\s*:\s*0|font-size\s*:\s*0", re.I)
# Newsletters pad their hidden preheaders with these; they are not text.
_INVISIBLE = re.compile(r"[\u00ad\u034f\u180e\u200b-\u200f\u2060\ufeff]")
# Markup left in text after decoding: HTML that a feed escaped twice.
_ESCAPED_TAG = re.compile(
    r"<\s*/?\s*(?:a|b|i|u|em|strong|p|div|span|br|hr|img|h[1-6]|ul|ol|li|table|tr|td|th|blockquote|pre|code|font|"
    r"script|style|iframe|object|embed|svg|form|input|button|section|article|figure|figcaption|small|sup|sub)\b[^>]*>",
    re.I,
)


@dataclass(frozen=True)
class HtmlBlock:
    """One block of an HTML fragment as plain text, with what a reader of newsletters needs to know about it."""

    text: str
    heading: bool = False  # inside <h1>…<h6>
    emphasised: bool = False  # all its text is bold, or inside one link
    links: tuple[tuple[str, str], ...] = ()  # (href as written, anchor text) in order


@dataclass
class _Pending:
    parts: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    chars: int = 0
    bold_chars: int = 0
    linked_chars: int = 0
    heading: bool = False


class BlockBuilder:
    """Collects blocks from start/end/data events (fed by html.parser or by a walk of XHTML elements)."""

    def __init__(self) -> None:
        self.blocks: list[HtmlBlock] = []
        self._pending = _Pending()
        self._dropping: list[str] = []  # open elements inside a dropped or hidden one
        self._headings = 0
        self._bold = 0
        self._link: list[str] | None = None  # [href, anchor text so far]

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self._dropping:
            if tag not in _VOID_TAGS:
                self._dropping.append(tag)
            return
        hidden = "hidden" in attrs or _HIDDEN_STYLE.search(attrs.get("style") or "") or attrs.get("aria-hidden") == "true"
        if (tag in _DROPPED_TAGS or hidden) and tag not in _VOID_TAGS:
            self._dropping.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag in _HEADINGS:
            self._headings += 1
        elif tag in _BOLD:
            self._bold += 1
        elif tag == "a":
            self._close_link()
            self._link = [attrs.get("href") or "", ""]

    def end(self, tag: str) -> None:
        if self._dropping:
            if tag in self._dropping:
                while self._dropping.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS:
            self.flush()
        if tag in _HEADINGS:
            self._headings = max(0, self._headings - 1)
        elif tag in _BOLD:
            self._bold = max(0, self._bold - 1)
        elif tag == "a":
            self._close_link()

    def data(self, text: str) -> None:
        if self._dropping or not text:
            return
        text = _INVISIBLE.sub("", text)
        pending = self._pending
        pending.parts.append(text)
        visible = len("".join(text.split()))
        pending.chars += visible
        if self._bold:
            pending.bold_chars += visible
        if self._headings and visible:
            pending.heading = True
        if self._link is not None:
            pending.linked_chars += visible
            self._link[1] += text

    def _close_link(self) -> None:
        if self._link is not None and self._link[0]:
            self._pending.links.append((self._link[0], clean_line(self._link[1])))
        self._link = None

    def flush(self) -> None:
        """End the current block (a link still open goes on into the next block)."""
        link = self._link
        if link is not None and link[1].strip():
            self._pending.links.append((link[0], clean_line(link[1])))
            link[1] = ""
        pending, self._pending = self._pending, _Pending()
        text = clean_line("".join(pending.parts))
        if not text:
            return
        one_link = len(pending.links) == 1 and pending.linked_chars >= pending.chars
        emphasised = pending.bold_chars >= pending.chars or one_link
        self.blocks.append(HtmlBlock(text, pending.heading, emphasised, tuple(pending.links)))


class _HtmlEvents(HTMLParser):
    def __init__(self, builder: BlockBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.builder.start(tag, {name: value or "" for name, value in attrs})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.builder.end(tag)

    def handle_endtag(self, tag: str) -> None:
        self.builder.end(tag)

    def handle_data(self, data: str) -> None:
        self.builder.data(data)


def html_blocks(fragment: str) -> list[HtmlBlock]:
    """An HTML fragment or document as blocks of plain text: block elements split, script/style/iframe and hidden elements dropped, entities decoded."""
    builder = BlockBuilder()
    parser = _HtmlEvents(builder)
    parser.feed(fragment)
    parser.close()
    builder.flush()
    return builder.blocks


def html_paragraphs(fragment: str) -> list[str]:
    """An HTML fragment as plain-text paragraphs, with no markup left (HTML escaped twice is read twice)."""
    paragraphs: list[str] = []
    for block in html_blocks(fragment):
        if _ESCAPED_TAG.search(block.text):
            paragraphs.extend(_strip_tags(b.text) for b in html_blocks(block.text))
        else:
            paragraphs.append(block.text)
    return [p for p in paragraphs if p]


def _strip_tags(text: str) -> str:
    # Escaped three times or more: not worth reading again, but still no markup.
    return clean_line(_ESCAPED_TAG.sub(" ", text))


def text_paragraphs(text: str) -> list[str]:
    """Plain text as paragraphs (blank lines separate; hard-wrapped lines are joined)."""
    return build_paragraphs(_INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def visible_text(text: str) -> str:
    """A line of text without the invisible padding newsletters put in their preheaders."""
    return _INVISIBLE.sub("", text)
