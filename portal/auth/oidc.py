"""Log-in with the identity provider: OpenID Connect authorisation code flow with PKCE.

The callback lives outside the language prefix so one redirect URI is registered
with the provider; the reader's language travels in the session.
"""

from flask import Blueprint, abort, current_app, g, redirect, render_template, session, url_for
from flask_login import current_user

from ..i18n import current_language
from ..services.identity import IdentityRejected, account_for_verified_identity
from . import signin

bp = Blueprint("oidc", __name__, url_prefix="/account/oidc")


def init_app(app) -> None:
    if not app.config.get("OIDC_ISSUER"):
        return
    # Authlib (and the cryptography it brings, some 15 MB a worker) is loaded only where
    # log-in with electronic ID is set up.
    from authlib.integrations.flask_client import OAuth

    oauth = OAuth(app)
    app.extensions["idporten"] = oauth.register(
        "idporten",
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=app.config["OIDC_ISSUER"].rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid profile", "code_challenge_method": "S256"},
        overwrite=True,
    )


def enabled() -> bool:
    return bool(current_app.config.get("OIDC_ISSUER"))


def start(next_path: str | None = None):
    """Send the reader to the provider (called from the language-prefixed log-in route).
    `next_path`, already checked to be a path on this site, is where they land after."""
    if not enabled():
        abort(404)
    session["oidc_lang"] = current_language()
    session["oidc_next"] = next_path
    return current_app.extensions["idporten"].authorize_redirect(url_for("oidc.callback", _external=True))


@bp.route("/callback")
def callback():
    g.lang_code = session.pop("oidc_lang", None) or current_app.config["DEFAULT_LANGUAGE"]
    next_path = session.pop("oidc_next", None)
    if not enabled():
        abort(404)
    from authlib.integrations.base_client.errors import OAuthError  # deferred with Authlib, as above

    try:
        token = current_app.extensions["idporten"].authorize_access_token()
        current = current_user if current_user.is_authenticated else None
        account = account_for_verified_identity(token.get("userinfo") or {}, g.lang_code, current)
    except (OAuthError, IdentityRejected) as error:
        current_app.logger.warning("Identity provider log-in failed: %s", type(error).__name__)
        return render_template("auth/oidc_failed.html"), 400
    signin.start(account, "id")
    return redirect(next_path or url_for("auth.my_page", lang_code=g.lang_code))
