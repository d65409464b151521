#!/bin/sh
# Starts PostgreSQL on 127.0.0.1:5432 for the lab tests and creates the role 'fiveohtwo' (password 'fiveohtwo',
# may create databases: each test gets a fresh one). Run as root after deploy/lab/install.sh. Idempotent.
set -eu
export DEBIAN_FRONTEND=noninteractive
dpkg -s postgresql >/dev/null 2>&1 || { apt-get update -qq; apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }
version=$(ls /etc/postgresql | sort -n | tail -n 1)
cluster_conf=/etc/postgresql/$version/main/postgresql.conf
grep -q "^listen_addresses = '127.0.0.1'" "$cluster_conf" || echo "listen_addresses = '127.0.0.1'" >> "$cluster_conf"
pg_ctlcluster "$version" main status >/dev/null 2>&1 || pg_ctlcluster "$version" main start
i=0
until su postgres -c "psql -qAtc 'select 1'" >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 100 ] || { echo "postgres: did not start" >&2; exit 1; }; sleep 0.2
done
su postgres -c "psql -qAtc \"select 1 from pg_roles where rolname = 'fiveohtwo'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role fiveohtwo login password 'fiveohtwo' createdb\""
echo "postgres: ready on 127.0.0.1:5432 (role fiveohtwo)"
