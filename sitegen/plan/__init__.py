"""Planning: the loaded `Site` -> every file the site will contain (path, template, context).

`urls` is the only module that knows URL shapes and output paths; `views` turns model objects
into what templates display; `pages` and `events` list the outputs.
"""
