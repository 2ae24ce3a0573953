"""One deploy: reach the target, compare, refuse too many deletions, then send in order and say what was done."""

from __future__ import annotations

import sys
from typing import TextIO

from sitegen.publish.deploy.base import DeployError, Target
from sitegen.publish.deploy.local import OutputChanged
from sitegen.publish.deploy.messages import say
from sitegen.publish.deploy.plan import Plan, TooManyDeletes, check_deletes, make_plan


class Progress:
    """Counts what is done; on a terminal, one line that updates itself per file."""

    def __init__(self, total: int, lang: str, stream: TextIO):
        self.total, self.lang, self.stream = total, lang, stream
        self.uploaded = self.deleted = 0
        self.live = total > 0 and stream.isatty()

    def upload(self, path: str) -> None:
        self.uploaded += 1
        self._show(self.uploaded + self.deleted, "uploading", path)

    def delete(self, path: str) -> None:
        self.deleted += 1
        self._show(self.uploaded + self.deleted, "deleting", path)

    def _show(self, done: int, what: str, path: str) -> None:
        if self.live:
            line = say("progress", self.lang, done=done, total=self.total, what=say(what, self.lang), path=path)
            print(f"\r\033[K{line[:150]}", end="", file=self.stream, flush=True)

    def close(self) -> None:
        if self.live:
            print("\r\033[K", end="", file=self.stream, flush=True)


def deploy(target: Target, max_deletes: int, dry_run: bool, lang: str,
           out: TextIO | None = None, err: TextIO | None = None) -> bool:
    """Deploy the context's files to `target`; False (with one clear message) when it failed."""
    out, err = out or sys.stdout, err or sys.stderr
    files = target.context.files
    local = {path: (f.md5 if target.digest == "md5" else f.sha256) for path, f in files.items()}
    plan: Plan | None = None
    progress = Progress(0, lang, err)
    try:
        target.connect()
        plan = make_plan(local, target.remote_state(local))
        if dry_run:
            _list(plan, target, lang, out)
        check_deletes(plan, max_deletes)
        if dry_run:
            print(say("dry-run-summary", lang, target=target.label, upload=plan.upload_count, delete=len(plan.deletes),
                      same=plan.unchanged), file=out)
            return True
        progress = Progress(plan.upload_count + len(plan.deletes), lang, err)
        if not plan.is_empty:
            target.begin(plan)
            for phase in plan.uploads:
                target.upload(list(phase), progress.upload)
            target.delete(list(plan.deletes), progress.delete)
            target.finish(local)
        progress.close()
    except TooManyDeletes as exc:
        print(say("too-many-deletes", lang, target=target.label, count=exc.count, limit=exc.limit,
                  name=target.settings.name), file=err)
        return False
    except (DeployError, OutputChanged, KeyboardInterrupt, OSError) as exc:
        progress.close()
        if isinstance(exc, OSError):      # what no target foresaw: still one line, never a traceback
            exc = DeployError(say("failed-other", lang, target=target.label, detail=exc.strerror or exc))
        print(str(exc) or say("interrupted", lang, target=target.label), file=err)
        if plan is not None and not dry_run and progress.uploaded + progress.deleted > 0:
            print(say("partial", lang, up_done=progress.uploaded, up_total=plan.upload_count,
                      del_done=progress.deleted, del_total=len(plan.deletes)), file=err)
        return False
    finally:
        target.close()
    print(say("summary", lang, target=target.label, upload=progress.uploaded, delete=progress.deleted,
              same=plan.unchanged), file=out)
    for note in target.notes:
        print(say(note, lang), file=out)
    return True


def _list(plan: Plan, target: Target, lang: str, out: TextIO) -> None:
    for path in plan.ordered_uploads:
        print(say("would-upload", lang, path=path), file=out)
    for path in plan.deletes:
        print(say("would-delete", lang, path=path), file=out)
