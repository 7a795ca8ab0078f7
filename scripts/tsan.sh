#!/usr/bin/env bash
# ThreadSanitizer run: builds the driver and threads_tests (test_threads.cpp and
# test_cancel*.cpp: tests/CMakeLists.txt) with -fsanitize=thread
# (CMake option HOLDFAST_TSAN, build dir build-tsan/) and runs the multi-threaded
# integration tests under it: [threads] (tests/integration/test_threads.cpp: connections
# on several threads, SQLCancel from another thread, one connection's statements used
# from two threads, SQLGetDiagRec while another thread works) and [cancel].
#
#   scripts/tsan.sh [CATCH_TEST_SPEC]       (default "[threads],[cancel]")
#
# The test server: the one HOLDFAST_DB_PORT/HOLDFAST_DB_DIR name if it runs already (left
# running), else a private one on HOLDFAST_TEST_DB_PORT [3313] in build-tsan/mariadb-test,
# stopped on exit. The driver is registered in build-tsan/odbc (nothing in /etc).
# unixODBC and libmariadb are not instrumented; tests/scripts/tsan.supp says what is
# suppressed and why. Exits non-zero on any ThreadSanitizer report or test failure.
# Environment: JOBS [2], TSAN_BUILD_DIR [build-tsan].
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 1
# shellcheck source=SCRIPTDIR/lib/test_server.sh
source "$repo/scripts/lib/test_server.sh"
build=${TSAN_BUILD_DIR:-$repo/build-tsan}
spec=${1:-[threads],[cancel]}
jobs=${JOBS:-2}

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DHOLDFAST_TSAN=ON >/dev/null || exit 1
cmake --build "$build" -j "$jobs" --target holdfast threads_tests || exit 1

use_test_server tsan.sh 3313 "$build/mariadb-test" "$build/odbc" "$build" || exit 1

# halt_on_error=0: every report is printed; exitcode: any report fails the run.
export TSAN_OPTIONS="halt_on_error=0 exitcode=66 second_deadlock_stack=1 suppressions=$repo/tests/scripts/tsan.supp"
start=$(date +%s)
"$build/tests/threads_tests" "$spec"
rc=$?
echo "tsan.sh: $spec finished in $(( $(date +%s) - start )) s, exit code $rc"
[ "$rc" -eq 0 ] && echo "tsan.sh: PASS" || echo "tsan.sh: FAIL"
exit "$rc"
