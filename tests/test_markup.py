"""Markdown rendering: pruned converters equal the full ones; escaping makes text literal and cheap."""

import random
import re

import pytest
from bs4 import BeautifulSoup

from dateline.markup import (
    MAX_ESCAPES_PER_PARAGRAPH,
    MarkdownRenderer,
    escape_markdown,
    first_character,
    first_paragraph_text,
    make_converter,
    pattern_signature,
    required_substrings,
    shorten,
)

TRICKY_TEXTS = [
    "Plain prose with \"double\" and 'single' quotes -- and an ellipsis...",
    "A [link](https://example.com) and ![an image](x.png) and a [ref][r].\n\n[r]: https://example.org",
    "Footnote here.[^n]\n\n[^n]: The note.",
    "Some `code` and ``double `tick` code``.",
    "Inline <span>html</span> and <https://auto.link> and <me@example.com>.",
    "Entities &amp; &copy; and a bare & ampersand.",
    "*em* **strong** _under_ __dunder__ and a lone * star and snake_case_word.",
    "Line with a break  \nnext line.",
    "Escapes \\*not em\\* and \\[not link\\].",
    "# Heading one\n\nText.\n\n## Heading two",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "1. one\n2. two\n\n- x\n- y",
    "He said \"it's the '90s\" -- really.",
]


def reference(text: str) -> str:
    """Python-Markdown with every inline pattern, as Dateline configures it."""
    for baselevel in (1, 2):
        html = make_converter(baselevel, fast_quotes=False).convert(text)
        if "<h1" not in html:
            return html
    return html


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_pruned_converter_renders_exactly_like_the_full_one(text):
    assert MarkdownRenderer().render(text) == reference(text)


def test_one_renderer_reused_across_documents_gives_the_same_output():
    renderer = MarkdownRenderer()
    for text in TRICKY_TEXTS + TRICKY_TEXTS[::-1]:
        assert renderer.render(text) == reference(text)


def test_signature_keeps_only_patterns_whose_trigger_is_present():
    assert pattern_signature("no markup at all") == frozenset()
    assert {"link", "footnote"} <= pattern_signature("a [b](c)")
    assert "entity" in pattern_signature("a &amp; b")


def test_body_headings_start_at_h2_and_avoid_theme_ids():
    soup = BeautifulSoup(MarkdownRenderer().render("# Main\n\ntext\n\n## Day-one"), "html.parser")
    assert [(h.name, h["id"]) for h in soup.find_all(["h1", "h2", "h3"])] == [("h2", "section-main"), ("h3", "section-day-one")]


@pytest.mark.parametrize(
    "raw",
    ["<script>alert(1)</script>", "*not em* and _not_", "# not a heading", "[x](y) ![i](j)", "1. not a list", "a | b", "`code`", "==="],
)
def test_escaped_text_renders_as_the_same_literal_text(raw):
    html = MarkdownRenderer().render(escape_markdown(raw))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find(["script", "em", "strong", "h1", "h2", "a", "img", "ol", "code", "table"]) is None
    assert soup.get_text().strip() == raw


def test_escaping_splits_paragraphs_dense_with_escapes():
    escaped = escape_markdown("[" * 10_000)
    paragraphs = escaped.split("\n\n")
    assert len(paragraphs) > 10_000 // MAX_ESCAPES_PER_PARAGRAPH - 1
    assert all(p.count("\\") <= MAX_ESCAPES_PER_PARAGRAPH for p in paragraphs)
    assert BeautifulSoup(MarkdownRenderer().render(escaped), "html.parser").get_text().replace("\n", "") == "[" * 10_000


def test_leading_indentation_cannot_make_a_code_block():
    soup = BeautifulSoup(MarkdownRenderer().render(escape_markdown("intro\n\n    indented wire line")), "html.parser")
    assert soup.find(["pre", "code"]) is None
    assert [p.get_text() for p in soup.find_all("p")] == ["intro", "indented wire line"]


