"""A session's build after edits that leave the site's shape alone: the last build's page views, with the edited
articles' views swapped.

`serve` rebuilds on every save, and most saves change only the words of one article: its body,
or its headline, summary, source or author. Then the site model (order, topics, archives, days,
related articles, tag kinds) is what it was, and so are the stories if regrouping the touched
week (story_groups.stories_of, from the last build's memo) gives the same ones. Of all the page
views only those holding the article's views change: for a body, its own page and the feeds
that carry whole stories (`views.page_kinds_showing(ArticleView, "body_html")`); for an entry
field, also every listing, neighbour and related list that shows it. `light_edits` decides
whether a read is such a change, `same_stories` regroups, and `patched_pages` makes the new
views and lends every other page as it was. Anything more (a date, topics, tags, a place, the
names a body titles, a story of several reports, a file added, removed or failing to parse) and
they decline with None: the build takes the plain path. The tests compare the two paths over
random edits (tests/test_light_edits.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from .config import Config
from .content import Article
from .keys import View, same_view
from .site import sort_newest_first
from .state import ParsedFile, RelatedMemo, ViewMemo
from .story_groups import stories_of
from .views import ArticlePage, ArticleView, ArticleViews, EntryView, PageView, article_views, fields_holding, page_kinds_showing

LightEdit = tuple[Article, Article]  # (as last built, as read now)


def light_edits(before: Mapping[str, ParsedFile], after: Mapping[str, ParsedFile], hinted: Collection[str]) -> list[LightEdit] | None:
    """The articles edited between two reads of content/ in what leaves the site's shape alone, or None when more changed.

    `hinted` are the files a watcher saw change; every other file must be the very one parsed before.
    """
    if len(before) != len(after) or before.keys() != after.keys():
        return None
    edits = []
    for path in hinted:
        old, new = before.get(path), after.get(path)
        if old is new or (old is not None and new is not None and old.article is new.article and not new.problems):
            continue  # not parsed again, or saved without a change
        if old is None or new is None or old.problems or new.problems or old.article is None or new.article is None:
            return None
        if not shape_unchanged(old.article, new.article):
            return None
        edits.append((old.article, new.article))
    changed = set(hinted)
    if any(after[path] is not parsed for path, parsed in before.items() if path not in changed):
        return None
    return edits


# Article fields an edit may change and leave the site's shape alone: they reach pages only through the article's views
# (and the stories, which `same_stories` checks). `extra` and the story words are left out of == anyway.
_LIGHT_FIELDS = ("title", "summary", "source", "author", "reading_minutes", "source_url", "body_html", "story_key", "fingerprint")


def shape_unchanged(old: Article, new: Article) -> bool:
    """Whether `new` differs from `old` only in fields that reach pages through its views (and the stories)."""
    return replace(old, **{name: getattr(new, name) for name in _LIGHT_FIELDS}) == new


def entry_changed(old: Article, new: Article) -> bool:
    """Whether an edit changed the article's entry as templates see it (a listing's line), not only its body."""
    return old.extra != new.extra or not same_view(article_views(old).entry, article_views(new).entry)


def stories_may_change(old: Article, new: Article) -> bool:
    """Whether an edit touched what stories are grouped from."""
    return old.story_features != new.story_features or old.source != new.source or old.source_url != new.source_url


def same_stories(config: Config, articles: Sequence[Article], memo: RelatedMemo, processes: int | None) -> RelatedMemo | None:
    """`memo` with its stories regrouped over `articles` (as the site model groups them), or None if they came out otherwise."""
    if not config.stories.group:
        return memo
    if memo.stories.entries is None:
        return None
    ordered = sort_newest_first(articles)
    by_path = {article.path: article for article in ordered}
    kept = stories_of(ordered, by_path, config.stories.window_days, memo.stories, processes)
    return replace(memo, stories=kept) if kept.entries == memo.stories.entries else None


def patched_pages(
    pages: Mapping[str, PageView], memo: ViewMemo, edits: Sequence[LightEdit]
) -> tuple[tuple[PageView, ...], ViewMemo] | None:
    """The last build's pages (by URL, in build order) with the edited articles' views in place; and the views memo.

    None when an edited article had no page or no views in the last build (a draft, say), or
    when an edited entry belongs to a story of several reports (its page's title and sources
    come from the reports' fields, not from their views).
    """
    if not edits:
        return tuple(pages.values()), memo
    views = dict(memo.views)
    keys = dict(memo.keys)
    bodies: dict[str, ArticleView] = {}
    entries: dict[str, EntryView] = {}
    for old, new in edits:
        kept = views.pop(old.fingerprint, None)
        keys.pop(old.fingerprint, None)
        page = pages.get(old.url)
        if kept is None or not isinstance(page, ArticlePage) or page.article.entry.url != old.url:
            return None
        entry = kept.entry
        if entry_changed(old, new):
            if page.story is not None:
                return None
            entry = entries[old.url] = article_views(new).entry
        # Unless the entry changed, it is the very object every listing holds: only the body is new.
        body = bodies[old.url] = ArticleView(entry, new.body_html)
        views[new.fingerprint] = ArticleViews(entry, body)
        keys[new.fingerprint] = (entry.key, body.key)
    holders = page_kinds_showing(EntryView, "title") if entries else page_kinds_showing(ArticleView, "body_html")
    patched = []
    for url, page in pages.items():
        if type(page) in holders and (entries or type(page) is not ArticlePage or url in bodies):
            page = swapped_views(page, entries, bodies)
        patched.append(page)
    return tuple(patched), ViewMemo(views, keys)


def swapped_views(view: Any, entries: Mapping[str, EntryView], bodies: Mapping[str, ArticleView]) -> Any:
    """`view` with every EntryView and ArticleView of an edited article (by URL) replaced, at any depth; the very
    object if none is. An entry that stands for a story keeps its story link."""
    kind = type(view)
    if kind is ArticleView:
        return bodies.get(view.entry.url, view)
    if kind is EntryView:
        new = entries.get(view.url)
        return view if new is None else new if view.story is None else replace(new, story=view.story)
    if kind is tuple:
        items = None
        for index, item in enumerate(view):
            if type(item) in _LEAVES:
                continue  # text, numbers, dates: most of what a page holds
            new = swapped_views(item, entries, bodies)
            if new is not item:
                items = items or list(view)
                items[index] = new
        return view if items is None else tuple(items)
    if isinstance(view, View):
        # Only the fields whose types can hold an article's views (views.fields_holding, kept per type): a listing's
        # pager, a page's topic links and story link are never looked into.
        changes = {}
        for name in fields_holding(kind, _ARTICLE_VIEWS):
            value = getattr(view, name)
            new = swapped_views(value, entries, bodies)
            if new is not value:
                changes[name] = new
        return replace(view, **changes) if changes else view
    return view


_ARTICLE_VIEWS = (EntryView, ArticleView)


_LEAVES = frozenset({str, int, float, bool, type(None), date, datetime})
