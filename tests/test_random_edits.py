"""Random edit sequences: after every step, the incremental output equals a clean build, byte for byte.

Every cache in the engine (parsed files, view keys, related articles, output keys,
the stamp, a session's state in memory, the watcher-hinted rescan) is a fast path
over the plain build; this test runs generated sequences of edits of every kind
through both the command line's disk state and a session's state, with the default
theme and with a theme that prints every field of every view, so that any page left
stale by a key that misses something would show.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REPO
from test_incremental import files, write

from dateline.builder import BuildOptions, build, run_build
from dateline.config import load_config
from dateline.errors import BuildError

CONFIG = """\
title: Random Desk
base_url: https://example.com/desk/
timezone: {timezone}
paginate: {paginate}
feed_limit: 3
theme: {theme}
params:
  motto: {motto}
topics:
  - name: Politics
    description: {description}
  - name: Science
"""

# A theme that shows every field of every view: `{{ page }}` is the record's repr, all fields, nested ones included.
EVERY_FIELD_TEMPLATES = {
    "base.html": '<!doctype html><html lang="{{ language }}"><head><title>{{ page.title }}</title></head><body>'
    "<pre>{{ site }}</pre>{% block main %}{% endblock %}</body></html>\n",
    "article.html": '{% extends "base.html" %}{% block main %}<pre>{{ page }}</pre>{% endblock %}',
    "list.html": '{% extends "base.html" %}{% block main %}<pre>{{ page }}</pre>'
    '{% for group in days %}{{ group.label }}{% for entry in group.articles %}{% include "partials/entry.html" %}{% endfor %}'
    "{% endfor %}{% endblock %}",
    "partials/entry.html": "<article>{{ entry }} {{ entry.byline }} {{ entry.extra }} {{ entry.tags|join('|') }}</article>",
    "topics.html": '{% extends "base.html" %}{% block main %}<pre>{{ page }}</pre>{% endblock %}',
    "archive.html": '{% extends "base.html" %}{% block main %}<pre>{{ page }}</pre>{% endblock %}',
}
TAGS = ["Putin", "Biden", "Geneva", "OPEC", "Nairobi", "Mumbai"]
TOPICS = ["Politics", "Science", "Culture"]  # Culture is not declared
WORDS = ["the", "minister", "said", "talks", "in", "geneva", "would", "resume", "after", "a", "pause", "of", "several", "weeks"]
EDITS = ["title", "body", "tags", "topics", "date", "draft", "extra", "rename tag", "rename", "delete", "add", "template", "config"]
EDITS += ["css", "nothing", "error"]


def install_themes(root: Path, theme: str) -> None:
    """The default theme in the project, and `theme` if it is another one: the every-field theme's templates."""
    shutil.copytree(REPO / "themes" / "default", root / "themes" / "default")
    if theme != "default":
        for name, text in EVERY_FIELD_TEMPLATES.items():
            path = root / "themes" / theme / "templates" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)


@dataclass
class Story:
    """One content file as the generator last wrote it."""

    title: str
    date: str
    topics: list[str]
    tags: list[str]
    body: str
    draft: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """The file's text."""
        lines = ["---", f"title: {self.title}", f"date: {self.date}", f"topics: [{', '.join(self.topics)}]"]
        lines.append(f"tags: [{', '.join(self.tags)}]")
        if self.draft:
            lines.append("draft: true")
        lines += [f"{key}: {value}" for key, value in self.extra.items()]
        return "\n".join(lines) + "\n---\n\n" + self.body + "\n"


