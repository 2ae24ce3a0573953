"""The local-backend API of Decap CMS (decap-server's `localFs` actions), on the site's own files.

Same actions, parameters and answers as decap-server 3.11 (`src/middlewares/localFs`), with the
desk's rules on top: paths checked by files.py before anything is written (one bad path and
nothing is written), files rewritten by writer.py / calendar.py as a person writes them, and an
empty translation never written.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.diagnostics import Diagnostics
from sitegen.load.config import load_config
from sitegen.load.content import EVENTS_FOLDER
from sitegen.messages import Msg, Text
from sitegen.model import SiteConfig
from sitegen.preview.desk import calendar, files, writer

MAX_ASSET_BYTES = 20 * 1024 * 1024
_NEW_NAME = re.compile(r"^(?:_index|[a-z0-9]+(?:-[a-z0-9]+)*)(?:\.[a-z]{2})?\.md$")


class BadRequest(Exception):
    """Parameters the API refuses (422); nothing was written. `text` (a catalogue message) says why."""

    def __init__(self, text: Msg):
        super().__init__(str(text))
        self.text = text


@dataclass
class Write:
    target: Path
    path: str
    data: bytes | None          # None: keep the file as it is (an empty translation)


def _str(params: dict[str, Any], key: str) -> str:
    value = params.get(key)
    if not isinstance(value, str) or not value:
        raise BadRequest(Msg("desk-bad-string", key=key))
    return value


def _id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class DeskApi:
    """The actions; `handle(action, params)` returns the JSON answer or raises BadRequest / files.Refused."""

    def __init__(self, root: Path, log: Callable[[Text], None]):
        self.root, self.log = root, log
        self.actions: dict[str, Callable[[dict[str, Any]], Any]] = {
            "info": self.info, "entriesByFolder": self.entries_by_folder, "entriesByFiles": self.entries_by_files,
            "getEntry": self.get_entry, "persistEntry": self.persist_entry, "getMedia": self.get_media,
            "getMediaFile": self.get_media_file, "persistMedia": self.persist_media, "deleteFile": self.delete_file,
            "deleteFiles": self.delete_files, "getDeployPreview": lambda params: None,
        }

    def handle(self, action: object, params: object) -> Any:
        if not isinstance(action, str) or action not in self.actions:
            raise KeyError(action)
        if params is not None and not isinstance(params, dict):
            raise BadRequest(Msg("desk-bad-params"))
        return self.actions[action](params or {})

    def config(self) -> SiteConfig:
        config = load_config(self.root, Diagnostics())
        if config is None:
            raise BadRequest(Msg("desk-config-errors"))
        return config

    def info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entry(self, path: str, label: object = None) -> dict[str, Any]:
        file: dict[str, Any] = {"path": path, "label": label if isinstance(label, str) else None, "id": None}
        try:
            data = files.checked_file(self.root, path).read_bytes()
        except (files.Refused, OSError):
            return {"data": None, "file": file}
        shown = data.decode("utf-8", errors="replace")
        if path.startswith(f"content/{EVENTS_FOLDER}/"):
            shown = calendar.desk_view(shown, path, tuple(self.config().languages)) or shown
        return {"data": shown, "file": {**file, "id": _id(data)}}

    def entries_by_folder(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        folder, extension = _str(params, "folder").rstrip("/"), params.get("extension") or ""
        depth = params.get("depth", 1)
        if not isinstance(extension, str) or not isinstance(depth, int) or isinstance(depth, bool):
            raise BadRequest(Msg("desk-bad-folder-query"))
        found = files.list_files(self.root, folder, extension, min(depth, 3))
        if folder.count("/") == 1 and folder.startswith("content/"):
            found = [p for p in found if not p.rsplit("/", 1)[-1].startswith("_index.")]   # intros: their own collection
        return [self._entry(path) for path in found]

    def entries_by_files(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        listed = params.get("files")
        if not isinstance(listed, list) or not all(isinstance(f, dict) for f in listed):
            raise BadRequest(Msg("desk-bad-files"))
        return [self._entry(_str(f, "path"), f.get("label")) for f in listed]

    def get_entry(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._entry(_str(params, "path"))

    def persist_entry(self, params: dict[str, Any]) -> dict[str, str]:
        data_files = params.get("dataFiles") or ([params["entry"]] if isinstance(params.get("entry"), dict) else None)
        assets = params.get("assets", [])
        if not isinstance(data_files, list) or not data_files or not isinstance(assets, list):
            raise BadRequest(Msg("desk-bad-entry"))
        config = self.config()
        writes = [self._data_file(item, config) for item in data_files] + [self._asset(a) for a in assets]
        self._commit(writes)
        return {"message": "entry persisted"}

    def _data_file(self, item: object, config: SiteConfig) -> Write:
        if not isinstance(item, dict) or not isinstance(item.get("raw"), str):
            raise BadRequest(Msg("desk-bad-data-file"))
        if item.get("newPath") not in (None, item.get("path")):
            raise BadRequest(Msg("desk-no-rename"))
        path = _str(item, "path")
        target = files.checked_file(self.root, path)
        if not target.exists() and not _NEW_NAME.match(path.rsplit("/", 1)[-1]) and path.endswith(".md"):
            raise files.Refused(Msg("desk-new-name"))
        return Write(target, path, self._rewrite(path, item["raw"], config))

    def _rewrite(self, path: str, raw: str, config: SiteConfig) -> bytes | None:
        languages = tuple(config.languages)
        if not path.endswith(".md"):
            written = calendar.calendar_text(raw, path, languages, config.tz)
            if written is None:
                raise BadRequest(Msg("desk-not-calendar", path=path))
            return written.encode("utf-8")
        try:
            parsed = writer.parse(raw, path)
        except writer.NotFrontMatter:
            raise BadRequest(Msg("desk-no-front-matter", path=path)) from None
        name_parts = path.rsplit("/", 1)[-1].split(".")
        lang = name_parts[-2] if len(name_parts) >= 3 else config.default_language
        if lang != config.default_language and writer.is_empty_translation(parsed, name_parts[0] == "_index"):
            self.log(Msg("desk-kept-untranslated", path=path))
            return None
        return writer.article_text(parsed, config.tz).encode("utf-8")

    def _asset(self, asset: object) -> Write:
        if not isinstance(asset, dict) or asset.get("encoding") != "base64" or not isinstance(asset.get("content"), str):
            raise BadRequest(Msg("desk-bad-asset"))
        path = _str(asset, "path")
        target = files.checked_file(self.root, path)
        if files.area_of(path) != "static/images":
            raise files.Refused(Msg("desk-images-only"))
        try:
            data = base64.b64decode(asset["content"], validate=True)
        except (binascii.Error, ValueError):
            raise BadRequest(Msg("desk-not-base64", path=path)) from None
        if len(data) > MAX_ASSET_BYTES:
            raise BadRequest(Msg("desk-asset-too-big", path=path, limit=MAX_ASSET_BYTES // (1024 * 1024)))
        return Write(target, path, data)

    def _commit(self, writes: list[Write]) -> None:
        written = []
        for write in writes:
            if write.data is not None:
                files.write_bytes(write.target, write.data)
                written.append(write.path)
        if written:
            self.log(Msg("desk-wrote", paths=", ".join(written)))

    def _media(self, path: str) -> dict[str, Any]:
        data = files.checked_file(self.root, path).read_bytes()
        return {"id": _id(data), "content": base64.b64encode(data).decode("ascii"), "encoding": "base64",
                "path": path, "name": path.rsplit("/", 1)[-1]}

    def get_media(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        folder = _str(params, "mediaFolder").rstrip("/")
        return [self._media(p) for p in files.list_files(self.root, folder, "", 1)
                if files.area_of(p) == "static/images" and self._is_image(p)]

    @staticmethod
    def _is_image(path: str) -> bool:
        return path.lower().endswith(files.AREAS["static/images"][0])

    def get_media_file(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._media(_str(params, "path"))

    def persist_media(self, params: dict[str, Any]) -> dict[str, Any]:
        write = self._asset(params.get("asset"))
        self._commit([write])
        return self._media(write.path)

    def _delete(self, paths: list[str]) -> None:
        targets = [files.checked_file(self.root, path) for path in paths]
        for target in targets:
            if target.is_file():
                target.unlink()
        self.log(Msg("desk-deleted", paths=", ".join(paths)))

    def delete_file(self, params: dict[str, Any]) -> dict[str, str]:
        path = _str(params, "path")
        self._delete([path])
        return {"message": f"deleted file {path}"}

    def delete_files(self, params: dict[str, Any]) -> dict[str, str]:
        paths = params.get("paths")
        if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
            raise BadRequest(Msg("desk-bad-paths"))
        self._delete(paths)
        return {"message": f"deleted files {', '.join(paths)}"}
