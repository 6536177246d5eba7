"""One error type for every stage: a problem located in a file, with the fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """Something wrong in an input file, located as precisely as we can."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    level: str = ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.level}: {self.message}{hint}"


class BuildError(Exception):
    """Raised when a stage found errors; carries every problem of the run."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def errors_in(problems: Iterable[Problem], strict: bool = False) -> list[Problem]:
    """Return the problems that stop a build (warnings too when strict)."""
    return [p for p in problems if strict or p.level == ERROR]


# A group of the same problem in many files names this many of them (all with --verbose, and all errors).
EXAMPLES_SHOWN = 3


def report_lines(problems: Iterable[Problem], verbose: bool = False) -> list[str]:
    """One line per distinct problem: a problem met in several files says how many and where.

    Warnings name the first few files (all of them when `verbose`); errors always
    name every file, so nothing that stops a build is hidden.
    """
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.level, problem.message, problem.hint), []).append(problem)
    lines = []
    for (level, message, hint), members in groups.items():
        if len(members) == 1:
            lines.append(str(members[0]))
            continue
        places = [f"{p.path}:{p.line}" if p.line else p.path for p in members]
        shown = places if verbose or level == ERROR else places[:EXAMPLES_SHOWN]
        more = f" and {len(places) - len(shown)} more (--verbose lists them)" if len(shown) < len(places) else ""
        fix = f" ({hint})" if hint else ""
        lines.append(f"{level}: {message}: {len(places)} files, {'e.g. ' if more else ''}{', '.join(shown)}{more}{fix}")
    return lines
