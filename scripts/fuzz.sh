#!/usr/bin/env bash
# Longer fuzzing of the hostile-input targets (issue 6 item 4; CI only replays the seed corpus in regression mode).
#   scripts/fuzz.sh [duration per target, e.g. 3m] [targets, default jsonEndpoints,pageForms,uploads]
# Each target of org.yiwang.reliability.HostileInputFuzzTest runs in Jazzer's fuzzing mode (JAZZER_FUZZ=1, coverage
# instrumentation of org.yiwang.** and Jazzer's bug detectors on) against the platform started by the test (the test
# database: YIWANG_TEST_DB / YIWANG_TEST_PG_DB as for ./yiwang test). A finding (5xx, leaked internals, unescaped markup)
# stops the run and is written as crash-* next to pom.xml; copy it into
# src/test/resources/org/yiwang/reliability/HostileInputFuzzTestInputs/<target>/ so CI replays it for good.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-3m}"
TARGETS="${2:-jsonEndpoints,pageForms,uploads}"
status=0
for t in ${TARGETS//,/ }; do
  log=$(mktemp)
  echo "fuzz: $t for $DURATION"
  if JAZZER_FUZZ=1 ./yiwang test -o -Dtest="HostileInputFuzzTest#$t" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="$DURATION" -Djazzer.hooks=true -Djazzer.instrument='org.yiwang.**' >"$log" 2>&1; then
    echo "fuzz: $t: no finding"
  else
    echo "fuzz: $t: FINDING or failure (log: $log)"; status=1
  fi
  grep -aE "^#[0-9]+.*(DONE|pulse|NEW)|Done [0-9]+ runs|exec/s|Tests run:" "$log" | tail -4 || true
done
ls crash-* 2>/dev/null && echo "fuzz: crashing inputs above" || true
exit $status
