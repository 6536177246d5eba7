"""Headlines: the seed's own headline line, else one cut from the lede; and the summary."""

from __future__ import annotations

import re

from ..markup import shorten
from .text import FULL_STOPS, clean_line, sentences, word_set

HEADLINE_LIMIT = 150
LEDE_TITLE_LIMIT = 90
SUMMARY_LIMIT = 300


def is_headline(line: str, next_line: str | None) -> bool:
    """A headline is a short line followed by a blank line, not a sentence-ending fragment of prose."""
    text = clean_line(line)
    if not text or len(text) > HEADLINE_LIMIT or next_line is None or next_line.strip():
        return False
    # Prose ends with a full stop; headlines end with a word, a number, a quote, ? or ! (or "U.S.").
    if text.endswith(FULL_STOPS):
        return False  # 。 ۔ । end a sentence, in scripts with or without spaces between words
    last_word = text.rsplit(" ", 1)[-1]
    sentence_end = text.endswith(".") and not text.endswith("...") and "." not in last_word[:-1] and not text.isupper()
    return not (sentence_end and len(text.split()) > 3) and not text.endswith((",", ";", ":", "，", "،"))


# Subordinate openers whose clause, up to the first comma, is not the news.
_OPENERS = word_set(
    "after although as because before despite following if in amid on once since though until when whereas while with without "
    "according faced facing having"
)
# Cut points inside a long clause, best first; a cut is only made before one of these.
_CUT_BEFORE = re.compile(
    r"\s(?=(?:to|in|on|at|for|with|after|as|amid|while|which|who|that|but|and|from|over|by|despite|following|because|since|than|into|under|when|where)\s)"
)
_ATTRIBUTION = re.compile(r",\s+(?:[^,]{1,60}\s)?(?:said|says|told|reported|announced|according to)\b[^,]{0,80}$")
_PARENTHESES = re.compile(r"\s*\([^()]{0,200}\)")
_DANGLING = word_set(
    "a an the and or but of to in on at for with by from as that which who its their his her is are was were be will has have had"
)


def lede_headline(lede: str, limit: int = LEDE_TITLE_LIMIT) -> str:
    """Make a headline from the lede: the main clause of its first sentence, cut at a natural boundary."""
    first = sentences(lede, 1)
    text = clean_line(first[0] if first else lede[:1000])
    text = _PARENTHESES.sub("", text)
    text = text.rstrip(" .!?;:,\"'。۔।॥，،")
    words = text.split(" ", 1)
    if words[0].lower() in _OPENERS and "," in text[: len(text) * 2 // 3]:
        main = text.split(",", 1)[1].strip()
        if len(main.split()) >= 4:
            text = main[:1].upper() + main[1:]
    attribution = _ATTRIBUTION.search(text)
    if attribution and attribution.start() > 30:
        text = text[: attribution.start()]
    if len(text) > limit:
        text = _cut(text, limit)
    words = text.rstrip(" .,;:!?-–—\"'").split()
    while len(words) > 3 and words[-1].lower().strip(",;:") in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" .,;:!?-–—\"'。۔।॥，،")


def _cut(text: str, limit: int) -> str:
    head = text[: limit + 1]
    floor = limit // 2
    for separator in ("; ", " — ", " – ", " - ", ", ", "，", "、", "؛ ", "، "):
        position = head.rfind(separator)
        if position >= floor:
            return text[:position]
    cuts = [m.start() for m in _CUT_BEFORE.finditer(head) if floor <= m.start() <= limit]
    if cuts:
        return text[: cuts[-1]]
    return head.rsplit(" ", 1)[0]


def lede_summary(paragraphs: list[str], limit: int = SUMMARY_LIMIT) -> str:
    """The lede as plain text: the first sentence, and the second when both are short."""
    if not paragraphs:
        return ""
    found = sentences(paragraphs[0], 2)
    if not found:
        return ""
    summary = found[0]
    if len(found) > 1 and len(summary) < 150 and len(summary) + 1 + len(found[1]) <= limit:
        summary = f"{summary} {found[1]}"
    return shorten(summary, limit)
