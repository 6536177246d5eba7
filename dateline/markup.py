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
import markdown.extensions.footnotes
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
# more than they find. What each pattern needs is read from its own compiled
# regex (`match_requirements`): a pattern whose needed text is absent from a
# document cannot match it, so it is left out of that document's converter.
# tests/test_markup.py fuzzes thousands of documents against stock Python-Markdown.
Requirements = tuple[frozenset[str], ...]

# Whole extensions: footnotes need `[^`; toc only acts on headings (a `#`
# anywhere, since headings may sit in quotes and lists, or a setext underline:
# a line ending in `=` or `-`) or a [TOC] marker.
_MAY_HAVE_HEADING = re.compile(r"#|[=-][ ]*$|\[TOC\]", re.MULTILINE)
# Text that Python-Markdown itself puts into text nodes before inline patterns run
# (stash placeholders, escaped characters as numbers, footnote backlinks): a
# document's probe includes it, so a pattern that could match it is kept.
_PLACEHOLDER_PROBE = " ".join(
    (
        markdown_util.INLINE_PLACEHOLDER % "0123456789",
        markdown_util.HTML_PLACEHOLDER % "0123456789",
        markdown_util.AMP_SUBSTITUTE,
        markdown.extensions.footnotes.FN_BACKLINK_TEXT,
        markdown.extensions.footnotes.NBSP_PLACEHOLDER,
    )
)
TAB_LENGTH = 4


def normalized_source(text: str) -> str:
    """The text with the changes Python-Markdown's NormalizeWhitespace makes that can create a pattern's text.

    Line ends, tabs and stripped control characters can join text into a match
    (`"  \r\n"` is a hard break); emptying blank lines, the one other change,
    can only remove matches, so it is left out: a probe may keep a pattern more, never one less.
    """
    text = text.replace(markdown_util.STX, "").replace(markdown_util.ETX, "")
    return text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(TAB_LENGTH)


def may_match(requirements: Requirements, text: str) -> bool:
    """True unless `text` lacks some needed substring of every alternative."""
    # Plain loops: this runs for every smarty rule on every text node, and generators cost twice as much here.
    for alternative in requirements:
        for part in alternative:
            if part not in text:
                break
        else:
            return True
    return False


def extension_configs(baselevel: int) -> dict[str, dict]:
    """The settings Dateline gives its Markdown extensions."""
    return {
        "toc": {"baselevel": baselevel, "permalink": False, "slugify": heading_id},
        "footnotes": {"BACKLINK_TITLE": "Back to reference %d"},
    }


def make_converter_unpruned(baselevel: int) -> markdown.Markdown:
    """Stock Python-Markdown with Dateline's extensions and settings (nothing pruned, smarty as shipped)."""
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=extension_configs(baselevel), output_format="html")


def inline_requirements(converter: markdown.Markdown) -> dict[str, Requirements]:
    """Each registered inline pattern that can be left out, with what its regex needs in the text."""
    found = {}
    for name in [item.name for item in converter.inlinePatterns._priority]:
        regex = getattr(converter.inlinePatterns[name], "compiled_re", None)
        requirements = match_requirements(regex) if isinstance(regex, re.Pattern) else (frozenset(),)
        if all(requirements):  # every alternative needs some text: the pattern can be pruned
            found[name] = requirements
    return found


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
            (regex, tuple(pattern.replace), match_requirements(regex), first_character(regex))
            for pattern in stock.inlinePatterns
            for regex in (pattern.compiled_re,)
        ]
        # A text containing none of these can match no rule (the shortest needed
        # text of each rule's alternatives, those containing another left out).
        self.marks: tuple[str, ...] | None = None
        # A rule that needs one literal text (all of smarty's) is checked with a single `in`.
        self.single_needs = [next(iter(r[0])) if len(r) == 1 and len(r[0]) == 1 else None for _, _, r, _ in self.rules]
        alternatives = [alternative for _, _, requirements, _ in self.rules for alternative in requirements]
        if all(alternatives):
            shortest = {min(sorted(alternative), key=len) for alternative in alternatives}
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
        for (regex, replace, requirements, first), needed in zip(self.rules, self.single_needs, strict=True):
            # Most rules' searches scan the whole text for nothing: skip those that cannot match.
            if (needed not in text) if needed is not None else not may_match(requirements, text):
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


