"""The e-mail edition (`build.py edition`): one day's stories as a multipart/alternative message whose HTML mail
clients accept (styles inlined, only dark-mode rules left in <style>, no script, links absolute under base_url),
its plain-text twin, the .html and .txt beside it, the command line around it, and `edition.publish`."""

from __future__ import annotations

import email
import email.policy
import json
import re
import struct
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_project, make_project, read_html, sitemap_locations

from dateline.cli import main

SITE_TITLE = "Test Desk"
BASE_URL = "https://news.example.org/desk/"
# Not UTC, so a story just after local midnight is on a different day in UTC than on the site.
ZONE = "Europe/Zurich"
CONFIG = f"title: {SITE_TITLE}\nbase_url: {BASE_URL}\ntimezone: {ZONE}\n"
SENDER = "Test Desk <desk@example.org>"
RECIPIENT = "readers@example.org"
NON_ASCII_TITLE = "Zürich café — «naïve» 東京"
DAY = date(2021, 3, 20)
EMAIL_CSS = Path("themes/default/templates/partials/email.css")


@dataclass(frozen=True)
class Story:
    """One content file of the test project: what it says, so expectations derive from it."""

    path: str
    title: str
    when: str  # local time in ZONE, as front matter writes it
    summary: str
    front: tuple[tuple[str, str], ...] = ()

    @property
    def day(self) -> date:
        return date.fromisoformat(self.when[:10])

    @property
    def moment(self) -> datetime:
        return datetime.fromisoformat(self.when).replace(tzinfo=ZoneInfo(ZONE))

    @property
    def draft(self) -> bool:
        return ("draft", "true") in self.front

    def text(self) -> str:
        lines = ["---", f"title: {json.dumps(self.title, ensure_ascii=False)}", f"date: {self.when}"]
        lines.append(f"summary: {json.dumps(self.summary, ensure_ascii=False)}")
        lines += [f"{key}: {value}" for key, value in self.front]
        return "\n".join(lines) + "\n---\n\n" + self.summary + "\n\nMore of the story follows here.\n"


STORIES = (
    Story(
        "content/2021/cafe.md",
        NON_ASCII_TITLE,
        "2021-03-20T10:00:00",
        "A café in Zürich hangs naïve paintings beside the espresso machine.",
    ),
    Story(
        "content/2021/budget.md",
        "Council passes the budget",
        "2021-03-20T18:45:00",
        "The city council passed next year's budget after a session that ran late into the evening (minutes: "
        "council.example.org/minutes?session=BUDGET2021MARCH20FULLTRANSCRIPTANDEVERYAMENDMENTVOTEDONBYTHEMEMBERSOFTHECOUNCILINORDER).",
        (("location", "BERN"), ("source", "Desk Wire")),
    ),
    Story(
        "content/2021/train.md", "Night train arrives after midnight", "2021-03-20T00:30:00", "The delayed night train reached the station."
    ),
    Story("content/2021/draft.md", "Unfinished draft on the rail strike", "2021-03-20T12:00:00", "Not ready yet.", (("draft", "true"),)),
    Story("content/2021/harbour.md", "Harbour reopens to ferries", "2021-03-18T09:00:00", "Ferries sail again from the old harbour."),
    Story("content/2021/pass.md", "Snow closes the mountain pass", "2021-03-22T07:15:00", "The pass is shut until the snow is cleared."),
)
PUBLISHED = [s for s in STORIES if not s.draft]
STORY_DAYS = sorted({s.day for s in PUBLISHED})


def of_day(day: date) -> list[Story]:
    """The stories an edition of `day` must show."""
    return [s for s in PUBLISHED if s.day == day]


def not_of_day(day: date) -> list[Story]:
    """Every story an edition of `day` must leave out: other days' and drafts."""
    return [s for s in STORIES if s.draft or s.day != day]


def day_in_words(day: date) -> str:
    """E.g. "Saturday 20 March 2021" (Python's strftime uses the C locale unless setlocale was called)."""
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def project(tmp_path: Path, extra_config: str = "") -> Path:
    return make_project(tmp_path, CONFIG + extra_config, {s.path: s.text() for s in STORIES})


