#!/bin/sh
# Schemathesis against /api/v1/openapi.json on a local gunicorn with a scratch
# SQLite database: no 5xx, every response matches the schema.
set -eu
BIN=${BIN:-.venv/bin}
PORT=${API_FUZZ_PORT:-8765}
EXAMPLES=${API_FUZZ_EXAMPLES:-40}
WORK=$(mktemp -d)
export SIHUB_ENV=development DEBUG=0 DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3" \
       SIHUB_MEDIA_ROOT="$WORK/media" SIHUB_TASKS_BACKEND=immediate SIHUB_LOGIN_THROTTLING=0
cleanup() { [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

"$BIN/python" manage.py migrate --noinput -v 0
"$BIN/gunicorn" sihub.wsgi:application --bind "127.0.0.1:$PORT" --workers 2 \
    --log-level warning &
SERVER=$!
# An editor token so the write endpoints are exercised past authentication.
TOKEN=$("$BIN/python" manage.py shell -v 0 -c "
from sihub.core.models import User
from sihub.core.services import user_set_roles
from wagtail.models import APIToken
u = User.objects.create_user('fuzz@example.org', None)
user_set_roles(actor=None, user=u, roles=['editor'])
print(APIToken.create_token(user=u, name='fuzz')[1])" | tail -n 1)

"$BIN/schemathesis" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
    --wait-for-schema 30 \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$EXAMPLES" --generation-deterministic \
    --header "Authorization: Bearer $TOKEN"
