"""`fix-slugs`: give each article that shares its URL with an older one a `slug:` of its own, and say what changed.

Two articles with one URL stay a build error, naming both files; this command is
the fix the error prints. It changes only the newer files of each clash, only
by writing one `slug:` line into their front matter, and lists every change.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .content import Article, ProblemError, parse_article, read_text_file, split_front_matter
from .markup import MarkdownRenderer
from .scan import scan_content


@dataclass(frozen=True)
class SlugChange:
    """One file given a slug of its own."""

    path: str
    slug: str
    shared_url: str
    kept_by: str

    @property
    def line(self) -> str:
        """What the command prints for it."""
        return f"{self.path}: slug: {self.slug} (its URL /{self.shared_url} is also {self.kept_by}'s, which keeps it)"


def fix_url_clashes(config: Config) -> list[SlugChange]:
    """Write a fresh `slug:` into the newer file of every URL clash; return the changes made."""
    articles = _articles(config)
    taken = {article.url for article in articles}
    by_url: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        by_url[article.url].append(article)
    changes = []
    for url, clashing in sorted(by_url.items()):
        if len(clashing) < 2:
            continue
        oldest, *newer = sorted(clashing, key=lambda a: (a.date, a.path))
        for article in newer:
            slug = _free_slug(article, taken)
            taken.add(article.url.removesuffix(article.slug + "/") + slug + "/")
            _write_slug(config.root / article.path, slug)
            changes.append(SlugChange(article.path, slug, url, oldest.path))
    return changes


def _articles(config: Config) -> list[Article]:
    renderer = MarkdownRenderer()
    prefix = config.content_dir.relative_to(config.root).as_posix() + "/"
    found = []
    for relative, _ in scan_content(config.content_dir):
        text, problem = read_text_file(config.content_dir / relative, prefix + relative)
        if problem is None:
            article, _ = parse_article(prefix + relative, text, config, renderer)
            if article is not None:
                found.append(article)
    return found


def _free_slug(article: Article, taken: set[str]) -> str:
    folder = article.url.removesuffix(article.slug + "/")
    number = 2
    while f"{folder}{article.slug}-{number}/" in taken:
        number += 1
    return f"{article.slug}-{number}"


def _write_slug(path: Path, slug: str) -> None:
    """Set `slug:` in the file's front matter: replace its line if there is one, else add it last; the file is replaced atomically."""
    text = path.read_text(encoding="utf-8")
    try:
        front = split_front_matter(text, path.name)
    except ProblemError:
        return
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    if "slug" in front.key_lines:
        lines[front.key_lines["slug"] - 1] = f"slug: {slug}{newline}"
    else:
        lines.insert(front.body_line - 2, f"slug: {slug}{newline}")  # before the closing `---`
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
        stream.write("".join(lines))
    os.chmod(temp, path.stat().st_mode & 0o777)
    os.replace(temp, path)
