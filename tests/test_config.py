"""config.yaml → Config: defaults, validation with located messages, topics, ingest options."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.config import Config, load_config, parse_config
from dateline.errors import WARNING, BuildError

ROOT = Path("/project")


def config_errors(text: str) -> list[str]:
    """The problems a config text is refused with, as printed."""
    with pytest.raises(BuildError) as caught:
        parse_config(text, ROOT)
    return [str(p) for p in caught.value.problems]


def test_empty_config_gives_the_defaults():
    config, warnings = parse_config("", ROOT)
    assert warnings == []
    assert (config.title, config.paginate, config.feed_limit, config.timezone, config.theme) == ("Dateline", 10, 20, "UTC", "default")
    assert config.output_dir == ROOT / "_site"
    assert config.content_dir == ROOT / "content"
    assert config.topics == ()


def test_values_are_read_and_base_url_gets_a_trailing_slash():
    config, _ = parse_config("title: Desk\nbase_url: https://u.github.io/repo\npaginate: 3\ncname: news.example.org\n", ROOT)
    assert config.title == "Desk"
    assert config.base_url == "https://u.github.io/repo/"
    assert config.paginate == 3
    assert config.cname == "news.example.org"


def test_output_is_relative_to_the_project_root():
    config, _ = parse_config("output: public\n", ROOT)
    assert config.output_dir == ROOT / "public"


def test_unknown_key_is_a_warning_suggesting_the_known_key():
    config, warnings = parse_config("title: Desk\npaginte: 5\n", ROOT)
    assert config.paginate == 10
    assert [str(w) for w in warnings] == ["config.yaml:2: warning: unknown key `paginte` (did you mean `paginate`?)"]
    assert warnings[0].level == WARNING


def test_unknown_key_with_no_near_match_points_at_params():
    _, warnings = parse_config("colour_scheme: blue\n", ROOT)
    assert "params:" in warnings[0].hint


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: Desk\npaginate: ten\n", "config.yaml:2: error: `paginate` must be a whole number, not 'ten'"),
        ("paginate: true\n", "config.yaml:1: error: `paginate` must be a whole number, not True"),
        ("title: [a, b]\n", "config.yaml:1: error: `title` must be a string"),
        ("links_to_index_html: yes please\n", "config.yaml:1: error: `links_to_index_html` must be true or false"),
        ("topics: Politics\n", "config.yaml:1: error: `topics` must be a list"),
    ],
)
def test_wrong_type_is_an_error_naming_key_line_and_value(text, expected):
    errors = config_errors(text)
    assert len(errors) == 1
    assert errors[0].startswith(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("paginate: 0\n", "`paginate` must be at least 1"),
        ("feed_limit: -1\n", "`feed_limit` must be at least 1"),
        ("timezone: Mars/Olympus\n", "unknown timezone 'Mars/Olympus'"),
        ("base_url: example.com\n", "is not an absolute http(s) URL"),
        ("theme: ../elsewhere\n", "is not a folder name"),
    ],
)
def test_invalid_value_is_an_error_with_a_fix(text, message):
    errors = config_errors(text)
    assert len(errors) == 1
    assert errors[0].startswith("config.yaml:1: error:")
    assert message in errors[0]
    assert errors[0].endswith(")")  # the fix, in brackets


def test_every_config_error_is_reported_at_once():
    errors = config_errors("paginate: 0\nfeed_limit: many\ntimezone: Nowhere/City\nextra: 1\n")
    assert [e.split(":")[1] for e in errors] == ["2", "1", "3", "4"]


def test_malformed_config_yaml_names_the_line():
    errors = config_errors("title: Desk\npaginate: [1,\n")
    assert len(errors) == 1
    assert errors[0].startswith("config.yaml:")
    assert "malformed YAML" in errors[0]


def test_config_that_is_not_a_mapping_is_refused():
    assert config_errors("- a\n- b\n") == ["config.yaml:1: error: config must be a mapping of keys to values (write `key: value` lines)"]


# --- topics ----------------------------------------------------------------------


def test_topics_may_be_names_or_mappings():
    config, _ = parse_config(
        "topics:\n  - Politics\n  - name: Science and Tech\n    slug: scitech\n    description: Labs.\n    keywords: [lab, data]\n", ROOT
    )
    assert [(t.name, t.slug, t.description, t.keywords) for t in config.topics] == [
        ("Politics", "politics", "", ()),
        ("Science and Tech", "scitech", "Labs.", ("lab", "data")),
    ]


def test_topics_sharing_a_slug_are_refused():
    errors = config_errors("topics: [Politics, politics]\n")
    assert "share the slug 'politics'" in errors[0]


def test_topic_without_a_name_is_refused():
    assert "topic #2 needs a `name`" in config_errors("topics: [Politics, {slug: x}]\n")[0]


def test_topic_with_a_bad_slug_is_refused():
    assert "is not a URL slug" in config_errors("topics: [{name: X, slug: Not OK}]\n")[0]


# --- ingest ----------------------------------------------------------------------


def test_ingest_options_are_read():
    config, _ = parse_config("ingest:\n  default_date: 2021-03-20\n  max_tags: 3\n  topic_threshold: 0.7\n", ROOT)
    assert (config.ingest.default_date, config.ingest.max_tags, config.ingest.topic_threshold) == (date(2021, 3, 20), 3, 0.7)


def test_ingest_errors_name_the_bad_option():
    errors = config_errors("ingest:\n  max_tags: -1\n  topic_threshold: 2\n  colour: red\n")
    assert len(errors) == 3
    assert any("ingest.max_tags" in e for e in errors)
    assert any("ingest.topic_threshold" in e for e in errors)
    assert any("ingest.colour" in e for e in errors)


def test_impossible_date_in_config_is_a_located_error_not_a_crash():
    errors = config_errors("title: Desk\ningest:\n  default_date: 2021-02-30\n")
    assert len(errors) == 1
    assert errors[0].startswith("config.yaml:3:")
    assert "2021-02-30" in errors[0]


# --- files and helpers -----------------------------------------------------------------


def test_load_config_makes_its_folder_the_project_root(tmp_path):
    (tmp_path / "config.yaml").write_text("title: Desk\n")
    config, warnings = load_config(tmp_path / "config.yaml")
    assert isinstance(config, Config)
    assert config.root == tmp_path.resolve()
    assert warnings == []


def test_missing_config_file_says_how_to_fix_it(tmp_path):
    with pytest.raises(BuildError) as caught:
        load_config(tmp_path / "config.yaml")
    assert "config file not found" in str(caught.value)
    assert "--config" in str(caught.value)


def test_config_fingerprint_changes_with_the_text():
    assert parse_config("title: A\n", ROOT)[0].fingerprint != parse_config("title: B\n", ROOT)[0].fingerprint
