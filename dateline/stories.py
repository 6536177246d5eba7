"""Stories as people read them: who reported an event, when, and what the reports share (for views and `stories`)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .site import Site, StoryListing


def story_sources(story: StoryListing) -> tuple[str, ...]:
    """The outlets that reported the story, in the order they first did."""
    seen: dict[str, None] = {}
    for article in story.articles:
        if article.source:
            seen.setdefault(article.source, None)
    return tuple(seen)


def shared_tags(story: StoryListing) -> tuple[str, ...]:
    """Tags named by at least two of the story's reports, most named first, then A-Z."""
    counts = Counter(tag for article in story.articles for tag in article.tags)
    return tuple(sorted((tag for tag, count in counts.items() if count >= 2), key=lambda t: (-counts[t], t.casefold(), t)))


def carried_by(story: StoryListing, path: str) -> tuple[str, ...]:
    """The other outlets that ran the same wire text as the report at `path`, in time order."""
    for copies in story.copies:
        if path in copies:
            by_path = {article.path: article for article in story.articles}
            own = by_path[path].source
            others = [by_path[p] for p in copies if p != path]
            seen: dict[str, None] = {}
            for other in sorted(others, key=lambda a: (a.date, a.path)):
                if other.source and other.source != own:
                    seen.setdefault(other.source, None)
            return tuple(seen)
    return ()


def story_records(site: Site) -> list[dict[str, Any]]:
    """Every story as plain data (`stories --json`): id, title, articles (content paths), sources, first and last seen."""
    return [
        {
            "id": story.id,
            "title": story.lead.title,
            "articles": [article.path for article in story.articles],
            "sources": list(story_sources(story)),
            "first": story.articles[0].date.isoformat(),
            "last": story.articles[-1].date.isoformat(),
            "pinned": story.pinned,
            "copies": [list(copies) for copies in story.copies],
        }
        for story in site.stories
    ]
