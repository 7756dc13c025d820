"""The headless API both front ends call: import, subscribe, refresh, read, mark, search."""
