"""Loading: read and validate everything editors wrote (site.toml, front matter, YAML, Markdown).

Each module turns files into model objects and reports every problem with file and line into a
`Diagnostics` collector; nothing here writes a file or knows about caches.
"""
