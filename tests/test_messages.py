"""Every message a build prints about an input, with the fix it offers: the fix must match the fault (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.config import parse_config
from dateline.content import parse_article
from dateline.errors import BuildError
from dateline.markup import MarkdownRenderer

CONFIG = parse_config("title: Desk\ntopics: [Politics]\n", Path("/project"))[0]
RENDERER = MarkdownRenderer()

# Front matter lines (after `title:`/`date:` defaults are filled in) → (words of the message, words of the fix).
CONTENT = {
    "an impossible day": ("date: 2021-03-40", "date 2021-03-40 is impossible: March 2021 has 31 days", "e.g. `2021-03-31`"),
    "February 29 of a common year": ("date: 2021-02-29", "February 2021 has 28 days (not a leap year)", "e.g. `2021-02-28`"),
    "month 13": ("date: 2021-13-02", "there is no month 13", "write a real date as YYYY-MM-DD"),
    "hour 25": ("date: 2021-03-02T25:00:00", "hours go to 23", "YYYY-MM-DDTHH:MM:SS"),
    "a date in words": ("date: March 40", "'March 40' is not a date", "use YYYY-MM-DD"),
    "a colon in a value": (
        "summary: Talks: day two",
        "mapping values are not allowed",
        'must be in quotes, e.g. `title: "Talks: day two"`',
    ),
    "an indented key": ("location: GENEVA\n  source: Reuters", "mapping values are not allowed", "start every key at the left margin"),
    "an unclosed list": ("tags: [Putin, Biden", "did not find expected ',' or ']'", "end it with `]`"),
    "an unclosed quote": ('summary: "Talks', "unexpected end of stream", "end it with the same quote mark"),
    "a leading star": ("summary: *exclusive*", "malformed YAML", "starts with `*` or `&`"),
    "a leading at sign": ("source: @reuters", "cannot start any token", "put it in quotes"),
    "a tab before a key": ("\tsource: Reuters", "tab character", "indent with spaces"),
    "topics as a mapping": ("topics: {a: b}", "`topics` must be a list of topic names", "e.g. `topics: [Politics, World]`"),
    "a bad slug": ("slug: My Story!", "slug 'My Story!' is not a URL slug", "`slug: my-story`"),
    "a draft of words": ("draft: maybe", "`draft` must be true or false", "write `draft: true` or remove it"),
    "an undeclared topic close to one": ("topics: [Poltics]", "topic 'Poltics' is not declared", "did you mean 'Politics'?"),
    "an undeclared topic": ("topics: [Law]", "topic 'Law' is not declared", "declare it under `topics:` in config.yaml"),
}


@pytest.mark.parametrize("case", CONTENT)
def test_each_content_message_offers_the_fix_for_its_fault(case):
    line, message, hint = CONTENT[case]
    front = "title: A story\n" + ("" if line.startswith("date:") else "date: 2021-03-20\n") + line + "\n"
    _, problems = parse_article("content/x.md", "---\n" + front + "---\n\nBody.\n", CONFIG, RENDERER)
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert message in problem.message and hint in problem.hint, str(problem)
    assert problem.line is not None


def test_no_fix_offered_for_a_yaml_fault_talks_about_quoting_colons_unless_the_fault_is_a_colon():
    for case, (_, _, hint) in CONTENT.items():
        if "colon" not in case:
            assert '": "' not in hint, case


CONFIG_CASES = {
    "paginate in words": ("paginate: ten", "`paginate` must be a whole number, not 'ten'", "write e.g. `paginate: 10`"),
    "a flag as text": ("links_to_index_html: sometimes", "must be true or false", "`links_to_index_html: true`"),
    "an unknown timezone": ("timezone: Mars/Olympus", "unknown timezone 'Mars/Olympus'", "`Europe/London`"),
    "a relative base URL": ("base_url: /news/", "is not an absolute http(s) URL", "https://USER.github.io/REPO/"),
    "a bad topic slug": ("topics:\n  - {name: Law, slug: Law And Order}", "is not a URL slug", "`slug: law-and-order`"),
    "a YAML colon": ("title: The Desk: Daily", "mapping values are not allowed", "must be in quotes"),
}


@pytest.mark.parametrize("case", CONFIG_CASES)
def test_each_config_message_offers_the_fix_for_its_fault(case):
    text, message, hint = CONFIG_CASES[case]
    with pytest.raises(BuildError) as caught:
        parse_config(text + "\n", Path("/project"))
    (problem,) = caught.value.problems
    assert message in problem.message and hint in problem.hint, str(problem)


def test_an_unknown_config_key_suggests_the_key_meant():
    _, warnings = parse_config("titel: Desk\n", Path("/project"))
    assert [(w.message, w.hint) for w in warnings] == [("unknown key `titel`", "did you mean `title`?")]
