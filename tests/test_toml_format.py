"""The sidecar's own value writer writes exactly what tomli-w writes, faster."""

from datetime import date

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import examples

from wizard.toml_format import line


def plain_table(values: dict[str, object]) -> str:
    """A table of plain values as the sidecar writes it, one ``line`` per value."""
    return "".join(line(name, value) for name, value in values.items())


# Every character class that tomli-w treats differently: controls (escaped compactly or
# as \\u), tab (kept), quote and backslash, CR LF pairs, line feeds, and any other text.
_pieces = st.sampled_from(['"', "\\", "\t", "\n", "\r", "\r\n", "\b", "\f", "\x00", "\x1b", "\x7f", "'"])
_text = st.lists(st.one_of(_pieces, st.text(st.characters(codec="utf-8"), max_size=3))).map("".join)
_scalars = st.one_of(_text, st.integers(), st.booleans(), st.dates())
_values = st.one_of(
    _scalars, st.lists(_scalars, max_size=4), st.lists(st.lists(_text, max_size=2), max_size=2)
)
_keys = st.one_of(st.from_regex(r"[A-Za-z0-9_-]+", fullmatch=True), _text)


@settings(max_examples=examples(400))
@given(st.dictionaries(_keys, _values, max_size=6))
def test_plain_tables_match_tomli_w_byte_for_byte(table: dict[str, object]) -> None:
    assert plain_table(table) == tomli_w.dumps(table, multiline_strings=True)


def test_the_escapes_tomli_w_writes() -> None:
    table = {"a b": 'say "hi"\\\x1b', "text": "one\r\ntwo\rthree\tfour", "when": date(2026, 3, 2), "n": []}
    expected = (
        '"a b" = "say \\"hi\\"\\\\\\u001b"\n'
        'text = """\none\ntwo\\rthree\tfour"""\n'
        "when = 2026-03-02\n"
        "n = []\n"
    )
    assert plain_table(table) == expected == tomli_w.dumps(table, multiline_strings=True)
