"""Static files under fingerprinted names, cached for a year, compressed once.

At start-up every file in static/ is read, the style sheets' url(...) references are
pointed at the other files' fingerprinted names, and each file gets a name with a hash of
its content (css/portal.3f2a9c1b7d.css). A new version is a new name, so browsers may
keep a file for a year without asking again. Text files are kept gzip-compressed as
well and sent so to browsers that accept it. Templates keep writing
url_for("static", filename="css/portal.css"); the fingerprint is added there.

Files are few and small (about 270 KB), so they are served from memory, by a small WSGI
layer in front of the app: a request for a style sheet never opens the session nor the
database.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, request
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Request, Response

YEAR = 365 * 24 * 3600
COMPRESSIBLE = {".css", ".js", ".svg", ".txt", ".json"}
CSS_URL = re.compile(r"""url\((["']?)(?!data:|https?:|/)([^"')]+)\1\)""")


@dataclass(frozen=True)
class Asset:
    name: str  # as the templates write it: css/portal.css
    fingerprinted: str  # css/portal.3f2a9c1b7d.css
    body: bytes
    gzipped: bytes | None
    mimetype: str
    etag: str


def _fingerprinted(name: str, digest: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{name}.{digest}"


def build(folder: str | os.PathLike) -> dict[str, Asset]:
    """Every file under `folder`, by its plain name. Style sheets come last, so their
    references to fonts and images can be pointed at the fingerprinted names."""
    root = Path(folder)
    if not root.is_dir():
        return {}
    names = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    found: dict[str, Asset] = {}
    for name in sorted(names, key=lambda n: n.endswith(".css")):
        body = (root / name).read_bytes()
        if name.endswith(".css"):
            body = _point_at_fingerprints(name, body, found)
        digest = hashlib.sha256(body).hexdigest()[:10]
        suffix = Path(name).suffix
        packed = gzip.compress(body, compresslevel=9, mtime=0) if suffix in COMPRESSIBLE else None
        found[name] = Asset(
            name=name,
            fingerprinted=_fingerprinted(name, digest),
            body=body,
            gzipped=packed if packed is not None and len(packed) < len(body) else None,
            mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream",
            etag=digest,
        )
    return found


def _point_at_fingerprints(name: str, body: bytes, known: dict[str, Asset]) -> bytes:
    folder = Path(name).parent

    def replace(match: re.Match) -> str:
        quote, target = match.group(1), match.group(2)
        plain, _, rest = target.partition("?")
        resolved = os.path.normpath((folder / plain).as_posix()).replace(os.sep, "/")
        asset = known.get(resolved)
        if asset is None:
            return match.group(0)
        relative = os.path.relpath(asset.fingerprinted, folder.as_posix() or ".").replace(os.sep, "/")
        return f"url({quote}{relative}{quote})"

    return CSS_URL.sub(replace, body.decode("utf-8")).encode("utf-8")


class Assets:
    def __init__(self, folder: str, watch: bool = False):
        self.folder = folder
        self.watch = watch  # development: rebuild when a file changes
        self._load()

    def _load(self) -> None:
        self._stamp = self._mtimes() if self.watch else None
        self.files = build(self.folder)
        self.by_fingerprint = {a.fingerprinted: a for a in self.files.values()}

    def _mtimes(self) -> tuple:
        root = Path(self.folder)
        return (
            tuple(sorted((str(p), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()))
            if root.is_dir()
            else ()
        )

    def refresh(self) -> None:
        if self.watch:
            stamp = self._mtimes()
            if stamp != self._stamp:
                self._load()

    def url_name(self, name: str) -> str:
        asset = self.files.get(name)
        return asset.fingerprinted if asset is not None else name

    def response(self, filename: str, request: Request) -> Response:
        self.refresh()
        asset = self.by_fingerprint.get(filename)
        immutable = asset is not None
        if asset is None:
            asset = self.files.get(filename)  # an old page asking by the plain name
        if asset is None:
            return NotFound().get_response()
        packed = asset.gzipped is not None and request.accept_encodings["gzip"] > 0
        response = Response(asset.gzipped if packed else asset.body, mimetype=asset.mimetype)
        if packed:
            response.headers["Content-Encoding"] = "gzip"
        if asset.gzipped is not None:
            response.headers["Vary"] = "Accept-Encoding"
        response.set_etag(asset.etag + ("-gz" if packed else ""))
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable" if immutable else "no-cache"
        return response.make_conditional(request)


class StaticFiles:
    """WSGI: answers for url_path/... from the assets, passes anything else to the app."""

    def __init__(self, app, assets: Assets, url_path: str, headers):
        self.app, self.assets, self.prefix, self.headers = app, assets, url_path.rstrip("/") + "/", headers

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith(self.prefix):
            return self.app(environ, start_response)
        request = Request(environ)
        if request.method not in ("GET", "HEAD"):
            response = Response(status=405, headers={"Allow": "GET, HEAD"})
        else:
            response = self.assets.response(path[len(self.prefix) :], request)
        for name, value in self.headers():
            response.headers.setdefault(name, value)
        return response(environ, start_response)


def init_app(app: Flask, folder: str | os.PathLike, headers, url_path: str = "/static") -> None:
    """Serve `folder` from memory under fingerprinted names. `headers` gives the headers
    every response carries (the security headers). The app keeps a "static" endpoint for
    url_for("static", filename=...), which adds the fingerprint; the requests themselves
    are answered before they reach the app."""
    assets = Assets(str(folder), watch=app.debug)
    app.extensions["assets"] = assets

    def static(filename: str):  # reached only if the WSGI layer is taken away

        return assets.response(filename, request)

    app.add_url_rule(f"{url_path}/<path:filename>", endpoint="static", view_func=static)
    app.wsgi_app = StaticFiles(app.wsgi_app, assets, url_path, headers)

    @app.url_defaults
    def fingerprint(endpoint, values):
        if endpoint == "static" and "filename" in values:
            values["filename"] = assets.url_name(values["filename"])
