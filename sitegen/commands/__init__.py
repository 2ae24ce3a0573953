"""Commands: build, check, new, serve; each wires a cache and a sink to the recipe (`sitegen.recipe`)."""
