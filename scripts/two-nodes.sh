#!/usr/bin/env bash
# Two platform nodes on one PostgreSQL (issue 6 item 2; figures in docs/reliability.md).
#   scripts/two-nodes.sh [load-seconds=40] [threads=8]
# Starts target/yiwang.jar twice (ports A and B) on one fresh database with the demo city, then checks:
#   - a web session signed in on A works on B and a logout on B ends it on A (Spring Session JDBC); a bearer token
#     from A works on B; one Idempotency-Key sent to both nodes at once creates one event;
#   - the SLA job (lease in gov_job_lease) escalates events that fall due exactly once per level although both nodes
#     run it every 5 s (history and audit rows counted);
#   - event intake spread over both nodes under load: every acknowledged submission exists exactly once.
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD_SECONDS="${1:-40}"; THREADS="${2:-8}"; SLA_EVENTS="${SLA_EVENTS:-5}"
DB="${TWO_NODES_DB:-yiwang_two_nodes}"
JAR="${YIWANG_JAR:-target/yiwang.jar}"
JAVA_HOME=$(./yiwang java-home)
[ -f "$JAR" ] || ./yiwang jar
work=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
pa=$(free_port); pb=$(free_port); A="http://127.0.0.1:$pa"; B="http://127.0.0.1:$pb"
run="two$(date +%s)"; pids=()
psqlc() { psql -h 127.0.0.1 -U postgres -qAt "$@"; }
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
psqlc -c "drop database if exists $DB" postgres >/dev/null 2>&1
psqlc -c "create database $DB" postgres >/dev/null

start() { # name port
  SPRING_PROFILES_ACTIVE=postgres SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$DB" SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
  YIWANG_DEMO=true SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE="${POOL:-4}" YIWANG_HOME="$work/$1" SERVER_PORT="$2" YIWANG_MQTT_PORT=0 \
  YIWANG_GOVERNANCE_EVENTS_SLA_INTERVAL=PT5S YIWANG_GOVERNANCE_EVENTS_ESCALATION_STEP=PT10S \
    "$JAVA_HOME/bin/java" -Xmx1g -jar "$JAR" >>"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$2/actuator/health" 2>/dev/null | grep -q '"UP"' && { echo "two-nodes: node $1 up on port $2"; return 0; }
    sleep 1
  done
  echo "two-nodes: node $1 did not start"; tail -40 "$work/$1.log"; KEEP=1; exit 1
}
driver() { "$JAVA_HOME/bin/java" scripts/reliability/Driver.java "$@"; }

start A "$pa"; start B "$pb"
ok=1
driver sessions "$A" "$B" || ok=0

mapfile -t sla < <(driver prepare-sla "$A" "$SLA_EVENTS" "$run")
ids=$(printf "'%s'," "${sla[@]}"); ids=${ids%,}
psqlc -d "$DB" -c "update gov_event set deadline = now() - interval '5 seconds' where id in ($ids)" >/dev/null
holders="$work/holders"
for _ in $(seq 1 240); do
  psqlc -d "$DB" -c "select holder from gov_job_lease where name = 'event-sla'" >> "$holders" || true
  n=$(psqlc -d "$DB" -c "select count(*) from gov_event where id in ($ids) and escalation_level = 2")
  [ "$n" = "${#sla[@]}" ] && break
  sleep 1
done
sleep 12 # more passes by both nodes after the last level: nothing may fire twice
overdue=$(psqlc -d "$DB" -c "select count(*) from gov_event_history where event_id in ($ids) and action = 'overdue'")
escal=$(psqlc -d "$DB" -c "select count(*) from gov_event_history where event_id in ($ids) and action = 'escalate'")
audit=$(psqlc -d "$DB" -c "select count(*) from audit_entry where action = 'event.escalate'")
echo "two-nodes: SLA: $n/${#sla[@]} escalated to level 2; $overdue overdue marks and $escal escalations in history, $audit event.escalate audit entries (expected ${#sla[@]}, $(( 2 * ${#sla[@]} )), $(( 2 * ${#sla[@]} ))); lease holders seen: $(sort -u "$holders" | grep -v '^$' | tr '\n' ' ')"
[ "$n" = "${#sla[@]}" ] && [ "$overdue" = "${#sla[@]}" ] && [ "$escal" = "$(( 2 * ${#sla[@]} ))" ] && [ "$audit" = "$(( 2 * ${#sla[@]} ))" ] || ok=0

acks="$work/acks.txt"
driver load "$A,$B" "$acks" "$THREADS" "$LOAD_SECONDS" "$run"
psqlc -d "$DB" -F'|' -c "select description, count(*), min(id) from gov_event where description like 'durability ${run}-%' group by description" > "$work/db.txt"
driver verify "$acks" "$work/db.txt" "$run" | tail -1 | tee "$work/verify.out"
grep -q "lost 0, duplicated 0, wrong id 0, stored but never acknowledged 0" "$work/verify.out" || ok=0
audit_ok=$(curl -fs -H "Authorization: Bearer $(curl -fs -H 'Content-Type: application/json' -d '{"username":"demo-admin","password":"'"${YIWANG_DEMO_PASSWORD:-Yiwang@2026}"'"}' "$B/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')" "$B/api/v1/audit/verify" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["ok"], d["entriesChecked"])')
echo "two-nodes: audit chain written by both nodes verifies: $audit_ok"
case "$audit_ok" in True*) ;; *) ok=0 ;; esac
[ "$ok" = 1 ] && echo "two-nodes: OK" || { echo "two-nodes: FAILED"; KEEP=1; exit 1; }