_REPEATS = (regex_ops.MAX_REPEAT, regex_ops.MIN_REPEAT, regex_ops.POSSESSIVE_REPEAT)
_ATOMIC_GROUP = regex_ops.ATOMIC_GROUP
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


# Beyond this many alternatives, a regex's requirements are merged into what all share.
_MAX_ALTERNATIVES = 32


def match_requirements(regex: re.Pattern) -> Requirements:
    """What every match of `regex` contains: alternatives, each a set of literal texts that must all occur.

    Read from the parsed regex: runs of literal characters, through groups,
    repeats of at least one, alternations and positive lookarounds; anything
    the reading cannot follow (classes, case-insensitive parts) needs nothing.
    A match is impossible in a text that misses a part of every alternative.
    """
    parsed = _parsed(regex)
    return _sequence_requirements(parsed) if parsed else (frozenset(),)


def _sequence_requirements(items) -> Requirements:
    alternatives: Requirements = (frozenset(),)
    run = ""

    def flushed() -> Requirements:
        return _both(alternatives, (frozenset({run}),)) if run else alternatives

    for op, value in items:
        if op is regex_ops.LITERAL:
            run += chr(value)
            continue
        if op is regex_ops.AT or op is regex_ops.ASSERT_NOT:
            continue  # consumes nothing: the literals either side are adjacent in the match
        alternatives, run = flushed(), ""
        if op in _REPEATS and value[0] >= 1:
            body = value[2]
            if len(body) == 1 and body[0][0] is regex_ops.LITERAL and value[0] == value[1]:
                run = chr(body[0][1]) * value[0]
            elif len(body) == 1 and body[0][0] is regex_ops.LITERAL:
                alternatives = _both(alternatives, (frozenset({chr(body[0][1]) * value[0]}),))
            else:
                alternatives = _both(alternatives, _sequence_requirements(body))
        elif op is regex_ops.SUBPATTERN and not value[1] & re.IGNORECASE:
            alternatives = _both(alternatives, _sequence_requirements(value[3]))
        elif op is _ATOMIC_GROUP:
            alternatives = _both(alternatives, _sequence_requirements(value))
        elif op is regex_ops.ASSERT:
            alternatives = _both(alternatives, _sequence_requirements(value[1]))
        elif op is regex_ops.BRANCH:
            alternatives = _both(alternatives, _simplest(tuple(a for branch in value[1] for a in _sequence_requirements(branch))))
        elif op is regex_ops.IN and all(member_op is regex_ops.LITERAL for member_op, _ in value):
            # A class of plain characters (`\*|_` compiles to one) needs one of them.
            alternatives = _both(alternatives, tuple(frozenset({chr(code)}) for _, code in value))
    return flushed()


def _both(left: Requirements, right: Requirements) -> Requirements:
    """Requirements of a match of one thing followed by another."""
    return _simplest(tuple(a | b for a in left for b in right))


def _simplest(alternatives: Requirements) -> Requirements:
    # An alternative that needs more than another adds nothing: the other is met first.
    unique = set(alternatives)
    minimal = tuple(sorted((a for a in unique if not any(b < a for b in unique)), key=sorted))
    if len(minimal) > _MAX_ALTERNATIVES:
        return (frozenset.intersection(*minimal),)
    return minimal


def _stashed_text(stashed: list[str], match: re.Match) -> str:
    index = int(match.group(1))
    return stashed[index] if index < len(stashed) else match.group(0)


