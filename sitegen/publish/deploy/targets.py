"""The target for a URL scheme (each kind in its own module; boto3 is imported only by the S3 one)."""

from __future__ import annotations

from sitegen.publish.deploy.base import Context, Target
from sitegen.publish.deploy.settings import TargetSettings


def open_target(settings: TargetSettings, context: Context) -> Target:
    """The Target that speaks to `settings.scheme` (s3, ssh, ftp, ftps, file)."""
    if settings.scheme == "s3":
        from sitegen.publish.deploy.s3 import S3Target

        return S3Target(settings, context)
    if settings.scheme == "ssh":
        from sitegen.publish.deploy.rsync import RsyncTarget

        return RsyncTarget(settings, context)
    if settings.scheme in ("ftp", "ftps"):
        from sitegen.publish.deploy.ftp import FtpTarget

        return FtpTarget(settings, context)
    from sitegen.publish.deploy.folder import FolderTarget

    return FolderTarget(settings, context)
