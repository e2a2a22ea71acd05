#!/usr/bin/env bash
# Starts and stops the real services the test suite runs against (PostgreSQL 15, RabbitMQ, MariaDB),
# each on free loopback ports, with all data, sockets, logs and pid files under one base directory.
#
# Usage: services.sh start|stop|status [BASE_DIR]
#        services.sh down|up postgres|rabbitmq [BASE_DIR]
#
#   start   BASE_DIR = argument, or $HUB_SERVICES_DIR, or a new mktemp -d /tmp/hub-services.XXXXXX.
#           Starts the services listed in $HUB_SERVICES (comma list; default "postgres,rabbitmq,mariadb"; "none"
#           starts nothing). RabbitMQ and MariaDB are apt-installed when missing (a fresh CI machine has neither).
#           writes BASE_DIR/env (sourceable "export" lines) and prints its path as the LAST line of stdout.
#           All other output goes to stderr.
#   stop    Stops whatever was started in BASE_DIR (never by process name) and removes BASE_DIR.
#           Safe to call twice and after a start that failed half-way.
#   status  Prints what runs in BASE_DIR; exit code 1 when a service started there is not running.
#   down/up One service of BASE_DIR stopped, then started again on the same ports and data (fault injection: an
#           outage of the broker or the database under a running hub). HUB_STOP_MODE: postgres fast (default) or
#           immediate (crash recovery on up); rabbitmq stop (default) or kill (SIGKILL of the node).
#
# Exported in BASE_DIR/env: HUB_TEST_POSTGRES (PostgreSQL, trust auth, wal_level = logical), HUB_TEST_RABBITMQ_* (host, ports, guest
# user), HUB_TEST_MYSQL (MariaDB over TCP as user hub/hub, database hubtest; the user may create databases).
#
# Facts behind the steps: docs SERVICES.md (no systemd, no Docker, running as root).
set -euo pipefail

readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly RMQ_BIN=/usr/lib/rabbitmq/bin
readonly MARKER_FILE=.hub-services       # marks a directory created by this script (stop only removes those)
readonly DEFAULT_SERVICES=postgres,rabbitmq,mariadb

# Keep the real stdout for the final line (path of the env file); everything else goes to stderr.
# Every server is launched with fd 3 closed (3>&-): a server holding the caller's stdout pipe would make
# ENV=$(services.sh start) wait forever.
exec 3>&1 1>&2

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

usage() {
    echo "usage: $(basename "$0") start|stop|status [BASE_DIR]" >&2
    echo "       $(basename "$0") down|up postgres|rabbitmq [BASE_DIR]   (HUB_STOP_MODE: fast|immediate, stop|kill)" >&2
    exit 2
}

# ---------------------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------------------

