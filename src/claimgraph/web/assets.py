"""Static files under versioned URLs, cached for a year; everything else revalidated.

Templates ask for ``url_for('static', path='css/app.css')`` and get
``/static/css/app.css?v=<first 12 hex digits of the file's SHA-256>``. A request whose ``v`` is
the file's current digest is answered with ``Cache-Control: public, max-age=31536000,
immutable``: the browser keeps it until the file changes, and then the page names a new URL. A
request without ``v`` (a stylesheet's relative ``url(images/x.png)``, a hand-typed address) or
with a stale one gets ``no-cache``: the browser may keep it but asks again, and the ETag makes
that a 304.
"""

from __future__ import annotations

import hashlib
import os
import stat
import threading
from os import PathLike
from typing import Any
from urllib.parse import parse_qs

from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.datastructures import URL
from starlette.responses import Response
from starlette.types import Scope

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


class StaticAssets(StaticFiles):
    """``StaticFiles`` that knows each file's content digest and sets Cache-Control by it."""

    def __init__(self, directory: str | PathLike[str]) -> None:
        super().__init__(directory=directory)
        self._digests: dict[str, tuple[tuple[int, int], str]] = {}
        self._lock = threading.Lock()

    def version(self, path: str) -> str | None:
        """The digest of the static file at ``path`` (relative to the folder), or None if there is none."""
        full, found = self.lookup_path(os.path.normpath(path))
        if found is None or not stat.S_ISREG(found.st_mode):
            return None
        return self._digest(full, found)

    def _digest(self, full: str, found: os.stat_result) -> str:
        key = (found.st_mtime_ns, found.st_size)
        with self._lock:
            cached = self._digests.get(full)
        if cached and cached[0] == key:
            return cached[1]
        digest = hashlib.sha256()
        with open(full, "rb") as fh:  # noqa: PTH123 (a path string from lookup_path)
            for block in iter(lambda: fh.read(1 << 16), b""):
                digest.update(block)
        value = digest.hexdigest()[:12]
        with self._lock:
            self._digests[full] = (key, value)
        return value

    def file_response(
        self, full_path: PathLike[str] | str, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [""])[0]
        current = asked and asked == self._digest(str(full_path), stat_result)
        response.headers["cache-control"] = IMMUTABLE if current else REVALIDATE
        return response


def versioned_url_for(templates: Jinja2Templates, assets: StaticAssets) -> None:
    """Make the templates' ``url_for('static', path=...)`` add the file's ``v`` digest."""

    @pass_context
    def url_for(context: dict[str, Any], name: str, /, **path_params: Any) -> URL:
        url = context["request"].url_for(name, **path_params)
        if name == "static":
            version = assets.version(str(path_params.get("path", "")))
            if version:
                url = url.include_query_params(v=version)
        return url

    templates.env.globals["url_for"] = url_for


__all__ = ["IMMUTABLE", "REVALIDATE", "StaticAssets", "versioned_url_for"]
