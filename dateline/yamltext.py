"""YAML parsing that keeps line numbers, so errors can point at the key."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

import yaml

# libyaml's parser is several times faster; it is in every PyYAML wheel, but
# a source build without it must still work.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
_TIMESTAMP = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?")


class _ImpossibleDate(yaml.constructor.ConstructorError):
    """A value shaped like a date that no calendar has (2021-03-40), with what is wrong and a real date near it."""

    def __init__(self, message: str, example: str, mark):
        super().__init__(None, None, message, mark)
        form = "a real date and time as YYYY-MM-DDTHH:MM:SS" if "T" in example else "a real date as YYYY-MM-DD"
        self.hint = f"write {form}, e.g. `{example}`"


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading, with impossible dates (2021-02-30) reported as located errors that say what is wrong."""

    def construct_yaml_timestamp(self, node):
        """Build a date or datetime, or raise _ImpossibleDate pointing at the value."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            message, example = impossible_date(node.value)
            raise _ImpossibleDate(message, example, node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


@dataclass(frozen=True)
class YamlDocument:
    """Parsed YAML plus the 1-based line of each top-level key."""

    data: Any
    key_lines: dict[str, int]

    def line_of(self, key: str, default: int | None = None) -> int | None:
        """Return the line where top-level `key` is written."""
        return self.key_lines.get(key, default)


class YamlSyntaxError(ValueError):
    """Malformed YAML, with the 1-based line where the parser gave up and a fix that matches the fault."""

    def __init__(self, message: str, line: int | None, hint: str = ""):
        super().__init__(message)
        self.line = line
        self.hint = hint


def impossible_date(value: str) -> tuple[str, str]:
    """What is wrong with a date-shaped value no calendar has, and the nearest real date to offer instead."""
    match = _TIMESTAMP.match(value.strip())
    if match is None:
        return f"{value!r} is not a date", "2021-03-20"
    year, month, day = (int(part) for part in match.group(1, 2, 3))
    hour, minute, second = (int(part) if part else 0 for part in match.group(4, 5, 6))
    real_month = min(max(month, 1), 12)
    days = calendar.monthrange(year, real_month)[1]
    example = f"{year:04d}-{real_month:02d}-{min(max(day, 1), days):02d}"
    if not 1 <= month <= 12:
        return f"date {value} is impossible: there is no month {month}", example
    if not 1 <= day <= days:
        leap = " (not a leap year)" if month == 2 and day == 29 else ""
        return f"date {value} is impossible: {MONTHS[month - 1]} {year} has {days} days{leap}", example
    if hour > 23 or minute > 59 or second > 59:
        return f"time in {value} is impossible: hours go to 23, minutes and seconds to 59", example + "T23:59:00"
    return f"{value!r} is not a date", example


def yaml_hint(problem: str, line: str = "") -> str:
    """The fix for a YAML syntax error, from what the parser says went wrong and the line it stopped at."""
    text = problem.lower()
    if "mapping values are not allowed" in text and line[:1] in (" ", "\t"):
        return "this line is indented, so it reads as part of the value above: start every key at the left margin"
    if "mapping values are not allowed" in text:
        return 'a value contains ": " and must be in quotes, e.g. `title: "Talks: day two"`'
    if "flow sequence" in text or "',' or ']'" in text:
        return "a list that starts with `[` is not closed: end it with `]`, or put the value in quotes"
    if "flow mapping" in text or "',' or '}'" in text:
        return "a `{` is not closed: end it with `}`, or put the value in quotes"
    if "quoted scalar" in text:
        return "a quoted value is not closed: end it with the same quote mark"
    if "'\\t'" in text or "tab" in text:
        return "YAML does not allow tabs here: indent with spaces"
    if "alias" in text or "anchor" in text:
        return "a value starts with `*` or `&`, which YAML reserves: put it in quotes"
    if "cannot start any token" in text:
        return "a value starts with a character YAML reserves (`@`, `` ` ``, `%`): put it in quotes"
    if "block end" in text or "block collection" in text or "block mapping" in text:
        return "this line is indented differently from the keys above it: start every key at the left margin"
    return "fix the YAML on that line: put a value with `: `, ` #`, or a leading `[`, `{`, `*`, `&` or quote in quotes"


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` offsets reported lines (for front matter)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except _ImpossibleDate as exc:
        raise YamlSyntaxError(exc.problem, exc.problem_mark.line + first_line, exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote or bracket is found at the end of the text; where it
        # was opened is the useful line.
        at_end = "end of stream" in (exc.problem or "")
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or str(exc)
        text_line = text.splitlines()[mark.line] if mark is not None and mark.line < len(text.splitlines()) else ""
        raise YamlSyntaxError(f"malformed YAML: {problem}", line, yaml_hint(f"{problem} {exc.context or ''}", text_line)) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"malformed YAML: {exc}", None, yaml_hint(str(exc))) from None
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_lines[str(key_node.value)] = key_node.start_mark.line + first_line
    return YamlDocument(data, key_lines)
