"""The default theme's pages pass the W3C Nu HTML checker (vnu) with no errors, search UI and drafts included.

Needs Java and node_modules/vnu-jar (the version pinned in package.json): `bash scripts/system-deps.sh`
installs both, as `make test` and CI do. Without them this test fails rather than skips.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dateline.builder import BuildOptions, build
from dateline.config import load_config

REPO = Path(__file__).resolve().parent.parent
VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BASE_URL = "http://127.0.0.1:8765/dateline/"
SETUP = "run `bash scripts/system-deps.sh` (installs Java and runs `npm ci` for node_modules/vnu-jar)"


def sample_project(root: Path, paginate: int | None = None, config_extra: str = "") -> Path:
    """Copy the repository's sample project (config, content, themes) into root; returns its config.yaml."""
    root.mkdir(parents=True)
    config = (REPO / "config.yaml").read_text(encoding="utf-8")
    if paginate is not None:
        config = "\n".join(f"paginate: {paginate}" if line.startswith("paginate:") else line for line in config.splitlines()) + "\n"
    config += config_extra
    (root / "config.yaml").write_text(config, encoding="utf-8")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "themes", root / "themes")
    return root / "config.yaml"


FOREIGN_ARTICLES = {
    "content/urdu.md": "---\ntitle: روسی سفیر واشنگٹن سے روانہ\ndate: 2021-03-21\nlanguage: ur\ntopics: [World]\n---\n\nسفیر نے واشنگٹن چھوڑ دیا۔\n",
    "content/arabic.md": "---\ntitle: السفير الروسي يغادر واشنطن\ndate: 2021-03-21\nlanguage: ar\n---\n\nغادر السفير الروسي واشنطن.\n",
}


def build_sample(root: Path, extra: dict[str, str] | None = None, **options) -> Path:
    config_path = sample_project(root, options.pop("paginate", None), options.pop("config_extra", ""))
    for name, text in (extra or {}).items():
        (root / name).write_text(text, encoding="utf-8")
    config, _warnings = load_config(config_path)
    output = root / "_site"
    build(config, BuildOptions(output_dir=output, base_url=BASE_URL, search=True, use_cache=False, **options))
    return output


@pytest.fixture(scope="module")
def built_sites(tmp_path_factory) -> list[Path]:
    """The sample site as published (search on), and with drafts and a small page size (pagers everywhere)."""
    work = tmp_path_factory.mktemp("validation")
    published = build_sample(work / "published")
    # The drafts build also has articles in right-to-left languages (lang and dir attributes, unicode URLs).
    # It publishes each day's e-mail edition too (YYYY/MM/DD/email.html).
    drafts = build_sample(work / "drafts", drafts=True, paginate=2, extra=FOREIGN_ARTICLES, config_extra="edition:\n  publish: true\n")
    assert (published / "pagefind" / "pagefind.js").is_file(), "the search index was not built"
    assert (drafts / "page" / "2" / "index.html").is_file(), "the drafts build has no second page"
    assert list(drafts.glob("*/*/*/email.html")), "the drafts build has no e-mail edition"
    assert list(drafts.glob("tags/*/index.html")) and list(drafts.glob("[0-9]*/*/[0-9][0-9]/index.html")), "no tag or day pages"
    return [published, drafts]


def theme_files(site: Path) -> list[Path]:
    """Every HTML page and the theme's stylesheets (not Pagefind's generated bundle)."""
    pages = [p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts]
    return sorted(pages) + sorted((site / "static").glob("*.css"))


def test_every_page_and_stylesheet_passes_the_nu_html_checker(built_sites):
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"java is not installed: {SETUP}")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR.relative_to(REPO)} is missing: {SETUP}")
    files = [f for site in built_sites for f in theme_files(site)]
    assert len(files) > 30
    drafts = [f for f in files if f.suffix == ".html" and BeautifulSoup(f.read_bytes(), "html.parser").select_one(".draft-flag")]
    assert drafts, "no draft was built"
    command = [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--also-check-css", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    try:
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not answer with JSON (exit {result.returncode}):\n{result.stderr[-2000:]}")
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    report = "\n".join(
        f"{m.get('url', '').removeprefix('file:')}:{m.get('firstLine', m.get('lastLine', '?'))}:{m.get('firstColumn', m.get('lastColumn', '?'))}: "
        f"{m.get('message')}\n    {(m.get('extract') or '').strip()}"
        for m in errors
    )
    assert not errors, f"{len(errors)} vnu error(s):\n{report}"
    assert result.returncode == 0, result.stderr[-2000:]
