"""The Jinja environment with theme fallback, and page → bytes."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.meta

from . import __version__
from .config import Config
from .content import Article
from .errors import BuildError, Problem
from .feeds import render_atom, render_robots, render_sitemap
from .site import ATOM, HTML, MONTH_NAMES, SITEMAP, TEXT, Page, Site

DEFAULT_THEME = "default"


@dataclass(frozen=True)
class Theme:
    """The template folders to search, in order, and the static files with hashed URLs."""

    name: str
    template_dirs: tuple[Path, ...]
    static_files: dict[str, Path]
    asset_urls: dict[str, str]

    @functools.cached_property
    def assets_fingerprint(self) -> str:
        """Changes whenever any static file's content changes."""
        return hashlib.sha256(json.dumps(sorted(self.asset_urls.items())).encode()).hexdigest()[:16]


def theme_folders(config: Config) -> list[Path]:
    """The theme folders to search, the chosen theme first, then `default` (once)."""
    names = [config.theme] if config.theme == DEFAULT_THEME else [config.theme, DEFAULT_THEME]
    return [config.themes_dir / name for name in names]


def load_theme(config: Config) -> Theme:
    """Resolve `config.theme` over `default`, and hash every static file."""
    folders = theme_folders(config)
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        raise BuildError([Problem("config.yaml", None, f"theme folder {missing[0]} does not exist", "create it, or set `theme: default`")])
    static: dict[str, Path] = {}
    for folder in reversed(folders):  # the chosen theme's files win over default's
        root = folder / "static"
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.name.startswith("."):
                    static[path.relative_to(root).as_posix()] = path
    asset_urls = {}
    for name, path in sorted(static.items()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
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
        target = root + url
        if index_html and (target == "" or target.endswith("/")):
            return target + "index.html"
        return target or "./"

    return href


class Renderer:
    """Renders pages of one site with one theme; holds the Jinja environment."""

    def __init__(self, config: Config, theme: Theme, search: bool = True):
        self.config = config
        self.theme = theme
        self.search = search
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        self.env.filters["isodate"] = lambda moment: moment.isoformat()
        self.env.filters["longdate"] = lambda moment: _long_date(moment.astimezone(config.zone))
        self.env.filters["json_ld"] = lambda article, url: _json_ld(_news_article(article, url, config))
        self.env.globals.update(
            site_title=config.title,
            site_description=config.description,
            language=config.language,
            nav_topics=[t for t in config.topics],
            params=config.params,
            generator=f"Dateline {__version__}",
            search_enabled=search,
        )
        self._template_keys: dict[str, str] = {}
        self.base_path = urlsplit(config.base_url).path or "/"

    def template_key(self, name: str) -> str:
        """Hash of a template and every template it extends, includes or imports."""
        if name not in self._template_keys:
            digest = hashlib.sha256()
            seen: set[str] = set()
            pending = [name]
            while pending:
                current = pending.pop()
                if current in seen:
                    continue
                seen.add(current)
                source, filename, _ = self.env.loader.get_source(self.env, current)
                digest.update(current.encode() + b"\0" + source.encode() + b"\0")
                pending += sorted(n for n in jinja2.meta.find_referenced_templates(self.env.parse(source, current, filename)) if n)
            self._template_keys[name] = digest.hexdigest()[:16]
        return self._template_keys[name]

    def page_key(self, page: Page) -> str:
        """A hash of everything that decides the page's bytes."""
        parts = [__version__, self.config.fingerprint, self.theme.assets_fingerprint, str(self.search), page.kind, page.url, page.template]
        if page.kind == HTML:
            parts.append(self.template_key(page.template))
        parts.append(repr(page.inputs))
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]

    def render(self, page: Page, site: Site) -> bytes:
        """Render one page to the bytes of its output file."""
        if page.kind == HTML:
            return self._render_html(page).encode("utf-8")
        if page.kind == ATOM:
            return render_atom(self.config, page)
        if page.kind == SITEMAP:
            return render_sitemap(self.config, page)
        if page.kind == TEXT:
            return self._render_text(page)
        raise ValueError(f"unknown page kind {page.kind!r}")

    def _render_html(self, page: Page) -> str:
        # GitHub Pages serves 404.html at any missing path, so relative links
        # there would resolve against the wrong folder: use the base path.
        root = self.base_path if page.url == "404.html" else relative_root(page.url)
        href = make_href(root, self.config.links_to_index_html)
        context: dict[str, Any] = {
            "page": page,
            "href": href,
            "asset": lambda name: href(self.asset_url(name)),
            "canonical_url": self.config.base_url + page.url,
            "feed_href": href("feed.xml"),
            **page.context,
        }
        return self.env.get_template(page.template).render(context)

    def asset_url(self, name: str) -> str:
        """The hashed URL of a theme static file, relative to the site root."""
        try:
            return self.theme.asset_urls[name]
        except KeyError:
            raise jinja2.TemplateError(f"theme has no static file {name!r}") from None

    def _render_text(self, page: Page) -> bytes:
        if page.url == "robots.txt":
            return render_robots(self.config)
        if page.url == "CNAME":
            return (self.config.cname.strip() + "\n").encode()
        return b""


def _long_date(moment: datetime) -> str:
    return f"{moment.day} {MONTH_NAMES[moment.month - 1]} {moment.year}"


def _news_article(article: Article, url: str, config: Config) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.date.isoformat(),
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "publisher": {"@type": "Organization", "name": config.title},
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
        data["keywords"] = list(article.tags)
    return data


def _json_ld(data: dict) -> str:
    # Inside <script>, "</" would end the element early; \u003c keeps the JSON valid.
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return jinja2.utils.markupsafe.Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
