"""The preview: server, HTTP handlers, file watcher and rebuild loop, serving only complete builds."""
