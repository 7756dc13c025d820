"""Hostile strings (HOSTILE-INPUTS E1–E13, M1–M6) and Hypothesis strategies built from them."""

from __future__ import annotations

import re

from hypothesis import strategies as st

# (row, raw input, the clean one-line text it must become)
ESCAPE_CASES: list[tuple[str, str, str]] = [
    ("E1", "X\x1b]52;c;ZWNobyBwd25lZA==\x07Y", "XY"),
    ("E2", "X\x1b]52;c;ZWNobyBwd25lZA==\x1b\\Y", "XY"),
    ("E3", "A\x1b]0;PWNED\x07B\x1b[21tC", "ABC"),
    ("E4", "\x1b]8;;http://evil/\x1b\\click\x1b]8;;\x1b\\", "click"),
    ("E5", "\x1b[2J\x1b[H FAKE STATUS OK\x1b[1A\x1b[K", "FAKE STATUS OK"),
    ("E6", "a\x9b2Jb\x9d0;x\x07c\x90dcs\x9cd", "abcd"),
    ("E7", "title\x1b]52;c;AAAA", "title"),
    ("E8", "A\x1bP+q544e\x1b\\B\x1b_Gf=100;AAAA\x1b\\C", "ABC"),
    ("E11", "good\rEVIL", "good EVIL"),
    ("E11", "ab\b\bcd\x0eef", "abcdef"),
    ("E12", "invoice\u202egpj.exe", "invoicegpj.exe"),
    ("E12", "\u2066x\u2069 y\u200bz", "x yz"),
]

# Bytes that must never reach a terminal from content.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
FORBIDDEN_ONE_LINE = re.compile(FORBIDDEN.pattern[:-1] + "\n]")

MARKUP = [
    "Re: [/] notes",
    "[/bold] [b [[ ]] \\[x] \\\\[b]x",
    "[@click=app.quit]win[/]",
    "[@click=app.delete_feed('x')]x[/]",
    "[@click]x",
    "[link=javascript:alert(1)]x[/link]",
    '[link="file:///etc/passwd"]y',
    "[red on red]hidden[/] [reverse] [$accent] [not bold]",
    "[type=x, v={'a[0]'}]",
]

# Titles/bodies for the terminal-safety runs: each carries a payload marker.
HOSTILE_TITLES = [raw for _, raw, _ in ESCAPE_CASES] + MARKUP

_CSI_PARAMS = st.text(alphabet="0123456789;:<=>?", max_size=8)
_CSI_INTER = st.text(alphabet=" !\"#$%&'()*+,-./", max_size=2)
_FINAL = st.sampled_from([chr(c) for c in range(0x40, 0x7F)])
_PAYLOAD = st.text(
    alphabet=st.characters(blacklist_characters="\x07\x1b\x9c", blacklist_categories=("Cs",)),
    max_size=20,
)
_TERMINATOR = st.sampled_from(["\x07", "\x1b\\", "\x9c"])


@st.composite
def escape_sequence(draw: st.DrawFn) -> str:
    """One complete 7-bit or 8-bit terminal control sequence."""
    kind = draw(st.sampled_from(["csi", "csi8", "string", "string8", "esc"]))
    if kind in ("csi", "csi8"):
        intro = "\x1b[" if kind == "csi" else "\x9b"
        return intro + draw(_CSI_PARAMS) + draw(_CSI_INTER) + draw(_FINAL)
    if kind == "string":
        intro = "\x1b" + draw(st.sampled_from("]PX^_"))
        return intro + draw(_PAYLOAD) + draw(_TERMINATOR)
    if kind == "string8":
        intro = draw(st.sampled_from("\x9d\x90\x98\x9e\x9f"))
        return intro + draw(_PAYLOAD) + draw(_TERMINATOR)
    # ESC + intermediates + a final that does not open a CSI or string sequence.
    finals = [chr(c) for c in range(0x30, 0x7F) if chr(c) not in "[]PX^_"]
    return "\x1b" + draw(_CSI_INTER) + draw(st.sampled_from(finals))


# Plain visible words: letters, digits, CJK, emoji, accents (no controls, no spaces).
WORD = st.lists(
    st.sampled_from([*"abcxyzABC019éßçñ中文字한글😀👍あ", "e\u0301", "👍🏽"]),
    min_size=1,
    max_size=12,
).map("".join)

# Arbitrary hostile text: plain words mixed with escapes, controls, bidi, markup.
NASTY_PIECE = st.one_of(
    WORD,
    escape_sequence(),
    st.sampled_from(
        [
            " ",
            "\n",
            "\r",
            "\t",
            "\x00",
            "\x07",
            "\x08",
            "\x7f",
            "\x85",
            "\u2028",
            "\u202e",
            "\u2066",
            "\u200b",
            "\ufeff",
            "\u00a0",
            "\u0301" * 30,
            "\u200d",
            "[/]",
            "[@click=app.quit]",
            "[b]",
            "]",
            "<b>",
            "&amp;",
            "\x1b",
            "\x9b",
            "x" * 300,
        ]
    ),
    st.text(max_size=10),
)
NASTY_TEXT = st.lists(NASTY_PIECE, max_size=30).map("".join)


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def hostile_feed() -> bytes:
    """An RSS feed whose every field carries an E1–E8 payload or M1–M6 markup (raw bytes)."""
    items = []
    for index, title in enumerate(HOSTILE_TITLES):
        payload = ESCAPE_CASES[index % len(ESCAPE_CASES)][1]
        content = f"<p>Body {index} {payload} end.</p><p>{MARKUP[index % len(MARKUP)]}</p>"
        items.append(
            "<item>"
            f"<title>{_xml_text(title)}</title>"
            f"<link>http://127.0.0.1/item{index}{_xml_text(payload)}</link>"
            f"<guid>hostile-{index}</guid>"
            f"<author>{_xml_text(payload)} writer</author>"
            f"<category>{_xml_text(payload)}</category>"
            f"<description>{_xml_text(content)}</description>"
            '<enclosure url="http://127.0.0.1/$(touch /tmp/pwn).mp3" type="audio/mpeg" length="1"/>'
            "</item>"
        )
    feed_title = _xml_text(
        "Feed \x1b]0;PWNED\x07 [@click=app.quit]name[/] \x1b]52;c;ZWNobyBwd25lZA==\x07"
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{feed_title}</title><link>http://127.0.0.1/</link>"
        f"<description>hostile</description>{''.join(items)}</channel></rss>"
    ).encode()


def hostile_text_article() -> str:
    """A pasted-text article with escapes and markup in headline, byline and body."""
    lines = [
        "Headline \x1b]0;PWNED\x07 with [@click=app.quit]markup[/]",
        "",
        "By Evil \x1b[2J Writer",
        "",
    ]
    lines += [
        f"Paragraph {i}: {raw} and {MARKUP[i % len(MARKUP)]}"
        for i, (_, raw, _) in enumerate(ESCAPE_CASES)
    ]
    return "\n\n".join(lines) + "\n"


# Byte strings that must never reach the terminal (all carried only by content).
TERMINAL_MARKERS = [
    b"\x1b]52",
    b"ZWNobyBwd25lZA",
    b"PWNED",
    b"\x1b]0;",
    b"\x1b]2;",
    b"\x1b]8;;http://evil",
    b"evil/",
    b"\x1bP+q",
    b"\x1b_G",
    b"544e",
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\xc2\x90",
    b"\xc2\x9c",
    b"\xe2\x80\xae",
    b"\x1b[21t",
]
