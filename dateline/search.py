"""Full-text search: index the built site with Pagefind, run as a separate process."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from .errors import BuildError, Problem

SEARCH_DIR = "pagefind"


def search_available() -> bool:
    """True when the `pagefind_bin` package (which ships Pagefind's binary) is installed."""
    return importlib.util.find_spec("pagefind_bin") is not None


def index_site(site_dir: Path) -> None:
    """Write Pagefind's index and UI into `site_dir/pagefind/`, or raise BuildError."""
    if not search_available():
        raise BuildError(
            [Problem("search", None, "Pagefind is not installed", "pip install -r requirements.txt, or build with --no-search")]
        )
    # The Python API of pagefind is ~300x slower than its binary; always use the binary.
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--output-subdir", SEARCH_DIR, "--silent"]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        output = (completed.stderr or completed.stdout).strip().splitlines()
        detail = output[-1] if output else f"exit code {completed.returncode}"
        raise BuildError([Problem("search", None, f"Pagefind failed: {detail}", "build with --no-search to skip the search index")])
    sort_entry(site_dir / SEARCH_DIR / ENTRY_FILE)


ENTRY_FILE = "pagefind-entry.json"


def sort_entry(path: Path) -> None:
    """Write Pagefind's entry file with its keys sorted: Pagefind lists the languages in a different order on each run."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
