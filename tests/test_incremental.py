"""Incremental builds are both small and right: after every kind of change, cached output equals a clean build."""

import os
import shutil
from pathlib import Path

import pytest
from conftest import article_text

from dateline.builder import BuildOptions, build, run_build
from dateline.config import load_config
from dateline.state import CACHE_DIR, STATE_FILE

# Toy stories share all their words, so grouping would fold them into one story; it has its own tests.
CONFIG = """\
title: Incremental
base_url: https://example.com/inc/
paginate: 2
feed_limit: 2
topics:
  - name: Politics
  - name: Science
stories:
  group: false
"""


def make_site_folder(root: Path) -> Path:
    """A small project with five articles over three days."""
    shutil.copytree(Path(__file__).resolve().parents[1] / "themes", root / "themes")
    (root / "config.yaml").write_text(CONFIG)
    for index, (day, topic) in enumerate([(1, "Politics"), (1, "Science"), (2, "Politics"), (3, "Science"), (3, "Politics")]):
        write(root / f"content/a{index}.md", article_text(f"Story {index}", date=f"2021-03-0{day}T1{index}:00:00", topics=[topic]))
    return root


def write(path: Path, text: str) -> None:
    """Write text and move the mtime on, as an editor's save does (even within one clock tick)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    previous = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, max(stat.st_mtime_ns, previous + 1_000_000)))


def files(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes (the marker differs by design and is left out)."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".dateline-output"
    }


def clean_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """Build the project from scratch into a fresh folder, with no cache."""
    config, _ = load_config(root / "config.yaml")
    out = tmp_path / "clean"
    shutil.rmtree(out, ignore_errors=True)
    build(config, BuildOptions(search=False, use_cache=False, output_dir=out))
    return files(out)


def cached_build(root: Path, **options):
    """Build like `python build.py`: cache on disk, output in _site."""
    config, _ = load_config(root / "config.yaml")
    return build(config, BuildOptions(search=False, **options))


EDITS = {
    "body": lambda root: write(
        root / "content/a1.md", article_text("Story 1", date="2021-03-01T11:00:00", topics=["Science"], body="New body.")
    ),
    "title": lambda root: write(
        root / "content/a0.md", article_text("Story zero renamed", date="2021-03-01T10:00:00", topics=["Politics"])
    ),
    "topic": lambda root: write(root / "content/a2.md", article_text("Story 2", date="2021-03-02T12:00:00", topics=["Science"])),
    "date": lambda root: write(root / "content/a3.md", article_text("Story 3", date="2021-02-27T13:00:00", topics=["Science"])),
    "add": lambda root: write(root / "content/new.md", article_text("Fresh story", date="2021-03-04T09:00:00", topics=["Politics"])),
    "rename": lambda root: (root / "content/new.md").rename(root / "content/moved.md"),
    "delete": lambda root: (root / "content/a4.md").unlink(),
    "template": lambda root: write(
        root / "themes/default/templates/partials/entry.html",
        (root / "themes/default/templates/partials/entry.html").read_text().replace("entry-title", "entry-title headline"),
    ),
    "css": lambda root: write(
        root / "themes/default/static/style.css", (root / "themes/default/static/style.css").read_text() + "\n/* x */\n"
    ),
    "config": lambda root: write(root / "config.yaml", CONFIG.replace("Incremental", "Incremental digest")),
    # A fresh clone with the cache restored (the Pages workflow): every file's time is new, no text is.
    "fresh clone": lambda root: [write(page, page.read_text()) for page in sorted((root / "content").rglob("*.md"))],
}


def test_series_of_edits_with_disk_cache_equals_clean_builds(tmp_path):
    root = make_site_folder(tmp_path / "site")
    cached_build(root)
    for name, edit in EDITS.items():
        edit(root)
        cached_build(root)
        assert files(root / "_site") == clean_build(root, tmp_path), f"after the {name} edit"


# The content files each edit touches, as serve's file watcher reports them.
WATCHER_PATHS = {
    "body": ("content/a1.md",),
    "title": ("content/a0.md",),
    "topic": ("content/a2.md",),
    "date": ("content/a3.md",),
    "add": ("content/new.md",),
    "rename": ("content/new.md", "content/moved.md"),
    "delete": ("content/a4.md",),
}


def test_series_of_edits_in_a_live_session_equals_clean_builds(tmp_path):
    root = make_site_folder(tmp_path / "site")
    config, _ = load_config(root / "config.yaml")
    live = BuildOptions(search=False, use_cache=False, in_place=True, processes=1, drafts=True)
    state = run_build(config, live).state
    for name, edit in EDITS.items():
        edit(root)
        config, _ = load_config(root / "config.yaml")
        state = run_build(config, live, state=state, changed_content=WATCHER_PATHS.get(name)).state
        assert files(root / "_site") == clean_build(root, tmp_path), f"after the {name} edit"


def test_body_edit_renders_only_the_article_and_the_feeds_showing_it(tmp_path):
    root = make_site_folder(tmp_path / "site")
    config, _ = load_config(root / "config.yaml")
    options = BuildOptions(search=False, use_cache=False, in_place=True, processes=1)
    state = run_build(config, options).state
    # a4 is the newest article: it is in the site feed and the Politics feed.
    write(root / "content/a4.md", article_text("Story 4", date="2021-03-03T14:00:00", topics=["Politics"], body="Body text.\n\nRewritten."))
    built = run_build(config, options, state=state)
    assert sorted(built.result.rendered_urls) == ["2021/03/story-4/", "feed.xml", "topics/politics/feed.xml"]
    # An old article's body is in no feed: one page.
    write(
        root / "content/a0.md", article_text("Story 0", date="2021-03-01T10:00:00", topics=["Politics"], body="Body text.\n\nOlder text.")
    )
    assert run_build(config, options, state=built.state).result.rendered_urls == ("2021/03/story-0/",)


def test_title_edit_also_renders_the_listings_and_neighbours(tmp_path):
    root = make_site_folder(tmp_path / "site")
    cached_build(root)
    write(root / "content/a2.md", article_text("Story two, retitled", date="2021-03-02T12:00:00", topics=["Politics"]))
    rendered = set(cached_build(root).rendered_urls)
    # With two per page, story 2 is on the second page of the home and month listings.
    assert {"2021/03/story-two-retitled/", "page/2/", "topics/politics/", "archive/2021/03/page/2/"} <= rendered
    assert "" not in rendered
    assert "2021/03/story-1/" in rendered and "2021/03/story-3/" in rendered  # previous/next show the title
    assert "topics/science/" not in rendered


def test_no_change_renders_nothing_and_template_change_renders_its_users(tmp_path, output_check):
    root = make_site_folder(tmp_path / "site")
    first = cached_build(root)
    assert len(first.rendered_urls) == len(set(first.rendered_urls)) == first.rendered > first.pages  # HTML pages, feeds, sitemap…
    assert cached_build(root).rendered == 0
    EDITS["template"](root)
    rendered = set(cached_build(root).rendered_urls)
    assert "" in rendered and "topics/politics/" in rendered  # list.html includes entry.html
    assert not any(url.startswith("2021/03/story") for url in rendered)  # article.html does not


@pytest.mark.parametrize("damage", ["delete", "corrupt"])
def test_a_lost_or_corrupt_cache_only_costs_time(tmp_path, damage):
    root = make_site_folder(tmp_path / "site")
    first = cached_build(root)
    cache_file = root / CACHE_DIR / STATE_FILE
    if damage == "delete":
        shutil.rmtree(root / CACHE_DIR)
    else:
        cache_file.write_bytes(b"not a pickle")
    EDITS["body"](root)
    assert cached_build(root).rendered == first.rendered
    assert files(root / "_site") == clean_build(root, tmp_path)


def test_a_file_deleted_from_the_output_is_written_again(tmp_path):
    root = make_site_folder(tmp_path / "site")
    cached_build(root)
    (root / "_site/topics/index.html").unlink()
    cached_build(root)
    assert (root / "_site/topics/index.html").is_file()


OUTPUT_DAMAGE = {
    "delete the folder": lambda site: shutil.rmtree(site),
    "delete a page": lambda site: shutil.rmtree(site / "2021/03/story-2"),
    "edit a page": lambda site: (site / "index.html").write_text("junk"),
}


@pytest.fixture(params=["in this process", "in a forked child"])
def output_check(request, monkeypatch):
    """Check the output files against the stamp both ways: in the build's process, and (as big sites do) in a child."""
    if request.param == "in a forked child":
        monkeypatch.setattr("dateline.builder.FORKED_CHECK_FROM", 0)
    return request.param


