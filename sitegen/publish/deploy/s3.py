"""S3-compatible object stores (AWS S3, MinIO, SeaweedFS, Ceph, ...) through boto3, imported only here.

An object's ETag is the MD5 of its content when it was stored in one request (as here), so
the store can be compared by content without reading anything back. Each object carries its
Content-Type and Cache-Control; the CSP and security headers cannot be stored per object and
must come from the CDN in front of the bucket (README: Deploying).
"""

from __future__ import annotations

from collections.abc import Mapping

from sitegen.publish.deploy.base import DeployError, Step, Target
from sitegen.publish.deploy.headers import cache_control, content_type
from sitegen.publish.deploy.local import read_checked
from sitegen.publish.deploy.messages import say

_REFUSED = {"403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
            "InvalidClientTokenId", "AuthorizationHeaderMalformed"}
_MISSING = {"404", "NoSuchBucket"}
BATCH = 1000    # the most keys one DeleteObjects request takes


class S3Target(Target):
    """A bucket (and key prefix) of an S3-compatible store."""

    digest = "md5"
    notes = ("s3-headers-note",)

    def connect(self) -> None:
        s = self.settings
        self.bucket, self.endpoint = s.host, s.query.get("endpoint") or None
        self.prefix = f"{s.path}/" if s.path else ""
        try:
            import boto3
            from botocore.config import Config
        except ImportError as exc:
            raise DeployError(say("no-boto3", self.context.lang, target=self.label)) from exc
        session = boto3.session.Session(region_name=s.query.get("region") or None)
        config = Config(connect_timeout=10, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"},
                        s3={"addressing_style": "path"} if self.endpoint else {})
        self.client = self._call(session.client, "s3", endpoint_url=self.endpoint,
                                 region_name=session.region_name or "us-east-1", config=config)
        self._call(self.client.head_bucket, Bucket=self.bucket)

    def _call(self, function, *args, **kwargs):
        """Run one boto3 call; its failures become one line naming the target and what to check."""
        from botocore import exceptions as boto

        lang, label = self.context.lang, self.label
        try:
            return function(*args, **kwargs)
        except (boto.NoCredentialsError, boto.PartialCredentialsError) as exc:
            raise DeployError(say("s3-no-credentials", lang, target=label)) from exc
        except (boto.EndpointConnectionError, boto.ConnectTimeoutError, boto.ConnectionClosedError) as exc:
            host = self.endpoint or "s3.amazonaws.com"
            raise DeployError(say("unreachable", lang, target=label, host=host)) from exc
        except boto.ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in _MISSING:
                raise DeployError(say("missing-bucket", lang, target=label, bucket=self.bucket)) from exc
            if code in _REFUSED:
                raise DeployError(say("s3-login-refused", lang, target=label, bucket=self.bucket)) from exc
            message = exc.response.get("Error", {}).get("Message", "")
            raise DeployError(say("failed-other", lang, target=label, detail=f"{code}: {message}")) from exc
        except boto.BotoCoreError as exc:
            raise DeployError(say("failed-other", lang, target=label, detail=str(exc))) from exc

    def remote_state(self, local: Mapping[str, str]) -> dict[str, str | None]:
        def listing() -> dict[str, str | None]:
            state: dict[str, str | None] = {}
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
            for page in pages:
                for item in page.get("Contents", []):
                    path, etag = item["Key"][len(self.prefix):], item.get("ETag", "").strip('"').lower()
                    if path and not path.endswith("/"):
                        state[path] = None if "-" in etag or not etag else etag   # multipart: unknown
            return state

        return self._call(listing)

    def upload(self, paths: list[str], step: Step) -> None:
        for path in paths:
            local = self.context.files[path]
            data = read_checked(self.context.output, path, local, self.context.lang)
            self._call(self.client.put_object, Bucket=self.bucket, Key=self.prefix + path, Body=data,
                       ContentType=content_type(path), CacheControl=cache_control(path),
                       Metadata={"sha256": local.sha256})
            step(path)

    def delete(self, paths: list[str], step: Step) -> None:
        for start in range(0, len(paths), BATCH):
            batch = paths[start:start + BATCH]
            answer = self._call(self.client.delete_objects, Bucket=self.bucket,
                                Delete={"Objects": [{"Key": self.prefix + p} for p in batch], "Quiet": True})
            errors = answer.get("Errors", [])
            if errors:
                first = errors[0]
                detail = f"{first.get('Key', '')}: {first.get('Code', '')} {first.get('Message', '')}".strip()
                raise DeployError(say("failed-other", self.context.lang, target=self.label, detail=detail))
            for path in batch:
                step(path)
