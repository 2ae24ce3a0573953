"""Verifying a generated site before it is written: internal links and anchors, feeds, translations."""
