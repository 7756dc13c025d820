"""Turning feed entries, HTML fragments, saved pages and pasted text into articles."""
