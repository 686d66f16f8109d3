#!/usr/bin/env bash
# Point → grid lookups/s on one core: demo index and a synthetic 10,000-grid index, beside the naive linear-scan
# anchor measured in the same run. Not part of the test suite. Usage: bench/grids.sh   (env BUILD_DIR, default target-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(./yiwang java-home)"; export JAVA_HOME
BUILD_DIR="${BUILD_DIR:-target-bench}"
./mvnw -B -ntp -q -Dyiwang.build.dir="$BUILD_DIR" test-compile
./mvnw -B -ntp -q -Dyiwang.build.dir="$BUILD_DIR" dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/bench.classpath" >/dev/null
CP="$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/bench.classpath")"
echo "JDK: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
PIN=(); command -v taskset >/dev/null && PIN=(taskset -c 0)
exec "${PIN[@]}" "$JAVA_HOME/bin/java" -XX:ActiveProcessorCount=1 -Xmx1g -cp "$CP" org.yiwang.governance.bench.GridBench
