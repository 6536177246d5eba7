"""The e-mail edition: one day's stories as a message any mail client or `sendmail` can send.

    python build.py edition [YYYY-MM-DD] [--output DIR]

writes DIR/YYYY-MM-DD.eml (multipart/alternative: UTF-8 text/plain and text/html),
.html and .txt. The HTML follows what mail clients accept: every style inlined
(css-inline; only the dark-mode rules stay in <style>), no script, no stylesheet
link, every link absolute under base_url. The same message for the same content,
byte for byte: its Date is the day's newest story's, its MIME boundary a hash.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

from .config import Config
from .errors import BuildError, Problem
from .slugs import url_path
from .views import EntryView, SiteView

EDITIONS_DIR = "_editions"
TEXT_WIDTH = 72


@dataclass(frozen=True)
class Edition:
    """One day's edition: the message and its two bodies."""

    day: date
    subject: str
    stories: int
    html: str
    text: str
    message: bytes


def edition_html(site: SiteView, environment, label: str, day_url: str, entries: Sequence[EntryView]) -> str:
    """The e-mail HTML of a day's stories, its styles inlined."""
    import css_inline  # only the edition needs it

    def absolute(url: str) -> str:
        return site.base_url + url_path(url)

    html = environment.get_template("email.html").render(
        site=site,
        subject=subject_of(site, label),
        day_label=label,
        day_url=day_url,
        entries=entries,
        absolute=absolute,
    )
    # Untrusted pages must not make the inliner fetch anything: no remote stylesheets.
    inlined = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False).inline(html)
    # Ends in a newline like the text part, so that the .html file equals the message's HTML part.
    return inlined if inlined.endswith("\n") else inlined + "\n"


def subject_of(site: SiteView, label: str) -> str:
    """`<site title> — <day in words>`."""
    return f"{site.title} — {label}"


def edition_text(site: SiteView, label: str, day_url: str, entries: Sequence[EntryView]) -> str:
    """The plain-text alternative: every story with its link written out."""
    lines = [
        site.title,
        label,
        "",
        f"{len(entries)} {'story' if len(entries) == 1 else 'stories'} · {site.base_url + url_path(day_url)}",
        "",
    ]
    for entry in entries:
        lines.append(entry.title)
        if entry.byline:
            lines.append(entry.byline)
        if entry.summary:
            lines += textwrap.wrap(entry.summary, TEXT_WIDTH)
        lines.append(site.base_url + url_path(entry.url))
        if entry.story:
            lines += textwrap.wrap(story_line(entry), TEXT_WIDTH)
            lines.append(site.base_url + url_path(entry.story.url))
        lines.append("")
    lines.append(f"-- \n{site.title} · {site.base_url}")
    return "\n".join(lines) + "\n"


def story_line(entry: EntryView) -> str:
    """`3 reports from AP, Reuters and The Daily Post` for an entry that stands for a story."""
    story = entry.story
    sources = list(story.sources)
    named = ", ".join(sources[:-1]) + f" and {sources[-1]}" if len(sources) > 1 else "".join(sources)
    return f"{story.reports} reports" + (f" from {named}" if named else "") + ", full coverage:"


def edition_message(config: Config, site: SiteView, day: date, label: str, html: str, text: str, entries: Sequence[EntryView]) -> bytes:
    """The multipart/alternative message, with From and To only when config's edition names them."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject_of(site, label)
    message["Date"] = format_datetime(max(entry.date for entry in entries))
    if config.edition.sender:
        message["From"] = config.edition.sender
    if config.edition.recipient:
        message["To"] = config.edition.recipient
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    message.set_boundary("dateline-" + hashlib.sha256((text + html).encode()).hexdigest()[:32])
    return message.as_bytes()


def write_edition(edition: Edition, folder: Path) -> list[Path]:
    """Write the .eml, .html and .txt of an edition into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / edition.day.isoformat()
    written = []
    for suffix, data in ((".eml", edition.message), (".html", edition.html.encode()), (".txt", edition.text.encode())):
        path = stem.with_suffix(suffix)
        path.write_bytes(data)
        written.append(path)
    return written


def no_stories(day: date, days: Sequence[date]) -> BuildError:
    """The error for a day without stories, naming the nearest days that have some."""
    before = max((d for d in days if d < day), default=None)
    after = min((d for d in days if d > day), default=None)
    near = " or ".join(d.isoformat() for d in (before, after) if d is not None)
    hint = f"try {near}" if near else "write or ingest some stories first"
    return BuildError([Problem("edition", None, f"no stories on {day.isoformat()}", hint)])


def make_edition(config: Config, day: date | None = None) -> Edition:
    """The edition of `day` (default: the latest day with stories), from content/ as the last build saw it."""
    from .model import load_site
    from .render import Renderer, load_theme
    from .site import day_label
    from .views import article_views, listing_entries, site_view, story_links

    site = load_site(config)
    days = [listing.day for listing in site.days]
    if not days:
        raise no_stories(day or date.today(), days)
    wanted = day or days[0]
    listing = next((d for d in site.days if d.day == wanted), None)
    if listing is None:
        raise no_stories(wanted, days)
    theme = load_theme(config)
    view = site_view(config, theme.asset_urls, search=False)
    # Stories of several reports are one entry, with their sources, as on the day's page.
    views = {article.path: article_views(article) for article in listing.articles}
    entries = listing_entries(listing.articles, views, story_links(site))
    label = day_label(wanted)
    renderer = Renderer(view, theme, config.root)
    html = edition_html(view, renderer.env, label, listing.url, entries)
    text = edition_text(view, label, listing.url, entries)
    message = edition_message(config, view, wanted, label, html, text, entries)
    return Edition(wanted, subject_of(view, label), len(entries), html, text, message)
