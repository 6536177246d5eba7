"""The sample site's whole output equals the golden copy in tests/golden/sample/, file by file."""

from __future__ import annotations

import difflib

from golden import GOLDEN, GOLDEN_LIST, build_sample, copied, output_files

UPDATE = "if the change is intended, run `python tests/golden.py --write` and review the diff"


def test_the_sample_site_equals_the_golden_copy(tmp_path):
    everything = output_files(build_sample(tmp_path))
    listed = GOLDEN_LIST.read_text(encoding="utf-8").splitlines()
    missing = sorted(set(listed) - everything.keys())
    extra = sorted(everything.keys() - set(listed))
    built, golden = copied(everything), output_files(GOLDEN)
    changed = sorted(path for path in golden.keys() | built.keys() if golden.get(path) != built.get(path) and path in everything)
    report = [f"missing: {path}" for path in missing] + [f"new: {path}" for path in extra]
    for path in changed:
        diff = difflib.unified_diff(
            golden.get(path, b"").decode("utf-8", "replace").splitlines(),
            built.get(path, b"").decode("utf-8", "replace").splitlines(),
            f"golden/{path}",
            f"built/{path}",
            lineterm="",
            n=1,
        )
        report.append("\n".join(list(diff)[:12]))
    assert not report, f"{len(missing)} missing, {len(extra)} new, {len(changed)} changed ({UPDATE}):\n" + "\n".join(report)
    assert len(golden) > 20
