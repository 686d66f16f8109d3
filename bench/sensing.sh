#!/usr/bin/env bash
# Sensing ingestion throughput: starts the platform (embedded H2 in a temporary home, free HTTP and MQTT ports), lets the
# 12 demo devices publish readings over MQTT and prints readings stored per second beside a raw JDBC batch-insert
# anchor measured in the same run, with the demo warning rules evaluated; then the alert latency (reading published over
# MQTT → city event created) p50/p99 during the load and on the idle platform. Not part of the test suite.
#   bench/sensing.sh [batchesPerDevice=50] [readingsPerBatch=100] [latencyTrials=40]   (env BUILD_DIR, default target-bench)
# With YIWANG_BENCH_PG_DB=<name> the platform runs on PostgreSQL (profile postgres, demo city loaded) in that database on
# 127.0.0.1:5432, dropped and created afresh (psql as postgres; the database named must be a scratch one).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(./yiwang java-home)"; export JAVA_HOME
BUILD_DIR="${BUILD_DIR:-target-bench}"
BATCHES="${1:-50}"; PER_BATCH="${2:-100}"; TRIALS="${3:-40}"
./mvnw -B -ntp -q -Dyiwang.build.dir="$BUILD_DIR" test-compile
./mvnw -B -ntp -q -Dyiwang.build.dir="$BUILD_DIR" dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench.classpath" >/dev/null
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench.classpath")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
HTTP_PORT=$(free_port); MQTT_PORT=$(free_port)
HOME_DIR=$(mktemp -d); PASSWORD="${YIWANG_DEMO_PASSWORD:-Yiwang@2026}"
PLATFORM_ENV=()
if [ -n "${YIWANG_BENCH_PG_DB:-}" ]; then
  psql -h 127.0.0.1 -U postgres -q -c "drop database if exists \"$YIWANG_BENCH_PG_DB\"" -c "create database \"$YIWANG_BENCH_PG_DB\""
  PLATFORM_ENV=(SPRING_PROFILES_ACTIVE=postgres YIWANG_DEMO=true SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$YIWANG_BENCH_PG_DB")
fi
if [ -n "${YIWANG_BENCH_PG_DB:-}" ]; then echo "Database: PostgreSQL $YIWANG_BENCH_PG_DB"; else echo "Database: embedded H2 file"; fi
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs) × $(nproc)"
env "${PLATFORM_ENV[@]}" YIWANG_HOME="$HOME_DIR" SERVER_PORT="$HTTP_PORT" YIWANG_MQTT_PORT="$MQTT_PORT" YIWANG_DEMO_PASSWORD="$PASSWORD" \
  "$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" org.yiwang.YiwangApplication >"$HOME_DIR/platform.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$HOME_DIR"' EXIT
for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/actuator/health" && break; sleep 2; done
curl -fs -o /dev/null "http://127.0.0.1:$HTTP_PORT/actuator/health" || { echo "platform did not start:"; grep -m5 ERROR "$HOME_DIR/platform.log"; exit 1; }
"$JAVA_HOME/bin/java" -Xmx512m -cp "$CP" org.yiwang.sensing.bench.SensingBench "http://127.0.0.1:$HTTP_PORT" "$MQTT_PORT" "$PASSWORD" "$BATCHES" "$PER_BATCH" "$TRIALS" 2>/dev/null
