#!/usr/bin/env bash
# Holdfast's benchmark from one command: installs what it needs, builds Holdfast (Release) and
# the benchmark programs in their own build directory, starts a private MariaDB server on its
# own port and datadir, fills the tables once, runs every workload alternating Holdfast /
# MariaDB Connector/ODBC / raw libmariadb, and prints medians, peak RSS and the ratios.
#
#   bench/run.sh [options]
#
#   --workloads LIST   comma-separated subset of: fetch_bound fetch_bound_block
#                      fetch_getdata point_select insert_single insert_array
#                      select1_latency connect  [all]
#   --drivers LIST     comma-separated subset of: holdfast peer raw  [all three]
#   --reps N           repetitions of each workload per driver [5]
#   --holdfast-options "K=V;..."  appended to Holdfast's connection string (e.g. PING_IDLE=-1)
#   --peer-options "K=V;..."      appended to MariaDB Connector/ODBC's connection string
#   --build-dir DIR    [<repo>/build-bench]
#   --port N           the private server's port [3390]
#   --no-build         use the programs already built in the build directory
#   --keep-server      leave the server running at the end (stop it with --stop-server)
#   --stop-server      only stop the server a --keep-server run left running
#   --refill           drop and fill the tables again
#
# Each run is a fresh process (so peak RSS is that run's); its checksum must equal the one
# computed from the generated data (and so be the same for every driver), else the run is
# marked BAD and left out of the medians. A driver that refuses a workload (e.g.
# SQL_ATTR_PARAMSET_SIZE > 1) shows "unsupported". The raw results and the table are kept in
# <build-dir>/results/. The driver manager configuration is private (<build-dir>/odbc); the
# system's /etc/odbcinst.ini is left as apt leaves it.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build-bench
port=3390
reps=5
workloads=fetch_bound,fetch_bound_block,fetch_getdata,point_select,insert_single,insert_array,select1_latency,connect
drivers=holdfast,peer,raw
holdfast_options=
peer_options=
do_build=1
keep_server=0
stop_only=0
refill=0

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --workloads) workloads=${2:?}; shift ;;
    --drivers) drivers=${2:?}; shift ;;
    --reps) reps=${2:?}; shift ;;
    --holdfast-options) holdfast_options=${2?}; shift ;;
    --peer-options) peer_options=${2?}; shift ;;
    --build-dir) build_dir=${2:?}; shift ;;
    --port) port=${2:?}; shift ;;
    --no-build) do_build=0 ;;
    --keep-server) keep_server=1 ;;
    --stop-server) stop_only=1 ;;
    --refill) refill=1 ;;
    -h|--help) usage ;;
    *) say "unknown option $1"; usage ;;
  esac
  shift
done
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || die "--reps wants a positive number"
IFS=, read -r -a workload_list <<<"$workloads"
IFS=, read -r -a driver_list <<<"$drivers"
for w in "${workload_list[@]}"; do
  case "$w" in
    fetch_bound|fetch_bound_block|fetch_getdata|point_select|insert_single|insert_array|select1_latency|connect) ;;
    *) die "unknown workload $w" ;;
  esac
done
for d in "${driver_list[@]}"; do
  case "$d" in holdfast|peer|raw) ;; *) die "unknown driver $d (holdfast, peer, raw)" ;; esac
done

mkdir -p "$build_dir"
build_dir=$(cd "$build_dir" && pwd)
export HOLDFAST_DB_PORT=$port HOLDFAST_DB_DIR=$build_dir/mariadb
server() { bash "$repo/tests/scripts/mariadb-server.sh" "$@"; }
if [ "$stop_only" = 1 ]; then server stop; exit 0; fi

# 1. What the benchmark needs (Debian packages; nothing is installed when all are there).
bash "$repo/scripts/deps.sh" cmake make g++ pkg-config unixodbc-dev libmariadb-dev libiniparser-dev \
  unixodbc odbcinst mariadb-server mariadb-client python3 odbc-mariadb
peer_lib=$(dpkg -L odbc-mariadb | grep '/libmaodbc\.so$' | head -n 1)
[ -f "$peer_lib" ] || die "libmaodbc.so not found in package odbc-mariadb"

# 2. Build (Release, tests off).
if [ "$do_build" = 1 ]; then
  say "building Holdfast (Release) in $build_dir"
  cmake -S "$repo" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release -DHOLDFAST_TESTS=OFF >/dev/null
  cmake --build "$build_dir" -j2 --target holdfast holdfast_bench raw_bench >/dev/null
fi
hf_lib=$build_dir/driver/libholdfast.so
bench_bin=$build_dir/bench/holdfast_bench
raw_bin=$build_dir/bench/raw_bench
for f in "$hf_lib" "$bench_bin" "$raw_bin"; do [ -x "$f" ] || [ -f "$f" ] || die "$f is missing (build first)"; done

