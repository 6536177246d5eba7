"""The Jinja environment with theme fallback, and page view → bytes."""

from __future__ import annotations

import json
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from .config import Config
from .errors import BuildError, Problem
from .feeds import render_atom, render_sitemap
from .keys import JINJA_SYNTAX, asset_key, page_key, template_key
from .scan import outside_problems, theme_folders, walk_inside
from .site import MONTH_NAMES
from .slugs import url_path
from .views import (
    ArchivePage,
    ArticlePage,
    ArticleView,
    EditionPage,
    FeedPage,
    ListingPage,
    NotFoundPage,
    PageView,
    SitemapPage,
    SiteView,
    StoryPage,
    TagIndexPage,
    TextPage,
    TopicIndexPage,
    template_fields,
)

# The template of each kind of HTML page; feeds, the sitemap and text files are written without one.
TEMPLATES: dict[type[PageView], str] = {
    ArticlePage: "article.html",
    ListingPage: "list.html",
    TopicIndexPage: "topics.html",
    ArchivePage: "archive.html",
    TagIndexPage: "tags.html",
    NotFoundPage: "404.html",
    EditionPage: "email.html",
    StoryPage: "story.html",
}


@dataclass(frozen=True)
class Theme:
    """The template folders to search, in order, and the static files with hashed URLs."""

    name: str
    template_dirs: tuple[Path, ...]
    static_files: dict[str, Path]
    # Static file name → its URL, which carries a hash of its bytes.
    asset_urls: dict[str, str]


def load_theme(config: Config) -> Theme:
    """Resolve `config.theme` over `default`, and hash every static file."""
    folders = theme_folders(config)
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        raise BuildError([Problem("config.yaml", None, f"theme folder {missing[0]} does not exist", "create it, or set `theme: default`")])
    outside: list[Problem] = []
    for folder in folders:
        links: list[tuple[str, str]] = []
        walk_inside(folder, config.root, outside=links)
        outside += outside_problems(folder.relative_to(config.root).as_posix(), links)
    if outside:
        raise BuildError(outside)
    static: dict[str, Path] = {}
    for folder in reversed(folders):  # the chosen theme's files win over default's
        for relative, path in walk_inside(folder / "static", config.root):
            static[relative] = Path(path)
    asset_urls = {}
    for name, path in sorted(static.items()):
        digest = asset_key(path.read_bytes())
        stem, dot, suffix = name.rpartition(".")
        hashed = f"{stem}.{digest}.{suffix}" if dot and "/" not in suffix else f"{name}.{digest}"
        asset_urls[name] = f"static/{hashed}"
    return Theme(config.theme, tuple(f / "templates" for f in folders), static, asset_urls)


def relative_root(url: str) -> str:
    """The relative path from the page at `url` back to the site root ("" at the root)."""
    depth = url.count("/")
    return "../" * depth


