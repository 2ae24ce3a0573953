"""A build's photos and share cards: what pages show of them, and their files, cached by what they are made of.

The recipe makes one `Media` per build: `rewrite` turns the photos of each rendered body
into `<picture>`s (and remembers each entry's first photo), `outputs` gives every page its
share card (`page.image`) and returns the files: cards, and every photo of static/images/
without its metadata, with its smaller variants where a page shows it. A file the previous
output already holds with the same bytes is listed in `kept` instead (path -> SHA-256), so
neither its bytes nor its pixels are touched again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sitegen.diagnostics import Diagnostics
from sitegen.i18n import translate
from sitegen.load.theme import StaticFile
from sitegen.messages import Msg
from sitegen.parallel import fork_map
from sitegen.plan.output import Output
from sitegen.plan.urls import Urls
from sitegen.write import cards, images, pictures
from sitegen.write.filecache import FileCache
from sitegen.write.images import ImageProblem, Photo, Variant

MIN_CARDS_FOR_WORKERS = 64


class Media:
    def __init__(self, statics: dict[str, StaticFile], urls: Urls, diags: Diagnostics, cache: FileCache,
                 previous: dict[str, str] | None = None, previous_dir: Path | None = None, workers: int = 1):
        self.statics, self.urls, self.diags, self.cache = statics, urls, diags, cache
        self.previous, self.previous_dir, self.workers = previous or {}, previous_dir, workers
        self.photos: dict[str, Photo | None] = {}
        self.shown: set[str] = set()             # photos some page shows: they get their variants
        self.first: dict[str, Photo] = {}        # entry source path -> the first photo of its body
        self.kept: dict[str, str] = {}           # output path -> SHA-256 of the previous output's same file

    def handles(self, path: str) -> bool:
        """Static files published here rather than copied: photos under images/."""
        return images.is_photo(path)

    def photo(self, path: str) -> Photo | None:
        if path not in self.photos:
            self.photos[path] = self._inspect(path) if path in self.statics and images.is_photo(path) else None
        return self.photos[path]

    def _inspect(self, path: str) -> Photo | None:
        file = self.statics[path]
        source = file.source
        try:
            data = file.data
            photo = images.inspect(path, source, data)
        except OSError as exc:
            self.diags.error(source, 0, Msg("file-unreadable", reason=exc.strerror or str(exc)))
            return None
        except ImageProblem as exc:
            self.diags.error(source, 0, exc.text, Msg("hint-image-unreadable"))
            return None
        heavy = images.too_large(photo, len(data))
        if heavy is not None:
            self.diags.warning(source, 0, heavy, Msg("hint-image-large"))
        return photo

    def rewrite(self, body: str, source_path: str) -> str:
        """`body` with its photos as `<picture>`s (see pictures.py)."""
        html, first = pictures.rewrite(body, self.urls.base_path, self._show)
        if first is not None:
            self.first[source_path] = first
        return html

    def _show(self, path: str) -> Photo | None:
        photo = self.photo(path)
        if photo is not None:
            self.shown.add(path)
        return photo

    def outputs(self, outputs: list[Output]) -> list[Output]:
        """Share cards for the pages among `outputs` (setting their `page.image`), then the photos' files."""
        return self._cards(outputs) + self._photo_files()

    # ---- share cards ------------------------------------------------------------------------

    def _cards(self, outputs: list[Output]) -> list[Output]:
        specs: dict[str, tuple[cards.CardSpec, str]] = {}
        seen: set[int] = set()
        for output in outputs:
            meta = output.context.get("page") if output.template else None
            if meta is None or id(meta) in seen:
                continue
            seen.add(id(meta))
            spec = self._spec(output, meta)
            path = self.urls.card(spec.key, spec.suffix)
            specs.setdefault(path, (spec, output.source))
            meta.image = {"url": self.urls.absolute(path), "type": spec.mime, "width": cards.WIDTH,
                          "height": cards.HEIGHT, "alt": spec.title}
        found: dict[str, bytes] = {}
        missing = []
        for path, (spec, _) in specs.items():
            if self._keep(path, spec.cache_key):
                found[path] = b""
            elif (data := self.cache.get(spec.cache_key)) is not None:
                found[path] = data
            else:
                missing.append(path)
        made = self._render([specs[path][0] for path in missing])
        for path, data in zip(missing, made, strict=True):
            spec = specs[path][0]
            self.cache.put(spec.cache_key, data)
            found[path] = data
        return [Output(path, specs[path][1], data=found[path]) for path in sorted(found)]

    def _spec(self, output: Output, meta: Any) -> cards.CardSpec:
        lang = meta.lang
        config = self.urls.config
        title = meta.title
        if meta.kind == "404":
            title = translate(lang, "not_found_title")
        pagination = output.context.get("pagination")
        if pagination and pagination["number"] > 1:   # later pages of a list share the first one's card
            title = title.removesuffix(f" – {translate(lang, 'page_n', n=pagination['number'])}")
        photo = self.first.get(output.source) if meta.kind in ("article", "page") else None
        return cards.CardSpec(lang, title, config.organization.names.get(lang, ""), config.languages[lang].title,
                              self.statics[photo.path].path if photo else "", photo.key if photo else "")

    def _render(self, specs: list[cards.CardSpec]) -> list[bytes]:
        if self.workers > 1 and len(specs) >= MIN_CARDS_FOR_WORKERS:
            return fork_map(cards.render, specs, {}, self.workers, MIN_CARDS_FOR_WORKERS)
        return [cards.render(spec) for spec in specs]

    # ---- photos -----------------------------------------------------------------------------

    def _photo_files(self) -> list[Output]:
        files: list[Output] = []
        for path in sorted(self.statics):
            photo = self.photo(path) if images.is_photo(path) else None
            if photo is None:
                continue
            wanted: list[Variant | None] = [None]
            if path in self.shown:
                wanted += [v for v in (*photo.variants, photo.fallback) if v.path != photo.path]
            files.extend(self._photo_outputs(photo, wanted))
        return files

    def _photo_outputs(self, photo: Photo, wanted: list[Variant | None]) -> list[Output]:
        decoded = None
        outputs = []
        for variant in wanted:
            path = variant.path if variant else photo.path
            key = f"{photo.key}.{variant.width}{os.path.splitext(variant.path)[1]}" if variant else f"{photo.key}.orig"
            if self._keep(path, key):
                outputs.append(Output(path, photo.source, data=b""))
                continue
            data = self.cache.get(key)
            if data is None:
                decoded = decoded or images.upright(self.statics[photo.path].data)
                data = images.encode(photo, decoded, variant)
                self.cache.put(key, data)
            outputs.append(Output(path, photo.source, data=data))
        return outputs

    def _keep(self, path: str, key: str) -> bool:
        """True (and listed in `kept`) when the previous output holds exactly what `key` would give."""
        digest = self.cache.digest(key)
        if (digest is None or self.previous.get(path) != digest or self.previous_dir is None
                or not os.path.isfile(os.path.join(self.previous_dir, path))):
            return False
        self.kept[path] = digest
        return True

    def finish(self) -> None:
        self.cache.finish()
