"""Account routes: parse the form, call portal.services.accounts, render."""

from urllib.parse import urlsplit

from flask import current_app, flash, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from .. import links
from ..apply.journeys import JOURNEYS, journey_of
from ..extensions import limiter
from ..i18n import current_language
from ..rules.clock import today
from ..services import accounts, authorities, disputes, drafts, submissions
from . import bp, oidc, signin
from .forms import ForgotPasswordForm, LoginForm, RegisterForm, ResetPasswordForm


def _account_and_address_key() -> str:
    """Rate-limit key for failed log-ins against one account from one address. Counted per
    account alone, a stranger with many addresses could lock the owner out; this way each
    address runs out of tries on its own, and the owner's address keeps its own."""
    return "login:" + accounts.normalise_email(request.form.get("email", "")) + ":" + get_remote_address()


def _failed(response) -> bool:
    return response.status_code != 302  # a log-in that worked redirects


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site, so a link cannot send someone elsewhere after log-in."""
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target[1:2] in ("/", "\\"):
        return None
    return target


@bp.before_app_request
def _remember_language():
    """The language a logged-in person reads a page in is the one later e-mail and letters
    are written in (reminders sent by commands, news in their case)."""
    if request.method == "GET" and current_user.is_authenticated and "lang_code" in g:
        accounts.remember_language(current_user, g.lang_code)


@bp.route("/account/register", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def register():
    form = RegisterForm()
    # Where the person was going ("Log in to apply" on the volunteer page): the link in the
    # e-mail and the log-in after it lead there, not to My page.
    onward = {"next": target} if (target := _safe_next(request.args.get("next"))) else {}
    if form.validate_on_submit():
        accounts.register(
            form.email.data,
            form.password.data,
            current_language(),
            confirm_link=lambda token: links.link("auth.confirm", lang_code=current_language(), token=token, **onward),
            login_link=links.link("auth.login", lang_code=current_language(), **onward),
        )
        session["pending_email"] = accounts.normalise_email(form.email.data)
        return redirect(url_for("auth.check_email", **onward))
    return render_template("auth/register.html", form=form)


@bp.route("/account/check-your-email")
def check_email():
    response = make_response(render_template("auth/check_email.html", email=session.get("pending_email")))
    # The page shows the address just typed: not for the browser's disk or a shared cache.
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/account/confirm/<token>")
def confirm(token: str):
    account = accounts.confirm_email(token)
    if account is None:
        return render_template("auth/link_expired.html", kind="confirm"), 400
    flash(_("Your e-mail address is confirmed. You can now log in."), "success")
    return redirect(url_for("auth.login", next=_safe_next(request.args.get("next"))))


@bp.route("/account/login", methods=["GET", "POST"])
@limiter.limit("10 per 5 minutes", methods=["POST"])
@limiter.limit("20 per hour", methods=["POST"], key_func=_account_and_address_key, deduct_when=_failed)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("auth.my_page"))
    form = LoginForm()
    problem = None
    if form.validate_on_submit():
        result = accounts.authenticate(form.email.data, form.password.data)
        if result.account:
            signin.start(result.account, "password")
            return redirect(_safe_next(request.args.get("next")) or url_for("auth.my_page"))
        if result.unconfirmed:
            problem = _(
                "Confirm your e-mail address first. Use the link in the e-mail we sent you, or register again to get a new link."
            )
        else:
            problem = _("The e-mail address or the password is wrong. Check both and try again.")
        form.email.errors.append(problem)
    return render_template("auth/login.html", form=form)


@bp.route("/account/login/idporten")
def login_with_provider():
    return oidc.start(_safe_next(request.args.get("next")))


@bp.route("/account/logout", methods=["POST"])
def logout():
    signin.stop()
    flash(_("You are logged out."), "success")
    return redirect(url_for("public.index"))


@bp.route("/account/keep-alive", methods=["POST"])
@login_required
def keep_alive():
    """ "Stay logged in" in the warning before an idle log-in ends (static/js/idle.js): any
    request renews the session cookie's 30 minutes, and this one does nothing else. The log-in's
    own 12 hours (portal.services.login_sessions) still hold."""
    return "", 204


@bp.route("/account/logout-everywhere", methods=["POST"])
@login_required
def logout_everywhere():
    """For a phone lost, or a computer left logged in somewhere: every log-in of the account ends."""
    signin.stop(everywhere=True)
    flash(_("You are logged out on every device. Log in again to go on."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/account/forgot-password", methods=["GET", "POST"])
@limiter.limit("5 per hour", methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        accounts.request_password_reset(
            form.email.data,
            reset_link=lambda token: links.link("auth.reset_password", lang_code=current_language(), token=token),
        )
        return render_template("auth/reset_sent.html")
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/account/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit("10 per hour", methods=["POST"])
def reset_password(token: str):
    if accounts.account_for_reset(token) is None:
        return render_template("auth/link_expired.html", kind="reset"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        accounts.reset_password(token, form.password.data)
        flash(_("Your password is changed. Log in with the new password."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/my-page")
@login_required
def my_page():
    # The ombud applies for nobody: their My page is their clients and their cases.
    if current_user.has_role("ombud") and "ombud.index" in current_app.view_functions:
        return redirect(url_for("ombud.index"))
    asking = authorities.requests_to_answer(current_user)
    if "apply.start" not in current_app.view_functions:
        return render_template("auth/my_page.html", drafts=[], submissions=[], asking=asking)

    day = today()
    # A draft for someone the account can no longer act for can only be deleted.
    unsent = [(draft, journey_of(draft, day), drafts.may_go_on(draft)) for draft in drafts.unsent(current_user)]
    about_me = submissions.sent_by_others_about(current_user)
    return render_template(
        "auth/my_page.html",
        journeys=JOURNEYS,
        drafts=unsent,
        authority_states={d.id: authorities.state_of(d.authority) for d, _journey, go_on in unsent if not go_on},
        submissions=submissions.sent_by(current_user),
        about_me=about_me,
        unverified=disputes.unverified_senders(current_user, about_me),
        asking=asking,
    )
