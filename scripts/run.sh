#!/bin/sh
# Serve sihub and run the background worker and the scheduler beside it; Ctrl-C stops all.
set -eu
BIN=${BIN:-.venv/bin}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

"$BIN/python" manage.py db_worker --queue-name '*' &
WORKER=$!
"$BIN/python" manage.py run_scheduler &
SCHEDULER=$!
trap 'kill "$WORKER" "$SCHEDULER" 2>/dev/null || true' EXIT INT TERM

"$BIN/python" manage.py demo_login_hint --url "http://$HOST:$PORT" || true
exec_status=0
"$BIN/gunicorn" sihub.wsgi:application --bind "$HOST:$PORT" --workers 2 --threads 4 \
    --access-logfile - --graceful-timeout 10 || exec_status=$?
exit "$exec_status"
