"""Pictures: bounded decoding and scaling, the disk cache, fetching, half-block cells.

Below the services and beside ``net``: it may import the bottom layers, config,
paths and net, never the UI or Textual. Terminal graphics that need Textual
(where a picture goes on screen) live in ``newsreader/ui``.
"""

from newsreader.images.cache import PictureCache
from newsreader.images.decode import PictureError, decode, thumbnail
from newsreader.images.detect import choose_mode
from newsreader.images.halfblock import halfblock
from newsreader.images.renderers import CellRenderer, renderer_for

__all__ = [
    "CellRenderer",
    "PictureCache",
    "PictureError",
    "choose_mode",
    "decode",
    "halfblock",
    "renderer_for",
    "thumbnail",
]
