"""The side-by-side bench's report: it says when the peers' sites are not the same size as Dateline's."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from compare import Result, stage_times, unequal_sites


def test_a_peer_site_much_smaller_than_datelines_is_flagged_and_a_near_one_is_not():
    results = {
        10_000: {"dateline": Result(pages=14_815), "hugo": Result(pages=13_926), "pelican": Result(pages=14_800)},
        100_000: {"dateline": Result(pages=148_808), "hugo": Result(pages=56_231)},
    }
    warnings = [line for line in unequal_sites([10_000, 100_000], results) if line]
    assert len(warnings) == 1
    assert "100,000" in warnings[0] and "hugo wrote 56,231" in warnings[0] and "148,808" in warnings[0]


def test_no_warning_without_datelines_page_count():
    assert unequal_sites([1_000], {1_000: {"hugo": Result(pages=10)}}) == []


def test_the_stages_of_plain_light_and_no_change_builds_are_read():
    plain = "read: 10 of 10 in 0.1 s\nsetup 0.240 s  read 0.038 s  model 1.587 s  keys 0.047 s  render+write 0.143 s\nBuilt 38 pages"
    assert stage_times(plain) == {"setup": 0.24, "read": 0.038, "model": 1.587, "keys": 0.047, "render+write": 0.143}
    assert stage_times("light 0.251 s  render+write 0.006 s\nBuilt 38 pages") == {"light": 0.251, "render+write": 0.006}
    assert stage_times("up to date 0.011 s\nBuilt 38 pages") == {"up to date": 0.011}
