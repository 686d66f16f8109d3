#!/usr/bin/env bash
# Durability under load and a hard crash (issue 6 item 1; figures in docs/reliability.md).
#   scripts/durability.sh [seconds=60] [threads=12] [kill-after=25]
# Starts target/yiwang.jar (built by ./yiwang jar when missing) on a fresh PostgreSQL database with the demo city,
# takes SLA_EVENTS events to DISPATCHED, drives city-event intake (citizens, enterprise, grid worker) under concurrent
# load with an Idempotency-Key per submission (a fifth retried at once), SIGKILLs the JVM mid-run, moves the SLA events'
# deadlines into the past while the platform is down, restarts it and then checks:
#   - every acknowledged (2xx) submission exists exactly once, with the acknowledged id, and nothing unacknowledged
#     exists (submissions in doubt when the JVM died are resubmitted with the same key and must not create twice);
#   - the SLA escalations that fell due during the outage fire after restart, exactly once per level.
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres; PGPASSWORD if any). Exit 0 only when records lost = 0.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${1:-60}"; THREADS="${2:-12}"; KILL_AFTER="${3:-25}"; SLA_EVENTS="${SLA_EVENTS:-5}"
DB="${DURABILITY_DB:-yiwang_durability}"
JAR="${YIWANG_JAR:-target/yiwang.jar}"
JAVA_HOME=$(./yiwang java-home)
[ -f "$JAR" ] || ./yiwang jar
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
base="http://127.0.0.1:$port"
log="$work/app.log"; acks="$work/acks.txt"; run="dur$(date +%s)"
pid=""
psqlc() { psql -h 127.0.0.1 -U postgres -qAt "$@"; }
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT

psqlc -c "drop database if exists $DB" postgres >/dev/null 2>&1
psqlc -c "create database $DB" postgres >/dev/null

start() {
  SPRING_PROFILES_ACTIVE=postgres SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  YIWANG_DEMO=true SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE="${POOL:-4}" YIWANG_HOME="$work/home" SERVER_PORT="$port" YIWANG_MQTT_PORT=0 \
  YIWANG_GOVERNANCE_EVENTS_SLA_INTERVAL=PT5S YIWANG_GOVERNANCE_EVENTS_ESCALATION_STEP=PT10S \
    "$JAVA_HOME/bin/java" -Xmx1g -jar "$JAR" >>"$log" 2>&1 &
  pid=$!
  local t0=$(date +%s)
  for _ in $(seq 1 600); do
    if curl -fs "$base/actuator/health" 2>/dev/null | grep -q '"UP"'; then echo "durability: platform up (pid $pid) after $(( $(date +%s) - t0 )) s"; return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "durability: the platform exited"; tail -50 "$log"; exit 1; }
    sleep 1
  done
  echo "durability: no healthy platform after 600 s"; tail -50 "$log"; exit 1
}
driver() { "$JAVA_HOME/bin/java" scripts/reliability/Driver.java "$@"; }

start
mapfile -t sla < <(driver prepare-sla "$base" "$SLA_EVENTS" "$run")
echo "durability: ${#sla[@]} events DISPATCHED for the SLA check"
ids=$(printf "'%s'," "${sla[@]}"); ids=${ids%,}

driver load "$base" "$acks" "$THREADS" "$SECONDS_RUN" "$run" > "$work/load.out" 2>"$work/load.err" &
load=$!
sleep "$KILL_AFTER"
before=$(grep -c '^ACK' "$acks" || true)
kill -9 "$pid"; wait "$pid" 2>/dev/null || true; pid=""
killed_at=$(date +%s)
echo "durability: SIGKILL after ${KILL_AFTER} s with $before submissions acknowledged so far"
# while the platform is down: the SLA events' deadlines pass (as if the outage lasted past them)
psqlc -d "$DB" -c "update gov_event set deadline = now() - interval '5 seconds' where id in ($ids)" >/dev/null
sleep 5
start
echo "durability: down for $(( $(date +%s) - killed_at )) s"
wait "$load" || { cat "$work/load.out" "$work/load.err"; echo "durability: the load driver failed"; exit 1; }
cat "$work/load.out"

psqlc -d "$DB" -F'|' -c "select description, count(*), min(id) from gov_event where description like 'durability ${run}-%' group by description" > "$work/db.txt"
driver verify "$acks" "$work/db.txt" "$run" | tee "$work/verify.out" | tail -5
grep -q "lost 0, duplicated 0, wrong id 0, stored but never acknowledged 0" "$work/verify.out" || { echo "durability: FAILED"; KEEP=1; exit 1; }

# SLA: each event overdue once and escalated to level 2 exactly once per level, after the restart
for _ in $(seq 1 180); do
  done_n=$(psqlc -d "$DB" -c "select count(*) from gov_event where id in ($ids) and overdue and escalation_level = 2")
  [ "$done_n" = "${#sla[@]}" ] && break
  sleep 1
done
fired_after=$(( $(date +%s) - killed_at ))
overdue=$(psqlc -d "$DB" -c "select count(*) from gov_event_history where event_id in ($ids) and action = 'overdue'")
escal=$(psqlc -d "$DB" -c "select count(*) from gov_event_history where event_id in ($ids) and action = 'escalate'")
audit=$(psqlc -d "$DB" -c "select count(*) from audit_entry where action = 'event.escalate'")
echo "durability: SLA after restart: $done_n/${#sla[@]} events escalated to level 2 (${fired_after} s after the kill); history: $overdue overdue marks, $escal escalations (expected ${#sla[@]} and $(( 2 * ${#sla[@]} ))); audit event.escalate: $audit"
[ "$done_n" = "${#sla[@]}" ] && [ "$overdue" = "${#sla[@]}" ] && [ "$escal" = "$(( 2 * ${#sla[@]} ))" ] || { echo "durability: SLA check FAILED"; KEEP=1; exit 1; }
echo "durability: OK — records lost 0, duplicates 0, escalations due during the outage fired once each"
