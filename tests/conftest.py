"""Shared helpers: tiny projects in tmp_path, built without the search index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dateline.builder import BuildOptions, BuildResult, build
from dateline.config import Config, load_config

REPO = Path(__file__).resolve().parent.parent
FIXTURE_SITES = Path(__file__).resolve().parent / "fixtures" / "sites"

# Debian's chromium, as the browser tests launch it (never a Playwright-downloaded browser).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

MINIMAL_CONFIG = "title: Test Desk\nbase_url: https://news.example.org/desk/\ntimezone: UTC\n"


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser), shared by the browser tests."""
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def sitemap_locations(site: Path) -> set[str]:
    """Every <loc> of a built site's sitemap.xml, parsed as XML."""
    from xml.etree import ElementTree

    tree = ElementTree.parse(site / "sitemap.xml")
    return {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}


def copy_sample_project(tmp_path: Path) -> Path:
    """The repository's sample project (config, content, seeds, themes) in tmp_path/site."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    for folder in ("content", "seeds", "themes"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def article_text(title: str | None, date: str = "2021-03-20T10:00:00", body: str = "Body text.", **front: str) -> str:
    """Return a content file with the given front matter values written verbatim as YAML."""
    lines = ["---"]
    if title is not None:
        lines.append(f"title: {title}")
    if date is not None:
        lines.append(f"date: {date}")
    lines += [f"{key}: {value}" for key, value in front.items()]
    return "\n".join(lines) + "\n---\n\n" + body + "\n"


def make_project(tmp_path: Path, config_text: str = MINIMAL_CONFIG, files: dict[str, str] | None = None) -> Path:
    """Write config.yaml, the given files (project-relative) and the default theme into tmp_path/site."""
    root = tmp_path / "site"
    root.mkdir(parents=True, exist_ok=True)
    (root / "config.yaml").write_text(config_text, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(REPO / "themes" / "default", root / "themes" / "default", dirs_exist_ok=True)
    return root


def copy_fixture_site(name: str, tmp_path: Path) -> Path:
    """Copy tests/fixtures/sites/<name> into tmp_path, add the default theme, and return its root."""
    root = tmp_path / Path(name).name
    shutil.copytree(FIXTURE_SITES / name, root)
    shutil.copytree(REPO / "themes" / "default", root / "themes" / "default", dirs_exist_ok=True)
    return root


def project_config(root: Path) -> Config:
    """Load the project's config.yaml (config warnings are ignored here)."""
    return load_config(root / "config.yaml")[0]


def build_project(root: Path, **options) -> BuildResult:
    """Build the project at root with search off; `options` are BuildOptions fields."""
    options.setdefault("search", False)
    return build(project_config(root), BuildOptions(**options))


def read_html(path: Path) -> BeautifulSoup:
    """Parse an HTML file the way a browser would."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html5lib")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Map every file under folder to its bytes and mtime, to prove a build left it alone."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `news` fixture site, built once per session; tests must only read its `_site/`."""
    root = copy_fixture_site("news", tmp_path_factory.mktemp("news"))
    build_project(root)
    return root / "_site"
