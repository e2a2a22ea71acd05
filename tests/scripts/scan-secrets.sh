#!/usr/bin/env bash
# Issue 12.4: no secret the tests configured appears in any log line or HTTP answer of any hub the suite ran.
#
#   bash tests/scripts/scan-secrets.sh DIR [--require]
#
# DIR is $HUB_TEST_ARTIFACTS/secret-scan, where the test harness (tests/…/Harness/Secrets) wrote, per test process,
# secrets-*.txt (every secret and its JSON/HTML/URL-encoded forms, one a line), secrets-*.tsv (SHA-256 of each → where
# it was registered) and transcript-*.log (one line per log line or answer). Searches every transcript for every
# registered secret, and for any API key (hub_…) or webhook secret (whsec_…) at all — the one answer that issues them
# shows them as [issued secret]. Prints each hit as FILE:LINE with the secret masked and where it came from, and exits
# 1; 0 when nothing leaked. --require: also exit 1 when there is nothing to scan (a whole run must have written some).
set -euo pipefail
export LC_ALL=C

DIR=${1:?usage: scan-secrets.sh DIR [--require]}
REQUIRE=${2:-}

shopt -s nullglob
TRANSCRIPTS=("$DIR"/transcript-*.log)
REGISTRIES=("$DIR"/secrets-*.txt)
if ((${#TRANSCRIPTS[@]} == 0 || ${#REGISTRIES[@]} == 0)); then
    echo "secret scan: nothing to scan in $DIR (${#TRANSCRIPTS[@]} transcripts, ${#REGISTRIES[@]} registries)"
    [[ "$REQUIRE" == "--require" ]] && exit 1
    exit 0
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# One pattern a line, no empty line (an empty pattern matches everything).
cat "${REGISTRIES[@]}" | grep -v '^$' | sort -u > "$WORK/patterns" || true
cat "$DIR"/secrets-*.tsv | sort -u > "$WORK/origins" || true

mask() {  # the first 4 characters and the length: enough to recognise, not enough to use
    local value=$1
    printf '%s…(%d chars)' "${value:0:4}" "${#value}"
}

origin_of() {
    local sha
    sha=$(printf '%s' "$1" | sha256sum | cut -d' ' -f1)
    grep -m 1 "^$sha"$'\t' "$WORK/origins" | cut -f2- || echo "not registered: an API key or webhook secret outside the answer that issued it"
}

: > "$WORK/hits"
if [[ -s "$WORK/patterns" ]]; then
    grep -H -n -o -F -f "$WORK/patterns" "${TRANSCRIPTS[@]}" >> "$WORK/hits" || true
fi
grep -H -n -o -E 'hub_[A-Za-z0-9_-]{43}|whsec_[A-Za-z0-9+/]{32,}={0,2}' "${TRANSCRIPTS[@]}" >> "$WORK/hits" || true

bytes=$(cat "${TRANSCRIPTS[@]}" | wc -c)
lines=$(cat "${TRANSCRIPTS[@]}" | wc -l)
secrets=$(wc -l < "$WORK/origins")
if [[ ! -s "$WORK/hits" ]]; then
    echo "secret scan: $secrets secret forms searched in ${#TRANSCRIPTS[@]} transcripts ($lines lines, $((bytes / 1024 / 1024)) MiB): no leak"
    exit 0
fi

sort -u "$WORK/hits" > "$WORK/unique"
echo "secret scan: $(wc -l < "$WORK/unique") leak(s) of a secret into a hub's logs or answers (the first 40 shown):"
head -n 40 "$WORK/unique" | while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    value=${rest#*:}
    context=$(sed -n "${line}p" "$file")
    context=${context//"$value"/<secret>}
    echo "  $file:$line: $(mask "$value") from $(origin_of "$value")"
    echo "      in: ${context:0:160}"
done
exit 1
