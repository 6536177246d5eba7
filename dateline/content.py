"""Read one Markdown file (front matter + body) into an Article, with located errors."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from .config import Config, Topic
from .errors import WARNING, Problem
from .grouping import StoryInput, pack_features, story_features
from .keys import article_fingerprint, story_input_key
from .kinds import titled_names
from .languages import is_language_tag
from .markup import MarkdownRenderer, first_paragraph_text, render_limit_exceeded, shorten
from .scan import scan_content
from .slugs import slug_for_title, slugify
from .yamltext import YamlSyntaxError, parse_yaml

SUMMARY_LIMIT = 280
WORDS_PER_MINUTE = 220
KNOWN_KEYS = (
    "title",
    "date",
    "topics",
    "tags",
    "summary",
    "location",
    "source",
    "source_url",
    "author",
    "draft",
    "slug",
    "language",
    "story",
)


@dataclass(frozen=True)
class Article:
    """One article as the site model sees it; `path` (project-relative) is its key."""

    path: str
    title: str
    date: datetime
    # The calendar day in config `timezone`: what URLs, day headings and archives use.
    day: date
    slug: str
    url: str
    body_html: str
    summary: str
    topics: tuple[Topic, ...] = ()
    tags: tuple[str, ...] = ()
    location: str = ""
    source: str = ""
    # The story's own address (`source_url:`, written by ingest from a saved page, feed or newsletter): "Read at …".
    source_url: str = ""
    author: str = ""
    draft: bool = False
    reading_minutes: int = 1
    # The article's BCP 47 language tag when front matter gives one ("": the site's language).
    language: str = ""
    # Names a personal title stands before in the body, casefolded ("Mr Putin" → putin): a tag's kind evidence.
    titled_names: tuple[str, ...] = ()
    # The editor's `story:`: None to let Dateline group it, "" for `story: false` (a group of its own), else a story id.
    story: str | None = None
    # What story grouping compares (grouping.StoryFeatures, packed), computed with the parse and kept with it.
    story_features: Any = field(default=None, hash=False, compare=False)
    # Hash of everything stories are grouped from (keys.story_input_key): edits that leave it alone keep the stories.
    story_key: str = ""
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # Hash of the config, path and source text, which decide everything above (keys.article_fingerprint).
    fingerprint: str = ""

    @property
    def byline(self) -> str:
        """`LOCATION · Source`, the wire-style line under a headline."""
        return " · ".join(part for part in (self.location, self.source) if part)


@dataclass(frozen=True)
class FrontMatter:
    """The raw parts of a content file."""

    data: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Split `---` YAML front matter from the Markdown body; raise a Problem if malformed."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise _problem(path, 1, "no front matter", "start the file with a `---` line, then `title:` and `date:`, then `---`")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise _problem(path, 1, "front matter is not closed", "add a `---` line after the last front matter key")
    yaml_text = "".join(lines[1:index])
    try:
        doc = parse_yaml(yaml_text, first_line=2)
    except YamlSyntaxError as exc:
        raise _problem(path, exc.line, str(exc), exc.hint) from None
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise _problem(path, 2, "front matter must be `key: value` lines", "e.g. `title: My headline`")
    return FrontMatter({str(k): v for k, v in data.items()}, doc.key_lines, "".join(lines[index + 1 :]), index + 2)


class ProblemError(Exception):
    """Carries one Problem out of a helper."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _problem(path: str, line: int | None, message: str, hint: str) -> ProblemError:
    return ProblemError(Problem(path, line, message, hint))


