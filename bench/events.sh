#!/usr/bin/env bash
# City-event throughput at scale (issue 4, Speed): a fresh PostgreSQL database (default yiwang_bench) gets the schema and the
# demo city from the platform, then EVENTS past events (default 1,000,000) with their history by bulk SQL
# (bench/events-load.sql); the platform (built classes, postgres profile) then serves CLIENTS concurrent clients running full
# cycles over HTTP — report → 立案 → 派遣 → 处置 → 核查 → 结案, plus a search — for DURATION seconds, then KPI queries per region and month.
# Prints cycles/s and p50/p99 per call beside a bare-JDBC anchor of the same rows measured in the same run and the published
# eGov DIGIT figures. Not part of the test suite.
#   EVENTS=100000 bench/events.sh          (env: EVENTS, CLIENTS=8, DURATION=60 (seconds), BENCH_DB=yiwang_bench, BUILD_DIR=target-bench,
#                                            KEEP_DB=1 to reuse a loaded database, PGHOST=127.0.0.1, PGUSER=postgres)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(./yiwang java-home)"; export JAVA_HOME
BUILD_DIR="${BUILD_DIR:-target-bench}"
EVENTS="${EVENTS:-1000000}"; CLIENTS="${CLIENTS:-8}"; DURATION="${DURATION:-60}"
DB="${BENCH_DB:-yiwang_bench}"; export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
PASSWORD="${YIWANG_DEMO_PASSWORD:-Yiwang@2026}"
./mvnw -B -ntp -q -Dyiwang.build.dir="$BUILD_DIR" test-compile
./mvnw -B -ntp -q -Dyiwang.build.dir="$BUILD_DIR" dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench.classpath" >/dev/null
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench.classpath")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
HTTP_PORT=$(free_port); MQTT_PORT=$(free_port); HOME_DIR=$(mktemp -d)
JDBC_URL="jdbc:postgresql://$PGHOST:5432/$DB?user=$PGUSER${PGPASSWORD:+&password=$PGPASSWORD}"
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) × $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL: $(psql -qtAc 'show server_version' postgres)"

loaded=0
if [ "${KEEP_DB:-0}" = 1 ] && [ "$(psql -qtAc "select 1 from pg_database where datname='$DB'" postgres)" = 1 ]; then loaded=1; fi
if [ "$loaded" = 0 ]; then
  psql -qc "drop database if exists $DB" postgres >/dev/null
  psql -qc "create database $DB" postgres >/dev/null
fi
start() {
  SPRING_PROFILES_ACTIVE=postgres SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:5432/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER" \
  SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" YIWANG_DEMO=true YIWANG_HOME="$HOME_DIR" SERVER_PORT="$HTTP_PORT" \
  YIWANG_MQTT_PORT="$MQTT_PORT" YIWANG_DEMO_PASSWORD="$PASSWORD" \
    "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" org.yiwang.YiwangApplication >"$HOME_DIR/platform.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 150); do curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/actuator/health" && return 0; sleep 2; done
  echo "platform did not start; see $HOME_DIR/platform.log"; tail -30 "$HOME_DIR/platform.log"; exit 1
}
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$HOME_DIR"' EXIT
start
if [ "$loaded" = 0 ]; then
  t0=$(date +%s)
  psql -q -v events="$EVENTS" -f bench/events-load.sql "$DB"
  echo "loaded $EVENTS past events with history in $(( $(date +%s) - t0 )) s"
fi
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" org.yiwang.governance.bench.EventsBench "http://127.0.0.1:$HTTP_PORT" "$PASSWORD" "$JDBC_URL" \
  "$CLIENTS" "$DURATION" 2>/dev/null
