"""Friendly error pages in the reader's language; failures logged without personal data."""

from contextlib import suppress

from flask import Flask, g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError, SQLAlchemyError

from .extensions import db, login_manager
from .i18n import offered_languages, preferred_language
from .services import access, appeals, authorities

# The database could not be reached, or went away in the middle (restarted, failed over):
# SQLAlchemy wraps psycopg's own OperationalError in its own.
DATABASE_AWAY = (OperationalError, DisconnectionError, InterfaceError)
# Seconds to wait before trying again: PostgreSQL restarts in a few.
RETRY_AFTER = "30"


def _error_language() -> None:
    g.error_page = True
    if g.get("lang_code"):
        return
    first = request.path.strip("/").split("/", 1)[0]
    g.lang_code = first if first in offered_languages() else preferred_language()


API_MESSAGES = {
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not take this method."),
    413: ("too_large", "The request is too large."),
    429: ("too_many_requests", "Too many requests. Wait a little and try again."),
    500: ("internal_error", "Something went wrong on our side. Try again later."),
    503: ("unavailable", "The service is unavailable for a moment. Nothing was stored. Try again shortly."),
}


def _api_error(status: int):
    """The intake API answers errors in JSON, like everything else it says."""
    code, message = API_MESSAGES[status]
    return jsonify({"error": code, "message": message}), status


def _is_api() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    @app.errorhandler(404)
    def not_found(error):
        if _is_api():
            return _api_error(404)
        _error_language()
        return render_template("errors/404.html"), 404

    @app.errorhandler(405)
    def method_not_allowed(error):
        if _is_api():
            return _api_error(405)
        _error_language()
        return render_template("errors/404.html"), 405

    @app.errorhandler(413)
    def too_large(error):
        if _is_api():
            return _api_error(413)
        _error_language()
        return render_template("errors/413.html"), 413

    @app.errorhandler(429)
    def too_many_requests(error):
        if _is_api():
            return _api_error(429)
        _error_language()
        return render_template("errors/429.html"), 429

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        _error_language()
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(appeals.CannotAppeal)
    def cannot_appeal(error):
        # Sent twice, or the case moved on (withdrawn, appealed already) since the draft began.
        _error_language()
        return render_template("errors/cannot_appeal.html"), 409

    @app.errorhandler(access.NotFound)
    def nothing_to_see(error):
        _error_language()
        return render_template("errors/404.html"), 404

    @app.errorhandler(access.NoAuthority)
    def authority_stopped(error):
        # The representative sees why they can no longer act, and nothing else.
        _error_language()
        authority = error.authority
        return render_template(
            "errors/no_authority.html", authority=authority, state=authorities.state_of(authority)
        ), 403

    def database_away(error):
        # Not a fault in the portal: logged as one line, without the message (it can hold SQL).
        app.logger.error("Database unavailable on %s %s (%s)", request.method, request.path, type(error).__name__)
        with suppress(SQLAlchemyError):
            db.session.rollback()
        if _is_api():
            response = app.make_response(_api_error(503))
        else:
            _error_language()
            # Who is logged in cannot be read now: the page is drawn as for a visitor (Flask-Login's
            # own way to set the request's user; the session, and so the log-in, is kept).
            login_manager._update_request_context_with_user()
            response = app.make_response((render_template("errors/503.html"), 503))
        response.headers["Retry-After"] = RETRY_AFTER
        return response

    for kind in DATABASE_AWAY:
        app.register_error_handler(kind, database_away)

    @app.errorhandler(500)
    def internal_error(error):
        # The failure itself is logged by Portal.log_exception, without its message.
        if _is_api():
            return _api_error(500)
        _error_language()
        return render_template("errors/500.html"), 500
