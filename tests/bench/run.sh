#!/usr/bin/env bash
# hpid and Keycloak 26.5.5 side by side: the same scenarios, the same load generator
# (tests/bench/java/LoadGen.java), one server after the other, and one VNeID stand-in
# (WireMock, tests/bench/java/VneidStandIn.java) for both. Writes the tables into
# docs/benchmarks.md and prints them. Reference: docs/benchmarks.md
#
#   tests/bench/run.sh               full run: 5 s warm-up + 20 s per scenario (about 18 minutes)
#   tests/bench/run.sh --smoke       checks that the harness works: seconds per scenario; fails
#                                    when a scenario had a failed operation or none succeeded
#   options: --hpid-only  skip Keycloak
#            --no-build   use the hpid jar already in idp/target
#            --no-doc     print the tables, leave docs/benchmarks.md alone
#   environment: BENCH_DURATION, BENCH_WARMUP (seconds), BENCH_CONNECTIONS (8),
#                BENCH_USERS, BENCH_RESTARTS (3; the tables give the median),
#                BENCH_IDLE_SETTLE (seconds from ready to the idle memory reading; 10),
#                BENCH_PIN=0 to run without taskset,
#                BENCH_SCENARIOS: a space-separated subset of the scenarios (for profiling),
#                BENCH_HPID_DB_URL, BENCH_HPID_DB_USER: hpid's database instead of a new H2
#                file (e.g. PostgreSQL with people imported into the bench realm first,
#                for the scale row; see docs/benchmarks.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bench=$root/tests/bench
work=$bench/target
command="tests/bench/run.sh $*"

smoke=false hpid_only=false build=true doc=true
for arg in "$@"; do
  case $arg in
    --smoke) smoke=true ;;
    --hpid-only) hpid_only=true ;;
    --no-build) build=false ;;
    --no-doc) doc=false ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
if $smoke; then
  warmup=${BENCH_WARMUP:-0.5} duration=${BENCH_DURATION:-1.5} users=${BENCH_USERS:-8} limit_seconds=1
  restarts=${BENCH_RESTARTS:-1} settle=${BENCH_IDLE_SETTLE:-1}
else
  warmup=${BENCH_WARMUP:-5} duration=${BENCH_DURATION:-20} users=${BENCH_USERS:-100} limit_seconds=10
  # One start on a shared CPU varies by a fifth or more: the tables give the median of three.
  restarts=${BENCH_RESTARTS:-3} settle=${BENCH_IDLE_SETTLE:-10}
fi
connections=${BENCH_CONNECTIONS:-8}
keycloak_version=26.5.5
wiremock_version=3.13.2
# client_credentials_warm repeats the first scenario last, on a server whose request paths
# the JIT has compiled by then: the figure to set against the signing limit, which is
# measured warm (docs/benchmarks.md, "The scenarios").
read -r -a scenarios <<<"${BENCH_SCENARIOS:-client_credentials refresh_token sign_in introspection userinfo vneid_sign_in client_credentials_warm}"

# The load generator gets CPU 0, the server the others, when there are at least two.
cpus=$(nproc)
if [[ ${BENCH_PIN:-1} != 0 && $cpus -ge 2 ]] && command -v taskset >/dev/null; then
  gen=(taskset -c 0) server=(taskset -c "1-$((cpus - 1))") server_threads=$((cpus - 1))
  pinning="load generator on CPU 0, server on CPUs 1-$((cpus - 1)) (taskset)"
else
  gen=() server=() server_threads=$cpus
  pinning="none: load generator and server share all $cpus CPUs"
fi

mkdir -p "$work"
run_dir=$(mktemp -d "$work/run.XXXXXX")
results=$run_dir/results.tsv
pids=()
# Stops servers started here, by pid, and waits until they are gone (ports, database files).
stop() {
  local pid deadline=$(( $(date +%s) + 60 ))
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    while kill -0 "$pid" 2>/dev/null; do
      if (( $(date +%s) > deadline )); then kill -9 "$pid" 2>/dev/null || true; fi
      sleep 0.1
    done
  done
}
cleanup() { stop "${pids[@]}"; }
trap cleanup EXIT

