"""Markdown → HTML with the extensions a news digest needs."""

from __future__ import annotations

import functools
import html
import re
import re._constants as regex_ops
import re._parser as regex_parser
from html.parser import HTMLParser
from xml.etree import ElementTree

import markdown
import markdown.extensions.toc
from markdown import util as markdown_util
from markdown.treeprocessors import Treeprocessor

EXTENSIONS = ["smarty", "footnotes", "tables", "toc", "sane_lists"]
# Ids the default theme uses itself; a body heading must not take them.
THEME_IDS = frozenset({"main", "related-heading"})
THEME_ID_PREFIXES = ("day-", "year-")


def heading_id(value: str, separator: str) -> str:
    """Slug for a body heading's id that never clashes with an id of the page around it."""
    slug = markdown.extensions.toc.slugify(value, separator) or "section"
    return f"section-{slug}" if slug in THEME_IDS or slug.startswith(THEME_ID_PREFIXES) else slug


# Python-Markdown tries every inline pattern on every text node, and most cost
# more than they find: a pattern whose trigger text is absent from a document
# cannot match it, so it is left out of that document's converter (28% faster
# on news text; bench/markup_equivalence.py checks the output is identical).
PATTERN_TRIGGERS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "footnote": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*",),
    "em_strong2": ("_",),
    "not_strong": ("*", "_"),
    "linebreak": ("  \n",),
}


# Likewise whole extensions: footnotes need `[^`, and toc only acts on headings
# (a line starting with #, or a setext underline of = or -) or a [TOC] marker.
_MAY_HAVE_HEADING = re.compile(r"^ {0,3}[#=-]|\[TOC\]", re.MULTILINE)
PRUNABLE = frozenset(PATTERN_TRIGGERS) | {"ext:footnotes", "ext:toc"}


def pattern_signature(text: str) -> frozenset[str]:
    """The inline patterns and extensions that could act somewhere in `text`."""
    found = {name for name, triggers in PATTERN_TRIGGERS.items() if any(t in text for t in triggers)}
    if "[^" in text:
        found.add("ext:footnotes")
    if _MAY_HAVE_HEADING.search(text):
        found.add("ext:toc")
    return frozenset(found)


class QuoteEducator(Treeprocessor):
    """Smarty's substitutions, applied exactly as Python-Markdown's own inline pass applies them, at a fifth of the cost.

    Smarty runs a second generic inline pass whose 18 patterns each cost a
    few microseconds of Python per text node, matched or not: over half the
    Markdown time of a news article. Its patterns only ever replace text with
    text, so the same substitutions, made in the same order with the same
    placeholders (later patterns see them: a quote after an educated quote
    is not "closing"), need none of the element machinery around them.
    bench/markup_equivalence.py and tests/test_markup.py compare the result
    with the stock processor.
    """

    def __init__(self, md: markdown.Markdown, stock: markdown.treeprocessors.InlineProcessor):
        super().__init__(md)
        self.rules = [
            (regex, tuple(pattern.replace), required_substrings(regex), first_character(regex))
            for pattern in stock.inlinePatterns
            for regex in (pattern.compiled_re,)
        ]
        # A text containing none of these can match no rule (one literal per rule,
        # those containing another left out), and is left as it is at once.
        self.marks: tuple[str, ...] | None = None
        if all(required for _, _, required, _ in self.rules):
            shortest = {min(required, key=len) for _, _, required, _ in self.rules}
            self.marks = tuple(sorted(p for p in shortest if not any(q != p and q in p for q in shortest)))

    def run(self, root: ElementTree.Element) -> None:
        """Educate the quotes, dashes and ellipses of every non-atomic text in the tree."""
        stashed: list[str] = []
        # Breadth first, text before tail, as the stock processor walks: the
        # order fixes the numbering of stashed entities.
        queue = [root]
        for parent in queue:
            for child in parent:
                if child.text and not isinstance(child.text, markdown_util.AtomicString):
                    child.text = self._educate(child.text, stashed)
                if child.tail and not isinstance(child.tail, markdown_util.AtomicString):
                    child.tail = self._educate(child.tail, stashed)
                if len(child):
                    queue.append(child)

    def _educate(self, text: str, stashed: list[str]) -> str:
        if self.marks is not None and not any(mark in text for mark in self.marks):
            return text
        store = self.md.htmlStash.store
        stashed_before = len(stashed)
        for regex, replace, required, first in self.rules:
            # Most rules' searches scan the whole text for nothing: skip those that cannot match.
            if not all(part in text for part in required):
                continue
            position = 0
            while match := (_match_from(regex, first, text, position) if first else regex.search(text, position)):
                stashed.append("".join(match.group(part) if isinstance(part, int) else store(part) for part in replace))
                placeholder = markdown_util.INLINE_PLACEHOLDER % f"{len(stashed) - 1:04d}"
                start = match.start()
                text = text[:start] + placeholder + text[match.end() :]
                position = start + len(placeholder)
        if len(stashed) == stashed_before:
            return text
        return markdown_util.INLINE_PLACEHOLDER_RE.sub(lambda m: _stashed_text(stashed, m), text)


