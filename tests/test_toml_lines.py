"""The line locator finds where a value is written, or its nearest enclosing table."""

import pytest

from wizard.toml_lines import TomlLines

SOURCE = '''schema_version = 1
[header]
title = "x"   # a comment with [brackets]
[[components]]
name = "a"
technologies = [
  "x",  # first
  "y, z", "w",
  "v",
]
[[components]]
name = "b"
responsibility = """
[[components]]
not = "a key"
"""
input = 3
[[endpoints]]
path = "/"
[[endpoints.errors]]
status = 1
[[endpoints]]
[[endpoints.errors]]
[[endpoints.errors]]
body = 2
[tech_stack]
[[tech_stack.core]]
x = 1
"quoted key" = 2
[scalability.horizontal]
api_tier = 'q'
'''


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (("schema_version",), 1),
        (("header", "title"), 3),
        (("components", 0, "technologies", 0), 7),
        (("components", 0, "technologies", 1), 8),
        (("components", 0, "technologies", 2), 8),
        (("components", 0, "technologies", 3), 9),
        (("components", 1, "input"), 17),
        (("components", 1, "name"), 12),
        (("components", 2), 4),  # no third component: the first [[components]]
        (("endpoints", 0, "errors", 0, "status"), 21),
        (("endpoints", 1, "errors", 1, "body"), 25),
        (("endpoints", 1, "method"), 22),  # missing key: its table
        (("tech_stack", "core", 0, "x"), 28),
        (("tech_stack", "core", 0, "quoted key"), 29),
        (("scalability",), 30),
        (("scalability", "horizontal", "api_tier"), 31),
    ],
)
def test_line_of(path: tuple[str | int, ...], line: int) -> None:
    assert TomlLines(SOURCE).line_of(path) == line


def test_unknown_paths_have_no_line() -> None:
    assert TomlLines(SOURCE).line_of(("nothing", "here")) is None
    assert TomlLines("").line_of(("a",)) is None
