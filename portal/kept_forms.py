"""A form sent after its log-in had ended (no JavaScript to save it in time, or a tab that
slept past the idle limit) is not lost. What was posted is kept on the server for a little
while (portal.services.kept_forms), under a random token in the visitor's session cookie, and
comes back once the same person logs in again: on an application's question page as the page's
half-typed answers in the draft, on other pages filled in again (portal.refill), on the page the
form was on (portal.form_page).

Whose form it was is told by its CSRF token, which signin.start ties to the log-in: a form is
kept only when it came from a log-in of this portal, and given back only to that account."""

from __future__ import annotations

from flask import Flask, current_app, flash, redirect, request, session
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_url
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.exceptions import HTTPException

from . import form_page, refill
from .apply.journeys import journey_of
from .extensions import login_manager
from .rules.clock import today
from .services import access, drafts, kept_forms, login_sessions

SESSION_KEY = "kept_form"
# More than any page asks for; a post larger than this is not a page typed by a person.
MOST_CHARACTERS = 100_000
# Flask-Login's check, known by its code: every view behind it shares it.
_LOGIN_CHECK = login_required(lambda: None).__code__


def init_app(app: Flask) -> None:
    login_manager.unauthorized_handler(_unauthorized)
    # Before the CSRF check: a form sent after the cookie ran out has no session to check
    # its token against, and would be turned away before the log-in check could keep it.
    app.before_request_funcs.setdefault(None, []).insert(0, _logged_out_post)


def _needs_log_in(view) -> bool:
    while view is not None:
        if getattr(view, "__code__", None) is _LOGIN_CHECK:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def _logged_out_post():
    if request.method != "POST" or request.endpoint is None or current_user.is_authenticated:
        return None
    if not _needs_log_in(current_app.view_functions.get(request.endpoint)):
        return None  # a public form: the CSRF check goes on as always
    return login_manager.unauthorized()


def _unauthorized():
    if request.method == "POST" and (posted := typed()):
        if _keep(posted):
            flash(
                _(
                    "Your log-in had ended, so the page was not saved. What you wrote is kept for 2 hours: "
                    "log in again and it comes back on the page."
                ),
                "info",
            )
        else:
            flash(
                _(
                    "Your log-in had ended, so what you wrote could not be kept. Log in again and fill in the page once more."
                ),
                "info",
            )
        # Back to the page the form was on: where it posted to may not be a page to open.
        return redirect(login_url("auth.login", next_url=form_page.path()))
    flash(_("Log in to see this page."), "info")
    return redirect(login_url("auth.login", next_url=request.url))


def _form_token_name() -> str:
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def typed() -> dict[str, list[str]]:
    """What was posted, as typed: never the CSRF token or a password (files are not in it)."""
    skipped = {_form_token_name(), "action", form_page.FIELD}
    return {
        name: request.form.getlist(name)
        for name in request.form
        if name not in skipped and "password" not in name.lower() and any(request.form.getlist(name))
    }


def _keep(typed: dict[str, list[str]]) -> bool:
    """Keep the form if it came from a log-in of this portal, from one of its own pages."""
    if sum(len(value) for values in typed.values() for value in values) > MOST_CHARACTERS:
        return False
    origin = request.headers.get("Origin")
    if origin is not None and origin != request.host_url.rstrip("/"):
        return False
    secret = current_app.config.get("WTF_CSRF_SECRET_KEY", current_app.secret_key)
    try:
        raw = URLSafeTimedSerializer(secret, salt="wtf-csrf-token").loads(request.form.get(_form_token_name(), ""))
    except BadData:
        return False
    account_id = login_sessions.account_id_for_form(str(raw))
    if account_id is None:
        return False
    session[SESSION_KEY] = kept_forms.keep(account_id, form_page.path(), typed, replacing=session.get(SESSION_KEY))
    return True


def restore(token: str | None) -> None:
    """Just after log-in (portal.auth.signin, the session new): put back what the account sent
    while logged out. An application's page gets it in its draft, the account's own only."""
    posted = kept_forms.find(token, current_user)
    if posted is None:
        return
    path = posted.path.split("?", 1)[0]
    try:
        # A page to open (the form's page, portal.form_page), so as GET.
        endpoint, args = current_app.url_map.bind_to_environ(request.environ).match(path, method="GET")
    except HTTPException:
        endpoint, args = None, {}
    if endpoint == "apply.step":
        kept_forms.forget(token)
        if _into_draft(args["public_id"], args["step_key"], posted.fields):
            flash(_("What you wrote before your log-in ended is back on the page. Check it and go on."), "info")
        else:
            flash(_("What you wrote before your log-in ended could not be put back. Fill in the page again."), "info")
    elif endpoint is not None:
        refill.wait_for(posted.path, token)
    else:
        kept_forms.forget(token)


def _into_draft(public_id: str, step_key: str, fields: dict[str, list[str]]) -> bool:
    try:
        draft = access.draft_for(current_user, public_id, "draft.change")
    except (access.NotFound, access.NoAuthority):
        return False
    step = journey_of(draft, today()).step(step_key)
    if draft.submission is not None or step is None or step.is_attachments:
        return False
    names = set(step.form(formdata=None, meta={"csrf": False})._fields)
    drafts.keep_typed(draft, step_key, {name: values for name, values in fields.items() if name in names})
    return True
