"""`new`: scaffold a content page from a headline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from .config import Config
from .content import resolve_topics
from .errors import WARNING, BuildError, Problem
from .slugs import slug_for_title


def new_article(config: Config, title: str, topics: list[str], today: date) -> tuple[Path, list[Problem]]:
    """Write `content/<yyyy>/<slug>.md` with front matter filled in; never overwrite a file.

    Returns the path and a warning for each topic config.yaml does not declare.
    """
    slug = slug_for_title(title)
    resolved, unknown = resolve_topics(topics, config)
    front = {"title": " ".join(title.split()), "date": today, "topics": [t.name for t in resolved], "summary": ""}
    text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\nWrite the story here.\n"
    folder = config.content_dir / f"{today.year:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    try:
        with path.open("x", encoding="utf-8") as handle:  # "x": refuse to clobber an existing story
            handle.write(text)
    except FileExistsError:
        shown = path.relative_to(config.root).as_posix()
        raise BuildError(
            [Problem(shown, None, "a file with this name already exists", "pick another headline or edit that file")]
        ) from None
    shown = path.relative_to(config.root).as_posix()
    warnings = [
        Problem(
            shown,
            None,
            f"topic {name!r} is not declared in config.yaml",
            f"did you mean {close!r}?" if close else "declare it under `topics:`",
            WARNING,
        )
        for name, close in unknown
    ]
    return path, warnings
