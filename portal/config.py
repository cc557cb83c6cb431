"""Settings read from the environment, one class per kind of deployment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def database_url(instance_path: str) -> str:
    """DATABASE_URL, with plain PostgreSQL URLs pointed at the psycopg 3 driver."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return "sqlite:///" + os.path.join(instance_path, "portal.sqlite3")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


class ProductionConfig:
    ENV_NAME = "production"
    DEBUG = False
    TESTING = False
    SECRET_KEY = None  # must come from the environment
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PREFERRED_URL_SCHEME = "https"
    HSTS = True
    # A CSRF token lives as long as the session, so someone who takes a long
    # break in the middle of a form does not lose what they typed.
    WTF_CSRF_TIME_LIMIT = None
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    # Argon2id as OWASP's Password Storage Cheat Sheet sets it (12 MiB, three passes, one
    # lane; as strong as its 19 MiB, two-pass setting): argon2-cffi's default takes 64 MiB
    # per log-in, which a small worker cannot spare. Hashes made with other settings still
    # verify, and are made anew at log-in.
    ARGON2_PARAMETERS = {"time_cost": 3, "memory_cost": 12288, "parallelism": 1}
    BABEL_DEFAULT_LOCALE = "nb"
    BABEL_DEFAULT_TIMEZONE = "Europe/Oslo"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    SEND_FILE_MAX_AGE_DEFAULT = 3600
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER")  # default: <instance>/uploads
    # One attachment of at most 10 MB and the rest of the form.
    MAX_CONTENT_LENGTH = 11 * 1024 * 1024
    # Outgoing e-mail (flask --app portal send-outbox). Without SMTP_HOST,
    # development prints messages and production refuses to send.
    SMTP_HOST = os.environ.get("SMTP_HOST")
    SMTP_PORT = _env_int("SMTP_PORT", 587)
    SMTP_USERNAME = os.environ.get("SMTP_USERNAME")
    SMTP_PASSWORD = os.environ.get("SMTP_PASSWORD")
    SMTP_STARTTLS = os.environ.get("SMTP_STARTTLS", "true").lower() in ("1", "true", "yes")
    MAIL_FROM = os.environ.get("MAIL_FROM", "no-reply@localhost")
    # /dev/mail shows the outbox as a mailbox, with its links to click. Never in production:
    # it would show everyone's e-mail to anyone.
    DEV_MAIL_PAGE = False
    # Delivery to the municipality's archive (flask --app portal deliver-archive): an HTTP
    # endpoint with a bearer token, or a folder the archive reads. Neither: the archive pulls
    # each package over the API.
    ARCHIVE_URL = os.environ.get("ARCHIVE_URL")
    ARCHIVE_TOKEN = os.environ.get("ARCHIVE_TOKEN")
    ARCHIVE_FOLDER = os.environ.get("ARCHIVE_FOLDER")
    # The portal's public address (https://portal.kommune.no): every link in e-mail is built
    # on it, never on the host a request names, and requests for any other host are refused
    # (TRUSTED_HOSTS, from it and the comma-separated TRUSTED_HOSTS in the environment).
    # Production refuses to start without it.
    PORTAL_URL: str | None = None
    EXTRA_TRUSTED_HOSTS: tuple[str, ...] = ()
    # Sessions end after 30 minutes without a request; drafts live on the server,
    # so nothing typed is lost when that happens.
    PERMANENT_SESSION_LIFETIME = timedelta(minutes=30)
    SESSION_REFRESH_EACH_REQUEST = True
    REMEMBER_COOKIE_DURATION = timedelta(0)
    # Online applications; FEATURE_ONLINE_APPLICATIONS=false takes them off the site
    # (the guides then send people to the service office).
    FEATURE_ONLINE_APPLICATIONS = os.environ.get("FEATURE_ONLINE_APPLICATIONS", "true").lower() in ("1", "true", "yes")
    # Log-in with an ID-porten style OpenID Connect provider (authorisation code + PKCE).
    OIDC_ISSUER = os.environ.get("OIDC_ISSUER")
    OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID")
    OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET")
    OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "ID-porten")
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL") or "memory://"
    # With Redis away, each worker counts in its own memory until Redis answers again: the
    # site stays up and every limit still holds, only per worker (at most a few times looser).
    # RATELIMIT_SWALLOW_ERRORS would also keep the site up, but lift every limit while Redis
    # is away: log-in attempts unlimited is what an attacker would wait for.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    # A Redis that hangs rather than refuses must not hang every request that is limited.
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "moving-window"


class DevelopmentConfig(ProductionConfig):
    ENV_NAME = "development"
    DEBUG = True
    SECRET_KEY = "development-only-not-secret"
    SESSION_COOKIE_SECURE = False
    PREFERRED_URL_SCHEME = "http"
    HSTS = False
    PORTAL_URL = "http://127.0.0.1:5000"
    EXTRA_TRUSTED_HOSTS = ("localhost", "127.0.0.1")
    DEV_MAIL_PAGE = True


class TestingConfig(DevelopmentConfig):
    ENV_NAME = "testing"
    DEBUG = False
    TESTING = True
    SECRET_KEY = "testing-only-not-secret"
    # Argon2id still, at the lowest cost: hundreds of log-ins make the suite slow otherwise.
    ARGON2_PARAMETERS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    # The browser tests log in many times from one address; only a test server may turn the
    # limits off (PORTAL_RATE_LIMITS=off), and the limits have tests of their own.
    RATELIMIT_ENABLED = os.environ.get("PORTAL_RATE_LIMITS", "on") != "off"
    # Only a test that asks for the development mailbox has it (a test server: PORTAL_DEV_MAIL=on).
    DEV_MAIL_PAGE = os.environ.get("PORTAL_DEV_MAIL") == "on"
    # Links in e-mail lead where Flask's test client sends its requests.
    PORTAL_URL = "http://localhost"


CONFIGS = {
    "production": ProductionConfig,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def trusted_hosts(portal_url: str, extra: tuple[str, ...] = ()) -> list[str]:
    """The host names requests may name: the public address's, and any others the
    operator lists (TRUSTED_HOSTS=portal.kommune.no,intern.kommune.no)."""
    found = [urlsplit(portal_url).hostname or ""]
    found += [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
    found += list(extra)
    return [h for h in dict.fromkeys(found) if h]


def config_from_environment() -> type:
    name = os.environ.get("PORTAL_ENV", "production")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"PORTAL_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from None
