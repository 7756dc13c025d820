"""Bounded HTTP: fetching feeds and pages, decoding bodies within caps."""
