"""Pictures: bounded decoding and scaling, the disk cache, fetching, half-block cells.

Below the services and beside ``net``: it may import the bottom layers, config,
paths and net, never the UI or Textual. Terminal graphics that need Textual
(where a picture goes on screen) live in ``newsreader/ui``.

Import from the modules themselves (``newsreader.images.decode`` …): this package
imports nothing, so that asking the terminal what it draws before the app starts
(:mod:`newsreader.images.query`) does not load Pillow.
"""
