#!/usr/bin/env bash
# A private MariaDB server for Holdfast's tests and set-up: its own datadir, port and
# socket, bound to 127.0.0.1 only, no systemd, started and stopped by pid.
#
#   tests/scripts/mariadb-server.sh start|stop|status|env
#
# Environment (defaults in brackets):
#   HOLDFAST_DB_PORT    [3310]
#   HOLDFAST_DB_DIR     [<repo>/build/mariadb]   datadir, socket, pid file and logs live here
#   HOLDFAST_DB_SOCKET  [$HOLDFAST_DB_DIR/mariadb.sock]
#   HOLDFAST_DB_EXTRA_ARGS [none]  more mariadbd options, split on blanks (e.g. the TLS
#                       test's --ssl-ca=... --ssl-cert=... --require-secure-transport=ON);
#                       they apply when this call starts the server
#
# `start` installs mariadb-server with apt-get if mariadbd is missing, initialises the
# datadir once, starts mariadbd in the background and waits until it answers, then makes
# sure the user holdfast/holdfast (at 127.0.0.1 and localhost, all privileges) and the
# database holdfast_test exist. Starting a server that already runs is fine.
# `stop` stops only the mariadbd whose pid is in this server's pid file.
# `env` prints the TEST_* variables that point at this server.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
port=${HOLDFAST_DB_PORT:-3310}
dir=${HOLDFAST_DB_DIR:-$repo/build/mariadb}
socket=${HOLDFAST_DB_SOCKET:-$dir/mariadb.sock}
read -r -a extra_args <<<"${HOLDFAST_DB_EXTRA_ARGS:-}"
datadir=$dir/data
pidfile=$dir/mariadbd.pid
errlog=$dir/error.log
start_timeout=60
stop_timeout=60

readonly TEST_USER=holdfast TEST_PASSWORD=holdfast TEST_SCHEMA=holdfast_test

say() { printf 'mariadb-server: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# The pid in the pid file, if it is a live mariadbd running on our datadir.
our_pid() {
  local pid
  [ -f "$pidfile" ] || return 1
  pid=$(tr -dc '0-9' <"$pidfile")
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--datadir=$datadir " || return 1
  printf '%s\n' "$pid"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

admin_sql() {
  mariadb --no-defaults --protocol=socket --socket="$socket" -uroot --batch
}

ensure_installed() {
  command -v mariadbd >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
  if ! command -v mariadbd >/dev/null || ! command -v mariadb-install-db >/dev/null \
     || ! command -v mariadb >/dev/null || ! command -v mariadb-admin >/dev/null; then
    bash "$repo/scripts/deps.sh" mariadb-server mariadb-client \
      || die "mariadbd is missing and could not be installed"
  fi
}

init_datadir() {
  [ -d "$datadir/mysql" ] && return 0
  say "initialising $datadir"
  rm -rf "$datadir"
  mkdir -p "$datadir"
  local user_opt=()
  [ "$(id -u)" = 0 ] && user_opt=(--user=root)
  if ! mariadb-install-db --no-defaults "${user_opt[@]}" --datadir="$datadir" \
        --auth-root-authentication-method=normal --skip-test-db \
        >"$dir/install-db.log" 2>&1; then
    cat "$dir/install-db.log" >&2
    rm -rf "$datadir"
    die "mariadb-install-db failed"
  fi
}

cmd_start() {
  ensure_installed
  mkdir -p "$dir" "$dir/tmp"
  if pid=$(our_pid); then
    say "already running (pid $pid, port $port)"
  else
    port_busy && die "port $port on 127.0.0.1 is taken by another process; choose another with HOLDFAST_DB_PORT"
    init_datadir
    local user_opt=()
    [ "$(id -u)" = 0 ] && user_opt=(--user=root)
    : >"$errlog"
    # our_pid() recognises this server by "--datadir=$datadir " in its command line.
    nohup mariadbd --no-defaults --datadir="$datadir" "${user_opt[@]}" \
      --port="$port" --bind-address=127.0.0.1 --socket="$socket" \
      --pid-file="$pidfile" --log-error="$errlog" --tmpdir="$dir/tmp" \
      --skip-name-resolve --max-connections=200 \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-buffer-pool-size=64M --innodb-log-file-size=16M \
      ${extra_args[@]+"${extra_args[@]}"} \
      </dev/null >>"$errlog" 2>&1 &
    pid=$!
    echo "$pid" >"$pidfile"
    local waited=0
    until mariadb-admin --no-defaults --protocol=socket --socket="$socket" -uroot \
            --connect-timeout=2 ping >/dev/null 2>&1; do
      if ! kill -0 "$pid" 2>/dev/null; then
        cat "$errlog" >&2
        rm -f "$pidfile"
        die "mariadbd exited during start-up (log above: $errlog)"
      fi
      if [ "$waited" -ge "$start_timeout" ]; then
        cat "$errlog" >&2
        die "mariadbd did not answer within ${start_timeout}s (pid $pid, log above: $errlog)"
      fi
      sleep 1
      waited=$((waited + 1))
    done
    say "started (pid $pid, 127.0.0.1:$port, socket $socket)"
  fi
  admin_sql <<SQL
CREATE USER IF NOT EXISTS '$TEST_USER'@'127.0.0.1' IDENTIFIED BY '$TEST_PASSWORD';
CREATE USER IF NOT EXISTS '$TEST_USER'@'localhost' IDENTIFIED BY '$TEST_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$TEST_USER'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO '$TEST_USER'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS \`$TEST_SCHEMA\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
SQL
}

cmd_stop() {
  local pid waited=0
  if ! pid=$(our_pid); then
    rm -f "$pidfile"
    say "not running"
    return 0
  fi
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge "$stop_timeout" ]; then
      say "mariadbd (pid $pid) still running after ${stop_timeout}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  rm -f "$pidfile"
  say "stopped (pid $pid)"
}

cmd_status() {
  local pid
  if pid=$(our_pid); then
    echo "running (pid $pid, 127.0.0.1:$port, socket $socket, datadir $datadir)"
  else
    echo "stopped (datadir $datadir)"
    return 1
  fi
}

cmd_env() {
  cat <<EOF
TEST_SERVER=127.0.0.1
TEST_PORT=$port
TEST_SOCKET=$socket
TEST_UID=$TEST_USER
TEST_PASSWORD=$TEST_PASSWORD
TEST_SCHEMA=$TEST_SCHEMA
EOF
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
