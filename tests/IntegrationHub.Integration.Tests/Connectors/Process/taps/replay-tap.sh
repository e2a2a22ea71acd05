#!/usr/bin/env bash
# A small Singer tap for the process connector's tests: replays a file of JSON records (one per line) as RECORD
# messages of one stream, with a STATE {"line": N} every `stateEvery` records, and resumes after the line in --state.
#
#   replay-tap.sh --config CONFIG.json [--state STATE.json]
#   config: {"recordsFile": "/path/records.jsonl", "stream": "cases", "stateEvery": 100}  (flat JSON, as the hub writes it)
#   A records line starting with '!' is written as is (without the '!'): a way to put a malformed line on stdout.
# Test hooks (environment):
#   TAP_FAIL_AT_LINE=N, TAP_FAIL_ONCE_FILE=F  fail with exit 3 at records line N (only while file F exists; F is removed)
#   TAP_FAIL_DELAY=S                          wait S seconds before failing (the hub stores the pages read so far)
#   TAP_REPORT=F                              append "config-mode <octal>" and "pid <pid>" to F
#   TAP_SLEEP=S                               sleep S seconds (in a child process) before the first record
set -euo pipefail

config="" state=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --config) config=$2; shift 2 ;;
        --state) state=$2; shift 2 ;;
        *) echo "replay-tap: unknown argument $1" >&2; exit 2 ;;
    esac
done
[[ -f "$config" ]] || { echo "replay-tap: --config FILE is required" >&2; exit 2; }

setting() { sed -n "s/.*\"$1\":\(\"\([^\"]*\)\"\|\([0-9][0-9]*\)\).*/\2\3/p" "$2" | head -n 1; }
records=$(setting recordsFile "$config")
stream=$(setting stream "$config")
every=$(setting stateEvery "$config")
stream=${stream:-cases}
every=${every:-100}
skip=0
if [[ -n "$state" ]]; then
    skip=$(setting line "$state")
    skip=${skip:-0}
fi

if [[ -n "${TAP_REPORT:-}" ]]; then
    echo "config-mode $(stat -c %a "$config")" >>"$TAP_REPORT"
    echo "config-path $config" >>"$TAP_REPORT"
    echo "pid $$" >>"$TAP_REPORT"
fi
echo "replay-tap: starting after line $skip of $records" >&2
if [[ -n "${TAP_SLEEP:-}" ]]; then
    sleep "$TAP_SLEEP" &
    echo "child $!" >>"${TAP_REPORT:-/dev/null}"
    wait $!
fi

printf '{"type":"SCHEMA","stream":"%s","schema":{"type":"object"},"key_properties":[]}\n' "$stream"
n=0
while IFS= read -r line || [[ -n "$line" ]]; do
    n=$((n + 1))
    ((n <= skip)) && continue
    if [[ "${TAP_FAIL_AT_LINE:-0}" == "$n" ]] && { [[ -z "${TAP_FAIL_ONCE_FILE:-}" ]] || [[ -f "$TAP_FAIL_ONCE_FILE" ]]; }; then
        [[ -n "${TAP_FAIL_ONCE_FILE:-}" ]] && rm -f "$TAP_FAIL_ONCE_FILE"
        sleep "${TAP_FAIL_DELAY:-0}"
        echo "replay-tap: connection to the department API reset while reading line $n" >&2
        exit 3
    fi
    if [[ "$line" == '!'* ]]; then
        printf '%s\n' "${line:1}"
    else
        printf '{"type":"RECORD","stream":"%s","record":%s}\n' "$stream" "$line"
    fi
    if ((n % every == 0)); then
        printf '{"type":"STATE","value":{"line":%d}}\n' "$n"
    fi
done <"$records"
printf '{"type":"STATE","value":{"line":%d}}\n' "$n"
