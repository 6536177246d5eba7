"""Reading one content file into an Article: front matter, dates, topics, summary, errors."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import article_text

from dateline.config import parse_config
from dateline.content import (
    SUMMARY_LIMIT,
    ProblemError,
    find_content_files,
    parse_article,
    parse_date,
    read_text_file,
    resolve_topics,
    split_front_matter,
)
from dateline.errors import WARNING
from dateline.markup import MarkdownRenderer

RENDERER = MarkdownRenderer()


def config_for(text: str = "topics: [Politics, Business, {name: Science and Tech, slug: scitech}]\n", root: Path = Path("/project")):
    """A Config parsed from YAML text (three declared topics by default)."""
    return parse_config(text, root)[0]


def parse(text: str, config=None, path: str = "content/2021/story.md"):
    """Parse content text; return (article, problems)."""
    return parse_article(path, text, config or config_for(), RENDERER)


def parse_ok(text: str, config=None):
    """Parse content text that must give an Article with no errors."""
    article, problems = parse(text, config)
    assert article is not None, [str(p) for p in problems]
    return article


# --- front matter ----------------------------------------------------------------


def test_front_matter_is_split_from_the_body_with_key_lines():
    front = split_front_matter("---\ntitle: A\ndate: 2021-03-20\n---\nBody\n", "x.md")
    assert front.data["title"] == "A"
    assert front.key_lines == {"title": 2, "date": 3}
    assert front.body == "Body\n"
    assert front.body_line == 5


def test_byte_order_mark_before_front_matter_is_ignored():
    assert split_front_matter("\ufeff---\ntitle: A\n---\n", "x.md").data == {"title": "A"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: A\n", "no front matter"),
        ("---\ntitle: A\n", "front matter is not closed"),
        ("---\n- a\n- b\n---\n", "must be `key: value`"),
    ],
)
def test_broken_front_matter_is_a_located_problem(text, message):
    with pytest.raises(ProblemError) as caught:
        split_front_matter(text, "content/x.md")
    assert caught.value.problem.path == "content/x.md"
    assert message in caught.value.problem.message


def test_malformed_yaml_names_the_line_in_the_file():
    article, problems = parse("---\ndate: 2021-03-20\ntitle: Minister says: no deal\n---\nBody\n")
    assert article is None
    assert [(p.line, p.level) for p in problems] == [(3, "error")]
    assert "malformed YAML" in problems[0].message
    assert "must be in quotes" in problems[0].hint


def test_missing_title_is_an_error_with_a_fix():
    article, problems = parse(article_text(None))
    assert article is None
    assert [p.message for p in problems] == ["missing `title`"]
    assert "title:" in problems[0].hint


def test_missing_date_is_an_error():
    article, problems = parse(article_text("A", date=None))
    assert article is None
    assert [p.message for p in problems] == ["missing `date`"]


def test_unreadable_date_names_the_value_and_the_expected_form():
    article, problems = parse(article_text("A", date="March 40"))
    assert article is None
    assert [(p.line, p.message) for p in problems] == [(3, "date: 'March 40' is not a date")]
    assert "YYYY-MM-DD" in problems[0].hint


def test_impossible_calendar_date_is_a_located_error_not_a_crash():
    article, problems = parse(article_text("A", date="2021-02-30"))
    assert article is None
    assert len(problems) == 1
    assert problems[0].line == 3
    assert "2021-02-30" in problems[0].message


def test_every_problem_of_one_file_is_reported():
    text = "---\ntitle:\ndate: someday\ntopics: {a: b}\ndraft: maybe\nslug: Not A Slug\n---\n"
    article, problems = parse(text)
    assert article is None
    assert sorted(p.line for p in problems) == [2, 3, 4, 5, 6]


# --- fields ----------------------------------------------------------------------------


def test_article_fields_come_from_front_matter():
    text = article_text(
        "Parliament   passes the budget",
        location="LONDON",
        source="Test Wire",
        author="Ann Reporter",
        tags="[budget, Budget Office, budget]",
        extra_key="kept",
    )
    article = parse_ok(text)
    assert article.title == "Parliament passes the budget"
    assert article.byline == "LONDON · Test Wire"
    assert article.author == "Ann Reporter"
    assert article.tags == ("budget", "Budget Office")
    assert article.extra == {"extra_key": "kept"}


def test_url_is_year_month_and_slug_of_the_title():
    article = parse_ok(article_text("'Snap élection: called!'", date="2021-03-05T10:00:00"))
    assert article.slug == "snap-election-called"
    assert article.url == "2021/03/snap-election-called/"


def test_explicit_slug_wins_over_the_title():
    assert parse_ok(article_text("Long headline", slug="short")).url == "2021/03/short/"


def test_reading_time_is_words_over_220_rounded_up():
    assert parse_ok(article_text("A", body="word " * 10)).reading_minutes == 1
    assert parse_ok(article_text("A", body="word " * 221)).reading_minutes == 2


def test_comma_separated_topics_and_tags_are_accepted():
    article = parse_ok(article_text("A", topics="Politics, Business", tags="one, two"))
    assert [t.name for t in article.topics] == ["Politics", "Business"]
    assert article.tags == ("one", "two")


def test_body_headings_start_below_the_headline():
    article = parse_ok(article_text("A", body="# Section\n\nText."))
    headings = BeautifulSoup(article.body_html, "html.parser").find_all(["h1", "h2", "h3"])
    assert [h.name for h in headings] == ["h2"]


# --- summary ----------------------------------------------------------------------------


def test_front_matter_summary_is_used_as_is():
    assert parse_ok(article_text("A", summary="Given  summary.", body="Other text.")).summary == "Given summary."


def test_summary_falls_back_to_the_first_paragraph_as_plain_text():
    article = parse_ok(article_text("A", body="## Heading\n\nFirst *emphasised* [linked](https://x.org) words.\n\nSecond."))
    assert article.summary == "First emphasised linked words."


def test_long_first_paragraph_is_cut_at_a_word_boundary():
    words = [f"word{n}" for n in range(100)]
    article = parse_ok(article_text("A", body=" ".join(words)))
    assert len(article.summary) <= SUMMARY_LIMIT
    assert article.summary.endswith("…")
    kept = article.summary.removesuffix("…").split(" ")
    assert kept == words[: len(kept)]
    assert len(kept) > 30


def test_summary_fallback_leaves_out_footnote_markers():
    body = "The budget passed after a long debate.[^1]\n\n[^1]: Figures from the clerk."
    assert parse_ok(article_text("A", body=body)).summary == "The budget passed after a long debate."


# --- dates and timezones --------------------------------------------------------------------


def test_naive_date_is_read_in_the_configured_timezone():
    config = config_for("timezone: America/New_York\n")
    moment = parse_date(datetime(2021, 3, 20, 22, 0), config)
    assert moment.utcoffset() == timedelta(hours=-4)
    assert moment.astimezone(UTC).hour == 2


def test_date_without_time_is_local_midnight():
    config = config_for("timezone: Asia/Tokyo\n")
    article = parse_ok(article_text("A", date="2021-03-20"), config)
    assert article.date.isoformat() == "2021-03-20T00:00:00+09:00"


def test_aware_date_keeps_its_offset():
    config = config_for("timezone: Europe/London\n")
    article = parse_ok(article_text("A", date="2021-03-20T10:00:00-05:00"), config)
    assert article.date.utcoffset() == timedelta(hours=-5)
    assert article.date.astimezone(UTC).hour == 15


def test_url_month_follows_the_local_day():
    config = config_for("timezone: Asia/Tokyo\n")
    article = parse_ok(article_text("A", date="2021-03-31T20:00:00Z"), config)
    assert article.url == "2021/04/a/"


def test_iso_date_string_with_z_is_utc():
    assert parse_date("2021-03-20T10:00:00Z", config_for()).utcoffset() == timedelta(0)


# --- topics ---------------------------------------------------------------------------------


def test_topics_resolve_by_name_case_insensitively_or_by_slug():
    topics, unknown = resolve_topics(["politics", "SCITECH", "Business", "Politics"], config_for())
    assert [t.name for t in topics] == ["Politics", "Science and Tech", "Business"]
    assert unknown == []


def test_unknown_topic_suggests_the_closest_declared_one():
    topics, unknown = resolve_topics(["Poltics", "Gardening"], config_for())
    assert unknown == [("Poltics", "Politics"), ("Gardening", "")]
    assert [(t.slug, t.declared) for t in topics] == [("poltics", False), ("gardening", False)]


def test_unknown_topic_in_an_article_is_a_warning_on_the_topics_line():
    article, problems = parse(article_text("A", topics="[Poltics]"))
    assert article is not None
    assert [(p.line, p.level, p.hint) for p in problems] == [(4, WARNING, "did you mean 'Politics'?")]


# --- files ----------------------------------------------------------------------------------


def test_content_files_are_found_in_order_skipping_hidden_ones(tmp_path):
    for name in ("b.md", "a/z.md", ".hidden/x.md", "a/.y.md", "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in find_content_files(tmp_path)] == ["a/z.md", "b.md"]


def test_non_utf8_file_is_a_problem_naming_the_line(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    text, problem = read_text_file(path, "content/x.md")
    assert text is None
    assert (problem.path, problem.line) == ("content/x.md", 2)
    assert "UTF-8" in problem.hint


# --- input that must not crash or hang the build (issue 12) ----------------------------------------

# Body, message, and the line named (the body starts on line 6).
HOSTILE_BODIES = {
    "a 5,000-deep nested list": ("* " * 5000 + "x", "too deeply nested to render (5000 levels; the limit is 50)", 6),
    "a 5,000-deep quote": ("> " * 5000 + "x", "too deeply nested to render", 6),
    "an indented list 60 deep": ("".join("    " * i + "* x\n" for i in range(60)), "too deeply nested to render (60 levels", 65),
    "20,000 unclosed brackets": ("[" * 20000 + "x", "too many [ to render", 6),
    "a paragraph of 1,000 links": ("Intro.\n\n" + "[a](" * 1000, "too many [ in one paragraph to render (1000;", 8),
    "a 2 MB line": ("word " * 400_000, "too long to render (2,000,00", 6),
}


@pytest.mark.parametrize("case", HOSTILE_BODIES)
def test_a_body_beyond_what_can_be_rendered_is_a_located_error_at_once(case):
    body, message, line = HOSTILE_BODIES[case]
    text = "---\ntitle: Hostile\ndate: 2021-03-20\n---\n\n" + body
    started = time.perf_counter()
    article, problems = parse_article("content/x.md", text, config_for(), RENDERER)
    assert time.perf_counter() - started < 1  # bounded: Python-Markdown would take minutes, or recurse too deep
    assert article is None
    (problem,) = problems
    assert (problem.path, problem.line) == ("content/x.md", line) and message in problem.message and problem.hint


def test_real_nesting_and_links_are_well_inside_the_limits():
    body = "".join("    " * i + "* level\n" for i in range(12)) + "\n\n" + "See [a](x) and [b](y). " * 60 + "\n\n> > > quoted"
    article, problems = parse_article("content/x.md", "---\ntitle: Fine\ndate: 2021-03-20\n---\n\n" + body, config_for(), RENDERER)
    assert article is not None and problems == []


def test_an_error_inside_markdown_is_a_located_error_not_a_traceback(monkeypatch):
    def broken(self, text):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(MarkdownRenderer, "render", broken)
    article, problems = parse_article("content/x.md", "---\ntitle: A\ndate: 2021-03-20\n---\n\nBody", config_for(), RENDERER)
    assert article is None and [(p.path, p.message) for p in problems] == [("content/x.md", "too deeply nested to render")]
