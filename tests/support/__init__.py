"""Reusable test helpers (a hostile HTTP server on 127.0.0.1, sample feeds)."""
