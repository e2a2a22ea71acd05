#!/usr/bin/env bash
# Makes the secret files of the Compose stack: random passwords for PostgreSQL, RabbitMQ and Grafana, the hub's
# connection string, and RabbitMQ's default user. Files that exist are kept, so running it again changes nothing.
#
#   ./init-secrets.sh [folder]      # default: ./secrets next to compose.yaml
#
# The folder is 0700 (only you, on the host, can list or read it). The files in it are 0644: Compose hands each one
# to its container as a bind mount, and the processes reading them run as other users (the hub as 1654, Grafana as
# 472, RabbitMQ as 999); a bind-mounted file is reached without passing through its host folder.
set -euo pipefail

DIR=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets}
umask 077
mkdir -p "$DIR"
chmod 0700 "$DIR"

random() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

write() {  # write NAME CONTENT: creates DIR/NAME once
    local path=$DIR/$1
    if [[ -e $path ]]; then
        echo "kept    $path" >&2
        return
    fi
    # no newline at the end: some readers take the whole file as the password
    printf '%s' "$2" > "$path"
    chmod 0644 "$path"
    echo "created $path" >&2
}

read_secret() { tr -d '\n' < "$DIR/$1"; }

write postgres_password "$(random)"
write rabbitmq_password "$(random)"
write grafana_admin_password "$(random)"
# The hub's store: the PostgreSQL service of compose.yaml, with the password above.
write hub_store_connection "Host=postgres;Port=5432;Database=hub;Username=hub;Password=$(read_secret postgres_password)"
# RabbitMQ creates this user (instead of guest) when its data volume is new.
write rabbitmq-user.conf "default_user = hub
default_pass = $(read_secret rabbitmq_password)
"
