#!/usr/bin/env bash
# From a fresh Debian 12 machine (as root) to a working isql session with Holdfast:
#   1. installs the build and test dependencies with apt-get (only what is missing);
#   2. builds the driver (build/driver/libholdfast.so);
#   3. starts a private MariaDB server on 127.0.0.1:3310 (datadir build/mariadb, no
#      systemd) with the user holdfast/holdfast and the database holdfast_test;
#   4. registers the driver as "Holdfast" in the system's odbcinst.ini and creates the
#      system DSN "holdfast" pointing at that server;
#   5. runs the isql smoke test (tests/smoke/isql_smoke.sh) and says how to go on.
#
#   scripts/setup.sh
#
# Environment: HOLDFAST_DB_PORT [3310], HOLDFAST_DB_DIR [build/mariadb], JOBS [nproc].
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
dsn=holdfast
export HOLDFAST_DB_PORT=${HOLDFAST_DB_PORT:-3310}
export HOLDFAST_DB_DIR=${HOLDFAST_DB_DIR:-$repo/build/mariadb}

echo "==> dependencies"
bash scripts/deps.sh

echo "==> build"
cmake -S "$repo" -B build >/dev/null
cmake --build build -j "${JOBS:-$(nproc)}" --target holdfast

echo "==> MariaDB server"
bash tests/scripts/mariadb-server.sh start
while IFS= read -r line; do export "${line?}"; done < <(bash tests/scripts/mariadb-server.sh env)

echo "==> registration"
bash odbcinst/register.sh --build-dir build --dsn "$dsn" --server "$TEST_SERVER" \
  --port "$TEST_PORT" --database "$TEST_SCHEMA" --uid "$TEST_UID" --pwd "$TEST_PASSWORD"

echo "==> isql smoke test"
TEST_DSN=$dsn TEST_DRIVER=Holdfast bash tests/smoke/isql_smoke.sh "$dsn"

cat <<EOF

Holdfast is built, registered as "Holdfast" and reachable through the DSN "$dsn"
(MariaDB on $TEST_SERVER:$TEST_PORT, database $TEST_SCHEMA, user $TEST_UID).

  isql -v $dsn                      # interactive session (ANSI entry points)
  iusql -v $dsn                     # the same through the wide (W) entry points
  isql -v -k "DRIVER={Holdfast};SERVER=$TEST_SERVER;PORT=$TEST_PORT;DATABASE=$TEST_SCHEMA;UID=$TEST_UID;PWD=$TEST_PASSWORD"

The server keeps running: tests/scripts/mariadb-server.sh status|stop|start
(with HOLDFAST_DB_PORT=$TEST_PORT). Run every test with: bash scripts/test.sh
EOF