@pytest.mark.parametrize("after_an_edit", [False, True])
@pytest.mark.parametrize("damage", OUTPUT_DAMAGE)
def test_output_changed_by_hand_is_rebuilt_to_match_a_clean_build(tmp_path, damage, after_an_edit, output_check):
    root = make_site_folder(tmp_path / "site")
    cached_build(root)
    if after_an_edit:
        # This build's stamp keeps the state it verified for the pages it did not render.
        EDITS["body"](root)
        incremental = cached_build(root)
        assert 0 < incremental.rendered < incremental.pages
    OUTPUT_DAMAGE[damage](root / "_site")
    assert cached_build(root).rendered > 0
    assert files(root / "_site") == clean_build(root, tmp_path)


# The big-site paths, reached on this small site through their thresholds: parsing and rendering in
# forked workers (from 400 files), and a fresh output folder swapped in (beyond 2,000 changed pages).
BIG_SITE_PATHS = {
    "workers": {"processes": 2, "parallel_from": 1},
    "fresh folder": {"in_place_limit": 0},
    "in place": {"in_place_limit": 10**6},
}


@pytest.mark.parametrize("path", BIG_SITE_PATHS)
def test_big_site_paths_give_a_clean_builds_bytes_after_every_edit(tmp_path, path, monkeypatch):
    import multiprocessing

    pools = []
    real_context = multiprocessing.get_context
    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: pools.append(method) or real_context(method))
    root = make_site_folder(tmp_path / "site")
    cached_build(root, **BIG_SITE_PATHS[path])
    for name, edit in EDITS.items():
        edit(root)
        folder = (root / "_site").stat().st_ino
        result = cached_build(root, **BIG_SITE_PATHS[path])
        assert files(root / "_site") == clean_build(root, tmp_path), f"after the {name} edit"
        if path != "workers" and result.rendered:
            swapped = (root / "_site").stat().st_ino != folder
            assert swapped == (path == "fresh folder"), name
    assert bool(pools) == (path == "workers")


