"""The block kinds of an article body, and the registry that describes them.

Each kind is a frozen dataclass that declares, in one place:

* its fields (``str``, ``bool``, ``int`` or ``tuple[str, ...]``) — they are its JSON form
  too (a ``False`` flag or a ``0`` number is left out of it);
* ``type`` — the ``"type"`` of that JSON form;
* ``side`` — whether it sits in the sidebar (captions, video cards) or in the body;
* ``text_fields`` — the fields whose text is its plain text (search, reading time).

:func:`block_to_dict`, :func:`block_from_dict` and :func:`plain_text_of` read
these declarations, so a new kind is one class here (and its drawing in
:mod:`newsreader.layout`).
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
    "Figure",
    "Heading",
    "ListBlock",
    "Paragraph",
    "Quote",
    "Video",
    "block_from_dict",
    "block_to_dict",
    "plain_text_of",
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
class Paragraph(BlockKind):
    """A paragraph of body text."""

    text: str
    type: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class Heading(BlockKind):
    """A sub-heading inside the body."""

    text: str
    type: ClassVar[str] = "heading"


@dataclass(frozen=True, slots=True)
class Quote(BlockKind):
    """A block quote or pull quote."""

    text: str
    type: ClassVar[str] = "quote"


@dataclass(frozen=True, slots=True)
class ListBlock(BlockKind):
    """A bulleted or numbered list; ``items`` are plain strings."""

    items: tuple[str, ...]
    ordered: bool = False
    type: ClassVar[str] = "list"
    text_fields: ClassVar[tuple[str, ...]] = ("items",)


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


Block = Union[Paragraph, Heading, Quote, ListBlock, Figure, Video, Attribution]  # noqa: UP007
"""Any block kind (keep in step with :data:`KINDS`)."""

KINDS: tuple[type[BlockKind], ...] = (
    Paragraph,
    Heading,
    Quote,
    ListBlock,
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
}


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    check: _Check
    default: Any
    is_flag: bool  # a bool or an int: left out of the JSON form when False or 0


def _fields_of(cls: type[BlockKind]) -> tuple[_Field, ...]:
    out = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        check, empty = _CHECKS[f.type]
        default = f.default if f.default is not dataclasses.MISSING else empty
        out.append(_Field(f.name, check, default, f.type in ("bool", "int")))
    return tuple(out)


_FIELDS: dict[str, tuple[_Field, ...]] = {cls.type: _fields_of(cls) for cls in KINDS}
_TEXT_FIELDS: dict[str, tuple[_Field, ...]] = {
    cls.type: tuple(f for f in _FIELDS[cls.type] if f.name in cls.text_fields) for cls in KINDS
}


def block_to_dict(block: Block) -> dict[str, Any]:
    """Serialise one block as ``{"type": …, fields…}`` (the JSON format of ``show --json``).

    Fields go in declaration order; tuples become lists; a ``False`` flag or a ``0``
    number is left out.
    """
    data: dict[str, Any] = {"type": block.type}
    for f in _FIELDS[block.type]:
        value = getattr(block, f.name)
        if f.is_flag:  # a flag or a number: left out when False or 0
            if value:
                data[f.name] = value
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
