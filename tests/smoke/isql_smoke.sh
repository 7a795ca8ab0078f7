#!/usr/bin/env bash
# Smoke test as a user would do it: unixODBC's isql (ANSI entry points, through a DSN and
# DSN-less) and iusql (the W entry points) against a running server.
#
#   tests/smoke/isql_smoke.sh [DSN]
#
# DSN defaults to $TEST_DSN, then "holdfast". The DSN-less run and the credentials use
# TEST_DRIVER, TEST_SERVER, TEST_PORT, TEST_UID, TEST_PASSWORD, TEST_SCHEMA
# [Holdfast, 127.0.0.1, 3310, holdfast, holdfast, holdfast_test].
set -euo pipefail

dsn=${1:-${TEST_DSN:-holdfast}}
driver=${TEST_DRIVER:-Holdfast}
server=${TEST_SERVER:-127.0.0.1}
port=${TEST_PORT:-3310}
uid=${TEST_UID:-holdfast}
pwd=${TEST_PASSWORD:-holdfast}
schema=${TEST_SCHEMA:-holdfast_test}
table=holdfast_smoke_isql
text='Grüße, 日本語, 😀'
text_hex=4772C3BCC39F652C20E697A5E69CACE8AA9E2C20F09F9880  # its UTF-8 bytes, 13 characters

failures=0
fail() { printf 'isql_smoke: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
need() { command -v "$1" >/dev/null || { echo "isql_smoke: $1 is missing (apt-get install unixodbc odbcinst)" >&2; exit 1; }; }
need isql; need iusql; need odbcinst

odbcinst -q -d -n "$driver" >/dev/null 2>&1 \
  || { echo "isql_smoke: driver $driver is not registered (odbcinst -q -d); run odbcinst/register.sh" >&2; exit 1; }
odbcinst -q -s -n "$dsn" >/dev/null 2>&1 \
  || { echo "isql_smoke: DSN $dsn does not exist (odbcinst -q -s); run odbcinst/register.sh --dsn $dsn" >&2; exit 1; }

# run LABEL CLIENT ARGS... <SQL: runs the client in batch mode with '|' between columns;
# the combined output is left in $out. isql -b exits 0 even when a statement fails, so
# errors are recognised by [ISQL]ERROR in the output.
out=
run() {
  local label=$1 rc=0
  shift
  out=$("$@" 2>&1) || rc=$?
  if [ "$rc" -ne 0 ] || grep -q '\[ISQL\]ERROR' <<<"$out"; then
    fail "$label: $* (exit $rc):"
    printf '%s\n' "$out" | sed 's/^/    /' >&2
    return 1
  fi
}

# expect LABEL LINE: the last run printed exactly this line (byte for byte).
expect() {
  if ! LC_ALL=C grep -qaFx -- "$2" <<<"$out"; then
    fail "$1: expected the line '$2' in:"
    printf '%s\n' "$out" | sed 's/^/    /' >&2
  fi
}

# 0. `isql -v DSN` as the README tells users: user and password come from the DSN.
if run "isql $dsn (credentials from the DSN)" isql -b -v -d'|' "$dsn" <<SQL
SELECT SUBSTRING_INDEX(CURRENT_USER(), '@', 1), DATABASE()
SQL
then
  expect "isql without UID/PWD" "$uid|$schema"
fi

# 1. isql through the DSN (SQLConnect, SQLPrepare/SQLExecute, SQL_C_CHAR in UTF-8).
if run "isql $dsn" isql -b -v -d'|' "$dsn" "$uid" "$pwd" <<SQL
DROP TABLE IF EXISTS $table
CREATE TABLE $table (id INT PRIMARY KEY, txt VARCHAR(100) NOT NULL) CHARACTER SET utf8mb4
INSERT INTO $table (id, txt) VALUES (1, '$text'), (2, 'plain ascii')
SELECT id, txt FROM $table ORDER BY id
SELECT id, CHAR_LENGTH(txt), HEX(txt) FROM $table WHERE id = 1
SQL
then
  expect "isql select" "1|$text"
  expect "isql select" "2|plain ascii"
  expect "isql stored UTF-8" "1|13|$text_hex"
fi

# 2. iusql: the W entry points (SQLDriverConnectW, SQLPrepareW, SQL_C_WCHAR). iusql turns
# each UTF-16 code unit into its low byte, so ü (U+00FC) prints as the byte 0xFC; iusql
# also widens its input byte by byte, so only ASCII goes in.
wide_row=$(printf '1|Gr\xfc\xdfe, \xe5,\x9e, =')  # G r ü ß e , ␠ 日(65E5) 本(672C) 語(8A9E) , ␠ 😀(D83D DE00: stops at 00)
if run "iusql $dsn" iusql -b -v -d'|' "$dsn" "$uid" "$pwd" <<SQL
INSERT INTO $table (id, txt) VALUES (3, 'from iusql')
SELECT id, txt FROM $table WHERE id IN (1, 3) ORDER BY id
SQL
then
  expect "iusql select" "$wide_row"
  expect "iusql select" "3|from iusql"
fi

# 3. isql -k: DSN-less SQLDriverConnect with the driver's name; reads iusql's row back.
conn="DRIVER={$driver};SERVER=$server;PORT=$port;DATABASE=$schema;UID=$uid;PWD=$pwd"
if run "isql -k" isql -b -v -k -d'|' "$conn" <<SQL
SELECT id, txt FROM $table ORDER BY id
SELECT COUNT(*) FROM $table
DROP TABLE $table
SQL
then
  expect "isql -k select" "1|$text"
  expect "isql -k select" "3|from iusql"
  expect "isql -k count" "3"
fi

if [ "$failures" -ne 0 ]; then
  echo "isql_smoke: $failures check(s) failed (DSN $dsn, driver $driver)" >&2
  exit 1
fi
echo "isql_smoke: OK (isql via DSN $dsn, iusql, isql -k DSN-less; UTF-8 round trip)"
