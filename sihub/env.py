"""Typed readers for settings that come from environment variables.

Each helper fails loudly (``ImproperlyConfigured``) on a value it cannot read,
so a typo in a deployment stops the process at start instead of running with a
silently wrong configuration. With no variables set, the embedded defaults run.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "", *, environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(name, default).strip()


def env_bool(name: str, default: bool = False, *, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false, yes/no), got {raw!r}")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] = os.environ,
) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}, got {value}")
    return value


def env_list(name: str, default: list[str], *, environ: Mapping[str, str] = os.environ) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_networks(
    name: str, default: list[str], *, environ: Mapping[str, str] = os.environ
) -> list[str]:
    """Comma-separated IP networks in CIDR notation (``10.1.2.0/24, fd00:1::/64``)."""
    networks = []
    for value in env_list(name, default, environ=environ):
        try:
            networks.append(str(ipaddress.ip_network(value)))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP networks such as 10.1.2.0/24, got {value!r}"
            ) from None
    return networks


def env_choice(
    name: str, choices: tuple[str, ...], default: str, *, environ: Mapping[str, str] = os.environ
) -> str:
    value = environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


# Keys that must never run a production site: Django's own placeholder prefix,
# the development key below, and anything short enough to guess.
DEV_SECRET_KEY = "sihub-development-key-not-for-production-use-0000000000000000"  # nosec B105 # pragma: allowlist secret
MIN_SECRET_KEY_LENGTH = 50


def secret_key(*, production: bool, environ: Mapping[str, str] = os.environ) -> str:
    """The SECRET_KEY; refuses to start production with a missing or weak key."""
    key = environ.get("SECRET_KEY", "").strip()
    if not production:
        return key or DEV_SECRET_KEY
    if not key:
        raise ImproperlyConfigured("SECRET_KEY must be set when SIHUB_ENV=production")
    if (
        key == DEV_SECRET_KEY
        or key.startswith("django-insecure")
        or len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < 5
    ):
        raise ImproperlyConfigured(
            f"SECRET_KEY is insecure: use at least {MIN_SECRET_KEY_LENGTH} random characters "
            '(python -c "import secrets; print(secrets.token_urlsafe(50))")'
        )
    return key


def database(url: str, *, base_dir: os.PathLike[str] | str) -> dict[str, object]:
    """Django DATABASES['default'] from DATABASE_URL.

    Empty means the embedded SQLite database in WAL mode. SQLite gets
    ``transaction_mode=IMMEDIATE`` so a writer takes the lock when its
    transaction starts (no "database is locked" upgrade failures under
    concurrent writes) and a busy timeout so waiting writers queue instead of
    failing at once.
    """
    import dj_database_url

    if not url:
        url = f"sqlite:///{os.fspath(base_dir)}/db.sqlite3"
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from None
    engine = str(config.get("ENGINE", ""))
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
        }
    elif engine != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            f"DATABASE_URL must point to SQLite or PostgreSQL, got engine {engine!r}"
        )
    # Reuse connections between requests: opening one costs more than most
    # queries (SQLite re-reads its schema; PostgreSQL forks a backend).
    config["CONN_MAX_AGE"] = 60
    config["CONN_HEALTH_CHECKS"] = True
    return config
