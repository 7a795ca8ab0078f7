#!/usr/bin/env bash
# unixODBC's iusql (the W entry points: SQLDriverConnectW, SQLPrepareW, SQLTablesW,
# SQLColumnsW, SQL_C_WCHAR results), as a user scripts it: the same script as the other
# clients in tests/clients, as far as iusql goes.
#
#   tests/clients/iusql.sh
#
# Connects by DSN and by connection string; creates a table; inserts (iusql binds no
# parameters: literals, with the non-ASCII text made on the server from its UTF-8 bytes,
# since iusql widens its input byte by byte); selects and checks the values; `help` and
# `help TABLE` (SQLTablesW, SQLColumnsW); a transaction rolled back and one committed in
# SQL, checked from another connection; and a long-running iusql session, fed line by line
# through a FIFO, whose connection is killed by KILL CONNECTION from a second iusql: its
# next statement works (transparent reconnect, a new server connection id) and nothing
# committed is lost; a kill inside a transaction is reported, and after ROLLBACK the
# session works again. Environment: TEST_DSN, TEST_DRIVER, TEST_SERVER, TEST_PORT,
# TEST_UID, TEST_PASSWORD, TEST_SCHEMA (defaults: holdfast, Holdfast, 127.0.0.1, 3310,
# holdfast, holdfast, holdfast_test). Exits non-zero after printing every mismatch.
set -euo pipefail

dsn=${TEST_DSN:-holdfast}
driver=${TEST_DRIVER:-Holdfast}
server=${TEST_SERVER:-127.0.0.1}
port=${TEST_PORT:-3310}
uid=${TEST_UID:-holdfast}
pwd=${TEST_PASSWORD:-holdfast}
schema=${TEST_SCHEMA:-holdfast_test}
table=holdfast_client_iusql
text_hex=4772C3BCC39F652C20E697A5E69CACE8AA9E2C20F09F9880  # 'Grüße, 日本語, 😀' in UTF-8
utf8_text="CONVERT(X'$text_hex' USING utf8mb4)"
# iusql prints each UTF-16 code unit of a SQL_C_WCHAR value as its low byte: ü (00FC) as
# the byte FC, 日 (65E5) as E5, the emoji's surrogates D83D DE00 as '=' and then a NUL,
# where the line ends. So this is the text as iusql shows it.
wide_text=$(printf 'Gr\xfc\xdfe, \xe5,\x9e, =')
# iusql has no -k: it connects with SQLDriverConnectW("DSN=<argument>"); an empty DSN
# followed by DRIVER=... makes that a DSN-less connection string.
conn=";DRIVER={$driver};SERVER=$server;PORT=$port;DATABASE=$schema;UID=$uid;PWD=$pwd"

