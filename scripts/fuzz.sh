#!/usr/bin/env bash
# Build Holdfast's libFuzzer targets (tests/fuzz) with clang-14 in build-fuzz/ and run
# each for a fixed time, starting from its committed seed corpus (tests/fuzz/corpus/<t>).
# Fails on any crash, leak, timeout, out-of-memory or sanitizer report.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]     (default: 60 s, every target)
#
# Environment: FUZZ_BUILD_DIR [build-fuzz], CC/CXX [clang-14/clang++-14], JOBS [2].
# Per target: the log is <build>/fuzz-logs/<t>.log; the corpus grown during the run is
# <build>/fuzz-corpus/<t> (kept between runs, never committed); a failing input is
# written as <build>/fuzz-artifacts/<t>-crash-<sha1> (or leak-, timeout-, oom-). To keep
# one as a regression seed, copy it into tests/fuzz/corpus/<t>/ and add a unit test.
# Reproduce a failure: <build>/tests/fuzz/<t> <artifact>.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_conn_string fuzz_sql_scan fuzz_convert fuzz_unicode)
build=${FUZZ_BUILD_DIR:-$repo/build-fuzz}
jobs=${JOBS:-2}
export CC=${CC:-clang-14} CXX=${CXX:-clang++-14}

case "$seconds" in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS_PER_TARGET [TARGET...]]" >&2; exit 2 ;;
esac
command -v "$CXX" >/dev/null || { echo "fuzz.sh: $CXX not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 1; }

cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHOLDFAST_FUZZ=ON -DHOLDFAST_TESTS=OFF >/dev/null ||
  { echo "fuzz.sh: FAIL (configure)" >&2; exit 1; }
cmake --build "$build" -j "$jobs" --target "${targets[@]}" ||
  { echo "fuzz.sh: FAIL (build)" >&2; exit 1; }

mkdir -p "$build/fuzz-logs" "$build/fuzz-artifacts"
# Leaks count as failures; UBSan reports are fatal (-fno-sanitize-recover) and so are ASan's.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=0
summary=()
for t in "${targets[@]}"; do
  bin=$build/tests/fuzz/$t
  seeds=$repo/tests/fuzz/corpus/$t
  work=$build/fuzz-corpus/$t
  log=$build/fuzz-logs/$t.log
  mkdir -p "$work"
  printf '==> %s: %s s\n' "$t" "$seconds"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: runaway memory.
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" "$work" "$seeds" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1)
  if [ "$rc" -ne 0 ] || [ -z "$execs" ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log"; then
    failed=$((failed + 1))
    summary+=("FAIL  $t (exit $rc; log $log)")
    grep -E 'ERROR:|runtime error:|invariant|SUMMARY|Test unit written' "$log" | head -8 >&2
  else
    summary+=("PASS  $t: $execs executions, $cov")
  fi
done

printf '\n==> fuzz summary (%s s per target)\n' "$seconds"
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "fuzz.sh: FAIL ($failed of ${#targets[@]} targets)"
  exit 1
fi
echo "fuzz.sh: PASS (${#targets[@]} targets, $seconds s each)"
