#!/usr/bin/env bash
# Build the Holdfast .deb with CPack, install it with apt as a user would, use it, remove
# it, and check every step: the driver registered in the system's odbcinst.ini
# (`odbcinst -q -d`, UsageCount), the files in the Debian multiarch ODBC folder, a DSN
# made by `holdfast-odbc dsn add` used by isql, by `holdfast-odbc dsn test` and by the
# real clients (tests/clients/run.sh: iusql, pyodbc, Perl DBI, PHP odbc), a
# reinstall that keeps UsageCount, and a removal that unregisters the driver. Also builds
# the .rpm when rpmbuild is there and checks its contents and scripts.
#
#   packaging/test-package.sh [--build-dir DIR]     [<repo>/build]
#
# Needs root (apt-get, /etc/odbcinst.ini) and the test server: TEST_SERVER, TEST_PORT,
# TEST_UID, TEST_PASSWORD, TEST_SCHEMA (scripts/test.sh exports them). The DSN is a user
# DSN in a temporary ODBCINI; ODBCSYSINI is ignored (the package registers in /etc).
# The package is removed again on exit, whatever happened.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$repo/build
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build_dir=${2:?}; shift ;;
    *) echo "usage: $0 [--build-dir DIR]" >&2; exit 2 ;;
  esac
  shift
done

fail() { printf 'test-package: FAIL: %s\n' "$*" >&2; exit 1; }
note() { printf 'test-package: [%3ds] %s\n' "$SECONDS" "$*"; }
[ "$(id -u)" = 0 ] || fail "run as root (apt-get install, /etc/odbcinst.ini)"
for v in TEST_SERVER TEST_PORT TEST_UID TEST_PASSWORD TEST_SCHEMA; do
  [ -n "${!v:-}" ] || fail "$v is not set (start the test server; scripts/test.sh does)"
done
if dpkg-query -W -f='${db:Status-Status}' holdfast 2>/dev/null | grep -q installed; then
  fail "the holdfast package is installed already; remove it first (apt-get remove holdfast)"
fi