def test_first_paragraph_text_and_shorten():
    assert first_paragraph_text('<p>Hello <em>there</em>.<sup id="fnref:1"><a>1</a></sup></p><p>Next</p>') == "Hello there."
    assert shorten("one two three four", 12) == "one two…"
    assert shorten("short", 12) == "short"


def test_footnotes_and_toc_are_left_out_only_when_they_cannot_act():
    assert "ext:footnotes" in pattern_signature("Claim.[^1]\n\n[^1]: Source.")
    assert "ext:toc" in pattern_signature("Intro\n\n## Section")
    assert "ext:toc" in pattern_signature("Title\n=====")
    assert not {"ext:footnotes", "ext:toc"} & pattern_signature("Plain prose, with a [link](x) and a dash - here.")


# Pieces that steer smarty's quote rules into each other: quotes next to
# quotes, dashes, entities, escapes, code, emphasis, footnotes and line ends.
QUOTE_PIECES = [
    "'", '"', "--", "---", "...", "....", "-", ".", " ", "\n", "\n\n", "a", "s", "80s", "'90s", "9", "(", ")", "[", "]",
    "{", "*", "_", "`", "\\'", '\\"', "&nbsp;", "&mdash;", "–", "—", "&#8211;", "<b>", "</b>", "<<", ">>", "# ", "> ",
    "- ", "1. ", "[^1]", "\n\n[^1]: ", "[l](http://x)", "**", "\t", ",", "!", "?", "&", "it's", "s'", "\"'", "'\"",
]  # fmt: skip


def test_quote_educator_matches_stock_smarty_on_random_quote_soup():
    rng = random.Random(6)
    fast, stock = make_converter(1), make_converter(1, fast_quotes=False)
    for _ in range(2000):
        text = "".join(rng.choice(QUOTE_PIECES) for _ in range(rng.randint(1, 40)))
        fast.reset()
        stock.reset()
        assert fast.convert(text) == stock.convert(text), text


def test_quote_educator_leaves_code_alone_and_educates_the_rest():
    html = MarkdownRenderer().render('"Quoted" `it\'s code` -- and \'80s... "')
    assert html == "<p>&ldquo;Quoted&rdquo; <code>it's code</code> &ndash; and &rsquo;80s&hellip; &ldquo;</p>"


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        (r"(?<!-)---(?!-)", ("---",)),
        (r"(?<!\.)\.{3}(?!\.)", ("...",)),
        (r"(\s|&nbsp;)'(?=\w)", ("'",)),
        (r"a+b", ("a", "b")),
        (r"ab?c", ("a", "c")),
        (r"x(?i:y)", ("x",)),
        (r"(?i)abc", ()),
    ],
)
def test_required_substrings_are_the_runs_of_plain_literals(pattern, required):
    assert required_substrings(re.compile(pattern)) == required


@pytest.mark.parametrize(
    ("pattern", "first"),
    [(r"(?<!-)---(?!-)", "-"), (r"(?<!\.)\.{3}", "."), (r"^'x", ""), (r"(?=')'", "'"), (r"'x", ""), (r"(\s|--)'", ""), (r"(?<=a)[bc]", "")],
)
def test_first_character_is_the_literal_after_leading_assertions(pattern, first):
    assert first_character(re.compile(pattern)) == first


def test_quote_educator_skips_texts_with_none_of_smarty_marks():
    assert make_converter(1).treeprocessors["smarty"].marks == ('"', "'", "--", "...")


def test_every_smarty_match_has_its_required_substrings_and_first_character():
    rules = make_converter(1).treeprocessors["smarty"].rules
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice(QUOTE_PIECES) for _ in range(30))
        for regex, _, required, first in rules:
            for match in regex.finditer(text):
                assert all(part in match.group(0) for part in required), (regex.pattern, text)
                assert match.group(0).startswith(first), (regex.pattern, text)