# 3. A private driver manager configuration naming both drivers.
export ODBCSYSINI=$build_dir/odbc ODBCINI=$build_dir/odbc/odbc.ini
mkdir -p "$ODBCSYSINI"
cat >"$ODBCSYSINI/odbcinst.ini" <<INI
[Holdfast-bench]
Description = Holdfast (benchmark build)
Driver = $hf_lib

[MariaDB-bench]
Description = MariaDB Connector/ODBC (Debian odbc-mariadb)
Driver = $peer_lib
INI
: >"$ODBCINI"

# 4. The server.
server start
if [ "$keep_server" = 0 ]; then trap 'server stop || true' EXIT; fi
eval "$(server env)"
sql() { mariadb --no-defaults --protocol=socket --socket="$TEST_SOCKET" -uroot --batch --skip-column-names "$@"; }

# 5. The tables, filled once (bench_meta marks a finished fill).
filled=$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='$TEST_SCHEMA' AND table_name='bench_meta'")
if [ "$refill" = 1 ] || [ "$filled" != 1 ] || [ "$(sql "$TEST_SCHEMA" -e 'SELECT fill FROM bench_meta')" != 1 ]; then
  say "filling bench_fetch (1M rows)"
  fill_start=$SECONDS
  sql "$TEST_SCHEMA" <<'SQL'
DROP TABLE IF EXISTS bench_meta, bench_fetch, bench_insert;
CREATE TABLE bench_fetch (
  id INT NOT NULL PRIMARY KEY, c_int INT NOT NULL, c_bigint BIGINT NOT NULL, c_double DOUBLE NOT NULL,
  c_varchar VARCHAR(32) NOT NULL, c_datetime DATETIME NOT NULL, c_decimal DECIMAL(12,2) NOT NULL
) ENGINE=InnoDB;
CREATE TABLE bench_insert LIKE bench_fetch;
-- The formulas of bench_common.h's generate().
INSERT INTO bench_fetch
SELECT s, (s * 7919) % 1000003 - 500000, s * 1000000007 - 3, (s - 4002) / 4,
       CONCAT('v', s, '_', REPEAT('x', s % 20)),
       TIMESTAMP'2001-01-01 00:00:00' + INTERVAL s * 61 SECOND,
       ((s * 104729) % 100000000000 - 50000000000) / 100
FROM (SELECT CAST(seq AS SIGNED) AS s FROM seq_1_to_1000000) AS g;
CREATE TABLE bench_meta (fill INT NOT NULL);
INSERT INTO bench_meta VALUES (1);
SQL
  say "filled in $((SECONDS - fill_start)) s"
fi

# 6. The runs.
common="SERVER=127.0.0.1;PORT=$TEST_PORT;DATABASE=$TEST_SCHEMA;UID=$TEST_UID;PWD=$TEST_PASSWORD"
hf_conn="DRIVER={Holdfast-bench};$common${holdfast_options:+;$holdfast_options}"
peer_conn="DRIVER={MariaDB-bench};$common${peer_options:+;$peer_options}"
results=$build_dir/results
mkdir -p "$results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
raw_file=$results/runs-$stamp.tsv
printf 'workload\tdriver\trep\tstatus\tseconds\tcpu_seconds\tserver_cpu\tpeak_rss_kib\tchecksum\texpected\tnote\n' >"$raw_file"

# CPU seconds the server has used so far (utime + stime of mariadbd).
server_pid=$(tr -dc '0-9' <"$HOLDFAST_DB_DIR/mariadbd.pid")
ticks=$(getconf CLK_TCK)
server_cpu() { awk -v t="$ticks" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t }' "/proc/$server_pid/stat"; }

run_one() {  # driver workload -> one RESULT line on stdout (or a made-up error line)
  local out err rc cpu_before
  err=$(mktemp)
  cpu_before=$(server_cpu)
  case "$1" in
    holdfast) out=$("$bench_bin" "$hf_conn" "$2" 2>"$err") && rc=0 || rc=$? ;;
    peer) out=$("$bench_bin" "$peer_conn" "$2" 2>"$err") && rc=0 || rc=$? ;;
    raw) out=$("$raw_bin" 127.0.0.1 "$TEST_PORT" "$TEST_UID" "$TEST_PASSWORD" "$TEST_SCHEMA" "$2" 2>"$err") && rc=0 || rc=$? ;;
  esac
  out=$(grep '^RESULT ' <<<"$out" || true)
  if [ "$rc" != 0 ] || [ -z "$out" ]; then
    out="RESULT workload=$2 status=error reason=exit $rc: $(tr '\n' ' ' <"$err" | cut -c1-300)"
  fi
  rm -f "$err"
  # server_cpu goes first: an "unsupported" or "error" line ends with a free-text reason.
  printf 'RESULT server_cpu=%s %s\n' "$(awk -v a="$cpu_before" -v b="$(server_cpu)" 'BEGIN { printf "%.2f", b - a }')" \
    "${out#RESULT }"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

