"""Random Markdown documents that use every syntax Dateline's extensions support, for differential tests.

`random_document(rng)` mixes block structures (headings in quotes and lists, setext
headings, tables, footnotes, references, code, raw HTML) filled with inline pieces
(`*` and `_` emphasis, code spans, links, images, autolinks, entities, escapes,
smarty's quotes, dashes and ellipses, hard breaks), then sometimes writes the
whole document with CRLF line ends or tabs before line ends.
"""

from __future__ import annotations

import random

import markdown

from dateline.markup import EXTENSIONS, extension_configs

WORDS = ["minister", "said", "the", "talks", "in", "Geneva", "snake_case_word", "2021", "co-operate", "naïve", "東京", "مرحبا", "👍"]
INLINE = [
    "*em*", "_em_", "**strong**", "__strong__", "***both***", "___both___", "_*mixed*_", "**_nested_ text**", "*a **b** c*",
    "__a _b_ c__", "_unacceptable_", "__final__", "*", "_", "**", "__", "2*3*4", "a_b_c", "`code`", "``co`de``", "` `",
    "[link](http://x.example/a_b \"T\")", "[ref][r1]", "[r1]", "[r1][]", "[missing][nope]", "![img](i.png)", "![alt][r1]",
    "<http://auto.example/x>", "<me@example.com>", "<span class=\"x\">html</span>", "<!-- comment -->", "<b>", "</b>",
    "&amp;", "&copy;", "&#8212;", "&", "\\*", "\\_", "\\[", "\\\\", "\\`", "\"", "'", "--", "---", "...", "'90s",
    "\"quoted\"", "'single'", "it's", "[^n1]", "[^n2]", "<", ">", "[", "]", "(", ")", "!", "#", "=", "|",
]  # fmt: skip
LINE_ENDS = ["\n", "\n", "\n", "  \n", "   \n", "\t\n", " \t\n", "\\\n"]


def inline_text(rng: random.Random, pieces: int) -> str:
    """A run of words and inline markup."""
    parts = []
    for _ in range(pieces):
        parts.append(rng.choice(INLINE) if rng.random() < 0.45 else rng.choice(WORDS))
        parts.append(rng.choice(["", " ", " ", " ", "  "]))
    return "".join(parts).strip() or "word"


def paragraph(rng: random.Random) -> str:
    """One to three lines of inline text with varied line ends."""
    lines = [inline_text(rng, rng.randint(1, 8)) for _ in range(rng.randint(1, 3))]
    return "".join(line + rng.choice(LINE_ENDS) for line in lines[:-1]) + lines[-1]


def heading(rng: random.Random) -> str:
    """An ATX heading of any level, sometimes closed."""
    level = rng.randint(1, 6)
    text = inline_text(rng, rng.randint(1, 4))
    return "#" * level + " " + text + (" " + "#" * level if rng.random() < 0.2 else "")


def block(rng: random.Random, depth: int = 0) -> str:
    """One block, possibly containing others (quotes and list items nest)."""
    kind = rng.choice(
        ["para", "para", "para", "heading", "setext", "quote", "list", "olist", "code", "table", "hr", "html", "footdef", "refdef", "toc"]
    )
    if depth > 2 and kind in ("quote", "list", "olist"):
        kind = "para"
    if kind == "para":
        return paragraph(rng)
    if kind == "heading":
        return heading(rng)
    if kind == "setext":
        return inline_text(rng, rng.randint(1, 4)) + "\n" + rng.choice("=-") * rng.randint(1, 6)
    if kind == "quote":
        inner = "\n\n".join(block(rng, depth + 1) for _ in range(rng.randint(1, 2)))
        return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
    if kind in ("list", "olist"):
        items = []
        for number in range(1, rng.randint(2, 4)):
            marker = f"{number}. " if kind == "olist" else rng.choice(["* ", "- ", "+ "])
            inner = block(rng, depth + 1) if rng.random() < 0.5 else inline_text(rng, rng.randint(1, 5))
            lines = inner.split("\n")
            items.append(marker + lines[0] + "".join("\n    " + line for line in lines[1:]))
        return ("\n\n" if rng.random() < 0.3 else "\n").join(items)
    if kind == "code":
        return "\n".join("    " + inline_text(rng, rng.randint(1, 4)) for _ in range(rng.randint(1, 3)))
    if kind == "table":
        columns = rng.randint(1, 3)
        rows = ["| " + " | ".join(inline_text(rng, rng.randint(1, 2)) for _ in range(columns)) + " |" for _ in range(rng.randint(2, 4))]
        rows.insert(1, "|" + "|".join(rng.choice(["---", ":--", "--:", ":-:"]) for _ in range(columns)) + "|")
        return "\n".join(rows)
    if kind == "hr":
        return rng.choice(["***", "---", "* * *", "___"])
    if kind == "html":
        return f'<div class="box">\n{inline_text(rng, 3)}\n</div>'
    if kind == "footdef":
        return f"[^n{rng.randint(1, 2)}]: {inline_text(rng, rng.randint(1, 5))}"
    if kind == "refdef":
        return f'[r1]: http://ref.example/{rng.randint(1, 9)} "{inline_text(rng, 2)}"'
    return "[TOC]"


def random_document(rng: random.Random) -> str:
    """A document of one to six blocks; some get CRLF line ends or tabs before line ends."""
    text = "\n\n".join(block(rng) for _ in range(rng.randint(1, 6)))
    roll = rng.random()
    if roll < 0.15:
        text = text.replace("\n", "\r\n")
    elif roll < 0.2:
        text = text.replace("\n", "\r")
    return text


class StockMarkdown:
    """Python-Markdown exactly as shipped, with Dateline's extensions, settings and heading shift."""

    def __init__(self) -> None:
        self.converters = {
            level: markdown.Markdown(extensions=EXTENSIONS, extension_configs=extension_configs(level), output_format="html")
            for level in (1, 2)
        }

    def render(self, text: str) -> str:
        """Render as Dateline's renderer promises: body headings start at <h2>."""
        html = ""
        for level in (1, 2):
            converter = self.converters[level]
            converter.reset()
            html = converter.convert(text)
            if "<h1" not in html:
                break
        return html
