"""Feed formats: bytes → typed data (:class:`~newsreader.model.FeedData`), nothing more.

``registry`` chooses a parser by content type; ``rss`` (feedparser) and ``rss_fast``
(lxml) read RSS/Atom, with ``prepare``, ``media``, ``dates`` and ``xml`` as their
helpers; ``opml``, ``newsboat`` and ``discover`` read subscription lists and pages.
Building articles from the data is :mod:`newsreader.extract.entries`.
"""
