#!/bin/bash
# Entry point of the IntegrationHub image. Secrets arrive as files (Docker/Compose secrets, Kubernetes secret
# volumes): for every variable Hub__<setting>_FILE it reads that file and sets Hub__<setting> to its content (without
# the trailing newline), then runs the command, by default the hub. Example:
#   Hub__Store__ConnectionString_FILE=/run/secrets/hub_store_connection
# A setting given both ways, or a file that cannot be read, stops the container with a message that names both.
set -euo pipefail

while IFS= read -r name; do
    setting=${name%_FILE}
    file=${!name}
    if [[ -n ${!setting+x} ]]; then
        echo "hub-entrypoint: both $setting and $name are set; set only one of them." >&2
        exit 64
    fi
    if [[ ! -r $file ]]; then
        echo "hub-entrypoint: $name names '$file', which does not exist or is not readable by user $(id -u)." >&2
        exit 66
    fi
    export "$setting=$(<"$file")"
    unset "$name"
done < <(compgen -e | grep -E '^Hub__[A-Za-z0-9_]+_FILE$' || true)

exec "$@"