def make_href(root: str, index_html: bool) -> Callable[[str], str]:
    """Return a function turning a root-relative URL into a link from the current page."""

    def href(url: str) -> str:
        target = root + url_path(url)
        if index_html and (target == "" or target.endswith("/")):
            return target + "index.html"
        return target or "./"

    return href


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory between a session's builds; Jinja checks each against its source's checksum."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Give Jinja the code compiled before, if any (it recompiles when the source changed)."""
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep freshly compiled code."""
        self._code[bucket.key] = bucket.bytecode_to_string()


class CompiledTemplatesOnDisk(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept in a folder between command-line builds (the code's key in every name)."""

    def __init__(self, folder: Path, code_key: str):
        super().__init__(str(folder), f"{code_key}-%s.cache")
        self.folder = folder

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep freshly compiled code; the folder is made only now, so a build that fails early leaves none."""
        self.folder.mkdir(parents=True, exist_ok=True)
        super().dump_bytecode(bucket)


class Renderer:
    """Renders the page views of one site with one theme; holds the Jinja environment."""

    def __init__(
        self,
        site: SiteView,
        theme: Theme,
        root: Path | None = None,
        compiled: jinja2.BytecodeCache | None = None,
        template_keys: Mapping[str, str] | None = None,
    ):
        """`template_keys`: the templates' keys as a build over these very theme files computed them (else parsed on first use)."""
        self.site = site
        self.theme = theme
        # The project folder, to name template files relative to it in errors.
        self.root = root
        zone = zoneinfo.ZoneInfo(site.timezone)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=False,
            bytecode_cache=compiled,
            **JINJA_SYNTAX,
        )
        self.env.filters["isodate"] = lambda moment: moment.isoformat()
        self.env.filters["longdate"] = lambda moment: _long_date(moment.astimezone(zone))
        self.env.filters["json_ld"] = lambda article, url: _json_ld(_news_article(article, url, site))
        # Only SiteView fields: they are in every page's key.
        self.env.globals.update(
            site=site,
            site_title=site.title,
            site_description=site.description,
            language=site.language,
            nav_topics=site.nav_topics,
            params=site.params,
            generator=site.generator,
            search_enabled=site.search_enabled,
        )
        self._template_keys: dict[str, str] = dict(template_keys or {})

    def template_keys(self) -> dict[str, str]:
        """The key of every page template (keys.template_key); parses them, so a syntax error shows here."""
        if not self._template_keys:
            self._template_keys = {name: template_key(self.env, name) for name in sorted(set(TEMPLATES.values()))}
        return self._template_keys

    def page_key(self, page: PageView) -> str:
        """The key of a page's output file (keys.py): equal keys, equal bytes."""
        template = TEMPLATES.get(type(page))
        return page_key(page, self.site.key, self.template_keys()[template] if template else "")

    def render(self, page: PageView) -> bytes:
        """Render one page view to the bytes of its output file."""
        if isinstance(page, EditionPage):
            from .edition import edition_html

            html = edition_html(self.site, self.env, page.day_label, page.day_url, page.entries)
            return html.encode("utf-8")
        template = TEMPLATES.get(type(page))
        if template is not None:
            return self._render_html(page, template).encode("utf-8")
        if isinstance(page, FeedPage):
            return render_atom(self.site, page)
        if isinstance(page, SitemapPage):
            return render_sitemap(self.site, page)
        if isinstance(page, TextPage):
            return page.text.encode("utf-8")
        raise TypeError(f"no way to render a {type(page).__name__}")

    def _render_html(self, page: PageView, template: str) -> str:
        # GitHub Pages serves 404.html at any missing path, so relative links
        # there would resolve against the wrong folder: use the base path.
        root = self.site.base_path if isinstance(page, NotFoundPage) else relative_root(page.url)
        href = make_href(root, self.site.links_to_index_html)
        context: dict[str, Any] = {
            "page": page,
            "href": href,
            "asset": lambda name: href(self.asset_url(name)),
            "canonical_url": self.site.base_url + url_path(page.url),
            "feed_href": href("feed.xml"),
            **template_fields(page),
        }
        return self.env.get_template(template).render(context)

    def asset_url(self, name: str) -> str:
        """The hashed URL of a theme static file, relative to the site root."""
        try:
            return self.site.assets[name]
        except KeyError:
            raise jinja2.TemplateError(f"theme has no static file {name!r}") from None


def _long_date(moment: datetime) -> str:
    return f"{moment.day} {MONTH_NAMES[moment.month - 1]} {moment.year}"


def _news_article(article: ArticleView, url: str, site: SiteView) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.isoformat(),
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "publisher": {"@type": "Organization", "name": site.title},
        "inLanguage": article.language or site.language,
    }
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    elif article.source:
        data["author"] = {"@type": "Organization", "name": article.source}
    if article.location:
        data["contentLocation"] = {"@type": "Place", "name": article.location}
    if article.topics:
        data["articleSection"] = [t.name for t in article.topics]
    if article.tags:
        data["keywords"] = [tag.name for tag in article.tags]
    return data


def _json_ld(data: dict) -> str:
    # Inside <script>, "</" would end the element early; \u003c keeps the JSON valid.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return jinja2.utils.markupsafe.Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