command -v iusql >/dev/null || { echo "iusql_client: iusql is missing (apt-get install unixodbc)" >&2; exit 1; }
work=$(mktemp -d)
session_pid=
cleanup() {
  exec 3>&- 2>/dev/null || true
  if [ -n "$session_pid" ]; then kill "$session_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

failures=0
fail() { printf 'iusql_client: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }

# run LABEL TARGET <SQL: one iusql run (TARGET: the DSN, or the connection string),
# columns separated by '|'; the output is left in $out.
out=
run() {
  local label=$1 target=$2 rc=0
  local args=(-b -v -d'|' "$target")
  [ "$target" = "$dsn" ] && args+=("$uid" "$pwd")
  out=$(LC_ALL=C iusql "${args[@]}" 2>&1) || rc=$?
  if [ "$rc" -ne 0 ] || grep -q '\[ISQL\]ERROR' <<<"$out"; then
    fail "$label (exit $rc):"
    printf '%s\n' "$out" | sed 's/^/    /' >&2
  fi
}

# expect LABEL LINE [TEXT]: TEXT (the last run's output by default) has exactly this line.
expect() {
  if ! LC_ALL=C grep -qaFx -- "$2" <<<"${3-$out}"; then
    fail "$1: expected the line '$2' in:"
    printf '%s\n' "${3-$out}" | sed 's/^/    /' >&2
  fi
}

# 1. By DSN: create, insert, select.
run "iusql $dsn" "$dsn" <<SQL
DROP TABLE IF EXISTS $table
CREATE TABLE $table (id INT PRIMARY KEY, txt VARCHAR(100) NOT NULL, amount DECIMAL(10,2), n INT NULL) CHARACTER SET utf8mb4
INSERT INTO $table (id, txt, amount, n) VALUES (1, $utf8_text, 12.5, NULL), (2, 'plain ascii', -0.05, 7)
SELECT id, txt, amount, COALESCE(n, 'null') FROM $table ORDER BY id
SQL
expect "select by DSN" "1|$wide_text|12.50|null"
expect "select by DSN" "2|plain ascii|-0.05|7"

# 2. By connection string: the stored bytes, and the catalog (help: SQLTablesW; help
# TABLE: SQLColumnsW, whose columns are catalog|schema|table|column|type|type name|size|...).
run "iusql connection string" "$conn" <<SQL
SELECT id, CHAR_LENGTH(txt), HEX(txt), amount FROM $table WHERE id = 1
help
help $table
SQL
expect "stored UTF-8" "1|13|$text_hex|12.50"
expect "help (SQLTablesW)" "$schema||$table|TABLE|"
for column in "id|4|int|10" "txt|-9|varchar|100" "amount|3|decimal|10" "n|4|int|10"; do
  grep -qF "$schema||$table|$column|" <<<"$out" || fail "help $table (SQLColumnsW): no row for '$column' in: $out"
done

# 3. A long-running session by DSN, fed through a FIFO one statement at a time; a second
# iusql run (by connection string) watches it and kills its connection.
mkfifo "$work/in"
LC_ALL=C stdbuf -oL iusql -b -v -d'|' "$dsn" "$uid" "$pwd" <"$work/in" >"$work/out" 2>&1 &
session_pid=$!
exec 3>"$work/in"
# send SQL...: one statement per line to the session.
send() { printf '%s\n' "$@" >&3; }
# await MARKER: sends SELECT 'MARKER', CONNECTION_ID() and waits for its row (10 s at
# most); sets $session_id to the session's server connection id.
session_id=
await() {
  send "SELECT '$1', CONNECTION_ID()"
  for _ in $(seq 200); do
    session_id=$(sed -n "s/^$1|\([0-9]*\)\$/\1/p" "$work/out")
    [ -n "$session_id" ] && return 0
    sleep 0.05
  done
  fail "the iusql session did not answer '$1':"
  sed 's/^/    /' "$work/out" >&2
  return 1
}
# scalar SQL: sets $value to the one value a query returns, from another connection.
value=
scalar() {
  run "$1" "$conn" <<<"$1"
  value=$(tail -n 1 <<<"$out")
}
kill_session() {
  run "KILL CONNECTION $1" "$conn" <<<"KILL CONNECTION $1"
  for _ in $(seq 100); do
    scalar "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = $1"
    [ "$value" = 0 ] && break
    sleep 0.02
  done
  sleep 0.15  # the FIN and the server's farewell packet reach the session's socket
}

send "START TRANSACTION" "INSERT INTO $table (id, txt) VALUES (3, 'rolled back')" "ROLLBACK" \
  "START TRANSACTION" "INSERT INTO $table (id, txt) VALUES (4, 'committed')"
await before-commit
scalar "SELECT COUNT(*) FROM $table WHERE id = 4"
[ "$value" = 0 ] || fail "row 4 visible to another connection before COMMIT"
send "COMMIT"
await committed
scalar "SELECT GROUP_CONCAT(id) FROM $table WHERE id IN (3, 4)"
[ "$value" = 4 ] || fail "after ROLLBACK and COMMIT: expected row 4 only"

# Killed outside a transaction: the next statement works, on a new connection.
old_id=$session_id
kill_session "$old_id"
send "SELECT 'after-kill', COUNT(*) FROM $table"
send "INSERT INTO $table (id, txt) VALUES (5, 'after kill')"
await reconnected
[ "$session_id" != "$old_id" ] || fail "the session still has connection $old_id after KILL"

# Killed inside a transaction: reported; after ROLLBACK the session works again.
send "START TRANSACTION" "INSERT INTO $table (id, txt) VALUES (6, 'lost with the transaction')"
await in-transaction
kill_session "$session_id"
send "INSERT INTO $table (id, txt) VALUES (7, 'x')" "ROLLBACK"
send "SELECT 'ids', GROUP_CONCAT(id ORDER BY id) FROM $table"
exec 3>&-
wait "$session_pid" || fail "the iusql session exited with status $?"
session_pid=
session=$(cat "$work/out")
expect "first statement after KILL (transparent reconnect)" "after-kill|3" "$session"
expect "ids after the lost transaction" "ids|1,2,4,5" "$session"
# Exactly one statement failed: the INSERT after the kill inside the transaction.
errors=$(grep -c '\[ISQL\]ERROR' <<<"$session" || true)
[ "$errors" = 1 ] || fail "expected one failed statement (the INSERT after the kill in a transaction), got $errors:"$'\n'"$session"
grep -qi 'transaction' <<<"$session" || fail "the loss inside the transaction was not reported as such:"$'\n'"$session"

run "drop" "$conn" <<<"DROP TABLE $table"

if [ "$failures" -ne 0 ]; then
  echo "iusql_client: $failures check(s) failed (DSN $dsn, driver $driver)" >&2
  exit 1
fi
echo "iusql_client: OK (unixODBC $(iusql --version 2>/dev/null | head -n 1 | awk '{print $NF}'); DSN $dsn and DRIVER={$driver})"
