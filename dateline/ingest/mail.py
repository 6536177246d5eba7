"""Newsletters → stories: one .eml message or an .mbox of many (pure: bytes in, entries out).

A newsletter carries several stories, each a headline (a heading, or a short line that is all
bold or all one link), a blurb and a link; the reader finds that repeated structure in the HTML
part (else the plain-text part, where a story is a short line, its text and a URL) and returns
one SeedEntry per story. A message without it is one story: the Subject and the body's
paragraphs. View-in-browser lines and the footer (unsubscribe, preferences, address) are left
out and reported as SkippedEntry records keyed by the Message-ID.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.errors import MessageError
from email.message import EmailMessage, Message
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from .entries import MAX_ENTRIES_PER_FILE, MAX_PARAGRAPHS, MAX_SEED_BYTES, SeedEntry, SkippedEntry
from .fragments import HtmlBlock, html_blocks
from .text import clean_line

__all__ = ["read_mail", "split_mbox", "unwrap_link"]

# A line this short (and not a sentence) may be a headline; a longer one is text.
HEADLINE_CHARS = 150
HEADLINE_WORDS = 20

_VIEW_IN_BROWSER = re.compile(
    r"(?i)\b(?:view|read|open|see)\b[^.]{0,40}\b(?:in|on) (?:your|a|the) (?:web )?browser\b|\bview (?:it |this )?(?:online|as a web ?page)\b|"
    r"\b(?:having trouble|problems?) (?:viewing|reading|seeing)\b|\bcan'?t see (?:this|the) (?:e-?mail|message|images)\b"
)
# A block like this starts the footer when it comes in the second half of a message.
_FOOTER = re.compile(
    r"(?i)\bunsubscribe\b|\bopt[ -]out\b|\b(?:manage|update|change) (?:your )?(?:e-?mail )?(?:preferences|subscriptions?|settings)\b|"
    r"\byou(?:'re| are)? receiving this\b|\byou received this\b|\bwhy did I get this\b|\bno longer wish to receive\b|"
    r"\bto stop receiving\b|\bsent to [^\s@]+@|\ball rights reserved\b|©|\bcopyright ©?\s*\d{4}\b|\bour mailing address\b|"
    r"\bprivacy (?:policy|notice)\b|\bforward (?:this|to a friend)\b|\badd us to your address book\b"
)
# Calls to action: a link to the story, never a headline or a paragraph of it.
_CTA = re.compile(
    r"(?i)\W{0,3}(?:read|continue reading|keep reading|see|get|view|learn|click|full|more)"
    r"(?: (?:the|full|whole|entire|rest of the|story|article|piece|post|report|notice|details|coverage|interview|analysis|more|on|it|here|this))*"
    r"\W{0,3}"
)
_URL = re.compile(r"<?(https?://[^\s<>\"'\]\[)(]+)>?", re.I)
_RULE = re.compile(r"^\s*(?:[-=_*~#•·+]\s*){3,}$")
_SIGNATURE = "-- "
_REDIRECT_PARAMS = frozenset(
    ("url", "u", "target", "redirect", "redirect_url", "redirect_uri", "r", "dest", "destination", "link", "goto", "to", "q", "href", "out")
)
_TRACKING_PARAMS = re.compile(
    r"(?i)utm_[a-z0-9_]*|mc_cid|mc_eid|fbclid|gclid|dclid|_hsenc|_hsmi|mkt_tok|vero_id|vero_conv|oly_enc_id|oly_anon_id|ck_subscriber_id|"
    r"__s|ss_source|ss_campaign_id|sc_cid"
)
_EMBEDDED_URL = re.compile(r"(?i)(https?(?::|%3A)(?:/|%2F){2}.+)$")


def read_mail(data: bytes, mbox: bool) -> list[SeedEntry | SkippedEntry]:
    """Read one message (`.eml`) or a mailbox (`mbox=True`) into one entry per story, in the file's order."""
    if len(data) > MAX_SEED_BYTES:
        return [SkippedEntry("", f"file is {len(data):,} bytes, over the limit of {MAX_SEED_BYTES:,} bytes for one seed")]
    if not data.strip():
        return [SkippedEntry("", "empty file")]
    # An .mbox holding one message saved without its "From " line is still that message.
    messages = (split_mbox(data) or [data]) if mbox else [data]
    results: list[SeedEntry | SkippedEntry] = []
    for position, raw in enumerate(messages, 1):
        # Stories past the limit are not even built: one past it is enough to report the cut.
        results.extend(_read_message(raw, position, MAX_ENTRIES_PER_FILE + 1 - len(results)))
        if len(results) > MAX_ENTRIES_PER_FILE:
            cut = results[MAX_ENTRIES_PER_FILE]
            rest = len(messages) - position
            reason = f"this entry, the rest of its message and {rest} more messages were skipped: a seed file may hold at most {MAX_ENTRIES_PER_FILE} entries (split the file)"
            return [*results[:MAX_ENTRIES_PER_FILE], SkippedEntry(cut.key, reason)]
    return results