_REPEATS = (regex_ops.MAX_REPEAT, regex_ops.MIN_REPEAT)
_LOOKAROUNDS = (regex_ops.ASSERT, regex_ops.ASSERT_NOT)
_ZERO_WIDTH = (*_LOOKAROUNDS, regex_ops.AT)


def _match_from(regex: re.Pattern, first: str, text: str, position: int) -> re.Match | None:
    """`regex.search(text, position)` for a regex whose matches start with `first`.

    Python's regex engine does not skip ahead to a literal that follows a
    lookbehind, and tries every position; trying only where `first` occurs is
    ten times faster on a paragraph, and finds the same leftmost match.
    """
    index = text.find(first, position)
    while index != -1:
        if match := regex.match(text, index):
            return match
        index = text.find(first, index + 1)
    return None


def first_character(regex: re.Pattern) -> str:
    """The literal character every match of `regex` starts with, after a lookbehind; "" if none.

    Without a lookbehind first, Python's engine already skips ahead to the literal (or anchor) by itself.
    """
    parsed = _parsed(regex)
    if not parsed or parsed[0][0] not in _LOOKAROUNDS:
        return ""
    for op, value in parsed:
        if op is regex_ops.LITERAL:
            return chr(value)
        if op in _REPEATS and value[0] >= 1 and len(value[2]) == 1 and value[2][0][0] is regex_ops.LITERAL:
            return chr(value[2][0][1])
        if op not in _ZERO_WIDTH:
            break
    return ""


def _parsed(regex: re.Pattern) -> tuple[tuple, ...]:
    return _parse_pattern(regex.pattern, regex.flags)


# Every converter (one per document shape, and new ones in each worker) takes the
# same 18 patterns apart: parsing them once makes a converter 5× cheaper to build.
@functools.cache
def _parse_pattern(pattern: str, flags: int) -> tuple[tuple, ...]:
    if flags & re.IGNORECASE:
        return ()
    try:
        return tuple(regex_parser.parse(pattern, flags))
    except Exception:  # a pattern this Python cannot take apart only loses the shortcut
        return ()


def required_substrings(regex: re.Pattern) -> tuple[str, ...]:
    """Texts that every match of `regex` contains: its runs of literal characters outside groups and alternatives."""
    runs: list[str] = []
    run = ""
    for op, value in _parsed(regex):
        if op is regex_ops.LITERAL:
            run += chr(value)
            continue
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the literals either side are adjacent in the match
        if op in _REPEATS and len(value[2]) == 1 and value[2][0][0] is regex_ops.LITERAL and value[0] >= 1:
            run += chr(value[2][0][1]) * value[0]
            if value[1] == value[0]:
                continue
        if run:
            runs.append(run)
        run = ""
    if run:
        runs.append(run)
    return tuple(runs)


def _stashed_text(stashed: list[str], match: re.Match) -> str:
    index = int(match.group(1))
    return stashed[index] if index < len(stashed) else match.group(0)