def run_edition(root: Path, *args: str) -> int:
    """`build.py edition ARGS` for the project at root."""
    return main(["edition", *args, "--config", str(root / "config.yaml")])


def read_message(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def part(message: EmailMessage, subtype: str) -> str:
    """The decoded body of the text/<subtype> part, its CRLF line ends (RFC 5322's) read as newlines."""
    body = message.get_body((subtype,))
    assert body is not None, subtype
    return body.get_content().replace("\r\n", "\n")


def page_urls(site_dir: Path) -> dict[str, str]:
    """Each built article page's headline → its absolute URL, found by walking _site/ (not by asking Dateline)."""
    urls = {}
    for path in site_dir.rglob("index.html"):
        headline = read_html(path).select_one("h1.story-title")
        if headline is not None:
            urls[headline.get_text(strip=True)] = BASE_URL + path.parent.relative_to(site_dir).as_posix() + "/"
    return urls


def same_page(href: str, url: str) -> bool:
    """Whether two absolute URLs name the same page, however their non-ASCII is percent-encoded."""
    return unquote(href) == unquote(url)


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """The project, its edition of DAY written before and after a build, and the built site (publish off)."""
    base = tmp_path_factory.mktemp("edition")
    root = project(base)
    assert run_edition(root, DAY.isoformat(), "--output", str(base / "before-build")) == 0
    build_project(root)
    assert run_edition(root, DAY.isoformat(), "--output", str(base / "editions")) == 0
    folder = base / "editions"
    stem = DAY.isoformat()
    message = read_message(folder / f"{stem}.eml")
    return SimpleNamespace(
        root=root,
        folder=folder,
        first_folder=base / "before-build",
        message=message,
        html=part(message, "html"),
        text=part(message, "plain"),
        soup=BeautifulSoup(part(message, "html"), "html5lib"),
        urls=page_urls(root / "_site"),
    )


def test_message_is_multipart_alternative_of_a_utf8_text_and_an_html_part(desk):
    message = desk.message
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert sorted(p.get_content_type() for p in parts) == ["text/html", "text/plain"]
    assert [p.get_content_charset() for p in parts] == ["utf-8", "utf-8"]
    assert all(not p.is_multipart() for p in parts)


def test_subject_is_site_title_and_day_in_words_and_date_is_the_newest_story_of_that_day(desk):
    assert desk.message["Subject"] == f"{SITE_TITLE} — {day_in_words(DAY)}"
    assert len(desk.message.get_all("Date")) == 1
    newest = max(s.moment for s in of_day(DAY))
    assert desk.message["Date"].datetime == newest


def test_message_has_no_from_or_to_unless_config_names_them(desk):
    assert desk.message.get("From") is None
    assert desk.message.get("To") is None


def test_from_and_to_are_the_addresses_config_edition_names(tmp_path):
    root = project(tmp_path, f'edition:\n  from: "{SENDER}"\n  to: {RECIPIENT}\n')
    assert run_edition(root, DAY.isoformat(), "--output", str(tmp_path / "out")) == 0
    message = read_message(tmp_path / "out" / f"{DAY.isoformat()}.eml")
    assert str(message["From"]) == SENDER
    assert str(message["To"]) == RECIPIENT
    assert message["From"].addresses[0].addr_spec == SENDER.split("<")[1].rstrip(">")


def test_html_part_has_no_script_no_stylesheet_link_and_only_absolute_links_under_base_url(desk):
    soup = desk.soup
    assert soup.find_all("script") == []
    assert [link for link in soup.find_all("link") if "stylesheet" in (link.get("rel") or [])] == []
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert hrefs
    assert len(hrefs) == len(soup.find_all("a"))
    for href in hrefs:
        parts = urlsplit(href)
        assert parts.scheme == "https" and parts.netloc, href
        assert href.startswith(BASE_URL), href


def css_rules(css: str) -> list[tuple[str, str]]:
    """A stylesheet's top-level rules as (prelude, block) with braces matched and comments dropped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules, depth, mark, prelude = [], 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, mark = css[mark:index].strip(), index + 1
            depth += 1
        elif char == "}":
            depth -= 1
            assert depth >= 0, "unbalanced braces"
            if depth == 0:
                rules.append((" ".join(prelude.split()), " ".join(css[mark:index].split())))
                mark = index + 1
    assert depth == 0 and not css[mark:].strip(), "unterminated rule"
    return rules


def declared_properties(declarations: str) -> set[str]:
    return {d.split(":", 1)[0].strip().lower() for d in declarations.split(";") if d.strip()}


def test_html_styles_are_inlined_from_the_stylesheet_and_only_its_dark_mode_rules_stay_in_style(desk):
    source = css_rules((desk.root / EMAIL_CSS).read_text(encoding="utf-8"))
    plain_rules = [(prelude, block) for prelude, block in source if not prelude.startswith("@")]
    at_rules = [(prelude, block) for prelude, block in source if prelude.startswith("@")]
    assert plain_rules and at_rules
    # Every element a light rule selects carries that rule's properties in its own style attribute.
    for prelude, block in plain_rules:
        for selector in prelude.split(","):
            elements = desk.soup.select(selector.strip())
            # A story's sources show only for a story of several reports (their own test checks them).
            assert elements or selector.strip() == ".edition-sources", f"{selector} selects nothing in the edition"
            for element in elements:
                assert declared_properties(element.get("style", "")) >= declared_properties(block), (selector, element)
    assert desk.soup.select_one(".edition-frame")["style"]
    assert all(a.get("style") for a in desk.soup.select("h2 a"))
    # What stays in <style> is exactly the stylesheet's dark-mode at-rules.
    kept = css_rules("\n".join(style.string or "" for style in desk.soup.find_all("style")))
    assert kept == at_rules
    assert all(re.fullmatch(r"@media \(prefers-color-scheme: ?dark\)", prelude) for prelude, _ in kept)


def test_every_story_of_the_day_appears_with_headline_summary_and_link_to_its_page(desk):
    stories = desk.soup.select(".edition-story")
    assert len(stories) == len(of_day(DAY))
    for story in of_day(DAY):
        block = next((s for s in stories if s.find(["h1", "h2", "h3"]).get_text(strip=True) == story.title), None)
        assert block is not None, story.title
        assert story.summary in block.get_text(" ", strip=True)
        hrefs = {a["href"] for a in block.find_all("a", href=True)}
        assert hrefs and all(same_page(href, desk.urls[story.title]) for href in hrefs), (story.title, hrefs)
        # The link leads to the page with that headline in the built site.
        path = desk.root / "_site" / unquote(urlsplit(hrefs.pop()).path).removeprefix(urlsplit(BASE_URL).path) / "index.html"
        assert read_html(path).select_one("h1.story-title").get_text(strip=True) == story.title


def test_stories_of_other_days_and_drafts_are_left_out(desk):
    html_text = desk.soup.get_text(" ")
    hrefs = [a["href"] for a in desk.soup.find_all("a", href=True)]
    for story in not_of_day(DAY):
        assert story.title not in html_text
        assert story.title not in desk.text
        if not story.draft:  # drafts have no page
            url = desk.urls[story.title]
            assert not any(same_page(href, url) for href in hrefs)
            assert unquote(url) not in unquote(desk.text)


def test_non_ascii_title_survives_the_round_trip_in_both_parts(desk):
    assert NON_ASCII_TITLE in desk.text.splitlines()
    assert NON_ASCII_TITLE in [a.get_text(strip=True) for a in desk.soup.select("h2 a")]
    assert NON_ASCII_TITLE in desk.html


def test_plain_text_part_writes_out_every_story_title_and_its_absolute_url(desk):
    lines = desk.text.splitlines()
    assert SITE_TITLE in lines and day_in_words(DAY) in lines
    for story in of_day(DAY):
        assert story.title in lines
        after_title = lines[lines.index(story.title) :]
        url = next(line for line in after_title if line.startswith("https://"))
        assert url.startswith(BASE_URL)
        assert same_page(url, desk.urls[story.title]), (story.title, url)
        # The same URL as the HTML part links the story to.
        assert url in {a["href"] for a in desk.soup.select("h2 a")}
    assert not re.search(r"</?[a-z][^<>]*>", desk.text)  # no markup leaked into the text part


def test_txt_and_html_files_beside_the_eml_equal_its_decoded_parts(desk):
    stem = DAY.isoformat()
    assert (desk.folder / f"{stem}.txt").read_text(encoding="utf-8") == desk.text
    html = (desk.folder / f"{stem}.html").read_text(encoding="utf-8")
    assert desk.html == html


def test_two_runs_write_byte_identical_files_even_with_a_build_between(desk):
    names = sorted(p.name for p in desk.first_folder.iterdir())
    assert names == sorted(p.name for p in desk.folder.iterdir())
    assert [f"{DAY.isoformat()}{suffix}" for suffix in (".eml", ".html", ".txt")] == names
    for name in names:
        assert (desk.first_folder / name).read_bytes() == (desk.folder / name).read_bytes(), name


def written_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_cli_writes_the_latest_day_by_default_and_the_named_day_when_given(tmp_path, capsys):
    root = project(tmp_path)
    latest = max(STORY_DAYS)
    assert run_edition(root, "--output", str(tmp_path / "latest")) == 0
    assert written_files(tmp_path / "latest") == [f"{latest.isoformat()}{suffix}" for suffix in (".eml", ".html", ".txt")]
    assert read_message(tmp_path / "latest" / f"{latest.isoformat()}.eml")["Subject"] == f"{SITE_TITLE} — {day_in_words(latest)}"

    earliest = min(STORY_DAYS)
    assert run_edition(root, earliest.isoformat(), "--output", str(tmp_path / "named")) == 0
    assert written_files(tmp_path / "named") == [f"{earliest.isoformat()}{suffix}" for suffix in (".eml", ".html", ".txt")]
    text = (tmp_path / "named" / f"{earliest.isoformat()}.txt").read_text(encoding="utf-8")
    assert all(s.title in text for s in of_day(earliest))
    out = capsys.readouterr().out
    assert day_in_words(latest) in out and day_in_words(earliest) in out


@pytest.mark.parametrize("day", [date(2021, 3, 21), date(2021, 3, 1), date(2021, 4, 1), date(2021, 3, 19)], ids=str)
def test_cli_day_without_stories_fails_naming_the_nearest_days_that_have_some(tmp_path, capsys, day):
    assert day not in STORY_DAYS
    root = project(tmp_path)
    assert run_edition(root, day.isoformat(), "--output", str(tmp_path / "out")) != 0
    assert written_files(tmp_path / "out") == []
    err = capsys.readouterr().err
    assert day.isoformat() in err
    nearest = {max((d for d in STORY_DAYS if d < day), default=None), min((d for d in STORY_DAYS if d > day), default=None)} - {None}
    for story_day in STORY_DAYS:
        assert (story_day.isoformat() in err) == (story_day in nearest), (story_day, err)


def test_cli_without_output_writes_into_editions_folder_that_git_ignores(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["edition", DAY.isoformat()]) == 0
    assert written_files(root / "_editions") == [f"{DAY.isoformat()}{suffix}" for suffix in (".eml", ".html", ".txt")]
    assert "_editions/" in capsys.readouterr().out
    # The repository's own .gitignore keeps editions out of git.
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--verbose", f"_editions/{DAY.isoformat()}.eml"], cwd=REPO, capture_output=True, text=True
    )
    assert ignored.returncode == 0, ignored.stderr
    assert ignored.stdout.startswith(".gitignore:")
    gitignore = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "_editions/" in gitignore or "/_editions/" in gitignore


def test_publish_writes_email_html_for_every_day_with_stories(tmp_path):
    root = project(tmp_path, "edition: {publish: true}\n")
    build_project(root)
    site = root / "_site"
    published = sorted(p.relative_to(site).as_posix() for p in site.rglob("email.html"))
    assert published == sorted(f"{day:%Y/%m/%d}/email.html" for day in STORY_DAYS)
    assert run_edition(root, DAY.isoformat(), "--output", str(tmp_path / "out")) == 0
    page = (site / f"{DAY:%Y/%m/%d}" / "email.html").read_text(encoding="utf-8")
    assert page == (tmp_path / "out" / f"{DAY.isoformat()}.html").read_text(encoding="utf-8")
    for day in STORY_DAYS:
        soup = read_html(site / f"{day:%Y/%m/%d}" / "email.html")
        assert sorted(a.get_text(strip=True) for a in soup.select("h2 a")) == sorted(s.title for s in of_day(day))
        assert soup.find_all("script") == []
    # Every page is in the sitemap, and `check` (which requires that) passes.
    assert f"{BASE_URL}{DAY:%Y/%m/%d}/email.html" in sitemap_locations(site)
    assert main(["check", "--config", str(root / "config.yaml")]) == 0


def test_without_publish_the_build_writes_and_mentions_no_email_html(desk):
    site = desk.root / "_site"
    assert (site / f"{DAY:%Y/%m/%d}" / "index.html").is_file()  # the day page itself is there
    assert list(site.rglob("email.html")) == []
    assert [p for p in site.rglob("*") if p.is_file() and b"email.html" in p.read_bytes()] == []


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance of an sRGB colour."""
    channels = [c / 255 for c in rgb]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def computed_colours(page) -> dict[str, tuple[int, int, int]]:
    """The computed colours that matter for reading: backgrounds of body and frame, text of headline and summary."""
    values = page.evaluate(
        """() => {
            const style = (selector) => getComputedStyle(document.querySelector(selector));
            return {
                body: style("body").backgroundColor,
                frame: style(".edition-frame").backgroundColor,
                headline: style(".edition-headline a").color,
                summary: style(".edition-summary").color,
            };
        }"""
    )
    colours = {}
    for name, value in values.items():
        match = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)", value)
        assert match and (match[4] is None or float(match[4]) == 1), f"{name}: {value}"
        colours[name] = (int(match[1]), int(match[2]), int(match[3]))
    return colours


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_browser_edition_fits_600px_without_overflow_and_turns_dark_in_dark_mode(desk, browser, tmp_path):
    html = (desk.folder / f"{DAY.isoformat()}.html").read_text(encoding="utf-8")
    context = browser.new_context(viewport={"width": 600, "height": 800}, color_scheme="light")
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.set_content(html, wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 600
        assert page.evaluate("document.body.scrollWidth") <= 600
        shot = tmp_path / "edition-light-600.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 0
        assert png_size(shot.read_bytes())[0] == 600
        light = computed_colours(page)

        page.emulate_media(color_scheme="dark")
        dark = computed_colours(page)
        page.screenshot(path=str(tmp_path / "edition-dark-600.png"), full_page=True)
        assert (tmp_path / "edition-dark-600.png").stat().st_size > 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 600
        assert requests == []  # the edition loads nothing: no stylesheet, font, image or script
    finally:
        context.close()

    assert dark["body"] != light["body"] and dark["frame"] != light["frame"]
    assert luminance(light["frame"]) > 0.5
    assert luminance(dark["body"]) < 0.3 and luminance(dark["frame"]) < 0.3
    for scheme in (light, dark):
        for text in ("headline", "summary"):
            assert contrast(scheme[text], scheme["frame"]) >= 4.5, (text, scheme)


def test_a_story_of_several_reports_is_one_entry_naming_its_sources(tmp_path):
    from test_stories import FILES

    root = make_project(tmp_path, "title: Desk\nbase_url: https://news.example.org/desk/\ntimezone: UTC\n", FILES)
    assert run_edition(root, "2021-03-02", "--output", str(tmp_path / "out")) == 0
    message = email.message_from_bytes((tmp_path / "out" / "2021-03-02.eml").read_bytes(), policy=email.policy.default)
    html = BeautifulSoup(message.get_body(("html",)).get_content(), "html.parser")
    text = message.get_body(("plain",)).get_content()
    headlines = [a.get_text(strip=True) for a in html.select("h2 a")]
    assert headlines.count("Oil jumps as OPEC agrees first output cut in eight years") == 1
    assert "OPEC agrees to cut oil output in Vienna; Brent crude jumps" not in headlines
    sources = html.select_one(".edition-sources")
    assert "3 reports from Reuters, AP, The Daily Post" in sources.get_text() and "font-size" in sources["style"]
    assert sources.a["href"] == "https://news.example.org/desk/stories/oil-reuters/"
    assert "3 reports from Reuters, AP and The Daily Post" in " ".join(text.split())
    assert "https://news.example.org/desk/stories/oil-reuters/" in text
