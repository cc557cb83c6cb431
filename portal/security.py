"""Security headers on every response, set by the app so tests can check them."""
from flask import Flask, request, session

CONTENT_SECURITY_POLICY = "; ".join([
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
])

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


def init_app(app: Flask) -> None:
    hsts = app.config.get("HSTS", True)

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
