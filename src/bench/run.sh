#!/usr/bin/env bash
# The benchmark: one bounded command (under 10 minutes) that measures, in one run, what SPEC §6
# asks, prints a markdown table and writes target/bench/results.json. Needs the local PostgreSQL
# and Redis; installs wrk and pgbench from Debian's packages when missing; builds the application
# (with Quarkus' JDK 25 AOT cache: ./mvnw verify -Paot) when target/quarkus-app/app.aot is missing.
# Every process it starts is stopped by PID on exit; only 127.0.0.1 is contacted.
# BENCH_PHASES picks phases (default: "startup reads claims outages"; "recovery", about 3½ minutes,
# runs only when named). Sourced with BENCH_LIB=1 it
# only defines its functions (start_service, start_baseline ...) for other scripts to call.
# Reads phase only: BENCH_PROFILE="cpu alloc" adds one profiled round per mode (async-profiler from
# ~/.m2, tools.profiler:async-profiler:4.1:jar:linux-x64) of the service and one of the baseline,
# writing target/bench/profile-<mode>[-baseline].html (flame graph), .collapsed, .requests and
# -top.txt, and for cpu profile-cpu-compare.txt (CPU µs per request by layer); BENCH_ALT_APP
# (another quarkus-app directory, e.g. a build before a change) and/or BENCH_ALT_OPTS (extra JVM options, e.g. -Dsome.runtime.key=x) add a
# second service, "alt", interleaved with the service and the baseline: a before/after in one run.
# OPEN_LOOP=0 skips the open-loop part.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
DATABASE=perks_benchmark
PERKS=10000
CLAIM_PERKS=100         # ids after the 10,000 readable ones, each with CLAIM_STOCK units
CLAIM_STOCK=20
USERS=200
ROUND_SECONDS=10
WARMUP_SECONDS=10
OUT=target/bench
APP=target/quarkus-app
TOOLS="python3 src/bench/tools.py"
# The image's options (pom.xml image.java.options, docker/Dockerfile.jvm): the production launch.
IMAGE_OPTS=$(sed -n 's:.*<image.java.options>\(-.*\)</image.java.options>.*:\1:p' pom.xml | head -1)

PHASES=" ${BENCH_PHASES:-startup reads claims outages} "
phase() { [[ "$PHASES" == *" $1 "* ]]; }
BASELINE_CLASSES=target/bench/classes

