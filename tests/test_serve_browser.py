"""`python build.py serve` end to end: a real process, real saves on disk, a real browser watching."""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO

ARTICLE = "content/examples/trade-ministers-meet.md"
ARTICLE_URL = "2021/03/trade-ministers-meet-to-revive-stalled-tariff-talks/"
WAIT_MS = 8000


class ServeProcess:
    """`build.py serve --port 0` in a project folder, with its output lines collected."""

    def __init__(self, root: Path):
        self.root = root
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--port", "0", "--no-search"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for_url()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.output.append(line)
            self.lines.put(line)

    def _wait_for_url(self) -> str:
        while True:
            try:
                line = self.lines.get(timeout=20)
            except queue.Empty:
                pytest.fail("serve printed no URL:\n" + "".join(self.output))
            if line.startswith("Serving at "):
                return line.split()[2]

    def stop(self) -> int:
        """SIGTERM, as Ctrl-C would: return the exit code."""
        self.process.terminate()
        try:
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return -9


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The sample project copied to a temp folder and served by a real `serve` process."""
    root = tmp_path_factory.mktemp("serve-browser") / "site"
    root.mkdir()
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    for folder in ("content", "seeds", "themes"):
        shutil.copytree(REPO / folder, root / folder)
    server = ServeProcess(root)
    yield server
    assert server.stop() == 0, "".join(server.output)
    assert "Stopped." in "".join(server.output)


@pytest.fixture
def page(browser):
    """A fresh tab."""
    tab = browser.new_page()
    yield tab
    tab.close()


def rewrite(path: Path, old: str, new: str, *, rename: bool = False) -> None:
    """Save a changed file in place, or like vim/JetBrains/VS Code: write a temp file and rename it over."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    if rename:
        temp = path.with_name(path.name + "___jb_tmp___")
        temp.write_text(text.replace(old, new, 1), encoding="utf-8")
        os.replace(temp, path)
    else:
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_for_text(page, text: str) -> None:
    """Wait until the page's body shows `text`."""
    page.wait_for_function("text => document.body && document.body.innerText.includes(text)", arg=text, timeout=WAIT_MS)


# No waiting for the event stream to connect: the page carries the epoch it was
# built at, so a save that lands before the stream opens still reaches it.


def test_saves_reload_the_open_article(served, page):
    page.goto(served.url + ARTICLE_URL)
    page.wait_for_function("() => window.EventSource && document.querySelector('script[data-dateline-epoch]')")
    story = served.root / ARTICLE
    rewrite(story, "Trade ministers from eleven", "Trade ministers from twelve")
    wait_for_text(page, "Trade ministers from twelve")
    rewrite(story, "Trade ministers from twelve", "Trade ministers from thirteen", rename=True)
    wait_for_text(page, "Trade ministers from thirteen")


def test_css_change_swaps_the_stylesheet_without_a_reload(served, page):
    page.goto(served.url + ARTICLE_URL)
    page.evaluate("() => { window.__marker = 1; }")
    css = served.root / "themes/default/static/style.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nbody { background-color: rgb(1, 2, 3) !important; }\n", encoding="utf-8")
    page.wait_for_function("() => getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'", timeout=WAIT_MS)
    assert page.evaluate("() => window.__marker") == 1


def test_broken_front_matter_shows_an_overlay_until_fixed(served, page):
    page.goto(served.url + ARTICLE_URL)
    story = served.root / ARTICLE
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("---\n", "---\ntitle: [unclosed\n", 1), encoding="utf-8")
    overlay = page.locator("#dateline-error-overlay")
    overlay.wait_for(state="visible", timeout=WAIT_MS)
    assert ARTICLE in overlay.inner_text()
    with urllib.request.urlopen(served.url, timeout=5) as response:  # the server still answers
        assert response.status == 200
    story.write_text(good, encoding="utf-8")
    overlay.wait_for(state="detached", timeout=WAIT_MS)
    wait_for_text(page, "Trade ministers")


def test_a_seed_dropped_into_seeds_appears_on_the_home_page(served, page):
    page.goto(served.url)
    seed = "ROME (Reuters) - Italian archaeologists said on Tuesday they had found a Roman villa under a car park in central Rome.\n"
    (served.root / "seeds" / "roman-villa.txt").write_text(seed * 3, encoding="utf-8")
    wait_for_text(page, "Roman villa")


def test_the_reload_script_never_reaches_the_files_on_disk(served):
    site = served.root / "_site"
    assert (site / "index.html").is_file()
    for path in site.rglob("*.html"):
        assert b"__dateline" not in path.read_bytes(), path