def make_converter(baselevel: int, patterns: frozenset[str] = PRUNABLE, fast_quotes: bool = True) -> markdown.Markdown:
    """A Python-Markdown converter as Dateline configures it, with only the given prunable patterns and extensions."""
    configs = {
        "toc": {"baselevel": baselevel, "permalink": False, "slugify": heading_id},
        "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
    }
    extensions = [e for e in EXTENSIONS if e not in ("footnotes", "toc") or f"ext:{e}" in patterns]
    converter = markdown.Markdown(
        extensions=extensions, extension_configs={k: v for k, v in configs.items() if k in extensions}, output_format="html"
    )
    for name in PATTERN_TRIGGERS.keys() - patterns:
        if name in converter.inlinePatterns:
            converter.inlinePatterns.deregister(name)
    if fast_quotes:
        converter.treeprocessors.register(QuoteEducator(converter, converter.treeprocessors["smarty"]), "smarty", 6)
    return converter


class MarkdownRenderer:
    """Reusable Python-Markdown converters (building one costs more than a short article)."""

    def __init__(self) -> None:
        self._converters: dict[tuple[int, frozenset[str]], markdown.Markdown] = {}

    def _get(self, baselevel: int, patterns: frozenset[str]) -> markdown.Markdown:
        key = (baselevel, patterns)
        converter = self._converters.get(key)
        if converter is None:
            converter = self._converters[key] = make_converter(baselevel, patterns)
        converter.reset()
        return converter

    def render(self, text: str) -> str:
        """Convert Markdown text to an HTML fragment whose headings start at <h2>.

        The headline is the page's only <h1>: bodies written with `##` sections
        render as they are, and a body that uses `#` is shifted down one level.
        """
        patterns = pattern_signature(text)
        html_text = self._get(1, patterns).convert(text)
        if "<h1" in html_text:
            html_text = self._get(2, patterns).convert(text)
        return html_text


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
_FOOTNOTE_REFERENCE = re.compile(r'<sup id="fnref[^"]*">.*?</sup>', re.DOTALL)


def first_paragraph_text(body_html: str) -> str:
    """Return the plain text of the first paragraph of rendered HTML, without footnote markers."""
    match = _FIRST_PARAGRAPH.search(body_html)
    return html_to_text(_FOOTNOTE_REFERENCE.sub("", match.group(1))) if match else ""


def shorten(text: str, limit: int) -> str:
    """Cut text at a word boundary to at most `limit` characters, marking the cut with …."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
    return cut + "…"


# Python-Markdown's inline pass is quadratic in the escapes and entities of one
# paragraph (40,000 `[` take seconds), so escaped text is split into paragraphs
# of at most this many; real prose paragraphs stay far below it.
MAX_ESCAPES_PER_PARAGRAPH = 100
_ESCAPE_TOKEN = re.compile(r"\\.|&#?\w+;")
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]|])")
_LINE_START_MARKUP = re.compile(r"^([#+-])", re.MULTILINE)
_LINE_START_EQUALS = re.compile(r"^=", re.MULTILINE)
_ORDERED_LIST_START = re.compile(r"^(\d+)([.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Escape untrusted plain text so Markdown renders it literally (and in linear time).

    Only characters that can start markup are escaped, so the page stays easy
    for an editor to read: HTML is entity-escaped, inline markers get a
    backslash, and line-initial heading/list/rule markers are neutralised.
    Leading indentation is dropped because four spaces would make a code block,
    and paragraphs dense with escapes are split to keep rendering linear.
    """
    text = html.escape(text, quote=False)
    text = "\n".join(line.lstrip() for line in text.split("\n"))
    text = _INLINE_MARKUP.sub(r"\\\1", text)
    text = _LINE_START_MARKUP.sub(r"\\\1", text)
    text = _LINE_START_EQUALS.sub("&#61;", text)  # `=` has no backslash escape
    text = _ORDERED_LIST_START.sub(r"\1\\\2", text)
    return "\n\n".join(_split_dense(paragraph) for paragraph in text.split("\n\n"))


def _split_dense(paragraph: str) -> str:
    if paragraph.count("\\") + paragraph.count("&") <= MAX_ESCAPES_PER_PARAGRAPH:
        return paragraph
    pieces = []
    start = 0
    for count, token in enumerate(_ESCAPE_TOKEN.finditer(paragraph), 1):
        if count % MAX_ESCAPES_PER_PARAGRAPH == 0:
            space = paragraph.rfind(" ", start, token.start())
            cut = space if space > start else token.end()
            pieces.append(paragraph[start:cut].strip())
            start = cut
    pieces.append(paragraph[start:].strip())
    return "\n\n".join(piece for piece in pieces if piece)