say "load before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
run_start=$SECONDS
declare -A expected
for w in "${workload_list[@]}"; do expected[$w]=$("$raw_bin" --expected "$w"); done
n=${#driver_list[@]}
for rep in $(seq 1 "$reps"); do
  for w in "${workload_list[@]}"; do
    for k in $(seq 0 $((n - 1))); do
      d=${driver_list[$(((k + rep - 1) % n))]}  # the order rotates from one repetition to the next
      line=$(run_one "$d" "$w")
      status=$(field status "$line")
      seconds=$(field seconds "$line")
      cpu=$(field cpu_seconds "$line")
      scpu=$(field server_cpu "$line")
      rss=$(field peak_rss_kib "$line")
      sum=$(field checksum "$line")
      note=$(sed -n 's/.* reason=//p' <<<"$line")
      if [ "$status" = ok ] && [ "$sum" != "${expected[$w]}" ]; then
        status=BAD
        note="checksum $sum, expected ${expected[$w]} (rows $(field rows "$line"))"
      fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$d" "$rep" "$status" "$seconds" "$cpu" "$scpu" "$rss" "$sum" \
        "${expected[$w]}" "$note" >>"$raw_file"
      say "rep $rep/$reps $w $d: $status${seconds:+ ${seconds}s (cpu ${cpu}s, server ${scpu}s)}${rss:+ rss ${rss}KiB}${note:+ ($note)}"
    done
  done
done
say "runs took $((SECONDS - run_start)) s; load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# 7. The table.
table=$results/table-$stamp.md
python3 - "$raw_file" "$workloads" >"$table" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
order = sys.argv[2].split(',')
def stats(w, d):
    runs = [r for r in rows if r['workload'] == w and r['driver'] == d]
    ok = [r for r in runs if r['status'] == 'ok']
    if not runs:
        return None
    if not ok:
        return {'text': runs[0]['status'], 't': None, 'cpu': None, 'scpu': None, 'rss': None}
    t = statistics.median(float(r['seconds']) for r in ok)
    cpu = statistics.median(float(r['cpu_seconds']) for r in ok)
    scpu = statistics.median(float(r['server_cpu']) for r in ok)
    rss = max(int(r['peak_rss_kib']) for r in ok) / 1024
    bad = len(runs) - len(ok)
    return {'text': f"{t:.3f}" + (f" ({bad} not ok)" if bad else ""), 't': t, 'cpu': cpu, 'scpu': scpu, 'rss': rss}
def get(s, k):
    return s[k] if s else None
def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "-"
def num(x, f):
    return f.format(x) if x is not None else "-"
print("| workload | Holdfast s | MariaDB ODBC s | raw s | Holdfast/raw | Holdfast/peer "
      "| client CPU s (Holdfast / peer / raw) | server CPU s (Holdfast / peer / raw) "
      "| peak RSS MiB (Holdfast / peer / raw) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |")
for w in order:
    h, p, r = stats(w, 'holdfast'), stats(w, 'peer'), stats(w, 'raw')
    text = lambda s: s['text'] if s else '-'
    print(f"| {w} | {text(h)} | {text(p)} | {text(r)} | {ratio(get(h, 't'), get(r, 't'))} | {ratio(get(h, 't'), get(p, 't'))} "
          f"| {num(get(h, 'cpu'), '{:.2f}')} / {num(get(p, 'cpu'), '{:.2f}')} / {num(get(r, 'cpu'), '{:.2f}')} "
          f"| {num(get(h, 'scpu'), '{:.2f}')} / {num(get(p, 'scpu'), '{:.2f}')} / {num(get(r, 'scpu'), '{:.2f}')} "
          f"| {num(get(h, 'rss'), '{:.0f}')} / {num(get(p, 'rss'), '{:.0f}')} / {num(get(r, 'rss'), '{:.0f}')} |")
seen = set()
for r in rows:
    key = (r['workload'], r['driver'], r['status'], r['note'])
    if r['status'] != 'ok' and key not in seen:
        seen.add(key)
        n = sum(1 for x in rows if (x['workload'], x['driver'], x['status'], x['note']) == key)
        print(f"\n{r['workload']} / {r['driver']}: {r['status']} ({n} runs) {r['note']}", end='')
if seen:
    print()
PY
echo
echo "Medians of $reps repetitions: seconds of the timed part, the client's CPU seconds in it, the"
echo "server's CPU seconds over the whole run of the process (connect and checks included); peak RSS"
echo "is the largest of the runs."
cat "$table"
echo
echo "raw runs: $raw_file"
