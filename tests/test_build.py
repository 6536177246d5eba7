"""End-to-end builds of tiny sites: every page there, every link working, bad input refused."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import REPO, article_text, build_project, copy_fixture_site, make_project, read_html, snapshot

from dateline.builder import BuildOptions, build
from dateline.cli import main
from dateline.config import load_config
from dateline.errors import BuildError

BASE_PATH = "/desk/"  # the path of the news fixture's base_url

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


def html_files(site: Path) -> list[Path]:
    """Every HTML file of a built site."""
    return sorted(site.rglob("*.html"))


def links_of(page: Path) -> list[str]:
    """Every URL the page's a/link/script/img elements point at."""
    soup = read_html(page)
    return [element[attr] for tag, attr in LINK_ATTRIBUTES for element in soup.find_all(tag, attrs={attr: True})]


def is_internal(url: str) -> bool:
    """True for a URL with no scheme and no host."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def resolve_link(site: Path, page: Path, url: str) -> Path:
    """The file an internal link from `page` opens (a folder means its index.html)."""
    path = unquote(urlsplit(url).path)
    if not path:
        return page
    if path.startswith("/"):
        assert path.startswith(BASE_PATH), f"{page}: {url} is outside the base path"
        target = site / path[len(BASE_PATH) :]
    else:
        target = page.parent / path
    target = Path(os.path.normpath(target))
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


def ids_of(page: Path) -> list[str]:
    """Every id attribute on the page, in document order."""
    return [element["id"] for element in read_html(page).find_all(attrs={"id": True})]


def test_every_internal_link_resolves_to_an_existing_file(news_site):
    broken = []
    for page in html_files(news_site):
        for url in filter(is_internal, links_of(page)):
            target = resolve_link(news_site, page, url)
            if news_site not in target.parents or not target.is_file():
                broken.append(f"{page.relative_to(news_site)} → {url}")
    assert broken == []


def test_every_fragment_link_targets_an_existing_id(news_site):
    missing = []
    checked = 0
    for page in html_files(news_site):
        for url in filter(is_internal, links_of(page)):
            fragment = urlsplit(url).fragment
            if fragment:
                checked += 1
                if unquote(fragment) not in ids_of(resolve_link(news_site, page, url)):
                    missing.append(f"{page.relative_to(news_site)} → {url}")
    assert checked > 0
    assert missing == []


def test_internal_links_are_relative_except_on_the_404_page(news_site):
    absolute = [
        f"{page.relative_to(news_site)} → {url}"
        for page in html_files(news_site)
        if page.name != "404.html"
        for url in filter(is_internal, links_of(page))
        if url.startswith("/")
    ]
    assert absolute == []


def test_404_page_links_start_with_the_base_url_path(news_site):
    links = [url for url in links_of(news_site / "404.html") if is_internal(url) and not url.startswith("#")]
    assert links
    assert all(url.startswith(BASE_PATH) for url in links), links


def test_ids_are_unique_on_every_page(news_site):
    for page in html_files(news_site):
        ids = ids_of(page)
        assert len(ids) == len(set(ids)), f"duplicate ids in {page.relative_to(news_site)}"


def test_a_page_exists_for_every_article_topic_month_and_listing_page(news_site):
    expected = [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "2021/03/parliament-passes-the-budget/index.html",
        "2021/03/central-bank-holds-rates/index.html",
        "2021/03/glacier-melt-speeds-up/index.html",
        "2021/03/snap-election-called/index.html",
        "2021/02/chip-shortage-hits-carmakers/index.html",
        "2020/12/a-year-in-review/index.html",
        "topics/index.html",
        "topics/politics/index.html",
        "topics/politics/page/2/index.html",
        "topics/business/index.html",
        "topics/business/page/2/index.html",
        "topics/science/index.html",
        "topics/sport/index.html",
        "archive/index.html",
        "archive/2021/03/index.html",
        "archive/2021/03/page/2/index.html",
        "archive/2021/02/index.html",
        "archive/2020/12/index.html",
        "404.html",
    ]
    assert [name for name in expected if not (news_site / name).is_file()] == []


def test_listing_pages_stop_at_the_last_page(news_site):
    assert not (news_site / "page/4").exists()
    assert not (news_site / "topics/science/page/2").exists()
    assert not (news_site / "archive/2021/02/page/2").exists()


def test_drafts_are_left_out_by_default(news_site):
    assert not list(news_site.rglob("unfinished-preview"))
    assert "Unfinished preview" not in read_html(news_site / "index.html").get_text()


def test_drafts_option_builds_drafts_too(tmp_path):
    root = copy_fixture_site("news", tmp_path)
    result = build_project(root, drafts=True)
    assert result.articles == 7
    page = read_html(root / "_site/2021/03/unfinished-preview/index.html")
    assert page.find("h1").get_text(strip=True) == "Unfinished preview"


def test_links_to_index_html_option_spells_out_index_html(tmp_path):
    root = copy_fixture_site("news", tmp_path)
    config = root / "config.yaml"
    config.write_text(config.read_text() + "links_to_index_html: true\n")
    build_project(root)
    site = root / "_site"
    for page in html_files(site):
        if page.name == "404.html":
            continue
        for url in filter(is_internal, links_of(page)):
            path = urlsplit(url).path
            assert not path or not path.endswith("/"), f"{page.relative_to(site)} → {url}"
            assert resolve_link(site, page, url).is_file()


def test_empty_content_folder_builds_a_site_saying_so(tmp_path):
    root = make_project(tmp_path)
    result = build_project(root)
    assert (result.articles, result.topics) == (0, 0)
    home = read_html(root / "_site/index.html")
    assert home.select_one("p.empty").get_text(strip=True) == "No articles yet."


def test_build_result_counts_pages_articles_and_topics(tmp_path):
    root = copy_fixture_site("news", tmp_path)
    result = build_project(root)
    written = [p for p in (root / "_site").rglob("*.html") if "static" not in p.parts]
    assert (result.articles, result.topics, result.pages) == (6, 4, len(written))


# --- determinism -------------------------------------------------------------


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    outputs = []
    for seed in ("1", "2"):  # separate processes and hash seeds: no shared state, no set-order luck
        root = copy_fixture_site("news", tmp_path / f"copy{seed}")
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, str(REPO / "build.py"), "--no-search"], cwd=root, env=environment, check=True, capture_output=True)
        outputs.append(root / "_site")
    first, second = outputs
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file())
    assert [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()] == []


# --- the shipped sample site -------------------------------------------------


def test_shipped_sample_site_builds_without_errors_or_warnings(tmp_path):
    root = tmp_path / "sample"
    root.mkdir()
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "themes", root / "themes")
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    config, config_warnings = load_config(root / "config.yaml")
    result = build(config, BuildOptions(search=False, strict=True))
    assert [str(w) for w in config_warnings] == []
    assert [str(w) for w in result.warnings] == []
    assert result.articles >= 1
    assert (root / "_site/index.html").is_file()


# --- topics not declared in config --------------------------------------------


def unknown_topic_project(tmp_path: Path) -> Path:
    """A project whose one article names `Poltics`, a typo of the declared `Politics`."""
    config = "title: Desk\nbase_url: https://example.org/\ntopics: [Politics, Business]\n"
    files = {"content/typo.md": article_text("Typo in topics", topics="[Poltics]")}
    return make_project(tmp_path, config, files)


def test_unknown_topic_warns_with_the_closest_declared_topic(tmp_path):
    result = build_project(unknown_topic_project(tmp_path))
    assert [str(w) for w in result.warnings] == [
        "content/typo.md:4: warning: topic 'Poltics' is not declared in config.yaml (did you mean 'Politics'?)"
    ]


def test_unknown_topic_still_gets_its_pages(tmp_path):
    root = unknown_topic_project(tmp_path)
    build_project(root)
    page = read_html(root / "_site/topics/poltics/index.html")
    assert page.find("h1").get_text(strip=True) == "Poltics"
    assert (root / "_site/topics/poltics/feed.xml").is_file()


def test_strict_turns_an_unknown_topic_into_an_error_and_writes_nothing(tmp_path, capsys):
    root = unknown_topic_project(tmp_path)
    code = main(["--config", str(root / "config.yaml"), "--strict", "--no-search"])
    err = capsys.readouterr().err
    assert code == 1
    assert "content/typo.md:4" in err and "'Politics'" in err
    assert not (root / "_site").exists()
    assert "nothing was written" in err


# --- bad input -----------------------------------------------------------------

# (fixture site, what the message must contain: location, problem, fix)
INVALID_SITES = {
    "malformed-front-matter": ["content/2021/colon-in-title.md:3:", "malformed YAML", "must be in quotes"],
    "missing-title": ["content/2021/no-title.md:1:", "missing `title`", "add `title:"],
    "bad-date": ["content/2021/march-40.md:3:", "'March 40' is not a date", "YYYY-MM-DD"],
    "duplicate-url": ["content/2021/b-same-story.md:1:", "content/2021/a-same-story.md", "/2021/03/same-story/", "slug:"],
    "bad-config-type": ["config.yaml:3:", "`paginate` must be a whole number", "'ten'"],
    "impossible-date": ["content/2021/february-30.md:3:", "2021-02-30", "YYYY-MM-DD"],
}


def run_build_cli(root: Path, *extra: str) -> int:
    """Build the project through the command line, as a user would."""
    return main(["--config", str(root / "config.yaml"), "--no-search", *extra])


def with_previous_output(tmp_path: Path, case: str) -> Path:
    """Copy invalid site `case` and give it a `_site/` from a real earlier build of a good site."""
    root = copy_fixture_site(f"invalid/{case}", tmp_path)
    good = copy_fixture_site("news", tmp_path / "good")
    build_project(good, output_dir=root / "_site")
    return root


@pytest.mark.parametrize("case", sorted(INVALID_SITES))
def test_bad_input_is_reported_with_file_line_and_fix_and_exit_code_1(case, tmp_path, capsys):
    root = copy_fixture_site(f"invalid/{case}", tmp_path)
    code = run_build_cli(root)
    err = capsys.readouterr().err
    assert code == 1
    error_lines = [line for line in err.splitlines() if ": error: " in line]
    assert len(error_lines) == 1, err
    for expected in INVALID_SITES[case]:
        assert expected in error_lines[0]
    assert "1 error: nothing was written." in err


@pytest.mark.parametrize("case", sorted(INVALID_SITES))
def test_bad_input_leaves_the_previous_site_untouched(case, tmp_path, capsys):
    root = with_previous_output(tmp_path, case)
    before = snapshot(root / "_site")
    siblings = sorted(p.name for p in root.iterdir())
    assert run_build_cli(root) == 1
    assert snapshot(root / "_site") == before
    # No half-made output folder is left beside it (the cache folder, with its build lock, may appear).
    assert sorted(p.name for p in root.iterdir() if p.name != ".dateline-cache") == siblings


def test_all_errors_of_one_run_are_listed_together(tmp_path, capsys):
    root = copy_fixture_site("invalid/several-errors", tmp_path)
    with pytest.raises(BuildError) as caught:
        build_project(root)
    assert [str(p).split(": error: ")[0] for p in caught.value.problems] == [
        "content/2021/bad-date.md:3",
        "content/2021/broken-yaml.md:2",
        "content/2021/no-title.md:1",
    ]
    assert run_build_cli(root) == 1
    assert "3 errors: nothing was written." in capsys.readouterr().err


def test_a_template_error_names_the_template_and_leaves_no_temp_folders(tmp_path, capsys):
    root = make_project(tmp_path, files={"content/a.md": article_text("A story")})
    build_project(root)
    before, names = snapshot(root / "_site"), sorted(p.name for p in root.iterdir())
    template = root / "themes/default/templates/article.html"
    template.write_text(template.read_text().replace("<h1", "{{ article.no_such_field }}<h1"))
    assert run_build_cli(root) == 1
    err = capsys.readouterr().err
    assert "article.html" in err and "no_such_field" in err
    assert snapshot(root / "_site") == before
    assert sorted(p.name for p in root.iterdir()) == names


# --- links that lead out of the project (issue 12) ------------------------------------------------


def secret(tmp_path: Path) -> Path:
    """A file outside the project, as ~/.ssh/id_rsa would be."""
    outside = tmp_path / "home" / "secret.md"
    outside.parent.mkdir(parents=True)
    outside.write_text(article_text("Private key", body="PRIVATE-KEY-MATERIAL"))
    return outside


@pytest.mark.parametrize("what", ["file", "folder"])
def test_content_linking_out_of_the_project_is_refused_with_a_located_error(tmp_path, what):
    root = make_project(tmp_path, files={"content/a.md": article_text("A story")})
    target = secret(tmp_path)
    link = root / "content" / ("leak.md" if what == "file" else "leaked")
    link.symlink_to(target if what == "file" else target.parent)
    with pytest.raises(BuildError) as caught:
        build_project(root)
    (problem,) = caught.value.problems
    assert problem.path == f"content/{link.name}" and "outside the project" in problem.message
    assert not (root / "_site").exists() or "PRIVATE-KEY-MATERIAL" not in "".join(p.read_text() for p in (root / "_site").rglob("*.html"))


def test_links_that_stay_inside_the_project_are_followed(tmp_path):
    root = make_project(tmp_path, files={"notes/kept.md": article_text("Kept story"), "content/a.md": article_text("A story")})
    (root / "content/linked.md").symlink_to(root / "notes/kept.md")
    (root / "content/loop").symlink_to(root / "content")  # a loop is walked once
    build_project(root)
    assert (root / "_site/2021/03/kept-story/index.html").is_file()


def test_a_theme_file_linking_out_of_the_project_is_refused(tmp_path):
    root = make_project(tmp_path, files={"content/a.md": article_text("A story")})
    (root / "themes/default/static/leak.css").symlink_to(secret(tmp_path))
    with pytest.raises(BuildError) as caught:
        build_project(root)
    assert [p.path for p in caught.value.problems] == ["themes/default/static/leak.css"]


def test_a_seed_linking_out_of_the_project_is_not_read(tmp_path, capsys):
    root = make_project(tmp_path)
    (root / "seeds").mkdir()
    (root / "seeds/leak.txt").symlink_to(secret(tmp_path))
    assert main(["build", "--config", str(root / "config.yaml"), "--no-search"]) == 0
    assert "seeds/leak.txt: a link to" in capsys.readouterr().out
    assert not list((root / "content").rglob("*.md"))


def test_a_session_refuses_a_link_out_of_the_project_that_its_watcher_reports(tmp_path):
    from dateline.builder import run_build

    root = make_project(tmp_path, files={"content/a.md": article_text("A story")})
    config = load_config(root / "config.yaml")[0]
    options = BuildOptions(search=False, use_cache=False, in_place=True, processes=1)
    state = run_build(config, options).state
    (root / "content/leak.md").symlink_to(secret(tmp_path))
    with pytest.raises(BuildError) as caught:
        run_build(config, options, state=state, changed_content=["content/leak.md"])
    assert [p.path for p in caught.value.problems] == ["content/leak.md"]


def test_a_hostile_body_is_reported_with_the_other_errors_of_the_run(tmp_path):
    files = {
        "content/deep.md": article_text("Deep", body="* " * 5000 + "x"),
        "content/bad-date.md": article_text("Bad", date="2021-03-40"),
        "content/fine.md": article_text("Fine"),
    }
    root = make_project(tmp_path, files=files)
    with pytest.raises(BuildError) as caught:
        build_project(root)
    assert sorted(p.path for p in caught.value.problems) == ["content/bad-date.md", "content/deep.md"]


def test_a_template_that_recurses_forever_is_a_located_error(tmp_path):
    root = make_project(tmp_path, files={"content/a.md": article_text("A story")})
    entry = root / "themes/default/templates/partials/entry.html"
    entry.write_text("{% macro loop(n) %}{{ loop(n + 1) }}{% endmacro %}{{ loop(0) }}")
    with pytest.raises(BuildError) as caught:
        build_project(root)
    assert {p.path for p in caught.value.problems} == {"template list.html"}
    assert all("recursion too deep" in p.message for p in caught.value.problems)


def test_the_sample_site_builds_without_a_warning(tmp_path):
    from conftest import copy_sample_project

    root = copy_sample_project(tmp_path)
    assert build_project(root).warnings == ()
