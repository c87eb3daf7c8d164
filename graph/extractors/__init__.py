"""Extractors: each finds plain records (``graph.records``) in a read Document."""
