#!/usr/bin/env bash
# Runs the real-client scripts of this folder against a registered driver and DSN: each
# connects by DSN and by connection string, creates a table, inserts with parameters,
# selects and checks, makes a catalog call, commits and rolls back, round-trips UTF-8
# text with a 4-byte emoji, and survives a KILL of its connection.
#
#   tests/clients/run.sh [CLIENT...]      run these (default: all), print one line each
#   tests/clients/run.sh --check CLIENT   exit 0 if CLIENT can run against the driver,
#                                         else say why and exit 1
#
# CLIENT: iusql (unixODBC), pyodbc (python3-pyodbc), perl (DBI + DBD::ODBC,
# libdbd-odbc-perl), php (php-cli + php-odbc). Environment: TEST_DSN, TEST_DRIVER,
# TEST_SERVER, TEST_PORT, TEST_UID, TEST_PASSWORD, TEST_SCHEMA, and ODBCSYSINI/ODBCINI
# for where the driver and DSN are registered. Exits non-zero if any client fails.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
all=(iusql pyodbc perl php)

command_of() {
  case "$1" in
    iusql) echo "bash $here/iusql.sh" ;;
    pyodbc) echo "/usr/bin/python3 $here/pyodbc_client.py" ;;
    perl) echo "/usr/bin/perl $here/perl_dbi.pl" ;;
    php) echo "php $here/php_odbc.php" ;;
    *) return 1 ;;
  esac
}

# PHP's odbc extension fetches with SQLExtendedFetch whenever SQLGetInfo reports
# SQL_FD_FETCH_ABSOLUTE, and unixODBC passes that call only to a driver that exports it.
can_run() {
  [ "$1" = php ] || return 0
  local lib
  lib=$(odbcinst -q -d -n "${TEST_DRIVER:-Holdfast}" 2>/dev/null | sed -n 's/^Driver=//p')
  if [ -z "$lib" ] || [ ! -f "$lib" ]; then
    echo "clients: driver ${TEST_DRIVER:-Holdfast} is not registered (odbcinst -q -d)" >&2
    return 1
  fi
  # The whole list is read (no grep -q): under pipefail, nm killed by SIGPIPE after an
  # early match would fail the pipeline and hide the symbol.
  local symbols
  symbols=$(nm -D --defined-only "$lib") || return 1
  if ! grep -qw SQLExtendedFetch <<<"$symbols"; then
    echo "clients: php needs SQLExtendedFetch, which $lib does not export" >&2
    return 1
  fi
}

if [ "${1:-}" = --check ]; then
  [ $# -eq 2 ] && command_of "$2" >/dev/null || { echo "usage: $0 --check CLIENT" >&2; exit 2; }
  can_run "$2"
  exit
fi

clients=("$@")
[ ${#clients[@]} -gt 0 ] || clients=("${all[@]}")
failed=()
for c in "${clients[@]}"; do
  cmd=$(command_of "$c") || { echo "usage: $0 [--check CLIENT | CLIENT...]; CLIENT: ${all[*]}" >&2; exit 2; }
  start=$SECONDS
  # shellcheck disable=SC2086  # the command is words
  if timeout 120 $cmd; then
    printf 'clients: %-6s PASS (%ds)\n' "$c" $((SECONDS - start))
  else
    printf 'clients: %-6s FAIL (%ds)\n' "$c" $((SECONDS - start))
    failed+=("$c")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "clients: FAIL (${failed[*]})" >&2
  exit 1
fi
echo "clients: OK (${clients[*]})"
