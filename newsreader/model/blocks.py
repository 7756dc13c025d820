"""The block kinds of an article body, and the registry that describes them.

Each kind is a frozen dataclass that declares, in one place:

* its fields (``str``, ``bool``, ``int``, ``tuple[str, ...]`` or inline runs) — they are
  its JSON form too (a ``False`` flag, a ``0`` number or empty runs are left out of it);
* ``type`` — the ``"type"`` of that JSON form;
* ``side`` — whether it sits in the sidebar (captions, video cards) or in the body;
* ``text_fields`` — the fields whose text is its plain text (search, reading time).

:func:`block_to_dict`, :func:`block_from_dict` and :func:`plain_text_of` read
these declarations, so a new kind is one class here (and its drawing in
:mod:`newsreader.layout`).

Inline styling (emphasis, strong, code, links) is kept beside the plain text as
*runs*: ``runs`` (or ``item_runs`` for a list, ``caption_runs`` for a figure)
is empty when the text has no styling at all, else a tuple of :class:`Run`
whose texts join to exactly the plain field. Plain text, search and reading time
never look at runs, so a stored block without them reads as one plain run.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Union

__all__ = [
    "BLOCK_TYPES",
    "SIDE_BLOCKS",
    "Attribution",
    "Block",
    "Code",
    "Figure",
    "Heading",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Run",
    "Video",
    "block_from_dict",
    "block_to_dict",
    "plain_text_of",
    "runs_of",
]


class BlockKind:
    """What every block kind declares (see the module docstring)."""

    __slots__ = ()
    type: ClassVar[str]
    side: ClassVar[bool] = False
    text_fields: ClassVar[tuple[str, ...]] = ("text",)

    @property
    def plain(self) -> str:
        """The block's text: its ``text_fields``, non-empty ones joined by a space."""
        return join_plain([getattr(self, name) for name in self.text_fields])


