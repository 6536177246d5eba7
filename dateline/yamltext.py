"""YAML parsing that keeps line numbers, so errors can point at the key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

# libyaml's parser is several times faster; it is in every PyYAML wheel, but
# a source build without it must still work.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loading, with impossible dates (2021-02-30) reported as located YAML errors."""

    def construct_yaml_timestamp(self, node):
        """Build a date or datetime, or raise a ConstructorError pointing at the value."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not a real date (use YYYY-MM-DD)", node.start_mark
            ) from None


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
    """Malformed YAML, with the 1-based line where the parser gave up."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document; `first_line` offsets reported lines (for front matter)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote or bracket is found at the end of the text; where it
        # was opened is the useful line.
        at_end = "end of stream" in (exc.problem or "")
        mark = (exc.context_mark if at_end else None) or exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark is not None else None
        problem = exc.problem or str(exc)
        raise YamlSyntaxError(f"malformed YAML: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"malformed YAML: {exc}", None) from None
    finally:
        loader.dispose()
    key_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key_lines[str(key_node.value)] = key_node.start_mark.line + first_line
    return YamlDocument(data, key_lines)