class EditSequence:
    """A project in tmp_path and the random edits made to it."""

    def __init__(self, root: Path, rng: random.Random, theme: str):
        self.root = root
        self.rng = rng
        self.stories: dict[str, Story] = {}
        self.settings = {"timezone": "UTC", "paginate": 2, "theme": theme, "motto": "Facts first", "description": "Government."}
        install_themes(root, theme)
        self.write_config()
        for _ in range(7):
            self.add()

    def write_config(self) -> None:
        """Write config.yaml from the current settings."""
        write(self.root / "config.yaml", CONFIG.format(**self.settings))

    def save(self, path: str) -> None:
        """Write one story's file."""
        write(self.root / path, self.stories[path].text())

    def body(self) -> str:
        """Random paragraphs; sometimes long enough to change the reading time."""
        words = self.rng.randint(5, 600)
        return " ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    def date(self) -> str:
        """A date in one of three months, sometimes near midnight (days move with the timezone)."""
        return f"2021-{self.rng.randint(2, 4):02d}-{self.rng.randint(1, 28):02d}T{self.rng.choice([0, 9, 13, 23]):02d}:30:00"

    def add(self) -> list[str]:
        """A new story."""
        path = f"content/{self.rng.choice(['', '2021/'])}s{len(self.stories)}-{self.rng.randint(0, 999)}.md"
        title = " ".join(self.rng.sample(WORDS, 3)).capitalize() + f" {len(self.stories)}"
        self.stories[path] = Story(
            title, self.date(), self.rng.sample(TOPICS, self.rng.randint(0, 2)), self.rng.sample(TAGS, 2), self.body()
        )
        self.save(path)
        return [path]

    def pick(self) -> str:
        """A random existing story's path."""
        return self.rng.choice(sorted(self.stories))

    def edit_field(self, name: str) -> list[str]:
        """Change one front matter field (or the body) of a random story."""
        path = self.pick()
        story = self.stories[path]
        if name == "title":
            story.title = story.title + self.rng.choice([" again", " (updated)", "!"])
        elif name == "body":
            story.body = self.body()
        elif name == "tags":
            story.tags = self.rng.sample(TAGS, self.rng.randint(0, 3))
        elif name == "topics":
            story.topics = self.rng.sample(TOPICS, self.rng.randint(0, 2))
        elif name == "date":
            story.date = self.date()
        elif name == "draft":
            story.draft = not story.draft
        elif name == "extra":
            story.extra = {} if story.extra else {"kicker": self.rng.choice(["Exclusive", "Analysis"])}
        self.save(path)
        return [path]

    def rename_tag(self) -> list[str]:
        """Rename a tag in every story that has it (a tag renamed in several files)."""
        old, new = self.rng.sample(TAGS, 2)
        changed = []
        for path, story in self.stories.items():
            if old in story.tags:
                story.tags = [new if tag == old else tag for tag in story.tags]
                story.tags = list(dict.fromkeys(story.tags))
                self.save(path)
                changed.append(path)
        return changed

    def rename(self) -> list[str]:
        """Move a story's file."""
        path = self.pick()
        target = f"content/moved-{self.rng.randint(0, 10**6)}.md"
        (self.root / path).rename(self.root / target)
        self.stories[target] = self.stories.pop(path)
        return [path, target]

    def delete(self) -> list[str]:
        """Delete a story (keeping at least two)."""
        if len(self.stories) <= 2:
            return self.add()
        path = self.pick()
        (self.root / path).unlink()
        del self.stories[path]
        return [path]

    def edit_template(self) -> None:
        """Change a template the pages include (the chosen theme's, else the default's)."""
        theme = self.settings["theme"]
        folder = self.root / "themes" / theme / "templates"
        name = self.rng.choice(sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html")))
        path = folder / name
        write(path, path.read_text() + f"\n<!-- edit {self.rng.randint(0, 999)} -->\n")

    def edit_config(self) -> None:
        """Change a config value that pages show or that moves articles."""
        key = self.rng.choice(["timezone", "paginate", "motto", "description"])
        self.settings[key] = {
            "timezone": self.rng.choice(["UTC", "America/New_York", "Asia/Tokyo"]),
            "paginate": self.rng.randint(1, 4),
            "motto": self.rng.choice(["Facts first", "News, fast"]),
            "description": self.rng.choice(["Government.", "Parliament and ministries."]),
        }[key]
        self.write_config()

    def edit_css(self) -> None:
        """Change the stylesheet (its URL carries its hash, so every page links the new one)."""
        path = self.root / "themes/default/static/style.css"
        write(path, path.read_text() + f"\n/* {self.rng.randint(0, 999)} */\n")

    def break_and_fix(self) -> str:
        """Break a story's front matter (the build must fail and change nothing); the caller then restores it."""
        path = self.pick()
        write(self.root / path, "---\ntitle: Broken\ndate: [not a date\n---\n\nBody.\n")
        return path

    def step(self) -> tuple[str, list[str] | None]:
        """Make one random edit; return its name and the content paths a watcher would report (None: not only content)."""
        kind = self.rng.choice(EDITS)
        if kind in ("title", "body", "tags", "topics", "date", "draft", "extra"):
            return kind, self.edit_field(kind)
        actions = {"rename tag": self.rename_tag, "rename": self.rename, "delete": self.delete, "add": self.add}
        if kind in actions:
            return kind, actions[kind]()
        if kind == "template":
            self.edit_template()
        elif kind == "config":
            self.edit_config()
        elif kind == "css":
            self.edit_css()
        elif kind == "nothing":
            return kind, []
        return kind, None


def clean_build(root: Path, out: Path, drafts: bool) -> dict[str, bytes]:
    """The plain path: no state at all, a fresh output folder."""
    shutil.rmtree(out, ignore_errors=True)
    build(load_config(root / "config.yaml")[0], BuildOptions(search=False, use_cache=False, output_dir=out, drafts=drafts))
    return files(out)


@pytest.mark.parametrize("theme", ["default", "every-field"])
@pytest.mark.parametrize("mode", ["command line", "session"])
def test_random_edits_leave_the_output_equal_to_a_clean_build(tmp_path, mode, theme):
    seed = {"command line": 1, "session": 2}[mode] * 10 + (theme == "default")
    rng = random.Random(seed)
    project = EditSequence(tmp_path / "site", rng, theme)
    drafts = mode == "session"  # serve shows drafts
    options = BuildOptions(search=False, use_cache=False, in_place=True, processes=1, drafts=True) if drafts else BuildOptions(search=False)
    state = None

    def incremental(watched: list[str] | None):
        nonlocal state
        config = load_config(project.root / "config.yaml")[0]
        built = run_build(config, options, state=state, changed_content=watched)
        if mode == "session":
            state = built.state
        return built.result

    incremental(None)
    history = []
    for number in range(24):
        kind, watched = project.step()
        history.append(kind)
        if kind == "error":
            path = project.break_and_fix()
            before = files(project.root / "_site")
            with pytest.raises(BuildError):
                incremental([path])
            assert files(project.root / "_site") == before, history
            project.save(path)
            watched = [path]
        elif kind == "config" and mode == "session":
            state = None  # serve starts afresh when the config changes
        result = incremental(watched)
        expected = clean_build(project.root, tmp_path / "clean", drafts)
        assert files(project.root / "_site") == expected, f"step {number}: {history}"
        if kind == "nothing":
            assert result.rendered == 0, history
