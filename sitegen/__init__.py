"""sitegen: a bilingual (Vietnamese/English) static site generator for outreach sites."""

__version__ = "0.1.0"
