#!/usr/bin/env bash
# The benchmark: one bounded command (under 10 minutes) that measures, in one run, what SPEC §6
# asks, prints a markdown table and writes target/bench/results.json. Needs the local PostgreSQL
# and Redis; installs wrk and pgbench from Debian's packages when missing; builds the application
# (with Quarkus' JDK 25 AOT cache: ./mvnw verify -Paot) when target/quarkus-app/app.aot is missing.
# Every process it starts is stopped by PID on exit; only 127.0.0.1 is contacted.
set -euo pipefail
cd "$(dirname "$0")/../.."

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
# The other tiered-compilation choice with the same heap, to show what the image's choice costs.
C2_OPTS=${IMAGE_OPTS/-XX:TieredStopAtLevel=1/}
C1_OPTS="-XX:TieredStopAtLevel=1 $C2_OPTS"

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

# --- tools and the application
command -v wrk >/dev/null || { log "installing wrk"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
command -v pgbench >/dev/null || { log "installing pgbench"; DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-contrib >/dev/null; }
if [ ! -f "$APP/app.aot" ]; then
  log "building the application and recording its AOT cache (./mvnw verify -Paot, the workload IT only)"
  ./mvnw -B -q verify -Paot -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ApiWorkloadIT >"$WORK/build.log" 2>&1 \
    || { tail -40 "$WORK/build.log"; exit 1; }
fi
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/private.pem" 2>/dev/null
openssl pkey -in "$WORK/private.pem" -pubout -out "$WORK/public.pem"

# --- the service: start_service NAME DB_PORT JAVA OPTS...; sets SVC_PID SVC_API SVC_MGMT; waits for ready
start_service() {
  local name=$1 db_port=$2 java=$3; shift 3
  SVC_API=$(free_port); SVC_MGMT=$(free_port)
  DATABASE_URL=postgres://postgres@127.0.0.1:$db_port/$DATABASE REDIS_URL=redis://127.0.0.1:6379 \
  JWT_PRIVATE_KEY=$WORK/private.pem JWT_PUBLIC_KEY=$WORK/public.pem PORT=$SVC_API QUARKUS_MANAGEMENT_PORT=$SVC_MGMT \
  PERKS_SHUTDOWN_DRAIN_DELAY=0s PERKS_AUTH_BCRYPT_COST=4 PERKS_AUTH_THROTTLE_MAX_REGISTRATIONS_PER_ADDRESS=100000 \
  PERKS_AUTH_THROTTLE_KEY_PREFIX="perks-bench:$$:" \
    "$java" "$@" -jar "$APP/quarkus-run.jar" >"$WORK/$name.log" 2>&1 &
  SVC_PID=$!; PIDS+=("$SVC_PID")
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
log "start-up (5 x plain JDK 17, 5 x production launch)"
: >"$WORK/live17"; : >"$WORK/ready17"; : >"$WORK/liveprod"; : >"$WORK/readyprod"
for _ in 1 2 3 4 5; do
  start_service s17 5432 "$JDK17"; echo "$SVC_LIVE_MS" >>"$WORK/live17"; echo "$SVC_READY_MS" >>"$WORK/ready17"; stop_service
  # shellcheck disable=SC2086
  start_service sprod 5432 "$JDK25" $IMAGE_OPTS -XX:AOTCache=$APP/app.aot; echo "$SVC_LIVE_MS" >>"$WORK/liveprod"; echo "$SVC_READY_MS" >>"$WORK/readyprod"; stop_service
done
grep -q "Unable to use AOT\|\[aot\]\[warning\]" "$WORK/sprod.log" && log "WARNING: the JVM refused the AOT cache"

# --- reads: the service (production launch, and the same heap with C2) against pgbench, interleaved
cat >"$WORK/read.lua" <<LUA
math.randomseed(os.time())
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
pgbench_round() {
  pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 64 -j 2 -T "$ROUND_SECONDS" -f "$WORK/read.sql" $DATABASE 2>/dev/null \
    | awk '/^tps/ {printf "%d\n", $3}'
}
log "reads: warm-up, then 3 rounds of ${ROUND_SECONDS}s of the service (image options) interleaved with pgbench"
start_service reads 5432 "$JDK25" $IMAGE_OPTS -XX:AOTCache=$APP/app.aot; PROD_PID=$SVC_PID; PROD_API=$SVC_API
sleep 2; RSS_IDLE=$(rss_mib "$PROD_PID")
wrk_round "$PROD_API" "$WARMUP_SECONDS" >/dev/null
: >"$WORK/rps"; : >"$WORK/p50"; : >"$WORK/p99"; : >"$WORK/tps"; : >"$WORK/rpsc1"; : >"$WORK/rpsc2"; : >"$WORK/p99c2"
RSS_AFTER=(); CPU_US=()
for _ in 1 2 3; do
  ticks=$(cpu_ticks "$PROD_PID")
  read -r rps p50 p99 n < <(wrk_round "$PROD_API" "$ROUND_SECONDS")
  CPU_US+=("$(( ($(cpu_ticks "$PROD_PID") - ticks) * 1000000 / $(getconf CLK_TCK) / n ))")
  RSS_AFTER+=("$(rss_mib "$PROD_PID")")
  echo "$rps" >>"$WORK/rps"; echo "$p50" >>"$WORK/p50"; echo "$p99" >>"$WORK/p99"
  pgbench_round >>"$WORK/tps"
done
# What C1 only costs against C2, same heap. Not beside pgbench: several pools of 32 and
# pgbench's 64 clients would exceed max_connections; the image's service is stopped first.
kill "$PROD_PID"; wait "$PROD_PID" 2>/dev/null || true
log "reads: C1 only against C2 with the same heap, 3 interleaved rounds (the image service stopped)"
start_service readsc1 5432 "$JDK25" $C1_OPTS; C1_PID=$SVC_PID; C1_API=$SVC_API
wrk_round "$C1_API" "$WARMUP_SECONDS" >/dev/null
start_service readsc2 5432 "$JDK25" $C2_OPTS; C2_PID=$SVC_PID; C2_API=$SVC_API
wrk_round "$C2_API" "$WARMUP_SECONDS" >/dev/null
for _ in 1 2 3; do
  read -r rps _ _ _ < <(wrk_round "$C1_API" "$ROUND_SECONDS"); echo "$rps" >>"$WORK/rpsc1"
  read -r rps _ p99 _ < <(wrk_round "$C2_API" "$ROUND_SECONDS"); echo "$rps" >>"$WORK/rpsc2"; echo "$p99" >>"$WORK/p99c2"
done
kill "$C1_PID" "$C2_PID"; wait "$C1_PID" "$C2_PID" 2>/dev/null || true

start_service claims 5432 "$JDK25" $IMAGE_OPTS -XX:AOTCache=$APP/app.aot; PROD_API=$SVC_API
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

# --- outages through the fault proxy: refused, black-holed, recovery
PROXY_PORT=$(free_port); echo pass >"$WORK/mode"
$TOOLS proxy "$PROXY_PORT" 5432 "$WORK/mode" & PIDS+=("$!")
start_service outage "$PROXY_PORT" "$JDK25" $IMAGE_OPTS -XX:AOTCache=$APP/app.aot
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

# --- results
jq -n \
  --argjson read_rps "$(median <"$WORK/rps")" --argjson pgbench_tps "$(median <"$WORK/tps")" \
  --argjson read_p50_ms "$(median <"$WORK/p50")" --argjson read_p99_ms "$(sort -n "$WORK/p99" | sed -n 2p)" \
  --argjson read_rps_c1 "$(median <"$WORK/rpsc1")" --argjson read_rps_c2 "$(median <"$WORK/rpsc2")" --argjson read_p99_ms_c2 "$(sort -n "$WORK/p99c2" | sed -n 2p)" \
  --argjson claims_rps "$CLAIMS_RPS" --argjson claims_created "$CLAIMS_CREATED" --argjson oversold "$OVERSOLD" \
  --argjson live_ms_jdk17 "$(median <"$WORK/live17")" --argjson ready_ms_jdk17 "$(median <"$WORK/ready17")" \
  --argjson live_ms_production "$(median <"$WORK/liveprod")" --argjson ready_ms_production "$(median <"$WORK/readyprod")" \
  --argjson recovery_p95_ms "$(percentile 95 <"$WORK/recovery")" \
  --argjson outage_refused_p99_ms "$OUTAGE_REFUSED_P99" --argjson outage_open_p99_ms "$OUTAGE_OPEN_P99" \
  --argjson rss_idle_mib "$RSS_IDLE" --argjson rss_after_mib "[$(IFS=,; echo "${RSS_AFTER[*]}")]" \
  --argjson cpu_us_per_request "$(printf '%s\n' "${CPU_US[@]}" | median)" \
  --arg date "$(date -u +%FT%TZ)" --arg nproc "$(nproc)" --arg opts "$IMAGE_OPTS" \
  --arg jdk17 "$("$JDK17" -version 2>&1 | head -1)" --arg jdk25 "$("$JDK25" -version 2>&1 | head -1)" \
  '{read_rps:$read_rps, pgbench_tps:$pgbench_tps, read_ratio:((($read_rps/$pgbench_tps)*100|round)/100),
    read_p50_ms:$read_p50_ms, read_p99_ms:$read_p99_ms, read_rps_c1:$read_rps_c1, read_rps_c2:$read_rps_c2, read_p99_ms_c2:$read_p99_ms_c2,
    cpu_us_per_request:$cpu_us_per_request, claims_rps:$claims_rps, claims_created:$claims_created, oversold:$oversold,
    live_ms_jdk17:$live_ms_jdk17, ready_ms_jdk17:$ready_ms_jdk17, live_ms_production:$live_ms_production,
    ready_ms_production:$ready_ms_production, recovery_p95_ms:$recovery_p95_ms,
    outage_refused_p99_ms:$outage_refused_p99_ms, outage_open_p99_ms:$outage_open_p99_ms,
    rss_idle_mib:$rss_idle_mib, rss_after_mib:$rss_after_mib,
    machine:{date:$date, nproc:$nproc, jdk17:$jdk17, jdk25:$jdk25, image_options:$opts}}' >"$OUT/results.json"
$TOOLS report "$OUT/results.json"
log "wrote $OUT/results.json"
