"""Slugs and URLs for titles in any script: readable, distinct, never a path, and written one way everywhere.

A slug keeps the letters and digits of every script (東京, Урду, हिन्दी, اردو);
Latin letters lose their accents (café → cafe), so the URLs of Latin titles are
plain ASCII as before. Everything else (spaces, punctuation, symbols, emoji)
separates words. Links, feeds, the sitemap and `check` use the same
percent-encoded form of a URL (`url_path`); files on disk keep the decoded name,
as GitHub Pages and every static server map one to the other.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

# A slug is one folder name: at most this many characters and UTF-8 bytes (file systems allow 255 bytes).
MAX_SLUG_CHARACTERS = 80
MAX_SLUG_BYTES = 200
# Characters a URL keeps as they are (ASCII slugs, paths, fragments, an already encoded %XX);
# everything else is percent-encoded as UTF-8.
URL_SAFE = "/-._~#?&=:%+"
_URL_SAFE_ONLY = re.compile(r"[A-Za-z0-9/\-._~#?&=:%+]*")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def slugify(text: str, max_length: int = MAX_SLUG_CHARACTERS) -> str:
    """A lowercase, hyphenated slug of the words of `text` in any script; "" when it has no letter or digit."""
    if text.isascii():
        # Fast path (most titles and tags): the same words as the loop below, found by one regex.
        # tests/test_slugs.py compares it with slugify_by_character on generated text.
        return _shorten("-".join(_ASCII_WORD.findall(text.lower())), max_length)
    return slugify_by_character(text, max_length)


def slugify_by_character(text: str, max_length: int = MAX_SLUG_CHARACTERS) -> str:
    """slugify() character by character: the plain path, for every script."""
    words: list[str] = []
    word: list[str] = []
    for character in unicodedata.normalize("NFC", text):
        kept = _slug_characters(character)
        if kept:
            word.append(kept)
        elif word:
            words.append("".join(word))
            word = []
    if word:
        words.append("".join(word))
    return _shorten("-".join(words), max_length)


def _slug_characters(character: str) -> str:
    """What a character becomes in a slug: ASCII for Latin letters, itself (lowercased) for other letters, marks and digits."""
    if character.isascii():
        return character.lower() if character.isalnum() else ""
    ascii_form = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode()
    if ascii_form and ascii_form.isalnum():
        return ascii_form.lower()  # é → e, ﬁ → fi, ２ → 2
    category = unicodedata.category(character)
    if category[0] in "LM" or category == "Nd":
        return character.lower()
    return ""


def _shorten(slug: str, max_length: int) -> str:
    # Cut at the last whole word that fits (as Dateline always has, so ASCII slugs stay the same) …
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    # … and, for scripts of 3- and 4-byte characters, within the bytes a file name may have.
    while len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug.rsplit("-", 1)[0] if "-" in slug else slug[:-1]
    return slug


def fallback_slug(text: str) -> str:
    """The slug of a title with no letter or digit (only punctuation or emoji): short, stable, distinct per title."""
    return "story-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def slug_for_title(title: str) -> str:
    """The slug a title gets when front matter names none."""
    return slugify(title) or fallback_slug(title)


# Symbols that tell names apart ("C", "C++", "C#"; "AT&T"), spelled out in tag slugs rather than dropped.
_TAG_SYMBOLS = str.maketrans({"+": " plus ", "#": " sharp ", "&": " and ", "@": " at "})


def tag_slug(name: str) -> str:
    """A tag's slug: its words as for titles (one tag whatever its case or accents), or `tag-` and a hash when it has none.

    `+ # & @` are spelled out, so that C, C++ and C# are three tags, not one.
    """
    return (
        slugify(name.translate(_TAG_SYMBOLS)) or "tag-" + hashlib.sha256(name.casefold().encode("utf-8", "surrogatepass")).hexdigest()[:8]
    )


def url_path(url: str) -> str:
    """A site-relative URL as links, feeds and the sitemap write it: UTF-8 percent-encoded where it is not ASCII-safe."""
    # Fast path: most URLs are ASCII slugs with nothing to encode (tests/test_slugs.py compares).
    if _URL_SAFE_ONLY.fullmatch(url):
        return url
    return quote(url, safe=URL_SAFE)
