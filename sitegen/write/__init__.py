"""Writing: one serialiser per output kind (HTML through Jinja2, RSS feeds, iCalendar, sitemap, search index).

Each takes planned outputs and returns bytes; escaping for each context lives here.
"""
