#!/usr/bin/env bash
# valgrind memcheck over the integration tests, in the normal build (build/, or
# VALGRIND_BUILD_DIR): the integration_tests process (Catch2 host, unixODBC, the driver,
# libmariadb) runs under memcheck; any memory error or definite leak fails the run.
#
#   scripts/valgrind.sh [CATCH_TEST_SPEC]     (default: see DEFAULT_SPEC below)
#
# Not in CI: under memcheck the suite runs 20 to 50 times slower. The default spec leaves
# out what README "Hardening" lists (tests that start, restart or kill servers, and tests
# whose subject is a wall-clock bound), since their timing does not hold under memcheck and
# their code paths are covered by the tests that stay in. Child processes (isql, python3,
# mariadbd) are not traced.
#
# The test server: the one HOLDFAST_DB_PORT/HOLDFAST_DB_DIR name if it runs already (left
# running), else a private one on HOLDFAST_TEST_DB_PORT [3314] in <build>/mariadb-vg,
# stopped on exit. Logs: <build>/valgrind/<pid>.log. Environment: JOBS [2].
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 1
# shellcheck source=SCRIPTDIR/lib/test_server.sh
source "$repo/scripts/lib/test_server.sh"
build=${VALGRIND_BUILD_DIR:-$repo/build}
jobs=${JOBS:-2}
DEFAULT_SPEC='[integration]~[resilience]~[loss-cause]~[proxy]~[hostile]~[cancel]'
spec=${1:-$DEFAULT_SPEC}

command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
cmake -S "$repo" -B "$build" >/dev/null || exit 1
cmake --build "$build" -j "$jobs" --target holdfast integration_tests || exit 1

use_test_server valgrind.sh 3314 "$build/mariadb-vg" "$build/odbc-vg" "$build" || exit 1

logs=$build/valgrind
rm -rf "$logs"
mkdir -p "$logs"
start=$(date +%s)
valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
  --error-exitcode=99 --num-callers=40 --suppressions="$repo/tests/scripts/valgrind.supp" \
  --log-file="$logs/%p.log" "$build/tests/integration_tests" "$spec"
rc=$?
echo "valgrind.sh: '$spec' finished in $(( $(date +%s) - start )) s, exit code $rc"
grep -h "ERROR SUMMARY\|definitely lost" "$logs"/*.log
[ "$rc" -eq 0 ] && echo "valgrind.sh: PASS" || echo "valgrind.sh: FAIL (see $logs)"
exit "$rc"
