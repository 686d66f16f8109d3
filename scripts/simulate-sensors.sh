#!/usr/bin/env bash
# Sensor simulator for the demo city: publishes readings over MQTT as the 12 demo devices (river gauges rising past
# 警戒水位, rain gauges, restaurant gas detectors, elevators, PM2.5/AQI) to a running platform's embedded broker.
#   scripts/simulate-sensors.sh            # 127.0.0.1:1884, a round every 5 s, 120 rounds
#   YIWANG_SIM_SCENARIO=flood YIWANG_SIM_INTERVAL=2 YIWANG_SIM_ROUNDS=25 scripts/simulate-sensors.sh
#                                          # drives the 荷花桥 gauge past 警戒水位 4.0 m (红色 alert + city event)
# Environment: YIWANG_MQTT_HOST, YIWANG_MQTT_PORT, YIWANG_DEMO_PASSWORD (must match the platform's demo password),
# YIWANG_SIM_INTERVAL (seconds), YIWANG_SIM_ROUNDS (0 = until Ctrl-C), YIWANG_SIM_PACKS (flood,gas,elevator,air),
# YIWANG_SIM_SCENARIO (normal, flood, gas-leak, elevator-trapped, smog), BUILD_DIR (default target-sim).
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="$(./yiwang java-home)"; export JAVA_HOME
BUILD_DIR="${BUILD_DIR:-target-sim}"
./mvnw -B -ntp -q -Dyiwang.build.dir="$BUILD_DIR" compile
./mvnw -B -ntp -q -Dyiwang.build.dir="$BUILD_DIR" dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$BUILD_DIR/sim.classpath" >/dev/null
exec "$JAVA_HOME/bin/java" -cp "$BUILD_DIR/classes:$(cat "$BUILD_DIR/sim.classpath")" org.yiwang.sensing.internal.SensorSimulator
