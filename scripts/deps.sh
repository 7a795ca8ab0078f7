#!/usr/bin/env bash
# Install what building and testing Holdfast needs (Debian 12), only if something is
# missing, so a machine that has everything is not touched.
#
#   scripts/deps.sh             the whole list below
#   scripts/deps.sh PKG...      just these packages
set -euo pipefail

all_packages=(
  cmake make g++ pkg-config                  # build
  unixodbc-dev libmariadb-dev libiniparser-dev catch2
  unixodbc odbcinst                          # driver manager, isql/iusql, odbcinst
  mariadb-server mariadb-client              # the local test server (run privately)
  python3 python3-pyodbc                     # pyodbc smoke test
  libdbd-odbc-perl php-cli php-odbc          # real-client tests (tests/clients)
  clang-14 libclang-rt-14-dev                # fuzz targets (libFuzzer, scripts/fuzz.sh)
  dpkg-dev file rpm                          # packages: dpkg-shlibdeps, CPack, rpmbuild
  openssl                                    # the TLS test makes its certificates
)
if [ $# -gt 0 ]; then packages=("$@"); else packages=("${all_packages[@]}"); fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "deps: missing packages: ${missing[*]}" >&2
  echo "deps: install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi

echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Installing mariadb-server would start the system's own server (port 3306); Holdfast runs
# a private one instead, so keep the package scripts from starting services while we
# install (only if the machine has no policy of its own).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod +x "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
