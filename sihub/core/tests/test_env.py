import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sihub import env

ROOT = Path(__file__).resolve().parents[3]
STRONG_KEY = "k7Qp2vX9mZ4rT8wY1nB6cF3hJ5lD0sG7aE2iU9oK4qW8xR1tV6yN3mP5zC0bH7jL"


def test_it_reads_booleans_and_rejects_nonsense():
    assert env.env_bool("X", environ={"X": "yes"}) is True
    assert env.env_bool("X", environ={"X": "0"}) is False
    assert env.env_bool("X", True, environ={}) is True
    with pytest.raises(ImproperlyConfigured, match="X must be a boolean"):
        env.env_bool("X", environ={"X": "maybe"})


def test_it_rejects_integers_out_of_range():
    assert env.env_int("N", 5, environ={"N": "7"}) == 7
    with pytest.raises(ImproperlyConfigured, match="must be an integer"):
        env.env_int("N", 5, environ={"N": "seven"})
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.env_int("N", 5, minimum=1, environ={"N": "0"})


def test_it_rejects_unknown_choices():
    with pytest.raises(ImproperlyConfigured, match="SIHUB_ENV must be one of"):
        env.env_choice("SIHUB_ENV", ("development", "production"), "development",
                       environ={"SIHUB_ENV": "prod"})


def test_it_splits_lists():
    assert env.env_list("H", [], environ={"H": "a.org, b.org,"}) == ["a.org", "b.org"]


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 60, env.DEV_SECRET_KEY,
                                 "a" * 80])
def test_it_refuses_missing_or_weak_secret_keys_in_production(key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        env.secret_key(production=True, environ={"SECRET_KEY": key})


def test_it_accepts_a_strong_key_and_defaults_in_development():
    assert env.secret_key(production=True, environ={"SECRET_KEY": STRONG_KEY}) == STRONG_KEY
    assert env.secret_key(production=False, environ={}) == env.DEV_SECRET_KEY


def test_it_configures_sqlite_for_concurrent_writers(tmp_path):
    config = env.database("", base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_it_reads_postgres_urls_and_rejects_other_engines(tmp_path):
    config = env.database("postgres://u:p@db.example.org:5433/sihub", base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.org", 5433, "sihub")
    with pytest.raises(ImproperlyConfigured, match="SQLite or PostgreSQL"):
        env.database("mysql://u:p@localhost/sihub", base_dir=tmp_path)
    with pytest.raises(ImproperlyConfigured):
        env.database("nonsense://", base_dir=tmp_path)


def _manage(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items()
               if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL")}
    environ.update(extra_env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=120)


def test_it_passes_the_deployment_checklist_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     SIHUB_ENV="production", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_production_without_a_secret_key():
    result = _manage("check", SIHUB_ENV="production", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_to_start_production_without_allowed_hosts():
    result = _manage("check", SIHUB_ENV="production", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_it_collects_static_files_with_hashed_names_in_production(tmp_path):
    """The manifest storage refuses files that point to missing ones (e.g. source maps)."""
    result = _manage("collectstatic", "--noinput", SIHUB_ENV="production",
                     SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="example.org",
                     SIHUB_STATIC_ROOT=str(tmp_path / "static"))
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "vendor/leaflet/leaflet.js" in manifest


def test_it_adds_the_map_tile_host_to_the_content_security_policy():
    ok = _manage("shell", "-c", "from django.conf import settings; print("
                 "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
                 SIHUB_MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png",
                 SIHUB_MAP_TILE_ATTRIBUTION="© Example")
    assert ok.returncode == 0, ok.stderr
    assert "https://tiles.example.org" in ok.stdout
    bad = _manage("check", SIHUB_MAP_TILE_URL="http://tiles.example.org/{z}/{x}/{y}.png",
                  SIHUB_MAP_TILE_ATTRIBUTION="x")
    assert bad.returncode != 0 and "SIHUB_MAP_TILE_URL" in bad.stderr
