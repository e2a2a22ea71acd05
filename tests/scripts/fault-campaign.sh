#!/usr/bin/env bash
# Issue 12.1: the fault campaign of docs/reliability.md — every fault test (Category=Faults) at full size.
#
#   bash tests/scripts/fault-campaign.sh [--no-build] [--short] [--seed N] [--filter EXPR] [--out DIR]
#
# Runs the fault tests with HUB_FAULT_CAMPAIGN=long (100,000 source records a sync, 20+ kills, several outages each;
# CI runs the same tests short), on services of its own (deploy/scripts/services.sh: PostgreSQL, RabbitMQ, MariaDB),
# which it always stops again. Each faulted sync appends one JSON line to DIR/results.jsonl (FaultLedger); at the end
# the lines become DIR/table.md, the table of docs/reliability.md, headed by the machine and the date. The hubs'
# output is kept in DIR/faults/*.log.
#
#   --no-build     use the Release build as it is
#   --short        the CI sizes (a quick rehearsal of the script)
#   --seed N       repeat a campaign's random points (every failure names its seed)
#   --filter EXPR  more dotnet test filter, and-ed with Category=Faults (e.g. "FullyQualifiedName~HubKill")
#   --out DIR      where results go (default artifacts/fault-campaign/<UTC date-time>)
#
# Needs root for the disk-full test (it mounts a small file system). Takes hours at full size on two cores: run it
# when nobody else needs the machine.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd)
cd "$REPO_ROOT"
log() { printf '[fault-campaign] %s\n' "$*" >&2; }

BUILD=1 SCALE=long SEED="" FILTER="" OUT=""
while (($# > 0)); do
    case "$1" in
        --no-build) BUILD=0 ;;
        --short) SCALE=short ;;
        --seed) SEED=${2:?--seed needs a number}; shift ;;
        --filter) FILTER=${2:?--filter needs an expression}; shift ;;
        --out) OUT=${2:?--out needs a folder}; shift ;;
        *) echo "usage: $(basename "$0") [--no-build] [--short] [--seed N] [--filter EXPR] [--out DIR]" >&2; exit 2 ;;
    esac
    shift
done

OUT=${OUT:-artifacts/fault-campaign/$(date -u +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export HUB_FAULT_RESULTS="$OUT/results.jsonl" HUB_TEST_ARTIFACTS="$OUT"
[[ "$SCALE" == long ]] && export HUB_FAULT_CAMPAIGN=long
[[ -n "$SEED" ]] && export HUB_FAULT_SEED=$SEED
: >"$HUB_FAULT_RESULTS"

((BUILD == 0)) || { log "building (Release)"; dotnet build IntegrationHub.sln -c Release >&2; }

SERVICES_BASE=$(mktemp -d /tmp/hub-services.XXXXXX)
# shellcheck disable=SC2317  # invoked through trap
cleanup() { bash deploy/scripts/services.sh stop "$SERVICES_BASE" >&2 || log "WARNING: stopping the services failed"; }
trap cleanup EXIT
# shellcheck disable=SC1090
source "$(bash deploy/scripts/services.sh start "$SERVICES_BASE" | tail -n 1)"

TEST_FILTER="Category=Faults"
[[ -z "$FILTER" ]] || TEST_FILTER="$TEST_FILTER&($FILTER)"
log "running $TEST_FILTER ($SCALE) into $OUT"
set +e
dotnet test tests/IntegrationHub.Integration.Tests -c Release --no-build --filter "$TEST_FILTER" \
    --logger "console;verbosity=normal" --logger trx --results-directory "$OUT" >&2
RC=$?
set -e

MACHINE="$(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory, $(uname -sr)"
python3 - "$HUB_FAULT_RESULTS" "$MACHINE" >"$OUT/table.md" <<'EOF'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
print(f"Machine: {sys.argv[2]}. Dates (UTC): {', '.join(sorted({r['date'][:10] for r in rows})) or '-'}.\n")
print("| Fault | Stack | How injected | Faults | Runs | Records | Lost | Doubled | Problems | Took | Seed | Notes |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for r in rows:
    cells = [r["fault"], r["stack"], r["injection"], r["injections"], f"{r['runs']} ({r['runOutcomes']})", f"{r['records']:,}",
             r["lost"], r["doubled"], r["problems"], f"{r['seconds'] / 60:.1f} min", r["seed"], r.get("notes") or ""]
    print("| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |")
EOF
cat "$OUT/table.md"
log "dotnet test exit code $RC; results in $OUT"
exit "$RC"
