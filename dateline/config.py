"""Load and validate config.yaml into a frozen Config."""

from __future__ import annotations

import difflib
import functools
import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import WARNING, BuildError, Problem
from .keys import text_key
from .slugs import slugify, tag_slug
from .yamltext import YamlSyntaxError, parse_yaml

if TYPE_CHECKING:
    from .fetch import FeedSource

CONFIG_NAME = "config.yaml"


@dataclass(frozen=True)
class Topic:
    """A topic articles are filed under; `declared` is False for ones only articles name."""

    name: str
    slug: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    declared: bool = True


TAG_KINDS = ("person", "place", "organisation")


@dataclass(frozen=True)
class TagDeclaration:
    """A tag config.yaml names: its canonical name, the other spellings that mean it, and what it is."""

    name: str
    slug: str
    aliases: tuple[str, ...] = ()
    kind: str = ""


@dataclass(frozen=True)
class EditionConfig:
    """The e-mail edition: its addresses, and whether a build publishes each day's as a page."""

    sender: str = ""
    recipient: str = ""
    publish: bool = False


@dataclass(frozen=True)
class StoriesConfig:
    """Story grouping: whether listings group the reports of one event, and how far apart in days they may be."""

    group: bool = True
    window_days: int = 3


@dataclass(frozen=True)
class IngestConfig:
    """Options of the seeds → content ingest."""

    default_date: date | None = None
    max_tags: int = 5
    # Calibrated probability below which a seed gets no topic; 0.3 keeps ~99% of short items filed (bench/topic_accuracy.py).
    topic_threshold: float = 0.3


