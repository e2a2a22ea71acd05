#!/usr/bin/env bash
# THE single test command of IntegrationHub:
#
#   bash deploy/scripts/test.sh [extra dotnet test arguments, e.g. --filter "FullyQualifiedName~Store"]
#
# Builds the solution (Release), starts real PostgreSQL, RabbitMQ and MariaDB (the SQL connector's MySQL tests) on
# free loopback ports with deploy/scripts/services.sh, exports their HUB_TEST_* variables, runs every
# test project, always stops the services again, and ends with one line "N passed, N failed, N skipped" summed over
# the trx files of all test projects. Exits with the exit code of `dotnet test` (non-zero also when no test ran).
#
# Environment:
#   HUB_SERVICES  comma list of services to start (default postgres,rabbitmq,mariadb)
#   ARTIFACTS     where trx files, copies of the service logs, the dashboard's screenshots (screenshots/dashboard) and
#                 the hubs' transcripts for the secret scan (secret-scan) go (default artifacts/test-results,
#                 gitignored); passed to the tests as HUB_TEST_ARTIFACTS
#
# After the tests, tests/scripts/scan-secrets.sh searches every log line and answer of every hub the tests ran for
# every secret the tests configured; a hit fails the command (docs/security.md).
#
# Installs Debian's chromium with apt-get when /usr/bin/chromium is missing (the dashboard's browser test uses it),
# and docker-compose when missing (the deploy tests check the Compose file with it).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
cd "$REPO_ROOT"

