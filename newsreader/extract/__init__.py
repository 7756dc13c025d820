"""Turning HTML fragments, saved pages and pasted text into article blocks."""
