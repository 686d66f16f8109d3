#!/usr/bin/env bash
# Smoke test of the runnable jar: on the embedded default (fresh H2 data directory) start, wait for
# health, check the demo city and a demo sign-in, stop, start again (the demo load must be idempotent);
# then, when PostgreSQL answers at 127.0.0.1:5432, the same with the postgres profile on a fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR="${1:-target/yiwang.jar}"
JAVA_HOME=$(./yiwang java-home)
home=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
log="$home/app.log"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$home"; }
trap cleanup EXIT

start() {
  YIWANG_HOME="$home" SERVER_PORT="$port" "$JAVA_HOME/bin/java" -jar "$JAR" "$@" >>"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 180); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" | grep -q '"UP"'; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "smoke: the platform exited"; tail -50 "$log"; exit 1; }
    sleep 1
  done
  echo "smoke: no healthy platform after 180 s"; tail -50 "$log"; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

check() {
  local regions login
  regions=$(curl -fs "http://127.0.0.1:$port/api/v1/regions")
  echo "$regions" | grep -q '339900000000' || { echo "smoke: demo city missing from /api/v1/regions"; exit 1; }
  login=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"demo-citizen","password":"Yiwang@2026"}' "http://127.0.0.1:$port/api/v1/auth/login")
  [ "$login" = 200 ] || { echo "smoke: demo-citizen sign-in answered $login"; exit 1; }
  curl -fs "http://127.0.0.1:$port/login" | grep -q '<form' || { echo "smoke: no sign-in page"; exit 1; }
}

start; check
grep -q "Demo accounts" "$log" || { echo "smoke: the start-up banner with the demo accounts is missing"; exit 1; }
[ -f "$home/db/yiwang.mv.db" ] || { echo "smoke: no H2 file database under YIWANG_HOME"; exit 1; }
stop
start; check; stop
echo "smoke: embedded default OK (H2 file database in YIWANG_HOME, demo city, demo sign-in, restart)"

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  db=yiwang_smoke
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres >/dev/null 2>&1
  psql -h 127.0.0.1 -U postgres -qc "create database $db" postgres >/dev/null
  rm -rf "$home"/*
  export SPRING_PROFILES_ACTIVE=postgres SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$db" YIWANG_DEMO=true
  export SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}"
  start; check
  [ ! -e "$home/db" ] || { echo "smoke: the postgres profile wrote an H2 database"; exit 1; }
  stop
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" postgres >/dev/null 2>&1
  echo "smoke: postgres profile OK (Flyway schema, demo city, demo sign-in)"
fi
