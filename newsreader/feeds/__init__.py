"""Feeds: fetching over HTTP, parsing with feedparser, OPML and newsboat files."""
