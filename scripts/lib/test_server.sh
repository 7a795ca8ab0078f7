# shellcheck shell=bash
# Sourced (not run) by the scripts that run tests against a MariaDB test server of their
# own choosing (scripts/tsan.sh, scripts/valgrind.sh), from the repository's top folder.
#
#   use_test_server SCRIPT_NAME DEFAULT_PORT DATA_DIR ODBC_DIR BUILD_DIR || exit 1
#
# Uses the server HOLDFAST_DB_PORT/HOLDFAST_DB_DIR name if it runs already (left running),
# else starts a private one on HOLDFAST_TEST_DB_PORT [DEFAULT_PORT] in DATA_DIR, stopped
# when the script exits (an EXIT trap). Then exports TEST_* for it, registers the driver
# of BUILD_DIR and the data source holdfast_test in ODBC_DIR (nothing in /etc), and
# exports ODBCSYSINI and ODBCINI.

use_test_server() {
  local script=$1 port=$2 data_dir=$3 odbc_dir=$4 build=$5 line
  holdfast_test_server=(bash tests/scripts/mariadb-server.sh)
  if [ -z "${HOLDFAST_DB_PORT:-}" ] || ! "${holdfast_test_server[@]}" status >/dev/null 2>&1; then
    export HOLDFAST_DB_PORT=${HOLDFAST_TEST_DB_PORT:-$port}
    export HOLDFAST_DB_DIR=$data_dir
    trap '"${holdfast_test_server[@]}" stop' EXIT
    "${holdfast_test_server[@]}" start || { echo "$script: FAIL (the test server did not start)" >&2; return 1; }
  fi
  while IFS= read -r line; do export "${line?}"; done < <("${holdfast_test_server[@]}" env)
  export TEST_DSN=holdfast_test TEST_DRIVER=Holdfast
  bash odbcinst/register.sh --build-dir "$build" --odbcsysini "$odbc_dir" --dsn "$TEST_DSN" \
    --port "$TEST_PORT" --server "$TEST_SERVER" --database "$TEST_SCHEMA" --uid "$TEST_UID" \
    --pwd "$TEST_PASSWORD" >/dev/null || return 1
  export ODBCSYSINI=$odbc_dir ODBCINI=$odbc_dir/odbc.ini
}
