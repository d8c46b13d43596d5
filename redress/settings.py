"""Settings for Redress, read from the environment.

DATABASE_URL  database to use (default: a SQLite file under var/)
SECRET_KEY    signing key (default: one generated once and kept in var/secret_key)
DEBUG         "1"/"true" for development
ALLOWED_HOSTS comma-separated host names (default: 127.0.0.1,localhost)
REDRESS_NODE_MODULES where the front-end npm packages are (default: node_modules/)

The rest (signing in, sessions, HTTPS, single sign-on) are listed in the README's "Settings".
"""

import datetime
import json
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("REDRESS_VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    # A key generated once per installation, so a demo or a test run needs no set-up and no
    # key is ever committed. Production sets SECRET_KEY.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = _env_bool("DEBUG")
# Pin "today" for a demonstration dataset (see redress/core/clock.py); never set in production.
REDRESS_TODAY = (
    datetime.date.fromisoformat(os.environ["REDRESS_TODAY"])
    if os.environ.get("REDRESS_TODAY")
    else None
)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    # The admin, on a site that asks for the second factor (redress.accounts.admin_site).
    "redress.accounts.admin_config.RedressAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "redress.core",
    "redress.accounts",
    "redress.organisations",
    "redress.people",
    "redress.procedures",
    "redress.taxonomies",
    "redress.complaints",
    "redress.ombudsman",
    "redress.feedback",
    "redress.reporting",
    "redress.imports",
    "redress.demo",
    "redress.retention",
    "redress.documents",
    "redress.notifications",
    "redress.letters",
    "redress.surveys",
    "redress.front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise, so on every page and download but no static file: no-store (personal
    # data) and the Content-Security-Policy (SECURE_CSP below).
    "redress.core.middleware.NoStoreMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Idle timeout and absolute lifetime; then the second factor (redress.accounts.middleware).
    "redress.accounts.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "redress.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "redress.urls"
WSGI_APPLICATION = "redress.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "redress.core.jinja2.environment"},
    },
    {
        # The Django admin keeps its own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The admin's pages carry the response's CSP nonce where they need one.
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'redress.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the staff pages' queries are short, and PostgreSQL's cost estimates
    # at a million complaints made it compile for hundreds of milliseconds a query (ADR 0015).
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Signing in (README, "Signing in"). django-axes refuses a username from an address after
# REDRESS_SIGN_IN_ATTEMPTS wrong passwords, for REDRESS_LOCKOUT_MINUTES (redress.accounts.lockout).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("REDRESS_SIGN_IN_ATTEMPTS", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("REDRESS_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "redress.accounts.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "redress.accounts.lockout.client_ip"
AXES_ENABLE_ADMIN = False  # Redress's own admin for lock-outs: complaints managers unlock
# Reverse proxies in front of Redress whose X-Forwarded-For is trusted for the client's address.
REDRESS_TRUSTED_PROXIES = int(os.environ.get("REDRESS_TRUSTED_PROXIES", "0"))
# Facts kept between reports until something is recorded (reporting/facts/kept.py, ADR 0032):
# at most this many sets a process (0: none kept), of at most this many megabytes in all.
REDRESS_FACTS_KEPT = int(os.environ.get("REDRESS_FACTS_KEPT", "4"))
REDRESS_FACTS_KEPT_MB = int(os.environ.get("REDRESS_FACTS_KEPT_MB", "512"))
# The printed report's charts drawn in a process of their own while the page is laid out
# (reporting/charts/drawing.py, ADR 0037); 0 draws them in the process making the report.
REDRESS_CHART_PROCESS = _env_bool("REDRESS_CHART_PROCESS", default=True)
# The second factor (redress.accounts.second_factor): the name authenticator apps show.
OTP_TOTP_ISSUER = os.environ.get("REDRESS_OTP_ISSUER", "Redress")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Sessions end when the browser closes, after REDRESS_IDLE_MINUTES without a request, and
# REDRESS_SESSION_HOURS after signing in (redress.accounts.middleware).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(os.environ.get("REDRESS_IDLE_MINUTES", "30")) * 60
REDRESS_SESSION_MAX_AGE = int(os.environ.get("REDRESS_SESSION_HOURS", "12")) * 3600


# Single sign-on with an OpenID Connect provider (redress.accounts.sso), on when
# OIDC_RP_CLIENT_ID is set: then the provider's endpoints, the secret and the roles must be too.
REDRESS_SSO = bool(os.environ.get("OIDC_RP_CLIENT_ID"))
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "your organisation's account")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "preferred_username")
OIDC_GROUP_ROLES: dict[str, str] = json.loads(os.environ.get("OIDC_GROUP_ROLES") or "{}")
if REDRESS_SSO:
    _required = (
        "OIDC_RP_CLIENT_ID",
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
        "OIDC_GROUP_ROLES",
    )
    if _missing := [name for name in _required if not os.environ.get(name)]:
        raise ImproperlyConfigured(f"Single sign-on needs {', '.join(_missing)} set too.")
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ["OIDC_RP_CLIENT_SECRET"]
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ["OIDC_OP_JWKS_ENDPOINT"]
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
    OIDC_USE_PKCE = True
    OIDC_TIMEOUT = 10  # seconds, for each request to the provider
    OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:sso_callback"
    AUTHENTICATION_BACKENDS.append("redress.accounts.sso.SingleSignOnBackend")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# GOV.UK Frontend's compiled CSS asks for its fonts and images at /assets/, so static files are
