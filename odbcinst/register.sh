#!/usr/bin/env bash
# Register the Holdfast driver with unixODBC (odbcinst.ini) and optionally create a DSN.
# Re-running is safe: the entry is removed first, so UsageCount stays 1 and the Driver
# path is the one given last.
#
#   odbcinst/register.sh [options]
#
#   --build-dir DIR    register DIR/odbcinst/holdfast-build.ini, i.e. DIR/driver/libholdfast.so
#                      [<repo>/build]
#   --ini FILE         register this odbcinst.ini template instead (e.g. the installed
#                      share/holdfast/holdfast.ini)
#   --odbcsysini DIR   use DIR/odbcinst.ini and DIR/odbc.ini instead of the system's
#                      (/etc); the same as exporting ODBCSYSINI=DIR
#   --dsn NAME         also create (or replace) the data source NAME; a system DSN
#                      (ODBCSYSINI's odbc.ini) unless --user-dsn
#   --user-dsn         make the DSN a user DSN (~/.odbc.ini, or $ODBCINI)
#   --server HOST --port N --database DB --uid USER --pwd PASSWORD
#                      the DSN's values [127.0.0.1, 3310, holdfast_test, holdfast, holdfast]
#   --unregister       remove the DSN (if --dsn) and the driver instead
set -euo pipefail

readonly DRIVER_NAME=Holdfast
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build
ini=
dsn=
dsn_scope=-l
server=127.0.0.1 port=3310 database=holdfast_test uid=holdfast pwd=holdfast
action=register

die() { printf 'register: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=${2:?}; shift ;;
    --ini) ini=${2:?}; shift ;;
    --odbcsysini) mkdir -p "${2:?}"; export ODBCSYSINI; ODBCSYSINI=$(cd "$2" && pwd); shift ;;
    --dsn) dsn=${2:?}; shift ;;
    --user-dsn) dsn_scope=-h ;;
    --server) server=${2:?}; shift ;;
    --port) port=${2:?}; shift ;;
    --database) database=${2:?}; shift ;;
    --uid) uid=${2:?}; shift ;;
    --pwd) pwd=${2:?}; shift ;;
    --unregister) action=unregister ;;
    -h|--help) usage ;;
    *) printf 'register: unknown option %s\n' "$1" >&2; usage ;;
  esac
  shift
done

command -v odbcinst >/dev/null || die "odbcinst is missing (apt-get install odbcinst unixodbc)"
[ -n "$ini" ] || ini=$build_dir/odbcinst/holdfast-build.ini

remove_driver() {
  # odbcinst -u only decrements UsageCount; repeat until the entry is gone.
  local _
  for _ in $(seq 1 100); do
    odbcinst -q -d -n "$DRIVER_NAME" >/dev/null 2>&1 || return 0
    odbcinst -u -d -n "$DRIVER_NAME" >/dev/null
  done
  die "could not remove driver $DRIVER_NAME (UsageCount over 100?)"
}

remove_dsn() {
  odbcinst -u -s "$dsn_scope" -n "$dsn" >/dev/null 2>&1 || true
}

if [ "$action" = unregister ]; then
  [ -z "$dsn" ] || remove_dsn
  remove_driver
  echo "register: removed $DRIVER_NAME${dsn:+ and DSN $dsn}"
  exit 0
fi

[ -f "$ini" ] || die "$ini not found: build first (cmake -B build && cmake --build build)"
library=$(sed -n 's/^[[:space:]]*Driver[[:space:]]*=[[:space:]]*//p' "$ini" | head -n 1)
[ -f "$library" ] || die "$ini names $library, which does not exist: build the driver first"

remove_driver
odbcinst -i -d -f "$ini" >/dev/null || die "odbcinst -i -d -f $ini failed"
odbcinst -q -d -n "$DRIVER_NAME" >/dev/null || die "$DRIVER_NAME is not listed after registration"
echo "register: driver $DRIVER_NAME -> $library (in $(odbcinst -j | sed -n 's/^DRIVERS\.*: //p'))"

if [ -n "$dsn" ]; then
  template=$(mktemp)
  trap 'rm -f "$template"' EXIT
  cat >"$template" <<EOF
[$dsn]
Description = Holdfast data source
Driver = $DRIVER_NAME
SERVER = $server
PORT = $port
DATABASE = $database
UID = $uid
PWD = $pwd
EOF
  if [ "$dsn_scope" = -l ]; then
    where=$(odbcinst -j | sed -n 's/^SYSTEM DATA SOURCES: //p')
    touch "$where"  # odbcinst cannot add a system DSN to a file that does not exist yet
  else
    where=$(odbcinst -j | sed -n 's/^USER DATA SOURCES\.*: //p')
  fi
  remove_dsn
  odbcinst -i -s "$dsn_scope" -f "$template" >/dev/null || die "odbcinst -i -s $dsn_scope failed for DSN $dsn"
  echo "register: DSN $dsn -> $server:$port/$database as $uid (in $where)"
fi
