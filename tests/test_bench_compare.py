"""The side-by-side bench's report: it says when the peers' sites are not the same size as Dateline's."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from compare import Result, unequal_sites


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
