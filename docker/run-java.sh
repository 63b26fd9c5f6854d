#!/bin/sh
# The JVM image's entrypoint: java with the image's options, as PID 1 (exec), so that it receives
# SIGTERM itself and shuts down gracefully. Arguments go to the application (`migrate`, `check`).
#
# - The AOT cache (target/quarkus-app/app.aot, recorded by `./mvnw verify -Paot`) is used when the
#   image has one; without it the service starts the same way, only slower.
# - JAVA_ACTIVE_PROCESSOR_COUNT (the Kubernetes manifests set it to the pod's CPU request, rounded
#   up) sizes the JVM's and Vert.x' thread pools for the pod instead of the node: with no CPU limit
#   the JVM would count every core of the node. Unset (compose, docker run), the JVM reads the
#   container's CPU limit itself.
set -eu
app_dir=$(cd "$(dirname "$0")" && pwd)
aot=""
if [ -f "$app_dir/app.aot" ]; then
  aot="-XX:AOTCache=$app_dir/app.aot"
fi
cpus=""
case "${JAVA_ACTIVE_PROCESSOR_COUNT:-}" in
  "" ) ;;
  *[!0-9]* | 0 ) echo "run-java: ignoring JAVA_ACTIVE_PROCESSOR_COUNT=${JAVA_ACTIVE_PROCESSOR_COUNT} (not a positive integer)" >&2 ;;
  * ) cpus="-XX:ActiveProcessorCount=$JAVA_ACTIVE_PROCESSOR_COUNT" ;;
esac
# JAVA_OPTS is split on spaces on purpose: it is a list of options.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} $cpus $aot -jar "$app_dir/quarkus-run.jar" "$@"