log() { printf '[test] %s\n' "$*" >&2; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SOLUTION=IntegrationHub.sln
if [[ ! -f "$SOLUTION" ]]; then
    if [[ -f IntegrationHub.slnx ]]; then
        SOLUTION=IntegrationHub.slnx
    else
        log "ERROR: $REPO_ROOT/IntegrationHub.sln not found"
        exit 1
    fi
fi

ARTIFACTS=${ARTIFACTS:-artifacts/test-results}
mkdir -p "$ARTIFACTS"
ARTIFACTS=$(cd "$ARTIFACTS" && pwd)
# tests keep files for people (the dashboard's screenshots) under $ARTIFACTS
export HUB_TEST_ARTIFACTS=$ARTIFACTS
# results of an earlier run would be counted again
find "$ARTIFACTS" -maxdepth 2 -name '*.trx' -type f -delete
rm -rf "$ARTIFACTS/service-logs" "$ARTIFACTS/secret-scan"

SERVICES_BASE=""
TEST_PID=""

stop_services() {
    [[ -n "$SERVICES_BASE" ]] || return 0
    local base=$SERVICES_BASE
    SERVICES_BASE=""
    # keep the servers' logs with the test results (useful in CI)
    if [[ -d "$base" ]]; then
        mkdir -p "$ARTIFACTS/service-logs"
        (cd "$base" && find . -name '*.log' -type f -exec cp --parents {} "$ARTIFACTS/service-logs/" \;) 2>/dev/null || true
    fi
    bash "$SCRIPT_DIR/services.sh" stop "$base" || log "WARNING: stopping the services in $base failed"
}

# shellcheck disable=SC2317  # invoked through trap
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [[ -n "$TEST_PID" ]] && kill -0 "$TEST_PID" 2>/dev/null; then
        log "interrupted: stopping dotnet test (process group $TEST_PID)"
        kill -TERM -- "-$TEST_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$TEST_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL -- "-$TEST_PID" 2>/dev/null || true
    fi
    stop_services
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- browser for the dashboard's browser test (Debian's chromium; only installed when missing) --------------------
# A Chinese font too, or the screenshots of the (Chinese by default) dashboard show empty boxes.
BROWSER_PACKAGES=()
[[ -x /usr/bin/chromium ]] || BROWSER_PACKAGES+=(chromium)
{ command -v fc-list >/dev/null && [[ -n $(fc-list :lang=zh 2>/dev/null) ]]; } || BROWSER_PACKAGES+=(fonts-wqy-zenhei)
# Debian's docker-compose (v1) validates deploy/compose/compose.yaml without a Docker engine (the deploy tests).
command -v docker-compose >/dev/null || BROWSER_PACKAGES+=(docker-compose)
if ((${#BROWSER_PACKAGES[@]} > 0)); then
    log "installing ${BROWSER_PACKAGES[*]} (the dashboard's browser test drives /usr/bin/chromium)"
    if [[ $(id -u) -eq 0 ]]; then SUDO=""; else SUDO="sudo -n"; fi
    { DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -q \
        && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${BROWSER_PACKAGES[@]}"; } >&2 \
        || log "WARNING: installing ${BROWSER_PACKAGES[*]} failed; the browser test will fail naming /usr/bin/chromium"
fi

# ---- build (fail fast) -------------------------------------------------------------------------------------------
log "building $SOLUTION (Release)"
dotnet build "$SOLUTION" -c Release

# ---- services ----------------------------------------------------------------------------------------------------
SERVICES_BASE=$(mktemp -d /tmp/hub-services.XXXXXX)
log "starting services (${HUB_SERVICES:-postgres,rabbitmq,mariadb}) in $SERVICES_BASE"
ENV_FILE=$(bash "$SCRIPT_DIR/services.sh" start "$SERVICES_BASE" | tail -n 1)
[[ -f "$ENV_FILE" ]] || { log "ERROR: services.sh printed no env file"; exit 1; }
# shellcheck disable=SC1090
source "$ENV_FILE"
log "service environment:"
sed -n 's/^export /  /p' "$ENV_FILE" >&2

# ---- tests -------------------------------------------------------------------------------------------------------
# dotnet test runs in its own process group (setsid) in the background, so that INT/TERM reach this script at once
# and the trap can end the whole test run (dotnet test and its test hosts) before the services are stopped.
set +e
setsid dotnet test "$SOLUTION" -c Release --no-build \
    --logger "console;verbosity=normal" --logger trx \
    --results-directory "$ARTIFACTS" "$@" &
TEST_PID=$!
wait "$TEST_PID"
TEST_RC=$?
TEST_PID=""
set -e

stop_services

# ---- secrets: none the tests gave a hub may appear in its logs or answers (docs/security.md) ---------------------
SCAN_RC=0
SCAN_ARGS=()
(($# == 0)) && SCAN_ARGS=(--require) # a whole run must have written transcripts
bash tests/scripts/scan-secrets.sh "$ARTIFACTS/secret-scan" "${SCAN_ARGS[@]}" >&2 || SCAN_RC=$?

# ---- summary from the trx files (one per test project) -----------------------------------------------------------
counter() {  # counter NAME FILE -> value of the attribute NAME of <Counters .../> (0 when absent)
    local v
    v=$(grep -o "<Counters [^>]*" "$2" | grep -o " $1=\"[0-9]*\"" | head -n 1 | tr -dc '0-9' || true)
    echo "${v:-0}"
}

passed=0 failed=0 skipped=0 total=0
mapfile -t TRX_FILES < <(find "$ARTIFACTS" -maxdepth 2 -name '*.trx' -type f | sort)
for trx in "${TRX_FILES[@]}"; do
    t=$(counter total "$trx")
    p=$(counter passed "$trx")
    f=$(( $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
    # skipped = listed but not executed (xUnit [Skip], notExecuted)
    s=$(( t - $(counter executed "$trx") ))
    ((s >= 0)) || s=0
    project=$(grep -o 'codeBase="[^"]*"' "$trx" | head -n 1 | sed 's/^codeBase="//; s/"$//; s#.*/##; s/\.dll$//' || true)
    log "$(basename "$trx"): ${project:-?}: $p passed, $f failed, $s skipped"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s)) total=$((total + t))
done

# the failed tests last, with their messages: the end of a CI log is what gets read
if ((failed > 0)) && command -v python3 >/dev/null 2>&1; then
    python3 "$SCRIPT_DIR/lib/trx-failures.py" "${TRX_FILES[@]}" >&2 || true
fi

RC=$TEST_RC
if ((total == 0)); then
    log "ERROR: no tests ran (${#TRX_FILES[@]} trx files in $ARTIFACTS)"
    ((RC != 0)) || RC=1
fi
if ((RC == 0 && (failed > 0 || SCAN_RC != 0))); then
    RC=1
fi
log "trx files in $ARTIFACTS; dotnet test exit code $TEST_RC"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$RC"
