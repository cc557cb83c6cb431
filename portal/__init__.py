"""The støttekontakt portal: guides, applications and case follow-up for one municipality."""

from __future__ import annotations

import os
import traceback
from collections.abc import Mapping
from typing import Any

from flask import Flask, request, session
from flask_babel import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from . import (
    addresses,
    assets,
    chrome,
    cli,
    errors,
    i18n,
    idle,
    kept_forms,
    labels,
    language_switch,
    page_cache,
    security,
)
from .api import bp as api
from .appeal import bp as appeal
from .apply import bp as apply, display
from .auth import bp as auth, oidc
from .authorities import bp as authorities
from .cases import bp as cases
from .config import PROJECT_ROOT, config_from_environment, database_url, trusted_hosts
from .devmail import bp as devmail
from .extensions import babel, csrf, db, init_sqlite, limiter, login_manager
from .intake import bp as intake
from .municipality import load as load_municipality
from .ombud import bp as ombud
from .public import bp as public
from .services import login_sessions
from .volunteer import bp as volunteer


class Portal(Flask):
    url_rule_class = addresses.PortalRule

    def log_exception(self, exc_info) -> None:
        # The traceback without the exception's message: messages (SQL errors
        # in particular) can carry what a user typed.
        exc_type, _, tb = exc_info
        self.logger.error(
            "Exception %s on %s %s\n%s",
            exc_type.__name__ if exc_type else "?",
            request.method,
            request.path,
            "".join(traceback.format_tb(tb)),
        )


def _blueprints(app: Flask):
    blueprints = [public, auth, oidc.bp, authorities, cases, intake, ombud, api]
    if app.config.get("FEATURE_ONLINE_APPLICATIONS"):
        # When switched off, the guides point to the service office and no link leads here.
        blueprints += [apply, appeal, volunteer]
    if app.config.get("DEV_MAIL_PAGE") and app.config["ENV_NAME"] != "production":
        blueprints.append(devmail)
    return blueprints


def _init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Log in to see this page.")
    login_manager.login_message_category = "info"

    # Log-ins are checked on the server on every request (portal/services/login_sessions.py);
    # Flask-Login's session protection, which ties a session to an address, is left off: it
    # only marks a permanent session "not fresh", and would log out people whose phone moves
    # between networks.
    login_manager.session_protection = None

    @login_manager.user_loader
    def load_account(account_id: str):
        found = login_sessions.find(session.get("login"), int(account_id))
        if found is None:
            return None
        account, method = found
        account.signed_in_with_id = method == "id"
        return account


def _check_settings(app: Flask) -> None:
    """Refuse to start rather than run a production portal on made-up or missing settings."""
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError(
            "SECRET_KEY is not set. Set it in the environment (a long random string); "
            "only PORTAL_ENV=development runs without one."
        )
    production = app.config["ENV_NAME"] == "production"
    if not app.config.get("PORTAL_URL"):
        raise RuntimeError(
            "PORTAL_URL is not set. Set it to the portal's public address (https://portal.kommune.no): "
            "links in e-mail lead there, and requests for other hosts are refused."
        )
    if production and not app.config.get("PORTAL_SETTINGS"):
        raise RuntimeError(
            "PORTAL_SETTINGS is not set. Set it to the municipality's settings file (TOML); "
            "without one the portal would show a made-up municipality."
        )
    if app.config.get("TRUSTED_HOSTS") is None:
        app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config["PORTAL_URL"], app.config["EXTRA_TRUSTED_HOSTS"])


def create_app(config: Mapping[str, Any] | type | None = None) -> Flask:
    """Build the app. `config` is a config class, or a mapping of overrides applied
    on top of the class PORTAL_ENV names (production by default)."""
    app = Portal(
        __name__,
        instance_path=os.environ.get("PORTAL_INSTANCE_PATH") or str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=None,  # served by portal.assets, under fingerprinted names
    )
    base = config if isinstance(config, type) else config_from_environment()
    app.config.from_object(base)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app.instance_path)
    app.config["PORTAL_SETTINGS"] = os.environ.get("PORTAL_SETTINGS") or None
    for name in ("SECRET_KEY", "PORTAL_URL"):
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    if isinstance(config, Mapping):
        app.config.update(config)
    _check_settings(app)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        os.makedirs(app.instance_path, exist_ok=True)
    if app.config["ENV_NAME"] == "production":
        # Never let SQL errors carry what a user typed into the log.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**app.config["SQLALCHEMY_ENGINE_OPTIONS"], "hide_parameters": True}

    settings = load_municipality(app.config["PORTAL_SETTINGS"])
    app.extensions["municipality"] = settings.by_language
    db.init_app(app)
    with app.app_context():
        init_sqlite(db.engine)
    if app.testing or os.environ.get("FLASK_RUN_FROM_CLI"):
        # The migration commands (flask db ...) and Alembic behind them, some 11 MB, are
        # loaded for the command line and the tests only: a server never migrates.
        from flask_migrate import Migrate

        Migrate(app, db, directory=str(PROJECT_ROOT / "migrations"))
    i18n.configure(app, settings.languages, settings.default_language)
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    addresses.init_app(app)
    limiter.init_app(app)
    _init_login(app)
    kept_forms.init_app(app)
    language_switch.init_app(app)

    oidc.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    assets.init_app(app, PROJECT_ROOT / "static", security.headers_for(app))
    page_cache.init_app(app, security.headers_for(app))
    errors.init_app(app)
    cli.init_app(app)

    display.init_app(app)
    idle.init_app(app)
    chrome.init_app(app)

    app.context_processor(labels.case_labels)

    @app.context_processor
    def municipality_context():
        return {"municipality": app.extensions["municipality"][i18n.current_language()]}

    for blueprint in _blueprints(app):
        app.register_blueprint(blueprint)
    addresses.add_twins(app, settings.languages)
    # Outermost, so the static files and kept pages see the proxy's host and scheme too.
    proxies = int(os.environ.get("PROXY_COUNT", app.config.get("PROXY_COUNT", 0)))
    if proxies:
        # Behind a reverse proxy: trust its X-Forwarded-* headers so absolute links
        # (hreflang alternates) use the public host and https.

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    return app
