"""Deploying a built site to a static host: S3-compatible stores, SSH+rsync, FTP(S) and folders, sending only what changed.

settings: the [deploy.NAME] tables; local: the built files and their hashes; plan: what to send,
in which order, and the delete guard (pure); headers: types and caching; one module per kind of
target (s3, rsync, ftp, folder) behind base.Target; run: one deploy from start to summary;
messages: every text, in Vietnamese and English.
"""
