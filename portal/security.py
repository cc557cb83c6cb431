"""Security headers on every response, set by the app so tests can check them."""

from flask import Flask, request, session
from flask.sessions import SecureCookieSessionInterface

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        # Designsystemet draws its icons as data: URL masks.
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

HSTS = "max-age=31536000; includeSubDomains"


def headers_for(app: Flask):
    """The headers every response carries, static files' too."""
    found = list(HEADERS.items())
    if app.config.get("HSTS", True):
        found.append(("Strict-Transport-Security", HSTS))
    return lambda: found


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, with Max-Age beside Expires. A browser counts Max-Age
    from when the cookie arrives and prefers it to Expires (RFC 6265 § 5.3), so a device
    whose clock is wrong still keeps a log-in for its whole lifetime."""

    def get_signing_serializer(self, app):
        # Built once per secret key rather than twice a request (to read the cookie, and to
        # sign it again with the new time that the idle limit counts from).
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        kept = self.__dict__.setdefault("_serializers", {})
        if key not in kept:
            kept.clear()
            kept[key] = super().get_signing_serializer(app)
        return kept[key]

    def save_session(self, app, session, response) -> None:
        super().save_session(app, session, response)
        if not session.permanent:
            return
        prefix = self.get_cookie_name(app) + "="
        max_age = f"; Max-Age={int(app.permanent_session_lifetime.total_seconds())}"
        cookies = response.headers.getlist("Set-Cookie")
        if not any(c.startswith(prefix) and "Max-Age=" not in c for c in cookies):
            return
        response.headers.remove("Set-Cookie")
        for cookie in cookies:
            response.headers.add(
                "Set-Cookie", cookie + max_age if cookie.startswith(prefix) and "Max-Age=" not in cookie else cookie
            )


def init_app(app: Flask) -> None:
    hsts = app.config.get("HSTS", True)
    app.session_interface = SessionCookies()

    @app.after_request
    def set_security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if hsts:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if "Cache-Control" not in response.headers and (session.get("_user_id") or "Authorization" in request.headers):
            # What a logged-in person (or an API client) sees is theirs: not for shared caches,
            # nor the browser's disk.
            response.headers["Cache-Control"] = "private, no-store"
        return response
