"""Rebuild scope through the engine: what one save re-renders, and how errors and seeds are handled."""

from __future__ import annotations

import io

import pytest
from conftest import copy_sample_project, read_html

from dateline.config import load_config
from dateline.serve.server import SiteState
from dateline.serve.session import Rebuilder, ServeOptions
from dateline.serve.watch import plan_changes

ARTICLE = "content/examples/trade-ministers-meet.md"


@pytest.fixture
def rebuilder(tmp_path):
    """A Rebuilder over the sample project after its first build (search off, drafts on)."""
    root = copy_sample_project(tmp_path)
    config, _ = load_config(root / "config.yaml")
    built = Rebuilder(root / "config.yaml", config, ServeOptions(search=False), SiteState(), io.StringIO(), io.StringIO())
    built.first_build()
    assert not built.state.problems
    return built


def save(rebuilder: Rebuilder, relative: str, text: str):
    """Write a project file and apply the plan the watcher would make for it; return the BuildResult."""
    root = rebuilder.config.root
    (root / relative).write_text(text, encoding="utf-8")
    record = rebuilder.apply(plan_changes([root / relative], root, rebuilder.config_path))
    return record.result


def edit(rebuilder: Rebuilder, relative: str, old: str, new: str):
    """Replace text in a project file and rebuild."""
    text = (rebuilder.config.root / relative).read_text(encoding="utf-8")
    assert old in text
    return save(rebuilder, relative, text.replace(old, new, 1))


def article_url(rebuilder: Rebuilder) -> str:
    """The URL of ARTICLE in the last build."""
    parsed = rebuilder.build_state.files[ARTICLE].article
    return parsed.url


def test_body_edit_renders_the_article_and_the_feeds_that_hold_it(rebuilder):
    url = article_url(rebuilder)
    article = rebuilder.build_state.files[ARTICLE].article
    result = edit(rebuilder, ARTICLE, "No agreement was expected", "No deal was expected")
    # The sample site has fewer articles than feed_limit, so every feed of its topics holds it; tags'
    # feeds carry summaries only, so a body edit that keeps the summary leaves them alone.
    feeds = {f"topics/{t.slug}/feed.xml" for t in article.topics}
    assert set(result.rendered_urls) == {url, "feed.xml", *feeds}
    page = read_html(rebuilder.config.output_dir / url / "index.html")
    assert "No deal was expected" in page.get_text()


def test_title_edit_also_renders_the_listings(rebuilder):
    result = edit(rebuilder, ARTICLE, "title: Trade ministers meet", "title: Trade ministers gather")
    rendered = set(result.rendered_urls)
    # The slug follows the title, so the article moves to a new URL.
    assert {article_url(rebuilder), "", "topics/world/", "topics/business/", "archive/2021/03/"} <= rendered
    assert "topics/science/" not in rendered
    home = read_html(rebuilder.config.output_dir / "index.html")
    assert "Trade ministers gather" in home.get_text()


def test_template_change_renders_exactly_the_pages_using_it(rebuilder):
    articles = {parsed.article.url for parsed in rebuilder.build_state.files.values() if parsed.article}
    result = edit(rebuilder, "themes/default/templates/article.html", '<div class="story-body">', '<div class="story-body edited">')
    assert set(result.rendered_urls) == articles


def test_config_change_rebuilds_everything_with_a_fresh_cache(rebuilder):
    old_state = rebuilder.build_state
    everything = rebuilder.records[0].result.rendered
    result = edit(rebuilder, "config.yaml", "title: The Dateline Digest", "title: The Evening Digest")
    assert rebuilder.build_state is not old_state and rebuilder.build_state.key != old_state.key
    assert result.rendered == everything
    assert "The Evening Digest" in read_html(rebuilder.config.output_dir / "index.html").get_text()


def test_css_change_is_a_css_only_event(rebuilder):
    css = (rebuilder.config.root / "themes/default/static/style.css").read_text(encoding="utf-8")
    save(rebuilder, "themes/default/static/style.css", css + "\nbody { outline: 1px solid red; }\n")
    assert rebuilder.state.latest.kind == "css"


def test_an_error_keeps_the_last_good_site_until_the_next_good_save(rebuilder):
    site = rebuilder.config.output_dir
    before = {p: p.read_bytes() for p in site.rglob("*.html")}
    text = (rebuilder.config.root / ARTICLE).read_text(encoding="utf-8")
    save(rebuilder, ARTICLE, text.replace("date: 2021-03-17T11:00:00", "date: [broken"))
    problems = rebuilder.state.problems
    assert problems and problems[0].startswith(f"{ARTICLE}:")
    assert rebuilder.state.latest.kind == "error"
    assert {p: p.read_bytes() for p in site.rglob("*.html")} == before
    assert ARTICLE in rebuilder.err.getvalue()

    save(rebuilder, ARTICLE, text)
    assert rebuilder.state.problems == ()
    assert rebuilder.state.latest.kind == "reload"
    assert rebuilder.state.latest.urls is None  # after an error every page reloads


def test_a_template_syntax_error_is_reported_with_its_line(rebuilder):
    template = rebuilder.config.root / "themes/default/templates/article.html"
    line = template.read_text(encoding="utf-8").split("{% endblock %}")[0].count("\n") + 1
    edit(rebuilder, "themes/default/templates/article.html", "{% endblock %}", "{% endblok %}")
    assert rebuilder.state.problems[0].startswith(f"themes/default/templates/article.html:{line}: error: template syntax:")


def test_a_dropped_seed_is_ingested_and_listed_on_the_home_page(rebuilder):
    seed = "ROME (Reuters) - Italian archaeologists said on Tuesday they had found a Roman villa under a car park in central Rome.\n"
    save(rebuilder, "seeds/roman-villa.txt", seed * 3)
    assert not rebuilder.state.problems
    assert "Roman villa" in read_html(rebuilder.config.output_dir / "index.html").get_text()


def test_nothing_changed_means_no_event(rebuilder):
    epoch = rebuilder.state.epoch
    text = (rebuilder.config.root / ARTICLE).read_text(encoding="utf-8")
    result = save(rebuilder, ARTICLE, text)
    assert result.rendered_urls == ()
    assert rebuilder.state.epoch == epoch


def test_drafts_are_built_by_default_and_flagged(rebuilder):
    drafts = [parsed.article for parsed in rebuilder.build_state.files.values() if parsed.article and parsed.article.draft]
    assert drafts
    page = read_html(rebuilder.config.output_dir / drafts[0].url / "index.html")
    assert page.select_one(".draft-flag") is not None