unset ODBCSYSINI
work=$(mktemp -d)
export ODBCINI=$work/odbc.ini
installed=no
cleanup() {
  if [ "$installed" = yes ]; then
    dpkg --purge holdfast >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The UsageCount of [Holdfast] in the system odbcinst.ini (0 when absent), so a
# registration someone else made stays as it was.
usage_count() {
  local ini
  ini=$(odbcinst -j | sed -n 's/^DRIVERS\.*: //p')
  [ -f "$ini" ] || { echo 0; return; }
  awk -F= '
    /^\[/ { in_section = ($0 ~ /^\[Holdfast\][[:space:]]*$/); next }
    in_section && $1 ~ /^[[:space:]]*UsageCount[[:space:]]*$/ { gsub(/[[:space:]]/, "", $2); count = $2 }
    in_section && $1 ~ /^[[:space:]]*Driver[[:space:]]*$/ { present = 1 }
    END { if (count != "") print count; else if (present) print 1; else print 0 }' "$ini"
}

# 1. Build the packages. The driver goes to /usr/lib/<multiarch>/odbc: GNUInstallDirs
# picks that libdir only when the first configure has prefix /usr, so a build tree
# configured otherwise is set explicitly (only install paths change).
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
odbc_dir=/usr/lib/$multiarch/odbc
cached() { sed -n "s/^$1:[A-Z]*=//p" "$build_dir/CMakeCache.txt" 2>/dev/null || true; }
if [ "$(cached CMAKE_INSTALL_PREFIX)" != /usr ] || [ "$(cached HOLDFAST_ODBC_DIR)" != "lib/$multiarch/odbc" ]; then
  cmake -S "$repo" -B "$build_dir" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_LIBDIR="lib/$multiarch" \
    -DHOLDFAST_ODBC_DIR="lib/$multiarch/odbc" >/dev/null
fi
cmake --build "$build_dir" -j "${JOBS:-2}" --target holdfast holdfast_setup holdfast-odbc \
  holdfast_package_docs >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "build failed"; }
rm -f "$build_dir"/holdfast_*.deb "$build_dir"/holdfast-*.rpm
generators=DEB
if command -v rpmbuild >/dev/null; then generators="DEB;RPM"; fi
(cd "$build_dir" && cpack -G "$generators" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$build_dir"/holdfast_*.deb)
version=$(cached CMAKE_PROJECT_VERSION)
note "built $(basename "$deb") (project version $version)"

expected_files=("$odbc_dir/libholdfast.so" "$odbc_dir/libholdfastS.so" /usr/bin/holdfast-odbc
  /usr/include/holdfast/holdfast.h /usr/share/holdfast/holdfast.ini
  /usr/share/doc/holdfast/README.md /usr/share/doc/holdfast/copyright
  /usr/share/doc/holdfast/changelog.Debian.gz /usr/share/man/man1/holdfast-odbc.1.gz)
contents=$(dpkg-deb -c "$deb")
for f in "${expected_files[@]}"; do
  grep -q " \.$f\$" <<<"$contents" || fail "$f is not in the .deb"
done
depends=$(dpkg-deb -f "$deb" Depends)
for d in libmariadb3 libodbc2 libodbcinst2 odbcinst; do
  grep -Eq "(^|, )$d( |,|$)" <<<"$depends" || fail ".deb Depends lacks $d: $depends"
done
note "Depends: $depends"

if [[ $generators == *RPM* ]]; then
  rpm_file=$(ls "$build_dir"/holdfast-*.rpm)
  rpm_list=$(rpm -qlp "$rpm_file" 2>/dev/null)
  for f in "${expected_files[@]}"; do
    grep -qx "$f" <<<"$rpm_list" || fail "$f is not in the .rpm"
  done
  rpm -qp --scripts "$rpm_file" 2>/dev/null | grep -q 'odbcinst -i -d -f' || fail "the .rpm has no %post registration"
  note "built $(basename "$rpm_file"): contents and scripts checked"
fi

# 2. Install with apt, as the README says.
before=$(usage_count)
installed=yes
(cd "$(dirname "$deb")" && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "./$(basename "$deb")" >"$work/apt.log" 2>&1) ||
  { cat "$work/apt.log" >&2; fail "apt-get install failed"; }
for f in "${expected_files[@]}"; do [ -f "$f" ] || fail "$f missing after install"; done
odbcinst -q -d | grep -qx '\[Holdfast\]' || fail "odbcinst -q -d does not list Holdfast"
[ "$(odbcinst -q -d -n Holdfast | sed -n 's/^Driver=//p')" = "$odbc_dir/libholdfast.so" ] ||
  fail "odbcinst.ini's Driver is not $odbc_dir/libholdfast.so"
[ "$(usage_count)" = $((before + 1)) ] || fail "UsageCount $(usage_count) after install, expected $((before + 1))"
[ "$(holdfast-odbc --version)" = "holdfast-odbc $version" ] || fail "holdfast-odbc --version: $(holdfast-odbc --version)"
note "installed: odbcinst lists Holdfast (UsageCount $(usage_count)), holdfast-odbc $version"

# 3. Use it: a DSN from the tool, isql through it, the tool's own test.
holdfast-odbc dsn add pkgtest --user SERVER="$TEST_SERVER" PORT="$TEST_PORT" \
  DATABASE="$TEST_SCHEMA" UID="$TEST_UID" PWD="$TEST_PASSWORD" >/dev/null
out=$(printf 'SELECT 40 + 2 AS answer\n' | isql -b -v pkgtest 2>&1) || fail "isql failed: $out"
grep -qw 42 <<<"$out" || fail "isql did not return 42: $out"
out=$(holdfast-odbc dsn test pkgtest 2>&1) || fail "holdfast-odbc dsn test failed: $out"
grep -q "resilience       active" <<<"$out" && grep -q '^OK$' <<<"$out" || fail "dsn test output: $out"
note "isql and holdfast-odbc dsn test work through the installed driver"

# The real clients (tests/clients: iusql, pyodbc, Perl DBI, PHP odbc) through the
# installed driver, by the DSN above and by DRIVER={Holdfast}.
clients=(iusql pyodbc perl)
if TEST_DRIVER=Holdfast bash "$repo/tests/clients/run.sh" --check php 2>"$work/check.log"; then
  clients+=(php)
else
  note "php client not run: $(cat "$work/check.log")"
fi
TEST_DSN=pkgtest TEST_DRIVER=Holdfast bash "$repo/tests/clients/run.sh" "${clients[@]}" >"$work/clients.log" 2>&1 ||
  { cat "$work/clients.log" >&2; fail "real clients failed through the installed driver"; }
note "clients ${clients[*]} work through the installed driver"

# The tool's own registration uses the installed paths and shares the UsageCount.
holdfast-odbc driver register >/dev/null || fail "holdfast-odbc driver register failed"
[ "$(usage_count)" = $((before + 2)) ] || fail "UsageCount $(usage_count) after holdfast-odbc driver register"
[ "$(odbcinst -q -d -n Holdfast | sed -n 's/^Setup=//p')" = "$odbc_dir/libholdfastS.so" ] ||
  fail "holdfast-odbc driver register did not name $odbc_dir/libholdfastS.so as Setup"
holdfast-odbc driver unregister >/dev/null || fail "holdfast-odbc driver unregister failed"
[ "$(usage_count)" = $((before + 1)) ] || fail "UsageCount $(usage_count) after holdfast-odbc driver unregister"

# 4. Reinstalling keeps the package's one UsageCount.
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "reinstall failed"; }
[ "$(usage_count)" = $((before + 1)) ] || fail "UsageCount $(usage_count) after reinstall, expected $((before + 1))"

# 5. Remove and purge: unregistered (or back to what others hold), files gone.
dpkg -r holdfast >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "dpkg -r failed"; }
[ "$(usage_count)" = "$before" ] || fail "UsageCount $(usage_count) after remove, expected $before"
if [ "$before" = 0 ] && odbcinst -q -d | grep -qx '\[Holdfast\]'; then
  fail "Holdfast is still registered after removal"
fi
for f in "${expected_files[@]}"; do [ ! -e "$f" ] || fail "$f left after removal"; done
dpkg --purge holdfast >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; fail "purge failed"; }
installed=no
[ ! -e /var/lib/holdfast ] || fail "/var/lib/holdfast left after purge"
note "removed and purged: driver unregistered (UsageCount back to $before)"
note "PASS"
