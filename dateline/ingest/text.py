"""Seed text: decoding, normalising, rebuilding paragraphs, sign-offs and sentences."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from ..markup import escape_markdown
from .agencies import agency_name

# A line this long or longer is not hard-wrapped wire copy but a paragraph per line.
WRAP_WIDTH = 100


def word_set(words: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words of a literal (long word lists stay readable)."""
    return frozenset(words.split())


@dataclass(frozen=True)
class Decoded:
    """A seed's text, or why it has none."""

    text: str | None
    encoding: str = ""
    reason: str = ""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_seed(data: bytes) -> Decoded:
    """Decode seed bytes (BOMs, UTF-8, UTF-16 without BOM, Windows-1252) or say why they are not text."""
    if not data.strip():
        return Decoded(None, reason="empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError:
                return Decoded(None, reason=f"not valid {encoding.upper()} despite its byte-order mark")
    if b"\0" in data:
        sample = data[:4096]
        # UTF-16 without a BOM: ASCII text has a NUL in every other byte.
        for encoding, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
            if zeros.count(0) > 0.9 * len(zeros) and len(sample) % 2 == 0:
                try:
                    return _checked(data.decode(encoding), encoding)
                except UnicodeDecodeError:
                    pass
        return Decoded(None, reason="binary file, not text")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"), "windows-1252")
    except UnicodeDecodeError:
        # Bytes cp1252 leaves undefined (0x81, 0x8D, ...) still decode as Latin-1.
        return _checked(data.decode("latin-1"), "latin-1")


def _checked(text: str, encoding: str) -> Decoded:
    if not text.strip():
        return Decoded(None, encoding, "empty file")
    sample = text[:8192]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f")
    if "\0" in sample or controls > 0.01 * len(sample) + 2:
        return Decoded(None, encoding, "binary file, not text")
    return Decoded(text, encoding)


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)
_SPACES = re.compile(r"[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u00ad\u200b-\u200d\u2060\ufeff]")