_QUOTED_FROM = re.compile(rb"^>(>*From )")


def split_mbox(data: bytes) -> list[bytes]:
    """The raw messages of an mbox: a "From " line after a blank line (or first) starts one; mboxrd's ">From " loses one ">"."""
    messages: list[bytes] = []
    current: list[bytes] | None = None
    after_blank = True
    for line in data.splitlines(keepends=True):
        if line.startswith(b"From ") and after_blank:
            if current is not None:
                messages.append(b"".join(current))
            current = []
        elif current is not None:
            current.append(_QUOTED_FROM.sub(rb"\1", line))
        after_blank = not line.strip()
    if current is not None:
        messages.append(b"".join(current))
    return messages


def unwrap_link(url: str) -> str:
    """A newsletter link as the story's own address: tracking redirects unwrapped, utm_* and other trackers removed; "" if not http(s)."""
    url = url.strip()
    for _ in range(5):  # redirects wrapped in redirects, but never without end
        target = _redirect_target(url)
        if not target:
            break
        url = target
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    kept = [piece for piece in parts.query.split("&") if piece and not _TRACKING_PARAMS.fullmatch(unquote(piece.split("=", 1)[0]))]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def _redirect_target(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    for name, value in parse_qsl(parts.query, keep_blank_values=True):
        if name.lower() in _REDIRECT_PARAMS and re.match(r"(?i)https?://", value.strip()):
            return value.strip()
    embedded = _EMBEDDED_URL.search(parts.path)
    if embedded:
        return unquote(embedded.group(1))
    return ""


# ---------------------------------------------------------------------------------------------
# One message


@dataclass(frozen=True)
class _Envelope:
    message_id: str
    subject: str
    source: str
    published: datetime | None


def _read_message(raw: bytes, position: int, budget: int) -> list[SeedEntry | SkippedEntry]:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    envelope = _envelope(message, raw)
    html, text = _bodies(message)
    blocks = html_blocks(html) if html.strip() else _text_blocks(text)
    if not any(block.text for block in blocks):
        label = f"message {position}" + (f" ({envelope.subject!r})" if envelope.subject else "")
        return [SkippedEntry(envelope.message_id, f"empty message: {label} has no text")]
    content, skipped = _without_chrome(blocks, envelope.message_id)
    stories = _stories(content, max(budget, 2))
    if len(stories) >= 2:
        entries: list[SeedEntry | SkippedEntry] = [_story_entry(story, n, envelope) for n, story in enumerate(stories, 1)]
    else:
        entries = [_single_entry(content, envelope)]
    return [*entries, *skipped]


def _envelope(message: EmailMessage | Message, raw: bytes) -> _Envelope:
    message_id = _header(message, "Message-ID").strip().strip("<>").strip()
    subject = clean_line(_header(message, "Subject"))
    source = ""
    published = None
    try:
        sender = message["From"]
        addresses = getattr(sender, "addresses", ())
        if addresses:
            source = clean_line(addresses[0].display_name or addresses[0].addr_spec)
        elif sender:
            source = clean_line(str(sender))
    except (MessageError, ValueError, TypeError, IndexError, AttributeError):
        source = ""
    try:
        date_header = message["Date"]
        published = getattr(date_header, "datetime", None)
    except (MessageError, ValueError, TypeError, IndexError, AttributeError, OverflowError):
        published = None
    if not message_id:
        fallback = "\n".join((_header(message, "From"), _header(message, "Date"), subject)) if subject else raw[:65536].decode("latin-1")
        message_id = "sha256:" + hashlib.sha256(fallback.encode("utf-8", "replace")).hexdigest()[:16]
    return _Envelope(message_id, subject, source, published)


def _header(message: EmailMessage | Message, name: str) -> str:
    # Hostile headers can trip the header parser itself; a field that cannot be read is left empty.
    try:
        value = message[name]
    except (MessageError, ValueError, TypeError, IndexError, AttributeError):
        return ""
    return str(value) if value is not None else ""


def _bodies(message: EmailMessage | Message) -> tuple[str, str]:
    """The message's HTML and plain-text bodies (either may be "")."""
    found = {"html": "", "plain": ""}
    if not isinstance(message, EmailMessage):
        return found["html"], found["plain"]
    for subtype in found:
        try:
            part = message.get_body(preferencelist=(subtype,))
        except (MessageError, ValueError, TypeError, IndexError, AttributeError, KeyError):
            part = None
        if part is not None:
            found[subtype] = _part_text(part)
    return found["html"], found["plain"]


def _part_text(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
        if isinstance(content, str):
            return content
    except (LookupError, UnicodeError, ValueError, TypeError, AssertionError, MessageError):
        pass
    payload = part.get_payload(decode=True)
    return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


# ---------------------------------------------------------------------------------------------
# Plain-text newsletters as blocks


def _text_blocks(text: str) -> list[HtmlBlock]:
    """Plain text as the blocks an HTML body would give: groups of lines between blank lines and rules."""
    groups: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == _SIGNATURE:
            groups.append([line.strip()])  # the signature: its own group, so the footer can start there
            groups.append([])
        elif not line.strip() or _RULE.match(line):
            groups.append([])
        else:
            groups[-1].append(line.strip())
    groups = [group for group in groups if group]
    blocks: list[HtmlBlock] = []
    for n, group in enumerate(groups):
        first, rest = group[0], group[1:]
        followed = bool(rest) or (n + 1 < len(groups) and not _URL.search(groups[n + 1][0]) and len(groups[n + 1]) > 0)
        if followed and _headline_shaped(first) and not _URL.search(first) and not _CTA.fullmatch(first):
            blocks.append(HtmlBlock(clean_line(first), heading=True))
            group = rest
        if group:
            blocks.append(_text_block(group))
    return blocks


def _text_block(lines: list[str]) -> HtmlBlock:
    words: list[str] = []
    links: list[tuple[str, str]] = []
    for line in lines:
        urls = [url.rstrip(".,;:!?") for url in _URL.findall(line)]  # the group drops <angle brackets>
        leftover = clean_line(_URL.sub(" ", line)).strip("<>()[]{}:- ")
        anchor = leftover if _CTA.fullmatch(leftover) else ""
        links.extend((url, anchor) for url in urls)
        if leftover and not anchor:
            words.append(_URL.sub(" ", line) if urls else line)
    return HtmlBlock(clean_line(" ".join(words)), links=tuple(links))


# ---------------------------------------------------------------------------------------------
# Stories


def _headline_shaped(text: str) -> bool:
    text = clean_line(text)
    if not text or len(text) > HEADLINE_CHARS or len(text.split()) > HEADLINE_WORDS:
        return False
    return not text.endswith((".", ",", ";", ":")) or text.endswith("...")


def _is_headline(block: HtmlBlock) -> bool:
    if not _headline_shaped(block.text) or _CTA.fullmatch(block.text) or _VIEW_IN_BROWSER.search(block.text):
        return False
    return block.heading or block.emphasised


def _without_chrome(blocks: list[HtmlBlock], message_id: str) -> tuple[list[HtmlBlock], list[SkippedEntry]]:
    """The blocks that carry the message's content, and what was left out as view-in-browser lines and footer."""
    content: list[HtmlBlock] = []
    skipped: list[SkippedEntry] = []
    for n, block in enumerate(blocks):
        if _VIEW_IN_BROWSER.search(block.text) and len(block.text) <= 200:
            skipped.append(SkippedEntry(message_id, f"left out a view-in-browser line: {_quote(block.text)}"))
        elif (_FOOTER.search(block.text) or block.text == "--") and n >= len(blocks) / 2:
            rest = [b for b in blocks[n:] if b.text]
            skipped.append(
                SkippedEntry(
                    message_id, f"left out the footer ({len(rest)} block{'s' if len(rest) != 1 else ''} from {_quote(block.text)})"
                )
            )
            break
        elif _FOOTER.search(block.text) and len(block.text) <= 200:
            skipped.append(SkippedEntry(message_id, f"left out an unsubscribe/footer line: {_quote(block.text)}"))
        else:
            content.append(block)
    return content, skipped


def _quote(text: str, limit: int = 60) -> str:
    return '"' + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + '"'


@dataclass
class _Story:
    headline: HtmlBlock
    body: list[HtmlBlock] = field(default_factory=list)
    link: str = ""

    def find_link(self) -> str:
        """The headline's own link, else the blurb's call to action, else the blurb's first link."""
        cta = [href for block in self.body for href, anchor in block.links if _CTA.fullmatch(anchor)]
        others = [href for block in self.body for href, _ in block.links]
        for href in (*(href for href, _ in self.headline.links), *cta, *others):
            address = unwrap_link(href)
            if address:
                return address
        return ""

    @property
    def paragraphs(self) -> list[str]:
        return _paragraphs(self.body)


def _paragraphs(blocks: list[HtmlBlock]) -> list[str]:
    """The blocks' text without calls to action, alone or ending a paragraph ("… the association said. Read more »")."""
    paragraphs: list[str] = []
    for block in blocks:
        text = block.text
        for _, anchor in block.links:
            if anchor and _CTA.fullmatch(anchor) and text.endswith(anchor):
                text = text[: -len(anchor)].rstrip()
        if text and not _CTA.fullmatch(text):
            paragraphs.append(text)
    return paragraphs


def _stories(blocks: list[HtmlBlock], limit: int) -> list[_Story]:
    """Headline + blurb + link groups, the first `limit` of them; a headline without a link (a section title, a greeting) starts no story."""
    groups: list[_Story] = []
    for block in blocks:
        if _is_headline(block):
            groups.append(_Story(block))
        elif groups:
            groups[-1].body.append(block)
    stories: list[_Story] = []
    for story in groups:
        story.link = story.find_link()
        if story.link:
            stories.append(story)
            if len(stories) >= limit:
                break
    return stories


def _story_entry(story: _Story, n: int, envelope: _Envelope) -> SeedEntry | SkippedEntry:
    key = f"{envelope.message_id}#{n}"
    paragraphs = story.paragraphs
    if len(paragraphs) > MAX_PARAGRAPHS:
        return SkippedEntry(key, f"story has {len(paragraphs)} paragraphs, over the limit of {MAX_PARAGRAPHS}")
    return SeedEntry(
        key=key,
        paragraphs=tuple(paragraphs),
        title=story.headline.text,
        published=envelope.published,
        source=envelope.source,
        source_url=story.link,
    )


def _single_entry(blocks: list[HtmlBlock], envelope: _Envelope) -> SeedEntry | SkippedEntry:
    key = f"{envelope.message_id}#1"
    paragraphs = _paragraphs(blocks)
    if not paragraphs:
        return SkippedEntry(key, "empty message: nothing but a view-in-browser line and footer")
    if len(paragraphs) > MAX_PARAGRAPHS:
        return SkippedEntry(key, f"message has {len(paragraphs)} paragraphs, over the limit of {MAX_PARAGRAPHS}")
    cta = [unwrap_link(href) for block in blocks for href, anchor in block.links if _CTA.fullmatch(anchor)]
    return SeedEntry(
        key=key,
        paragraphs=tuple(paragraphs),
        title=envelope.subject,
        published=envelope.published,
        source=envelope.source,
        source_url=next((url for url in cta if url), ""),
    )
