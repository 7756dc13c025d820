"""The quick checks in sanitize answer exactly what their regular expressions answer.

``risky_markup``, ``strip_markup_escapes`` and ``xml_safe`` decide whether text needs
cleaning with a byte deletion for ASCII text and separate searches for raw characters
and character references; these tests compare them, character by character and
reference by reference, with the single expressions they replace.
"""

from __future__ import annotations

import re

import pytest

from newsreader.sanitize import risky_markup, strip_markup_escapes, xml_safe

# The expressions as they were before the quick checks (the reference).
RISKY = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
    r"|&#(?:[xX]0*(?:[0-9a-fA-F]{1,2}|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF]{3}[eEfF])"
    r"|0*(?:\d{1,3}|5[5-7]\d{3}|6553[45]))(?![0-9a-fA-F])"
)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

CODE_POINTS = [
    *range(0x0, 0x3000),
    *range(0xD7F0, 0xE010),  # the surrogates and their edges
    *range(0xFFF0, 0x10000),
    0x1F600,
    0x10FFFF,
]
# The same character in plain ASCII markup and in markup that is not ASCII.
CONTEXTS = ["<p>plain text {} more</p>", "<p>caf\u00e9 {} \u2019s</p>"]


@pytest.mark.parametrize("context", CONTEXTS, ids=["ascii", "not-ascii"])
def test_each_character_is_judged_as_the_expressions_judge_it(context: str) -> None:
    for code in CODE_POINTS:
        text = context.format(chr(code))
        assert risky_markup(text) == bool(RISKY.search(text)), hex(code)
        kept = strip_markup_escapes(text)
        assert (kept is text) == (not CONTROL.search(text)), hex(code)
        assert (xml_safe(text) is text) == (not NOT_XML.search(text)), hex(code)


@pytest.mark.parametrize("context", CONTEXTS, ids=["ascii", "not-ascii"])
def test_each_character_reference_is_judged_as_the_expression_judges_it(context: str) -> None:
    numbers = [*range(0, 300), *range(0xD7F0, 0xE010), *range(0xFFF0, 0x10010), 1114111]
    forms = ["&#{:d}", "&#{:d};", "&#x{:x}", "&#X{:X};", "&#x00{:x}", "&#000{:d}z"]
    for number in numbers:
        for form in forms:
            text = context.format(form.format(number))
            assert risky_markup(text) == bool(RISKY.search(text)), text
    for text in ("&#", "&#;", "&#x;", "& #1", "&#xFFFE", "&#65534", "&#x1F600"):
        markup = context.format(text)
        assert risky_markup(markup) == bool(RISKY.search(markup)), text


def test_a_control_far_into_long_ascii_markup_is_found() -> None:
    text = "<p>" + "word " * 4000 + "\x1b[31m</p>"
    assert risky_markup(text) and strip_markup_escapes(text) == text.replace("\x1b[31m", "")
    assert not risky_markup(text.replace("\x1b", "x"))


def test_soft_hyphens_are_removed_so_columns_stay_where_rich_counts_them() -> None:
    from rich.cells import cell_len

    from newsreader.sanitize import clean_text

    text = clean_text("Weinberg\u00adlagen an der Etsch\u00ad")
    assert text == "Weinberglagen an der Etsch"
    assert cell_len(text) == len(text)