rand_hex() { od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'; }

# Single-quote a value for a sourceable file.
shquote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

state_set() {  # state_set KEY VALUE  -> appended to $BASE/state (later lines win when sourced)
    printf '%s=%s\n' "$1" "$(shquote "$2")" >>"$BASE/state"
    printf -v "$1" '%s' "$2"
}

load_state() {
    if [[ -f "$BASE/state" ]]; then
        # shellcheck disable=SC1091
        source "$BASE/state"
    fi
}

PICKED_PORTS=" "
port_busy() {
    local p=$1
    if command -v ss >/dev/null 2>&1; then
        # any TCP socket (listening or connected, any address) with this local port
        [[ -n "$(ss -Htan "( sport = :$p )" 2>/dev/null)" ]] && return 0
    fi
    (exec 9<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && return 0
    return 1
}

# pick_port VAR: a free TCP port in 20000-31999 (below the kernel's ephemeral range), never a service default.
pick_port() {
    local p i
    for ((i = 0; i < 500; i++)); do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
        case "$PICKED_PORTS 3306 4369 5432 5672 15672 25672 " in *" $p "*) continue ;; esac
        port_busy "$p" && continue
        PICKED_PORTS+="$p "
        printf -v "$1" '%d' "$p"
        return 0
    done
    die "could not find a free TCP port"
}

pid_alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# A process belongs to this base dir when its environment carries HUB_SERVICES_OWNER=$BASE (set on every server we
# launch; inherited by their children such as epmd). Used instead of process names.
owned_by_base() {
    local pid=$1
    local environ
    environ=$({ tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null) || return 1
    [[ $'\n'"$environ"$'\n' == *$'\n'"HUB_SERVICES_OWNER=$BASE"$'\n'* ]]
}

owned_pids() {
    local d pid
    for d in /proc/[0-9]*; do
        pid=${d#/proc/}
        [[ "$pid" == "$$" || "$pid" == "$BASHPID" ]] && continue
        owned_by_base "$pid" && echo "$pid"
    done
    return 0
}

# wait_gone SECONDS PID...: true when all are gone within the time
wait_gone() {
    local secs=$1 p alive
    shift
    local deadline=$((SECONDS + secs))
    while :; do
        alive=0
        for p in "$@"; do pid_alive "$p" && alive=1; done
        ((alive == 0)) && return 0
        ((SECONDS >= deadline)) && return 1
        sleep 0.2
    done
}

# terminate PID...: TERM, wait up to 10 s, then KILL
terminate() {
    local p live=()
    for p in "$@"; do pid_alive "$p" && live+=("$p"); done
    ((${#live[@]})) || return 0
    kill -TERM "${live[@]}" 2>/dev/null || true
    wait_gone 10 "${live[@]}" && return 0
    log "processes ${live[*]} ignored SIGTERM; sending SIGKILL"
    kill -KILL "${live[@]}" 2>/dev/null || true
    wait_gone 5 "${live[@]}" || true
}

ensure_system_user() {
    local user=$1
    id -u "$user" >/dev/null 2>&1 && return 0
    log "creating system user $user"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /bin/bash "$user"
}

APT_UPDATED=0
apt_install() {
    local aptlog="$BASE/apt.log"
    log "installing $* with apt-get (one-time, ~20 s; output in $aptlog)"
    if ((APT_UPDATED == 0)); then
        apt-get update >>"$aptlog" 2>&1 || { tail_log "$aptlog"; die "apt-get update failed"; }
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >>"$aptlog" 2>&1 \
        || { tail_log "$aptlog"; die "apt-get install $* failed"; }
}

tail_log() {  # tail_log FILE: last lines of a server log to stderr (diagnostics on failure)
    local f=$1
    [[ -f "$f" ]] || return 0
    log "---- last lines of $f ----"
    tail -n 40 "$f" >&2 || true
    log "---- end of $f ----"
}

# ---------------------------------------------------------------------------------------------------------------
# PostgreSQL 15
# ---------------------------------------------------------------------------------------------------------------

pg_as() {  # run a PostgreSQL binary as the postgres user (the server refuses root)
    local bin=$1
    shift
    (cd / && runuser -u postgres -- env HUB_SERVICES_OWNER="$BASE" "$PG_BIN/$bin" "$@") 3>&- </dev/null
}

start_postgres() {
    [[ -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL 15 not found in $PG_BIN"
    ensure_system_user postgres
    local dir="$BASE/postgres"
    mkdir -p "$dir"
    chown postgres: "$dir"
    chmod 700 "$dir"
    state_set PG_DIR "$dir"
    state_set PG_DATA "$dir/data"

    log "postgres: initdb"
    pg_as initdb -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { tail_log "$dir/initdb.log"; die "initdb failed"; }

    local attempt port
    for attempt in 1 2 3; do
        pick_port port
        cat >>"$PG_DATA/postgresql.conf" <<EOF

# ---- added by deploy/scripts/services.sh ----
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = on
# logical replication for the sql connector's cdc mode (its tests create and drop their own slots)
wal_level = logical
max_replication_slots = 40
max_wal_senders = 40
EOF
        state_set PG_PORT "$port"
        log "postgres: starting on 127.0.0.1:$port"
        if pg_as pg_ctl -D "$PG_DATA" -l "$dir/postgres.log" -w -t 60 start >"$dir/pg_ctl.log" 2>&1; then
            break
        fi
        if ((attempt < 3)) && grep -q 'Address already in use' "$dir/postgres.log" 2>/dev/null; then
            log "postgres: port $port taken meanwhile, trying another"
            continue
        fi
        tail_log "$dir/pg_ctl.log"
        tail_log "$dir/postgres.log"
        die "PostgreSQL did not start"
    done

    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" || die "pg_isready failed on port $PG_PORT"
    "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null \
        || die "psql cannot connect to 127.0.0.1:$PG_PORT"
    log "postgres: ready on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
    [[ -n "${PG_DATA:-}" ]] || return 0
    local pidfile="$PG_DATA/postmaster.pid" pid
    [[ -f "$pidfile" ]] || return 0
    pid=$(head -n1 "$pidfile" 2>/dev/null || true)
    log "postgres: stopping (pid ${pid:-?})"
    if ! pg_as pg_ctl -D "$PG_DATA" -m fast -w -t 60 stop >&2 2>&1; then
        if [[ "$pid" =~ ^[0-9]+$ ]] && pid_alive "$pid"; then
            log "postgres: pg_ctl stop failed; signalling pid $pid"
            kill -QUIT "$pid" 2>/dev/null || true   # immediate shutdown
            wait_gone 10 "$pid" || kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
}

status_postgres() {
    [[ -n "${PG_PORT:-}" ]] || return 0
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; then
        echo "postgres: running on 127.0.0.1:$PG_PORT (data $PG_DATA)"
    else
        STATUS_RC=1
        echo "postgres: NOT running (port $PG_PORT, data $PG_DATA)"
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------------------------------------------

# The node's private environment, for the server and for the CLI tools (which need the same HOME for the cookie,
# the same epmd port and the same env-file override).
rmq_env() {
    local dir=$RMQ_DIR
    RMQ_ENV=(
        "HOME=$dir/home"
        "ERL_EPMD_PORT=$RMQ_EPMD_PORT"
        "RABBITMQ_NODENAME=$RMQ_NODE"
        "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1"
        "RABBITMQ_NODE_PORT=$RMQ_PORT"
        "RABBITMQ_DIST_PORT=$RMQ_DIST_PORT"
        "RABBITMQ_MNESIA_BASE=$dir/mnesia"
        "RABBITMQ_LOG_BASE=$dir/log"
        "RABBITMQ_FEATURE_FLAGS_FILE=$dir/feature_flags"
        "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins"
        "RABBITMQ_PID_FILE=$dir/rabbitmq.pid"
        "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf"
        "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config"
        "RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf"
    )
}

rmqctl() { rmq_env && env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" "$@"; }

start_rabbitmq() {
    if [[ ! -x "$RMQ_BIN/rabbitmq-server" ]]; then
        apt_install rabbitmq-server
        [[ -x "$RMQ_BIN/rabbitmq-server" ]] || die "rabbitmq-server installed but $RMQ_BIN/rabbitmq-server is missing"
    fi
    local dir="$BASE/rabbitmq"
    mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
    chmod 700 "$dir/home"
    # Erlang cookie: written before the first start, mode 400
    local cookie
    cookie=$(rand_hex 16)
    (umask 277 && printf '%s' "${cookie^^}" >"$dir/home/.erlang.cookie")
    : >"$dir/rabbitmq-env.conf"   # empty: /etc/rabbitmq/rabbitmq-env.conf must not apply

    local amqp dist mgmt epmd
    pick_port amqp
    pick_port dist
    pick_port mgmt
    pick_port epmd   # a private epmd, so that stop can end it without touching other Erlang nodes
    state_set RMQ_DIR "$dir"
    state_set RMQ_NODE "hubtest-$(rand_hex 4)@localhost"
    state_set RMQ_PORT "$amqp"
    state_set RMQ_DIST_PORT "$dist"
    state_set RMQ_MGMT_PORT "$mgmt"
    state_set RMQ_EPMD_PORT "$epmd"

    cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$amqp
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
# guest/guest may log in from loopback only (the default)
loopback_users.guest = true
log.file.level = info
log.console = false
EOF
    echo '[rabbitmq_management].' >"$dir/enabled_plugins"

    log "rabbitmq: starting node $RMQ_NODE (amqp 127.0.0.1:$amqp, management 127.0.0.1:$mgmt, dist $dist, epmd $epmd)"
    launch_rabbitmq
}

# Launches the configured node (ports, cookie and folders from the state) and waits until it and its management API
# answer: the first start, and a start again after `down rabbitmq`.
launch_rabbitmq() {
    local dir=$RMQ_DIR
    rm -f "$dir/rabbitmq.pid"   # a node killed with SIGKILL leaves its pid file behind
    rmq_env
    (
        cd "$dir"
        exec env "${RMQ_ENV[@]}" HUB_SERVICES_OWNER="$BASE" setsid nohup "$RMQ_BIN/rabbitmq-server" \
            >"$dir/log/startup.log" 2>&1 </dev/null
    ) 3>&- &
    state_set RMQ_LAUNCHER_PID "$!"

    # Fail fast if the launcher dies before the pid file appears (rabbitmqctl wait would sit out its timeout).
    local pidfile="$dir/rabbitmq.pid" deadline=$((SECONDS + 120))
    until [[ -s "$pidfile" ]]; do
        if ! pid_alive "$RMQ_LAUNCHER_PID"; then
            tail_log "$dir/log/startup.log"
            die "RabbitMQ exited during boot"
        fi
        ((SECONDS < deadline)) || { tail_log "$dir/log/startup.log"; die "RabbitMQ wrote no pid file in 120 s"; }
        sleep 0.2
    done
    if ! rmqctl wait --timeout 120 "$pidfile" >&2 || ! rmqctl await_startup --timeout 120 >&2; then
        tail_log "$dir/log/startup.log"
        tail_log "$dir/log/$RMQ_NODE.log"
        die "RabbitMQ did not finish booting"
    fi

    # management API with guest/guest over loopback
    deadline=$((SECONDS + 30))
    until curl -fsS -o /dev/null -u guest:guest "http://127.0.0.1:$RMQ_MGMT_PORT/api/overview" 2>/dev/null; do
        ((SECONDS < deadline)) || { tail_log "$dir/log/$RMQ_NODE.log"; die "management API on port $RMQ_MGMT_PORT does not answer"; }
        sleep 0.5
    done
    log "rabbitmq: ready (amqp 127.0.0.1:$RMQ_PORT, management http://127.0.0.1:$RMQ_MGMT_PORT)"
}

stop_rabbitmq() {
    [[ -n "${RMQ_NODE:-}" ]] || return 0
    local pidfile="$RMQ_DIR/rabbitmq.pid" pid=""
    [[ -f "$pidfile" ]] && pid=$(tr -dc '0-9' <"$pidfile" || true)
    if pid_alive "$pid" || pid_alive "${RMQ_LAUNCHER_PID:-}"; then
        log "rabbitmq: stopping node $RMQ_NODE (pid ${pid:-?})"
        if [[ -n "$pid" ]] && pid_alive "$pid"; then
            rmq_env
            timeout 90 env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" stop "$pidfile" >&2 \
                || log "rabbitmq: rabbitmqctl stop failed; falling back to the pid file"
        fi
        # fall back to the pid in the pid file, then to the launcher
        if [[ -n "$pid" ]] && pid_alive "$pid" && owned_by_base "$pid"; then terminate "$pid"; fi
        if pid_alive "${RMQ_LAUNCHER_PID:-}" && owned_by_base "$RMQ_LAUNCHER_PID"; then
            wait_gone 10 "$RMQ_LAUNCHER_PID" || terminate "$RMQ_LAUNCHER_PID"
        fi
    fi
    # the node's private epmd
    if [[ -n "${RMQ_EPMD_PORT:-}" ]] && command -v epmd >/dev/null 2>&1; then
        epmd -port "$RMQ_EPMD_PORT" -kill >/dev/null 2>&1 || true
    fi
}

status_rabbitmq() {
    [[ -n "${RMQ_NODE:-}" ]] || return 0
    rmq_env
    if env "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmq-diagnostics" -q -n "$RMQ_NODE" ping >/dev/null 2>&1; then
        echo "rabbitmq: running node $RMQ_NODE (amqp 127.0.0.1:$RMQ_PORT, management http://127.0.0.1:$RMQ_MGMT_PORT)"
    else
        STATUS_RC=1
        echo "rabbitmq: NOT running (node $RMQ_NODE, amqp port $RMQ_PORT)"
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# MariaDB
# ---------------------------------------------------------------------------------------------------------------

maria_sql() { mariadb --no-defaults --socket="$MARIA_SOCK" -u root; }  # SQL on stdin, as root via the socket

start_mariadb() {
    if ! command -v mariadbd >/dev/null 2>&1 && [[ ! -x /usr/sbin/mariadbd ]]; then
        apt_install mariadb-server
    fi
    export PATH="$PATH:/usr/sbin"
    command -v mariadbd >/dev/null 2>&1 || die "mariadbd not found after installing mariadb-server"
    ensure_system_user mysql
    local dir="$BASE/mariadb"
    mkdir -p "$dir"
    chown mysql: "$dir"
    chmod 750 "$dir"
    state_set MARIA_DIR "$dir"
    state_set MARIA_SOCK "$dir/mariadb.sock"
    state_set MARIA_PID_FILE "$dir/mariadb.pid"

    log "mariadb: mariadb-install-db"
    mariadb-install-db --no-defaults --user=mysql --datadir="$dir/data" --auth-root-authentication-method=socket \
        --skip-test-db >"$dir/install.log" 2>&1 || { tail_log "$dir/install.log"; die "mariadb-install-db failed"; }

    local port
    pick_port port
    state_set MARIA_PORT "$port"
    log "mariadb: starting on 127.0.0.1:$port"
    (
        export HUB_SERVICES_OWNER="$BASE"
        cd "$dir"
        exec setsid nohup mariadbd --no-defaults --user=mysql --datadir="$dir/data" --socket="$MARIA_SOCK" \
            --port="$port" --bind-address=127.0.0.1 --pid-file="$MARIA_PID_FILE" --log-error="$dir/mariadb.log" \
            --skip-name-resolve --max-connections=200 >"$dir/startup.log" 2>&1 </dev/null
    ) 3>&- &
    state_set MARIA_LAUNCHER_PID "$!"

    local deadline=$((SECONDS + 60))
    until mariadb-admin --no-defaults --socket="$MARIA_SOCK" -u root ping >/dev/null 2>&1; do
        if ! pid_alive "$MARIA_LAUNCHER_PID"; then
            tail_log "$dir/startup.log"
            tail_log "$dir/mariadb.log"
            die "MariaDB exited during start"
        fi
        ((SECONDS < deadline)) || { tail_log "$dir/mariadb.log"; die "MariaDB not ready in 60 s"; }
        sleep 0.3
    done

    # root is unix-socket only: create the TCP user for the tests through the socket
    maria_sql <<'SQL' || die "could not create the hub user / hubtest database"
DELETE FROM mysql.global_priv WHERE User = '';
CREATE USER IF NOT EXISTS 'hub'@'%' IDENTIFIED BY 'hub';
CREATE USER IF NOT EXISTS 'hub'@'localhost' IDENTIFIED BY 'hub';
GRANT ALL PRIVILEGES ON *.* TO 'hub'@'%' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'hub'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS hubtest CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
FLUSH PRIVILEGES;
SQL
    mariadb --no-defaults -h 127.0.0.1 -P "$port" -u hub -phub hubtest -e 'select 1' >/dev/null \
        || die "cannot log in as hub over TCP 127.0.0.1:$port"
    log "mariadb: ready on 127.0.0.1:$port (user hub/hub, database hubtest)"
}

stop_mariadb() {
    [[ -n "${MARIA_DIR:-}" ]] || return 0
    local pid=""
    [[ -f "$MARIA_PID_FILE" ]] && pid=$(tr -dc '0-9' <"$MARIA_PID_FILE" || true)
    [[ -n "$pid" ]] || pid=${MARIA_LAUNCHER_PID:-}
    pid_alive "$pid" || return 0
    log "mariadb: stopping (pid $pid)"
    export PATH="$PATH:/usr/sbin"
    timeout 60 mariadb-admin --no-defaults --socket="$MARIA_SOCK" -u root shutdown >&2 2>&1 \
        || log "mariadb: mariadb-admin shutdown failed; falling back to the pid"
    wait_gone 30 "$pid" || { owned_by_base "$pid" && terminate "$pid"; } || true
}

status_mariadb() {
    [[ -n "${MARIA_DIR:-}" ]] || return 0
    if mariadb-admin --no-defaults --socket="$MARIA_SOCK" -u root ping >/dev/null 2>&1; then
        echo "mariadb: running on 127.0.0.1:$MARIA_PORT (socket $MARIA_SOCK)"
    else
        STATUS_RC=1
        echo "mariadb: NOT running (port ${MARIA_PORT:-?})"
    fi
}

# ---------------------------------------------------------------------------------------------------------------
# commands
# ---------------------------------------------------------------------------------------------------------------

write_env_file() {
    local f="$BASE/env" tmp="$BASE/env.tmp"
    {
        echo "# generated by deploy/scripts/services.sh start; source this file"
        echo "export HUB_SERVICES_DIR=$(shquote "$BASE")"
        if [[ -n "${PG_PORT:-}" ]]; then
            echo "export HUB_TEST_POSTGRES=$(shquote "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres")"
        fi
        if [[ -n "${RMQ_NODE:-}" ]]; then
            echo "export HUB_TEST_RABBITMQ_HOST=127.0.0.1"
            echo "export HUB_TEST_RABBITMQ_PORT=$RMQ_PORT"
            echo "export HUB_TEST_RABBITMQ_MANAGEMENT_PORT=$RMQ_MGMT_PORT"
            echo "export HUB_TEST_RABBITMQ_USER=guest"
            echo "export HUB_TEST_RABBITMQ_PASSWORD=guest"
        fi
        if [[ -n "${MARIA_PORT:-}" ]]; then
            echo "export HUB_TEST_MYSQL=$(shquote "Server=127.0.0.1;Port=$MARIA_PORT;User ID=hub;Password=hub;Database=hubtest")"
        fi
    } >"$tmp"
    chmod 644 "$tmp"
    mv -f "$tmp" "$f"
}

START_DONE=0
on_start_exit() {
    local rc=$?
    ((START_DONE)) && return 0
    log "start failed (exit $rc); stopping what was started in $BASE"
    # logs stay in $BASE for inspection; 'services.sh stop $BASE' removes it
    do_stop keep-dir || true
    log "logs kept in $BASE (remove with: $0 stop $BASE)"
    exit "$rc"
}

do_start() {
    [[ $EUID -eq 0 ]] || die "must run as root (it switches to the postgres/mysql users and may apt-get install)"
    local requested=${HUB_SERVICES:-$DEFAULT_SERVICES} s
    local want_pg=0 want_rmq=0 want_maria=0
    IFS=', ' read -r -a list <<<"$requested"
    for s in "${list[@]}"; do
        case "$s" in
            postgres | postgresql) want_pg=1 ;;
            rabbitmq | rabbit) want_rmq=1 ;;
            mariadb | mysql) want_maria=1 ;;
            none | "") ;;
            *) die "unknown service '$s' in HUB_SERVICES (known: postgres, rabbitmq, mariadb)" ;;
        esac
    done

    if [[ -z "$BASE" ]]; then
        BASE=$(mktemp -d /tmp/hub-services.XXXXXX)
    else
        if [[ -f "$BASE/state" ]]; then
            die "$BASE already holds services (state file present); run '$0 stop $BASE' first"
        fi
        mkdir -p "$BASE"
    fi
    BASE=$(cd "$BASE" && pwd -P)
    [[ "$BASE" != / ]] || die "refusing to use / as base dir"
    chmod 755 "$BASE"   # the postgres and mysql users must be able to traverse it
    : >"$BASE/$MARKER_FILE"
    : >"$BASE/state"
    state_set BASE_DIR "$BASE"
    # unix socket paths are limited to 107 bytes
    ((${#BASE} <= 70)) || die "base dir path too long for unix sockets: $BASE"
    trap on_start_exit EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    log "base dir $BASE; services: $requested"

    local t0=$SECONDS
    ((want_pg)) && start_postgres
    ((want_rmq)) && start_rabbitmq
    ((want_maria)) && start_mariadb
    write_env_file
    START_DONE=1
    trap - EXIT INT TERM
    log "all services up in $((SECONDS - t0)) s; env file: $BASE/env"
    printf '%s\n' "$BASE/env" >&3
}

do_stop() {
    local mode=${1:-remove-dir}
    if [[ -z "$BASE" ]]; then
        die "stop: no base dir given (argument or HUB_SERVICES_DIR)"
    fi
    if [[ ! -d "$BASE" ]]; then
        log "stop: $BASE does not exist; nothing to do"
        return 0
    fi
    BASE=$(cd "$BASE" && pwd -P)
    if [[ ! -f "$BASE/$MARKER_FILE" ]]; then
        die "stop: $BASE was not created by services.sh (no $MARKER_FILE); refusing to touch it"
    fi
    load_state
    # stop each service the graceful way; failures fall through to the sweep below
    stop_mariadb || true
    stop_rabbitmq || true
    stop_postgres || true

    # sweep: anything still running that we launched from this base dir (identified by HUB_SERVICES_OWNER in its
    # environment, never by process name)
    local left
    left=$(owned_pids | tr '\n' ' ')
    if [[ -n "${left// /}" ]]; then
        log "stop: terminating leftover processes of $BASE: $left"
        # shellcheck disable=SC2086
        terminate $left
    fi

    if [[ "$mode" == remove-dir ]]; then
        rm -rf -- "$BASE"
        log "stop: removed $BASE"
    fi
}

# down SERVICE / up SERVICE: one service of BASE stopped and started again on the same ports and data, for fault
# injection (a broker or database outage while a hub runs). HUB_STOP_MODE chooses how it goes down: postgres "fast"
# (default: connections terminated, clean shutdown) or "immediate" (no shutdown checkpoint: crash recovery on the next
# start); rabbitmq "stop" (default: rabbitmqctl stop) or "kill" (SIGKILL of the node).
open_base() {
    [[ -n "$BASE" && -d "$BASE" ]] || die "$1: no base dir given (argument or HUB_SERVICES_DIR), or it does not exist"
    BASE=$(cd "$BASE" && pwd -P)
    [[ -f "$BASE/$MARKER_FILE" ]] || die "$1: $BASE was not created by services.sh (no $MARKER_FILE)"
    load_state
}

do_down() {
    local service=$1 mode=${HUB_STOP_MODE:-}
    open_base down
    case "$service" in
        postgres | postgresql)
            [[ -n "${PG_DATA:-}" ]] || die "down: no PostgreSQL was started in $BASE"
            mode=${mode:-fast}
            [[ "$mode" == fast || "$mode" == immediate ]] || die "down postgres: HUB_STOP_MODE is '$mode'; use fast or immediate"
            log "postgres: going down ($mode)"
            pg_as pg_ctl -D "$PG_DATA" -m "$mode" -w -t 60 stop >&2 2>&1 || die "pg_ctl stop -m $mode failed"
            ;;
        rabbitmq | rabbit)
            [[ -n "${RMQ_NODE:-}" ]] || die "down: no RabbitMQ was started in $BASE"
            mode=${mode:-stop}
            if [[ "$mode" == kill ]]; then
                local pid=""
                [[ -f "$RMQ_DIR/rabbitmq.pid" ]] && pid=$(tr -dc '0-9' <"$RMQ_DIR/rabbitmq.pid" || true)
                pid_alive "$pid" && owned_by_base "$pid" || die "down rabbitmq: no running node of $BASE (pid '${pid}')"
                log "rabbitmq: going down (SIGKILL of pid $pid)"
                kill -KILL "$pid"
                wait_gone 10 "$pid" || die "rabbitmq pid $pid survived SIGKILL"
                if pid_alive "${RMQ_LAUNCHER_PID:-}" && owned_by_base "$RMQ_LAUNCHER_PID"; then
                    wait_gone 10 "$RMQ_LAUNCHER_PID" || terminate "$RMQ_LAUNCHER_PID"
                fi
            elif [[ "$mode" == stop ]]; then
                log "rabbitmq: going down (rabbitmqctl stop)"
                stop_rabbitmq
            else
                die "down rabbitmq: HUB_STOP_MODE is '$mode'; use stop or kill"
            fi
            ;;
        *) die "down: unknown service '$service' (postgres or rabbitmq)" ;;
    esac
}

do_up() {
    local service=$1
    open_base up
    case "$service" in
        postgres | postgresql)
            [[ -n "${PG_DATA:-}" ]] || die "up: no PostgreSQL was started in $BASE"
            log "postgres: coming up on 127.0.0.1:$PG_PORT"
            pg_as pg_ctl -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t 120 start >"$PG_DIR/pg_ctl.log" 2>&1 \
                || { tail_log "$PG_DIR/postgres.log"; die "PostgreSQL did not start again"; }
            ;;
        rabbitmq | rabbit)
            [[ -n "${RMQ_NODE:-}" ]] || die "up: no RabbitMQ was started in $BASE"
            log "rabbitmq: coming up (node $RMQ_NODE, amqp 127.0.0.1:$RMQ_PORT)"
            launch_rabbitmq
            ;;
        *) die "up: unknown service '$service' (postgres or rabbitmq)" ;;
    esac
}

STATUS_RC=0
do_status() {  # exit code 0 when every service started in BASE runs, 1 otherwise
    [[ -n "$BASE" ]] || die "status: no base dir given (argument or HUB_SERVICES_DIR)"
    if [[ ! -f "$BASE/state" ]]; then
        echo "no services in $BASE" >&3
        return 1
    fi
    load_state
    {
        echo "base dir: $BASE"
        status_postgres
        status_rabbitmq
        status_mariadb
        local left
        left=$(owned_pids | tr '\n' ' ')
        echo "processes: ${left:-none}"
        if [[ -f "$BASE/env" ]]; then echo "env file: $BASE/env"; fi
    } >&3
    return "$STATUS_RC"
}

main() {
    local cmd=${1:-}
    case "$cmd" in
        down | up)
            [[ $# -ge 2 && $# -le 3 ]] || usage
            BASE=${3:-${HUB_SERVICES_DIR:-}}
            "do_$cmd" "$2"
            return
            ;;
    esac
    [[ $# -le 2 ]] || usage
    BASE=${2:-${HUB_SERVICES_DIR:-}}
    case "$cmd" in
        start) do_start ;;
        stop) do_stop remove-dir ;;
        status) do_status ;;
        *) usage ;;
    esac
}

main "$@"
