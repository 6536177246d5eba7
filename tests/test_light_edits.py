"""A session's build after light edits (light_edits.py) against the plain path, over random edits.

The patched build lends the last build's page views and swaps in the edited articles' views; it
must give the very files a clean build gives, with the default theme and with a theme that prints
every field of every view, and it must decline (the plain path runs) whenever the site's shape
changed: a date, the topics, a story of several reports.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from test_incremental import files, write
from test_random_edits import install_themes

from dateline.builder import BuildOptions, build, run_build
from dateline.config import load_config, parse_config
from dateline.content import Article, parse_article
from dateline.light_edits import light_edits, patched_pages
from dateline.markup import MarkdownRenderer
from dateline.state import ParsedFile, ViewMemo

CONFIG = """\
title: Body Desk
base_url: https://example.com/desk/
timezone: UTC
paginate: 3
feed_limit: 4
theme: {theme}
topics:
  - name: Politics
  - name: Science
"""
WIRE = (
    "The finance ministers of the group met in Geneva on Monday and agreed a common plan on tariffs for steel and "
    "aluminium, officials said after talks that ran late into the night. The plan still needs the approval of the "
    "national parliaments, which are expected to vote on it before the summer recess."
)
WORDS = ["the", "council", "said", "talks", "on", "harbour", "bridge", "would", "resume", "after", "a", "pause", "of", "weeks", "city"]
HEADLINES = [
    "Ministers agree tariff plan in Geneva",
    "Geneva talks end with tariff deal",
    "Harbour bridge vote delayed again",
    "Council delays harbour bridge vote",
    "Comet seen over the northern hills",
    "New vaccine trial starts in Nairobi",
    "Nairobi trial of vaccine begins",
    "Rail strike called off after late talks",
]


class Desk:
    """A small project whose articles form stories and near-duplicate copies, edited at random."""

    def __init__(self, root: Path, rng: random.Random, theme: str):
        self.root, self.rng = root, rng
        install_themes(root, theme)
        (root / "config.yaml").write_text(CONFIG.format(theme=theme))
        self.bodies: dict[str, list[str]] = {}
        self.titles: dict[str, str] = {}
        for number in range(16):
            path = f"content/a{number:02d}.md"
            wire = number in (0, 1)  # one wire text carried by two outlets
            self.titles[path] = HEADLINES[number % len(HEADLINES)]
            # The two copies of the wire text start alike in every paragraph: near-duplicates, one story.
            self.bodies[path] = (
                list(self.bodies["content/a00.md"])
                if number == 1
                else [WIRE if wire else self.sentence(30), self.sentence(25), self.sentence(20)]
            )
            self.save(path, day=1 + number // 4, source="Reuters" if number % 2 else "AP")

    def sentence(self, count: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(count)).capitalize() + "."

    def save(self, path: str, day: int | None = None, source: str | None = None) -> None:
        text = (self.root / path).read_text() if (self.root / path).exists() else ""
        if day is not None:
            front = f"title: {self.titles[path]}\ndate: 2024-03-{day:02d} 09:{int(path[-5:-3]):02d}:00\n"
            front += f"slug: {Path(path).stem}\ntopics: [{'Politics' if int(path[-5:-3]) % 3 else 'Science'}]\nsource: {source}\n"
        else:
            front = text.split("---\n")[1]
            front = "\n".join(f"title: {self.titles[path]}" if line.startswith("title:") else line for line in front.splitlines()) + "\n"
        write(self.root / path, "---\n" + front + "---\n\n" + "\n\n".join(self.bodies[path]) + "\n")

    def step(self) -> tuple[str, str]:
        """One random edit of one article; its kind and path."""
        path = self.rng.choice(sorted(self.bodies))
        kinds = ["last paragraph", "middle paragraph", "rewrite", "first paragraph", "title", "source", "date", "topic", "unchanged"]
        kind = self.rng.choice(kinds)
        if kind == "rewrite":
            path = self.rng.choice(["content/a00.md", "content/a01.md"])  # the copies drift apart: the stories may change
        paragraphs = self.bodies[path]
        if kind == "last paragraph":
            paragraphs[-1] += " " + self.sentence(self.rng.randint(1, 6))
        elif kind == "middle paragraph":
            paragraphs[1] = self.sentence(self.rng.randint(10, 30))
        elif kind == "rewrite":
            paragraphs[1:] = [self.sentence(60), self.sentence(60)]
        elif kind == "first paragraph":
            paragraphs[0] = self.sentence(self.rng.randint(10, 30))  # the summary is the first paragraph
        elif kind == "title":
            self.titles[path] = self.rng.choice(HEADLINES) + f" ({self.rng.randint(1, 99)})"
        elif kind in ("source", "date", "topic"):
            front = {"source": ("source: ", f"source: Outlet {self.rng.randint(1, 9)}"), "date": ("date: 2024-03-", None)}
            text = (self.root / path).read_text()
            if kind == "source":
                old = next(line for line in text.splitlines() if line.startswith(front["source"][0]))
                text = text.replace(old, front["source"][1])
            elif kind == "date":
                old = next(line for line in text.splitlines() if line.startswith("date: "))
                text = text.replace(old, f"date: 2024-03-{self.rng.randint(1, 9):02d} 10:{self.rng.randint(10, 59)}:00")
            else:
                old = next(line for line in text.splitlines() if line.startswith("topics: "))
                text = text.replace(old, "topics: [Politics, Science]" if "Science]" in old and "," not in old else "topics: [Science]")
            write(self.root / path, text)
            return kind, path
        self.save(path)
        return kind, path


def clean(root: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(out, ignore_errors=True)
    build(load_config(root / "config.yaml")[0], BuildOptions(search=False, use_cache=False, output_dir=out, drafts=True))
    return files(out)


@pytest.mark.parametrize("theme", ["default", "every-field"])
def test_light_edits_in_a_session_give_what_a_clean_build_gives(tmp_path, theme):
    rng = random.Random(41 if theme == "default" else 43)
    desk = Desk(tmp_path / "site", rng, theme)
    options = BuildOptions(search=False, use_cache=False, in_place=True, processes=1, drafts=True)
    built = run_build(load_config(desk.root / "config.yaml")[0], options)
    state = built.state
    patched, plain, history = 0, 0, []
    for number in range(40):
        kind, path = desk.step()
        history.append(kind)
        built = run_build(load_config(desk.root / "config.yaml")[0], options, state=state, changed_content=[path])
        state = built.state
        stages = {name for name, _ in built.result.timings}
        if "patch" in stages:
            patched += 1
            assert kind not in ("date", "topic"), f"step {number}: {history}"
        else:
            plain += 1
            assert kind not in ("unchanged",), f"step {number}: {history}"
        assert files(desk.root / "_site") == clean(desk.root, tmp_path / "clean"), f"step {number}: {history}"
    # Both paths ran: the random edits are not all of one kind.
    assert patched >= 8 and plain >= 5, (patched, plain, history)


def test_an_edit_that_changes_the_sites_shape_declines_the_patch():
    body = "The storm closed the harbour on Monday.\n\nBoats stayed in."
    article = load_article("Storm closes harbour", body)
    before = {"content/a.md": ParsedFile((1, 1), "x", article, ())}
    light = [
        load_article("Storm shuts harbour", body),  # the headline
        load_article("Storm closes harbour", "The storm shut the harbour on Monday.\n\nBoats stayed in."),  # the summary
        load_article("Storm closes harbour", body + " Ferries waited."),  # the body
        load_article("Storm closes harbour", body, "source: Harbour Gazette"),
    ]
    for after in light:
        assert light_edits(before, {"content/a.md": ParsedFile((2, 1), "y", after, ())}, ["content/a.md"]) == [(article, after)]
    heavy = [
        # A personal title in the body says which tags are people (Article.titled_names): the site model reads it.
        load_article("Storm closes harbour", "The storm closed the harbour on Monday.\n\nMr Putin stayed in."),
        load_article("Storm closes harbour", body, "date: 2024-03-02"),
        load_article("Storm closes harbour", body, "topics: [Weather]"),
        load_article("Storm closes harbour", body, "tags: [Eastham]"),
        load_article("Storm closes harbour", body, "location: EASTHAM"),
    ]
    for after in heavy:
        assert light_edits(before, {"content/a.md": ParsedFile((2, 1), "y", after, ())}, ["content/a.md"]) is None
    # A file the watcher did not name must be the very one parsed before; a file added or gone declines.
    now = {"content/a.md": ParsedFile((2, 1), "y", light[2], ())}
    assert light_edits(before, now, []) is None
    assert light_edits(before, {**before, "content/b.md": before["content/a.md"]}, ["content/b.md"]) is None


def test_patch_declines_an_article_without_a_page():
    article = load_article("Storm closes harbour", "The storm closed the harbour on Monday.\n\nBoats stayed in.")
    assert patched_pages({}, ViewMemo(), [(article, article)]) is None


def load_article(title: str, body: str, extra_front: str = "") -> Article:
    config, _ = parse_config("title: T\nbase_url: https://example.com/\n", Path("/tmp/project"))
    # A slug of its own: a headline that names the address would move the page, a change of the site's shape.
    front = (
        f"title: {title}\nslug: storm\n"
        + ("" if extra_front.startswith("date:") else "date: 2024-03-01\n")
        + (extra_front + "\n" if extra_front else "")
    )
    article, problems = parse_article("content/a.md", f"---\n{front}---\n\n{body}\n", config, MarkdownRenderer())
    assert article is not None and all(problem.level == "warning" for problem in problems)  # an undeclared topic warns
    return article
