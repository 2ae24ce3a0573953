"""Incremental builds: every cache, memo, fingerprint, page reuse and input digest.

This package wraps the stages from outside: only the commands and the preview import it; the
stages (load, plan, write, publish) never do. A build without it produces the same bytes.
"""