def normalise_text(text: str) -> str:
    """Unify newlines, spaces and quotes; drop invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text.replace("\t", "    "))
    text = _INVISIBLE.sub("", text)
    # Old wire copy writes ``quotes'' the TeX way.
    text = text.replace("``", '"').replace("''", '"')
    return text.translate(_QUOTES)


def clean_line(text: str) -> str:
    """Collapse whitespace of one line of text."""
    return " ".join(text.split())


def build_paragraphs(lines: list[str]) -> list[str]:
    """Rebuild paragraphs from lines: blank lines separate, indentation starts one in hard-wrapped copy."""
    paragraphs: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.rstrip())
            continue
        if block:
            paragraphs.extend(_block_paragraphs(block))
            block = []
    return [p for p in paragraphs if p]


def _block_paragraphs(block: list[str]) -> list[str]:
    lengths = sorted(len(line) for line in block)
    wrapped = len(block) > 1 and lengths[-1] <= WRAP_WIDTH and lengths[len(lengths) // 2] >= 35
    if not wrapped:
        return [clean_line(line) for line in block]
    paragraphs: list[list[str]] = []
    for line in block:
        if not paragraphs or line[:1] == " ":
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
    return [_join_wrapped(parts) for parts in paragraphs]


def _join_wrapped(parts: list[str]) -> str:
    text = parts[0]
    for part in parts[1:]:
        # A word broken at a hyphen ("Anglo-" / "American") keeps the hyphen and no space.
        glue = "" if text.endswith("-") and not text.endswith(" -") and part[:1].isalpha() else " "
        text = text + glue + part
    return clean_line(text)


@dataclass(frozen=True)
class Credits:
    """What the sign-off lines at the end of a story said."""

    source: str = ""
    author: str = ""
    year: int | None = None


_REUTER = re.compile(r"(?i)reuters?\W{0,4}(?:\^M)?")
_CONTINUED = re.compile(r"(?i)(?:more|more to come|continued|\(more\)|-+ ?more ?-+|#+|-30-|ends?)\W{0,3}")
_COPYRIGHT = re.compile(
    r"(?i)(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(\d{4})?(?:\s*[-–]\s*\d{4})?\s*,?\s*([^.]{0,80}?)\.?\s*(?:all rights reserved\.?)?"
)
# The trailer lines agencies send after a story: Xinhua's `Editor: Li Xia`, IANS's `--IANS`, Kyodo's `==Kyodo`,
# the desk operators' initials (`abc/kr`, `PTI ABC XYZ`), Bloomberg's contact lines. Never the story's own words.
_TRAILER = re.compile(
    r"(?:Editor|EDITOR|Editing|Edited\s+by)\s*:\s*[A-Z][\w.' -]{1,60}"
    r"|[-=]{1,3}\s*(?P<agency>[A-Z][A-Za-z]{1,12})\s*[-=]{0,3}"
    r"|[a-z]{2,4}(?:/[a-z]{1,4}){1,3}"
    r"|(?P<initialled>PTI|IANS|UNI|ANI)(?:\s+[A-Z]{2,4}){1,3}"
    r"|To contact the (?:reporters?|editors?)\b.{0,300}"
)
_CREDIT_WORDS = r"(?:additional reporting|reporting|writing|written|editing|edited|compiled|produced|graphics|research)"
_CREDIT = re.compile(rf"(?i)\(\s*{_CREDIT_WORDS}\b[^()]{{0,300}}\)")
_CREDIT_TAIL = re.compile(rf"(?i)\s*\(\s*{_CREDIT_WORDS}\b[^()]{{0,300}}\)\s*$")
_REPORTER = re.compile(r"(?i)(?:^|;|\(|\s)\s*(?:additional\s+)?(?:reporting|writing|written)\s+by\s+([^;()]{2,120})")
_PLACE_TAIL = re.compile(r"\s+in\s+[A-Z][^;]*$")


def strip_signoffs(lines: list[str]) -> tuple[list[str], Credits]:
    """Take trailing sign-offs and credits (Reuter, (Reporting by …), © …) off the text's lines."""
    lines = list(lines)
    source = author = ""
    year: int | None = None
    while lines:
        while lines and not lines[-1].strip():
            lines.pop()
        if not lines:
            break
        last = lines[-1].strip()
        if len(last) <= 12 and _REUTER.fullmatch(last):
            source = source or "Reuters"
            lines.pop()
            continue
        if len(last) <= 20 and _CONTINUED.fullmatch(last):
            lines.pop()
            continue
        trailer = _TRAILER.fullmatch(last) if len(last) <= 320 else None
        if trailer and (not trailer.group("agency") or agency_name(trailer.group("agency"), in_brackets=False)):
            source = source or agency_name(trailer.group("agency") or trailer.group("initialled") or "", in_brackets=False)
            lines.pop()
            continue
        if len(last) <= 160:
            copyright_match = _COPYRIGHT.fullmatch(last)
            if copyright_match:
                year = year or (int(copyright_match.group(1)) if copyright_match.group(1) else None)
                source = source or clean_line(copyright_match.group(2) or "")
                lines.pop()
                continue
        # A credit line may be hard-wrapped over a few lines: look back for its opening "(".
        found = False
        for start in range(len(lines) - 1, max(len(lines) - 5, -1), -1):
            joined = clean_line(" ".join(lines[start:]))
            if len(joined) > 320:
                break
            if joined.startswith("(") and _CREDIT.fullmatch(joined):
                author = author or _reporters(joined)
                del lines[start:]
                found = True
                break
        if found:
            continue
        tail = lines[-1][-400:]
        match = _CREDIT_TAIL.search(tail)
        if match:
            author = author or _reporters(match.group(0))
            lines[-1] = lines[-1][: len(lines[-1]) - len(tail) + match.start()]
            continue
        break
    return lines, Credits(source, author, year)


def _reporters(credit: str) -> str:
    match = _REPORTER.search(credit)
    if not match:
        return ""
    names = _PLACE_TAIL.sub("", match.group(1).strip())
    return clean_line(names.rstrip(" .,)"))


_ABBREVIATIONS = word_set(
    "mr mrs ms dr st jr sr prof gen col lt sgt capt gov sen rep rev inc corp co ltd plc no vs etc jan feb mar apr jun jul aug sep sept oct nov dec "
    "mt ft ave blvd dept est approx fig op"
)
# A Latin sentence ends at . ! ? before a capital; CJK, Urdu/Arabic and Indic full stops end one wherever they stand.
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|[。！？]+[」』”’)]*\s*|[۔।॥؟]+\s*")
# The full stops of scripts that have their own.
FULL_STOPS = ("。", "۔", "।", "॥", "．", "｡")


def sentences(paragraph: str, limit: int = 3) -> list[str]:
    """Split the start of a paragraph into at most `limit` sentences."""
    # Only the lede matters; bounding the input bounds the regex work on hostile text.
    paragraph = paragraph[:3000]
    found: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()].rsplit(" ", 1)[-1]
        word = before.lstrip("\"'(").lower()
        # "U.S." or "J." are abbreviations and initials, not the end of a sentence.
        if paragraph[match.start()] == "." and (word in _ABBREVIATIONS or len(word) == 1 or "." in word):
            continue
        found.append(paragraph[start : match.end()].strip())
        start = match.end()
        if len(found) >= limit:
            return found
    rest = paragraph[start:].strip()
    if rest:
        found.append(rest)
    return found[:limit]


def escape_body(paragraphs: list[str]) -> str:
    """Join paragraphs into a Markdown body that renders the text literally."""
    # Each paragraph is one line with no leading spaces, so no setext underline or indented code can form.
    return "\n\n".join(escape_markdown(p) for p in paragraphs) + "\n"
