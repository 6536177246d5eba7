"""Tag kinds: person, place or organisation from evidence in the stories, and the gazetteer behind places."""

from __future__ import annotations

import pytest

from dateline import places
from dateline.kinds import ORGANISATION, PERSON, PLACE, tag_kind, titled_names
from dateline.places import Gazetteer, kept_list_name, kept_place_names, place_names

STORY = (
    'US President Joe Biden said his counterpart Vladimir Putin was a "killer". Mr Putin\'s aides disagreed.\n'
    "Prime Minister Boris Johnson met General Motors executives; spokeswoman Jen Psaki declined to comment."
)


def test_titled_names_are_the_names_after_a_title_with_their_surnames():
    names = titled_names(STORY)
    assert {"joe biden", "biden", "vladimir putin", "putin", "boris johnson", "johnson", "jen psaki"} <= set(names)
    # "General" is not a title without its abbreviation's full stop: General Motors is a company.
    assert "motors" not in names
    assert titled_names("the president said") == ()


@pytest.mark.parametrize(
    ("tag", "kind"),
    [
        ("Vladimir Putin", PERSON),  # named in full after a title
        ("Putin", PERSON),  # named alone after a title
        ("Boris Johnson", PERSON),
        ("Moscow", PLACE),  # in the gazetteer
        ("World Bank", ORGANISATION),  # an institution's word ends it
        ("Acme Corp", ORGANISATION),  # a legal form ends it
        ("Bank of England", ORGANISATION),
        ("General Motors", ORGANISATION),
        ("tariffs", ""),  # no evidence: no kind
        ("White House", ""),
    ],
)
def test_tag_kind_follows_the_evidence(tag, kind):
    assert tag_kind(tag, titled=set(titled_names(STORY)), places={"moscow"}) == kind


def test_declared_and_dateline_evidence_come_first():
    titled = {"washington"}
    assert tag_kind("Washington", titled=titled, places={"washington"}) == PERSON
    assert tag_kind("Washington", located=True, titled=titled) == PLACE
    assert tag_kind("Washington", declared=ORGANISATION, located=True, titled=titled) == ORGANISATION


def test_an_organisation_named_after_a_title_stays_an_organisation():
    # A title before "Party" somewhere in the stories never makes an institution a person.
    assert tag_kind("Labour Party", titled={"party"}) == ORGANISATION


def test_the_gazetteer_knows_countries_states_cities_and_wire_spellings():
    gazetteer = Gazetteer()
    for name in ("France", "united states", "U.S.", "Britain", "California", "Moscow", "Nairobi", "São Paulo", "Europe"):
        assert name in gazetteer, name
    for name in ("Vladimir Putin", "White House", "tariffs", "Reuters"):
        assert name not in gazetteer, name


@pytest.mark.parametrize("kind", ["places", "dateline-places", "dateline-cities"])
def test_the_kept_place_list_equals_a_fresh_one(tmp_path, monkeypatch, kind):
    fresh = places._BUILDERS[kind]()
    assert kept_place_names(tmp_path, kind) == fresh  # made and kept
    assert (tmp_path / kept_list_name(kind)).exists()
    monkeypatch.setitem(places._BUILDERS, kind, lambda *_: pytest.fail("the kept list should have been read"))
    assert kept_place_names(tmp_path, kind) == fresh  # read back, equal


def test_one_missing_list_makes_every_missing_one_from_one_load_of_geonames(tmp_path, monkeypatch):
    fresh = {kind: build() for kind, build in places._BUILDERS.items()}
    loads = []
    real = places._geonames
    monkeypatch.setattr(places, "_geonames", lambda: loads.append(1) or real())
    assert kept_place_names(tmp_path, "dateline-cities") == fresh["dateline-cities"]
    assert len(loads) == 1
    for kind, names in fresh.items():
        monkeypatch.setitem(places._BUILDERS, kind, lambda *_: pytest.fail("every list should have been kept"))
        assert kept_place_names(tmp_path, kind) == names
    # A list that goes missing is made again alone; the kept ones are left as they are.
    (tmp_path / kept_list_name("places")).unlink()
    monkeypatch.setitem(places._BUILDERS, "places", lambda geonames: fresh["places"])
    kept = (tmp_path / kept_list_name("dateline-places")).stat().st_mtime_ns
    assert kept_place_names(tmp_path, "places") == fresh["places"]
    assert (tmp_path / kept_list_name("dateline-places")).stat().st_mtime_ns == kept


def test_the_dateline_list_holds_towns_and_old_spellings_the_tag_list_leaves_out():
    towns, cities = places.dateline_place_names(), place_names()
    assert cities <= towns
    for name in ("basle", "peking", "bombay", "springfield"):
        assert name in towns, name


def test_a_read_only_cache_still_gives_the_names(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert "paris" in kept_place_names(blocked / "cache")
