"""The golden sample site: the repository's sample project built as `make site` builds it, kept file by file under tests/golden/sample/.

    python tests/golden.py --write    # rebuild the sample site and overwrite the golden copy (then review `git diff`)

The test (tests/test_golden.py) builds the sample project afresh and compares every
file with this copy; so every change to what Dateline writes shows in review, and
the copy changes only through the command above. Pagefind's index is left out: its
filter files differ from one indexing run to the next, even on the same pages. The
theme's static files are listed (tests/golden/sample-files.txt) but not copied: their
bytes are the theme's own, and their names carry a hash of them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOLDEN = HERE / "golden" / "sample"
GOLDEN_LIST = HERE / "golden" / "sample-files.txt"
# Not compared: the search index (see above) and the marker, which names the build's manifest.
SKIPPED_FOLDERS = ("pagefind/",)
SKIPPED_FILES = (".dateline-output",)
# Listed, not copied.
LISTED_ONLY = ("static/",)


def build_sample(workdir: Path) -> Path:
    """Copy the sample project into `workdir`, build it like `make site` (`python build.py`), and return its output folder."""
    sys.path.insert(0, str(REPO))
    from dateline.cli import main

    root = workdir / "sample"
    root.mkdir()
    shutil.copy(REPO / "config.yaml", root / "config.yaml")
    for folder in ("content", "seeds", "themes"):
        shutil.copytree(REPO / folder, root / folder)
    if main(["build", "--config", str(root / "config.yaml")]) != 0:
        raise SystemExit("the sample site did not build")
    return root / "_site"


def output_files(site: Path) -> dict[str, bytes]:
    """Every compared file of a built site, by path relative to it."""
    found = {}
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and relative not in SKIPPED_FILES and not relative.startswith(SKIPPED_FOLDERS):
            found[relative] = path.read_bytes()
    return found


def copied(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files whose bytes the golden copy keeps."""
    return {path: data for path, data in files.items() if not path.startswith(LISTED_ONLY)}


def write_golden() -> None:
    """Rebuild the sample site and replace the golden copy with it."""
    with tempfile.TemporaryDirectory() as workdir:
        built = output_files(build_sample(Path(workdir)))
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for relative, data in copied(built).items():
        target = GOLDEN / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    GOLDEN_LIST.write_text("".join(path + "\n" for path in built), encoding="utf-8")
    print(f"wrote {len(copied(built))} files to {GOLDEN.relative_to(REPO)} and listed {len(built)}; review them with git diff")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="overwrite the golden copy with a fresh build")
    if not parser.parse_args().write:
        parser.error("pass --write to overwrite tests/golden/sample/ (the test compares against it)")
    write_golden()
