"""Settings for Redress, read from the environment.

DATABASE_URL  database to use (default: a SQLite file under var/)
SECRET_KEY    signing key (default: one generated once and kept in var/secret_key)
DEBUG         "1"/"true" for development
ALLOWED_HOSTS comma-separated host names (default: 127.0.0.1,localhost)
REDRESS_NODE_MODULES where the front-end npm packages are (default: node_modules/)
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
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
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_ROOT = VAR_DIR / "media"

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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG and _env_bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
