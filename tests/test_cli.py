"""The command line: subcommands, help, the default command, `new`, exit codes and output."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import article_text, build_project, make_project, snapshot

import dateline.writing
from dateline.cli import main, make_parser
from dateline.content import split_front_matter

CONFIG = "title: Desk\nbase_url: https://example.org/\ntimezone: UTC\ntopics: [Politics, Business]\n"
SUMMARY = re.compile(r"^Built (\d+) pages from (\d+) articles in (\d+) topics in \d+\.\d\d s(?: \([^)]*\))? → _site$")


def subcommands() -> list[str]:
    """Every subcommand the parser knows."""
    parser = make_parser()
    return sorted(next(a for a in parser._actions if a.dest == "command").choices)


def project(tmp_path: Path) -> Path:
    """A project with two articles in two declared topics."""
    files = {
        "content/2021/one.md": article_text("One", topics="[Politics]"),
        "content/2021/two.md": article_text("Two", date="2021-03-19T10:00:00", topics="[Business]"),
    }
    return make_project(tmp_path, CONFIG, files)


def test_build_and_new_are_subcommands():
    assert {"build", "new"} <= set(subcommands())


@pytest.mark.parametrize("command", ["", *subcommands()])
def test_help_exits_0_for_the_program_and_every_subcommand(command, capsys):
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"] if command else ["--help"])
    assert caught.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_version_exits_0(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.startswith("Dateline ")


def test_no_arguments_means_build(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    monkeypatch.chdir(root)
    indexed = []
    monkeypatch.setattr(dateline.writing, "index_site", lambda folder: indexed.append(folder))  # search has its own tests
    assert main([]) == 0
    first = {name: data for name, (data, _) in snapshot(root / "_site").items()}
    assert main(["build"]) == 0
    second = {name: data for name, (data, _) in snapshot(root / "_site").items()}
    assert first == second
    assert "index.html" in first
    assert len(indexed) >= 1  # the default build includes the search step
    capsys.readouterr()


def test_options_without_a_subcommand_mean_build(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["--no-search"]) == 0
    assert (root / "_site/index.html").is_file()
    capsys.readouterr()


def test_build_prints_one_summary_line_with_counts(tmp_path, capsys):
    root = project(tmp_path)
    assert main(["build", "--config", str(root / "config.yaml"), "--no-search"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    pages, articles, topics = map(int, SUMMARY.match(out[0]).groups())
    assert (articles, topics) == (2, 2)
    assert pages >= 2 + 2 + 3  # articles, topic pages, home + topic index + archive


def test_config_error_exits_1_naming_the_line(tmp_path, capsys):
    root = make_project(tmp_path, "title: Desk\npaginate: ten\n")
    assert main(["build", "--config", str(root / "config.yaml"), "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "config.yaml:2: error: `paginate` must be a whole number" in err
    assert not (root / "_site").exists()


def test_config_warning_is_printed_and_the_build_goes_on(tmp_path, capsys):
    root = make_project(tmp_path, CONFIG + "paginte: 3\n")
    assert main(["build", "--config", str(root / "config.yaml"), "--no-search"]) == 0
    assert "config.yaml:5: warning: unknown key `paginte` (did you mean `paginate`?)" in capsys.readouterr().err
    assert (root / "_site/index.html").is_file()


def test_strict_refuses_a_config_warning_and_writes_nothing(tmp_path, capsys):
    root = make_project(tmp_path, CONFIG + "paginte: 3\n")
    assert main(["build", "--config", str(root / "config.yaml"), "--no-search", "--strict"]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert not (root / "_site").exists()


def test_failed_build_keeps_the_previous_site(tmp_path, capsys):
    root = project(tmp_path)
    build_project(root)
    before = snapshot(root / "_site")
    (root / "content/2021/bad.md").write_text(article_text("Bad", date="March 40"))
    assert main(["build", "--config", str(root / "config.yaml"), "--no-search"]) == 1
    assert "content/2021/bad.md:3: error:" in capsys.readouterr().err
    assert snapshot(root / "_site") == before


# --- new -----------------------------------------------------------------------------------


def run_new(root: Path, *argv: str) -> int:
    """Run `new` in the project at root."""
    return main(["new", *argv, "--config", str(root / "config.yaml")])


def test_new_creates_the_article_with_front_matter_and_prints_its_path(tmp_path, capsys):
    root = make_project(tmp_path, CONFIG)
    assert run_new(root, "Minister resigns over expenses", "--topic", "politics") == 0
    year = datetime.now(UTC).year  # the config's timezone
    expected = f"content/{year}/minister-resigns-over-expenses.md"
    assert capsys.readouterr().out.strip() == expected
    front = split_front_matter((root / expected).read_text(encoding="utf-8"), expected)
    assert front.data["title"] == "Minister resigns over expenses"
    assert front.data["date"].year == year
    assert front.data["topics"] == ["Politics"]


def test_new_article_builds_cleanly(tmp_path, capsys):
    root = make_project(tmp_path, CONFIG)
    assert run_new(root, "Fresh story", "--topic", "Business", "--topic", "politics") == 0
    result = build_project(root)
    assert (result.articles, result.warnings) == (1, ())
    capsys.readouterr()


def test_new_refuses_to_overwrite_an_existing_file(tmp_path, capsys):
    root = make_project(tmp_path, CONFIG)
    assert run_new(root, "Same headline") == 0
    path = root / capsys.readouterr().out.strip()
    path.write_text("edited by hand")
    assert run_new(root, "Same headline") == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "edited by hand"


def test_new_names_a_headline_without_letters_by_a_short_stable_hash(tmp_path, capsys):
    root = make_project(tmp_path, CONFIG)
    assert run_new(root, "???") == 0
    first = capsys.readouterr().out.strip()
    assert run_new(root, "!!!") == 0
    second = capsys.readouterr().out.strip()
    assert first.startswith("content/") and Path(first).name.startswith("story-") and first != second


def test_new_keeps_the_letters_of_any_script_in_the_file_name(tmp_path, capsys):
    root = make_project(tmp_path, CONFIG)
    assert run_new(root, "东京股市大涨") == 0
    assert Path(capsys.readouterr().out.strip()).name == "东京股市大涨.md"


def test_new_warns_about_an_undeclared_topic_and_suggests_the_close_one(tmp_path, capsys):
    root = make_project(tmp_path, CONFIG)
    assert run_new(root, "Typo topic", "--topic", "Poltics") == 0
    err = capsys.readouterr().err
    assert "topic 'Poltics' is not declared" in err and "did you mean 'Politics'?" in err


def test_one_problem_in_many_files_is_one_line_with_a_count_and_examples(tmp_path, capsys):
    files = {f"content/a{n:04d}.md": article_text(f"Story {n}", topics="[Law]") for n in range(2000)}
    root = make_project(tmp_path, CONFIG, files)
    assert main(["build", "--config", str(root / "config.yaml"), "--no-search", "--no-ingest"]) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) < 10
    (warning,) = [line for line in lines if "Law" in line]
    assert warning.startswith("warning: topic 'Law' is not declared in config.yaml: 2000 files, e.g. content/a0000.md:")
    assert "and 1997 more (--verbose lists them)" in warning and "declare it under" in warning


def test_strict_lists_every_file_of_a_grouped_error(tmp_path, capsys):
    files = {f"content/a{n}.md": article_text(f"Story {n}", topics="[Law]") for n in range(5)}
    root = make_project(tmp_path, CONFIG, files)
    assert main(["build", "--config", str(root / "config.yaml"), "--no-search", "--no-ingest", "--strict"]) == 1
    err = capsys.readouterr().err
    assert all(f"content/a{n}.md:" in err for n in range(5))


def test_a_url_clash_prints_the_command_that_fixes_it_and_the_command_changes_only_the_newer_file(tmp_path, capsys):
    files = {
        "content/a.md": article_text("Same headline", date="2021-03-01T10:00:00"),
        "content/b.md": article_text("Same headline", date="2021-03-02T10:00:00", tags="[x]"),
        "content/c.md": article_text("Same headline", date="2021-03-03T10:00:00", slug="same-headline"),
    }
    root = make_project(tmp_path, CONFIG, files)
    args = ["--config", str(root / "config.yaml")]
    assert main(["build", *args, "--no-search"]) == 1
    err = capsys.readouterr().err
    assert "same URL /2021/03/same-headline/ as content/a.md" in err and "python build.py fix-slugs" in err
    before = (root / "content/a.md").read_text()
    assert main(["fix-slugs", *args]) == 0
    out = capsys.readouterr().out
    assert "content/b.md: slug: same-headline-2" in out and "content/c.md: slug: same-headline-3" in out and "2 files changed" in out
    assert (root / "content/a.md").read_text() == before  # the oldest keeps its URL; nothing renamed
    assert split_front_matter((root / "content/b.md").read_text(), "b").data["tags"] == ["x"]
    assert split_front_matter((root / "content/c.md").read_text(), "c").data["slug"] == "same-headline-3"
    assert main(["build", *args, "--no-search"]) == 0
    assert main(["fix-slugs", *args]) == 0 and "nothing changed" in capsys.readouterr().out