@dataclass(frozen=True)
class Config:
    """Everything config.yaml says, validated, with paths made absolute."""

    root: Path
    title: str = "Dateline"
    description: str = "A news digest."
    base_url: str = "https://example.com/"
    language: str = "en"
    timezone: str = "UTC"
    author: str = ""
    paginate: int = 10
    feed_limit: int = 20
    theme: str = "default"
    output_dir: Path = Path("_site")
    cname: str = ""
    links_to_index_html: bool = False
    topics: tuple[Topic, ...] = ()
    tags: tuple[TagDeclaration, ...] = ()
    edition: EditionConfig = field(default_factory=EditionConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    sources: tuple[FeedSource, ...] = ()
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # Hash of the config file's text: any config change invalidates every page.
    fingerprint: str = ""

    @functools.cached_property
    def tag_spellings(self) -> dict[str, TagDeclaration]:
        """Every declared tag name and alias, casefolded, and the tag it means."""
        return {spelling.casefold(): tag for tag in self.tags for spelling in (tag.name, *tag.aliases)}

    def canonical_tag(self, text: str) -> str:
        """A tag as pages name it: the declared name for any of its spellings, else the text with spaces collapsed."""
        text = " ".join(text.split())
        declared = self.tag_spellings.get(text.casefold())
        return declared.name if declared is not None else text

    @property
    def content_dir(self) -> Path:
        """Folder of the Markdown articles."""
        return self.root / "content"

    @property
    def seeds_dir(self) -> Path:
        """Folder of the raw text seeds."""
        return self.root / "seeds"

    @property
    def themes_dir(self) -> Path:
        """Folder holding `default/` and any user themes."""
        return self.root / "themes"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The timezone naive dates are read in and days are grouped by."""
        return zoneinfo.ZoneInfo(self.timezone)


_KNOWN_KEYS = {
    "title": str,
    "description": str,
    "base_url": str,
    "language": str,
    "timezone": str,
    "author": str,
    "paginate": int,
    "feed_limit": int,
    "theme": str,
    "output": str,
    "cname": str,
    "links_to_index_html": bool,
    "topics": list,
    "tags": list,
    "edition": dict,
    "stories": dict,
    "ingest": dict,
    "sources": list,
    "params": dict,
}

_TYPE_NAMES = {str: "a string", int: "a whole number", bool: "true or false", list: "a list", dict: "a mapping"}
# What to write instead of a value of the wrong type, key by key.
_EXAMPLES = {
    "title": "title: The Evening Digest",
    "description": "description: One line about the site.",
    "base_url": "base_url: https://USER.github.io/REPO/",
    "language": "language: en",
    "timezone": "timezone: Europe/London",
    "author": "author: The news desk",
    "paginate": "paginate: 10",
    "feed_limit": "feed_limit: 20",
    "theme": "theme: default",
    "output": "output: _site",
    "cname": "cname: news.example.org",
    "links_to_index_html": "links_to_index_html: true",
    "topics": "topics: [Politics, World]",
    "tags": "tags: [{name: United States, aliases: [U.S., USA], kind: place}]",
    "edition": "edition: {from: desk@example.org, publish: true}",
    "stories": "stories: {group: true, window_days: 3}",
    "ingest": "ingest: {max_tags: 5}",
    "sources": "sources: [{url: https://example.com/feed.xml, name: Example News}]",
    "params": "params: {motto: Facts first}",
}


def parse_config(text: str, root: Path, path: str = CONFIG_NAME) -> tuple[Config, list[Problem]]:
    """Validate config text; return the Config and any warnings, or raise BuildError."""
    try:
        doc = parse_yaml(text)
    except YamlSyntaxError as exc:
        raise BuildError([Problem(path, exc.line, str(exc), exc.hint)]) from None
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise BuildError([Problem(path, 1, "config must be a mapping of keys to values", "write `key: value` lines")])

    errors: list[Problem] = []
    warnings: list[Problem] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        line = doc.line_of(str(key))
        expected = _KNOWN_KEYS.get(str(key))
        if expected is None:
            close = difflib.get_close_matches(str(key), _KNOWN_KEYS, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "remove it, or put site values under `params:`"
            warnings.append(Problem(path, line, f"unknown key `{key}`", hint, WARNING))
            continue
        if value is None:
            continue
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            errors.append(Problem(path, line, f"`{key}` must be {_TYPE_NAMES[expected]}, not {value!r}", f"write e.g. `{_EXAMPLES[key]}`"))
            continue
        values[str(key)] = value

    def check(condition: bool, key: str, message: str, hint: str) -> None:
        if not condition:
            errors.append(Problem(path, doc.line_of(key), message, hint))

    if "paginate" in values:
        check(values["paginate"] >= 1, "paginate", "`paginate` must be at least 1", "e.g. `paginate: 10`")
    if "feed_limit" in values:
        check(values["feed_limit"] >= 1, "feed_limit", "`feed_limit` must be at least 1", "e.g. `feed_limit: 20`")
    if "timezone" in values:
        try:
            zoneinfo.ZoneInfo(values["timezone"])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors.append(
                Problem(
                    path,
                    doc.line_of("timezone"),
                    f"unknown timezone {values['timezone']!r}",
                    "use an IANA name such as `Europe/London` or `UTC`",
                )
            )
    if "base_url" in values:
        base = values["base_url"]
        check(
            re.match(r"^https?://[^/\s]+", base) is not None,
            "base_url",
            f"`base_url` {base!r} is not an absolute http(s) URL",
            "e.g. `https://USER.github.io/REPO/`",
        )
        values["base_url"] = base if base.endswith("/") else base + "/"
    if "theme" in values:
        theme = values["theme"]
        check(
            re.fullmatch(r"[A-Za-z0-9_.-]+", theme) is not None and theme not in (".", ".."),
            "theme",
            f"`theme` {theme!r} is not a folder name",
            "name a folder in themes/",
        )

    topics = _parse_topics(values.pop("topics", []), path, doc.line_of("topics"), errors)
    tags = _parse_tags(values.pop("tags", []), path, doc.line_of("tags"), errors)
    edition = _parse_edition(values.pop("edition", {}), path, doc.line_of("edition"), errors)
    stories = _parse_stories(values.pop("stories", {}), path, doc.line_of("stories"), errors)
    ingest = _parse_ingest(values.pop("ingest", {}), path, doc.line_of("ingest"), errors)
    sources: tuple[FeedSource, ...] = ()
    if "sources" in values:
        from .fetch import parse_sources  # urllib and ssl load only for a site that fetches feeds

        sources, source_problems = parse_sources(values.pop("sources"), {topic.name for topic in topics})
        errors.extend(Problem(path, doc.line_of("sources"), message) for message in source_problems)
    output = values.pop("output", "_site")
    if errors:
        raise BuildError(errors + warnings)
    config = Config(
        root=root,
        output_dir=(root / output).resolve() if not Path(output).is_absolute() else Path(output),
        topics=topics,
        tags=tags,
        edition=edition,
        stories=stories,
        ingest=ingest,
        sources=sources,
        fingerprint=text_key(text)[:16],
        **values,
    )
    return config, warnings


def _parse_topics(raw: list, path: str, line: int | None, errors: list[Problem]) -> tuple[Topic, ...]:
    topics: list[Topic] = []
    seen: dict[str, str] = {}
    for index, item in enumerate(raw, 1):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            errors.append(
                Problem(path, line, f"topic #{index} needs a `name`", "write `- name: Politics` with optional slug, description, keywords")
            )
            continue
        name = item["name"].strip()
        slug = str(item.get("slug") or slugify(name))
        if slugify(slug) != slug or not slug:
            errors.append(
                Problem(
                    path,
                    line,
                    f"topic {name!r}: slug {slug!r} is not a URL slug",
                    f"use lowercase letters, digits and hyphens: `slug: {slugify(slug) or 'my-topic'}`",
                )
            )
            continue
        if slug in seen:
            errors.append(
                Problem(path, line, f"topics {seen[slug]!r} and {name!r} share the slug {slug!r}", "give one of them its own `slug:`")
            )
            continue
        seen[slug] = name
        keywords = item.get("keywords") or []
        if not isinstance(keywords, list):
            errors.append(Problem(path, line, f"topic {name!r}: `keywords` must be a list", "e.g. `keywords: [election, parliament]`"))
            keywords = []
        topics.append(Topic(name, slug, str(item.get("description") or ""), tuple(str(k) for k in keywords)))
    return tuple(topics)


def _parse_tags(raw: list, path: str, line: int | None, errors: list[Problem]) -> tuple[TagDeclaration, ...]:
    declared: list[TagDeclaration] = []
    spelled: dict[str, str] = {}  # every name and alias, casefolded → the tag it means
    for index, item in enumerate(raw, 1):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            errors.append(
                Problem(path, line, f"tag #{index} needs a `name`", "write `- name: United States` with optional aliases and kind")
            )
            continue
        name = " ".join(item["name"].split())
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, (str, int, float)) for a in aliases):
            errors.append(Problem(path, line, f"tag {name!r}: `aliases` must be a list", "e.g. `aliases: [U.S., USA]`"))
            aliases = []
        kind = str(item.get("kind") or "")
        if kind and kind not in TAG_KINDS:
            errors.append(
                Problem(path, line, f"tag {name!r}: kind {kind!r} is not one Dateline knows", "use person, place or organisation")
            )
            kind = ""
        for unknown in sorted(set(item) - {"name", "aliases", "kind"}):
            errors.append(Problem(path, line, f"tag {name!r}: unknown key `{unknown}`", "a tag has name, aliases and kind"))
        spellings = [name, *(" ".join(str(a).split()) for a in aliases)]
        for spelling in spellings:
            other = spelled.setdefault(spelling.casefold(), name)
            if other != name:
                errors.append(Problem(path, line, f"{spelling!r} names both tags {other!r} and {name!r}", "keep it under one of them"))
        slug = tag_slug(name)
        same_page = next((tag.name for tag in declared if tag.slug == slug and tag.name != name), None)
        if same_page is not None:
            errors.append(
                Problem(path, line, f"tags {same_page!r} and {name!r} would share the page /tags/{slug}/", "make one an alias of the other")
            )
        declared.append(TagDeclaration(name, slug, tuple(spellings[1:]), kind))
    return tuple(declared)


def _parse_edition(raw: dict, path: str, line: int | None, errors: list[Problem]) -> EditionConfig:
    values = {"from": "", "to": "", "publish": False}
    for key, value in raw.items():
        if key not in values:
            errors.append(Problem(path, line, f"unknown key `edition.{key}`", "known: from, to, publish"))
        elif key == "publish" and not isinstance(value, bool):
            errors.append(Problem(path, line, f"edition.publish must be true or false, not {value!r}", "write `publish: true`"))
        elif key != "publish" and not isinstance(value, str):
            errors.append(Problem(path, line, f"edition.{key} must be an e-mail address", f"e.g. `{key}: desk@example.org`"))
        else:
            values[key] = value
    return EditionConfig(str(values["from"]).strip(), str(values["to"]).strip(), bool(values["publish"]))


def _parse_stories(raw: dict, path: str, line: int | None, errors: list[Problem]) -> StoriesConfig:
    group, window = raw.get("group", True), raw.get("window_days", 3)
    for key in raw:
        if key not in ("group", "window_days"):
            errors.append(Problem(path, line, f"unknown key `stories.{key}`", "known: group, window_days"))
    if not isinstance(group, bool):
        errors.append(
            Problem(path, line, f"stories.group must be true or false, not {group!r}", "write `group: false` to list every report")
        )
        group = True
    if not isinstance(window, int) or isinstance(window, bool) or not 0 <= window <= 30:
        errors.append(
            Problem(path, line, f"stories.window_days {window!r} must be a whole number of days, 0 to 30", "e.g. `window_days: 3`")
        )
        window = 3
    return StoriesConfig(group, window)


def _parse_ingest(raw: dict, path: str, line: int | None, errors: list[Problem]) -> IngestConfig:
    default_date = raw.get("default_date")
    if default_date is not None and not isinstance(default_date, date):
        errors.append(Problem(path, line, f"ingest.default_date {default_date!r} is not a date", "use YYYY-MM-DD"))
        default_date = None
    max_tags = raw.get("max_tags", 5)
    if not isinstance(max_tags, int) or isinstance(max_tags, bool) or max_tags < 0:
        errors.append(Problem(path, line, f"ingest.max_tags {max_tags!r} must be a whole number ≥ 0", "e.g. `max_tags: 5`"))
        max_tags = 5
    threshold = raw.get("topic_threshold", IngestConfig.topic_threshold)
    if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or not 0 <= threshold <= 1:
        errors.append(Problem(path, line, f"ingest.topic_threshold {threshold!r} must be between 0 and 1", "e.g. `topic_threshold: 0.3`"))
        threshold = IngestConfig.topic_threshold
    for key in raw:
        if key not in ("default_date", "max_tags", "topic_threshold"):
            errors.append(Problem(path, line, f"unknown key `ingest.{key}`", "known: default_date, max_tags, topic_threshold"))
    return IngestConfig(default_date if isinstance(default_date, date) else None, max_tags, float(threshold))


def load_config(path: Path) -> tuple[Config, list[Problem]]:
    """Read and validate a config file; its folder is the project root."""
    path = path.resolve()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BuildError([Problem(str(path), None, "config file not found", "run from the project folder or pass --config PATH")]) from None
    except UnicodeDecodeError:
        raise BuildError([Problem(str(path), None, "config file is not UTF-8", "save it as UTF-8")]) from None
    return parse_config(text, path.parent, path.name)
