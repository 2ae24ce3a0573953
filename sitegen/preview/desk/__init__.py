"""The editors' desk: Decap CMS at /admin/ in the preview, its configuration and its local-backend API."""
