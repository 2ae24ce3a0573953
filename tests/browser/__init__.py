"""Playwright tests of the built site in Debian's Chromium."""
