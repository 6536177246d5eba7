"""Keys: each one changes exactly when what it stands for changes."""

from __future__ import annotations

import os

import jinja2

from dateline.keys import JINJA_SYNTAX, inputs_key, page_key, state_key, template_key, view_key
from dateline.scan import file_stamp
from dateline.views import NotFoundPage, TextPage


def environment(templates: dict[str, str]) -> jinja2.Environment:
    """A Jinja environment over templates in memory, read as Dateline reads them."""
    return jinja2.Environment(loader=jinja2.DictLoader(templates), **JINJA_SYNTAX)


def test_a_template_key_covers_every_template_it_extends_includes_or_imports():
    templates = {
        "page.html": '{% extends "base.html" %}{% block main %}{% include "part.html" %}{% endblock %}',
        "base.html": '{% import "macros.html" as m %}<main>{% block main %}{% endblock %}</main>',
        "part.html": "part",
        "macros.html": "{% macro x() %}x{% endmacro %}",
        "other.html": "not used",
    }
    before = template_key(environment(templates), "page.html")
    for name in ("base.html", "part.html", "macros.html"):
        assert template_key(environment({**templates, name: templates[name] + " "}), "page.html") != before, name
    assert template_key(environment({**templates, "other.html": "changed"}), "page.html") == before


def test_a_page_key_changes_with_its_view_the_site_view_and_the_template_and_is_kept_until_they_change():
    page = NotFoundPage("404.html", "Page not found", "Nothing here.")
    key = page_key(page, "site-1", "template-1")
    assert page_key(page, "site-1", "template-1") == key  # kept on the page
    assert page_key(page, "site-2", "template-1") != key
    assert page_key(page, "site-1", "template-2") != key
    assert page_key(NotFoundPage("404.html", "Page not found", "Gone."), "site-1", "template-1") != key


def test_view_keys_tell_types_apart():
    assert view_key(TextPage("x", "", "", "")) != view_key(NotFoundPage("x", "", ""))


def test_the_inputs_key_follows_every_file_signature_and_switch(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("x")
    stamp = file_stamp(path)
    base = inputs_key("state", (False,), (), [("a.md", stamp)], [])
    assert inputs_key("state", (True,), (), [("a.md", stamp)], []) != base
    assert inputs_key("other", (False,), (), [("a.md", stamp)], []) != base
    assert inputs_key("state", (False,), (), [], [("a.md", stamp)]) != base  # a theme file is not a content file
    stat = os.stat(path)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert inputs_key("state", (False,), (), [("a.md", file_stamp(path))], []) != base
    path.write_text("xy")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert file_stamp(path).size == 2 and inputs_key("state", (False,), (), [("a.md", file_stamp(path))], []) != base


def test_the_state_key_follows_the_config_text():
    assert state_key("config-a") != state_key("config-b")
    assert state_key("config-a") == state_key("config-a")
