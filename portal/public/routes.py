"""Routes for the public pages: thin, the content lives in the templates."""

from flask import abort, current_app, g, redirect, render_template, url_for
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..i18n import current_language, preferred_language
from ..page_cache import kept_for_visitors
from ..rules.clock import today
from ..rules.deadlines import appeal_deadline
from ..rules.services import SERVICES
from ..rules.sources import SOURCES
from ..services import notices as front_notices
from . import bp
from .guides import BY_KEY, SERVICE_GUIDES, find


@bp.app_context_processor
def guide_helpers():
    def guide_url(key: str, _anchor: str | None = None) -> str:
        guide = BY_KEY[key]
        return url_for("public.guide", slug=guide.slug(current_language()), _anchor=_anchor)

    def has_endpoint(name: str) -> bool:
        return name in current_app.view_functions

    return {
        "guide_url": guide_url,
        "guides": BY_KEY,
        "has_endpoint": has_endpoint,
        "sources": SOURCES,
        "services": SERVICES,
    }


@bp.route("/")
def root():
    return redirect(url_for("public.index", lang_code=preferred_language()))


@bp.route("/<lang:lang_code>/")
@kept_for_visitors
def index():
    notices = front_notices.shown_on(today())
    return render_template(
        "public/index.html",
        notices=notices,
        service_guides=[BY_KEY[k] for k in SERVICE_GUIDES],
    )


@bp.route("/<lang:lang_code>/<slug>")
@kept_for_visitors
def guide(slug: str):
    lang = current_language()
    found, in_this_language = find(lang, slug)
    if found is None:
        abort(404)
    if not in_this_language:
        return redirect(url_for("public.guide", slug=found.slug(lang)), 301)
    g.alternate_args = {code: {"slug": s} for code, s in found.slugs.items()}
    extra = _appeal_examples() if found.key == "appeals" else {}
    return render_template(found.template, guide=found, **extra)


def _appeal_examples() -> dict:
    """A worked example for the appeals guide: the deadline if a decision reached you today."""
    day = today()
    return {
        "example_day": day,
        "example_deadlines": {code: appeal_deadline(code, day) for code in SERVICES},
    }


@bp.route("/healthz")
def healthz():
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200