def test_a_theme_showing_tags_and_reading_time_in_listings_is_never_left_stale(tmp_path):
    """Issue 11's second bug: listings, neighbours and related links kept old tags and minutes after an edit."""
    root = make_site_folder(tmp_path / "site")
    entry = root / "themes/default/templates/partials/entry.html"
    entry.write_text(
        entry.read_text().replace("</article>", "<p class=tags>{{ entry.tags|join(', ') }} · {{ entry.reading_minutes }} min</p></article>")
    )
    article = root / "themes/default/templates/article.html"
    article.write_text(article.read_text().replace("{{ other.title }}</a>", "{{ other.title }}</a> {{ other.tags|join(', ') }}"))
    cached_build(root)
    long_body = "Body text.\n\n" + "word " * 700  # the same first paragraph, so the same summary
    write(
        root / "content/a2.md",
        article_text("Story 2", date="2021-03-02T12:00:00", topics=["Politics"], tags="[Geneva, OPEC]", body=long_body),
    )
    rendered = set(cached_build(root).rendered_urls)
    assert {"page/2/", "archive/2021/03/page/2/", "topics/politics/"} <= rendered
    assert files(root / "_site") == clean_build(root, tmp_path)
    listing = (root / "_site/page/2/index.html").read_text()
    assert "Geneva, OPEC · 4 min" in listing


@pytest.mark.parametrize("workers", [False, True])
def test_keys_taken_while_rendering_equal_the_keys_the_plan_computes(tmp_path, workers):
    """A first build keys its pages as it renders them (in the workers, if any); a later build keys them up front, in one process."""
    root = make_site_folder(tmp_path / "site")
    options = {"processes": 2, "parallel_from": 1} if workers else {"processes": 1}
    first = cached_build(root, **options)
    assert first.rendered == first.pages + 6  # every page: HTML, 3 feeds, the sitemap, robots.txt, .nojekyll
    touched = root / "content/a1.md"
    write(touched, touched.read_text())  # the same text under a new time: not up to date, so every key is computed again
    assert cached_build(root, processes=1).rendered == 0


@pytest.mark.parametrize("workers", [False, True])
def test_a_fresh_clone_with_the_cache_and_site_restored_builds_a_clean_builds_bytes(tmp_path, workers):
    """The Pages workflow: each run is a new checkout (new times and inodes), `.dateline-cache/` and `_site/` restored by actions/cache."""
    options = {"processes": 2, "parallel_from": 1} if workers else {"processes": 1}
    first = make_site_folder(tmp_path / "run1")
    cached_build(first, **options)
    second = tmp_path / "run2"
    shutil.copytree(first, second, ignore=shutil.ignore_patterns(".dateline-cache", "_site"), copy_function=shutil.copyfile)
    shutil.copytree(first / ".dateline-cache", second / ".dateline-cache")  # copy2: times kept, as tar restores them
    shutil.copytree(first / "_site", second / "_site")
    write(second / "content/pushed.md", article_text("Pushed story", date="2021-03-04T08:00:00", topics=["Science"]))
    result = cached_build(second, **options)
    assert 0 < result.rendered < result.pages  # warm: the pages the new story touches, not every page
    assert files(second / "_site") == clean_build(second, tmp_path)
    assert cached_build(second, **options).rendered == 0
