"""The sample site's whole output equals the golden copy in tests/golden/sample/, file by file."""

from __future__ import annotations

import difflib

from golden import GOLDEN, build_sample, output_files

UPDATE = "if the change is intended, run `python tests/golden.py --write` and review the diff"


def test_the_sample_site_equals_the_golden_copy(tmp_path):
    built = output_files(build_sample(tmp_path))
    golden = output_files(GOLDEN)
    missing = sorted(golden.keys() - built.keys())
    extra = sorted(built.keys() - golden.keys())
    changed = sorted(path for path in golden.keys() & built.keys() if golden[path] != built[path])
    report = [f"missing: {path}" for path in missing] + [f"new: {path}" for path in extra]
    for path in changed:
        diff = difflib.unified_diff(
            golden[path].decode("utf-8", "replace").splitlines(),
            built[path].decode("utf-8", "replace").splitlines(),
            f"golden/{path}",
            f"built/{path}",
            lineterm="",
            n=1,
        )
        report.append("\n".join(list(diff)[:12]))
    assert not report, f"{len(missing)} missing, {len(extra)} new, {len(changed)} changed ({UPDATE}):\n" + "\n".join(report)
    assert len(golden) > 20