def make_converter(baselevel: int, patterns: frozenset[str] | None = None, fast_quotes: bool = True) -> markdown.Markdown:
    """A Python-Markdown converter as Dateline configures it, with only the given prunable patterns and extensions (default all)."""
    patterns = PRUNABLE if patterns is None else patterns
    extensions = [e for e in EXTENSIONS if e not in ("footnotes", "toc") or f"ext:{e}" in patterns]
    configs = {name: config for name, config in extension_configs(baselevel).items() if name in extensions}
    converter = markdown.Markdown(extensions=extensions, extension_configs=configs, output_format="html")
    for name in INLINE_REQUIREMENTS.keys() - patterns:
        if name not in converter.inlinePatterns and not _registered_by_pruned_extension(name, extensions):
            raise RuntimeError(f"Python-Markdown no longer registers the inline pattern {name!r} that Dateline prunes")
        if name in converter.inlinePatterns:
            converter.inlinePatterns.deregister(name)
    if fast_quotes:
        converter.treeprocessors.register(QuoteEducator(converter, converter.treeprocessors["smarty"]), "smarty", 6)
    return converter


def _registered_by_pruned_extension(name: str, extensions: list[str]) -> bool:
    return name == "footnote" and "footnotes" not in extensions


# Read once from a stock converter: the prunable patterns are by construction
# the ones it registers, and make_converter fails loudly if one disappears.
INLINE_REQUIREMENTS: dict[str, Requirements] = inline_requirements(make_converter_unpruned(1))
PRUNABLE = frozenset(INLINE_REQUIREMENTS) | {"ext:footnotes", "ext:toc"}


def pattern_signature(text: str) -> frozenset[str]:
    """The inline patterns and extensions that could act somewhere in `text`."""
    source = normalized_source(text)
    probe = source + "\n" + _PLACEHOLDER_PROBE
    found = {name for name, requirements in INLINE_REQUIREMENTS.items() if may_match(requirements, probe)}
    if "[^" in source:
        found.add("ext:footnotes")
    if _MAY_HAVE_HEADING.search(source):
        found.add("ext:toc")
    return frozenset(found)


# Bounds on what one document may ask of Python-Markdown, each well above real articles: beyond
# them its work grows quadratically (nested lists and quotes recurse; unclosed `[` are re-scanned
# for every link candidate), so a hostile or broken file could hang or crash the build.
MAX_BODY_CHARACTERS = 1_000_000
MAX_NESTING = 50
MAX_BRACKETS_PER_PARAGRAPH = 400
MAX_BRACKETS = 5000
# A line that could open more than MAX_NESTING levels needs more leading markers than that.
_DEEP_LINE = re.compile(rf"^[ \t>*+\-\d.)]{{{MAX_NESTING},}}", re.MULTILINE)
_NESTING_MARKER = re.compile(r">|[*+-](?=[ \t])|\d+[.)](?=[ \t])")


def render_limit_exceeded(text: str) -> tuple[str, str, int] | None:
    """Why `text` is beyond what Dateline renders, as (message, fix, offset of the place in `text`); None for any real article."""
    if len(text) > MAX_BODY_CHARACTERS:
        return (f"too long to render ({len(text):,} characters; the limit is {MAX_BODY_CHARACTERS:,})", "split it into several articles", 0)
    deepest = max(_DEEP_LINE.finditer(text), key=lambda match: _nesting(match.group(0)), default=None)
    if deepest is not None and _nesting(deepest.group(0)) > MAX_NESTING:
        message = f"too deeply nested to render ({_nesting(deepest.group(0))} levels; the limit is {MAX_NESTING})"
        return (message, "flatten the nested lists or quotes", deepest.start())
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return (f"too many [ to render ({brackets:,}; the limit is {MAX_BRACKETS:,})", "split it into several articles", 0)
    if brackets > MAX_BRACKETS_PER_PARAGRAPH:
        start = 0
        for paragraph in re.split(r"(\n[ \t]*\n)", text):
            if paragraph.count("[") > MAX_BRACKETS_PER_PARAGRAPH:
                message = f"too many [ in one paragraph to render ({paragraph.count('[')}; the limit is {MAX_BRACKETS_PER_PARAGRAPH})"
                return (message, "split the paragraph, or write a literal bracket as \\[", start)
            start += len(paragraph)
    return None


def _nesting(lead: str) -> int:
    """How many lists and quotes a line's leading markers and indentation can open."""
    lead = lead.expandtabs(TAB_LENGTH)
    return len(_NESTING_MARKER.findall(lead)) + (len(lead) - len(lead.lstrip(" "))) // TAB_LENGTH


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
