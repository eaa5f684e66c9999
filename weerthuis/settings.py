"""Settings for Weer Thuis, read from the environment (docs/operations.md, "Configuration (environment variables)").

Production safety comes from the environment: with DEBUG off (the default) a SECRET_KEY is required and the
secure-cookie, HSTS and SSL-redirect settings are on. `make run` switches DEBUG and the demo mode on.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` (never committed; `make run` writes one with DEBUG=true) fills what the environment leaves unset.
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# Demo mode: seed_demo may create users with the published demo passwords. Never in production.
DEMO_MODE = env.bool("WEERTHUIS_DEMO", default=DEBUG)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY in the environment, or DEBUG=true for development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "csp",
    "pgtrigger",
    "pghistory",
    # Not "rest_framework": its Dutch catalogue would win over Django's ("Dit veld is vereist." on every form);
    # the API's messages are the project's own (placements.api.serializers). It needs no models or templates.
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "weerthuis",
    "weerthuis.accounts",
    "regions",
    "placements",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "weerthuis.middleware.IdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication: it asks whether the response is for a signed-in user.
    "weerthuis.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: a person who must sign in with a second factor and has not reaches only
    # the pages that set one up (weerthuis.accounts.second_factor); every session is listed for its owner.
    "weerthuis.accounts.second_factor.SecondFactorMiddleware",
    "weerthuis.accounts.sessions.ListSessionsMiddleware",
    # After the user and messages are known: its 400 page is a page of the site, and no-store when signed in.
    "weerthuis.middleware.RefuseControlCharactersMiddleware",
    # Puts the signed-in user and the page into the context of every history event written in the request.
    "pghistory.middleware.HistoryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "weerthuis.urls"
WSGI_APPLICATION = "weerthuis.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "weerthuis.context_processors.navigation",
                "weerthuis.context_processors.idle_timeout",
            ],
        },
    },
]

# --- Database: PostgreSQL everywhere. Without DATABASE_URL, the embedded server under var/ (zero setup).
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    # A Unix-socket directory comes percent-encoded in the URL (postgres://user@%2Fvar%2Frun%2Fpostgresql/db).
    DATABASES["default"]["HOST"] = unquote(DATABASES["default"]["HOST"] or "")
else:
    from weerthuis.embedded_db import database_settings

    DATABASES = {"default": database_settings(BASE_DIR / "var" / "pgdata")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Every view runs in one transaction: what a page reads or writes and the access-log line that records it commit
# together or not at all, an edit form's row lock (regions.editing) holds until its save, and a form's one-time
# token (placements.submitting) commits with the work it guards. Tasks go to the broker after the commit.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication, sessions and login throttling.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in, password reset and the second factor are django-allauth's (docs/operations.md, "Accounts"). Nobody signs
# up: accounts are made by invitation (weerthuis.accounts) or by the administrator.
ACCOUNT_ADAPTER = "weerthuis.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
# A reset request answers the same whether or not the address belongs to an account; no "remember me" (the
# session ends with the browser and after 30 idle minutes); a password change ends the other sessions (accounts).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Weer Thuis] "
# An e-mail to the owner when their password or second factor changes; none to an address without an account.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# allauth's throttles keep their counts in the cache and refuse everything while Redis is down. Logins must work
# then, so they are throttled in the database instead: failed passwords by django-axes (below; allauth's own limit
# counts per username from any address, which would let anyone lock out anyone), wrong second-step codes by
# weerthuis.accounts.forms. The rest stays allauth's and answers "try again later" while Redis is down.
ACCOUNT_RATE_LIMITS = {
    "login": None,
    "login_failed": None,
    # Password-reset e-mails: at most 3 an hour per address asked for, 20 an hour from one network address.
    "reset_password": "20/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
}
# The client's address behind PROXY_COUNT proxies (weerthuis.accounts.lockout).
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = PROXY_COUNT
MFA_ADAPTER = "weerthuis.accounts.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "weerthuis.accounts.forms.SecondStepForm",
    "reauthenticate": "weerthuis.accounts.forms.SecondStepAgainForm",
    "authenticate_webauthn": "weerthuis.accounts.forms.SecurityKeyForm",
    "reauthenticate_webauthn": "weerthuis.accounts.forms.SecurityKeyAgainForm",
    "add_webauthn": "weerthuis.accounts.forms.AddSecurityKeyForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Addresses are not verified by e-mail here (accounts come by invitation or from the administrator); allauth would
# otherwise refuse a second factor to anyone whose address a password reset recorded as unverified.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = "Weer Thuis"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # the development server runs plain HTTP
USERSESSIONS_TRACK_ACTIVITY = False
# Accounts unused this many days are deactivated at night, after a warning this many days before; sign-in events
# are kept this many days (docs/operations.md, "Accounts").
INACTIVE_ACCOUNT_DAYS = env.int("INACTIVE_ACCOUNT_DAYS", default=90)
INACTIVE_ACCOUNT_WARNING_DAYS = env.int("INACTIVE_ACCOUNT_WARNING_DAYS", default=7)
SIGN_IN_EVENT_RETENTION_DAYS = env.int("SIGN_IN_EVENT_RETENTION_DAYS", default=365)

# Idle timeout of 30 minutes: activity renews the session (at most once a minute), a silent half hour ends it
# (weerthuis.middleware). The stored session outlives that by 12 hours, unusable but readable by the middleware, so
# that a form sent after the timeout is recognised and kept for after signing in again (weerthuis.kept_input).
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS + 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Failed logins are counted per username *and* address together, so one person's typing errors (or an attacker
# guessing one account) never locks out the colleagues who share an office's public IP address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# A lockout lasts AXES_COOLOFF_TIME from the failure that caused it: attempts during it do not restart it, so
# nobody can keep a user out for good by trying on.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "weerthuis.accounts.lockout.username_of"
# The address a failure is counted against: the one allauth's throttles and the session list use, behind
# PROXY_COUNT proxies (weerthuis.accounts.lockout). Not django-ipware: its proxy count reads X-Forwarded-For from the
# left, where a client writes what it likes.
AXES_CLIENT_IP_CALLABLE = "weerthuis.accounts.lockout.client_address"

# --- HTTPS and headers. Behind the TLS-terminating proxy of docker-compose, set SECURE_PROXY_SSL_HEADER=true.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The container health check asks over plain HTTP from inside; the page carries no data.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preload is on in production so the HTTPS-only promise holds from a browser's very first visit.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: only this application's own origin; no inline script, no third-party request.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# History of homes and clients: only requests that may write carry a history context (user and page).
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

# --- Language and time: Dutch first, English second; Amsterdam time, stored in UTC.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# --- Static files: served by the application itself (WhiteNoise), never from a CDN.
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_MANIFEST", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Cache: Redis when configured (shared by all web processes and workers), else per-process memory.
REDIS_URL = env.str("REDIS_URL", default="")
# How long a request waits for Redis (cache, health check) or for the broker to accept a connection.
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=0.5)
# Redis is an accelerator, not a dependency: an error is logged and read as a miss (IGNORE_EXCEPTIONS), and a frozen
# Redis costs a request half a second at most. Redis answers in well under a millisecond on the same network and in
# tens of milliseconds while it forks to rewrite its append-only file: 0.5 s leaves room for that, and after one
# timeout the process skips Redis for a few seconds (weerthuis.cache).
REDIS_CACHE_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT_SECONDS,
    "SOCKET_TIMEOUT": REDIS_TIMEOUT_SECONDS,
    "REDIS_CLIENT_CLASS": "weerthuis.cache.ShortCircuitRedis",
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    # django-redis rather than Django's own RedisCache: Django's builds a new Redis client (and its ~170 response
    # callbacks) for every cache operation; django-redis keeps one per connection pool (a GET: ≈ 130 → ≈ 80 µs CPU).
    CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "OPTIONS": REDIS_CACHE_OPTIONS}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="weerthuis")
# Each process's own memory, for small entries stored under a version (placements.versions.cached: counts,
# filter forms of ≈ 20 kB, run status): 300 entries at most, a few MB. Not for reports or dashboard HTML.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "weerthuis-local",
    "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"],
    "OPTIONS": {"MAX_ENTRIES": 300},
}
# Sessions live in the database; with a shared cache they are also read from it (one query less per request).
# Never from a per-process cache: a session ended in one process would live on in another's memory.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

# --- Celery: Redis as broker. Without a broker, tasks run eagerly in-process so the zero-setup run works.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
# Every task is idempotent: a task is acknowledged only when done, and a worker takes one task at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 5 * 60
CELERY_TASK_TIME_LIMIT = 15 * 60
# The broker re-delivers an unacknowledged task after this long; it must exceed the hard time limit.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_RESULT_EXPIRES = timedelta(days=1)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A Redis that is down or frozen must neither hang a request that hands work over nor end a worker. Sending gives
# up within about a second (a short connection timeout, one quick retry); the caller records its hand-over in the
# database first, so nothing is lost. Worker and beat wait for the broker forever and carry on when it returns.
CELERY_BROKER_CONNECTION_TIMEOUT = 2 * REDIS_TIMEOUT_SECONDS
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS |= {
    "socket_connect_timeout": 2 * REDIS_TIMEOUT_SECONDS,
    # Longer than a request's cache timeout: a worker's commands are few and may wait a little; without a timeout
    # a publish on a connection Redis silently dropped would wait forever.
    "socket_timeout": 2 * REDIS_TIMEOUT_SECONDS,
    # A worker notices a connection that died without a word within about a minute and makes a new one.
    "health_check_interval": 25,
}
# Results (kept for a day; no page reads them) live in the same Redis, with the same bounds: sending a task also
# subscribes to its result, which Celery would otherwise retry for 20 seconds.
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2 * REDIS_TIMEOUT_SECONDS
CELERY_REDIS_SOCKET_TIMEOUT = REDIS_TIMEOUT_SECONDS
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": {"max_retries": 0}}
# The nightly schedule, in Europe/Amsterdam time. Figures (quota, dispersion, flow) are added here by the
# placements app as they are built; the heartbeat lets an operator see that beat and a worker are alive.
CELERY_BEAT_SCHEDULE = {
    "weerthuis-heartbeat": {
        "task": "weerthuis.tasks.heartbeat",
        "schedule": crontab(minute="*/15"),
    },
    "placements-nightly-figures": {
        "task": "placements.tasks.nightly_figures",
        "schedule": crontab(hour=2, minute=30),
    },
    # The figure runs' outbox: hand requested runs to the broker, close the ones no worker will finish. Expires
    # unread so that beat does not pile up a message a minute while no worker listens.
    "placements-hand-over-figure-runs": {
        "task": "placements.tasks.hand_over_figure_runs",
        "schedule": crontab(minute="*"),
        "options": {"expires": 50},
    },
    # Imports whose worker never finished (killed at the hard time limit) are marked interrupted.
    "placements-expire-stale-imports": {
        "task": "placements.tasks.expire_stale_imports",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 240},
    },
    # Notifications for those who chose a daily overview instead of an e-mail per step.
    "placements-notification-digests": {
        "task": "placements.tasks.send_notification_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    # Stalled proposals, unused homes, keys not handed over, clients waiting long: each told once to who acts next.
    "placements-notify-overdue": {
        "task": "placements.tasks.notify_overdue",
        "schedule": crontab(hour=8, minute=0),
    },
    # Accounts unused for INACTIVE_ACCOUNT_DAYS: warned, then deactivated; old sign-in events forgotten.
    "accounts-close-unused": {
        "task": "weerthuis.accounts.tasks.close_unused_accounts",
        "schedule": crontab(hour=4, minute=15),
    },
    "placements-forget-old-submissions": {
        "task": "placements.tasks.forget_old_submissions",
        "schedule": crontab(hour=3, minute=15),
    },
    # After the night's figures (02:30), so the figures of that night are computed from the records as they were.
    "placements-apply-retention": {
        "task": "placements.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=45),
    },
}
# A figure run still queued this long after it was handed to the broker is handed over again (its message may be
# lost); after this many hand-overs without a start it is marked failed (docs/operations.md).
FIGURE_RUN_REQUEUE_SECONDS = env.int("FIGURE_RUN_REQUEUE_SECONDS", default=5 * 60)
# Eight hand-overs five minutes apart: 40 minutes, well past a nightly run (hard limit 15 minutes) that keeps the
# worker busy, so a run that merely waits in the queue is not failed.
FIGURE_RUN_MAX_HAND_OVERS = env.int("FIGURE_RUN_MAX_HAND_OVERS", default=8)
# A committed change that affects a region's figures requests a recompute of that region (placements.figures.live),
# which starts this long after the first change, so the changes that follow it join the same run; with the run's
# own time the dashboard is at most about a minute behind. Without a broker (eager mode) it runs at once.
FIGURES_LIVE_DELAY_SECONDS = env.int("FIGURES_LIVE_DELAY_SECONDS", default=30)
# Retention (docs/operations.md, "Bewaartermijnen"): a closed client's record is reduced to the anonymous facts the
# figures need this many whole years after closing; access-log lines are purged after this many years. The client
# default is a default, not law: the municipality's privacy officer sets it (AVG art. 5(1)(e), storage limitation).
CLIENT_RETENTION_YEARS = env.int("CLIENT_RETENTION_YEARS", default=2)
# NEN 7513 asks for the log of who read which client record to be kept at least five years: never fewer.
ACCESS_LOG_MIN_RETENTION_YEARS = 5
ACCESS_LOG_RETENTION_YEARS = env.int("ACCESS_LOG_RETENTION_YEARS", default=5)
if ACCESS_LOG_RETENTION_YEARS < ACCESS_LOG_MIN_RETENTION_YEARS or CLIENT_RETENTION_YEARS < 1:
    raise ImproperlyConfigured(
        "ACCESS_LOG_RETENTION_YEARS must be at least 5 (NEN 7513) and CLIENT_RETENTION_YEARS at least 1; "
        f"got {ACCESS_LOG_RETENTION_YEARS} and {CLIENT_RETENTION_YEARS}."
    )
# Rows per transaction of a retention run, so a long run never holds its locks for long.
RETENTION_BATCH_SIZE = env.int("RETENTION_BATCH_SIZE", default=500)
# Timed notifications (placements.notifications.overdue), each told once: a proposal without a decision for this
# many days (to the corporation and coordinators), a home reserved this long without a proposal, an acceptance
# without key handover, a client ready this long without a proposal.
STALLED_PROPOSAL_DAYS = env.int("STALLED_PROPOSAL_DAYS", default=10)
UNUSED_HOME_DAYS = env.int("UNUSED_HOME_DAYS", default=30)
KEYS_PENDING_DAYS = env.int("KEYS_PENDING_DAYS", default=14)
WAITING_WITHOUT_PROPOSAL_DAYS = env.int("WAITING_WITHOUT_PROPOSAL_DAYS", default=90)
# The address people use to reach the application, for links in e-mails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- E-mail: printed to the console by default; SMTP from EMAIL_URL (e.g. smtp+tls://user:pass@host:587).
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Weer Thuis <noreply@weerthuis.invalid>")

# --- REST API (placements.api, docs/api.md): organisation tokens only, no session; a rate per token in the cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["placements.api.auth.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["placements.api.auth.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["placements.api.auth.PerTokenThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env.str("API_RATE", default="600/min")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "placements.api.problems.problem_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Weer Thuis API",
    "DESCRIPTION": "Reserved homes, proposals and stored figures for the systems of corporations and regions.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Swagger UI from the sidecar package's static files, never a CDN; its init script is a file (CSP, no inline).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"DeclineReasonEnum": "placements.models.placements.Placement.DeclineReason"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redis_skipped": {"()": "weerthuis.cache.DropSkipped"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django adds its own console handler in DEBUG; one handler is enough.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "pgserver": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Each cache error Redis gave, with its traceback; not the commands skipped while it was down.
        "django_redis.cache": {"filters": ["redis_skipped"]},
    },
}
