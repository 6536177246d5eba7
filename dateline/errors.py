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