mkdir -p "$OUT"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
log() { echo "bench: $*" >&2; }
ms_now() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; printf "%.1f", a[i]}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- the hand-written baseline (src/bench/java): compiled against the project's own dependencies,
# never part of the service's artifact. start_baseline JAVA OPTS...; sets BASE_PID BASE_PORT BASE_READY_MS.
build_baseline() {
  if [ ! -f "$BASELINE_CLASSES/classpath.txt" ] || [ ! -f "$BASELINE_CLASSES/BaselineServer.class" ] || [ src/bench/java/BaselineServer.java -nt "$BASELINE_CLASSES/BaselineServer.class" ] \
     || [ src/bench/java/OpenLoad.java -nt "$BASELINE_CLASSES/OpenLoad.class" ]; then
    mkdir -p "$BASELINE_CLASSES"
    ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$BASELINE_CLASSES/classpath.txt" >/dev/null
    javac -d "$BASELINE_CLASSES" -cp "$(cat "$BASELINE_CLASSES/classpath.txt")" src/bench/java/*.java
  fi
  BASELINE_CP="$BASELINE_CLASSES:$(cat "$BASELINE_CLASSES/classpath.txt")"
}
start_baseline() {
  local java=$1; shift
  build_baseline
  BASE_PORT=$(free_port); local started; started=$(ms_now)
  PORT=$BASE_PORT PGHOST=127.0.0.1 PGPORT=${BASE_DB_PORT:-5432} PGDATABASE=$DATABASE PGUSER=postgres POOL_SIZE=${POOL_SIZE:-32} \
    "$java" "$@" -cp "$BASELINE_CP" BaselineServer >"$WORK/baseline.log" 2>&1 &
  BASE_PID=$!; PIDS+=("$BASE_PID")
  for _ in $(seq 1 3000); do
    if grep -q '^ready' "$WORK/baseline.log" && curl -s -o /dev/null "http://127.0.0.1:$BASE_PORT/api/perks/1"; then
      BASE_READY_MS=$(( $(ms_now) - started )); return 0
    fi
    kill -0 "$BASE_PID" 2>/dev/null || { tail -20 "$WORK/baseline.log"; exit 1; }
    sleep 0.01
  done
  log "the baseline never answered"; exit 1
}

# --- the service: launch_service NAME DB_PORT JAVA OPTS... starts it and sets SVC_PID SVC_API SVC_MGMT;
# start_service (same arguments) also waits for ready. SVC_DATABASE names another database than
# $DATABASE; SVC_ENV (an array of NAME=value) adds or overrides environment variables.
SVC_ENV=()
launch_service() {
  local name=$1 db_port=$2 java=$3; shift 3
  SVC_API=$(free_port); SVC_MGMT=$(free_port)
  env DATABASE_URL="postgres://postgres@127.0.0.1:$db_port/${SVC_DATABASE:-$DATABASE}" REDIS_URL=redis://127.0.0.1:6379 \
    JWT_PRIVATE_KEY="$WORK/private.pem" JWT_PUBLIC_KEY="$WORK/public.pem" PORT="$SVC_API" QUARKUS_MANAGEMENT_PORT="$SVC_MGMT" \
    PERKS_SHUTDOWN_DRAIN_DELAY=0s PERKS_AUTH_BCRYPT_COST=4 PERKS_AUTH_THROTTLE_MAX_REGISTRATIONS_PER_ADDRESS=100000 \
    PERKS_AUTH_THROTTLE_KEY_PREFIX="perks-bench:$$:" "${SVC_ENV[@]}" \
    "$java" "$@" -jar "${SVC_APP:-$APP}/quarkus-run.jar" >"$WORK/$name.log" 2>&1 &
  SVC_PID=$!; PIDS+=("$SVC_PID")
}
start_service() {
  local name=$1
  launch_service "$@"
  SVC_LIVE_MS=; local started; started=$(ms_now)
  for _ in $(seq 1 3000); do
    [ -z "$SVC_LIVE_MS" ] && curl -sf -o /dev/null "http://127.0.0.1:$SVC_MGMT/q/health/live" && SVC_LIVE_MS=$(( $(ms_now) - started ))
    if curl -sf -o /dev/null "http://127.0.0.1:$SVC_MGMT/q/health/ready"; then SVC_READY_MS=$(( $(ms_now) - started )); return 0; fi
    kill -0 "$SVC_PID" 2>/dev/null || { tail -20 "$WORK/$name.log"; exit 1; }
    sleep 0.01
  done
  log "$name never turned ready"; tail -20 "$WORK/$name.log"; exit 1
}
stop_service() { kill "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; }
rss_mib() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

[ "${BENCH_LIB:-0}" = 1 ] && return 0 2>/dev/null   # sourced: the functions only

# --- tools and the application
command -v wrk >/dev/null || { log "installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
command -v pgbench >/dev/null || { log "installing pgbench"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-contrib >/dev/null; }
# Only the production start-up and read figures need the AOT cache: a recovery-only run goes without
# one unless it is there already or BENCH_AOT=1 asks for it.
if [ "$PHASES" = " recovery " ] && [ ! -f "$APP/app.aot" ]; then BENCH_AOT=${BENCH_AOT:-0}; fi
if [ "${BENCH_AOT:-1}" = 1 ] && [ ! -f "$APP/app.aot" ]; then
  log "building the application and recording its AOT cache (./mvnw verify -Paot, the workload IT only)"
  ./mvnw -B -q verify -Paot -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ApiWorkloadIT >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log"; exit 1; }
elif [ ! -f "$APP/quarkus-run.jar" ]; then
  ./mvnw -B -q package -DskipTests >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; exit 1; }
fi
# BENCH_AOT=0: no AOT cache (quicker to iterate; start-up figures are then not the production launch's).
AOT_OPTS=; [ "${BENCH_AOT:-1}" = 1 ] && AOT_OPTS="-XX:AOTCache=$APP/app.aot"
build_baseline
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"

# --- a database with 10,000 readable perks and the claimable ones
log "preparing $DATABASE"
psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" -c "CREATE DATABASE $DATABASE" >/dev/null
start_service prepare 5432 "$JDK17"   # migrations create the schema
stop_service
psql -h 127.0.0.1 -U postgres -d $DATABASE -qAt >/dev/null <<SQL
INSERT INTO perks (title, description, stock, active, created_at)
  SELECT 'Perk ' || i, 'Benchmark perk number ' || i, 1000, true, now() FROM generate_series(1, $PERKS) i;
INSERT INTO perks (title, description, stock, active, created_at)
  SELECT 'Claimable ' || i, 'Limited', $CLAIM_STOCK, true, now() FROM generate_series(1, $CLAIM_PERKS) i;
ANALYZE;
SQL
FIRST_CLAIM_ID=$(psql -h 127.0.0.1 -U postgres -d $DATABASE -qAt -c "SELECT min(id) FROM perks WHERE title LIKE 'Claimable %'")

# --- start-up: launch -> live and -> ready, schema current, median of 5, interleaved
if phase startup; then
log "start-up (5 x plain JDK 17, 5 x production launch, 5 x the baseline with the image's options)"
: >"$WORK/live17"; : >"$WORK/ready17"; : >"$WORK/liveprod"; : >"$WORK/readyprod"; : >"$WORK/readybase"
for _ in 1 2 3 4 5; do
  # shellcheck disable=SC2086
  start_baseline "$JDK25" $IMAGE_OPTS; echo "$BASE_READY_MS" >>"$WORK/readybase"; kill "$BASE_PID"; wait "$BASE_PID" 2>/dev/null || true
  start_service s17 5432 "$JDK17"; echo "$SVC_LIVE_MS" >>"$WORK/live17"; echo "$SVC_READY_MS" >>"$WORK/ready17"; stop_service
  # shellcheck disable=SC2086
  start_service sprod 5432 "$JDK25" $IMAGE_OPTS $AOT_OPTS; echo "$SVC_LIVE_MS" >>"$WORK/liveprod"; echo "$SVC_READY_MS" >>"$WORK/readyprod"; stop_service
done
grep -q "Unable to use AOT\|\[aot\]\[warning\]" "$WORK/sprod.log" && log "WARNING: the JVM refused the AOT cache"
# One more launch of each with Quarkus' per-step clock and the JVM's class-load log: where the boot goes.
log "start-up: the boot steps and classes loaded of each launch"
start_service steps17 5432 "$JDK17" -Dquarkus.debug.print-startup-times=true "-Xlog:class+load=info:file=$WORK/classes17"; stop_service
# shellcheck disable=SC2086
start_service stepsprod 5432 "$JDK25" $IMAGE_OPTS $AOT_OPTS -Dquarkus.debug.print-startup-times=true "-Xlog:class+load=info:file=$WORK/classesprod"
stop_service
$TOOLS bootsteps "$WORK/steps17.log" "$WORK/stepsprod.log" >"$WORK/steps.json"
# Three instances booting together on the same cores (a node rolling a Deployment): the slowest one's ready.
log "start-up: three production launches at once"
three=(); started=$(ms_now)
for i in 1 2 3; do
  # shellcheck disable=SC2086
  launch_service three-$i 5432 "$JDK25" $IMAGE_OPTS $AOT_OPTS; three+=("$SVC_PID:$SVC_MGMT")
done
await_ready() { for _ in $(seq 1 6000); do curl -sf -o /dev/null "http://127.0.0.1:$1/q/health/ready" && return 0; sleep 0.01; done; return 1; }
THREE_READY_MS=0
for entry in "${three[@]}"; do
  await_ready "${entry#*:}" || { log "one of three never turned ready"; exit 1; }
  THREE_READY_MS=$(( $(ms_now) - started ))
done
for entry in "${three[@]}"; do kill "${entry%%:*}"; wait "${entry%%:*}" 2>/dev/null || true; done
jq -n --argjson live_ms_jdk17 "$(median <"$WORK/live17")" --argjson ready_ms_jdk17 "$(median <"$WORK/ready17")" \
  --argjson live_ms_production "$(median <"$WORK/liveprod")" --argjson ready_ms_production "$(median <"$WORK/readyprod")" \
  --argjson ready_ms_baseline "$(median <"$WORK/readybase")" --argjson three_at_once_ready_ms "$THREE_READY_MS" \
  --argjson classes_jdk17 "$(wc -l <"$WORK/classes17")" --argjson classes_production "$(wc -l <"$WORK/classesprod")" \
  '{live_ms_jdk17:$live_ms_jdk17, ready_ms_jdk17:$ready_ms_jdk17, live_ms_production:$live_ms_production,
    ready_ms_production:$ready_ms_production, ready_ms_baseline:$ready_ms_baseline,
    three_at_once_ready_ms:$three_at_once_ready_ms, classes_loaded_jdk17:$classes_jdk17,
    classes_loaded_production:$classes_production}' >"$WORK/startup.json"
fi

# --- reads: the service (the image's JVM, options and AOT cache) against the hand-written baseline (same
# JVM and options), each with a GC log. Saturated wrk rounds, interleaved, for throughput and CPU per
# request; then an open-loop generator (OpenLoad) at 50 % and 80 % of the baseline's measured capacity for
# latency as users feel it. Every figure is also given as a ratio to the baseline's in this run.
if phase reads; then
cat >"$WORK/read.lua" <<LUA
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
function init(args) math.randomseed(os.time() * 1000 + seed * 7919); math.random(); math.random() end
request = function() return wrk.format("GET", "/api/perks/" .. math.random(1, $PERKS)) end
LUA
cat >"$WORK/read.sql" <<SQL
\set id random(1, $PERKS)
SELECT id, title, description, stock, active, created_at FROM perks WHERE id = :id AND active;
SQL
wrk_round() { # port seconds -> "rps p50 p99 requests"
  wrk -t2 -c64 -d"$2"s --latency -s "$WORK/read.lua" "http://127.0.0.1:$1" >"$WORK/wrk.out"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /requests in/ {n=$1}
       function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
       END {printf "%d %.2f %.2f %d\n", rps, ms(p50), ms(p99), n}' "$WORK/wrk.out"
}
# 16 clients: the service's and the baseline's pools (32 each) stay open beside it, under max_connections.
pgbench_round() {
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 16 -j 2 -T "$ROUND_SECONDS" -f "$WORK/read.sql" $DATABASE 2>/dev/null \
    | awk '/^tps/ {printf "%d\n", $3}'
}
# profile MODE WHO PID PORT: one wrk round on PORT with async-profiler attached to PID (jcmd JVMTI.agent_load;
# the options are quoted, or jcmd splits them at '=' and the agent sees none). The service's files are
# profile-MODE.*, the baseline's profile-MODE-baseline.*; .requests holds the round's request count.
AP_LIB=$OUT/async-profiler/linux-x64/libasyncProfiler.so
profile_round() {
  local mode=$1 who=$2 pid=$3 port=$4 event file=$OUT/profile-$1
  [ "$who" = base ] && file=$OUT/profile-$mode-baseline
  case $mode in cpu) event="event=cpu,interval=1ms" ;; alloc) event="event=alloc" ;; *) log "unknown profile mode $mode"; return 1 ;; esac
  log "reads: profiling $who ($mode) during one ${ROUND_SECONDS}s round"
  "$JDK25_JCMD" "$pid" JVMTI.agent_load "$(realpath "$AP_LIB")" "\"start,$event\"" >/dev/null
  wrk_round "$port" "$ROUND_SECONDS" | awk '{print $4}' >"$file.requests"
  "$JDK25_JCMD" "$pid" JVMTI.agent_load "$(realpath "$AP_LIB")" "\"dump,collapsed,file=$(realpath "$file").collapsed\"" >/dev/null
  "$JDK25_JCMD" "$pid" JVMTI.agent_load "$(realpath "$AP_LIB")" "\"stop,title=GET_api_perks_id_${mode}_$who,file=$(realpath "$file").html\"" >/dev/null
  $TOOLS profiletop "$file.collapsed" >"$file-top.txt"
}
PROFILE_OPTS=
if [ -n "${BENCH_PROFILE:-}" ]; then
  JDK25_JCMD=$(dirname "$JDK25")/jcmd
  if [ ! -f "$AP_LIB" ]; then
    ap_jar=$HOME/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1-linux-x64.jar
    [ -f "$ap_jar" ] || ./mvnw -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 >/dev/null
    mkdir -p "$OUT/async-profiler"; (cd "$OUT/async-profiler" && unzip -q -o "$ap_jar" 'linux-x64/*')
  fi
  # Frames between safepoints too, so inlined methods are charged to themselves.
  PROFILE_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
fi
CONTENDERS="svc base"
log "reads: the service and the baseline side by side, warm-up, 3 interleaved saturated rounds of ${ROUND_SECONDS}s"
# shellcheck disable=SC2086
start_service reads 5432 "$JDK25" $IMAGE_OPTS $AOT_OPTS $PROFILE_OPTS "-Xlog:gc:file=$WORK/gc-svc.log:time"; READ_PID=$SVC_PID; READ_PORT=$SVC_API
if [ -n "${BENCH_ALT_APP:-}${BENCH_ALT_OPTS:-}" ]; then
  ALT_AOT=$AOT_OPTS; [ -n "${BENCH_ALT_APP:-}" ] && [ -n "$AOT_OPTS" ] && ALT_AOT="-XX:AOTCache=$BENCH_ALT_APP/app.aot"
  [ -n "$ALT_AOT" ] && [ ! -f "${ALT_AOT#-XX:AOTCache=}" ] && ALT_AOT=
  # shellcheck disable=SC2086
  SVC_APP=${BENCH_ALT_APP:-$APP} start_service alt 5432 "$JDK25" $IMAGE_OPTS $ALT_AOT ${BENCH_ALT_OPTS:-} "-Xlog:gc:file=$WORK/gc-alt.log:time"
  ALT_PID=$SVC_PID; ALT_PORT=$SVC_API; CONTENDERS="svc alt base"
  log "reads: alt = ${BENCH_ALT_APP:-$APP} ${BENCH_ALT_OPTS:-}"
fi
# shellcheck disable=SC2086
start_baseline "$JDK25" $IMAGE_OPTS $PROFILE_OPTS "-Xlog:gc:file=$WORK/gc-base.log:time"
sleep 2
contender() { # who -> sets pid port
  case $1 in svc) pid=$READ_PID; port=$READ_PORT ;; alt) pid=$ALT_PID; port=$ALT_PORT ;; base) pid=$BASE_PID; port=$BASE_PORT ;; esac
}
for who in $CONTENDERS; do contender $who; rss_mib "$pid" >"$WORK/$who.rss_idle"; done
for who in $CONTENDERS; do
  [ $who = base ] && continue; contender $who
  [ "$(curl -s "http://127.0.0.1:$port/api/perks/7" | jq -S 'del(.createdAt)')" = \
    "$(curl -s "http://127.0.0.1:$BASE_PORT/api/perks/7" | jq -S 'del(.createdAt)')" ] || log "WARNING: $who's JSON differs from the baseline's"
done
for who in $CONTENDERS; do contender $who; wrk_round "$port" "$WARMUP_SECONDS" >/dev/null; done
for who in $CONTENDERS; do : >"$WORK/$who.rps"; : >"$WORK/$who.p99"; : >"$WORK/$who.cpu"; : >"$WORK/$who.rss"; done
: >"$WORK/tps"
MEASURED_FROM=$(ms_now)
for _ in 1 2 3; do
  for who in $CONTENDERS; do
    contender $who
    ticks=$(cpu_ticks "$pid")
    read -r rps _ p99 n < <(wrk_round "$port" "$ROUND_SECONDS")
    echo $(( ($(cpu_ticks "$pid") - ticks) * 1000000 / $(getconf CLK_TCK) / n )) >>"$WORK/$who.cpu"
    echo "$rps" >>"$WORK/$who.rps"; echo "$p99" >>"$WORK/$who.p99"; rss_mib "$pid" >>"$WORK/$who.rss"; echo >>"$WORK/$who.rss"
  done
  # With alt, three pools of 32 leave no room under max_connections (100) for pgbench's 16 clients.
  [ "$CONTENDERS" = "svc base" ] && pgbench_round >>"$WORK/tps"
done
[ -s "$WORK/tps" ] || echo null >"$WORK/tps"
SATURATED_TO=$(ms_now)
BASE_CAPACITY=$(median <"$WORK/base.rps")
OPEN_SECONDS=${OPEN_SECONDS:-15}
if [ "${OPEN_LOOP:-1}" = 1 ]; then
  for pct in 50 80; do
    rate=$(( BASE_CAPACITY * pct / 100 ))
    log "reads: open loop at ${pct} % of the baseline's capacity ($rate req/s, ${OPEN_SECONDS}s + 3s warm-up each)"
    for who in $CONTENDERS; do
      contender $who
      "$JDK17" -Xmx256m -cp "$BASELINE_CP" OpenLoad "$port" "$rate" "$OPEN_SECONDS" 3 $PERKS "$RANDOM$RANDOM" >"$WORK/open-$who-$pct"
    done
  done
fi
OPEN_TO=$(ms_now)
for mode in ${BENCH_PROFILE:-}; do
  profile_round "$mode" svc "$READ_PID" "$READ_PORT"
  profile_round "$mode" base "$BASE_PID" "$BASE_PORT"
done
if [[ " ${BENCH_PROFILE:-} " == *" cpu "* ]]; then
  $TOOLS profilecompare "$OUT/profile-cpu" "$OUT/profile-cpu-baseline" >"$OUT/profile-cpu-compare.txt" \
    && cat "$OUT/profile-cpu-compare.txt" || log "WARNING: the profiles could not be compared"
fi
for who in $CONTENDERS; do sed -i '/^$/d' "$WORK/$who.rss"; done
open_json() { # who pct -> {rate, sent, ok, errors, achieved, p50, p99, p999, max}, or null when not run
  [ -f "$WORK/open-$1-$2" ] || { echo null; return; }
  awk -v rate="$(( BASE_CAPACITY * $2 / 100 ))" '{printf "{\"rate\":%d,\"sent\":%d,\"ok\":%d,\"errors\":%d,\"achieved\":%d,\"p50_ms\":%s,\"p99_ms\":%s,\"p999_ms\":%s,\"max_ms\":%s}", rate,$1,$2,$3,$4,$5,$6,$7,$8}' "$WORK/open-$1-$2"
}
contender_json() { # who -> its figures, and ratios to the baseline's
  jq -n --argjson rps "$(median <"$WORK/$1.rps")" --argjson cpu "$(median <"$WORK/$1.cpu")" \
    --argjson p99 "$(sort -n "$WORK/$1.p99" | sed -n 2p)" --argjson rss_idle "$(cat "$WORK/$1.rss_idle")" \
    --argjson rss_after "[$(paste -sd, "$WORK/$1.rss")]" --argjson open50 "$(open_json "$1" 50)" --argjson open80 "$(open_json "$1" 80)" \
    --argjson gc "$($TOOLS gcpause "$WORK/gc-$1.log" "$MEASURED_FROM" "$OPEN_TO")" \
    --argjson base_rps "$BASE_CAPACITY" --argjson base_cpu "$(median <"$WORK/base.cpu")" \
    --argjson base_open50 "$(open_json base 50)" --argjson base_open80 "$(open_json base 80)" \
    'def ratio(a; b): if a == null or b == null then null else (((a / b) * 100 | round) / 100) end;
     {rps:$rps, rps_ratio:ratio($rps; $base_rps), cpu_us_per_request:$cpu, cpu_ratio:ratio($cpu; $base_cpu),
      saturated_p99_ms:$p99, open50:$open50, open50_p99_ratio:ratio($open50.p99_ms; $base_open50.p99_ms),
      open80:$open80, open80_p99_ratio:ratio($open80.p99_ms; $base_open80.p99_ms),
      gc_pause_ms_per_10s:$gc, rss_idle_mib:$rss_idle, rss_after_mib:$rss_after}'
}
contender_json svc >"$WORK/c-svc.part"; contender_json base >"$WORK/c-base.part"
jq -n --slurpfile s "$WORK/c-svc.part" --slurpfile b "$WORK/c-base.part" --argjson pgbench_tps_16 "$(median <"$WORK/tps")" \
  '$s[0] as $s | $b[0] as $b |
   {read_rps:$s.rps, baseline_rps:$b.rps, read_rps_ratio:$s.rps_ratio, pgbench_tps_16_clients:$pgbench_tps_16,
    cpu_us_per_request:$s.cpu_us_per_request, baseline_cpu_us_per_request:$b.cpu_us_per_request, cpu_ratio:$s.cpu_ratio,
    saturated_p99_ms:$s.saturated_p99_ms, baseline_saturated_p99_ms:$b.saturated_p99_ms,
    open50:$s.open50, baseline_open50:$b.open50, open50_p99_ratio:$s.open50_p99_ratio,
    open80:$s.open80, baseline_open80:$b.open80, open80_p99_ratio:$s.open80_p99_ratio,
    gc_pause_ms_per_10s:$s.gc_pause_ms_per_10s, baseline_gc_pause_ms_per_10s:$b.gc_pause_ms_per_10s,
    rss_idle_mib:$s.rss_idle_mib, baseline_rss_idle_mib:$b.rss_idle_mib,
    rss_after_mib:$s.rss_after_mib, baseline_rss_after_mib:$b.rss_after_mib}' >"$WORK/reads.json"
if [[ "$CONTENDERS" == *alt* ]]; then
  contender_json alt | jq --arg app "${BENCH_ALT_APP:-$APP}" --arg opts "${BENCH_ALT_OPTS:-}" \
    '{alt: ({app:$app, options:$opts} + .)}' >"$WORK/reads-alt.json"
  kill "$ALT_PID"; wait "$ALT_PID" 2>/dev/null || true
fi
kill "$READ_PID" "$BASE_PID"; wait "$READ_PID" "$BASE_PID" 2>/dev/null || true
fi

if phase claims; then
start_service claims 5432 "$JDK25" $IMAGE_OPTS $AOT_OPTS; PROD_API=$SVC_API
# --- claims: distinct users claiming limited stock; nothing may oversell
log "claims: $USERS users on $CLAIM_PERKS perks of $CLAIM_STOCK units"
: >"$WORK/tokens"
for i in $(seq 1 $USERS); do
  curl -sf -H 'Content-Type: application/json' -d "{\"email\":\"bench-$$-$i@perks.test\",\"password\":\"bench-password\",\"displayName\":\"Bench $i\"}" \
    "http://127.0.0.1:$PROD_API/api/auth/register" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])' >>"$WORK/tokens"
done
{ echo "tokens = {"; sed 's/.*/"&",/' "$WORK/tokens"; echo "}"; cat <<LUA
math.randomseed(os.time())
request = function()
  local token = tokens[math.random(1, #tokens)]
  local perk = $FIRST_CLAIM_ID + math.random(0, $CLAIM_PERKS - 1)
  return wrk.format("POST", "/api/perks/" .. perk .. "/claims", { ["Authorization"] = "Bearer " .. token }, "")
end
LUA
} >"$WORK/claims.lua"
wrk -t2 -c32 -d"$ROUND_SECONDS"s -s "$WORK/claims.lua" "http://127.0.0.1:$PROD_API" >"$WORK/claims.out"
CLAIMS_RPS=$(awk '/Requests\/sec/ {printf "%d", $2}' "$WORK/claims.out")
read -r CLAIMS_CREATED OVERSOLD < <(psql -h 127.0.0.1 -U postgres -d $DATABASE -qAt -F ' ' -c "
  SELECT (SELECT count(*) FROM claims),
         (SELECT count(*) FROM perks p WHERE p.id >= $FIRST_CLAIM_ID
            AND (p.stock < 0 OR p.stock + (SELECT count(*) FROM claims c WHERE c.perk_id = p.id) <> $CLAIM_STOCK))")
stop_service
jq -n --argjson claims_rps "$CLAIMS_RPS" --argjson claims_created "$CLAIMS_CREATED" --argjson oversold "$OVERSOLD" \
  '{claims_rps:$claims_rps, claims_created:$claims_created, oversold:$oversold}' >"$WORK/claims.json"
fi

# --- outages through the fault proxy: refused, black-holed, recovery
if phase outages; then
PROXY_PORT=$(free_port); echo pass >"$WORK/mode"
$TOOLS proxy "$PROXY_PORT" 5432 "$WORK/mode" & PIDS+=("$!")
start_service outage "$PROXY_PORT" "$JDK25" $IMAGE_OPTS $AOT_OPTS
PERK_URL="http://127.0.0.1:$SVC_API/api/perks/42"
$TOOLS latency "$PERK_URL" 3s 2 >/dev/null   # warm
ready_is() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SVC_MGMT/q/health/ready")" = "$1" ]; }
await() { for _ in $(seq 1 2000); do "$@" && return 0; sleep 0.005; done; log "timed out: $*"; return 1; }

log "fail-fast while refused"
echo refuse >"$WORK/mode"; await ready_is 503
$TOOLS latency "$PERK_URL" 400 2 >"$WORK/refused"
OUTAGE_REFUSED_P99=$(awk '{print $1}' "$WORK/refused" | percentile 99)
echo pass >"$WORK/mode"; await ready_is 200

log "fail-fast while black-holed, after the first fast 503"
echo blackhole >"$WORK/mode"
await sh -c "curl -s -o /dev/null -w '%{http_code} %{time_total}' '$PERK_URL' | awk '\$1==503 && \$2<0.05 {ok=1} END {exit !ok}'"
$TOOLS latency "$PERK_URL" 400 2 >"$WORK/blackhole"
OUTAGE_OPEN_P99=$(awk '{print $1}' "$WORK/blackhole" | percentile 99)
echo pass >"$WORK/mode"; await ready_is 200

log "recovery x10: database accepting again -> ready and first 200"
: >"$WORK/recovery"
for _ in $(seq 1 10); do
  echo refuse >"$WORK/mode"; await ready_is 503
  echo pass >"$WORK/mode"; opened=$(ms_now)
  await ready_is 200; ready_ms=$(( $(ms_now) - opened ))
  await sh -c "[ \$(curl -s -o /dev/null -w '%{http_code}' '$PERK_URL') = 200 ]"; first_ms=$(( $(ms_now) - opened ))
  echo $(( ready_ms > first_ms ? ready_ms : first_ms )) >>"$WORK/recovery"
done
stop_service

jq -n --argjson recovery_p95_ms "$(percentile 95 <"$WORK/recovery")" \
  --argjson outage_refused_p99_ms "$OUTAGE_REFUSED_P99" --argjson outage_open_p99_ms "$OUTAGE_OPEN_P99" \
  '{recovery_p95_ms:$recovery_p95_ms, outage_refused_p99_ms:$outage_refused_p99_ms, outage_open_p99_ms:$outage_open_p99_ms}' \
  >"$WORK/outages.json"
fi

# --- recovery: from the database accepting again (the proxy passing) to the first 200 and to ready,
# for each kind of outage, 10 times each (p95 of 10 is the slowest). refused, reset, blackhole and
# restart (connections reset, refused 0.5 s, then "starting up" 0.5 s) run against one service;
# empty launches the service 10 times against a proxy that refuses in front of a freshly created
# empty database. The bootstrap admin is configured, at the production bcrypt cost, as its creation
# is part of the first start. RECOVERY_LAUNCH=jdk17 uses plain `java -jar` on JDK 17 instead of
# the production launch. RECOVERY_KINDS (default "refused,reset,blackhole,restart,empty") runs only
# those named, e.g. RECOVERY_KINDS=empty; SVC_APP another quarkus-app directory (a build before a
# change), RECOVERY_OPTS extra JVM options. Each empty launch's log goes to target/bench/recovery-empty-<n>.log, with the instant
# the database accepted.
if phase recovery; then
RECOVERY_COUNT=${RECOVERY_COUNT:-10}
RECOVERY_KINDS=${RECOVERY_KINDS:-refused,reset,blackhole,restart,empty}
RECOVERY_OUTAGES=$(tr ',' '\n' <<<"$RECOVERY_KINDS" | { grep -v '^empty$' || true; } | paste -sd, -)
RECOVERY_DATABASE=perks_recovery_empty
if [ "${RECOVERY_LAUNCH:-production}" = jdk17 ]; then RECOVERY_JAVA=("$JDK17"); else
  # shellcheck disable=SC2206
  RECOVERY_JAVA=("$JDK25" $IMAGE_OPTS $AOT_OPTS); fi
# shellcheck disable=SC2206
RECOVERY_JAVA+=(${RECOVERY_OPTS:-})   # extra JVM options, e.g. a profiler agent
SVC_ENV=(ADMIN_EMAIL=admin@perks.bench ADMIN_PASSWORD=bench-admin-password PERKS_AUTH_BCRYPT_COST=11)
PROXY_PORT=$(free_port)
: >"$WORK/recovery"; : >"$OUT/recovery-empty-steps.log"
if [ -n "$RECOVERY_OUTAGES" ]; then
log "recovery: $RECOVERY_OUTAGES x$RECOVERY_COUNT against one service (${RECOVERY_LAUNCH:-production} launch)"
launch_service recovery "$PROXY_PORT" "${RECOVERY_JAVA[@]}"
$TOOLS recovery "$PROXY_PORT" 5432 "$SVC_API" "$SVC_MGMT" "$RECOVERY_OUTAGES" "$RECOVERY_COUNT" >>"$WORK/recovery" &
TOOL_PID=$!; PIDS+=("$TOOL_PID"); wait "$TOOL_PID" || { tail -30 "$WORK/recovery.log"; exit 1; }
stop_service
fi
if [[ ",$RECOVERY_KINDS," == *,empty,* ]]; then
log "recovery: an empty database appearing, x$RECOVERY_COUNT launches (${SVC_APP:-$APP})"
for n in $(seq 1 "$RECOVERY_COUNT"); do
  psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $RECOVERY_DATABASE WITH (FORCE)" -c "CREATE DATABASE $RECOVERY_DATABASE" >/dev/null
  SVC_DATABASE=$RECOVERY_DATABASE launch_service recovery-empty "$PROXY_PORT" "${RECOVERY_JAVA[@]}"
  $TOOLS recovery "$PROXY_PORT" 5432 "$SVC_API" "$SVC_MGMT" empty 1 >>"$WORK/recovery" 2>"$WORK/recovery-empty.tool" &
  TOOL_PID=$!; PIDS+=("$TOOL_PID"); wait "$TOOL_PID" || { cat "$WORK/recovery-empty.tool"; tail -30 "$WORK/recovery-empty.log"; exit 1; }
  grep -h 'Schema ready\|bootstrap admin\|available (was' "$WORK/recovery-empty.log" | cut -c1-400 >>"$OUT/recovery-empty-steps.log" || true
  stop_service
  cat "$WORK/recovery-empty.tool" "$WORK/recovery-empty.log" >"$OUT/recovery-empty-$n.log"
done
fi
psql -h 127.0.0.1 -U postgres -qAt -c "DROP DATABASE IF EXISTS $RECOVERY_DATABASE WITH (FORCE)" >/dev/null
cp "$WORK/recovery" "$OUT/recovery.txt"
recovery_kind() { # kind -> {first_200_p95_ms, first_200_median_ms, ready_p95_ms, ready_median_ms, runs}
  awk -v k="$1" '$1==k {print $2}' "$WORK/recovery" >"$WORK/r200"; awk -v k="$1" '$1==k {print $3}' "$WORK/recovery" >"$WORK/rready"
  jq -n --argjson a "$(percentile 95 <"$WORK/r200")" --argjson b "$(median <"$WORK/r200")" \
    --argjson c "$(percentile 95 <"$WORK/rready")" --argjson d "$(median <"$WORK/rready")" --argjson n "$(wc -l <"$WORK/r200")" \
    '{first_200_p95_ms:$a, first_200_median_ms:$b, ready_p95_ms:$c, ready_median_ms:$d, runs:$n}'
}
jq -n --arg launch "${RECOVERY_LAUNCH:-production}" --argjson refused "$(recovery_kind refused)" --argjson reset "$(recovery_kind reset)" \
  --argjson blackhole "$(recovery_kind blackhole)" --argjson restart "$(recovery_kind restart)" --argjson empty "$(recovery_kind empty)" \
  '{recovery_launch:$launch, recovery_refused:$refused, recovery_reset:$reset, recovery_blackhole:$blackhole,
    recovery_restart:$restart, recovery_empty_schema:$empty}' >"$WORK/recovery.json"
fi

# --- results: one JSON of every phase that ran
jq -n --arg date "$(date -u +%FT%TZ)" --arg nproc "$(nproc)" --arg opts "$IMAGE_OPTS" --arg aot "${BENCH_AOT:-1}" \
  --arg jdk17 "$("$JDK17" -version 2>&1 | head -1)" --arg jdk25 "$("$JDK25" -version 2>&1 | head -1)" \
  '{machine:{date:$date, nproc:$nproc, jdk17:$jdk17, jdk25:$jdk25, image_options:$opts, aot_cache:($aot == "1")}}' >"$WORK/machine.json"
jq -s 'add' "$WORK"/*.json >"$OUT/results.json"
$TOOLS report "$OUT/results.json"
log "wrote $OUT/results.json"