# served there, straight from the npm packages (no bundler, no copies in the repository).
STATIC_URL = "/assets/"
STATIC_ROOT = VAR_DIR / "static"  # `redress collectstatic` fills it for production
STATIC_ROOT.mkdir(parents=True, exist_ok=True)


def _front_end_packages(node: Path) -> list[Path | tuple[str, Path]]:
    """The npm packages' asset folders, as STATICFILES_DIRS entries: only those installed, so
    a command-line install without `node_modules/` (or a check before `npm ci`) runs without
    a staticfiles warning for each missing folder. The pages need them; `make` installs them."""
    entries: list[Path | tuple[str, Path]] = [
        node / "govuk-frontend" / "dist" / "govuk" / "assets",
        ("govuk", node / "govuk-frontend" / "dist" / "govuk"),
        node / "@ministryofjustice" / "frontend" / "moj" / "assets",
        ("moj", node / "@ministryofjustice" / "frontend" / "moj"),
        # Vega, Vega-Lite and vega-embed: the report's charts become interactive where these load.
        ("vega", node / "vega" / "build"),
        ("vega-lite", node / "vega-lite" / "build"),
        ("vega-embed", node / "vega-embed" / "build"),
        # Vega's expression interpreter (an ES module, with the module it imports): the charts
        # run under the Content-Security-Policy, which forbids Vega's default, `new Function`.
        ("vega-interpreter", node / "vega-interpreter" / "build"),
        ("vega-util", node / "vega-util" / "build"),
    ]
    return [e for e in entries if (e[1] if isinstance(e, tuple) else e).is_dir()]


STATICFILES_DIRS = _front_end_packages(
    Path(os.environ.get("REDRESS_NODE_MODULES", BASE_DIR / "node_modules"))
)
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = VAR_DIR / "media"