def join_plain(values: list[Any]) -> str:
    """Plain text from the values of ``text_fields`` (a tuple's items go one per line)."""
    if len(values) == 1 and type(values[0]) is str:
        return values[0]
    parts = ["\n".join(v) if isinstance(v, tuple | list) else v for v in values]
    return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of inline text with one styling; ``href`` is a clean http(s) URL or ``""``."""

    text: str
    em: bool = False
    strong: bool = False
    code: bool = False
    href: str = ""

    @property
    def styled(self) -> bool:
        """Whether this run carries any styling or a link."""
        return self.em or self.strong or self.code or bool(self.href)

    def to_dict(self) -> dict[str, Any]:
        """``{"text": …}`` plus only the flags that are set and ``href`` when there is one."""
        data: dict[str, Any] = {"text": self.text}
        if self.em:
            data["em"] = True
        if self.strong:
            data["strong"] = True
        if self.code:
            data["code"] = True
        if self.href:
            data["href"] = self.href
        return data


Runs = tuple[Run, ...]
# Runs are how a text is drawn, not what it says: they take no part in ``==`` and hashing.


def runs_of(text: str, runs: Runs) -> Runs:
    """The runs to draw ``text`` with: ``runs`` when they match it, else one plain run."""
    if runs and "".join(r.text for r in runs) == text:
        return runs
    return (Run(text),) if text else ()


@dataclass(frozen=True, slots=True)
class Paragraph(BlockKind):
    """A paragraph of body text."""

    text: str
    runs: Runs = dataclasses.field(default=(), compare=False)
    type: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class Heading(BlockKind):
    """A sub-heading inside the body."""

    text: str
    runs: Runs = dataclasses.field(default=(), compare=False)
    type: ClassVar[str] = "heading"


@dataclass(frozen=True, slots=True)
class Quote(BlockKind):
    """A block quote or pull quote."""

    text: str
    runs: Runs = dataclasses.field(default=(), compare=False)
    type: ClassVar[str] = "quote"


@dataclass(frozen=True, slots=True)
class ListBlock(BlockKind):
    """A bulleted or numbered list; ``items`` are plain strings.

    ``item_runs`` is empty, or holds one tuple of runs per item (empty for a plain item).
    """

    items: tuple[str, ...]
    ordered: bool = False
    item_runs: tuple[Runs, ...] = dataclasses.field(default=(), compare=False)
    type: ClassVar[str] = "list"
    text_fields: ClassVar[tuple[str, ...]] = ("items",)


@dataclass(frozen=True, slots=True)
class Code(BlockKind):
    """Preformatted text (``<pre>``): its ``lines`` keep their spacing and are never re-wrapped."""

    lines: tuple[str, ...]
    type: ClassVar[str] = "code"
    text_fields: ClassVar[tuple[str, ...]] = ("lines",)


@dataclass(frozen=True, slots=True)
class Figure(BlockKind):
    """An image with its caption and credit kept apart.

    ``width`` and ``height`` are the picture's size as the page declared it (its
    ``<img>`` attributes; 0: not given), so room can be kept before it arrives.
    """

    src: str = ""
    alt: str = ""
    caption: str = ""
    credit: str = ""
    width: int = 0
    height: int = 0
    caption_runs: Runs = dataclasses.field(default=(), compare=False)
    type: ClassVar[str] = "figure"
    side: ClassVar[bool] = True
    text_fields: ClassVar[tuple[str, ...]] = ("caption", "credit")


@dataclass(frozen=True, slots=True)
class Video(BlockKind):
    """A video or audio embed / promo ("WATCH | …")."""

    title: str = ""
    description: str = ""
    src: str = ""
    type: ClassVar[str] = "video"
    side: ClassVar[bool] = True
    text_fields: ClassVar[tuple[str, ...]] = ("title", "description")


@dataclass(frozen=True, slots=True)
class Attribution(BlockKind):
    """A footer such as "With files from …"."""

    text: str
    type: ClassVar[str] = "attribution"


Block = Union[Paragraph, Heading, Quote, ListBlock, Code, Figure, Video, Attribution]  # noqa: UP007
"""Any block kind (keep in step with :data:`KINDS`)."""

KINDS: tuple[type[BlockKind], ...] = (
    Paragraph,
    Heading,
    Quote,
    ListBlock,
    Code,
    Figure,
    Video,
    Attribution,
)
"""The registry: every block kind, each once."""

BLOCK_TYPES: dict[str, type[BlockKind]] = {cls.type: cls for cls in KINDS}
"""Block kinds by their JSON ``type``."""

SIDE_BLOCKS: tuple[type[BlockKind], ...] = tuple(cls for cls in KINDS if cls.side)
"""The kinds that sit in the sidebar (for ``isinstance``)."""


# ---------------------------------------------------------------------- JSON form

_Check = Callable[[Any], Any]


def _string(value: Any) -> str:
    if type(value) is not str:
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError(f"expected a boolean, got {type(value).__name__}")
    return value


def _strings(value: Any) -> tuple[str, ...]:
    if type(value) is not list and type(value) is not tuple:
        raise TypeError(f"expected a list, got {type(value).__name__}")
    for item in value:
        _string(item)
    return tuple(value)


def _run(value: Any) -> Run:
    if type(value) is Run:
        return value
    if type(value) is not dict:
        raise TypeError(f"expected a run object, got {type(value).__name__}")
    href = _string(value.get("href", ""))
    if href and not (
        href.lower().startswith(("http://", "https://")) and href.isprintable() and " " not in href
    ):
        href = ""  # only clean web links are ever kept (the extractors clean them)
    return Run(
        _string(value.get("text", "")),
        _flag(value.get("em", False)),
        _flag(value.get("strong", False)),
        _flag(value.get("code", False)),
        href,
    )


def _runs(value: Any) -> Runs:
    if type(value) is not list and type(value) is not tuple:
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return tuple(_run(item) for item in value)


def _item_runs(value: Any) -> tuple[Runs, ...]:
    if type(value) is not list and type(value) is not tuple:
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return tuple(_runs(item) for item in value)


MAX_NUMBER = 1_000_000
"""The largest number a block field holds (a declared picture size, in pixels)."""


def _number(value: Any) -> int:
    if type(value) is not int:
        raise TypeError(f"expected a whole number, got {type(value).__name__}")
    if not 0 <= value <= MAX_NUMBER:
        raise TypeError(f"expected a number from 0 to {MAX_NUMBER}, got {value}")
    return value


_CHECKS: dict[Any, tuple[_Check, Any]] = {
    "str": (_string, ""),
    "bool": (_flag, False),
    "int": (_number, 0),
    "tuple[str, ...]": (_strings, ()),
    "Runs": (_runs, ()),
    "tuple[Runs, ...]": (_item_runs, ()),
}


_RUNS_OF = {"runs": "text", "caption_runs": "caption", "item_runs": "items"}


def _runs_match(block: Any, name: str, runs: tuple[Any, ...]) -> bool:
    """Whether ``runs`` still spell the text they style (a block edited since keeps none)."""
    text = getattr(block, _RUNS_OF[name])
    if name != "item_runs":
        return "".join(r.text for r in runs) == text
    return len(runs) == len(text) and all(
        not item or "".join(r.text for r in item) == t for item, t in zip(runs, text, strict=True)
    )


def _runs_json(value: tuple[Any, ...]) -> list[Any]:
    return [_runs_json(v) if type(v) is tuple else v.to_dict() for v in value]


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    check: _Check
    default: Any
    is_flag: bool  # a bool or an int: left out of the JSON form when False or 0
    is_runs: bool


def _fields_of(cls: type[BlockKind]) -> tuple[_Field, ...]:
    out = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        check, empty = _CHECKS[f.type]
        default = f.default if f.default is not dataclasses.MISSING else empty
        is_runs = f.type in ("Runs", "tuple[Runs, ...]")
        out.append(_Field(f.name, check, default, f.type in ("bool", "int"), is_runs))
    return tuple(out)


_FIELDS: dict[str, tuple[_Field, ...]] = {cls.type: _fields_of(cls) for cls in KINDS}
_TEXT_FIELDS: dict[str, tuple[_Field, ...]] = {
    cls.type: tuple(f for f in _FIELDS[cls.type] if f.name in cls.text_fields) for cls in KINDS
}


def block_to_dict(block: Block) -> dict[str, Any]:
    """Serialise one block as ``{"type": …, fields…}`` (the JSON format of ``show --json``).

    Fields go in declaration order; tuples become lists; a ``False`` flag, a ``0``
    number and empty runs are left out (a block without styling has no ``runs`` key).
    """
    data: dict[str, Any] = {"type": block.type}
    for f in _FIELDS[block.type]:
        value = getattr(block, f.name)
        if f.is_flag:  # a flag or a number: left out when False or 0
            if value:
                data[f.name] = value
        elif f.is_runs:
            if value and _runs_match(block, f.name, value):
                data[f.name] = _runs_json(value)
        else:
            data[f.name] = list(value) if type(value) is tuple else value
    return data


def _kind_of(data: dict[str, Any]) -> str:
    kind = data["type"] if type(data) is dict and "type" in data else None
    if type(kind) is not str or kind not in _FIELDS:
        raise ValueError(f"unknown block type: {kind!r}")
    return kind


def block_from_dict(data: dict[str, Any]) -> Block:
    """Inverse of :func:`block_to_dict`; a missing field takes its default.

    Raises ``ValueError`` on an unknown type and ``TypeError`` on a field of the
    wrong type, so a damaged stored block never becomes a broken one.
    """
    kind = _kind_of(data)
    values = {f.name: f.check(data.get(f.name, f.default)) for f in _FIELDS[kind]}
    return BLOCK_TYPES[kind](**values)  # type: ignore[return-value]


def plain_text_of(data: dict[str, Any]) -> tuple[str, bool]:
    """``(plain text, sits in the sidebar)`` of a block's JSON form, without building it.

    Equal to ``(b.plain, b.side)`` for ``b = block_from_dict(data)``, and raises
    what that raises on an unknown type or a text field of the wrong type.
    """
    kind = _kind_of(data)
    values = [f.check(data.get(f.name, f.default)) for f in _TEXT_FIELDS[kind]]
    return join_plain(values), BLOCK_TYPES[kind].side