def parse_date(value: Any, config: Config) -> datetime | None:
    """Read a front matter date (date, datetime or ISO string) as an aware datetime."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=config.zone)


def resolve_topics(names: Iterable[str], config: Config) -> tuple[list[Topic], list[tuple[str, str]]]:
    """Map names or slugs to topics; undeclared ones are made up and returned with a suggestion."""
    by_key: dict[str, Topic] = {}
    for topic in config.topics:
        by_key[topic.slug] = topic
        by_key[topic.name.casefold()] = topic
    found: list[Topic] = []
    unknown: list[tuple[str, str]] = []
    for name in names:
        topic = by_key.get(name.casefold()) or by_key.get(slugify(name))
        if topic is None:
            close = difflib.get_close_matches(name.casefold(), [t.name.casefold() for t in config.topics], n=1, cutoff=0.6)
            suggestion = next((t.name for t in config.topics if close and t.name.casefold() == close[0]), "")
            unknown.append((name, suggestion))
            topic = Topic(name.strip(), slugify(name), declared=False)
        if topic.slug and topic not in found:
            found.append(topic)
    return found, unknown


def _string_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return [str(item).strip() for item in value if str(item).strip()]
    return None


def parse_article(path: str, text: str, config: Config, renderer: MarkdownRenderer) -> tuple[Article | None, list[Problem]]:
    """Parse a content file's text; return the Article (None on errors) and every problem found."""
    try:
        front = split_front_matter(text, path)
    except ProblemError as exc:
        return None, [exc.problem]
    data, line_of = front.data, front.key_lines.get
    problems: list[Problem] = []

    def error(key: str, message: str, hint: str) -> None:
        problems.append(Problem(path, line_of(key, 1), message, hint))

    title = data.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        error("title", "missing `title`", "add `title: Your headline` to the front matter")
    elif not isinstance(title, (str, int, float)):
        error("title", "`title` must be text", "write `title: Your headline`")

    moment = None
    if "date" not in data:
        error("date", "missing `date`", "add `date: YYYY-MM-DD` to the front matter")
    else:
        moment = parse_date(data["date"], config)
        if moment is None:
            error("date", f"date: {str(data['date'])!r} is not a date", "use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+00:00")

    topic_names = _string_list(data.get("topics"))
    if topic_names is None:
        error("topics", "`topics` must be a list of topic names", "e.g. `topics: [Politics, World]`")
        topic_names = []
    tags = _string_list(data.get("tags"))
    if tags is None:
        error("tags", "`tags` must be a list of words", "e.g. `tags: [Joe Biden, Moscow]`")
        tags = []

    slug = data.get("slug")
    if slug is not None and (not isinstance(slug, str) or slugify(slug) != slug or not slug):
        suggestion = slugify(slug) if isinstance(slug, str) and slugify(slug) else "my-story"
        error("slug", f"slug {slug!r} is not a URL slug", f"use lowercase letters, digits and hyphens: `slug: {suggestion}`")
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        error("draft", f"`draft` must be true or false, not {draft!r}", "write `draft: true` or remove it")
    for key in ("summary", "location", "source", "author"):
        if data.get(key) is not None and not isinstance(data[key], (str, int, float)):
            error(key, f"`{key}` must be text", f"write `{key}: …` on one line")
    source_url = data.get("source_url")
    if source_url is not None and not (isinstance(source_url, str) and re.fullmatch(r"https?://[^\s<>\"]+", source_url.strip())):
        # Only a web address is linked: a `javascript:` or `file:` one must never reach a page.
        error("source_url", f"source_url {source_url!r} is not an http(s) address", "write `source_url: https://…` or remove it")
    language = data.get("language")
    if language is not None and not (isinstance(language, str) and is_language_tag(language.strip())):
        error("language", f"language {language!r} is not a language tag", "use a BCP 47 tag such as `ur`, `ar`, `zh-Hans` or `pt-BR`")
    story = data.get("story")
    if story is False:
        story = ""
    elif story is not None:
        text = str(story).strip() if isinstance(story, (str, int)) and not isinstance(story, bool) else ""
        if not text or slugify(text) != text:
            suggestion = slugify(text) if text and slugify(text) else "my-story"
            error(
                "story",
                f"story {story!r} is not a story id",
                f"write `story: {suggestion}` to group it, or `story: false` to keep it apart",
            )
        story = text
    if problems or moment is None:
        return None, problems

    topics, unknown = resolve_topics(topic_names, config)
    for name, suggestion in unknown:
        hint = f"did you mean {suggestion!r}?" if suggestion else "declare it under `topics:` in config.yaml"
        problems.append(Problem(path, line_of("topics", 1), f"topic {name!r} is not declared in config.yaml", hint, WARNING))

    title = " ".join(str(title).split())
    slug = slug or slug_for_title(title)
    local = moment.astimezone(config.zone)
    limit = render_limit_exceeded(front.body)
    if limit is not None:
        message, hint, offset = limit
        line = front.body_line + front.body.count("\n", 0, offset) if offset else _first_line_of(front)
        return None, [*problems, Problem(path, line, message, hint)]
    try:
        body_html = renderer.render(front.body)
    except RecursionError:  # the bounds above should make this unreachable; a traceback must never be the answer
        return None, [*problems, Problem(path, _first_line_of(front), "too deeply nested to render", "flatten the nested lists or quotes")]
    except Exception as exc:  # a bug in Markdown, met by this file: say which file, and go on with the others
        message = f"could not render the body ({type(exc).__name__}: {exc})"
        return None, [*problems, Problem(path, _first_line_of(front), message, "simplify the markup of the body")]
    summary = str(data.get("summary") or "").strip() or shorten(first_paragraph_text(body_html), SUMMARY_LIMIT)
    fingerprint = article_fingerprint(config.fingerprint, path, text)
    source = str(data.get("source") or "").strip()
    source_url = str(source_url or "").strip()
    # Only a site that groups stories pays for what grouping compares.
    features = pack_features(story_features(StoryInput(path, title, front.body, moment, source))) if config.stories.group else None
    article = Article(
        path=path,
        title=title,
        date=moment,
        day=local.date(),
        slug=slug,
        url=f"{local.year:04d}/{local.month:02d}/{slug}/",
        body_html=body_html,
        summary=" ".join(summary.split()),
        topics=tuple(topics),
        tags=canonical_tags(tags, config),
        location=str(data.get("location") or "").strip(),
        source=str(data.get("source") or "").strip(),
        source_url=source_url,
        author=str(data.get("author") or "").strip(),
        draft=draft,
        # Counted on the Markdown source: the odd markup token is noise at 220 words a minute,
        # and parsing the HTML again would cost a tenth of the article's parse.
        reading_minutes=max(1, math.ceil(len(front.body.split()) / WORDS_PER_MINUTE)),
        language=str(language or "").strip(),
        titled_names=titled_names(front.body),
        story=story,
        story_features=features,
        story_key=story_input_key(title, moment, source, story, slug, local.date(), front.body, source_url) if features is not None else "",
        extra={k: v for k, v in data.items() if k not in KNOWN_KEYS},
        fingerprint=fingerprint,
    )
    return article, problems


def _first_line_of(front: FrontMatter) -> int:
    """The line where the body's text begins (after blank lines)."""
    stripped = front.body.lstrip("\n")
    return front.body_line + len(front.body) - len(stripped)


def canonical_tags(tags: Iterable[str], config: Config) -> tuple[str, ...]:
    """Tags as pages name them (config's names for their aliases), each once whatever its case, in the order first given."""
    found: dict[str, str] = {}
    for tag in tags:
        name = config.canonical_tag(tag)
        found.setdefault(name.casefold(), name)
    return tuple(found.values())


def find_content_files(content_dir: Path) -> list[Path]:
    """List the Markdown files under content/, in a stable order, skipping hidden ones."""
    return [content_dir / relative for relative, _ in scan_content(content_dir)]


def read_text_file(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    """Read a UTF-8 content file, or return a Problem naming it."""
    try:
        return path.read_bytes().decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, Problem(shown, line, "file is not valid UTF-8", "re-save it as UTF-8")
    except OSError as exc:
        return None, Problem(shown, None, f"cannot read file: {exc.strerror}", "check its permissions")
