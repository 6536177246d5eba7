"""A session's build after edits to article bodies alone: the last build's page views, with those articles' bodies swapped.

`serve` rebuilds on every save, and most saves change only the words of one article's body.
Then the site model (order, topics, archives, days, related articles, tag kinds) is what it
was, and so are the stories if regrouping the touched week (story_groups.stories_of, from the
last build's memo) gives the same ones; of all the page views only those that show a body
change: the article's own page and the feeds that carry whole stories
(`views.page_kinds_showing(ArticleView, "body_html")`). `body_edits` decides whether a read is
such a change, `same_stories` regroups, and `patched_pages` makes the few new views and lends
every other page as it was. Anything more (a title, a summary, a reading time, the names a body
titles, other stories, a file added, removed or failing to parse) and they decline with None:
the build takes the plain path. The tests compare the two paths over random edits
(tests/test_body_edits.py).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import fields, replace
from typing import Any

from .config import Config
from .content import Article
from .keys import View, same_view
from .site import sort_newest_first
from .state import ParsedFile, RelatedMemo, ViewMemo
from .story_groups import stories_of
from .views import ArticlePage, ArticleView, ArticleViews, PageView, article_views, page_kinds_showing

BodyEdit = tuple[Article, Article]  # (as last built, as read now)


def body_edits(before: Mapping[str, ParsedFile], after: Mapping[str, ParsedFile], hinted: Collection[str]) -> list[BodyEdit] | None:
    """The articles whose body alone changed between two reads of content/, or None when anything else did.

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
        if not _body_alone_differs(old.article, new.article):
            return None
        edits.append((old.article, new.article))
    changed = set(hinted)
    if any(after[path] is not parsed for path, parsed in before.items() if path not in changed):
        return None
    return edits


def _body_alone_differs(old: Article, new: Article) -> bool:
    """Whether `new` holds what `old` does in everything but the body (its story words and the hashes it enters)."""
    same_rest = replace(old, body_html=new.body_html, story_key=new.story_key, fingerprint=new.fingerprint) == new
    # Left out of == : custom front matter, and the entry as templates see it (a date's zone).
    return same_rest and old.extra == new.extra and same_view(article_views(old).entry, article_views(new).entry)


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


def patched_pages(pages: Mapping[str, PageView], memo: ViewMemo, edits: Sequence[BodyEdit]) -> tuple[tuple[PageView, ...], ViewMemo] | None:
    """The last build's pages (by URL, in build order) with the edited articles' bodies in place; and the views memo.

    None when an edited article had no page or no views in the last build (a draft, say).
    """
    if not edits:
        return tuple(pages.values()), memo
    views = dict(memo.views)
    keys = dict(memo.keys)
    swapped: dict[str, ArticleView] = {}
    for old, new in edits:
        kept = views.pop(old.fingerprint, None)
        keys.pop(old.fingerprint, None)
        page = pages.get(old.url)
        if kept is None or not isinstance(page, ArticlePage) or page.article.entry.url != old.url:
            return None
        # The entry is the very object every listing holds: only the body is new.
        body = ArticleView(kept.entry, new.body_html)
        views[new.fingerprint] = ArticleViews(kept.entry, body)
        keys[new.fingerprint] = (kept.entry.key, body.key)
        swapped[old.url] = body
    holders = page_kinds_showing(ArticleView, "body_html")
    patched = []
    for url, page in pages.items():
        if type(page) in holders and (type(page) is not ArticlePage or url in swapped):
            page = _swapped(page, swapped)
        patched.append(page)
    return tuple(patched), ViewMemo(views, keys)


def _swapped(view: Any, bodies: Mapping[str, ArticleView]) -> Any:
    """`view` with every ArticleView of an article in `bodies` (by URL) replaced, at any depth; the very object if none is."""
    if isinstance(view, ArticleView):
        return bodies.get(view.entry.url, view)
    if isinstance(view, tuple):
        items = tuple(_swapped(item, bodies) for item in view)
        return view if all(a is b for a, b in zip(items, view, strict=True)) else items
    if isinstance(view, View):
        changes = {}
        for field in fields(view):
            value = getattr(view, field.name)
            new = _swapped(value, bodies)
            if new is not value:
                changes[field.name] = new
        return replace(view, **changes) if changes else view
    return view
