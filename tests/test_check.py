"""`build.py check`: a clean site passes; each kind of fault is reported with its page and link."""

from __future__ import annotations

import http.client
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dateline.builder import BuildOptions, build
from dateline.check import PagesServer, SiteBase, check_site, find_file, pages_answer, resolve_url
from dateline.cli import main
from dateline.config import load_config

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "check" / "site"
BASE_URL = "https://example.github.io/check-desk/"
HARBOUR = "2021/03/harbour-reopens-after-the-storm/index.html"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The fixture project with the default theme, built once with search off."""
    root = tmp_path_factory.mktemp("check") / "site"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "themes" / "default", root / "themes" / "default")
    config, _warnings = load_config(root / "config.yaml")
    build(config, BuildOptions(search=False, use_cache=False))
    return root


@pytest.fixture
def site_copy(project, tmp_path) -> Path:
    """A private copy of the built site, for a test to break."""
    copy = tmp_path / "_site"
    shutil.copytree(project / "_site", copy)
    return copy


def run_cli(project: Path, site: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["check", "--config", str(project / "config.yaml"), "--output", str(site), *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def edit(site: Path, path: str, change: Callable[[str], str]) -> None:
    file = site / path
    before = file.read_text(encoding="utf-8")
    after = change(before)
    assert after != before, f"the fault was not injected into {path}"
    file.write_text(after, encoding="utf-8")


# ---------------------------------------------------------------- a clean site


def test_the_built_site_is_clean(project, capsys):
    code, output = run_cli(project, project / "_site", capsys)
    assert code == 0, output
    assert "no problems" in output
    pages = sum(1 for page in (project / "_site").rglob("*.html") if "pagefind" not in page.parts)
    assert re.search(rf"Checked {pages} pages and \d+ files \(\d+ HTTP requests\)", output)


def test_check_site_reports_what_it_looked_at(project):
    report = check_site(project / "_site", BASE_URL)
    assert report.ok, [str(p) for p in report.problems]
    assert report.pages == sum(1 for page in (project / "_site").rglob("*.html") if "pagefind" not in page.parts) > 12
    assert report.requests == report.files + 1  # every file (pages by folder URL), plus the 404 probe
    assert set(report.timings) == {"files", "pages", "links", "feeds", "http"}


def test_the_base_url_is_read_from_the_site_when_built_with_base_url(project, tmp_path, capsys):
    # As in the Pages workflow: built for another URL than config.yaml says, then checked.
    config, _warnings = load_config(project / "config.yaml")
    other = tmp_path / "_site"
    build(config, BuildOptions(search=False, use_cache=False, output_dir=other, base_url="https://someone.github.io/another-repo"))
    code, output = run_cli(project, other, capsys)
    assert code == 0, output
    code, output = run_cli(project, other, capsys, "--base-url", BASE_URL)
    assert code == 1
    assert "sitemap.xml: error: lists 'https://someone.github.io/another-repo/" in output


# ---------------------------------------------------------------- one fault at a time


def break_link(site: Path) -> None:
    edit(site, "index.html", lambda t: t.replace('href="archive/"', 'href="archive/2019/"', 1))


def remove_stylesheet(site: Path) -> None:
    for css in (site / "static").glob("style.*.css"):
        css.unlink()


def break_fragment(site: Path) -> None:
    edit(site, "topics/index.html", lambda t: t.replace("</main>", '<p><a href="../archive/#no-such-year">Old news</a></p>\n</main>'))


def add_second_h1(site: Path) -> None:
    edit(site, HARBOUR, lambda t: t.replace("</main>", "<h1>Second headline</h1>\n</main>"))


def remove_title(site: Path) -> None:
    edit(site, "topics/index.html", lambda t: re.sub(r"<title>.*?</title>", "", t, flags=re.S))


def duplicate_id(site: Path) -> None:
    edit(site, "archive/index.html", lambda t: t.replace("</main>", '<p id="main">Again</p>\n</main>'))


def break_feed(site: Path) -> None:
    edit(site, "feed.xml", lambda t: t.replace("</feed>", ""))


def drop_page_from_sitemap(site: Path) -> None:
    edit(site, "sitemap.xml", lambda t: re.sub(r"<url>\s*<loc>[^<]*/archive/</loc>.*?</url>", "", t, flags=re.S))


def break_html(site: Path) -> None:
    edit(site, "topics/world/index.html", lambda t: t.replace("</main>", "</div></span>\n</main>"))


def drop_lang(site: Path) -> None:
    edit(site, "archive/index.html", lambda t: t.replace('<html lang="en">', "<html>"))


def link_outside_base_path(site: Path) -> None:
    edit(site, "index.html", lambda t: t.replace('href="archive/"', 'href="/archive/"', 1))


def relative_link_in_404(site: Path) -> None:
    edit(site, "404.html", lambda t: t.replace("</main>", '<p><a href="topics/">Topics</a></p>\n</main>'))


def remove_404(site: Path) -> None:
    (site / "404.html").unlink()


def remove_nojekyll(site: Path) -> None:
    (site / ".nojekyll").unlink()


FAULTS = {
    "broken link": (break_link, ["index.html:", "broken link 'archive/2019/'", "/archive/2019/ does not exist"]),
    "missing asset": (remove_stylesheet, ["index.html:", "broken stylesheet 'static/style.", HARBOUR]),
    "bad fragment": (break_fragment, ["topics/index.html:", "'../archive/#no-such-year'", "no id 'no-such-year' on archive/index.html"]),
    "two h1": (add_second_h1, [f"{HARBOUR}: error: has 2 <h1> elements"]),
    "missing title": (remove_title, ["topics/index.html: error: has no <title>"]),
    "duplicate id": (duplicate_id, ["archive/index.html: error: duplicate id 'main'"]),
    "bad feed": (break_feed, ["feed.xml: error: feed does not parse cleanly"]),
    "sitemap missing a page": (drop_page_from_sitemap, ["sitemap.xml: error: does not list archive/index.html"]),
    "HTML parse error": (break_html, ["topics/world/index.html:", "HTML: Unexpected end tag (span)"]),
    "no lang": (drop_lang, ["archive/index.html: error: <html> has no lang attribute"]),
    "root link outside the sub-path": (link_outside_base_path, ["index.html:", "link '/archive/' is outside the base path /check-desk/"]),
    "relative link in 404.html": (relative_link_in_404, ["404.html:", "link 'topics/' is relative"]),
    "no 404 page": (remove_404, ["404.html: error: is missing"]),
    "no .nojekyll": (remove_nojekyll, [".nojekyll: error: is missing"]),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_each_fault_fails_the_check_and_names_page_and_link(fault, project, site_copy, capsys):
    inject, expected = FAULTS[fault]
    inject(site_copy)
    code, output = run_cli(project, site_copy, capsys)
    assert code == 1, output
    for text in expected:
        assert text in output, f"{text!r} not in:\n{output}"


def test_a_missing_site_is_reported(project, tmp_path, capsys):
    code, output = run_cli(project, tmp_path / "nothing", capsys)
    assert code == 1
    assert "has no index.html" in output


# ---------------------------------------------------------------- URL resolution and the Pages-like server

BASE = SiteBase.from_url(BASE_URL)


@pytest.mark.parametrize(
    ("url", "page", "path", "fragment"),
    [
        ("archive/", "index.html", "archive/", ""),
        ("../../", "topics/world/index.html", "", ""),
        ("../#main", "topics/world/index.html", "topics/", "main"),
        ("#main", "index.html", "", "main"),
        ("/check-desk/feed.xml", "404.html", "feed.xml", ""),
        ("https://example.github.io/check-desk/topics/", "index.html", "topics/", ""),
        ("caf%C3%A9/", "index.html", "café/", ""),
    ],
)
def test_resolve_url_follows_the_browser(url, page, path, fragment):
    target = resolve_url(url, page, BASE)
    assert (target.path, target.fragment, target.error) == (path, fragment, "")


@pytest.mark.parametrize("url", ["https://example.com/", "mailto:desk@example.org", "data:image/png;base64,AA=="])
def test_resolve_url_leaves_other_sites_alone(url):
    assert resolve_url(url, "index.html", BASE).path is None


def test_resolve_url_rejects_links_that_leave_the_sub_path():
    assert "outside the base path" in resolve_url("/other/", "index.html", BASE).error
    assert "outside the base path" in resolve_url("../../../", "topics/world/index.html", BASE).error


def test_find_file_maps_urls_like_github_pages():
    files = {"index.html", "archive/index.html", "about.html", "feed.xml"}
    folders = {"archive"}
    assert find_file("", files, folders) == "index.html"
    assert find_file("archive", files, folders) == "archive/index.html"
    assert find_file("about", files, folders) == "about.html"
    assert find_file("topics/", files, folders) is None


def test_pages_answer_is_a_table_of_github_pages_rules():
    files = {"index.html", "404.html", "archive/index.html", "feed.xml"}
    folders = {"archive"}
    assert pages_answer("/repo/", "/repo/", files, folders).file == "index.html"
    assert pages_answer("/repo/archive", "/repo/", files, folders).location == "/repo/archive/"
    assert pages_answer("/repo/feed.xml?x=1", "/repo/", files, folders).file == "feed.xml"
    missing = pages_answer("/repo/nope/", "/repo/", files, folders)
    assert (missing.status, missing.file) == (404, "404.html")
    assert pages_answer("/elsewhere/", "/repo/", files, folders).status == 404
    assert pages_answer("/repo/../repo/index.html", "/repo/", files, folders).status in (200, 404)


def test_the_server_answers_like_github_pages(project):
    site = project / "_site"
    with PagesServer(site, "/check-desk/") as server:
        assert server.url.endswith("/check-desk/")
        address = urlsplit(server.url)
        conn = http.client.HTTPConnection(address.hostname, address.port, timeout=10)

        def get(path: str) -> http.client.HTTPResponse:
            conn.request("GET", path)
            response = conn.getresponse()
            response.body = response.read()
            return response

        home = get("/check-desk/")
        assert (home.status, home.getheader("Content-Type")) == (200, "text/html; charset=utf-8")
        assert home.body == (site / "index.html").read_bytes()
        folder = get("/check-desk/archive")
        assert (folder.status, folder.getheader("Location")) == (301, "/check-desk/archive/")
        missing = get("/check-desk/no/such/page/")
        assert missing.status == 404 and missing.body == (site / "404.html").read_bytes()
        assert get("/check-desk/feed.xml").getheader("Content-Type") == "application/xml"
        conn.close()


def test_the_process_pool_finds_what_the_serial_scan_finds(project, site_copy):
    """Big sites are scanned in worker processes (from 200 pages): the same problems, in the same order."""
    add_second_h1(site_copy)
    break_html(site_copy)
    serial = check_site(site_copy, BASE_URL, serve=False, workers=1)
    pooled = check_site(site_copy, BASE_URL, serve=False, workers=2, parallel_from=1)
    assert len(serial.problems) >= 2
    assert [str(p) for p in pooled.problems] == [str(p) for p in serial.problems]
    assert pooled.pages == serial.pages