log() { printf '\n== %s\n' "$*"; }
info() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$results"; }
loadgen() { "${gen[@]}" java -XX:+UseParallelGC -cp "$work/classes" LoadGen "$@"; }
free_port() { java -cp "$work/classes" LoadGen free-port; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
secret() { head -c 32 /dev/urandom | base64 | tr -d '/+=' | head -c 43; }

# Waits for a readiness URL; prints the milliseconds since $2 (epoch ms).
wait_ready() {
  local url=$1 started=$2 pid=$3 log_file=$4 deadline=$(( $(now_ms) + 240000 ))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || (( $(now_ms) > deadline )); then
      echo "the server did not become ready; its log:" >&2; tail -50 "$log_file" >&2; exit 1
    fi
    sleep 0.05
  done
  echo $(( $(now_ms) - started ))
}

# CPU time of a JVM, in clock ticks: "all jit", where jit is the time of its C1 and C2
# compiler threads. The command name in /proc/*/stat may hold spaces ("C2 CompilerThre"),
# so the fields are counted after its closing parenthesis.
cpu_ticks() {
  local pid=$1 jit=0 task comm ticks all
  for task in /proc/"$pid"/task/*; do
    comm=$(cat "$task/comm" 2>/dev/null) || continue
    [[ $comm == C[12]\ CompilerThre* ]] || continue
    ticks=$(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
    jit=$(( jit + ${ticks:-0} ))
  done
  all=$(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')
  echo "$all $jit"
}

# Runs the scenarios against one server (its JVM's pid last) and records, per scenario,
# the share of the server's CPU time its JIT compilers took (warm-up included): the
# figure that says how much of a short window measures warming up (docs/benchmarks.md).
scenarios_against() {
  local name=$1 base=$2 secret=$3 pid=$4 all0 jit0 all1 jit1
  for scenario in "${scenarios[@]}"; do
    read -r all0 jit0 < <(cpu_ticks "$pid")
    loadgen run --server "$name" --base "$base" --secret "$secret" --scenario "$scenario" \
      --connections "$connections" --warmup "$warmup" --duration "$duration" --users "$users" --out "$results" \
      --vneid "http://127.0.0.1:$vneid_port" --citizens "$citizens" --check "$smoke"
    read -r all1 jit1 < <(cpu_ticks "$pid")
    if (( all1 > all0 )); then
      info jit "${name}_$scenario" "$(( 100 * (jit1 - jit0) / (all1 - all0) ))"
      echo "  $name $scenario: the JIT compilers took $(( 100 * (jit1 - jit0) / (all1 - all0) )) % of the server's CPU time"
    fi
  done
}

# Restarts a server $restarts times on its database and records the medians of the time to
# ready, of the resident memory at ready and of the same $settle s later without a request
# (idle: at ready a JVM is still compiling its start's hot code, with the compilers' working
# memory). START prints the pids to stop, the last of them the JVM's, then the milliseconds
# to ready (start_hpid: "pid ms"; start_keycloak: "kc.sh-pid java-pid ms").
restarts_of() {
  local key=$1 name=$2 start=$3 i fields ready jvm times=() at_ready=() idle=()
  for (( i = 1; i <= restarts; i++ )); do
    read -r -a fields < <("$start")
    ready=${fields[-1]}
    unset 'fields[-1]'
    jvm=${fields[-1]}
    pids+=("${fields[@]}")
    times+=("$ready") at_ready+=("$(rss_mb "$jvm")")
    sleep "$settle"
    idle+=("$(rss_mb "$jvm")")
    echo "$name restart $i of $restarts: ready in $ready ms, ${at_ready[-1]} MB resident at ready, ${idle[-1]} MB ${settle} s later"
    stop "${fields[@]}"
  done
  info restart "$key" "$(median "${times[@]}")"
  info rss_ready "$key" "$(median "${at_ready[@]}")"
  info rss_idle "$key" "$(median "${idle[@]}")"
  info restarts "$key" "${times[*]}"
}

# ---------------------------------------------------------------- build
if $build; then
  log "building hpid (mvn -q -DskipTests install)"
  (cd "$root" && mvn -B -q -DskipTests install)
fi
[[ -f $root/idp/target/hpid-exec.jar ]] || { echo "missing idp/target/hpid-exec.jar: run without --no-build" >&2; exit 1; }
# hpid starts as docs/operations.md recommends for production: the extracted layout with
# its class-data-sharing archive, and the JVM options for a one-CPU node.
log "deployment layout and CDS archive (bin/build-deployment)"
"$root/bin/build-deployment" "$work/deploy"
jar=$work/deploy/hpid-exec.jar
read -r -a hpid_jvm <<<"${HPID_JVM_OPTIONS:--XX:+UseSerialGC -Xms32m -Xmx256m -Xss512k -XX:ReservedCodeCacheSize=48m -XX:TrimNativeHeapInterval=5000}"
hpid_jvm=(-XX:SharedArchiveFile="$work/deploy/hpid.jsa" "${hpid_jvm[@]}")
rm -rf "$work/classes" && mkdir -p "$work/classes"
javac -d "$work/classes" "$bench"/java/*.java

{
  info info date "$(date -u '+%Y-%m-%d %H:%M UTC')"
  info info command "$command"
  info info cpus "$cpus"
  info info cpu "$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
  info info memory "$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
  info info jdk "$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ { print $2 }') ($(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.name/ { print $2 }'))"
  info info hpid_jvm "MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} ${hpid_jvm[*]//$root\//}"
  info info pinning "$pinning; $connections connections, keep-alive; warm-up ${warmup} s, ${duration} s measured per scenario"
  info info settle "$settle"
  info info load "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}
if $smoke; then info info note "Smoke run: it checks the harness, not the speed."
else info info note "Preliminary figures from a shared machine: compare ratios, not absolute numbers."; fi

# ---------------------------------------------------------------- physical limit
log "RS256 signing limit (JDK provider)"
limit=$("${server[@]}" java -cp "$work/classes" Rs256Limit "$server_threads" 1 "$limit_seconds")
limit_all=$(java -cp "$work/classes" Rs256Limit "$cpus" 1 "$limit_seconds")
echo "RS256 signatures/s: $limit on the server's CPUs ($server_threads threads), $limit_all on all $cpus CPUs"
info limit server_cpus "$limit"
info limit all_cpus "$limit_all"

# ---------------------------------------------------------------- VNeID stand-in
# One WireMock for both servers, on the load generator's CPU: the same endpoints, client,
# secret, relying-party key and citizens (as many as bench accounts, at least one per
# connection). Response templating cannot encrypt, so VneidStandIn seals every token and
# userinfo answer ahead of the run; the stubs pick them by the citizen's number.
log "VNeID stand-in (WireMock $wiremock_version)"
download=$work/download
wiremock_jar=$download/wiremock-standalone-$wiremock_version.jar
if [[ ! -f $wiremock_jar ]]; then
  mvn -B -q dependency:copy -Dartifact="org.wiremock:wiremock-standalone:$wiremock_version" \
    -DoutputDirectory="$download"
fi
citizens=$(( users > connections ? users : connections ))
vneid_secret=$(secret)
java -cp "$work/classes" VneidStandIn "$run_dir/vneid" "$citizens" bench-vneid "$vneid_secret"
vneid_port=$(free_port)
"${gen[@]}" java -Xmx256m -jar "$wiremock_jar" --bind-address 127.0.0.1 --port "$vneid_port" \
  --root-dir "$run_dir/vneid" --no-request-journal --disable-banner >"$run_dir/wiremock.log" 2>&1 &
vneid_pid=$!
pids+=("$vneid_pid")
wait_ready "http://127.0.0.1:$vneid_port/__admin/mappings" "$(now_ms)" "$vneid_pid" "$run_dir/wiremock.log" >/dev/null
info info vneid "WireMock $wiremock_version (standalone jar, response templating) on the load generator's CPU; $citizens citizens, level 2; envelopes sealed ahead of the run to a 2048-bit relying-party key"

# ---------------------------------------------------------------- hpid
log "hpid"
hpid_data=$run_dir/hpid
mkdir -p "$hpid_data/realms"
sed "s/127\.0\.0\.1:18099/127.0.0.1:$vneid_port/" "$bench/realms/bench.yaml" >"$hpid_data/realms/bench.yaml"
port=$(free_port) management=$(free_port)
app_secret=$(secret)
master_key=$(head -c 32 /dev/urandom | base64)
# Production profile (no demo, master key from the environment) on an H2 file, as
# Keycloak gets its dev-file H2 database. Prints "pid milliseconds-to-ready".
start_hpid() {
  local started; started=$(now_ms)
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} \
    HPID_MASTER_KEY=$master_key BENCH_APP_SECRET=$app_secret SPRING_PROFILES_ACTIVE=production \
    BENCH_VNEID_SECRET=$vneid_secret BENCH_VNEID_RP_KEY="$(cat "$run_dir/vneid/rp-key.pem")" \
    HPID_DB_URL="${BENCH_HPID_DB_URL:-jdbc:h2:file:$hpid_data/hpid;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH}" \
    HPID_DB_USER="${BENCH_HPID_DB_USER:-sa}" \
    "${server[@]}" java "${hpid_jvm[@]}" -jar "$jar" --server.address=127.0.0.1 --server.port="$port" \
    --management.server.address=127.0.0.1 --management.server.port="$management" \
    --hpid.data-directory="$hpid_data" --hpid.realm-locations="file:$hpid_data/realms/*.yaml" \
    >>"$run_dir/hpid.log" 2>&1 &
  local pid=$!
  echo "$pid $(wait_ready "http://127.0.0.1:$management/actuator/health/readiness" "$started" "$pid" "$run_dir/hpid.log")"
}
read -r hpid_pid ready < <(start_hpid)
pids+=("$hpid_pid")
echo "hpid first start (new database, new keys): ready in $ready ms (pid $hpid_pid, port $port)"
info ready hpid "$ready"
loadgen register --base "http://127.0.0.1:$port" --users "$users"
scenarios_against hpid "http://127.0.0.1:$port" "$app_secret" "$hpid_pid"
info rss hpid "$(rss_mb "$hpid_pid")"
stop "$hpid_pid"
restarts_of hpid hpid start_hpid

# ---------------------------------------------------------------- Keycloak
if ! $hpid_only; then
  log "Keycloak $keycloak_version"
  download=$work/download
  zip=$download/keycloak-quarkus-dist-$keycloak_version.zip
  if [[ ! -f $zip ]]; then
    mvn -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$keycloak_version:zip" \
      -DoutputDirectory="$download"
  fi
  kc_home=$work/keycloak/keycloak-$keycloak_version
  # The VNeID provider (docs/keycloak-extension.md) goes into providers/ before kc.sh build;
  # the build marker records its checksum, so a new jar means a new build.
  provider=$(ls "$root"/spi-extensions/keycloak-vneid/target/hpid-keycloak-vneid-*.jar 2>/dev/null | head -1 || true)
  [[ -n $provider ]] || { echo "missing spi-extensions/keycloak-vneid/target/hpid-keycloak-vneid-*.jar: run without --no-build, or mvn install" >&2; exit 1; }
  built="kc.sh build --db=dev-file --health-enabled=true; providers: $(basename "$provider") $(sha256sum <"$provider" | cut -c1-64)"
  if [[ ! -f $kc_home/.bench-built || $(cat "$kc_home/.bench-built") != "$built" ]]; then
    rm -rf "$work/keycloak" && mkdir -p "$work/keycloak" && unzip -q "$zip" -d "$work/keycloak"
    cp "$provider" "$kc_home/providers/hpid-keycloak-vneid.jar"
    echo "kc.sh build (once per provider jar)"
    "$kc_home/bin/kc.sh" build --db=dev-file --health-enabled=true >"$work/keycloak/build.log" 2>&1
    echo "$built" >"$kc_home/.bench-built"
  fi
  rm -rf "$kc_home/data"   # a fresh dev-file database, as hpid gets a fresh H2 file
  port=$(free_port) management=$(free_port)
  admin_password=$(secret) app_secret=$(secret)
  # Prints "kc.sh-pid java-pid milliseconds-to-ready".
  start_keycloak() {
    local started; started=$(now_ms)
    KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$admin_password \
      "${server[@]}" "$kc_home/bin/kc.sh" start --optimized --http-enabled=true --http-host=127.0.0.1 \
      --http-port="$port" --http-management-port="$management" --hostname-strict=false \
      >>"$run_dir/keycloak.log" 2>&1 &
    local pid=$! ready
    ready=$(wait_ready "http://127.0.0.1:$management/health/ready" "$started" "$pid" "$run_dir/keycloak.log")
    echo "$pid $(pgrep -P "$pid" java || echo "$pid") $ready"
  }
  read -r kc_pid kc_java ready < <(start_keycloak)
  pids+=("$kc_pid" "$kc_java")
  echo "Keycloak first start (new database): ready in $ready ms (pid $kc_java, port $port)"
  info ready keycloak "$ready"
  hashing=$("$bench/keycloak-realm.sh" "http://127.0.0.1:$port" "$admin_password" "$app_secret" "$users" \
    Do-Son-Waves-Crash-2026 "http://127.0.0.1:$vneid_port" "$vneid_secret" "$run_dir/vneid/rp-key.pem")
  echo "$hashing"
  info info keycloak_hashing "${hashing#keycloak realm bench: }"
  scenarios_against keycloak "http://127.0.0.1:$port" "$app_secret" "$kc_java"
  info rss keycloak "$(rss_mb "$kc_java")"
  stop "$kc_pid" "$kc_java"
  restarts_of keycloak Keycloak start_keycloak
else
  echo "Keycloak skipped (--hpid-only)"
fi

# ---------------------------------------------------------------- report
log "results (raw: $results)"
if $doc; then
  java -cp "$work/classes" Report "$results" "$root/docs/benchmarks.md"
else
  java -cp "$work/classes" Report "$results" "$run_dir/benchmarks.md"
fi
