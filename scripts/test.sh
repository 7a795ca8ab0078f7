#!/usr/bin/env bash
# Build Holdfast and run every test, twice: a normal build (build/) and one under
# AddressSanitizer + UBSan (build-asan/). For each build:
#   ctest (Catch2 [unit] tests in parallel, then [integration] tests one source file at a time),
#   tests/smoke/isql_smoke.sh, tests/smoke/pyodbc_smoke.py, the real clients
#   (tests/clients/run.sh: iusql, pyodbc, Perl DBI; PHP odbc in the normal build), and
#   in the normal build packaging/test-package.sh (the .deb installed with apt, used,
#   removed: the one step that registers the driver in /etc/odbcinst.ini, and
#   unregisters it again),
# against a private MariaDB server on 127.0.0.1:3311 (tests/scripts/mariadb-server.sh,
# datadir build/mariadb-test) that is stopped again on exit. The driver is registered in
# a private ODBCSYSINI (<build>/odbc) with the DSN holdfast_test; other steps leave /etc alone.
#
#   scripts/test.sh [--no-asan | --asan-only]
#
# Environment: HOLDFAST_TEST_DB_PORT [3311], JOBS [nproc].
# Exits non-zero if any step fails; the last line is the summary.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 1

variants=(normal asan)
case "${1:-}" in
  "") ;;
  --no-asan) variants=(normal) ;;
  --asan-only) variants=(asan) ;;
  *) echo "usage: $0 [--no-asan | --asan-only]" >&2; exit 2 ;;
esac
jobs=${JOBS:-$(nproc)}
dsn=holdfast_test

bash scripts/deps.sh || { echo "test.sh: FAIL (dependencies could not be installed)" >&2; exit 1; }

# The test server, shared by both builds.
export HOLDFAST_DB_PORT=${HOLDFAST_TEST_DB_PORT:-3311}
export HOLDFAST_DB_DIR=$repo/build/mariadb-test
server=(bash tests/scripts/mariadb-server.sh)
trap '"${server[@]}" stop' EXIT
"${server[@]}" start || { echo "test.sh: FAIL (the test server did not start)" >&2; exit 1; }
while IFS= read -r line; do export "${line?}"; done < <("${server[@]}" env)
export TEST_DSN=$dsn TEST_DRIVER=Holdfast
export UBSAN_OPTIONS=print_stacktrace=1

results=()
failed=0
# step NAME COMMAND...: run one step, record PASS or FAIL.
step() {
  local name=$1
  shift
  printf '\n==> %s\n' "$name"
  if "$@"; then
    results+=("PASS  $name")
  else
    results+=("FAIL  $name")
    failed=$((failed + 1))
    return 1
  fi
}

run_build() {
  local name=$1 dir=$2
  shift 2
  step "$name: configure" cmake -S "$repo" -B "$dir" "$@" || return
  step "$name: build" cmake --build "$dir" -j "$jobs" || return
  step "$name: register driver and DSN" bash odbcinst/register.sh --build-dir "$dir" \
    --odbcsysini "$dir/odbc" --dsn "$dsn" --port "$TEST_PORT" --server "$TEST_SERVER" \
    --database "$TEST_SCHEMA" --uid "$TEST_UID" --pwd "$TEST_PASSWORD" || return
  export ODBCSYSINI=$dir/odbc ODBCINI=$dir/odbc/odbc.ini

  # Uninstrumented host programs need libasan loaded first to host the ASan driver, and
  # libstdc++ with it: isql and python3 are C programs, and ASan's __cxa_throw interceptor
  # must find the real one at start-up or the driver's first exception aborts.
  # Integration tests that run isql or python3 themselves read TEST_HOST_ENV.
  local host_env=()
  export TEST_HOST_ENV=
  if [ "$name" = asan ]; then
    local preload asan_options
    preload="$(gcc -print-file-name=libasan.so) $(gcc -print-file-name=libstdc++.so)"
    asan_options="detect_leaks=0:suppressions=$repo/tests/scripts/asan-host.supp"
    host_env=(LD_PRELOAD="$preload" ASAN_OPTIONS="$asan_options")
    TEST_HOST_ENV="LD_PRELOAD='$preload' ASAN_OPTIONS='$asan_options'"
  fi

  # Catch2 executables are instrumented themselves (leak detection on in the ASan build).
  # CTest runs each test source file as one process. Unit tests run in parallel; integration
  # tests one file at a time, since they share the server (tables, KILL, restarts).
  step "$name: unit tests" ctest --test-dir "$dir" --output-on-failure --no-tests=error \
    -LE integration -j "$jobs" --timeout 600
  step "$name: integration tests" ctest --test-dir "$dir" --output-on-failure --no-tests=error \
    -L integration --timeout 600

  step "$name: isql smoke" env "${host_env[@]}" timeout 300 bash tests/smoke/isql_smoke.sh "$dsn"
  step "$name: pyodbc smoke" env "${host_env[@]}" timeout 300 /usr/bin/python3 tests/smoke/pyodbc_smoke.py

  # Real clients (tests/clients: iusql, pyodbc, Perl DBI, PHP odbc), each a short
  # realistic script that also survives a KILL of its connection; packaging/test-package.sh
  # runs them again through the installed package. PHP only in the normal build: it loads
  # its extensions with RTLD_DEEPBIND, which the ASan runtime refuses.
  local clients=(iusql pyodbc perl)
  if [ "$name" = normal ]; then
    if bash tests/clients/run.sh --check php; then
      clients+=(php)
    else
      results+=("SKIP  $name: php client (the driver lacks an entry point it needs, see above)")
    fi
  fi
  step "$name: clients (${clients[*]})" env "${host_env[@]}" timeout 600 bash tests/clients/run.sh "${clients[@]}"

  # The .deb built from this tree, installed with apt into the system's ODBC set-up, used
  # by isql and holdfast-odbc, then removed (normal build only: no package from ASan).
  if [ "$name" = normal ]; then
    step "$name: package install, use, remove" timeout 600 bash packaging/test-package.sh --build-dir "$dir"
  fi
}

# Debug information of level 1 (functions and line tables: what stack traces and ASan
# reports need) instead of full: full debug information was a third of the compile time.
for v in "${variants[@]}"; do
  case "$v" in
    normal) run_build normal "$repo/build" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" ;;
    asan) run_build asan "$repo/build-asan" -DHOLDFAST_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
      -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_C_FLAGS_DEBUG=-g1 ;;
  esac
done

# The libFuzzer targets (tests/fuzz), built with clang-14 in build-fuzz/ and run 20 s each:
# a smoke run of scripts/fuzz.sh (README "Hardening" records the long runs). Only where
# clang-14 is installed (scripts/deps.sh installs it).
if command -v clang++-14 >/dev/null; then
  step "fuzz: every target, 20 s each" timeout 900 env FUZZ_BUILD_DIR="$repo/build-fuzz" JOBS="$jobs" \
    bash scripts/fuzz.sh 20
fi

printf '\n==> summary\n'
printf '%s\n' "${results[@]}"
if [ "$failed" -ne 0 ]; then
  echo "test.sh: FAIL ($failed of ${#results[@]} steps failed; builds: ${variants[*]})"
  exit 1
fi
skipped=$(printf '%s\n' "${results[@]}" | grep -c '^SKIP' || true)
echo "test.sh: PASS (all $((${#results[@]} - skipped)) steps run, $skipped skipped; builds: ${variants[*]})"
