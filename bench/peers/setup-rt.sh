#!/usr/bin/env bash
# Installs Request Tracker 5 from Debian against the local PostgreSQL (127.0.0.1:5432, trust
# auth) and starts it on 127.0.0.1:8090 only. Idempotent: a second run skips what is done.
# Run as root. See bench/README.md ("Peers").
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${RT_PORT:-8090}"

if ! dpkg -s request-tracker5 rt5-db-postgresql rt5-standalone >/dev/null 2>&1; then
  # The answers dbconfig-common and RT's own questions need, so the install asks nothing.
  debconf-set-selections "$here/rt-preseed.txt"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    request-tracker5 rt5-db-postgresql rt5-standalone >&2
fi

if ! curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  # Starlet, preforking (RT's default for rt-server): loopback only.
  setsid /usr/share/request-tracker5/libexec/rt-server --host 127.0.0.1 --port "$port" \
    >/tmp/rt-server.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 1
  done
fi
curl -s -o /dev/null -w "RT answers on 127.0.0.1:$port (HTTP %{http_code})\n" "http://127.0.0.1:$port/"
