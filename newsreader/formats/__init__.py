"""Feed formats: RSS/Atom, OPML, newsboat files and feed discovery, parsed into typed data."""