def _documents_storage() -> dict[str, object]:
    """Where documents' bytes are kept (README, "Documents"): a folder under var/ that no URL
    serves, or an S3-compatible bucket through django-storages. Either way only Redress's
    download view, which checks who may see the complaint, hands them out."""
    kind = os.environ.get("REDRESS_DOCUMENTS_STORAGE", "filesystem").strip().lower()
    if kind == "filesystem":
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {
                "location": Path(os.environ.get("REDRESS_DOCUMENTS_DIR", VAR_DIR / "documents")),
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        }
    if kind == "s3":
        bucket = os.environ.get("REDRESS_DOCUMENTS_S3_BUCKET", "")
        if not bucket:
            raise ImproperlyConfigured(
                "REDRESS_DOCUMENTS_STORAGE=s3 needs REDRESS_DOCUMENTS_S3_BUCKET, the bucket's name."
            )
        options: dict[str, object] = {
            "bucket_name": bucket,
            "location": os.environ.get("REDRESS_DOCUMENTS_S3_PREFIX", "documents"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        }
        for option, variable in [
            ("endpoint_url", "REDRESS_DOCUMENTS_S3_ENDPOINT_URL"),
            ("region_name", "REDRESS_DOCUMENTS_S3_REGION"),
        ]:
            if value := os.environ.get(variable):
                options[option] = value
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    raise ImproperlyConfigured(
        f"REDRESS_DOCUMENTS_STORAGE is {kind!r}: give filesystem (the default) or s3."
    )


STORAGES["documents"] = _documents_storage()
# The largest document an upload may be (README, "Documents"); an upload past it is refused
# while it arrives, before it is written anywhere (redress/documents/uploads.py).
REDRESS_DOCUMENT_MAX_MB = int(os.environ.get("REDRESS_DOCUMENT_MAX_MB", "20"))

# What `redress import` reads at most (docs/IMPORT_FORMAT.md, "Limits"; redress/imports/limits.py):
# a file past one is refused with a message naming the setting to raise.
REDRESS_IMPORT_MAX_UNCOMPRESSED_MB = int(
    os.environ.get("REDRESS_IMPORT_MAX_UNCOMPRESSED_MB", "500")
)
REDRESS_IMPORT_MAX_COMPRESSION_RATIO = int(
    os.environ.get("REDRESS_IMPORT_MAX_COMPRESSION_RATIO", "100")
)
REDRESS_IMPORT_MAX_ROWS = int(os.environ.get("REDRESS_IMPORT_MAX_ROWS", "1048575"))
REDRESS_IMPORT_MAX_COLUMNS = int(os.environ.get("REDRESS_IMPORT_MAX_COLUMNS", "256"))
REDRESS_IMPORT_MAX_CELL_CHARS = int(os.environ.get("REDRESS_IMPORT_MAX_CELL_CHARS", "32767"))
# An imported date before 1 January of this year is refused as a slip of the year
# (redress/imports/validate/dates.py).
REDRESS_IMPORT_EARLIEST_YEAR = int(os.environ.get("REDRESS_IMPORT_EARLIEST_YEAR", "1990"))

# The Content-Security-Policy of every page (docs/security.md): scripts, styles, images and fonts
# from Redress itself; no inline script but one carrying the response's nonce (the report's
# import map), no inline style, no plugins; never framed; forms post only to Redress.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("REDRESS_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Messages and reminders (README, "Messages and reminders"; redress/notifications).
# Email through Django's mailers: the console when DEBUG (the demo), else SMTP with the
# EMAIL_* variables (the variable names of Django's old settings, kept for familiarity).
_EMAIL_BACKEND = os.environ.get(
    "REDRESS_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS: dict[str, dict[str, object]] = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": _env_bool("EMAIL_USE_TLS", default=True),
            "timeout": int(os.environ.get("EMAIL_TIMEOUT", "30")),
        }
        if _EMAIL_BACKEND.endswith(".smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "redress@localhost")
# "email" (the backend above) or "notify" (GOV.UK Notify, key in REDRESS_NOTIFY_API_KEY).
REDRESS_NOTIFICATIONS_CHANNEL = os.environ.get("REDRESS_NOTIFICATIONS_CHANNEL", "email")
REDRESS_NOTIFY_TEMPLATES = {
    channel: os.environ.get(f"REDRESS_NOTIFY_{channel.upper()}_TEMPLATE_ID", "")
    for channel in ("email", "sms", "letter", "email_file")  # email_file: with an attachment
}
REDRESS_NOTIFICATIONS_ATTEMPTS = int(os.environ.get("REDRESS_NOTIFICATIONS_ATTEMPTS", "5"))
# The waits before the 2nd, 3rd, ... attempts (the last repeats).
REDRESS_NOTIFICATIONS_RETRY_MINUTES = [
    int(m) for m in os.environ.get("REDRESS_NOTIFICATIONS_RETRY_MINUTES", "5,30,120,480").split(",")
]
REDRESS_REMINDER_DAYS_BEFORE = int(os.environ.get("REDRESS_REMINDER_DAYS_BEFORE", "3"))
REDRESS_DIGEST_WEEKDAY = int(os.environ.get("REDRESS_DIGEST_WEEKDAY", "1"))  # 1 Monday … 5 Friday
REDRESS_REMINDER_TIME = os.environ.get("REDRESS_REMINDER_TIME", "07:00")
# Where the links in messages point.
REDRESS_SITE_URL = os.environ.get("REDRESS_SITE_URL", "http://127.0.0.1:8000")
# How long the satisfaction survey's link works after it is sent (README, "Satisfaction survey").
REDRESS_SURVEY_LINK_DAYS = int(os.environ.get("REDRESS_SURVEY_LINK_DAYS", "28"))

# The public side (redress.front): forms one address may send in an hour (a form, or a request
# for a link to follow a complaint), and how long that link works.
REDRESS_PUBLIC_PER_HOUR = int(os.environ.get("REDRESS_PUBLIC_PER_HOUR", "10"))
REDRESS_FOLLOW_LINK_MINUTES = int(os.environ.get("REDRESS_FOLLOW_LINK_MINUTES", "60"))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# HTTPS only, unless DEBUG (README, "Settings"): plain HTTP is redirected, browsers are told
# to use HTTPS for REDRESS_HSTS_SECONDS, and the cookies are never sent without it. Behind a
# proxy that ends TLS, REDRESS_PROXY_SSL_HEADER names the header it sets to "https".
REDRESS_HTTPS = _env_bool("REDRESS_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = REDRESS_HTTPS
SECURE_HSTS_SECONDS = (
    int(os.environ.get("REDRESS_HSTS_SECONDS", "31536000")) if REDRESS_HTTPS else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = REDRESS_HTTPS
SECURE_HSTS_PRELOAD = REDRESS_HTTPS and _env_bool("REDRESS_HSTS_PRELOAD", default=True)
if proxy_header := os.environ.get("REDRESS_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
SESSION_COOKIE_SECURE = REDRESS_HTTPS
CSRF_COOKIE_SECURE = REDRESS_HTTPS
CSRF_COOKIE_HTTPONLY = True  # forms carry the token; no script reads the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
