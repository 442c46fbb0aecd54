#!/bin/sh
# Serve sihub and run the background worker beside it; Ctrl-C stops both.
set -eu
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

"$BIN/python" manage.py db_worker --queue-name '*' &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM

"$BIN/python" manage.py demo_login_hint --url "http://$HOST:$PORT" || true
exec_status=0
"$BIN/gunicorn" sihub.wsgi:application --bind "$HOST:$PORT" --workers 2 --threads 4 \
    --access-logfile - --graceful-timeout 10 || exec_status=$?
exit "$exec_status"
