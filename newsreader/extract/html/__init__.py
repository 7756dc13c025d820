"""Feed HTML (``content:encoded``, Atom content, summaries) → article blocks.

One iterative pass over an lxml tree (no recursion, so any nesting depth is
safe). Text goes to the innermost open context: a figure (caption / credit /
pull quote), a list (items) or the running paragraph. Every string is cleaned
with :func:`newsreader.sanitize.clean_text` and every URL with
:func:`newsreader.sanitize.clean_url` before it enters a block.

Handled: ``<p>``, loose text and ``<br><br>`` breaks; h1–h6; blockquote; ul/ol
(nested lists flatten); ``<figure>``/``wp-caption`` with caption and credit
(credit elements, ``<small>``, ``<cite>``, or :func:`~newsreader.extract.patterns.split_credit`);
caption/credit elements right after a bare image; ``<picture>``/``srcset``
(largest candidate); lazy images; bare ``<img>`` (caption from ``title``);
tracking pixels, scripts, forms, hidden and ad/promo/share/related elements
dropped; iframe/video/audio players and "WATCH | …" promos → :class:`Video`
(when the promo ends with ":", the paragraph right after it is its description,
unless the player came first or it is a lead-in ending with ":" itself);
"With files from …" → :class:`Attribution`; boilerplate paragraphs dropped, and
boilerplate regions ("Sign up to …" up to its privacy notice) with what they hold.
Inline ``em``/``i``, ``strong``/``b``, ``code``/``kbd``/``samp`` and ``a href``
(http/https after :func:`~newsreader.sanitize.clean_url`) become the blocks' runs
(:mod:`.spans`): paragraphs, headings, quotes, list items and figure captions.

Bounds: libxml2 stops at 256 levels, so deeper input is re-read by the
standard library tokenizer; at most ``MAX_ELEMENTS`` elements are walked and
``MAX_BLOCKS`` blocks kept, so hostile input costs bounded time.
"""

from newsreader.extract.html.builder import html_to_blocks
from newsreader.extract.html.index_text import html_text_parts
from newsreader.extract.html.limits import MAX_BLOCKS

__all__ = ["MAX_BLOCKS", "html_text_parts", "html_to_blocks"]
