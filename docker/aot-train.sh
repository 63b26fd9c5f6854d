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
keys=$(mktemp -d)
trap 'rm -rf "$log" "$keys"' EXIT

# The service checks its JWT keys at start-up, so training needs a real pair: the caller's
# (JWT_PRIVATE_KEY / JWT_PUBLIC_KEY), or a throwaway one made here and deleted afterwards.
if [ -z "${JWT_PRIVATE_KEY:-}" ] || [ -z "${JWT_PUBLIC_KEY:-}" ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
    openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
    JWT_PRIVATE_KEY="$keys/private.pem"
    JWT_PUBLIC_KEY="$keys/public.pem"
fi
export JWT_PRIVATE_KEY JWT_PUBLIC_KEY

# Closed ports: nothing is reachable, which is the start-up that must be fast. Port 0 lets two
# trainings run side by side.
DATABASE_URL=postgres://training@127.0.0.1:9/training REDIS_URL=redis://127.0.0.1:9 \
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
