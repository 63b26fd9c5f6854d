#!/bin/sh
# Records a JDK 25+ AOT cache (JEP 483/514/515) of the service's start-up, for the image build.
#
# The service is started exactly as in production (same JVM options) but with every dependency on
# a closed port, which is the start-up that must be fast; once it has started it gets SIGTERM and
# the JVM writes the cache as it exits. Run it with the JVM options the container will use: a
# cache recorded with other options (another GC, say) is refused at launch.
#
# usage: JAVA=java JAVA_OPTS="..." aot-train.sh <quarkus-app dir> <cache file>
set -eu
app_dir=${1:?quarkus-app directory}
cache=${2:?cache file to write}
java=${JAVA:-java}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Closed ports and placeholder keys: nothing is reachable, which is the point (keys are read on
# first use, never during start-up). Port 0 lets two trainings run side by side.
DATABASE_URL=postgres://training@127.0.0.1:9/training REDIS_URL=redis://127.0.0.1:9 \
JWT_PRIVATE_KEY=/dev/null JWT_PUBLIC_KEY=/dev/null \
QUARKUS_HTTP_PORT=0 QUARKUS_MANAGEMENT_PORT=0 PERKS_SHUTDOWN_DRAIN_DELAY=0s \
    "$java" ${JAVA_OPTS:-} -XX:AOTCacheOutput="$cache" -jar "$app_dir/quarkus-run.jar" >"$log" 2>&1 &
pid=$!

waited=0
until grep -q "started in" "$log"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$waited" -ge 1200 ]; then
        cat "$log" >&2
        kill "$pid" 2>/dev/null || true
        echo "aot-train: the service did not start" >&2
        exit 1
    fi
    sleep 0.1
    waited=$((waited + 1))
done
kill -TERM "$pid"
wait "$pid" || true # 143 after SIGTERM is the clean exit
if [ ! -s "$cache" ]; then
    cat "$log" >&2
    echo "aot-train: no cache written (needs JDK 25 or newer)" >&2
    exit 1
fi
echo "aot-train: wrote $cache"
