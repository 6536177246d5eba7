"""The plan: pure decisions of what to parse, render, keep and delete, from the previous state and the new inputs."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from dateline.plan import (
    SEARCH_ENTRY,
    OutputTrust,
    manifest_of,
    plan_edited_pages,
    plan_output,
    plan_reads,
    up_to_date,
)
from dateline.state import OutputRecord, ParsedFile, Stamp
from dateline.views import NotFoundPage, TextPage


def parsed(signature: tuple[int, int], text_hash: str = "h") -> ParsedFile:
    """A parsed file as the previous state holds it (no article needed for planning)."""
    return ParsedFile(signature, text_hash, None, ())


def test_reads_parse_new_and_changed_files_and_forget_removed_ones():
    previous = {"content/a.md": parsed((1, 10), "ha"), "content/b.md": parsed((1, 10)), "content/gone.md": parsed((1, 10))}
    current = {"content/a.md": (2, 10), "content/b.md": (1, 10), "content/new.md": (3, 5)}
    plan = plan_reads(previous, current)
    assert sorted(plan.parse) == [("content/a.md", (2, 10), "ha"), ("content/new.md", (3, 5), "")]
    assert plan.gone == {"content/gone.md"}


def test_a_watchers_hint_limits_the_comparison_but_never_misses_a_new_file():
    previous = {"content/a.md": parsed((1, 10)), "content/b.md": parsed((1, 10))}
    current = {"content/a.md": (2, 10), "content/b.md": (2, 10), "content/new.md": (3, 5)}
    plan = plan_reads(previous, current, hinted=["content/a.md"])
    assert [path for path, _, _ in plan.parse] == ["content/a.md", "content/new.md"]


def pages(*urls: str) -> list:
    """Plain pages at these URLs (their kind does not matter to the plan)."""
    return [TextPage(url, "", "", url) if "." in url.rsplit("/", 1)[-1] else NotFoundPage(url, "", "") for url in urls]


def test_manifest_lists_pages_assets_and_the_search_index():
    site = pages("", "robots.txt")
    manifest = manifest_of(site, ["k1", "k2"], ["static/style.1.css"], search=True)
    assert manifest["index.html"] == "k1" and manifest["robots.txt"] == "k2"
    assert manifest["static/style.1.css"] == "static/style.1.css"
    assert SEARCH_ENTRY in manifest
    assert SEARCH_ENTRY not in manifest_of(site, ["k1", "k2"], [], search=False)


def test_only_pages_whose_key_changed_are_rendered_and_pages_gone_are_deleted():
    site = pages("", "a/", "b/")
    manifest = {"index.html": "1", "a/index.html": "2", "b/index.html": "new", "static/x.css": "static/x.css"}
    previous = OutputRecord({"index.html": "1", "a/index.html": "2", "b/index.html": "old", "c/index.html": "3"}, "id")
    plan = plan_output(previous, site, manifest, trust=OutputTrust.INTACT)
    assert plan.render == (2,) and plan.in_place and plan.changes_output
    assert plan.delete == ("c/index.html",)
    assert plan.assets == ("static/x.css",)  # not in the previous output
    assert {"index.html", "a/index.html"} <= plan.keep


def test_an_output_changed_by_hand_is_rebuilt_whole_in_a_fresh_folder():
    site = pages("", "a/")
    manifest = {"index.html": "1", "a/index.html": "2"}
    previous = OutputRecord(dict(manifest), "id")
    plan = plan_output(previous, site, manifest, trust=OutputTrust.CHANGED)
    assert plan.render == (0, 1) and not plan.in_place and not plan.keep


def test_missing_files_are_rendered_again():
    site = pages("", "a/")
    manifest = {"index.html": "1", "a/index.html": "2"}
    plan = plan_output(OutputRecord(dict(manifest), "id"), site, manifest, trust=OutputTrust.UNKNOWN, missing={"a/index.html"})
    assert plan.render == (1,)


def test_nothing_to_do_writes_nothing_not_even_the_marker():
    site = pages("", "a/")
    manifest = {"index.html": "1", "a/index.html": "2"}
    first = plan_output(OutputRecord(), site, manifest, trust=OutputTrust.UNKNOWN)
    again = plan_output(OutputRecord(dict(manifest), first.manifest_id), site, manifest, trust=OutputTrust.INTACT)
    assert not again.changes_output and again.render == ()


def test_beyond_the_in_place_limit_the_site_is_built_in_a_fresh_folder():
    site = pages("", "a/", "b/")
    manifest = {"index.html": "x", "a/index.html": "y", "b/index.html": "z"}
    previous = OutputRecord({"index.html": "1", "a/index.html": "2", "b/index.html": "3"}, "id")
    assert not plan_output(previous, site, manifest, trust=OutputTrust.INTACT, in_place_limit=2).in_place
    assert plan_output(previous, site, manifest, trust=OutputTrust.INTACT, in_place_limit=3).in_place
    assert plan_output(previous, site, manifest, trust=OutputTrust.INTACT, in_place_limit=0, in_place=True).in_place


def test_a_deferred_search_index_keeps_its_old_entry_so_a_later_build_sees_it_stale():
    site = pages("")
    manifest = {"index.html": "new", SEARCH_ENTRY: "s-new"}
    previous = OutputRecord({"index.html": "old", SEARCH_ENTRY: "s-old"}, "id")
    deferred = plan_output(previous, site, manifest, trust=OutputTrust.INTACT, defer_search_index=True)
    assert not deferred.reindex and deferred.manifest[SEARCH_ENTRY] == "s-old"
    later = plan_output(OutputRecord(dict(deferred.manifest), deferred.manifest_id), site, manifest, trust=OutputTrust.INTACT)
    assert later.reindex and later.render == ()


def test_up_to_date_needs_the_same_inputs_and_untouched_outputs():
    stamp = Stamp("inputs", 1, 1, 1, ())
    assert up_to_date(stamp, "inputs", outputs_intact=True)
    assert not up_to_date(stamp, "other", outputs_intact=True)
    assert not up_to_date(stamp, "inputs", outputs_intact=False)
    assert not up_to_date(None, "inputs", outputs_intact=True)


@pytest.mark.parametrize("seed", range(40))
def test_the_light_builds_plan_is_the_plan_of_the_whole_site(seed):
    # A light build plans only its edited pages (plan_edited_pages); over random sites and edits, the plan must be the
    # one plan_output makes going through every page.
    rng = random.Random(seed)
    site = pages(*(f"p{number}/" for number in range(rng.randint(1, 30))), "feed.xml", "robots.txt")
    search = rng.random() < 0.6
    keys = [f"k{rng.randint(0, 3)}" for _ in site]
    before = manifest_of(site, keys, ["static/s.1.css"], search=search)
    previous = OutputRecord(dict(before), rng.choice(["", "stale"]) or "id")
    edited = rng.sample(range(len(site)), rng.randint(0, min(4, len(site))))
    for index in edited:
        keys[index] = rng.choice([keys[index], f"new{rng.randint(0, 9)}"])
    after = manifest_of(site, keys, ["static/s.1.css"], search=search)
    options = {"in_place": rng.random() < 0.2, "in_place_limit": rng.choice([None, 0, 1]), "defer_search_index": rng.random() < 0.3}
    whole = plan_output(previous, site, after, trust=OutputTrust.INTACT, **options)
    light = plan_edited_pages(previous, [site[index] for index in edited], after, **options)
    rendered_whole = {site[index].output_path for index in whole.render}
    rendered_light = {site[index].output_path for index in (edited[position] for position in light.render)}
    assert rendered_light == rendered_whole
    assert replace(light, render=()) == replace(whole, render=())


def test_the_light_plan_refuses_a_manifest_with_other_files():
    previous = OutputRecord({"index.html": "1"}, "id")
    with pytest.raises(ValueError):
        plan_edited_pages(previous, pages(""), {"index.html": "2", "a/index.html": "3"})
